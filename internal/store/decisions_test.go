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

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
)

// TestDecisionsRegister keeps agencies and leads, records a decision with
// its notices, moves its status, takes an acknowledgement and reads it all
// back, with the timeline and an audit event for each change, on each
// engine.
func TestDecisionsRegister(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		m := s.Decisions()
		ctx := context.Background()
		admin := By{Who: "a.admin", From: "command line"}
		for _, a := range decisions.DefaultAgencies {
			if err := m.AddAgency(ctx, a, admin); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.AddAgency(ctx, decisions.Agency{ID: "health", Name: "Health"}, admin); err != nil {
			t.Fatalf("renaming an agency: %v", err)
		}
		agencies, err := m.Agencies(ctx)
		if err != nil || len(agencies) != len(decisions.DefaultAgencies) {
			t.Fatalf("Agencies = %v, %v", agencies, err)
		}
		if i := slices.IndexFunc(agencies, func(a decisions.Agency) bool { return a.ID == "health" }); agencies[i].Name != "Health" {
			t.Errorf("health renamed = %+v", agencies[i])
		}
		vsh := decisions.Lead{User: "b.vsh", Agency: "education", Title: "Virtual School Head", Cohorts: []string{"looked_after"}}
		nurse := decisions.Lead{User: "c.nurse", Agency: "health", Title: "Designated nurse", Cohorts: []string{"care_leavers", "looked_after"}}
		for _, l := range []decisions.Lead{vsh, nurse, vsh} {
			if err := m.PutLead(ctx, l, admin); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.PutLead(ctx, decisions.Lead{User: "x", Agency: "nowhere", Cohorts: []string{"send"}}, admin); !errors.Is(err, ErrNoAgency) {
			t.Errorf("a lead of no agency: %v, want ErrNoAgency", err)
		}
		leads, err := m.Leads(ctx)
		if err != nil || len(leads) != 2 || !slices.Equal(leads[1].Cohorts, nurse.Cohorts) || leads[0].Title != vsh.Title {
			t.Fatalf("Leads = %+v, %v", leads, err)
		}

		d0 := calendar.NewDate(2026, 11, 2)
		cohorts, _ := decisions.ParseCohorts([]string{"looked_after:age=10-15", "send"})
		d := decisions.Decision{Title: "Fewer CAMHS slots", Agency: "health", Decided: d0, Effective: d0.AddDays(28),
			Summary: "Two clinics merge.", Services: []string{"CAMHS", "LAC health"}, Cohorts: cohorts, Status: decisions.Decided,
			Review: d0.AddDays(180), HasReview: true, Links: []string{"https://example.org/board"}, Entered: map[string]int{"send": 212}}
		notices := []decisions.Notice{{Lead: "b.vsh", Due: decisions.DueOn(d0)}, {Lead: "c.nurse", Due: decisions.DueOn(d0)}}
		recorder := By{Who: "r.analyst", IdentifiedBy: "a password sign-in session", From: "127.0.0.1"}
		id, err := m.Record(ctx, d, notices, recorder)
		if err != nil || id == 0 {
			t.Fatalf("Record = %d, %v", id, err)
		}
		if _, err := m.Record(ctx, decisions.Decision{Title: "x", Agency: "nowhere", Decided: d0, Effective: d0, Status: decisions.Proposed, Cohorts: cohorts[:1]}, nil, recorder); !errors.Is(err, ErrNoAgency) {
			t.Errorf("a decision of no agency: %v, want ErrNoAgency", err)
		}
		if _, err := m.Record(ctx, decisions.Decision{}, nil, recorder); err == nil {
			t.Error("an empty decision was recorded")
		}
		got, err := m.Decision(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		d.ID, d.RecordedBy, d.Recorded = id, "r.analyst", got.Recorded
		if !sameDecision(got, d) {
			t.Errorf("Decision = %+v\nwant %+v", got, d)
		}
		if _, err := m.Decision(ctx, id+100); !errors.Is(err, ErrNoDecision) {
			t.Errorf("Decision(no such) = %v, want ErrNoDecision", err)
		}

		if err := m.SetStatus(ctx, id, decisions.Proposed, recorder); !errors.Is(err, ErrStatus) {
			t.Errorf("decided → proposed: %v, want ErrStatus", err)
		}
		if err := m.SetStatus(ctx, id, decisions.InEffect, recorder); err != nil {
			t.Fatal(err)
		}
		ack := decisions.Acknowledgement{Decision: id, Lead: "b.vsh", Response: decisions.Concerns, Comment: "PEPs rely on these slots."}
		if err := m.Acknowledge(ctx, ack, By{Who: "b.vsh"}); err != nil {
			t.Fatal(err)
		}
		if err := m.Acknowledge(ctx, decisions.Acknowledgement{Decision: id, Lead: "d.other", Response: decisions.Supports}, By{Who: "d.other"}); !errors.Is(err, ErrNoNotice) {
			t.Errorf("acknowledging without a notice: %v, want ErrNoNotice", err)
		}
		ns, err := m.Notices(ctx, id)
		if err != nil || len(ns) != 2 || ns[0].State != decisions.Acknowledged || ns[1].State != decisions.Open ||
			ns[1].Due != decisions.DueOn(d0) || ns[0].Title != d.Title {
			t.Errorf("Notices = %+v, %v", ns, err)
		}
		acks, err := m.Acknowledgements(ctx, id)
		if err != nil || len(acks) != 1 || acks[0].Comment != ack.Comment || acks[0].Response != decisions.Concerns {
			t.Errorf("Acknowledgements = %+v, %v", acks, err)
		}
		var whats []string
		timeline, err := m.Timeline(ctx, id)
		for _, c := range timeline {
			whats = append(whats, c.Who+": "+c.What)
		}
		want := []string{"r.analyst: recorded, Decided", "r.analyst: status Decided → In effect", "b.vsh: acknowledged by b.vsh: Has concerns"}
		if err != nil || !slices.Equal(whats, want) {
			t.Errorf("Timeline = %q, %v; want %q", whats, err, want)
		}
		list, err := m.List(ctx)
		if err != nil || len(list) != 1 || list[0].Status != decisions.InEffect {
			t.Errorf("List = %+v, %v", list, err)
		}

		log, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, a := range log {
			if a.Subject != "" {
				t.Errorf("audit entry %q names a subject", a.Action)
			}
			actions = append(actions, a.Action)
		}
		all := strings.Join(actions, "|")
		for _, w := range []string{"add agency health", "set lead b.vsh", "record decision " + itoa(id), "set status of decision " + itoa(id), "acknowledge decision " + itoa(id)} {
			if !strings.Contains(all, w) {
				t.Errorf("the audit log lacks %q: %s", w, all)
			}
		}
		if strings.Contains(all, "nowhere") {
			t.Errorf("a refused change was audited: %s", all)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// sameDecision compares decisions field by field, the time recorded to
// the nanosecond the store keeps.
func sameDecision(a, b decisions.Decision) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Agency == b.Agency && a.Decided == b.Decided && a.Effective == b.Effective &&
		a.Summary == b.Summary && slices.Equal(a.Services, b.Services) && slices.Equal(a.Cohorts, b.Cohorts) &&
		a.Status == b.Status && a.Review == b.Review && a.HasReview == b.HasReview && slices.Equal(a.Links, b.Links) &&
		len(a.Entered) == len(b.Entered) && a.Entered["send"] == b.Entered["send"] && a.RecordedBy == b.RecordedBy
}

// TestDecisionsAtOnce records twenty decisions at once, as twenty people
// might: every one is kept with its own id and notices, and the audit
// chain their entries join is intact.
func TestDecisionsAtOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		m := s.Decisions()
		ctx := context.Background()
		for _, a := range decisions.DefaultAgencies {
			if err := m.AddAgency(ctx, a, By{Who: "a.admin", From: "command line"}); err != nil {
				t.Fatal(err)
			}
		}
		d0 := calendar.NewDate(2026, 11, 2)
		cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
		const n = 20
		ids := make(chan int64, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				d := decisions.Decision{Title: fmt.Sprintf("Decision %d", i), Agency: "health", Decided: d0, Effective: d0,
					Cohorts: cohorts, Status: decisions.Decided}
				notices := []decisions.Notice{{Lead: "b.vsh", Due: decisions.DueOn(d0)}}
				id, err := m.Record(ctx, d, notices, By{Who: fmt.Sprintf("recorder%d", i), From: "127.0.0.1"})
				if err != nil {
					t.Errorf("recording decision %d: %v", i, err)
					return
				}
				ids <- id
			})
		}
		wg.Wait()
		close(ids)
		seen := map[int64]bool{}
		for id := range ids {
			seen[id] = true
			if notices, err := m.Notices(ctx, id); err != nil || len(notices) != 1 {
				t.Errorf("decision %d's notices: %v, %v", id, notices, err)
			}
		}
		if len(seen) != n {
			t.Errorf("%d distinct ids, want %d", len(seen), n)
		}
		if all, err := m.List(ctx); err != nil || len(all) != n {
			t.Errorf("List: %d decisions, %v; want %d", len(all), err, n)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("the audit chain after decisions at once: %v", err)
		}
	})
}
