// Package spc draws the statistical process control view of a series, in
// the NHS England "Making Data Count" style: an XmR chart's centre line and
// process limits, and the special-cause signals that say a change is more
// than the series' usual variation, each an improvement or a concern by the
// indicator's direction.
//
// The rules are those of indicators.md ("Statistical process control"), as
// the Making Data Count tools and NHSRplotthedots apply them: a point
// beyond the limits; a shift of 7 points on one side of the mean; a trend
// of 7 points (6 steps) each higher, or each lower, than the one before;
// two of three points on one side of the mean close to a limit (beyond
// 2 sigma but not beyond the limit).
package spc

import (
	"math"
	"slices"
)

// Direction says which way a series is better.
type Direction int

// The directions.
const (
	Neither        Direction = iota // neither higher nor lower is better in itself
	HigherIsBetter                  // a rise is an improvement
	LowerIsBetter                   // a fall is an improvement
)

// Variation is what a special cause means for the series: an improvement
// or a concern by its direction, or neither when it has none.
type Variation int

// The meanings of a special cause.
const (
	Neutral     Variation = iota // special cause in a series with no good direction
	Improvement                  // special cause in the better direction
	Concern                      // special cause in the worse direction
)

// String names the variation as charts and pages show it.
func (v Variation) String() string {
	switch v {
	case Improvement:
		return "improvement"
	case Concern:
		return "concern"
	}
	return "neither improvement nor concern"
}

// Chart is the XmR chart of a series of values (months, quarters or years).
type Chart struct {
	Values    []float64
	Better    Direction
	Mean      float64
	MeanRange float64 // the mean moving range: mean of |x[i] - x[i-1]|
	Upper     float64 // process limits: mean ± 2.66 × mean moving range
	Lower     float64
	// Signals are the special causes, grouped by rule in the order of the
	// rules, each rule's in time order. Every count, word and coloured
	// point of a chart comes from this one list.
	Signals     []Signal
	TooFewToUse bool // fewer points than limits need to mean anything
}

// Rule names a special-cause rule.
type Rule int

// The special-cause rules, as indicators.md gives them.
const (
	OutsideLimits Rule = iota + 1 // points beyond the process limits, one signal for each run of them on one side
	Shift                         // 7 or more consecutive points all above, or all below, the mean
	Trend                         // 7 or more consecutive points each higher, or each lower, than the one before
	NearLimit                     // 2 of 3 consecutive points on one side close to a limit: beyond 2 sigma, not beyond the limit
)

// Signal is one special cause: the rule, the points (indexes into Values)
// it spans, first to last (for NearLimit, the windows of three), and those
// it marks, whether it is above the mean
// (or rising) rather than below (or falling), and what it means.
type Signal struct {
	Rule        Rule
	First, Last int
	Points      []int // the points the signal marks: all from First to Last, but for NearLimit only those close to the limit
	High        bool
	Meaning     Variation
}

// Run lengths and the fewest points for limits.
const (
	shiftRun  = 7 // points on one side of the mean
	trendRun  = 7 // points, so 6 steps, each the same way
	minPoints = 12
	// limitSigmas is 3 sigma in moving ranges: sigma is the mean moving
	// range / 1.128, and 3 / 1.128 = 2.66.
	limitSigmas = 2.66
)

// New computes the chart of values; better says which way is an
// improvement.
func New(values []float64, better Direction) *Chart {
	c := &Chart{Values: values, Better: better, TooFewToUse: len(values) < minPoints}
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
	c.Upper = c.Mean + limitSigmas*c.MeanRange
	c.Lower = c.Mean - limitSigmas*c.MeanRange
	for _, found := range [][]Signal{c.outside(), c.shifts(), c.trends(), c.nearLimits()} {
		for _, s := range found {
			s.Meaning = c.meaning(s.High)
			c.Signals = append(c.Signals, s)
		}
	}
	return c
}

// meaning is what a signal above the mean or rising (high), or below or
// falling, means for a series that is better in c.Better's direction.
func (c *Chart) meaning(high bool) Variation {
	switch {
	case c.Better == Neither:
		return Neutral
	case high == (c.Better == HigherIsBetter):
		return Improvement
	}
	return Concern
}

