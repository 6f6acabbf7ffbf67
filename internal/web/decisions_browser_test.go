package web

import (
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDecisionInBrowser records a decision through the form as a manager,
// then signs in as the lead it names and acknowledges it, in a real
// browser; the decision's page then shows the acknowledgement and the
// timeline, and has no accessibility problems the audit finds.
func TestDecisionInBrowser(t *testing.T) {
	chromium := findChromium(t)
	srv := httptest.NewServer(newRegisterServer(t).h)
	t.Cleanup(srv.Close)
	b := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(b.tab, 90*time.Second)
	defer cancel()

	walk := browserWalk{t: t, ctx: ctx, base: srv.URL}
	open, fill, signInAs := walk.open, walk.fill, walk.signInAs

	signInAs("manager")
	open("opening the form", chromedp.Navigate(srv.URL+"/decisions/new"))
	fill("filling in the decision",
		chromedp.SetValue(chromedp.ID("title"), "Merge the looked-after health clinics"),
		chromedp.SetValue(chromedp.ID("agency"), "health"),
		chromedp.SetValue(chromedp.ID("decided"), "2026-11-02"),
		chromedp.SetValue(chromedp.ID("effective"), "2026-12-01"),
		chromedp.SetValue(chromedp.ID("summary"), "Health assessments move to one clinic."),
		chromedp.Click(chromedp.ID("cohort-looked_after")),
	)
	status, where := open("recording the decision", chromedp.Click(chromedp.ID("record")))
	if status != 200 || !regexp.MustCompile(`^/decisions/\d+$`).MatchString(where) {
		t.Fatalf("recorded: %d at %q, want the decision's page", status, where)
	}
	notices, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("notices")))
	if err != nil || !strings.Contains(notices, "partner") || !strings.Contains(notices, "Waiting") {
		t.Errorf("the leads to tell: %q, %v; want the partner, waiting", notices, err)
	}
	open("signing out", chromedp.Navigate(srv.URL+"/sign-out"))
	open("signing out", chromedp.Click(chromedp.CSS(`form[action="/sign-out"] button`)))

	signInAs("partner")
	open("opening the decision", chromedp.Navigate(srv.URL+where))
	fill("answering", chromedp.Click(chromedp.ID("response-needs_discussion")), chromedp.SetValue(chromedp.ID("comment"), "Travel for placements out of area."))
	if status, got := open("acknowledging", chromedp.Click(chromedp.ID("acknowledge"))); status != 200 || got != where+"#acknowledgements" {
		t.Errorf("acknowledged: %d at %q", status, got)
	}
	notices, err = chromedp.Run(ctx, chromedp.Text(chromedp.ID("notices")))
	if err != nil || !strings.Contains(notices, "Acknowledged") {
		t.Errorf("after acknowledging, the leads: %q, %v", notices, err)
	}
	timeline, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("timeline")))
	if err != nil || !strings.Contains(timeline, "manager: recorded, Decided") || !strings.Contains(timeline, "partner: acknowledged by partner: Needs discussion") {
		t.Errorf("the timeline: %q, %v", timeline, err)
	}
	_, audit, _, err := b.visit(srv.URL+where, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit.Problems) > 0 {
		t.Errorf("%s: accessibility: %v", where, audit.Problems)
	}
	if !strings.Contains(audit.Prose, "Travel for placements out of area.") {
		t.Errorf("the decision's page does not show the comment:\n%.2000s", audit.Prose)
	}
}
