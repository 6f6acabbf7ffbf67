package indicators

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// area builds the hand-written authority every test below uses: two
// returns, 2024/25 and 2025/26. Its children, with what they are at the
// end of 2025/26 (31/03/2026):
//
//	A  in care since 01/01/2020, one placement; aged 10. Looked after;
//	   long-term cohort and stable.
//	B  short breaks only (V3 in May 2025, V4 open from 30/03/2026):
//	   never counted.
//	C  turns 18 on 31/03/2026 and leaves care that day (DEC 31/03/2026,
//	   E17). LookedAfterOn(31/03/2026) is false, since an episode does not
//	   cover the day it ends (the DfE: DEC blank or after the day): not
//	   looked after, but ceased in the year.
//	D  a period of care spanning the years: started 10/10/2024 (2024/25
//	   return, open at its end), placed for adoption 01/03/2025, adopted
//	   15/08/2025 (E11, in the 2025/26 return). Ceased in 2025/26, not a
//	   start; aged 4.
//	E  re-entry on the same day: started 01/05/2025, went home 01/07/2025
//	   (E4A) and started again (RNE S) the same day. One start, a
//	   re-entry (0 days), ceased (E4A), looked after; 2 placements in the
//	   year; aged 0.
//	F  left 10/04/2024 (E4B), back 11/04/2025: 12 months and a day, not a
//	   re-entry. A start; UASC; aged 14.
//	G  left 11/04/2024, back 11/04/2025: exactly 12 months, a re-entry.
//	   A start; aged 17.
//	H  3 placements in the year (U4/h1, U4/h2 with a temporary move T1
//	   and back, R1/h3): counted in placements_3plus.
//	I  2 placements and a temporary move T0 not followed by a return
//	   (a placement of its own in the journey, not counted here): 2.
//	J  in care since 01/01/2023, moved 01/06/2024; aged 12: long-term
//	   cohort, not stable.
//	K  in care since 01/02/2023 (U4/k), placed for adoption with A5/k2
//	   from 01/01/2025; aged 5: cohort, and stable through the adoption
//	   rule (the two placements together last from 01/02/2023).
//	L  in care since 2018, aged 16: not in the long-term cohort.
//	M  in care since 01/12/2023 (28 months), aged 8: not in the cohort.
//	N  started 01/04/2025, went home 01/05/2025 (E4A), started again
//	   01/09/2025 and left on an SGO 01/12/2025 (E45): one start, a
//	   re-entry, one cease whose reason is the last (E45); aged 6.
func area(t *testing.T) *journey.Set {
	y2025 := ret(2025,
		header("D", "2", "01/01/2022"),
		ep("D", "10/10/2024", "01/03/2025", "S", "C1", "U4/d", "X1"),
		ep("D", "01/03/2025", "", "P", "E1", "A5/d2", ""),
		header("F", "F", "01/01/2012"),
		ep("F", "01/01/2024", "10/04/2024", "S", "V2", "U4/f", "E4B"),
		header("G", "M", "01/01/2009"),
		ep("G", "01/01/2024", "11/04/2024", "S", "V2", "U4/g", "E4B"),
	)
	y2026 := ret(2026,
		header("A", "M", "01/06/2015"),
		ep("A", "01/01/2020", "", "S", "C2", "U4/a", ""),
		header("B", "F", "01/01/2015"),
		ep("B", "01/05/2025", "03/05/2025", "S", "V3", "U4/b", "E8"),
		ep("B", "30/03/2026", "", "S", "V4", "U4/b", ""),
		header("C", "M", "31/03/2008"),
		ep("C", "01/09/2023", "31/03/2026", "S", "C2", "U4/c", "E17"),
		ep("D", "01/03/2025", "15/08/2025", "P", "E1", "A5/d2", "E11"),
		header("E", "M", "01/04/2025"),
		ep("E", "01/05/2025", "01/07/2025", "S", "V2", "U4/e", "E4A"),
		ep("E", "01/07/2025", "", "S", "C1", "U4/e2", ""),
		header("F", "F", "01/01/2012"),
		uasc("F", "F", "01/01/2012"),
		ep("F", "11/04/2025", "", "S", "V2", "U4/f2", ""),
		header("G", "M", "01/01/2009"),
		ep("G", "11/04/2025", "", "S", "V2", "U4/g2", ""),
		header("H", "F", "01/01/2013"),
		ep("H", "01/02/2025", "01/05/2025", "S", "C2", "U4/h1", "X1"),
		ep("H", "01/05/2025", "01/06/2025", "P", "C2", "U4/h2", "X1"),
		ep("H", "01/06/2025", "10/06/2025", "P", "C2", "T1", "X1"),
		ep("H", "10/06/2025", "01/09/2025", "P", "C2", "U4/h2", "X1"),
		ep("H", "01/09/2025", "", "P", "C2", "R1/h3", ""),
		header("I", "M", "01/01/2011"),
		ep("I", "01/01/2025", "01/06/2025", "S", "C2", "U4/i1", "X1"),
		ep("I", "01/06/2025", "05/06/2025", "P", "C2", "T0", "X1"),
		ep("I", "05/06/2025", "", "P", "C2", "U5/i2", ""),
		header("J", "F", "01/01/2014"),
		ep("J", "01/01/2023", "01/06/2024", "S", "C2", "U4/j1", "X1"),
		ep("J", "01/06/2024", "", "P", "C2", "U4/j2", ""),
		header("K", "M", "01/01/2021"),
		ep("K", "01/02/2023", "01/01/2025", "S", "C2", "U4/k", "X1"),
		ep("K", "01/01/2025", "", "P", "E1", "A5/k2", ""),
		header("L", "M", "01/01/2010"),
		ep("L", "01/01/2018", "", "S", "C2", "U4/l", ""),
		header("M", "F", "01/01/2018"),
		ep("M", "01/12/2023", "", "S", "C2", "U4/m", ""),
		header("N", "F", "01/01/2020"),
		ep("N", "01/04/2025", "01/05/2025", "S", "V2", "U4/n", "E4A"),
		ep("N", "01/09/2025", "01/12/2025", "S", "C2", "U4/n2", "E45"),
	)
	return mustBuild(t, y2025, y2026)
}

