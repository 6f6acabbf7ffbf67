package forecast

import (
	"math"
	"slices"
)

// quantiles are the points of each interval: the 90% interval runs from
// the 5th to the 95th percentile, the 50% from the 25th to the 75th.
var quantiles = [5]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// quantilesOf sorts values and returns its quantiles, interpolating
// between order statistics (R's default, type 7).
func quantilesOf(values []float64) [5]float64 {
	slices.Sort(values)
	var out [5]float64
	n := len(values)
	if n == 0 {
		return out
	}
	for i, q := range quantiles {
		h := q * float64(n-1)
		lo := int(math.Floor(h))
		hi := min(lo+1, n-1)
		out[i] = values[lo] + (h-float64(lo))*(values[hi]-values[lo])
	}
	return out
}

// valueOf gives one series' value in simulation s, month m.
type valueOf func(s, m int) float64

// series summarises one series over the simulations, month by month.
func series(key, label string, out *outputs, cal *projectionMonths, v valueOf) Series {
	sr := Series{Key: key, Label: label, Forecast: make([]Interval, out.months)}
	scratch := make([]float64, out.sims)
	for m := range out.months {
		for s := range out.sims {
			scratch[s] = v(s, m)
		}
		q := quantilesOf(scratch)
		sr.Forecast[m] = Interval{Date: ISO(cal.ends[m]), P5: q[0], P25: q[1], Median: q[2], P75: q[3], P95: q[4]}
	}
	return sr
}

// accessors of the outputs, one series at a time.
func (o *outputs) total(s, m int) float64 {
	at := (s*o.months + m) * Categories
	t := float32(0)
	for _, v := range o.byCategory[at : at+Categories] {
		t += v
	}
	return float64(t)
}

func (o *outputs) category(c Category) valueOf {
	return func(s, m int) float64 { return float64(o.byCategory[(s*o.months+m)*Categories+int(c)]) }
}

func (o *outputs) band(b Band) valueOf {
	return func(s, m int) float64 { return float64(o.byBand[(s*o.months+m)*Bands+int(b)]) }
}

func (o *outputs) entered(s, m int) float64 { return float64(o.entries[s*o.months+m]) }

func (o *outputs) uascLooked(s, m int) float64 { return float64(o.uasc[s*o.months+m]) }

func (o *outputs) uascEntered(s, m int) float64 { return float64(o.uascEntries[s*o.months+m]) }

// summarise turns the simulations into the projection's series, with the
// history before them; sc is the scenario's engine, or nil for the
// baseline.
func summarise(out *outputs, cal *projectionMonths, opts Options, sc *engine, hist *observed) *Projection {
	p := &Projection{
		Total:   series("total", "Children looked after", out, cal, out.total),
		Entries: series("entries", "Children entering care in the month", out, cal, out.entered),
	}
	for i, d := range hist.dates {
		p.Total.History = append(p.Total.History, Point{ISO(d), hist.total(i)})
	}
	for c := range Category(Categories) {
		sr := series(c.Key(), c.Label(), out, cal, out.category(c))
		for i, d := range hist.dates {
			sr.History = append(sr.History, Point{ISO(d), hist.byCategory[i][c]})
		}
		p.ByCategory = append(p.ByCategory, sr)
	}
	for b := range Band(Bands) {
		sr := series(b.Key(), b.Label(), out, cal, out.band(b))
		for i, d := range hist.dates {
			sr.History = append(sr.History, Point{ISO(d), hist.byBand[i][b]})
		}
		p.ByBand = append(p.ByBand, sr)
	}
	if out.hasUASC {
		u := series("uasc", "Unaccompanied asylum-seeking children looked after", out, cal, out.uascLooked)
		for i, d := range hist.dates {
			u.History = append(u.History, Point{ISO(d), hist.uasc[i]})
		}
		ue := series("uasc_entries", "Unaccompanied asylum-seeking children entering care in the month", out, cal, out.uascEntered)
		p.UASC, p.UASCEntries = &u, &ue
	}
	p.Spend, p.SpendByCategory = spendSummaries(spending(out, cal, opts, sc))
	return p
}

