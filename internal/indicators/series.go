package indicators

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Months returns the calendar months from the one containing first to
// the one containing last, in order.
func Months(first, last calendar.Period) []calendar.Period {
	return calendar.Period{Start: first.Start, End: last.End}.Months()
}

// Rollings returns the rolling 12 months ending with each calendar month
// from the one containing first's end to the one containing last's end:
// a series of yearly flows that moves a month at a time.
func Rollings(first, last calendar.Period) []calendar.Period {
	months := Months(calendar.Period{Start: first.End, End: first.End}, last)
	out := make([]calendar.Period, len(months))
	for i, m := range months {
		out[i] = calendar.Rolling(m.Start.Year(), m.Start.Month())
	}
	return out
}

// Series computes an indicator for each period, as a control chart needs.
func Series(ind *Indicator, set *journey.Set, pop Population, periods []calendar.Period) []Value {
	out := make([]Value, len(periods))
	for i, p := range periods {
		out[i] = ind.Compute(set, p, pop)
	}
	return out
}

// Trend returns the periods of the indicator's series to the end of p:
// for a monthly indicator the months of the years before p's end (years
// of them, up to and including p's last month), for a yearly one the
// collection years, one a point. Only periods the returns cover wholly
// are kept, so a series never shows months before the first return as
// zeros.
func Trend(ind *Indicator, set *journey.Set, p calendar.Period, years int) []calendar.Period {
	from := calendar.Period{Start: p.End.AddYears(-years).AddDays(1), End: p.End.AddYears(-years).AddDays(1)}
	all := Months(from, p)
	if ind.Cadence == Yearly {
		all = Years(from, p)
	}
	out := all[:0:0]
	for _, q := range all {
		if set.Cover(q).Whole() {
			out = append(out, q)
		}
	}
	return out
}

// Comparable reports whether a figure for period p can be set beside
// another: the returns cover every day of p. A previous period before the
// first return has no figures to compare with.
func Comparable(set *journey.Set, p calendar.Period) bool { return set.Cover(p).Whole() }