type want struct {
	num, den int
	value    float64
	known    bool
	children string // the IDs counted, joined by spaces
}

func check(t *testing.T, name string, got Value, w want) {
	t.Helper()
	ids := strings.Join(got.Children, " ")
	if got.Numerator != w.num || got.Denominator != w.den || got.Known != w.known ||
		math.Abs(got.Value-w.value) > 1e-9 || ids != w.children {
		t.Errorf("%s = %v %d/%d known %v [%s], want %v %d/%d known %v [%s]", name,
			got.Value, got.Numerator, got.Denominator, got.Known, ids,
			w.value, w.num, w.den, w.known, w.children)
	}
}

// breakdownCase is one indicator broken down by one characteristic for
// 2025/26, with the groups it should give, in order.
type breakdownCase struct {
	id   string
	by   By
	want []group
}

type group struct {
	label string
	want  want
}

// checkBreakdowns checks each case's groups on the set, with a population
// for 31/03/2026.
func checkBreakdowns(t *testing.T, set *journey.Set, tests []breakdownCase) {
	t.Helper()
	for _, tc := range tests {
		got := Breakdown(Find(tc.id), set, calendar.Year(2026).Period(), tc.by, disclose.Exact).Groups
		if len(got) != len(tc.want) {
			t.Errorf("%s by %s: %d groups, want %d: %+v", tc.id, tc.by, len(got), len(tc.want), got)
			continue
		}
		for i, g := range got {
			if g.Label != tc.want[i].label {
				t.Errorf("%s by %s: group %d is %q, want %q", tc.id, tc.by, i, g.Label, tc.want[i].label)
			}
			check(t, tc.id+" by "+tc.by.String()+" "+g.Label, g.Value, tc.want[i].want)
		}
	}
}

