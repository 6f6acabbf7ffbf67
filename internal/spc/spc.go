// Package spc draws the statistical process control view of a series, in
// the NHS "Making Data Count" style: an XmR chart's centre line and
// natural process limits, and the special-cause signals that say a change
// is more than the series' usual variation.
package spc

import "math"

// Chart is the XmR chart of a series of values (months or quarters).
type Chart struct {
	Values      []float64
	Mean        float64
	MeanRange   float64 // the mean moving range: mean of |x[i] - x[i-1]|
	Upper       float64 // natural process limits: mean ± 2.66 × mean moving range
	Lower       float64
	Signals     []Signal
	TooFewToUse bool // fewer points than limits need to mean anything
}

// Rule names a special-cause rule.
type Rule int

// The special-cause rules, as indicators.md gives them.
const (
	OutsideLimits Rule = iota + 1 // a single point outside the process limits
	Shift                         // 7 or more consecutive points all above, or all below, the mean
	Trend                         // 6 or more consecutive points all increasing, or all decreasing
	NearLimit                     // 2 of 3 consecutive points beyond two-thirds of the way to a limit, on the same side
)

// Signal is one special cause: the rule and the points (indexes into
// Values, first to last) that show it, and whether it is above (or
// upward) rather than below.
type Signal struct {
	Rule        Rule
	First, Last int
	High        bool
}

// Shift and trend lengths, and the fewest points for limits.
const (
	shiftRun  = 7
	trendRun  = 6
	minPoints = 12 // NHS guidance: limits from fewer than 12 points mislead
)

// New computes the chart of values.
func New(values []float64) *Chart {
	c := &Chart{Values: values, TooFewToUse: len(values) < minPoints}
	if len(values) == 0 {
		return c
	}
	for _, v := range values {
		c.Mean += v
	}
	c.Mean /= float64(len(values))
	for i := 1; i < len(values); i++ {
		c.MeanRange += math.Abs(values[i] - values[i-1])
	}
	if len(values) > 1 {
		c.MeanRange /= float64(len(values) - 1)
	}
	c.Upper = c.Mean + 2.66*c.MeanRange
	c.Lower = c.Mean - 2.66*c.MeanRange
	c.Signals = append(c.Signals, c.outside()...)
	c.Signals = append(c.Signals, c.shifts()...)
	c.Signals = append(c.Signals, c.trends()...)
	c.Signals = append(c.Signals, c.nearLimits()...)
	return c
}

func (c *Chart) outside() []Signal {
	var out []Signal
	for i, v := range c.Values {
		if v > c.Upper || v < c.Lower {
			out = append(out, Signal{Rule: OutsideLimits, First: i, Last: i, High: v > c.Upper})
		}
	}
	return out
}

// shifts finds runs of shiftRun or more points on one side of the mean; a
// point on the mean breaks a run.
func (c *Chart) shifts() []Signal {
	side := func(v float64) int {
		switch {
		case v > c.Mean:
			return 1
		case v < c.Mean:
			return -1
		}
		return 0
	}
	return runs(len(c.Values), shiftRun, func(i int) int { return side(c.Values[i]) }, Shift)
}

// trends finds runs of trendRun or more points each higher (or each lower)
// than the one before; a run of n points has n-1 rises.
func (c *Chart) trends() []Signal {
	if len(c.Values) < 2 {
		return nil
	}
	step := func(i int) int { // the direction from point i to i+1
		switch {
		case c.Values[i+1] > c.Values[i]:
			return 1
		case c.Values[i+1] < c.Values[i]:
			return -1
		}
		return 0
	}
	var out []Signal
	for _, s := range runs(len(c.Values)-1, trendRun-1, step, Trend) {
		s.Last++ // the run of steps i..j covers points i..j+1
		out = append(out, s)
	}
	return out
}

// runs finds maximal runs of at least min consecutive indexes with the same
// non-zero direction.
func runs(n, min int, direction func(int) int, rule Rule) []Signal {
	var out []Signal
	start := 0
	for i := 1; i <= n; i++ {
		if i < n && direction(i) == direction(start) && direction(start) != 0 {
			continue
		}
		if d := direction(start); d != 0 && i-start >= min {
			out = append(out, Signal{Rule: rule, First: start, Last: i - 1, High: d > 0})
		}
		start = i
	}
	return out
}

// nearLimits finds 2 of 3 consecutive points beyond two-thirds of the way
// from the mean to a limit, on the same side.
func (c *Chart) nearLimits() []Signal {
	var out []Signal
	high := c.Mean + 2.0/3.0*(c.Upper-c.Mean)
	low := c.Mean - 2.0/3.0*(c.Mean-c.Lower)
	for _, up := range []bool{true, false} {
		beyond := func(i int) bool {
			if up {
				return c.Values[i] > high
			}
			return c.Values[i] < low
		}
		for i := 0; i+2 < len(c.Values); i++ {
			n := 0
			for j := i; j < i+3; j++ {
				if beyond(j) {
					n++
				}
			}
			if n >= 2 && (len(out) == 0 || out[len(out)-1].Last < i || out[len(out)-1].High != up) {
				out = append(out, Signal{Rule: NearLimit, First: i, Last: i + 2, High: up})
			}
		}
	}
	return out
}
