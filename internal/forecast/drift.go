package forecast

import (
	"math"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// driftMonths is how often the drifting rates take a new step.
const driftMonths = 12

// Drift is how far rates wander from year to year beyond what their
// sampling uncertainty allows: the standard deviation of a year's change
// in the logarithm of the entry rates, of the exit rates and of the
// rates of moving between categories. A forecast that drew rates only
// from their sampling uncertainty would claim the same rates for five
// years, and its intervals would be too narrow for a large authority,
// whose rates are known precisely but still change.
type Drift struct {
	Entries float64 `json:"entries"`
	Exits   float64 `json:"exits"`
	Moves   float64 `json:"moves"`
}

// driftStep is the multipliers of one year of the projection.
type driftStep struct {
	entries, exits, moves float64
}

// draw returns the multipliers of each year of a projection of months
// months: a random walk on the logarithm of each kind of rate, one step a
// year, the first step taken in the first year (the reference window
// lies, on average, a year before it).
func (d Drift) draw(r *rng, months int) []driftStep {
	years := (months + driftMonths - 1) / driftMonths
	out := make([]driftStep, years)
	var entries, exits, moves float64
	for y := range out {
		// always draw all three, so the draws after them do not depend on
		// which drift is 0
		entries += d.Entries * r.rand.NormFloat64()
		exits += d.Exits * r.rand.NormFloat64()
		moves += d.Moves * r.rand.NormFloat64()
		out[y] = driftStep{math.Exp(entries), math.Exp(exits), math.Exp(moves)}
	}
	return out
}

// applyTo returns base with its rates multiplied by the step's, or base
// itself when they are all 1.
func (s driftStep) applyTo(base *table) *table {
	return s.applyInto(new(table), base)
}

// applyInto is applyTo into dst, which it returns, unless the step
// changes nothing.
func (s driftStep) applyInto(dst, base *table) *table {
	if s.entries == 1 && s.exits == 1 && s.moves == 1 {
		return base
	}
	*dst = *base
	t := dst
	for b := range t.entry {
		t.entry[b] *= s.entries
	}
	for st := range states {
		for d := range destinations {
			if d < Categories {
				t.hazard[st][d] *= s.moves
			} else {
				t.hazard[st][d] *= s.exits
			}
		}
	}
	t.finish()
	return t
}

// Drift's prior: each kind of rate wanders by about 5% a year, and
// priorYears years of evidence weigh as much as this guess. English
// authorities' entry and exit rates move by several percent from one
// year to the next beyond chance; an authority's own years, when it has
// enough of them, say how much its own do. With few years the prior
// keeps the forecast from claiming that rates will hold for five years.
const (
	priorDrift = 0.05
	priorYears = 2
	driftYears = 6 // at most, the latest years of the data
)

// yearCounts is one year's events and time at risk of each kind of rate.
type yearCounts struct {
	entries, entryExposure float64
	exits, moves, exposure float64
}

// EstimateDrift measures how far the rates moved from year to year over
// the whole years of data ending on to (at most driftYears of them,
// none starting before from, the data's first day): for each kind of
// rate, the mean squared change in the logarithm of the yearly rate from
// one year to the next, less what chance alone gives (1/events for each
// year), is a year's drift variance; it is pooled with the prior, so that
// with no whole pair of years the drift is the prior's.
func EstimateDrift(set *journey.Set, from, to, dataEnd calendar.Date, pop Population) Drift {
	var ends []calendar.Date
	for end := to; len(ends) < driftYears && end.AddYears(-1)+1 >= from; end = end.AddYears(-1) {
		ends = append(ends, end)
	}
	years := make([]yearCounts, len(ends))
	var wg sync.WaitGroup
	for i, end := range ends { // each year reads every child: in parallel
		wg.Go(func() {
			r, err := Estimate(set, EstimateOptions{From: end.AddYears(-1) + 1, To: end, DataEnd: dataEnd, Population: pop})
			if err == nil {
				years[i] = r.yearCounts()
			}
		})
	}
	wg.Wait()
	pick := func(events, exposure func(yearCounts) float64) float64 {
		sum, n := 0.0, 0
		for i := 1; i < len(years); i++ {
			a, b := years[i-1], years[i]
			ea, eb := events(a), events(b)
			if ea < 1 || eb < 1 || exposure(a) <= 0 || exposure(b) <= 0 {
				continue
			}
			change := math.Log(ea/exposure(a)) - math.Log(eb/exposure(b))
			sum += change*change - 1/ea - 1/eb
			n++
		}
		variance := (max(0, sum) + priorYears*priorDrift*priorDrift) / float64(n+priorYears)
		return math.Sqrt(variance)
	}
	return Drift{
		Entries: pick(func(y yearCounts) float64 { return y.entries }, func(y yearCounts) float64 { return y.entryExposure }),
		Exits:   pick(func(y yearCounts) float64 { return y.exits }, func(y yearCounts) float64 { return y.exposure }),
		Moves:   pick(func(y yearCounts) float64 { return y.moves }, func(y yearCounts) float64 { return y.exposure }),
	}
}

// yearCounts adds up the rates' events and time at risk over bands and
// categories.
func (r *Rates) yearCounts() yearCounts {
	var y yearCounts
	for b := range Bands {
		y.entries += float64(r.Entries[b])
		y.entryExposure += r.EntryExposure[b]
		for c := range Categories {
			y.exposure += r.Exposure[b][c]
			for e := range ExitReasons {
				y.exits += float64(r.Exits[b][c][e])
			}
			for d := range Categories {
				y.moves += float64(r.Moves[b][c][d])
			}
		}
	}
	return y
}

// firstDay returns the first day the returns cover, or the earliest day
// there is for a set that does not say.
func firstDay(set *journey.Set) calendar.Date {
	if span, ok := set.Span(); ok {
		return span.Start
	}
	return math.MinInt32
}
