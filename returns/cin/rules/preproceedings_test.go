package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const pp = cin.PreProceedings

// withPreProceedings gives a kid of 2025/26 a good pre-proceedings block,
// for a test that shifts it a year on (the module is 2026/27's): started
// during the child protection plan, a letter offering a family group
// decision making meeting, which was held, two reviews, a decision to
// step up and a court application.
func withPreProceedings(k kid) kid {
	return k.add(pp, "PPStartDate=2025-06-10", "LBPSentDate=2025-06-12", "FGDMMeetingOffer=1", "FGDMMeetingFac=1",
		"InitialPPMeetingDate=2025-06-24", "ReviewMeetingsCount=2", "StepDecisionDate=2025-10-01", "PPOutcome=A",
		"CourtAppDate=2025-10-08", "LetterInitCPDate=2025-10-09")
}

// ppKid is a bad kid of 2026/27 with a good block, its fields then set.
func ppKid(fields ...string) kid {
	k := withPreProceedings(goodKid("B1"))
	shift(k, 1)
	return k.set(pp, 0, fields...)
}

func TestPreProceedingsRulesStartIn2026To27(t *testing.T) {
	for _, r := range preProceedingsRules {
		if r.AppliesIn(2026) || !r.AppliesIn(2027) {
			t.Errorf("rule %s applies from %v; want 2026/27", r.Code, r.From)
		}
	}
}

func TestRule8995Q(t *testing.T) {
	with := ppKid()
	with[pp] = nil
	rep := Run(NewInput(census(2027, with)), []*Rule{rule8995Q})
	if len(rep.Failures) != 1 || rep.Failures[0].Table != cin.Header || rep.Failures[0].Child != "" {
		t.Errorf("a census with no module: failures %+v; want one on the Header, naming no child", rep.Failures)
	}
	runRuleCases(t, "8995Q", []ruleCase{{name: "one child has it", year: 2027, kid: ppKid()}})
}

func TestRule9000Q(t *testing.T) {
	runRuleCases(t, "9000Q", []ruleCase{
		{name: "no start", year: 2027, kid: ppKid("PPStartDate="), want: []string{"PreProceedings:0"}},
		{name: "a start", year: 2027, kid: ppKid()},
	})
}

func TestRule9005(t *testing.T) {
	runRuleCases(t, "9005", []ruleCase{
		{name: "last year", year: 2027, kid: ppKid("PPStartDate=2026-03-31"), want: []string{"PreProceedings:0"}},
		{name: "next year", year: 2027, kid: ppKid("PPStartDate=2027-04-01"), want: []string{"PreProceedings:0"}},
		{name: "not a date", year: 2027, kid: ppKid("PPStartDate=01/05/2026"), want: []string{"PreProceedings:0"}},
		{name: "first day", year: 2027, kid: ppKid("PPStartDate=2026-04-01", "LBPSentDate=2026-04-01")},
		{name: "blank", year: 2027, kid: ppKid("PPStartDate=")},
	})
}

func TestRule9006(t *testing.T) {
	runRuleCases(t, "9006", []ruleCase{
		{name: "before the start", year: 2027, kid: ppKid("LBPSentDate=2026-06-08"), want: []string{"PreProceedings:0"}},
		{name: "same day", year: 2027, kid: ppKid("LBPSentDate=2026-06-09")},
		{name: "next year", year: 2027, kid: ppKid("LBPSentDate=2027-04-02"), want: []string{"PreProceedings:0"}},
		{name: "no start", year: 2027, kid: ppKid("PPStartDate=", "LBPSentDate=2026-05-01")},
		{name: "no letter", year: 2027, kid: ppKid("LBPSentDate=")},
	})
}

func TestRule9007(t *testing.T) {
	runRuleCases(t, "9007", []ruleCase{
		{name: "letter, offer not said", year: 2027, kid: ppKid("FGDMMeetingOffer="), want: []string{"PreProceedings:0"}},
		{name: "letter, no offer", year: 2027, kid: ppKid("FGDMMeetingOffer=0", "FGDMMeetingFac=")},
		{name: "offer said, no letter", year: 2027, kid: ppKid("LBPSentDate=", "FGDMMeetingOffer=")},
	})
}

func TestRule9008(t *testing.T) {
	runRuleCases(t, "9008", []ruleCase{
		{name: "next year", year: 2027, kid: ppKid("InitialPPMeetingDate=2027-04-01"), want: []string{"PreProceedings:0"}},
		{name: "last day", year: 2027, kid: ppKid("InitialPPMeetingDate=2027-03-31")},
	})
}

func TestRule9009(t *testing.T) {
	runRuleCases(t, "9009", []ruleCase{
		{name: "before the start", year: 2027, kid: ppKid("StepDecisionDate=2026-06-01"), want: []string{"PreProceedings:0"}},
		{name: "last year", year: 2027, kid: ppKid("PPStartDate=", "StepDecisionDate=2026-03-01"), want: []string{"PreProceedings:0"}},
		{name: "same day", year: 2027, kid: ppKid("StepDecisionDate=2026-06-09")},
	})
}

func TestRule9010Q(t *testing.T) {
	runRuleCases(t, "9010Q", []ruleCase{
		{name: "offered, held not said", year: 2027, kid: ppKid("FGDMMeetingFac="), want: []string{"PreProceedings:0"}},
		{name: "not offered", year: 2027, kid: ppKid("FGDMMeetingOffer=0", "FGDMMeetingFac=")},
		{name: "offered, not held", year: 2027, kid: ppKid("FGDMMeetingFac=0")},
	})
}

func TestRule9011(t *testing.T) {
	runRuleCases(t, "9011", []ruleCase{
		{name: "unknown", year: 2027, kid: ppKid("PPOutcome=D"), want: []string{"PreProceedings:0"}},
		{name: "lower case", year: 2027, kid: ppKid("PPOutcome=a"), want: []string{"PreProceedings:0"}},
		{name: "C", year: 2027, kid: ppKid("PPOutcome=C")},
		{name: "blank", year: 2027, kid: ppKid("PPOutcome=")},
	})
}

func TestRule9012(t *testing.T) {
	runRuleCases(t, "9012", []ruleCase{
		{name: "before the decision", year: 2027, kid: ppKid("CourtAppDate=2026-09-29"), want: []string{"PreProceedings:0"}},
		{name: "next year", year: 2027, kid: ppKid("CourtAppDate=2027-04-06"), want: []string{"PreProceedings:0"}},
		{name: "no decision", year: 2027, kid: ppKid("StepDecisionDate=", "CourtAppDate=2026-09-29")},
	})
}

func TestRule9013(t *testing.T) {
	runRuleCases(t, "9013", []ruleCase{
		{name: "before the application", year: 2027, kid: ppKid("LetterInitCPDate=2026-10-06"), want: []string{"PreProceedings:0"}},
		{name: "same day", year: 2027, kid: ppKid("LetterInitCPDate=2026-10-07")},
		{name: "not a date", year: 2027, kid: ppKid("LetterInitCPDate=2026-10-32"), want: []string{"PreProceedings:0"}},
	})
}

func TestRule9015Q(t *testing.T) {
	runRuleCases(t, "9015Q", []ruleCase{
		{name: "meeting, count not said", year: 2027, kid: ppKid("ReviewMeetingsCount="), want: []string{"PreProceedings:0"}},
		{name: "none held", year: 2027, kid: ppKid("ReviewMeetingsCount=0")},
		{name: "no meeting", year: 2027, kid: ppKid("InitialPPMeetingDate=", "ReviewMeetingsCount=")},
	})
}
