package app

import (
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/journey"
)

// Holdings are what Village holds to count a cohort: every child's
// journey through care from the 903 and front door from the CIN census,
// as the pages have them built; either may be nil.
type Holdings struct {
	Care  *journey.Set
	Front *frontdoor.Set
}

// Impact is one cohort of a decision, counted.
type Impact struct {
	Cohort decisions.Cohort
	// On is the day counted: the last day of the loaded returns that hold
	// the cohort. Zero when Known is false or the count was entered.
	On         calendar.Date
	Count      disclose.Cell // the number of children; not Known when Village holds no return that counts it
	Entered    bool          // the count was entered by whoever recorded the decision, not counted
	Breakdowns []Breakdown
}

// Breakdown is a cohort's children split into groups that add up to its
// count.
type Breakdown struct {
	Name   string // such as "Age"
	Groups []Group
}

// Group is one group of a breakdown.
type Group struct {
	Label string
	Count disclose.Cell
}

// Impacts counts each of the decision's cohorts under the policy: exact
// for analysts and managers, publishable (primary and secondary
// suppression) for partners. A cohort Village cannot count takes the
// count the recorder entered, marked Entered (suppressed as any count is
// when publishable).
func (h Holdings) Impacts(d decisions.Decision, policy disclose.Policy) []Impact {
	out := make([]Impact, 0, len(d.Cohorts))
	for _, c := range d.Cohorts {
		out = append(out, h.Impact(c, d.Entered, policy))
	}
	return out
}

// Impact counts one cohort; see Impacts.
func (h Holdings) Impact(c decisions.Cohort, entered map[string]int, policy disclose.Policy) Impact {
	im := Impact{Cohort: c}
	if !c.Countable() {
		n, ok := entered[c.ID()]
		im.Entered = ok
		im.Count = disclose.Cell{}
		if ok {
			im.Count = policy.Count(n)
		}
		return im
	}
	members, on, ok := h.members(c)
	if !ok {
		return im // not Known: no return that counts it is loaded
	}
	im.On, im.Count = on, policy.Count(len(members))
	for _, b := range breakdownsOf(c.Base) {
		im.Breakdowns = append(im.Breakdowns, b.count(members, on, policy))
	}
	return im
}

// member is one child of a cohort, with what the breakdowns group by.
type member struct {
	age       int
	hasAge    bool
	placement *journey.Placement // the placement on the day, for children looked after
	category  string             // a protection plan's latest category
	status    string             // under fives: how they are known
}

// members are the children of the cohort on the last day the returns
// that hold it cover, and that day; ok is false when none is loaded.
func (h Holdings) members(c decisions.Cohort) ([]member, calendar.Date, bool) {
	switch c.Base {
	case "looked_after", "care_leavers":
		on, ok := h.careEnd()
		if !ok {
			return nil, 0, false
		}
		return h.careMembers(c, on), on, true
	case "child_in_need", "cp_plan":
		on, ok := h.frontEnd()
		if !ok {
			return nil, 0, false
		}
		return h.frontMembers(c, on), on, true
	case "under_fives":
		return h.underFives()
	}
	return nil, 0, false
}

func (h Holdings) careEnd() (calendar.Date, bool) {
	if h.Care == nil {
		return 0, false
	}
	span, ok := h.Care.Span()
	return span.End, ok
}

func (h Holdings) frontEnd() (calendar.Date, bool) {
	if h.Front == nil || h.Front.Last == 0 {
		return 0, false
	}
	return h.Front.Last.End(), true
}

