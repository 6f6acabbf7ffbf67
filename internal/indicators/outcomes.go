package indicators

import (
	"fmt"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

// Units of the outcome indicators.
const (
	Episodes  = "episodes"   // a count of missing or away episodes, not of children
	MeanScore = "mean score" // a mean of SDQ scores
)

// outcomeIndicators are the missing, care-leaver, health and mothers
// indicators, from the MISSING, OC3, OC2 and Header tables.
var outcomeIndicators = slices.Concat(missingIndicators, careLeaverIndicators, healthIndicators, motherIndicators)

// duringText says who is looked after during a period, for definitions.
const duringText = "children looked after at any time in the period other than on short breaks (LS V3, V4): a period " +
	"of care that started on or before the last day and ended on or after the first"

var missingIndicators = []*Indicator{
	{
		ID:    "missing_children",
		Title: "Children who went missing",
		Definition: "Of the " + duringText + ", those with a MISSING episode coded M (missing: whereabouts unknown) " +
			"that started (MIS_START) in the period; an episode still open (MIS_END blank) counts, one that started " +
			"before the period does not. Each child is counted once. DfE: children looked after during the year who " +
			"had a missing incident (short breaks excluded).",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(wentMissing(false)),
	},
	{
		ID:    "missing_share",
		Title: "Share of children looked after who went missing",
		Definition: "missing_children ÷ the " + duringText + " × 100. DfE: percentage of children looked after " +
			"during the year who had a missing incident.",
		Unit: Percent, Direction: LowerIsBetter,
		Compute: shareOf(lookedAfterDuring, wentMissing(false)),
	},
	{
		ID:    "missing_episodes",
		Title: "Missing episodes",
		Definition: "The number of MISSING episodes coded M that started in the period, of the children counted in " +
			"missing_children (the value counts episodes; the children listed are those children). The same episode " +
			"submitted again in a later year's return is counted once. DfE: missing incidents during the year.",
		Unit: Episodes, Direction: LowerIsBetter,
		Compute: missingEpisodes(false),
	},
	{
		ID:    "away_children",
		Title: "Children who were away from placement without authorisation",
		Definition: "As missing_children, for MISSING episodes coded A (away from placement without authorisation: " +
			"whereabouts known). DfE: children looked after during the year who had an away from placement incident.",
		Unit: Children, Direction: LowerIsBetter,
		Compute: countOf(wentMissing(true)),
	},
	{
		ID:    "away_share",
		Title: "Share of children looked after who were away from placement",
		Definition: "away_children ÷ the " + duringText + " × 100. DfE: percentage of children looked after " +
			"during the year who had an away from placement incident.",
		Unit: Percent, Direction: LowerIsBetter,
		Compute: shareOf(lookedAfterDuring, wentMissing(true)),
	},
	{
		ID:    "away_episodes",
		Title: "Away from placement episodes",
		Definition: "As missing_episodes, for MISSING episodes coded A (away from placement without authorisation). " +
			"DfE: away from placement incidents during the year.",
		Unit: Episodes, Direction: LowerIsBetter,
		Compute: missingEpisodes(true),
	},
}

// LookedAfterDuring reports whether the child was looked after, other
// than on short breaks, on some day of the period, as the indicators of
// children looked after during a period count them (the region's count of
// children counted once uses it).
func LookedAfterDuring(c *journey.Child, p calendar.Period) bool { return lookedAfterDuring(c, p) }

// lookedAfterDuring: looked after, other than on short breaks, on some day
// of the period, the day a period of care ended included (a child who
// ceased on the period's first day was looked after during it).
func lookedAfterDuring(c *journey.Child, p calendar.Period) bool {
	for i := range c.Periods {
		q := &c.Periods[i]
		if q.Start > p.End {
			break
		}
		if !q.ShortBreak && (q.Open || q.End >= p.Start) {
			return true
		}
	}
	return false
}

// missingIn counts the child's episodes, missing (M) or away (A), that
// started in the period.
func missingIn(c *journey.Child, p calendar.Period, away bool) int {
	n := 0
	for i := range c.Missing {
		m := &c.Missing[i]
		if m.HasStart && p.Contains(m.Start) && ((away && m.Away) || (!away && m.IsMissing())) {
			n++
		}
	}
	return n
}

// wentMissing accepts children looked after during the period with a
// missing (or away) episode that started in it.
func wentMissing(away bool) test {
	return func(c *journey.Child, p calendar.Period) bool {
		return missingIn(c, p, away) > 0 && lookedAfterDuring(c, p)
	}
}

// missingEpisodes counts the episodes of the children wentMissing accepts;
// Numerator and Children are those children.
func missingEpisodes(away bool) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		var ids []string
		episodes := 0
		for _, c := range set.Children {
			if n := missingIn(c, p, away); n > 0 && lookedAfterDuring(c, p) {
				episodes += n
				ids = append(ids, c.ID)
			}
		}
		return Value{Value: float64(episodes), Numerator: len(ids), Known: true, Children: ids}
	}
}

