package validate

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

// A toy return for the tests: tables of rows, each row a map of fields.

const (
	needPostcodes = NeedLast << 1
	needLA        = NeedLast << 2
)

var toyNeeds = NeedNames{{"last", "last year's return"}, {"postcodes", "a postcode directory"}, {"la", "the local authority code"}}

type toyInput struct {
	this, last map[Table][]map[string]string // nil last: not given
	has        Need                          // needs beyond NeedLast it has
}

func (in *toyInput) Has(need Need) bool {
	have := in.has
	if in.last != nil {
		have |= NeedLast
	}
	return need&^have == 0
}

func (in *toyInput) HasTable(t Table, last bool) bool {
	tables := in.this
	if last {
		tables = in.last
	}
	_, ok := tables[t]
	return ok
}

func (in *toyInput) Child(ref Ref) (string, bool) { return in.Value(ref, "CHILD") }

func (in *toyInput) Value(ref Ref, field string) (string, bool) {
	tables := in.this
	if ref.Last {
		tables = in.last
	}
	rows := tables[ref.Table]
	if ref.Row >= len(rows) {
		return "", false
	}
	v, ok := rows[ref.Row][field]
	return v, ok
}

type toyContext struct {
	*toyInput
	*Recorder
}

type toyRule = Rule[*toyContext]

// blankAge fails every row of People whose AGE is blank, last row first,
// so that the engine's ordering shows.
var blankAge = &toyRule{Code: "101", Message: "Age is blank.", Tables: []Table{"People"}, Fields: []string{"AGE"},
	Check: func(c *toyContext) {
		rows := c.this["People"]
		for i := len(rows) - 1; i >= 0; i-- {
			if rows[i]["AGE"] == "" {
				c.Failf(Ref{Table: "People", Row: i}, []string{"AGE", "NOT_A_FIELD"}, "AGE is blank in row %d", i+1)
			}
		}
	}}

var toySet = NewSet(About{Return: "TOY", Years: []calendar.Year{2026}, Needs: toyNeeds},
	[]*toyRule{
		blankAge,
		{Code: "INT01", Message: "Village's own.", Origin: Village, Tables: []Table{"People"}, Check: func(c *toyContext) {
			c.Fail(Ref{Table: "People", Row: 0}, "always")
		}},
		{Code: "102", Message: "Needs last year.", Tables: []Table{"People", "Places"}, Needs: NeedLast, Check: func(*toyContext) {}},
		{Code: "103", Message: "Needs postcodes and LA.", Tables: []Table{"People"}, Needs: needPostcodes | needLA,
			Check: func(*toyContext) {}},
		{Code: "104", Message: "Panics.", Tables: []Table{"People"}, Check: func(*toyContext) { panic("boom") }},
		{Code: "105", Message: "Old.", Tables: []Table{"People"}, Until: 2025, Check: func(*toyContext) {}},
	},
	[]*toyRule{{Code: "99", Message: "Not in 2026.", From: 2027, Tables: []Table{"People"}, Check: func(*toyContext) {}}},
)

func runToy(in *toyInput) *Report {
	return toySet.Run(in, 2026, toySet.For(2026), func(r *Recorder) *toyContext { return &toyContext{in, r} })
}

func codes(infos []*Info) string {
	var out []string
	for _, i := range infos {
		out = append(out, i.Code)
	}
	return strings.Join(out, " ")
}

func TestSetChoosesAYearsRulesInCodeOrder(t *testing.T) {
	for _, c := range []struct {
		year calendar.Year
		want string
	}{{2025, "101 102 103 104 105 INT01"}, {2026, "101 102 103 104 INT01"}, {2027, "99 101 102 103 104 INT01"}} {
		if got := codes(toySet.Rules(c.year)); got != c.want {
			t.Errorf("%s: rules %s, want %s", c.year, got, c.want)
		}
	}
	if toySet.Find("int01", 2026) == nil || toySet.Rule("105", 2026) != nil {
		t.Error("Find matches codes regardless of case, only among the year's rules")
	}
	if toySet.Rule("101", 2026) != toySet.Rule("101", 2027) {
		t.Error("a rule's Info is the same value every time it is asked for")
	}
	if !toySet.Complete(2026) || toySet.Complete(2027) || !reflect.DeepEqual(toySet.Years(), []calendar.Year{2026}) {
		t.Errorf("years %v", toySet.Years())
	}
}