// difference summarises scenario − baseline, simulation by simulation.
func difference(base, alt *outputs, cal *projectionMonths, opts Options, sc *engine) *Projection {
	diff := func(a, b valueOf) valueOf { return func(s, m int) float64 { return a(s, m) - b(s, m) } }
	p := &Projection{
		Total:   series("total", "Children looked after", alt, cal, diff(alt.total, base.total)),
		Entries: series("entries", "Children entering care in the month", alt, cal, diff(alt.entered, base.entered)),
	}
	for c := range Category(Categories) {
		p.ByCategory = append(p.ByCategory, series(c.Key(), c.Label(), alt, cal, diff(alt.category(c), base.category(c))))
	}
	for b := range Band(Bands) {
		p.ByBand = append(p.ByBand, series(b.Key(), b.Label(), alt, cal, diff(alt.band(b), base.band(b))))
	}
	if alt.hasUASC {
		u := series("uasc", "Unaccompanied asylum-seeking children looked after", alt, cal, diff(alt.uascLooked, base.uascLooked))
		ue := series("uasc_entries", "Unaccompanied asylum-seeking children entering care in the month", alt, cal, diff(alt.uascEntered, base.uascEntered))
		p.UASC, p.UASCEntries = &u, &ue
	}
	altSpend := spending(alt, cal, opts, sc)
	altSpend.subtract(spending(base, cal, opts, nil))
	p.Spend, p.SpendByCategory = spendSummaries(altSpend)
	return p
}

// fyMonths is one financial year's share of the projection.
type fyMonths struct {
	start  int // the calendar year it starts in
	months int
}

// spend is each simulation's spend in each financial year on each
// category, in pounds.
type spend struct {
	years  []fyMonths
	sims   int
	values []float64 // at ((s × years) + y) × Categories + c
}

// of returns simulation s's spend in year y, category by category.
func (sp *spend) of(s, y int) []float64 {
	at := (s*len(sp.years) + y) * Categories
	return sp.values[at : at+Categories]
}

// total is simulation s's spend in year y on every category.
func (sp *spend) total(s, y int) float64 {
	t := 0.0
	for _, v := range sp.of(s, y) {
		t += v
	}
	return t
}

// category gives simulation s's spend in year y on category c.
func (sp *spend) category(c Category) func(s, y int) float64 {
	return func(s, y int) float64 { return sp.of(s, y)[c] }
}

// subtract takes base's spend from sp's, simulation by simulation.
func (sp *spend) subtract(base *spend) {
	for i := range sp.values {
		sp.values[i] -= base.values[i]
	}
}

// spending works out each simulation's spend in each financial year on
// each category: child-months in the category × weekly cost in that
// year's prices × days in the month ÷ 7, with the scenario's change in
// unit costs from its start.
func spending(out *outputs, cal *projectionMonths, opts Options, sc *engine) *spend {
	sp := &spend{sims: out.sims}
	index := make([]int, out.months)
	for m := range out.months {
		fy := financialYear(cal.ends[m])
		if len(sp.years) == 0 || sp.years[len(sp.years)-1].start != fy {
			sp.years = append(sp.years, fyMonths{start: fy})
		}
		sp.years[len(sp.years)-1].months++
		index[m] = len(sp.years) - 1
	}
	// the cost of a child-month in each category, month by month
	perMonth := make([][Categories]float64, out.months)
	for m := range out.months {
		fy := sp.years[index[m]].start
		for c := range Category(Categories) {
			w := opts.Costs.weeklyIn(c, fy, opts.Inflation) * float64(cal.days[m]) / 7
			if sc != nil && m >= sc.from {
				w *= sc.scenario.costFactor(c)
			}
			perMonth[m][c] = w
		}
	}
	sp.values = make([]float64, out.sims*len(sp.years)*Categories)
	for s := range out.sims {
		for m := range out.months {
			at := (s*out.months + m) * Categories
			year := sp.of(s, index[m])
			for c, v := range out.occupied[at : at+Categories] {
				year[c] += float64(v) * perMonth[m][c]
			}
		}
	}
	return sp
}

// spendSummaries summarises the spend in total and by category.
func spendSummaries(sp *spend) (total []YearSpend, byCategory []CategorySpend) {
	for c := range Category(Categories) {
		byCategory = append(byCategory, CategorySpend{Key: c.Key(), Label: c.Label(), Years: yearSpends(sp, sp.category(c))})
	}
	return yearSpends(sp, sp.total), byCategory
}

// yearSpends summarises one spend, value(s, y), year by year: its
// quantiles and mean over the simulations.
func yearSpends(sp *spend, value func(s, y int) float64) []YearSpend {
	var out []YearSpend
	scratch := make([]float64, sp.sims)
	for y, fy := range sp.years {
		sum := 0.0
		for s := range sp.sims {
			scratch[s] = value(s, y)
			sum += scratch[s]
		}
		q := quantilesOf(scratch)
		out = append(out, YearSpend{Year: FinancialYearLabel(fy.start), Months: fy.months,
			P5: q[0], P25: q[1], Median: q[2], P75: q[3], P95: q[4], Mean: sum / float64(max(sp.sims, 1))})
	}
	return out
}
