package rules

import (
	"sort"
	"strconv"
	"sync"

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
	in.group(in.typeTables())
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
	in.Header = &HeaderRow{at: atRow(cin.Header, 0), Collection: c.get(0, 0), Year: c.get(0, 1), LEA: c.get(0, 2),
		ReferenceDate: c.date(0, 3)}
}

// typeTables types every table, several at once, and returns a channel
// for each that is closed once it is typed.
func (in *Input) typeTables() map[Table]chan struct{} {
	typed := map[Table]chan struct{}{}
	for t, f := range map[Table]func(){cin.ChildIdentifiers: in.typeChildIdentifiers,
		cin.ChildCharacteristics: in.typeChildCharacteristics, cin.Disabilities: in.typeDisabilities,
		cin.CINdetails: in.typeCINdetails, cin.Assessments: in.typeAssessments,
		cin.AssessmentFactorsList: in.typeAssessmentFactorsList, cin.CINplanDates: in.typeCINplanDates,
		cin.Section47: in.typeSection47, cin.ChildProtectionPlans: in.typeChildProtectionPlans, cin.Reviews: in.typeReviews} {
		done := make(chan struct{})
		typed[t] = done
		go func() {
			defer close(done)
			f()
		}()
	}
	return typed
}

func (in *Input) typeChildIdentifiers() {
	t := rows(in.Return, cin.ChildIdentifiers)
	c := columnsOf(t, "LAchildID", "UPN", "FormerUPN", "UPNunknown", "GenderCurrent", "Sex",
		"PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate")
	in.Identifiers = make([]*Identifiers, len(t.Rows))
	identifiers := make([]Identifiers, len(t.Rows))
	for i := range t.Rows {
		in.Identifiers[i] = &identifiers[i]
		identifiers[i] = Identifiers{at: atRow(cin.ChildIdentifiers, i),
			LAchildID: c.get(i, 0), UPN: c.get(i, 1), FormerUPN: c.get(i, 2), UPNunknown: c.get(i, 3),
			GenderCurrent: c.get(i, 4), Sex: c.get(i, 5),
			PersonBirthDate: c.date(i, 6), ExpectedPersonBirthDate: c.date(i, 7), PersonDeathDate: c.date(i, 8)}
	}
}

func (in *Input) typeChildCharacteristics() {
	t := rows(in.Return, cin.ChildCharacteristics)
	c := columnsOf(t, "LAchildID", "Ethnicity")
	in.Characteristics = make([]*Characteristics, len(t.Rows))
	characteristics := make([]Characteristics, len(t.Rows))
	for i := range t.Rows {
		in.Characteristics[i] = &characteristics[i]
		characteristics[i] = Characteristics{at: atRow(cin.ChildCharacteristics, i),
			LAchildID: c.get(i, 0), Ethnicity: c.get(i, 1)}
	}
}

func (in *Input) typeDisabilities() {
	t := rows(in.Return, cin.Disabilities)
	c := columnsOf(t, "LAchildID", "Disability")
	in.Disabilities = make([]*Disability, len(t.Rows))
	disabilities := make([]Disability, len(t.Rows))
	for i := range t.Rows {
		in.Disabilities[i] = &disabilities[i]
		disabilities[i] = Disability{at: atRow(cin.Disabilities, i),
			LAchildID: c.get(i, 0), Disability: c.get(i, 1)}
	}
}

func (in *Input) typeCINdetails() {
	t := rows(in.Return, cin.CINdetails)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
		"CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA")
	in.Details = make([]*Detail, len(t.Rows))
	details := make([]Detail, len(t.Rows))
	for i := range t.Rows {
		in.Details[i] = &details[i]
		details[i] = Detail{at: atRow(cin.CINdetails, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CINreferralDate: c.date(i, 2),
			ReferralSource: c.get(i, 3), PrimaryNeedCode: c.get(i, 4), CINclosureDate: c.date(i, 5),
			ReasonForClosure: c.get(i, 6), DateOfInitialCPC: c.date(i, 7), ReferralNFA: c.get(i, 8)}
	}
}

