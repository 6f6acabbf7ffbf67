package indicators

import (
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/earlyhelp"
	lac "github.com/village-uk/village/internal/indicators"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// yearSessions returns the sessions of the collection year's programmes:
// those of the calendar year it begins in.
func yearSessions(in *Input) []earlyhelp.Session {
	var out []earlyhelp.Session
	for _, s := range in.Data.Sessions {
		if s.Year == in.Year.Start().Year() {
			out = append(out, s)
		}
	}
	return out
}

func attenders(in *Input, match func(earlyhelp.Session) bool) Figure {
	var ids []string
	for _, s := range yearSessions(in) {
		if match(s) {
			ids = append(ids, s.Person)
		}
	}
	return count(ids)
}

func fsmReach(in *Input) Figure {
	f := attenders(in, func(s earlyhelp.Session) bool { return s.FSM })
	f.Value.Value, f.Value.Known = 0, false
	if in.FSMPupils <= 0 {
		f.Note = "Village does not hold the number of pupils eligible for free school meals: give it with --fsm-pupils"
		return f
	}
	f.Value.Denominator, f.Value.Known = in.FSMPupils, true
	f.Value.Value = 100 * float64(f.Value.Numerator) / float64(in.FSMPupils)
	return f
}

func sessionsPerChild(in *Input) Figure {
	ss := yearSessions(in)
	kids := attenders(in, func(earlyhelp.Session) bool { return true })
	f := Figure{Value: lac.Value{Numerator: len(ss), Denominator: kids.Value.Numerator, Children: kids.Value.Children}}
	if f.Value.Denominator > 0 {
		f.Value.Known = true
		f.Value.Value = float64(len(ss)) / float64(f.Value.Denominator)
	}
	return f
}

// programme is one holiday's programme: its children and its last day.
type programme struct {
	name     string
	year     int
	last     calendar.Date
	children map[string]bool
}

// programmes gathers every programme in the data, in the order they ran.
func programmes(d *earlyhelp.Data) []*programme {
	byKey := map[string]*programme{}
	var out []*programme
	for _, s := range d.Sessions {
		k := s.Programme + strconv.Itoa(s.Year)
		p := byKey[k]
		if p == nil {
			p = &programme{name: s.Programme, year: s.Year, children: map[string]bool{}}
			byKey[k] = p
			out = append(out, p)
		}
		p.last = max(p.last, s.Date)
		p.children[s.Person] = true
	}
	slices.SortFunc(out, func(a, b *programme) int { return a.year*10 + order(a.name) - b.year*10 - order(b.name) })
	return out
}

// order is a programme's place in its calendar year.
func order(name string) int {
	for i, p := range eh.Programmes {
		if p.Code == name {
			return i
		}
	}
	return len(eh.Programmes)
}

// next is the programme after p: the next in its year, or the next year's
// Easter.
func next(p *programme) (string, int) {
	i := order(p.name)
	if i+1 < len(eh.Programmes) {
		return eh.Programmes[i+1].Code, p.year
	}
	return eh.Programmes[0].Code, p.year + 1
}

func reattended(in *Input) Figure {
	all := programmes(in.Data)
	var num, den []string
	left := 0
	for _, p := range all {
		if p.year != in.Year.Start().Year() {
			continue
		}
		name, year := next(p)
		i := slices.IndexFunc(all, func(q *programme) bool { return q.name == name && q.year == year })
		for child := range p.children {
			if i < 0 {
				left++
				continue
			}
			den = append(den, child)
			if all[i].children[child] {
				num = append(num, child)
			}
		}
	}
	f := share(num, den, left)
	if left > 0 {
		f.Note = strconv.Itoa(left) + " left out: the next programme is not in the files loaded"
	}
	return f
}

func remainedConnected(in *Input) Figure {
	d := in.Data
	covered := d.Last.End() // the files loaded reach this day
	var num, den []string
	left := 0
	for _, p := range programmes(d) {
		if p.year != in.Year.Start().Year() {
			continue
		}
		to := p.last.AddMonths(6)
		for child := range p.children {
			if to > covered {
				left++
				continue
			}
			den = append(den, child)
			if connected(d, child, p.last, to) {
				num = append(num, child)
			}
		}
	}
	f := share(num, den, left)
	switch {
	case left > 0 && !d.Linked:
		f.Note = strconv.Itoa(left) + " left out: their 6 months are not covered by the files loaded; the CIN census is not counted: " + notLinked
	case left > 0:
		f.Note = strconv.Itoa(left) + " left out: their 6 months are not covered by the files loaded"
	case !d.Linked:
		f.Note = "the CIN census is not counted: " + notLinked
	}
	return f
}

// connected reports whether the person was seen by early help, the CIN
// census or HAF on a day after from and up to to.
func connected(d *earlyhelp.Data, person string, from, to calendar.Date) bool {
	for _, e := range d.EpisodesOf(person) {
		if e.Start <= to && (e.Open || e.End > from) {
			return true
		}
	}
	for _, c := range d.CIN(person) {
		for _, r := range c.Referrals {
			if r.Start <= to && (r.Open || r.End > from) && !r.NFA {
				return true
			}
		}
	}
	for _, s := range d.SessionsOf(person) {
		if s.Date > from && s.Date <= to {
			return true
		}
	}
	return false
}
