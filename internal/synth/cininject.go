package synth

import (
	"io"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// cinSpot is a place in a census where a mistake can be made: a child,
// and one of its referrals, assessments or plans.
type cinSpot struct {
	year       calendar.Year
	child      *cinChildXML
	details    *cinDetailsXML
	assessment *assessmentXML
	plan       *cppXML
	pre        *ppXML // a pre-proceedings block (cinpreproceedings.go)
}

// cinMistake is a kind of data-entry error in the census, with the DfE
// rule that reports it on the changed row, as Village's CIN rules were
// found to do on a generated census (a plan whose section 47 is gone
// fails 2885 on its own row; the census-wide count of 2883 seldom moves,
// as more conferences are held than plans start).
type cinMistake struct {
	table   cin.TableName
	field   string
	kind    string
	rule    string
	applies func(*cinSpot) bool
	// apply makes the mistake and returns the value before and after.
	apply func(*rng, *cinSpot) (was, now string)
}

// swap sets *field to one of the options and returns the old and new
// values.
func swap(field *string, r *rng, options ...string) (string, string) {
	was := *field
	*field = options[r.IntN(len(options))]
	return was, *field
}

// daysBefore returns the ISO date n days before an ISO date.
func daysBefore(iso string, n int) string {
	d, ok := calendar.ParseISODate(iso)
	if !ok {
		return iso
	}
	return isoDate(d - calendar.Date(n))
}

var cinMistakes = []cinMistake{
	{cin.ChildIdentifiers, "LAchildID", "missing LAchildID", "8500", func(*cinSpot) bool { return true },
		func(r *rng, s *cinSpot) (string, string) { return swap(&s.child.LAchildID, r, "") }},
	{cin.ChildIdentifiers, "Sex", "invalid Sex or GenderCurrent", "4180", func(*cinSpot) bool { return true },
		func(r *rng, s *cinSpot) (string, string) {
			if s.child.Sex != "" {
				return swap(&s.child.Sex, r, "1", "2", "X", "MALE")
			}
			return swap(&s.child.GenderCurrent, r, "M", "F", "3", "X")
		}},
	{cin.ChildCharacteristics, "Ethnicity", "invalid Ethnicity", "4220", func(*cinSpot) bool { return true },
		func(r *rng, s *cinSpot) (string, string) {
			return swap(&s.child.Ethnicity, r, "WBR", "BRIT", "W1", "WHITE")
		}},
	{cin.CINdetails, "CINclosureDate", "closure before the referral", "8630",
		func(s *cinSpot) bool { return s.details.CINclosureDate != "" },
		func(r *rng, s *cinSpot) (string, string) {
			was := s.details.CINclosureDate
			s.details.CINclosureDate = daysBefore(s.details.CINreferralDate, r.between(1, 60))
			return was, s.details.CINclosureDate
		}},
	{cin.CINdetails, "ReferralSource", "invalid ReferralSource", "8866", func(*cinSpot) bool { return true },
		func(r *rng, s *cinSpot) (string, string) {
			return swap(&s.details.ReferralSource, r, "1E", "11", "6A", "POL")
		}},
	{cin.CINdetails, "ReasonForClosure", "invalid ReasonForClosure", "8640",
		func(s *cinSpot) bool { return s.details.ReasonForClosure != "" },
		func(r *rng, s *cinSpot) (string, string) {
			return swap(&s.details.ReasonForClosure, r, "RC10", "RC0", "R7", "RC")
		}},
	{cin.CINdetails, "PrimaryNeedCode", "invalid PrimaryNeedCode", "8650",
		func(s *cinSpot) bool { return s.details.PrimaryNeedCode != "" },
		func(r *rng, s *cinSpot) (string, string) {
			return swap(&s.details.PrimaryNeedCode, r, "N10", "NA", "1", "N")
		}},
	{cin.Assessments, "AssessmentAuthorisationDate", "assessment authorised before it started", "8608",
		func(s *cinSpot) bool { return s.assessment.AssessmentAuthorisationDate != "" },
		func(r *rng, s *cinSpot) (string, string) {
			a := s.assessment
			was := a.AssessmentAuthorisationDate
			a.AssessmentAuthorisationDate = daysBefore(a.AssessmentActualStartDate, r.between(1, 20))
			return was, a.AssessmentAuthorisationDate
		}},
	{cin.ChildProtectionPlans, "Section47", "child protection plan without a section 47 enquiry", "2885",
		func(s *cinSpot) bool {
			return len(s.details.Section47) == 1 && s.details.Section47[0].DateOfInitialCPC == s.plan.CPPstartDate
		},
		func(_ *rng, s *cinSpot) (string, string) {
			was := s.details.Section47[0].S47ActualStartDate
			s.details.Section47 = nil
			return was, ""
		}},
	{cin.ChildProtectionPlans, "InitialCategoryOfAbuse", "invalid InitialCategoryOfAbuse", "8905", func(*cinSpot) bool { return true },
		func(r *rng, s *cinSpot) (string, string) {
			return swap(&s.plan.InitialCategoryOfAbuse, r, "NEGL", "PHYS", "X", "SEX")
		}},
}

// cinInjector puts mistakes into a share rate of a census's rows that
// can take one, at most one a row. It is given the census's children in
// file order, counting each table's rows as the peer validator flattens
// the XML, and lists what it did.
type cinInjector struct {
	r    *rng
	pre  *rng // for the pre-proceedings, so that they move no other mistake
	year calendar.Year
	rate float64
	rows map[cin.TableName]int
	fit  []cinMistake
	out  []InjectedError
}

func newCINInjector(seed uint64, year calendar.Year, rate float64) *cinInjector {
	return &cinInjector{r: newRNG(seed, streamCINInject, uint64(year)), pre: newRNG(seed, streamPreProceedingsInject, uint64(year)),
		year: year, rate: rate, rows: map[cin.TableName]int{}}
}

// child puts mistakes into one child's rows.
func (j *cinInjector) child(child *cinChildXML) {
	if j.rate <= 0 {
		return
	}
	id := child.LAchildID
	spot := &cinSpot{year: j.year, child: child}
	j.try(cin.ChildIdentifiers, spot, id)
	j.try(cin.ChildCharacteristics, spot, id)
	for i := range child.Details {
		d := &child.Details[i]
		j.try(cin.CINdetails, &cinSpot{year: j.year, child: child, details: d}, id)
		for k := range d.Assessments {
			j.try(cin.Assessments, &cinSpot{year: j.year, child: child, details: d, assessment: &d.Assessments[k]}, id)
		}
		for k := range d.Plans {
			j.try(cin.ChildProtectionPlans, &cinSpot{year: j.year, child: child, details: d, plan: &d.Plans[k]}, id)
		}
		for k := range d.PreProceedings {
			j.tryFrom(j.pre, preProceedingsMistakes, cin.PreProceedings,
				&cinSpot{year: j.year, child: child, details: d, pre: &d.PreProceedings[k]}, id)
		}
	}
}

// try counts a row of table and, for a share of rows, makes one of the
// mistakes that fit it.
func (j *cinInjector) try(table cin.TableName, spot *cinSpot, id string) {
	j.tryFrom(j.r, cinMistakes, table, spot, id)
}

// tryFrom is try with the random stream and the mistakes to choose from.
func (j *cinInjector) tryFrom(r *rng, mistakes []cinMistake, table cin.TableName, spot *cinSpot, id string) {
	j.rows[table]++
	j.fit = j.fit[:0]
	for _, m := range mistakes {
		if m.table == table && m.applies(spot) {
			j.fit = append(j.fit, m)
		}
	}
	if len(j.fit) == 0 || !r.chance(j.rate) {
		return
	}
	m := j.fit[r.IntN(len(j.fit))]
	was, now := m.apply(r, spot)
	if was == now {
		return
	}
	j.out = append(j.out, InjectedError{Year: j.year, Table: table, Row: j.rows[table], Child: id,
		Field: m.field, Was: was, Now: now, Kind: m.kind, Rule: m.rule})
}

// WriteCINInjectedCSV lists the mistakes put into the CIN censuses as
// CSV, in the columns of WriteInjectedCSV.
func (r *Result) WriteCINInjectedCSV(w io.Writer) error {
	return writeInjected(w, r.CINInjected())
}
