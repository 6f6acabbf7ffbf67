package indicators

import (
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// Direction says which way an indicator is better.
type Direction int

const (
	Neither        Direction = iota // neither higher nor lower is better in itself
	HigherIsBetter                  // a higher value is better
	LowerIsBetter                   // a lower value is better
)

func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "neither"
}

// Sentence says which way is better in a sentence, as pages and packs put
// it under an indicator's definition.
func (d Direction) Sentence() string {
	switch d {
	case HigherIsBetter:
		return "Higher is better."
	case LowerIsBetter:
		return "Lower is better."
	}
	return "Neither higher nor lower is better in itself."
}

// Units.
const (
	Children = "children"
	Per10k   = "per 10,000 children aged 0-17"
	Percent  = "%"
	Days     = "days" // a median or mean of days, over the children in Numerator
)

// Indicator is one indicator: what it is, and how to compute it.
type Indicator struct {
	ID         string
	Title      string
	Definition string // in plain words, citing the DfE definition it follows
	Unit       string // Children, Per10k, Percent or Days
	Direction  Direction
	// Compute computes the indicator over every child of the set for
	// period p. pop is needed only by rates, and may be nil: a rate is
	// then not known. Breakdown computes it over each group's children.
	Compute func(set *journey.Set, p calendar.Period, pop Population) Value

	// Cadence is how often the indicator is measured: monthly for those
	// read from episodes, yearly for those the return gives once per
	// collection year (OC2 health, SDQ, OC3 care leavers).
	Cadence Cadence

	// event is the moment the indicator is about, at which breakdowns
	// read legal status and placement: the period's end unless set.
	event event
}

// Cadence is how often an indicator is measured, and so how its series
// is drawn: a point a month, or a point a collection year.
type Cadence int

const (
	Monthly Cadence = iota // from episodes, for any period: series by month
	Yearly                 // once per collection year: series by collection year
)

// PeriodFor returns the period the indicator is computed for when p is
// asked for: p itself, or for a yearly indicator the collection year p
// ends in, with a note saying so ("" when p is used as it is).
func (ind *Indicator) PeriodFor(p calendar.Period) (calendar.Period, string) {
	if ind.Cadence != Yearly || p.Kind == calendar.KindCollectionYear {
		return p, ""
	}
	y := calendar.YearOf(p.End).Period()
	return y, "measured once a year: shown for the collection year " + y.Label + ", which " + p.Label + " falls in"
}

// Years returns the collection years, oldest first, from the one first
// ends in to the one last ends in: a yearly indicator's series.
func Years(first, last calendar.Period) []calendar.Period {
	var out []calendar.Period
	for y := calendar.YearOf(first.End); y <= calendar.YearOf(last.End); y++ {
		out = append(out, y.Period())
	}
	return out
}

// A computeFunc computes an indicator: Indicator.Compute.
type computeFunc = func(set *journey.Set, p calendar.Period, pop Population) Value

// Value is an indicator's value for one period.
type Value struct {
	// Value is the count, the rate per 10,000 or the percentage.
	Value float64
	// Numerator is the number of children counted; Denominator is the
	// number a share is of, or the population a rate is per; 0 for counts.
	Numerator, Denominator int
	// Known is false when the value cannot be computed: a rate without a
	// population, or a share of no children.
	Known bool
	// Children are the IDs of the children counted in Numerator, sorted.
	Children []string
	// LeftOut is the number of children a duration leaves out because
	// their care began before the first loaded return, so that the day
	// it is measured from is not in the data (journey.Period.LeftCensored).
	LeftOut int
}

// incompleteShare is the share of the children a figure is about that,
// once left out, makes the figure incomplete: durations from the start of
// care miss the longest ones, so even a few left out bias it downwards.
const incompleteShare = 0.05

// Incomplete reports whether so many children were left out (LeftOut)
// that the figure should not be read as the authority's: 5% or more of
// the children it would be about (those a duration is measured over, or
// a share is of), as in the first years of the loaded returns.
func (v Value) Incomplete() bool {
	about := v.Numerator // the children a duration is measured over
	if v.Denominator > 0 {
		about = v.Denominator // the children a share is of
	}
	return v.LeftOut > 0 && float64(v.LeftOut) >= incompleteShare*float64(about+v.LeftOut)
}

// Note says how many children the figure leaves out and why, and whether
// it is incomplete, the number as the policy publishes it (c for 1 to 5
// in publishable mode); "" when it leaves none out.
func (v Value) Note(policy disclose.Policy) string {
	if v.LeftOut == 0 {
		return ""
	}
	who := policy.Count(v.LeftOut).Text() + " children left out"
	if v.LeftOut == 1 && !policy.Small(1) {
		who = "1 child left out"
	}
	note := who + ": their care began before the first return"
	if v.Incomplete() {
		note += " (incomplete)"
	}
	return note
}

