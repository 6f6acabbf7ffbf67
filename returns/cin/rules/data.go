package rules

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// DateField is a date column's submitted text and, when the text is a
// valid YYYY-MM-DD date, the day.
type DateField = returns.DateField

func dateField(text string) DateField {
	d, ok := calendar.ParseISODate(text)
	return DateField{Text: text, Day: d, OK: ok}
}

// Rows of each table, typed, with the DfE's field names, so that a rule
// reads as the DfE's wording does. Each row knows where it is (Ref).

// at is where a typed row is: its 0-based row and its table, in 8 bytes
// where a Ref takes 32, as a national census has millions of rows.
type at struct {
	Row   int32
	table uint8 // index in cin.Schemas
}

// Ref returns where the row is, for a failure to point at.
func (a at) Ref() Ref { return Ref{Table: cin.Schemas[a.table].Name, Row: int(a.Row)} }

// schemaIndex numbers the census's tables by their place in cin.Schemas.
var schemaIndex = func() map[Table]uint8 {
	m := map[Table]uint8{}
	for i, s := range cin.Schemas {
		m[s.Name] = uint8(i)
	}
	return m
}()

// atRow returns where row i of table t is.
func atRow(t Table, i int) at { return at{Row: int32(i), table: schemaIndex[t]} }

// HeaderRow is the census's Header.
type HeaderRow struct {
	at
	Collection, Year, LEA string
	ReferenceDate         DateField
}

// Identifiers is a row of ChildIdentifiers.
type Identifiers struct {
	at
	LAchildID, UPN, FormerUPN, UPNunknown, GenderCurrent, Sex string
	PersonBirthDate, ExpectedPersonBirthDate, PersonDeathDate DateField
}

// Characteristics is a row of ChildCharacteristics.
type Characteristics struct {
	at
	LAchildID, Ethnicity string
}

// Disability is a row of Disabilities.
type Disability struct {
	at
	LAchildID, Disability string
}

// Detail is a row of CINdetails, one episode of need from referral to
// closure, with the groups the XML nests in it.
type Detail struct {
	at
	LAchildID, CINdetailsID                                        string
	CINreferralDate, CINclosureDate, DateOfInitialCPC              DateField
	ReferralSource, PrimaryNeedCode, ReasonForClosure, ReferralNFA string

	Assessments     []*Assessment
	PlanDates       []*PlanDates
	Section47s      []*Section47
	ProtectionPlans []*ProtectionPlan
}

// Assessment is a row of Assessments, with its factors.
type Assessment struct {
	at
	LAchildID, CINdetailsID, AssessmentID                                                string
	AssessmentActualStartDate, AssessmentInternalReviewDate, AssessmentAuthorisationDate DateField
	Factors                                                                              []*Factor
}

// Factor is a row of AssessmentFactorsList: one factor identified at an
// assessment.
type Factor struct {
	at
	LAchildID, CINdetailsID, AssessmentID, AssessmentFactor string
}

// PlanDates is a row of CINplanDates: one CIN plan.
type PlanDates struct {
	at
	LAchildID, CINdetailsID          string
	CINPlanStartDate, CINPlanEndDate DateField
}

// Section47 is a row of Section47: one section 47 enquiry.
type Section47 struct {
	at
	LAchildID, CINdetailsID                                string
	S47ActualStartDate, InitialCPCtarget, DateOfInitialCPC DateField
	ICPCnotRequired                                        string
}

// ProtectionPlan is a row of ChildProtectionPlans, with its reviews.
type ProtectionPlan struct {
	at
	LAchildID, CINdetailsID, CPPID                                     string
	CPPstartDate, CPPendDate                                           DateField
	InitialCategoryOfAbuse, LatestCategoryOfAbuse, NumberOfPreviousCPP string
	Reviews                                                            []*Review
}

// Review is a row of Reviews: one review of a child protection plan.
type Review struct {
	at
	LAchildID, CINdetailsID, CPPID string
	CPPreviewDate                  DateField
}

// Child is one child of the census, by LAchildID, with every row about
// them. A child normally has one Identifiers row and one Characteristics
// row; rules 8510 and others report when they have more or none.
type Child struct {
	LAchildID       string
	Identifiers     []*Identifiers
	Characteristics []*Characteristics
	Disabilities    []*Disability
	Details         []*Detail // in the order submitted
}

// Born returns the child's date of birth, when a valid one was given.
func (ch *Child) Born() (calendar.Date, bool) {
	for _, id := range ch.Identifiers {
		if id.PersonBirthDate.OK {
			return id.PersonBirthDate.Day, true
		}
	}
	return 0, false
}

// Died returns the child's date of death, when a valid one was given.
func (ch *Child) Died() (calendar.Date, bool) {
	for _, id := range ch.Identifiers {
		if id.PersonDeathDate.OK {
			return id.PersonDeathDate.Day, true
		}
	}
	return 0, false
}

// column reads one column of a table's rows by name, or blanks when the
// table lacks it.
type column struct {
	t *returns.Table
	i int
}

func columnOf(t *returns.Table, name string) column { return column{t, t.Schema.Index(name)} }

func (c column) at(row int) string {
	if c.i < 0 || c.i >= len(c.t.Rows[row].Values) {
		return ""
	}
	return c.t.Rows[row].Values[c.i]
}

func (c column) date(row int) DateField { return dateField(c.at(row)) }
