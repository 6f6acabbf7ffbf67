package rules

import (
	"sort"

	"github.com/village-uk/village/returns/ssda903"
)

// RuleCount is how often one rule failed.
type RuleCount struct {
	Rule     *Rule
	Failures int
	Children int
}

// TableCount is how many failures point at one table.
type TableCount struct {
	Table    ssda903.TableName
	Last     bool
	Failures int
}

// ChildCount is one child's failures.
type ChildCount struct {
	Child    string
	Failures int
	Rules    []string // codes, in rule order
}

// Summary counts a report's failures by rule, table and child.
type Summary struct {
	Failures    int
	DfEFailures int
	Children    int
	ByRule      []RuleCount  // most failures first
	ByTable     []TableCount // most failures first
	ByChild     []ChildCount // most failures first, then by child
}

// Summarise counts the report's failures.
func (rep *Report) Summarise() Summary {
	s := Summary{Failures: len(rep.Failures)}
	byRule := map[*Rule]*RuleCount{}
	ruleChildren := map[*Rule]map[string]bool{}
	byTable := map[TableCount]int{}
	byChild := map[string]*ChildCount{}
	for _, f := range rep.Failures {
		if f.Rule.Origin == DfE {
			s.DfEFailures++
		}
		rc := byRule[f.Rule]
		if rc == nil {
			rc = &RuleCount{Rule: f.Rule}
			byRule[f.Rule] = rc
			ruleChildren[f.Rule] = map[string]bool{}
		}
		rc.Failures++
		ruleChildren[f.Rule][f.Child] = true
		byTable[TableCount{Table: f.Table, Last: f.Last}]++
		cc := byChild[f.Child]
		if cc == nil {
			cc = &ChildCount{Child: f.Child}
			byChild[f.Child] = cc
		}
		cc.Failures++
		if len(cc.Rules) == 0 || cc.Rules[len(cc.Rules)-1] != f.Rule.Code {
			cc.Rules = append(cc.Rules, f.Rule.Code)
		}
	}
	for r, rc := range byRule {
		rc.Children = len(ruleChildren[r])
		s.ByRule = append(s.ByRule, *rc)
	}
	sort.Slice(s.ByRule, func(i, j int) bool {
		a, b := s.ByRule[i], s.ByRule[j]
		if a.Failures != b.Failures {
			return a.Failures > b.Failures
		}
		return codeLess(a.Rule.Code, b.Rule.Code)
	})
	for tc, n := range byTable {
		tc.Failures = n
		s.ByTable = append(s.ByTable, tc)
	}
	sort.Slice(s.ByTable, func(i, j int) bool {
		a, b := s.ByTable[i], s.ByTable[j]
		if a.Failures != b.Failures {
			return a.Failures > b.Failures
		}
		return a.Table < b.Table || (a.Table == b.Table && !a.Last)
	})
	for _, cc := range byChild {
		s.ByChild = append(s.ByChild, *cc)
	}
	sort.Slice(s.ByChild, func(i, j int) bool {
		a, b := s.ByChild[i], s.ByChild[j]
		if a.Failures != b.Failures {
			return a.Failures > b.Failures
		}
		return a.Child < b.Child
	})
	s.Children = len(byChild)
	return s
}