// careMembers are the children looked after (or care leavers) on the day,
// narrowed by the cohort's age band or placement type.
func (h Holdings) careMembers(c decisions.Cohort, on calendar.Date) []member {
	var out []member
	for _, ch := range h.Care.Children {
		in := ch.LookedAfterOn(on)
		if c.Base == "care_leavers" {
			in = ch.CareLeaver(on)
		}
		if !in {
			continue
		}
		m := member{age: ch.AgeOn(on), hasAge: ch.HasDOB}
		if c.Base == "looked_after" {
			m.placement = placementOn(ch.PeriodOn(on), on)
		}
		if c.Age != "" && (!m.hasAge || bandOf(m.age) != c.Age) {
			continue
		}
		if c.Placement != "" && (m.placement == nil || m.placement.Place != c.Placement) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// placementOn is the placement of the period on the day, if any.
func placementOn(p *journey.Period, on calendar.Date) *journey.Placement {
	if p == nil {
		return nil
	}
	for i := range p.Placements {
		pl := &p.Placements[i]
		if pl.Start <= on && (pl.Open || pl.End > on) {
			return pl
		}
	}
	return nil
}

// frontMembers are the children in need (a referral open on the day that
// was not closed with no further action) or on a protection plan on the
// day, narrowed by the cohort's age band.
func (h Holdings) frontMembers(c decisions.Cohort, on calendar.Date) []member {
	var out []member
	for _, ch := range h.Front.Children {
		m := member{hasAge: ch.HasDOB}
		if ch.HasDOB {
			m.age = ageOn(ch.DOB, on)
		}
		in := false
		for _, r := range ch.Referrals {
			if !covers(r.Start, r.End, r.Open, on) {
				continue
			}
			if c.Base == "child_in_need" && !r.NFA {
				in = true
			}
			for _, p := range r.Plans {
				if c.Base == "cp_plan" && covers(p.Start, p.End, p.Open, on) {
					in, m.category = true, p.LatestCategory
				}
			}
		}
		if !in || c.Age != "" && (!m.hasAge || bandOf(m.age) != c.Age) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// underFives are the children under five looked after or in need, each
// once, on the last day of the returns that hold them.
func (h Holdings) underFives() ([]member, calendar.Date, bool) {
	careOn, careOK := h.careEnd()
	frontOn, frontOK := h.frontEnd()
	if !careOK && !frontOK {
		return nil, 0, false
	}
	// One day for both: the earlier end, which both returns cover.
	on := careOn
	switch {
	case !careOK:
		on = frontOn
	case frontOK:
		on = min(careOn, frontOn)
	}
	seen := map[string]bool{}
	var out []member
	if careOK {
		for _, ch := range h.Care.Children {
			if ch.HasDOB && ch.LookedAfterOn(on) && ch.AgeOn(on) < 5 {
				seen[ch.ID] = true
				out = append(out, member{age: ch.AgeOn(on), hasAge: true, status: "Looked after"})
			}
		}
	}
	if frontOK {
		for _, ch := range h.Front.Children {
			if seen[ch.ID] || !ch.HasDOB || ageOn(ch.DOB, on) >= 5 {
				continue
			}
			for _, r := range ch.Referrals {
				if covers(r.Start, r.End, r.Open, on) && !r.NFA {
					seen[ch.ID] = true
					out = append(out, member{age: ageOn(ch.DOB, on), hasAge: true, status: "In need"})
					break
				}
			}
		}
	}
	return out, on, true
}

// covers reports whether a span from start to end (open: no end yet)
// includes the day.
func covers(start, end calendar.Date, open bool, on calendar.Date) bool {
	return start <= on && (open || end >= on)
}

// ageOn is the age in whole years on the day of someone born on dob.
func ageOn(dob, on calendar.Date) int {
	by, bm, bd := dob.Civil()
	y, m, d := on.Civil()
	age := y - by
	if m < bm || m == bm && d < bd {
		age--
	}
	return age
}

// bandOf is the age band of decisions.AgeBands an age falls in; "18+"
// beyond them.
func bandOf(age int) string {
	switch {
	case age < 5:
		return "0-4"
	case age < 10:
		return "5-9"
	case age < 16:
		return "10-15"
	case age < 18:
		return "16-17"
	}
	return "18+"
}

// breakdown is how a cohort's members are grouped: the groups' labels in
// order and each member's group ("" for none, which leaves it out).
type breakdown struct {
	name   string
	labels []string
	group  func(m member) string
}

var (
	byAge = breakdown{name: "Age", labels: []string{"0-4", "5-9", "10-15", "16-17", "18+", "Not known"}, group: func(m member) string {
		if !m.hasAge {
			return "Not known"
		}
		return bandOf(m.age)
	}}
	byPlacement = breakdown{name: "Placement type", group: func(m member) string {
		if m.placement == nil || m.placement.Place == "" {
			return "Not known"
		}
		return m.placement.Place
	}}
	byArea = breakdown{name: "Placed out of area", labels: []string{"In area", "Out of area", "Not known"}, group: func(m member) string {
		switch {
		case m.placement == nil || !m.placement.HasLocation:
			return "Not known"
		case m.placement.OutOfArea:
			return "Out of area"
		}
		return "In area"
	}}
	byCategory = breakdown{name: "Latest category of abuse", group: func(m member) string {
		if m.category == "" {
			return "Not known"
		}
		return m.category
	}}
	byStatus = breakdown{name: "Known as", labels: []string{"Looked after", "In need"}, group: func(m member) string { return m.status }}
)

// breakdownsOf are the breakdowns shown for a base cohort.
func breakdownsOf(base string) []breakdown {
	switch base {
	case "looked_after":
		return []breakdown{byPlacement, byAge, byArea}
	case "care_leavers", "child_in_need":
		return []breakdown{byAge}
	case "cp_plan":
		return []breakdown{byCategory, byAge}
	case "under_fives":
		return []breakdown{byStatus}
	}
	return nil
}

// count groups the members and publishes the groups under the policy,
// with secondary suppression so that no suppressed group can be worked
// out from the total and the others.
func (b breakdown) count(members []member, on calendar.Date, policy disclose.Policy) Breakdown {
	counts := map[string]int{}
	labels := append([]string(nil), b.labels...)
	for _, m := range members {
		g := b.group(m)
		if _, ok := counts[g]; !ok && !slices.Contains(labels, g) {
			labels = append(labels, g)
		}
		counts[g]++
	}
	if b.labels == nil {
		// Codes in order, with "Not known" last.
		slices.SortFunc(labels, func(x, y string) int {
			switch {
			case x == y:
				return 0
			case x == "Not known":
				return 1
			case y == "Not known":
				return -1
			}
			return strings.Compare(x, y)
		})
	}
	groups := make([]int, len(labels))
	for i, l := range labels {
		groups[i] = counts[l]
	}
	protection := policy.Table([]disclose.Measure{{Total: len(members), Groups: groups, Small: true}})
	out := Breakdown{Name: b.name}
	for i, l := range labels {
		cell := policy.Count(groups[i])
		if protection.Groups[i] != disclose.Shown {
			cell = cell.Hide(protection.Groups[i])
		}
		out.Groups = append(out.Groups, Group{Label: l, Count: cell})
	}
	return out
}
