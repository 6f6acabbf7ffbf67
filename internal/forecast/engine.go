package forecast

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/village-uk/village/calendar"
)

// engine runs the simulations of one projection.
//
// Each simulation follows every child from the start, or from the day
// they enter, to the day they leave or the projection ends, in
// continuous time: a child's next move or exit comes after a time drawn
// from the total hazard of their state (age band × time in care ×
// category), which changes only at whole months (a birthday's month, a
// new piece of time in care, a new year of drift, the scenario's start).
// So the work is in proportion to the events, not to the child-months,
// and the month-end counts are added up from where each child was, when.
//
// Every child has a random stream of their own, from the seed, the
// simulation and who they are (the n-th child at the start, or the n-th
// entrant of a band in a month); the number of entrants is drawn by
// inversion from a stream of its own. So a scenario run with the same
// seed gives each child the same draws as the baseline: a child whose
// rates the scenario does not change does the same in both, and the
// difference between the runs is the scenario's effect, not chance.
type engine struct {
	rates    *Rates
	cal      *projectionMonths
	stock    []Starter
	pop      [][Bands]float64 // population in each month; nil when entries are a number a month
	seed     uint64
	scenario *Scenario // nil for the baseline
	from     int       // the month the scenario starts
	// later are more scenarios applied on top of scenario, each from its
	// own month, as a savings ledger combines programmes (runs.go).
	later    []stage
	staged   []stage // scenario and later, set by run
	starters []simChild
}

// stage is a scenario applied from a month of the projection.
type stage struct {
	scenario *Scenario
	from     int
}

// stages are the scenarios the engine applies, each from its month.
func (e *engine) stages() []stage { return e.staged }

// run simulates sims times on workers goroutines (GOMAXPROCS when 0).
func (e *engine) run(sims, workers int) *outputs {
	out := newOutputs(sims, len(e.cal.ends))
	out.hasUASC = e.rates.UASC != nil
	e.staged = nil
	if e.scenario != nil {
		e.staged = append([]stage{{e.scenario, e.from}}, e.later...)
	}
	e.starters = e.starters[:0]
	for _, st := range e.stock {
		k := e.cal.newSimChild(st.DOB, st.Began, st.Category, -1)
		k.uasc = st.UASC && e.rates.UASC != nil
		e.starters = append(e.starters, k)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, sims) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorld(e.cal)
			for {
				s := int(next.Add(1) - 1)
				if s >= sims {
					return
				}
				e.simulate(s, w, out)
			}
		}()
	}
	wg.Wait()
	return out
}

// Kinds of random stream, so that no two streams of a simulation share a
// key.
const (
	starterStream uint64 = iota + 1
	entrantStream
	countStream
)

// simulate runs simulation s: it draws the rates and their drift, then
// follows every child, and writes the month-end counts to out.
func (e *engine) simulate(s int, w *world, out *outputs) {
	w.reset()
	r := newRNG(e.seed, s)
	w.phases = e.phases(r, w)
	for i := range e.starters {
		k := e.starters[i]
		w.stream = newStream(e.seed, uint64(s), starterStream, uint64(i))
		w.follow(&k, 0)
	}
	for m := range w.months {
		e.enter(s, m, w)
	}
	w.write(s, out)
}

// phase is a stretch of whole months with one table of rates for each
// stream of children.
type phase struct {
	start int    // its first month
	table *table // the rates of every child but unaccompanied asylum-seeking children
	uasc  *table // theirs; nil without any
}

