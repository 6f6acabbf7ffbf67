package synth

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
)

// CINCensus is one year's synthetic children in need census, ready to be
// written as the DfE's XML. It is built afresh each time it is written
// and not kept, as a national census runs to hundreds of megabytes.
type CINCensus struct {
	Year     calendar.Year
	s        *sim
	children []*cinChild
	rate     float64

	injectedOnce sync.Once
	injected     []InjectedError
}

// each builds the census child by child, each with its mistakes, and
// gives each child to fn; the children are not kept. It records the
// mistakes the first time.
func (c *CINCensus) each(fn func(*cinChildXML)) {
	injected := c.build(fn)
	c.injectedOnce.Do(func() { c.injected = injected })
}

// build builds the census child by child, as each does, and returns its
// mistakes.
func (c *CINCensus) build(fn func(*cinChildXML)) []InjectedError {
	j := newCINInjector(c.s.seed, c.Year, c.rate)
	c.s.eachCINChild(c.children, c.Year, func(k *cinChildXML) {
		j.child(k)
		fn(k)
	})
	return j.out
}

// message builds the whole census, with its mistakes.
func (c *CINCensus) message() *cinMessage {
	m := &cinMessage{Header: c.s.eachCINChild(nil, c.Year, nil)}
	c.each(func(k *cinChildXML) { m.Children = append(m.Children, *k) })
	return m
}

// Injected lists the mistakes put into the census.
func (c *CINCensus) Injected() []InjectedError {
	if c.rate <= 0 {
		return nil
	}
	c.injectedOnce.Do(func() { c.injected = c.build(func(*cinChildXML) {}) })
	return c.injected
}

// cinLater makes a Result's children in need censuses when they are
// first asked for: they hold several times as many children as the 903,
// and most users of Generate want the 903 only.
type cinLater struct {
	once     sync.Once
	s        *sim
	children []*child
	rate     float64
	censuses []*CINCensus
}

func (l *cinLater) make() {
	l.once.Do(func() {
		children := l.s.cinChildren(l.children)
		for y := l.s.first; y <= l.s.last; y++ {
			l.censuses = append(l.censuses, &CINCensus{Year: y, s: l.s, children: children, rate: l.rate})
		}
		l.children = nil
	})
}

// CIN returns the children in need census for each year, oldest first,
// for the same children as the 903 returns. The children are simulated on
// the first call; each census is built when it is written, with
// Config.ErrorRate's mistakes in it.
func (r *Result) CIN() []*CINCensus {
	if r.cin == nil {
		return nil
	}
	r.cin.make()
	return r.cin.censuses
}

// CINInjected lists the mistakes Config.ErrorRate put into the CIN
// censuses, in the columns of Injected; Table and Row name the table and
// row as the peer validator flattens the census.
func (r *Result) CINInjected() []InjectedError {
	var out []InjectedError
	for _, c := range r.CIN() {
		out = append(out, c.Injected()...)
	}
	return out
}

// Children returns the number of children in the census.
func (c *CINCensus) Children() int { return len(c.message().Children) }

// The census as the XML holds it, every value as text; a blank value is
// left out. The field order is the XSD's. The xml tags let the tests read
// a written file back.
type cinMessage struct {
	XMLName  xml.Name      `xml:"Message"`
	Header   cinHeader     `xml:"Header"`
	Children []cinChildXML `xml:"Children>Child"`
}

type cinHeader struct {
	Collection    string `xml:"CollectionDetails>Collection"`
	Year          string `xml:"CollectionDetails>Year"`
	ReferenceDate string `xml:"CollectionDetails>ReferenceDate"`
	SourceLevel   string `xml:"Source>SourceLevel"`
	LEA           string `xml:"Source>LEA"`
	SoftwareCode  string `xml:"Source>SoftwareCode"`
	Release       string `xml:"Source>Release"`
	SerialNo      string `xml:"Source>SerialNo"`
	DateTime      string `xml:"Source>DateTime"`
}

