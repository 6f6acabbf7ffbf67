package forecast

import "math"

// states is the number of states a child in care can be in.
const states = Bands * Categories

// table is one simulation's rates, drawn from their sampling uncertainty:
// monthly hazards out of every state, with what the inner loop needs
// worked out once.
type table struct {
	hazard   [states][destinations]float64 // to another category (d < Categories) or out for an exit reason
	total    [states]float64               // the sum of a state's hazards
	pEvent   [states]float64               // the chance of leaving the state in a month: 1 - exp(-total)
	cum      [states][destinations]float64 // cumulative shares of total, to pick a destination
	entry    [Bands]float64                // entries a month per child in the population, or a month
	entryCum [Bands][Categories]float64    // cumulative shares of the category entrants start in
}

// priorEvents is the weight, in events, of the rate for all ages that
// each band's rate is drawn towards. Half an event is enough to give a
// state with no events a small positive rate, and a state never seen at
// all the all-ages rate with wide uncertainty, without moving rates that
// rest on a few events or more.
const priorEvents = 0.5

// drawTable draws every rate from its sampling distribution: a rate with
// e events in x child-months is Gamma(e + ½, 1) ÷ (x + ½ ÷ r₀), r₀ being
// the same move or exit's rate over all age bands. A move or exit never
// seen in any band of the category has rate 0, and a category with no
// time in care at all keeps its children until they leave at 18. With
// r nil it returns the point estimates, events ÷ exposure.
func drawTable(rates *Rates, r *rng) *table {
	t := &table{}
	for c := range Category(Categories) {
		var pooledX float64
		for b := range Bands {
			pooledX += rates.Exposure[b][c]
		}
		for d := range destinations {
			if d == int(c) {
				continue
			}
			pooledE := 0
			for b := range Bands {
				pooledE += events(rates, Band(b), c, d)
			}
			for b := range Band(Bands) {
				e, x := float64(events(rates, b, c, d)), rates.Exposure[b][c]
				t.hazard[int(b)*Categories+int(c)][d] = drawRate(r, e, x, float64(pooledE), pooledX)
			}
		}
	}
	var pooledEntries [Categories]float64
	var pooledTotal float64
	for b := range Bands {
		for c := range Categories {
			pooledEntries[c] += float64(rates.EntryCategory[b][c])
			pooledTotal += float64(rates.EntryCategory[b][c])
		}
	}
	for b := range Bands {
		e, x := float64(rates.Entries[b]), rates.EntryExposure[b]
		switch {
		case x <= 0:
		case r == nil:
			t.entry[b] = e / x
		default:
			t.entry[b] = r.gamma(e+priorEvents) / x
		}
		var weights [Categories]float64
		sum := 0.0
		for c := range Categories {
			alpha := float64(rates.EntryCategory[b][c])
			if pooledTotal > 0 {
				alpha += priorEvents * pooledEntries[c] / pooledTotal
			}
			if r == nil {
				weights[c] = alpha
			} else {
				weights[c] = r.gamma(alpha)
			}
			sum += weights[c]
		}
		if sum <= 0 { // nobody has entered: in-house fostering, as a guess that costs little
			weights[FosterInHouse], sum = 1, 1
		}
		acc := 0.0
		for c := range Categories {
			acc += weights[c] / sum
			t.entryCum[b][c] = acc
		}
		t.entryCum[b][Categories-1] = 1
	}
	t.finish()
	return t
}

// events returns the count behind a hazard: moves to category d, or exits
// for reason d - Categories.
func events(rates *Rates, b Band, c Category, d int) int {
	if d < Categories {
		return rates.Moves[b][c][d]
	}
	return rates.Exits[b][c][d-Categories]
}

// drawRate draws one rate (see drawTable); r nil gives the point estimate.
func drawRate(r *rng, e, x, pooledE, pooledX float64) float64 {
	if r == nil {
		if x > 0 {
			return e / x
		}
		if pooledX > 0 {
			return pooledE / pooledX
		}
		return 0
	}
	if pooledX <= 0 || pooledE == 0 {
		return 0
	}
	prior := pooledX * priorEvents / (pooledE + priorEvents) // child-months worth half an event at the pooled rate
	return r.gamma(e+priorEvents) / (x + prior)
}

// finish works out each state's total hazard, its chance of an event in
// a month and the cumulative shares of its destinations.
func (t *table) finish() {
	for s := range states {
		total := 0.0
		for _, h := range t.hazard[s] {
			total += h
		}
		t.total[s] = total
		t.pEvent[s] = -math.Expm1(-total)
		acc := 0.0
		for d, h := range t.hazard[s] {
			if total > 0 {
				acc += h / total
			}
			t.cum[s][d] = acc
		}
		t.cum[s][destinations-1] = 1
	}
}

// pick returns the destination for a uniform number v in [0, 1).
func (t *table) pick(s int, v float64) int {
	cum := &t.cum[s]
	for d := range destinations - 1 {
		if v < cum[d] {
			return d
		}
	}
	return destinations - 1
}
