// Package indicators computes the early help and HAF indicators of a
// collection year (1 April to 31 March) from package earlyhelp's Data:
// episodes of early help open, started and closed, by outcome; stepping up
// to and down from children's social care; who HAF reaches, how often
// they come, whether they remain connected to local services and whether
// they come back.
//
// Early help and HAF have no national statistics, so each definition is
// Village's own, written on the indicator's page. A figure is not Known
// when the data loaded cannot give it: the year's files are not loaded,
// the links to the CIN census are not made (village load --key), or the
// time after the event it looks at (12 months, 6 months, the next
// holiday) is not yet covered by what is loaded. Values are
// internal/indicators' Value, so that pages, packs and disclosure treat
// them as they treat the other families.
package indicators

import (
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/earlyhelp"
	lac "github.com/village-uk/village/internal/indicators"
	eh "github.com/village-uk/village/returns/earlyhelp"
)

// Units beyond internal/indicators'.
const (
	Episodes         = "episodes"
	SessionsPerChild = "sessions per child"
	Attendances      = "children at programmes"
)

// Input is what the indicators of one collection year are computed from.
type Input struct {
	Year calendar.Year
	Data *earlyhelp.Data
	// FSMPupils is the number of pupils eligible for free school meals
	// in the area, from the school census, for haf_fsm_reach_share; 0
	// leaves it not known.
	FSMPupils int
}

// Indicator is one early help or HAF indicator.
type Indicator struct {
	ID         string
	Title      string
	Definition string
	Unit       string
	Direction  lac.Direction
	compute    func(in *Input) Figure
}

// Figure is an indicator's value for a year. Groups split it (eh_closed
// by outcome).
type Figure struct {
	Indicator *Indicator
	Value     lac.Value
	Groups    []Group
	Note      string // why it is not known, or what it leaves out
}

// Group is one category's part of a figure.
type Group struct {
	Name  string
	Value lac.Value
}

// All returns every indicator, in the order pages list them.
func All() []*Indicator { return slices.Clone(all) }

// ByID returns the indicator with the given ID, or nil.
func ByID(id string) *Indicator {
	for _, ind := range all {
		if ind.ID == id {
			return ind
		}
	}
	return nil
}

// Compute computes the indicator for in.Year.
func (ind *Indicator) Compute(in Input) Figure {
	d := in.Data
	if d == nil || d.First == 0 || in.Year < d.First || in.Year > d.Last {
		return Figure{Indicator: ind, Note: "no early help or HAF files for " + in.Year.String() + " are loaded"}
	}
	f := ind.compute(&in)
	f.Indicator = ind
	return f
}

// ComputeAll computes every indicator for in.Year.
func ComputeAll(in Input) []Figure {
	out := make([]Figure, 0, len(all))
	for _, ind := range all {
		out = append(out, ind.Compute(in))
	}
	return out
}

// Cell is the figure as policy shows it.
func (f Figure) Cell(policy disclose.Policy) disclose.Cell {
	v := f.Value
	if !v.Known {
		return disclose.Cell{}
	}
	switch f.Indicator.Unit {
	case lac.Percent:
		return policy.Share(v.Value, 1, true, v.Numerator, v.Denominator)
	case SessionsPerChild:
		return policy.Number(v.Value, 1, true, v.Denominator)
	}
	return policy.Count(v.Numerator)
}

const notLinked = "the early help and HAF children are not linked to the CIN census: load with --key"

