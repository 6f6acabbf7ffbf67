package indicators

import "github.com/village-uk/village/journey"

// By is a characteristic to break an indicator down by.
//
// Characteristics of the child (age, sex, UASC, ethnicity) are read as
// they are: age on the period's last day, the others from the latest
// return. Legal status and placement change over time, so they are read
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
	ByAge         By = iota // age on the period's last day: under 1, 1-4, 5-9, 10-15, 16-17 (and 18 and over, age unknown)
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

// Group is an indicator's value for one group of children.
type Group struct {
	Label string
	Value Value
}

type grouping struct {
	label string
	keep  func(c *journey.Child, p Period, at event) bool
	extra bool // shown only when it has children
}

func ageBetween(lo, hi int) func(*journey.Child, Period, event) bool {
	return func(c *journey.Child, p Period, _ event) bool {
		a := c.AgeOn(p.End)
		return a >= lo && a <= hi
	}
}

func sexIs(codes ...string) func(*journey.Child, Period, event) bool {
	return func(c *journey.Child, _ Period, _ event) bool {
		for _, s := range codes {
			if c.Sex == s {
				return true
			}
		}
		return false
	}
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

func ethnicIs(group string) func(*journey.Child, Period, event) bool {
	return func(c *journey.Child, _ Period, _ event) bool { return ethnicGroup(c.Ethnic) == group }
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

func legalIs(group string) func(*journey.Child, Period, event) bool {
	return func(c *journey.Child, p Period, at event) bool {
		ls := ""
		if e := statusOn(c, p, at); e != nil {
			ls = e.LS
		}
		return legalGroup(ls) == group
	}
}

func placedIn(group string) func(*journey.Child, Period, event) bool {
	return func(c *journey.Child, p Period, at event) bool {
		e := statusOn(c, p, at)
		if e == nil {
			return group == notPlaced
		}
		return placeGroupOf(e.Place).label == group
	}
}

// notPlaced is the placement group of a child with no episode to read.
const notPlaced = "placement not known"

var groupings = map[By][]grouping{
	ByAge: {
		{label: "under 1", keep: ageBetween(0, 0)},
		{label: "1-4", keep: ageBetween(1, 4)},
		{label: "5-9", keep: ageBetween(5, 9)},
		{label: "10-15", keep: ageBetween(10, 15)},
		{label: "16-17", keep: ageBetween(16, 17)},
		{label: "18 and over", keep: ageBetween(18, 1<<30), extra: true},
		{label: "age unknown", keep: func(c *journey.Child, p Period, _ event) bool { return c.AgeOn(p.End) < 0 }, extra: true},
	},
	BySex: {
		// SEX is 1 or 2 until 2023/24, and M, F or U from 2024/25.
		{label: "male", keep: sexIs("1", "M")},
		{label: "female", keep: sexIs("2", "F")},
		{label: "sex unknown", keep: func(c *journey.Child, _ Period, _ event) bool {
			return !sexIs("1", "M", "2", "F")(c, Period{}, atEnd)
		}, extra: true},
	},
	ByUASC: {
		{label: "UASC", keep: func(c *journey.Child, _ Period, _ event) bool { return c.UASC }},
		{label: "not UASC", keep: func(c *journey.Child, _ Period, _ event) bool { return !c.UASC }},
	},
	ByEthnicity: {
		{label: "White", keep: ethnicIs("White")},
		{label: "Mixed", keep: ethnicIs("Mixed")},
		{label: "Asian or Asian British", keep: ethnicIs("Asian or Asian British")},
		{label: "Black or Black British", keep: ethnicIs("Black or Black British")},
		{label: "other ethnic group", keep: ethnicIs("other ethnic group")},
		{label: "not known or refused", keep: ethnicIs("not known or refused"), extra: true},
	},
	ByLegalStatus: {
		{label: "care order", keep: legalIs("care order")},
		{label: "placement order", keep: legalIs("placement order")},
		{label: "accommodated under s20", keep: legalIs("accommodated under s20")},
		{label: "youth justice", keep: legalIs("youth justice")},
		{label: "police protection or emergency order", keep: legalIs("police protection or emergency order")},
		{label: "other or not known", keep: legalIs("other or not known"), extra: true},
	},
	ByPlacement: func() []grouping {
		var out []grouping
		for _, g := range placeGroups {
			out = append(out, grouping{label: g.label, keep: placedIn(g.label)})
		}
		return append(out, grouping{label: notPlaced, keep: placedIn(notPlaced), extra: true})
	}(),
}

// statusOn returns the episode whose legal status and placement describe
// the child at the moment at (see By), or nil when there is none: short
// breaks are never read.
func statusOn(c *journey.Child, p Period, at event) *journey.Episode {
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
		for j := len(q.Episodes) - 1; j >= 0; j-- {
			if q.Episodes[j].Start <= p.End {
				return &q.Episodes[j]
			}
		}
	}
	return nil
}

// Breakdown computes the indicator for each group of children by the
// characteristic, in a fixed order. Counts, shares, medians and means are
// computed within each group (a share's denominator is the group's);
// rates are not known by group, as the population is not broken down,
// though their numerators are given. Groups for ages 18 and over, for an
// unknown age, sex, ethnicity, legal status or placement appear only when
// they have children in the numerator or the denominator. A By it does
// not know gives no groups.
func Breakdown(ind *Indicator, set *journey.Set, p Period, pop Population, by By) []Group {
	var out []Group
	for _, g := range groupings[by] {
		keep := func(c *journey.Child) bool { return g.keep(c, p, ind.event) }
		v := ind.compute(set, p, pop, keep)
		if g.extra && v.Numerator == 0 && (ind.Unit != Percent || v.Denominator == 0) {
			continue
		}
		out = append(out, Group{Label: g.label, Value: v})
	}
	return out
}
