package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
)

// testFrontDoorChildrenInBrowser follows, as the analyst the shared
// server serves, a CIN indicator's numerator for 2025/26 to the
// drill-down, checks that page as the crawl checks every page, gives a
// reason and finds each child counted listed once.
func testFrontDoorChildrenInBrowser(t *testing.T, b *chromiumTab) {
	base := server(t).URL
	ind := cinind.ByID("cin_referrals")
	want := len(testForecastServer.cinFigure(ind, 2026).Value.Children)
	href := cinChildrenHref(ind, 2026)
	checkPageInBrowser(t, b, base, href, nil, nil)

	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/front-door/cin_referrals")); err != nil {
		t.Fatalf("loading /front-door/cin_referrals: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS(`main a[href="`+href+`"]`))); err != nil {
		t.Fatalf("following the numerator's link: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.SendKeys(chromedp.ID("reason"), "checking referrals")); err != nil {
		t.Fatalf("giving a reason: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Click(chromedp.CSS("main form button[type=submit]"))); err != nil {
		t.Fatalf("submitting the reason: %v", err)
	}
	// The click loads the list: wait for it, then count its children.
	if _, err := chromedp.Run(ctx, chromedp.WaitVisible(chromedp.CSS("main ul.village-ids"))); err != nil {
		t.Fatalf("waiting for the IDs: %v", err)
	}
	// The element shows as soon as it is parsed, before a long page's
	// last rows are: count them once the document is complete.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("document.readyState === 'complete'", chromedp.WithPollingTimeout(0))); err != nil {
		t.Fatalf("waiting for the whole page: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main ul.village-ids li button').length`))
	if err != nil {
		t.Fatalf("counting the IDs: %v", err)
	}
	if got != want || want == 0 {
		t.Errorf("the browser lists %d children, want the %d counted", got, want)
	}
}
