package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// testFamiliesInBrowser loads /families in the browser: it loads
// cleanly, passes the accessibility and contrast checks, and shows each
// figure of /api/families beside its title.
func testFamiliesInBrowser(t *testing.T, b *chromiumTab) {
	a := synthetic(t)
	srv := httptest.NewServer(newServer(t, a, Options{Store: fakeStore(), Families: syntheticFamilies(a)}).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/families")
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Figures []familyRow `json:"figures"`
	}
	err = json.NewDecoder(resp.Body).Decode(&api)
	resp.Body.Close()
	if err != nil || len(api.Figures) != 3 {
		t.Fatalf("/api/families: %v, %d figures", err, len(api.Figures))
	}
	var pairs []besidePair
	for _, f := range api.Figures {
		pairs = append(pairs, besidePair{ID: f.ID, Title: f.Title, Values: []string{f.Shown}})
	}
	status, audit, failures, err := b.visit(srv.URL+"/families", pairs)
	if err != nil {
		t.Fatalf("/families: %v", err)
	}
	if status != http.StatusOK || len(failures) > 0 || len(audit.Problems) > 0 {
		t.Errorf("/families: status %d, failures %q, accessibility %q", status, failures, audit.Problems)
	}
	if problems := contrastProblems(audit.Samples); len(problems) > 0 {
		t.Errorf("/families: colour contrast: %q", problems)
	}
	for i, p := range pairs {
		if i >= len(audit.Beside) || !audit.Beside[i] {
			t.Errorf("/families: %s (%s in /api/families) is not shown beside its title %q", p.ID, p.Values[0], p.Title)
		}
	}
}
