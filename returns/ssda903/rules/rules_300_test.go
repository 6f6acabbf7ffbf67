package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Collection year 2025/26 (the tests' default): 01/04/2025 to 31/03/2026.

var distancePostcodes = testPostcodes{
	"AB10JD": {"E06000999", 400000, 800000},
	"CD20AA": {"E06000999", 410000, 800000},
	"EF31BB": {"E08000001", 380000, 390000},
}

// runWithLastAndPostcodes runs one rule with the test postcode directory and
// returns the 1-based failing rows per table.
func runWithLastAndPostcodes(t *testing.T, code string, data, last tables) failing {
	t.Helper()
	r := buildReturn(t, 2026, data)
	if last != nil {
		r.Last = buildReturn(t, 2025, last)
	}
	return inputRows(t, code, NewInput(r, distancePostcodes, nil))
}

func TestRule301(t *testing.T) {
	runRuleCases(t, "301", []ruleCase{
		{name: "DOB after the year", data: tables{ssda903.Header: {"CHILD,DOB",
			"1,31/03/2026", "2,01/04/2026", "3,", "4,xx", "5,01/01/2010"}},
			want: failing{ssda903.Header: {2}}},
	})
}

func TestRule302(t *testing.T) {
	runRuleCases(t, "302", []ruleCase{
		{name: "first episode before birth", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,RNE",
				"1,01/05/2025,P", "1,01/06/2015,S", // first episode is the 2015 one
				"2,01/05/2025,S",
				"3,xx,S",
				"5,01/01/2020,S"},
			ssda903.Header: {"CHILD,DOB",
				"1,01/07/2015", "2,01/05/2025", "3,01/01/2020", "5,02/01/2020"}},
			want: failing{ssda903.Episodes: {2, 5}, ssda903.Header: {1, 4}}},
	})
}

func TestRule304(t *testing.T) {
	runRuleCases(t, "304", []ruleCase{
		{name: "DUC after 18th birthday", data: tables{ssda903.UASC: {"CHILD,DOB,DUC",
			"1,01/06/2007,01/06/2025", "2,01/06/2007,02/06/2025", "3,01/06/2007,", "4,,02/06/2025",
			"5,29/02/2008,01/03/2026", "6,29/02/2008,02/03/2026"}},
			want: failing{ssda903.UASC: {2, 6}}},
	})
}

func TestRule331(t *testing.T) {
	runRuleCases(t, "331", []ruleCase{
		{name: "matched after placement", data: tables{
			ssda903.AD1: {"CHILD,DATE_MATCH", "1,01/05/2025", "2,02/06/2025", "3,", "4,10/06/2025"},
			ssda903.Episodes: {"CHILD,DECOM,REC",
				"1,01/05/2025,E11", "2,01/06/2025,E12", "3,01/02/2025,E11", "4,01/05/2025,X1", "4,01/06/2025,E11"}},
			want: failing{ssda903.AD1: {2, 4}, ssda903.Episodes: {2, 5}}},
	})
}

func TestRule333(t *testing.T) {
	runRuleCases(t, "333", []ruleCase{
		{name: "DATE_INT after DATE_MATCH or missing", data: tables{ssda903.AD1: {"CHILD,DATE_INT,DATE_MATCH",
			"1,01/05/2025,05/05/2025", "2,01/05/2025,", "3,06/05/2025,05/05/2025", "4,,05/05/2025",
			"5,xx,05/05/2025", "6,05/05/2025,05/05/2025"}},
			want: failing{ssda903.AD1: {3, 4, 5}}},
	})
}

func TestRule334(t *testing.T) {
	runRuleCases(t, "334", []ruleCase{
		{name: "DATE_INT before latest S", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,RNE",
				"1,01/03/2020,S", "1,01/05/2025,S", "1,01/06/2025,P",
				"2,01/03/2020,S",
				"3,01/03/2020,P",
				"4,01/03/2020,S"},
			ssda903.AD1: {"CHILD,DATE_INT", "1,01/04/2025", "2,", "3,01/01/2019", "4,01/03/2020"}},
			want: failing{ssda903.Episodes: {2}, ssda903.AD1: {1}}},
	})
}

