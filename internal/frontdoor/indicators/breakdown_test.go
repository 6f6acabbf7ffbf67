package indicators

import (
	"maps"
	"slices"
	"testing"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
)

// breakdownFront is front() with sources, sexes and disabilities: in
// 2025/26 A (11 on 31 March, male, not disabled), C (16, female,
// disabled) and F (15, nothing recorded) are in need at 31 March; A and
// F are on plans; A, B, C and D were referred, D with no source.
func breakdownFront() *frontdoor.Set {
	s := front()
	set := func(id, sex string, disabilities []string, sources ...string) {
		c := s.Child(id)
		c.Sex, c.Disabilities = sex, disabilities
		for i, src := range sources {
			c.Referrals[len(c.Referrals)-len(sources)+i].Source = src
		}
	}
	set("A", "M", []string{"NONE"}, "1A")
	set("B", "F", nil, "1A")
	set("C", "2", []string{"HAND", "NONE"}, "3E")
	set("F", "", nil)
	return s
}

func TestBreakdowns(t *testing.T) {
	in := Input{Year: 2026, Front: breakdownFront()}
	for _, c := range []struct {
		id, by string
		want   map[string]int // each group's count; every group of the table
	}{
		{"cin_referrals", BySource, map[string]int{"1A": 2, "3E": 1, notRecorded: 1}},
		{"cin_end", ByAge, map[string]int{"under 1": 0, "1 to 4": 0, "5 to 9": 0, "10 to 15": 2, "16 and over": 1}},
		{"cin_end", BySex, map[string]int{"male": 1, "female": 1, notRecorded: 1}},
		{"cin_end", ByDisability, map[string]int{"not disabled": 1, "disabled": 1, notRecorded: 1}},
		{"cp_plans_end", ByAge, map[string]int{"under 1": 0, "1 to 4": 0, "5 to 9": 0, "10 to 15": 2, "16 and over": 0}},
		{"cp_plans_end", BySex, map[string]int{"male": 1, notRecorded: 1}},
		{"cp_by_category", ByCategory, map[string]int{"NEG": 1, notRecorded: 1}},
	} {
		ind := ByID(c.id)
		f := ind.Compute(in)
		var found *Breakdown
		for _, b := range ind.Breakdowns(in, f) {
			if b.By == c.by {
				found = &b
			}
		}
		if found == nil {
			t.Errorf("%s: no breakdown by %s", c.id, c.by)
			continue
		}
		got := map[string]int{}
		sum := 0
		for _, g := range found.Groups {
			got[g.Name] = g.Value.Numerator
			sum += g.Value.Numerator
			if g.Value.Denominator != f.Value.Numerator {
				t.Errorf("%s by %s, %s: of %d, want of the figure's %d", c.id, c.by, g.Name, g.Value.Denominator, f.Value.Numerator)
			}
		}
		if !maps.Equal(got, c.want) || sum != f.Value.Numerator {
			t.Errorf("%s by %s: %v (sum %d), want %v (sum %d)", c.id, c.by, got, sum, c.want, f.Value.Numerator)
		}
	}
	if got := ByID("s47_enquiries").Breakdowns(in, ByID("s47_enquiries").Compute(in)); got != nil {
		t.Errorf("s47_enquiries has breakdowns %v; the DfE publishes none", got)
	}
	if got := ByID("cin_end").Breakdowns(Input{Year: 2030, Front: in.Front}, Figure{}); got != nil {
		t.Errorf("a year not loaded has breakdowns %v", got)
	}
}

func TestAgeBand(t *testing.T) {
	end := day("2026-03-31")
	for _, c := range []struct {
		dob   string
		known bool
		want  string
	}{
		{"2025-04-01", true, "under 1"},
		{"2025-03-31", true, "1 to 4"},
		{"2021-04-01", true, "1 to 4"},
		{"2016-03-31", true, "10 to 15"},
		{"2010-04-01", true, "10 to 15"},
		{"2010-03-31", true, "16 and over"},
		{"2026-04-01", true, unbornBand},
		{"2020-01-01", false, unbornBand},
	} {
		if got := ageBand(day(c.dob), c.known, end); got != c.want {
			t.Errorf("born %s (known %v): %q, want %q", c.dob, c.known, got, c.want)
		}
	}
}

// TestBreakdownCells checks that a publishable breakdown shows no count
// of 1 to 5 and none that the total and the other groups give away, and
// that categories of abuse are not published at all.
func TestBreakdownCells(t *testing.T) {
	group := func(name string, n, total int) Group {
		return Group{Name: name, Value: lac.Value{Numerator: n, Denominator: total, Known: true}}
	}
	for _, c := range []struct {
		name  string
		b     Breakdown
		exact []string
		pub   []string
	}{
		{"one small group", Breakdown{By: BySex, Groups: []Group{group("female", 20, 43), group("male", 20, 43), group(notRecorded, 3, 43)}},
			[]string{"20", "20", "3"}, []string{"c", "20", "c"}},
		{"no small group", Breakdown{By: BySource, Groups: []Group{group("1A", 30, 50), group("3E", 20, 50)}},
			[]string{"30", "20"}, []string{"30", "20"}},
		{"zero and small", Breakdown{By: ByAge, Groups: []Group{group("under 1", 0, 34), group("1 to 4", 4, 34), group("5 to 9", 30, 34)}},
			[]string{"0", "4", "30"}, []string{"0", "c", "c"}},
		{"category", Breakdown{By: ByCategory, Groups: []Group{group("NEG", 30, 50), group("EMO", 20, 50)}},
			[]string{"30", "20"}, []string{"c", "c"}},
	} {
		for _, mode := range []struct {
			policy disclose.Policy
			want   []string
		}{{disclose.Exact, c.exact}, {disclose.Publishable, c.pub}} {
			var got []string
			for _, cell := range c.b.Cells(mode.policy) {
				got = append(got, cell.Text())
			}
			if !slices.Equal(got, mode.want) {
				t.Errorf("%s, %s: %v, want %v", c.name, mode.policy, got, mode.want)
			}
		}
	}
	if (Breakdown{By: ByCategory}).Published(disclose.Publishable) || !(Breakdown{By: ByCategory}).Published(disclose.Exact) {
		t.Error("categories are published in publishable mode, or not for analysts")
	}
}

// TestParts checks that every indicator says what its numerator counts,
// and that shares and rates, and only they, have a denominator.
func TestParts(t *testing.T) {
	for _, ind := range All() {
		ratio := ind.Unit == lac.Percent || ind.Unit == lac.Per10k
		if ind.Numerator() == "" || (ind.Denominator() != "") != ratio {
			t.Errorf("%s (%s): numerator %q, denominator %q", ind.ID, ind.Unit, ind.Numerator(), ind.Denominator())
		}
	}
}
