package synth

import (
	"strconv"

	"github.com/village-uk/village/calendar"
)

// shortBreakIndex offsets the indices of children on short breaks so
// their random streams and IDs never meet those of other children.
const shortBreakIndex = 1 << 30

// shortBreakChildren simulates disabled children on an agreed series of
// short breaks (LS V3): a night to three nights in the authority's short
// break unit every few weeks, each break its own period of care. They are
// not counted as looked after in the measures.
func (s *sim) shortBreakChildren() []*child {
	r := newRNG(s.seed, streamShortBreak, 0)
	const meanYears = 3.5
	perDay := float64(s.children) * shortBreakPer1000 / 1000 / (meanYears * 365.25)
	from := addYears(s.first.Start(), -6)
	var out []*child
	n := 0
	each := newRNG(s.seed, streamShortBreak, 0)
	for d := from; d < s.horizon; d++ {
		for range r.poisson(perDay) {
			n++
			if c := s.shortBreakChild(n, d, each); c != nil {
				out = append(out, c)
			}
		}
	}
	return out
}

// shortBreakChild makes one child whose short breaks start on day d.
func (s *sim) shortBreakChild(i int, d calendar.Date, r *rng) *child {
	r.reseed(s.seed, streamShortBreak, uint64(i+1))
	age := r.between(5, 15)
	c := &child{index: shortBreakIndex + i, male: r.chance(shortBreakMale)}
	c.dob = d - calendar.Date(age*365+r.IntN(365))
	last := min(addYears(d, r.between(1, 6)), addYears(c.dob, 18)-7, s.horizon-1)
	for t := d; t < last; t += calendar.Date(r.between(21, 56)) {
		nights := calendar.Date(r.between(1, 3))
		p := &period{start: t, end: t + nights, rec: "E4A", cin: "N2", shortBreak: true, home: -1, prevPerm: "Z1"}
		p.episodes = []episode{{start: t, end: t + nights, rne: "S", ls: "V3", place: "K2", rec: "E4A", carer: s.respite}}
		c.periods = append(c.periods, p)
	}
	if len(c.periods) == 0 || c.lastEnd() < s.keepFrom {
		return nil
	}
	s.describe(c, r)
	c.id = strconv.Itoa(900000000 + i*3 + r.IntN(3))
	return c
}
