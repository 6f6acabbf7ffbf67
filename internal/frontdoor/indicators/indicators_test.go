package indicators

import (
	"fmt"
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
)

func day(s string) calendar.Date {
	d, ok := calendar.ParseISODate(s)
	if !ok {
		panic("not a date: " + s)
	}
	return d
}

// closed and open make spans.
func closed(from, to string) frontdoor.Span { return frontdoor.Span{Start: day(from), End: day(to)} }
func open(from string) frontdoor.Span       { return frontdoor.Span{Start: day(from), Open: true} }

// ref makes a referral over span s, last seen in the census of year.
func ref(s frontdoor.Span, year calendar.Year) frontdoor.Referral {
	return frontdoor.Referral{Start: s.Start, End: s.End, Open: s.Open, Year: year}
}

// front is a hand-built front door for 2024/25 and 2025/26; the comments
// say what each child is for, and the wants below follow from them.
func front() *frontdoor.Set {
	child := func(id, dob string, refs ...frontdoor.Referral) *frontdoor.Child {
		c := &frontdoor.Child{ID: id, Referrals: refs}
		if dob != "" {
			c.DOB, c.HasDOB = day(dob), true
		}
		return c
	}
	// A: re-referred within 12 months; assessed in 45 working days; a
	// conference 10 working days after the enquiry; a second plan, open.
	a1 := ref(closed("2024-05-01", "2024-09-01"), 2025)
	a2 := ref(open("2025-04-10"), 2026)
	a2.Assessments = []frontdoor.Assessment{{Start: day("2025-04-10"), Authorised: day("2025-05-01"), Done: true}}
	a2.Section47s = []frontdoor.Section47{{Start: day("2025-06-02"), Conference: day("2025-06-16"), HeldICPC: true}}
	a2.Plans = []frontdoor.ProtectionPlan{{Span: open("2025-06-16"), Previous: "1", LatestCategory: "NEG"}}
	// B: no further action, closed the day it came.
	b := ref(closed("2025-06-02", "2025-06-02"), 2026)
	b.NFA = true
	// C: assessed late, on the 45th working day and on the 46th; a conference 21 working days after the enquiry; a
	// first plan that ended on 31 March, so is not open at it.
	c := ref(open("2025-05-01"), 2026)
	c.Assessments = []frontdoor.Assessment{{Start: day("2025-05-01"), Authorised: day("2025-09-01"), Done: true},
		{Start: day("2025-05-01"), Authorised: calendar.AddWorkingDays(day("2025-05-01"), 45), Done: true},
		{Start: day("2025-05-01"), Authorised: calendar.AddWorkingDays(day("2025-05-01"), 46), Done: true}}
	c.Section47s = []frontdoor.Section47{{Start: day("2025-06-02"), Conference: day("2025-07-01"), HeldICPC: true}}
	c.Plans = []frontdoor.ProtectionPlan{{Span: closed("2025-07-01", "2026-03-31"), Previous: "0", LatestCategory: "EMO"}}
	// D: unborn, so referred but not counted in need.
	d := ref(open("2026-01-05"), 2026)
	// E: open in 2024/25's census and missing from 2025/26's: not open
	// at 31 March 2026, nor its plan.
	e := ref(open("2023-01-01"), 2025)
	e.NotCarried, e.LeftCensored = true, true
	e.Plans = []frontdoor.ProtectionPlan{{Span: open("2023-02-01"), Previous: "0", LatestCategory: "NEG"}}
	// F: a plan of more than 2 years ended in the year, and a new one,
	// its previous plans not a number and its category blank.
	f := ref(open("2023-01-01"), 2026)
	f.LeftCensored = true
	f.Plans = []frontdoor.ProtectionPlan{
		{Span: closed("2023-02-01", "2025-12-01"), Previous: "0", LatestCategory: "PHY"},
		{Span: open("2025-12-01"), Previous: "x"},
	}
	return &frontdoor.Set{First: 2025, Last: 2026, Children: []*frontdoor.Child{
		child("A", "2015-01-01", a1, a2), child("B", "2012-01-01", b), child("C", "2010-01-01", c),
		child("D", "", d), child("E", "2008-01-01", e), child("F", "2011-01-01", f),
	}}
}

// care is the 903's journeys to 2026/27: A looked after throughout, B in
// care more than 12 months after its referral, C within 12 months, D on
// the day it was referred.
func care(last calendar.Year) *journey.Set {
	period := func(from string) journey.Period { return journey.Period{Start: day(from), Open: true} }
	return &journey.Set{First: 2026, Last: last, Children: []*journey.Child{
		{ID: "A", Periods: []journey.Period{period("2020-01-01")}},
		{ID: "B", Periods: []journey.Period{period("2026-07-01")}},
		{ID: "C", Periods: []journey.Period{period("2025-11-01")}},
		{ID: "D", Periods: []journey.Period{period("2026-01-05")}},
	}}
}

