package forecast

import "math"

// driftMonths is how often the drifting rates take a new step.
const driftMonths = 12

// Drift is how far rates wander from year to year beyond what their
// sampling uncertainty allows: the standard deviation of a year's change
// in the logarithm of the entry rates, of the exit rates and of the
// rates of moving between categories. A forecast that drew rates only
// from their sampling uncertainty would claim the same rates for five
// years, and its intervals would be too narrow for a large authority,
// whose rates are known precisely but still change.
type Drift struct {
	Entries float64 `json:"entries"`
	Exits   float64 `json:"exits"`
	Moves   float64 `json:"moves"`
}

// driftStep is the multipliers of one year of the projection.
type driftStep struct {
	entries, exits, moves float64
}

// draw returns the multipliers of each year of a projection of months
// months: a random walk on the logarithm of each kind of rate, one step a
// year, the first step taken in the first year (the reference window
// lies, on average, a year before it).
func (d Drift) draw(r *rng, months int) []driftStep {
	years := (months + driftMonths - 1) / driftMonths
	out := make([]driftStep, years)
	var entries, exits, moves float64
	for y := range out {
		// always draw all three, so the draws after them do not depend on
		// which drift is 0
		entries += d.Entries * r.rand.NormFloat64()
		exits += d.Exits * r.rand.NormFloat64()
		moves += d.Moves * r.rand.NormFloat64()
		out[y] = driftStep{math.Exp(entries), math.Exp(exits), math.Exp(moves)}
	}
	return out
}

// applyTo returns base with its rates multiplied by the step's, or base
// itself when they are all 1.
func (s driftStep) applyTo(base *table) *table {
	if s.entries == 1 && s.exits == 1 && s.moves == 1 {
		return base
	}
	t := *base
	for b := range t.entry {
		t.entry[b] *= s.entries
	}
	for st := range states {
		for d := range destinations {
			if d < Categories {
				t.hazard[st][d] *= s.moves
			} else {
				t.hazard[st][d] *= s.exits
			}
		}
	}
	t.finish()
	return &t
}
