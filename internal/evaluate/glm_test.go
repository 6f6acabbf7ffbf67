package evaluate

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

func TestFitByHand(t *testing.T) {
	// With only an intercept and a change in level, the Poisson fit is
	// the two means: exp(b0) is the mean before (24/6 = 4), exp(b0 + b1)
	// the mean after (8/4 = 2), and the change's variance is 1/24 + 1/8.
	y := []float64{3, 5, 4, 6, 2, 4, 2, 3, 1, 2}
	var x [][]float64
	for i := range y {
		x = append(x, []float64{1, indicator(i >= 6)})
	}
	f, err := fitCounts(x, y, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	close := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-8 {
			t.Errorf("%s = %.10f, want %.10f", what, got, want)
		}
	}
	close("b0", f.beta[0], math.Log(4))
	close("b1", f.beta[1], math.Log(0.5))
	close("se(b1)", f.se(1), math.Sqrt(1.0/24+1.0/8))
	// Pearson chi-squared by hand: (y - mean)² / mean summed.
	close("pearson", f.pearson, (1+1+0+4+4+0)/4.0+(0+1+1+0)/2.0)
	if f.df != 8 {
		t.Errorf("df %d, want 8", f.df)
	}
	// With an offset of log population the fit is of rates: doubling
	// every population halves exp(b0) and leaves the change.
	offset := make([]float64, len(y))
	for i := range offset {
		offset[i] = math.Log(2)
	}
	g, err := fitCounts(x, y, offset, 0)
	if err != nil {
		t.Fatal(err)
	}
	close("b0 with offset", g.beta[0], math.Log(2))
	close("b1 with offset", g.beta[1], math.Log(0.5))
}

func TestFitAgainstNewton(t *testing.T) {
	// A second, independent method: Newton's method on the log-likelihood
	// itself, with its exact (observed) Hessian and a plain Gaussian
	// elimination, against the package's Fisher scoring with gonum. For
	// the negative binomial with a log link the two Hessians differ, so
	// the methods share only the answer.
	w := world{level: 20, trend: 0.05, season: 0.2, step: -0.25, before: 30, after: 14}
	s := w.series(9)
	sp, err := splitAt(s, w.startOf(s))
	if err != nil {
		t.Fatal(err)
	}
	d := sp.design(true)
	for _, theta := range []float64{0, 4} {
		f, err := fitCounts(d.x, sp.y, nil, theta)
		if err != nil {
			t.Fatal(err)
		}
		beta, hessian := newton(d.x, sp.y, theta)
		cov := invert(hessian)
		for j := range beta {
			if math.Abs(f.beta[j]-beta[j]) > 1e-7 {
				t.Errorf("theta %v: coefficient %d is %.9f by scoring, %.9f by Newton", theta, j, f.beta[j], beta[j])
			}
		}
		// At the maximum the observed and expected information differ
		// for the negative binomial, but only a little; the standard
		// errors agree to a few per cent.
		for _, j := range []int{colStep, colSlope} {
			newtonSE := math.Sqrt(-cov[j][j])
			if r := f.se(j) / newtonSE; r < 0.95 || r > 1.05 {
				t.Errorf("theta %v: se of coefficient %d is %.5f by scoring, %.5f by Newton", theta, j, f.se(j), newtonSE)
			}
		}
	}
}

// newton maximises the log-likelihood of log E[y] = x·beta with variance
// mu + mu²/theta (Poisson when theta is 0) by Newton's method, and returns
// beta and the Hessian there.
func newton(x [][]float64, y []float64, theta float64) ([]float64, [][]float64) {
	p := len(x[0])
	beta := make([]float64, p)
	beta[0] = math.Log(stat.Mean(y, nil))
	var hess [][]float64
	for range 200 {
		grad := make([]float64, p)
		hess = make([][]float64, p)
		for j := range hess {
			hess[j] = make([]float64, p)
		}
		for i, r := range x {
			eta := 0.0
			for j := range r {
				eta += r[j] * beta[j]
			}
			mu := math.Exp(eta)
			// d loglik / d eta and its second derivative.
			g, h := y[i]-mu, -mu
			if theta > 0 {
				g = theta * (y[i] - mu) / (theta + mu)
				h = -theta * mu * (theta + y[i]) / ((theta + mu) * (theta + mu))
			}
			for j := range p {
				grad[j] += g * r[j]
				for k := range p {
					hess[j][k] += h * r[j] * r[k]
				}
			}
		}
		step := gauss(hess, grad)
		size := 0.0
		for j := range beta {
			beta[j] -= step[j]
			size += math.Abs(step[j])
		}
		if size < 1e-13 {
			break
		}
	}
	return beta, hess
}

// gauss solves a·v = b by Gaussian elimination with partial pivoting.
func gauss(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range m {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		piv := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[piv][c]) {
				piv = r
			}
		}
		m[c], m[piv] = m[piv], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	v := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * v[k]
		}
		v[r] = s / m[r][r]
	}
	return v
}

// invert inverts a by solving for each column of the identity.
func invert(a [][]float64) [][]float64 {
	n := len(a)
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
	}
	for c := range n {
		e := make([]float64, n)
		e[c] = 1
		col := gauss(a, e)
		for r := range n {
			out[r][c] = col[r]
		}
	}
	return out
}

func TestMomentTheta(t *testing.T) {
	w := world{level: 30, season: 0.1, before: 36, after: 12, theta: 6}
	s := w.series(3)
	sp, _ := splitAt(s, w.startOf(s))
	d := sp.design(false)
	f, _, err := fitModel(d.x, sp.y, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.theta == 0 {
		t.Fatal("the over-dispersed series was fitted as Poisson")
	}
	// At the estimate, the Pearson chi-squared equals its degrees of
	// freedom.
	if got := pearson(sp.y, f.mu, f.theta); math.Abs(got-float64(f.df)) > 1e-6*float64(f.df) {
		t.Errorf("Pearson chi-squared %v at theta %v, want %d", got, f.theta, f.df)
	}
}
