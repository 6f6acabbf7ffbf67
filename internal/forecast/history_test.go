package forecast

import (
	"math"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
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

// TestShortHistory: one synthetic authority of 800 children forecast
// from its six years of returns and from its last four, three, two and
// one. A store of fewer than three years warns; and, for four, three and
// two years, the six-year forecast's year-5 median lies within the short
// store's 90% interval, and the short store's median within the six-year
// interval. Seed 1 is the authority of issue 12. Before the window was
// clamped and care before the first return treated as left-censored, its
// year-5 medians were 826, 843, 869, 914 and 1,204 for 6, 4, 3, 2 and 1
// years; now they are 826, 836, 845, 884 and 931, and the six-year
// median lies inside every short store's 90% interval, as the issue
// asks. The other way round, each short store's median inside the
// six-year interval, holds from two years; one year's median sits at the
// top of it (931 against 734 to 932), as no period of care is seen from
// its start beyond a year (see METHOD.md), so that direction is not
// tested for one year. A short store's history starts at the first
// return, not 36 months before the start.
func TestShortHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates six years of a synthetic authority")
	}
	end := calendar.NewDate(2026, 3, 31)
	res, err := synth.Generate(synth.Config{Children: 800, Years: 6, Until: end, Seed: synthSeed(t, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var six Interval
	for _, n := range []int{6, 4, 3, 2, 1} {
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
		if six.Median < total.P5 || six.Median > total.P95 {
			t.Errorf("%d years: the six-year median %.0f is outside the 90%% interval %.0f to %.0f", n, six.Median, total.P5, total.P95)
		}
		if n == 1 {
			continue // see above
		}
		if total.Median < six.P5 || total.Median > six.P95 {
			t.Errorf("%d years: the median %.0f is outside the six-year 90%% interval %.0f to %.0f", n, total.Median, six.P5, six.P95)
		}
	}
}

// TestEstimateLeftCensored: the same period of care as TestEstimateByDuration
// (in-house fostering from 1 January 2024, agency fostering from 1 June,
// home on 1 March 2025), but left-censored: its time in care is known
// only to be at least the time since its first visible day, which is in
// no piece for certain, so its time, move and exit are counted over all
// times in care only. A second censored period, visible from 1 January
// 2021, is three years or more into care for the whole window, for
// certain.
func TestEstimateLeftCensored(t *testing.T) {
	censored := func(p journey.Period) journey.Period { p.LeftCensored = true; return p }
	set := &journey.Set{Children: []*journey.Child{
		kid(t, "A", "01/01/2010", censored(period(
			episode(t, "01/01/2024", "01/06/2024", "U4", "PR1", "X1"),
			episode(t, "01/06/2024", "01/03/2025", "U6", "PR4", "E4A"),
		))),
		kid(t, "B", "01/01/2010", censored(period(
			episode(t, "01/01/2021", "01/03/2025", "U6", "PR4", "E4A"),
		))),
	}}
	r, err := Estimate(set, EstimateOptions{From: day(t, "01/04/2024"), To: day(t, "31/03/2025"), DataEnd: day(t, "31/03/2025")})
	if err != nil {
		t.Fatal(err)
	}
	b := Age10to15
	for k := range Durations {
		want := 0.0
		if Duration(k) == Months36Plus {
			want = 334 / daysPerMonth // B, 1 April 2024 to 1 March 2025
		}
		if got := r.DurationExposure[b][k][FosterAgency] + r.DurationExposure[b][k][FosterInHouse]; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: %.4f child-months by piece; want %.4f", Duration(k).Key(), got, want)
		}
	}
	if got, want := r.Exposure[b][FosterAgency]+r.Exposure[b][FosterInHouse], (334+334)/daysPerMonth; math.Abs(got-want) > 1e-9 {
		t.Errorf("exposure over all times in care %.4f; want %.4f", got, want)
	}
	if got, want := r.Censored, 334/daysPerMonth; math.Abs(got-want) > 1e-9 {
		t.Errorf("censored child-months %.4f; want %.4f", got, want)
	}
	if r.Moves[b][FosterInHouse][FosterAgency] != 1 || r.DurationMoves[b][Months3to12][FosterInHouse][FosterAgency] != 0 {
		t.Errorf("A's move: %d over all times, %d at 3-12 months; want 1 and 0", r.Moves[b][FosterInHouse][FosterAgency], r.DurationMoves[b][Months3to12][FosterInHouse][FosterAgency])
	}
	if r.Exits[b][FosterAgency][ExitHome] != 2 || r.DurationExits[b][Months12to36][FosterAgency][ExitHome] != 0 || r.DurationExits[b][Months36Plus][FosterAgency][ExitHome] != 1 {
		t.Errorf("exits home: %d over all times, %d at 12-36 months, %d at 36m+; want 2, 0 and 1", r.Exits[b][FosterAgency][ExitHome],
			r.DurationExits[b][Months12to36][FosterAgency][ExitHome], r.DurationExits[b][Months36Plus][FosterAgency][ExitHome])
	}
}

// TestTimeInCare: the imputed time in care given at least the visible
// time, worked out by hand. With no exits it is uniform between the
// visible time and the child's age; with a hazard h in the last piece
// only, past 36 months, its quantile u is 36 − ln(1 − u) ÷ h.
func TestTimeInCare(t *testing.T) {
	none := [Durations]float64{}
	last := [Durations]float64{0, 0, 0, 0.05}
	for _, c := range []struct {
		name              string
		hazards           [Durations]float64
		visible, limit, u float64
		want              float64
	}{
		{"uniform, median", none, 12, 60, 0.5, 36},
		{"uniform, lowest", none, 12, 60, 0, 12},
		{"uniform, highest", none, 12, 60, 1, 60},
		{"older than the visible time only", none, 30, 20, 0.5, 30},
		{"last piece, median", last, 40, 1e6, 0.5, 40 + math.Ln2/0.05},
		{"last piece, from 36", last, 36, 1e6, 0.9, 36 - math.Log(0.1)/0.05},
	} {
		if got := timeInCare(c.hazards, c.visible, c.limit, c.u); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: %.4f months; want %.4f", c.name, got, c.want)
		}
	}
}

