package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Need names an input beyond this year's return that a rule reads.
type Need int

// The inputs a rule may need.
const (
	NeedLast      Need = 1 << iota // last year's return
	NeedPostcodes                  // the postcode directory, for PL_LA, PL_LOCATION and PL_DISTANCE
	NeedProviders                  // the Ofsted provider lists, for the URN rules
	NeedLA                         // the local authority's code
)

func (n Need) String() string {
	var parts []string
	for _, x := range []struct {
		need Need
		name string
	}{{NeedLast, "last year's return"}, {NeedPostcodes, "a postcode directory"},
		{NeedProviders, "the Ofsted provider lists"}, {NeedLA, "the local authority code"}} {
		if n&x.need != 0 {
			parts = append(parts, x.name)
		}
	}
	return strings.Join(parts, ", ")
}

// Origin says whose rule it is.
type Origin int

// Rule origins.
const (
	DfE     Origin = iota // a rule in the DfE's validation rules
	Village               // a data-integrity check of Village's own
)

// Rule is one validation rule.
type Rule struct {
	Code        string              // the DfE's code: "101", "503A", "SW02STG1"; Village's own start "INT"
	Message     string              // the DfE's message, word for word
	Description string              // the DfE's description of the check, where it says more than the message
	Caveat      string              // Village's note on what the check cannot see, in its own words
	Tables      []ssda903.TableName // the tables it reads
	Fields      []string            // the fields a failure points at
	Needs       Need                // inputs without which it cannot run: it is skipped, with the reason
	Uses        Need                // inputs it reads when given and runs without
	LastTables  []ssda903.TableName // tables it needs in last year's return; with NeedLast, Tables when nil
	Origin      Origin
	From, Until calendar.Year // the collection years it applies in; zero is unbounded
	Check       func(c *Context)
}

// AppliesIn reports whether the rule is part of year y's rule set.
func (r *Rule) AppliesIn(y calendar.Year) bool {
	return (r.From == 0 || y >= r.From) && (r.Until == 0 || y <= r.Until)
}

// Failure is one row that breaks a rule.
type Failure struct {
	Rule        *Rule
	Table       ssda903.TableName
	Last        bool // the row is in last year's table
	Row         int  // 1-based position of the data row in its table, the header not counted
	Child       string
	Fields      []FieldValue
	Explanation string // why, in plain words with the values involved
}

// FieldValue is a field a failure points at and its submitted value.
type FieldValue struct {
	Name, Value string
}

// Context is what a rule's Check sees: the input and a place to report
// failures.
type Context struct {
	*Input
	rule     *Rule
	failures []Failure
}

// Fail reports that the row at ref breaks the rule. why explains it in
// plain words, with the values involved; fields are the fields to show (the
// rule's Fields when none are given).
func (c *Context) Fail(ref Ref, why string, fields ...string) {
	tables := c.This
	if ref.Last {
		tables = c.Last
	}
	f := Failure{Rule: c.rule, Table: ref.Table, Last: ref.Last, Row: ref.Row + 1, Explanation: why}
	if child, ok := tables.field(ref, "CHILD"); ok {
		f.Child = child
		for _, name := range fields {
			if v, ok := tables.field(ref, name); ok {
				f.Fields = append(f.Fields, FieldValue{name, v})
			} else if v, ok := c.derived(ref, name); ok {
				f.Fields = append(f.Fields, FieldValue{name, v})
			}
		}
	}
	c.failures = append(c.failures, f)
}

// Failf is Fail with the explanation formatted as fmt.Sprintf does.
func (c *Context) Failf(ref Ref, fields []string, format string, args ...any) {
	c.Fail(ref, fmt.Sprintf(format, args...), fields...)
}

// Caveats several rules share.
const (
	caveatTwoYears        = "Village looks back only as far as the years it is given: last year's return with --last, every earlier year when validating a folder of years."
	caveatEarlierEpisodes = "Village looks back only as far as the years it is given: a child whose earlier episodes are older than those years may be reported wrongly. Validate a folder holding every year to avoid this."
	caveatFormerUASC      = "A child is known to have been UASC only from this year's and last year's UASC tables; a child who was UASC before that may be reported wrongly."
)

// noLastTables is LastTables for a rule that needs last year's return but
// copes with any of its tables missing.
var noLastTables = []ssda903.TableName{}

// derived returns the value of a field the DfE derives from an episode's
// postcodes (PL_LA, PL_LOCATION, PL_DISTANCE), for showing in a failure.
func (c *Context) derived(ref Ref, name string) (string, bool) {
	if ref.Table != ssda903.Episodes {
		return "", false
	}
	tables := c.This
	if ref.Last {
		tables = c.Last
	}
	if ref.Row >= len(tables.Episodes) || tables.Episodes[ref.Row].Derived == nil {
		return "", false
	}
	p := tables.Episodes[ref.Row].Derived
	switch name {
	case "PL_LA":
		return p.PL_LA, true
	case "PL_LOCATION":
		return p.PL_LOCATION, true
	case "PL_DISTANCE":
		if !p.HasDistance {
			return "", true
		}
		return fmt.Sprintf("%.1f", p.PL_DISTANCE), true
	}
	return "", false
}
