package evaluate

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// MaxMonths is the longest wait after the start the power is worked out
// for: five years.
const MaxMonths = 60

// wantedPower is the chance of detecting the expected effect the months
// to detect are worked out for.
const wantedPower = 0.80

// monthsToDetect returns the months after the start from which the
// expected effect would be detected (its 95% interval excluding no change)
// with 80% power, and stays so; 0 when not within MaxMonths or when the
// months before cannot be fitted.
//
// It is the analytic (Wald) approximation, not a simulation: the months
// before the start are fitted without a change (trend, seasonality, and
// the negative binomial's shape when they are over-dispersed), the fit is
// carried on past the start and multiplied by 1 + expected, and the
// standard error of the change in level is read from the Fisher
// information of the model that would be fitted to those months. The
// baseline's own uncertainty, the trend, the season and the
// over-dispersion all widen it, as they would the real estimate.
func (sp *split) monthsToDetect(expected float64) int {
	pre, cf := sp.counterfactual(MaxMonths)
	if pre == nil {
		return 0
	}
	lastBelow := 0
	for m := 1; m <= MaxMonths; m++ {
		if sp.power(pre, cf[:m], expected) < wantedPower {
			lastBelow = m
		}
	}
	if lastBelow == MaxMonths {
		return 0
	}
	return lastBelow + 1
}

// counterfactual fits the months before the start without a change and
// returns the fit and its means carried on for months months after the
// start; nil when the months before cannot be fitted.
func (sp *split) counterfactual(months int) (*fit, []float64) {
	seasonality := seasonalityFor(sp.before)
	var x [][]float64
	for i := range sp.before {
		x = append(x, withoutStep(row(sp.k[i], sp.moy[i], seasonality, false)))
	}
	var offset []float64
	if sp.hasExposure {
		offset = sp.offset[:sp.before]
	}
	f, _, err := fitModel(x, sp.y[:sp.before], offset)
	if err != nil {
		return nil, nil
	}
	cf := make([]float64, months)
	first := sp.firstAfter.Month()
	for k := range months {
		r := withoutStep(row(k, (first-1+k)%12+1, seasonality, false))
		eta := 0.0
		if sp.hasExposure {
			eta = math.Log(sp.exposure)
		}
		for j, v := range r {
			eta += v * f.beta[j]
		}
		cf[k] = math.Exp(eta)
	}
	return f, cf
}

// withoutStep drops the change-in-level column from a design row.
func withoutStep(r []float64) []float64 {
	return append(r[:colStep:colStep], r[colStep+1:]...)
}

// power is the chance that the 95% interval of the change in level
// excludes no change when the months after the start have means
// cf × (1 + expected), the months before the fit pre's.
func (sp *split) power(pre *fit, cf []float64, expected float64) float64 {
	seasonality := seasonalityFor(sp.before)
	const slope = false // the effect is read from the model without a change in slope
	p := len(row(0, 1, seasonality, slope))
	info := mat.NewSymDense(p, nil)
	add := func(r []float64, mu float64) {
		w := weight(mu, pre.theta)
		for j := range p {
			for k := j; k < p; k++ {
				info.SetSym(j, k, info.At(j, k)+w*r[j]*r[k])
			}
		}
	}
	for i := range sp.before {
		add(row(sp.k[i], sp.moy[i], seasonality, slope), pre.mu[i])
	}
	first := sp.firstAfter.Month()
	for k, mu := range cf {
		add(row(k, (first-1+k)%12+1, seasonality, slope), mu*(1+expected))
	}
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		return 0
	}
	cov := mat.NewSymDense(p, nil)
	if err := chol.InverseTo(cov); err != nil {
		return 0
	}
	shift := math.Abs(math.Log1p(expected)) / math.Sqrt(cov.At(colStep, colStep))
	return distuv.UnitNormal.CDF(shift-z975) + distuv.UnitNormal.CDF(-shift-z975)
}
