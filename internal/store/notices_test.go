package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/notify"
)

// recordWithNotices records a decision with a notice to each lead, due on
// due, and returns the notices as the store numbers them.
func recordWithNotices(t *testing.T, m *Decisions, title string, due calendar.Date, leads ...string) []decisions.Notice {
	t.Helper()
	ctx := context.Background()
	if err := m.AddAgency(ctx, decisions.Agency{ID: "health", Name: "Health"}, By{Who: "a.admin"}); err != nil {
		t.Fatal(err)
	}
	d0 := calendar.NewDate(2026, 12, 1)
	cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
	var notices []decisions.Notice
	for _, l := range leads {
		notices = append(notices, decisions.Notice{Lead: l, Due: due})
	}
	id, err := m.Record(ctx, decisions.Decision{Title: title, Agency: "health", Decided: d0, Effective: d0, Cohorts: cohorts, Status: decisions.Decided},
		notices, By{Who: "r.analyst"})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := m.Notices(ctx, id)
	if err != nil || len(kept) != len(leads) {
		t.Fatalf("decision %d's notices: %v, %v", id, kept, err)
	}
	return kept
}

// TestChairs marks, lists and removes chairs, each audited; lists the
// notices waiting for a lead and those to escalate.
func TestChairs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		m := s.Decisions()
		ctx := context.Background()
		admin := By{Who: "a.admin", From: "command line"}
		for _, c := range []string{"z.chair", "a.chair", "z.chair"} {
			if err := m.AddChair(ctx, c, admin); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.RemoveChair(ctx, "nobody", admin); !errors.Is(err, ErrNoChair) {
			t.Errorf("removing no chair: %v, want ErrNoChair", err)
		}
		if err := m.RemoveChair(ctx, "z.chair", admin); err != nil {
			t.Fatal(err)
		}
		if chairs, err := m.Chairs(ctx); err != nil || !slices.Equal(chairs, []string{"a.chair"}) {
			t.Errorf("Chairs = %v, %v", chairs, err)
		}
		log, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, a := range log {
			actions = append(actions, a.Action)
		}
		if got := strings.Join(actions, "|"); got != "add chair z.chair|add chair a.chair|add chair z.chair|remove chair z.chair" {
			t.Errorf("audit log %s", got)
		}

		due := calendar.NewDate(2026, 12, 15)
		first := recordWithNotices(t, m, "First", due, "b.vsh", "c.nurse")
		recordWithNotices(t, m, "Second", due.AddDays(7), "b.vsh")
		if err := m.Acknowledge(ctx, decisions.Acknowledgement{Decision: first[0].Decision, Lead: "c.nurse", Response: decisions.Supports}, By{Who: "c.nurse"}); err != nil {
			t.Fatal(err)
		}
		if waiting, err := m.WaitingFor(ctx, "b.vsh"); err != nil || len(waiting) != 2 || waiting[0].Title != "First" {
			t.Errorf("WaitingFor(b.vsh) = %+v, %v", waiting, err)
		}
		if waiting, _ := m.WaitingFor(ctx, "c.nurse"); len(waiting) != 0 {
			t.Errorf("c.nurse acknowledged, yet waits for %+v", waiting)
		}
		for _, tt := range []struct {
			today calendar.Date
			want  int
		}{{due.AddDays(-1), 0}, {due, 1}, {due.AddDays(7), 2}} {
			if got, err := m.Escalations(ctx, tt.today); err != nil || len(got) != tt.want {
				t.Errorf("Escalations(%s) = %+v, %v; want %d", tt.today, got, err, tt.want)
			}
		}
		open, byID, err := m.Outstanding(ctx)
		if err != nil || len(open) != 2 || byID[open[1].Decision].Title != "Second" || len(byID[open[0].Decision].Cohorts) != 1 {
			t.Errorf("Outstanding = %+v, %v, %v", open, byID, err)
		}
	})
}

// countingSender counts the messages to each address, as a mail server
// would receive them.
type countingSender struct {
	mu  sync.Mutex
	got map[string]int // by address, subject and text
}

func (c *countingSender) Send(_ context.Context, m mail.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, to := range m.To {
		c.got[to+": "+m.Subject+"\n"+m.Text]++
	}
	return nil
}

