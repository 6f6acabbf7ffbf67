package rules

import (
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/validate"
)

// Input is everything the rules read: the census's tables typed once,
// its rows in submitted order and grouped by child, and the census's
// dates.
type Input struct {
	Return *returns.Return
	Year   calendar.Year // the collection year: 2026 is 2025/26

	// Start is the first day of the census year (1 April) and Reference
	// its reference date: the Header's ReferenceDate when valid, else 31
	// March at the end of the collection year. The census period runs
	// from Start to Reference inclusive.
	Start, Reference calendar.Date

	Header          *HeaderRow // nil when the census has no Header row
	Identifiers     []*Identifiers
	Characteristics []*Characteristics
	Disabilities    []*Disability
	Details         []*Detail
	Assessments     []*Assessment
	Factors         []*Factor
	PlanDates       []*PlanDates
	Section47s      []*Section47
	ProtectionPlans []*ProtectionPlan
	Reviews         []*Review

	// Children are the children by LAchildID, in the order they first
	// appear (ChildIdentifiers first); a blank LAchildID is a child too.
	Children []*Child
}

// InCensus reports whether d is in the census period, Start to Reference
// inclusive.
func (in *Input) InCensus(d calendar.Date) bool { return d >= in.Start && d <= in.Reference }

// NewInput types the census once for all rules. The collection year is
// ret.Year, or the Header's Year when ret.Year is zero.
func NewInput(ret *returns.Return) *Input {
	in := &Input{Return: ret, Year: ret.Year}
	in.typeHeader()
	in.typeChildren()
	in.typeDetails()
	in.group()
	if in.Year == 0 && in.Header != nil {
		if y, err := strconv.Atoi(in.Header.Year); err == nil {
			in.Year = calendar.Year(y)
		}
	}
	in.Start, in.Reference = in.Year.Start(), in.Year.End()
	if in.Header != nil && in.Header.ReferenceDate.OK {
		in.Reference = in.Header.ReferenceDate.Day
	}
	return in
}

// columns finds each named column of a table once, so that typing a row
// indexes its values directly.
type columns struct {
	t   *returns.Table
	ats []int
}

func columnsOf(t *returns.Table, names ...string) columns {
	c := columns{t: t, ats: make([]int, len(names))}
	for i, n := range names {
		c.ats[i] = t.Schema.Index(n)
	}
	return c
}

// get returns the value of the k-th named column in row i, blank when the
// table lacks the column.
func (c columns) get(i, k int) string {
	at, v := c.ats[k], c.t.Rows[i].Values
	if at < 0 || at >= len(v) {
		return ""
	}
	return v[at]
}

func (c columns) date(i, k int) DateField { return dateField(c.get(i, k)) }

func rows(ret *returns.Return, name Table) *returns.Table {
	if t := ret.Table(name); t != nil {
		return t
	}
	return &returns.Table{Schema: cin.Collection.Schema(name)}
}

func (in *Input) typeHeader() {
	t := rows(in.Return, cin.Header)
	if len(t.Rows) == 0 {
		return
	}
	c := columnsOf(t, "Collection", "Year", "LEA", "ReferenceDate")
	in.Header = &HeaderRow{Ref: Ref{Table: cin.Header}, Collection: c.get(0, 0), Year: c.get(0, 1), LEA: c.get(0, 2),
		ReferenceDate: c.date(0, 3)}
}

func (in *Input) typeChildren() {
	t := rows(in.Return, cin.ChildIdentifiers)
	c := columnsOf(t, "LAchildID", "UPN", "FormerUPN", "UPNunknown", "GenderCurrent", "Sex",
		"PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate")
	in.Identifiers = make([]*Identifiers, len(t.Rows))
	for i := range t.Rows {
		in.Identifiers[i] = &Identifiers{Ref: Ref{Table: cin.ChildIdentifiers, Row: i},
			LAchildID: c.get(i, 0), UPN: c.get(i, 1), FormerUPN: c.get(i, 2), UPNunknown: c.get(i, 3),
			GenderCurrent: c.get(i, 4), Sex: c.get(i, 5),
			PersonBirthDate: c.date(i, 6), ExpectedPersonBirthDate: c.date(i, 7), PersonDeathDate: c.date(i, 8)}
	}
	t = rows(in.Return, cin.ChildCharacteristics)
	c = columnsOf(t, "LAchildID", "Ethnicity")
	in.Characteristics = make([]*Characteristics, len(t.Rows))
	for i := range t.Rows {
		in.Characteristics[i] = &Characteristics{Ref: Ref{Table: cin.ChildCharacteristics, Row: i},
			LAchildID: c.get(i, 0), Ethnicity: c.get(i, 1)}
	}
	t = rows(in.Return, cin.Disabilities)
	c = columnsOf(t, "LAchildID", "Disability")
	in.Disabilities = make([]*Disability, len(t.Rows))
	for i := range t.Rows {
		in.Disabilities[i] = &Disability{Ref: Ref{Table: cin.Disabilities, Row: i},
			LAchildID: c.get(i, 0), Disability: c.get(i, 1)}
	}
}

