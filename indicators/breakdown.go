package indicators

import "github.com/village-uk/village/journey"

// By is a characteristic to break an indicator down by.
type By int

const (
	ByAge  By = iota // age on the period's last day: under 1, 1-4, 5-9, 10-15, 16-17 (and 18 and over, age unknown)
	BySex            // male, female (and sex unknown)
	ByUASC           // UASC, not UASC: unaccompanied asylum-seeking in any loaded return
)

func (b By) String() string {
	switch b {
	case ByAge:
		return "age"
	case BySex:
		return "sex"
	case ByUASC:
		return "UASC"
	}
	return "unknown"
}

// Group is an indicator's value for one group of children.
type Group struct {
	Label string
	Value Value
}

type grouping struct {
	label string
	keep  func(c *journey.Child, p Period) bool
	extra bool // shown only when it has children
}

func ageBetween(lo, hi int) func(*journey.Child, Period) bool {
	return func(c *journey.Child, p Period) bool {
		a := c.AgeOn(p.End)
		return a >= lo && a <= hi
	}
}

func sexIs(codes ...string) func(*journey.Child, Period) bool {
	return func(c *journey.Child, _ Period) bool {
		for _, s := range codes {
			if c.Sex == s {
				return true
			}
		}
		return false
	}
}

var groupings = map[By][]grouping{
	ByAge: {
		{label: "under 1", keep: ageBetween(0, 0)},
		{label: "1-4", keep: ageBetween(1, 4)},
		{label: "5-9", keep: ageBetween(5, 9)},
		{label: "10-15", keep: ageBetween(10, 15)},
		{label: "16-17", keep: ageBetween(16, 17)},
		{label: "18 and over", keep: ageBetween(18, 1<<30), extra: true},
		{label: "age unknown", keep: func(c *journey.Child, p Period) bool { return c.AgeOn(p.End) < 0 }, extra: true},
	},
	BySex: {
		// SEX is 1 or 2 until 2023/24, and M, F or U from 2024/25.
		{label: "male", keep: sexIs("1", "M")},
		{label: "female", keep: sexIs("2", "F")},
		{label: "sex unknown", keep: func(c *journey.Child, _ Period) bool {
			return !sexIs("1", "M", "2", "F")(c, Period{})
		}, extra: true},
	},
	ByUASC: {
		{label: "UASC", keep: func(c *journey.Child, _ Period) bool { return c.UASC }},
		{label: "not UASC", keep: func(c *journey.Child, _ Period) bool { return !c.UASC }},
	},
}

// Breakdown computes the indicator for each group of children by the
// characteristic, in a fixed order. Counts and shares are computed within
// each group (a share's denominator is the group's); rates are not known
// by group, as the population is not broken down, though their
// numerators are given. Groups for ages 18 and over and for an unknown
// age or sex appear only when they have children in the numerator or the
// denominator. A By it does not know gives no groups.
func Breakdown(ind *Indicator, set *journey.Set, p Period, pop Population, by By) []Group {
	var out []Group
	for _, g := range groupings[by] {
		keep := func(c *journey.Child) bool { return g.keep(c, p) }
		v := ind.compute(set, p, pop, keep)
		if g.extra && v.Numerator == 0 && (ind.Unit != Percent || v.Denominator == 0) {
			continue
		}
		out = append(out, Group{Label: g.label, Value: v})
	}
	return out
}
