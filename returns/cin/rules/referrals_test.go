package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const det = cin.CINdetails

// nfaKid is a good kid whose one referral needed no further action: it
// has nothing but the referral.
func nfaKid() kid {
	return bad(func(k kid) {
		for _, t := range []Table{cin.Assessments, cin.AssessmentFactorsList, cin.Section47, cin.ChildProtectionPlans, cin.Reviews, cin.CINplanDates} {
			delete(k, t)
		}
		k.set(det, 0, "ReferralNFA=true", "CINclosureDate=2025-05-01", "ReasonForClosure=RC7", "PrimaryNeedCode=")
	})
}

func TestRule2990(t *testing.T) {
	runRuleCases(t, "2990", []ruleCase{
		{name: "RC8 with everything", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=RC8", "DateOfInitialCPC=2025-05-20") }),
			want: []string{"CINdetails:0", "Section47:0", "ChildProtectionPlans:0", "CINplanDates:0"}},
		{name: "RC9 after assessment only", kid: bad(func(k kid) {
			delete(k, cin.Section47)
			delete(k, cin.ChildProtectionPlans)
			delete(k, cin.Reviews)
			delete(k, cin.CINplanDates)
			k.set(det, 0, "ReasonForClosure=RC9")
		})},
	})
}

func TestRule4000(t *testing.T) {
	runRuleCases(t, "4000", []ruleCase{
		{name: "NFA", kid: nfaKid()},
		{name: "NFA with a plan", kid: nfaKid().add(cin.CINplanDates, "CINPlanStartDate=2025-05-01"), want: []string{"CINplanDates:0"}},
	})
}

func TestRule8555Q(t *testing.T) {
	runRuleCases(t, "8555Q", []ruleCase{
		{name: "referred after death", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-04-30") }), want: []string{"CINdetails:0"}},
		{name: "referred on the day", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-05-01") })},
	})
}

func TestRule8565(t *testing.T) {
	runRuleCases(t, "8565", []ruleCase{
		{name: "closed before the plans", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2025-11-30") }),
			want: []string{"ChildProtectionPlans:0", "CINplanDates:0", "CINplanDates:0"}},
		{name: "plan ends after closure", kid: bad(func(k kid) {
			k.set(det, 0, "CINclosureDate=2025-12-01").set(cin.ChildProtectionPlans, 0, "CPPendDate=2025-12-02")
			delete(k, cin.CINplanDates)
		}), want: []string{"ChildProtectionPlans:0"}},
		{name: "closed early", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2025-05-03") }),
			want: []string{"Section47:0", "Section47:0", "Assessments:0", "ChildProtectionPlans:0", "ChildProtectionPlans:0", "CINplanDates:0", "CINplanDates:0"}},
	})
}

func TestRule8568(t *testing.T) {
	runRuleCases(t, "8568", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(det, 0, "ReferralNFA=") }), want: []string{"CINdetails:0"}},
		{name: "yes", kid: bad(func(k kid) { k.set(det, 0, "ReferralNFA=yes") }), want: []string{"CINdetails:0"}},
		{name: "0", kid: bad(func(k kid) { k.set(det, 0, "ReferralNFA=0") })},
		{name: "TRUE", kid: nfaKid().set(det, 0, "ReferralNFA=TRUE")},
	})
}