func TestRule335(t *testing.T) {
	runRuleCases(t, "335", []ruleCase{
		{name: "foster care against placement", data: tables{
			ssda903.Episodes: {"CHILD,PLACE,REC", "1,A3,E11", "2,A4,E12", "3,A5,E11", "4,A6,E11", "5,A3,X1", "6,A3,E11"},
			ssda903.AD1:      {"CHILD,FOSTER_CARE", "1,0", "2,1", "3,1", "4,0", "5,0", "6,"}},
			want: failing{ssda903.Episodes: {1, 2}, ssda903.AD1: {1, 2}}},
	})
}

func TestRule336(t *testing.T) {
	runRuleCases(t, "336", []ruleCase{
		{name: "placement before adoption", data: tables{ssda903.Episodes: {"CHILD,DECOM,PLACE",
			"1,01/04/2025,U1", "1,01/05/2025,T1", "1,01/06/2025,A3", // T1 then A3
			"2,01/06/2025,A5", "2,01/04/2025,U4", // U4 then A5, out of file order
			"3,01/04/2025,A3",                    // first episode
			"4,01/04/2025,K2", "4,01/05/2025,A5", // K2 then A5
			"5,01/04/2025,", "5,01/05/2025,A3", // blank then A3
			"6,01/04/2025,K2", "6,01/05/2025,A4"}}, // A4 is not with the current foster carer
			want: failing{ssda903.Episodes: {3, 8, 10}}},
	})
}

func TestRule344(t *testing.T) {
	runRuleCases(t, "344", []ruleCase{
		{name: "died or returned home", data: tables{ssda903.OC3: {"CHILD,IN_TOUCH,ACTIV,ACCOM",
			"1,DIED,0,0", "2,RHOM,F1,0", "3,DIED,,0", "4,YES,F1,B1", "5,RHOM,0,B1", "6,,,"}},
			want: failing{ssda903.OC3: {2, 3, 5}}},
	})
}

func TestRule345(t *testing.T) {
	runRuleCases(t, "345", []ruleCase{
		{name: "in touch with zeros", data: tables{ssda903.OC3: {"CHILD,IN_TOUCH,ACTIV,ACCOM",
			"1,YES,0,B1", "2,YES,F1,0", "3,YES,F1,B1", "4,NO,0,0", "5,yes,0,0"}},
			want: failing{ssda903.OC3: {1, 2}}},
	})
}

func TestRule347(t *testing.T) {
	runRuleCases(t, "347", []ruleCase{
		{name: "foyer under 18", data: tables{ssda903.OC3: {"CHILD,DOB,ACCOM",
			"1,01/04/2007,T1", "2,02/04/2007,T2", "3,02/04/2007,B1", "4,,T1", "5,01/01/2000,T1"}},
			want: failing{ssda903.OC3: {2}}},
	})
}

func TestRule348(t *testing.T) {
	runRuleCases(t, "348", []ruleCase{
		{name: "died last year", data: tables{ssda903.OC3: {"CHILD,IN_TOUCH", "1,DIED", "2,YES", "3,DIED", "4,NO"}},
			last: tables{ssda903.OC3: {"CHILD,IN_TOUCH", "1,DIED", "2,DIED", "3,YES", "5,DIED"}},
			want: failing{ssda903.OC3: {2}}},
	})
}

func TestRule351(t *testing.T) {
	runRuleCases(t, "351", []ruleCase{
		{name: "over 25", data: tables{ssda903.Header: {"CHILD,DOB", "1,01/04/2000", "2,31/03/2000", "3,", "4,01/01/2010"}},
			want: failing{ssda903.Header: {2}}},
	})
}

