package web

import (
	"encoding/json"
	"net/http"
	"testing"

	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
)

// testFrontDoorInBrowser loads the front door's overview and one
// indicator's page in the browser: each loads cleanly and passes the
// accessibility and contrast checks, the overview shows each figure of
// /api/front-door beside its indicator's title, and the indicator's page
// draws its chart.
func testFrontDoorInBrowser(t *testing.T, b *chromiumTab) {
	base := server(t).URL
	resp, err := http.Get(base + "/api/front-door")
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Indicators []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
			Shown string `json:"shown"`
		} `json:"indicators"`
	}
	err = json.NewDecoder(resp.Body).Decode(&api)
	resp.Body.Close()
	if err != nil || len(api.Indicators) != len(cinind.All()) {
		t.Fatalf("/api/front-door: %v, %d indicators", err, len(api.Indicators))
	}
	var pairs []besidePair
	for _, ind := range api.Indicators {
		shown := ind.Shown
		if shown == "x" {
			shown = notAvailable
		}
		pairs = append(pairs, besidePair{ID: ind.ID, Title: ind.Title, Values: []string{shown}})
	}
	// The server computes each year's figures once; asked for here, they
	// are not computed while the browser waits for the page.
	if code, _ := get(t, "/front-door/cin_referrals"); code != http.StatusOK {
		t.Fatalf("/front-door/cin_referrals: %d", code)
	}
	for _, c := range []struct {
		path   string
		pairs  []besidePair
		charts int
	}{
		{"/front-door", pairs, 0},
		{"/front-door/cin_referrals", nil, 1},
	} {
		status, audit, failures, err := b.visit(base+c.path, c.pairs)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if status != http.StatusOK || len(failures) > 0 || len(audit.Problems) > 0 {
			t.Errorf("%s: status %d, failures %q, accessibility %q", c.path, status, failures, audit.Problems)
		}
		if problems := contrastProblems(audit.Samples); len(problems) > 0 {
			t.Errorf("%s: colour contrast: %q", c.path, problems)
		}
		for i, p := range c.pairs {
			if i >= len(audit.Beside) || !audit.Beside[i] {
				t.Errorf("%s: %s (%s in /api/front-door) is not shown beside its title %q", c.path, p.ID, p.Values[0], p.Title)
			}
		}
		if audit.Charts < c.charts {
			t.Errorf("%s: %d charts, want %d", c.path, audit.Charts, c.charts)
		}
	}
}
