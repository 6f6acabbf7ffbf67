// Package indicators computes the children in need indicators of a
// collection year (1 April to 31 March) from the front door of package
// frontdoor: referrals, re-referrals, assessments, section 47 enquiries
// and conferences, children in need and child protection plans at
// 31 March, and how many referred children came into care (from the
// SSDA903's journeys).
//
// Definitions follow the DfE's statistical release "Characteristics of
// children in need" and its methodology ("Children in need" from 2023);
// each indicator's Definition says what it counts and which DfE figure it
// follows. It sits under frontdoor, not in internal/indicators, because
// its figures are read from the census's referrals rather than the 903's
// periods of care and are measured once a collection year, not for any
// period; it reuses internal/indicators' Value, Population, units and
// directions, so that pages, packs and disclosure treat both alike.
//
// Numbers are true or absent: a figure is not Known when the censuses
// loaded do not cover what it needs (the year's census; for
// referral_to_care_12m, 903 returns to 12 months after the year; for a
// rate, a population). Left censoring is handled as the 903's indicators
// handle it: a referral whose 12 months before reach back before the first
// census loaded, with no earlier referral in the data, may or may not be a
// re-referral, and is left out of both sides of the share and counted in
// Value.LeftOut.
package indicators

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

// Units beyond internal/indicators' (Children, Per10k, Percent).
const (
	Referrals = "referrals"
	Enquiries = "section 47 enquiries"
)

// Input is what the indicators of one collection year are computed from.
type Input struct {
	Year  calendar.Year  // the collection year: 1 April to 31 March
	Front *frontdoor.Set // the CIN censuses, reconciled
	// Care is the 903's journeys, for referral_to_care_12m; nil when
	// there are none.
	Care *journey.Set
	// Population is the 0-17 population for rates; nil leaves rates not
	// known.
	Population lac.Population
}

// Indicator is one children in need indicator.
type Indicator struct {
	ID         string
	Title      string
	Definition string // in plain words, citing the DfE figure it follows
	Unit       string
	Direction  lac.Direction
	compute    func(in *Input) Figure
}

// Figure is an indicator's value for a year. Value.Numerator counts what
// the unit counts (referrals, enquiries, plans or children);
// Value.Children lists the children behind it, each once.
type Figure struct {
	Indicator *Indicator
	Value     lac.Value
	// Counted is the child of each thing the numerator counts, sorted: a
	// child with two referrals in the year is there twice. It is made
	// from the same list as the numerator, so len(Counted) is always
	// Value.Numerator, and its IDs without repeats are Value.Children.
	Counted []string
	// Groups splits the value by category (cp_by_category); nil otherwise.
	Groups []Group
	// Note says why the figure is not known, or what it leaves out; "".
	Note string
}

// Group is one category's share of a figure.
type Group struct {
	Name  string
	Value lac.Value
}

// All returns every indicator, in the order pages and packs list them.
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
	if in.Front == nil || in.Front.First == 0 || in.Year < in.Front.First || in.Year > in.Front.Last {
		return Figure{Indicator: ind, Note: "no CIN census for " + in.Year.String() + " is loaded"}
	}
	f := ind.compute(&in)
	f.Indicator = ind
	if f.Note == "" && f.Value.LeftOut > 0 {
		f.Note = strconv.Itoa(f.Value.LeftOut) + " left out: the 12 months before reach back before the first census loaded"
	}
	return f
}

// Children returns the child of each thing the indicator's numerator
// counts for in.Year, sorted, a child once for each: the list behind the
// figure Compute gives, counted by the same code.
func (ind *Indicator) Children(in Input) []string { return ind.Compute(in).Counted }

// ComputeAll computes every indicator for in.Year.
func ComputeAll(in Input) []Figure {
	out := make([]Figure, 0, len(all))
	for _, ind := range all {
		out = append(out, ind.Compute(in))
	}
	return out
}

const (
	notCarriedText = "A referral or plan open in an earlier census and missing from the year's is not counted as open: " +
		"it was closed without the census saying when."
	unbornText = "Unborn children (no date of birth, or born after 31 March) are not counted."
)

