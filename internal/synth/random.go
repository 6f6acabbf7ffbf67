package synth

import (
	"math"
	"math/rand/v2"
)

// rng wraps a seeded generator with the draws the simulation needs. Every
// child has its own stream, seeded from the configuration seed and the
// child's position in the entry stream, so a child's life does not depend
// on the order in which other children are simulated. A generator is
// reseeded rather than made anew for each child, to spare allocations.
type rng struct {
	src rand.PCG
	*rand.Rand
}

// streams separate the independent uses of the seed.
const (
	streamEntries uint64 = iota + 1
	streamChild
	streamShortBreak
	streamDirectory
	streamReview
	streamOutcome
	streamLeaver
	streamInject
	streamCIN
	streamCINInject
	streamPreProceedings
	streamPreProceedingsInject
)

func newRNG(seed, stream, index uint64) *rng {
	r := &rng{}
	r.Rand = rand.New(&r.src)
	r.reseed(seed, stream, index)
	return r
}

// reseed restarts the generator on another stream. The stream and index
// are mixed so that neighbouring indices do not give neighbouring states.
func (r *rng) reseed(seed, stream, index uint64) {
	r.src.Seed(seed, mix(stream<<40^index))
}

// mix is the SplitMix64 finaliser, used to spread seeds.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns a whole number from lo to hi inclusive.
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// normal returns a normal deviate with the given mean and deviation.
func (r *rng) normal(mean, sd float64) float64 { return mean + sd*r.NormFloat64() }

// clampedNormal returns a whole number of days from a normal distribution
// kept within [lo, hi].
func (r *rng) clampedNormal(mean, sd float64, lo, hi int) int {
	v := int(math.Round(r.normal(mean, sd)))
	return max(lo, min(hi, v))
}

// logNormal returns a whole number of days with the given median and log
// deviation, kept within [lo, hi].
func (r *rng) logNormal(median, sigma float64, lo, hi int) int {
	v := int(math.Round(median * math.Exp(sigma*r.NormFloat64())))
	return max(lo, min(hi, v))
}

// exponential returns an exponential waiting time in days for a rate per
// year; a rate of zero never happens.
func (r *rng) exponential(perYear float64) float64 {
	if perYear <= 0 {
		return math.Inf(1)
	}
	return r.ExpFloat64() / perYear * 365.25
}

// gamma returns a gamma deviate with the given shape and mean
// (Marsaglia and Tsang's method; shape must be at least 1).
func (r *rng) gamma(shape, mean float64) float64 {
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v * mean / shape
		}
	}
}

// poisson returns a Poisson count. Large means are split into parts,
// since the sum of Poisson counts is Poisson, so the simple inversion
// method stays exact and cheap.
func (r *rng) poisson(mean float64) int {
	n := 0
	for mean > 20 {
		n += r.poissonSmall(20)
		mean -= 20
	}
	return n + r.poissonSmall(mean)
}

func (r *rng) poissonSmall(mean float64) int {
	if mean <= 0 {
		return 0
	}
	limit := math.Exp(-mean)
	p := r.Float64()
	n := 0
	for p > limit {
		p *= r.Float64()
		n++
	}
	return n
}

// weighted is a discrete distribution over values of type T.
type weighted[T any] struct {
	values []T
	cum    []float64
}

// choices builds a distribution from value and weight pairs. Weights need
// not sum to one.
func choices[T any](pairs ...any) weighted[T] {
	var w weighted[T]
	total := 0.0
	for i := 0; i+1 < len(pairs); i += 2 {
		total += toFloat(pairs[i+1])
		w.values = append(w.values, pairs[i].(T))
		w.cum = append(w.cum, total)
	}
	for i := range w.cum {
		w.cum[i] /= total
	}
	return w
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return 0
}

// draw returns one value.
func (w weighted[T]) draw(r *rng) T {
	u := r.Float64()
	for i, c := range w.cum {
		if u < c {
			return w.values[i]
		}
	}
	return w.values[len(w.values)-1]
}

// codes is a distribution over code strings.
type codes = weighted[string]

// codeChoices builds a distribution over codes from code and weight pairs.
func codeChoices(pairs ...any) codes { return choices[string](pairs...) }