func (in *Input) typeAssessments() {
	t := rows(in.Return, cin.Assessments)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentActualStartDate",
		"AssessmentInternalReviewDate", "AssessmentAuthorisationDate")
	in.Assessments = make([]*Assessment, len(t.Rows))
	assessments := make([]Assessment, len(t.Rows))
	for i := range t.Rows {
		in.Assessments[i] = &assessments[i]
		assessments[i] = Assessment{at: atRow(cin.Assessments, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), AssessmentID: c.get(i, 2),
			AssessmentActualStartDate: c.date(i, 3), AssessmentInternalReviewDate: c.date(i, 4),
			AssessmentAuthorisationDate: c.date(i, 5)}
	}
}

func (in *Input) typeAssessmentFactorsList() {
	t := rows(in.Return, cin.AssessmentFactorsList)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "AssessmentID", "AssessmentFactor")
	in.Factors = make([]*Factor, len(t.Rows))
	factors := make([]Factor, len(t.Rows))
	for i := range t.Rows {
		in.Factors[i] = &factors[i]
		factors[i] = Factor{at: atRow(cin.AssessmentFactorsList, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), AssessmentID: c.get(i, 2), AssessmentFactor: c.get(i, 3)}
	}
}

func (in *Input) typeCINplanDates() {
	t := rows(in.Return, cin.CINplanDates)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "CINPlanStartDate", "CINPlanEndDate")
	in.PlanDates = make([]*PlanDates, len(t.Rows))
	plandates := make([]PlanDates, len(t.Rows))
	for i := range t.Rows {
		in.PlanDates[i] = &plandates[i]
		plandates[i] = PlanDates{at: atRow(cin.CINplanDates, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CINPlanStartDate: c.date(i, 2), CINPlanEndDate: c.date(i, 3)}
	}
}

func (in *Input) typeSection47() {
	t := rows(in.Return, cin.Section47)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
	in.Section47s = make([]*Section47, len(t.Rows))
	section47s := make([]Section47, len(t.Rows))
	for i := range t.Rows {
		in.Section47s[i] = &section47s[i]
		section47s[i] = Section47{at: atRow(cin.Section47, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), S47ActualStartDate: c.date(i, 2),
			InitialCPCtarget: c.date(i, 3), DateOfInitialCPC: c.date(i, 4), ICPCnotRequired: c.get(i, 5)}
	}
}

func (in *Input) typeChildProtectionPlans() {
	t := rows(in.Return, cin.ChildProtectionPlans)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "CPPID", "CPPstartDate", "CPPendDate",
		"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP")
	in.ProtectionPlans = make([]*ProtectionPlan, len(t.Rows))
	protectionplans := make([]ProtectionPlan, len(t.Rows))
	for i := range t.Rows {
		in.ProtectionPlans[i] = &protectionplans[i]
		protectionplans[i] = ProtectionPlan{at: atRow(cin.ChildProtectionPlans, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CPPID: c.get(i, 2),
			CPPstartDate: c.date(i, 3), CPPendDate: c.date(i, 4), InitialCategoryOfAbuse: c.get(i, 5),
			LatestCategoryOfAbuse: c.get(i, 6), NumberOfPreviousCPP: c.get(i, 7)}
	}
}

func (in *Input) typeReviews() {
	t := rows(in.Return, cin.Reviews)
	c := columnsOf(t, "LAchildID", "CINdetailsID", "CPPID", "CPPreviewDate")
	in.Reviews = make([]*Review, len(t.Rows))
	reviews := make([]Review, len(t.Rows))
	for i := range t.Rows {
		in.Reviews[i] = &reviews[i]
		reviews[i] = Review{at: atRow(cin.Reviews, i),
			LAchildID: c.get(i, 0), CINdetailsID: c.get(i, 1), CPPID: c.get(i, 2), CPPreviewDate: c.date(i, 3)}
	}
}

