package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// censored is a set whose returns start with 2024/25 (1 April 2024), the
// 2024/25 return empty, every episode in the 2025/26 one:
//
//	CA  entered 01/06/2023, before the first return; placed for adoption
//	    (A5) 01/01/2025, adopted 01/10/2025: left out.
//	CB  entered 01/05/2024; placed for adoption 01/02/2025 (276 days on);
//	    adopted 01/11/2025, 549 days after entering care.
//	CC  entered 01/04/2024, the first return's first day: care may have
//	    begun before; adopted 01/03/2026 from A6: left out.
//	LA  born 2015, looked after since 01/06/2023 with one carer: in the
//	    long-term cohort (since before 30/09/2023) and stable (with the
//	    carer since before 31/03/2024), whenever care began.
//	LB  born 2015, looked after since 01/02/2024 with one carer: whether
//	    care began 30 months before 31/03/2026 is not known: left out.
//	LC  born 2015, looked after since 01/01/2023, new carer 01/06/2024: in
//	    the cohort, not stable (the carer is known to be new since then).
func censored(t *testing.T) *journey.Set {
	return mustBuild(t, ret(2025), ret(2026,
		header("CA", "1", "01/01/2020"),
		ep("CA", "01/06/2023", "01/01/2025", "S", "C2", "U4/a", "X1"),
		ep("CA", "01/01/2025", "01/10/2025", "P", "E1", "A5/b", "E11"),
		header("CB", "1", "01/01/2020"),
		ep("CB", "01/05/2024", "01/02/2025", "S", "C2", "U4/a", "X1"),
		ep("CB", "01/02/2025", "01/11/2025", "P", "E1", "A5/b", "E11"),
		header("CC", "2", "01/01/2020"),
		ep("CC", "01/04/2024", "01/06/2025", "S", "C2", "U4/a", "X1"),
		ep("CC", "01/06/2025", "01/03/2026", "P", "E1", "A6/b", "E12"),
		header("LA", "1", "01/01/2015"),
		ep("LA", "01/06/2023", "", "S", "C2", "U4/a", ""),
		header("LB", "1", "01/01/2015"),
		ep("LB", "01/02/2024", "", "S", "C2", "U4/a", ""),
		header("LC", "1", "01/01/2015"),
		ep("LC", "01/01/2023", "01/06/2024", "S", "C2", "U4/a", "X1"),
		ep("LC", "01/06/2024", "", "P", "C2", "U4/c", ""),
	))
}

// TestLeftCensoring checks that durations measured from the start of care
// leave out children whose care began before the first return, and say
// how many.
func TestLeftCensoring(t *testing.T) {
	set := censored(t)
	year := calendar.Year(2026).Period()
	tests := []struct {
		id      string
		want    want
		leftOut int
		note    string
	}{
		// Only CB: 549 days; CA and CC left out.
		{"days_to_adoption_median", want{1, 0, 549, true, "CB"}, 2,
			"2 children left out: their care began before the first return (incomplete)"},
		{"days_to_adoption_mean", want{1, 0, 549, true, "CB"}, 2,
			"2 children left out: their care began before the first return (incomplete)"},
		// CB: 01/05/2024 to 01/02/2025.
		{"adoption_a1_days", want{1, 0, 276, true, "CB"}, 2,
			"2 children left out: their care began before the first return (incomplete)"},
		{"adoption_a10_days", want{1, 0, 276, true, "CB"}, 2,
			"2 children left out: their care began before the first return (incomplete)"},
		// LA stable of LA and LC; LB left out.
		{"long_term_stability", want{1, 2, 50, true, "LA"}, 1,
			"1 child left out: their care began before the first return (incomplete)"},
		// Counts do not depend on the start of care.
		{"ceased_adopted", want{3, 3, 100, true, "CA CB CC"}, 0, ""},
	}
	for _, tt := range tests {
		got := Find(tt.id).Compute(set, year, nil)
		check(t, tt.id, got, tt.want)
		if got.LeftOut != tt.leftOut || got.Note(disclose.Exact) != tt.note {
			t.Errorf("%s: LeftOut %d, Note %q; want %d, %q", tt.id, got.LeftOut, got.Note(disclose.Exact), tt.leftOut, tt.note)
		}
		// Published, a small number left out is suppressed too.
		if want := strings.Replace(strings.Replace(tt.note, "2 children", "c children", 1), "1 child", "c children", 1); got.Note(disclose.Publishable) != want {
			t.Errorf("%s: published note %q, want %q", tt.id, got.Note(disclose.Publishable), want)
		}
	}
}

