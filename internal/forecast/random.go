package forecast

import (
	"math"
	"math/rand/v2"
)

// rng is one simulation's random stream: PCG seeded from the run's seed
// and the simulation's number, so that every simulation gives the same
// draws whichever worker runs it and in whatever order.
type rng struct {
	pcg  rand.PCG
	rand *rand.Rand // over pcg, for the normal draws of the gamma
}

func newRNG(seed uint64, stream int) *rng {
	r := &rng{}
	r.pcg.Seed(seed, uint64(stream)*0x9e3779b97f4a7c15+1)
	r.rand = rand.New(&r.pcg)
	return r
}

// uniform returns a number in [0, 1): the fast path of the inner loop.
func (r *rng) uniform() float64 {
	return float64(r.pcg.Uint64()>>11) * 0x1p-53
}

// intN returns a number in [0, n); n must be positive.
func (r *rng) intN(n int) int {
	return int(r.uniform() * float64(n))
}

// gamma draws from the gamma distribution with the given shape and scale
// 1 (Marsaglia and Tsang's method; shapes under 1 by boosting). It returns
// 0 for a shape that is not positive.
func (r *rng) gamma(shape float64) float64 {
	if !(shape > 0) {
		return 0
	}
	if shape < 1 {
		u := r.uniform()
		for u == 0 {
			u = r.uniform()
		}
		return r.gamma(shape+1) * math.Pow(u, 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.rand.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.uniform()
		if u < 1-0.0331*x*x*x*x {
			return d * v
		}
		if u > 0 && math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// poisson draws a Poisson count with mean lambda: by multiplying uniforms
// for small means, and from the normal approximation, rounded, for means
// of 30 and more, where it is close enough for monthly entries.
func (r *rng) poisson(lambda float64) int {
	if !(lambda > 0) {
		return 0
	}
	if lambda >= 30 {
		n := math.Round(lambda + math.Sqrt(lambda)*r.rand.NormFloat64())
		return int(max(0, n))
	}
	limit := math.Exp(-lambda)
	n := 0
	for p := r.uniform(); p > limit; p *= r.uniform() {
		n++
	}
	return n
}

// stream is a small random stream of its own for one child or one count
// (SplitMix64): cheap to make, so that every child can have one, and
// keyed, so that the same child gets the same numbers in the baseline
// and in a scenario.
type stream uint64

// newStream returns the stream for a seed, a simulation, a kind of stream
// and a key within it.
func newStream(seed, sim, kind, key uint64) stream {
	h := mix64(seed ^ 0x6a09e667f3bcc909)
	h = mix64(h ^ sim*0x9e3779b97f4a7c15)
	h = mix64(h ^ kind*0xbf58476d1ce4e5b9)
	return stream(mix64(h ^ key*0x94d049bb133111eb))
}

// child returns the n-th stream derived from s, without moving s: the
// n-th entrant of a month gets the same stream however many follow.
func (s stream) child(n uint64) stream {
	return stream(mix64(uint64(s) ^ (n+1)*0x9e3779b97f4a7c15))
}

// mix64 is SplitMix64's finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *stream) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	return mix64(uint64(*s))
}

// uniform returns a number in [0, 1).
func (s *stream) uniform() float64 {
	return float64(s.next()>>11) * 0x1p-53
}

// Uint64 makes a stream a rand.Source, for rand.Rand's fast exponential
// times.
func (s *stream) Uint64() uint64 { return s.next() }