var all = []*Indicator{
	{
		ID: "eh_open_end", Title: "Children in early help at 31 March",
		Definition: "Children with an episode of early help begun on or before 31 March and not ended by it " +
			"(EndDate blank or after 31 March, as the latest file that lists the episode has it); a child is counted once.",
		Unit: lac.Children, Direction: lac.Neither,
		compute: func(in *Input) Figure {
			end := in.Year.End()
			return children(in.Data.Episodes, func(e earlyhelp.Episode) bool { return e.Start <= end && (e.Open || e.End > end) })
		},
	},
	{
		ID: "eh_started", Title: "Episodes of early help started",
		Definition: "Episodes of early help whose StartDate is in the collection year, each counted.",
		Unit:       Episodes, Direction: lac.Neither,
		compute: func(in *Input) Figure {
			return episodes(in.Data.Episodes, func(e earlyhelp.Episode) bool { return in.Year.Contains(e.Start) })
		},
	},
	{
		ID: "eh_closed", Title: "Episodes of early help closed, by outcome",
		Definition: "Episodes of early help whose EndDate is in the collection year, each counted, split by the outcome on closure " +
			"(needs met, stepped up to children's social care, stepped down to universal services, moved away, disengaged).",
		Unit: Episodes, Direction: lac.Neither,
		compute: closed,
	},
	{
		ID: "eh_stepped_up_12m_share", Title: "Early help closed and followed by a referral to social care within 12 months",
		Definition: "Of the episodes of early help closed in the year, the percentage whose child was referred to children's social care " +
			"(a CINreferralDate in the CIN census, linked by pseudonym) on or after the day the episode closed and within 12 months of it, " +
			"whatever the outcome recorded. Known once the CIN censuses loaded reach 12 months past the year's end, and the children are linked.",
		Unit: lac.Percent, Direction: lac.LowerIsBetter,
		compute: steppedUp,
	},
	{
		ID: "stepped_down_to_eh", Title: "Children stepped down from social care to early help",
		Definition: "Children who started an episode of early help in the year within 28 days after a case of need of theirs closed " +
			"(a CINclosureDate in the CIN census, linked by pseudonym), or whose episode's Reason is step_down; a child is counted once.",
		Unit: lac.Children, Direction: lac.Neither,
		compute: steppedDown,
	},
	{
		ID: "haf_children", Title: "Children attending HAF",
		Definition: "Children who attended at least one session of the Holiday Activities and Food programme in the collection year " +
			"(the Easter, summer and Christmas programmes of the year it begins in); a child is counted once.",
		Unit: lac.Children, Direction: lac.HigherIsBetter,
		compute: func(in *Input) Figure {
			return attenders(in, func(earlyhelp.Session) bool { return true })
		},
	},
	{
		ID: "haf_fsm_children", Title: "Children eligible for free school meals attending HAF",
		Definition: "haf_children eligible for benefits-related free school meals (FSM Y at any session in the year).",
		Unit:       lac.Children, Direction: lac.HigherIsBetter,
		compute: func(in *Input) Figure {
			return attenders(in, func(s earlyhelp.Session) bool { return s.FSM })
		},
	},
	{
		ID: "haf_fsm_reach_share", Title: "HAF's reach among children eligible for free school meals",
		Definition: "haf_fsm_children ÷ the pupils of the area eligible for benefits-related free school meals (the school census, " +
			"given to Village with --fsm-pupils) × 100. England's summer 2023: over 460,000 FSM children attended, about 23% of the 2.0 million eligible.",
		Unit: lac.Percent, Direction: lac.HigherIsBetter,
		compute: fsmReach,
	},
	{
		ID: "haf_sessions_per_child", Title: "HAF sessions attended per child",
		Definition: "Sessions attended in the year ÷ haf_children: each child's days at HAF, on average.",
		Unit:       SessionsPerChild, Direction: lac.HigherIsBetter,
		compute: sessionsPerChild,
	},
	{
		ID: "haf_remained_connected_6m_share", Title: "HAF children who remained connected within 6 months",
		Definition: "Of the children at each of the year's programmes (a child at two programmes counted for each), the percentage seen by " +
			"another local service within 6 months after the programme's last day: an episode of early help open at any time in those months, " +
			"a case of need open in the CIN census (linked by pseudonym), or a session of a later HAF programme. " +
			"Programmes whose 6 months are not yet covered by the files loaded are left out.",
		Unit: lac.Percent, Direction: lac.HigherIsBetter,
		compute: remainedConnected,
	},
	{
		ID: "haf_reattended_share", Title: "HAF children who came back at the next holiday",
		Definition: "Of the children at each of the year's programmes, the percentage at the next one (Easter, then summer, then Christmas, then " +
			"the next Easter). Programmes whose next one is not yet in the files loaded are left out.",
		Unit: lac.Percent, Direction: lac.HigherIsBetter,
		compute: reattended,
	},
}

