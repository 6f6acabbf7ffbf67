package evaluate

import (
	"errors"

	"github.com/village-uk/village/calendar"
)

// Series is one value a calendar month, oldest first, the months
// consecutive: a count (starts, ceases, moves) or a mean (days to
// permanence). Population, when given, is the population at risk each
// month (children aged 0 to 17), used as an offset so the model reads
// rates; nil means none.
type Series struct {
	ID         string
	Title      string
	Months     []calendar.Period // calendar months (calendar.Month), consecutive
	Counts     []float64
	Population []float64
	// LowerIsBetter says a fall is an improvement (starts, moves); false
	// means a rise is (ceases to permanence) or neither.
	LowerIsBetter bool
}

// Estimate is the evaluation of an intervention on a series.
type Estimate struct {
	Series string
	Start  calendar.Date // the intervention's start: the first month it acts on is the one containing it
	// Model is "poisson" or "negative binomial"; Seasonality says how the
	// months of the year enter it.
	Model       string
	Seasonality string
	// Dispersion is the Poisson fit's Pearson chi-squared over its
	// residual degrees of freedom; above 1.5 the negative binomial is used.
	Dispersion float64
	// Theta is the negative binomial's shape (variance = mu + mu²/theta);
	// 0 for Poisson.
	Theta float64
	// Effect is the change in level at the start as a fraction:
	// exp(level step) - 1, so -0.20 is a 20% fall; CILow and CIHigh its 95%
	// Wald interval; PValue the Wald test's of no step.
	Effect, CILow, CIHigh, PValue float64
	// SlopeChange is the change in the monthly trend after the start, as
	// a fraction a month (exp(slope step) - 1), with its 95% interval.
	SlopeChange, SlopeLow, SlopeHigh float64
	// MonthsBefore and MonthsObserved count the months before the start
	// and from it.
	MonthsBefore, MonthsObserved int
	// Expected is the effect the power is worked out for (-0.20 when none
	// was given). MonthsToDetect is the months after the start needed to
	// detect it with 80% power at two-sided alpha 0.05; 0 when it cannot be
	// within MaxMonths. DetectBy is the last day of that month.
	Expected       float64
	MonthsToDetect int
	DetectBy       calendar.Date
	// Detected says the interval excludes no change.
	Detected bool
	Words    string
	Chart    Chart
}

// Chart is the XmR control chart re-based at the start: limits from the
// months before it, and limits recomputed from the months from it.
type Chart struct {
	Months []string  // "2024-07"
	Values []float64 // as the series has them
	Phases []Phase   // before the start, then from it
}

// Phase is one part of a re-based chart: its months (indexes into the
// chart's), centre line and process limits, and its special-cause signals.
type Phase struct {
	First, Last        int
	Mean, Upper, Lower float64
	TrialLimits        bool // fewer than 12 points: limits revised with each new month
	Signals            []Signal
}

// Signal is one special cause in a phase: the rule, the months it marks
// (indexes into the chart's), and what it means for the series.
type Signal struct {
	Rule    string // "outside limits", "shift", "trend", "two of three near a limit"
	Points  []int
	Meaning string // "improvement", "concern", or "neither improvement nor concern"
}

// DefaultExpected is the effect the power is worked out for when none is
// given: a 20% fall.
const DefaultExpected = -0.20

// Evaluate fits the segmented regression to the series with a level step
// and a slope change at start, and works out the power for the expected
// effect (0 means DefaultExpected). It refuses a series with fewer than 12
// months before the start, none from it, or only zeros.
func Evaluate(s Series, start calendar.Date, expected float64) (Estimate, error) {
	return Estimate{}, errors.New("evaluate: not yet built")
}
