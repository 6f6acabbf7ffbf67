package forecast

import (
	"math"
	"testing"

	"github.com/village-uk/village/internal/journey"
)

// TestUASCOwnStream: children enter at 0.001 a month per child aged 0-4
// in the population, and unaccompanied asylum-seeking children arrive at
// 5 a month aged 16; nobody leaves before 18. When the population
// doubles, the other entries double and the arrivals do not: they follow
// their own stream. A scenario's entry change leaves the arrivals alone,
// and its UASC change moves only them.
func TestUASCOwnStream(t *testing.T) {
	start := day(t, "31/03/2026")
	rates := func() *Rates {
		r := &Rates{Months: 12}
		r.Entries[Age0to4] = 120
		r.EntryExposure[Age0to4] = 120_000 // 10,000 children for 12 months
		r.EntryCategory[Age0to4][FosterInHouse] = 120
		r.entryAges[Age0to4] = []int32{365}
		u := &Rates{Months: 12}
		u.Entries[Age16to17] = 60
		u.EntryExposure = [Bands]float64{12, 12, 12, 12}
		u.EntryCategory[Age16to17][Supported] = 60
		u.entryAges[Age16to17] = []int32{16*365 + 100}
		r.UASC = u
		r.PopulationBased = true
		return r
	}
	pop := func(children float64) Population {
		return Population{2025: {children, 0, 0, 0}, 2026: {children, 0, 0, 0}}
	}
	entries := func(children float64, sc *Scenario) (all, uasc float64, comp *Comparison) {
		p := &plan{set: emptySet(), rates: rates(), start: start, opts: Options{Years: 1, Simulations: 400, Seed: 2, History: 1,
			Population: pop(children), Scenario: sc, Costs: defaultCostsPtr()}}
		base, comp := p.project()
		for m := range 12 {
			all += base.Entries.Forecast[m].Median
			uasc += base.UASCEntries.Forecast[m].Median
		}
		return all, uasc, comp
	}
	all1, uasc1, _ := entries(10_000, nil)
	all2, uasc2, _ := entries(20_000, nil)
	t.Logf("a year's entries: %.0f (%.0f UASC) with 10,000 children; %.0f (%.0f UASC) with 20,000", all1, uasc1, all2, uasc2)
	// about 60 a year each, Poisson: medians of monthly counts, added up
	if math.Abs(uasc1-60) > 8 || math.Abs(uasc2-60) > 8 {
		t.Errorf("UASC arrivals %.0f and %.0f a year; want about 60 whatever the population", uasc1, uasc2)
	}
	if local1, local2 := all1-uasc1, all2-uasc2; math.Abs(local2/local1-2) > 0.25 {
		t.Errorf("other entries %.0f with 10,000 children, %.0f with 20,000; want twice as many", local1, local2)
	}
	from := start + 1
	_, _, comp := entries(10_000, &Scenario{Name: "panel", From: from, EntryChangePercent: -50, StepDownTo: FosterInHouse})
	if d := comp.Difference.UASC.Forecast[11]; d.P5 != 0 || d.P95 != 0 {
		t.Errorf("halving entries changed the UASC looked after by %+v; want no change", d)
	}
	_, _, comp = entries(10_000, &Scenario{Name: "arrivals", From: from, UASCEntryChangePercent: 100, StepDownTo: FosterInHouse})
	if d := comp.Difference.UASC.Forecast[11].Median; math.Abs(d-60) > 15 {
		t.Errorf("doubling arrivals added %.0f UASC after a year; want about 60", d)
	}
	// the other children all start in in-house fostering, the arrivals in supported accommodation
	if d := comp.Difference.ByCategory[FosterInHouse].Forecast[11]; d.P5 != 0 || d.P95 != 0 {
		t.Errorf("doubling arrivals changed the children in in-house fostering by %+v; want no change", d)
	}
}

// TestEstimateUASCApart: an unaccompanied asylum-seeking child's entry,
// time in care and exit are counted in the UASC stream's rates, whose
// entries are a number a month even with a population, and not in the
// others'.
func TestEstimateUASCApart(t *testing.T) {
	local := kid(t, "A", "01/01/2015", period(episode(t, "01/06/2024", "01/09/2024", "U4", "PR1", "E4A")))
	arrival := kid(t, "B", "01/01/2008", period(episode(t, "01/07/2024", "", "K3", "PR4", "")))
	arrival.UASC = true
	set := &journey.Set{Children: []*journey.Child{local, arrival}}
	pop := Population{2023: {100, 100, 100, 100}, 2024: {100, 100, 100, 100}}
	r, err := Estimate(set, EstimateOptions{From: day(t, "01/04/2024"), To: day(t, "31/03/2025"), DataEnd: day(t, "31/03/2025"), Population: pop})
	if err != nil {
		t.Fatal(err)
	}
	if r.UASC == nil {
		t.Fatal("no UASC stream")
	}
	if r.Entries[Age5to9] != 1 || r.Entries[Age16to17] != 0 || r.Exits[Age5to9][FosterInHouse][ExitHome] != 1 {
		t.Errorf("local rates: entries %v, exits home from in-house 5-9 %d; want the local child only", r.Entries, r.Exits[Age5to9][FosterInHouse][ExitHome])
	}
	if r.UASC.Entries[Age16to17] != 1 || r.UASC.Entries[Age5to9] != 0 || r.UASC.Exposure[Age16to17][Supported] == 0 {
		t.Errorf("UASC rates: entries %v, exposure %v; want the arrival only", r.UASC.Entries, r.UASC.Exposure[Age16to17])
	}
	if got := r.UASC.EntryExposure[Age16to17]; math.Abs(got-12) > 0.1 || r.UASC.PopulationBased {
		t.Errorf("UASC entry exposure %v (population based %v); want 12 months, not the population", got, r.UASC.PopulationBased)
	}
	if !r.PopulationBased || r.EntryExposure[Age5to9] < 1000 {
		t.Errorf("local entry exposure %v; want the population's child-months", r.EntryExposure[Age5to9])
	}
}
