package journey

import (
	"reflect"
	"slices"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// rowOf writes a row of any table, values in the schema's order.
func rowOf(table ssda903.TableName, values ...string) line { return line{table, values} }

// mother writes a Header row with MOTHER and MC_DOB.
func mother(child, dob, code, born string) line {
	return line{ssda903.Header, []string{child, "F", dob, "WBRI", "UN1", code, born, ""}}
}

// recordsArea is two years of returns whose other tables exercise every
// reading rule. Child R is in care throughout; Q is named only in OC3.
func recordsArea() []*ssda903.Return {
	y2025 := ret(2025,
		mother("R", "01/01/2008", "1", "10/02/2025"),
		ep("R", "01/01/2020", "", "S", "C2", "U4/r", ""),
		// Open at the end of 2024/25, closed in the 2025/26 copy.
		rowOf(ssda903.Missing, "R", "01/01/2008", "M", "30/03/2025", ""),
		rowOf(ssda903.Missing, "R", "01/01/2008", "A", "01/02/2025", "02/02/2025"),
		rowOf(ssda903.OC2, "R", "01/01/2008", "12", "", "0", "", "1", "1", "1", "0", "", ""),
		// Decided in 2024/25 and carried, unchanged, into 2025/26.
		rowOf(ssda903.PlacedAdoption, "R", "01/01/2008", "01/03/2025", "", ""),
		rowOf(ssda903.AD1, "R", "01/01/2008", "01/12/2024", "01/02/2025", "0", "2", "MF", "L0"),
	)
	y2026 := ret(2026,
		mother("R", "01/01/2008", "1", "10/02/2025"),
		ep("R", "01/01/2020", "", "S", "C2", "U4/r", ""),
		rowOf(ssda903.Missing, "R", "01/01/2008", "M", "30/03/2025", "02/04/2025"),
		// The same start written with one-digit day and month is the same event.
		rowOf(ssda903.Missing, "R", "01/01/2008", "A", "1/2/2025", "03/02/2025"),
		rowOf(ssda903.Missing, "R", "01/01/2008", "X", "31/02/2026", ""),             // code and start unknown
		rowOf(ssda903.Missing, "R", "01/01/2008", "M", " 01/06/2025 ", "01/05/2025"), // ends before it starts
		rowOf(ssda903.Missing, "R", "01/01/2008", "M", "01/09/2025", "not a date"),
		// Two OC2 rows in one return: the later row of the file wins.
		rowOf(ssda903.OC2, "R", "01/01/2008", "41", "SDQ4", "0", "", "1", "0", "1", "0", "", ""),
		rowOf(ssda903.OC2, "R", "01/01/2008", " 17 ", "", "0", "", "1", "0", "1", "0", "", ""),
		rowOf(ssda903.OC3, "R", "01/01/2008", "YES", "F2", "D1"),
		rowOf(ssda903.PlacedAdoption, "R", "01/01/2008", "01/03/2025", "01/06/2025", "RD1"),
		rowOf(ssda903.PlacedAdoption, "R", "01/01/2008", "", "", ""),
		rowOf(ssda903.AD1, "R", "01/01/2008", "01/12/2024", "15/02/2025", "0", "2", "MF", "L0"),
		// Q is in no Header, Episodes or UASC table: no journey.
		rowOf(ssda903.OC3, "Q", "01/01/2005", "YES", "F1", "U1"),
		rowOf(ssda903.Missing, "Q", "01/01/2005", "M", "01/05/2025", ""),
	)
	return []*ssda903.Return{y2025, y2026}
}

// TestRecords reads every table into the child's Records: duplicates
// across years kept once as the latest return has them, unreadable
// values kept as unknown.
func TestRecords(t *testing.T) {
	s := mustBuild(t, recordsArea()...)
	if s.Child("Q") != nil {
		t.Errorf("child Q, named only in OC3 and MISSING, has a journey")
	}
	c := s.Child("R")
	if c == nil {
		t.Fatal("no journey for R")
	}
	want := Records{
		Missing: []Missing{
			// 1/2/2025 replaces 01/02/2025: same day, the 2026 copy.
			{Start: day("01/02/2025"), End: day("03/02/2025"), Away: true, Year: 2026, Code: "A", HasStart: true, HasEnd: true},
			// Open in 2025, closed by the 2026 copy.
			{Start: day("30/03/2025"), End: day("02/04/2025"), Year: 2026, Code: "M", HasStart: true, HasEnd: true},
			// MIS_END before MIS_START: neither open nor an end.
			{Start: day("01/06/2025"), Year: 2026, Code: "M", HasStart: true},
			// MIS_END not a date: likewise.
			{Start: day("01/09/2025"), Year: 2026, Code: "M", HasStart: true},
			// 31/02/2026 is no date: kept, last, as unknown; X is no code.
			{Open: true, Year: 2026, Code: "X"},
		},
		Health: []Health{
			{Year: 2025, SDQScore: 12, HasSDQ: true, Convicted: "0", Immunisations: "1", Teeth: "1", HealthAssessment: "1", SubstanceMisuse: "0"},
			// The row with 41 (out of range) is replaced by the later " 17 ".
			{Year: 2026, SDQScore: 17, HasSDQ: true, Convicted: "0", Immunisations: "1", Teeth: "0", HealthAssessment: "1", SubstanceMisuse: "0"},
		},
		Leaving: []Leaving{{Year: 2026, InTouch: "YES", Activity: "F2", Accommodation: "D1"}},
		Adoption: []Adoption{
			{Year: 2026, DecisionDate: day("01/12/2024"), MatchDate: day("15/02/2025"), HasDecision: true, HasMatch: true},
		},
		PlacedForAdoption: []PlacedForAdoption{
			{Year: 2026, Decided: day("01/03/2025"), Ceased: day("01/06/2025"), HasDecided: true, HasCeased: true, CeasedReason: "RD1"},
			{Year: 2026},
		},
		Motherhood: []Motherhood{
			{Year: 2025, Mother: true, HasMother: true, ChildBorn: day("10/02/2025"), HasChildDOB: true},
			{Year: 2026, Mother: true, HasMother: true, ChildBorn: day("10/02/2025"), HasChildDOB: true},
		},
	}
	if !reflect.DeepEqual(c.Records, want) {
		t.Errorf("records of R:\n got %+v\nwant %+v", c.Records, want)
	}

	// The order the returns are given in does not matter.
	reversed := recordsArea()
	slices.Reverse(reversed)
	if got := mustBuild(t, reversed...).Child("R").Records; !reflect.DeepEqual(got, want) {
		t.Errorf("returns reversed, records of R:\n got %+v\nwant %+v", got, want)
	}
}

// TestRecordsReading checks the reading of single values.
func TestRecordsReading(t *testing.T) {
	tests := []struct {
		name string
		line line
		want Records
	}{
		{"open missing", rowOf(ssda903.Missing, "R", "", "M", "01/05/2025", ""),
			Records{Missing: []Missing{{Start: day("01/05/2025"), Open: true, Year: 2026, Code: "M", HasStart: true}}}},
		{"away, spaces around the dates", rowOf(ssda903.Missing, "R", "", "A", " 01/05/2025", "01/05/2025 "),
			Records{Missing: []Missing{{Start: day("01/05/2025"), End: day("01/05/2025"), Away: true, Year: 2026, Code: "A", HasStart: true, HasEnd: true}}}},
		{"SDQ not a number", rowOf(ssda903.OC2, "R", "", "1O", "", "", "", "", "", "", "", "", ""),
			Records{Health: []Health{{Year: 2026}}}},
		{"SDQ below 0", rowOf(ssda903.OC2, "R", "", "-1", "", "", "", "", "", "", "", "", ""),
			Records{Health: []Health{{Year: 2026}}}},
		{"SDQ 0, reason kept", rowOf(ssda903.OC2, "R", "", "0", "SDQ1", "", "1", "", "", "", "", "1", "0"),
			Records{Health: []Health{{Year: 2026, HasSDQ: true, SDQReason: "SDQ1", HealthCheck: "1", InterventionReceived: "1", InterventionOffered: "0"}}}},
		{"OC3 codes as submitted", rowOf(ssda903.OC3, "R", "", "yes", "G9", ""),
			Records{Leaving: []Leaving{{Year: 2026, InTouch: "yes", Activity: "G9"}}}},
		{"AD1 without dates", rowOf(ssda903.AD1, "R", "", "", "31/13/2025"),
			Records{Adoption: []Adoption{{Year: 2026}}}},
		{"MOTHER 0, no MC_DOB", mother("R", "01/01/2008", "0", ""),
			Records{Motherhood: []Motherhood{{Year: 2026, HasMother: true}}}},
		{"MOTHER 2 (no code), MC_DOB not a date", mother("R", "01/01/2008", "2", "2025-02-10"),
			Records{Motherhood: []Motherhood{{Year: 2026}}}},
		{"MC_DOB without MOTHER", mother("R", "01/01/2008", "", "10/02/2025"),
			Records{Motherhood: []Motherhood{{Year: 2026, ChildBorn: day("10/02/2025"), HasChildDOB: true}}}},
		{"MOTHER blank, MC_DOB blank: nothing said", mother("R", "01/01/2008", "", ""), Records{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustBuild(t, ret(2026, ep("R", "01/01/2020", "", "S", "C2", "U4/r", ""), tt.line))
			if got := s.Child("R").Records; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestRecordsShortRows reads rows with too few values, and tables
// without their columns, without a panic.
func TestRecordsShortRows(t *testing.T) {
	r := ret(2026, ep("R", "01/01/2020", "", "S", "C2", "U4/r", ""))
	for _, name := range []ssda903.TableName{ssda903.Missing, ssda903.OC2, ssda903.OC3, ssda903.AD1, ssda903.PlacedAdoption, ssda903.Header} {
		tb := r.Ensure(name)
		tb.Rows = append(tb.Rows, ssda903.Row{Values: []string{"R"}}, ssda903.Row{Values: nil})
	}
	r.Tables[ssda903.OC3] = &ssda903.Table{Schema: &ssda903.Schema{Name: ssda903.OC3}, Rows: []ssda903.Row{{Values: []string{"R"}}}}
	s := mustBuild(t, r)
	got := s.Child("R").Records
	// The Missing row has a blank start and end: an open spell of unknown
	// start and code. OC2 has no score. AD1 and PLACED_ADOPTION have no
	// dates. The Header says nothing of motherhood; OC3 has no columns.
	want := Records{
		Missing:           []Missing{{Open: true, Year: 2026}},
		Health:            []Health{{Year: 2026}},
		Adoption:          []Adoption{{Year: 2026}},
		PlacedForAdoption: []PlacedForAdoption{{Year: 2026}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