type cinChildXML struct {
	LAchildID               string          `xml:"ChildIdentifiers>LAchildID"`
	UPN                     string          `xml:"ChildIdentifiers>UPN"`
	FormerUPN               string          `xml:"ChildIdentifiers>FormerUPN"`
	UPNunknown              string          `xml:"ChildIdentifiers>UPNunknown"`
	PersonBirthDate         string          `xml:"ChildIdentifiers>PersonBirthDate"`
	ExpectedPersonBirthDate string          `xml:"ChildIdentifiers>ExpectedPersonBirthDate"`
	GenderCurrent           string          `xml:"ChildIdentifiers>GenderCurrent"`
	Sex                     string          `xml:"ChildIdentifiers>Sex"`
	PersonDeathDate         string          `xml:"ChildIdentifiers>PersonDeathDate"`
	Ethnicity               string          `xml:"ChildCharacteristics>Ethnicity"`
	Disabilities            []string        `xml:"ChildCharacteristics>Disabilities>Disability"`
	Details                 []cinDetailsXML `xml:"CINdetails"`
}

type cinDetailsXML struct {
	CINreferralDate  string
	ReferralSource   string
	PrimaryNeedCode  string
	CINclosureDate   string
	ReasonForClosure string
	DateOfInitialCPC string
	Assessments      []assessmentXML `xml:"Assessments"`
	CINPlanDates     []cinPlanXML    `xml:"CINPlanDates"`
	Section47        []section47XML  `xml:"Section47"`
	ReferralNFA      string
	Plans            []cppXML `xml:"ChildProtectionPlans"`
	PreProceedings   []ppXML  `xml:"PreProceedingsandFGDM"` // from 2026/27
}

type assessmentXML struct {
	AssessmentActualStartDate    string
	AssessmentInternalReviewDate string
	AssessmentAuthorisationDate  string
	Factors                      []string `xml:"FactorsIdentifiedAtAssessment>AssessmentFactors"`
}

type cinPlanXML struct {
	CINPlanStartDate string
	CINPlanEndDate   string
}

type section47XML struct {
	S47ActualStartDate string
	InitialCPCtarget   string
	DateOfInitialCPC   string
	ICPCnotRequired    string
}

type cppXML struct {
	CPPstartDate           string
	CPPendDate             string
	InitialCategoryOfAbuse string
	LatestCategoryOfAbuse  string
	NumberOfPreviousCPP    string
	Reviews                []string `xml:"Reviews>CPPreviewDate"`
}

// cinSexLetters reports whether a year's census records Sex (M, F, U)
// rather than GenderCurrent (1, 2, 0, 9): from 2024/25, whose XSD
// (CIN_schema_2025.xsd) and the peer validator's 2024/25 rule 4180 have
// Sex.
func cinSexLetters(y calendar.Year) bool { return y >= 2025 }

// cinYear is one census year being emitted: dates after its end are not
// yet known.
type cinYear struct {
	from, to       calendar.Date
	letters        bool
	preProceedings bool // the census carries the pre-proceedings module
}

func (y cinYear) in(d calendar.Date) bool { return d != 0 && d >= y.from && d <= y.to }

// date writes a date known by the end of the year; a later one is blank.
func (y cinYear) date(d calendar.Date) string {
	if d == 0 || d > y.to {
		return ""
	}
	return isoDate(d)
}

// isoDates holds every date from isoFrom written YYYY-MM-DD, as writing
// dates is much of the cost of a census.
var (
	isoFrom  = calendar.NewDate(1980, 1, 1)
	isoDates = sync.OnceValue(func() []string {
		out := make([]string, calendar.NewDate(2110, 1, 1)-isoFrom)
		for i := range out {
			out[i] = formatISO(isoFrom + calendar.Date(i))
		}
		return out
	})
)

// isoDate writes YYYY-MM-DD.
func isoDate(d calendar.Date) string {
	dates := isoDates()
	if i := int(d - isoFrom); i >= 0 && i < len(dates) {
		return dates[i]
	}
	return formatISO(d)
}