// group gathers each child's rows, and each referral's groups, by their
// identifiers. A row naming a child or referral the census does not
// otherwise have stays in its table's list only, but for a child's own
// tables, which make the child. Rows come grouped by child, children in
// the same order in every table, as the census gives them: a run of rows
// about one child (or referral) is then taken as it is, without copying,
// and the child found by walking on from the last; any order works, more
// slowly.
//
// It groups each table as soon as it is typed (typed closes a table's
// channel once it is) and the tables it hangs on are grouped, several at
// once: first ChildIdentifiers, then the child's other own tables (whose
// rows about children ChildIdentifiers lacks wait, and then make those
// children, in the order the tables and rows give), then the groups
// inside the referrals.
func (in *Input) group(typed map[Table]chan struct{}) {
	<-typed[cin.ChildIdentifiers]
	g := grouper{in: in, children: make(map[string]int, len(in.Identifiers)), keys: make([]string, 0, len(in.Identifiers))}
	g.in.Children = make([]*Child, 0, len(in.Identifiers))
	g.findBlanks()
	makes := g.cursor(true)
	ownRows(makes, in.Identifiers, func(r *Identifiers) (*string, at) { return &r.LAchildID, r.at },
		func(ch *Child, run []*Identifiers) { ch.Identifiers = appendRun(ch.Identifiers, run) })
	var characteristics [][]*Characteristics
	var disabilities [][]*Disability
	var details [][]*Detail
	parallel(func() {
		<-typed[cin.ChildCharacteristics]
		characteristics = ownRows(g.cursor(false), in.Characteristics, characteristicsChild, addCharacteristics)
	}, func() {
		<-typed[cin.Disabilities]
		disabilities = ownRows(g.cursor(false), in.Disabilities, disabilityChild, addDisabilities)
	}, func() {
		<-typed[cin.CINdetails]
		details = ownRows(g.cursor(false), in.Details, detailChild, addDetails)
	})
	for _, run := range characteristics {
		ownRows(makes, run, characteristicsChild, addCharacteristics)
	}
	for _, run := range disabilities {
		ownRows(makes, run, disabilityChild, addDisabilities)
	}
	for _, run := range details {
		ownRows(makes, run, detailChild, addDetails)
	}
	parallel(func() {
		<-typed[cin.Assessments]
		<-typed[cin.AssessmentFactorsList]
		g.cursor(false).groupAssessments()
	}, func() {
		<-typed[cin.CINplanDates]
		referralRows(g.cursor(false), in.PlanDates, func(r *PlanDates) (string, at, string) { return r.LAchildID, r.at, r.CINdetailsID },
			func(d *Detail, run []*PlanDates) { d.PlanDates = appendRun(d.PlanDates, run) })
	}, func() {
		<-typed[cin.Section47]
		referralRows(g.cursor(false), in.Section47s, func(r *Section47) (string, at, string) { return r.LAchildID, r.at, r.CINdetailsID },
			func(d *Detail, run []*Section47) { d.Section47s = appendRun(d.Section47s, run) })
	}, func() {
		<-typed[cin.ChildProtectionPlans]
		<-typed[cin.Reviews]
		g.cursor(false).groupPlans()
	})
}

// The child, and the adding to them, of each of a child's own tables.
func characteristicsChild(r *Characteristics) (*string, at) { return &r.LAchildID, r.at }
func disabilityChild(r *Disability) (*string, at)           { return &r.LAchildID, r.at }
func detailChild(r *Detail) (*string, at)                   { return &r.LAchildID, r.at }
func addCharacteristics(ch *Child, run []*Characteristics) {
	ch.Characteristics = appendRun(ch.Characteristics, run)
}
func addDisabilities(ch *Child, run []*Disability) { ch.Disabilities = appendRun(ch.Disabilities, run) }
func addDetails(ch *Child, run []*Detail)          { ch.Details = appendRun(ch.Details, run) }

