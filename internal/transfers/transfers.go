// Package transfers follows children whose care one authority of a region
// took over from another, across the members' SSDA903 returns.
//
// A member's episode ceasing with REC E3 ("care taken over by another LA
// in the UK") on day d is a departure. The same child starting a period
// of care in another member on day d, or up to Window days after it, is
// the arrival. The child is the same when the UPN pseudonyms agree: each
// member's returns linked under the region's one key (village load --key)
// give the same pseudonym for the same UPN, and the UPN stays with a child
// from one authority to the next, while the CHILD identifier is each
// authority's own.
//
// Nothing is guessed. A departure with no arrival, with arrivals in two
// members, or an arrival that two departures could explain, joins no
// journey and is counted in Unfollowed; so is a child in the care of two
// members on the same day, and an E3 of a child without a UPN.
//
// The package reads journeys only: it has no store and no HTTP.
package transfers

import (
	"cmp"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// TakenOver is the REC of an episode that ceased because another local
// authority in the UK took over the child's care (the 903's E3).
const TakenOver = "E3"

// Window is how many days after an E3 the other member's period of care
// may start and still be its arrival: 7. The 903's code list defines E3
// only as care taken over by another LA in the UK (spec/ssda903.md); no
// DfE guidance we found gives a gap between the two authorities' dates,
// and the taking-over authority looks after the child from the day it
// takes over, so the two dates should agree. They are
// recorded by two authorities' systems, though, and a handover on a
// Friday or before a bank holiday is often entered from the next working
// day; a week allows for that without reaching the next care episode of
// a child who went home in between. An arrival before the E3 day is not
// a transfer: the child was in two members' care at once.
const Window = 7

// Member is one authority of the region as the package reads it.
type Member struct {
	LA  string            // its GSS code
	Set *journey.Set      // its children's journeys
	UPN map[string]string // by the member's CHILD, the pseudonym of the child's UPN (store.UPNPseudonyms)
}

// Stay is one member's part in a cross-authority journey: one period of
// care.
type Stay struct {
	LA           string
	Start, End   calendar.Date // End is zero while Open
	Open         bool
	EndReason    string // the REC of its last episode; "" while open
	LeftCensored bool   // the period may have begun before the member's first return (journey.Period)
}

// Transfer is one taking-over of care: an E3 in From followed by the start
// of care in To.
type Transfer struct {
	Pseudonym string
	From, To  string
	Ceased    calendar.Date // the E3 episode's DEC in From
	Started   calendar.Date // the start of the period of care in To
	Year      calendar.Year // the collection year Ceased is in
}

// Journey is one child's care across members: periods of care joined by
// transfers, in order.
type Journey struct {
	Pseudonym string
	Stays     []Stay
	// Days is the days in care across the region: each stay's days, the
	// day it ended not counted (the next member's first day is), an open
	// stay's to the end of its member's returns. The days between an E3
	// and a later arrival are in no member's care and not counted.
	// DaysKnown is false when an open stay's member has no span of
	// returns to count to (a set built by hand).
	Days      int
	DaysKnown bool
	// LeftCensored is true when the first stay may have begun before its
	// member's first return: Days then counts from the first day the data
	// shows, so it is the least the child spent in care, not the time in
	// care.
	LeftCensored bool
}

// Unfollowed counts what could not be followed, so that it is reported,
// never guessed.
type Unfollowed struct {
	NoArrival      int // E3s with no start of care in another member within the window (perhaps to an authority outside the region)
	ManyArrivals   int // E3s followed by starts of care in two or more members
	ManyDepartures int // starts of care within the window of two or more E3s
	Overlaps       int // children in the care of two members on the same day (by pseudonym)
	NoUPN          int // E3s of children with no UPN pseudonym, who cannot be followed
	SharedUPN      int // pseudonyms given to two or more children of one member, whose E3s are not followed
}

// Result is what Find finds.
type Result struct {
	Transfers  []Transfer // by Ceased, then From, To and Pseudonym
	Journeys   []Journey  // by Pseudonym, then first day
	Unfollowed Unfollowed

	members []Member
	same    *unionFind // the members' children joined by transfers
}

// stay names one period of care of one member's child.
type stay struct {
	member int
	child  *journey.Child
	period int
}

func (s stay) of() *journey.Period { return &s.child.Periods[s.period] }

// counted reports whether the period is one the package follows: not a
// short break, which is respite, not care taken over.
func counted(p *journey.Period) bool { return !p.ShortBreak }

// Find follows the children of members between them, with Window.
func Find(members []Member) *Result {
	r := &Result{members: members, same: newUnionFind()}
	byPseudonym := r.group()
	arrivals := map[stay][]stay{} // arrival: the departures it could follow
	departures := map[stay][]stay{}
	for m := range members {
		for _, c := range members[m].Set.Children {
			for i := range c.Periods {
				p := &c.Periods[i]
				if !counted(p) || p.Open || p.EndReason != TakenOver {
					continue
				}
				d := stay{m, c, i}
				found, ok := r.candidates(d, byPseudonym)
				if !ok {
					continue
				}
				departures[d] = found
				for _, a := range found {
					arrivals[a] = append(arrivals[a], d)
				}
			}
		}
	}
	next := r.link(departures, arrivals)
	r.chain(next)
	r.Unfollowed.Overlaps = overlaps(byPseudonym)
	slices.SortFunc(r.Transfers, func(a, b Transfer) int {
		return cmp.Or(cmp.Compare(a.Ceased, b.Ceased), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Pseudonym, b.Pseudonym))
	})
	return r
}