// TestIncomplete checks where a figure leaving children out is marked
// incomplete: 5% or more of those it is about.
func TestIncomplete(t *testing.T) {
	tests := []struct {
		counted, of, leftOut int
		want                 bool
	}{
		{100, 0, 0, false},
		{96, 0, 4, false}, // 4%
		{95, 0, 5, true},  // 5%
		{0, 0, 3, true},
		{10, 96, 4, false}, // a share: 4 of the 100 it would be of
		{10, 95, 5, true},
	}
	for _, tt := range tests {
		v := Value{Numerator: tt.counted, Denominator: tt.of, LeftOut: tt.leftOut}
		if got := v.Incomplete(); got != tt.want {
			t.Errorf("%d counted, %d left out: Incomplete() = %v, want %v", tt.counted, tt.leftOut, got, tt.want)
		}
	}
}

// TestAgeOnTheDay checks that breakdowns by age read the age on starting
// for starts, on ceasing for ceases and at the period's end for stocks,
// in 2025/26:
//
//	AS  born 01/06/2007, started 01/05/2025 aged 17, 18 at 31/03/2026.
//	AC  born 01/01/2010, looked after from 01/05/2024, ceased 01/12/2025
//	    aged 15, 16 at 31/03/2026.
//	AE  born 01/02/2010, looked after from 01/05/2024, 16 at 31/03/2026.
func TestAgeOnTheDay(t *testing.T) {
	set := mustBuild(t, ret(2025), ret(2026,
		header("AS", "1", "01/06/2007"),
		ep("AS", "01/05/2025", "", "S", "V2", "U4/a", ""),
		header("AC", "2", "01/01/2010"),
		ep("AC", "01/05/2024", "01/12/2025", "S", "C2", "U4/a", "E4A"),
		header("AE", "2", "01/02/2010"),
		ep("AE", "01/05/2024", "", "S", "C2", "U4/a", ""),
	))
	tests := []struct {
		id, group, children string
	}{
		{"starts", "16-17", "AS"},
		{"ceased", "10-15", "AC"},
		{"cla_end", "16-17", "AE"},
		{"cla_end", "18 and over", "AS"},
	}
	for _, tt := range tests {
		found := false
		for _, g := range Breakdown(Find(tt.id), set, calendar.Year(2026).Period(), ByAge, disclose.Exact).Groups {
			if g.Label != tt.group {
				if tt.id == "starts" && g.Label == "18 and over" {
					t.Errorf("starts by age has a group 18 and over: %v", g.Value.Children)
				}
				continue
			}
			found = true
			if got := strings.Join(g.Value.Children, " "); got != tt.children {
				t.Errorf("%s aged %s: %q, want %q", tt.id, tt.group, got, tt.children)
			}
		}
		if !found {
			t.Errorf("%s by age: no group %s", tt.id, tt.group)
		}
	}
}

