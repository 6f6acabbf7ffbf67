package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// kid is one child's rows, table by table, each row its fields by
// column name; the tests build a census from kids by hand, in the
// schema's column order, never through the reader.
type kid map[Table][]map[string]string

// goodKid is a child who passes every rule in 2025/26: referred in May
// 2025, assessed, a section 47 enquiry leading to a conference on a
// Tuesday and a child protection plan with a review, then a CIN plan,
// and the case closed in February 2026.
func goodKid(id string) kid {
	ids := map[string]string{"LAchildID": id, "UPN": testUPN(id), "Sex": "F", "PersonBirthDate": "2015-06-01"}
	return kid{
		cin.ChildIdentifiers:     {ids},
		cin.ChildCharacteristics: {{"LAchildID": id, "Ethnicity": "WBRI"}},
		cin.Disabilities:         {{"LAchildID": id, "Disability": "NONE"}},
		cin.CINdetails: {{"LAchildID": id, "CINdetailsID": "1", "CINreferralDate": "2025-05-01", "ReferralSource": "1A",
			"PrimaryNeedCode": "N1", "CINclosureDate": "2026-02-02", "ReasonForClosure": "RC7", "ReferralNFA": "false"}},
		cin.Assessments: {{"LAchildID": id, "CINdetailsID": "1", "AssessmentID": "1",
			"AssessmentActualStartDate": "2025-05-02", "AssessmentAuthorisationDate": "2025-06-02"}},
		cin.AssessmentFactorsList: {{"LAchildID": id, "CINdetailsID": "1", "AssessmentID": "1", "AssessmentFactor": "2B"}},
		cin.Section47: {{"LAchildID": id, "CINdetailsID": "1", "S47ActualStartDate": "2025-05-05",
			"InitialCPCtarget": "2025-05-20", "DateOfInitialCPC": "2025-05-20", "ICPCnotRequired": "false"}},
		cin.ChildProtectionPlans: {{"LAchildID": id, "CINdetailsID": "1", "CPPID": "1", "CPPstartDate": "2025-05-20",
			"CPPendDate": "2025-12-01", "InitialCategoryOfAbuse": "NEG", "LatestCategoryOfAbuse": "NEG", "NumberOfPreviousCPP": "0"}},
		cin.Reviews:      {{"LAchildID": id, "CINdetailsID": "1", "CPPID": "1", "CPPreviewDate": "2025-08-15"}},
		cin.CINplanDates: {{"LAchildID": id, "CINdetailsID": "1", "CINPlanStartDate": "2025-12-02", "CINPlanEndDate": "2026-01-30"}},
	}
}

// testUPN makes a valid UPN for a child from the digits of its ID.
func testUPN(id string) string {
	digits := fmt.Sprintf("201%09d", len(id)*7919+int(id[len(id)-1]))
	letter, _ := upnCheckLetter("A" + digits)
	return string(letter) + digits
}

// set sets fields ("Column=value") on the i-th row of a table of the kid.
func (k kid) set(t Table, i int, fields ...string) kid {
	for _, f := range fields {
		name, value, _ := strings.Cut(f, "=")
		k[t][i][name] = value
	}
	return k
}

// add adds a row to a table of the kid, its child and referral filled in.
func (k kid) add(t Table, fields ...string) kid {
	row := map[string]string{"LAchildID": k[cin.ChildIdentifiers][0]["LAchildID"]}
	if cin.Collection.Schema(t).Index("CINdetailsID") >= 0 {
		row["CINdetailsID"] = "1"
	}
	for _, f := range fields {
		name, value, _ := strings.Cut(f, "=")
		row[name] = value
	}
	k[t] = append(k[t], row)
	return k
}

// drop removes the i-th row of a table of the kid.
func (k kid) drop(t Table, i int) kid {
	k[t] = slices.Delete(k[t], i, i+1)
	return k
}

// census builds a 2025/26 census (or year y's) holding the kids, with a
// Header whose ReferenceDate is the year's 31 March.
func census(y calendar.Year, kids ...kid) *returns.Return {
	ret := returns.NewReturn(cin.Collection, y, "201")
	for _, s := range cin.Schemas {
		ret.Ensure(s.Name)
	}
	ret.Tables[cin.Header].Add(row(cin.Header, map[string]string{"Collection": "CIN", "Year": fmt.Sprint(int(y)),
		"ReferenceDate": iso(y.End()), "LEA": "201"})...)
	for _, k := range kids {
		for _, t := range slices.Sorted(maps.Keys(k)) {
			for _, r := range k[t] {
				ret.Tables[t].Add(row(t, r)...)
			}
		}
	}
	return ret
}

// row orders a row's fields in its table's column order.
func row(t Table, fields map[string]string) []string {
	s := cin.Collection.Schema(t)
	values := make([]string, len(s.Columns))
	for name, v := range fields {
		i := s.Index(name)
		if i < 0 {
			panic("no column " + name + " in " + string(t))
		}
		values[i] = v
	}
	return values
}

// ruleCase is a bad kid and where it fails: "Table:i" is the kid's i-th
// row (from 0) of the table. The census holds a good kid before it, so a
// rule that wrongly fails a good child fails the test.
type ruleCase struct {
	name string
	year calendar.Year // 2026 (2025/26) when zero
	kid  kid
	want []string
	// goodFails says the good kid fails too, as when the two clash; its
	// rows are then numbered back from -1.
	goodFails bool
}

// runRuleCases runs the rule with the code over a good kid and each
// case's kid, and checks the failures are exactly the case's.
func runRuleCases(t *testing.T, code string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y := cmpOr(tc.year, 2026)
			rule := set.Find(code, y)
			if rule == nil {
				t.Fatalf("no rule %s in %s", code, y)
			}
			good := goodKid("G1")
			rep := Run(NewInput(census(y, good, tc.kid)), []*Rule{rule})
			if len(rep.Skipped) > 0 {
				t.Fatalf("rule %s skipped: %s", code, rep.Skipped[0].Reason)
			}
			var got []string
			for _, f := range rep.Failures {
				if f.Child == "G1" && !tc.goodFails {
					t.Errorf("the good child fails: %s row %d: %s", f.Table, f.Row, f.Explanation)
					continue
				}
				if f.Explanation == "" {
					t.Errorf("failure on %s row %d has no explanation", f.Table, f.Row)
				}
				got = append(got, fmt.Sprintf("%s:%d", f.Table, f.Row-1-len(good[f.Table])))
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("failures %v, want %v", got, want)
				for _, f := range rep.Failures {
					t.Logf("%s row %d: %s", f.Table, f.Row, f.Explanation)
				}
			}
		})
	}
}

func cmpOr(y, or calendar.Year) calendar.Year {
	if y == 0 {
		return or
	}
	return y
}

// bad is a bad kid: a good kid with ID B1, changed by edit.
func bad(edit func(k kid)) kid {
	k := goodKid("B1")
	edit(k)
	return k
}
