package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// tables is a compact way to write a return in a test: for each table, a
// header line naming the columns given (others are blank) and one line per
// row, comma separated.
type tables map[ssda903.TableName][]string

// buildReturn makes a return for year y from t. Every table of the year is
// present (empty unless given), as in a real upload.
func buildReturn(t *testing.T, y calendar.Year, given tables) *ssda903.Return {
	t.Helper()
	r := ssda903.NewReturn(y, "E06000999")
	for _, s := range ssda903.Schemas {
		if s.InYear(y) {
			r.Ensure(s.Name)
		}
	}
	for name, lines := range given {
		table := r.Ensure(name)
		columns := strings.Split(lines[0], ",")
		if name == ssda903.Header && !slices.Contains(columns, "UASC") {
			// As a CSV header.csv, which has no UASC column: only the XML
			// layout carries the flag.
			table.Absent = append(table.Absent, "UASC")
		}
		for _, line := range lines[1:] {
			values := strings.Split(line, ",")
			if len(values) != len(columns) {
				t.Fatalf("%s row %q has %d values for %d columns", name, line, len(values), len(columns))
			}
			row := make([]string, len(table.Schema.Columns))
			for i, c := range columns {
				at := table.Schema.Index(c)
				if at < 0 {
					t.Fatalf("%s has no column %s", name, c)
				}
				row[at] = values[i]
			}
			table.Add(row...)
		}
	}
	return r
}

// failingRows runs one rule on the return and returns the 1-based failing
// rows per table; rows of last year's tables are under the table's name
// with "_last" added ("Episodes_last").
func failingRows(t *testing.T, code string, r *ssda903.Return) map[ssda903.TableName][]int {
	t.Helper()
	return inputRows(t, code, NewInput(r, nil, nil))
}

// inputRows is failingRows for an input built by the caller, with
// reference data or changes to the typed tables.
func inputRows(t *testing.T, code string, in *Input) map[ssda903.TableName][]int {
	t.Helper()
	rule := Rules().Find(code, in.Year)
	if rule == nil {
		t.Fatalf("no rule %s in %s", code, in.Year)
	}
	rep := Run(in, []*Rule{rule})
	if len(rep.Skipped) > 0 {
		t.Fatalf("rule %s skipped: %s", code, rep.Skipped[0].Reason)
	}
	got := map[ssda903.TableName][]int{}
	for _, f := range rep.Failures {
		if f.Explanation == "" {
			t.Errorf("rule %s: failure at %s row %d has no explanation", code, f.Table, f.Row)
		}
		key := f.Table
		if f.Last {
			key += "_last"
		}
		got[key] = append(got[key], f.Row)
	}
	return got
}

// failing is the 1-based failing rows of each table, as rule tests want them.
type failing = map[ssda903.TableName][]int

// ruleCase is one table-driven rule test: a return and the rows that must
// fail, all others passing.
type ruleCase struct {
	name      string
	year      calendar.Year
	data      tables
	last      tables              // last year's return, when the rule needs it
	dropLast  []ssda903.TableName // tables last year's return lacks
	postcodes Postcodes           // reference data, when the rule needs it
	providers Providers
	mutate    func(*Input) // a change to the typed input before the rule runs
	want      map[ssda903.TableName][]int
}

func runRuleCases(t *testing.T, code string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(code+"/"+tc.name, func(t *testing.T) {
			y := tc.year
			if y == 0 {
				y = 2026
			}
			r := buildReturn(t, y, tc.data)
			if tc.last != nil {
				r.Last = buildReturn(t, y-1, tc.last)
				for _, name := range tc.dropLast {
					delete(r.Last.Tables, name)
				}
			}
			in := NewInput(r, tc.postcodes, tc.providers)
			if tc.mutate != nil {
				tc.mutate(in)
			}
			got := inputRows(t, code, in)
			want := tc.want
			if want == nil {
				want = map[ssda903.TableName][]int{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("failing rows %v, want %v", got, want)
			}
		})
	}
}

// withReference gives every case the postcode directory and provider
// list (either may be nil).
func withReference(postcodes Postcodes, providers Providers, cases []ruleCase) []ruleCase {
	for i := range cases {
		cases[i].postcodes, cases[i].providers = postcodes, providers
	}
	return cases
}

// testPlace is a postcode's local authority and grid reference.
type testPlace struct {
	la   string
	e, n float64
}

// testPostcodes is a postcode directory for tests, keyed by postcodes in
// upper case without spaces.
type testPostcodes map[string]testPlace