// leaverText says who the care leavers of a period are, for definitions.
const leaverText = "care leavers whose birthday (the %s) falls in the period and who have an OC3 row in the return for " +
	"the collection year containing that birthday: the OC3 row describes the young person around that birthday, so " +
	"a quarter counts the birthdays in the quarter"

// careLeaverAges are the age groups care-leaver indicators come in: all,
// then the DfE's two groups.
var careLeaverAges = []struct {
	suffix, title, words string
	from, to             int
}{
	{"", "", "17th to 21st", 17, 21},
	{"_17_18", ", aged 17 or 18", "17th or 18th", 17, 18},
	{"_19_21", ", aged 19 to 21", "19th, 20th or 21st", 19, 21},
}

// careLeaverIndicators are in touch, EET and suitable accommodation, each
// for every age group.
var careLeaverIndicators = func() []*Indicator {
	measures := []struct {
		id, title, what, dfe string
		ok                   func(*journey.Leaving) bool
		direction            Direction
	}{
		{"care_leavers_in_touch_share", "Care leavers the council is in touch with",
			"IN_TOUCH is YES (NO, REFU refuses contact, NREQ no longer requires services, RHOM returned home, DIED " +
				"and anything else are not)",
			"DfE: care leavers in touch with the local authority",
			func(l *journey.Leaving) bool { return l.InTouch == "YES" }, HigherIsBetter},
		{"care_leavers_eet_share", "Care leavers in education, employment or training",
			"ACTIV is F1/P1 (higher education), F2/P2 (other education), F4/P4 (apprenticeship) or F5/P5 (training " +
				"or employment); G4, G5, G6 (not in education, employment or training) and 0 (not in touch, died, " +
				"returned home: activity not known) are not",
			"DfE: care leavers in education, employment or training, of all care leavers of the age",
			func(l *journey.Leaving) bool { return eet(l.Activity) }, HigherIsBetter},
		{"care_leavers_suitable_accommodation_share", "Care leavers in suitable accommodation",
			"ACCOM is a code of the year's list ending in 1 (accommodation considered suitable, B1 to Z1); codes " +
				"ending in 2 (not suitable) and 0 (not in touch: no information) are not",
			"DfE: care leavers in accommodation considered suitable, of all care leavers of the age",
			suitable, HigherIsBetter},
	}
	var out []*Indicator
	for _, m := range measures {
		for _, a := range careLeaverAges {
			out = append(out, &Indicator{
				ID:    m.id + a.suffix,
				Title: m.title + a.title,
				Definition: "Of the " + fmt.Sprintf(leaverText, a.words) + ", the share whose row says " + m.what + ". " +
					"Care leavers are those the return must follow up: looked after for 13 weeks or more after " +
					"turning 14, some of it after turning 16 (the OC3 rules). " + m.dfe + " (published for ages 17, 18 " +
					"and 19 to 21).",
				Unit: Percent, Direction: m.direction,
				Cadence: Yearly, Compute: leaverShare(a.from, a.to, m.ok),
			})
		}
	}
	return out
}()

