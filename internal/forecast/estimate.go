package forecast

import (
	"fmt"
	"math"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// daysPerMonth is the average length of a month, so that rates are per
// month whatever the months' lengths.
const daysPerMonth = 365.2425 / 12

// Rates are what the model learns from a reference window of history:
// counts of events and the time at risk of them, from which every rate
// is events ÷ exposure.
type Rates struct {
	From, To  calendar.Date // the reference window, both days included
	Months    float64       // its length in months
	EntryFrom calendar.Date // the first day of the entries' window, which ends on To

	// PopulationBased is true when entries are per child in the
	// population (a population file was given); otherwise EntryExposure
	// is the window's length in months and entries are a number a month.
	PopulationBased bool
	Entries         [Bands]int
	EntryExposure   [Bands]float64             // child-months of the population, or months
	EntryCategory   [Bands][Categories]int     // the category each entrant started in
	entryAges       [Bands][]int32             // entrants' ages on entry, in days
	Exposure        [Bands][Categories]float64 // child-months in care
	Moves           [Bands][Categories][Categories]int
	Exits           [Bands][Categories][ExitReasons]int
	AgedOut         [Categories]int // children who left care at 18 in the window

	// The same exposure, moves and exits split by time in the current
	// period of care (Duration). The fields above are their sums over
	// the pieces, and for periods of care that began before the first
	// return (left-censored) they also hold the time and events whose
	// piece is not known: such a period's time in care is known only to
	// be at least the time since its first visible day, which is certain
	// of a piece only when it is three years or more (Months36Plus).
	// Rates built by hand without them (all zero while Exposure is not)
	// are used as if every piece had the same rates.
	DurationExposure [Bands][Durations][Categories]float64
	DurationMoves    [Bands][Durations][Categories][Categories]int
	DurationExits    [Bands][Durations][Categories][ExitReasons]int

	// EntryDispersion is how much more the window's monthly entries
	// varied than chance alone would make them (1 for no more; see
	// entryDispersion). The entry rates' range is widened by it.
	EntryDispersion float64

	// Drift is how far the rates wander from year to year (see Drift);
	// zero for none.
	Drift Drift

	Children int // children with time in care in the window
	// Censored is the child-months of left-censored periods of care in
	// the window whose piece of time in care is not known: in Exposure,
	// not in DurationExposure.
	Censored float64
	NoDOB    int // children left out: no date of birth

	entryDays []calendar.Date // the days of the entries counted in Entries

	// UASC are the rates of unaccompanied asylum-seeking children, counted
	// apart (the fields above leave them out): their arrivals follow the
	// national transfer scheme and the routes into the country, not the
	// local child population, so their entries are a number a month, and
	// they leave care by their own routes, nearly all at 18. Nil when the
	// window has none.
	UASC *Rates
}

// EstimateOptions say what to learn from.
type EstimateOptions struct {
	From, To calendar.Date // the reference window, both days included
	DataEnd  calendar.Date // the last day the data covers; open episodes run to it

	// EntryFrom starts the window of the entry rates, from a day in the
	// reference window to To; 0 (or a day outside it) for the whole
	// window. Entries follow a change in policy or practice at once,
	// while the number looked after takes years to, so a forecast counts
	// entries over the last year only (see Forecast).
	EntryFrom  calendar.Date
	Population Population // children by age band; nil for entries a month
}

// stay is one period of care as the model sees it: its placements by
// category, with their dates.
type stay struct {
	start, end calendar.Date // end is the day the child left, or the day after DataEnd while open
	open       bool
	rec        string
	segments   []segment
	// censored is true when the period may have begun before the first
	// return (journey.Period.LeftCensored): start is then only the first
	// visible day, the latest the period can have begun.
	censored bool
}

// segment is a time in one placement category; end is the first day out
// of it.
type segment struct {
	start, end calendar.Date
	category   Category
}

// stays returns the child's periods of care, other than short breaks, up
// to dataEnd, each split into times in one category. A temporary
// placement (T0-T4) takes the category of the placement before it in the
// period, or, first in its period, of the one after it; a period of
// temporary placements only is SecureOther.
func stays(c *journey.Child, dataEnd calendar.Date) []stay {
	var out []stay
	for i := range c.Periods {
		p := &c.Periods[i]
		if p.ShortBreak || p.Start > dataEnd {
			continue
		}
		s := stay{start: p.Start, end: p.End, open: p.Open, rec: p.EndReason, censored: p.LeftCensored}
		if p.Open || p.End > dataEnd { // leaving after the data ends is not known yet
			s.end, s.open, s.rec = dataEnd+1, true, ""
		}
		if s.end <= s.start {
			continue
		}
		cats := episodeCategories(p.Episodes)
		for j := range p.Episodes {
			e := &p.Episodes[j]
			from, to := e.Start, e.End
			if e.Open || to > s.end {
				to = s.end
			}
			if j+1 < len(p.Episodes) && p.Episodes[j+1].Start < to {
				to = p.Episodes[j+1].Start
			}
			if from < s.start {
				from = s.start
			}
			if to <= from {
				continue
			}
			if n := len(s.segments); n > 0 && s.segments[n-1].category == cats[j] {
				s.segments[n-1].end = to
				continue
			}
			s.segments = append(s.segments, segment{from, to, cats[j]})
		}
		if len(s.segments) == 0 {
			continue
		}
		// gaps between episodes are counted in the placement before them
		for j := 0; j+1 < len(s.segments); j++ {
			s.segments[j].end = s.segments[j+1].start
		}
		s.segments[0].start = s.start
		s.segments[len(s.segments)-1].end = s.end
		out = append(out, s)
	}
	return out
}

// episodeCategories returns the category of each episode of a period,
// temporary placements taking their neighbour's.
func episodeCategories(eps []journey.Episode) []Category {
	cats := make([]Category, len(eps))
	known := make([]bool, len(eps))
	for i := range eps {
		cats[i], known[i] = CategoryOf(eps[i].Place, eps[i].Provider)
	}
	for i := range eps {
		if known[i] {
			continue
		}
		cats[i] = SecureOther
		if i > 0 && known[i-1] {
			cats[i], known[i] = cats[i-1], true
			continue
		}
		for j := i + 1; j < len(eps); j++ {
			if known[j] {
				cats[i] = cats[j]
				break
			}
		}
	}
	return cats
}

// Estimate counts, over the reference window, the time children spent in
// each state (age band × category), their moves between categories, their
// exits by reason and the entries to care by age band. Leaving care within
// a week of the 18th birthday, or staying past it, is ageing out: the
// model makes every child leave on the 18th birthday, so it is not a rate.
// Children without a date of birth are counted in NoDOB and left out.
func Estimate(set *journey.Set, opts EstimateOptions) (*Rates, error) {
	if opts.To < opts.From {
		return nil, fmt.Errorf("the reference window ends (%s) before it starts (%s)", opts.To, opts.From)
	}
	if opts.DataEnd < opts.To {
		return nil, fmt.Errorf("the reference window ends (%s) after the data does (%s)", opts.To, opts.DataEnd)
	}
	r, uasc := newRates(opts), newRates(opts)
	r.entryExposure(opts.Population)
	uasc.entryExposure(nil)
	starts := make([]calendar.Date, 0, 256)
	var uascStarts []calendar.Date
	for _, c := range set.Children {
		if c.UASC {
			uascStarts = uasc.addChild(c, opts, uascStarts)
			continue
		}
		starts = r.addChild(c, opts, starts)
	}
	r.EntryDispersion = entryDispersion(starts, r.From, r.To)
	if uasc.Children > 0 || len(uascStarts) > 0 || uasc.NoDOB > 0 {
		uasc.EntryDispersion = entryDispersion(uascStarts, r.From, r.To)
		r.UASC = uasc
	}
	return r, nil
}

// newRates returns empty rates for the window of opts.
func newRates(opts EstimateOptions) *Rates {
	r := &Rates{From: opts.From, To: opts.To, Months: float64(opts.To-opts.From+1) / daysPerMonth, EntryFrom: opts.From}
	if opts.EntryFrom > opts.From && opts.EntryFrom <= opts.To {
		r.EntryFrom = opts.EntryFrom
	}
	return r
}

// entryDispersion measures how much more the number of entries varies
// from month to month than chance alone would make it: the sum over the
// whole months from from to to of (entries − expected)² ÷ expected,
// divided by the months less one, where the expected number is the
// window's entries shared out by the months' days. Chance alone (a
// Poisson process) gives about 1; siblings coming into care together, or
// a change in the rate during the window, give more. It is 1 with fewer
// than six months or no entries, and never less than 1.
func entryDispersion(starts []calendar.Date, from, to calendar.Date) float64 {
	first := ordinal(from)
	if from.Day() != 1 {
		first++
	}
	last := ordinal(to)
	if to != to.MonthEnd() {
		last--
	}
	months := last - first + 1
	if months < 6 {
		return 1
	}
	counts := make([]float64, months)
	days := make([]float64, months)
	n, total := 0.0, 0.0
	for i := range counts {
		o := first + i
		start := calendar.NewDate(o/12, o%12+1, 1)
		days[i] = float64(start.MonthEnd()-start) + 1
		total += days[i]
	}
	for _, d := range starts {
		if i := ordinal(d) - first; i >= 0 && i < months {
			counts[i]++
			n++
		}
	}
	if n == 0 {
		return 1
	}
	chi := 0.0
	for i, c := range counts {
		want := n * days[i] / total
		chi += (c - want) * (c - want) / want
	}
	return max(1, chi/float64(months-1))
}

// byDuration reports whether the rates were counted by time in care.
func (r *Rates) byDuration() bool {
	for b := range r.DurationExposure {
		for k := range r.DurationExposure[b] {
			for _, x := range r.DurationExposure[b][k] {
				if x > 0 {
					return true
				}
			}
		}
	}
	return false
}

// entryExposure sets the denominators of the entry rates: child-months
// of the population in each band, or the window's months.
func (r *Rates) entryExposure(pop Population) {
	if len(pop) == 0 {
		for b := range r.EntryExposure {
			r.EntryExposure[b] = float64(r.To-r.EntryFrom+1) / daysPerMonth
		}
		return
	}
	r.PopulationBased = true
	for d := r.EntryFrom; d <= r.To; d++ {
		counts := pop.On(d)
		for b := range counts {
			r.EntryExposure[b] += counts[b] / daysPerMonth
		}
	}
}

// addChild adds one child's time, moves, exits and entries in the window,
// and appends the days the child entered care in it to starts.
func (r *Rates) addChild(c *journey.Child, opts EstimateOptions, starts []calendar.Date) []calendar.Date {
	ss := stays(c, opts.DataEnd)
	if len(ss) == 0 {
		return starts
	}
	if !c.HasDOB {
		r.NoDOB++
		return starts
	}
	from, to := opts.From, opts.To+1 // half-open
	adult := c.DOB.AddYears(adultAge)
	counted := false
	for _, s := range ss {
		if s.start >= adult {
			continue
		}
		if s.start >= from && s.start < to {
			b := BandOf(calendar.AgeOn(c.DOB, s.start))
			if s.start >= r.EntryFrom {
				r.Entries[b]++
				r.entryDays = append(r.entryDays, s.start)
			}
			starts = append(starts, s.start)
			// the category and age of entrants from the whole window: more of them
			r.EntryCategory[b][s.segments[0].category]++
			r.entryAges[b] = append(r.entryAges[b], int32(s.start-c.DOB))
		}
		for i, seg := range s.segments {
			if r.addExposure(c.DOB, &s, seg, from, min(to, adult)) {
				counted = true
			}
			if i+1 < len(s.segments) {
				d := s.segments[i+1].start
				if d-1 >= from && d-1 < to && d < adult {
					b, k := BandOf(calendar.AgeOn(c.DOB, d-1)), DurationOf(s.start, d-1)
					next := s.segments[i+1].category
					r.Moves[b][seg.category][next]++
					if s.pieceKnown(k) {
						r.DurationMoves[b][k][seg.category][next]++
					}
				}
			}
		}
		last := s.segments[len(s.segments)-1].category
		switch {
		case s.open && s.end < adult:
			// still looked after when the data ends
		case s.end >= adult-ageingOutSlack:
			// left at (or recorded past) 18: ageing out, when the window saw it
			if a := min(s.end, adult); a-1 >= from && a-1 < to {
				r.AgedOut[last]++
			}
		case !s.open && s.end-1 >= from && s.end-1 < to:
			b, k, e := BandOf(calendar.AgeOn(c.DOB, s.end-1)), DurationOf(s.start, s.end-1), ExitOf(s.rec)
			r.Exits[b][last][e]++
			if s.pieceKnown(k) {
				r.DurationExits[b][k][last][e]++
			}
		}
	}
	if counted {
		r.Children++
	}
	return starts
}

// pieceKnown reports whether piece k, worked out from the stay's start,
// is the true piece of time in care: always, but for a left-censored
// stay, whose true time in care may be longer, unless k is the last.
func (s *stay) pieceKnown(k Duration) bool {
	return !s.censored || k == Months36Plus
}

// addExposure adds the days of seg between from and to (half-open) to the
// exposure of its category, split at the birthdays that change band and
// at the days that change the time in the period of care s. It reports
// whether any day was added.
func (r *Rates) addExposure(dob calendar.Date, s *stay, seg segment, from, to calendar.Date) bool {
	began := s.start
	start, end := max(seg.start, from), min(seg.end, to)
	if end <= start {
		return false
	}
	for start < end {
		b, k := BandOf(calendar.AgeOn(dob, start)), DurationOf(began, start)
		stop := min(end, nextBirthday(dob, b), pieceEnd(began, k))
		months := float64(stop-start) / daysPerMonth
		r.Exposure[b][seg.category] += months
		if s.pieceKnown(k) {
			r.DurationExposure[b][k][seg.category] += months
		} else {
			r.Censored += months
		}
		start = stop
	}
	return true
}

// EntryRate returns the entry rate of band b: entries a month per child in
// the population (or a month, without a population), and its standard
// error, √events ÷ exposure.
func (r *Rates) EntryRate(b Band) (rate, se float64) {
	return ratio(float64(r.Entries[b]), r.EntryExposure[b])
}

// MoveRate returns the monthly rate of moves from category from to
// category to for children in band b, and its standard error.
func (r *Rates) MoveRate(b Band, from, to Category) (rate, se float64) {
	return ratio(float64(r.Moves[b][from][to]), r.Exposure[b][from])
}

// ExitRate returns the monthly rate of leaving care for reason e from
// category c in band b, and its standard error.
func (r *Rates) ExitRate(b Band, c Category, e Exit) (rate, se float64) {
	return ratio(float64(r.Exits[b][c][e]), r.Exposure[b][c])
}

// ExitRateByDuration returns the monthly rate of leaving care for reason
// e from category c in band b, in piece k of time in care, and its
// standard error.
func (r *Rates) ExitRateByDuration(b Band, k Duration, c Category, e Exit) (rate, se float64) {
	return ratio(float64(r.DurationExits[b][k][c][e]), r.DurationExposure[b][k][c])
}

// ratio is events ÷ exposure with its Poisson standard error; both 0 when
// there is no exposure.
func ratio(events, exposure float64) (rate, se float64) {
	if exposure <= 0 {
		return 0, 0
	}
	return events / exposure, math.Sqrt(events) / exposure
}

// RateRow is one rate for tables and JSON.
type RateRow struct {
	Stream   string  `json:"stream,omitempty"` // uasc for unaccompanied asylum-seeking children's rates
	Kind     string  `json:"kind"`             // entry, move or exit; move_duration or exit_duration by time in care
	Band     string  `json:"band"`
	Duration string  `json:"duration,omitempty"` // the piece of time in care (Duration.Key), for move_duration and exit_duration
	From     string  `json:"from,omitempty"`     // the category, for moves and exits
	To       string  `json:"to,omitempty"`       // the category moved to, or the exit reason
	Events   int     `json:"events"`
	Exposure float64 `json:"exposure"` // child-months (or months, for entries without a population)
	Rate     float64 `json:"rate"`     // a month
	SE       float64 `json:"se"`
}

// Table lists the rates: entries by band, then every move and exit with
// at least one event, by band and category over all times in care, then
// the same by piece of time in care (kinds move_duration and
// exit_duration), which are the rates the simulation uses; then the same
// for unaccompanied asylum-seeking children, with stream uasc.
func (r *Rates) Table() []RateRow {
	out := r.rows()
	if r.UASC != nil {
		for _, row := range r.UASC.rows() {
			row.Stream = "uasc"
			out = append(out, row)
		}
	}
	return out
}

// rows lists one stream's rates.
func (r *Rates) rows() []RateRow {
	var out []RateRow
	for b := range Band(Bands) {
		rate, se := r.EntryRate(b)
		out = append(out, RateRow{Kind: "entry", Band: b.Key(), Events: r.Entries[b], Exposure: r.EntryExposure[b], Rate: rate, SE: se})
	}
	for b := range Band(Bands) {
		for c := range Category(Categories) {
			for d := range Category(Categories) {
				if n := r.Moves[b][c][d]; n > 0 {
					rate, se := r.MoveRate(b, c, d)
					out = append(out, RateRow{Kind: "move", Band: b.Key(), From: c.Key(), To: d.Key(), Events: n, Exposure: r.Exposure[b][c], Rate: rate, SE: se})
				}
			}
			for e := range Exit(ExitReasons) {
				if n := r.Exits[b][c][e]; n > 0 {
					rate, se := r.ExitRate(b, c, e)
					out = append(out, RateRow{Kind: "exit", Band: b.Key(), From: c.Key(), To: e.Key(), Events: n, Exposure: r.Exposure[b][c], Rate: rate, SE: se})
				}
			}
		}
	}
	for b := range Band(Bands) {
		for k := range Duration(Durations) {
			for c := range Category(Categories) {
				x := r.DurationExposure[b][k][c]
				for d := range Category(Categories) {
					if n := r.DurationMoves[b][k][c][d]; n > 0 {
						rate, se := ratio(float64(n), x)
						out = append(out, RateRow{Kind: "move_duration", Band: b.Key(), Duration: k.Key(), From: c.Key(), To: d.Key(), Events: n, Exposure: x, Rate: rate, SE: se})
					}
				}
				for e := range Exit(ExitReasons) {
					if n := r.DurationExits[b][k][c][e]; n > 0 {
						rate, se := r.ExitRateByDuration(b, k, c, e)
						out = append(out, RateRow{Kind: "exit_duration", Band: b.Key(), Duration: k.Key(), From: c.Key(), To: e.Key(), Events: n, Exposure: x, Rate: rate, SE: se})
					}
				}
			}
		}
	}
	return out
}
