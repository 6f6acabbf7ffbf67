package synth

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/ssda903"
)

// cinResult is one generated area, shared by the CIN tests.
var cinResult = func() func(t testing.TB) *Result {
	var res *Result
	return func(t testing.TB) *Result {
		t.Helper()
		if res == nil {
			res = generate(t, Config{Children: 1500, Years: 4, Until: until2026, Seed: 7})
		}
		return res
	}
}()

// cinFigures are a census year's national measures.
type cinFigures struct {
	referralsPer10k, reReferralShare, nfaShare                      float64
	assessed45Share, s47Per10k, icpcPer10k, icpc15Share             float64
	cinPer10k, cpStartsPer10k, cpPer10k, secondPlanShare            float64
	neglectShare, planUnder3mShare, planOver2yShare, notInNeedShare float64
}

func (f cinFigures) String() string {
	return fmt.Sprintf("referrals %.0f/10k, re-referrals %.1f%%, NFA %.1f%%, not in need %.1f%%, assessed in 45wd %.1f%%, "+
		"S47 %.0f/10k, ICPC %.0f/10k, ICPC in 15wd %.1f%%, CIN %.0f/10k, CP starts %.1f/10k, CP %.1f/10k, "+
		"second plans %.1f%%, neglect %.1f%%, plans <=3m %.1f%%, >=2y %.1f%%",
		f.referralsPer10k, 100*f.reReferralShare, 100*f.nfaShare, 100*f.notInNeedShare, 100*f.assessed45Share,
		f.s47Per10k, f.icpcPer10k, 100*f.icpc15Share, f.cinPer10k, f.cpStartsPer10k, f.cpPer10k,
		100*f.secondPlanShare, 100*f.neglectShare, 100*f.planUnder3mShare, 100*f.planOver2yShare)
}

func isoOrZero(t testing.TB, s string) calendar.Date {
	if s == "" {
		return 0
	}
	d, ok := calendar.ParseISODate(s)
	if !ok {
		t.Fatalf("date %q is not YYYY-MM-DD", s)
	}
	return d
}

// measureCIN works out a year's figures from the written censuses: the
// year's own, and earlier ones for the referrals before it.
func measureCIN(t testing.TB, res *Result, year calendar.Year) cinFigures {
	t.Helper()
	var census *CINCensus
	referrals := map[string][]calendar.Date{}
	for _, c := range res.CIN() {
		if c.Year > year {
			continue
		}
		if c.Year == year {
			census = c
		}
		for _, k := range c.message().Children {
			for _, d := range k.Details {
				r := isoOrZero(t, d.CINreferralDate)
				if !containsDate(referrals[k.LAchildID], r) {
					referrals[k.LAchildID] = append(referrals[k.LAchildID], r)
				}
			}
		}
	}
	if census == nil {
		t.Fatalf("no census for %s", year)
	}
	pop := 0
	for _, p := range res.Population {
		if p.Year == int(year)-1 {
			pop += p.Count
		}
	}
	per10k := func(n int) float64 { return float64(n) / float64(pop) * 10000 }
	share := func(n, of int) float64 { return float64(n) / math.Max(1, float64(of)) }
	from, to := year.Start(), year.End()
	in := func(d calendar.Date) bool { return d >= from && d <= to }
	var n struct {
		referrals, re, nfa, notInNeed, assessed, in45, s47, icpc, icpc15, cin, starts, second, neglect, cp, under3m, over2y int
	}
	for _, k := range census.message().Children {
		open := false
		for _, d := range k.Details {
			ref := isoOrZero(t, d.CINreferralDate)
			if d.CINclosureDate == "" {
				open = true
			}
			if in(ref) {
				n.referrals++
				for _, prev := range referrals[k.LAchildID] {
					if prev < ref && prev >= ref.AddYears(-1) {
						n.re++
						break
					}
				}
				if d.ReferralNFA == "1" {
					n.nfa++
				}
				if d.ReasonForClosure == "RC8" || d.ReasonForClosure == "RC9" {
					n.notInNeed++
				}
			}
			for _, a := range d.Assessments {
				if auth := isoOrZero(t, a.AssessmentAuthorisationDate); auth != 0 {
					n.assessed++
					if calendar.WorkingDays(isoOrZero(t, a.AssessmentActualStartDate), auth) <= 45 {
						n.in45++
					}
				}
			}
			for _, s := range d.Section47 {
				start := isoOrZero(t, s.S47ActualStartDate)
				if in(start) {
					n.s47++
				}
				if icpc := isoOrZero(t, s.DateOfInitialCPC); icpc != 0 {
					n.icpc++
					if calendar.WorkingDays(start, icpc) <= 15 {
						n.icpc15++
					}
				}
			}
			for _, p := range d.Plans {
				start := isoOrZero(t, p.CPPstartDate)
				if in(start) {
					n.starts++
					if p.NumberOfPreviousCPP != "0" {
						n.second++
					}
					if p.InitialCategoryOfAbuse == "NEG" {
						n.neglect++
					}
				}
				if p.CPPendDate == "" {
					n.cp++
					switch {
					case start > to.AddMonths(-3):
						n.under3m++
					case start <= to.AddYears(-2):
						n.over2y++
					}
				}
			}
		}
		if open {
			n.cin++
		}
	}
	return cinFigures{
		referralsPer10k: per10k(n.referrals), reReferralShare: share(n.re, n.referrals), nfaShare: share(n.nfa, n.referrals),
		notInNeedShare: share(n.notInNeed, n.referrals), assessed45Share: share(n.in45, n.assessed),
		s47Per10k: per10k(n.s47), icpcPer10k: per10k(n.icpc), icpc15Share: share(n.icpc15, n.icpc),
		cinPer10k: per10k(n.cin), cpStartsPer10k: per10k(n.starts), cpPer10k: per10k(n.cp),
		secondPlanShare: share(n.second, n.starts), neglectShare: share(n.neglect, n.starts),
		planUnder3mShare: share(n.under3m, n.cp), planOver2yShare: share(n.over2y, n.cp),
	}
}