// all is every indicator in the order pages and packs list them: the
// headline and flow indicators, then placements and permanence, then
// outcomes (missing, care leavers, health, mothers), then the child's
// voice in reviews and the placements needing attention now.
var all = slices.Concat(core, placementIndicators, outcomeIndicators, reviewIndicators, attentionIndicators)

var core = []*Indicator{
	{
		ID:    "cla_end",
		Title: "Children looked after at the end of the period",
		Definition: "Children looked after on the period's last day, other than on short breaks (LS V3, V4): " +
			"an episode that started on or before the day and had not ceased by it (DEC blank or after the day). " +
			"A child whose DEC is the last day is not counted. DfE: children looked after at 31 March.",
		Unit: Children, Direction: Neither,
		Compute: countOf(lookedAfterAtEnd),
	},
	{
		ID:    "cla_rate_per_10k",
		Title: "Children looked after at the end of the period per 10,000 children",
		Definition: "cla_end ÷ the 0-17 population (ONS mid-year estimate) × 10,000. " +
			"DfE: CLA rate per 10,000 children, children looked after at 31 March ÷ population aged 0-17.",
		Unit: Per10k, Direction: Neither,
		Compute: rateOf(lookedAfterAtEnd),
	},
	{
		ID:    "starts",
		Title: "Children who started to be looked after",
		Definition: "Children with a period of care, other than short breaks (LS V3, V4), that started in the period; " +
			"a child who started more than once is counted once. DfE: children starting to be looked after in the year " +
			"(only the first occasion is counted).",
		Unit: Children, Direction: Neither,
		Compute: countOf(started), event: atStart,
	},
	{
		ID:    "starts_rate_per_10k",
		Title: "Children who started to be looked after per 10,000 children",
		Definition: "starts ÷ the 0-17 population (ONS mid-year estimate) × 10,000. " +
			"DfE: starts rate per 10,000 children.",
		Unit: Per10k, Direction: Neither,
		Compute: rateOf(started), event: atStart,
	},
	{
		ID:    "ceased",
		Title: "Children who ceased to be looked after",
		Definition: "Children with a period of care, other than short breaks (LS V3, V4), that ended in the period; " +
			"a child who ceased more than once is counted once. DfE: children ceasing to be looked after in the year " +
			"(the last occasion is counted).",
		Unit: Children, Direction: Neither,
		Compute: countOf(ceased), event: atCease,
	},
	{
		ID:    "reentries_12m",
		Title: "Children who came back into care within 12 months",
		Definition: "Children who started a period of care in the period (as in starts) within 12 months of their previous " +
			"period of care, other than short breaks, ending: the previous period ended on or after the same day a year " +
			"before the start, the same day included. Every start in the period counts, not only the first: a child who " +
			"started twice is counted, once, if either start came within 12 months of the period of care before it. " +
			"The DfE publishes no LA indicator; indicators.md: children starting whose previous period of care ended " +
			"within the 12 months before.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(reentered), event: atStart,
	},
	{
		ID:    "reentries_12m_share",
		Title: "Share of starters who came back into care within 12 months",
		Definition: "Children who came back into care within 12 months ÷ children who started to be looked after × 100, " +
			"both on the same basis: children, each counted once, with any start of a period of care (other than short " +
			"breaks) in the period; a child is in the numerator when any of those starts came within 12 months of the " +
			"end of the period of care before it. A child is never in the numerator without being in the denominator.",
		Unit: Percent, Direction: LowerIsBetter,
		Compute: shareOf(started, reentered), event: atStart,
	},
	{
		ID:    "ceased_adopted",
		Title: "Share of children ceasing who were adopted",
		Definition: "Children who ceased in the period whose last period of care to end in it ended with REC E11 or E12 " +
			"(adopted) ÷ ceased × 100. DfE: children ceasing to be looked after by reason (last occasion).",
		Unit: Percent, Direction: Neither,
		Compute: shareOf(ceased, ceasedWith("E11", "E12")), event: atCease,
	},
	{
		ID:    "ceased_sgo",
		Title: "Share of children ceasing on a special guardianship order",
		Definition: "Children who ceased in the period whose last period of care to end in it ended with REC E45, E46, E47 " +
			"or E48 (special guardianship order) ÷ ceased × 100. DfE: children ceasing to be looked after by reason.",
		Unit: Percent, Direction: Neither,
		Compute: shareOf(ceased, ceasedWith("E45", "E46", "E47", "E48")), event: atCease,
	},
	{
		ID:    "ceased_home",
		Title: "Share of children ceasing who returned home",
		Definition: "Children who ceased in the period whose last period of care to end in it ended with REC E4A or E4B " +
			"(returned home to live with parents, relatives or others with parental responsibility, as part of the care " +
			"plan or not) ÷ ceased × 100. DfE: children ceasing to be looked after by reason.",
		Unit: Percent, Direction: Neither,
		Compute: shareOf(ceased, ceasedWith("E4A", "E4B")), event: atCease,
	},
	{
		ID:    "placements_3plus",
		Title: "Children looked after with 3 or more placements in the last 12 months",
		Definition: "Of the children in cla_end, the share with 3 or more placements in the 12 months to the period's last " +
			"day (from the day after the same day a year before): placements that the child was in on some day of the " +
			"window, short breaks left out. A placement is a time with one carer: a new one starts at a change of carer " +
			"(RNE P or B, or a new period of care), not at a change of legal status or of placement type with the same " +
			"carer (RNE L, T, U). Temporary moves (PLACE T0-T4) are not counted, whether or not the child came back; " +
			"indicators.md leaves which temporary placements count to check. DfE placement stability measure A: CLA at " +
			"31 March with 3 or more placements during the year (NI 62), placements counted at changes of carer.",
		Unit: Percent, Direction: LowerIsBetter,
		Compute: shareOf(lookedAfterAtEnd, threePlacements),
	},
	{
		ID:    "long_term_stability",
		Title: "Long-term placement stability",
		Definition: "Of the children looked after on the period's last day, aged under 16 then, whose period of care had " +
			"lasted 2.5 years (30 months) or more by then, the share with the same carer for 2 years or more, or placed " +
			"for adoption (PLACE A3-A6) with that placement and the one before it together lasting 2 years or more. " +
			"A placement is a time with one carer: a change of carer (RNE P or B) ends it; a change of legal status or " +
			"of placement type with the same carer (RNE L, T, U), such as a foster placement becoming long term, does " +
			"not, nor do temporary moves after which the child came back. DfE placement stability measure B (NI 63): " +
			"under 16s looked after continuously for 2.5 years or more, living with the same carer for 2 years or more. " +
			"A child whose period of care began before the first loaded return is left out when the data cannot say " +
			"whether they are in the cohort (the part seen is under 30 months) or stable (the carer they are with is the " +
			"first seen, for under 2 years); the figure says how many were left out.",
		Unit: Percent, Direction: HigherIsBetter,
		Compute: longTermStability,
	},
}