// TestReentriesSameBasis checks that the re-entry share counts, in its
// numerator and its denominator alike, children with any start in the
// period, once each, in 2025/26:
//
//	RA  home 01/06/2025, back 01/09/2025 (a re-entry), home 01/10/2025,
//	    back 01/02/2026 (another): counted once.
//	RB  a first start 01/01/2026: a starter, not a re-entry.
//	RC  home 01/06/2024; back 01/07/2025, more than 12 months on (not a
//	    re-entry), home 01/08/2025, back 01/10/2025 (a re-entry): counted,
//	    though its first start in the period was not one.
//
// reentries_12m is 2 (RA, RC) of 3 starters: 66.7%.
func TestReentriesSameBasis(t *testing.T) {
	set := mustBuild(t, ret(2024), ret(2026,
		header("RA", "1", "01/01/2015"),
		ep("RA", "01/05/2024", "01/06/2025", "S", "V2", "U4/a", "E4A"),
		ep("RA", "01/09/2025", "01/10/2025", "S", "V2", "U4/a", "E4A"),
		ep("RA", "01/02/2026", "", "S", "V2", "U4/a", ""),
		header("RB", "1", "01/01/2015"),
		ep("RB", "01/01/2026", "", "S", "V2", "U4/a", ""),
		header("RC", "1", "01/01/2015"),
		ep("RC", "01/05/2024", "01/06/2024", "S", "V2", "U4/a", "E4A"),
		ep("RC", "01/07/2025", "01/08/2025", "S", "V2", "U4/a", "E4A"),
		ep("RC", "01/10/2025", "", "S", "V2", "U4/a", ""),
	))
	year := calendar.Year(2026).Period()
	check(t, "starts", Find("starts").Compute(set, year, nil), want{3, 0, 3, true, "RA RB RC"})
	check(t, "reentries_12m", Find("reentries_12m").Compute(set, year, nil), want{2, 0, 2, true, "RA RC"})
	check(t, "reentries_12m_share", Find("reentries_12m_share").Compute(set, year, nil), want{2, 3, 200.0 / 3, true, "RA RC"})
}

// TestCadence checks that the indicators the return gives once a year
// (OC2 health, SDQ, OC3 care leavers) are yearly, and that a month or a
// quarter asked for one is shown as the collection year it falls in.
func TestCadence(t *testing.T) {
	for _, ind := range All() {
		yearly := strings.HasPrefix(ind.ID, "care_leavers_") || strings.HasPrefix(ind.ID, "sdq_") ||
			strings.HasSuffix(ind.ID, "check_share") || ind.ID == "immunisations_share"
		if got := ind.Cadence == Yearly; got != yearly {
			t.Errorf("%s: yearly %v, want %v", ind.ID, got, yearly)
		}
	}
	quarter, err := calendar.ParsePeriod("2025/26Q1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id    string
		asked calendar.Period
		want  string
		noted bool
	}{
		{"health_check_share", quarter, "2025/26", true},
		{"health_check_share", calendar.Year(2026).Period(), "2025/26", false},
		{"cla_end", quarter, quarter.Label, false},
	}
	for _, tt := range tests {
		got, note := Find(tt.id).PeriodFor(tt.asked)
		if got.Label != tt.want || (note != "") != tt.noted {
			t.Errorf("%s for %s: %s, %q; want %s, noted %v", tt.id, tt.asked.Label, got.Label, note, tt.want, tt.noted)
		}
	}
	years := Years(calendar.Month(2023, 7), calendar.Month(2026, 3))
	if len(years) != 3 || years[0].Label != "2023/24" || years[2].Label != "2025/26" {
		t.Errorf("Years(July 2023, March 2026) = %v; want 2023/24 to 2025/26", years)
	}
}

// TestTrendCovered checks that series keep only the periods the returns
// cover: with returns for 2024/25 and 2025/26, the 36 months to March
// 2026 are the 24 from April 2024, and the yearly series is two years.
func TestTrendCovered(t *testing.T) {
	set := &journey.Set{First: 2025, Last: 2026}
	year := calendar.Year(2026).Period()
	months := Trend(Find("cla_end"), set, year, 3)
	if len(months) != 24 || months[0].Label != calendar.Month(2024, 4).Label || months[23].Label != calendar.Month(2026, 3).Label {
		t.Errorf("monthly trend: %d months from %v; want 24 from April 2024", len(months), months)
	}
	years := Trend(Find("health_check_share"), set, year, 3)
	if len(years) != 2 || years[0].Label != "2024/25" || years[1].Label != "2025/26" {
		t.Errorf("yearly trend: %v; want 2024/25, 2025/26", years)
	}
	if Comparable(set, calendar.Year(2024).Period()) || !Comparable(set, calendar.Year(2025).Period()) {
		t.Error("Comparable: 2023/24 is before the returns, 2024/25 is covered")
	}
	// A set that does not know its span keeps every month.
	if n := len(Trend(Find("cla_end"), &journey.Set{}, year, 3)); n != 36 {
		t.Errorf("trend without a span: %d months, want 36", n)
	}
}
