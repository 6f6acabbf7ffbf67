package validate

import (
	"cmp"
	"slices"
)

// RuleCount is how often one rule failed.
type RuleCount struct {
	Rule     *Info
	Failures int
	Children int // distinct children named by its failures
}

// TableCount is how many failures point at one table.
type TableCount struct {
	Table    Table
	Last     bool
	Failures int
}

// ChildCount is one child's failures.
type ChildCount struct {
	Child    string
	Failures int
	Rules    []string // codes, in rule order
}

// Summary counts failures by rule, table and child, with the rules that
// were skipped and why. The command line, the report writer and the web
// all count with it.
type Summary struct {
	Missing     []Table // required tables the return lacks (see About.Required)
	Failures    int
	DfEFailures int
	Children    int          // distinct children named by a failure
	ByRule      []RuleCount  // most failures first, then in rule order
	ByTable     []TableCount // most failures first
	ByChild     []ChildCount // most failures first, then by child
	Skipped     []Skip       // in rule order
	SkipReasons []SkipReason // the skipped rules grouped by reason, reasons sorted
}

// Clean reports whether the return passed: it has every required table
// and no rule failed.
func (s Summary) Clean() bool { return s.Failures == 0 && len(s.Missing) == 0 }

// SkipReason is one reason rules were skipped, and those rules' codes.
type SkipReason struct {
	Reason string
	Codes  []string // in rule order
}

// Summarise counts the report's failures and skips.
func (rep *Report) Summarise() Summary {
	s := Summarise(rep.Failures)
	s.Missing = rep.Missing
	s.Skipped = rep.Skipped
	s.SkipReasons = skipReasons(rep.Skipped)
	return s
}

// Summarise counts failures, which are in rule order (as a report or the
// store gives them), by rule, table and child. A failure that names no
// child counts towards no child.
func Summarise(failures []Failure) Summary {
	s := Summary{Failures: len(failures)}
	byRule := map[*Info]int{} // index in s.ByRule
	byTable := map[TableCount]int{}
	// A rule's failures come in runs of one table: each run is added to
	// byTable when it ends, not a look-up a failure.
	var run TableCount
	count := func() {
		if run.Failures > 0 {
			byTable[TableCount{Table: run.Table, Last: run.Last}] += run.Failures
		}
	}
	// Each child is numbered once; a rule's distinct children, and each
	// child's rules, are counted by marking each child with the last rule
	// that named it, so that a messy return's hundreds of thousands of
	// failures cost one lookup each.
	childIndex := map[string]int{}
	var byChild []ChildCount
	var lastRule []int // by child: 1 + the index in s.ByRule of the last rule to name it
	// A rule's failures come together: its place in s.ByRule is looked
	// up once for them all.
	var rule *Info
	i := -1
	for n := range failures {
		f := &failures[n]
		if f.Rule.Origin == DfE {
			s.DfEFailures++
		}
		if f.Rule != rule {
			var ok bool
			if i, ok = byRule[f.Rule]; !ok {
				i = len(s.ByRule)
				byRule[f.Rule] = i
				s.ByRule = append(s.ByRule, RuleCount{Rule: f.Rule})
			}
			rule = f.Rule
		}
		s.ByRule[i].Failures++
		if f.Table != run.Table || f.Last != run.Last {
			count()
			run = TableCount{Table: f.Table, Last: f.Last}
		}
		run.Failures++
		c, ok := childIndex[f.Child]
		if !ok {
			c = len(byChild)
			childIndex[f.Child] = c
			byChild = append(byChild, ChildCount{Child: f.Child})
			lastRule = append(lastRule, 0)
		}
		cc := &byChild[c]
		cc.Failures++
		if lastRule[c] == i+1 {
			continue
		}
		lastRule[c] = i + 1
		cc.Rules = append(cc.Rules, f.Rule.Code)
		if f.Child != "" {
			s.ByRule[i].Children++
			if !ok {
				s.Children++
			}
		}
	}
	slices.SortStableFunc(s.ByRule, func(a, b RuleCount) int {
		return cmp.Or(cmp.Compare(b.Failures, a.Failures), CompareCodes(a.Rule.Code, b.Rule.Code))
	})
	count()
	for tc, n := range byTable {
		tc.Failures = n
		s.ByTable = append(s.ByTable, tc)
	}
	slices.SortFunc(s.ByTable, func(a, b TableCount) int {
		if a.Failures != b.Failures {
			return cmp.Compare(b.Failures, a.Failures)
		}
		if a.Table != b.Table {
			return cmp.Compare(a.Table, b.Table)
		}
		return boolOrder(a.Last) - boolOrder(b.Last)
	})
	s.ByChild = byChild
	slices.SortFunc(s.ByChild, func(a, b ChildCount) int {
		return cmp.Or(cmp.Compare(b.Failures, a.Failures), cmp.Compare(a.Child, b.Child))
	})
	return s
}

// InRuleOrder returns the summary's rule counts in rule order, as a
// year's rules are listed, rather than most failures first.
func (s Summary) InRuleOrder() []RuleCount {
	out := slices.Clone(s.ByRule)
	slices.SortStableFunc(out, func(a, b RuleCount) int { return CompareCodes(a.Rule.Code, b.Rule.Code) })
	return out
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// skipReasons groups skipped rules by the reason, reasons sorted.
func skipReasons(skipped []Skip) []SkipReason {
	index := map[string]int{}
	var out []SkipReason
	for _, sk := range skipped {
		i, ok := index[sk.Reason]
		if !ok {
			i = len(out)
			index[sk.Reason] = i
			out = append(out, SkipReason{Reason: sk.Reason})
		}
		out[i].Codes = append(out[i].Codes, sk.Rule.Code)
	}
	slices.SortFunc(out, func(a, b SkipReason) int { return cmp.Compare(a.Reason, b.Reason) })
	return out
}