func containsDate(list []calendar.Date, d calendar.Date) bool {
	for _, v := range list {
		if v == d {
			return true
		}
	}
	return false
}

// TestCINCalibration checks the last year's figures against England's
// (2025 edition, year to 31 March 2025) within tolerances that allow for
// the chance variation of an authority of this size.
func TestCINCalibration(t *testing.T) {
	res := cinResult(t)
	got := measureCIN(t, res, res.CIN()[len(res.CIN())-1].Year)
	t.Log(got)
	e := cinEngland
	tests := []struct {
		name      string
		got, want float64
		tolerance float64 // relative
	}{
		{"referrals per 10,000", got.referralsPer10k, e.referralsPer10k, 0.12},
		{"re-referrals within 12 months", got.reReferralShare, e.reReferralShare, 0.2},
		{"referrals with no further action", got.nfaShare, e.nfaShare, 0.35},
		{"referrals assessed as not in need", got.notInNeedShare, e.notInNeedShare, 0.2},
		{"assessments within 45 working days", got.assessed45Share, e.assessed45Share, 0.08},
		{"section 47 enquiries per 10,000", got.s47Per10k, e.s47Per10k, 0.2},
		{"initial conferences per 10,000", got.icpcPer10k, e.icpcPer10k, 0.25},
		{"conferences within 15 working days", got.icpc15Share, e.icpc15Share, 0.1},
		{"children in need at 31 March per 10,000", got.cinPer10k, e.cinPer10k, 0.15},
		{"plans starting per 10,000", got.cpStartsPer10k, e.cpStartsPer10k, 0.25},
		{"plans at 31 March per 10,000", got.cpPer10k, e.cpPer10k, 0.25},
		{"second or later plans", got.secondPlanShare, e.secondPlanShare, 0.3},
		{"plans under neglect", got.neglectShare, e.neglectShare, 0.25},
		{"plans at 31 March 3 months or less", got.planUnder3mShare, e.planUnder3mShare, 0.3},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > tt.tolerance*tt.want {
			t.Errorf("%s: %.3f, England %.3f (tolerance %.0f%%)", tt.name, tt.got, tt.want, 100*tt.tolerance)
		}
	}
}