// people lists the person of each episode that matches.
func people(es []earlyhelp.Episode, match func(earlyhelp.Episode) bool) []string {
	var ids []string
	for _, e := range es {
		if match(e) {
			ids = append(ids, e.Person)
		}
	}
	return ids
}

// children counts the people of the episodes that match, once each.
func children(es []earlyhelp.Episode, match func(earlyhelp.Episode) bool) Figure {
	return count(people(es, match))
}

// episodes counts the episodes that match.
func episodes(es []earlyhelp.Episode, match func(earlyhelp.Episode) bool) Figure {
	ids := people(es, match)
	slices.Sort(ids)
	return Figure{Value: lac.Value{Value: float64(len(ids)), Numerator: len(ids), Known: true, Children: slices.Compact(ids)}}
}

// count counts people, once each.
func count(ids []string) Figure {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return Figure{Value: lac.Value{Value: float64(len(ids)), Numerator: len(ids), Known: true, Children: ids}}
}

// share is num of den as a percentage.
func share(num, den []string, leftOut int) Figure {
	slices.Sort(num)
	f := Figure{Value: lac.Value{Numerator: len(num), Denominator: len(den), Children: slices.Compact(num), LeftOut: leftOut}}
	if len(den) > 0 {
		f.Value.Known = true
		f.Value.Value = 100 * float64(len(num)) / float64(len(den))
	}
	return f
}

func closed(in *Input) Figure {
	match := func(e earlyhelp.Episode) bool { return !e.Open && in.Year.Contains(e.End) }
	f := episodes(in.Data.Episodes, match)
	for _, o := range eh.Outcomes {
		g := episodes(in.Data.Episodes, func(e earlyhelp.Episode) bool { return match(e) && e.Outcome == o.Code })
		f.Groups = append(f.Groups, Group{Name: o.Meaning, Value: g.Value})
	}
	return f
}

func steppedUp(in *Input) Figure {
	d := in.Data
	switch {
	case !d.Linked:
		return Figure{Note: notLinked}
	case d.Front == nil || d.Front.Last < in.Year+1:
		return Figure{Note: "the CIN censuses loaded do not reach 12 months past " + in.Year.End().Long()}
	}
	var num, den []string
	for _, e := range d.Episodes {
		if e.Open || !in.Year.Contains(e.End) {
			continue
		}
		den = append(den, e.Person)
		if referredBetween(d, e.Person, e.End, e.End.AddYears(1)) {
			num = append(num, e.Person)
		}
	}
	return share(num, den, 0)
}

// referredBetween reports whether the person was referred to social care
// on a day from from to to, both included.
func referredBetween(d *earlyhelp.Data, person string, from, to calendar.Date) bool {
	for _, c := range d.CIN(person) {
		for _, r := range c.Referrals {
			if r.Start >= from && r.Start <= to {
				return true
			}
		}
	}
	return false
}

func steppedDown(in *Input) Figure {
	d := in.Data
	var ids []string
	for _, e := range d.Episodes {
		if !in.Year.Contains(e.Start) {
			continue
		}
		if e.Reason == eh.StepDown || closedBefore(d, e.Person, e.Start, 28) {
			ids = append(ids, e.Person)
		}
	}
	f := count(ids)
	if !d.Linked {
		f.Note = "only episodes whose Reason is step_down are counted: " + notLinked
	}
	return f
}

// closedBefore reports whether a case of need of the person closed on
// one of the days days before day, or on it.
func closedBefore(d *earlyhelp.Data, person string, day calendar.Date, days int) bool {
	for _, c := range d.CIN(person) {
		for _, r := range c.Referrals {
			if !r.Open && !r.NFA && r.End <= day && r.End >= day-calendar.Date(days) {
				return true
			}
		}
	}
	return false
}