var all = []*Indicator{
	{
		ID: "cin_referrals", Title: "Referrals to children's social care",
		Definition: "Referrals (CINdetails) whose CINreferralDate is in the collection year, each counted, " +
			"however many a child had. DfE: number of referrals in the year.",
		Unit: Referrals, Direction: lac.Neither,
		compute: func(in *Input) Figure { return count(referralsIn(in)) },
	},
	{
		ID: "cin_referral_rate_per_10k", Title: "Referrals per 10,000 children",
		Definition: "cin_referrals ÷ the 0-17 population (ONS mid-year estimate) × 10,000. " +
			"DfE: rate of referrals per 10,000 children aged under 18.",
		Unit: lac.Per10k, Direction: lac.Neither,
		compute: func(in *Input) Figure { return rate(in, referralsIn(in)) },
	},
	{
		ID: "re_referrals_12m_share", Title: "Re-referrals within 12 months of a previous referral",
		Definition: "Of the referrals in the year, the percentage made within 12 months of the date of a previous referral " +
			"of the same child (a referral on or after the same day a year before, and before this one). " +
			"A referral with no earlier one in the data whose 12 months reach back before the first census loaded " +
			"is left out of both. DfE: referrals within 12 months of a previous referral.",
		Unit: lac.Percent, Direction: lac.LowerIsBetter,
		compute: reReferrals,
	},
	{
		ID: "assessments_45wd_share", Title: "Assessments completed within 45 working days",
		Definition: "Of the assessments completed (AssessmentAuthorisationDate) in the year, the percentage completed within " +
			"45 working days of the referral's CINreferralDate (calendar.WorkingDays, England's bank holidays). " +
			"DfE: assessments completed within 45 working days, as Working Together sets the timescale from referral.",
		Unit: lac.Percent, Direction: lac.HigherIsBetter,
		compute: assessments45,
	},
	{
		ID: "s47_enquiries", Title: "Section 47 enquiries started",
		Definition: "Section 47 enquiries whose S47ActualStartDate is in the year, each counted. " +
			"DfE: section 47 enquiries which started in the year.",
		Unit: Enquiries, Direction: lac.Neither,
		compute: enquiries,
	},
	{
		ID: "s47_icpc_15wd_share", Title: "Initial child protection conferences within 15 working days",
		Definition: "Of the initial child protection conferences held in the year (DateOfInitialCPC), the percentage held " +
			"within 15 working days of the start of the section 47 enquiry (the strategy discussion). " +
			"DfE: ICPCs within 15 working days of the start of the section 47 enquiry.",
		Unit: lac.Percent, Direction: lac.HigherIsBetter,
		compute: conferences15,
	},
	{
		ID: "cin_end", Title: "Children in need at 31 March",
		Definition: "Children with an episode of need (a referral) open on 31 March: begun on or before it and not closed " +
			"by it (CINclosureDate blank or after 31 March); a child is counted once. Referrals with no further action " +
			"are not episodes of need. " + unbornText + " " + notCarriedText + " " +
			"DfE: children in need at 31 March (looked-after children and children on plans included).",
		Unit: lac.Children, Direction: lac.Neither,
		compute: func(in *Input) Figure { return count(inNeedAtEnd(in)) },
	},
	{
		ID: "cin_rate_per_10k", Title: "Children in need at 31 March per 10,000 children",
		Definition: "cin_end ÷ the 0-17 population (ONS mid-year estimate) × 10,000. DfE: rate of children in need per 10,000 children.",
		Unit:       lac.Per10k, Direction: lac.Neither,
		compute: func(in *Input) Figure { return rate(in, inNeedAtEnd(in)) },
	},
	{
		ID: "cp_plans_end", Title: "Children on a child protection plan at 31 March",
		Definition: "Children with a child protection plan begun on or before 31 March and not ended by it (CPPendDate blank " +
			"or after 31 March); a child is counted once. " + notCarriedText + " " +
			"DfE: children who were the subject of a child protection plan at 31 March.",
		Unit: lac.Children, Direction: lac.Neither,
		compute: func(in *Input) Figure { return count(plansAtEnd(in)) },
	},
	{
		ID: "cp_rate_per_10k", Title: "Children on a child protection plan at 31 March per 10,000 children",
		Definition: "cp_plans_end ÷ the 0-17 population (ONS mid-year estimate) × 10,000. " +
			"DfE: rate of children subject of a plan per 10,000 children.",
		Unit: lac.Per10k, Direction: lac.Neither,
		compute: func(in *Input) Figure { return rate(in, plansAtEnd(in)) },
	},
	{
		ID: "cp_second_or_later_share", Title: "Child protection plans for a second or later time",
		Definition: "Of the children who became the subject of a plan in the year (CPPstartDate in the year), the percentage " +
			"for whom it was a second or later plan (NumberOfPreviousCPP above 0 on a plan begun in the year). " +
			"Plans whose NumberOfPreviousCPP is not a number are left out. " +
			"DfE: children becoming the subject of a plan for a second or subsequent time.",
		Unit: lac.Percent, Direction: lac.LowerIsBetter,
		compute: secondPlans,
	},
	{
		ID: "cp_ended_2y_plus_share", Title: "Child protection plans ended after 2 years or more",
		Definition: "Of the child protection plans that ended in the year (CPPendDate in the year), the percentage that had " +
			"lasted 2 years or more (ended on or after the second anniversary of CPPstartDate). " +
			"DfE: plans ceasing in the year which lasted 2 years or more.",
		Unit: lac.Percent, Direction: lac.LowerIsBetter,
		compute: longPlans,
	},
	{
		ID: "cp_by_category", Title: "Children on a child protection plan at 31 March by category of abuse",
		Definition: "cp_plans_end by the latest category of abuse (LatestCategoryOfAbuse) of the child's plan open on 31 March " +
			"(of the latest begun, when a child has two); blank is 'not recorded'. " +
			"DfE: children subject of a plan at 31 March by latest category of abuse.",
		Unit: lac.Children, Direction: lac.Neither,
		compute: byCategory,
	},
	{
		ID: "referral_to_care_12m", Title: "Referred children who came into care within 12 months",
		Definition: "Of the children referred in the year, " +
			"the percentage with a period of care (other than short breaks, from the SSDA903) that began on or after the day of " +
			"their first referral in the year and within 12 months of it; a child looked after the day before that referral is left out. " +
			"Known only when the 903 returns reach 12 months past the year's end.",
		Unit: lac.Percent, Direction: lac.Neither,
		compute: referralToCare,
	},
}

