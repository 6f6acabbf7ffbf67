package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestRule1000(t *testing.T) {
	runRuleCases(t, "1000", []ruleCase{
		{name: "died this year or last",
			data: tables{
				ssda903.Episodes: {"CHILD,REC", "2,E2", "3,X1", "4,"},
				ssda903.OC3:      {"CHILD,IN_TOUCH", "1,YES", "2,YES", "3,YES", "4,DIED", "5,YES"},
			},
			last: tables{ssda903.Episodes: {"CHILD,REC", "1,X1", "1,E2", "3,E4A"}},
			want: failing{ssda903.OC3: {1, 2}}},
	})
}

func TestRule1001(t *testing.T) {
	// Year 2025/26 ends 31/03/2026. Born 01/01/2008: 14 on 01/01/2022, 16
	// on 01/01/2024.
	header := []string{"CHILD,DOB", "a,01/01/2008", "b,01/01/2008", "c,01/01/2008", "d,01/01/2008", "e,01/01/2008",
		"f,01/01/2005", "g,01/01/2008", "i,01/01/2008", "j,"}
	oc3 := []string{"CHILD,IN_TOUCH", "a,YES", "b,YES", "c,YES", "d,YES", "e,YES", "f,YES", "g,YES", "h,YES", "i,YES", "j,YES"}
	runRuleCases(t, "1001", []ruleCase{
		{name: "relevant children",
			data: tables{
				ssda903.Header: header,
				ssda903.OC3:    oc3,
				ssda903.Episodes: {"CHILD,DECOM,DEC,LS,REC",
					"a,01/04/2025,,C2,",              // open: counted to 31/03/2026
					"c,01/04/2025,,V3,",              // short breaks only: fails
					"d,01/01/2024,02/01/2024,C2,E4A", // 1 day since 16
					"e,01/04/2025,01/03/2026,C2,E11", // adopted: fails
					"g,01/01/2025,,C2,",              // last year has the same DECOM with a DEC, which is kept
					"h,01/04/2025,,C2,",              // no Header row
					"j,01/04/2025,,C2,",              // no DOB
					"i,01/04/2025,,C2,",              // no DEC but not the latest: not counted
					"i,01/03/2026,xx,C2,",            // the latest: counted to 31/03/2026, 30 days: fails
					"e,01/04/2024,01/04/2025,C2,X1",
				},
			},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,LS,REC",
				"b,01/01/2023,01/02/2023,C2,E4A", // 31 days since 14, none since 16: fails
				"d,01/01/2022,01/06/2022,C2,E4A", // 151 days since 14
				"g,01/01/2025,01/02/2025,C2,E4A", // 31 days: fails
				"f,01/01/2020,01/01/2021,C2,E4A", // aged 21: not checked
			}},
			want: failing{ssda903.OC3: {2, 3, 5, 7, 9}}},
		{name: "no episodes last year",
			data: tables{
				ssda903.Header:   header,
				ssda903.OC3:      oc3,
				ssda903.Episodes: {"CHILD,DECOM,DEC,LS,REC", "c,01/04/2025,,V3,"},
			},
			last: tables{}},
	})
}

func TestRule1002(t *testing.T) {
	runRuleCases(t, "1002", []ruleCase{
		{name: "no episodes either year",
			data: tables{
				ssda903.Episodes: {"CHILD,DEC", "1,20/05/2025"},
				ssda903.OC3:      {"CHILD", "1", "2", "3", "4"},
			},
			last: tables{ssda903.Episodes: {"CHILD,DEC", "1,", "2,14/03/2025", "3,"}},
			want: failing{ssda903.OC3: {4}}},
	})
}

func TestRule1003(t *testing.T) {
	runRuleCases(t, "1003", []ruleCase{
		{name: "placed before looked after",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,RNE",
					"1,01/05/2025,S", // fails
					"2,01/01/2025,P",
					"2,01/08/2025,S",
					"2,01/06/2025,S", // first S: DATE_PLACED is after
					"3,01/05/2025,S",
					"4,01/05/2025,P",
					"5,01/05/2025,S", // fails once for two PlacedAdoption rows
				},
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED",
					"1,01/04/2025", // fails
					"2,01/07/2025",
					"3,",
					"4,01/01/2020",
					"5,01/01/2025", // fails
					"5,02/01/2025", // fails
				},
			},
			want: failing{ssda903.Episodes: {1, 7}, ssda903.PlacedAdoption: {1, 5, 6}}},
	})
}

func TestRule1004(t *testing.T) {
	runRuleCases(t, "1004", []ruleCase{
		{name: "start dates",
			data: tables{ssda903.Missing: {"CHILD,MIS_START,MIS_END", "1,08/03/2025,08/03/2025", "2,,22/06/2025", "3,10/24/2025,", "4,13/10/25,"}},
			want: failing{ssda903.Missing: {2, 3, 4}}},
	})
}