func (in *Input) typeDetails() {
	t := rows(in.Return, cin.CINdetails)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
		"CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA")
	in.Details = make([]*Detail, len(t.Rows))
	for i := range t.Rows {
		in.Details[i] = &Detail{Ref: Ref{Table: cin.CINdetails, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CINreferralDate: c.date(i, 2),
			ReferralSource: c.get(i, 3), PrimaryNeedCode: c.get(i, 4), CINclosureDate: c.date(i, 5),
			ReasonForClosure: c.get(i, 6), DateOfInitialCPC: c.date(i, 7), ReferralNFA: c.get(i, 8)}
	}
	t = rows(in.Return, cin.Assessments)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentActualStartDate",
		"AssessmentInternalReviewDate", "AssessmentAuthorisationDate")
	in.Assessments = make([]*Assessment, len(t.Rows))
	for i := range t.Rows {
		in.Assessments[i] = &Assessment{Ref: Ref{Table: cin.Assessments, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), AssessmentID: c.get(i, 2),
			AssessmentActualStartDate: c.date(i, 3), AssessmentInternalReviewDate: c.date(i, 4),
			AssessmentAuthorisationDate: c.date(i, 5)}
	}
	t = rows(in.Return, cin.AssessmentFactorsList)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactor")
	in.Factors = make([]*Factor, len(t.Rows))
	for i := range t.Rows {
		in.Factors[i] = &Factor{Ref: Ref{Table: cin.AssessmentFactorsList, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), AssessmentID: c.get(i, 2), AssessmentFactor: c.get(i, 3)}
	}
	t = rows(in.Return, cin.CINplanDates)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate")
	in.PlanDates = make([]*PlanDates, len(t.Rows))
	for i := range t.Rows {
		in.PlanDates[i] = &PlanDates{Ref: Ref{Table: cin.CINplanDates, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CINPlanStartDate: c.date(i, 2), CINPlanEndDate: c.date(i, 3)}
	}
	t = rows(in.Return, cin.Section47)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
	in.Section47s = make([]*Section47, len(t.Rows))
	for i := range t.Rows {
		in.Section47s[i] = &Section47{Ref: Ref{Table: cin.Section47, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), S47ActualStartDate: c.date(i, 2),
			InitialCPCtarget: c.date(i, 3), DateOfInitialCPC: c.date(i, 4), ICPCnotRequired: c.get(i, 5)}
	}
	t = rows(in.Return, cin.ChildProtectionPlans)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "CPPID", "CPPstartDate", "CPPendDate",
		"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP")
	in.ProtectionPlans = make([]*ProtectionPlan, len(t.Rows))
	for i := range t.Rows {
		in.ProtectionPlans[i] = &ProtectionPlan{Ref: Ref{Table: cin.ChildProtectionPlans, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CPPID: c.get(i, 2),
			CPPstartDate: c.date(i, 3), CPPendDate: c.date(i, 4), InitialCategoryOfAbuse: c.get(i, 5),
			LatestCategoryOfAbuse: c.get(i, 6), NumberOfPreviousCPP: c.get(i, 7)}
	}
	t = rows(in.Return, cin.Reviews)
	c = columnsOf(t, "LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate")
	in.Reviews = make([]*Review, len(t.Rows))
	for i := range t.Rows {
		in.Reviews[i] = &Review{Ref: Ref{Table: cin.Reviews, Row: i},
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CPPID: c.get(i, 2), CPPreviewDate: c.date(i, 3)}
	}
}

// detailKey names a child's referral; groupKey a referral's assessment or
// child protection plan.
type detailKey struct{ child, detail string }
type groupKey struct{ child, detail, group string }