// referral is one referral with its child.
type referral struct {
	child *frontdoor.Child
	*frontdoor.Referral
}

// openOn reports whether r was open on day d by the censuses loaded: begun
// on or before it and not closed by it, and, when open, seen in a census
// of d's collection year or later (else it was closed without the census
// saying when).
func openOn(r *frontdoor.Referral, sp frontdoor.Span, d calendar.Date) bool {
	if sp.Start > d {
		return false
	}
	if sp.Open {
		return r.Year >= calendar.YearOf(d)
	}
	return sp.End > d
}

// referralsIn returns the year's referrals, by child.
func referralsIn(in *Input) []referral {
	var out []referral
	for _, c := range in.Front.Children {
		for i := range c.Referrals {
			if in.Year.Contains(c.Referrals[i].Start) {
				out = append(out, referral{c, &c.Referrals[i]})
			}
		}
	}
	return out
}

// count counts rs, with their children.
func count(rs []referral) Figure {
	counted, ids := childIDs(rs)
	return Figure{Value: lac.Value{Value: float64(len(rs)), Numerator: len(rs), Known: true, Children: ids}, Counted: counted}
}

// rate is len(rs) per 10,000 children aged 0 to 17 on the year's last day.
func rate(in *Input, rs []referral) Figure {
	counted, ids := childIDs(rs)
	f := Figure{Value: lac.Value{Numerator: len(rs), Children: ids}, Counted: counted}
	if in.Population == nil {
		f.Note = "no population estimate is loaded"
		return f
	}
	n, ok := in.Population.Aged0to17(in.Year.End())
	if !ok || n <= 0 {
		f.Note = "no population estimate for " + in.Year.End().Long()
		return f
	}
	f.Value.Denominator, f.Value.Known = n, true
	f.Value.Value = float64(len(rs)) / float64(n) * 10000
	return f
}

// share is num of denom as a percentage, with the children of num.
func share(num []referral, denom, leftOut int) Figure {
	counted, ids := childIDs(num)
	f := Figure{Value: lac.Value{Numerator: len(num), Denominator: denom, Children: ids, LeftOut: leftOut}, Counted: counted}
	if denom > 0 {
		f.Value.Known = true
		f.Value.Value = 100 * float64(len(num)) / float64(denom)
	}
	return f
}

// childIDs lists the child of each of rs, sorted, and the children of
// rs, sorted, each once.
func childIDs(rs []referral) (counted, children []string) {
	counted = make([]string, 0, len(rs))
	for _, r := range rs {
		counted = append(counted, r.child.ID)
	}
	slices.Sort(counted)
	return counted, slices.Compact(slices.Clone(counted))
}

func reReferrals(in *Input) Figure {
	var re []referral
	denom, leftOut := 0, 0
	for _, r := range referralsIn(in) {
		since := r.Start.AddYears(-1)
		previous := false
		for _, p := range r.child.Referrals {
			if p.Start < r.Start && p.Start >= since {
				previous = true
				break
			}
		}
		if !previous && since < in.Front.First.Start() {
			leftOut++
			continue
		}
		denom++
		if previous {
			re = append(re, r)
		}
	}
	return share(re, denom, leftOut)
}

