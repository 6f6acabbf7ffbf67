package forecast

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/village-uk/village/calendar"
)

// projectionMonths is the projection's months: month m runs from starts[m] to
// ends[m], both days included, and month 0 is the month after start.
type projectionMonths struct {
	start  calendar.Date // the last day of the data used: a month end
	starts []calendar.Date
	ends   []calendar.Date
	days   []int
	first  int // the ordinal (year × 12 + month - 1) of month 0
}

func newCalendar(start calendar.Date, months int) *projectionMonths {
	c := &projectionMonths{start: start, first: ordinal(start) + 1}
	for m := range months {
		y, mo := (c.first+m)/12, (c.first+m)%12+1
		from := calendar.NewDate(y, mo, 1)
		to := calendar.NewDate(y, mo+1, 1) - 1
		if mo == 12 {
			to = calendar.NewDate(y+1, 1, 1) - 1
		}
		c.starts = append(c.starts, from)
		c.ends = append(c.ends, to)
		c.days = append(c.days, int(to-from)+1)
	}
	return c
}

// ordinal numbers calendar months: year × 12 + month - 1.
func ordinal(d calendar.Date) int {
	y, m, _ := d.Civil()
	return y*12 + m - 1
}

// month returns the index of the month containing day d (negative before
// the projection, past the end after it).
func (c *projectionMonths) month(d calendar.Date) int { return ordinal(d) - c.first }

// simChild is a child in a simulation, small so that a thousand fit in a
// few cache pages. Dates are months: the birth month's ordinal and the
// projection months of the birthdays that matter.
type simChild struct {
	birth     int32 // ordinal of the month of birth
	began     int32 // ordinal of the month the period of care began
	nextBand  int16 // the month in which the child moves to the next band
	adult     int16 // the month in which the child turns 18 and leaves
	nextPiece int16 // the month in which the child moves to the next piece of time in care
	band      uint8
	category  uint8
	piece     uint8 // Duration
	lateStart bool  // the period began after the 15th of its month
	leapDay   bool  // born on 29 February: birthdays fall on 1 March in other years
}

// newSimChild places a child born on dob, whose period of care began on
// began, in category c at the end of month m (-1 for the projection's
// start; a child entering in month m began in it).
func (cal *projectionMonths) newSimChild(dob, began calendar.Date, c Category, m int) simChild {
	y, mo, d := dob.Civil()
	k := simChild{birth: int32(y*12 + mo - 1), category: uint8(c), leapDay: mo == 2 && d == 29}
	age := cal.ageAt(&k, m)
	k.band = uint8(BandOf(age))
	k.nextBand = clampMonth(cal.birthdayMonth(&k, nextBandAge(Band(k.band))))
	k.adult = clampMonth(cal.birthdayMonth(&k, adultAge))
	if m >= 0 && began >= cal.starts[m] && began <= cal.ends[m] {
		k.began, k.lateStart = int32(cal.first+m), began-cal.starts[m] >= 15
	} else {
		y, mo, d := began.Civil()
		k.began, k.lateStart = int32(y*12+mo-1), d > 15
		k.piece = uint8(DurationOf(began, max(began, cal.start)))
	}
	k.nextPiece = cal.pieceMonth(&k)
	return k
}

// pieceMonth returns the month from which the child is in the next piece
// of time in care: the month of the day the piece ends (as many calendar
// months after the period began as the next piece's first month), or the
// month after it when the period began after the 15th, so that on
// average a piece lasts as long in the simulation as in the data.
func (cal *projectionMonths) pieceMonth(k *simChild) int16 {
	if int(k.piece)+1 >= Durations {
		return math.MaxInt16
	}
	m := int(k.began) + durationInfo[k.piece+1].From - cal.first
	if k.lateStart {
		m++
	}
	return clampMonth(m)
}

// nextBandAge is the age at which a child leaves band b.
func nextBandAge(b Band) int {
	if int(b)+1 < Bands {
		return bandInfo[b+1].From
	}
	return adultAge
}

// birthdayMonth returns the projection month of the child's birthday at
// the given age.
func (cal *projectionMonths) birthdayMonth(k *simChild, age int) int {
	o := int(k.birth) + 12*age
	if k.leapDay && !leap(o/12) {
		o++ // 1 March
	}
	return o - cal.first
}

// ageAt returns the child's age in whole years on the last day of month
// m: every birthday in a month falls on or before its last day, but for
// 29 February in other years, kept on 1 March.
func (cal *projectionMonths) ageAt(k *simChild, m int) int {
	months := cal.first + m - int(k.birth)
	age := months / 12
	if k.leapDay && months%12 == 0 && !leap((cal.first+m)/12) {
		age--
	}
	return age
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func clampMonth(m int) int16 {
	return int16(max(-1, min(m, math.MaxInt16)))
}

// Starter is a child looked after when the projection starts.
type Starter struct {
	DOB      calendar.Date
	Category Category
	Began    calendar.Date // the day the current period of care started
}

// outputs holds every simulation's monthly figures, flat: simulation,
// then month, then the category, band or exit.
type outputs struct {
	sims, months int
	byCategory   []float32 // children looked after at the month end
	byBand       []float32
	occupied     []float32 // child-months spent in each category during the month
	entries      []float32 // children entering care in the month
	exits        []float32 // children leaving, by exit kind
}

func newOutputs(sims, months int) *outputs {
	return &outputs{
		sims: sims, months: months,
		byCategory: make([]float32, sims*months*Categories),
		byBand:     make([]float32, sims*months*Bands),
		occupied:   make([]float32, sims*months*Categories),
		entries:    make([]float32, sims*months),
		exits:      make([]float32, sims*months*exitKinds),
	}
}

// engine runs the simulations of one projection.
type engine struct {
	rates    *Rates
	cal      *projectionMonths
	stock    []Starter
	pop      [][Bands]float64 // population in each month; nil when entries are a number a month
	seed     uint64
	scenario *Scenario // nil for the baseline
	from     int       // the month the scenario starts
	starters []simChild
}

// run simulates sims times on workers goroutines (GOMAXPROCS when 0).
func (e *engine) run(sims, workers int) *outputs {
	out := newOutputs(sims, len(e.cal.ends))
	e.starters = e.starters[:0]
	for _, st := range e.stock {
		e.starters = append(e.starters, e.cal.newSimChild(st.DOB, st.Began, st.Category, -1))
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
			kids := make([]simChild, 0, 2*len(e.stock)+64)
			for {
				s := int(next.Add(1) - 1)
				if s >= sims {
					return
				}
				kids = e.simulate(s, out, kids[:0])
			}
		}()
	}
	wg.Wait()
	return out
}