// TestOutboxRunnersAtOnce runs four notices' runners at once, each on its
// own connection to one database, as four servers would: every notice
// reaches its lead once, because each runner claims an action in the
// store (a unique key) before sending it. The timeline says each once.
func TestOutboxRunnersAtOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		url := e.newURL(t)
		first := openURL(t, url)
		due := calendar.NewDate(2026, 12, 15)
		var leads []string
		for i := range 6 {
			leads = append(leads, fmt.Sprintf("lead%d", i))
		}
		kept := recordWithNotices(t, first.Decisions(), "Shared", due, leads...)
		var notices []notify.Notice
		for _, n := range kept {
			notices = append(notices, notify.Notice{ID: strconv.FormatInt(n.ID, 10), Decision: n.Title, Lead: n.Lead,
				To: n.Lead + "@council.example", Issued: calendar.NewDate(2026, 12, 1), Due: due})
		}
		sender := &countingSender{got: map[string]int{}}
		// On the due date: the notice and the escalation are both due.
		now := func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
		const runners = 4
		var wg sync.WaitGroup
		for i := range runners {
			s := first
			if i > 0 {
				s = openURL(t, url)
			}
			wg.Go(func() {
				r := notify.Runner{Policy: notify.Policy{Chairs: []string{"chair@partnership.example"}}, Sender: sender, Outbox: s.Decisions().Outbox(), Now: now}
				if _, err := r.Run(context.Background(), notices); err != nil {
					t.Errorf("runner %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		if len(sender.got) != 2*len(leads) {
			t.Errorf("%d distinct messages, want %d: %v", len(sender.got), 2*len(leads), sender.got)
		}
		for what, n := range sender.got {
			if n != 1 {
				t.Errorf("%s: sent %d times", what, n)
			}
		}
		timeline, err := first.Decisions().Timeline(context.Background(), kept[0].Decision)
		if err != nil {
			t.Fatal(err)
		}
		var emailed, escalated int
		for _, c := range timeline {
			emailed += strings.Count(c.What, "notice emailed to")
			escalated += strings.Count(c.What, "escalated to the chairs")
		}
		if emailed != len(leads) || escalated != len(leads) {
			t.Errorf("timeline: %d notices emailed and %d escalated, want %d each: %+v", emailed, escalated, len(leads), timeline)
		}
	})
}

// TestOutboxClaims: a claim is one runner's; released, or stale, it is
// another's; once sent, no one's.
func TestOutboxClaims(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		kept := recordWithNotices(t, s.Decisions(), "Claimed", calendar.NewDate(2026, 12, 15), "b.vsh")
		o := s.Decisions().Outbox()
		ctx := context.Background()
		key := "notice/" + strconv.FormatInt(kept[0].ID, 10)
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		steps := []struct {
			name string
			do   func() (bool, error)
			want bool
		}{
			{"first claim", func() (bool, error) { return o.Claim(ctx, key, at) }, true},
			{"claimed again", func() (bool, error) { return o.Claim(ctx, key, at.Add(time.Minute)) }, false},
			{"released, claimed", func() (bool, error) {
				if err := o.Release(ctx, key); err != nil {
					return false, err
				}
				return o.Claim(ctx, key, at.Add(2*time.Minute))
			}, true},
			{"stale, taken over", func() (bool, error) { return o.Claim(ctx, key, at.Add(2*time.Minute+DefaultStale+time.Second)) }, true},
			{"not yet sent", func() (bool, error) { return o.Sent(ctx, key) }, false},
			{"sent", func() (bool, error) { return true, o.MarkSent(ctx, key, at.Add(time.Hour)) }, true},
			{"reads as sent", func() (bool, error) { return o.Sent(ctx, key) }, true},
			{"sent is never claimed", func() (bool, error) { return o.Claim(ctx, key, at.Add(48*time.Hour)) }, false},
		}
		for _, st := range steps {
			if got, err := st.do(); err != nil || got != st.want {
				t.Errorf("%s: %v, %v; want %v", st.name, got, err, st.want)
			}
		}
		if _, err := o.Claim(ctx, "notice/x", at); err == nil {
			t.Error("a key naming no notice was claimed")
		}
	})
}

// TestEscalationsCounted counts only the escalations sent, and only those
// of the decisions asked about: a claim never sent, a notice's own email
// and another decision's escalation are not counted.
func TestEscalationsCounted(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		d := s.Decisions()
		first := recordWithNotices(t, d, "Escalated", calendar.NewDate(2026, 12, 15), "b.vsh")
		other := recordWithNotices(t, d, "Other", calendar.NewDate(2026, 12, 16), "b.vsh")
		o := d.Outbox()
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		send := func(key string, sent bool) {
			t.Helper()
			if ok, err := o.Claim(ctx, key, at); err != nil || !ok {
				t.Fatalf("claiming %s: %v, %v", key, ok, err)
			}
			if sent {
				if err := o.MarkSent(ctx, key, at); err != nil {
					t.Fatal(err)
				}
			}
		}
		id := func(n decisions.Notice) string { return strconv.FormatInt(n.ID, 10) }
		send("notice/"+id(first[0]), true)
		send("escalation/"+id(first[0]), true)
		send("escalation/"+id(other[0]), false) // claimed, never sent
		tests := []struct {
			decisions []int64
			want      int
		}{
			{nil, 0},
			{[]int64{first[0].Decision}, 1},
			{[]int64{other[0].Decision}, 0},
			{[]int64{first[0].Decision, other[0].Decision}, 1},
		}
		for _, tt := range tests {
			if got, err := d.EscalationsSent(ctx, tt.decisions); err != nil || got != tt.want {
				t.Errorf("EscalationsSent(%v) = %d, %v; want %d", tt.decisions, got, err, tt.want)
			}
		}
	})
}
