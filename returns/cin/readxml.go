package cin

import (
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/village-uk/village/returns"
)

// The census's XML layout, as the DfE's schemas for 2023/24 to 2025/26
// give it (Message is the root, Children the container of the records):
//
//	Message
//	  Header
//	    CollectionDetails: Collection Year ReferenceDate
//	    Source: SourceLevel LEA SoftwareCode Release SerialNo DateTime
//	  Children
//	    Child
//	      ChildIdentifiers: LAchildID UPN FormerUPN UPNunknown PersonBirthDate
//	                        ExpectedPersonBirthDate GenderCurrent|Sex PersonDeathDate
//	      ChildCharacteristics: Ethnicity, Disabilities (Disability*)
//	      CINdetails*: CINreferralDate ReferralSource PrimaryNeedCode CINclosureDate
//	                   ReasonForClosure DateOfInitialCPC ReferralNFA
//	        Assessments*: AssessmentActualStartDate AssessmentInternalReviewDate
//	                      AssessmentAuthorisationDate,
//	                      FactorsIdentifiedAtAssessment (AssessmentFactors*)
//	        CINPlanDates*: CINPlanStartDate CINPlanEndDate
//	        Section47*: S47ActualStartDate InitialCPCtarget DateOfInitialCPC ICPCnotRequired
//	        ChildProtectionPlans*: CPPstartDate CPPendDate InitialCategoryOfAbuse
//	                               LatestCategoryOfAbuse NumberOfPreviousCPP,
//	                               Reviews (CPPreviewDate*)
//	        PreProceedingsandFGDM*: PPStartDate LBPSentDate FGDMMeetingOffer FGDMMeetingFac
//	                                InitialPPMeetingDate ReviewMeetingsCount StepDecisionDate
//	                                PPOutcome CourtAppDate LetterInitCPDate (2026/27 on)
//
// ReadXML reads the file with the shared scanner (returns.ScanXML), which
// hands over the Header and each Child as a record, and maps each record
// onto rows. Every CPPreviewDate of a Reviews block is a row of its own.

// plan maps the leaf elements of one element group (CINdetails,
// Assessments, ...) onto the columns of the table its rows go to.
type plan struct {
	name     string // the group's element name, for messages
	table    int    // index in Schemas
	col      []int8 // element → the column it fills, or -1
	expected string // the elements the group may hold, for warnings
}

// group is how the maps below describe a plan: the table, the leaf
// elements with the columns they fill (the same name unless given as
// "element=column"), and the groups nested inside it.
type group struct {
	table  TableName
	leaves []string
	nested []string
}

var groups = map[string]group{
	"Message":           {nested: []string{"Header", "Children"}},
	"Children":          {nested: []string{"Child"}},
	"Header":            {table: Header, nested: []string{"CollectionDetails", "Source"}},
	"CollectionDetails": {table: Header, leaves: []string{"Collection", "Year", "ReferenceDate"}},
	"Source": {table: Header, leaves: []string{"SourceLevel", "LEA", "SoftwareCode", "Release",
		"SerialNo", "DateTime"}},
	"Child": {nested: []string{"ChildIdentifiers", "ChildCharacteristics", "CINdetails"}},
	"ChildIdentifiers": {table: ChildIdentifiers, leaves: []string{"LAchildID", "UPN", "FormerUPN",
		"UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate"}},
	"ChildCharacteristics": {table: ChildCharacteristics, leaves: []string{"Ethnicity"},
		nested: []string{"Disabilities"}},
	"Disabilities": {table: Disabilities, leaves: []string{"Disability"}},
	"CINdetails": {table: CINdetails, leaves: []string{"CINreferralDate", "ReferralSource",
		"PrimaryNeedCode", "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA"},
		nested: []string{"Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedingsandFGDM"}},
	"Assessments": {table: Assessments, leaves: []string{"AssessmentActualStartDate",
		"AssessmentInternalReviewDate", "AssessmentAuthorisationDate"},
		nested: []string{"FactorsIdentifiedAtAssessment"}},
	"FactorsIdentifiedAtAssessment": {table: AssessmentFactorsList, leaves: []string{"AssessmentFactors=AssessmentFactor"}},
	"CINPlanDates":                  {table: CINplanDates, leaves: []string{"CINPlanStartDate", "CINPlanEndDate"}},
	"Section47": {table: Section47, leaves: []string{"S47ActualStartDate", "InitialCPCtarget",
		"DateOfInitialCPC", "ICPCnotRequired"}},
	"ChildProtectionPlans": {table: ChildProtectionPlans, leaves: []string{"CPPstartDate", "CPPendDate",
		"InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP"}, nested: []string{"Reviews"}},
	"Reviews": {table: Reviews, leaves: []string{"CPPreviewDate"}},

	// The pre-proceedings module, from 2026/27 (preproceedings.go).
	"PreProceedingsandFGDM": {table: PreProceedings, leaves: preProceedingsLeaves},
}

