package forecast

import (
	"math"

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

	// monthOf[d - firstDay] is the ordinal of day d's month, times 2, plus
	// 1 for 29 February, for the days an entrant can be born on: a table
	// is faster than working out the calendar for every entrant.
	firstDay calendar.Date
	monthOf  []int32
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
	c.firstDay = start.AddYears(-adultAge - 1)
	last := start
	if months > 0 {
		last = c.ends[months-1]
	}
	c.monthOf = make([]int32, 0, last-c.firstDay+1)
	for d := c.firstDay; d <= last; d++ {
		y, m, day := d.Civil()
		v := int32(y*12+m-1) * 2
		if m == 2 && day == 29 {
			v++
		}
		c.monthOf = append(c.monthOf, v)
	}
	return c
}

// civilMonth returns the ordinal of day d's month and whether d is 29
// February.
func (cal *projectionMonths) civilMonth(d calendar.Date) (ordinal int, leapDay bool) {
	if i := int(d - cal.firstDay); i >= 0 && i < len(cal.monthOf) {
		v := cal.monthOf[i]
		return int(v / 2), v%2 == 1
	}
	y, m, day := d.Civil()
	return y*12 + m - 1, m == 2 && day == 29
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
	uasc      bool  // an unaccompanied asylum-seeking child, at the UASC stream's rates
	leapDay   bool  // born on 29 February: birthdays fall on 1 March in other years
}

// newSimChild places a child born on dob, whose period of care began on
// began, in category c at the end of month m (-1 for the projection's
// start; a child entering in month m began in it).
func (cal *projectionMonths) newSimChild(dob, began calendar.Date, c Category, m int) simChild {
	birth, leapDay := cal.civilMonth(dob)
	k := simChild{birth: int32(birth), category: uint8(c), leapDay: leapDay}
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
	UASC     bool          // an unaccompanied asylum-seeking child
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
	uasc         []float32 // unaccompanied asylum-seeking children looked after at the month end
	uascEntries  []float32 // of the entries, unaccompanied asylum-seeking children
	hasUASC      bool      // the rates had a stream of unaccompanied asylum-seeking children
}

func newOutputs(sims, months int) *outputs {
	return &outputs{
		sims: sims, months: months,
		byCategory:  make([]float32, sims*months*Categories),
		byBand:      make([]float32, sims*months*Bands),
		occupied:    make([]float32, sims*months*Categories),
		entries:     make([]float32, sims*months),
		exits:       make([]float32, sims*months*exitKinds),
		uasc:        make([]float32, sims*months),
		uascEntries: make([]float32, sims*months),
	}
}
