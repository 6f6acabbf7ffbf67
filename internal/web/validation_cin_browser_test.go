package web

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// cinRowsInBrowser is what the browser finds on a CIN census rule's
// failures page once a reason is given: the table's caption and each
// row's cells.
type cinRowsInBrowser struct {
	Caption string     `json:"caption"`
	Rows    [][]string `json:"rows"`
}

// testCINValidationInBrowser checks the CIN census's validation pages in
// the browser as the crawl checks every page (loading, accessibility,
// contrast), then follows /validation's link to a CIN rule's failures,
// gives a reason and finds each failing row with its child.
func testCINValidationInBrowser(t *testing.T, b *chromiumTab) {
	a := synthetic(t)
	srv := httptest.NewServer(newServer(t, a, Options{Store: cinValidatedStore(t, a)}).Handler())
	defer srv.Close()
	rows := cinValidation.failuresHref("1520", 2026)
	links := checkPageInBrowser(t, b, srv.URL, "/validation", nil, nil)
	if !slices.Contains(links, srv.URL+rows) {
		t.Errorf("/validation in the browser does not link to %s", rows)
	}
	for _, ref := range []string{rows, ruleHref("8670Q", 2026)} {
		checkPageInBrowser(t, b, srv.URL, ref, nil, nil)
	}

	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+rows)); err != nil {
		t.Fatalf("loading %s: %v", rows, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.SendKeys(chromedp.ID("reason"), "correcting the census")); err != nil {
		t.Fatalf("giving a reason: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS("form button[type=submit]"))); err != nil {
		t.Fatalf("submitting the reason: %v", err)
	}
	// The click loads the page of rows: wait for its table, whose queries
	// carry on across the navigation, then read it.
	if _, err := chromedp.Run(ctx, chromedp.WaitVisible(chromedp.CSS("main table caption"))); err != nil {
		t.Fatalf("waiting for the failing rows: %v", err)
	}
	// The element shows as soon as it is parsed, before a long page's
	// last rows are: count them once the document is complete.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("document.readyState === 'complete'", chromedp.WithPollingTimeout(0))); err != nil {
		t.Fatalf("waiting for the whole page: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[cinRowsInBrowser](`({
  caption: document.querySelector('main table caption').textContent.trim(),
  rows: [...document.querySelectorAll('main table tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
})`))
	if err != nil {
		t.Fatalf("reading the failing rows: %v", err)
	}
	want := [][]string{
		{"ChildIdentifiers row 1 (cin-census.xml line 12)", "CIN0001", "UPN=A123456789012", "UPN A123456789012 is the UPN of 2 children"},
		{"ChildIdentifiers row 2 (cin-census.xml line 26)", "CIN0002", "UPN=A123456789012", "UPN A123456789012 is the UPN of 2 children"},
	}
	if !strings.Contains(got.Caption, "CIN census 2025/26") || !slices.EqualFunc(got.Rows, want, slices.Equal[[]string]) {
		t.Errorf("the rows of rule 1520 in the browser: %q %q; want %q", got.Caption, got.Rows, want)
	}
}
