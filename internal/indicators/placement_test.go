package indicators

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

// at writes an Episodes row with the carer's URN and the two postcodes
// given: home is HOME_POST, post PL_POST. A dec of "" leaves it open.
func at(child, decom, dec, rne, ls, place, urn, home, post, rec string) line {
	provider := "PR1"
	if urn == "" {
		provider = ""
	}
	return line{ssda903.Episodes, []string{child, decom, rne, ls, "N1", place, provider, dec, rec, "", home, post, urn}}
}

// person writes a Header row with an ETHNIC code.
func person(child, sex, dob, ethnic string) line {
	return line{ssda903.Header, []string{child, sex, dob, ethnic, "UN1", "", ""}}
}

// matched writes an AD1 row with the date of the match.
func matched(child, dob, match string) line {
	return line{ssda903.AD1, []string{child, dob, "", match, "0", "1", "MF", "L0"}}
}

// grid is a postcode directory for tests. Home is HM1 1AA at
// (400000, 300000) in the authority of the returns, E06000999. Distances
// from it, as the DfE computes them (metres ÷ 1,609.3, one decimal place):
// IN1 1AA 8,047 m east, 5.0 miles, in the authority; ED1 1AA 16,093 m,
// 10.0 miles, and T20 1AA 32,186 m, 20.0 miles, and T21 1AA 32,347 m,
// 20.1 miles (20.0998), in E10000002; FA1 1AA 48,279 m north, 30.0 miles,
// in E10000001.
type grid map[string][3]float64

var areas = map[float64]string{0: "E06000999", 1: "E10000001", 2: "E10000002"}

func (g grid) Lookup(postcode string) (string, float64, float64, bool) {
	p, ok := g[postcode]
	return areas[p[2]], p[0], p[1], ok
}

var directory = grid{
	"HM1 1AA": {400000, 300000, 0},
	"IN1 1AA": {408047, 300000, 0},
	"ED1 1AA": {416093, 300000, 2},
	"T20 1AA": {432186, 300000, 2},
	"T21 1AA": {432347, 300000, 2},
	"FA1 1AA": {400000, 348279, 1},
}