// simulate runs simulation s: it draws the rates, then steps the children
// month by month. kids is scratch space, returned for reuse.
func (e *engine) simulate(s int, out *outputs, kids []simChild) []simChild {
	r := newRNG(e.seed, s)
	base := drawTable(e.rates, r)
	tables := [2]*table{base, base}
	if e.scenario != nil {
		tables[1] = e.scenario.apply(base)
	}
	kids = append(kids, e.starters...)
	months := len(e.cal.ends)
	for m := range months {
		t := tables[0]
		if e.scenario != nil && m >= e.from {
			t = tables[1]
		}
		at := (s*months + m)
		cats := out.byCategory[at*Categories : (at+1)*Categories]
		bands := out.byBand[at*Bands : (at+1)*Bands]
		occ := out.occupied[at*Categories : (at+1)*Categories]
		exits := out.exits[at*exitKinds : (at+1)*exitKinds]
		for i := len(kids) - 1; i >= 0; i-- {
			k := &kids[i]
			if int(k.adult) <= m {
				occ[k.category] += 0.5
				exits[ExitAgedOut]++
				kids[i] = kids[len(kids)-1]
				kids = kids[:len(kids)-1]
				continue
			}
			if int(k.nextBand) <= m {
				k.band++
				k.nextBand = clampMonth(e.cal.birthdayMonth(k, nextBandAge(Band(k.band))))
			}
			if int(k.nextPiece) <= m {
				k.piece++
				k.nextPiece = e.cal.pieceMonth(k)
			}
			if !step(r, t, k, 1, true, occ, exits) {
				kids[i] = kids[len(kids)-1]
				kids = kids[:len(kids)-1]
				continue
			}
			cats[k.category]++
			bands[k.band]++
		}
		kids = e.enter(r, t, m, kids, cats, bands, occ, exits, &out.entries[at])
	}
	return kids
}

// enter adds month m's entrants: a Poisson number in each band, each with
// a category and an age drawn from the reference window's entrants, on a
// day of the month drawn at random, at risk of moving or leaving for the
// rest of the month.
func (e *engine) enter(r *rng, t *table, m int, kids []simChild, cats, bands, occ, exits []float32, entered *float32) []simChild {
	cal := e.cal
	days := cal.days[m]
	for b := range Band(Bands) {
		lambda := t.entry[b] * float64(days) / daysPerMonth
		if e.pop != nil {
			lambda *= e.pop[m][b]
		}
		n := r.poisson(lambda)
		*entered += float32(n)
		ages := e.rates.entryAges[b]
		for range n {
			v := r.uniform()
			c := Category(0)
			for c < Category(Categories-1) && v >= t.entryCum[b][c] {
				c++
			}
			var age int
			if len(ages) > 0 {
				age = int(ages[r.intN(len(ages))])
			} else { // no entrant in the window: any age in the band
				from := bandInfo[b].From * 365
				to := adultAge * 365
				if int(b)+1 < Bands {
					to = bandInfo[b+1].From * 365
				}
				age = from + r.intN(to-from)
			}
			day := cal.starts[m] + calendar.Date(r.intN(days))
			k := cal.newSimChild(day-calendar.Date(age), day, c, m)
			share := float64(cal.ends[m]-day+1) / float64(days) // of the month left
			if int(k.adult) <= m {
				occ[c] += float32(share / 2)
				exits[ExitAgedOut]++
				continue
			}
			if !step(r, t, &k, share, true, occ, exits) {
				continue
			}
			cats[k.category]++
			bands[k.band]++
			kids = append(kids, k)
		}
	}
	return kids
}

// step takes child k through share of a month (1 for a whole month) at
// the hazards of table t: the child may move or leave. After a move, the
// child spends the rest of the time, half of it on average, in the new
// category, where with again it may move or leave once more, so that a
// move does not shelter a child from leaving in the same month. It adds
// the child-months spent in each category to occ, counts an exit in
// exits, and reports whether the child is still looked after.
func step(r *rng, t *table, k *simChild, share float64, again bool, occ, exits []float32) bool {
	state := stateOf(Band(k.band), Duration(k.piece), Category(k.category))
	var p float64
	switch share {
	case 1:
		p = t.pEvent[state]
	case 0.5:
		p = t.pHalf[state]
	default:
		p = -math.Expm1(-t.total[state] * share)
	}
	u := r.uniform()
	if u >= p {
		occ[k.category] += float32(share)
		return true
	}
	d := t.pick(state, u/p)
	occ[k.category] += float32(share / 2)
	if d >= Categories {
		exits[d-Categories]++
		return false
	}
	k.category = uint8(d)
	if !again {
		occ[d] += float32(share / 2)
		return true
	}
	return step(r, t, k, share/2, false, occ, exits)
}
