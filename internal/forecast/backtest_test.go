package forecast

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// months makes n points of a series with the same actual count, the
// model's median off it by err (a share), inside the 50% and 90%
// intervals or outside both.
func months(n int, actual, err float64, inside bool) []BacktestPoint {
	width := actual * err / 4 // the intervals miss the actual count
	if inside {
		width = actual * err * 2
	}
	median := actual * (1 + err)
	var out []BacktestPoint
	for range n {
		out = append(out, BacktestPoint{Actual: actual, Median: median, P5: median - 2*width, P25: median - width, P75: median + width, P95: median + 2*width,
			NoChange: actual, Trend: actual * (1 + 2*err)})
	}
	return out
}

// TestBacktestWeightedByChildren: a category of 8 children with a 40%
// error beside a category of 992 children with a 1% error, and the total
// of the two. Averaged over the series the model's error would be 14%;
// weighted by children it is about 1.3%, as every child counts once in
// the total and once in its category each month. The small category's
// truth falls outside its intervals and the others' inside: by months the
// 90% interval would hold two series in three, by children 99.6%.
func TestBacktestWeightedByChildren(t *testing.T) {
	cut := func(date string) BacktestCut {
		return BacktestCut{Cut: date, WindowFrom: date[:3] + "2-04-01", WindowTo: date, Series: []BacktestSeries{
			{Key: "total", Label: "Children looked after", Points: months(12, 1000, 0.0132, true)},
			{Key: "big", Label: "Big", Points: months(12, 992, 0.01, true)},
			{Key: "small", Label: "Small", Points: months(12, 8, 0.40, false)},
			{Key: "tiny", Label: "Tiny", Points: months(12, 2, 1, false)}, // fewer than MinChildren: left out
		}}
	}
	bt := &Backtest{Cuts: []BacktestCut{cut("2024-03-31"), cut("2025-03-31")}}
	bt.summarise()
	absolute := 1000*0.0132 + 992*0.01 + 8*0.40
	want := BacktestSummary{ModelMAPE: absolute / 2000 * 100, NoChangeMAPE: 0, TrendMAPE: 2 * absolute / 2000 * 100,
		Coverage90: 1992.0 / 2000, Coverage50: 1992.0 / 2000, Series: 3, MinChildren: MinChildren}
	for _, c := range []struct {
		name string
		got  BacktestSummary
	}{{"over all cuts", bt.Summary}, {"first cut", bt.Cuts[0].Summary}, {"second cut", bt.Cuts[1].Summary}} {
		if !closeSummary(c.got, want) {
			t.Errorf("%s: summary %+v; want %+v", c.name, c.got, want)
		}
	}
	if bt.Summary.ModelMAPE > 2 {
		t.Errorf("the model's error %.1f%% follows the small category, not the children", bt.Summary.ModelMAPE)
	}
	small := bt.Series[2]
	if !small.Included || math.Abs(small.ModelMAPE-40) > 1e-9 || small.Coverage90 != 0 || small.MeanActual != 8 || len(small.Points) != 0 {
		t.Errorf("the small category over all cuts: %+v", small)
	}
	if tiny := bt.Series[3]; tiny.Included || bt.Cuts[0].Series[3].Included {
		t.Error("a category averaging 2 children counts in the summary")
	}
	checkCalibration(t, bt)
}

// checkCalibration checks that the text and the workbook's Calibration
// sheet show each cut's coverage and errors and those over all cuts.
func checkCalibration(t *testing.T, bt *Backtest) {
	t.Helper()
	bt.Months, bt.Cut = 12, bt.Cuts[len(bt.Cuts)-1].Cut
	var text strings.Builder
	if err := bt.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	rows := (&Result{Backtest: bt}).calibrationRows()
	spaces := regexp.MustCompile(` +`)
	for i, c := range append(bt.Cuts, BacktestCut{Cut: "All cut-offs", Summary: bt.Summary}) {
		s := c.Summary
		line := regexp.MustCompile(regexp.QuoteMeta(long(c.Cut)) + ` .*` + regexp.QuoteMeta(fmt.Sprintf("%.1f%% %.1f%% %.1f%% %.0f%% %.0f%%",
			s.ModelMAPE, s.NoChangeMAPE, s.TrendMAPE, s.Coverage90*100, s.Coverage50*100)))
		if !line.MatchString(spaces.ReplaceAllString(text.String(), " ")) {
			t.Errorf("the text lacks the calibration of %s:\n%s", c.Cut, text.String())
		}
		row := rows[2+i]
		if row[5] != s.Coverage50 || row[6] != 0.5 || row[7] != s.Coverage90 || row[8] != 0.9 || row[9] != round1(s.ModelMAPE) {
			t.Errorf("the Calibration sheet's row for %s: %v", c.Cut, row)
		}
	}
}

