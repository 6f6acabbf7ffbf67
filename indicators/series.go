package indicators

import "github.com/village-uk/village/journey"

// Months returns the calendar months from the one containing first to
// the one containing last, in order.
func Months(first, last Period) []Period {
	var out []Period
	y, m := first.Start.Year(), first.Start.Month()
	for {
		p := Month(y, m)
		if p.Start > last.End {
			return out
		}
		out = append(out, p)
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
}

// Series computes an indicator for each period, as a control chart needs.
func Series(ind *Indicator, set *journey.Set, pop Population, periods []Period) []Value {
	out := make([]Value, len(periods))
	for i, p := range periods {
		out[i] = ind.Compute(set, p, pop)
	}
	return out
}