func assessments45(in *Input) Figure {
	var within []referral
	denom := 0
	eachReferral(in, func(r referral) {
		for _, a := range r.Assessments {
			if !a.Done || !in.Year.Contains(a.Authorised) {
				continue
			}
			denom++
			if calendar.WorkingDays(r.Start, a.Authorised) <= 45 {
				within = append(within, r)
			}
		}
	})
	return share(within, denom, 0)
}

func enquiries(in *Input) Figure {
	var started []referral
	eachReferral(in, func(r referral) {
		for _, s := range r.Section47s {
			if in.Year.Contains(s.Start) {
				started = append(started, r)
			}
		}
	})
	return count(started)
}

func conferences15(in *Input) Figure {
	var within []referral
	denom := 0
	eachReferral(in, func(r referral) {
		for _, s := range r.Section47s {
			if !s.HeldICPC || !in.Year.Contains(s.Conference) {
				continue
			}
			denom++
			if calendar.WorkingDays(s.Start, s.Conference) <= 15 {
				within = append(within, r)
			}
		}
	})
	return share(within, denom, 0)
}

// eachReferral calls f with every referral of every child.
func eachReferral(in *Input, f func(referral)) {
	for _, c := range in.Front.Children {
		for i := range c.Referrals {
			f(referral{c, &c.Referrals[i]})
		}
	}
}

// inNeedAtEnd returns, for each child in need on the year's last day, one
// referral open on it.
func inNeedAtEnd(in *Input) []referral {
	end := in.Year.End()
	var out []referral
	for _, c := range in.Front.Children {
		if !c.HasDOB || c.DOB > end {
			continue // unborn
		}
		for i := range c.Referrals {
			r := &c.Referrals[i]
			if !r.NFA && openOn(r, frontdoor.Span{Start: r.Start, End: r.End, Open: r.Open}, end) {
				out = append(out, referral{c, r})
				break
			}
		}
	}
	return out
}

// planAtEnd returns the child's plan open on day end, the latest begun,
// with its referral; nil when none.
func planAtEnd(c *frontdoor.Child, end calendar.Date) (referral, *frontdoor.ProtectionPlan) {
	var found *frontdoor.ProtectionPlan
	var of referral
	for i := range c.Referrals {
		r := &c.Referrals[i]
		for j := range r.Plans {
			p := &r.Plans[j]
			if openOn(r, p.Span, end) && (found == nil || p.Start >= found.Start) {
				found, of = p, referral{c, r}
			}
		}
	}
	return of, found
}

// plansAtEnd returns, for each child on a plan on the year's last day, the
// referral of that plan.
func plansAtEnd(in *Input) []referral {
	var out []referral
	for _, c := range in.Front.Children {
		if r, p := planAtEnd(c, in.Year.End()); p != nil {
			out = append(out, r)
		}
	}
	return out
}

func byCategory(in *Input) Figure {
	groups := map[string][]referral{}
	var total []referral
	for _, c := range in.Front.Children {
		r, p := planAtEnd(c, in.Year.End())
		if p == nil {
			continue
		}
		name := strings.TrimSpace(p.LatestCategory)
		if name == "" {
			name = "not recorded"
		}
		groups[name] = append(groups[name], r)
		total = append(total, r)
	}
	f := count(total)
	for name, rs := range groups {
		g := share(rs, len(total), 0).Value
		f.Groups = append(f.Groups, Group{Name: name, Value: g})
	}
	slices.SortFunc(f.Groups, func(a, b Group) int { return cmp.Compare(a.Name, b.Name) })
	return f
}

func secondPlans(in *Input) Figure {
	var second []referral
	denom, unknown := 0, 0
	for _, c := range in.Front.Children {
		started, again, known := false, false, true
		var of referral
		for i := range c.Referrals {
			r := &c.Referrals[i]
			for _, p := range r.Plans {
				if !in.Year.Contains(p.Start) {
					continue
				}
				n, err := strconv.Atoi(strings.TrimSpace(p.Previous))
				if err != nil || n < 0 {
					known = false
					continue
				}
				started, of = true, referral{c, r}
				again = again || n > 0
			}
		}
		switch {
		case started:
			denom++
			if again {
				second = append(second, of)
			}
		case !known:
			unknown++
		}
	}
	f := share(second, denom, 0)
	if unknown > 0 {
		f.Note = strconv.Itoa(unknown) + " left out: NumberOfPreviousCPP is not a number"
	}
	return f
}

