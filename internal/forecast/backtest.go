package forecast

import (
	"errors"
	"fmt"
	"math"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Backtest is the model tested on the past: fitted on the history up to a
// cut-off, projected over the months after it, and compared with what
// happened, beside two naive forecasts: no change from the cut-off, and a
// straight line fitted to the months before it.
type Backtest struct {
	Cut        string           `json:"cut"` // the last month end the model saw
	WindowFrom string           `json:"window_from"`
	WindowTo   string           `json:"window_to"`
	Months     int              `json:"months"`
	TrendFrom  int              `json:"trend_months"` // months the straight line is fitted to
	Summary    BacktestSummary  `json:"summary"`
	Series     []BacktestSeries `json:"series"`
}

// BacktestSummary is the backtest in four numbers: the mean absolute
// percentage error of the model's median and of each naive forecast,
// averaged over the series it includes (the total and every category
// with at least MinChildren children on average), and the share of
// months in which the truth fell inside the model's 90% interval.
type BacktestSummary struct {
	ModelMAPE    float64 `json:"model_mape"` // percent
	NoChangeMAPE float64 `json:"no_change_mape"`
	TrendMAPE    float64 `json:"trend_mape"`
	Coverage90   float64 `json:"coverage_90"` // a share, 0 to 1
	Coverage50   float64 `json:"coverage_50"`
	Series       int     `json:"series"`
	MinChildren  float64 `json:"min_children"`
}

// BacktestSeries is one series' errors and months.
type BacktestSeries struct {
	Key          string          `json:"key"`
	Label        string          `json:"label"`
	Included     bool            `json:"included"` // in the summary
	MeanActual   float64         `json:"mean_actual"`
	ModelMAPE    float64         `json:"model_mape"`
	NoChangeMAPE float64         `json:"no_change_mape"`
	TrendMAPE    float64         `json:"trend_mape"`
	Coverage90   float64         `json:"coverage_90"`
	Points       []BacktestPoint `json:"points"`
}

// BacktestPoint is one month after the cut-off.
type BacktestPoint struct {
	Date     string  `json:"date"`
	Actual   float64 `json:"actual"`
	Median   float64 `json:"p50"`
	P5       float64 `json:"p5"`
	P25      float64 `json:"p25"`
	P75      float64 `json:"p75"`
	P95      float64 `json:"p95"`
	NoChange float64 `json:"no_change"`
	Trend    float64 `json:"trend"`
}

// BacktestOptions say how to backtest.
type BacktestOptions struct {
	DataEnd     calendar.Date // the last day the data covers
	Cut         calendar.Date // the last day the model sees; default 12 months before the data's last month end
	Months      int           // projected and compared; default 12
	RefYears    int           // the reference window before the cut; default 2
	TrendMonths int           // the naive straight line's months; default 24
	Simulations int
	Seed        uint64
	Population  Population
	Workers     int
}

// MinChildren is the smallest average number of children for a category
// to count in the backtest's summary: percentage errors of a handful of
// children are large and say little.
const MinChildren = 5

// RunBacktest fits the model on the data up to the cut-off, as if the
// months after it were not known, projects them and compares.
func RunBacktest(set *journey.Set, opts BacktestOptions) (*Backtest, error) {
	if opts.DataEnd == 0 {
		return nil, errors.New("the end of the data is not known")
	}
	if opts.Months == 0 {
		opts.Months = 12
	}
	if opts.RefYears == 0 {
		opts.RefYears = defaultRefYears
	}
	if opts.TrendMonths == 0 {
		opts.TrendMonths = 24
	}
	if opts.Simulations == 0 {
		opts.Simulations = defaultSims
	}
	last := opts.DataEnd.LatestMonthEnd()
	if opts.Cut == 0 {
		opts.Cut = historyDates(last, opts.Months+1)[0]
	}
	cut := opts.Cut.LatestMonthEnd()
	truthDates := historyDates(last, ordinal(last)-ordinal(cut)+1)[1:]
	if len(truthDates) < opts.Months {
		return nil, fmt.Errorf("the backtest needs %d months of data after the cut-off %s; the data ends %s", opts.Months, cut, opts.DataEnd)
	}
	truthDates = truthDates[:opts.Months]
	from := cut.AddYears(-opts.RefYears) + 1
	rates, err := Estimate(set, EstimateOptions{From: from, To: cut, DataEnd: cut, Population: opts.Population, EntryFrom: entryWindowStart(cut)})
	if err != nil {
		return nil, err
	}
	rates.Drift = EstimateDrift(set, firstDay(set), cut, cut, opts.Population)
	stock, _ := StockOn(set, cut)
	cal := newCalendar(cut, opts.Months)
	e := &engine{rates: rates, cal: cal, stock: stock, seed: opts.Seed}
	if rates.PopulationBased {
		for m := range cal.ends {
			e.pop = append(e.pop, opts.Population.On(cal.starts[m]+14))
		}
	}
	out := e.run(opts.Simulations, opts.Workers)
	truth := observe(set, truthDates)
	before := observe(set, historyDates(cut, opts.TrendMonths))

	bt := &Backtest{Cut: ISO(cut), WindowFrom: ISO(from), WindowTo: ISO(cut), Months: opts.Months, TrendFrom: opts.TrendMonths}
	type named struct {
		key, label string
		sim        valueOf
		actual     func(o *observed, i int) float64
		summarised bool
	}
	list := []named{{"total", "Children looked after", out.total, (*observed).total, true}}
	for c := range Category(Categories) {
		list = append(list, named{c.Key(), c.Label(), out.category(c), func(o *observed, i int) float64 { return o.byCategory[i][c] }, true})
	}
	for b := range Band(Bands) {
		list = append(list, named{b.Key(), "Aged " + b.Label(), out.band(b), func(o *observed, i int) float64 { return o.byBand[i][b] }, false})
	}
	var sumModel, sumNone, sumTrend float64
	var inside90, inside50, points int
	for _, n := range list {
		history := make([]float64, len(before.dates))
		for i := range history {
			history[i] = n.actual(before, i)
		}
		intercept, slope := straightLine(history)
		fc := series(n.key, n.label, out, cal, n.sim)
		bs := BacktestSeries{Key: n.key, Label: n.label}
		var model, none, trend errorSum
		in90 := 0
		for i := range truthDates {
			actual := n.actual(truth, i)
			f := fc.Forecast[i]
			p := BacktestPoint{Date: f.Date, Actual: actual, Median: f.Median, P5: f.P5, P25: f.P25, P75: f.P75, P95: f.P95,
				NoChange: history[len(history)-1], Trend: max(0, intercept+slope*float64(len(history)+i))}
			bs.Points = append(bs.Points, p)
			bs.MeanActual += actual / float64(len(truthDates))
			model.add(p.Median, actual)
			none.add(p.NoChange, actual)
			trend.add(p.Trend, actual)
			if actual >= p.P5 && actual <= p.P95 {
				in90++
			}
		}
		bs.ModelMAPE, bs.NoChangeMAPE, bs.TrendMAPE = model.mape(), none.mape(), trend.mape()
		bs.Coverage90 = float64(in90) / float64(len(truthDates))
		bs.Included = n.summarised && bs.MeanActual >= MinChildren
		if bs.Included {
			sumModel += bs.ModelMAPE
			sumNone += bs.NoChangeMAPE
			sumTrend += bs.TrendMAPE
			inside90 += in90
			inside50 += countInside(bs.Points, true)
			points += len(truthDates)
			bt.Summary.Series++
		}
		bt.Series = append(bt.Series, bs)
	}
	if k := float64(bt.Summary.Series); k > 0 {
		bt.Summary.ModelMAPE, bt.Summary.NoChangeMAPE, bt.Summary.TrendMAPE = sumModel/k, sumNone/k, sumTrend/k
		bt.Summary.Coverage90 = float64(inside90) / float64(points)
		bt.Summary.Coverage50 = float64(inside50) / float64(points)
	}
	bt.Summary.MinChildren = MinChildren
	return bt, nil
}

// countInside counts the points inside the 50% interval (inner) or the
// 90% interval.
func countInside(points []BacktestPoint, inner bool) int {
	n := 0
	for _, p := range points {
		lo, hi := p.P5, p.P95
		if inner {
			lo, hi = p.P25, p.P75
		}
		if p.Actual >= lo && p.Actual <= hi {
			n++
		}
	}
	return n
}

// errorSum adds up absolute percentage errors, leaving out months whose
// truth is 0.
type errorSum struct {
	sum float64
	n   int
}

func (e *errorSum) add(forecast, actual float64) {
	if actual == 0 {
		return
	}
	e.sum += math.Abs(forecast-actual) / actual * 100
	e.n++
}

func (e *errorSum) mape() float64 {
	if e.n == 0 {
		return 0
	}
	return e.sum / float64(e.n)
}

// straightLine fits y = a + b·x by least squares to y at x = 0, 1, ...
func straightLine(y []float64) (a, b float64) {
	n := float64(len(y))
	if n == 0 {
		return 0, 0
	}
	var sx, sy, sxx, sxy float64
	for i, v := range y {
		x := float64(i)
		sx += x
		sy += v
		sxx += x * x
		sxy += x * v
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return sy / n, 0
	}
	b = (n*sxy - sx*sy) / den
	return (sy - b*sx) / n, b
}
