package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const (
	cinp = cin.CINplanDates
	cpp  = cin.ChildProtectionPlans
	rev  = cin.Reviews
)

// openPlans is a good kid whose episode is open and whose child
// protection plan and CIN plan are both still open.
func openPlans() kid {
	return bad(func(k kid) {
		k.set(det, 0, "CINclosureDate=", "ReasonForClosure=")
		k.set(cpp, 0, "CPPendDate=")
		k.set(cinp, 0, "CINPlanEndDate=")
	})
}

func TestRule4001(t *testing.T) {
	runRuleCases(t, "4001", []ruleCase{
		{name: "both open", kid: openPlans(), want: []string{"CINplanDates:0"}},
		{name: "CIN plan ended", kid: openPlans().set(cinp, 0, "CINPlanEndDate=2026-01-30")},
	})
}

func TestRule4003(t *testing.T) {
	runRuleCases(t, "4003", []ruleCase{
		{name: "review in a CIN plan", kid: bad(func(k kid) { k.add(rev, "CPPID=1", "CPPreviewDate=2026-01-05") }), want: []string{"Reviews:1"}},
		{name: "review on the plan's end day", kid: bad(func(k kid) {
			k.set(cpp, 0, "CPPendDate=2026-01-05").set(cinp, 0, "CINPlanStartDate=2025-12-02")
			k.add(rev, "CPPID=1", "CPPreviewDate=2026-01-05")
		})},
	})
}

func TestRule4004(t *testing.T) {
	runRuleCases(t, "4004", []ruleCase{
		{name: "two open across episodes", kid: twoEpisodes().set(cinp, 0, "CINPlanEndDate=").add(cinp, "CINdetailsID=2", "CINPlanStartDate=2026-03-02"),
			want: []string{"CINplanDates:0", "CINplanDates:1"}},
	})
}