func formatISO(d calendar.Date) string {
	year, month, day := d.Civil()
	var b [10]byte
	b[0], b[1], b[2], b[3] = byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10)
	b[4], b[7] = '-', '-'
	b[5], b[6] = byte('0'+month/10), byte('0'+month%10)
	b[8], b[9] = byte('0'+day/10), byte('0'+day%10)
	return string(b[:])
}

// eachCINChild builds one year's census child by child, giving each to
// fn, and returns its header: every child with a case open at some time
// in the year, each case with the assessments authorised in the year (or
// started in it and still going), the enquiries started or conferenced in
// it, and the plans open in it.
func (s *sim) eachCINChild(children []*cinChild, year calendar.Year, fn func(*cinChildXML)) cinHeader {
	y := cinYear{from: year.Start(), to: year.End(), letters: cinSexLetters(year), preProceedings: preProceedingsIn(year)}
	for _, k := range children {
		cases := y.count(k)
		if cases == 0 {
			continue
		}
		details := make([]cinDetailsXML, 0, cases)
		for _, cs := range k.cases {
			if y.holds(cs) {
				details = append(details, y.details(cs))
			}
		}
		child := y.child(k, details)
		fn(&child)
	}
	return cinHeader{Collection: "CIN", Year: strconv.Itoa(int(year)), ReferenceDate: isoDate(y.to),
		SourceLevel: "L", LEA: leaNumber(s.la), SoftwareCode: "Village synthetic", Release: "1", SerialNo: "001",
		DateTime: isoDate(y.to) + "T12:00:00"}
}

// holds reports whether a case is in the year's census: open at some
// time in the year.
func (y cinYear) holds(cs *cinCase) bool {
	return cs.referral <= y.to && (cs.closure == 0 || cs.closure >= y.from)
}

// count returns how many of a child's cases the year's census holds.
func (y cinYear) count(k *cinChild) int {
	n := 0
	for _, cs := range k.cases {
		if y.holds(cs) {
			n++
		}
	}
	return n
}

// leaNumber is the three-digit authority number the Header's LEA carries:
// the last three digits of the GSS code, for the fictional authority.
func leaNumber(gss string) string { return gss[len(gss)-3:] }

func (y cinYear) child(k *cinChild, details []cinDetailsXML) cinChildXML {
	out := cinChildXML{LAchildID: k.id, PersonBirthDate: isoDate(k.dob), PersonDeathDate: y.date(k.died),
		Ethnicity: k.ethnic, Disabilities: k.disabilities, Details: details}
	if k.dob > y.to { // referred before birth and not yet born
		out.PersonBirthDate, out.ExpectedPersonBirthDate, out.UPNunknown = "", isoDate(k.dob), "UN1"
		out.Sex, out.GenderCurrent = "U", ""
		if !y.letters {
			out.Sex, out.GenderCurrent = "", "0"
		}
		return out
	}
	switch {
	case ageOn(k.dob, y.to) < 5 && !k.earlyUPN:
		out.UPNunknown = "UN1"
	case k.noUPN != "":
		out.UPNunknown = k.noUPN
	default:
		out.UPN = k.upn
	}
	switch {
	case y.letters && k.unknownSex:
		out.Sex = "U"
	case y.letters && k.male:
		out.Sex = "M"
	case y.letters:
		out.Sex = "F"
	case k.male:
		out.GenderCurrent = "1"
	default:
		out.GenderCurrent = "2"
	}
	return out
}

