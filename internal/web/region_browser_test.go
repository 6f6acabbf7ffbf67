package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/village-uk/village/internal/app"
)

// TestRegionInBrowser opens /region in Chromium from the overview's
// navigation: it loads cleanly, passes the accessibility and contrast
// checks, and shows each member's cla_end beside the group's total and the
// children counted once as /api/region gives them.
func TestRegionInBrowser(t *testing.T) {
	chromium := findChromium(t)
	a := synthetic(t)
	st := regionStoreWith(t, 3, syntheticRegionFigures(t, a))
	h := newServer(t, a, Options{Store: st}).Handler()
	srv := httptest.NewServer(h)
	defer srv.Close()
	var api struct {
		Groups []app.RegionView `json:"groups"`
	}
	if err := json.Unmarshal([]byte(regionGet(t, h, "/api/region")), &api); err != nil || len(api.Groups) != 1 || len(api.Groups[0].Periods) != 1 {
		t.Fatalf("/api/region: %v, %+v", err, api)
	}
	latest := api.Groups[0].Periods[0]

	tab := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(tab.tab, 3*time.Minute)
	defer cancel()
	b := browserWalk{t: t, ctx: ctx, base: srv.URL}
	b.open("opening the overview", chromedp.Navigate(srv.URL+"/"))
	if status, where := b.open("following Region", chromedp.Click(chromedp.CSS(`a[href="/region"]`))); status != http.StatusOK || where != "/region" {
		t.Fatalf("the navigation's Region: %d at %s", status, where)
	}
	for _, row := range latest.Rows {
		if row.ID != "cla_end" {
			continue
		}
		got := strings.Fields(b.text(`tr[id="0-cla_end"]`))
		want := append(append([]string{}, row.Members...), row.Group)
		if len(got) < len(want) || strings.Join(got[len(got)-len(want):], " ") != strings.Join(want, " ") {
			t.Errorf("/region's cla_end row: %q, want it to end %q", got, want)
		}
	}
	var once string
	for _, row := range latest.Rows {
		if row.ID == app.RegionCountedOnce {
			once = row.Group
		}
	}
	if got := b.text("#counted-once-0"); !strings.Contains(got, once+" counted once") || !strings.Contains(got, "care taken over by another member") {
		t.Errorf("/region's counted-once line: %q, want %s counted once", got, once)
	}
	status, audit, failures, err := tab.visit(srv.URL+"/region", nil)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusOK || len(failures) > 0 || len(audit.Problems) > 0 {
		t.Errorf("/region: status %d, failures %q, accessibility %q", status, failures, audit.Problems)
	}
	if problems := contrastProblems(audit.Samples); len(problems) > 0 {
		t.Errorf("/region: colour contrast: %q", problems)
	}
}
