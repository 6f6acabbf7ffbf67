package rules

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/village-uk/village/returns"
)

var (
	nationalOnce sync.Once
	national     *returns.Return
)

// nationalCensus builds, by hand, a national-scale 2025/26 census of
// 400,000 children: each a good kid with its own LAchildID and UPN, one
// referral with an assessment and its factor, a section 47 enquiry, a
// child protection plan with a review and a CIN plan: about 4 million
// rows. Rows share the template's values but for the identifiers, as a
// reader's would share nothing, which is close enough for the rules.
func nationalCensus(children int) *returns.Return {
	template := goodKid("T")
	tables := slices.Sorted(maps.Keys(template))
	ret := census(2026)
	for _, t := range tables {
		rows := make([]returns.Row, 0, children*len(template[t]))
		for _, r := range template[t] {
			base := row(t, r)
			id := ret.Tables[t].Schema.Index("LAchildID")
			upn := ret.Tables[t].Schema.Index("UPN")
			for i := range children {
				values := slices.Clone(base)
				values[id] = fmt.Sprintf("C%07d", i)
				if upn >= 0 {
					values[upn] = nationalUPN(i)
				}
				rows = append(rows, returns.Row{Line: len(rows) + 2, Values: values})
			}
		}
		// Group each child's rows together, as a reader gives them.
		slices.SortStableFunc(rows, func(a, b returns.Row) int {
			return compareText(a.Values[0], b.Values[0])
		})
		ret.Tables[t].Rows = rows
	}
	return ret
}

func compareText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// nationalUPN makes the i-th child's UPN, valid and distinct.
func nationalUPN(i int) string {
	digits := fmt.Sprintf("201%09d", i)
	letter, _ := upnCheckLetter("A" + digits)
	return string(letter) + digits
}

// BenchmarkValidate validates a national-scale census (400,000 children,
// about 4 million rows) against the whole 2025/26 rule set: typing the
// tables, grouping them by child and referral, and running every rule.
func BenchmarkValidate(b *testing.B) {
	nationalOnce.Do(func() { national = nationalCensus(400000) })
	var failures int
	b.ReportAllocs()
	for b.Loop() {
		rep := Validate(national)
		failures = len(rep.Failures)
	}
	b.ReportMetric(400000, "children")
	b.ReportMetric(float64(len(set.For(2026))), "rules")
	b.ReportMetric(float64(failures), "failures")
}

// TestNationalCensusPasses checks the benchmark's census is clean but for
// the queries on the census as a whole, so that the benchmark measures
// the rules and not the writing of failures.
func TestNationalCensusPasses(t *testing.T) {
	rep := Validate(nationalCensus(2000))
	for _, f := range rep.Failures {
		if f.Rule.Code != "2887Q" && f.Rule.Code != "2888Q" {
			t.Fatalf("rule %s fails %s row %d: %s", f.Rule.Code, f.Table, f.Row, f.Explanation)
		}
	}
}
