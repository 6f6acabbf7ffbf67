package forecast

import (
	"math"
	"testing"
)

// TestCommonRandomNumbers: a scenario that changes nothing the children
// do gives exactly the baseline's children in every simulation, and a
// small change gives a difference whose interval is narrow beside the
// effect of a large one. Without common random numbers, cutting entries
// by 1% gave −22 children by 2031 with an interval from −130 to +88.
func TestCommonRandomNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("forecasts a synthetic authority three times")
	}
	a := syntheticAuthority(t)
	from := a.dataEnd + 1
	run := func(sc *Scenario) *Comparison {
		t.Helper()
		res, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Seed: 4, Simulations: 300, Scenario: sc})
		if err != nil {
			t.Fatal(err)
		}
		return res.Scenario
	}
	same := run(&Scenario{Name: "prices only", From: from, UnitCostChange: map[Category]float64{FosterAgency: 10}, StepDownTo: FosterInHouse})
	for m, f := range same.Difference.Total.Forecast {
		if f.P5 != 0 || f.P95 != 0 {
			t.Fatalf("a change of prices only: children's difference in month %d is %+v; want 0 in every simulation", m, f)
		}
	}
	last := len(same.Difference.Total.Forecast) - 1
	small := run(&Scenario{Name: "1% fewer entries", From: from, EntryChangePercent: -1, StepDownTo: FosterInHouse}).Difference.Total.Forecast[last]
	large := run(&Scenario{Name: "20% fewer entries", From: from, EntryChangePercent: -20, StepDownTo: FosterInHouse}).Difference.Total.Forecast[last]
	t.Logf("after five years: 1%% fewer entries %+.1f (%+.1f to %+.1f); 20%% fewer %+.1f (%+.1f to %+.1f)",
		small.Median, small.P5, small.P95, large.Median, large.P5, large.P95)
	if width := small.P95 - small.P5; !(width < math.Abs(large.Median)) {
		t.Errorf("the 1%% scenario's 90%% interval is %.1f wide; want narrower than the 20%% scenario's effect, %.1f", width, math.Abs(large.Median))
	}
	if small.P95 > 0 || large.P95 >= 0 {
		t.Errorf("fewer entries should never give more children: 1%% up to %+.1f, 20%% up to %+.1f", small.P95, large.P95)
	}
}
