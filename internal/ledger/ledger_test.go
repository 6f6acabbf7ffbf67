package ledger

import (
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
)

var (
	areaOnce sync.Once
	areaSet  *journey.Set
	areaErr  error
)

// dataEnd is the last day of the synthetic authority's data.
var dataEnd = calendar.NewDate(2026, 3, 31)

// area is a synthetic authority's journeys, made once for the tests.
func area(tb testing.TB) *journey.Set {
	tb.Helper()
	areaOnce.Do(func() {
		res, err := synth.Generate(synth.Config{Children: 600, Years: 4, Until: dataEnd, Seed: 7})
		if err != nil {
			areaErr = err
			return
		}
		areaSet, areaErr = journey.Build(res.Returns)
	})
	if areaErr != nil {
		tb.Fatal(areaErr)
	}
	return areaSet
}

// register is three programmes: two that cut entries and overlap, and a
// step-down from children's homes, with a target.
func register(panelRank, edgeRank int) ([]interventions.Intervention, []interventions.Target) {
	start := dataEnd + 1
	return []interventions.Intervention{
			{Name: "Reception panel", Start: start, Series: []string{"starts"}, Programme: "Front door", Rank: panelRank, AnnualCost: 120000, Scenario: "entry_change_percent: -15"},
			{Name: "Edge of care service", Start: start.AddMonths(3), Series: []string{"starts_age_10_15"}, Programme: "Edge of care", Rank: edgeRank, AnnualCost: 300000,
				Scenario: "entry_change_percent_by_band:\n  10-15: -30\n"},
			{Name: "Step-down", Start: start.AddMonths(6), Series: []string{"residential"}, Programme: "Placements", Rank: 3, Scenario: "step_down_residential_share_per_year: 0.15"},
			{Name: "Family hubs", Start: start, Series: []string{"starts"}, Programme: "Placements"},
		}, []interventions.Target{
			{Programme: "Front door", Quarter: interventions.Quarter{Year: 2026, Q: 2}, Pounds: 50000},
			{Programme: "Front door", Quarter: interventions.Quarter{Year: 2027, Q: 1}, Pounds: 80000},
		}
}

func build(t *testing.T, panelRank, edgeRank int, split Split) *Ledger {
	t.Helper()
	ivs, targets := register(panelRank, edgeRank)
	l, err := Build(area(t), ivs, targets, Options{Forecast: forecast.Options{DataEnd: dataEnd, Years: 2, Simulations: 40, Seed: 3, Inflation: 0.03}, Split: split})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLedgerInvariants builds the ledger on synthetic data in both orders
// of precedence and with an even split and checks what it promises: no
// programme nets more than its gross or below nothing, the net total is
// no more than the sum of gross or what they avoid together, the nets add
// up to it, and the order changes the split but not the total.
func TestLedgerInvariants(t *testing.T) {
	ledgers := map[string]*Ledger{
		"panel first": build(t, 1, 2, ByPrecedence),
		"edge first":  build(t, 2, 1, ByPrecedence),
		"even":        build(t, 1, 2, Even),
	}
	var total int64 = -1
	for name, l := range ledgers {
		if len(l.Programmes) != 3 || len(l.Quarters) != 8 || l.Quarters[0].Quarter != "2026/27 Q1" || l.Start != "2026-04-01" {
			t.Fatalf("%s: %d programmes, %d quarters from %s (%s)", name, len(l.Programmes), len(l.Quarters), l.Quarters[0].Quarter, l.Start)
		}
		var nets, gross int64
		for _, p := range l.Programmes {
			if p.Net.Pounds < 0 || p.Net.Pounds > max(0, p.Gross.Pounds) {
				t.Errorf("%s: %s nets £%d on a gross of £%d", name, p.Name, p.Net.Pounds, p.Gross.Pounds)
			}
			nets += p.Net.Pounds
			gross += p.Gross.Pounds
		}
		if nets != l.Total.Net.Pounds || nets > gross || nets > l.Total.Combined.Pounds {
			t.Errorf("%s: nets £%d, net total £%d, gross £%d, combined £%d", name, nets, l.Total.Net.Pounds, gross, l.Total.Combined.Pounds)
		}
		if l.Total.Overlap <= 0 {
			t.Errorf("%s: two programmes cutting entries overlap by £%d; expected an overlap", name, l.Total.Overlap)
		}
		for _, q := range l.Quarters {
			if sum(q.Net) != q.Bookable || q.Bookable > sum(q.Gross) || q.Bookable > max(0, q.Combined) {
				t.Errorf("%s %s: nets %v add up to £%d, bookable £%d, gross %v, combined £%d", name, q.Quarter, q.Net, sum(q.Net), q.Bookable, q.Gross, q.Combined)
			}
		}
		if total >= 0 && l.Total.Net.Pounds != total {
			t.Errorf("%s: the net total is £%d; another split gave £%d", name, l.Total.Net.Pounds, total)
		}
		total = l.Total.Net.Pounds
		if !(l.Total.Net.P5 <= l.Total.Net.Pounds && l.Total.Net.Pounds <= l.Total.Net.P95) {
			t.Errorf("%s: net total £%d outside its interval £%d to £%d", name, l.Total.Net.Pounds, l.Total.Net.P5, l.Total.Net.P95)
		}
	}
	panel, edge := ledgers["panel first"], ledgers["edge first"]
	netOf := func(l *Ledger, name string) int64 {
		for _, p := range l.Programmes {
			if p.Name == name {
				return p.Net.Pounds
			}
		}
		t.Fatalf("no programme %s", name)
		return 0
	}
	if !(netOf(panel, "Front door") > netOf(edge, "Front door")) {
		t.Errorf("Front door nets £%d first and £%d second; expected more when it claims first", netOf(panel, "Front door"), netOf(edge, "Front door"))
	}
	if panel.Programmes[0].Target != 130000 || panel.Quarters[1].Target[0] != 50000 {
		t.Errorf("Front door's targets: £%d in all, £%d in Q2", panel.Programmes[0].Target, panel.Quarters[1].Target[0])
	}
	var weeks float64
	for _, w := range panel.Programmes[2].Weeks {
		if w.Key == "fostering_in_house" {
			weeks = w.Weeks
		}
	}
	if !(weeks < 0) {
		t.Errorf("a step-down to in-house fostering changes its weeks by %v; expected added weeks (negative)", weeks)
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(area(t), nil, nil, Options{Forecast: forecast.Options{DataEnd: dataEnd}}); err == nil {
		t.Error("an empty register built a ledger")
	}
	ivs, _ := register(1, 2)
	if _, err := Build(area(t), ivs, nil, Options{Forecast: forecast.Options{DataEnd: dataEnd}, Split: "half"}); err == nil {
		t.Error("split half built a ledger")
	}
}