// xsdOrder lists, for each element of the census that holds others, the
// elements it may hold in the order the DfE's XSDs give them.
var xsdOrder = map[string][]string{
	"Message":                       {"Header", "Children"},
	"Header":                        {"CollectionDetails", "Source"},
	"CollectionDetails":             {"Collection", "Year", "ReferenceDate"},
	"Source":                        {"SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"},
	"Children":                      {"Child"},
	"Child":                         {"ChildIdentifiers", "ChildCharacteristics", "CINdetails"},
	"ChildIdentifiers":              {"LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate"},
	"ChildCharacteristics":          {"Ethnicity", "Disabilities"},
	"Disabilities":                  {"Disability"},
	"CINdetails":                    {"CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "Assessments", "CINPlanDates", "Section47", "ReferralNFA", "ChildProtectionPlans", "PreProceedingsandFGDM"},
	"Assessments":                   {"AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment"},
	"FactorsIdentifiedAtAssessment": {"AssessmentFactors"},
	"CINPlanDates":                  {"CINPlanStartDate", "CINPlanEndDate"},
	"Section47":                     {"S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"},
	"ChildProtectionPlans":          {"CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews"},
	"Reviews":                       {"CPPreviewDate"},
	"PreProceedingsandFGDM": {"PPStartDate", "LBPSentDate", "FGDMMeetingOffer", "FGDMMeetingFac", "InitialPPMeetingDate",
		"ReviewMeetingsCount", "StepDecisionDate", "PPOutcome", "CourtAppDate", "LetterInitCPDate"},
}

// required lists the elements the XSDs require in their parent.
var required = map[string][]string{
	"Source":               {"LEA"},
	"Child":                {"ChildIdentifiers", "ChildCharacteristics", "CINdetails"},
	"ChildIdentifiers":     {"LAchildID"},
	"ChildCharacteristics": {"Ethnicity"},
	"CINdetails":           {"CINreferralDate", "ReferralSource", "ReferralNFA"},
	"Assessments":          {"AssessmentActualStartDate"},
	"CINPlanDates":         {"CINPlanStartDate"},
	"Section47":            {"S47ActualStartDate", "ICPCnotRequired"},
	"ChildProtectionPlans": {"CPPstartDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP"},
}

// checkXSDOrder reads an XML document token by token and reports any
// element out of its XSD place, unknown, or missing when required.
func checkXSDOrder(t *testing.T, name string, data []byte) {
	t.Helper()
	type open struct {
		name  string
		place int
		seen  map[string]bool
	}
	var stack []*open
	d := xml.NewDecoder(bytes.NewReader(data))
	errors := 0
	fail := func(format string, args ...any) {
		if errors++; errors <= 5 {
			line, _ := d.InputPos()
			t.Errorf("%s line %d: %s", name, line, fmt.Sprintf(format, args...))
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			el := tok.Name.Local
			if len(stack) == 0 {
				if el != "Message" {
					fail("root element %s, want Message", el)
				}
			} else {
				parent := stack[len(stack)-1]
				order := xsdOrder[parent.name]
				place := slices.Index(order, el)
				switch {
				case place < 0:
					fail("%s is not an element of %s", el, parent.name)
				case place < parent.place:
					fail("%s comes after %s in %s", el, order[parent.place], parent.name)
				default:
					parent.place = place
				}
				parent.seen[el] = true
			}
			stack = append(stack, &open{name: el, seen: map[string]bool{}})
		case xml.EndElement:
			top := stack[len(stack)-1]
			for _, want := range required[top.name] {
				if !top.seen[want] {
					fail("%s lacks %s", top.name, want)
				}
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && xsdOrder[stack[len(stack)-1].name] == nil && len(bytes.TrimSpace(tok)) == 0 {
				fail("%s is empty", stack[len(stack)-1].name)
			}
		}
	}
}

func writeCensus(t testing.TB, c *CINCensus) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteXML(&b); err != nil {
		t.Fatalf("writing the %s census: %v", c.Year, err)
	}
	return b.Bytes()
}

// TestCINCensusXML checks each year's file: well-formed, every element in
// its XSD place, read back into the census it was written from, Sex or
// GenderCurrent as the year's XSD has it.
func TestCINCensusXML(t *testing.T) {
	res := generate(t, Config{Children: 300, Years: 4, Until: until2026, Seed: 5})
	if len(res.CIN()) != 4 {
		t.Fatalf("%d censuses, want one for each of the 4 years", len(res.CIN()))
	}
	for i, c := range res.CIN() {
		t.Run(c.Year.String(), func(t *testing.T) {
			if want := res.Returns[i].Year; c.Year != want {
				t.Fatalf("census %d is for %s, want %s", i, c.Year, want)
			}
			data := writeCensus(t, c)
			checkXSDOrder(t, "cin-census.xml", data)
			var back cinMessage
			if err := xml.Unmarshal(data, &back); err != nil {
				t.Fatalf("reading the census back: %v", err)
			}
			back.XMLName = xml.Name{}
			if !reflect.DeepEqual(&back, c.message()) {
				t.Errorf("the census read back differs from the one written")
			}
			if back.Header.Year != strconv.Itoa(int(c.Year)) || back.Header.ReferenceDate != isoDate(c.Year.End()) {
				t.Errorf("Header Year %s, ReferenceDate %s: want %d and %s", back.Header.Year, back.Header.ReferenceDate, int(c.Year), isoDate(c.Year.End()))
			}
			letters := c.Year >= 2025
			for _, k := range back.Children {
				if (k.Sex != "") != letters || (k.GenderCurrent != "") == letters {
					t.Fatalf("%s: Sex %q, GenderCurrent %q; the year's XSD has %s", c.Year, k.Sex, k.GenderCurrent,
						map[bool]string{true: "Sex", false: "GenderCurrent"}[letters])
				}
			}
			if c.Children() < 3000 {
				t.Errorf("%d children in the census; an area of this size has several thousand", c.Children())
			}
		})
	}
}

// TestCINDeterministic checks that a seed always gives the same files and
// another seed different ones.
func TestCINDeterministic(t *testing.T) {
	cfg := Config{Children: 200, Years: 2, Until: until2026, Seed: 11}
	a, b := generate(t, cfg), generate(t, cfg)
	cfg.Seed++
	other := generate(t, cfg)
	for i := range a.CIN() {
		if !bytes.Equal(writeCensus(t, a.CIN()[i]), writeCensus(t, b.CIN()[i])) {
			t.Errorf("%s: the same seed gave different censuses", a.CIN()[i].Year)
		}
		if bytes.Equal(writeCensus(t, a.CIN()[i]), writeCensus(t, other.CIN()[i])) {
			t.Errorf("%s: another seed gave the same census", a.CIN()[i].Year)
		}
	}
}

// TestCINConsistentWith903 checks the census against the 903 of the same
// year: every child looked after at 31 March (short breaks aside) is in
// the census with a case open then, every child starting to be looked
// after has a case open by the day they start, and most came through a
// case open before that day.
func TestCINConsistentWith903(t *testing.T) {
	res := cinResult(t)
	for i, c := range res.CIN() {
		cases := map[string][]span{}
		for _, k := range c.message().Children {
			for _, d := range k.Details {
				cases[k.LAchildID] = append(cases[k.LAchildID], span{isoOrZero(t, d.CINreferralDate), isoOrZero(t, d.CINclosureDate)})
			}
		}
		openOn := func(child string, d calendar.Date, before bool) bool {
			for _, cs := range cases[child] {
				if (cs.start < d || !before && cs.start == d) && (cs.end == 0 || cs.end >= d) {
					return true
				}
			}
			return false
		}
		header := res.Returns[i].Table(ssda903.Header)
		same := map[string]string{}
		for j := range header.Len() {
			dob, _ := calendar.ParseDate(header.Get(j, "DOB"))
			same[header.Get(j, "CHILD")] = isoDate(dob) + " " + header.Get(j, "UPN") + " " + header.Get(j, "ETHNIC")
		}
		for _, k := range c.message().Children {
			if want, ok := same[k.LAchildID]; ok {
				if got := k.PersonBirthDate + " " + k.UPN + k.UPNunknown + " " + k.Ethnicity; got != want {
					t.Errorf("%s: the CIN census has %q where the 903 has %q for the same child", c.Year, got, want)
					break
				}
			}
		}
		eps := res.Returns[i].Table(ssda903.Episodes)
		var atEnd, missing, starts, through, unreferred int
		for j := range eps.Len() {
			child, ls := eps.Get(j, "CHILD"), eps.Get(j, "LS")
			if ls == "V3" || ls == "V4" {
				continue
			}
			if eps.Get(j, "DEC") == "" {
				atEnd++
				if !openOn(child, c.Year.End(), false) {
					missing++
				}
			}
			start, ok := calendar.ParseDate(eps.Get(j, "DECOM"))
			if !ok || eps.Get(j, "RNE") != "S" || start < c.Year.Start() {
				continue
			}
			starts++
			if openOn(child, start, true) {
				through++
			} else if !openOn(child, start, false) {
				unreferred++
			}
		}
		if missing > 0 {
			t.Errorf("%s: %d of %d children looked after at 31 March have no open case in the CIN census", c.Year, missing, atEnd)
		}
		if unreferred > 0 {
			t.Errorf("%s: %d of %d children starting to be looked after had no case open on the day", c.Year, unreferred, starts)
		}
		t.Logf("%s: %d of %d children starting to be looked after came through a case open before", c.Year, through, starts)
		if share := float64(through) / float64(starts); share < 0.7 || share > 0.95 {
			t.Errorf("%s: %.2f of %d children starting to be looked after came through a case open before; want most (0.7 to 0.95)", c.Year, share, starts)
		}
	}
}

// TestCINCensusKeepsTheRules checks that a clean census keeps the DfE
// rules a generator can break by accident: dates in order and in the
// census year, one open case a child, plans not overlapping, conferences
// on working days.
func TestCINCensusKeepsTheRules(t *testing.T) {
	res := cinResult(t)
	for _, c := range res.CIN() {
		from, to := c.Year.Start(), c.Year.End()
		broken := map[string]int{}
		check := func(rule string, ok bool) {
			if !ok {
				broken[rule]++
			}
		}
		ids := map[string]bool{}
		for _, k := range c.message().Children {
			check("8510 one record a child", !ids[k.LAchildID])
			ids[k.LAchildID] = true
			dob := isoOrZero(t, k.PersonBirthDate)
			check("8520 born by the census date", dob <= to)
			check("8525Q birth date or expected birth date", (dob == 0) != (k.ExpectedPersonBirthDate == ""))
			check("8750 unborn child's sex unknown", dob != 0 || k.Sex == "U" || k.GenderCurrent == "0")
			check("1510 UPN check letter", k.UPN == "" || len(k.UPN) == 13 && upnCheckLetter(k.UPN[1:]) == k.UPN[:1])
			openCases, openPlans := 0, 0
			for _, d := range k.Details {
				ref, closed := isoOrZero(t, d.CINreferralDate), isoOrZero(t, d.CINclosureDate)
				check("referral before the census date", ref <= to)
				if closed == 0 && d.ReferralNFA != "1" {
					openCases++
				}
				check("8620 closure in the census year", closed == 0 || closed >= from && closed <= to)
				check("8630 closure on or after the referral", closed == 0 || closed >= ref)
				check("8805/8810 closure date and reason together", (closed == 0) == (d.ReasonForClosure == ""))
				check("8610 primary need for a referral with action", d.ReferralNFA == "1" || d.PrimaryNeedCode != "")
				for _, a := range d.Assessments {
					start, auth := isoOrZero(t, a.AssessmentActualStartDate), isoOrZero(t, a.AssessmentAuthorisationDate)
					check("assessment starts on or after the referral", start >= ref)
					check("8608 assessment authorised on or after its start", auth == 0 || auth >= start)
					check("8696 assessment authorised in the census year", auth == 0 || auth >= from && auth <= to)
					check("8736 open assessment started in the census year", auth != 0 || start >= from)
					check("8614 factors only for a completed assessment", auth != 0 || len(a.Factors) == 0)
					check("8869 factor 21 alone", !slices.Contains(a.Factors, "21") || len(a.Factors) == 1)
					check("assessment closes before the case", closed == 0 || auth != 0 && auth <= closed)
				}
				var plans []span
				for _, p := range d.Plans {
					start, end := isoOrZero(t, p.CPPstartDate), isoOrZero(t, p.CPPendDate)
					plans = append(plans, span{start, end})
					check("1105 plan starts on or after the referral", start >= ref)
					check("8840 plan does not start and end on one day", start != end)
					check("8925 plan ends after it starts", end == 0 || end > start)
					check("8930 plan ends in the census year", end == 0 || end >= from && end <= to)
					check("plan ends by the closure", closed == 0 || end != 0 && end <= closed)
					if end == 0 {
						openPlans++
					}
					n, err := strconv.Atoi(p.NumberOfPreviousCPP)
					check("8730 previous plans a count", err == nil && n >= 0)
					for _, r := range p.Reviews {
						rd := isoOrZero(t, r)
						check("8841 review after the plan starts", rd > start)
						check("review by the plan's end", end == 0 || rd <= end)
					}
					if in := start >= from; in {
						held := false
						for _, s := range d.Section47 {
							held = held || s.DateOfInitialCPC == p.CPPstartDate
						}
						check("2885 plan starting in the year starts at its conference", held)
					}
				}
				for _, s := range d.Section47 {
					start, icpc := isoOrZero(t, s.S47ActualStartDate), isoOrZero(t, s.DateOfInitialCPC)
					check("2889 enquiry starts on or after the referral", start >= ref)
					check("8615 conference on or after the enquiry", icpc == 0 || icpc >= start)
					check("8715 conference in the census year", icpc == 0 || icpc >= from && icpc <= to)
					check("8740 enquiry without a conference started in the year", icpc != 0 || start >= from)
					check("8875 conference on a working day", icpc == 0 || calendar.IsWorkingDay(icpc))
					check("8868 closed case's enquiry completed", closed == 0 || icpc != 0 || s.ICPCnotRequired == "1")
				}
				for _, p := range d.CINPlanDates {
					start, end := isoOrZero(t, p.CINPlanStartDate), isoOrZero(t, p.CINPlanEndDate)
					check("CIN plan ends after it starts", end == 0 || end >= start)
					for _, cp := range plans {
						overlap := (cp.end == 0 || start <= cp.end) && (end == 0 || end >= cp.start)
						check("4001 CIN plan not open with a child protection plan", !overlap)
					}
				}
			}
			check("8815 one open case a child", openCases <= 1)
			check("8935 one open plan a child", openPlans <= 1)
		}
		for rule, n := range broken {
			t.Errorf("%s: %d breaches of %s", c.Year, n, rule)
		}
	}
}

// cinRowValue finds a row of a flattened table in a census, as the
// injector counts rows, and returns the value of the field there.
func cinRowValue(m *cinMessage, table cin.TableName, row int, field string) (string, bool) {
	n := 0
	for i := range m.Children {
		k := &m.Children[i]
		switch table {
		case cin.ChildIdentifiers, cin.ChildCharacteristics:
			if n++; n == row {
				return map[string]string{"LAchildID": k.LAchildID, "Sex": k.Sex + k.GenderCurrent, "Ethnicity": k.Ethnicity}[field], true
			}
			continue
		}
		for j := range k.Details {
			d := &k.Details[j]
			switch table {
			case cin.CINdetails:
				if n++; n == row {
					return map[string]string{"CINclosureDate": d.CINclosureDate, "ReferralSource": d.ReferralSource,
						"ReasonForClosure": d.ReasonForClosure, "PrimaryNeedCode": d.PrimaryNeedCode}[field], true
				}
			case cin.Assessments:
				for _, a := range d.Assessments {
					if n++; n == row {
						return a.AssessmentAuthorisationDate, true
					}
				}
			case cin.ChildProtectionPlans:
				for _, p := range d.Plans {
					if n++; n == row {
						if field == "Section47" {
							return fmt.Sprint(len(d.Section47)), true
						}
						return p.InitialCategoryOfAbuse, true
					}
				}
			}
		}
	}
	return "", false
}

// TestCINInjectedErrors checks that --errors puts every kind of CIN
// mistake into the censuses, each listed where it is, and that a clean
// run lists none.
func TestCINInjectedErrors(t *testing.T) {
	cfg := Config{Children: 300, Years: 3, Until: until2026, Seed: 9}
	if clean := generate(t, cfg); len(clean.CINInjected()) != 0 {
		t.Errorf("a clean run injected %d CIN mistakes", len(clean.CINInjected()))
	}
	cfg.ErrorRate = 0.03
	res := generate(t, cfg)
	written := map[calendar.Year]*cinMessage{}
	for _, c := range res.CIN() {
		var back cinMessage
		if err := xml.Unmarshal(writeCensus(t, c), &back); err != nil {
			t.Fatal(err)
		}
		written[c.Year] = &back
	}
	kinds := map[string]int{}
	for _, e := range res.CINInjected() {
		kinds[e.Kind]++
		got, ok := cinRowValue(written[e.Year], e.Table, e.Row, e.Field)
		want := e.Now
		if e.Field == "Section47" {
			want = "0"
		}
		if !ok || got != want {
			t.Errorf("%s %s row %d %s: the file has %q, the list says %q (%s)", e.Year, e.Table, e.Row, e.Field, got, want, e.Kind)
		}
		if e.Rule == "" || e.Was == e.Now {
			t.Errorf("%+v: no rule, or nothing changed", e)
		}
	}
	for _, m := range cinMistakes {
		if kinds[m.kind] == 0 {
			t.Errorf("no %q mistakes were injected", m.kind)
		}
	}
	var b bytes.Buffer
	if err := res.WriteCINInjectedCSV(&b); err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(b.Bytes(), []byte("\n")); lines != len(res.CINInjected())+1 {
		t.Errorf("cin-injected-errors.csv has %d lines, want %d", lines, len(res.CINInjected())+1)
	}
}