// group gathers each child's rows, and each referral's groups, by their
// identifiers. A row naming a referral the child does not have stays in
// its table's list only.
func (in *Input) group() {
	children := make(map[string]*Child, len(in.Identifiers))
	child := func(id string) *Child {
		ch := children[id]
		if ch == nil {
			ch = &Child{LAchildID: id}
			children[id] = ch
			in.Children = append(in.Children, ch)
		}
		return ch
	}
	for _, r := range in.Identifiers {
		ch := child(r.LAchildID)
		ch.Identifiers = append(ch.Identifiers, r)
	}
	for _, r := range in.Characteristics {
		ch := child(r.LAchildID)
		ch.Characteristics = append(ch.Characteristics, r)
	}
	for _, r := range in.Disabilities {
		ch := child(r.LAchildID)
		ch.Disabilities = append(ch.Disabilities, r)
	}
	details := make(map[detailKey]*Detail, len(in.Details))
	for _, d := range in.Details {
		ch := child(d.LAchildID)
		ch.Details = append(ch.Details, d)
		details[detailKey{d.LAchildID, d.CINdetailsID}] = d
	}
	assessments := make(map[groupKey]*Assessment, len(in.Assessments))
	for _, a := range in.Assessments {
		assessments[groupKey{a.LAchildID, a.CINdetailsID, a.AssessmentID}] = a
		if d := details[detailKey{a.LAchildID, a.CINdetailsID}]; d != nil {
			d.Assessments = append(d.Assessments, a)
		}
	}
	for _, f := range in.Factors {
		if a := assessments[groupKey{f.LAchildID, f.CINdetailsID, f.AssessmentID}]; a != nil {
			a.Factors = append(a.Factors, f)
		}
	}
	for _, p := range in.PlanDates {
		if d := details[detailKey{p.LAchildID, p.CINdetailsID}]; d != nil {
			d.PlanDates = append(d.PlanDates, p)
		}
	}
	for _, s := range in.Section47s {
		if d := details[detailKey{s.LAchildID, s.CINdetailsID}]; d != nil {
			d.Section47s = append(d.Section47s, s)
		}
	}
	plans := make(map[groupKey]*ProtectionPlan, len(in.ProtectionPlans))
	for _, p := range in.ProtectionPlans {
		plans[groupKey{p.LAchildID, p.CINdetailsID, p.CPPID}] = p
		if d := details[detailKey{p.LAchildID, p.CINdetailsID}]; d != nil {
			d.ProtectionPlans = append(d.ProtectionPlans, p)
		}
	}
	for _, r := range in.Reviews {
		if p := plans[groupKey{r.LAchildID, r.CINdetailsID, r.CPPID}]; p != nil {
			p.Reviews = append(p.Reviews, r)
		}
	}
}

// Has reports whether the input has what need names: the census has no
// input beyond itself but last year's return, which no rule reads yet.
func (in *Input) Has(need validate.Need) bool {
	return need&validate.NeedLast == 0 || in.Return.Last != nil
}

// HasTable reports whether the census included the table, even if empty.
func (in *Input) HasTable(t Table, last bool) bool {
	if last {
		return in.Return.Last.Table(t) != nil
	}
	return in.Return.Table(t) != nil
}

// Child returns the LAchildID of the row at ref, for a failure to name.
// The Header is about no child.
func (in *Input) Child(ref Ref) (string, bool) {
	if ref.Table == cin.Header {
		return "", false
	}
	return in.Value(ref, "LAchildID")
}

// Value returns the submitted text of a field of the row at ref.
func (in *Input) Value(ref Ref, field string) (string, bool) {
	t := in.table(ref)
	if t == nil || ref.Row < 0 || ref.Row >= len(t.Rows) {
		return "", false
	}
	i := t.Schema.Index(field)
	if i < 0 || i >= len(t.Rows[ref.Row].Values) {
		return "", false
	}
	return t.Rows[ref.Row].Values[i], true
}

// Locate returns the file and line the row at ref was read from.
func (in *Input) Locate(ref Ref) (string, int) {
	t := in.table(ref)
	if t == nil || ref.Row < 0 || ref.Row >= len(t.Rows) {
		return "", 0
	}
	return t.File, t.Rows[ref.Row].Line
}

func (in *Input) table(ref Ref) *returns.Table {
	if ref.Last {
		return in.Return.Last.Table(ref.Table)
	}
	return in.Return.Table(ref.Table)
}
