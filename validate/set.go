package validate

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
)

// About is what a return tells the engine about its rule set.
type About struct {
	Return string          // the return's name, such as "SSDA903"
	Years  []calendar.Year // the collection years whose rule sets are complete, oldest first
	Needs  NeedNames       // names of the inputs its rules may need
	// Required are the tables without which a return cannot be validated
	// at all: when one is missing, Run reports it and runs no rule, since
	// every rule reads them and would fail every child (or none) for want
	// of them.
	Required []Table
}

// Set is a return's rules, every version of each, from which each
// collection year's rule set is chosen. It is built once from the
// return's families of rules and never changes.
type Set[C any] struct {
	about About
	rules []*Rule[C] // ordered by code
	mu    sync.Mutex
	infos map[*Rule[C]]*Info
}

// NewSet builds a return's rule set from its families of rules.
func NewSet[C any](about About, families ...[]*Rule[C]) *Set[C] {
	s := &Set[C]{about: about, infos: map[*Rule[C]]*Info{}}
	for _, family := range families {
		s.rules = append(s.rules, family...)
	}
	slices.SortStableFunc(s.rules, func(a, b *Rule[C]) int { return CompareCodes(a.Code, b.Code) })
	for _, r := range s.rules {
		s.infos[r] = info(r, about.Return, about.Needs)
	}
	return s
}

// Return names the return the rules belong to.
func (s *Set[C]) Return() string { return s.about.Return }

// All returns every rule of every year, ordered by code.
func (s *Set[C]) All() []*Rule[C] { return slices.Clone(s.rules) }

// For returns the rules that apply in collection year y, ordered by code.
func (s *Set[C]) For(y calendar.Year) []*Rule[C] {
	var out []*Rule[C]
	for _, r := range s.rules {
		if r.AppliesIn(y) {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the rule with the code that applies in year y, matching
// the code without regard to case, or nil.
func (s *Set[C]) Find(code string, y calendar.Year) *Rule[C] {
	for _, r := range s.For(y) {
		if strings.EqualFold(r.Code, code) {
			return r
		}
	}
	return nil
}

// Years lists the collection years whose rule sets are complete, oldest
// first.
func (s *Set[C]) Years() []calendar.Year { return slices.Clone(s.about.Years) }

// Complete reports whether year y's rule set is complete.
func (s *Set[C]) Complete(y calendar.Year) bool { return slices.Contains(s.about.Years, y) }

// Info describes r for its results; a rule from outside the set is
// described too, so that a test can run a rule of its own.
func (s *Set[C]) Info(r *Rule[C]) *Info {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.infos[r]
	if i == nil {
		i = info(r, s.about.Return, s.about.Needs)
		s.infos[r] = i
	}
	return i
}

// Rules describes the rules that apply in collection year y, ordered by
// code.
func (s *Set[C]) Rules(y calendar.Year) []*Info {
	rules := s.For(y)
	out := make([]*Info, len(rules))
	for i, r := range rules {
		out[i] = s.Info(r)
	}
	return out
}

// Rule describes the rule with the code that applies in year y, matching
// the code without regard to case, or returns nil.
func (s *Set[C]) Rule(code string, y calendar.Year) *Info {
	if r := s.Find(code, y); r != nil {
		return s.Info(r)
	}
	return nil
}

// Rulebook is a rule set as the command line and the web see it: rule
// descriptions by year, without the checks or the return's types.
type Rulebook interface {
	Return() string
	Years() []calendar.Year
	Complete(y calendar.Year) bool
	Rules(y calendar.Year) []*Info
	Rule(code string, y calendar.Year) *Info
}

var _ Rulebook = (*Set[int])(nil)

// CompareCodes orders rule codes as the DfE lists them: numeric codes by
// number (then suffix), then the lettered families (INT, SW) by name and
// number. It returns -1, 0 or +1 as a sorts before, with or after b.
func CompareCodes(a, b string) int {
	pa, na, sa := splitCode(a)
	pb, nb, sb := splitCode(b)
	switch {
	case pa != pb && (pa == "" || pb == ""):
		if pa == "" {
			return -1
		}
		return 1
	case pa != pb:
		return strings.Compare(pa, pb)
	case na != nb:
		if na < nb {
			return -1
		}
		return 1
	}
	return strings.Compare(sa, sb)
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
