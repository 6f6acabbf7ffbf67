package evaluate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/village-uk/village/calendar"
)

// Series is one value a calendar month, oldest first, the months
// consecutive: a count (starts, ceases, moves), or a total over an
// exposure (days to permanence summed over the children reaching it).
type Series struct {
	ID     string
	Title  string
	Months []calendar.Period // calendar months (calendar.Month), consecutive
	Counts []float64
	// Exposure, when given, is what each month's count is over: the
	// population at risk (children aged 0 to 17), or the children whose
	// days are summed. It is an offset, so the model reads rates (or
	// means); a month with exposure 0 has no figure and is left out. nil
	// means none.
	Exposure []float64
	// LowerIsBetter says a fall is an improvement (starts, moves); false
	// means neither way is better in itself.
	LowerIsBetter bool
}

// Estimate is the evaluation of an intervention on a series.
type Estimate struct {
	Series string
	// Start is the intervention's first day. The change is read from the
	// first whole month from it; a month it starts within is left out.
	Start calendar.Date
	// Model is "poisson" or "negative binomial"; Seasonality says how the
	// months of the year enter it.
	Model       string
	Seasonality string
	// Dispersion is the Poisson fit's Pearson chi-squared over its
	// residual degrees of freedom; when the chi-squared is beyond its 95th
	// percentile, the negative binomial is used.
	Dispersion float64
	// Autocorrelation is the lag-1 autocorrelation of the fit's Pearson
	// residuals over consecutive months fitted. It is not modelled: beyond
	// AutocorrelationLimit the intervals are likely too narrow (below its
	// negative, too wide).
	Autocorrelation      float64
	AutocorrelationLimit float64 // 2 / √(months fitted)
	// Theta is the negative binomial's shape (variance = mu + mu²/theta);
	// 0 for Poisson.
	Theta float64
	// Effect is the change in level at the start as a fraction:
	// exp(level step) - 1, so -0.20 is a 20% fall; CILow and CIHigh its 95%
	// Wald interval; PValue the Wald test's of no step.
	Effect, CILow, CIHigh, PValue float64
	// SlopeChange is the change in the monthly trend after the start, as
	// a fraction a month (exp(slope step) - 1), with its 95% interval and
	// p-value, from the model with a change in slope as well as in level;
	// HasSlope is false, and they are 0, with fewer than 6 months after
	// the start.
	HasSlope                         bool
	SlopeChange, SlopeLow, SlopeHigh float64
	SlopePValue                      float64
	// MonthsBefore counts the months fitted before the start;
	// MonthsObserved the whole months from it.
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
	Values []float64 // the counts, or the rates (means) of a series with an exposure
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

// minBefore is the fewest months before the start the model needs: a
// year, so that the trend is not the season.
const minBefore = 12

// z975 is the standard normal's 97.5th percentile: 95% intervals are
// estimate ± z975 standard errors.
var z975 = distuv.UnitNormal.Quantile(0.975)

// Evaluate fits the segmented regression to the series with a change in
// level at start (and, from 6 months after it, a second model with a
// change in slope too), and works out the power for the expected effect
// (0 means DefaultExpected). It refuses a series with fewer than 12
// months before the start, none from it, or only zeros.
func Evaluate(s Series, start calendar.Date, expected float64) (Estimate, error) {
	if expected == 0 {
		expected = DefaultExpected
	}
	if expected <= -1 || math.IsNaN(expected) || math.IsInf(expected, 0) {
		return Estimate{}, fmt.Errorf("expected effect %g: must be a fraction above -1 (-0.2 is a 20%% fall)", expected)
	}
	sp, err := splitAt(s, start)
	if err != nil {
		return Estimate{}, err
	}
	est := Estimate{Series: s.ID, Start: start, Expected: expected, MonthsBefore: sp.before, MonthsObserved: sp.after}
	d := sp.design(false)
	est.Seasonality = d.seasonality
	f, dispersion, err := fitModel(d.x, sp.y, sp.offset)
	if err != nil {
		return Estimate{}, fmt.Errorf("series %s from %s: %s: %w", s.ID, start, d, err)
	}
	est.Dispersion = dispersion
	est.Model, est.Theta = modelName(f.theta), f.theta
	est.Effect, est.CILow, est.CIHigh, est.PValue = ratioChange(f, colStep)
	est.Autocorrelation = sp.autocorrelation(f)
	est.AutocorrelationLimit = 2 / math.Sqrt(float64(len(sp.y)))
	if sp.after >= minSlopeMonths {
		// A series whose change in slope cannot be fitted (all zeros
		// after the start, say) still has its change in level.
		if sf, _, err := fitModel(sp.design(true).x, sp.y, sp.offset); err == nil {
			est.HasSlope = true
			est.SlopeChange, est.SlopeLow, est.SlopeHigh, est.SlopePValue = ratioChange(sf, colSlope)
		}
	}
	est.Detected = est.CILow > 0 || est.CIHigh < 0
	est.MonthsToDetect = sp.monthsToDetect(expected)
	if est.MonthsToDetect > 0 {
		est.DetectBy = sp.firstAfter.AddMonths(est.MonthsToDetect).AddDays(-1)
	}
	est.Chart = rebasedChart(s, sp.firstAfter)
	est.Words = words(est, sp.firstAfter)
	return est, nil
}

// modelName names the model fitted with shape theta.
func modelName(theta float64) string {
	if theta > 0 {
		return "negative binomial"
	}
	return "poisson"
}

// ratioChange returns coefficient j as a relative change exp(b) - 1, its
// 95% Wald interval, and the two-sided p-value of b = 0.
func ratioChange(f *fit, j int) (change, low, high, p float64) {
	b, se := f.beta[j], f.se(j)
	p = 2 * distuv.UnitNormal.Survival(math.Abs(b)/se)
	return math.Expm1(b), math.Expm1(b - z975*se), math.Expm1(b + z975*se), p
}

// overDispersed reports whether a Poisson fit's Pearson chi-squared is
// beyond the 95th percentile of its distribution on the fit's degrees of
// freedom: more variation than a Poisson count has.
func overDispersed(f *fit) bool {
	return f.pearson > distuv.ChiSquared{K: float64(f.df)}.Quantile(0.95)
}

// fitModel fits the Poisson model and, when it is over-dispersed, the
// negative binomial; it returns the fit used and the Poisson fit's
// dispersion (Pearson chi-squared over degrees of freedom).
func fitModel(x [][]float64, y, offset []float64) (*fit, float64, error) {
	f, err := fitCounts(x, y, offset, 0)
	if err != nil {
		return nil, 0, err
	}
	dispersion := f.pearson / float64(f.df)
	if !overDispersed(f) {
		return f, dispersion, nil
	}
	nb, err := fitNegativeBinomial(x, y, offset, f)
	if err != nil {
		return nil, 0, err
	}
	return nb, dispersion, nil
}

// Theta's search: the iterations of refitting, the change in log theta
// that ends them, and theta's range.
const (
	thetaIterations = 50
	thetaTolerance  = 1e-8
	thetaMin        = 1e-3
	thetaMax        = 1e6
)

// fitNegativeBinomial fits the negative binomial from the Poisson fit,
// alternating the coefficients' fit for a shape theta with theta's moment
// estimate: the theta at which the Pearson chi-squared equals its degrees
// of freedom.
func fitNegativeBinomial(x [][]float64, y, offset []float64, poisson *fit) (*fit, error) {
	f := poisson
	theta := momentTheta(y, f.mu, f.df)
	for range thetaIterations {
		next, err := fitCounts(x, y, offset, theta)
		if err != nil {
			return nil, err
		}
		f = next
		t := momentTheta(y, f.mu, f.df)
		done := math.Abs(math.Log(t/theta)) < thetaTolerance
		theta = t
		if done {
			break
		}
	}
	return f, nil
}

// momentTheta solves pearson(y, mu, theta) = df for theta by bisection on
// log theta (the Pearson sum rises with theta), within thetaMin and
// thetaMax.
func momentTheta(y, mu []float64, df int) float64 {
	lo, hi := math.Log(thetaMin), math.Log(thetaMax)
	for range 200 {
		mid := (lo + hi) / 2
		if pearson(y, mu, math.Exp(mid)) > float64(df) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return math.Exp((lo + hi) / 2)
}

// errSeries is wrapped by every refusal of a series.
var errSeries = errors.New("cannot evaluate")

// ErrTooEarly is wrapped by the refusal of a series with no month from
// the start to read a change from: it is too early to tell.
var ErrTooEarly = errors.New("too early to tell")

// split is a series divided at the start: the months fitted, with their
// place relative to the first month after the start.
type split struct {
	k, moy        []int // each fitted month's place and month of the year
	y, offset     []float64
	before, after int           // months fitted before the start, and whole months from it
	firstAfter    calendar.Date // the first day of the first month after the start
	exposure      float64       // the mean exposure of the months before, for months to come
	hasExposure   bool
}

// splitAt checks the series and divides it at start. A month that starts
// before the start and ends after it is a month of transition: it is left
// out of the fit, as are months with no exposure.
func splitAt(s Series, start calendar.Date) (*split, error) {
	if err := check(s); err != nil {
		return nil, err
	}
	sp := &split{hasExposure: s.Exposure != nil}
	last := s.Months[len(s.Months)-1]
	if last.Start < start {
		return nil, fmt.Errorf("%w series %s from %s: no whole month from the start (the series ends %s): %w", errSeries, s.ID, start, last.Label, ErrTooEarly)
	}
	sp.firstAfter = start
	if start.Day() != 1 {
		sp.firstAfter = calendar.NewDate(start.Year(), start.Month(), 1).AddMonths(1)
	}
	exposed := 0
	for i, m := range s.Months {
		k := monthsBetween(sp.firstAfter, m.Start)
		if k >= 0 {
			sp.after++
		} else if m.End >= start {
			continue // the month of transition
		}
		if sp.hasExposure {
			if k < 0 {
				sp.exposure += s.Exposure[i]
				exposed++
			}
			if s.Exposure[i] == 0 {
				continue // no figure this month
			}
			sp.offset = append(sp.offset, math.Log(s.Exposure[i]))
		}
		if k < 0 {
			sp.before++
		}
		sp.k = append(sp.k, k)
		sp.moy = append(sp.moy, m.Start.Month())
		sp.y = append(sp.y, s.Counts[i])
	}
	if exposed > 0 {
		sp.exposure /= float64(exposed)
	}
	if sp.before < minBefore {
		return nil, fmt.Errorf("%w series %s from %s: %d months with a figure before the start; at least %d are needed", errSeries, s.ID, start, sp.before, minBefore)
	}
	if len(sp.y) == sp.before {
		return nil, fmt.Errorf("%w series %s from %s: no month from the start has a figure: %w", errSeries, s.ID, start, ErrTooEarly)
	}
	total := 0.0
	for _, v := range sp.y {
		total += v
	}
	if total == 0 {
		return nil, fmt.Errorf("%w series %s from %s: every month is 0", errSeries, s.ID, start)
	}
	return sp, nil
}

// monthsBetween is the number of calendar months from a's to b's:
// negative when b's month is before a's.
func monthsBetween(a, b calendar.Date) int {
	return (b.Year()-a.Year())*12 + b.Month() - a.Month()
}

// check refuses a series whose months and values do not agree, whose
// months are not consecutive calendar months, or with a value that is not
// a number at least 0.
func check(s Series) error {
	if len(s.Months) != len(s.Counts) {
		return fmt.Errorf("%w series %s: %d months but %d values", errSeries, s.ID, len(s.Months), len(s.Counts))
	}
	if s.Exposure != nil && len(s.Exposure) != len(s.Counts) {
		return fmt.Errorf("%w series %s: %d months but %d exposures", errSeries, s.ID, len(s.Months), len(s.Exposure))
	}
	for i, m := range s.Months {
		if m.Kind != calendar.KindMonth {
			return fmt.Errorf("%w series %s: period %d (%s) is not a calendar month", errSeries, s.ID, i+1, m.Label)
		}
		if i > 0 && m.Start != s.Months[i-1].End.AddDays(1) {
			return fmt.Errorf("%w series %s: %s follows %s; the months must be consecutive", errSeries, s.ID, m.Label, s.Months[i-1].Label)
		}
		if v := s.Counts[i]; v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w series %s: %s is %g; expected a count of 0 or more", errSeries, s.ID, m.Label, v)
		}
		if e := s.Exposure; e != nil && (!(e[i] >= 0) || math.IsInf(e[i], 0) || e[i] == 0 && s.Counts[i] != 0) {
			return fmt.Errorf("%w series %s: the exposure in %s is %g for a value of %g; expected 0 or more, and more than 0 for a value above 0",
				errSeries, s.ID, m.Label, e[i], s.Counts[i])
		}
	}
	return nil
}

// design is the regression's design for the months fitted, with a change
// in slope or without.
func (sp *split) design(slope bool) design {
	d := design{seasonality: seasonalityFor(sp.before), slope: slope}
	for i := range sp.y {
		d.x = append(d.x, row(sp.k[i], sp.moy[i], d.seasonality, d.slope))
	}
	return d
}

// autocorrelation is the lag-1 autocorrelation of the fit's Pearson
// residuals, over pairs of fitted months one calendar month apart.
func (sp *split) autocorrelation(f *fit) float64 {
	r := make([]float64, len(sp.y))
	for i := range r {
		r[i] = (sp.y[i] - f.mu[i]) / math.Sqrt(f.mu[i]+f.mu[i]*f.mu[i]*inverse(f.theta))
	}
	var num, den float64
	for i := range r {
		den += r[i] * r[i]
		if i > 0 && sp.k[i] == sp.k[i-1]+1 {
			num += r[i] * r[i-1]
		}
	}
	if den == 0 {
		return 0
	}
	return num / den
}

// inverse is 1/x, or 0 for 0: the negative binomial's 1/theta, 0 for
// Poisson.
func inverse(x float64) float64 {
	if x == 0 {
		return 0
	}
	return 1 / x
}
