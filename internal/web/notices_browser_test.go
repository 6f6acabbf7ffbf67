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

// browserWalk drives one Chromium tab through a server: open runs steps
// that lead to another page and returns its status and path; fill runs
// steps that stay on the page.
type browserWalk struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b browserWalk) open(what string, steps ...chromedp.Action[chromedp.Void]) (int64, string) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("%s: reading the address: %v", what, err)
	}
	return resp.Status, strings.TrimPrefix(loc, b.base)
}

func (b browserWalk) fill(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// text is the text of the element the CSS selector finds.
func (b browserWalk) text(selector string) string {
	b.t.Helper()
	got, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(selector)))
	if err != nil {
		b.t.Fatalf("reading %s: %v", selector, err)
	}
	return got
}

// signInAs signs out whoever is signed in, then in as name.
func (b browserWalk) signInAs(name string) {
	b.t.Helper()
	if _, where := b.open("opening the sign-out page", chromedp.Navigate(b.base+"/sign-out")); where == "/sign-out" {
		b.open("signing out", chromedp.Click(chromedp.CSS(`form[action="/sign-out"] button`)))
	}
	b.open("opening the sign-in page", chromedp.Navigate(b.base+"/sign-in"))
	b.fill("filling in the sign-in form", chromedp.SetValue(chromedp.ID("name"), name), chromedp.SetValue(chromedp.ID("password"), testPassword))
	if status, _ := b.open("signing in as "+name, chromedp.Click(chromedp.CSS("main button[type=submit]"))); status != 200 {
		b.t.Fatalf("signing in as %s: %d", name, status)
	}
}

// record records a decision through the form as whoever is signed in,
// and returns its page's path.
func (b browserWalk) record(title string, cohorts ...string) string {
	b.t.Helper()
	b.open("opening the form", chromedp.Navigate(b.base+"/decisions/new"))
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.SetValue(chromedp.ID("title"), title),
		chromedp.SetValue(chromedp.ID("agency"), "health"),
		chromedp.SetValue(chromedp.ID("decided"), "2026-12-01"),
		chromedp.SetValue(chromedp.ID("effective"), "2027-01-04"),
		chromedp.SetValue(chromedp.ID("summary"), "Health assessments move to one clinic."),
	}
	for _, c := range cohorts {
		steps = append(steps, chromedp.Click(chromedp.ID("cohort-"+c)))
	}
	b.fill("filling in "+title, steps...)
	status, where := b.open("recording "+title, chromedp.Click(chromedp.ID("record")))
	if status != 200 || !regexp.MustCompile(`^/decisions/\d+$`).MatchString(where) {
		b.t.Fatalf("recorded %s: %d at %q, want the decision's page", title, status, where)
	}
	return where
}

// TestNoticesInBrowser walks the register in a real browser: an analyst
// records a decision affecting children looked after and children with
// SEND; the DCS, the Virtual School Head and the SEND lead each sign in,
// find it among their notices, and acknowledge it, one with each
// response and a comment; its page's timeline then shows all three. A
// second decision's lead stays silent: with the register's clock past
// its due date the chaser escalates it, an email reaches the chair
// through the SMTP server, the chair sees the escalation, and the
// timeline says so.
func TestNoticesInBrowser(t *testing.T) {
	chromium := findChromium(t)
	w := newWalk(t)
	srv := httptest.NewServer(w.h)
	t.Cleanup(srv.Close)
	tab := startBrowser(t, chromium)
	ctx, cancel := context.WithTimeout(tab.tab, 3*time.Minute)
	defer cancel()
	b := browserWalk{t: t, ctx: ctx, base: srv.URL}

	b.signInAs("analyst")
	first := b.record("Merge the looked-after health clinics", "looked_after", "send")
	if notices := b.text("#notices"); strings.Count(notices, "Waiting") != 3 {
		t.Errorf("the leads to tell: %q; want three waiting", notices)
	}
	w.chase(t) // the notices' emails, as serve sends them

	for _, l := range walkLeads {
		b.signInAs(l.name)
		if _, where := b.open("opening the register", chromedp.Navigate(srv.URL+"/decisions")); where != "/decisions" {
			t.Fatalf("%s opening the register is at %s", l.name, where)
		}
		// Read the whole page, which is there once loaded: an element
		// missing would be waited for until the test's deadline.
		page := b.text("body")
		if !strings.Contains(page, "Your notices") || !strings.Contains(page, "Merge the looked-after health clinics: respond by") {
			t.Fatalf("%s's register shows no notice:\n%s", l.name, page)
		}
		if !regexp.MustCompile(`Decisions 1\s+waiting for you`).MatchString(page) {
			t.Errorf("%s's count beside Decisions is not 1:\n%s", l.name, page)
		}
		if _, where := b.open("opening the notice", chromedp.Click(chromedp.CSS(`#your-notices-list a`))); where != first {
			t.Fatalf("%s's notice leads to %s, want %s", l.name, where, first)
		}
		b.fill("answering", chromedp.Click(chromedp.ID("response-"+string(l.response))),
			chromedp.SetValue(chromedp.ID("comment"), "From the "+l.lead.Title+"."))
		if status, got := b.open("acknowledging", chromedp.Click(chromedp.ID("acknowledge"))); status != 200 || got != first+"#acknowledgements" {
			t.Errorf("%s acknowledged: %d at %q", l.name, status, got)
		}
	}
	timeline := b.text("#timeline")
	for _, l := range walkLeads {
		want := l.name + ": acknowledged by " + l.name + ": " + l.response.Label()
		if !strings.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, timeline)
		}
		if !strings.Contains(timeline, "notice emailed to "+l.name) {
			t.Errorf("the timeline does not say the notice was emailed to %s:\n%s", l.name, timeline)
		}
	}
	if acks := b.text("#acknowledgements + ul"); !strings.Contains(acks, "From the SEND lead.") {
		t.Errorf("the acknowledgements: %q", acks)
	}

	b.signInAs("analyst")
	second := b.record("Close the SEND hub", "send")
	w.chase(t)
	w.clock.advance(15 * 24 * time.Hour) // past the due date, ten working days on
	w.chase(t)
	mailed := strings.Join(w.mailed(t), "\n")
	if !strings.Contains(mailed, walkChair+": Not acknowledged: Close the SEND hub") || strings.Count(mailed, "Not acknowledged") != 1 {
		t.Errorf("mailed:\n%s\nwant one escalation, to the chair", mailed)
	}
	b.signInAs("c.chair")
	b.open("opening the register", chromedp.Navigate(srv.URL+"/decisions"))
	if got := b.text("main"); !strings.Contains(got, "Escalated to the chairs") || !strings.Contains(got, "Close the SEND hub: s.send has not responded") {
		t.Errorf("the chair's register shows no escalation:\n%s", got)
	}
	b.open("opening the decision", chromedp.Navigate(srv.URL+second))
	if got := b.text("#timeline"); !strings.Contains(got, "escalated to the chairs: s.send has not acknowledged") {
		t.Errorf("the timeline does not show the escalation:\n%s", got)
	}
	if got := b.text("#notices"); !strings.Contains(got, "Overdue") {
		t.Errorf("the silent lead's notice: %q, want overdue", got)
	}
	_, audit, _, err := tab.visit(srv.URL+"/decisions", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit.Problems) > 0 {
		t.Errorf("/decisions: accessibility: %v", audit.Problems)
	}
}