// holder is one member's child who has a given pseudonym.
type holder struct {
	member int
	child  *journey.Child
}

// group returns the members' children by pseudonym, leaving out (and
// counting) pseudonyms that two children of one member share: a UPN
// entered for the wrong child, which cannot tell who moved.
func (r *Result) group() map[string][]holder {
	by := map[string][]holder{}
	shared := map[string]bool{}
	for m, mem := range r.members {
		for _, c := range mem.Set.Children {
			p, ok := mem.UPN[c.ID]
			if !ok || p == "" {
				continue
			}
			if hs := by[p]; len(hs) > 0 && hs[len(hs)-1].member == m {
				shared[p] = true
			}
			by[p] = append(by[p], holder{m, c})
		}
	}
	for p := range shared {
		delete(by, p)
	}
	r.Unfollowed.SharedUPN = len(shared)
	return by
}

// candidates returns the periods of care in other members that could be
// departure d's arrival; ok is false, and the departure counted, when the
// child cannot be followed.
func (r *Result) candidates(d stay, byPseudonym map[string][]holder) (found []stay, ok bool) {
	p, known := r.members[d.member].UPN[d.child.ID]
	if !known || p == "" {
		r.Unfollowed.NoUPN++
		return nil, false
	}
	holders, known := byPseudonym[p]
	if !known {
		return nil, false // a shared pseudonym, counted once by group
	}
	ceased := d.of().End
	for _, h := range holders {
		if h.member == d.member {
			continue
		}
		for i := range h.child.Periods {
			q := &h.child.Periods[i]
			if counted(q) && q.Start >= ceased && q.Start <= ceased.AddDays(Window) {
				found = append(found, stay{h.member, h.child, i})
			}
		}
	}
	return found, true
}

// link joins each departure to its arrival where each has exactly one
// candidate in the other, counts the rest, and returns each departure's
// arrival.
func (r *Result) link(departures, arrivals map[stay][]stay) map[stay]stay {
	next := map[stay]stay{}
	for _, ds := range arrivals {
		if len(ds) > 1 {
			r.Unfollowed.ManyDepartures++
		}
	}
	for d, as := range departures {
		switch {
		case len(as) == 0:
			r.Unfollowed.NoArrival++
		case len(as) > 1:
			r.Unfollowed.ManyArrivals++
		case len(arrivals[as[0]]) == 1:
			next[d] = as[0]
		}
	}
	return next
}

// chain makes the transfers and the journeys from each departure's
// arrival, and joins the children they concern for counting once.
func (r *Result) chain(next map[stay]stay) {
	arrived := map[stay]bool{}
	for d, a := range next {
		arrived[a] = true
		pseudonym := r.members[d.member].UPN[d.child.ID]
		r.Transfers = append(r.Transfers, Transfer{Pseudonym: pseudonym, From: r.members[d.member].LA, To: r.members[a.member].LA,
			Ceased: d.of().End, Started: a.of().Start, Year: calendar.YearOf(d.of().End)})
		r.same.join(node{d.member, d.child.ID}, node{a.member, a.child.ID})
	}
	for d := range next {
		if arrived[d] {
			continue // not the first of its chain
		}
		r.Journeys = append(r.Journeys, r.journey(d, next))
	}
	slices.SortFunc(r.Journeys, func(a, b Journey) int {
		return cmp.Or(cmp.Compare(a.Pseudonym, b.Pseudonym), cmp.Compare(a.Stays[0].Start, b.Stays[0].Start))
	})
}

// journey follows the chain that begins with first.
func (r *Result) journey(first stay, next map[stay]stay) Journey {
	j := Journey{Pseudonym: r.members[first.member].UPN[first.child.ID], DaysKnown: true}
	seen := map[stay]bool{}
	for s, ok := first, true; ok && !seen[s]; s, ok = next[s] {
		seen[s] = true // a chain back to itself (only in impossible dates) ends
		p := s.of()
		j.Stays = append(j.Stays, Stay{LA: r.members[s.member].LA, Start: p.Start, End: p.End, Open: p.Open, EndReason: p.EndReason, LeftCensored: p.LeftCensored})
		days, known := daysIn(p, r.members[s.member].Set)
		j.Days += days
		j.DaysKnown = j.DaysKnown && known
	}
	j.LeftCensored = j.Stays[0].LeftCensored
	return j
}

// daysIn returns the days of period p: to its end, the end not counted,
// or while open to the last day of set's returns, counted.
func daysIn(p *journey.Period, set *journey.Set) (int, bool) {
	if !p.Open {
		return int(p.End - p.Start), true
	}
	span, ok := set.Span()
	if !ok {
		return 0, false
	}
	return int(span.End-p.Start) + 1, true
}

// overlaps counts the children who are, by pseudonym, in the care of two
// members on the same day.
func overlaps(byPseudonym map[string][]holder) int {
	n := 0
	for _, holders := range byPseudonym {
		if overlapping(holders) {
			n++
		}
	}
	return n
}

// overlapping reports whether two of holders, of different members, have
// periods of care sharing a day (the day a period ends is not its day:
// the next member's first day is).
func overlapping(holders []holder) bool {
	for i, a := range holders {
		for _, b := range holders[i+1:] {
			if a.member == b.member {
				continue
			}
			for x := range a.child.Periods {
				for y := range b.child.Periods {
					if share(&a.child.Periods[x], &b.child.Periods[y]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// share reports whether two periods of care share a day.
func share(p, q *journey.Period) bool {
	if !counted(p) || !counted(q) {
		return false
	}
	return (q.Open || p.Start < q.End) && (p.Open || q.Start < p.End)
}