// ownRows adds each run of rows about one child, of one of the child's
// own tables, to the child with add, and returns the runs about children
// c does not know and may not make.
func ownRows[T any](c *cursor, rows []*T, child func(*T) (*string, at), add func(*Child, []*T)) (unknown [][]*T) {
	key := func(r *T) [3]string {
		id, ref := child(r)
		return [3]string{c.g.key(*id, ref)}
	}
	eachRun(rows, key, func(run []*T) {
		id, _ := child(run[0])
		if ch := c.child(key(run[0])[0], id); ch != nil {
			add(ch, run)
		} else {
			unknown = append(unknown, run)
		}
	})
	return unknown
}

// referralRows adds each run of rows about one referral, of a table of
// the groups inside referrals, to the referral with add; of gives a row's
// LAchildID, place and CINdetailsID.
func referralRows[T any](c *cursor, rows []*T, of func(*T) (string, at, string), add func(*Detail, []*T)) {
	key := func(r *T) [3]string {
		id, row, referral := of(r)
		return [3]string{c.g.key(id, row), referral}
	}
	eachRun(rows, key, func(run []*T) {
		k := key(run[0])
		if d := c.detail(k[0], k[1]); d != nil {
			add(d, run)
		}
	})
}

// groupAssessments adds each referral's assessments to it, and each
// assessment's factors to the assessment.
func (c *cursor) groupAssessments() {
	g, in := c.g, c.g.in
	referralRows(c, in.Assessments, func(r *Assessment) (string, at, string) { return r.LAchildID, r.at, r.CINdetailsID },
		func(d *Detail, run []*Assessment) { d.Assessments = appendRun(d.Assessments, run) })
	c.next = 0
	eachRun(in.Factors, func(r *Factor) [3]string {
		return [3]string{g.key(r.LAchildID, r.at), r.CINdetailsID, r.AssessmentID}
	}, func(run []*Factor) {
		if d := c.detail(g.key(run[0].LAchildID, run[0].at), run[0].CINdetailsID); d != nil {
			for _, a := range d.Assessments {
				if a.AssessmentID == run[0].AssessmentID {
					a.Factors = appendRun(a.Factors, run)
					break
				}
			}
		}
	})
}

// groupPlans adds each referral's child protection plans to it, and each
// plan's reviews to the plan.
func (c *cursor) groupPlans() {
	g, in := c.g, c.g.in
	referralRows(c, in.ProtectionPlans, func(r *ProtectionPlan) (string, at, string) { return r.LAchildID, r.at, r.CINdetailsID },
		func(d *Detail, run []*ProtectionPlan) { d.ProtectionPlans = appendRun(d.ProtectionPlans, run) })
	c.next = 0
	eachRun(in.Reviews, func(r *Review) [3]string { return [3]string{g.key(r.LAchildID, r.at), r.CINdetailsID, r.CPPID} }, func(run []*Review) {
		if d := c.detail(g.key(run[0].LAchildID, run[0].at), run[0].CINdetailsID); d != nil {
			for _, p := range d.ProtectionPlans {
				if p.CPPID == run[0].CPPID {
					p.Reviews = appendRun(p.Reviews, run)
					break
				}
			}
		}
	})
}

// eachRun calls f with each run of consecutive rows with the same key:
// the child, and the referral and group when the rows belong to one.
func eachRun[T any](rows []*T, key func(*T) [3]string, f func([]*T)) {
	for i := 0; i < len(rows); {
		k := key(rows[i])
		j := i + 1
		for j < len(rows) && key(rows[j]) == k {
			j++
		}
		f(rows[i:j:j])
		i = j
	}
}