func TestRule4008(t *testing.T) {
	runRuleCases(t, "4008", []ruleCase{
		{name: "after death", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-12-01") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4009Q(t *testing.T) {
	runRuleCases(t, "4009Q", []ruleCase{
		{name: "after death", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2026-01-29") }), want: []string{"CINplanDates:0"}},
		{name: "on the day", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2026-01-30") })},
	})
}

func TestRule4010(t *testing.T) {
	runRuleCases(t, "4010", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanStartDate=") }), want: []string{"CINplanDates:0"}},
		{name: "after", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanStartDate=2026-04-01") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4011(t *testing.T) {
	runRuleCases(t, "4011", []ruleCase{
		{name: "ends first", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanEndDate=2025-12-01") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4012Q(t *testing.T) {
	runRuleCases(t, "4012Q", []ruleCase{
		{name: "one day", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanEndDate=2025-12-02") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4013(t *testing.T) {
	runRuleCases(t, "4013", []ruleCase{
		{name: "next year", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanEndDate=2026-04-01") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4014(t *testing.T) {
	runRuleCases(t, "4014", []ruleCase{
		{name: "inside", kid: bad(func(k kid) { k.add(cinp, "CINPlanStartDate=2026-01-01", "CINPlanEndDate=2026-01-29") }), want: []string{"CINplanDates:1"}},
		{name: "on the end day", kid: bad(func(k kid) { k.add(cinp, "CINPlanStartDate=2026-01-30", "CINPlanEndDate=2026-01-31") })},
		{name: "inside an open one", kid: openPlans().add(cinp, "CINPlanStartDate=2026-03-01"), want: []string{"CINplanDates:1"}},
	})
}

func TestRule4015(t *testing.T) {
	runRuleCases(t, "4015", []ruleCase{
		{name: "before referral", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanStartDate=2025-04-30") }), want: []string{"CINplanDates:0"}},
	})
}

func TestRule4016(t *testing.T) {
	runRuleCases(t, "4016", []ruleCase{
		{name: "in a protection plan", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanStartDate=2025-11-30") }), want: []string{"CINplanDates:0"}},
		{name: "on its end day", kid: bad(func(k kid) { k.set(cinp, 0, "CINPlanStartDate=2025-12-01") })},
	})
}

func TestRule4017(t *testing.T) {
	runRuleCases(t, "4017", []ruleCase{
		{name: "in a CIN plan", kid: bad(func(k kid) { k.add(cpp, "CPPID=2", "CPPstartDate=2026-01-05", "CPPendDate=2026-01-20") }),
			want: []string{"ChildProtectionPlans:1"}},
		{name: "on its end day", kid: bad(func(k kid) { k.add(cpp, "CPPID=2", "CPPstartDate=2026-01-30", "CPPendDate=2026-02-01") })},
	})
}

func TestRule1105(t *testing.T) {
	runRuleCases(t, "1105", []ruleCase{
		{name: "before referral", kid: bad(func(k kid) { k.set(cpp, 0, "CPPstartDate=2025-04-30") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8720(t *testing.T) {
	runRuleCases(t, "8720", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(cpp, 0, "CPPstartDate=") }), want: []string{"ChildProtectionPlans:0"}},
		{name: "after", kid: bad(func(k kid) { k.set(cpp, 0, "CPPstartDate=2026-04-01") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8730(t *testing.T) {
	runRuleCases(t, "8730", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(cpp, 0, "NumberOfPreviousCPP=") }), want: []string{"ChildProtectionPlans:0"}},
		{name: "negative", kid: bad(func(k kid) { k.set(cpp, 0, "NumberOfPreviousCPP=-1") }), want: []string{"ChildProtectionPlans:0"}},
		{name: "two", kid: bad(func(k kid) { k.set(cpp, 0, "NumberOfPreviousCPP=2") })},
	})
}

func TestRule8840(t *testing.T) {
	runRuleCases(t, "8840", []ruleCase{
		{name: "one day", kid: bad(func(k kid) { k.set(cpp, 0, "CPPendDate=2025-05-20") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8841(t *testing.T) {
	runRuleCases(t, "8841", []ruleCase{
		{name: "on the start day", kid: bad(func(k kid) { k.set(rev, 0, "CPPreviewDate=2025-05-20") }), want: []string{"Reviews:0"}},
		{name: "second review before", kid: bad(func(k kid) { k.add(rev, "CPPID=1", "CPPreviewDate=2025-05-01") }), want: []string{"Reviews:1"}},
	})
}

func TestRule8842Q(t *testing.T) {
	runRuleCases(t, "8842Q", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(rev, 0, "CPPreviewDate=") }), want: []string{"Reviews:0"}},
	})
}

func TestRule8905(t *testing.T) {
	runRuleCases(t, "8905", []ruleCase{
		{name: "lower case", kid: bad(func(k kid) { k.set(cpp, 0, "InitialCategoryOfAbuse=neg") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8910(t *testing.T) {
	runRuleCases(t, "8910", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(cpp, 0, "LatestCategoryOfAbuse=") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8915(t *testing.T) {
	runRuleCases(t, "8915", []ruleCase{
		{name: "after death", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-05-19") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8920(t *testing.T) {
	runRuleCases(t, "8920", []ruleCase{
		{name: "after death", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-11-30") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8925(t *testing.T) {
	runRuleCases(t, "8925", []ruleCase{
		{name: "ends first", kid: bad(func(k kid) { k.set(cpp, 0, "CPPendDate=2025-05-19") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8930(t *testing.T) {
	runRuleCases(t, "8930", []ruleCase{
		{name: "next year", kid: bad(func(k kid) { k.set(cpp, 0, "CPPendDate=2026-04-01") }), want: []string{"ChildProtectionPlans:0"}},
	})
}

func TestRule8935(t *testing.T) {
	// Two open plans numbered 1 in two episodes: the peer misses them.
	runRuleCases(t, "8935", []ruleCase{
		{name: "same number, two episodes", kid: twoEpisodes().set(cpp, 0, "CPPendDate=").add(cpp, "CINdetailsID=2", "CPPID=1",
			"CPPstartDate=2026-03-02", "InitialCategoryOfAbuse=NEG", "LatestCategoryOfAbuse=NEG", "NumberOfPreviousCPP=1"),
			want: []string{"ChildProtectionPlans:0", "ChildProtectionPlans:1"}},
	})
}

func TestRule8940(t *testing.T) {
	runRuleCases(t, "8940", []ruleCase{
		{name: "inside", kid: bad(func(k kid) { k.add(cpp, "CPPID=2", "CPPstartDate=2025-06-01", "CPPendDate=2025-07-01") }),
			want: []string{"ChildProtectionPlans:1"}},
		{name: "two open, same number", kid: twoEpisodes().set(cpp, 0, "CPPendDate=").add(cpp, "CINdetailsID=2", "CPPID=1", "CPPstartDate=2026-03-02"),
			want: []string{"ChildProtectionPlans:1"}},
		{name: "after", kid: bad(func(k kid) { k.add(cpp, "CPPID=2", "CPPstartDate=2025-12-01") })},
	})
}