// placed builds the authority the placement tests use, over 2024/25 and
// 2025/26. Looked after at 31/03/2026, with the episode then:
//
//	PA  U6/a from 01/06/2024, U4 with the same carer from 01/01/2026 (RNE
//	    T): foster care; C2; 5.0 miles, in the authority; WBRI; aged 10.
//	PB  U6 from 01/03/2025, A6 with new carers from 01/02/2026 (RNE B,
//	    E1): placed for adoption; 30.0 miles, out; MWBC; aged 2.
//	PC  P1 at home from 01/01/2025: placed with parents; C2; 0 miles, in;
//	    AIND; aged 5.
//	PD  K3 from 01/09/2024: independent or supported; V2; 10.0 miles, out;
//	    BAFR; aged 17.
//	PE  K2 from 01/01/2025: residential; C2; 20.0 miles (not more than
//	    20), out; CHNE (other); aged 15.
//	PF  Z11 from 01/11/2025, a start: other, Z; J1; no home postcode, so
//	    in the authority but no distance; REFU; aged 14, under 16.
//	PG  Z1 from 01/02/2025: other, Z; L1; 20.1 miles, out; ETHNIC blank;
//	    aged 16, not under 16.
//	PH  K2 from 01/10/2025 (a start), then T1 from 20/03/2026 with no
//	    return: other; C1; no PL_POST, location unknown; WIRT; aged 12.
//
// Not looked after then: PI (a short break, open), PJ (18 on 31/03/2026
// and left that day, E17) and the Q children, who ceased in 2025/26:
//
//	QA  entered 10/10/2024 (C1, U4), placement order 01/12/2024 (RNE L,
//	    E1), placed for adoption with new carers A6 01/03/2025 (RNE P) in
//	    2024/25, adopted 15/08/2025 (E11): 309 days in care; A1 142 days,
//	    A10 142; matched 01/02/2025, 62 days after the order.
//	QB  entered 01/01/2023 (C2, U4/qb), placement order 01/06/2024 (RNE
//	    L), placed for adoption with the same carers A5 01/09/2024 (RNE U),
//	    a T1 hospital stay in October 2025 and back, adopted 01/02/2026
//	    (E12): 1,127 days; A1 609 days (to the A5 episode), A10 0 (the
//	    carers since entry); matched 01/05/2024, before the order: 0.
//	QC  entered 01/05/2025 (V2, U6), A4 with new carers 01/09/2025 (RNE
//	    P, consent, no placement order), adopted 01/03/2026 (E11): 304
//	    days; A1 and A10 123; no A2.
//	QD  SGO E45 01/12/2025 after 365 days (C2).
//	QE  entered 01/04/2025, SGO E46 on the last day, 31/03/2026: 364 days
//	    (C2), a start.
//	QF  child arrangements order E41 01/02/2026 after 365 days (C2).
//	QG  entered 01/05/2025 (V2), home 01/07/2025 (E4A) and back the same
//	    day (RNE S, C1), SGO E47 01/11/2025: the last cease's period lasted
//	    123 days. A start (first V2), ceased (last C1).
//	QH  entered 01/01/2025 (V2), home 01/06/2025 (E4B).
//	QI  a short break ending 03/05/2025: never counted.
func placed(t *testing.T, opts journey.Options) *journey.Set {
	y2025 := ret(2025,
		person("QA", "M", "01/01/2024", "WBRI"),
		at("QA", "10/10/2024", "01/12/2024", "S", "C1", "U4", "qa1", "HM1 1AA", "IN1 1AA", "X1"),
		at("QA", "01/12/2024", "01/03/2025", "L", "E1", "U4", "qa1", "HM1 1AA", "IN1 1AA", "X1"),
		at("QA", "01/03/2025", "", "P", "E1", "A6", "qa2", "HM1 1AA", "FA1 1AA", ""),
	)
	const home = "HM1 1AA"
	y2026 := ret(2026,
		person("PA", "M", "01/01/2016", "WBRI"),
		at("PA", "01/06/2024", "01/01/2026", "S", "C2", "U6", "a", home, "IN1 1AA", "X1"),
		at("PA", "01/01/2026", "", "T", "C2", "U4", "a", home, "IN1 1AA", ""),
		person("PB", "F", "01/01/2024", "MWBC"),
		at("PB", "01/03/2025", "01/02/2026", "S", "C1", "U6", "b1", home, "IN1 1AA", "X1"),
		at("PB", "01/02/2026", "", "B", "E1", "A6", "b2", home, "FA1 1AA", ""),
		person("PC", "F", "01/01/2021", "AIND"),
		at("PC", "01/01/2025", "", "S", "C2", "P1", "c", home, home, ""),
		person("PD", "M", "01/01/2009", "BAFR"),
		at("PD", "01/09/2024", "", "S", "V2", "K3", "d", home, "ED1 1AA", ""),
		person("PE", "M", "01/06/2010", "CHNE"),
		at("PE", "01/01/2025", "", "S", "C2", "K2", "e", home, "T20 1AA", ""),
		person("PF", "M", "01/01/2012", "REFU"),
		at("PF", "01/11/2025", "", "S", "J1", "Z11", "", "", "IN1 1AA", ""),
		person("PG", "F", "01/01/2010", ""),
		at("PG", "01/02/2025", "", "S", "L1", "Z1", "g", home, "T21 1AA", ""),
		person("PH", "M", "01/01/2014", "WIRT"),
		at("PH", "01/10/2025", "20/03/2026", "S", "C1", "K2", "h", home, "IN1 1AA", "X1"),
		at("PH", "20/03/2026", "", "P", "C1", "T1", "", home, "", ""),
		person("PI", "F", "01/01/2015", "WBRI"),
		at("PI", "01/03/2026", "", "S", "V3", "K2", "i", home, "IN1 1AA", ""),
		person("PJ", "M", "31/03/2008", "WBRI"),
		at("PJ", "01/09/2023", "31/03/2026", "S", "C2", "U4", "j", home, "IN1 1AA", "E17"),

		person("QA", "M", "01/01/2024", "WBRI"),
		at("QA", "01/03/2025", "15/08/2025", "P", "E1", "A6", "qa2", home, "FA1 1AA", "E11"),
		matched("QA", "01/01/2024", "01/02/2025"),
		person("QB", "F", "01/01/2022", "WBRI"),
		at("QB", "01/01/2023", "01/06/2024", "S", "C2", "U4", "qb", home, "IN1 1AA", "X1"),
		at("QB", "01/06/2024", "01/09/2024", "L", "E1", "U4", "qb", home, "IN1 1AA", "X1"),
		at("QB", "01/09/2024", "01/10/2025", "U", "E1", "A5", "qb", home, "IN1 1AA", "X1"),
		at("QB", "01/10/2025", "05/10/2025", "P", "E1", "T1", "", home, "", "X1"),
		at("QB", "05/10/2025", "01/02/2026", "P", "E1", "A5", "qb", home, "IN1 1AA", "E12"),
		matched("QB", "01/01/2022", "01/05/2024"),
		person("QC", "M", "01/01/2025", "WBRI"),
		at("QC", "01/05/2025", "01/09/2025", "S", "V2", "U6", "qc1", home, "IN1 1AA", "X1"),
		at("QC", "01/09/2025", "01/03/2026", "P", "V2", "A4", "qc2", home, "IN1 1AA", "E11"),
		person("QD", "F", "01/01/2020", "WBRI"),
		at("QD", "01/12/2024", "01/12/2025", "S", "C2", "U3", "qd", home, "IN1 1AA", "E45"),
		person("QE", "F", "01/01/2020", "WBRI"),
		at("QE", "01/04/2025", "31/03/2026", "S", "C2", "U4", "qe", home, "IN1 1AA", "E46"),
		person("QF", "M", "01/01/2020", "WBRI"),
		at("QF", "01/02/2025", "01/02/2026", "S", "C2", "U3", "qf", home, "IN1 1AA", "E41"),
		person("QG", "M", "01/01/2019", "WBRI"),
		at("QG", "01/05/2025", "01/07/2025", "S", "V2", "U6", "qg1", home, "IN1 1AA", "E4A"),
		at("QG", "01/07/2025", "01/11/2025", "S", "C1", "U3", "qg2", home, "IN1 1AA", "E47"),
		person("QH", "M", "01/01/2012", "WBRI"),
		at("QH", "01/01/2025", "01/06/2025", "S", "V2", "U6", "qh", home, "IN1 1AA", "E4B"),
		person("QI", "M", "01/01/2012", "WBRI"),
		at("QI", "01/05/2025", "03/05/2025", "S", "V3", "K2", "qi", home, "IN1 1AA", "E4A"),
	)
	// An empty 2022/23 return, so that the data start before every
	// child's care does: no start here is left-censored.
	s, err := journey.BuildWith([]*ssda903.Return{ret(2023), y2025, y2026}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlacementIndicators(t *testing.T) {
	set := placed(t, journey.Options{Postcodes: directory})
	bare := placed(t, journey.Options{})
	year := calendar.Year(2026).Period()
	tests := []struct {
		id   string
		set  *journey.Set
		want want
	}{
		// Looked after at 31/03/2026: PA to PH, 8 children.
		{"cla_end", set, want{8, 0, 8, true, "PA PB PC PD PE PF PG PH"}},
		// PA is read at its U4 episode; 1 of 8 = 12.5% in each group but
		// the last, which has PF (Z11), PG (Z1) and PH (T1): 3 of 8.
		{"placed_foster_share", set, want{1, 8, 12.5, true, "PA"}},
		{"placed_adoption_share", set, want{1, 8, 12.5, true, "PB"}},
		{"placed_parents_share", set, want{1, 8, 12.5, true, "PC"}},
		{"placed_independent_share", set, want{1, 8, 12.5, true, "PD"}},
		{"placed_residential_share", set, want{1, 8, 12.5, true, "PE"}},
		{"placed_other_share", set, want{3, 8, 37.5, true, "PF PG PH"}},
		// Located: all but PH (T1, no PL_POST), 7. Out of the authority:
		// PB, PD, PE, PG. 4 of 7.
		{"placed_out_of_area_share", set, want{4, 7, 400.0 / 7, true, "PB PD PE PG"}},
		// With a distance: 6 (not PF, no home postcode; not PH). More than
		// 20 miles: PB (30.0) and PG (20.1), not PE (20.0). 2 of 6.
		{"placed_20_miles_share", set, want{2, 6, 100.0 / 3, true, "PB PG"}},
		// Without postcodes nothing is located: not known.
		{"placed_out_of_area_share", bare, want{0, 0, 0, false, ""}},
		{"placed_20_miles_share", bare, want{0, 0, 0, false, ""}},
		{"placed_other_z", set, want{2, 0, 2, true, "PF PG"}},
		{"placed_other_z_under16", set, want{1, 0, 1, true, "PF"}},
		// Adopted: QA 309, QB 1,127, QC 304 days. Median 309; mean
		// 1,740 / 3 = 580.
		{"days_to_adoption_median", set, want{3, 0, 309, true, "QA QB QC"}},
		{"days_to_adoption_mean", set, want{3, 0, 580, true, "QA QB QC"}},
		// SGO: QD 365, QE 364 (left on the last day), QG 123 (the period
		// after its same-day re-entry). Median 364; mean 852 / 3 = 284.
		{"days_to_sgo_median", set, want{3, 0, 364, true, "QD QE QG"}},
		{"days_to_sgo_mean", set, want{3, 0, 284, true, "QD QE QG"}},
		{"days_to_cao_median", set, want{1, 0, 365, true, "QF"}},
		{"days_to_cao_mean", set, want{1, 0, 365, true, "QF"}},
		// A1: QA 142, QB 609, QC 123: 874 / 3.
		{"adoption_a1_days", set, want{3, 0, 874.0 / 3, true, "QA QB QC"}},
		// A10: QA 142, QB 0 (adopted by the carers it had from entry), QC
		// 123: 265 / 3.
		{"adoption_a10_days", set, want{3, 0, 265.0 / 3, true, "QA QB QC"}},
		// A2: QA 62, QB 0 (matched before the order); QC had no order.
		{"adoption_a2_days", set, want{2, 0, 31, true, "QA QB"}},
		// Ceased: QA to QH and PJ, 9. To permanence: QA, QB, QC
		// (adoption), QD, QE, QG (SGO), QF (CAO): 7 of 9.
		{"ceased", set, want{9, 0, 9, true, "PJ QA QB QC QD QE QF QG QH"}},
		{"ceased_permanence_share", set, want{7, 9, 700.0 / 9, true, "QA QB QC QD QE QF QG"}},
	}
	for _, tc := range tests {
		ind := Find(tc.id)
		if ind == nil {
			t.Fatalf("no indicator %q", tc.id)
		}
		check(t, tc.id, ind.Compute(tc.set, year, nil), tc.want)
	}
	// In 2024/25 no child left to permanence: the durations are not known.
	check(t, "days_to_adoption_median 2024/25", Find("days_to_adoption_median").Compute(set, calendar.Year(2025).Period(), nil),
		want{0, 0, 0, false, ""})
}

func TestMixAddsUp(t *testing.T) {
	set := placed(t, journey.Options{})
	total := 0.0
	for _, g := range placeGroups {
		total += Find("placed_"+g.id+"_share").Compute(set, calendar.Year(2026).Period(), nil).Value
	}
	if total != 100 {
		t.Errorf("the placement mix adds up to %v, want 100", total)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		xs   []int
		want float64
	}{
		{[]int{5}, 5},
		{[]int{10, 1, 3}, 3},
		{[]int{10, 1, 3, 2}, 2.5}, // 1 2 3 10: (2 + 3) / 2
	}
	for _, tc := range tests {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

// TestDaysSuppressed checks that a median or mean of 1 to 5 children is
// suppressed, as the count behind it would be.
func TestDaysSuppressed(t *testing.T) {
	ind := Find("days_to_adoption_median")
	tests := []struct {
		v           Value
		exact, publ string
	}{
		{Value{Value: 309, Numerator: 3, Known: true}, "309.0", "c"},
		{Value{Value: 400, Numerator: 5, Known: true}, "400.0", "c"},
		{Value{Value: 412.5, Numerator: 6, Known: true}, "412.5", "412.5"},
		{Value{}, "x", "x"},
	}
	for _, tc := range tests {
		if got := exactText(ind, tc.v); got != tc.exact {
			t.Errorf("exactText(%+v) = %s, want %s", tc.v, got, tc.exact)
		}
		if got := publishableText(ind, tc.v); got != tc.publ {
			t.Errorf("publishableText(%+v) = %s, want %s", tc.v, got, tc.publ)
		}
	}
}