// leaving returns the child's OC3 row for a birthday, aged from to to,
// that falls in the period (whose days are in collection years first to
// last), and whether there is one. Each row is for the birthday in its
// collection year, so only a row of a year the period overlaps costs any
// date arithmetic: this runs for every care leaver in every month of a
// chart.
func leaving(c *journey.Child, p calendar.Period, first, last calendar.Year, from, to int) (*journey.Leaving, bool) {
	if !c.HasDOB {
		return nil, false
	}
	for i := range c.Leaving {
		l := &c.Leaving[i]
		if l.Year < first || l.Year > last {
			continue
		}
		age := calendar.AgeOn(c.DOB, l.Year.End()) // the birthday in the row's year
		if age >= from && age <= to && p.Contains(c.DOB.AddYears(age)) {
			return l, true
		}
	}
	return nil, false
}

// leaverShare is the share of the care leavers with a birthday, aged from
// to to, in the period whose OC3 row ok accepts; not known when there are
// none.
func leaverShare(from, to int, ok func(*journey.Leaving) bool) computeFunc {
	return func(set *journey.Set, p calendar.Period, _ Population) Value {
		first, last := calendar.YearOf(p.Start), calendar.YearOf(p.End)
		var ids []string
		denom := 0
		for _, c := range set.Children {
			if len(c.Leaving) == 0 {
				continue
			}
			l, found := leaving(c, p, first, last, from, to)
			if !found {
				continue
			}
			denom++
			if ok(l) {
				ids = append(ids, c.ID)
			}
		}
		return share(ids, denom)
	}
}

// eet reports whether an ACTIV code is in education, employment or
// training.
func eet(activity string) bool {
	switch activity {
	case "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5":
		return true
	}
	return false
}

// suitable reports whether the row's ACCOM is suitable accommodation: a
// code of its year's list whose second character is 1.
func suitable(l *journey.Leaving) bool {
	a := l.Accommodation
	return len(a) == 2 && a[1] == '1' && ssda903.ValidCode("ACCOM", a, l.Year)
}

// healthText says who the OC2 cohort is, for definitions.
const healthText = "children looked after on 31 March (the period's last day; DEC blank or after it) in a period of " +
	"care, other than short breaks, that had started by 1 April a year before: looked after continuously for 12 " +
	"months at 31 March, the DfE's OC2 cohort, with an OC2 row in that year's return. A child who ceased on " +
	"31 March, or whose period of care started on 2 April or later, is not in it. Known only for a period of 12 " +
	"months ending on 31 March (a collection year), since OC2 describes the year"

