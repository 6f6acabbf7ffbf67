package evaluate

import (
	"fmt"
	"math"
)

// The model's terms, in the order of the design's columns.
const (
	colIntercept = iota
	colTrend     // months since the first month after the start (negative before it)
	colStep      // 1 from the first month after the start: the change in level
	colSlope     // months since the first month after the start, 0 before: the change in slope
)

// Seasonality choices, as the estimate names them.
const (
	monthDummies = "11 month-of-year terms"
	fourierTwo   = "Fourier terms: 2 harmonics of the year (4 terms)"
	fourierOne   = "Fourier terms: 1 harmonic of the year (2 terms)"
)

// dummiesFrom is the months before the start from which each month of the
// year gets its own term: with three years each month's term rests on
// three points; with fewer, 11 terms would use up the degrees of freedom
// the trend and the change need, and a smooth annual curve (Fourier terms)
// is fitted instead.
const dummiesFrom = 36

// minSlopeMonths is the months after the start from which the change in
// slope is estimated: with fewer, it cannot be told from noise.
//
// The change in level (the effect) comes from the model specified before
// looking, as Lopez Bernal et al. ask: an intervention such as a panel is
// expected to change the level of a series, so the primary model has the
// trend, the season and a change in level. A second model adds a change in
// slope, reported beside it so that a change that grows or fades is seen;
// its change in level is not used, as with both terms the level at the
// start rests on two extrapolated lines and needs years to read.
const minSlopeMonths = 6

// design is the regression's design: one row a month fitted.
type design struct {
	x           [][]float64
	seasonality string
	slope       bool // has the change-in-slope column
}

// seasonalityFor chooses the seasonal terms for a series with before
// months before the start.
func seasonalityFor(before int) string {
	switch {
	case before >= dummiesFrom:
		return monthDummies
	case before >= 24:
		return fourierTwo
	}
	return fourierOne
}

// row is the design row of a month: k is its place relative to the first
// month after the start (0 for that month, -1 for the month before), moy
// its month of the year (1 to 12).
func row(k, moy int, seasonality string, slope bool) []float64 {
	r := []float64{1, float64(k), 0}
	if k >= 0 {
		r[colStep] = 1
	}
	if slope {
		r = append(r, float64(max(k, 0)))
	}
	switch seasonality {
	case monthDummies:
		for m := 2; m <= 12; m++ { // January is the reference month
			r = append(r, indicator(moy == m))
		}
	default:
		harmonics := 1
		if seasonality == fourierTwo {
			harmonics = 2
		}
		for h := 1; h <= harmonics; h++ {
			angle := 2 * math.Pi * float64(h*moy) / 12
			r = append(r, math.Sin(angle), math.Cos(angle))
		}
	}
	return r
}

// indicator is 1 for true and 0 for false.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// String names the model's terms, for messages.
func (d design) String() string {
	terms := "intercept, trend, change in level"
	if d.slope {
		terms += ", change in slope"
	}
	return fmt.Sprintf("%s, seasonality by %s", terms, d.seasonality)
}
