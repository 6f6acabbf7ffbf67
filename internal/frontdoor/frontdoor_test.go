package frontdoor

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// rows are a census's rows by table, each in its schema's column order;
// missing trailing values are blank.
type rows map[returns.TableName][][]string

// census makes a CIN census for year y from rows (the reader is written
// elsewhere), each row on its own line from 2.
func census(y calendar.Year, tables rows) *returns.Return {
	r := returns.NewReturn(cin.Collection, y, "E06000999")
	line := 2
	for _, s := range cin.Schemas {
		for _, values := range tables[s.Name] {
			t := r.Ensure(s.Name)
			t.Add(values...)
			t.Rows[len(t.Rows)-1].Line = line
			line++
		}
	}
	return r
}

func day(s string) calendar.Date {
	d, ok := calendar.ParseISODate(s)
	if !ok {
		panic("not a date: " + s)
	}
	return d
}

// referral is the CINdetails row of child C1's referral n made on start,
// closed on end (blank for open).
func referral(n, start, end string) []string {
	reason := ""
	if end != "" {
		reason = "RC1"
	}
	return []string{"C1", n, start, "1A", "N1", end, reason, "", "0"}
}

func TestBuild(t *testing.T) {
	open2025 := rows{cin.CINdetails: {referral("1", "2024-06-01", "")}}
	tests := []struct {
		name     string
		censuses []*returns.Return
		want     []Referral // C1's, without their parts unless given
		counts   Counts
		censored bool
	}{
		{
			name: "a referral carried into the next census and closed there: the later wins",
			censuses: []*returns.Return{census(2025, open2025),
				census(2026, rows{cin.CINdetails: {referral("1", "2024-06-01", "2025-05-01")}})},
			want: []Referral{{Start: day("2024-06-01"), End: day("2025-05-01"), Source: "1A", Need: "N1", ClosureReason: "RC1",
				Year: 2026, Line: 2, Years: []calendar.Year{2025, 2026}}},
			counts: Counts{Amended: 1},
		},
		{
			name:     "the same referral twice, the censuses given newest first",
			censuses: []*returns.Return{census(2026, open2025), census(2025, open2025)},
			want: []Referral{{Start: day("2024-06-01"), Open: true, Source: "1A", Need: "N1",
				Year: 2026, Line: 2, Years: []calendar.Year{2025, 2026}}},
			counts: Counts{Repeated: 1},
		},
		{
			name:     "open in 2024/25 and missing from 2025/26: not carried, kept open",
			censuses: []*returns.Return{census(2025, open2025), census(2026, rows{cin.ChildIdentifiers: {{"C1"}}})},
			want: []Referral{{Start: day("2024-06-01"), Open: true, Source: "1A", Need: "N1",
				Year: 2025, Line: 2, Years: []calendar.Year{2025}, NotCarried: true}},
			counts: Counts{NotCarried: 1},
		},
		{
			name:     "open at the first census's start: left censored",
			censuses: []*returns.Return{census(2025, rows{cin.CINdetails: {referral("1", "2024-03-31", "2024-04-20")}})},
			want: []Referral{{Start: day("2024-03-31"), End: day("2024-04-20"), Source: "1A", Need: "N1", ClosureReason: "RC1",
				Year: 2025, Line: 2, Years: []calendar.Year{2025}, LeftCensored: true}},
			censored: true,
		},
		{
			name: "two rows of one census for one referral, a bad date and no child",
			censuses: []*returns.Return{census(2025, rows{cin.CINdetails: {
				referral("1", "2024-06-01", ""), referral("2", "2024-06-01", "2024-07-01"), referral("3", "01/08/2024", ""),
				{"", "1", "2024-06-01"}}})},
			want: []Referral{{Start: day("2024-06-01"), End: day("2024-07-01"), Source: "1A", Need: "N1", ClosureReason: "RC1",
				Year: 2025, Line: 3, Years: []calendar.Year{2025}}},
			counts: Counts{ConflictsInYear: 1, Unusable: 2},
		},
		{
			name: "a referral's parts, and a second referral's",
			censuses: []*returns.Return{census(2025, rows{
				cin.CINdetails:            {referral("1", "2024-05-01", "2024-09-01"), referral("2", "2024-10-01", "")},
				cin.Assessments:           {{"C1", "1", "1", "2024-05-02", "", "2024-05-30"}, {"C1", "2", "1", " 2024-10-02 ", "", ""}},
				cin.AssessmentFactorsList: {{"C1", "1", "1", "2A"}, {"C1", "1", "1", "3B"}, {"C1", "2", "9", "4C"}},
				cin.CINplanDates:          {{"C1", "1", "2024-06-01", "2024-09-01"}},
				cin.Section47:             {{"C1", "2", "2024-10-03", "2024-10-20", "2024-10-18", ""}, {"C1", "2", "2024-12-01", "", "", "1"}},
				cin.ChildProtectionPlans:  {{"C1", "2", "1", "2024-10-18", "", "PHY", "NEG", "0"}},
				cin.Reviews:               {{"C1", "2", "1", "2025-01-10"}, {"C1", "2", "2", "2025-02-10"}},
			})},
			want: []Referral{
				{Start: day("2024-05-01"), End: day("2024-09-01"), Source: "1A", Need: "N1", ClosureReason: "RC1",
					Year: 2025, Line: 2, Years: []calendar.Year{2025},
					Assessments: []Assessment{{Start: day("2024-05-02"), Authorised: day("2024-05-30"), Done: true, Factors: []string{"2A", "3B"}}},
					CINPlans:    []Span{{Start: day("2024-06-01"), End: day("2024-09-01")}}},
				{Start: day("2024-10-01"), Open: true, Source: "1A", Need: "N1", Year: 2025, Line: 3, Years: []calendar.Year{2025},
					Assessments: []Assessment{{Start: day("2024-10-02")}},
					Section47s: []Section47{{Start: day("2024-10-03"), Conference: day("2024-10-18"), HeldICPC: true},
						{Start: day("2024-12-01"), NotRequired: true}},
					Plans: []ProtectionPlan{{Span: Span{Start: day("2024-10-18"), Open: true}, InitialCategory: "PHY", LatestCategory: "NEG",
						Previous: "0", Reviews: []calendar.Date{day("2025-01-10")}}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Build(tt.censuses)
			c := s.Child("C1")
			if c == nil {
				t.Fatalf("no child C1 in %d children", len(s.Children))
			}
			if !reflect.DeepEqual(c.Referrals, tt.want) {
				t.Errorf("referrals\n%+v\nwant\n%+v", c.Referrals, tt.want)
			}
			if s.Counts != tt.counts {
				t.Errorf("counts %+v; want %+v", s.Counts, tt.counts)
			}
			if c.LeftCensored != tt.censored {
				t.Errorf("LeftCensored %v; want %v", c.LeftCensored, tt.censored)
			}
		})
	}
}

func TestBuildChildren(t *testing.T) {
	s := Build([]*returns.Return{
		census(2025, rows{cin.ChildIdentifiers: {{"C2", "", "", "", "2015-02-01", "", "2"}, {"C1", "", "", "", "2014-01-01"}},
			cin.Disabilities: {{"C1", "HAND"}, {"C2", "NONE"}, {"C2", " "}}}),
		census(2026, rows{cin.ChildIdentifiers: {{"C2", "", "", "", "not a date", "", "", "F"}},
			cin.Disabilities: {{"C2", "VIS"}, {"C2", "HEAR"}}}),
		nil,
	})
	if s.First != 2025 || s.Last != 2026 || len(s.Children) != 2 || s.Children[0].ID != "C1" {
		t.Fatalf("set %+v; want C1 and C2, 2024/25 to 2025/26", s)
	}
	c2 := s.Child("C2")
	if !c2.HasDOB || c2.DOB != day("2015-02-01") || c2.Sex != "F" {
		t.Errorf("C2 %+v; want the 2025 DOB kept and the 2026 sex", c2)
	}
	// The latest census that lists a child's disabilities replaces the
	// earlier list; one that lists none leaves it.
	if got := c2.Disabilities; !slices.Equal(got, []string{"VIS", "HEAR"}) {
		t.Errorf("C2's disabilities %q; want the 2026 census's", got)
	}
	if got := s.Child("C1").Disabilities; !slices.Equal(got, []string{"HAND"}) {
		t.Errorf("C1's disabilities %q; want the 2025 census's", got)
	}
	if s.Child("C3") != nil || (*Set)(nil).Child("C1") != nil || len(Build(nil).Children) != 0 {
		t.Error("a child not in the censuses was found")
	}
}

// care is a journey through care for child C1: periods from start to end
// (end blank for open).
func care(dob string, periods ...[2]string) *journey.Child {
	c := &journey.Child{ID: "C1"}
	if dob != "" {
		c.DOB, c.HasDOB = day(dob), true
	}
	for _, p := range periods {
		period := journey.Period{Start: day(p[0]), Open: p[1] == ""}
		if !period.Open {
			period.End, period.EndReason = day(p[1]), "E11"
		}
		c.Periods = append(c.Periods, period)
	}
	return c
}

func TestJoin(t *testing.T) {
	front := Build([]*returns.Return{census(2025, rows{
		cin.ChildIdentifiers:     {{"C1", "", "", "", "2014-01-01"}},
		cin.CINdetails:           {referral("1", "2024-05-01", "2024-09-01"), referral("2", "2024-10-01", "")},
		cin.Section47:            {{"C1", "2", "2024-10-03", "2024-10-20", "2024-10-18", ""}},
		cin.ChildProtectionPlans: {{"C1", "2", "1", "2024-10-18", "2025-01-20", "PHY", "NEG", "0"}},
	})}).Child("C1")
	tests := []struct {
		name     string
		front    *Child
		care     *journey.Child
		entries  []Entry
		mismatch bool
		steps    string
	}{
		{
			name: "referral, enquiry, plan, then care", front: front, care: care("2014-01-01", [2]string{"2025-01-20", ""}),
			entries: []Entry{{Period: 0, Referral: 1, Days: 111, Open: true}},
			steps: "01/05/2024 referral 1, source 1A, primary need N1\n01/09/2024 referral 1 closed, reason RC1\n" +
				"01/10/2024 referral 2, source 1A, primary need N1\n03/10/2024 section 47 enquiry began\n" +
				"18/10/2024 initial child protection conference, 15 days after the enquiry began\n" +
				"18/10/2024 child protection plan began, category PHY\n20/01/2025 child protection plan ended, latest category NEG\n" +
				"20/01/2025 looked after: period of care 1 began\n",
		},
		{
			name: "care before any referral, and after a closed one", front: front,
			care:    care("2014-01-01", [2]string{"2024-04-10", "2024-04-20"}, [2]string{"2024-09-10", "2024-09-20"}),
			entries: []Entry{{Period: 0, Referral: -1}, {Period: 1, Referral: 0, Days: 132}},
		},
		{
			name: "the returns disagree on the date of birth", front: front, care: care("2013-01-01", [2]string{"2025-01-20", ""}),
			entries: []Entry{{Period: 0, Referral: 1, Days: 111, Open: true}}, mismatch: true,
		},
		{name: "in the census only", front: front, steps: "-"},
		{name: "in care only", care: care("", [2]string{"2025-01-20", ""}), entries: []Entry{{Period: 0, Referral: -1}},
			steps: "20/01/2025 looked after: period of care 1 began\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := Join("C1", tt.front, tt.care)
			if !slices.Equal(j.Entries, tt.entries) {
				t.Errorf("entries %+v; want %+v", j.Entries, tt.entries)
			}
			if (j.Mismatch != "") != tt.mismatch {
				t.Errorf("mismatch %q; want one: %v", j.Mismatch, tt.mismatch)
			}
			var b strings.Builder
			for _, s := range j.Steps {
				fmt.Fprintf(&b, "%s %s\n", s.Date, s.What)
			}
			if tt.steps != "" && tt.steps != "-" && b.String() != tt.steps {
				t.Errorf("steps\n%s\nwant\n%s", b.String(), tt.steps)
			}
			if tt.steps == "-" && len(j.Steps) == 0 {
				t.Error("no steps for a child with referrals")
			}
		})
	}
}