func TestIndicators(t *testing.T) {
	set := area(t)
	pop := MidYear{2025: 20000} // mid-2025, used for 31/03/2026
	year, q3, march := calendar.Year(2026).Period(), calendar.CalendarQuarter(2025, 3), calendar.Month(2026, 3)
	tests := []struct {
		id     string
		period calendar.Period
		pop    Population
		want   want
	}{
		// Looked after at 31/03/2026: A E F G H I J K L M. Not B (short
		// breaks), C (DEC 31/03/2026), D (adopted), N (SGO).
		{"cla_end", year, nil, want{10, 0, 10, true, "A E F G H I J K L M"}},
		// At 30/09/2025 C (until 31/03/2026) and N (01/09 to 01/12) too;
		// D was adopted 15/08/2025.
		{"cla_end", q3, nil, want{12, 0, 12, true, "A C E F G H I J K L M N"}},
		{"cla_end", march, nil, want{10, 0, 10, true, "A E F G H I J K L M"}},
		// 10 ÷ 20,000 × 10,000 = 5.
		{"cla_rate_per_10k", year, pop, want{10, 20000, 5, true, "A E F G H I J K L M"}},
		// No population, or none for mid-2025: not known.
		{"cla_rate_per_10k", year, nil, want{10, 0, 0, false, "A E F G H I J K L M"}},
		{"cla_rate_per_10k", year, MidYear{2026: 20000}, want{10, 0, 0, false, "A E F G H I J K L M"}},
		// Starts in 2025/26: E (twice, counted once), F, G, N (twice). Not B
		// (short breaks), D (started 2024), H, I (started before April).
		{"starts", year, nil, want{4, 0, 4, true, "E F G N"}},
		{"starts", q3, nil, want{2, 0, 2, true, "E N"}},
		// 4 ÷ 20,000 × 10,000 = 2.
		{"starts_rate_per_10k", year, pop, want{4, 20000, 2, true, "E F G N"}},
		{"starts_rate_per_10k", year, nil, want{4, 0, 0, false, "E F G N"}},
		// Ceased in 2025/26: C (31/03/2026), D (15/08/2025, the period
		// that began in 2024/25), E (01/07/2025), N (twice, once). Not F
		// or G, whose earlier periods ended in 2024/25; not B.
		{"ceased", year, nil, want{4, 0, 4, true, "C D E N"}},
		{"ceased", q3, nil, want{2, 0, 2, true, "D E"}},
		{"ceased", march, nil, want{1, 0, 1, true, "C"}},
		// Re-entries: E (same day), G (12 months to the day), N (4 months).
		// F came back 12 months and a day after leaving.
		{"reentries_12m", year, nil, want{3, 0, 3, true, "E G N"}},
		// 3 of the 4 starters.
		{"reentries_12m_share", year, nil, want{3, 4, 75, true, "E G N"}},
		// No starts in March 2026: a share of nobody.
		{"reentries_12m_share", march, nil, want{0, 0, 0, false, ""}},
		// Last occasion: C E17, D E11, E E4A, N E45 (its earlier E4A is
		// not its last).
		{"ceased_adopted", year, nil, want{1, 4, 25, true, "D"}},
		{"ceased_sgo", year, nil, want{1, 4, 25, true, "N"}},
		{"ceased_home", year, nil, want{1, 4, 25, true, "E"}},
		// Of the 10 looked after, only H had 3 placements in the year
		// (E 2 across two periods, I 2 with its T0 not counted, J and K 1
		// since their earlier placements ended before April 2025).
		{"placements_3plus", year, nil, want{1, 10, 10, true, "H"}},
		// Cohort: under 16, in care since 30/09/2023 or before: A, J, K
		// (not L, 16; not M, since 01/12/2023). Stable: A (one placement
		// since 2020), K (A5 since 01/01/2025 with U4/k from 01/02/2023);
		// not J (moved 01/06/2024). 2 of 3.
		{"long_term_stability", year, nil, want{2, 3, 200.0 / 3, true, "A K"}},
	}
	for _, tc := range tests {
		ind := Find(tc.id)
		if ind == nil {
			t.Fatalf("no indicator %q", tc.id)
		}
		check(t, tc.id+" "+tc.period.Label, ind.Compute(set, tc.period, tc.pop), tc.want)
	}
}