// The layout, its element numbers and plans, built once from groups.
var (
	xmlLayout *returns.XMLLayout
	plans     map[string]*plan
	// The element numbers the mapping compares with.
	idHeader, idCollectionDetails, idSource, idChild, idChildIdentifiers, idLAchildID,
	idChildCharacteristics, idDisabilities, idCINdetails, idAssessments, idFactors,
	idCINPlanDates, idSection47, idCPP, idReviews, idPreProceedings returns.ElementID
	// The columns every table but the Header shares, in Schemas order.
	tableIndex map[TableName]int
)

// The positions of the shared columns: LAchildID is first in every
// child's table, CINdetailsID second, AssessmentID or CPPID third.
const (
	colChild   = 0
	colDetails = 1
	colThird   = 2
)

func init() {
	tableIndex = map[TableName]int{}
	for i, s := range Schemas {
		tableIndex[s.Name] = i
		if s.Child != "" && (s.Index(childColumn) != colChild) {
			panic("cin: " + string(s.Name) + " does not begin with LAchildID")
		}
	}
	var names []string
	for name, g := range groups {
		names = append(names, name)
		for _, l := range g.leaves {
			element, _, _ := strings.Cut(l, "=")
			names = append(names, element)
		}
	}
	elements := returns.NewElementNames(names...)
	xmlLayout = &returns.XMLLayout{Return: "CIN", Root: "Message", Names: elements, Containers: []string{"Children"}}
	plans = map[string]*plan{}
	for name, g := range groups {
		p := &plan{name: name, table: tableIndex[g.table], col: make([]int8, elements.Len())}
		for i := range p.col {
			p.col[i] = -1
		}
		s := Schemas[p.table]
		var expected []string
		for _, l := range g.leaves {
			element, column, ok := strings.Cut(l, "=")
			if !ok {
				column = element
			}
			c := s.Index(column)
			if c < 0 {
				panic("cin: " + string(s.Name) + " has no column " + column)
			}
			p.col[elements.ID(element)] = int8(c)
			expected = append(expected, element)
		}
		expected = append(expected, g.nested...)
		p.expected = "one of " + strings.Join(expected, ", ")
		plans[name] = p
	}
	id := elements.ID
	idHeader, idCollectionDetails, idSource = id("Header"), id("CollectionDetails"), id("Source")
	idChild, idChildIdentifiers, idLAchildID = id("Child"), id("ChildIdentifiers"), id("LAchildID")
	idChildCharacteristics, idDisabilities = id("ChildCharacteristics"), id("Disabilities")
	idCINdetails, idAssessments, idFactors = id("CINdetails"), id("Assessments"), id("FactorsIdentifiedAtAssessment")
	idCINPlanDates, idSection47 = id("CINPlanDates"), id("Section47")
	idCPP, idReviews = id("ChildProtectionPlans"), id("Reviews")
	idPreProceedings = id("PreProceedingsandFGDM")
}