func TestRule352(t *testing.T) {
	runRuleCases(t, "352", []ruleCase{
		{name: "started care at 18", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,RNE", "1,01/05/2025,S", "2,01/05/2025,S", "3,01/05/2025,P", "4,01/05/2025,S"},
			ssda903.Header:   {"CHILD,DOB", "1,01/05/2007", "2,02/05/2007", "3,01/01/2000"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule353(t *testing.T) {
	runRuleCases(t, "353", []ruleCase{
		{name: "before 14 October 1991", data: tables{ssda903.Episodes: {"CHILD,DECOM",
			"1,13/10/1991", "2,14/10/1991", "3,", "4,01/01/1890"}},
			want: failing{ssda903.Episodes: {1, 4}}},
	})
}

func TestRule354(t *testing.T) {
	runRuleCases(t, "354", []ruleCase{
		{name: "DECOM after the year", data: tables{ssda903.Episodes: {"CHILD,DECOM", "1,31/03/2026", "2,01/04/2026", "3,xx"}},
			want: failing{ssda903.Episodes: {2}}},
	})
}

func TestRule355(t *testing.T) {
	runRuleCases(t, "355", []ruleCase{
		{name: "same day", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC",
			"1,01/05/2025,01/05/2025", "2,01/05/2025,02/05/2025", "3,01/05/2025,", "4,,", "5,1/5/2025,01/05/2025"}},
			want: failing{ssda903.Episodes: {1, 5}}},
	})
}

func TestRule356(t *testing.T) {
	runRuleCases(t, "356", []ruleCase{
		{name: "DEC before DECOM", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC",
			"1,14/05/2025,12/05/2025", "2,14/05/2025,14/05/2025", "3,14/05/2025,", "4,,12/05/2025"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule357(t *testing.T) {
	runRuleCases(t, "357", []ruleCase{
		{name: "first episode not S", data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE",
			"1,01/05/2025,P", "1,01/06/2025,P",
			"2,01/05/2025,S",
			"3,01/01/2024,P", "3,01/05/2025,P", // first episode before the year
			"4,xx,S", "4,01/06/2025,L"}}, // the first valid DECOM counts
			want: failing{ssda903.Episodes: {1, 7}}},
	})
}

func TestRule358(t *testing.T) {
	runRuleCases(t, "358", []ruleCase{
		{name: "remand under 10", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,LS", "1,01/05/2025,J1", "2,01/05/2025,J2", "3,01/05/2025,C2", "4,,J3", "5,01/05/2025,J3"},
			ssda903.Header:   {"CHILD,DOB", "1,02/05/2015", "2,01/05/2015", "3,01/05/2020", "4,01/05/2020", "5,"}},
			want: failing{ssda903.Episodes: {1}, ssda903.Header: {1}}},
	})
}

func TestRule359(t *testing.T) {
	runRuleCases(t, "359", []ruleCase{
		{name: "over 18 not V2 in K2", data: tables{
			ssda903.Episodes: {"CHILD,DEC,LS,PLACE", "1,,V2,K2", "2,,V2,K1", "3,01/02/2026,C2,U1", "4,,C2,U1", "5,,C2,U1"},
			ssda903.Header:   {"CHILD,DOB", "1,01/01/2007", "2,01/01/2007", "3,01/01/2007", "4,31/03/2008", "5,30/03/2008"}},
			want: failing{ssda903.Episodes: {2, 5}}},
	})
}

func TestRule361(t *testing.T) {
	runRuleCases(t, "361", []ruleCase{
		{name: "police protection over 3 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/06/2025,03/06/2025,L1", "1,03/06/2025,05/06/2025,L1", // one run of 4 days
			"1,05/06/2025,06/07/2025,C1",
			"1,08/09/2025,11/09/2025,L1",                               // 3 days
			"2,01/06/2025,02/06/2025,L1", "2,03/06/2025,05/06/2025,L1", // not continuous
			"3,20/03/2026,,L1",             // open: 11 days to the year's end
			"4,01/06/2025,05/06/2025,L2"}}, // another status
			want: failing{ssda903.Episodes: {1, 2, 7}}},
	})
}

func TestRule362(t *testing.T) {
	runRuleCases(t, "362", []ruleCase{
		{name: "EPO over 21 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/06/2025,15/06/2025,L2", "1,15/06/2025,30/06/2025,L2",
			"2,01/06/2025,22/06/2025,L2",
			"3,01/03/2026,,L2",
			"4,01/06/2025,01/08/2025,L1"}},
			want: failing{ssda903.Episodes: {1, 2, 4}}},
	})
}

func TestRule363(t *testing.T) {
	runRuleCases(t, "363", []ruleCase{
		{name: "CAO over 7 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/06/2025,03/06/2025,L3", "1,03/06/2025,09/06/2025,L3", // 2 + 6 days
			"1,01/07/2025,08/07/2025,L3", // a new period of 7 days
			"2,01/06/2025,05/06/2025,L3", "2,05/06/2025,06/06/2025,C2", "2,10/06/2025,14/06/2025,L3",
			"3,25/03/2026,,L3", // open: 6 days
			"4,20/03/2026,,L3", // open: 11 days
			"5,,05/06/2025,L3",
			"6,05/06/2025,10/06/2025,L3", "6,01/06/2025,05/06/2025,L3"}}, // out of file order: 4 + 5 days
			want: failing{ssda903.Episodes: {1, 2, 8, 10, 11}}},
	})
}