func TestRule1005(t *testing.T) {
	runRuleCases(t, "1005", []ruleCase{
		{name: "end dates",
			data: tables{ssda903.Missing: {"CHILD,MIS_START,MIS_END", "1,08/03/2025,08/03/2025", "2,22/06/2025,", "3,,22/06/2025", "4,13/10/2025,13/10/25"}},
			want: failing{ssda903.Missing: {4}}},
	})
}

func TestRule1006(t *testing.T) {
	runRuleCases(t, "1006", []ruleCase{
		{name: "codes",
			data: tables{ssda903.Missing: {"CHILD,MISSING", "1,M", "2,A", "3,AWAY", "4,NA", "5,", "6,m"}},
			want: failing{ssda903.Missing: {3, 4, 6}}},
	})
}

func TestRule1007(t *testing.T) {
	// The year ends 31/03/2026.
	runRuleCases(t, "1007", []ruleCase{
		{name: "looked after on the birthday",
			data: tables{
				ssda903.OC3: {"CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
					"1,01/02/2009,YES,,", // 17 on 01/02/2026, in care then: fails
					"2,01/02/2009,YES,,", // left care before
					"3,01/09/2008,,F1,",  // 17 on 01/09/2025, episode still open: fails
					"4,01/02/2009,,,",    // nothing provided
					"5,01/02/2006,YES,,", // aged 20
					"6,01/02/2009,YES,,", // left care on the birthday
					"7,01/10/2007,,,U1",  // 18 on 01/10/2025, in care: fails
					"8,,YES,,",           // no DOB
				},
				ssda903.Episodes: {"CHILD,DECOM,DEC",
					"1,01/01/2025,01/03/2026",
					"2,01/01/2025,31/01/2026",
					"3,01/04/2025,",
					"4,01/01/2025,01/03/2026",
					"5,01/01/2025,01/03/2026",
					"6,01/01/2025,01/02/2026",
					"7,01/04/2025,02/10/2025",
					"8,01/01/2025,01/03/2026",
				},
			},
			want: failing{ssda903.OC3: {1, 3, 7}}},
	})
}

func TestRule1008(t *testing.T) {
	providers := testProviders{"SC111111": {URN: "SC111111"}, "1234567": {URN: "1234567"}}
	runRuleCases(t, "1008", withReference(nil, providers, []ruleCase{
		{name: "URNs",
			data: tables{ssda903.Episodes: {"CHILD,URN", "1,SC111111", "1,", "2,1234567", "2,XXXXXXX", "3,2345", "3,XXXXXX", "4,sc111111"}},
			want: failing{ssda903.Episodes: {5, 6, 7}}},
	}))
}

func TestRule1009(t *testing.T) {
	runRuleCases(t, "1009", []ruleCase{
		{name: "codes",
			data: tables{ssda903.Episodes: {"CHILD,REASON_PLACE_CHANGE", "1,CARPL", "2,OTHER", "3,other", "4,NA", "5,", "6,CUSTOD"}},
			want: failing{ssda903.Episodes: {3, 4}}},
	})
}

func TestRule1010(t *testing.T) {
	runRuleCases(t, "1010", []ruleCase{
		{name: "open last year, nothing this year",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM", "1,01/04/2025"},
				ssda903.OC3:      {"CHILD", "1", "2", "3", "4"},
			},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,DEC",
				"1,01/01/2024,20/06/2024",
				"1,11/11/2024,", // has episodes this year
				"2,03/10/2024,",
				"2,11/11/2024,14/03/2025", // the latest is closed
				"3,01/01/2024,01/01/2025",
				"3,01/01/2025,", // the latest is open: fails
				"3,xx,01/02/2025",
			}},
			want: failing{ssda903.OC3: {3}}},
	})
}

func TestRule1011(t *testing.T) {
	runRuleCases(t, "1011", []ruleCase{
		{name: "final E3",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,REC",
					"1,01/06/2025,E3", "1,05/06/2025,E11", "1,06/06/2025,E3", // final E3
					"2,05/06/2025,E3",
					"3,06/06/2025,X1", "3,07/06/2025,E3",
					"4,08/06/2025,E3", "4,15/06/2025,X1", // final X1
					"5,15/06/2025,E3",
					"6,15/06/2025,",
					"8,15/06/2025,E3", "8,15/06/2025,X1", // equal DECOM: the first in the file is final
				},
				ssda903.OC3: {"CHILD,IN_TOUCH,ACTIV,ACCOM",
					"1,YES,,B1", // fails
					"2,,,",      // nothing provided
					"3,YES,,",   // fails
					"7,YES,,",
					"5,,F1,", // fails
					"4,YES,,",
					"6,YES,,",
					"8,YES,,", // fails
				},
			},
			want: failing{ssda903.OC3: {1, 3, 5, 8}}},
	})
}