// TestStockLeftCensored: a child looked after at the start whose care
// began before the first return and is visible for less than three years
// is imputed a longer time in care (never before birth), and counted in
// left_censored; one visible for three years or more keeps the first
// visible day.
func TestStockLeftCensored(t *testing.T) {
	censored := func(p journey.Period) journey.Period { p.LeftCensored = true; return p }
	set := &journey.Set{Children: []*journey.Child{
		kid(t, "A", "01/01/2010", censored(period(episode(t, "01/03/2024", "", "U4", "PR1", "")))),
		kid(t, "B", "01/01/2010", censored(period(episode(t, "01/01/2021", "", "U4", "PR1", "")))),
		kid(t, "C", "01/01/2010", period(episode(t, "01/06/2024", "", "U4", "PR1", ""))),
	}}
	end := day(t, "31/03/2025")
	stock, censoredAt, _ := stockOn(set, end)
	if len(stock) != 3 || len(censoredAt) != 2 {
		t.Fatalf("stock %v, censored %v; want 3 children, 2 censored", stock, censoredAt)
	}
	rates := &Rates{}
	rates.Exits[Age10to15][FosterInHouse][ExitHome], rates.Exposure[Age10to15][FosterInHouse] = 1, 100
	if n := imputeBegan(stock, censoredAt, rates, end); n != 1 {
		t.Errorf("%d imputed; want A only", n)
	}
	if a := stock[0].Began; a >= day(t, "01/03/2024") || a < stock[0].DOB {
		t.Errorf("A began on %s; want before its first visible day, 1 March 2024, and after birth", a)
	}
	if stock[1].Began != day(t, "01/01/2021") || stock[2].Began != day(t, "01/06/2024") {
		t.Errorf("B and C began on %s and %s; want their periods' starts", stock[1].Began, stock[2].Began)
	}
}

// TestWindowBeforeTheData: a reference window that ends before the first
// return is refused, and one that starts before it is cut at it, with a
// note.
func TestWindowBeforeTheData(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a synthetic authority")
	}
	end := calendar.NewDate(2026, 3, 31)
	a, err := generate(synth.Config{Children: 200, Years: 2, Until: end, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{DataEnd: end, Population: a.pop, Simulations: 20, Years: 1, From: calendar.NewDate(2022, 4, 1), To: calendar.NewDate(2024, 3, 31)}
	if _, err := Forecast(a.set, opts); err == nil || !strings.Contains(err.Error(), "before the data starts") {
		t.Errorf("a window before the data: error %v; want a refusal", err)
	}
	opts.To = end
	res, err := Forecast(a.set, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.WindowFrom != "2024-04-01" || !hasNote(res, "the first day of the first return, not on 1 April 2022") {
		t.Errorf("window from %s, notes %q; want it cut at 1 April 2024 with a note", res.WindowFrom, res.Notes)
	}
}
