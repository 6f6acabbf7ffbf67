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
