package rules

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
)

var registry []*Rule

// register adds rules to the registry. Each rule file registers its own
// rules from init, so a rule is added or changed in one place.
func register(rules ...*Rule) { registry = append(registry, rules...) }

// Set returns the rules that apply in collection year y, ordered by code.
func Set(y calendar.Year) []*Rule {
	var out []*Rule
	for _, r := range registry {
		if r.AppliesIn(y) {
			out = append(out, r)
		}
	}
	sortRules(out)
	return out
}

func sortRules(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool { return codeLess(rules[i].Code, rules[j].Code) })
}

// Find returns the rule with the code that applies in year y, matching
// the code without regard to case.
func Find(code string, y calendar.Year) *Rule {
	for _, r := range Set(y) {
		if strings.EqualFold(r.Code, code) {
			return r
		}
	}
	return nil
}

// codeLess orders codes as the DfE lists them: numeric codes by number
// (then suffix), then the lettered families (INT, SW) by name and number.
func codeLess(a, b string) bool {
	pa, na, sa := splitCode(a)
	pb, nb, sb := splitCode(b)
	if pa != pb {
		if pa == "" || pb == "" {
			return pa == ""
		}
		return pa < pb
	}
	if na != nb {
		return na < nb
	}
	return sa < sb
}

// splitCode splits "SW11aSTG2" into "SW", 11, "aSTG2" and "503A" into "", 503, "A".
func splitCode(code string) (prefix string, number int, suffix string) {
	i := 0
	for i < len(code) && (code[i] < '0' || code[i] > '9') {
		i++
	}
	j := i
	for j < len(code) && code[j] >= '0' && code[j] <= '9' {
		j++
	}
	n, _ := strconv.Atoi(code[i:j])
	return code[:i], n, code[j:]
}

// Skip is a rule that did not run, and why.
type Skip struct {
	Rule   *Rule
	Reason string
}

// Report is the result of validating a return.
type Report struct {
	Year     calendar.Year
	Ran      []*Rule
	Skipped  []Skip
	Failures []Failure // in rule order, then table and row
}

// Run checks in against every rule of the set, in parallel. A rule whose
// input is missing is skipped with the reason, never passed silently; a
// rule that fails unexpectedly is reported as skipped with its error,
// without stopping the others.
func Run(in *Input, set []*Rule) *Report {
	rep := &Report{Year: in.Year}
	results := make([][]Failure, len(set))
	problems := make([]string, len(set))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i], problems[i] = runOne(in, set[i])
			}
		}()
	}
	for i, r := range set {
		if reason := missingInput(in, r); reason != "" {
			problems[i] = reason
			continue
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, r := range set {
		if problems[i] != "" {
			rep.Skipped = append(rep.Skipped, Skip{Rule: r, Reason: problems[i]})
			continue
		}
		rep.Ran = append(rep.Ran, r)
		rep.Failures = append(rep.Failures, results[i]...)
	}
	return rep
}

// missingInput says what r needs that in lacks, or "".
func missingInput(in *Input, r *Rule) string {
	var lacks []string
	for _, need := range []Need{NeedLast, NeedPostcodes, NeedProviders, NeedLA} {
		if r.Needs&need != 0 && !in.Has(need) {
			lacks = append(lacks, need.String())
		}
	}
	for _, t := range r.Tables {
		if !in.This.Has(t) {
			lacks = append(lacks, "the "+string(t)+" table")
		}
	}
	lastTables := r.LastTables
	if lastTables == nil && r.Needs&NeedLast != 0 {
		lastTables = r.Tables
	}
	if in.Return.Last != nil {
		for _, t := range lastTables {
			if !in.Last.Has(t) {
				lacks = append(lacks, "the "+string(t)+" table in last year's return")
			}
		}
	}
	if len(lacks) == 0 {
		return ""
	}
	return "needs " + strings.Join(lacks, ", ")
}

func runOne(in *Input, r *Rule) (failures []Failure, problem string) {
	defer func() {
		if p := recover(); p != nil {
			failures, problem = nil, fmt.Sprintf("the rule could not run: %v", p)
		}
	}()
	c := &Context{Input: in, rule: r}
	r.Check(c)
	sort.SliceStable(c.failures, func(i, j int) bool {
		a, b := c.failures[i], c.failures[j]
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		return a.Row < b.Row
	})
	return c.failures, ""
}

// Supported lists the collection years whose rule sets are complete.
var Supported = []calendar.Year{2026, 2027}

// IsSupported reports whether year y's rule set is complete.
func IsSupported(y calendar.Year) bool {
	for _, s := range Supported {
		if s == y {
			return true
		}
	}
	return false
}
