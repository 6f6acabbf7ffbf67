package rules

import (
	"strings"
	"testing"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// blankChild is a child of a census without an LAchildID: an open
// referral, assessed, with no disability.
const blankChild = `<Child>
<ChildIdentifiers><UPNunknown>UN2</UPNunknown><PersonBirthDate>2015-06-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
<CINdetails><CINreferralDate>2025-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>0</ReferralNFA>
<Assessments><AssessmentActualStartDate>2025-05-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2025-06-02</AssessmentAuthorisationDate>
<FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
<CINPlanDates><CINPlanStartDate>2025-06-10</CINPlanStartDate></CINPlanDates>
</CINdetails>
</Child>
`

// TestChildrenWithoutID checks that two children of an XML census who
// have no LAchildID are two children, not one: each is reported for the
// missing identifier (8500), and nothing compares the rows of one with
// the other's (their episodes, disabilities and plans would overlap).
func TestChildrenWithoutID(t *testing.T) {
	xml := `<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails></Header><Children>
` + blankChild + blankChild + blankChild + `</Children></Message>`
	tables, problems, err := cin.ReadXML("blank.xml", strings.NewReader(xml))
	if err != nil {
		t.Fatal(err)
	}
	ret := returns.NewReturn(cin.Collection, 2026, "")
	ret.Tables, ret.Problems = tables, problems
	in := NewInput(ret)
	if len(in.Children) != 3 {
		t.Fatalf("got %d children, want 3", len(in.Children))
	}
	for i, ch := range in.Children {
		if len(ch.Identifiers) != 1 || len(ch.Disabilities) != 1 || len(ch.Details) != 1 ||
			len(ch.Details[0].Assessments) != 1 || len(ch.Details[0].Assessments[0].Factors) != 1 || len(ch.Details[0].PlanDates) != 1 {
			t.Errorf("child %d has %d identifiers, %d disabilities, %d referrals; want one of each with one assessment, factor and CIN plan",
				i, len(ch.Identifiers), len(ch.Disabilities), len(ch.Details))
		}
	}
	counts := map[string]int{}
	for _, f := range Validate(ret).Failures {
		counts[f.Rule.Code]++
	}
	if counts["8500"] != 3 {
		t.Errorf("8500 reported %d times, want 3", counts["8500"])
	}
	for code, n := range counts {
		if code != "8500" && code != "2887Q" {
			t.Errorf("rule %s fails %d times, want none", code, n)
		}
	}
}
