package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// benchmarkInBrowser is what the browser finds in the comparison panel.
type benchmarkInBrowser struct {
	Heading string     `json:"heading"`
	Rows    [][]string `json:"rows"`
	Funnel  string     `json:"funnel"` // the funnel plot's accessible name
	Own     int        `json:"own"`    // the authority's marks on it
	Others  int        `json:"others"`
	Series  int        `json:"series"` // rows of the year-by-year table
	Width   float64    `json:"width"`  // the funnel plot's drawn width
}

// testBenchmarkInBrowser checks an indicator's page shows the authority
// against England, the region and its neighbours: the table, a funnel
// plot with an accessible name and the authority marked, and the years.
func testBenchmarkInBrowser(t *testing.T, b *chromiumTab) {
	for _, path := range []string{"/indicators/cla_rate_per_10k", "/front-door/re_referrals_12m_share"} {
		ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
		if _, err := chromedp.Run(ctx, chromedp.Navigate(benchmarkServer(t).URL+path)); err != nil {
			cancel()
			t.Fatalf("loading %s: %v", path, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Poll[benchmarkInBrowser](`document.getElementById('benchmark') && (() => {
  const panel = document.getElementById('benchmark');
  const funnel = panel.querySelector('svg.village-funnel');
  const named = (s) => (s.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ');
  return {
    heading: panel.querySelector('h2').textContent.trim(),
    rows: [...panel.querySelectorAll('.village-benchmark-table tr')].map((r) => [...r.children].map((c) => c.textContent.trim())),
    funnel: funnel ? named(funnel) : '',
    own: funnel ? funnel.querySelectorAll('circle.village-own').length : 0,
    others: funnel ? funnel.querySelectorAll('circle.village-other').length : 0,
    series: panel.querySelectorAll('.village-benchmark-series tbody tr').length,
    width: funnel ? funnel.getBoundingClientRect().width : 0,
  };
})()`))
		cancel()
		if err != nil {
			t.Fatalf("reading the comparison on %s: %v", path, err)
		}
		if got.Heading != "Compared with England, the region and neighbours" {
			t.Errorf("%s: panel heading %q", path, got.Heading)
		}
		labels := ""
		for _, r := range got.Rows {
			if len(r) != 2 || r[1] == "" {
				t.Errorf("%s: row %q has no figure", path, r)
			}
			labels += r[0] + "; "
		}
		for _, want := range []string{"England", "The region (North East)", "Statistical neighbours", "Rank (1 is the highest)", "99.8% limits"} {
			if !strings.Contains(labels, want) {
				t.Errorf("%s: the panel's rows %q have no %q", path, labels, want)
			}
		}
		if !strings.Contains(got.Funnel, "Funnel plot") || got.Own != 1 || got.Others < 100 || got.Width < 200 {
			t.Errorf("%s: funnel plot named %q, %d own marks, %d others, %v wide", path, got.Funnel, got.Own, got.Others, got.Width)
		}
		if got.Series < 3 {
			t.Errorf("%s: %d years against England, want the tables' years", path, got.Series)
		}
	}
}