var healthIndicators = []*Indicator{
	{
		ID:    "health_check_share",
		Title: "Children with their annual health assessment",
		Definition: "Of the " + healthText + ", the share whose HEALTH_ASSESSMENT is 1. DfE: children looked after " +
			"continuously for 12 months at 31 March who had their annual health assessment.",
		Unit: Percent, Direction: HigherIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(inHealthCohort, healthSays(func(h *journey.Health) string { return h.HealthAssessment }))),
	},
	{
		ID:    "development_check_share",
		Title: "Children under 5 with development assessments up to date",
		Definition: "Of the " + healthText + ", aged under 5 on 31 March, the share whose HEALTH_CHECK is 1. DfE: " +
			"development assessments up to date, children looked after for 12 months aged 0 to 4.",
		Unit: Percent, Direction: HigherIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(aged(inHealthCohort, 0, 4), healthSays(func(h *journey.Health) string { return h.HealthCheck }))),
	},
	{
		ID:    "dental_check_share",
		Title: "Children with their teeth checked by a dentist",
		Definition: "Of the " + healthText + ", the share whose TEETH_CHECK is 1. DfE: children looked after " +
			"continuously for 12 months at 31 March who had their teeth checked by a dentist.",
		Unit: Percent, Direction: HigherIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(inHealthCohort, healthSays(func(h *journey.Health) string { return h.Teeth }))),
	},
	{
		ID:    "immunisations_share",
		Title: "Children with immunisations up to date",
		Definition: "Of the " + healthText + ", the share whose IMMUNISATIONS is 1. DfE: children looked after " +
			"continuously for 12 months at 31 March whose immunisations were up to date.",
		Unit: Percent, Direction: HigherIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(inHealthCohort, healthSays(func(h *journey.Health) string { return h.Immunisations }))),
	},
	{
		ID:    "sdq_completed_share",
		Title: "Children aged 5 to 16 with an SDQ score",
		Definition: "Of the " + healthText + ", aged 5 to 16 on 31 March, the share whose SDQ_SCORE is a score " +
			"(0 to 40). DfE: an SDQ score is required for children aged 5 to 16 looked after continuously for 12 " +
			"months at 31 March; the release gives the share received.",
		Unit: Percent, Direction: HigherIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(sdqCohort, hasSDQ)),
	},
	{
		ID:    "sdq_mean",
		Title: "Average SDQ score",
		Definition: "The mean SDQ_SCORE of the " + healthText + ", aged 5 to 16 on 31 March, who have a score (0 to " +
			"40). A higher score means more emotional and behavioural difficulty: 0-13 normal, 14-16 borderline, 17 " +
			"or more a cause for concern. The numerator is the number of children whose scores are averaged. DfE: " +
			"average SDQ score, emotional and behavioural health of children looked after continuously for 12 months.",
		Unit: MeanScore, Direction: LowerIsBetter,
		Cadence: Yearly, Compute: collectionYear(sdqMean),
	},
	{
		ID:    "sdq_concern_share",
		Title: "Children whose SDQ score is a cause for concern",
		Definition: "Of the " + healthText + ", aged 5 to 16 on 31 March, who have an SDQ score, the share scoring " +
			"17 or more (a cause for concern). DfE: SDQ score banding, children looked after continuously for 12 months.",
		Unit: Percent, Direction: LowerIsBetter,
		Cadence: Yearly, Compute: collectionYear(shareOf(hasSDQ, sdqConcern)),
	},
}

// isCollectionYear reports whether the period is 12 months ending on
// 31 March: a collection year, or 12 months rolling to March.
func isCollectionYear(p calendar.Period) bool {
	y := calendar.YearOf(p.End)
	return p.End == y.End() && p.Start == y.Start()
}

// collectionYear makes f unknown for a period that is not a collection
// year.
func collectionYear(f computeFunc) computeFunc {
	return func(set *journey.Set, p calendar.Period, pop Population) Value {
		if !isCollectionYear(p) {
			return Value{}
		}
		return f(set, p, pop)
	}
}

// health returns the child's OC2 row for the collection year ending on the
// period's last day when the child is in the OC2 cohort, or nil.
func health(c *journey.Child, p calendar.Period) *journey.Health {
	y := calendar.YearOf(p.End)
	var h *journey.Health
	for i := range c.Health {
		if c.Health[i].Year == y {
			h = &c.Health[i]
		}
	}
	if h == nil {
		return nil
	}
	q := c.PeriodOn(p.End)
	if q == nil || q.Start > y.Start() {
		return nil
	}
	return h
}

func inHealthCohort(c *journey.Child, p calendar.Period) bool { return health(c, p) != nil }

// healthSays accepts children in the OC2 cohort whose row's field is 1.
func healthSays(field func(*journey.Health) string) test {
	return func(c *journey.Child, p calendar.Period) bool {
		h := health(c, p)
		return h != nil && field(h) == "1"
	}
}

// aged narrows t to children aged from to to on the period's last day.
func aged(t test, from, to int) test {
	return func(c *journey.Child, p calendar.Period) bool {
		a := c.AgeOn(p.End)
		return a >= from && a <= to && t(c, p)
	}
}

// sdqCohort: the OC2 cohort aged 5 to 16.
var sdqCohort = aged(inHealthCohort, 5, 16)

