package forecast

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Backtest is the model tested on the past: fitted on the history up to a
// cut-off, projected over the months after it, and compared with what
// happened, beside two naive forecasts: no change from the cut-off, and a
// straight line fitted to the months before it. It does so from several
// cut-offs (Cuts), so that its errors and the coverage of its intervals
// rest on more than one year's luck.
type Backtest struct {
	Cut        string `json:"cut"` // the latest cut-off: the last month end the model saw
	WindowFrom string `json:"window_from"`
	WindowTo   string `json:"window_to"` // the latest cut's reference window
	Months     int    `json:"months"`
	TrendFrom  int    `json:"trend_months"` // months the straight line is fitted to
	// Summary is over every cut together, weighted by children.
	Summary BacktestSummary `json:"summary"`
	// Series are the total, the categories and the age bands, each over
	// every cut together; their months are in Cuts.
	Series []BacktestSeries `json:"series"`
	Cuts   []BacktestCut    `json:"cuts"` // oldest first; the last is Cut
}

// BacktestCut is the backtest from one cut-off.
type BacktestCut struct {
	Cut        string           `json:"cut"`
	WindowFrom string           `json:"window_from"`
	WindowTo   string           `json:"window_to"`
	Summary    BacktestSummary  `json:"summary"`
	Series     []BacktestSeries `json:"series"`
}

// BacktestSummary is the backtest in five numbers over the series it
// includes (the total and every category averaging at least MinChildren
// children): the error of the model's median and of each naive forecast,
// weighted by children (the absolute error summed over the series and
// months ÷ the children summed, so that every child counts alike and a
// small category's large percentage error does not dominate), and the
// share of the children counted whose series' truth fell inside the
// model's 90% and 50% intervals.
type BacktestSummary struct {
	ModelMAPE    float64 `json:"model_mape"` // percent
	NoChangeMAPE float64 `json:"no_change_mape"`
	TrendMAPE    float64 `json:"trend_mape"`
	Coverage90   float64 `json:"coverage_90"` // a share, 0 to 1
	Coverage50   float64 `json:"coverage_50"`
	Series       int     `json:"series"`
	MinChildren  float64 `json:"min_children"`
}

// BacktestSeries is one series' errors (weighted by children, as the
// summary's), the share of its months inside each interval, and its
// months after the cut-off (only in a cut's series).
type BacktestSeries struct {
	Key          string          `json:"key"`
	Label        string          `json:"label"`
	Included     bool            `json:"included"` // in the summary
	MeanActual   float64         `json:"mean_actual"`
	ModelMAPE    float64         `json:"model_mape"`
	NoChangeMAPE float64         `json:"no_change_mape"`
	TrendMAPE    float64         `json:"trend_mape"`
	Coverage90   float64         `json:"coverage_90"`
	Coverage50   float64         `json:"coverage_50"`
	Points       []BacktestPoint `json:"points,omitempty"`
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
	DataEnd calendar.Date // the last day the data covers
	// DataStart is the first day the data covers; default the first
	// return's first day (journey.Set.Span). No cut's reference window
	// may start before it.
	DataStart   calendar.Date
	Cut         calendar.Date // the latest cut-off; default Months before the data's last month end
	Months      int           // projected and compared from each cut; default 12
	RefYears    int           // the reference window before each cut; default 2
	TrendMonths int           // the naive straight line's months; default 24
	CutEvery    int           // months between cut-offs; default 6
	MaxCuts     int           // default 6
	Simulations int           // for each cut
	Seed        uint64
	Population  Population
	Workers     int
}

// MinChildren is the smallest average number of children for a category
// to count in the backtest's summary: percentage errors of a handful of
// children are large and say little.
const MinChildren = 5

const (
	defaultCutEvery = 6
	defaultMaxCuts  = 6
)

// RunBacktest fits the model on the data up to each cut-off, as if the
// months after it were not known, projects them and compares. The cuts go
// back CutEvery months at a time from the latest, as far as the data
// allow: each cut's reference window must lie wholly inside the data.
func RunBacktest(set *journey.Set, opts BacktestOptions) (*Backtest, error) {
	opts, err := opts.withDefaults(set)
	if err != nil {
		return nil, err
	}
	cuts, err := opts.cuts()
	if err != nil {
		return nil, err
	}
	latest := cuts[len(cuts)-1]
	last := latest.AddMonths(opts.Months).MonthEnd()
	first := historyDates(cuts[0], opts.TrendMonths)[0]
	seen := observe(set, historyDates(last, ordinal(last)-ordinal(first)+1))
	bt := &Backtest{Cut: ISO(latest), WindowFrom: ISO(opts.windowStart(latest)), WindowTo: ISO(latest), Months: opts.Months, TrendFrom: opts.TrendMonths}
	for k, cut := range cuts {
		c, err := opts.backtestCut(set, cut, seen, uint64(len(cuts)-1-k))
		if err != nil {
			return nil, fmt.Errorf("the backtest from %s: %w", cut.Long(), err)
		}
		bt.Cuts = append(bt.Cuts, c)
	}
	bt.summarise()
	return bt, nil
}

