package evaluate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// fit is a generalised linear model for counts with a log link, fitted by
// iteratively reweighted least squares (Fisher scoring).
type fit struct {
	beta []float64
	cov  *mat.SymDense // the inverse of the Fisher information: the coefficients' covariance
	mu   []float64     // fitted means
	// theta is the negative binomial's shape (variance mu + mu²/theta);
	// 0 is Poisson.
	theta float64
	// pearson is the sum of squared Pearson residuals, df the residual
	// degrees of freedom.
	pearson float64
	df      int
}

// se returns the standard error of coefficient j.
func (f *fit) se(j int) float64 { return math.Sqrt(f.cov.At(j, j)) }

// IRLS limits: the iterations allowed, the relative change in deviance
// that ends them, and the step halvings tried when a step makes the fit
// worse.
const (
	maxIterations = 100
	tolerance     = 1e-12
	maxHalvings   = 30
)

// errNoFit is returned when the model cannot be fitted: too few points
// for its terms, or terms the data cannot tell apart.
var errNoFit = errors.New("the model cannot be fitted: its terms cannot be told apart in this series")

// fitCounts fits log E[y] = offset + x·beta with variance mu + mu²/theta
// (Poisson when theta is 0). x is one row a point; offset may be nil.
func fitCounts(x [][]float64, y, offset []float64, theta float64) (*fit, error) {
	n, p := len(x), len(x[0])
	if n <= p {
		return nil, fmt.Errorf("%w (%d points for %d terms)", errNoFit, n, p)
	}
	beta := make([]float64, p)
	// The intercept starts at the log of the mean rate, the others at 0.
	beta[0] = math.Log(stat.Mean(y, nil) + 0.1)
	if offset != nil {
		beta[0] -= stat.Mean(offset, nil)
	}
	mu := make([]float64, n)
	means(x, beta, offset, mu)
	dev := deviance(y, mu, theta)
	for range maxIterations {
		info, score := scoring(x, y, mu, theta)
		step, ok := solve(info, score)
		if !ok {
			return nil, errNoFit
		}
		next, nextDev, ok := improve(x, y, offset, theta, beta, step, dev, mu)
		if !ok {
			break // no step improves the fit: it is at its maximum
		}
		done := math.Abs(dev-nextDev) <= tolerance*(math.Abs(nextDev)+0.1)
		beta, dev = next, nextDev
		if done {
			break
		}
	}
	means(x, beta, offset, mu)
	if math.IsNaN(dev) || math.IsInf(dev, 0) {
		return nil, errNoFit
	}
	info, _ := scoring(x, y, mu, theta)
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		return nil, errNoFit
	}
	cov := mat.NewSymDense(p, nil)
	if err := chol.InverseTo(cov); err != nil {
		return nil, errNoFit
	}
	return &fit{beta: beta, cov: cov, mu: mu, theta: theta, pearson: pearson(y, mu, theta), df: n - p}, nil
}

// improve takes the scoring step from beta, halving it until the deviance
// falls; it reports false when no step does. mu is left at the new fit.
func improve(x [][]float64, y, offset []float64, theta float64, beta, step []float64, dev float64, mu []float64) ([]float64, float64, bool) {
	next := make([]float64, len(beta))
	scale := 1.0
	for range maxHalvings {
		for j := range beta {
			next[j] = beta[j] + scale*step[j]
		}
		means(x, next, offset, mu)
		if d := deviance(y, mu, theta); !math.IsNaN(d) && d <= dev {
			return next, d, true
		}
		scale /= 2
	}
	return nil, 0, false
}

// solve solves the symmetric positive definite system a·v = b.
func solve(a *mat.SymDense, b *mat.VecDense) ([]float64, bool) {
	var chol mat.Cholesky
	if !chol.Factorize(a) {
		return nil, false
	}
	v := mat.NewVecDense(b.Len(), nil)
	if err := chol.SolveVecTo(v, b); err != nil {
		return nil, false
	}
	return v.RawVector().Data, true
}

// means sets mu to exp(offset + x·beta).
func means(x [][]float64, beta, offset, mu []float64) {
	for i, row := range x {
		eta := 0.0
		if offset != nil {
			eta = offset[i]
		}
		for j, v := range row {
			eta += v * beta[j]
		}
		mu[i] = math.Exp(eta)
	}
}

// weight is the IRLS working weight of a point with mean mu: the inverse
// of its variance times the square of dmu/deta, mu / (1 + mu/theta).
func weight(mu, theta float64) float64 {
	if theta == 0 {
		return mu
	}
	return mu / (1 + mu/theta)
}

// scoring returns the Fisher information X'WX and the score X'W(y-mu)/mu
// at mu: the information's inverse times the score is the step to the
// next estimate.
func scoring(x [][]float64, y, mu []float64, theta float64) (*mat.SymDense, *mat.VecDense) {
	p := len(x[0])
	info := mat.NewSymDense(p, nil)
	score := mat.NewVecDense(p, nil)
	for i, row := range x {
		w := weight(mu[i], theta)
		r := w * (y[i] - mu[i]) / mu[i]
		for j := range p {
			score.SetVec(j, score.AtVec(j)+r*row[j])
			for k := j; k < p; k++ {
				info.SetSym(j, k, info.At(j, k)+w*row[j]*row[k])
			}
		}
	}
	return info, score
}

// deviance is twice the log-likelihood lost against a perfect fit.
func deviance(y, mu []float64, theta float64) float64 {
	d := 0.0
	for i := range y {
		if y[i] > 0 {
			d += y[i] * math.Log(y[i]/mu[i])
		}
		if theta == 0 {
			d -= y[i] - mu[i]
		} else {
			d -= (y[i] + theta) * math.Log((y[i]+theta)/(mu[i]+theta))
		}
	}
	return 2 * d
}

// pearson is the sum of squared Pearson residuals: (y - mu)² over the
// variance.
func pearson(y, mu []float64, theta float64) float64 {
	s := 0.0
	for i := range y {
		v := mu[i]
		if theta > 0 {
			v += mu[i] * mu[i] / theta
		}
		s += (y[i] - mu[i]) * (y[i] - mu[i]) / v
	}
	return s
}
