package indicators

import (
	"fmt"
	"math"
)

// Publishable formats a value as the DfE publishes it: a count of 1 to 5
// children is suppressed as "c", and so is a rate or percentage whose
// numerator is 1 to 5, since it would reveal the count. Unknown values are
// "x". Counts are whole numbers; rates and percentages have one decimal.
func Publishable(ind *Indicator, v Value) string {
	if !v.Known {
		return "x"
	}
	if v.Numerator >= 1 && v.Numerator <= 5 {
		return "c"
	}
	return Exact(ind, v)
}

// Exact formats a value for analysts on screen: no suppression.
func Exact(ind *Indicator, v Value) string {
	if !v.Known {
		return "x"
	}
	if ind.Unit == Children {
		return fmt.Sprint(int(math.Round(v.Value)))
	}
	return fmt.Sprintf("%.1f", v.Value)
}
