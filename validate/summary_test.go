package validate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// summariseByMaps counts as Summarise does, with a set of children for
// each rule: the oracle for Summarise's single index of children.
func summariseByMaps(failures []Failure) (byRule map[string][2]int, children int, byChild map[string]ChildCount) {
	byRule = map[string][2]int{}
	sets := map[string]map[string]bool{}
	all := map[string]bool{}
	byChild = map[string]ChildCount{}
	for _, f := range failures {
		n := byRule[f.Rule.Code]
		n[0]++
		if sets[f.Rule.Code] == nil {
			sets[f.Rule.Code] = map[string]bool{}
		}
		if f.Child != "" && !sets[f.Rule.Code][f.Child] {
			sets[f.Rule.Code][f.Child] = true
			n[1]++
			all[f.Child] = true
		}
		byRule[f.Rule.Code] = n
		cc := byChild[f.Child]
		cc.Child = f.Child
		cc.Failures++
		if !slices.Contains(cc.Rules, f.Rule.Code) {
			cc.Rules = append(cc.Rules, f.Rule.Code)
		}
		byChild[f.Child] = cc
	}
	return byRule, len(all), byChild
}

// TestSummariseCounts checks Summarise against the oracle on random
// failures in rule order, children repeated within and across rules and
// some failures naming no child.
func TestSummariseCounts(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 1))
		var failures []Failure
		for i := range 1 + r.IntN(12) {
			rule := &Info{Code: fmt.Sprint(100 + i), Origin: Origin(r.IntN(2))}
			for range r.IntN(40) {
				child := ""
				if r.IntN(8) > 0 {
					child = fmt.Sprint("C", r.IntN(15))
				}
				failures = append(failures, Failure{Rule: rule, Table: Table(fmt.Sprint("T", r.IntN(3))), Last: r.IntN(2) == 0, Child: child})
			}
		}
		s := Summarise(failures)
		byRule, children, byChild := summariseByMaps(failures)
		if s.Children != children || s.Failures != len(failures) || len(s.ByRule) != len(byRule) || len(s.ByChild) != len(byChild) {
			t.Fatalf("seed %d: %d children, %d failures, %d rules, %d children listed; want %d, %d, %d, %d",
				seed, s.Children, s.Failures, len(s.ByRule), len(s.ByChild), children, len(failures), len(byRule), len(byChild))
		}
		for _, rc := range s.ByRule {
			if want := byRule[rc.Rule.Code]; rc.Failures != want[0] || rc.Children != want[1] {
				t.Errorf("seed %d: rule %s has %d failures, %d children; want %d, %d", seed, rc.Rule.Code, rc.Failures, rc.Children, want[0], want[1])
			}
		}
		for _, cc := range s.ByChild {
			if want := byChild[cc.Child]; !reflect.DeepEqual(cc, want) {
				t.Errorf("seed %d: child %+v, want %+v", seed, cc, want)
			}
		}
		if !slices.IsSortedFunc(s.ByChild, func(a, b ChildCount) int { return b.Failures - a.Failures }) {
			t.Errorf("seed %d: children not by failures", seed)
		}
	}
}

// TestSummaryCountsTablesInRuns checks the table counts when a rule's
// failures move between tables and years and back.
func TestSummaryCountsTablesInRuns(t *testing.T) {
	a, b := &Info{Code: "101"}, &Info{Code: "102"}
	fs := []Failure{{Rule: a, Table: "Episodes"}, {Rule: a, Table: "Episodes"}, {Rule: a, Table: "Header"},
		{Rule: a, Table: "Episodes", Last: true}, {Rule: a, Table: "Episodes"}, {Rule: b, Table: "Episodes"}, {Rule: b, Table: "Header", Last: true}}
	got := map[TableCount]bool{}
	for _, tc := range Summarise(fs).ByTable {
		got[tc] = true
	}
	want := map[TableCount]bool{{Table: "Episodes", Failures: 4}: true, {Table: "Header", Failures: 1}: true,
		{Table: "Episodes", Last: true, Failures: 1}: true, {Table: "Header", Last: true, Failures: 1}: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("by table %v, want %v", got, want)
	}
}