func TestRule8569Q(t *testing.T) {
	// 1 April 2025 is a Tuesday: one working day before is Monday 31 March.
	runRuleCases(t, "8569Q", []ruleCase{
		{name: "on the cut-off", kid: nfaKid().set(det, 0, "CINreferralDate=2025-03-31", "CINclosureDate=2025-04-01")},
		{name: "before it", kid: nfaKid().set(det, 0, "CINreferralDate=2025-03-28", "CINclosureDate=2025-04-01"), want: []string{"CINdetails:0"}},
		{name: "before it, further action", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=2025-03-28") })},
	})
}

func TestRule8585Q(t *testing.T) {
	runRuleCases(t, "8585Q", []ruleCase{
		{name: "died, no date", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=RC2") }), want: []string{"CINdetails:0"}},
		{name: "died, with date", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=RC2").set(ids, 0, "PersonDeathDate=2026-02-02") })},
	})
}

func TestRule8600(t *testing.T) {
	runRuleCases(t, "8600", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=") }), want: []string{"CINdetails:0"}},
		{name: "not a date", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=01/05/2025") }), want: []string{"CINdetails:0"}},
		{name: "after", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=2026-04-01") }), want: []string{"CINdetails:0"}},
		{name: "long ago", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=2019-04-01") })},
	})
}

func TestRule8606(t *testing.T) {
	runRuleCases(t, "8606", []ruleCase{
		{name: "281 days before birth", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=2014-08-24") }), want: []string{"CINdetails:0"}},
		{name: "280 days before birth", kid: bad(func(k kid) { k.set(det, 0, "CINreferralDate=2014-08-25") })},
		{name: "unborn", kid: unbornKid("U").set(det, 0, "CINreferralDate=2025-07-24"), want: []string{"CINdetails:0"}},
	})
}

func TestRule8610(t *testing.T) {
	runRuleCases(t, "8610", []ruleCase{
		{name: "further action, no need", kid: bad(func(k kid) { k.set(det, 0, "PrimaryNeedCode=") }), want: []string{"CINdetails:0"}},
		{name: "NFA, no need", kid: nfaKid()},
	})
}

func TestRule8620(t *testing.T) {
	runRuleCases(t, "8620", []ruleCase{
		{name: "after", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2026-04-01") }), want: []string{"CINdetails:0"}},
		{name: "before", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2025-03-31") }), want: []string{"CINdetails:0"}},
		{name: "open", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=", "ReasonForClosure=") })},
	})
}

func TestRule8630(t *testing.T) {
	runRuleCases(t, "8630", []ruleCase{
		{name: "before", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2025-04-30") }), want: []string{"CINdetails:0"}},
		{name: "same day", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=2025-05-01") })},
	})
}

func TestRule8640(t *testing.T) {
	runRuleCases(t, "8640", []ruleCase{
		{name: "RC10", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=RC10") }), want: []string{"CINdetails:0"}},
		{name: "blank", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=") })},
	})
}

func TestRule8650(t *testing.T) {
	runRuleCases(t, "8650", []ruleCase{
		{name: "N10", kid: bad(func(k kid) { k.set(det, 0, "PrimaryNeedCode=N10") }), want: []string{"CINdetails:0"}},
		{name: "N0", kid: bad(func(k kid) { k.set(det, 0, "PrimaryNeedCode=N0") })},
	})
}

func TestRule8772(t *testing.T) {
	runRuleCases(t, "8772", []ruleCase{
		{name: "UN7 with further action", kid: bad(func(k kid) { k.set(ids, 0, "UPN=", "UPNunknown=UN7") }), want: []string{"CINdetails:0"}},
		{name: "UN7 NFA", kid: nfaKid().set(ids, 0, "UPN=", "UPNunknown=UN7")},
	})
}

func TestRule8805(t *testing.T) {
	runRuleCases(t, "8805", []ruleCase{{name: "no reason", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=") }), want: []string{"CINdetails:0"}}})
}

func TestRule8810(t *testing.T) {
	runRuleCases(t, "8810", []ruleCase{{name: "no date", kid: bad(func(k kid) { k.set(det, 0, "CINclosureDate=") }), want: []string{"CINdetails:0"}}})
}

// twoEpisodes is a good kid with a second referral in March 2026, open.
func twoEpisodes() kid {
	return bad(func(k kid) {
		k.add(det, "CINdetailsID=2", "CINreferralDate=2026-03-01", "ReferralSource=6", "PrimaryNeedCode=N1", "ReferralNFA=false")
	})
}

func TestRule8815(t *testing.T) {
	runRuleCases(t, "8815", []ruleCase{
		{name: "one open", kid: twoEpisodes()},
		{name: "two open", kid: twoEpisodes().set(det, 0, "CINclosureDate=", "ReasonForClosure="), want: []string{"CINdetails:0", "CINdetails:1"}},
		{name: "two open, one NFA", kid: twoEpisodes().set(det, 1, "ReferralNFA=true")},
	})
}

func TestRule8816(t *testing.T) {
	runRuleCases(t, "8816", []ruleCase{
		{name: "latest open", kid: twoEpisodes()},
		{name: "earlier open", kid: twoEpisodes().set(det, 0, "CINclosureDate=", "ReasonForClosure=").set(det, 1, "CINclosureDate=2026-03-02", "ReasonForClosure=RC7"),
			want: []string{"CINdetails:0"}},
	})
}

func TestRule8820(t *testing.T) {
	runRuleCases(t, "8820", []ruleCase{
		{name: "after closure", kid: twoEpisodes()},
		{name: "on the closure day", kid: twoEpisodes().set(det, 1, "CINreferralDate=2026-02-02")},
		{name: "inside", kid: twoEpisodes().set(det, 1, "CINreferralDate=2026-01-02"), want: []string{"CINdetails:1"}},
		{name: "inside an open one", kid: twoEpisodes().set(det, 0, "CINclosureDate=", "ReasonForClosure="), want: []string{"CINdetails:1"}},
		{name: "same day", kid: twoEpisodes().set(det, 1, "CINreferralDate=2025-05-01", "CINclosureDate=2025-05-02", "ReasonForClosure=RC7"),
			want: []string{"CINdetails:1"}},
	})
}

func TestRule8825Q(t *testing.T) {
	runRuleCases(t, "8825Q", []ruleCase{
		{name: "RC8 without", kid: nfaKid().set(det, 0, "ReasonForClosure=RC8", "ReferralNFA=false"), want: []string{"CINdetails:0"}},
		{name: "RC8 with", kid: bad(func(k kid) { k.set(det, 0, "ReasonForClosure=RC8") })},
	})
}

func TestRule8831(t *testing.T) {
	runRuleCases(t, "8831", []ruleCase{
		{name: "NFA with activity", kid: bad(func(k kid) { k.set(det, 0, "ReferralNFA=1", "DateOfInitialCPC=2025-05-20") }),
			want: []string{"CINdetails:0", "Assessments:0", "Section47:0"}},
		{name: "NFA", kid: nfaKid()},
	})
}

func TestRule8832(t *testing.T) {
	runRuleCases(t, "8832", []ruleCase{
		{name: "NFA with a plan", kid: bad(func(k kid) { k.set(det, 0, "ReferralNFA=true") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8866(t *testing.T) {
	runRuleCases(t, "8866", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(det, 0, "ReferralSource=") }), want: []string{"CINdetails:0"}},
		{name: "1E", kid: bad(func(k kid) { k.set(det, 0, "ReferralSource=1E") }), want: []string{"CINdetails:0"}},
		{name: "10", kid: bad(func(k kid) { k.set(det, 0, "ReferralSource=10") })},
	})
}
