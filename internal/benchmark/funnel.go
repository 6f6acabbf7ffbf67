package benchmark

import (
	"math"

	"github.com/village-uk/village/internal/refdata/published"
	"gonum.org/v1/gonum/stat/distuv"
)

// The two-sided limits' probabilities: 95% and 99.8%.
const (
	low95, high95   = 0.025, 0.975
	low998, high998 = 0.001, 0.999
)

// limits works out the exact funnel limits (see the package's doc)
// around centre, a rate per 10,000 or a percentage, for a denominator n.
func limits(u published.Unit, centre, n float64) Funnel {
	scale := 100.0
	if u == published.Rate {
		scale = 10000
	}
	f := Funnel{Centre: centre}
	p := centre / scale
	if n <= 0 || p <= 0 {
		return f
	}
	var cdf func(float64) float64
	mean, sd := p*n, math.Sqrt(p*n)
	if u == published.Rate {
		cdf = distuv.Poisson{Lambda: mean}.CDF
	} else {
		n = math.Round(n) // a number of children
		mean, sd = p*n, math.Sqrt(n*p*(1-p))
		if p >= 1 {
			return Funnel{Centre: centre, Lower95: scale, Upper95: scale, Lower998: scale, Upper998: scale}
		}
		cdf = distuv.Binomial{N: n, P: p}.CDF
	}
	limit := func(q, z float64) float64 {
		start := int(math.Max(0, math.Floor(mean+z*sd)))
		return math.Min(scale, math.Max(0, interpolated(cdf, q, start)/n*scale))
	}
	f.Lower95, f.Upper95 = limit(low95, -1.96), limit(high95, 1.96)
	f.Lower998, f.Upper998 = limit(low998, -3.09), limit(high998, 3.09)
	return f
}

// interpolated is the count at probability q of a distribution of counts
// whose cumulative probability is cdf, interpolated between counts:
// r − (F(r) − q)/(F(r) − F(r−1)), r the smallest count with F(r) ≥ q. The
// search for r starts at start (the normal approximation's count), from
// where it is a few steps away.
func interpolated(cdf func(float64) float64, q float64, start int) float64 {
	r := start
	for r > 0 && cdf(float64(r-1)) >= q {
		r--
	}
	for cdf(float64(r)) < q {
		r++
	}
	below := 0.0
	if r > 0 {
		below = cdf(float64(r - 1))
	}
	at := cdf(float64(r))
	return float64(r) - (at-q)/(at-below)
}