// sdq returns the SDQ score of a child of the SDQ cohort, and whether
// there is one.
func sdq(c *journey.Child, p calendar.Period) (int, bool) {
	if !sdqCohort(c, p) {
		return 0, false
	}
	h := health(c, p)
	return h.SDQScore, h.HasSDQ
}

func hasSDQ(c *journey.Child, p calendar.Period) bool {
	_, ok := sdq(c, p)
	return ok
}

func sdqConcern(c *journey.Child, p calendar.Period) bool {
	score, ok := sdq(c, p)
	return ok && score >= 17
}

// sdqMean is the mean score of the children with one; Numerator is their
// number, and the value is not known when there are none.
func sdqMean(set *journey.Set, p calendar.Period, _ Population) Value {
	var ids []string
	total := 0
	for _, c := range set.Children {
		if score, ok := sdq(c, p); ok {
			total += score
			ids = append(ids, c.ID)
		}
	}
	v := Value{Numerator: len(ids), Children: ids}
	if len(ids) > 0 {
		v.Known = true
		v.Value = float64(total) / float64(len(ids))
	}
	return v
}

var motherIndicators = []*Indicator{
	{
		ID:    "mothers_in_care",
		Title: "Looked-after children who are mothers",
		Definition: "Children looked after on the period's last day, other than on short breaks, not recorded as " +
			"male, whose Header says MOTHER 1: the latest Header, of the collection years up to the one containing " +
			"that day, that gives MOTHER. DfE: children looked after at 31 March who are mothers (MOTHER = 1).",
		Unit: Children, Direction: Neither,
		Compute: countOf(motherInCare),
	},
	{
		ID:    "births_to_looked_after_mothers",
		Title: "Babies born to looked-after children",
		Definition: "Births (MC_DOB, the date of birth of the mother's child, from any year's Header) in the period " +
			"to children looked after, other than on short breaks, on the day of the birth; the children listed are " +
			"the mothers. The Header holds one MC_DOB a year, so a second baby in one year, or twins, count once. " +
			"The 903 has no link from a child to the record of a mother who was herself looked after, so children " +
			"whose mother was looked after cannot be found from the return: this counts births to mothers in care, " +
			"not those children's own care. No DfE indicator; indicators.md: mothers (MOTHER = 1).",
		Unit: Children, Direction: Neither,
		Compute: births,
	},
}

// male reports whether SEX says male, in either code list.
func male(c *journey.Child) bool { return c.Sex == "1" || c.Sex == "M" }

// motherInCare: looked after on the period's last day, not male, and a
// mother by the latest Header up to that day's collection year that says.
func motherInCare(c *journey.Child, p calendar.Period) bool {
	if len(c.Motherhood) == 0 || male(c) || !c.LookedAfterOn(p.End) {
		return false
	}
	y := calendar.YearOf(p.End)
	mother := false
	for _, m := range c.Motherhood {
		if m.Year <= y && m.HasMother {
			mother = m.Mother
		}
	}
	return mother
}

// birthsIn returns the distinct MC_DOB dates in the period on which the
// child was looked after.
func birthsIn(c *journey.Child, p calendar.Period) []calendar.Date {
	var days []calendar.Date
	for _, m := range c.Motherhood {
		if !m.HasChildDOB || !p.Contains(m.ChildBorn) || containsDay(days, m.ChildBorn) {
			continue
		}
		if c.LookedAfterOn(m.ChildBorn) {
			days = append(days, m.ChildBorn)
		}
	}
	return days
}

func containsDay(days []calendar.Date, d calendar.Date) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// births counts the births; Numerator and Children are the mothers.
func births(set *journey.Set, p calendar.Period, _ Population) Value {
	var ids []string
	n := 0
	for _, c := range set.Children {
		if len(c.Motherhood) == 0 {
			continue
		}
		if b := len(birthsIn(c, p)); b > 0 {
			n += b
			ids = append(ids, c.ID)
		}
	}
	return Value{Value: float64(n), Numerator: len(ids), Known: true, Children: ids}
}
