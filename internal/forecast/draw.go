package forecast

// states is the number of states a child in care can be in: age band ×
// time in the period of care × category.
const states = Bands * Durations * Categories

// stateOf numbers a state.
func stateOf(b Band, k Duration, c Category) int {
	return (int(b)*Durations+int(k))*Categories + int(c)
}

// splitMoves says whether moves between categories, like exits, have
// rates by time in care. Most unplanned moves come in a child's first
// months in care (an emergency placement followed by a planned one), and
// planned moves (to adopters, to long-term carers) at the times the care
// plan sets.
const splitMoves = true

// table is one simulation's rates, drawn from their sampling uncertainty:
// monthly hazards out of every state, with what the inner loop needs
// worked out once.
type table struct {
	hazard   [states][destinations]float64 // to another category (d < Categories) or out for an exit reason
	total    [states]float64               // the sum of a state's hazards
	cum      [states][destinations]float64 // cumulative shares of total, to pick a destination
	entry    [Bands]float64                // entries a month per child in the population, or a month
	entryCum [Bands][Categories]float64    // cumulative shares of the category entrants start in
}

// priorEvents is the weight, in events, of the broader rate that each
// rate is drawn towards. Half an event is enough to give a state with no
// events a small positive rate, and a state never seen at all the broader
// rate with wide uncertainty, without moving rates that rest on a few
// events or more.
const priorEvents = 0.5

// drawTable draws every rate from its sampling distribution: a rate with
// e events in x child-months is Gamma(e + ½, 1) ÷ (x + ½ ÷ r₀), where r₀,
// the rate it is drawn towards, is the same move or exit's rate over all
// age bands in the same piece of time in care, itself drawn half an event
// towards the rate over all bands and pieces. A move or exit never seen
// in any band of the category has rate 0, and a category with no time in
// care at all keeps its children until they leave at 18. Entry rates are
// drawn with their shape divided by the window's over-dispersion of
// monthly entries (see Rates.EntryDispersion), so that entries that vary
// more from month to month than chance alone give a wider range. With r
// nil it returns the point estimates, events ÷ exposure.
func drawTable(rates *Rates, r *rng) *table {
	return drawTableInto(new(table), rates, r)
}

// drawTableInto is drawTable into t, whatever t held.
func drawTableInto(t *table, rates *Rates, r *rng) *table {
	*t = table{}
	split := rates.byDuration()
	for c := range Category(Categories) {
		for d := range destinations {
			if d != int(c) {
				t.drawHazards(rates, r, c, d, split && (d >= Categories || splitMoves))
			}
		}
	}
	t.drawEntries(rates, r)
	t.finish()
	return t
}

// drawHazards draws the rates of moving from category c to destination d
// (another category, or Categories + an exit reason) in every band and
// piece of time in care; with split false, every piece has its band's
// rate over all times in care.
func (t *table) drawHazards(rates *Rates, r *rng, c Category, d int, split bool) {
	var allE, allX float64
	for b := range Band(Bands) {
		allE += float64(events(rates, b, c, d))
		allX += rates.Exposure[b][c]
	}
	overall := pooledRate(allE, allX, 0)
	if !split {
		for b := range Band(Bands) {
			h := drawRate(r, float64(events(rates, b, c, d)), rates.Exposure[b][c], overall)
			for k := range Duration(Durations) {
				t.hazard[stateOf(b, k, c)][d] = h
			}
		}
		return
	}
	for k := range Duration(Durations) {
		var pieceE, pieceX float64
		for b := range Band(Bands) {
			pieceE += float64(durationEvents(rates, b, k, c, d))
			pieceX += rates.DurationExposure[b][k][c]
		}
		prior := pooledRate(pieceE, pieceX, overall)
		for b := range Band(Bands) {
			e, x := float64(durationEvents(rates, b, k, c, d)), rates.DurationExposure[b][k][c]
			t.hazard[stateOf(b, k, c)][d] = drawRate(r, e, x, prior)
		}
	}
}

// pooledRate is the rate that narrower rates are drawn towards: e events
// in x child-months, with half an event at the broader rate (none when
// broader is 0), so that it is never 0 when events were seen anywhere.
// It is 0 when no event was seen, here or in the broader rate.
func pooledRate(e, x, broader float64) float64 {
	if broader > 0 {
		return (e + priorEvents) / (x + priorEvents/broader)
	}
	if e == 0 || x <= 0 {
		return 0
	}
	return (e + priorEvents) / x
}

// drawEntries draws the entry rate of every band and the shares of the
// categories entrants start in.
func (t *table) drawEntries(rates *Rates, r *rng) {
	var pooledEntries [Categories]float64
	var pooledTotal float64
	for b := range Bands {
		for c := range Categories {
			pooledEntries[c] += float64(rates.EntryCategory[b][c])
			pooledTotal += float64(rates.EntryCategory[b][c])
		}
	}
	phi := max(1, rates.EntryDispersion)
	for b := range Bands {
		e, x := float64(rates.Entries[b]), rates.EntryExposure[b]
		switch {
		case x <= 0:
		case r == nil:
			t.entry[b] = e / x
		default:
			// Gamma(e) ÷ x has the observed rate as its mean (half an
			// event when there was none); Gamma(shape ÷ φ) × φ keeps the
			// mean and multiplies the variance by φ
			t.entry[b] = r.gamma(max(e, priorEvents)/phi) * phi / x
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
}

// events returns the count behind a hazard: moves to category d, or exits
// for reason d - Categories.
func events(rates *Rates, b Band, c Category, d int) int {
	if d < Categories {
		return rates.Moves[b][c][d]
	}
	return rates.Exits[b][c][d-Categories]
}

// durationEvents is events in piece k of time in care.
func durationEvents(rates *Rates, b Band, k Duration, c Category, d int) int {
	if d < Categories {
		return rates.DurationMoves[b][k][c][d]
	}
	return rates.DurationExits[b][k][c][d-Categories]
}

// drawRate draws one rate with e events in x child-months, drawn half an
// event towards the rate prior (see drawTable); r nil gives the point
// estimate, e ÷ x, or prior when there is no exposure.
func drawRate(r *rng, e, x, prior float64) float64 {
	if r == nil {
		if x > 0 {
			return e / x
		}
		return prior
	}
	if prior <= 0 {
		return 0
	}
	return r.gamma(e+priorEvents) / (x + priorEvents/prior)
}

// finish works out each state's total hazard and the cumulative shares
// of its destinations.
func (t *table) finish() {
	for s := range states {
		total := 0.0
		for _, h := range t.hazard[s] {
			total += h
		}
		t.total[s] = total
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