// closeSummary compares summaries to rounding.
func closeSummary(a, b BacktestSummary) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	return near(a.ModelMAPE, b.ModelMAPE) && near(a.NoChangeMAPE, b.NoChangeMAPE) && near(a.TrendMAPE, b.TrendMAPE) &&
		near(a.Coverage90, b.Coverage90) && near(a.Coverage50, b.Coverage50) && a.Series == b.Series && a.MinChildren == b.MinChildren
}

// TestBacktestCuts: six years of a synthetic authority, from 1 April
// 2020, allow seven cut-offs six months apart back from 31 March 2025
// with two years of reference window inside the data; the backtest uses
// the latest six, each projected over 12 months, and its summary is the
// children-weighted sum of theirs. The JSON has the cuts and coverage_50.
func TestBacktestCuts(t *testing.T) {
	if testing.Short() {
		t.Skip("backtests a synthetic authority from six cut-offs")
	}
	a := syntheticAuthority(t)
	bt, err := RunBacktest(a.set, BacktestOptions{DataEnd: a.dataEnd, Population: a.pop, Seed: 1, Simulations: 200})
	if err != nil {
		t.Fatal(err)
	}
	var cuts []string
	for _, c := range bt.Cuts {
		cuts = append(cuts, c.Cut+" from "+c.WindowFrom)
		if len(c.Series) != len(bt.Series) || len(c.Series[0].Points) != 12 {
			t.Errorf("cut %s: %d series, %d months", c.Cut, len(c.Series), len(c.Series[0].Points))
		}
	}
	want := "2022-09-30 from 2020-10-01, 2023-03-31 from 2021-04-01, 2023-09-30 from 2021-10-01, " +
		"2024-03-31 from 2022-04-01, 2024-09-30 from 2022-10-01, 2025-03-31 from 2023-04-01"
	if got := strings.Join(cuts, ", "); got != want {
		t.Errorf("cuts %s; want %s", got, want)
	}
	if bt.Cut != "2025-03-31" || bt.WindowFrom != "2023-04-01" {
		t.Errorf("the latest cut %s from %s", bt.Cut, bt.WindowFrom)
	}
	// The summary over all cuts is their children-weighted sum.
	var abs, children float64
	for _, c := range bt.Cuts {
		for _, sr := range c.Series {
			if sr.Included {
				for _, p := range sr.Points {
					abs += math.Abs(p.Median - p.Actual)
					children += p.Actual
				}
			}
		}
	}
	if got := abs / children * 100; math.Abs(got-bt.Summary.ModelMAPE) > 1e-9 {
		t.Errorf("model error %.3f%%; the cuts' weighted %.3f%%", bt.Summary.ModelMAPE, got)
	}
	t.Logf("model %.1f%%, no change %.1f%%, straight line %.1f%%; 90%% coverage %.2f, 50%% %.2f",
		bt.Summary.ModelMAPE, bt.Summary.NoChangeMAPE, bt.Summary.TrendMAPE, bt.Summary.Coverage90, bt.Summary.Coverage50)
	data, err := json.Marshal(bt)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Summary map[string]float64 `json:"summary"`
		Cuts    []struct {
			Cut     string             `json:"cut"`
			Summary map[string]float64 `json:"summary"`
		} `json:"cuts"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Cuts) != 6 {
		t.Errorf("%d cuts in the JSON", len(got.Cuts))
	}
	for _, key := range []string{"model_mape", "no_change_mape", "trend_mape", "coverage_90", "coverage_50"} {
		if _, ok := got.Summary[key]; !ok {
			t.Errorf("the JSON summary lacks %s", key)
		}
		if _, ok := got.Cuts[0].Summary[key]; !ok {
			t.Errorf("the JSON cut lacks %s", key)
		}
	}
}

// TestBacktestRefusedBeforeTheData: a store of two years of returns
// cannot fit two years before a cut a year before its end, and says so
// with the dates; three years allow the one cut, 31 March 2025, and no
// earlier one.
func TestBacktestRefusedBeforeTheData(t *testing.T) {
	if testing.Short() {
		t.Skip("generates two synthetic authorities")
	}
	end := calendar.NewDate(2026, 3, 31)
	for _, c := range []struct {
		years int
		cuts  string
		err   string
	}{
		{2, "", "the backtest's reference window from 1 April 2023 to the cut-off 31 March 2025 starts before the data, which start on 1 April 2024"},
		{3, "2025-03-31", ""},
	} {
		a, err := generate(synth.Config{Children: 200, Years: c.years, Until: end, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		bt, err := RunBacktest(a.set, BacktestOptions{DataEnd: end, Population: a.pop, Seed: 1, Simulations: 100})
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%d years: error %v; want %q", c.years, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d years: %v", c.years, err)
		}
		var cuts []string
		for _, cut := range bt.Cuts {
			cuts = append(cuts, cut.Cut)
		}
		if got := strings.Join(cuts, ", "); got != c.cuts {
			t.Errorf("%d years: cuts %s; want %s", c.years, got, c.cuts)
		}
	}
}