func (y cinYear) details(cs *cinCase) cinDetailsXML {
	out := cinDetailsXML{CINreferralDate: isoDate(cs.referral), ReferralSource: cs.source, PrimaryNeedCode: cs.need,
		CINclosureDate: y.date(cs.closure), ReferralNFA: "0"}
	if cs.nfa {
		out.ReferralNFA = "1"
	}
	if out.CINclosureDate != "" {
		out.ReasonForClosure = cs.reason
	}
	if a := cs.assessment; a != nil && (y.in(a.authorised) || (y.in(a.start) && a.authorised > y.to)) {
		ax := assessmentXML{AssessmentActualStartDate: isoDate(a.start), AssessmentAuthorisationDate: y.date(a.authorised)}
		if ax.AssessmentAuthorisationDate != "" {
			ax.Factors = a.factors
		}
		out.Assessments = []assessmentXML{ax}
	}
	for _, p := range cs.plans {
		if p.start <= y.to && (p.end == 0 || p.end >= y.from) {
			out.CINPlanDates = append(out.CINPlanDates, cinPlanXML{isoDate(p.start), y.date(p.end)})
		}
	}
	if e := cs.s47; e != nil && (y.in(e.start) || y.in(e.icpc)) {
		sx := section47XML{S47ActualStartDate: isoDate(e.start), InitialCPCtarget: isoDate(e.target),
			DateOfInitialCPC: y.date(e.icpc), ICPCnotRequired: "0"}
		if e.icpc == 0 && (cs.closure != 0 && cs.closure <= y.to || e.target <= y.to) {
			sx.ICPCnotRequired = "1"
		}
		out.Section47 = []section47XML{sx}
	}
	if p := cs.cpp; p != nil && p.start <= y.to && (p.end == 0 || p.end >= y.from) {
		px := cppXML{CPPstartDate: isoDate(p.start), CPPendDate: y.date(p.end), InitialCategoryOfAbuse: p.initial,
			LatestCategoryOfAbuse: p.latest, NumberOfPreviousCPP: strconv.Itoa(p.previous)}
		for _, r := range p.reviews {
			if y.in(r) {
				px.Reviews = append(px.Reviews, isoDate(r))
			}
		}
		out.Plans = []cppXML{px}
	}
	if y.preProceedings {
		out.PreProceedings = y.preProceedingsOf(cs)
	}
	return out
}

// WriteXML writes the census as the DfE's CIN census XML, elements in the
// order of the year's XSD.
func (c *CINCensus) WriteXML(w io.Writer) error {
	x := &xmlWriter{w: bufio.NewWriterSize(w, 64<<10)}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<Message>\n")
	h := c.s.eachCINChild(nil, c.Year, nil)
	x.open(1, "Header")
	x.open(2, "CollectionDetails")
	x.leaf(3, "Collection", h.Collection)
	x.leaf(3, "Year", h.Year)
	x.leaf(3, "ReferenceDate", h.ReferenceDate)
	x.close(2, "CollectionDetails")
	x.open(2, "Source")
	x.leaf(3, "SourceLevel", h.SourceLevel)
	x.leaf(3, "LEA", h.LEA)
	x.leaf(3, "SoftwareCode", h.SoftwareCode)
	x.leaf(3, "Release", h.Release)
	x.leaf(3, "SerialNo", h.SerialNo)
	x.leaf(3, "DateTime", h.DateTime)
	x.close(2, "Source")
	x.close(1, "Header")
	x.open(1, "Children")
	c.each(x.child)
	x.close(1, "Children")
	x.raw("</Message>\n")
	return x.flush()
}

// xmlWriter writes indented XML, remembering the first error.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

const indents = "\n\t\t\t\t\t\t\t\t"

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

func (x *xmlWriter) open(depth int, name string) {
	x.raw(indents[1 : depth+1])
	x.raw("<")
	x.raw(name)
	x.raw(">\n")
}

func (x *xmlWriter) close(depth int, name string) {
	x.raw(indents[1 : depth+1])
	x.raw("</")
	x.raw(name)
	x.raw(">\n")
}

// leaf writes an element with text, or nothing for a blank value.
func (x *xmlWriter) leaf(depth int, name, value string) {
	if value == "" {
		return
	}
	x.raw(indents[1 : depth+1])
	x.raw("<")
	x.raw(name)
	x.raw(">")
	if strings.ContainsAny(value, `<>&'"`) {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(value))
		value = b.String()
	}
	x.raw(value)
	x.raw("</")
	x.raw(name)
	x.raw(">\n")
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