func TestBreakdown(t *testing.T) {
	checkBreakdowns(t, area(t), []breakdownCase{
		// Ages at 31/03/2026: E 0, N 6, F 14, G 17.
		{"starts", ByAge, []group{
			{"under 1", want{1, 0, 1, true, "E"}},
			{"1-4", want{0, 0, 0, true, ""}},
			{"5-9", want{1, 0, 1, true, "N"}},
			{"10-15", want{1, 0, 1, true, "F"}},
			{"16-17", want{1, 0, 1, true, "G"}},
		}},
		// C is 18 on 31/03/2026, so the 18 and over group appears; D is 4.
		{"ceased", ByAge, []group{
			{"under 1", want{1, 0, 1, true, "E"}},
			{"1-4", want{1, 0, 1, true, "D"}},
			{"5-9", want{1, 0, 1, true, "N"}},
			{"10-15", want{0, 0, 0, true, ""}},
			{"16-17", want{0, 0, 0, true, ""}},
			{"18 and over", want{1, 0, 1, true, "C"}},
		}},
		// D's sex is 2 (the 2024/25 code), the others M or F.
		{"ceased", BySex, []group{
			{"male", want{2, 0, 2, true, "C E"}},
			{"female", want{2, 0, 2, true, "D N"}},
		}},
		{"starts", ByUASC, []group{
			{"UASC", want{1, 0, 1, true, "F"}},
			{"not UASC", want{3, 0, 3, true, "E G N"}},
		}},
		// Shares within each group: F is the only UASC child looked after.
		{"placements_3plus", ByUASC, []group{
			{"UASC", want{0, 1, 0, true, ""}},
			{"not UASC", want{1, 9, 100.0 / 9, true, "H"}},
		}},
		// Rates by group are not known: the population is not broken down.
		{"cla_rate_per_10k", ByUASC, []group{
			{"UASC", want{1, 0, 0, false, "F"}},
			{"not UASC", want{9, 0, 0, false, "A E G H I J K L M"}},
		}},
	})
}

func TestCatalogue(t *testing.T) {
	ids := []string{"cla_end", "cla_rate_per_10k", "starts", "starts_rate_per_10k", "ceased",
		"reentries_12m", "reentries_12m_share", "ceased_adopted", "ceased_sgo", "ceased_home",
		"placements_3plus", "long_term_stability"}
	var got []string
	for _, ind := range All() {
		got = append(got, ind.ID)
		if ind.Title == "" || ind.Definition == "" || ind.Unit == "" || ind.Compute == nil {
			t.Errorf("%s is incomplete: %+v", ind.ID, ind)
		}
		if Find(ind.ID) != ind {
			t.Errorf("Find(%q) is not the indicator All lists", ind.ID)
		}
	}
	// The core and the placement indicators come first, in this order;
	// the outcome indicators follow (their own test lists them).
	ids = append(ids, "placed_foster_share", "placed_adoption_share", "placed_parents_share",
		"placed_independent_share", "placed_residential_share", "placed_other_share",
		"placed_out_of_area_share", "placed_20_miles_share", "placed_other_z", "placed_other_z_under16",
		"days_to_adoption_median", "days_to_adoption_mean", "days_to_sgo_median", "days_to_sgo_mean",
		"days_to_cao_median", "days_to_cao_mean", "adoption_a1_days", "adoption_a10_days", "adoption_a2_days",
		"ceased_permanence_share")
	if len(got) < len(ids) || !slices.Equal(got[:len(ids)], ids) {
		t.Errorf("All() = %v, want it to begin %v", got, ids)
	}
	if Find("nonesuch") != nil {
		t.Error("Find found an indicator that does not exist")
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from, want string
		n          int
	}{
		{"31/03/2026", "30/09/2023", -30},
		{"31/08/2025", "28/02/2025", -6},
		{"31/01/2024", "29/02/2024", 1},
		{"15/12/2025", "15/01/2026", 1},
		{"01/01/2025", "01/12/2024", -1},
	}
	for _, tc := range tests {
		if got := day(tc.from).AddMonths(tc.n); got != day(tc.want) {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestFamilies(t *testing.T) {
	seen := map[string]string{}
	for _, f := range Families() {
		if f.Name == "Other" || len(f.Indicators) == 0 {
			t.Errorf("family %q with %d indicators: every indicator should be in a named family, and every family used", f.Name, len(f.Indicators))
		}
		for _, ind := range f.Indicators {
			if was, ok := seen[ind.ID]; ok {
				t.Errorf("%s is in %q and %q", ind.ID, was, f.Name)
			}
			seen[ind.ID] = f.Name
		}
	}
	if len(seen) != len(All()) {
		t.Errorf("%d indicators in families, %d in all", len(seen), len(All()))
	}
	// A whole ID does not match as a prefix, and the first family to
	// name an indicator has it.
	for id, want := range map[string]string{"cla_end": "Headlines", "placed_other_z_under16": "Placements and stability",
		"adoption_a2_days": "Permanence", "sdq_mean": "Health", "ceased_adopted": "Coming back and leaving care"} {
		if seen[id] != want {
			t.Errorf("%s in %q, want %q", id, seen[id], want)
		}
	}
}