var byID = func() map[string]*Indicator {
	m := make(map[string]*Indicator, len(all))
	for _, ind := range all {
		m[ind.ID] = ind
	}
	return m
}()

// All returns every indicator, in a stable order.
func All() []*Indicator { return append([]*Indicator(nil), all...) }

// Find returns the indicator with the given ID, or nil.
func Find(id string) *Indicator { return byID[id] }

// A test says whether a child counts, for period p.
type test func(c *journey.Child, p calendar.Period) bool

// countOf counts the children t accepts.
func countOf(t test) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		ids := chosen(set, p, t)
		return Value{Value: float64(len(ids)), Numerator: len(ids), Known: true, Children: ids}
	}
}

// rateOf counts the children t accepts per 10,000 children aged 0 to 17
// on the period's last day; not known without a population.
func rateOf(t test) computeFunc {
	return func(set *journey.Set, p calendar.Period, pop Population) Value {
		ids := chosen(set, p, t)
		v := Value{Numerator: len(ids), Children: ids}
		if pop == nil {
			return v
		}
		n, ok := pop.Aged0to17(p.End)
		if !ok || n <= 0 {
			return v
		}
		v.Denominator, v.Known = n, true
		v.Value = float64(len(ids)) / float64(n) * 10000
		return v
	}
}

// shareOf is the percentage of the children of accepts who num accepts
// too; not known when of accepts none.
func shareOf(of, num test) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		var ids []string
		denom := 0
		for _, c := range set.Children {
			if !of(c, p) {
				continue
			}
			denom++
			if num(c, p) {
				ids = append(ids, c.ID)
			}
		}
		return share(ids, denom)
	}
}

// share is the percentage of denom children that the children ids are;
// not known when denom is 0.
func share(ids []string, denom int) Value {
	v := Value{Numerator: len(ids), Denominator: denom, Children: ids}
	if denom > 0 {
		v.Known = true
		v.Value = 100 * float64(len(ids)) / float64(denom)
	}
	return v
}

