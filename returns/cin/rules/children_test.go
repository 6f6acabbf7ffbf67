package rules

import (
	"testing"

	"github.com/village-uk/village/returns/cin"
)

const ids = cin.ChildIdentifiers

func TestRule100(t *testing.T) {
	for _, tc := range []struct {
		date string
		fail bool
	}{{"2026-03-31", false}, {"2025-03-31", true}, {"2026-03-30", true}, {"31/03/2026", true}, {"", true}} {
		ret := census(2026, goodKid("A"))
		ret.Tables[cin.Header].Rows[0].Values[cin.Collection.Schema(cin.Header).Index("ReferenceDate")] = tc.date
		rep := Run(NewInput(ret), []*Rule{rule100})
		if got := len(rep.Failures) > 0; got != tc.fail {
			t.Errorf("ReferenceDate %q: fails %v, want %v", tc.date, got, tc.fail)
		}
	}
}

func TestRule8590(t *testing.T) {
	runRuleCases(t, "8590", []ruleCase{
		{name: "no episode", kid: bad(func(k kid) { k.drop(cin.CINdetails, 0) }), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule1510(t *testing.T) {
	runRuleCases(t, "1510", []ruleCase{
		{name: "worked by hand", kid: bad(func(k kid) { k.set(ids, 0, "UPN=P201123456789") })},
		{name: "wrong letter", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A201123456789") }), want: []string{"ChildIdentifiers:0"}},
		{name: "not weighable is 1540's", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A2011234X6789") })},
		{name: "blank", kid: bad(func(k kid) { k.set(ids, 0, "UPN=") })},
	})
}

func TestRule1520(t *testing.T) {
	runRuleCases(t, "1520", []ruleCase{
		{name: "same UPN as the good child", kid: bad(func(k kid) { k.set(ids, 0, "UPN="+testUPN("G1")) }),
			want: []string{"ChildIdentifiers:-1", "ChildIdentifiers:0"}, goodFails: true},
	})
}

func TestRule1540(t *testing.T) {
	runRuleCases(t, "1540", []ruleCase{
		{name: "letter at 7", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A20112X456789") }), want: []string{"ChildIdentifiers:0"}},
		{name: "short", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A20112") }), want: []string{"ChildIdentifiers:0"}},
		{name: "temporary UPN", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A20112345678A") })},
	})
}

func TestRule1550(t *testing.T) {
	runRuleCases(t, "1550", []ruleCase{
		{name: "letter I", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A20112345678I") }), want: []string{"ChildIdentifiers:0"}},
		{name: "letter A", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A20112345678A") })},
		{name: "short", kid: bad(func(k kid) { k.set(ids, 0, "UPN=A2011234567") }), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule1560Q(t *testing.T) {
	runRuleCases(t, "1560Q", []ruleCase{
		{name: "good", kid: bad(func(k kid) { k.set(ids, 0, "FormerUPN=A20112345678B") })},
		{name: "too long", kid: bad(func(k kid) { k.set(ids, 0, "FormerUPN=A201123456789B") }), want: []string{"ChildIdentifiers:0"}},
		{name: "digit first", kid: bad(func(k kid) { k.set(ids, 0, "FormerUPN=120112345678B") }), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule1570(t *testing.T) {
	runRuleCases(t, "1570", []ruleCase{
		{name: "20", kid: withID("B1234567890123456789")},
		{name: "21", kid: withID("B12345678901234567890"), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule1580(t *testing.T) {
	runRuleCases(t, "1580", []ruleCase{
		{name: "hyphen", kid: withID("B-1"), want: []string{"ChildIdentifiers:0"}},
		{name: "space", kid: withID("B 1"), want: []string{"ChildIdentifiers:0"}},
	})
}

// withID is a good kid whose LAchildID is id in every row.
func withID(id string) kid {
	k := goodKid("B1")
	for _, rows := range k {
		for _, r := range rows {
			r["LAchildID"] = id
		}
	}
	return k
}

func TestRule4180(t *testing.T) {
	runRuleCases(t, "4180", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(ids, 0, "Sex=") }), want: []string{"ChildIdentifiers:0"}},
		{name: "old code", kid: bad(func(k kid) { k.set(ids, 0, "Sex=1") }), want: []string{"ChildIdentifiers:0"}},
		{name: "lower case", kid: bad(func(k kid) { k.set(ids, 0, "Sex=m") }), want: []string{"ChildIdentifiers:0"}},
		{name: "2023/24 GenderCurrent M", year: 2024, kid: bad(func(k kid) { shift(k, -2); k.set(ids, 0, "Sex=", "GenderCurrent=M") }),
			want: []string{"ChildIdentifiers:-1", "ChildIdentifiers:0"}, goodFails: true},
	})
}

func TestRule4220(t *testing.T) {
	runRuleCases(t, "4220", []ruleCase{
		{name: "blank", kid: bad(func(k kid) { k.set(cin.ChildCharacteristics, 0, "Ethnicity=") }), want: []string{"ChildCharacteristics:0"}},
		{name: "unknown", kid: bad(func(k kid) { k.set(cin.ChildCharacteristics, 0, "Ethnicity=WXYZ") }), want: []string{"ChildCharacteristics:0"}},
		{name: "valid", kid: bad(func(k kid) { k.set(cin.ChildCharacteristics, 0, "Ethnicity=NOBT") })},
	})
}

func TestRule8500(t *testing.T) {
	runRuleCases(t, "8500", []ruleCase{{name: "blank", kid: withID(""), want: []string{"ChildIdentifiers:0"}}})
}

func TestRule8510(t *testing.T) {
	runRuleCases(t, "8510", []ruleCase{
		{name: "twice", kid: bad(func(k kid) { k.add(ids, "UPN=") }), want: []string{"ChildIdentifiers:0", "ChildIdentifiers:1"}},
	})
}

func TestRule8520(t *testing.T) {
	runRuleCases(t, "8520", []ruleCase{
		{name: "after", kid: bad(func(k kid) { k.set(ids, 0, "PersonBirthDate=2026-04-01") }), want: []string{"ChildIdentifiers:0"}},
		{name: "on", kid: bad(func(k kid) { k.set(ids, 0, "PersonBirthDate=2026-03-31") })},
	})
}

func TestRule8525Q(t *testing.T) {
	runRuleCases(t, "8525Q", []ruleCase{
		{name: "both", kid: bad(func(k kid) { k.set(ids, 0, "ExpectedPersonBirthDate=2026-05-01") }), want: []string{"ChildIdentifiers:0"}},
		{name: "neither", kid: bad(func(k kid) { k.set(ids, 0, "PersonBirthDate=") }), want: []string{"ChildIdentifiers:0"}},
		{name: "expected only", kid: unbornKid("U")},
	})
}

// unbornKid is a good kid who is unborn, due in May 2026, with the sex
// given.
func unbornKid(sex string) kid {
	return bad(func(k kid) {
		k.set(ids, 0, "PersonBirthDate=", "ExpectedPersonBirthDate=2026-05-01", "Sex="+sex)
	})
}

func TestRule8530Q(t *testing.T) {
	runRuleCases(t, "8530Q", []ruleCase{
		{name: "in range", kid: unbornKid("U")},
		{name: "first day", kid: bad(func(k kid) { k.set(ids, 0, "ExpectedPersonBirthDate=2026-03-01") })},
		{name: "too early", kid: bad(func(k kid) { k.set(ids, 0, "ExpectedPersonBirthDate=2026-02-28") }), want: []string{"ChildIdentifiers:0"}},
		{name: "last day", kid: bad(func(k kid) { k.set(ids, 0, "ExpectedPersonBirthDate=2026-12-31") })},
		{name: "too late", kid: bad(func(k kid) { k.set(ids, 0, "ExpectedPersonBirthDate=2027-01-01") }), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule8535Q(t *testing.T) {
	runRuleCases(t, "8535Q", []ruleCase{
		{name: "before birth", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2014-01-01") }), want: []string{"ChildIdentifiers:0"}},
		{name: "after birth", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2026-03-01") })},
	})
}

func TestRule8540(t *testing.T) {
	runRuleCases(t, "8540", []ruleCase{
		{name: "unknown", kid: bad(func(k kid) { k.set(cin.Disabilities, 0, "Disability=MOTH") }), want: []string{"Disabilities:0"}},
		{name: "blank", kid: bad(func(k kid) { k.set(cin.Disabilities, 0, "Disability=") }), want: []string{"Disabilities:0"}},
	})
}

func TestRule8545Q(t *testing.T) {
	runRuleCases(t, "8545Q", []ruleCase{
		{name: "before the year", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-03-31") }), want: []string{"ChildIdentifiers:0"}},
		{name: "in the year", kid: bad(func(k kid) { k.set(ids, 0, "PersonDeathDate=2025-04-01") })},
	})
}

func TestRule8750(t *testing.T) {
	runRuleCases(t, "8750", []ruleCase{
		{name: "unborn U", kid: unbornKid("U")},
		{name: "unborn F", kid: unbornKid("F"), want: []string{"ChildIdentifiers:0"}},
		{name: "2023/24 gender", year: 2024, kid: bad(func(k kid) {
			shift(k, -2)
			k.set(ids, 0, "PersonBirthDate=", "ExpectedPersonBirthDate=2024-05-01", "Sex=", "GenderCurrent=1")
		}), want: []string{"ChildIdentifiers:0"}},
	})
}

func TestRule8775Q(t *testing.T) {
	runRuleCases(t, "8775Q", []ruleCase{
		{name: "26 and open", kid: bad(func(k kid) { k.set(ids, 0, "PersonBirthDate=2000-01-01").set(cin.CINdetails, 0, "CINclosureDate=") }),
			want: []string{"CINdetails:0"}},
		{name: "closed before 25", kid: bad(func(k kid) {
			k.set(ids, 0, "PersonBirthDate=2000-06-01").set(cin.CINdetails, 0, "CINclosureDate=2025-05-30")
		})},
		{name: "closed after 25", kid: bad(func(k kid) {
			k.set(ids, 0, "PersonBirthDate=2000-06-01").set(cin.CINdetails, 0, "CINclosureDate=2026-03-01")
		}),
			want: []string{"CINdetails:0"}},
	})
}

func TestRule8790(t *testing.T) {
	runRuleCases(t, "8790", []ruleCase{
		{name: "NONE and MOB", kid: bad(func(k kid) { k.add(cin.Disabilities, "Disability=MOB") }), want: []string{"Disabilities:1"}},
		{name: "two others", kid: bad(func(k kid) {
			k.set(cin.Disabilities, 0, "Disability=HAND").add(cin.Disabilities, "Disability=MOB")
		})},
	})
}

func TestRule8794(t *testing.T) {
	runRuleCases(t, "8794", []ruleCase{
		{name: "MOB twice", kid: bad(func(k kid) {
			k.set(cin.Disabilities, 0, "Disability=MOB").add(cin.Disabilities, "Disability=MOB")
		}), want: []string{"Disabilities:0", "Disabilities:1"}},
	})
}
