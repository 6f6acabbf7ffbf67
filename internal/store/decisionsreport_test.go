package store

import (
	"context"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
)

// TestDecisionsReportReads reads every decision's acknowledgements in
// order, and audits a view of the register as an event naming no child,
// on each engine.
func TestDecisionsReportReads(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		m := s.Decisions()
		ctx := context.Background()
		admin := By{Who: "a.admin", From: "command line"}
		if err := m.AddAgency(ctx, decisions.Agency{ID: "health", Name: "Health"}, admin); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"b.vsh", "c.nurse"} {
			if err := m.PutLead(ctx, decisions.Lead{User: l, Agency: "health", Cohorts: []string{"looked_after"}}, admin); err != nil {
				t.Fatal(err)
			}
		}
		day := calendar.NewDate(2026, 1, 5)
		cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
		var ids []int64
		for _, title := range []string{"First", "Second"} {
			d := decisions.Decision{Title: title, Agency: "health", Decided: day, Effective: day, Cohorts: cohorts, Status: decisions.Decided}
			id, err := m.Record(ctx, d, []decisions.Notice{{Lead: "b.vsh", Due: day}, {Lead: "c.nurse", Due: day}}, admin)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		at := time.Date(2026, 1, 6, 9, 30, 0, 0, time.UTC)
		for i, a := range []decisions.Acknowledgement{
			{Decision: ids[1], Lead: "c.nurse", Response: decisions.Concerns, Comment: "beds"},
			{Decision: ids[0], Lead: "b.vsh", Response: decisions.Supports},
			{Decision: ids[1], Lead: "c.nurse", Response: decisions.Supports},
		} {
			a.At = at.Add(time.Duration(i) * time.Hour)
			if err := m.Acknowledge(ctx, a, By{Who: a.Lead}); err != nil {
				t.Fatal(err)
			}
		}
		acks, err := m.AllAcknowledgements(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"b.vsh supports 10:30", "c.nurse concerns 09:30", "c.nurse supports 11:30"}
		if len(acks) != len(want) {
			t.Fatalf("AllAcknowledgements = %+v, want %q", acks, want)
		}
		for i, a := range acks {
			if got := a.Lead + " " + string(a.Response) + " " + a.At.UTC().Format("15:04"); got != want[i] {
				t.Errorf("acknowledgement %d = %q, want %q", i, got, want[i])
			}
		}
		if err := m.AuditView(ctx, "export decision register (no filter)", By{Who: "r.analyst", From: "127.0.0.1"}); err != nil {
			t.Fatal(err)
		}
		log, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if last := log[len(log)-1]; last.Who != "r.analyst" || last.Action != "export decision register (no filter)" || last.Subject != "" || last.From != "127.0.0.1" {
			t.Errorf("the audit log ends %+v", last)
		}
	})
}
