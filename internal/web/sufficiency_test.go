package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/village-uk/village/internal/placements"
	"github.com/village-uk/village/internal/synth"
)

// syntheticSupply is the synthetic authority's own foster carers, written
// as village synth writes carers.csv and read back as village serve reads
// it, so that the two keep to one layout.
func syntheticSupply(t testing.TB, a authority) placements.Supply {
	t.Helper()
	var file bytes.Buffer
	if err := synth.WriteCarersCSV(&file, a.res.Carers(8)); err != nil {
		t.Fatal(err)
	}
	carers, err := placements.ReadCarers("carers.csv", &file)
	if err != nil {
		t.Fatal(err)
	}
	return placements.Supply{Carers: carers}
}

// TestSufficiency checks the /sufficiency page: for analysts the need by
// age band and type, the carers and the gap; in publishable mode no
// two-way table of children; partners refused.
func TestSufficiency(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Supply: syntheticSupply(t, a)}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/sufficiency", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /sufficiency: %d\n%.2000s", code, body)
	}
	checkAccessible(t, "/sufficiency", body)
	for _, want := range []string{"Children looked after by placement type and age band", "Fostering (in-house)",
		"Households approved by the day", "all ages", "No Ofsted providers list", "own provision (PLACE_PROVIDER PR1)"} {
		if !strings.Contains(body, want) {
			t.Errorf("/sufficiency does not say %q", want)
		}
	}
	_, body = fetch(t, newServer(t, a, Options{Store: fakeStore(), Publishable: true, Supply: syntheticSupply(t, a)}).Handler(), http.MethodGet, "/sufficiency", nil)
	if strings.Contains(body, "Children looked after by placement type and age band") || strings.Contains(body, "The gap:") {
		t.Error("publishable /sufficiency shows the two-way table of children")
	}
	s := newSignInServer(t, Identity{})
	s.h = newServer(t, a, Options{Store: s.store, Identity: Identity{Accounts: s.acc}}).Handler()
	for role, want := range map[string]int{"analyst": http.StatusOK, "manager": http.StatusOK, "partner": http.StatusForbidden} {
		if rec := s.do(http.MethodGet, "/sufficiency", s.session(t, role), nil); rec.Code != want {
			t.Errorf("%s GET /sufficiency: %d, want %d", role, rec.Code, want)
		}
	}
}

// sufficiencyInBrowser is what the browser finds on /sufficiency.
type sufficiencyInBrowser struct {
	Captions []string `json:"captions"`
	GapRows  []string `json:"gapRows"`
}

// testSufficiencyInBrowser checks the navigation links to /sufficiency,
// then its tables: the need, the carers, and the gap by age band with a
// row for all ages.
func testSufficiencyInBrowser(t *testing.T, b *chromiumTab) {
	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(server(t).URL+"/")); err != nil {
		t.Fatalf("loading the overview: %v", err)
	}
	linked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('nav a[href="/sufficiency"]')`))
	if err != nil || !linked {
		t.Errorf("the navigation does not link to /sufficiency (%v)", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(server(t).URL+"/sufficiency")); err != nil {
		t.Fatalf("loading /sufficiency: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[sufficiencyInBrowser](`location.pathname === '/sufficiency' && document.querySelectorAll('main table').length >= 3 && {
  captions: [...document.querySelectorAll('main caption')].map((c) => c.textContent.trim()),
  gapRows: [...document.querySelectorAll('main table')[2].querySelectorAll('tbody th')].map((th) => th.textContent.trim()),
}`))
	if err != nil {
		t.Fatalf("reading /sufficiency: %v", err)
	}
	if len(got.Captions) != 3 || !strings.HasPrefix(got.Captions[0], "Children looked after by placement type and age band") ||
		!strings.HasPrefix(got.Captions[2], "The gap") {
		t.Errorf("/sufficiency's tables are %q; want the need, the carers and the gap", got.Captions)
	}
	if want := []string{"0–4", "5–9", "10–15", "16–17", "all ages"}; strings.Join(got.GapRows, "|") != strings.Join(want, "|") {
		t.Errorf("the gap's rows are %q, want %q", got.GapRows, want)
	}
}
