// Package placements answers a Director's daily and yearly questions
// about where children live: the placements needing attention now
// (Attention), and whether there are enough of the right placements
// (Sufficiency: need by age band and placement type against the
// authority's foster carers and the Ofsted-registered provision near it).
//
// It reads journeys (package journey) and reference data; the attention
// list names children, so only analysts may see it, each view audited
// (internal/app and internal/web do that); its counts are published as
// the indicators under16_unregistered_now and moves_3plus_12m_now.
package placements

import (
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// A Reason is why a child's placement needs attention.
type Reason int

const (
	Unregistered Reason = iota // under 16 in an other (Z) placement
	FarAway                    // more than 20 miles from home and outside the authority
	Moves                      // 3 or more moves in the 12 months to the day
	EndingSoon                 // turns 18 within 3 months: care, and so the placement, ends
)

// Reasons are every reason, in the order the list shows them.
var Reasons = []Reason{Unregistered, FarAway, Moves, EndingSoon}

// String says the reason in words, as the list's heading.
func (r Reason) String() string {
	switch r {
	case Unregistered:
		return "under 16 in an unregistered or other (Z) placement"
	case FarAway:
		return "placed more than 20 miles from home, outside the authority"
	case Moves:
		return "3 or more moves in 12 months"
	case EndingSoon:
		return "turns 18 within 3 months, with no next placement known"
	}
	return "unknown"
}

// Definition says exactly which children the reason lists.
func (r Reason) Definition() string {
	switch r {
	case Unregistered:
		return "Aged under 16 on the day, in an episode with PLACE Z1 (to 2024/25) or Z11-Z14 (from 2025/26): the " +
			"children indicator under16_unregistered_now counts."
	case FarAway:
		return "In a placement whose PL_POST is more than 20 miles in a straight line from HOME_POST (the DfE's " +
			"PL_DISTANCE) and in another local authority: needs a postcode directory (--postcodes); a child without " +
			"a home postcode is not listed."
	case Moves:
		return "3 or more moves in the 12 months to the day: placements with a new carer after another of the same " +
			"period of care, temporary moves (T0-T4) aside; the children moves_3plus_12m_now counts."
	case EndingSoon:
		return "The 903 records no planned end of a placement and no next placement, so the one end it can foresee " +
			"is the 18th birthday, when care ends: children whose 18th birthday falls within 3 months after the day " +
			"are listed, for their worker to confirm where they will live (staying put, supported accommodation). " +
			"Planned moves before then cannot be seen."
	}
	return ""
}

// endingSoonMonths is how far ahead the list looks for 18th birthdays.
const endingSoonMonths = 3

// Child is one child on the list, with what it says about the placement.
type Child struct {
	ID       string
	Age      int    // on the day; -1 when the date of birth is not known
	Place    string // PLACE of the episode on the day
	Since    calendar.Date
	Miles    float64 // from home; meaningful when HasMiles
	HasMiles bool
	Moves    int // in the 12 months to the day
	Reasons  []Reason
}

// List is the placements needing attention on one day.
type List struct {
	Day      calendar.Date
	Children []Child        // sorted by ID, each once
	Counts   map[Reason]int // children listed for each reason
	// Located is false when placements could not be located (no postcode
	// directory, or the authority not known), so FarAway lists no one.
	Located bool
}

// IDs returns the IDs of the children listed, for the audit log.
func (l List) IDs() []string {
	ids := make([]string, len(l.Children))
	for i, c := range l.Children {
		ids[i] = c.ID
	}
	return ids
}

// Attention lists the children looked after on day d whose placement
// needs attention, each with every reason that applies.
func Attention(set *journey.Set, d calendar.Date) List {
	l := List{Day: d, Counts: map[Reason]int{}, Located: set.Authority.Located && set.Authority.Code != ""}
	for _, c := range set.Children {
		pl := indicators.PlacementOn(c, d)
		if pl == nil {
			continue
		}
		e := indicators.EpisodeOn(c, d)
		ch := Child{ID: c.ID, Age: c.AgeOn(d), Place: e.Place, Since: pl.Start, Miles: pl.Miles, HasMiles: pl.HasDistance,
			Moves: indicators.MovesIn12Months(c, d)}
		ch.Reasons = reasonsFor(c, pl, ch, d)
		if len(ch.Reasons) == 0 {
			continue
		}
		for _, r := range ch.Reasons {
			l.Counts[r]++
		}
		l.Children = append(l.Children, ch)
	}
	return l
}

// reasonsFor returns the reasons the child on day d, in placement pl,
// is listed for.
func reasonsFor(c *journey.Child, pl *journey.Placement, ch Child, d calendar.Date) []Reason {
	var out []Reason
	if indicators.UnregisteredUnder16(c, calendar.Range(d, d)) {
		out = append(out, Unregistered)
	}
	if pl.HasDistance && pl.Miles > 20 && pl.HasLocation && pl.OutOfArea {
		out = append(out, FarAway)
	}
	if ch.Moves >= 3 {
		out = append(out, Moves)
	}
	if c.HasDOB {
		eighteen := c.DOB.AddYears(18)
		if eighteen > d && eighteen <= d.AddMonths(endingSoonMonths) {
			out = append(out, EndingSoon)
		}
	}
	return out
}

// Action is the audit log's action for a view of the list on day d.
func Action(d calendar.Date) string {
	return fmt.Sprintf("view placements needing attention %s", d)
}
