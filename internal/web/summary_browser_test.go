package web

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// summaryInBrowser is what the browser finds on the overview: its h2
// headings in order, and each sparkline's accessible name.
type summaryInBrowser struct {
	Headings   []string `json:"headings"`
	Sparklines []string `json:"sparklines"`
}

// testSummaryInBrowser checks the overview opens with the director's
// summary, before every indicator's table, and that each sparkline has an
// accessible name a screen reader reads.
func testSummaryInBrowser(t *testing.T, b *chromiumTab) {
	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(server(t).URL+"/")); err != nil {
		t.Fatalf("loading the overview: %v", err)
	}
	// Poll waits for the condition: the page's tables are there.
	got, err := chromedp.Run(ctx, chromedp.Poll[summaryInBrowser](`document.getElementById('every-indicator') && {
  headings: [...document.querySelectorAll('main h2')].map((h) => h.textContent.trim()),
  sparklines: [...document.querySelectorAll('svg.village-sparkline')].map((s) =>
    (s.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim()),
}`))
	if err != nil {
		t.Fatalf("reading the overview: %v", err)
	}
	if len(got.Headings) < 2 || !strings.Contains(got.Headings[0], "summary to 31 March 2026") || got.Headings[1] != "Every indicator" {
		t.Errorf("the overview's h2 headings are %q; want the summary first, then every indicator", got.Headings)
	}
	if len(got.Sparklines) < 6 {
		t.Errorf("%d sparklines; want one for each of 6 to 8 key measures", len(got.Sparklines))
	}
	for _, name := range got.Sparklines {
		if !strings.Contains(name, ", the 12 months to each month end: ") {
			t.Errorf("sparkline named %q; want what it shows and its first and last figures", name)
		}
	}
}