func (x *xmlWriter) child(c *cinChildXML) {
	x.open(2, "Child")
	x.open(3, "ChildIdentifiers")
	x.leaf(4, "LAchildID", c.LAchildID)
	x.leaf(4, "UPN", c.UPN)
	x.leaf(4, "FormerUPN", c.FormerUPN)
	x.leaf(4, "UPNunknown", c.UPNunknown)
	x.leaf(4, "PersonBirthDate", c.PersonBirthDate)
	x.leaf(4, "ExpectedPersonBirthDate", c.ExpectedPersonBirthDate)
	x.leaf(4, "GenderCurrent", c.GenderCurrent)
	x.leaf(4, "Sex", c.Sex)
	x.leaf(4, "PersonDeathDate", c.PersonDeathDate)
	x.close(3, "ChildIdentifiers")
	x.open(3, "ChildCharacteristics")
	x.leaf(4, "Ethnicity", c.Ethnicity)
	if len(c.Disabilities) > 0 {
		x.open(4, "Disabilities")
		for _, d := range c.Disabilities {
			x.leaf(5, "Disability", d)
		}
		x.close(4, "Disabilities")
	}
	x.close(3, "ChildCharacteristics")
	for i := range c.Details {
		x.details(&c.Details[i])
	}
	x.close(2, "Child")
}

func (x *xmlWriter) details(d *cinDetailsXML) {
	x.open(3, "CINdetails")
	x.leaf(4, "CINreferralDate", d.CINreferralDate)
	x.leaf(4, "ReferralSource", d.ReferralSource)
	x.leaf(4, "PrimaryNeedCode", d.PrimaryNeedCode)
	x.leaf(4, "CINclosureDate", d.CINclosureDate)
	x.leaf(4, "ReasonForClosure", d.ReasonForClosure)
	x.leaf(4, "DateOfInitialCPC", d.DateOfInitialCPC)
	for _, a := range d.Assessments {
		x.open(4, "Assessments")
		x.leaf(5, "AssessmentActualStartDate", a.AssessmentActualStartDate)
		x.leaf(5, "AssessmentInternalReviewDate", a.AssessmentInternalReviewDate)
		x.leaf(5, "AssessmentAuthorisationDate", a.AssessmentAuthorisationDate)
		if len(a.Factors) > 0 {
			x.open(5, "FactorsIdentifiedAtAssessment")
			for _, f := range a.Factors {
				x.leaf(6, "AssessmentFactors", f)
			}
			x.close(5, "FactorsIdentifiedAtAssessment")
		}
		x.close(4, "Assessments")
	}
	for _, p := range d.CINPlanDates {
		x.open(4, "CINPlanDates")
		x.leaf(5, "CINPlanStartDate", p.CINPlanStartDate)
		x.leaf(5, "CINPlanEndDate", p.CINPlanEndDate)
		x.close(4, "CINPlanDates")
	}
	for _, s := range d.Section47 {
		x.open(4, "Section47")
		x.leaf(5, "S47ActualStartDate", s.S47ActualStartDate)
		x.leaf(5, "InitialCPCtarget", s.InitialCPCtarget)
		x.leaf(5, "DateOfInitialCPC", s.DateOfInitialCPC)
		x.leaf(5, "ICPCnotRequired", s.ICPCnotRequired)
		x.close(4, "Section47")
	}
	x.leaf(4, "ReferralNFA", d.ReferralNFA)
	for _, p := range d.Plans {
		x.open(4, "ChildProtectionPlans")
		x.leaf(5, "CPPstartDate", p.CPPstartDate)
		x.leaf(5, "CPPendDate", p.CPPendDate)
		x.leaf(5, "InitialCategoryOfAbuse", p.InitialCategoryOfAbuse)
		x.leaf(5, "LatestCategoryOfAbuse", p.LatestCategoryOfAbuse)
		x.leaf(5, "NumberOfPreviousCPP", p.NumberOfPreviousCPP)
		if len(p.Reviews) > 0 {
			x.open(5, "Reviews")
			for _, r := range p.Reviews {
				x.leaf(6, "CPPreviewDate", r)
			}
			x.close(5, "Reviews")
		}
		x.close(4, "ChildProtectionPlans")
	}
	x.preProceedings(d.PreProceedings)
	x.close(3, "CINdetails")
}