// appendRun adds a run of rows to a child's or group's: the run itself
// when they have none yet, which it shares with the table's list (its
// capacity is its length, so a later append copies it).
func appendRun[T any](have, run []*T) []*T {
	if len(have) == 0 {
		return run
	}
	return append(have, run...)
}

// grouper finds children by key (grouper.key: the LAchildID, or where
// there is none the <Child> the row was read from), through cursors.
type grouper struct {
	in       *Input
	children map[string]int // index in in.Children by key
	keys     []string       // the key of each child of in.Children
	slab     []Child        // children are allocated from it, a block at a time
	// blankFile and blankLines are the file and lines of the
	// ChildIdentifiers rows without an LAchildID, in order, when the census
	// is one file whose lines tell its children apart.
	blankFile  string
	blankLines []int
	// For a census whose other tables are files of their own (the CSV
	// layout): blankRows are the rows of ChildIdentifiers without an
	// LAchildID, in order (the i-th is the child "\x00i"); positions
	// the row of each LAchildID's first ChildIdentifiers row; and tied
	// the key of each row without an LAchildID of each other table,
	// worked out when first asked (tieBlanks).
	blankRows []int
	positions map[string]int
	tied      map[returns.TableName][]string
	tieMu     sync.Mutex // guards positions and tied
}

// cursor walks one table's rows through the children: it finds a row's
// child first as the child after the last found, as the tables list
// children in the same order, then by map. A cursor that makes children
// adds those it does not find; several that do not may walk at once.
type cursor struct {
	g     *grouper
	next  int // the child after the last found
	makes bool
}

func (g *grouper) cursor(makes bool) *cursor { return &cursor{g: g, makes: makes} }

// findBlanks notes where the children without an LAchildID start, when
// ChildIdentifiers was read from a file and each such child's row is on a
// later line than the one before. Each is then a child of their own. In
// one file (the XML) a child's rows in every table lie from its
// ChildIdentifiers row's line to the next child's; the rows of a table in
// a file of its own (the CSV layout) are tied by order (tieBlanks).
// Otherwise (tables read from no file, or rows on one line) the children
// without an LAchildID are taken as one, the blank identifier.
func (g *grouper) findBlanks() {
	t := g.in.Return.Table(cin.ChildIdentifiers)
	if t == nil || t.File == "" {
		return
	}
	for _, id := range g.in.Identifiers {
		if id.LAchildID != "" {
			continue
		}
		line := t.Rows[id.Row].Line
		if n := len(g.blankLines); line == 0 || n > 0 && line <= g.blankLines[n-1] {
			g.blankLines, g.blankRows = nil, nil
			return
		}
		g.blankLines = append(g.blankLines, line)
		g.blankRows = append(g.blankRows, int(id.Row))
	}
	g.blankFile = t.File
}

// key returns the key of the child of a row with the LAchildID id: id
// itself, or, when id is blank and the census's lines tell its children
// apart (findBlanks), the child without an LAchildID whose rows the row
// is among.
func (g *grouper) key(id string, row at) string {
	if id != "" || len(g.blankLines) == 0 {
		return id
	}
	ref := row.Ref()
	t := g.in.Return.Table(ref.Table)
	if t == nil || ref.Row >= len(t.Rows) {
		return id
	}
	if t.File != g.blankFile {
		return g.tieBlanks(t)[ref.Row]
	}
	i := sort.SearchInts(g.blankLines, t.Rows[ref.Row].Line+1) - 1
	if i < 0 {
		return id
	}
	// XML cannot hold a NUL, so no LAchildID begins with one.
	return "\x00" + strconv.Itoa(i)
}