// phases returns the simulation's tables: the rates drawn from their
// uncertainty, moved by each year's drift, with the scenario's changes
// from its start.
func (e *engine) phases(r *rng, w *world) []phase {
	out := w.phases[:0]
	w.spare = 0
	base := drawTableInto(w.table(), e.rates, r)
	var uasc *table
	if e.rates.UASC != nil {
		uasc = drawTableInto(w.table(), e.rates.UASC, r)
	}
	drift := e.rates.Drift.draw(r, len(e.cal.ends))
	starts := []int{0}
	for m := driftMonths; m < len(e.cal.ends); m += driftMonths {
		starts = append(starts, m)
	}
	for _, st := range e.stages() {
		if st.from > 0 && st.from < len(e.cal.ends) && st.from%driftMonths != 0 && !slices.Contains(starts, st.from) {
			starts = append(starts, st.from)
			for i := len(starts) - 1; i > 0 && starts[i] < starts[i-1]; i-- {
				starts[i], starts[i-1] = starts[i-1], starts[i]
			}
		}
	}
	for _, m := range starts {
		step := drift[m/driftMonths]
		p := phase{start: m, table: step.applyInto(w.table(), base)}
		if uasc != nil {
			p.uasc = step.applyInto(w.table(), uasc)
		}
		for _, st := range e.stages() {
			if m >= st.from {
				p.table = st.scenario.applyInto(w.table(), p.table)
				if p.uasc != nil {
					p.uasc = st.scenario.applyUASCInto(w.table(), p.uasc)
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// enter adds month m's entrants: in each band a number drawn by
// inversion (so that more expected entrants means the same entrants and
// more), each with a category and an age drawn from the reference
// window's entrants, entering on a day of the month drawn at random.
func (e *engine) enter(s, m int, w *world) {
	p := w.phases[w.phaseAt(m)]
	e.enterStream(s, m, w, p.table, e.rates, false)
	if p.uasc != nil {
		e.enterStream(s, m, w, p.uasc, e.rates.UASC, true)
	}
}

// enterStream adds month m's entrants of one stream: unaccompanied
// asylum-seeking children, a number a month whatever the population, or
// every other child.
func (e *engine) enterStream(s, m int, w *world, t *table, rates *Rates, uasc bool) {
	cal := e.cal
	days := cal.days[m]
	key := uint64(m * Bands)
	if uasc {
		key += uint64(len(cal.ends) * Bands)
	}
	for b := range Band(Bands) {
		lambda := t.entry[b] * float64(days) / daysPerMonth
		if e.pop != nil && !uasc {
			lambda *= e.pop[m][b]
		}
		count := newStream(e.seed, uint64(s), countStream, key+uint64(b))
		n := poissonInverse(lambda, count.uniform())
		w.entries[m] += int32(n)
		if uasc {
			w.uascEntries[m] += int32(n)
		}
		entrants := newStream(e.seed, uint64(s), entrantStream, key+uint64(b))
		for j := range n {
			w.stream = entrants.child(uint64(j))
			k, at := e.entrant(w.stream.next(), m, b, t, rates.entryAges[b])
			k.uasc = uasc
			w.follow(&k, at)
		}
	}
}

// entrant makes an entrant of band b in month m from one random draw, cut
// in three 21-bit parts: the category they start in (from the table's
// shares), their age (one of the window's entrants' ages, or any age in
// the band when there were none) and the day they enter. It returns the
// child and the time they enter, in months since the start.
func (e *engine) entrant(bits uint64, m int, b Band, t *table, ages []int32) (simChild, float64) {
	v := float64(bits&mask21) * 0x1p-21
	c := Category(0)
	for c < Category(Categories-1) && v >= t.entryCum[b][c] {
		c++
	}
	u := float64((bits>>21)&mask21) * 0x1p-21
	var age int
	if len(ages) > 0 {
		age = int(ages[int(u*float64(len(ages)))])
	} else {
		from, to := bandInfo[b].From*365, nextBandAge(b)*365
		age = from + int(u*float64(to-from))
	}
	days := e.cal.days[m]
	offset := int(float64(bits>>42) * 0x1p-22 * float64(days))
	day := e.cal.starts[m] + calendar.Date(offset)
	return e.cal.newSimChild(day-calendar.Date(age), day, c, m), float64(m) + float64(offset)/float64(days)
}

// mask21 keeps the lowest 21 bits of a draw.
const mask21 = 1<<21 - 1

// poissonInverse returns the Poisson count with mean lambda at which the
// cumulative probability first reaches u: for the same u, a larger mean
// never gives a smaller count. Above 700 (where e^-λ underflows) it uses
// the normal approximation at the same quantile.
func poissonInverse(lambda, u float64) int {
	if !(lambda > 0) {
		return 0
	}
	if lambda > 700 {
		n := math.Round(lambda + math.Sqrt(lambda)*math.Sqrt2*math.Erfinv(2*u-1))
		return int(max(0, n))
	}
	p := math.Exp(-lambda)
	cdf := p
	n := 0
	for u > cdf && p > 0 {
		n++
		p *= lambda / float64(n)
		cdf += p
	}
	return n
}

// world is one simulation's tallies, kept by one worker and reused: the
// changes in the month-end counts month by month (a child counted from
// month a to month b adds 1 at a and takes 1 at b + 1), the child-months
// in each category, and the entries and exits.
type world struct {
	tables    []*table   // tables of rates to reuse, from one simulation to the next
	spare     int        // the first of tables not in use in this simulation
	stream    stream     // the random stream of the child being followed
	rand      *rand.Rand // over stream, for its fast exponential times
	cal       *projectionMonths
	months    int
	phases    []phase
	byCat     []int32   // (months+1) × Categories: changes in the month-end counts
	byBand    []int32   // (months+1) × Bands
	fullMonth []int32   // (months+1) × Categories: changes in the children there all month
	partMonth []float64 // months × Categories: parts of months spent there
	entries   []int32
	exits     []int32 // months × exitKinds

	uasc        []int32 // months + 1: changes in the month-end count of unaccompanied asylum-seeking children
	uascEntries []int32
}

func newWorld(cal *projectionMonths) *world {
	months := len(cal.ends)
	w := &world{
		cal:       cal,
		months:    months,
		byCat:     make([]int32, (months+1)*Categories),
		byBand:    make([]int32, (months+1)*Bands),
		fullMonth: make([]int32, (months+1)*Categories),
		partMonth: make([]float64, months*Categories),
		entries:   make([]int32, months),
		exits:     make([]int32, months*exitKinds),

		uasc:        make([]int32, months+1),
		uascEntries: make([]int32, months),
	}
	w.rand = rand.New(&w.stream)
	return w
}

func (w *world) reset() {
	clear(w.byCat)
	clear(w.byBand)
	clear(w.fullMonth)
	clear(w.partMonth)
	clear(w.entries)
	clear(w.exits)
	clear(w.uasc)
	clear(w.uascEntries)
}

// phaseAt returns the phase of month m.
func (w *world) phaseAt(m int) int {
	p := 0
	for p+1 < len(w.phases) && w.phases[p+1].start <= m {
		p++
	}
	return p
}

// follow takes child k from time t (in months since the start) to the
// day they leave care or the projection ends, drawing their moves and
// exit from their own stream, w.stream.
func (w *world) follow(k *simChild, t float64) {
	end := float64(w.months)
	leave := float64(k.adult) + 0.5 // mid-month of the 18th birthday
	if leave < t {
		leave = t
	}
	catFrom, bandFrom := t, t
	p := w.phaseAt(int(t))
	tb, phaseEnd := w.phaseTable(p, k.uasc)
	bandAt, pieceAt := int(k.nextBand), int(k.nextPiece)
	if int(k.band)+1 >= Bands {
		bandAt = math.MaxInt32 // the last band ends at 18
	}
	state := stateOf(Band(k.band), Duration(k.piece), Category(k.category))
	budget := w.rand.ExpFloat64()
	for {
		// the next whole month at which the child's hazard may change
		next := float64(min(w.months, pieceAt, bandAt, phaseEnd))
		if leave < next {
			next = leave
		}
		if next < t {
			next = t
		}
		h := tb.total[state]
		if h*(next-t) > budget {
			at := t + budget/h
			d := tb.pick(state, w.stream.uniform())
			w.stay(int(k.category), catFrom, at)
			if d >= Categories {
				w.band(k, bandFrom, at)
				w.exit(at, d-Categories)
				return
			}
			state += d - int(k.category)
			k.category, catFrom, t = uint8(d), at, at
			budget = w.rand.ExpFloat64()
			continue
		}
		budget -= h * (next - t)
		t = next
		if t >= end || t >= leave {
			w.stay(int(k.category), catFrom, t)
			w.band(k, bandFrom, t)
			if t < end {
				w.exit(t, int(ExitAgedOut))
			}
			return
		}
		m := int(t)
		if bandAt <= m {
			w.band(k, bandFrom, t)
			bandFrom = t
			k.band++
			state += Durations * Categories
			k.nextBand = clampMonth(w.cal.birthdayMonth(k, nextBandAge(Band(k.band))))
			bandAt = int(k.nextBand)
			if int(k.band)+1 >= Bands {
				bandAt = math.MaxInt32
			}
		}
		if pieceAt <= m {
			k.piece++
			state += Categories
			k.nextPiece = w.cal.pieceMonth(k)
			pieceAt = int(k.nextPiece)
		}
		for phaseEnd <= m {
			p++
			tb, phaseEnd = w.phaseTable(p, k.uasc)
		}
	}
}

// table returns a table of rates not in use in this simulation.
func (w *world) table() *table {
	if w.spare == len(w.tables) {
		w.tables = append(w.tables, new(table))
	}
	w.spare++
	return w.tables[w.spare-1]
}

// phaseTable returns the rates of phase p for a child of the UASC stream or
// not, and the month the next phase starts.
func (w *world) phaseTable(p int, uasc bool) (*table, int) {
	next := math.MaxInt32
	if p+1 < len(w.phases) {
		next = w.phases[p+1].start
	}
	if uasc {
		return w.phases[p].uasc, next
	}
	return w.phases[p].table, next
}

// stay counts a child in category c from time a to time b: at every
// month end in between, and for the parts of months spent there.
func (w *world) stay(c int, a, b float64) {
	fa, fb := int(a), min(int(b), w.months)
	w.byCat[fa*Categories+c]++
	w.byCat[fb*Categories+c]--
	if fa == fb {
		if fa < w.months {
			w.partMonth[fa*Categories+c] += b - a
		}
		return
	}
	w.partMonth[fa*Categories+c] += float64(fa+1) - a
	w.fullMonth[(fa+1)*Categories+c]++
	w.fullMonth[fb*Categories+c]--
	if fb < w.months {
		w.partMonth[fb*Categories+c] += b - float64(fb)
	}
}

// band counts child k in their band at every month end from time a to
// time to, and as an unaccompanied asylum-seeking child when they are one.
func (w *world) band(k *simChild, a, to float64) {
	from, until := int(a), min(int(to), w.months)
	w.byBand[from*Bands+int(k.band)]++
	w.byBand[until*Bands+int(k.band)]--
	if k.uasc {
		w.uasc[from]++
		w.uasc[until]--
	}
}

func (w *world) exit(at float64, kind int) {
	w.exits[min(int(at), w.months-1)*exitKinds+kind]++
}

// write adds up the changes into simulation s's month-end counts and
// child-months.
func (w *world) write(s int, out *outputs) {
	var cats, full [Categories]int32
	var bands [Bands]int32
	uasc := int32(0)
	for m := range w.months {
		at := s*w.months + m
		for c := range Categories {
			cats[c] += w.byCat[m*Categories+c]
			full[c] += w.fullMonth[m*Categories+c]
			out.byCategory[at*Categories+c] = float32(cats[c])
			out.occupied[at*Categories+c] = float32(float64(full[c]) + w.partMonth[m*Categories+c])
		}
		for b := range Bands {
			bands[b] += w.byBand[m*Bands+b]
			out.byBand[at*Bands+b] = float32(bands[b])
		}
		out.entries[at] = float32(w.entries[m])
		uasc += w.uasc[m]
		out.uasc[at] = float32(uasc)
		out.uascEntries[at] = float32(w.uascEntries[m])
		for x := range exitKinds {
			out.exits[at*exitKinds+x] = float32(w.exits[m*exitKinds+x])
		}
	}
}
