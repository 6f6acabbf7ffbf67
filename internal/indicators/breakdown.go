package indicators

import (
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// By is a characteristic to break an indicator down by.
//
// Characteristics of the child (sex, UASC, ethnicity) are read from the
// latest return. Age is read on the day the indicator is about, as the
// DfE does: on starting for starts (so no starter is 18 or over), on
// ceasing for ceases (and the durations and outcomes of children
// ceasing), and on the period's last day for the rest. Legal status and placement change over time, so they are read
// at the moment the indicator is about: for stock indicators (looked
// after at the period's end, and the shares and durations of those
// children) the episode the child is in on the period's last day; for
// starts, the first episode of the first period of care to start in the
// period; for ceases (and the durations and outcomes of children ceasing),
// the last episode of the last period of care to end in it. An indicator
// about the whole period (a child who went missing in it, say) reads the
// episode on the last day, or, for a child no longer looked after then,
// the last episode before it. Short breaks are never read.
type By int

const (
	ByAge         By = iota // age on starting, on ceasing or on the period's last day (see By): under 1, 1-4, 5-9, 10-15, 16-17 (and 18 and over, age unknown)
	BySex                   // male, female (and sex unknown)
	ByUASC                  // UASC, not UASC: unaccompanied asylum-seeking in any loaded return
	ByEthnicity             // the DfE's ethnic groups, from ETHNIC: White, Mixed, Asian or Asian British, Black or Black British, other, not known or refused
	ByLegalStatus           // care order, placement order, s20, youth justice, police protection or emergency orders (and other or not known)
	ByPlacement             // the placement mix groups: foster care, placed for adoption, with parents, independent or supported, residential, other (and not known)
)

func (b By) String() string {
	switch b {
	case ByAge:
		return "age"
	case BySex:
		return "sex"
	case ByUASC:
		return "UASC"
	case ByEthnicity:
		return "ethnicity"
	case ByLegalStatus:
		return "legal status"
	case ByPlacement:
		return "placement"
	}
	return "unknown"
}

// AllBreakdowns returns every characteristic Breakdown knows, in the order
// pages and packs show them.
func AllBreakdowns() []By {
	return []By{ByAge, BySex, ByUASC, ByEthnicity, ByLegalStatus, ByPlacement}
}

// event is the moment an indicator is about, at which a breakdown reads
// the child's legal status and placement.
type event int

const (
	atEnd   event = iota // the period's last day (or the last day looked after before it)
	atStart              // the first start in the period
	atCease              // the last cease in the period
)

// Group is an indicator's value for one group of children, and the same
// as the disclosure policy lets it be published within its table.
type Group struct {
	Label  string
	Value  Value
	Figure Figure
}

// Table is an indicator broken down by one characteristic.
type Table struct {
	By     By
	Groups []Group
	// Total is disclose.Shown unless the table can be protected only by
	// suppressing the indicator's value itself (Headline does).
	Total disclose.Why
}

// breakdown is the groups of one characteristic, and which group a child
// is in: every child is in exactly one.
type breakdown struct {
	groups []string // in the order they are shown
	extra  []string // groups shown after them, only when they have children
	group  func(c *journey.Child, p calendar.Period, at event) string
}

// ageGroup returns the group of an age in years; -1 is an unknown age.
func ageGroup(age int) string {
	switch {
	case age < 0:
		return "age unknown"
	case age == 0:
		return "under 1"
	case age <= 4:
		return "1-4"
	case age <= 9:
		return "5-9"
	case age <= 15:
		return "10-15"
	case age <= 17:
		return "16-17"
	}
	return "18 and over"
}

// sexGroup returns the group of a SEX code: 1 or 2 until 2023/24, and M, F
// or U from 2024/25.
func sexGroup(sex string) string {
	switch sex {
	case "1", "M":
		return "male"
	case "2", "F":
		return "female"
	}
	return "sex unknown"
}

// ethnicGroup returns the DfE's ethnic group of an ETHNIC code: the first
// letter gives it (W, M, A, B), Chinese and any other group are "other"
// (the DfE counts Chinese among other ethnic groups), and refused, not yet
// obtained, blank or unknown codes are not known.
func ethnicGroup(code string) string {
	switch code {
	case "WBRI", "WIRI", "WOTH", "WIRT", "WROM":
		return "White"
	case "MWBC", "MWBA", "MWAS", "MOTH":
		return "Mixed"
	case "AIND", "APKN", "ABAN", "AOTH":
		return "Asian or Asian British"
	case "BCRB", "BAFR", "BOTH":
		return "Black or Black British"
	case "CHNE", "OOTH":
		return "other ethnic group"
	}
	return "not known or refused"
}

// legalGroup returns the group of a legal status, as the DfE's table of
// children looked after by legal status has them.
func legalGroup(ls string) string {
	switch ls {
	case "C1", "C2":
		return "care order"
	case "E1", "D1":
		return "placement order"
	case "V2":
		return "accommodated under s20"
	case "J1", "J2", "J3":
		return "youth justice"
	case "L1", "L2", "L3":
		return "police protection or emergency order"
	}
	return "other or not known"
}

// notPlaced is the placement group of a child with no episode to read.
const notPlaced = "placement not known"

var breakdowns = map[By]breakdown{
	ByAge: {
		groups: []string{"under 1", "1-4", "5-9", "10-15", "16-17"},
		extra:  []string{"18 and over", "age unknown"},
		group:  func(c *journey.Child, p calendar.Period, at event) string { return ageGroup(ageAt(c, p, at)) },
	},
	BySex: {
		groups: []string{"male", "female"},
		extra:  []string{"sex unknown"},
		group:  func(c *journey.Child, _ calendar.Period, _ event) string { return sexGroup(c.Sex) },
	},
	ByUASC: {
		groups: []string{"UASC", "not UASC"},
		group: func(c *journey.Child, _ calendar.Period, _ event) string {
			if c.UASC {
				return "UASC"
			}
			return "not UASC"
		},
	},
	ByEthnicity: {
		groups: []string{"White", "Mixed", "Asian or Asian British", "Black or Black British", "other ethnic group"},
		extra:  []string{"not known or refused"},
		group:  func(c *journey.Child, _ calendar.Period, _ event) string { return ethnicGroup(c.Ethnic) },
	},
	ByLegalStatus: {
		groups: []string{"care order", "placement order", "accommodated under s20", "youth justice",
			"police protection or emergency order"},
		extra: []string{"other or not known"},
		group: func(c *journey.Child, p calendar.Period, at event) string {
			ls := ""
			if e := statusOn(c, p, at); e != nil {
				ls = e.LS
			}
			return legalGroup(ls)
		},
	},
	ByPlacement: {
		groups: func() []string {
			var labels []string
			for _, g := range placeGroups {
				labels = append(labels, g.label)
			}
			return labels
		}(),
		extra: []string{notPlaced},
		group: func(c *journey.Child, p calendar.Period, at event) string {
			if e := statusOn(c, p, at); e != nil {
				return placeGroupOf(e.Place).label
			}
			return notPlaced
		},
	},
}

// ageAt returns the child's age at the moment at (see By): on starting
// (the first start in the period) for starts, on ceasing (the last cease
// in it) for ceases, and on the period's last day otherwise; -1 when the
// date of birth is not known.
func ageAt(c *journey.Child, p calendar.Period, at event) int {
	switch at {
	case atStart:
		if e := statusOn(c, p, at); e != nil {
			return c.AgeOn(e.Start)
		}
	case atCease:
		if q := lastCease(c, p); q != nil {
			return c.AgeOn(q.End)
		}
	}
	return c.AgeOn(p.End)
}

// statusOn returns the episode whose legal status and placement describe
// the child at the moment at (see By), or nil when there is none: short
// breaks are never read.
func statusOn(c *journey.Child, p calendar.Period, at event) *journey.Episode {
	switch at {
	case atStart:
		for i := range c.Periods {
			if q := &c.Periods[i]; !q.ShortBreak && p.Contains(q.Start) {
				return &q.Episodes[0]
			}
		}
		return nil
	case atCease:
		if q := lastCease(c, p); q != nil {
			return &q.Episodes[len(q.Episodes)-1]
		}
		return nil
	}
	if e := episodeOn(c, p.End); e != nil {
		return e
	}
	// Not looked after on the last day: the last episode before it.
	for i := len(c.Periods) - 1; i >= 0; i-- {
		q := &c.Periods[i]
		if q.ShortBreak || q.Start > p.End {
			continue
		}
		if e := startedBy(q.Episodes, episodeStart, p.End); e != nil {
			return e
		}
	}
	return nil
}

// Breakdown computes the indicator for each group of children by the
// characteristic, in a fixed order, each group's figure as the policy
// publishes it (disclose.Policy.Table: a group that, published, would let
// a suppressed one be worked out is suppressed too). Counts, shares,
// medians and means are computed within each group (a share's
// denominator is the group's); rates are not known by group, as the
// population is not broken down, though their numerators are given.
// Groups for ages 18 and over, for an unknown age, sex, ethnicity, legal
// status or placement appear only when they have children in the
// numerator or the denominator. A By it does not know gives no groups.
func Breakdown(ind *Indicator, set *journey.Set, p calendar.Period, by By, policy disclose.Policy) Table {
	t := Table{By: by, Groups: groups(ind, set, p, by)}
	if len(t.Groups) > 0 {
		t.Total = protect(ind, sumOf(t.Groups), t.Groups, policy)
	}
	return t
}

// sumOf adds up the groups' counts: every child is in exactly one group,
// so they add up to the indicator's over the whole set, without
// computing it again.
func sumOf(groups []Group) Value {
	var v Value
	for _, g := range groups {
		v.Numerator += g.Value.Numerator
		v.Denominator += g.Value.Denominator
		v.Value += g.Value.Value // episodes, where they are counted
	}
	return v
}

// Breakdowns computes every breakdown of the indicator (AllBreakdowns, in
// order, some perhaps without groups) with v, its value for the period, as the
// total; and v as the policy publishes it beside them: suppressed when any
// table needs it to be.
func Breakdowns(ind *Indicator, set *journey.Set, p calendar.Period, v Value, policy disclose.Policy) (Figure, []Table) {
	total := Publish(ind, v, policy)
	var tables []Table
	for _, by := range AllBreakdowns() {
		t := Table{By: by, Groups: groups(ind, set, p, by)}
		if len(t.Groups) > 0 {
			t.Total = protect(ind, v, t.Groups, policy)
		}
		if t.Total == disclose.Secondary { // a primary one, Publish has seen to
			total = total.hide(t.Total)
		}
		tables = append(tables, t)
	}
	return total, tables
}

// groups computes the indicator for each group of children by the
// characteristic, the figures not yet set.
func groups(ind *Indicator, set *journey.Set, p calendar.Period, by By) []Group {
	b, ok := breakdowns[by]
	if !ok {
		return nil
	}
	// Each child's group is found once, and each group's children are a
	// set of their own: the indicator then reads every child once.
	labels := append(slices.Clip(b.groups), b.extra...)
	members := make([][]*journey.Child, len(labels))
	for _, c := range set.Children {
		if i := slices.Index(labels, b.group(c, p, ind.event)); i >= 0 {
			members[i] = append(members[i], c)
		}
	}
	var out []Group
	for i, label := range labels {
		v := ind.Compute(&journey.Set{Children: members[i]}, p, nil)
		if i >= len(b.groups) && v.Numerator == 0 && (ind.Unit != Percent || v.Denominator == 0) {
			continue
		}
		out = append(out, Group{Label: label, Value: v})
	}
	return out
}