// tieBlanks returns the key of each row of t without an LAchildID ("" for
// the others), t being a file of its own, as a table of the CSV layout
// is. Its rows cannot be told apart by line, so they are tied by order:
// the tables list children in ChildIdentifiers' order, so a run of rows
// without an LAchildID lies between the children of the named rows
// before and after it. When exactly one child without an LAchildID lies
// there too, the rows are that child's. Otherwise which of them (or
// none) cannot be told, and the run's rows are kept together apart from
// every other child's, as the rows of a child of their own.
func (g *grouper) tieBlanks(t *returns.Table) []string {
	// Cursors of several tables may ask at once.
	g.tieMu.Lock()
	defer g.tieMu.Unlock()
	if keys, ok := g.tied[t.Schema.Name]; ok {
		return keys
	}
	if g.positions == nil {
		g.positions = make(map[string]int, len(g.in.Identifiers))
		g.tied = map[returns.TableName][]string{}
		for _, id := range g.in.Identifiers {
			if _, ok := g.positions[id.LAchildID]; !ok && id.LAchildID != "" {
				g.positions[id.LAchildID] = int(id.Row)
			}
		}
	}
	c := t.Schema.Index("LAchildID")
	keys := make([]string, len(t.Rows))
	if c < 0 {
		return keys
	}
	// next[i] is the ChildIdentifiers row of the first named row at or
	// after row i whose child is there; len(ChildIdentifiers) if none.
	next := make([]int, len(t.Rows)+1)
	next[len(t.Rows)] = g.in.Return.Table(cin.ChildIdentifiers).Len()
	for i := len(t.Rows) - 1; i >= 0; i-- {
		next[i] = next[i+1]
		if p, ok := g.positions[t.Rows[i].Values[c]]; ok {
			next[i] = p
		}
	}
	before := -1 // the ChildIdentifiers row of the last named row's child
	for i := 0; i < len(t.Rows); i++ {
		id := t.Rows[i].Values[c]
		if id != "" {
			if p, ok := g.positions[id]; ok {
				before = p
			}
			continue
		}
		lo := sort.SearchInts(g.blankRows, before+1)
		hi := sort.SearchInts(g.blankRows, next[i])
		key := "\x00" + strconv.Itoa(lo)
		if hi-lo != 1 {
			// The same for every table's rows between the same children,
			// and of another form than a child's of ChildIdentifiers.
			key = "\x00" + strconv.Itoa(lo) + "-" + strconv.Itoa(hi)
		}
		for ; i < len(t.Rows) && t.Rows[i].Values[c] == ""; i++ {
			keys[i] = key
		}
		i--
	}
	g.tied[t.Schema.Name] = keys
	return keys
}

// child returns the child with the key, adding them with the LAchildID id
// when new and the cursor makes children, or nil.
func (c *cursor) child(key string, id *string) *Child {
	g := c.g
	children := g.in.Children
	if c.next < len(children) && g.keys[c.next] == key {
		c.next++
		return children[c.next-1]
	}
	if i, ok := g.children[key]; ok {
		c.next = i + 1
		return children[i]
	}
	if !c.makes {
		return nil
	}
	if len(g.slab) == 0 {
		g.slab = make([]Child, 4096)
	}
	ch := &g.slab[0]
	g.slab = g.slab[1:]
	ch.LAchildID = *id
	g.children[key] = len(children)
	g.keys = append(g.keys, key)
	g.in.Children = append(children, ch)
	c.next = len(g.in.Children)
	return ch
}

// detail returns the referral with the CINdetailsID of the child with the
// key, or nil.
func (c *cursor) detail(key, id string) *Detail {
	// A child's referrals come one run each: the child may be the last
	// one found.
	g := c.g
	var ch *Child
	if last := c.next - 1; last >= 0 && last < len(g.in.Children) && g.keys[last] == key {
		ch = g.in.Children[last]
	} else if ch = c.child(key, nil); ch == nil {
		return nil
	}
	for _, d := range ch.Details {
		if d.CINdetailsID == id {
			return d
		}
	}
	return nil
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

// parallel runs the functions at once and waits for them all.
func parallel(work ...func()) {
	var wg sync.WaitGroup
	for _, f := range work {
		wg.Go(f)
	}
	wg.Wait()
}
