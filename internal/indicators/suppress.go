package indicators

import (
	"fmt"
	"math"
)

// Publishable formats a value as the DfE publishes it: a count of 1 to 5
// children is suppressed as "c", and so is a rate, percentage or mean
// whose numerator is 1 to 5, since it would reveal the count. A percentage
// of 1 to 5 children is suppressed too, even at 0%: none of three is as
// telling about each of the three as all of them. Unknown values are "x".
// Counts are whole numbers; rates, percentages and means have one decimal.
func Publishable(ind *Indicator, v Value) string {
	if !v.Known {
		return "x"
	}
	if Suppressed(ind, v) {
		return "c"
	}
	return Exact(ind, v)
}

// Show formats a value for publication (Publishable) or for analysts
// (Exact).
func Show(ind *Indicator, v Value, publishable bool) string {
	if publishable {
		return Publishable(ind, v)
	}
	return Exact(ind, v)
}

// Suppressed reports whether Publishable shows a known value as "c".
func Suppressed(ind *Indicator, v Value) bool {
	return (v.Numerator >= 1 && v.Numerator <= 5) ||
		(ind.Unit == Percent && v.Denominator >= 1 && v.Denominator <= 5)
}

// Exact formats a value for analysts on screen: no suppression.
func Exact(ind *Indicator, v Value) string {
	if !v.Known {
		return "x"
	}
	if ind.Unit == Children || ind.Unit == Episodes {
		return fmt.Sprint(int(math.Round(v.Value)))
	}
	return fmt.Sprintf("%.1f", v.Value)
}
