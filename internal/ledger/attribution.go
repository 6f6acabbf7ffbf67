package ledger

import (
	"math"
	"slices"
)

// Split is how the ledger shares the savings of programmes that overlap.
type Split string

// The ways of sharing.
const (
	// ByPrecedence lets programmes claim in their declared order: the
	// first claims what its scenario alone avoids, the next only what
	// its scenario avoids on top of those before it, and so on.
	ByPrecedence Split = "precedence"
	// Even splits the overlap (the sum of the programmes' own claims less
	// what they avoid together) evenly between them.
	Even Split = "even"
)

// ParseSplit reads a way of sharing: precedence or even.
func ParseSplit(s string) (Split, bool) {
	switch Split(s) {
	case ByPrecedence, "":
		return ByPrecedence, true
	case Even:
		return Even, true
	}
	return "", false
}

// Claims are the figures attribution starts from, for one stretch of
// time (a quarter), in pounds avoided (spend of the baseline less spend
// with the scenarios; positive is a saving).
type Claims struct {
	// Gross is what each programme's scenarios avoid alone, in the order
	// of precedence.
	Gross []float64
	// Prefix[k] is what the first k+1 programmes avoid together, each
	// with its own start: Prefix[len-1] is all of them together.
	Prefix []float64
}

// Combined is what every programme avoids together.
func (c Claims) Combined() float64 {
	if len(c.Prefix) == 0 {
		return 0
	}
	return c.Prefix[len(c.Prefix)-1]
}

// Bookable is the total the ledger books: what all the programmes avoid
// together, but never more than the sum of their own claims (so that no
// interaction between them is booked that no programme can claim) and
// never below nothing.
func (c Claims) Bookable() float64 {
	sum := 0.0
	for _, g := range c.Gross {
		sum += g
	}
	return max(0, min(c.Combined(), sum))
}

// Attribute shares the bookable total between the programmes so that
// each avoided pound belongs to one programme: no programme's net is
// below 0 or above its own gross claim, and the nets add up to the
// bookable total whatever the order (see METHOD.md).
func Attribute(c Claims, split Split) []float64 {
	if split == Even {
		return evenSplit(c)
	}
	return precedence(c)
}

// capOf is the most a programme may claim: its own gross, if positive.
func capOf(gross float64) float64 { return max(0, gross) }

// precedence gives each programme, in order, its increment on the
// programmes before it, no more than its own claim and no more than is
// left of the bookable total; what is left after that (increments
// capped by an earlier programme's claim) goes to the first programmes
// with room under their own claim.
func precedence(c Claims) []float64 {
	net := make([]float64, len(c.Gross))
	left := c.Bookable()
	before := 0.0
	for i, g := range c.Gross {
		increment := c.Prefix[i] - before
		before = c.Prefix[i]
		net[i] = min(max(0, increment), capOf(g), left)
		left -= net[i]
	}
	for i, g := range c.Gross {
		more := min(capOf(g)-net[i], left)
		net[i] += more
		left -= more
	}
	return net
}

// evenSplit takes an even share of the overlap from each programme's
// own claim; a programme whose claim is smaller than its share gives up
// all of it, and the rest of its share is split evenly between the
// others.
func evenSplit(c Claims) []float64 {
	n := len(c.Gross)
	net := make([]float64, n)
	overlap := 0.0
	order := make([]int, n)
	for i, g := range c.Gross {
		net[i] = capOf(g)
		overlap += net[i]
		order[i] = i
	}
	overlap -= c.Bookable()
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case net[a] < net[b]:
			return -1
		case net[a] > net[b]:
			return 1
		}
		return 0
	})
	for k, i := range order {
		give := min(net[i], overlap/float64(n-k))
		net[i] -= give
		overlap -= give
	}
	return net
}

// wholePounds rounds nets to whole pounds so that they still add up to
// the bookable total rounded (largest remainders first) and each stays
// between 0 and its programme's own claim, which is whole pounds.
func wholePounds(net []float64, total float64) []int64 {
	out := make([]int64, len(net))
	var sum int64
	rest := make([]int, len(net))
	for i, v := range net {
		out[i] = int64(math.Floor(v + 1e-9))
		sum += out[i]
		rest[i] = i
	}
	slices.SortStableFunc(rest, func(a, b int) int {
		ra, rb := net[a]-float64(out[a]), net[b]-float64(out[b])
		switch {
		case ra > rb:
			return -1
		case ra < rb:
			return 1
		}
		return 0
	})
	for _, i := range rest {
		if sum >= int64(math.Round(total)) {
			break
		}
		if net[i] > float64(out[i]) {
			out[i]++
			sum++
		}
	}
	return out
}
