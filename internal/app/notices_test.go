package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/notify"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// sentBox records messages as a mail server would take them.
type sentBox struct {
	mu  sync.Mutex
	got []mail.Message
}

func (b *sentBox) Send(_ context.Context, m mail.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got = append(b.got, m)
	return nil
}

func (b *sentBox) lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.got {
		out = append(out, strings.Join(m.To, ",")+": "+m.Subject)
	}
	return out
}

// TestChaser records a decision for three leads, one without an address,
// and chases it: on the day, the two with addresses get the notice; on
// the due date, with one lead's acknowledgement in, the chairs (the one
// with an address) get an escalation for each silent lead, and the
// timeline says so. The messages hold the cohort's publishable count.
func TestChaser(t *testing.T) {
	a, s, c := newAccounts(t)
	ctx := context.Background()
	for _, u := range []people.User{
		{Name: "d.dcs", Role: people.Manager, Email: "d.dcs@council.example"},
		{Name: "v.vsh", Role: people.Manager, Email: "v.vsh@council.example"},
		{Name: "s.send", Role: people.Manager},
		{Name: "c.chair", Role: people.Manager, Email: "c.chair@partnership.example"},
		{Name: "n.chair", Role: people.Manager},
	} {
		if err := a.AddUser(ctx, admin(), FromCommandLine, u, goodPassword); err != nil {
			t.Fatal(err)
		}
	}
	r := &Register{Store: s.Decisions(), Users: s.People(), Now: c.now}
	if err := r.AddAgency(ctx, admin(), FromCommandLine, decisions.Agency{ID: "health", Name: "Integrated care board"}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []decisions.Lead{
		{User: "d.dcs", Agency: "health", Cohorts: []string{"looked_after"}},
		{User: "v.vsh", Agency: "health", Cohorts: []string{"looked_after"}},
		{User: "s.send", Agency: "health", Cohorts: []string{"looked_after"}},
	} {
		if err := r.AddLead(ctx, admin(), FromCommandLine, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, ch := range []string{"c.chair", "n.chair"} {
		if err := r.AddChair(ctx, admin(), FromCommandLine, ch); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.AddChair(ctx, admin(), FromCommandLine, "nobody"); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("a chair who is no user: %v", err)
	}
	cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
	today := calendar.DateOf(c.now())
	d := decisions.Decision{Title: "Merge the clinics", Agency: "health", Decided: today, Effective: today, Cohorts: cohorts}
	h := Holdings{Care: synthetic(t).set}
	rec, err := r.Record(ctx, admin(), FromCommandLine, d, h)
	if err != nil {
		t.Fatal(err)
	}
	box := &sentBox{}
	chaser := &Chaser{Store: s.Decisions(), Users: s.People(), Holdings: func() Holdings { return h }, Link: "https://village.example/",
		Runner: notify.Runner{Sender: box, Now: c.now}}
	round, err := chaser.Run(ctx)
	if err != nil || round.Sent != 2 || round.NoAddress != 1 || round.Notices != 3 {
		t.Fatalf("the first run: %+v, %v", round, err)
	}
	if text := box.got[0].Text; !strings.Contains(text, "https://village.example/decisions/") || !strings.Contains(text, "Integrated care board") ||
		!strings.Contains(text, "Children looked after: ") {
		t.Errorf("the notice:\n%s", text)
	}
	if err := r.Acknowledge(ctx, Actor{Name: "v.vsh", Role: "manager"}, "", rec.Decision.ID, decisions.Supports, ""); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Duration(decisions.NoticeDays+4) * 24 * time.Hour) // past the due date, weekends counted
	if _, err := chaser.Run(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"d.dcs@council.example: Decision to note: Merge the clinics",
		"v.vsh@council.example: Decision to note: Merge the clinics",
		"c.chair@partnership.example: Not acknowledged: Merge the clinics",
		"c.chair@partnership.example: Not acknowledged: Merge the clinics",
	}
	if got := box.lines(); !slices.Equal(got, want) {
		t.Errorf("sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	escalated, chair, err := r.Escalated(ctx, Actor{Name: "n.chair"})
	if err != nil || !chair || len(escalated) != 2 {
		t.Errorf("a chair's escalations: %+v, %v, %v; want d.dcs's and s.send's", escalated, chair, err)
	}
	if _, chair, _ := r.Escalated(ctx, Actor{Name: "d.dcs"}); chair {
		t.Error("a lead who is no chair sees the escalations")
	}
	v, err := r.Decision(ctx, admin(), rec.Decision.ID, h)
	if err != nil {
		t.Fatal(err)
	}
	var timeline []string
	for _, ch := range v.Timeline {
		timeline = append(timeline, ch.What)
	}
	joined := strings.Join(timeline, "|")
	for _, w := range []string{"notice emailed to d.dcs", "notice emailed to v.vsh", "escalated to the chairs: d.dcs has not acknowledged",
		"escalated to the chairs: s.send has not acknowledged"} {
		if !strings.Contains(joined, w) {
			t.Errorf("the timeline lacks %q: %s", w, joined)
		}
	}
}

func TestRedactAddresses(t *testing.T) {
	for in, want := range map[string]string{
		"notify: notice/3: mail: RCPT TO a.lead@council.example: 550 no": "notify: notice/3: mail: RCPT TO [an address]: 550 no",
		"<x@y.example>, z@w.example":                                     "<[an address]>, [an address]",
		"no address here":                                                "no address here",
	} {
		if got := redactAddresses(in); got != want {
			t.Errorf("redactAddresses(%q) = %q, want %q", in, got, want)
		}
	}
}
