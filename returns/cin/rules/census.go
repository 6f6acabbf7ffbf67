package rules

import (
	"strconv"

	"github.com/village-uk/village/returns/cin"
)

// laLevelRules are the queries on the census as a whole, reported once
// against its Header and naming no child: how sex and disabilities are
// recorded across the authority.
var laLevelRules = []*Rule{rule2886QGender, rule2886Q, rule2887Q, rule2888Q}

// laLevel is where a rule on the whole census reports: the Header, which
// names no child.
var laLevel = Ref{Table: cin.Header}

// rule2886QGender: no more than 2% of born children have no gender
// recorded (to 2023/24).
var rule2886QGender = &Rule{
	Code: "2886Q", Message: "Please check and either amend or provide a reason: Percentage of children with no gender recorded is more than 2% (excluding unborns)",
	Tables: []Table{cin.ChildIdentifiers},
	Until:  2024,
	Check: func(c *Context) {
		noSex(c, "GenderCurrent", func(id *Identifiers) bool { return blank(id.GenderCurrent) || id.GenderCurrent == "0" })
	},
}

// rule2886Q: no more than 2% of born children have Sex U or blank (from
// 2024/25).
var rule2886Q = &Rule{
	Code: "2886Q", Message: "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)",
	Tables: []Table{cin.ChildIdentifiers},
	From:   2025,
	Check: func(c *Context) {
		noSex(c, "Sex", func(id *Identifiers) bool { return blank(id.Sex) || id.Sex == "U" })
	},
}

// noSex fails the census when more than 2% of its child records, unborn
// children (an expected date of birth) counted as recorded, have no sex.
func noSex(c *Context, field string, missing func(*Identifiers) bool) {
	n := 0
	for _, id := range c.Identifiers {
		if missing(id) && id.ExpectedPersonBirthDate.Blank() {
			n++
		}
	}
	if total := len(c.Identifiers); total > 0 && n*50 > total {
		c.Failf(laLevel, nil, "%d of the %d child records (%.1f%%), not counting unborn children, have no %s recorded",
			n, total, 100*float64(n)/float64(total), field)
	}
}

// rule2887Q: the authority uses at least eight disability codes, not
// counting NONE.
var rule2887Q = &Rule{
	Code: "2887Q", Message: "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return",
	Tables: []Table{cin.Disabilities},
	Check: func(c *Context) {
		used := map[string]bool{}
		for _, d := range c.Disabilities {
			if validCode(disabilityCodes, d.Disability) && d.Disability != "NONE" {
				used[d.Disability] = true
			}
		}
		if len(used) < 8 {
			c.Failf(laLevel, nil, "the census uses %s other than NONE", plural(len(used), "disability code"))
		}
	},
}

// rule2888Q: when children have disabilities, at least one child has more
// than one recorded.
var rule2888Q = &Rule{
	Code: "2888Q", Message: "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.",
	Tables: []Table{cin.Disabilities},
	Check: func(c *Context) {
		disabled := 0
		for _, ch := range c.Children {
			n := 0
			for _, d := range ch.Disabilities {
				if !blank(d.Disability) && d.Disability != "NONE" {
					n++
				}
			}
			if n > 1 {
				return
			}
			disabled += n
		}
		if disabled > 0 {
			c.Failf(laLevel, nil, "each of the %d children with a disability has only one recorded", disabled)
		}
	},
}

// rule1530: a UPN's characters 2 to 4 are a local authority code in use
// since April 1998, or a recognised pseudo code.
var rule1530 = &Rule{
	Code: "1530", Message: "UPN invalid (characters 2-4 not a recognised LA code)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if blank(id.UPN) {
				continue
			}
			if len(id.UPN) < 4 || !upnLA(id.UPN[1:4]) {
				c.Failf(id.Ref(), nil, "characters 2 to 4 of UPN %q are not a recognised local authority code", id.UPN)
			}
		}
	},
}

// upnLACodes are the ranges of local authority codes (and the DfE's
// pseudo codes) a UPN may carry, from the DfE's rule 1530.
var upnLACodes = [][2]int{{1, 5}, {201, 213}, {301, 320}, {330, 336}, {340, 344}, {350, 359}, {370, 373},
	{380, 384}, {390, 394}, {420, 420}, {660, 681}, {701, 708}, {800, 803}, {805, 808}, {810, 813}, {815, 816},
	{820, 823}, {825, 826}, {830, 831}, {835, 841}, {845, 846}, {850, 852}, {855, 857}, {860, 861}, {865, 896},
	{908, 909}, {916, 916}, {919, 919}, {921, 921}, {925, 926}, {928, 929}, {931, 931}, {933, 933}, {935, 938},
	{940, 941}}

func upnLA(s string) bool {
	if !digits(s) {
		return false
	}
	n, _ := strconv.Atoi(s)
	for _, r := range upnLACodes {
		if n >= r[0] && n <= r[1] {
			return true
		}
	}
	return false
}

// rule8770Q: a child of school age referred for further action has a UPN,
// or a reason it is unknown other than UN1 (not of school age) (from
// 2024/25). A child is of school age when born on or before 31 August
// six years before the 31 August after the reference date.
var rule8770Q = &Rule{
	Code: "8770Q", Message: "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"UPN", "UPNunknown", "PersonBirthDate"},
	From: 2025,
	Check: func(c *Context) {
		y, _, _ := c.Reference.Civil()
		schoolAge := dateOf(y-6, 8, 31)
		for _, ch := range c.Children {
			further := false
			for _, d := range ch.Details {
				further = further || no(d.ReferralNFA)
			}
			if !further {
				continue
			}
			for _, id := range ch.Identifiers {
				b := id.PersonBirthDate
				if !b.OK || b.Day > schoolAge || !blank(id.UPN) || validCode(upnUnknownReasons, id.UPNunknown) {
					continue
				}
				c.Failf(id.Ref(), nil, "the child, born %s, is of school age and referred for further action, but has no UPN and UPNunknown is %s",
					b.Text, showValue(id.UPNunknown))
			}
		}
	},
}

// upnUnknownReasons are the reasons a school-age child's UPN may be
// unknown: every UPNunknown code but UN1, "not of school age".
var upnUnknownReasons = []string{"UN2", "UN3", "UN4", "UN5", "UN6", "UN7"}
