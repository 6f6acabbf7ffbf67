package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const (
	asm = cin.Assessments
	fac = cin.AssessmentFactorsList
)

// openAssessment is a good kid whose episode is open and whose assessment,
// started on start, is not completed and has no factors.
func openAssessment(start string) kid {
	return bad(func(k kid) {
		k.set(det, 0, "CINclosureDate=", "ReasonForClosure=")
		k.set(asm, 0, "AssessmentActualStartDate="+start, "AssessmentAuthorisationDate=")
		delete(k, fac)
	})
}

func TestRule1103(t *testing.T) {
	runRuleCases(t, "1103", []ruleCase{
		{name: "before referral", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentActualStartDate=2025-04-30") }), want: []string{"Assessments:0"}},
		{name: "on referral", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentActualStartDate=2025-05-01") })},
	})
}

func TestRule2991Q(t *testing.T) {
	runRuleCases(t, "2991Q", []ruleCase{
		{name: "no assessment", kid: bad(func(k kid) { k.drop(asm, 0); delete(k, fac) }), want: []string{"Section47:0"}},
	})
}

func TestRule8608(t *testing.T) {
	runRuleCases(t, "8608", []ruleCase{
		{name: "authorised first", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentAuthorisationDate=2025-05-01") }), want: []string{"Assessments:0"}},
		{name: "same day", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentAuthorisationDate=2025-05-02") })},
	})
}

func TestRule8614(t *testing.T) {
	runRuleCases(t, "8614", []ruleCase{
		{name: "open with factors", kid: openAssessment("2026-03-01").add(fac, "AssessmentID=1", "AssessmentFactor=2B"), want: []string{"Assessments:0"}},
		{name: "open without", kid: openAssessment("2026-03-01")},
	})
}

func TestRule8670Q(t *testing.T) {
	// No bank holiday falls between January and Tuesday 31 March 2026
	// (Good Friday is 3 April), so the 45th working day back from it is
	// Tuesday 27 January 2026.
	runRuleCases(t, "8670Q", []ruleCase{
		{name: "45 working days", kid: openAssessment("2026-01-27")},
		{name: "46 working days", kid: openAssessment("2026-01-26"), want: []string{"Assessments:0"}},
		{name: "completed", kid: bad(func(k kid) {})},
	})
}

func TestRule8696(t *testing.T) {
	runRuleCases(t, "8696", []ruleCase{
		{name: "after", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentAuthorisationDate=2026-04-01") }), want: []string{"Assessments:0"}},
		{name: "not a date", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentAuthorisationDate=2025-06-31") }), want: []string{"Assessments:0"}},
	})
}

func TestRule8736(t *testing.T) {
	runRuleCases(t, "8736", []ruleCase{
		{name: "open from last year", kid: openAssessment("2025-03-31"), want: []string{"Assessments:0"}},
		{name: "open from this year", kid: openAssessment("2025-04-01")},
	})
}

func TestRule8863Q(t *testing.T) {
	second := func(start, end string) kid {
		return bad(func(k kid) {
			k.add(asm, "AssessmentID=2", "AssessmentActualStartDate="+start, "AssessmentAuthorisationDate="+end)
		})
	}
	runRuleCases(t, "8863Q", []ruleCase{
		{name: "after", kid: second("2025-06-03", "2025-07-01")},
		{name: "during", kid: second("2025-05-20", "2025-07-01"), want: []string{"Assessments:1"}},
		{name: "on the end day", kid: second("2025-06-02", "2025-07-01"), want: []string{"Assessments:1"}},
		{name: "during an open one", kid: openAssessment("2025-05-02").add(asm, "AssessmentID=2", "AssessmentActualStartDate=2026-01-05", "AssessmentAuthorisationDate=2026-01-10"),
			want: []string{"Assessments:1"}},
	})
}

func TestRule8867(t *testing.T) {
	runRuleCases(t, "8867", []ruleCase{
		{name: "closed, open assessment", kid: bad(func(k kid) { k.set(asm, 0, "AssessmentAuthorisationDate="); delete(k, fac) }), want: []string{"Assessments:0"}},
	})
}

func TestRule8869(t *testing.T) {
	runRuleCases(t, "8869", []ruleCase{
		{name: "21 alone", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=21") })},
		{name: "21 and 2B", kid: bad(func(k kid) { k.add(fac, "AssessmentID=1", "AssessmentFactor=21") }), want: []string{"AssessmentFactorsList:0"}},
	})
}

func TestRule8873Q(t *testing.T) {
	runRuleCases(t, "8873Q", []ruleCase{
		{name: "21, RC7", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=21") }), want: []string{"CINdetails:0"}},
		{name: "21, RC8", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=21").set(det, 0, "ReasonForClosure=RC8") })},
		{name: "21, open", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=21").set(det, 0, "CINclosureDate=", "ReasonForClosure=") })},
	})
}

func TestRule8896(t *testing.T) {
	runRuleCases(t, "8896", []ruleCase{
		{name: "two open", kid: openAssessment("2026-03-01").add(asm, "AssessmentID=2", "AssessmentActualStartDate=2026-03-02"),
			want: []string{"Assessments:0", "Assessments:1"}},
	})
}

func TestRule8897Q(t *testing.T) {
	runRuleCases(t, "8897Q", []ruleCase{
		{name: "no factors", kid: bad(func(k kid) { delete(k, fac) }), want: []string{"Assessments:0"}},
		{name: "bad factor", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=8A") }), want: []string{"AssessmentFactorsList:0"}},
		{name: "completed last year", kid: bad(func(k kid) {
			delete(k, fac)
			k.set(asm, 0, "AssessmentActualStartDate=2025-03-01", "AssessmentAuthorisationDate=2025-03-31")
		})},
	})
}

func TestRule8898(t *testing.T) {
	runRuleCases(t, "8898", []ruleCase{
		{name: "2B twice", kid: bad(func(k kid) { k.add(fac, "AssessmentID=1", "AssessmentFactor=2B") }), want: []string{"AssessmentFactorsList:1"}},
		{name: "2B and 2C", kid: bad(func(k kid) { k.add(fac, "AssessmentID=1", "AssessmentFactor=2C") })},
	})
}

func TestRule8945Q(t *testing.T) {
	runRuleCases(t, "8945Q", []ruleCase{
		{name: "18A", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=18A") }), want: []string{"AssessmentFactorsList:0"}},
		{name: "18B", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=18B") })},
	})
}

func TestRule8950Q(t *testing.T) {
	runRuleCases(t, "8950Q", []ruleCase{
		{name: "19A", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=19A") }), want: []string{"AssessmentFactorsList:0"}},
		{name: "19C", kid: bad(func(k kid) { k.set(fac, 0, "AssessmentFactor=19C") })},
	})
}