// side is 1 for a point above the mean, -1 below and 0 on it.
func (c *Chart) side(i int) int {
	switch v := c.Values[i]; {
	case v > c.Mean:
		return 1
	case v < c.Mean:
		return -1
	}
	return 0
}

// beyond is 1 for a point above the upper limit, -1 below the lower and 0
// within them.
func (c *Chart) beyond(i int) int {
	switch v := c.Values[i]; {
	case v > c.Upper:
		return 1
	case v < c.Lower:
		return -1
	}
	return 0
}

// outside finds points beyond the limits: a run of them on one side is one
// signal, so that nine months in a row above the limit are one change.
func (c *Chart) outside() []Signal {
	return runs(len(c.Values), 1, c.beyond, OutsideLimits)
}

// shifts finds runs of shiftRun or more points on one side of the mean; a
// point on the mean breaks a run.
func (c *Chart) shifts() []Signal {
	return runs(len(c.Values), shiftRun, c.side, Shift)
}

// trends finds runs of trendRun or more points each higher (or each lower)
// than the one before; a run of n points has n-1 steps, and a repeated
// value breaks it.
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
		s.Last++ // the steps first..last join points first..last+1
		s.Points = append(s.Points, s.Last)
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
			out = append(out, Signal{Rule: rule, First: start, Last: i - 1, High: d > 0, Points: span(start, i-1)})
		}
		start = i
	}
	return out
}

// span is the indexes first to last.
func span(first, last int) []int {
	out := make([]int, 0, last-first+1)
	for i := first; i <= last; i++ {
		out = append(out, i)
	}
	return out
}

// nearLimits finds two of three consecutive points close to a limit:
// beyond two-thirds of the way from the mean to it (2 sigma) but not
// beyond it, the three all on that side of the mean. A point beyond the
// limit is its own signal and does not count here. It spans the windows
// of three and marks the close points; windows that overlap make one
// signal.
func (c *Chart) nearLimits() []Signal {
	highZone := c.Mean + 2.0/3.0*(c.Upper-c.Mean)
	lowZone := c.Mean - 2.0/3.0*(c.Mean-c.Lower)
	close := func(i, side int) bool {
		if c.beyond(i) != 0 {
			return false
		}
		v := c.Values[i]
		return side > 0 && v > highZone || side < 0 && v < lowZone
	}
	var out []Signal
	for _, side := range []int{1, -1} {
		var current *Signal
		windowEnd := -1
		for i := 0; i+2 < len(c.Values); i++ {
			var marked []int
			for j := i; j < i+3; j++ {
				if c.side(j) != side {
					marked = nil
					break
				}
				if close(j, side) {
					marked = append(marked, j)
				}
			}
			if len(marked) < 2 {
				continue
			}
			if current == nil || i > windowEnd {
				out = append(out, Signal{Rule: NearLimit, First: i, High: side > 0})
				current = &out[len(out)-1]
			}
			for _, j := range marked {
				if !slices.Contains(current.Points, j) {
					current.Points = append(current.Points, j)
				}
			}
			windowEnd = i + 2
			current.Last = windowEnd
		}
	}
	return out
}

// sparseMean is the mean below which a count is too sparse for its limits
// to mean much: most of its points are a few children either way.
const sparseMean = 5

// Sparse reports whether the series is a small count, every value whole
// and their mean under 5, for which indicators.md asks that the chart say
// its limits mean little.
func (c *Chart) Sparse() bool {
	if len(c.Values) == 0 {
		return false
	}
	for _, v := range c.Values {
		if v != math.Trunc(v) {
			return false
		}
	}
	return c.Mean < sparseMean
}

// Marks gives, for each point, the signals that mark it (indexes into
// Signals, in order) and what the first of them means: the colour the
// point is drawn in. A point no signal marks is common cause.
func (c *Chart) Marks() []Mark {
	out := make([]Mark, len(c.Values))
	for n, s := range c.Signals {
		for _, i := range s.Points {
			if len(out[i].Signals) == 0 {
				out[i].Meaning = s.Meaning
			}
			out[i].Signals = append(out[i].Signals, n)
		}
	}
	return out
}

// Mark is how one point is drawn: the signals that mark it, none for
// common cause, and the meaning of the first.
type Mark struct {
	Signals []int
	Meaning Variation
}

// Special reports whether a signal marks the point.
func (m Mark) Special() bool { return len(m.Signals) > 0 }
