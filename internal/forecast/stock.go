package forecast

import (
	"math"
	"sort"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// StockOn returns the children looked after on day d (other than on a
// short break) with their category that day, counting only what the data
// up to d says; children without a date of birth, or aged 18 or more, are
// left out and counted in missing. A child whose period of care began
// before the first return (left-censored) and has been in it for less
// than three years as far as the data shows has the day it began imputed
// (imputeBegan) from rates estimated on the two years to d, as a forecast
// does with its own.
func StockOn(set *journey.Set, d calendar.Date) (stock []Starter, missing int) {
	stock, censored, missing := stockOn(set, d)
	if needsImputing(stock, censored, d) {
		from := d.AddYears(-defaultRefYears) + 1
		if span, ok := set.Span(); ok {
			from = max(from, span.Start)
		}
		if rates, err := Estimate(set, EstimateOptions{From: from, To: d, DataEnd: d}); err == nil {
			imputeBegan(stock, censored, rates, d)
		}
	}
	return stock, missing
}

// stockOn is StockOn before imputing: the starters, with Began the first
// visible day of the period of care, and the indexes of those whose
// period is left-censored.
func stockOn(set *journey.Set, d calendar.Date) (stock []Starter, censored []int, missing int) {
	for _, c := range set.Children {
		for _, s := range stays(c, d) {
			if s.start > d || s.end <= d {
				continue
			}
			if !c.HasDOB || calendar.AgeOn(c.DOB, d) >= adultAge {
				missing++
				break
			}
			for _, seg := range s.segments {
				if seg.start <= d && d < seg.end {
					if s.censored {
						censored = append(censored, len(stock))
					}
					stock = append(stock, Starter{DOB: c.DOB, Category: seg.category, Began: s.start, UASC: c.UASC})
				}
			}
			break
		}
	}
	return stock, censored, missing
}

// needsImputing reports whether any left-censored starter's visible time
// in care on d is short of the last piece of time in care, the only
// piece that visible time alone can make certain.
func needsImputing(stock []Starter, censored []int, d calendar.Date) bool {
	for _, i := range censored {
		if DurationOf(stock[i].Began, d) != Months36Plus {
			return true
		}
	}
	return false
}

// goldenStep spreads the imputed children's quantiles evenly over 0 to 1
// (the fractional parts of multiples of the golden ratio never bunch), so
// that the imputation is deterministic and no seed is needed.
const goldenStep = 0.6180339887498949

// imputeBegan sets the day the period of care began for left-censored
// starters, whose first visible day is only the latest it can have been.
// Visible time of three years or more puts a child in the last piece of
// time in care for sure, and Began stays the first visible day. Otherwise
// the time in care T is at least the visible time v, and is imputed from
// its distribution given T ≥ v among children in care of the same age
// band, under the window's exit rates by piece of time in care and steady
// entries: the density of T among children in care is then proportional
// to the chance of staying that long, S(t) = exp(−∫₀ᵗ h), piecewise
// exponential, up to the child's age. The i-th such child takes the
// quantile frac(½ + i × 0.618…) of T given T ≥ v, so that the children
// are spread over the distribution rather than all put at its median. It
// returns the number of children imputed.
func imputeBegan(stock []Starter, censored []int, rates *Rates, d calendar.Date) (n int) {
	for _, i := range censored {
		st := &stock[i]
		if DurationOf(st.Began, d) == Months36Plus {
			continue
		}
		u := math.Mod(0.5+float64(n)*goldenStep, 1)
		n++
		hazards := exitHazards(rates, BandOf(calendar.AgeOn(st.DOB, d)))
		visible, age := float64(d-st.Began)/daysPerMonth, float64(d-st.DOB)/daysPerMonth
		months := timeInCare(hazards, visible, age, u)
		began := d - calendar.Date(math.Round(months*daysPerMonth))
		st.Began = max(st.DOB, min(st.Began, began))
	}
	return n
}

// exitHazards returns the monthly rate of leaving care, for any reason,
// in each piece of time in care for children of band b: the piece's rate
// where the piece has time in care, the band's rate over all times where
// it has none.
func exitHazards(rates *Rates, b Band) [Durations]float64 {
	var allE, allX float64
	for c := range Categories {
		for _, n := range rates.Exits[b][c] {
			allE += float64(n)
		}
		allX += rates.Exposure[b][c]
	}
	var h [Durations]float64
	for k := range Durations {
		var e, x float64
		for c := range Categories {
			for _, n := range rates.DurationExits[b][k][c] {
				e += float64(n)
			}
			x += rates.DurationExposure[b][k][c]
		}
		switch {
		case x > 0:
			h[k] = e / x
		case allX > 0:
			h[k] = allE / allX
		}
	}
	return h
}

// timeInCare returns the quantile u of the time in care T, in months,
// given visible ≤ T ≤ limit (the child's age), when T's density is
// proportional to S(t) under the piecewise constant hazards (see
// imputeBegan).
func timeInCare(hazards [Durations]float64, visible, limit, u float64) float64 {
	if limit <= visible {
		return visible
	}
	type stretch struct{ from, to, h, s float64 } // s is S(from) ÷ S(visible)
	var parts []stretch
	s, total := 1.0, 0.0
	for k := range Durations {
		from, to := float64(durationInfo[k].From), math.Inf(1)
		if k+1 < Durations {
			to = float64(durationInfo[k+1].From)
		}
		from, to = max(from, visible), min(to, limit)
		if to <= from {
			continue
		}
		h := hazards[k]
		parts = append(parts, stretch{from, to, h, s})
		total += mass(s, h, to-from)
		s *= math.Exp(-h * (to - from))
	}
	want := u * total
	for _, p := range parts {
		m := mass(p.s, p.h, p.to-p.from)
		if want > m {
			want -= m
			continue
		}
		if p.h <= 0 {
			return p.from + want/p.s
		}
		return min(p.to, p.from-math.Log(1-want*p.h/p.s)/p.h)
	}
	return limit
}

// mass is ∫ S over a stretch of length l that starts at S = s with hazard
// h.
func mass(s, h, l float64) float64 {
	if h <= 0 {
		return s * l
	}
	return s * -math.Expm1(-h*l) / h
}

// historySince returns the n month ends up to and including start, less
// those before the first return's first day: before it the data sees
// only the children still in care when the returns begin.
func historySince(set *journey.Set, start calendar.Date, n int) []calendar.Date {
	dates := historyDates(start, n)
	if span, ok := set.Span(); ok {
		i := sort.Search(len(dates), func(i int) bool { return dates[i] >= span.Start })
		dates = dates[i:]
	}
	return dates
}

// historyDates returns the n month ends up to and including start.
func historyDates(start calendar.Date, n int) []calendar.Date {
	out := make([]calendar.Date, n)
	d := start
	for i := n - 1; i >= 0; i-- {
		out[i] = d
		y, m, _ := d.Civil()
		d = calendar.NewDate(y, m, 1) - 1
	}
	return out
}

// observed is what the data says at a list of month ends.
type observed struct {
	dates      []calendar.Date
	byCategory [][Categories]float64
	byBand     [][Bands]float64
	uasc       []float64
}

func (o *observed) total(i int) float64 {
	t := 0.0
	for _, v := range o.byCategory[i] {
		t += v
	}
	return t
}

// observe counts the children looked after (with a date of birth, under
// 18) on each of the dates, sorted, by category and band.
func observe(set *journey.Set, dates []calendar.Date) *observed {
	o := &observed{dates: dates, byCategory: make([][Categories]float64, len(dates)), byBand: make([][Bands]float64, len(dates)), uasc: make([]float64, len(dates))}
	if len(dates) == 0 {
		return o
	}
	last := dates[len(dates)-1]
	for _, c := range set.Children {
		if !c.HasDOB {
			continue
		}
		adult := c.DOB.AddYears(adultAge)
		for _, s := range stays(c, last) {
			for _, seg := range s.segments {
				end := min(seg.end, adult)
				i := sort.Search(len(dates), func(i int) bool { return dates[i] >= seg.start })
				for ; i < len(dates) && dates[i] < end; i++ {
					o.byCategory[i][seg.category]++
					o.byBand[i][BandOf(calendar.AgeOn(c.DOB, dates[i]))]++
					if c.UASC {
						o.uasc[i]++
					}
				}
			}
		}
	}
	return o
}