func TestRunSkipsWithTheReasonAndFailsInRowOrder(t *testing.T) {
	people := []map[string]string{{"CHILD": "A", "AGE": ""}, {"CHILD": "B", "AGE": "7"}, {"CHILD": "", "AGE": ""}}
	for _, c := range []struct {
		name       string
		in         *toyInput
		ran        string
		skipReason map[string]string
	}{
		{"without last year", &toyInput{this: map[Table][]map[string]string{"People": people}}, "101 INT01",
			map[string]string{"102": "needs last year's return, the Places table", "103": "needs a postcode directory, the local authority code",
				"104": "the rule could not run: boom"}},
		{"with last year lacking a table", &toyInput{this: map[Table][]map[string]string{"People": people, "Places": nil},
			last: map[Table][]map[string]string{"People": nil}, has: needPostcodes | needLA}, "101 103 INT01",
			map[string]string{"102": "needs the Places table in last year's return", "104": "the rule could not run: boom"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := runToy(c.in)
			if got := codes(rep.Ran); got != c.ran {
				t.Errorf("ran %s, want %s", got, c.ran)
			}
			got := map[string]string{}
			for _, s := range rep.Skipped {
				got[s.Rule.Code] = s.Reason
			}
			if !reflect.DeepEqual(got, c.skipReason) {
				t.Errorf("skipped %v, want %v", got, c.skipReason)
			}
			var rows []string
			for _, f := range rep.Failures {
				rows = append(rows, fmt.Sprintf("%s %s %d %q %v", f.Rule.Code, f.Table, f.Row, f.Child, f.Fields))
			}
			want := []string{`101 People 1 "A" [{AGE }]`, `101 People 3 "" [{AGE }]`, `INT01 People 1 "A" []`}
			if !reflect.DeepEqual(rows, want) {
				t.Errorf("failures\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestSummaryCounts(t *testing.T) {
	people := []map[string]string{{"CHILD": "A", "AGE": ""}, {"CHILD": "B", "AGE": "7"}, {"CHILD": "", "AGE": ""}}
	rep := runToy(&toyInput{this: map[Table][]map[string]string{"People": people}})
	s := rep.Summarise()
	if s.Failures != 3 || s.DfEFailures != 2 || s.Children != 1 {
		t.Errorf("failures %d, DfE %d, children %d; want 3, 2, 1 (a blank CHILD is no child)", s.Failures, s.DfEFailures, s.Children)
	}
	var byRule []string
	for _, r := range s.ByRule {
		byRule = append(byRule, fmt.Sprintf("%s:%d/%d", r.Rule.Code, r.Failures, r.Children))
	}
	if got := strings.Join(byRule, " "); got != "101:2/1 INT01:1/1" {
		t.Errorf("by rule %s", got)
	}
	if len(s.ByTable) != 1 || s.ByTable[0] != (TableCount{Table: "People", Failures: 3}) {
		t.Errorf("by table %+v", s.ByTable)
	}
	if len(s.ByChild) != 2 || s.ByChild[0].Child != "A" || s.ByChild[0].Failures != 2 ||
		strings.Join(s.ByChild[0].Rules, " ") != "101 INT01" {
		t.Errorf("by child %+v", s.ByChild)
	}
	want := []SkipReason{{"needs a postcode directory, the local authority code", []string{"103"}},
		{"needs last year's return, the Places table", []string{"102"}}, {"the rule could not run: boom", []string{"104"}}}
	if !reflect.DeepEqual(s.SkipReasons, want) {
		t.Errorf("skip reasons %+v", s.SkipReasons)
	}
}

func TestInRuleOrder(t *testing.T) {
	a, b, c := &Info{Code: "INT01"}, &Info{Code: "503A"}, &Info{Code: "101"}
	s := Summarise([]Failure{{Rule: a}, {Rule: b}, {Rule: b}, {Rule: c}, {Rule: c}, {Rule: c}})
	var most, ordered []string
	for _, r := range s.ByRule {
		most = append(most, r.Rule.Code)
	}
	for _, r := range s.InRuleOrder() {
		ordered = append(ordered, r.Rule.Code)
	}
	if strings.Join(most, " ") != "101 503A INT01" || strings.Join(ordered, " ") != "101 503A INT01" {
		t.Errorf("most failures first %v, in rule order %v", most, ordered)
	}
	s = Summarise([]Failure{{Rule: a}, {Rule: a}, {Rule: c}})
	if s.ByRule[0].Rule != a || s.InRuleOrder()[0].Rule != c {
		t.Errorf("most failures first puts INT01 first; rule order puts 101 first")
	}
}

func TestNeedNames(t *testing.T) {
	info := toySet.Rule("103", 2026)
	if info.NeedsText() != "a postcode directory, the local authority code" ||
		strings.Join(info.NeedKeys(), ",") != "postcodes,la" || info.UsesText() != "" {
		t.Errorf("needs %q, keys %v", info.NeedsText(), info.NeedKeys())
	}
}

// locatedInput is a toyInput whose rows came from a file, a header on
// line 1 and a blank line before the third row.
type locatedInput struct{ *toyInput }

func (in locatedInput) Locate(ref Ref) (string, int) {
	lines := []int{2, 3, 5}
	return "people.csv", lines[ref.Row]
}

func TestFailuresSayWhereAndShowTheRulesFields(t *testing.T) {
	rule := &toyRule{Code: "101", Message: "Age is blank.", Tables: []Table{"People"}, Fields: []string{"AGE", "CHILD", "ELSEWHERE"},
		Check: func(c *toyContext) { c.Fail(Ref{Table: "People", Row: 2}, "AGE is blank") }}
	set := NewSet(About{Return: "TOY", Years: []calendar.Year{2026}, Needs: toyNeeds}, []*toyRule{rule})
	toy := &toyInput{this: map[Table][]map[string]string{"People": {{"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "C", "AGE": ""}}}}
	for _, c := range []struct {
		name string
		in   Input
		want string
	}{
		{"located", locatedInput{toy}, `people.csv:5 row 3 [{AGE } {CHILD C}]`},
		{"not located", toy, `:0 row 3 [{AGE } {CHILD C}]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := set.Run(c.in, 2026, set.For(2026), func(r *Recorder) *toyContext { return &toyContext{toy, r} })
			if len(rep.Failures) != 1 {
				t.Fatalf("failures %+v", rep.Failures)
			}
			f := rep.Failures[0]
			if got := fmt.Sprintf("%s:%d row %d %v", f.File, f.Line, f.Row, f.Fields); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestARequiredTableMissingRunsNoRule(t *testing.T) {
	set := NewSet(About{Return: "TOY", Years: []calendar.Year{2026}, Needs: toyNeeds, Required: []Table{"People"}}, []*toyRule{blankAge})
	in := &toyInput{this: map[Table][]map[string]string{"Places": nil}}
	rep := set.Run(in, 2026, set.For(2026), func(r *Recorder) *toyContext { return &toyContext{in, r} })
	if !reflect.DeepEqual(rep.Missing, []Table{"People"}) || len(rep.Ran) != 0 || len(rep.Skipped) != 1 ||
		rep.Skipped[0].Reason != "needs the People table, which the return lacks" || rep.Summarise().Clean() {
		t.Errorf("missing %v, ran %d, skipped %+v", rep.Missing, len(rep.Ran), rep.Skipped)
	}
}

func TestAppendSortedOrdersByTableAndRowKeepingEachRowsOrder(t *testing.T) {
	for _, c := range []struct {
		name  string
		rows  []int // the rows reported, in order
		table func(i int) Table
	}{
		{"in order", []int{1, 1, 2, 5, 5, 9}, func(int) Table { return "People" }},
		{"out of order across chunks", func() []int {
			var rows []int
			for i := range 100 { // several chunks, each row reported twice
				rows = append(rows, (i*37)%50)
			}
			return rows
		}(), func(int) Table { return "People" }},
		{"two tables interleaved", []int{3, 1, 2, 1, 3, 2}, func(i int) Table { return []Table{"Places", "People"}[i%2] }},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &Recorder{}
			var given []Failure
			for i, row := range c.rows {
				f := Failure{Table: c.table(i), Row: row, Explanation: fmt.Sprint("reported ", i)}
				rec.add(f)
				given = append(given, f)
			}
			want := append([]Failure{{Table: "Earlier"}}, given...)
			slices.SortStableFunc(want[1:], func(a, b Failure) int {
				return cmp.Or(cmp.Compare(a.Table, b.Table), cmp.Compare(a.Row, b.Row))
			})
			got := rec.appendSorted([]Failure{{Table: "Earlier"}})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("failures\n%v\nwant\n%v", got, want)
			}
		})
	}
}
