package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const s47 = cin.Section47

// awaitingKid is a good kid whose episode is open and whose enquiry,
// started on start, awaits its conference; no plan followed.
func awaitingKid(start string) kid {
	return bad(func(k kid) {
		k.set(det, 0, "CINclosureDate=", "ReasonForClosure=")
		k.set(s47, 0, "S47ActualStartDate="+start, "DateOfInitialCPC=", "InitialCPCtarget=")
		delete(k, cin.ChildProtectionPlans)
		delete(k, cin.Reviews)
	})
}

func TestRule1104(t *testing.T) {
	runRuleCases(t, "1104", []ruleCase{
		{name: "enquiry's before", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-04-30") }), want: []string{"Section47:0"}},
		{name: "episode's before", kid: bad(func(k kid) { k.set(det, 0, "DateOfInitialCPC=2025-04-30") }), want: []string{"CINdetails:0"}},
		{name: "on the day", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-05-01") })},
	})
}

func TestRule2883(t *testing.T) {
	runRuleCases(t, "2883", []ruleCase{
		{name: "a plan with no conference", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=", "ICPCnotRequired=true") }),
			want: []string{"Header:0"}},
		{name: "conference on the episode", kid: bad(func(k kid) { delete(k, s47); k.set(det, 0, "DateOfInitialCPC=2025-05-20") })},
	})
}

func TestRule2884(t *testing.T) {
	runRuleCases(t, "2884", []ruleCase{
		{name: "both", kid: bad(func(k kid) { k.set(det, 0, "DateOfInitialCPC=2025-05-20") }), want: []string{"CINdetails:0"}},
	})
}

func TestRule2889(t *testing.T) {
	runRuleCases(t, "2889", []ruleCase{
		{name: "before", kid: bad(func(k kid) { k.set(s47, 0, "S47ActualStartDate=2025-04-30") }), want: []string{"Section47:0"}},
	})
}

func TestRule8615(t *testing.T) {
	runRuleCases(t, "8615", []ruleCase{
		{name: "no start", kid: bad(func(k kid) { k.set(s47, 0, "S47ActualStartDate=") }), want: []string{"Section47:0"}},
		{name: "after", kid: bad(func(k kid) { k.set(s47, 0, "S47ActualStartDate=2025-05-21") }), want: []string{"Section47:0"}},
		{name: "same day", kid: bad(func(k kid) { k.set(s47, 0, "S47ActualStartDate=2025-05-20") })},
		{name: "no conference", kid: awaitingKid("")},
	})
}

func TestRule8675Q(t *testing.T) {
	// Fifteen working days back from Tuesday 31 March 2026 is Tuesday 10
	// March.
	runRuleCases(t, "8675Q", []ruleCase{
		{name: "15 working days", kid: awaitingKid("2026-03-10")},
		{name: "16 working days", kid: awaitingKid("2026-03-09"), want: []string{"Section47:0"}},
		{name: "not required", kid: awaitingKid("2026-03-09").set(s47, 0, "ICPCnotRequired=1")},
	})
}

func TestRule8715(t *testing.T) {
	runRuleCases(t, "8715", []ruleCase{
		{name: "last year", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-03-31") }), want: []string{"Section47:0"}},
		{name: "episode's next year", kid: bad(func(k kid) { k.set(det, 0, "DateOfInitialCPC=2026-04-01") }), want: []string{"CINdetails:0"}},
	})
}

func TestRule8740(t *testing.T) {
	runRuleCases(t, "8740", []ruleCase{
		{name: "from last year", kid: awaitingKid("2025-03-31"), want: []string{"Section47:0"}},
		{name: "from this year", kid: awaitingKid("2025-04-01")},
	})
}

func TestRule8839(t *testing.T) {
	runRuleCases(t, "8839", []ruleCase{
		{name: "two awaiting", kid: awaitingKid("2026-03-20").add(s47, "S47ActualStartDate=2026-03-21", "ICPCnotRequired=false"),
			want: []string{"Section47:0", "Section47:1"}},
		{name: "one not required", kid: awaitingKid("2026-03-20").add(s47, "S47ActualStartDate=2026-03-21", "ICPCnotRequired=true")},
	})
}

func TestRule8868(t *testing.T) {
	runRuleCases(t, "8868", []ruleCase{
		{name: "closed, awaiting", kid: awaitingKid("2025-05-05").set(det, 0, "CINclosureDate=2026-02-02", "ReasonForClosure=RC7"),
			want: []string{"Section47:0"}},
	})
}

func TestRule8870Q(t *testing.T) {
	runRuleCases(t, "8870Q", []ruleCase{
		{name: "Saturday", kid: bad(func(k kid) { k.set(s47, 0, "InitialCPCtarget=2025-05-17") }), want: []string{"Section47:0"}},
		{name: "Monday", kid: bad(func(k kid) { k.set(s47, 0, "InitialCPCtarget=2025-05-19") })},
	})
}

func TestRule8875(t *testing.T) {
	runRuleCases(t, "8875", []ruleCase{
		{name: "Sunday", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-05-18") }), want: []string{"Section47:0"}},
		{name: "episode's Saturday", kid: bad(func(k kid) { k.set(det, 0, "DateOfInitialCPC=2025-05-17") }), want: []string{"CINdetails:0"}},
		{name: "bank holiday is a weekday", kid: bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-05-26") })},
	})
}

func TestRule8890(t *testing.T) {
	runRuleCases(t, "8890", []ruleCase{
		{name: "during", kid: bad(func(k kid) { k.add(s47, "S47ActualStartDate=2025-05-10", "ICPCnotRequired=true") }), want: []string{"Section47:1"}},
		{name: "after", kid: bad(func(k kid) { k.add(s47, "S47ActualStartDate=2025-05-21", "ICPCnotRequired=true") })},
		{name: "after one awaiting", kid: awaitingKid("2026-03-02").add(s47, "S47ActualStartDate=2026-03-05", "ICPCnotRequired=true"),
			want: []string{"Section47:1"}},
	})
}

func TestRule2885(t *testing.T) {
	runRuleCases(t, "2885", []ruleCase{
		{name: "a day after", kid: bad(func(k kid) { k.set(cpp, 0, "CPPstartDate=2025-05-21") }), want: []string{"ChildProtectionPlans:0"}},
		{name: "last year", kid: bad(func(k kid) { k.set(cpp, 0, "CPPstartDate=2025-03-21") })},
		{name: "transfer in, then re-registration", kid: bad(func(k kid) {
			k.set(det, 0, "DateOfInitialCPC=2025-05-02")
			k.set(cpp, 0, "CPPstartDate=2025-05-02", "CPPendDate=2025-05-19")
			k.add(cpp, "CPPID=2", "CPPstartDate=2025-05-20", "CPPendDate=2025-12-01")
		})},
	})
}
