package rules

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// TestGoodChildrenPass runs every rule of each year over good children:
// none may fail, and none may be skipped.
func TestGoodChildrenPass(t *testing.T) {
	for _, y := range []calendar.Year{2024, 2025, 2026, 2027} {
		kids := []kid{goodKid("A1"), goodKid("A2"), goodKid("A3")}
		// Eight disability codes in use, two children with several, for
		// the queries on the census as a whole (2887Q, 2888Q).
		for i, codes := range [][]string{{"MOB", "HAND", "PC", "INC"}, {"COMM", "LD", "HEAR", "VIS"}} {
			k := kids[i+1]
			k.set(cin.Disabilities, 0, "Disability="+codes[0])
			for _, code := range codes[1:] {
				k.add(cin.Disabilities, "Disability="+code)
			}
		}
		if y < 2025 {
			for _, k := range kids {
				k.set(cin.ChildIdentifiers, 0, "Sex=", "GenderCurrent=2")
			}
		}
		if y >= cin.PreProceedingsFrom {
			for _, k := range kids {
				withPreProceedings(k)
			}
		}
		for _, k := range kids {
			shift(k, int(y)-2026)
		}
		rep := Validate(census(y, kids...))
		for _, f := range rep.Failures {
			t.Errorf("%s: rule %s fails %s row %d: %s", y, f.Rule.Code, f.Table, f.Row, f.Explanation)
		}
		for _, s := range rep.Skipped {
			t.Errorf("%s: rule %s skipped: %s", y, s.Rule.Code, s.Reason)
		}
		if len(rep.Ran) < 20 {
			t.Errorf("%s: only %d rules ran", y, len(rep.Ran))
		}
	}
}

// shift moves every date of the kid by 52 weeks a year, so that each
// keeps its day of the week.
func shift(k kid, years int) {
	for _, rows := range k {
		for _, r := range rows {
			for name, v := range r {
				if d, ok := calendar.ParseISODate(v); ok {
					r[name] = iso(d.AddDays(364 * years))
				}
			}
		}
	}
}

func TestIsQuery(t *testing.T) {
	for code, want := range map[string]bool{"8670Q": true, "8670q": true, "8670": false, "100": false} {
		if IsQuery(code) != want {
			t.Errorf("IsQuery(%q) = %v", code, !want)
		}
	}
}

// TestRulesDocumented checks every rule has a code, a message and reads a
// table.
func TestRulesDocumented(t *testing.T) {
	for _, r := range Rules().All() {
		if r.Code == "" || r.Message == "" || len(r.Tables) == 0 || r.Check == nil {
			t.Errorf("rule %q lacks a code, message, tables or check", r.Code)
		}
	}
}

// TestValidateReport checks what a failure carries for the JSON report:
// its rule, the child's LAchildID, the table, the 1-based row, the file
// and line the row came from, the fields with their values, and an
// explanation.
func TestValidateReport(t *testing.T) {
	ret := census(2026, goodKid("A1"), bad(func(k kid) { k.set(s47, 0, "DateOfInitialCPC=2025-05-18") }))
	ret.Tables[cin.Section47].File = "census.xml"
	for i := range ret.Tables[cin.Section47].Rows {
		ret.Tables[cin.Section47].Rows[i].Line = 40 + i
	}
	rep := Validate(ret)
	var got *Failure
	for i, f := range rep.Failures {
		if f.Rule.Code == "8875" {
			got = &rep.Failures[i]
		}
	}
	if got == nil {
		t.Fatalf("no failure of 8875 in %d failures", len(rep.Failures))
	}
	want := Failure{Rule: got.Rule, Table: cin.Section47, Row: 2, File: "census.xml", Line: 41, Child: "B1",
		Fields:      []FieldValue{{Name: "DateOfInitialCPC", Value: "2025-05-18"}},
		Explanation: "DateOfInitialCPC 2025-05-18 is a Sunday"}
	if got.Table != want.Table || got.Row != want.Row || got.File != want.File || got.Line != want.Line ||
		got.Child != want.Child || got.Explanation != want.Explanation || len(got.Fields) != 1 || got.Fields[0] != want.Fields[0] {
		t.Errorf("failure %+v, want %+v", *got, want)
	}
	if got.Rule.Return != "CIN" || got.Rule.Message == "" {
		t.Errorf("rule %+v", got.Rule)
	}
}

// TestValidateYear checks a census with no year is validated as the year
// its Header gives, and that a census without CINdetails runs no rule.
func TestValidateYear(t *testing.T) {
	ret := census(2026, goodKid("A1"))
	ret.Year = 0
	if rep := Validate(ret); rep.Year != 2026 || len(rep.Ran) == 0 {
		t.Errorf("year %s, %d rules ran", rep.Year, len(rep.Ran))
	}
	delete(ret.Tables, cin.CINdetails)
	if rep := Validate(ret); len(rep.Missing) != 1 || len(rep.Ran) != 0 {
		t.Errorf("without CINdetails: missing %v, %d rules ran", rep.Missing, len(rep.Ran))
	}
}

// TestOddCensus checks rows that name no child, referrals the child does
// not have, short rows and bad dates make no rule fail to run.
func TestOddCensus(t *testing.T) {
	odd := bad(func(k kid) {
		k.add(cin.Assessments, "CINdetailsID=9", "AssessmentID=1", "AssessmentActualStartDate=not a date")
		k.add(cin.Reviews, "CINdetailsID=1", "CPPID=7", "CPPreviewDate=2025-13-01")
		k.add(cin.AssessmentFactorsList, "CINdetailsID=1", "AssessmentID=5", "AssessmentFactor=21")
		k.set(det, 0, "CINreferralDate=", "CINdetailsID=")
	})
	ret := census(2026, goodKid("A1"), withID(""), odd)
	ret.Tables[cin.Section47].Rows = append(ret.Tables[cin.Section47].Rows, returns.Row{Values: []string{"X"}})
	rep := Validate(ret)
	for _, s := range rep.Skipped {
		t.Errorf("rule %s skipped: %s", s.Rule.Code, s.Reason)
	}
	if len(rep.Failures) == 0 {
		t.Error("an odd census passes")
	}
}