// chosen returns the IDs of the children t accepts, sorted (the set is
// sorted by ID).
func chosen(set *journey.Set, p calendar.Period, t test) []string {
	var ids []string
	for _, c := range set.Children {
		if t(c, p) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// lookedAfterAtEnd: looked after, other than on short breaks, on the
// period's last day.
func lookedAfterAtEnd(c *journey.Child, p calendar.Period) bool { return c.LookedAfterOn(p.End) }

// started: a period of care other than short breaks started in the period.
func started(c *journey.Child, p calendar.Period) bool {
	for i := range c.Periods {
		if q := &c.Periods[i]; !q.ShortBreak && p.Contains(q.Start) {
			return true
		}
	}
	return false
}

// ceased: a period of care other than short breaks ended in the period.
func ceased(c *journey.Child, p calendar.Period) bool { return lastCease(c, p) != nil }

// lastCease returns the last period of care, other than short breaks, to
// end in the period, or nil.
func lastCease(c *journey.Child, p calendar.Period) *journey.Period {
	var last *journey.Period
	for i := range c.Periods {
		if q := &c.Periods[i]; !q.ShortBreak && !q.Open && p.Contains(q.End) {
			last = q
		}
	}
	return last
}

// ceasedWith accepts children whose last period of care to end in the
// period ended with one of the reasons.
func ceasedWith(recs ...string) test {
	return func(c *journey.Child, p calendar.Period) bool {
		last := lastCease(c, p)
		if last == nil {
			return false
		}
		for _, r := range recs {
			if last.EndReason == r {
				return true
			}
		}
		return false
	}
}

// reentered: a period of care started in the period within 12 months of
// the end of the child's previous period of care, short breaks aside.
func reentered(c *journey.Child, p calendar.Period) bool {
	var prev *journey.Period
	for i := range c.Periods {
		q := &c.Periods[i]
		if q.ShortBreak {
			continue
		}
		if p.Contains(q.Start) && prev != nil && !prev.Open && prev.End >= q.Start.AddYears(-1) {
			return true
		}
		prev = q
	}
	return false
}

// threePlacements: 3 or more placements (carers), other than temporary
// moves, in the 12 months to the period's last day.
func threePlacements(c *journey.Child, p calendar.Period) bool {
	from, to := p.End.AddYears(-1).AddDays(1), p.End
	return placementsWhere(c, func(_ int, pl *journey.Placement) bool {
		return pl.Start <= to && (pl.Open || pl.End > from) && !temporary(pl.Place)
	}) >= 3
}

func temporary(place string) bool {
	switch place {
	case "T0", "T1", "T2", "T3", "T4":
		return true
	}
	return false
}

// longTermStability is the share of the long-term cohort with a long-term
// placement. A child whose period of care began before the first return
// is left out (Value.LeftOut) when the data cannot say whether they are
// in the cohort or stable: the visible part of their period is under 30
// months, or their placement of 2 years or more may have begun before
// the first return.
func longTermStability(set *journey.Set, p calendar.Period, _ Population) Value {
	var ids []string
	denom, leftOut := 0, 0
	for _, c := range set.Children {
		in, stable, known := longTerm(c, p)
		switch {
		case !known:
			leftOut++
		case in:
			denom++
			if stable {
				ids = append(ids, c.ID)
			}
		}
	}
	v := share(ids, denom)
	v.LeftOut = leftOut
	return v
}

// longTerm says whether the child is in the long-term cohort (looked
// after on the period's last day, aged under 16 then, in a period of care
// that started 30 months or more before) and whether stable: with the
// same carer (in one journey placement) for 2 years or more on that day,
// or placed for adoption with new carers, that placement and the one
// before lasting 2 years or more together. Adoption by the child's own
// foster carers is one placement already, since the carer did not
// change. known is false when a left-censored start leaves either
// unanswered.
func longTerm(c *journey.Child, p calendar.Period) (in, stable, known bool) {
	age := c.AgeOn(p.End)
	if age < 0 || age >= 16 {
		return false, false, true
	}
	q := c.PeriodOn(p.End)
	if q == nil {
		return false, false, true
	}
	if q.Start > p.End.AddMonths(-30) {
		// A censored period may have begun long before it is seen to.
		return false, false, !q.LeftCensored
	}
	cur := lastStarted(q.Placements, placementStart, p.End)
	if cur < 0 {
		return true, false, true
	}
	first := cur
	if adoption(q.Placements[cur].Place) && cur > 0 {
		first = cur - 1
	}
	if q.Placements[first].Start <= p.End.AddYears(-2) {
		return true, true, true
	}
	// The first visible placement of a censored period may have begun earlier.
	return true, false, !(q.LeftCensored && first == 0)
}

func adoption(place string) bool {
	switch place {
	case "A3", "A4", "A5", "A6":
		return true
	}
	return false
}
