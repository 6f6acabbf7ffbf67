package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fetched is what fetching an export link in the page gave.
type fetched struct {
	Href   string `json:"href"`
	Status int    `json:"status"`
	Type   string `json:"type"`
	Text   string `json:"text"` // the body, for CSV
}

// TestDecisionReportInBrowser signs in as the partner in a real browser,
// fetches each export link of the register as the page gives it (the
// partner's CSV says c where the count is 3), follows the link to the
// yearly report, asks for a year through its form, and checks the page
// and its accessibility.
func TestDecisionReportInBrowser(t *testing.T) {
	chromium := findChromium(t)
	s := newRegisterServer(t)
	analyst, _ := s.token(t, "analyst", time.Hour)
	partner, _ := s.token(t, "partner", time.Hour)
	if rec := s.postJSON("/api/decisions", analyst, decisionBody); rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/decisions: %d %s", rec.Code, rec.Body)
	}
	if rec := s.postJSON("/api/decisions/1/acknowledgements", partner, `{"response": "concerns", "comment": "Placements out of area."}`); rec.Code != http.StatusCreated {
		t.Fatalf("acknowledging: %d %s", rec.Code, rec.Body)
	}
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	b := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(b.tab, 90*time.Second)
	defer cancel()
	walk := browserWalk{t: t, ctx: ctx, base: srv.URL}
	open, do := walk.open, walk.fill
	walk.signInAs("partner")
	open("opening the register", chromedp.Navigate(srv.URL+"/decisions?cohort=send"))
	files, err := chromedp.Run(ctx, chromedp.Evaluate[[]fetched](`Promise.all([...document.querySelectorAll('#register-exports a')].map(async a => {
		const r = await fetch(a.href);
		const type = r.headers.get('Content-Type');
		return {href: a.getAttribute('href'), status: r.status, type: type, text: type.startsWith('text/csv') ? await r.text() : ''};
	}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetching the export links: %v", err)
	}
	want := map[string]string{
		"/decisions.xlsx?agency=&cohort=send&status=":                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"/decisions.csv?agency=&cohort=send&status=":                  "send c (entered)",
		"/decisions/acknowledgements.csv?agency=&cohort=send&status=": "Placements out of area.",
		"/decisions/report": "text/html",
	}
	for _, f := range files {
		w, ok := want[f.Href]
		if !ok {
			t.Errorf("an export link to %s", f.Href)
			continue
		}
		delete(want, f.Href)
		if f.Status != 200 || !strings.Contains(f.Type+f.Text, w) {
			t.Errorf("%s: %d %s, want %q:\n%s", f.Href, f.Status, f.Type, w, f.Text)
		}
		if strings.Contains(f.Text, "send 3") {
			t.Errorf("%s shows the partner a count of 3", f.Href)
		}
	}
	for href := range want {
		t.Errorf("no export link to %s", href)
	}

	if status, where := open("following the report's link", chromedp.Click(chromedp.CSS(`#register-exports a[href="/decisions/report"]`))); status != 200 || where != "/decisions/report" {
		t.Fatalf("the report's link: %d at %q", status, where)
	}
	do("asking for 2026/27", chromedp.SetValue(chromedp.ID("year"), "2026/27"))
	if status, where := open("showing the year", chromedp.Click(chromedp.ID("report-year"))); status != 200 || where != "/decisions/report?year=2026%2F27" {
		t.Fatalf("the year's report: %d at %q", status, where)
	}
	for id, has := range map[string][]string{
		"report-summary":   {"Decisions decided in the period\t1", "Escalations to the partnership's chairs\t0", "Acknowledged by the due date\t1"},
		"report-concerns":  {"Fewer CAMHS slots", "Placements out of area.", "send c (entered)"},
		"report-by-cohort": {"Children looked after\t1"},
	} {
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('`+id+`').innerText`))
		if err != nil {
			t.Fatalf("reading #%s: %v", id, err)
		}
		for _, w := range has {
			if !strings.Contains(text, w) {
				t.Errorf("#%s lacks %q:\n%s", id, w, text)
			}
		}
	}
	_, audit, _, err := b.visit(srv.URL+"/decisions/report?year=2026/27", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit.Problems) > 0 {
		t.Errorf("/decisions/report: accessibility: %v", audit.Problems)
	}
}
