package forecast

import (
	"errors"
	"fmt"
	"math"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Options say what to forecast.
type Options struct {
	DataEnd     calendar.Date // the last day the data covers (required)
	From, To    calendar.Date // the reference window; by default the two years to the projection's start
	Years       int           // how far to project, 1 to 5 (default 5)
	Simulations int           // default 1000
	Seed        uint64
	Population  Population // children by age band; nil for entries a month
	Costs       *Costs     // nil for DefaultCosts
	Inflation   float64    // a year, applied to each cost from the year of its prices
	Scenario    *Scenario  // nil for the baseline only
	// RecentEntries runs, as the scenario, entries at the rate of the
	// entries' window's last six months (Result.RecentEntries); not with
	// Scenario.
	RecentEntries bool
	Workers       int // parallel simulations; 0 for GOMAXPROCS
	History       int // months of history shown before the start (default 36)
}

// Limits on the options.
const (
	MaxYears        = 5
	MaxSimulations  = 100_000
	defaultSims     = 1000
	defaultHistory  = 36
	defaultRefYears = 2
)

// Result is a forecast: the baseline projection with its intervals, the
// scenario beside it when there is one, the history before it, the rates
// it rests on and the costs it used. Web pages, JSON and workbooks render
// it as it is.
type Result struct {
	Start           string         `json:"start"`            // the last month end of the data used
	WindowFrom      string         `json:"window_from"`      // the reference window
	WindowTo        string         `json:"window_to"`        //
	Months          int            `json:"months"`           // projected
	Simulations     int            `json:"simulations"`      //
	Seed            uint64         `json:"seed"`             //
	PopulationBased bool           `json:"population_based"` // entries per child in the population, or a number a month
	LookedAfter     int            `json:"looked_after"`     // children looked after at the start, with a date of birth
	NoDOB           int            `json:"children_without_dob"`
	LeftCensored    int            `json:"left_censored"` // children looked after at the start whose care began before the first return
	UASCArrivals    int            `json:"uasc_arrivals"` // unaccompanied asylum-seeking children who entered care in the entries' window
	Inflation       float64        `json:"inflation"`
	Baseline        *Projection    `json:"baseline"`
	Scenario        *Comparison    `json:"scenario,omitempty"`
	Backtest        *Backtest      `json:"backtest,omitempty"`
	RecentEntries   *RecentEntries `json:"recent_entries,omitempty"` // the last six months' entries against the months before
	Rates           []RateRow      `json:"rates"`
	Drift           Drift          `json:"drift"` // how far rates wander a year, on the log scale
	Costs           []Cost         `json:"costs"`
	Notes           []string       `json:"notes"`
	rates           *Rates
}

// Projection is one projection: children looked after at each month end
// (in total, by category and by age band), entries a month, and spend by
// financial year, in total and by category, each with its intervals.
type Projection struct {
	Total           Series          `json:"total"`
	ByCategory      []Series        `json:"by_category"`
	ByBand          []Series        `json:"by_band"`
	Entries         Series          `json:"entries"`
	Spend           []YearSpend     `json:"spend"`
	SpendByCategory []CategorySpend `json:"spend_by_category"`

	// UASC and UASCEntries are the unaccompanied asylum-seeking children
	// among those looked after and those entering, when the rates have a
	// stream of them.
	UASC        *Series `json:"uasc,omitempty"`
	UASCEntries *Series `json:"uasc_entries,omitempty"`
}

// Series is one monthly series: what happened before the start and the
// projection after it.
type Series struct {
	Key      string     `json:"key"`
	Label    string     `json:"label"`
	History  []Point    `json:"history,omitempty"`
	Forecast []Interval `json:"forecast"`
}

// Point is one observed month end.
type Point struct {
	Date  string  `json:"date"` // YYYY-MM-DD
	Value float64 `json:"value"`
}

// Interval is one projected month: the median and the 50% and 90%
// intervals over the simulations.
type Interval struct {
	Date   string  `json:"date"`
	P5     float64 `json:"p5"`
	P25    float64 `json:"p25"`
	Median float64 `json:"p50"`
	P75    float64 `json:"p75"`
	P95    float64 `json:"p95"`
}

// YearSpend is the projected spend in one financial year, in pounds: its
// quantiles and its mean over the simulations. The means of the
// categories add up to the mean of the total; their medians need not add
// up to its median.
type YearSpend struct {
	Year   string  `json:"year"`   // 2026/27
	Months int     `json:"months"` // projected months in it (12 but at the ends)
	P5     float64 `json:"p5"`
	P25    float64 `json:"p25"`
	Median float64 `json:"p50"`
	P75    float64 `json:"p75"`
	P95    float64 `json:"p95"`
	Mean   float64 `json:"mean"`
}

// CategorySpend is the projected spend on one placement category by
// financial year.
type CategorySpend struct {
	Key   string      `json:"key"`
	Label string      `json:"label"`
	Years []YearSpend `json:"years"`
}

// Comparison is a scenario beside the baseline, with the difference
// scenario − baseline worked out simulation by simulation (both use the
// same random numbers until the scenario starts), so that its interval
// is that of the difference, not of either projection.
type Comparison struct {
	Scenario   *Scenario   `json:"scenario"`
	From       string      `json:"from"`
	Projection *Projection `json:"projection"`
	Difference *Projection `json:"difference"`
}

// ISO writes a date as YYYY-MM-DD for JSON and workbooks.
func ISO(d calendar.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

// ParseDate reads a date written DD/MM/YYYY, as the SSDA903 writes dates,
// or YYYY-MM-DD, as ISO writes them: the forms a forecast's options and
// scenario files take.
func ParseDate(text string) (calendar.Date, bool) {
	if d, ok := calendar.ParseDate(text); ok {
		return d, true
	}
	var y, m, day int
	if _, err := fmt.Sscanf(text, "%4d-%2d-%2d", &y, &m, &day); err == nil {
		return calendar.ParseDate(fmt.Sprintf("%02d/%02d/%04d", day, m, y))
	}
	return 0, false
}

// Forecast estimates the rates from the reference window and projects
// the children looked after and their cost month by month from the data's
// last month end.
func Forecast(set *journey.Set, opts Options) (*Result, error) {
	p, res, err := prepare(set, opts)
	if err != nil {
		return nil, err
	}
	res.Baseline, res.Scenario = p.project()
	return res, nil
}

// prepare checks the options, estimates the rates and finds the children
// looked after at the start: everything but the projection.
func prepare(set *journey.Set, opts Options) (*plan, *Result, error) {
	opts, err := opts.check()
	if err != nil {
		return nil, nil, err
	}
	start := opts.DataEnd.LatestMonthEnd()
	if opts.To == 0 {
		opts.To = start
	}
	if opts.From == 0 {
		opts.From = opts.To.AddYears(-defaultRefYears) + 1
	}
	asked := opts.From
	entryFrom := entryWindowStart(opts.To)
	span, known := set.Span()
	if known {
		// before the first return the data sees only the children still
		// in care when the returns begin, and none who left
		if opts.To < span.Start {
			return nil, nil, fmt.Errorf("the reference window ends (%s) before the data starts (%s)", opts.To, span.Start)
		}
		opts.From, entryFrom = max(opts.From, span.Start), max(entryFrom, span.Start)
	}
	rates, err := Estimate(set, EstimateOptions{From: opts.From, To: opts.To, DataEnd: opts.DataEnd, Population: opts.Population, EntryFrom: entryFrom})
	if err != nil {
		return nil, nil, err
	}
	rates.Drift = EstimateDrift(set, firstDay(set), opts.To, opts.DataEnd, opts.Population)
	stock, censored, missing := stockOn(set, start)
	imputed := imputeBegan(stock, censored, rates, start)
	recent := recentEntries(rates, opts.Population, start)
	if opts.RecentEntries {
		if recent == nil {
			return nil, nil, fmt.Errorf("the entries' window (%s to %s) is too short to compare its last %d months with the months before them", rates.EntryFrom, rates.To, recentMonths)
		}
		opts.Scenario = recent.Scenario
	}
	res := &Result{
		Start: ISO(start), WindowFrom: ISO(opts.From), WindowTo: ISO(opts.To),
		Months: opts.Years * 12, Simulations: opts.Simulations, Seed: opts.Seed,
		PopulationBased: rates.PopulationBased, LookedAfter: len(stock), NoDOB: missing + rates.NoDOB,
		LeftCensored: len(censored), Inflation: opts.Inflation, Rates: rates.Table(), Drift: rates.Drift, rates: rates, RecentEntries: recent,
	}
	if rates.UASC != nil {
		for _, n := range rates.UASC.Entries {
			res.UASCArrivals += n
		}
	}
	for _, c := range opts.Costs {
		res.Costs = append(res.Costs, c)
	}
	if known {
		res.historyNotes(set, span, asked, opts.From, imputed)
	}
	res.notes(opts)
	return &plan{set: set, rates: rates, stock: stock, start: start, opts: opts}, res, nil
}

// UASCNote starts the note that says unaccompanied asylum-seeking
// children are forecast apart, so that a page can rewrite its count.
const UASCNote = "Unaccompanied asylum-seeking children are forecast as a stream of their own:"

// entryMonths is the length of the entries' window, which ends with the
// reference window: entries follow a change in policy or practice within
// months, so the last year says more about the next than the year before
// it. (On synthetic data whose entries changed two or more years before,
// a year and two years forecast equally well.)
const entryMonths = 12

// entryWindowStart returns the first day of the entries' window ending on
// to.
func entryWindowStart(to calendar.Date) calendar.Date {
	return (to + 1).AddMonths(-entryMonths)
}

// Check reports what is wrong with the options, if anything, so that a
// caller that forecasts later (a server working it out in the background)
// can refuse bad options at once.
func (o Options) Check() error {
	_, err := o.check()
	return err
}

// check validates the options and fills in defaults.
func (o Options) check() (Options, error) {
	var errs []error
	if o.DataEnd == 0 {
		errs = append(errs, errors.New("the end of the data is not known"))
	}
	if o.Years == 0 {
		o.Years = MaxYears
	}
	if o.Years < 1 || o.Years > MaxYears {
		errs = append(errs, fmt.Errorf("years %d: expected 1 to %d", o.Years, MaxYears))
	}
	if o.Simulations == 0 {
		o.Simulations = defaultSims
	}
	if o.Simulations < 1 || o.Simulations > MaxSimulations {
		errs = append(errs, fmt.Errorf("simulations %d: expected 1 to %d", o.Simulations, MaxSimulations))
	}
	if !(o.Inflation > -0.5 && o.Inflation < 1) {
		errs = append(errs, fmt.Errorf("inflation %v: expected a yearly rate such as 0.03", o.Inflation))
	}
	if o.Costs == nil {
		c := DefaultCosts()
		o.Costs = &c
	}
	if o.History == 0 {
		o.History = defaultHistory
	}
	if o.RecentEntries && o.Scenario != nil {
		errs = append(errs, errors.New("a scenario and the recent entries' scenario: expected one or the other"))
	}
	if o.From != 0 && o.To != 0 && o.To < o.From {
		errs = append(errs, fmt.Errorf("the reference window ends (%s) before it starts (%s)", o.To, o.From))
	}
	return o, errors.Join(errs...)
}

// minReturns is the fewest years of returns a forecast is warned
// without: the model's last piece of time in care starts at three years,
// and with fewer years of returns no period of care is seen from its
// start to it.
const minReturns = 3

// historyNotes say what the returns' span does to the forecast: a
// reference window clamped to the first return, fewer than three years
// of returns, and children whose care began before the first return.
func (res *Result) historyNotes(set *journey.Set, span calendar.Period, asked, from calendar.Date, imputed int) {
	if from > asked {
		res.Notes = append(res.Notes, fmt.Sprintf("The reference window starts on %s, the first day of the first return, not on %s: before it the data sees only the children still in care when the returns begin.", from.Long(), asked.Long()))
	}
	if years := int(set.Last-set.First) + 1; years < minReturns {
		res.Notes = append(res.Notes, fmt.Sprintf("The store holds %s of returns (%s to %s), fewer than three years: rates for children in care for one to three years rest on few periods of care seen from their start, and the forecast is less certain than its intervals say. Load earlier returns if you have them.", plural(years, "year"), span.Start.Long(), span.End.Long()))
	}
	if imputed > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%s looked after at the start began care before the first return; where the data shows less than three years of their care, their time in care is imputed (see the method).", plural(res.LeftCensored, "child")))
	}
}

// plural writes a count with its noun: "1 year", "2 years", "3 children".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "child" {
		return fmt.Sprintf("%d children", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (res *Result) notes(opts Options) {
	if !res.PopulationBased {
		res.Notes = append(res.Notes, "No population file: entries are a number a month by age band, not a rate per child in the population, so they do not follow population change.")
	}
	if res.NoDOB > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d children without a date of birth are left out.", res.NoDOB))
	}
	if u := res.rates.UASC; u != nil {
		months := float64(res.rates.To-u.EntryFrom+1) / daysPerMonth
		res.Notes = append(res.Notes, fmt.Sprintf(UASCNote+" %.1f arrivals a month (%d in the last %.0f months), "+
			"which do not follow the local child population, with their own moves and exits; like every child, they leave care at 18.", float64(res.UASCArrivals)/months, res.UASCArrivals, months))
	}
	if re := res.RecentEntries; re != nil && re.Significant {
		res.Notes = append(res.Notes, re.note(res.PopulationBased))
	}
	if math.Round(res.rates.Months) < 12 { // a year of 365 days is 11.99 months
		res.Notes = append(res.Notes, fmt.Sprintf("The reference window is %.0f months: rates from less than a year miss seasonal patterns and are uncertain.", res.rates.Months))
	}
	if opts.Costs.SharedHomeCost() {
		res.Notes = append(res.Notes, "The costs file gives one weekly cost for children's homes (childrens_home): it is used for in-house and external homes alike. Give childrens_home_in_house and childrens_home_external rows to cost them apart.")
	}
	res.Notes = append(res.Notes, fmt.Sprintf("Costs are in cash terms: each weekly cost is uplifted by %.1f%% a year from the year of its prices.", opts.Inflation*100))
}

// plan is a forecast being worked out.
type plan struct {
	set   *journey.Set
	rates *Rates
	stock []Starter
	start calendar.Date
	opts  Options
}

// baseline makes the plan's engine and calendar, runs the baseline and
// summarises it with the history before it.
func (p *plan) baseline() (e *engine, cal *projectionMonths, base *outputs, baseline *Projection, hist *observed) {
	cal = newCalendar(p.start, p.opts.Years*12)
	e = &engine{rates: p.rates, cal: cal, stock: p.stock, seed: p.opts.Seed}
	if p.rates.PopulationBased {
		for m := range cal.ends {
			e.pop = append(e.pop, p.opts.Population.On(cal.starts[m]+14))
		}
	}
	base = e.run(p.opts.Simulations, p.opts.Workers)
	hist = observe(p.set, historySince(p.set, p.start, p.opts.History))
	return e, cal, base, summarise(base, cal, p.opts, nil, hist), hist
}

// project runs the baseline, and the scenario when there is one, and
// summarises them.
func (p *plan) project() (*Projection, *Comparison) {
	e, cal, base, baseline, hist := p.baseline()
	if p.opts.Scenario == nil {
		return baseline, nil
	}
	sc := *e
	sc.scenario = p.opts.Scenario
	sc.from = max(0, cal.month(p.opts.Scenario.From))
	alt := sc.run(p.opts.Simulations, p.opts.Workers)
	comp := &Comparison{
		Scenario:   p.opts.Scenario,
		From:       ISO(p.opts.Scenario.From),
		Projection: summarise(alt, cal, p.opts, &sc, hist),
		Difference: difference(base, alt, cal, p.opts, &sc),
	}
	return baseline, comp
}
