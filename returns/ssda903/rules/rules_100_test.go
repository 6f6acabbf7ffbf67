package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestRule101(t *testing.T) {
	runRuleCases(t, "101", []ruleCase{
		{name: "2025/26 codes", data: tables{ssda903.Header: {"CHILD,SEX", "1,M", "2,F", "3,U", "4,1", "5,", "6,m"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {4, 5, 6}}},
	})
}

func TestRule102(t *testing.T) {
	runRuleCases(t, "102", []ruleCase{
		{name: "dates", data: tables{ssda903.Header: {"CHILD,DOB",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,", "6,29/02/2020", "7,29/02/2021", "8,1/2/2015"}},
			want: failing{ssda903.Header: {3, 4, 5, 7}}},
	})
}

func TestRule103(t *testing.T) {
	runRuleCases(t, "103", []ruleCase{
		{name: "codes", data: tables{ssda903.Header: {"CHILD,ETHNIC", "1,WBRI", "2,wbri", "3,", "4,White British", "5,NOBT"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 3, 4}}},
	})
}

func TestRule104(t *testing.T) {
	runRuleCases(t, "104", []ruleCase{
		{name: "dates and collection start", data: tables{ssda903.UASC: {"CHILD,DUC",
			"1,01/03/2025",   // before 01/04/2025
			"2,19/02/2026",   // in the year
			"3,01/04/2025",   // the first day
			"4,31/03/2025",   // the day before
			"5,",             // blank passes
			"6,INVALID/DATE", // not a date
			"7,01/05/2027",   // after the year: not this rule's concern
		}},
			want: failing{ssda903.UASC: {1, 4, 6}}},
		{name: "another year", year: 2025, data: tables{ssda903.UASC: {"CHILD,DUC", "1,01/03/2025", "2,31/03/2024"}},
			want: failing{ssda903.UASC: {2}}},
	})
}

func TestRule112(t *testing.T) {
	runRuleCases(t, "112", []ruleCase{
		{name: "dates", data: tables{ssda903.AD1: {"CHILD,DATE_INT",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,"}},
			want: failing{ssda903.AD1: {3, 4}}},
	})
}

func TestRule113(t *testing.T) {
	runRuleCases(t, "113", []ruleCase{
		{name: "dates", data: tables{ssda903.AD1: {"CHILD,DATE_MATCH",
			"1,22/11/2015", "2,08/05/2010", "3,38/04/2019", "4,01/01/19", "5,", "6,31/04/2025"}},
			want: failing{ssda903.AD1: {3, 4, 6}}},
	})
}

func TestRule114(t *testing.T) {
	runRuleCases(t, "114", []ruleCase{
		{name: "codes", data: tables{ssda903.AD1: {"CHILD,FOSTER_CARE",
			"1,0", "2,1", "3,2", "4,former foster carer", "5,", "6,01"}},
			want: failing{ssda903.AD1: {3, 4, 6}}},
	})
}

func TestRule115(t *testing.T) {
	runRuleCases(t, "115", []ruleCase{
		{name: "dates", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,"}},
			want: failing{ssda903.PlacedAdoption: {3, 4}}},
	})
}

func TestRule116(t *testing.T) {
	runRuleCases(t, "116", []ruleCase{
		{name: "dates", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,"}},
			want: failing{ssda903.PlacedAdoption: {3, 4}}},
	})
}

func TestRule117(t *testing.T) {
	runRuleCases(t, "117", []ruleCase{
		{name: "collection end and latest DEC", data: tables{
			ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED",
				"A,26/05/2010,26/05/2010", // 1 passes
				"B,26/05/2010,01/07/2026", // 2 ceased after the collection year
				"C,,26/05/2010",           // 3 passes
				"D,01/02/2016,26/05/2017", // 4 ceased after DEC 10/01/2012 of the latest non-X1 episode
				"E,26/05/2026,",           // 5 placed after the collection year
				"F,01/05/2025,",           // 6 the child's latest episode is open: passes
				"G,01/05/2026,",           // 7 the child has no episode: not checked
				"H,02/02/2025,",           // 8 after DEC of the latest non-X1 episode
				"H,01/01/2025,",           // 9 passes
			},
			ssda903.Episodes: {"CHILD,DECOM,DEC,REC",
				"A,01/01/2009,01/01/2011,E45", // 1
				"B,01/01/2001,01/01/2001,E15", // 2
				"B,20/12/2001,20/12/2001,E15", // 3
				"B,03/01/2019,03/01/2020,E46", // 4 B's latest: fails with row 2
				"B,03/04/2008,03/04/2008,E48", // 5
				"D,10/01/2002,10/01/2012,E11", // 6 D's latest not X1: fails with row 4
				"D,11/02/2010,11/02/2020,X1",  // 7 X1: left out
				"E,25/01/2002,25/01/2003,E47", // 8 E's latest with a valid DECOM: fails with row 5
				"E,,,E45",                     // 9 no DECOM: left out
				"F,01/04/2020,01/04/2021,E11", // 10
				"F,01/04/2024,,",              // 11 open
				"H,01/01/2025,01/02/2025,E11", // 12 same DECOM as row 13, first in the file: H's latest
				"H,01/01/2025,01/03/2025,E11", // 13
			},
		}, want: failing{ssda903.Episodes: {4, 6, 8, 12}, ssda903.PlacedAdoption: {2, 4, 5, 8}}},
		{name: "invalid dates are not compared", data: tables{
			ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED", "A,99/99/2030,31/02/2030"},
			ssda903.Episodes:       {"CHILD,DECOM,DEC,REC", "A,01/01/2020,01/01/2021,E11"},
		}},
	})
}

func TestRule118(t *testing.T) {
	runRuleCases(t, "118", []ruleCase{
		{name: "collection start and earliest DECOM", data: tables{
			ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED",
				"A,08/03/2025", // 1 before the collection year
				"B,22/06/2025", // 2 before DECOM 01/07/2025 of B's earliest non-short-break episode
				"C,13/10/2025", // 3 passes
				"D,",           // 4 not provided
				"E,01/01/2025", // 5 E has no episodes: not checked
				"F,bad date",   // 6 not a date: not compared
				"G,01/05/2025", // 7 passes
				"G,02/03/2025", // 8 before the collection year
			},
			ssda903.Episodes: {"CHILD,DECOM,LS",
				"A,01/01/2019,C2", // 1 A's earliest: fails with row 1
				"B,01/01/2025,V3", // 2 short break: left out
				"B,01/07/2025,C1", // 3 B's earliest: fails with row 2
				"B,03/01/2026,C2", // 4
				"C,01/01/2019,C2", // 5
				"D,01/01/2019,C2", // 6
				"F,01/01/2019,C2", // 7
				"G,01/01/2019,V2", // 8 G's earliest: fails with row 8
				"G,,C2",           // 9 no DECOM
			},
		}, want: failing{ssda903.Episodes: {1, 3, 8}, ssda903.PlacedAdoption: {1, 2, 8}}},
		{name: "only short breaks", data: tables{
			ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED", "A,08/03/2020"},
			ssda903.Episodes:       {"CHILD,DECOM,LS", "A,01/01/2019,V4"},
		}},
	})
}

func TestRule119(t *testing.T) {
	runRuleCases(t, "119", []ruleCase{
		{name: "both or neither", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
			"1,22/11/2025,RD1", "2,08/05/2025,", "3,,RD2", "4,,", "5,not a date,RD3"}},
			want: failing{ssda903.PlacedAdoption: {2, 3}}},
	})
}

func TestRule120(t *testing.T) {
	runRuleCases(t, "120", []ruleCase{
		{name: "codes", data: tables{ssda903.PlacedAdoption: {"CHILD,REASON_PLACED_CEASED",
			"1,rd1", "2,RD0", "3,1", "4,RD1", "5,", "6,RD4"}},
			want: failing{ssda903.PlacedAdoption: {1, 2, 3}}},
	})
}

func TestRule131(t *testing.T) {
	runRuleCases(t, "131", []ruleCase{
		{name: "codes", data: tables{ssda903.OC3: {"CHILD,IN_TOUCH",
			"1,yes", "2,YES", "3,1", "4,REFUSE", "5,REFU", "6,", "7,RHOM"}},
			want: failing{ssda903.OC3: {1, 3, 4, 6}}},
	})
}

func TestRule132(t *testing.T) {
	runRuleCases(t, "132", []ruleCase{
		{name: "codes", data: tables{ssda903.OC3: {"CHILD,ACTIV",
			"1,f1", "2,F1", "3,1", "4,0", "5,G6", "6,"}},
			want: failing{ssda903.OC3: {1, 3, 6}}},
	})
}

func TestRule133(t *testing.T) {
	runRuleCases(t, "133", []ruleCase{
		{name: "codes", data: tables{ssda903.OC3: {"CHILD,ACCOM",
			"1,B1", "2,B2", "3,", "4,s2", "5,K1", "6,X", "7,1", "8,0", "9,S1"}},
			want: failing{ssda903.OC3: {3, 4, 6, 7, 9}}},
	})
}

func TestRule134(t *testing.T) {
	runRuleCases(t, "134", []ruleCase{
		{name: "adoption and OC3 data", data: tables{
			ssda903.OC3: {"CHILD,IN_TOUCH,ACTIV,ACCOM",
				"A,,,", "B,YES,,", "C,,F1,", "D,,,B1", "E,,,", "G,NO,0,0"},
			ssda903.AD1: {"CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
				"A,,,,,,",                            // 1 no data either side
				"B,,01/01/2025,,,,",                  // 2 fails
				"C,01/01/2025,01/02/2025,1,2,MF,L11", // 3 fails
				"D,,,,,,L0",                          // 4 fails
				"E,01/01/2025,01/02/2025,1,2,MF,L11", // 5 no OC3 data
				"F,01/01/2025,01/02/2025,1,2,MF,L11", // 6 no OC3 row
				"G,,,,,,",                            // 7 no adoption data
				"B,02/01/2025,02/02/2025,0,1,F1,L0",  // 8 fails
			}},
			want: failing{ssda903.AD1: {2, 3, 4, 8}}},
	})
}

func TestRule141(t *testing.T) {
	runRuleCases(t, "141", []ruleCase{
		{name: "dates", data: tables{ssda903.Episodes: {"CHILD,DECOM",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,"}},
			want: failing{ssda903.Episodes: {3, 4}}},
	})
}

func TestRule142(t *testing.T) {
	runRuleCases(t, "142", []ruleCase{
		{name: "previous episodes ended", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,REC",
			"111,01/06/2025,04/06/2025,X1", // 1
			"111,05/06/2025,06/06/2025,",   // 2 fails: no REC
			"111,06/06/2025,08/06/2025,X1", // 3
			"111,08/06/2025,05/06/2025,X1", // 4 the last
			"222,05/06/2025,06/06/2025,",   // 5 the only episode
			"333,06/06/2025,,E11",          // 6 fails: no DEC
			"333,07/06/2025,,",             // 7 the last
			"444,08/06/2025,09/06/2025,X1", // 8
			"444,09/06/2025,10/06/2025,E11",
			"444,15/06/2025,,",             // 10 the last
			"666,14/06/2025,,X1",           // 11 fails: no DEC (out of file order)
			"666,12/06/2025,13/06/2025,X1", // 12
			"666,13/06/2025,14/06/2025,X1", // 13
			"666,15/06/2025,16/06/2025,X1", // 14 the last
			"777,16/06/2025,17/06/2025,X1",
			"777,18/06/2025,,X1",            // 16 the last
			"888,01/06/2025,,",              // 17 fails: followed by an episode with no valid DECOM
			"888,31/06/2025,,",              // 18 not a date: counts as the last
			"999,31/06/2025,,",              // 19 not a date: passes
			"999,,,",                        // 20 passes
			",01/06/2025,,",                 // 21 no CHILD: passes
			",02/06/2025,,",                 // 22
			"555,01/06/2025,32/06/2025,E11", // 23 fails: DEC not a date
			"555,01/07/2025,,",              // 24
		}}, want: failing{ssda903.Episodes: {2, 6, 11, 17, 23}}},
	})
}

func TestRule143(t *testing.T) {
	runRuleCases(t, "143", []ruleCase{
		{name: "codes", data: tables{ssda903.Episodes: {"CHILD,RNE", "1,S", "2,p", "3,SP", "4,a", "5,", "6,B"}},
			want: failing{ssda903.Episodes: {2, 3, 4}}},
	})
}

func TestRule144(t *testing.T) {
	runRuleCases(t, "144", []ruleCase{
		{name: "codes", data: tables{ssda903.Episodes: {"CHILD,LS", "1,C1", "2,c1", "3,section 20", "4,", "5,J3", "6,V1"}},
			want: failing{ssda903.Episodes: {2, 3, 6}}},
	})
}

func TestRule145(t *testing.T) {
	runRuleCases(t, "145", []ruleCase{
		{name: "codes", data: tables{ssda903.Episodes: {"CHILD,CIN", "1,N0", "2,N1", "3,N9", "4,n8", "5,", "6,N8"}},
			want: failing{ssda903.Episodes: {1, 3, 4}}},
	})
}

func TestRule146(t *testing.T) {
	runRuleCases(t, "146", []ruleCase{
		{name: "2025/26 codes", data: tables{ssda903.Episodes: {"CHILD,PLACE",
			"1,A2", "2,R4", "3,Z", "4,P1", "5,", "6,t3", "7,Z14", "8,H5", "9,Z1", "10,P2", "11,K3", "12,Z11", "13,k3"}},
			want: failing{ssda903.Episodes: {1, 2, 3, 6, 8, 9, 10, 13}}},
		{name: "2026/27 codes", year: 2027, data: tables{ssda903.Episodes: {"CHILD,PLACE", "1,Z12", "2,Z1", "3,U6"}},
			want: failing{ssda903.Episodes: {2}}},
	})
	if Rules().Find("146", 2025) != nil {
		t.Error("the 2025/26 version of 146 applies in 2024/25")
	}
}

func TestRule147(t *testing.T) {
	runRuleCases(t, "147", []ruleCase{
		{name: "dates", data: tables{ssda903.Episodes: {"CHILD,DEC",
			"1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,"}},
			want: failing{ssda903.Episodes: {3, 4}}},
	})
}

func TestRule148(t *testing.T) {
	runRuleCases(t, "148", []ruleCase{
		{name: "both or neither", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,REC",
			"111,01/06/2025,04/06/2025,",    // fails
			"111,05/06/2025,06/06/2025,X1",  //
			"111,06/06/2025,,X1",            // fails
			"222,05/06/2025,06/06/2025,",    // fails
			"333,07/06/2025,,",              //
			"444,09/06/2025,10/06/2025,E11", //
			"555,09/06/2025,not a date,E11", // present, though not a date
		}}, want: failing{ssda903.Episodes: {1, 3, 4}}},
	})
}

func TestRule149(t *testing.T) {
	runRuleCases(t, "149", []ruleCase{
		{name: "codes", data: tables{ssda903.Episodes: {"CHILD,REC", "1,E4A", "2,E4b", "3,X", "4,", "5,X1", "6,E17", "7,E1"}},
			want: failing{ssda903.Episodes: {2, 3, 7}}},
	})
}
