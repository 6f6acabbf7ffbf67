package forecast

import (
	"math"
	"testing"
)

// TestDriftWidens: the same forecast with the rates drifting has a wider
// 90% interval after five years than with rates fixed, and the same
// median within a few children; the drift is the prior's when the data
// has no two whole years to compare, and more than it for the synthetic
// authority whose exits and moves change from year to year.
func TestDriftWidens(t *testing.T) {
	if testing.Short() {
		t.Skip("forecasts a synthetic authority twice")
	}
	a := syntheticAuthority(t)
	start := a.dataEnd.LatestMonthEnd()
	if d := EstimateDrift(a.set, start.AddYears(-1)+1, start, a.dataEnd, a.pop); d != (Drift{priorDrift, priorDrift, priorDrift}) {
		t.Errorf("drift from one year: %+v; want the prior, %v each", d, priorDrift)
	}
	rates, err := Estimate(a.set, EstimateOptions{From: start.AddYears(-2) + 1, To: start, DataEnd: a.dataEnd, Population: a.pop, EntryFrom: entryWindowStart(start)})
	if err != nil {
		t.Fatal(err)
	}
	stock, _ := StockOn(a.set, start)
	width := func(d Drift) Interval {
		r := *rates
		r.Drift = d
		e := &engine{rates: &r, cal: newCalendar(start, 60), stock: stock, seed: 2}
		for m := range e.cal.ends {
			e.pop = append(e.pop, a.pop.On(e.cal.starts[m]+14))
		}
		out := e.run(400, 0)
		return series("total", "", out, e.cal, out.total).Forecast[59]
	}
	fixed, drifting := width(Drift{}), width(Drift{0.1, 0.1, 0.1})
	t.Logf("after five years: fixed %.0f (%.0f to %.0f), drifting %.0f (%.0f to %.0f)", fixed.Median, fixed.P5, fixed.P95, drifting.Median, drifting.P5, drifting.P95)
	if !(drifting.P95-drifting.P5 > 1.3*(fixed.P95-fixed.P5)) {
		t.Errorf("a drift of 10%% a year widens the 90%% interval from %.0f to %.0f; want at least 30%% wider", fixed.P95-fixed.P5, drifting.P95-drifting.P5)
	}
	if math.Abs(drifting.Median-fixed.Median) > 0.05*fixed.Median {
		t.Errorf("median %.0f with drift, %.0f without; want within 5%%", drifting.Median, fixed.Median)
	}
}
