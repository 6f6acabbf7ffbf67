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

// TestInterventionsInBrowser adds an intervention through the form as an
// analyst in a real browser, lands on its page, then opens the savings
// ledger; both pages show what was entered and costed, and have no
// accessibility problems the audit finds.
func TestInterventionsInBrowser(t *testing.T) {
	chromium := findChromium(t)
	s := newSignInServer(t, Identity{})
	token, _ := s.token(t, "manager", time.Hour)
	if rec := s.postJSON("/api/interventions", token, edgeBody); rec.Code != 201 {
		t.Fatalf("adding the edge of care service: %d %s", rec.Code, rec.Body)
	}
	if rec := s.postJSON("/api/interventions", token, panel2024Body); rec.Code != 201 {
		t.Fatalf("adding the 2024 panel: %d %s", rec.Code, rec.Body)
	}
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	b := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(b.tab, 120*time.Second)
	defer cancel()
	walk := browserWalk{t: t, ctx: ctx, base: srv.URL}
	open, fill := walk.open, walk.fill
	walk.signInAs("analyst")
	open("opening the form", chromedp.Navigate(srv.URL+"/interventions/new"))
	fill("filling in the intervention",
		chromedp.SetValue(chromedp.ID("name"), "Reception into care panel"),
		chromedp.SetValue(chromedp.ID("start"), "01/04/2026"),
		chromedp.SetValue(chromedp.ID("series"), "starts, starts_age_10_15"),
		chromedp.SetValue(chromedp.ID("effect"), "-20%"),
		chromedp.SetValue(chromedp.ID("annual_cost"), "£120,000"),
		chromedp.SetValue(chromedp.ID("programme"), "Front door"),
		chromedp.SetValue(chromedp.ID("rank"), "1"),
		chromedp.SetValue(chromedp.ID("scenario"), "entry_change_percent: -15"),
	)
	status, where := open("adding the intervention", chromedp.Click(chromedp.ID("record")))
	if status != 200 || !regexp.MustCompile(`^/interventions/\d+$`).MatchString(where) {
		t.Fatalf("added: %d at %q, want the intervention's page", status, where)
	}
	record, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("record")))
	if err != nil || !strings.Contains(record, "Children who started to be looked after (starts)") || !strings.Contains(record, "-20%") || !strings.Contains(record, "£120,000") {
		t.Errorf("the intervention's record: %q, %v", record, err)
	}
	for _, page := range []string{where, "/interventions/2", "/savings"} {
		_, audit, _, err := b.visit(srv.URL+page, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(audit.Problems) > 0 {
			t.Errorf("%s: accessibility: %v", page, audit.Problems)
		}
		if page == "/savings" {
			for _, want := range []string{"Net savings to book: £", "Overlap: counted twice"} {
				if !strings.Contains(audit.Prose, want) {
					t.Errorf("the savings page has no %q:\n%.3000s", want, audit.Prose)
				}
			}
		}
	}
	checkEvaluation(ctx, t, func(what string, steps ...chromedp.Action[chromedp.Void]) { open(what, steps...) }, srv.URL)
	open("opening the ledger", chromedp.Navigate(srv.URL+"/savings"))
	tables, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"1. Front door", "2. Edge of care", "2026/27 Q1", "Evaluation against the pre-period trend: Panel 2024 (starts: ",
		"Reception into care panel (starts: too early to tell"} {
		if err != nil || !strings.Contains(tables, want) {
			t.Errorf("the savings page has no %q (%v)", want, err)
		}
	}
	fill("choosing an even split", chromedp.Click(chromedp.ID("split-even")))
	if status, got := open("splitting evenly", chromedp.Click(chromedp.ID("resplit"))); status != 200 || got != "/savings?split=even" {
		t.Errorf("split evenly: %d at %q", status, got)
	}
	total, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("net-total")))
	if err != nil || !strings.Contains(total, "Net savings to book: £") {
		t.Errorf("the net total split evenly: %q, %v", total, err)
	}
}

// checkEvaluation opens the 2024 panel's page: its evaluation shows, for
// each series Village counts, the words, the change in level and the
// re-based chart in two parts, and says which series it cannot count.
func checkEvaluation(ctx context.Context, t *testing.T, open func(string, ...chromedp.Action[chromedp.Void]), base string) {
	t.Helper()
	open("opening the 2024 panel", chromedp.Navigate(base+"/interventions/2"))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("evaluation")))
	if err != nil {
		t.Fatalf("reading the evaluation: %v", err)
	}
	for _, want := range []string{"Children who started to be looked after", "since July 2024", "Change in level", "95% interval",
		"Months observed from the start", "21 (and ", "Control chart, re-based at the start", "local_panel_decisions", "not a series Village counts"} {
		if !strings.Contains(text, want) {
			t.Errorf("the evaluation has no %q:\n%.3000s", want, text)
		}
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#evaluation section[data-series="starts"] svg[role=img]').length`))
	if err != nil || charts != 2 {
		t.Errorf("the starts evaluation has %d charts (%v); want 2, before and from the start", charts, err)
	}
}