func TestRule1012(t *testing.T) {
	runRuleCases(t, "1012", []ruleCase{
		{name: "other tables without episodes",
			data: tables{
				ssda903.Episodes:       {"CHILD", "1", "2", "3", "4", "5", "5", "6"},
				ssda903.PlacedAdoption: {"CHILD", "7", "2"},
				ssda903.Missing:        {"CHILD", "1", "8"},
				ssda903.Reviews:        {"CHILD", "1", "2", "9"},
				ssda903.AD1:            {"CHILD", "10", "5"},
				ssda903.PrevPerm:       {"CHILD", "6", "11"},
				ssda903.OC2:            {"CHILD", "12", "3"},
				ssda903.OC3:            {"CHILD", "13"}, // not checked
			},
			want: failing{ssda903.PlacedAdoption: {1}, ssda903.Missing: {2}, ssda903.Reviews: {3}, ssda903.AD1: {1},
				ssda903.PrevPerm: {2}, ssda903.OC2: {1}}},
	})
}

func TestRule1014(t *testing.T) {
	// The year runs 01/04/2025 to 31/03/2026.
	runRuleCases(t, "1014", []ruleCase{
		{name: "UASC care leavers",
			data: tables{
				ssda903.UASC: {"CHILD,DUC", "1,05/06/2024", "2,", "3,", "4,", "5,", "6,"},
				ssda903.OC3:  {"CHILD,IN_TOUCH,ACTIV,ACCOM", "1,YES,,", "2,YES,,", "3,YES,,", "4,,,", "5,,F1,", "6,YES,,", "7,YES,,"},
				ssda903.Episodes: {"CHILD,DECOM,DEC",
					"1,01/01/2025,01/02/2025", // before the year: UASC and OC3 fail
					"2,01/01/2025,01/02/2025",
					"2,01/03/2025,01/04/2025", // ends on the first day of the year
					"4,01/01/2025,01/02/2025", // nothing provided
					"5,01/05/2026,",           // starts after the year: fails
					"6,01/01/2020,",           // open
					"7,01/01/2025,01/02/2025", // not UASC
				},
			},
			want: failing{ssda903.UASC: {1, 5}, ssda903.OC3: {1, 5}}},
	})
}

func TestRule1015(t *testing.T) {
	runRuleCases(t, "1015", withReference(milesPostcodes, nil, []ruleCase{
		{name: "own provision elsewhere",
			data: tables{ssda903.Episodes: {"CHILD,PLACE,LS,PLACE_PROVIDER,PL_POST",
				"1,K2,C2,PR1,PFAR", // another LA: fails
				"2,K2,C2,PR1,PA",
				"3,U1,C2,PR1,PFAR", // fostering
				"4,K2,V3,PR1,PFAR", // short breaks
				"5,K2,C2,PR2,PFAR",
				"6,,C2,PR1,PFAR",
				"7,K2,,PR1,PFAR",
				"8,K2,C2,PR1,NOWHERE", // LA unknown: fails
			}},
			want: failing{ssda903.Episodes: {1, 8}}},
	}))
}

func TestRule1016(t *testing.T) {
	// The year ends 31/03/2026.
	runRuleCases(t, "1016", []ruleCase{
		{name: "ceased after the birthday",
			data: tables{
				ssda903.OC3: {"CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
					"1,31/03/2008,YES,F1,B1", // 18 on 31/03/2026, left that day: fails
					"2,31/03/2008,YES,F1,B1", // left the day before
					"3,31/03/2009,YES,,",     // 17 on 31/03/2026, left that day: fails
					"4,31/03/2009,,,",        // nothing provided
					"5,31/03/2010,YES,,",     // 16
					"6,31/03/2008,YES,,",     // no DEC
					"7,01/01/2008,YES,,",     // no episodes
					"8,,YES,,",               // no DOB
				},
				ssda903.Episodes: {"CHILD,DEC",
					"1,31/03/2026", "2,30/03/2026", "3,31/03/2026", "4,31/03/2026", "5,31/03/2026", "6,", "8,31/03/2026"},
			},
			want: failing{ssda903.OC3: {1, 3}}},
	})
	if Rules().Find("1016", 2023) != nil {
		t.Error("rule 1016 applies in 2022/23")
	}
}

func TestRule3001(t *testing.T) {
	// The year runs 01/04/2025 to 31/03/2026.
	runRuleCases(t, "3001", []ruleCase{
		{name: "former foster carers at 17",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,16/03/2008", "2,23/09/2008", "3,31/12/2010", "4,"},
				ssda903.OC3:    {"CHILD,ACCOM", "1,Z1", "2,Z2", "1,T1", "2,", "3,Z1", "2,Z3", "4,Z1"},
			},
			want: failing{ssda903.OC3: {2}}},
		{name: "17th birthday on the year's first and last days",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,01/04/2008", "2,31/03/2009", "3,31/03/2008"},
				ssda903.OC3:    {"CHILD,ACCOM", "1,Z1", "2,Z2", "3,Z1"},
			},
			want: failing{ssda903.OC3: {1, 2}}},
	})
}
