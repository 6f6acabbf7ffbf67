package forecast

import (
	"math"
	"testing"
)

// TestProjectSpends checks that a run of one scenario costs what the
// forecast's comparison says it does, that a combination of two
// scenarios with different starts is not the same as either, and that
// an empty combination is the baseline.
func TestProjectSpends(t *testing.T) {
	area := syntheticAuthority(t)
	opts := Options{DataEnd: area.dataEnd, Years: 2, Simulations: 40, Seed: 5, Population: area.pop}
	fewer := &Scenario{Name: "fewer", From: area.dataEnd + 1, EntryChangePercent: -20, StepDownTo: FosterInHouse}
	stepDown := &Scenario{Name: "step down", From: area.dataEnd.AddMonths(6) + 1, StepDownShare: 0.2, StepDownTo: FosterInHouse}
	runs, err := ProjectSpends(area.set, opts, [][]*Scenario{{fewer}, {fewer, stepDown}, {}})
	if err != nil {
		t.Fatal(err)
	}
	withScenario := opts
	withScenario.Scenario = fewer
	res, err := Forecast(area.set, withScenario)
	if err != nil {
		t.Fatal(err)
	}
	total := func(r *RunSpend) float64 {
		sum := 0.0
		for _, v := range r.Pounds {
			sum += v
		}
		return sum / float64(runs.Sims)
	}
	want := 0.0
	for _, y := range res.Scenario.Difference.Spend {
		want += y.Mean
	}
	got := total(runs.Runs[0]) - total(runs.Baseline)
	if math.Abs(got-want) > 1e-6*math.Abs(want)+1 {
		t.Errorf("fewer entries save %.0f in the runs, %.0f in the forecast's comparison", got, want)
	}
	if !(want < 0) {
		t.Errorf("a fifth fewer entries changes spend by %.0f; expected a saving", want)
	}
	both := total(runs.Runs[1]) - total(runs.Baseline)
	if !(both < got) {
		t.Errorf("fewer entries and a step-down save %.0f, fewer entries alone %.0f: expected the two to save more", -both, -got)
	}
	if total(runs.Runs[2]) != total(runs.Baseline) {
		t.Error("an empty combination is not the baseline")
	}
	if len(runs.MonthEnds) != 24 || len(runs.Baseline.Weeks) != 24 {
		t.Errorf("%d months, %d months of weeks; expected 24", len(runs.MonthEnds), len(runs.Baseline.Weeks))
	}
}