// ReadXML reads every table from a CIN census XML file. Every table is in
// the result, empty when the file has none of its rows. CINdetailsID,
// AssessmentID and CPPID number a child's referrals, and a referral's
// assessments and plans, from 1 in the order the file gives them.
//
// The problems hold warnings (unknown elements, each reported once a file;
// an element given twice) and invalid values (a date not written
// YYYY-MM-DD, a child with no LAchildID, a PreProceedingsandFGDM in a
// census whose Header puts it before 2026/27); the rows keep the submitted
// text, and a child with no LAchildID keeps its rows, with the column
// blank. The error, when not nil, is a Problems list of one fatal problem
// (the file is not well-formed XML, is not a CIN census, or is larger than
// returns.MaxFileSize), and then nothing of the file is used.
//
// A large file is read in as many parts at once as Go may run goroutines
// (returns.ScanXMLParts), each part's rows following the last's.
func ReadXML(file string, r io.Reader) (map[TableName]*returns.Table, returns.Problems, error) {
	var parts []*xmlMapper
	used, problems, err := returns.ScanXMLParts(file, r, xmlLayout, xmlParts(), func(int) func(*returns.XMLRecord) {
		m := newMapper(file)
		parts = append(parts, m)
		return m.record
	})
	if err != nil {
		return nil, nil, err
	}
	var more []*returns.RowGatherer
	for _, m := range parts[1:used] {
		more = append(more, m.rows)
	}
	parts[0].rows.Join(more...)
	problems = withPreProceedingsYear(file, parts[0].tables, problems)
	return parts[0].tables, problems, nil
}

// xmlParts is the most parts ReadXML reads a file in at once; tests set
// it.
var xmlParts = func() int { return runtime.GOMAXPROCS(0) }

// xmlMapper turns each record of a census, or of a part of it, into rows.
type xmlMapper struct {
	tables  map[TableName]*returns.Table
	byIndex []*returns.Table // the tables in Schemas order
	rows    *returns.RowGatherer
	rec     *returns.XMLRecord // the record being mapped
	child   string             // its LAchildID
	factors []string
}

// newMapper returns a mapper of the census file's records into empty
// tables.
func newMapper(file string) *xmlMapper {
	m := &xmlMapper{tables: make(map[TableName]*returns.Table, len(Schemas))}
	for _, s := range Schemas {
		t := &returns.Table{Schema: s, File: file}
		m.tables[s.Name] = t
		m.byIndex = append(m.byIndex, t)
	}
	m.rows = returns.NewRowGatherer(m.byIndex)
	return m
}

// record maps one record: the Header or a Child.
func (m *xmlMapper) record(rec *returns.XMLRecord) {
	m.rec = rec
	switch rec.Elements[0].ID {
	case idChild:
		m.addChild()
	case idHeader:
		m.addHeader()
	default:
		// The scanner hands over what is inside Children as well as what
		// is directly inside Message.
		p := plans["Message"]
		if strings.Contains(rec.Path(0), "/Children/") {
			p = plans["Children"]
		}
		m.unknown(0, p)
	}
}

// unknown warns, once a file for each group and name, that element k
// inside the group is not part of the layout and is ignored.
func (m *xmlMapper) unknown(k int32, p *plan) {
	name := m.rec.Name(k)
	m.rec.ReportOnce(p.name+"/"+name, k, &returns.Problem{Severity: returns.Warning, Value: name, Expected: p.expected,
		Message: "is not an element " + p.name + " holds, and is ignored (reported once a file)"})
}

// newRow returns the values of a new row of p's table, with the child and
// the positional numbers given filled in.
func (m *xmlMapper) newRow(p *plan, numbers ...int) []string {
	values := m.rows.Values(len(Schemas[p.table].Columns))
	if Schemas[p.table].Child != "" {
		values[colChild] = m.child
		for i, n := range numbers {
			values[colDetails+i] = position(n)
		}
	}
	return values
}

// add adds a row of p's table made from element k.
func (m *xmlMapper) add(p *plan, k int32, values []string) {
	m.rows.Add(p.table, returns.Row{Line: int(m.rec.Elements[k].Line), Values: values})
}