func TestRule364(t *testing.T) {
	runRuleCases(t, "364", []ruleCase{
		{name: "PACE over 21 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/06/2025,15/06/2025,J2", "1,15/06/2025,24/06/2025,J2",
			"2,01/06/2025,22/06/2025,J2",
			"3,01/03/2026,,J2",
			"4,01/06/2025,01/08/2025,J1"}},
			want: failing{ssda903.Episodes: {1, 2, 4}}},
	})
}

func TestRule365(t *testing.T) {
	runRuleCases(t, "365", []ruleCase{
		{name: "short break over 17 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/05/2025,18/05/2025,V3", "1,01/06/2025,19/06/2025,V3",
			"2,01/03/2026,,V3",
			"3,01/05/2025,01/07/2025,V2",
			"4,,01/07/2025,V3",
			"5,01/05/2025,xx,V3"}},
			want: failing{ssda903.Episodes: {2, 3}}},
	})
}

func TestRule366(t *testing.T) {
	runRuleCases(t, "366", []ruleCase{
		{name: "short break not S", data: tables{ssda903.Episodes: {"CHILD,LS,RNE", "1,V3,S", "2,V3,P", "3,V4,P", "4,V3,"}},
			want: failing{ssda903.Episodes: {2, 4}}},
	})
}

func TestRule367(t *testing.T) {
	runRuleCases(t, "367", []ruleCase{
		{name: "respite over 75 days", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS",
			"1,01/03/2025,01/05/2025,V3", "1,01/06/2025,16/07/2025,V3", // 30 + 45 = 75
			"2,01/03/2025,01/05/2025,V3", "2,01/06/2025,17/07/2025,V3", // 30 + 46 = 76
			"2,01/01/2025,01/02/2025,V3", // before the year: not counted
			"2,01/08/2025,05/08/2025,C2",
			"3,01/01/2026,,V3",     // open: 89 days
			"4,01/01/2026,xx,V3"}}, // DEC not a date
			want: failing{ssda903.Episodes: {3, 4, 7}}},
	})
}

// minAgeCases tests a rule that a child in placement place is at
// least years old on DECOM.
func minAgeCases(place string, years int) []ruleCase {
	dob := func(d calendar.Date) string { return d.AddYears(-years).String() }
	decom := calendar.NewDate(2025, 5, 1)
	return []ruleCase{
		{name: "age on DECOM", data: tables{
			ssda903.Episodes: {"CHILD,DECOM,DEC,PLACE",
				"1,01/05/2025,," + place,                  // birthday on DECOM
				"2,01/05/2025,," + place,                  // a day short, open episode
				"3,01/05/2025,01/06/2025," + place,        // a day short, ended episode
				"4,01/05/2025,,U1",                        // another placement
				"5,01/05/2025,," + place, "6,,," + place}, // no Header row; no DECOM
			ssda903.Header: {"CHILD,DOB", "1," + dob(decom), "2," + dob(decom.AddDays(1)),
				"3," + dob(decom.AddDays(1)), "4,01/05/2025", "6,01/01/2025"}},
			want: failing{ssda903.Episodes: {2, 3}}},
	}
}

func TestRule371(t *testing.T) { runRuleCases(t, "371", minAgeCases("K3", 16)) }
func TestRule372(t *testing.T) { runRuleCases(t, "372", minAgeCases("R5", 10)) }
func TestRule373(t *testing.T) { runRuleCases(t, "373", minAgeCases("S1", 4)) }
func TestRule374(t *testing.T) { runRuleCases(t, "374", minAgeCases("P3", 14)) }

// maxDaysCases tests a rule that a placement place lasts at most
// days.
func maxDaysCases(place string, days int) []ruleCase {
	decom := calendar.NewDate(2025, 5, 1)
	return []ruleCase{
		{name: "length", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,PLACE",
			"1,01/05/2025," + decom.AddDays(days).String() + "," + place,
			"2,01/05/2025," + decom.AddDays(days+1).String() + "," + place,
			"3,01/05/2025,," + place,
			"4,01/05/2025," + decom.AddDays(days+1).String() + ",U1"}},
			want: failing{ssda903.Episodes: {2}}},
	}
}