func (p testPostcodes) Lookup(postcode string) (string, float64, float64, bool) {
	x, ok := p[strings.ToUpper(strings.ReplaceAll(postcode, " ", ""))]
	return x.la, x.e, x.n, ok
}

// testProviders is an Ofsted provider list for tests, by URN.
type testProviders map[string]Provider

func (p testProviders) Provider(urn string) (Provider, bool) {
	v, ok := p[urn]
	return v, ok
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules().All() {
		if r.Code == "" || r.Message == "" || r.Check == nil || len(r.Tables) == 0 {
			t.Errorf("rule %q lacks a code, message, table or check", r.Code)
		}
		for y := calendar.Year(2024); y <= 2027; y++ {
			key := r.Code + "@" + y.String()
			if r.AppliesIn(y) {
				if seen[key] {
					t.Errorf("two versions of rule %s apply in %s", r.Code, y)
				}
				seen[key] = true
			}
		}
	}
}

func TestSkipsRulesWithoutTheirInput(t *testing.T) {
	r := ssda903.NewReturn(2026, "E06000999")
	r.Ensure(ssda903.Episodes)
	r.Ensure(ssda903.Header)
	r.Ensure(ssda903.Reviews)
	rep := Run(NewInput(r, nil, nil), []*Rule{Rules().Find("1003", 2026)})
	if len(rep.Skipped) != 1 || rep.Skipped[0].Reason != "needs the PlacedAdoption table" {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	panicky := &Rule{Code: "999", Message: "m", Tables: []ssda903.TableName{ssda903.Episodes}, Check: func(*Context) { panic("boom") }}
	rep = Run(NewInput(r, nil, nil), []*Rule{panicky})
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].Reason, "boom") {
		t.Errorf("a panicking rule gave %+v", rep.Skipped)
	}
}

// TestAMissingRequiredTableIsOneProblem checks that a return without its
// Header or Episodes table is reported as such, with every rule skipped,
// rather than failing (or passing) every child.
func TestAMissingRequiredTableIsOneProblem(t *testing.T) {
	for _, tc := range []struct {
		name    string
		has     []ssda903.TableName
		missing []ssda903.TableName
		reason  string
	}{
		{"no episodes", []ssda903.TableName{ssda903.Header, ssda903.OC3}, []ssda903.TableName{ssda903.Episodes},
			"needs the Episodes table, which the return lacks"},
		{"no header", []ssda903.TableName{ssda903.Episodes}, []ssda903.TableName{ssda903.Header},
			"needs the Header table, which the return lacks"},
		{"neither", nil, []ssda903.TableName{ssda903.Header, ssda903.Episodes},
			"needs the Header table and the Episodes table, which the return lacks"},
		{"both", []ssda903.TableName{ssda903.Header, ssda903.Episodes}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ssda903.NewReturn(2026, "E06000999")
			for _, name := range tc.has {
				r.Ensure(name)
			}
			if h := r.Table(ssda903.Header); h != nil {
				h.Add("101")
			}
			rep := Validate(NewInput(r, nil, nil))
			if !slices.Equal(rep.Missing, tc.missing) {
				t.Errorf("missing %v, want %v", rep.Missing, tc.missing)
			}
			if tc.reason == "" {
				if len(rep.Ran) == 0 {
					t.Errorf("no rule ran with both tables")
				}
				return
			}
			if len(rep.Ran) != 0 || len(rep.Failures) != 0 || len(rep.Skipped) != len(Rules().For(2026)) {
				t.Errorf("ran %d, failed %d, skipped %d of %d", len(rep.Ran), len(rep.Failures), len(rep.Skipped), len(Rules().For(2026)))
			}
			if rep.Skipped[0].Reason != tc.reason {
				t.Errorf("reason %q, want %q", rep.Skipped[0].Reason, tc.reason)
			}
			if rep.Summarise().Clean() {
				t.Errorf("a return without %v is clean", tc.missing)
			}
		})
	}
}

// TestEveryRuleIsInAFamily checks that each rule declared in the rule
// files (var ruleX = ...) is in exactly one family of the set, so that a
// rule is never declared and silently left out.
func TestEveryRuleIsInAFamily(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^var rule\w+ = `)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(declared.FindAll(src, -1))
	}
	all := Rules().All()
	seen := map[*Rule]bool{}
	for _, r := range all {
		if seen[r] {
			t.Errorf("rule %s is in two families", r.Code)
		}
		seen[r] = true
	}
	if n == 0 || n != len(all) {
		t.Errorf("%d rules declared, %d in the set's families", n, len(all))
	}
}
