package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/interventions"
)

// TestInterventionsRegister adds an intervention, refuses its name
// again, imports a file that replaces it and adds another with a target,
// and reads it all back with the timeline and an audit event for each
// change, on each engine; a file that fails is not half kept.
func TestInterventionsRegister(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		m := s.Interventions()
		ctx := context.Background()
		by := By{Who: "a.analyst", From: "command line"}
		panel := interventions.Intervention{Name: "Reception panel", Start: calendar.NewDate(2026, 7, 1), Series: []string{"starts", "starts_age_10_15"},
			Cohort: "edge of care", Effect: -0.2, HasEffect: true, AnnualCost: 120000, Programme: "Front door", Rank: 1, Scenario: "entry_change_percent: -15"}
		id, err := m.Add(ctx, panel, by)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Add(ctx, panel, by); !errors.Is(err, ErrNameTaken) {
			t.Errorf("adding the same name again: %v; expected ErrNameTaken", err)
		}
		if _, err := m.Add(ctx, panel, By{}); err == nil {
			t.Error("a change by no one was kept")
		}
		got, err := m.Intervention(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != panel.Name || got.Start != panel.Start || len(got.Series) != 2 || got.Effect != -0.2 || !got.HasEffect ||
			got.AnnualCost != 120000 || got.Rank != 1 || got.Scenario != panel.Scenario || got.RecordedBy != "a.analyst" || got.End != 0 {
			t.Errorf("read back %+v", got)
		}
		changed := panel
		changed.End, changed.HasEffect, changed.Rank = calendar.NewDate(2027, 3, 31), false, 2
		stepDown := interventions.Intervention{Name: "Step-down", Start: calendar.NewDate(2026, 10, 1), Series: []string{"residential"}, Scenario: "step_down_residential_share_per_year: 0.1"}
		target := interventions.Target{Programme: "Front door", Quarter: interventions.Quarter{Year: 2026, Q: 2}, Pounds: 50000}
		added, replaced, err := m.Import(ctx, interventions.File{Interventions: []interventions.Intervention{changed, stepDown}, Targets: []interventions.Target{target}}, by)
		if err != nil || added != 1 || replaced != 1 {
			t.Fatalf("Import = %d added, %d replaced, %v", added, replaced, err)
		}
		bad := interventions.File{Interventions: []interventions.Intervention{{Name: "Half", Start: panel.Start, Series: []string{"starts"}}, {Name: "", Start: panel.Start}}}
		if _, _, err := m.Import(ctx, bad, by); err == nil {
			t.Error("a file with a bad intervention imported")
		}
		list, err := m.List(ctx)
		if err != nil || len(list) != 2 || list[0].Name != "Reception panel" || list[0].End != changed.End || list[0].HasEffect || list[0].Rank != 2 {
			t.Fatalf("List = %+v, %v", list, err)
		}
		if err := m.SetTarget(ctx, interventions.Target{Programme: "Front door", Quarter: target.Quarter, Pounds: 60000}, by); err != nil {
			t.Fatal(err)
		}
		targets, err := m.Targets(ctx)
		if err != nil || len(targets) != 1 || targets[0].Pounds != 60000 || targets[0].Quarter != target.Quarter {
			t.Errorf("Targets = %+v, %v", targets, err)
		}
		timeline, err := m.Timeline(ctx, id)
		if err != nil || len(timeline) != 2 || timeline[0].What != "added" || !strings.Contains(timeline[1].What, "replaced") {
			t.Errorf("Timeline = %+v, %v", timeline, err)
		}
		log, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, a := range log {
			actions = append(actions, a.Action)
		}
		joined := strings.Join(actions, "|")
		for _, want := range []string{"add intervention 1", "replace intervention 1", "add intervention 2", "set savings target of Front door for 2026/27 Q2"} {
			if !strings.Contains(joined, want) {
				t.Errorf("the audit log %q has no %q", joined, want)
			}
		}
		if strings.Contains(joined, "Half") {
			t.Error("the failed import was audited")
		}
		if _, err := m.Intervention(ctx, 99); !errors.Is(err, ErrNoIntervention) {
			t.Errorf("intervention 99: %v", err)
		}
	})
}