func TestRule375(t *testing.T) { runRuleCases(t, "375", maxDaysCases("T1", 42)) }
func TestRule376(t *testing.T) { runRuleCases(t, "376", maxDaysCases("T3", 21)) }
func TestRule379(t *testing.T) { runRuleCases(t, "379", maxDaysCases("T4", 7)) }

func TestRule377(t *testing.T) {
	runRuleCases(t, "377", []ruleCase{
		{name: "more than two T3", data: tables{ssda903.Episodes: {"CHILD,DECOM,PLACE",
			"1,01/05/2025,T3", "1,05/05/2025,U1", "1,06/05/2025,T3", "1,08/05/2025,T3",
			"2,01/05/2025,T3", "2,05/05/2025,T3"}},
			want: failing{ssda903.Episodes: {1, 3, 4}}},
	})
}

func TestRule378(t *testing.T) {
	runRuleCases(t, "378", []ruleCase{
		{name: "P1 under V2", data: tables{ssda903.Episodes: {"CHILD,PLACE,LS", "1,P1,V2", "2,P1,C2", "3,U1,V2"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule380(t *testing.T) {
	runRuleCases(t, "380", []ruleCase{
		{name: "temporary not P or B", data: tables{ssda903.Episodes: {"CHILD,PLACE,RNE",
			"1,T0,L", "2,T1,P", "3,T2,B", "4,T4,S", "5,U1,S", "6,T3,T"}},
			want: failing{ssda903.Episodes: {1, 4, 6}}},
	})
}

func TestRule381(t *testing.T) {
	runRuleCases(t, "381", []ruleCase{
		{name: "temporary ending", data: tables{ssda903.Episodes: {"CHILD,PLACE,REC", "1,T3,X1", "2,T0,E11", "3,T2,", "4,U1,E11"}},
			want: failing{ssda903.Episodes: {2}}},
	})
}

func TestRule382(t *testing.T) {
	runRuleCases(t, "382", []ruleCase{
		{name: "respite in temporary placement", data: tables{ssda903.Episodes: {"CHILD,LS,PLACE", "1,V3,T0", "2,V3,U1", "3,C2,T1", "4,V4,T2"}},
			want: failing{ssda903.Episodes: {1, 4}}},
	})
}

func TestRule383(t *testing.T) {
	runRuleCases(t, "383", []ruleCase{
		{name: "return after temporary placement", data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,PLACE,PL_POST",
			"1,01/05/2025,S,U1,AB1 0JD", "1,05/05/2025,P,T1,CD2 0AA", "1,06/05/2025,T,U1,AB1 0JD", // RNE T
			"2,01/05/2025,S,U1,AB1 0JD", "2,05/05/2025,P,T1,", "2,06/05/2025,P,U1,AB10JD", // same postcode
			"3,01/05/2025,S,U1,AB1 0JD", "3,05/05/2025,P,T1,", "3,06/05/2025,P,U4,AB1 0JD", // another PLACE
			"4,01/05/2025,S,T1,", "4,05/05/2025,P,U1,", // no episode before the temporary one
			"5,01/05/2025,S,U1,AB1 0JD", "5,05/05/2025,P,T2,", "5,06/05/2025,P,U1,EF3 1BB", // another PL_POST
			"6,01/05/2025,S,K2,", "6,05/05/2025,P,T1,", "6,06/05/2025,P,K2,"}}, // both blank
			want: failing{ssda903.Episodes: {3, 9, 14}}},
	})
}

func TestRule384(t *testing.T) {
	runRuleCases(t, "384", []ruleCase{
		{name: "respite in long-term foster", data: tables{ssda903.Episodes: {"CHILD,LS,PLACE", "1,V3,U1", "2,V4,U4", "3,V4,U2", "4,C2,U1"}},
			want: failing{ssda903.Episodes: {1, 2}}},
	})
}

func TestRule385(t *testing.T) {
	runRuleCases(t, "385", []ruleCase{
		{name: "DEC after the year", data: tables{ssda903.Episodes: {"CHILD,DEC", "1,31/03/2026", "2,01/04/2026", "3,", "4,xx"}},
			want: failing{ssda903.Episodes: {2}}},
	})
}

func TestRule386(t *testing.T) {
	runRuleCases(t, "386", []ruleCase{
		{name: "adopted at 18", data: tables{
			ssda903.Episodes: {"CHILD,DEC,REC", "1,01/05/2025,E11", "2,01/05/2025,E12", "3,,E11", "4,01/05/2025,X1"},
			ssda903.Header:   {"CHILD,DOB", "1,01/05/2007", "2,02/05/2007", "3,01/01/2000", "4,01/01/2000"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule387(t *testing.T) {
	runRuleCases(t, "387", []ruleCase{
		{name: "independent living under 14", data: tables{
			ssda903.Episodes: {"CHILD,DEC,REC", "1,01/05/2025,E5", "2,01/05/2025,E6", "3,,E6", "4,01/05/2025,E6"},
			ssda903.Header:   {"CHILD,DOB", "1,02/05/2011", "2,01/05/2011", "3,01/01/2020"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule388(t *testing.T) {
	runRuleCases(t, "388", []ruleCase{
		{name: "X1 continuity", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,REC",
			"1,01/06/2025,04/06/2025,X1", "1,05/06/2025,06/06/2025,X1", "1,06/06/2025,08/06/2025,X1", "1,08/06/2025,10/06/2025,X1",
			"2,05/06/2025,06/06/2025,E11",
			"3,06/06/2025,07/06/2025,E11", "3,07/06/2025,,",
			"4,08/06/2025,09/06/2025,X1", "4,09/06/2025,10/06/2025,E11", "4,15/06/2025,,",
			"6,xx,01/06/2025,X1", "6,01/06/2025,,"}}, // an invalid DECOM sorts first
			want: failing{ssda903.Episodes: {1, 4, 6}}},
	})
}

func TestRule389(t *testing.T) {
	runRuleCases(t, "389", []ruleCase{
		{name: "adult social care under 16", data: tables{
			ssda903.Episodes: {"CHILD,DEC,REC", "1,01/05/2025,E7", "2,01/05/2025,E7", "3,01/05/2025,E11"},
			ssda903.Header:   {"CHILD,DOB", "1,02/05/2009", "2,01/05/2009", "3,01/01/2020"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule390(t *testing.T) {
	runRuleCases(t, "390", []ruleCase{
		{name: "adopted without adoption placement", data: tables{ssda903.Episodes: {"CHILD,PLACE,REC", "1,P1,E11", "2,A4,E12", "3,,E12", "4,U1,X1"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

func TestRule391(t *testing.T) {
	runRuleCases(t, "391", []ruleCase{
		{name: "under 17 with OC3", data: tables{ssda903.OC3: {"CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
			"1,01/04/2009,YES,F1,B1", "2,31/03/2009,YES,F1,B1", "3,01/04/2009,,,", "4,01/01/2015,,,B1", "5,,YES,,"}},
			want: failing{ssda903.OC3: {1, 4}}},
	})
}

func TestRule392a(t *testing.T) {
	data := tables{
		ssda903.Episodes: {"CHILD,LS,HOME_POST,PL_POST",
			"1,C2,AB1 0JD,CD2 0AA", "2,C2,AB1 0JD,", "3,C2,AB1 0JD,ZZ9 9ZZ", "4,V3,,", "5,C2,,", "6,C2,,"},
		ssda903.UASC: {"CHILD", "5"}}
	last := tables{ssda903.UASC: {"CHILD", "6"}}
	if got, want := runWithLastAndPostcodes(t, "392a", data, last), (failing{ssda903.Episodes: {2, 3}}); !reflect.DeepEqual(got, want) {
		t.Errorf("with last year: failing rows %v, want %v", got, want)
	}
	if got, want := runWithLastAndPostcodes(t, "392a", data, nil), (failing{ssda903.Episodes: {2, 3, 6}}); !reflect.DeepEqual(got, want) {
		t.Errorf("without last year: failing rows %v, want %v", got, want)
	}
	rep := Run(NewInput(buildReturn(t, 2026, data), nil, nil), []*Rule{Rules().Find("392a", 2026)})
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].Reason, "postcode directory") {
		t.Errorf("without a postcode directory: skipped %+v", rep.Skipped)
	}
}

func TestRule392b(t *testing.T) {
	data := tables{
		ssda903.Episodes: {"CHILD,LS,HOME_POST,PL_POST",
			"1,C2,AB1 0JD,CD2 0AA", "2,C2,AB1 0JD,", "3,C2,,CD2 0AA", "4,V4,,", "5,C2,,", "6,C2,,"},
		ssda903.UASC: {"CHILD", "5"}}
	runRuleCases(t, "392b", []ruleCase{
		{name: "with last year", data: data, last: tables{ssda903.UASC: {"CHILD", "6"}}, want: failing{ssda903.Episodes: {2, 3}}},
		{name: "without last year", data: data, want: failing{ssda903.Episodes: {2, 3, 6}}},
	})
}

func TestRule392c(t *testing.T) {
	data := tables{ssda903.Episodes: {"CHILD,HOME_POST,PL_POST",
		"1,AB1 0JD,CD2 0AA", "2,invalid,CD2 0AA", "3,AB1 0JD,invalid", "4,,", "5,ab10jd,CD20AA"}}
	if got, want := runWithLastAndPostcodes(t, "392c", data, nil), (failing{ssda903.Episodes: {2, 3}}); !reflect.DeepEqual(got, want) {
		t.Errorf("failing rows %v, want %v", got, want)
	}
}

func TestRule392d(t *testing.T) {
	runRuleCases(t, "392d", []ruleCase{
		{name: "same postcodes", data: tables{ssda903.Episodes: {"CHILD,PLACE,HOME_POST,PL_POST",
			"1,U1,AB1 0JD,AB1 0JD", "2,P1,AB1 0JD,AB1 0JD", "3,U1,AB1 0JD,CD2 0AA", "4,U1,,", "5,U1,AB1 0JD,AB10JD", "6,U1,ab1 0jd,AB1 0JD", "7,U1,AB1 0JD,AB1 0J"}},
			want: failing{ssda903.Episodes: {1, 5, 6}}},
	})
}

func TestRule393(t *testing.T) {
	runRuleCases(t, "393", []ruleCase{
		{name: "mother blank", data: tables{
			ssda903.Header:   {"CHILD,SEX,MOTHER", "1,F,1", "2,M,", "3,F,0", "4,F,", "5,F,", "6,F,"},
			ssda903.Episodes: {"CHILD,LS", "1,C2", "2,C2", "3,C2", "4,C1", "5,V4"}},
			want: failing{ssda903.Header: {4}}},
	})
}

func TestRule398(t *testing.T) {
	runRuleCases(t, "398", []ruleCase{
		{name: "postcodes on short breaks", data: tables{ssda903.Episodes: {"CHILD,LS,HOME_POST,PL_POST",
			"1,V3,AB1 0JD,AB1 0JD", "2,C2,AB1 0JD,AB1 0JD", "3,V4,AB1 0JD,", "4,V3,,"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

func TestRule399(t *testing.T) {
	runRuleCases(t, "399", []ruleCase{
		{name: "short breaks only", data: tables{
			ssda903.Episodes: {"CHILD,LS", "1,V4", "1,V4", "3,V3", "4,C2", "5,", "6,V4", "8,V3", "8,C2"},
			ssda903.Header:   {"CHILD,MOTHER", "1,0", "2,0", "3,", "4,", "5,1", "6,0", "8,1", "9,"},
			ssda903.Reviews: {"CHILD,REVIEW,REVIEW_CODE", "1,31/12/2024,PN1", "2,01/01/2025,PN2", "3,,",
				"4,01/01/2025,PN4", "5,01/01/2025,PN5", "6,01/01/2025,PN6", "8,01/01/2025,PN7", "9,01/01/2025,PN0"}},
			want: failing{ssda903.Episodes: {1, 2, 6}, ssda903.Header: {1, 6}, ssda903.Reviews: {1, 6}}},
		{name: "reviews only", data: tables{
			ssda903.Episodes: {"CHILD,LS", "7,V3"},
			ssda903.Header:   {"CHILD,MOTHER", "7,"},
			ssda903.Reviews:  {"CHILD,REVIEW,REVIEW_CODE", "7,01/01/2025,PN1", "7,,"}},
			want: failing{ssda903.Episodes: {1}, ssda903.Header: {1}, ssda903.Reviews: {1}}},
		{name: "mother on one of two Header rows", data: tables{
			ssda903.Episodes: {"CHILD,LS", "10,V4"},
			ssda903.Header:   {"CHILD,MOTHER", "10,", "10,1"}},
			want: failing{ssda903.Episodes: {1}, ssda903.Header: {2}}},
	})
}