// field fills the column that element f of group p stands for, and
// reports whether f is one of p's leaves. set marks the columns filled so
// far, so that a leaf given twice is reported and its first value kept.
func (m *xmlMapper) field(p *plan, f int32, values []string, set *uint32) bool {
	e := &m.rec.Elements[f]
	c := p.col[e.ID]
	if c < 0 {
		return false
	}
	column := Schemas[p.table].Columns[c]
	if *set&(1<<c) != 0 {
		m.rec.Report(f, &returns.Problem{Severity: returns.Warning, Field: column.Name,
			Message:  "is given more than once in " + p.name + "; the first is used",
			Expected: "one " + m.rec.Name(f) + " in each " + p.name})
		return true
	}
	*set |= 1 << c
	if e.HasChildren {
		m.rec.Report(f, &returns.Problem{Severity: returns.Invalid, Field: column.Name,
			Message: "holds elements", Expected: "text only"})
		return true
	}
	v := m.rec.Text(f)
	values[c] = v
	if v != "" {
		if expected := column.Kind.Check(v); expected != "" {
			m.rec.Report(f, &returns.Problem{Severity: returns.Invalid, Field: column.Name, Value: v, Expected: expected})
		}
	}
	return true
}

// leaves fills a row of p from the children of element k, which must all
// be leaves of p, and adds it.
func (m *xmlMapper) leaves(p *plan, k int32, values []string) {
	nodes := m.rec.Elements
	var set uint32
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		if !m.field(p, f, values, &set) {
			m.unknown(f, p)
		}
	}
	m.add(p, k, values)
}

// addHeader adds the Header's row.
func (m *xmlMapper) addHeader() {
	nodes := m.rec.Elements
	p := plans["Header"]
	values := m.newRow(p)
	var set uint32
	sources := 0
	for k := nodes[0].First; k >= 0; k = nodes[k].Next {
		switch nodes[k].ID {
		case idCollectionDetails, idSource:
			group := plans["CollectionDetails"]
			if nodes[k].ID == idSource {
				group = plans["Source"]
				if sources++; sources > 1 {
					m.rec.Report(k, &returns.Problem{Severity: returns.Warning, Field: "Source",
						Message: "is given more than once; the first is used", Expected: "one Source in the Header"})
					continue
				}
			}
			for f := nodes[k].First; f >= 0; f = nodes[f].Next {
				if !m.field(group, f, values, &set) {
					m.unknown(f, group)
				}
			}
		default:
			m.unknown(k, p)
		}
	}
	m.add(p, 0, values)
}

// addChild adds the rows of one Child.
func (m *xmlMapper) addChild() {
	nodes := m.rec.Elements
	identifiers := m.findChild(0, idChildIdentifiers)
	m.child = ""
	if identifiers < 0 {
		m.rec.Report(0, &returns.Problem{Severity: returns.Invalid, Field: "ChildIdentifiers",
			Message:  "the Child has no ChildIdentifiers; its other rows are kept with a blank LAchildID",
			Expected: "ChildIdentifiers holding the child's LAchildID"})
	} else if id := m.findChild(identifiers, idLAchildID); id < 0 || m.rec.Text(id) == "" {
		m.rec.Report(identifiers, &returns.Problem{Severity: returns.Invalid, Field: "LAchildID",
			Message:  "the child has no LAchildID; its rows are kept with it blank",
			Expected: "the child's identifier in the local authority's system"})
	} else {
		m.child = m.rec.Text(id)
	}
	child, details := plans["Child"], 0
	for k := nodes[0].First; k >= 0; k = nodes[k].Next {
		switch nodes[k].ID {
		case idChildIdentifiers:
			if k != identifiers {
				m.rec.Report(k, &returns.Problem{Severity: returns.Warning, Field: "ChildIdentifiers",
					Message: "is given more than once; the first is used", Expected: "one ChildIdentifiers in each Child"})
				continue
			}
			p := plans["ChildIdentifiers"]
			m.leaves(p, k, m.newRow(p))
		case idChildCharacteristics:
			m.addCharacteristics(k)
		case idCINdetails:
			details++
			m.addDetails(k, details)
		default:
			m.unknown(k, child)
		}
	}
}

// findChild returns the first child element of k numbered id, or -1.
func (m *xmlMapper) findChild(k int32, id returns.ElementID) int32 {
	nodes := m.rec.Elements
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		if nodes[f].ID == id {
			return f
		}
	}
	return -1
}