func longPlans(in *Input) Figure {
	var long []referral
	denom := 0
	eachReferral(in, func(r referral) {
		for _, p := range r.Plans {
			if p.Open || !in.Year.Contains(p.End) {
				continue
			}
			denom++
			if p.End >= p.Start.AddYears(2) {
				long = append(long, r)
			}
		}
	})
	return share(long, denom, 0)
}

func referralToCare(in *Input) Figure {
	if in.Care == nil || in.Care.First == 0 || in.Care.First > in.Year || in.Care.Last < in.Year+1 {
		return Figure{Note: "needs SSDA903 returns from " + in.Year.String() + " to " + (in.Year + 1).String() +
			": children referred late in the year have 12 months to come into care"}
	}
	var came []referral
	denom := 0
	for _, c := range in.Front.Children {
		first := -1
		for i := range c.Referrals {
			if in.Year.Contains(c.Referrals[i].Start) {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		r := referral{c, &c.Referrals[first]}
		care := in.Care.Child(c.ID)
		// The day before, so that a child referred and taken into care on
		// one day (an unaccompanied child, often) counts as coming in.
		if care != nil && care.LookedAfterOn(r.Start.AddDays(-1)) {
			continue
		}
		denom++
		if care != nil && cameIntoCare(care, r.Start, r.Start.AddYears(1)) {
			came = append(came, r)
		}
	}
	return share(came, denom, 0)
}

// cameIntoCare reports whether a period of care other than short breaks
// began from day from to day to.
func cameIntoCare(c *journey.Child, from, to calendar.Date) bool {
	for _, p := range c.Periods {
		if !p.ShortBreak && p.Start >= from && p.Start <= to {
			return true
		}
	}
	return false
}

// Cell returns the figure as the policy publishes it: a count suppressed
// when 1 to 5, a rate when its count is, a share when its numerator,
// denominator or their difference is; not known when the figure is not.
func (f Figure) Cell(policy disclose.Policy) disclose.Cell {
	v := f.Value
	if !v.Known {
		return disclose.Cell{}
	}
	switch f.Indicator.Unit {
	case lac.Percent:
		return policy.Share(v.Value, 1, true, v.Numerator, v.Denominator)
	case lac.Per10k:
		return policy.Number(v.Value, 1, true, v.Numerator)
	}
	return policy.Count(v.Numerator)
}

// parts says, for each indicator, what its numerator counts and what its
// denominator is ("" for a count), as the pages list them under the
// definition.
var parts = map[string][2]string{
	"cin_referrals":             {"referrals made in the year", ""},
	"cin_referral_rate_per_10k": {"referrals made in the year (cin_referrals)", "children aged 0 to 17 (ONS mid-year estimate)"},
	"re_referrals_12m_share":    {"referrals in the year within 12 months of a previous referral of the child", "referrals in the year, less those left out"},
	"assessments_45wd_share":    {"assessments completed in the year within 45 working days of the referral", "assessments completed in the year"},
	"s47_enquiries":             {"section 47 enquiries started in the year", ""},
	"s47_icpc_15wd_share":       {"initial conferences in the year within 15 working days of the enquiry's start", "initial conferences held in the year"},
	"cin_end":                   {"children with an episode of need open on 31 March", ""},
	"cin_rate_per_10k":          {"children in need at 31 March (cin_end)", "children aged 0 to 17 (ONS mid-year estimate)"},
	"cp_plans_end":              {"children on a child protection plan on 31 March", ""},
	"cp_rate_per_10k":           {"children on a plan at 31 March (cp_plans_end)", "children aged 0 to 17 (ONS mid-year estimate)"},
	"cp_second_or_later_share":  {"children whose plan begun in the year was a second or later one", "children who became the subject of a plan in the year"},
	"cp_ended_2y_plus_share":    {"plans ended in the year that lasted 2 years or more", "plans ended in the year"},
	"cp_by_category":            {"children on a plan at 31 March, in each category of abuse", ""},
	"referral_to_care_12m":      {"children referred in the year who came into care within 12 months of their first referral in it", "children referred in the year, not looked after the day before"},
}

// Numerator says what the indicator's numerator counts.
func (ind *Indicator) Numerator() string { return parts[ind.ID][0] }

// Denominator says what the indicator's denominator is; "" for a count.
func (ind *Indicator) Denominator() string { return parts[ind.ID][1] }