// withDefaults fills in the options left zero.
func (opts BacktestOptions) withDefaults(set *journey.Set) (BacktestOptions, error) {
	if opts.DataEnd == 0 {
		return opts, errors.New("the end of the data is not known")
	}
	if opts.DataStart == 0 {
		if span, ok := set.Span(); ok {
			opts.DataStart = span.Start
		}
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
	if opts.CutEvery == 0 {
		opts.CutEvery = defaultCutEvery
	}
	if opts.MaxCuts == 0 {
		opts.MaxCuts = defaultMaxCuts
	}
	if opts.Cut == 0 {
		opts.Cut = opts.DataEnd.LatestMonthEnd().AddMonths(-opts.Months).MonthEnd()
	}
	opts.Cut = opts.Cut.LatestMonthEnd()
	return opts, nil
}

// windowStart is the first day of a cut's reference window.
func (opts BacktestOptions) windowStart(cut calendar.Date) calendar.Date {
	return cut.AddYears(-opts.RefYears) + 1
}

// cuts lists the cut-offs the data allow, oldest first: the latest, and
// then every CutEvery months before it whose reference window starts on
// or after the data's first day, up to MaxCuts.
func (opts BacktestOptions) cuts() ([]calendar.Date, error) {
	last := opts.DataEnd.LatestMonthEnd()
	if after := ordinal(last) - ordinal(opts.Cut); after < opts.Months {
		return nil, fmt.Errorf("the backtest needs %d months of data after the cut-off %s; the data ends %s", opts.Months, opts.Cut.Long(), opts.DataEnd.Long())
	}
	var cuts []calendar.Date
	for k := range opts.MaxCuts {
		cut := opts.Cut.AddMonths(-k * opts.CutEvery).MonthEnd()
		if opts.DataStart != 0 && opts.windowStart(cut) < opts.DataStart {
			break
		}
		cuts = append(cuts, cut)
	}
	if len(cuts) == 0 {
		return nil, fmt.Errorf("the backtest's reference window from %s to the cut-off %s starts before the data, which start on %s: "+
			"a backtest needs %d years of returns before its cut-off and %d months after it",
			opts.windowStart(opts.Cut).Long(), opts.Cut.Long(), opts.DataStart.Long(), opts.RefYears, opts.Months)
	}
	slices.Reverse(cuts)
	return cuts, nil
}

// backtestSeries names a series the backtest compares: how the
// simulations and the data count it.
type backtestSeries struct {
	key, label string
	sim        valueOf
	actual     func(o *observed, i int) float64
	summarised bool // may count in the summary
}

// backtestCut fits, projects and compares from one cut-off, with the seed
// offset by the cut's place before the latest (the latest keeps Seed).
// seen holds the data's counts at every month end the comparison needs.
func (opts BacktestOptions) backtestCut(set *journey.Set, cut calendar.Date, seen *observed, offset uint64) (BacktestCut, error) {
	from := opts.windowStart(cut)
	rates, err := Estimate(set, EstimateOptions{From: from, To: cut, DataEnd: cut, Population: opts.Population, EntryFrom: entryWindowStart(cut)})
	if err != nil {
		return BacktestCut{}, err
	}
	rates.Drift = EstimateDrift(set, firstDay(set), cut, cut, opts.Population)
	stock, _ := StockOn(set, cut)
	cal := newCalendar(cut, opts.Months)
	e := &engine{rates: rates, cal: cal, stock: stock, seed: opts.Seed + offset}
	if rates.PopulationBased {
		for m := range cal.ends {
			e.pop = append(e.pop, opts.Population.On(cal.starts[m]+14))
		}
	}
	out := e.run(opts.Simulations, opts.Workers)
	list := []backtestSeries{{"total", "Children looked after", out.total, (*observed).total, true}}
	for c := range Category(Categories) {
		list = append(list, backtestSeries{c.Key(), c.Label(), out.category(c), func(o *observed, i int) float64 { return o.byCategory[i][c] }, true})
	}
	for b := range Band(Bands) {
		list = append(list, backtestSeries{b.Key(), "Aged " + b.Label(), out.band(b), func(o *observed, i int) float64 { return o.byBand[i][b] }, false})
	}
	// The trend is fitted to the months before the cut that the data
	// cover: none before the first return is drawn.
	trendMonths := opts.TrendMonths
	if opts.DataStart != 0 {
		trendMonths = min(trendMonths, ordinal(cut)-ordinal(opts.DataStart)+1)
	}
	at := func(d calendar.Date) int { return ordinal(d) - ordinal(seen.dates[0]) }
	c := BacktestCut{Cut: ISO(cut), WindowFrom: ISO(from), WindowTo: ISO(cut)}
	for _, n := range list {
		history := make([]float64, trendMonths)
		for i := range history {
			history[i] = n.actual(seen, at(cut)-trendMonths+1+i)
		}
		intercept, slope := straightLine(history)
		fc := series(n.key, n.label, out, cal, n.sim)
		bs := BacktestSeries{Key: n.key, Label: n.label}
		for i := range opts.Months {
			f := fc.Forecast[i]
			p := BacktestPoint{Date: f.Date, Actual: n.actual(seen, at(cut)+1+i), Median: f.Median, P5: f.P5, P25: f.P25, P75: f.P75, P95: f.P95,
				NoChange: history[len(history)-1], Trend: max(0, intercept+slope*float64(len(history)+i))}
			bs.Points = append(bs.Points, p)
		}
		c.Series = append(c.Series, bs)
	}
	return c, nil
}

// summarise works out every figure from the cuts' months: which series
// count in the summaries, decided on their children over every cut (so
// that a series counts in every cut or in none), each cut's series and
// summary, each series over all cuts, and the whole backtest's summary.
// The cuts must list the same series in the same order.
func (bt *Backtest) summarise() {
	bt.Series, bt.Summary = nil, BacktestSummary{}
	if len(bt.Cuts) == 0 {
		return
	}
	tallies := make([][]tally, len(bt.Cuts)) // by cut, then by series
	for k := range bt.Cuts {
		c := &bt.Cuts[k]
		tallies[k] = make([]tally, len(c.Series))
		for j := range c.Series {
			for _, p := range c.Series[j].Points {
				tallies[k][j].add(p)
			}
			tallies[k][j].fill(&c.Series[j])
		}
	}
	var overall tally
	included := make([]bool, len(bt.Cuts[0].Series))
	for j, sr := range bt.Cuts[0].Series {
		var all tally
		for k := range bt.Cuts {
			all.merge(tallies[k][j])
		}
		s := BacktestSeries{Key: sr.Key, Label: sr.Label}
		all.fill(&s)
		included[j] = summarised(sr.Key) && s.MeanActual >= MinChildren
		s.Included = included[j]
		bt.Series = append(bt.Series, s)
		if s.Included {
			overall.merge(all)
			bt.Summary.Series++
		}
	}
	overall.summary(&bt.Summary)
	for k := range bt.Cuts {
		var cut tally
		c := &bt.Cuts[k]
		c.Summary = BacktestSummary{}
		for j := range c.Series {
			c.Series[j].Included = included[j]
			if included[j] {
				cut.merge(tallies[k][j])
				c.Summary.Series++
			}
		}
		cut.summary(&c.Summary)
	}
}

// summarised says whether a series may count in the summary: the total
// and the placement categories, not the age bands, which count the same
// children again.
func summarised(key string) bool {
	for b := range Band(Bands) {
		if b.Key() == key {
			return false
		}
	}
	return true
}

// tally sums a series' months: the absolute errors, the children, and
// the months and children inside each interval.
type tally struct {
	model, none, trend float64 // absolute errors
	actual             float64 // children
	in90, in50         float64 // children inside the 90% and 50% intervals
	points             int
	points90, points50 int // months inside
}

func (t *tally) add(p BacktestPoint) {
	t.model += math.Abs(p.Median - p.Actual)
	t.none += math.Abs(p.NoChange - p.Actual)
	t.trend += math.Abs(p.Trend - p.Actual)
	t.actual += p.Actual
	t.points++
	if p.Actual >= p.P5 && p.Actual <= p.P95 {
		t.in90 += p.Actual
		t.points90++
	}
	if p.Actual >= p.P25 && p.Actual <= p.P75 {
		t.in50 += p.Actual
		t.points50++
	}
}

func (t *tally) merge(o tally) {
	t.model, t.none, t.trend, t.actual = t.model+o.model, t.none+o.none, t.trend+o.trend, t.actual+o.actual
	t.in90, t.in50 = t.in90+o.in90, t.in50+o.in50
	t.points, t.points90, t.points50 = t.points+o.points, t.points90+o.points90, t.points50+o.points50
}

// percent is an absolute error as a percentage of the children; 0 when
// there were none.
func (t *tally) percent(abs float64) float64 {
	if t.actual == 0 {
		return 0
	}
	return abs / t.actual * 100
}

// fill sets a series' figures: errors weighted by children, coverage as
// the share of its months.
func (t *tally) fill(s *BacktestSeries) {
	s.ModelMAPE, s.NoChangeMAPE, s.TrendMAPE = t.percent(t.model), t.percent(t.none), t.percent(t.trend)
	if t.points > 0 {
		s.MeanActual = t.actual / float64(t.points)
		s.Coverage90 = float64(t.points90) / float64(t.points)
		s.Coverage50 = float64(t.points50) / float64(t.points)
	}
}

// summary sets a summary's figures: errors and coverage weighted by
// children.
func (t *tally) summary(s *BacktestSummary) {
	s.ModelMAPE, s.NoChangeMAPE, s.TrendMAPE = t.percent(t.model), t.percent(t.none), t.percent(t.trend)
	if t.actual > 0 {
		s.Coverage90, s.Coverage50 = t.in90/t.actual, t.in50/t.actual
	}
	s.MinChildren = MinChildren
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