// addCharacteristics adds the ChildCharacteristics row at element k and
// a Disabilities row for each Disability.
func (m *xmlMapper) addCharacteristics(k int32) {
	nodes := m.rec.Elements
	p := plans["ChildCharacteristics"]
	values := m.newRow(p)
	var set uint32
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		switch {
		case m.field(p, f, values, &set):
		case nodes[f].ID == idDisabilities:
			m.eachLeaf(plans["Disabilities"], f)
		default:
			m.unknown(f, p)
		}
	}
	m.add(p, k, values)
}

// eachLeaf adds a row of p for each leaf inside element k (a Disability,
// an AssessmentFactors code, a CPPreviewDate), numbered as given.
func (m *xmlMapper) eachLeaf(p *plan, k int32, numbers ...int) {
	nodes := m.rec.Elements
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		values := m.newRow(p, numbers...)
		var set uint32
		if !m.field(p, f, values, &set) {
			m.unknown(f, p)
			continue
		}
		m.add(p, f, values)
	}
}

// addDetails adds the rows of the n'th CINdetails of the child, at element
// k, and of the groups inside it.
func (m *xmlMapper) addDetails(k int32, n int) {
	nodes := m.rec.Elements
	p := plans["CINdetails"]
	values := m.newRow(p, n)
	var set uint32
	assessments, cpps := 0, 0
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		if m.field(p, f, values, &set) {
			continue
		}
		switch nodes[f].ID {
		case idAssessments:
			assessments++
			m.addAssessment(f, n, assessments)
		case idCINPlanDates:
			g := plans["CINPlanDates"]
			m.leaves(g, f, m.newRow(g, n))
		case idSection47:
			g := plans["Section47"]
			m.leaves(g, f, m.newRow(g, n))
		case idCPP:
			cpps++
			m.addPlan(f, n, cpps)
		case idPreProceedings:
			g := plans["PreProceedingsandFGDM"]
			m.leaves(g, f, m.newRow(g, n))
		default:
			m.unknown(f, p)
		}
	}
	m.add(p, k, values)
}

// addAssessment adds the a'th assessment of the n'th CINdetails, at
// element k, with its factors. The Assessments row's AssessmentFactors
// holds the factors joined by commas; AssessmentFactorsList has a row for
// each.
func (m *xmlMapper) addAssessment(k int32, n, a int) {
	nodes := m.rec.Elements
	p := plans["Assessments"]
	values := m.newRow(p, n, a)
	var set uint32
	m.factors = m.factors[:0]
	list := plans["FactorsIdentifiedAtAssessment"]
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		switch {
		case m.field(p, f, values, &set):
		case nodes[f].ID == idFactors:
			for g := nodes[f].First; g >= 0; g = nodes[g].Next {
				if list.col[nodes[g].ID] >= 0 && !nodes[g].HasChildren {
					m.factors = append(m.factors, m.rec.Text(g))
				}
			}
			m.eachLeaf(list, f, n, a)
		default:
			m.unknown(f, p)
		}
	}
	if c := Schemas[p.table].Index("AssessmentFactors"); c >= 0 && len(m.factors) > 0 {
		values[c] = strings.Join(m.factors, ",")
	}
	m.add(p, k, values)
}

// addPlan adds the c'th child protection plan of the n'th CINdetails, at
// element k, and a Reviews row for every CPPreviewDate in it.
func (m *xmlMapper) addPlan(k int32, n, c int) {
	nodes := m.rec.Elements
	p := plans["ChildProtectionPlans"]
	values := m.newRow(p, n, c)
	var set uint32
	for f := nodes[k].First; f >= 0; f = nodes[f].Next {
		switch {
		case m.field(p, f, values, &set):
		case nodes[f].ID == idReviews:
			m.eachLeaf(plans["Reviews"], f, n, c)
		default:
			m.unknown(f, p)
		}
	}
	m.add(p, k, values)
}

// positions holds the positional numbers' text, so that most rows share it.
var positions = func() []string {
	s := make([]string, 64)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func position(n int) string {
	if n < len(positions) {
		return positions[n]
	}
	return strconv.Itoa(n)
}
