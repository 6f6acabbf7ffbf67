package indicators

import (
	"cmp"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
)

// Breakdown is a figure split by one characteristic, as the DfE's
// release publishes it. Each group's Value counts what the figure counts
// (Numerator) of the figure's whole (Denominator), so the groups add up
// to the figure.
type Breakdown struct {
	By     string // "source", "age", "sex", "disability" or "category"
	Groups []Group
}

// Characteristics the figures are broken down by.
const (
	BySource     = "source"
	ByAge        = "age"
	BySex        = "sex"
	ByDisability = "disability"
	ByCategory   = "category"
)

// notRecorded is the group of a blank code.
const notRecorded = "not recorded"

// ageBands are the DfE's age groups of children in need and on plans, by
// age on 31 March, youngest first.
var ageBands = []string{"under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"}

// splits are the breakdowns of each indicator that has any: what the
// DfE's release tables break the figure down by.
var splits = map[string][]string{
	"cin_referrals":  {BySource},
	"cin_end":        {ByAge, BySex, ByDisability},
	"cp_plans_end":   {ByAge, BySex},
	"cp_by_category": {ByCategory},
}

// Breakdowns returns the figure f of in.Year split by each characteristic
// the DfE publishes it by; none when the figure is not known or has no
// breakdown. The counting rules:
//
//   - source: the year's referrals (cin_referrals) by ReferralSource, as
//     submitted; blank is "not recorded".
//   - age: the children by age in whole years on 31 March, from
//     PersonBirthDate, in ageBands.
//   - sex: the children by Sex (M, F), or GenderCurrent before 2025/26
//     (1 male, 2 female); anything else is "not recorded".
//   - disability: "disabled" when the child has a Disability code other
//     than NONE, "not disabled" when NONE is the only one, "not recorded"
//     when the census lists none.
//   - category: the figure's own groups (cp_by_category).
//
// Each child counted at 31 March is in one group of each.
func (ind *Indicator) Breakdowns(in Input, f Figure) []Breakdown {
	if !f.Value.Known || in.Front == nil {
		return nil
	}
	var out []Breakdown
	for _, by := range splits[ind.ID] {
		if by == ByCategory {
			out = append(out, Breakdown{By: by, Groups: f.Groups})
			continue
		}
		rs := ind.counted(&in)
		key := keyOf(by, in.Year.End())
		out = append(out, split(by, rs, key, len(rs)))
	}
	return out
}

// counted returns what the indicator counts, one referral each.
func (ind *Indicator) counted(in *Input) []referral {
	switch ind.ID {
	case "cin_referrals":
		return referralsIn(in)
	case "cin_end":
		return inNeedAtEnd(in)
	case "cp_plans_end":
		return plansAtEnd(in)
	}
	return nil
}

// keyOf returns the function that puts a referral in its group of by.
func keyOf(by string, end calendar.Date) func(referral) string {
	switch by {
	case BySource:
		return func(r referral) string { return orBlank(r.Source) }
	case ByAge:
		return func(r referral) string { return ageBand(r.child.DOB, r.child.HasDOB, end) }
	case BySex:
		return func(r referral) string { return sexGroup(r.child.Sex) }
	}
	return func(r referral) string { return disabilityGroup(r.child.Disabilities) }
}

// split counts rs by key, each group of total. Age bands come in their
// order, always all of them, then unborn children if any; other groups
// by name.
func split(by string, rs []referral, key func(referral) string, total int) Breakdown {
	groups := map[string][]referral{}
	for _, r := range rs {
		k := key(r)
		groups[k] = append(groups[k], r)
	}
	b := Breakdown{By: by}
	if by == ByAge {
		for _, band := range ageBands {
			b.Groups = append(b.Groups, Group{Name: band, Value: share(groups[band], total, 0).Value})
		}
		if unborn := groups[unbornBand]; len(unborn) > 0 {
			b.Groups = append(b.Groups, Group{Name: unbornBand, Value: share(unborn, total, 0).Value})
		}
		return b
	}
	for name, members := range groups {
		b.Groups = append(b.Groups, Group{Name: name, Value: share(members, total, 0).Value})
	}
	slices.SortFunc(b.Groups, func(x, y Group) int { return cmp.Compare(x.Name, y.Name) })
	return b
}

// orBlank is a code as submitted, or notRecorded when blank.
func orBlank(code string) string {
	if c := strings.TrimSpace(code); c != "" {
		return c
	}
	return notRecorded
}

// unbornBand is the group of a child with no date of birth, or born
// after day end: an unborn child on a plan (a pre-birth plan).
const unbornBand = "unborn or date of birth not recorded"

// ageBand is the band of the age on day end of a child born on dob.
func ageBand(dob calendar.Date, known bool, end calendar.Date) string {
	if !known || dob > end {
		return unbornBand
	}
	switch age := calendar.AgeOn(dob, end); {
	case age < 1:
		return ageBands[0]
	case age <= 4:
		return ageBands[1]
	case age <= 9:
		return ageBands[2]
	case age <= 15:
		return ageBands[3]
	}
	return ageBands[4]
}

// sexGroup is the group of a Sex or GenderCurrent code.
func sexGroup(code string) string {
	switch strings.TrimSpace(code) {
	case "M", "1":
		return "male"
	case "F", "2":
		return "female"
	}
	return notRecorded
}

// disabilityGroup is the group of a child's Disability codes.
func disabilityGroup(codes []string) string {
	if len(codes) == 0 {
		return notRecorded
	}
	for _, c := range codes {
		if c != "NONE" {
			return "disabled"
		}
	}
	return "not disabled"
}

// Cells returns the breakdown as the policy publishes it, the figure's
// own cell as the total. Publishable, a group of 1 to 5 is suppressed
// and then as many more as disclose.Table needs so that none can be
// worked back from the total; category is not published at all, since
// a child's latest category is not yet protected against the
// indicator's other tables.
func (b Breakdown) Cells(policy disclose.Policy) []disclose.Cell {
	out := make([]disclose.Cell, len(b.Groups))
	counts := make([]int, len(b.Groups))
	total := 0
	for i, g := range b.Groups {
		counts[i], total = g.Value.Numerator, g.Value.Denominator
		out[i] = policy.Count(g.Value.Numerator)
	}
	if policy != disclose.Publishable {
		return out
	}
	if b.By == ByCategory {
		for i := range out {
			out[i] = out[i].Hide(disclose.Secondary)
		}
		return out
	}
	p := policy.Table([]disclose.Measure{{Total: total, Groups: counts, Small: true}})
	for i, why := range p.Groups {
		if why != disclose.Shown {
			out[i] = out[i].Hide(why)
		}
	}
	return out
}

// Published reports whether any of the breakdown can be published under
// the policy: not category when publishable.
func (b Breakdown) Published(policy disclose.Policy) bool {
	return policy != disclose.Publishable || b.By != ByCategory
}