func TestCompute(t *testing.T) {
	pop := lac.MidYear{2025: 10_000}
	full := Input{Year: 2026, Front: front(), Care: care(2027), Population: pop}
	tests := []struct {
		id       string
		in       Input
		num, den int
		value    float64
		known    bool
		children []string
		leftOut  int
	}{
		{"cin_referrals", full, 4, 0, 4, true, []string{"A", "B", "C", "D"}, 0},
		{"cin_referral_rate_per_10k", full, 4, 10_000, 4, true, []string{"A", "B", "C", "D"}, 0},
		{"re_referrals_12m_share", full, 1, 4, 25, true, []string{"A"}, 0},
		{"assessments_45wd_share", full, 2, 4, 50, true, []string{"A", "C"}, 0},
		{"s47_enquiries", full, 2, 0, 2, true, []string{"A", "C"}, 0},
		{"s47_icpc_15wd_share", full, 1, 2, 50, true, []string{"A"}, 0},
		{"cin_end", full, 3, 0, 3, true, []string{"A", "C", "F"}, 0},
		{"cin_rate_per_10k", full, 3, 10_000, 3, true, []string{"A", "C", "F"}, 0},
		{"cp_plans_end", full, 2, 0, 2, true, []string{"A", "F"}, 0},
		{"cp_rate_per_10k", full, 2, 10_000, 2, true, []string{"A", "F"}, 0},
		{"cp_second_or_later_share", full, 1, 2, 50, true, []string{"A"}, 0},
		{"cp_ended_2y_plus_share", full, 1, 2, 50, true, []string{"F"}, 0},
		{"cp_by_category", full, 2, 0, 2, true, []string{"A", "F"}, 0},
		{"referral_to_care_12m", full, 2, 3, 100 * 2.0 / 3, true, []string{"C", "D"}, 0},
		// With 2025/26 the first census, the 12 months before B's, C's and
		// D's referrals reach before it; A's earlier referral is in it.
		{"re_referrals_12m_share", Input{Year: 2026, Front: firstFrom(front(), 2026)}, 1, 1, 100, true, []string{"A"}, 3},
		{"cin_referral_rate_per_10k", Input{Year: 2026, Front: front()}, 4, 0, 0, false, []string{"A", "B", "C", "D"}, 0},
		{"referral_to_care_12m", Input{Year: 2026, Front: front(), Care: care(2026)}, 0, 0, 0, false, nil, 0},
		{"referral_to_care_12m", Input{Year: 2026, Front: front()}, 0, 0, 0, false, nil, 0},
		{"cin_referrals", Input{Year: 2027, Front: front()}, 0, 0, 0, false, nil, 0},
		{"cin_end", Input{Year: 2024, Front: front()}, 0, 0, 0, false, nil, 0},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", i, tt.id), func(t *testing.T) {
			ind := ByID(tt.id)
			if ind == nil {
				t.Fatalf("no indicator %s", tt.id)
			}
			got := ind.Compute(tt.in).Value
			if got.Numerator != tt.num || got.Denominator != tt.den || got.Known != tt.known || got.LeftOut != tt.leftOut ||
				diff(got.Value, tt.value) > 1e-9 || !slices.Equal(got.Children, tt.children) {
				t.Errorf("got %d/%d = %v known %v left out %d %v; want %d/%d = %v known %v left out %d %v",
					got.Numerator, got.Denominator, got.Value, got.Known, got.LeftOut, got.Children,
					tt.num, tt.den, tt.value, tt.known, tt.leftOut, tt.children)
			}
		})
	}
}

func firstFrom(s *frontdoor.Set, y calendar.Year) *frontdoor.Set {
	s.First = y
	return s
}

func diff(a, b float64) float64 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestCategoriesAndNotes(t *testing.T) {
	f := ByID("cp_by_category").Compute(Input{Year: 2026, Front: front()})
	var got []string
	for _, g := range f.Groups {
		got = append(got, fmt.Sprintf("%s %d/%d", g.Name, g.Value.Numerator, g.Value.Denominator))
	}
	if want := []string{"NEG 1/2", "not recorded 1/2"}; !slices.Equal(got, want) {
		t.Errorf("cp_by_category groups %q; want %q", got, want)
	}
	notes := map[string]string{
		"cp_second_or_later_share": "1 left out: NumberOfPreviousCPP is not a number",
		"cin_rate_per_10k":         "no population estimate is loaded",
		"referral_to_care_12m":     "needs SSDA903 returns from 2025/26 to 2026/27: children referred late in the year have 12 months to come into care",
		"cin_referrals":            "",
	}
	for id, want := range notes {
		if got := ByID(id).Compute(Input{Year: 2026, Front: front()}).Note; got != want {
			t.Errorf("%s note %q; want %q", id, got, want)
		}
	}
	if got := ByID("cin_end").Compute(Input{Year: 2027, Front: front()}).Note; got != "no CIN census for 2026/27 is loaded" {
		t.Errorf("note for a year not loaded %q", got)
	}
}

func TestEveryIndicatorDefined(t *testing.T) {
	seen := map[string]bool{}
	for _, ind := range All() {
		if seen[ind.ID] || ind.Title == "" || ind.Definition == "" || ind.Unit == "" || ind.compute == nil {
			t.Errorf("%s: duplicate or incomplete", ind.ID)
		}
		seen[ind.ID] = true
	}
	if len(ComputeAll(Input{Year: 2026, Front: front()})) != len(All()) {
		t.Error("ComputeAll does not give one figure an indicator")
	}
}

func TestCell(t *testing.T) {
	in := Input{Year: 2026, Front: front(), Population: lac.MidYear{2025: 10_000}}
	tests := []struct {
		id          string
		exact, publ string
	}{
		{"cin_referrals", "4", "c"},               // 4 referrals
		{"cin_referral_rate_per_10k", "4.0", "c"}, // from 4
		{"re_referrals_12m_share", "25.0", "c"},   // 1 of 4
		{"referral_to_care_12m", "x", "x"},        // no 903
	}
	for _, tt := range tests {
		f := ByID(tt.id).Compute(in)
		if got := f.Cell(disclose.Exact).Text(); got != tt.exact {
			t.Errorf("%s exact %q; want %q", tt.id, got, tt.exact)
		}
		if got := f.Cell(disclose.Publishable).Text(); got != tt.publ {
			t.Errorf("%s publishable %q; want %q", tt.id, got, tt.publ)
		}
	}
}
