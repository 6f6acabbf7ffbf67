package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

func TestRule2886Q(t *testing.T) {
	runRuleCases(t, "2886Q", []ruleCase{
		{name: "one of two has U", kid: bad(func(k kid) { k.set(ids, 0, "Sex=U") }), want: []string{"Header:0"}},
		{name: "unborn U", kid: unbornKid("U")},
		{name: "2023/24 gender 0", year: 2024, kid: bad(func(k kid) { shift(k, -2); k.set(ids, 0, "Sex=", "GenderCurrent=0") }),
			want: []string{"Header:0"}, goodFails: true},
	})
}

func TestRule2886QTwoPercent(t *testing.T) {
	// 2 of 100 children with no sex is the most that passes.
	for _, tc := range []struct {
		missing int
		fail    bool
	}{{2, false}, {3, true}} {
		var kids []kid
		for i := range 100 {
			k := goodKid("C" + string(rune('A'+i/26)) + string(rune('a'+i%26)))
			if i < tc.missing {
				k.set(ids, 0, "Sex=")
			}
			kids = append(kids, k)
		}
		rep := Run(NewInput(census(2026, kids...)), []*Rule{rule2886Q})
		if got := len(rep.Failures) > 0; got != tc.fail {
			t.Errorf("%d of 100 missing: fails %v, want %v", tc.missing, got, tc.fail)
		}
	}
}

// disabled is a good kid with the disabilities given.
func disabled(codes ...string) kid {
	return bad(func(k kid) {
		k.set(cin.Disabilities, 0, "Disability="+codes[0])
		for _, c := range codes[1:] {
			k.add(cin.Disabilities, "Disability="+c)
		}
	})
}

func TestRule2887Q(t *testing.T) {
	runRuleCases(t, "2887Q", []ruleCase{
		{name: "eight codes", kid: disabled("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS")},
		{name: "seven codes", kid: disabled("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR"), want: []string{"Header:0"}},
		{name: "seven codes, one twice", kid: disabled("MOB", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR"), want: []string{"Header:0"}},
	})
}

func TestRule2888Q(t *testing.T) {
	runRuleCases(t, "2888Q", []ruleCase{
		{name: "one each", kid: disabled("MOB"), want: []string{"Header:0"}},
		{name: "one child with two", kid: disabled("MOB", "AUT")},
		{name: "none disabled", kid: disabled("NONE")},
	})
}

func TestRule1530(t *testing.T) {
	runRuleCases(t, "1530", []ruleCase{
		{name: "201", kid: bad(func(k kid) { k.set(ids, 0, "UPN=P201123456789") })},
		{name: "999", kid: bad(func(k kid) { k.set(ids, 0, "UPN=P999123456789") }), want: []string{"ChildIdentifiers:0"}},
		{name: "804", kid: bad(func(k kid) { k.set(ids, 0, "UPN=P804123456789") }), want: []string{"ChildIdentifiers:0"}},
		{name: "940", kid: bad(func(k kid) { k.set(ids, 0, "UPN=P940123456789") })},
	})
}

func TestRule8770Q(t *testing.T) {
	// At the reference date 31 March 2026, a child born on or before 31
	// August 2020 is of school age.
	runRuleCases(t, "8770Q", []ruleCase{
		{name: "no UPN, no reason", kid: bad(func(k kid) { k.set(ids, 0, "UPN=") }), want: []string{"ChildIdentifiers:0"}},
		{name: "UN1", kid: bad(func(k kid) { k.set(ids, 0, "UPN=", "UPNunknown=UN1") }), want: []string{"ChildIdentifiers:0"}},
		{name: "UN3", kid: bad(func(k kid) { k.set(ids, 0, "UPN=", "UPNunknown=UN3") })},
		{name: "born 31 August 2020", kid: bad(func(k kid) { k.set(ids, 0, "UPN=", "PersonBirthDate=2020-08-31") }), want: []string{"ChildIdentifiers:0"}},
		{name: "born 1 September 2020", kid: bad(func(k kid) { k.set(ids, 0, "UPN=", "PersonBirthDate=2020-09-01") })},
		{name: "NFA", kid: nfaKid().set(ids, 0, "UPN=")},
	})
}
