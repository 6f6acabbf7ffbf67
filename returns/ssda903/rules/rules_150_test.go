package rules

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// openEpisodesData gives children looked after continuously through 2025/26
// (1, 5, 6) and children who were not (2 started in the year, 3 had a short
// break, 7 left before the last day). Child 9 has no episodes.
var openEpisodesData = []string{
	"CHILD,DECOM,RNE,LS,DEC,REC",
	"1,01/01/2024,S,C2,,",
	"2,01/06/2025,S,C2,,",
	"3,01/01/2024,S,V3,,",
	"5,01/01/2024,S,C2,01/10/2025,X1",
	"5,01/10/2025,P,C2,,",
	"6,01/01/2024,S,C2,31/03/2026,E4a",
	"7,01/01/2024,S,C2,30/03/2026,E4a",
}

// placementPostcodes: P1 is 6.2 miles from H1, FAR 1242.8 miles.
var placementPostcodes = testPostcodes{
	"H1":  {"E06000999", 0, 0},
	"P1":  {"E06000999", 10000, 0},
	"FAR": {"E09000001", 2000000, 0},
}

// runCasesWithPostcodes is runRuleCases for the rules that read the
// fields derived from postcodes.
func runCasesWithPostcodes(t *testing.T, code string, postcodes Postcodes, cases []ruleCase) {
	t.Helper()
	runRuleCases(t, code, withReference(postcodes, nil, cases))
}

func TestFam150PostcodeRulesNeedADirectory(t *testing.T) {
	r := buildReturn(t, 2026, tables{ssda903.Episodes: {"CHILD,LS,PL_POST", "1,C2,"}})
	for _, code := range []string{"164", "169", "179"} {
		rep := Run(NewInput(r, nil, nil), []*Rule{Rules().Find(code, 2026)})
		if len(rep.Skipped) != 1 || len(rep.Failures) != 0 {
			t.Errorf("rule %s without a postcode directory: skipped %v, failures %v", code, rep.Skipped, rep.Failures)
		}
	}
}

func TestFam150Years(t *testing.T) {
	for _, x := range []struct {
		code string
		year calendar.Year
		in   bool
	}{{"174", 2024, false}, {"174", 2025, true}, {"174", 2027, true},
		{"178", 2025, false}, {"178", 2026, true}, {"178", 2027, true}, {"199", 2020, true}} {
		if got := Rules().Find(x.code, x.year) != nil; got != x.in {
			t.Errorf("rule %s in %s: %v, want %v", x.code, x.year, got, x.in)
		}
	}
}

func TestRule151(t *testing.T) {
	runRuleCases(t, "151", []ruleCase{
		{name: "all or none", data: tables{ssda903.AD1: {
			"CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
			"1,,,,,,",
			"2,01/05/2025,02/06/2025,1,2,MF,L11",
			"3,01/05/2025,,,,,",
			"4,,02/06/2025,,,,",
			"5,,,0,,,",
			"6,,,,1,,",
			"7,,,,,M1,",
			"8,,,,,,L0",
			"9,01/05/2025,,1,,M1,",
			"10,01/05/2025,02/06/2025,1,2,MF,",
		}}, want: map[ssda903.TableName][]int{ssda903.AD1: {3, 4, 5, 6, 7, 8, 9, 10}}},
	})
}

func TestRule153(t *testing.T) {
	runRuleCases(t, "153", []ruleCase{
		{name: "all or none", data: tables{ssda903.OC3: {
			"CHILD,IN_TOUCH,ACTIV,ACCOM",
			"1,YES,F2,B1", "2,,,", "3,YES,,", "4,,F2,", "5,,,B1", "6,YES,F2,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC3: {3, 4, 5, 6}}},
	})
}

func TestRule157(t *testing.T) {
	runRuleCases(t, "157", []ruleCase{
		{name: "ages and continuity", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,DOB,SDQ_SCORE,SDQ_REASON",
			"1,01/04/2021,,SDQ1", // fourth birthday on the first day: fails
			"1,31/03/2010,,SDQ1", // sixteenth birthday on the last day: fails
			"1,02/04/2021,,SDQ1", // under 4 at the start
			"1,30/03/2010,,SDQ1", // over 16 at the end
			"2,01/01/2015,,SDQ1", // not looked after continuously
			"1,01/01/2015,,SDQ2",
			"1,01/01/2015,10,SDQ1",
			"1,31/02/2015,,SDQ1", // no valid DOB
			"5,01/01/2015,,SDQ1", // fails
			"9,01/01/2015,,SDQ1", // no episodes
			"1,01/01/2015,,sdq1", // not the code SDQ1
			"7,01/01/2015,,SDQ1", // left on 30/03/2026
			"6,01/01/2015,,SDQ1", // left on the last day: fails
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 2, 9, 13}}},
	})
}

func TestRule158(t *testing.T) {
	runRuleCases(t, "158", []ruleCase{
		{name: "offered blank when received", data: tables{ssda903.OC2: {
			"CHILD,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
			"1,1,", "2,,1", "3,0,0", "4,1,1", "5,1,0", "6,0,1",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {4, 5}}},
	})
}

func TestRule159(t *testing.T) {
	runRuleCases(t, "159", []ruleCase{
		{name: "offered when not received", data: tables{ssda903.OC2: {
			"CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
			"1,1,1,", "2,1,0,0", "3,1,0,", "4,1,,", "5,,0,", "6,0,0,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {3}}},
	})
}

func TestRule164(t *testing.T) {
	episodes := []string{
		"CHILD,LS,HOME_POST,PL_POST",
		"1,C2,H1,P1",
		"1,C2,H1,FAR", // 1242.8 miles
		"2,V3,H1,FAR", // short break
		"3,C2,H1,FAR", // UASC this year
		"4,C2,H1,FAR", // UASC last year
		"5,C2,,FAR",   // no distance
		"5,C2,H1,NOWHERE",
	}
	uasc := []string{"CHILD,DUC", "3,"}
	runCasesWithPostcodes(t, "164", placementPostcodes, []ruleCase{
		{name: "with last year", data: tables{ssda903.Episodes: episodes, ssda903.UASC: uasc},
			last: tables{ssda903.UASC: {"CHILD,DUC", "4,01/01/2025"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2}}},
		{name: "this year only", data: tables{ssda903.Episodes: episodes, ssda903.UASC: uasc},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 5}}},
	})
}

func TestRule165(t *testing.T) {
	runRuleCases(t, "165", []ruleCase{
		{name: "2025/26", data: tables{
			ssda903.Episodes: {
				"CHILD,DECOM,DEC,LS",
				"101,01/05/2025,,C2",
				"102,01/05/2025,,C2",
				"103,01/05/2025,,C2",
				"104,01/05/2025,,C2",
				"105,01/01/2020,01/02/2021,C2",
				"106,01/01/2020,01/02/2021,C2",
				"107,01/05/2025,,V3",
				"108,01/01/2020,01/02/2021,C2",
				"109,01/05/2025,,C2",
				"111,01/05/2025,,C2",
				"112,01/01/2020,31/13/2021,C2", // no valid DEC: open, so in the year
			},
			ssda903.Header: {
				"CHILD,SEX,MOTHER",
				"101,M,",  // male, blank
				"102,F,0", //
				"103,F,",  // fails: a girl looked after in the year with no MOTHER
				"104,F,2", // fails: not 0 or 1
				"105,F,",  // no episode in the year
				"106,F,1", // no episode in the year and no OC3
				"107,F,",  // short breaks only
				"108,F,1", // fails: no episode in the year but OC3 given
				"109,M,1", // fails: male
				"110,F,",  // no episodes
				"111,U,",  // sex unknown
				"112,F,",  // fails
			},
			ssda903.OC3: {
				"CHILD,IN_TOUCH,ACTIV,ACCOM",
				"103,YES,F2,B1",
				"105,YES,F2,B1",
				"108,YES,,",
				"108,,,",
				"109,,,",
			},
		}, want: map[ssda903.TableName][]int{ssda903.Header: {3, 4, 8, 9, 12}, ssda903.OC3: {1, 3, 5}}},
		{name: "2023/24 codes", year: 2024, data: tables{
			ssda903.Episodes: {"CHILD,DECOM,DEC,LS", "1,01/05/2023,,C2", "2,01/05/2023,,C2", "3,01/05/2023,,C2"},
			ssda903.Header:   {"CHILD,SEX,MOTHER", "1,2,", "2,1,1", "3,F,"},
		}, want: map[ssda903.TableName][]int{ssda903.Header: {1, 2}}},
	})
}

func TestRule166(t *testing.T) {
	runRuleCases(t, "166", []ruleCase{
		{name: "dates", data: tables{ssda903.Reviews: {
			"CHILD,REVIEW", "1,01/01/2026", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,", "6,1/1/2026",
		}}, want: map[ssda903.TableName][]int{ssda903.Reviews: {3, 4, 5}}},
	})
}

func TestRule167(t *testing.T) {
	runRuleCases(t, "167", []ruleCase{
		{name: "codes", data: tables{ssda903.Reviews: {
			"CHILD,REVIEW,REVIEW_CODE",
			"1,01/02/2026,pn0",
			"2,31/03/2026,child too young",
			"3,12/12/2025,PN3",
			"4,05/07/2025,",
			"5,,",
			"6,,PN1",
			"7,not a date,PN2",
		}}, want: map[ssda903.TableName][]int{ssda903.Reviews: {1, 2, 4, 6}}},
	})
}

func TestRule168(t *testing.T) {
	runRuleCases(t, "168", []ruleCase{
		{name: "UPNs", data: tables{ssda903.Header: {
			"CHILD,UPN",
			"1,UN3",
			"2,E07295962325C1556",
			"3,UN5",
			"4,UN7",
			"5,UPN3sDSG",
			"6,X06805040829A",
			"7,5035247309594",
			"8,",
			"9,L086819786126",
			"10,K06014812931",
			"11,I072272729588",
			"12,N075491517151",
			"13,S074885779408",
			"14,O074885779408",
			"15,x06805040829A",
			"16,A12345678901a",
			"17,UN0",
			"18,A1234567890AB",
		}}, want: map[ssda903.TableName][]int{ssda903.Header: {2, 4, 5, 7, 10, 11, 13, 14, 15, 16, 17, 18}}},
	})
}

func TestRule169(t *testing.T) {
	runCasesWithPostcodes(t, "169", placementPostcodes, []ruleCase{
		{name: "placement LA", data: tables{ssda903.Episodes: {
			"CHILD,LS,PL_POST", "1,C2,P1", "2,C2,", "3,C2,ZZ9", "4,V3,", "5,V4,ZZ9", "6,C1,FAR",
		}}, want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 3}}},
	})
}

func TestRule171(t *testing.T) {
	runRuleCases(t, "171", []ruleCase{
		{name: "dates", data: tables{ssda903.Header: {
			"CHILD,MC_DOB", "1,01/01/2021", "2,19/02/2010", "3,38/04/2019", "4,01/01/19", "5,",
		}}, want: map[ssda903.TableName][]int{ssda903.Header: {3, 4}}},
	})
}

func TestRule174(t *testing.T) {
	rows := tables{ssda903.Header: {
		"CHILD,SEX,MC_DOB", "1,M,", "2,M,19/02/2010", "3,F,", "4,F,19/02/2010", "5,U,19/02/2010", "6,M,unknown",
	}}
	runRuleCases(t, "174", []ruleCase{
		{name: "2025/26", data: rows, want: map[ssda903.TableName][]int{ssda903.Header: {2, 6}}},
		{name: "2024/25", year: 2025, data: rows, want: map[ssda903.TableName][]int{ssda903.Header: {2, 6}}},
	})
}

func TestRule175(t *testing.T) {
	runRuleCases(t, "175", []ruleCase{
		{name: "codes", data: tables{ssda903.AD1: {"CHILD,NB_ADOPTR", "1,0", "2,1", "3,2", "4,", "5,3", "6,01"}},
			want: map[ssda903.TableName][]int{ssda903.AD1: {1, 5, 6}}},
	})
}

func TestRule176(t *testing.T) {
	runRuleCases(t, "176", []ruleCase{
		{name: "codes", data: tables{ssda903.AD1: {"CHILD,SEX_ADOPTR", "1,m1", "2,F1", "3,MM", "4,1", "5,", "6,FM", "7,MF"}},
			want: map[ssda903.TableName][]int{ssda903.AD1: {1, 4, 6}}},
	})
}

func TestRule177(t *testing.T) {
	runRuleCases(t, "177", []ruleCase{
		{name: "codes", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR", "1,L0", "2,L11", "3,L1", "4,l2", "5,", "6,L4"}},
			want: map[ssda903.TableName][]int{ssda903.AD1: {3, 4}}},
	})
}

func TestRule178(t *testing.T) {
	rows := tables{ssda903.Episodes: {
		"CHILD,PLACE,PLACE_PROVIDER",
		"1,U1,PR0",
		"2,T0,PR1",  // no provider for T0
		"3,U2,",     //
		"4,Z1,",     //
		"5,T1,",     //
		"6,,",       //
		"7,U1,pr4",  // not a code
		"8,Z14,PR5", // no provider for Z14
		"9,Z11,",    //
		"10,z12,PR5",
		"11,T4,PR1",
		"12,U1,PR6", // not a code
	}}
	runRuleCases(t, "178", []ruleCase{
		{name: "2025/26", data: rows, want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 7, 8, 12}}},
		{name: "2026/27", year: 2027, data: rows, want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 7, 8, 12}}},
	})
}

func TestRule179(t *testing.T) {
	runCasesWithPostcodes(t, "179", placementPostcodes, []ruleCase{
		{name: "placement location", data: tables{ssda903.Episodes: {
			"CHILD,LS,PL_POST", "1,C2,P1", "2,C2,FAR", "3,C2,", "4,C2,ZZ9", "5,V3,", "6,V4,ZZ9",
		}}, want: map[ssda903.TableName][]int{ssda903.Episodes: {3, 4}}},
	})
}

func TestRule180(t *testing.T) {
	runRuleCases(t, "180", []ruleCase{
		{name: "scores", data: tables{ssda903.OC2: {
			"CHILD,SDQ_SCORE", "1,10", "2,41", "3,58", "4,0", "5,40", "6,39.5", "7,20.0", "8,", "9,XX", "10,-1", "11,0x10",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {2, 3, 6, 9, 10, 11}}},
	})
}

func TestRule181(t *testing.T) {
	runRuleCases(t, "181", []ruleCase{
		{name: "0 or 1", data: tables{ssda903.OC2: {
			"CHILD,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
			"1,1,0,1,0,1,0,1,0",
			"2,,,,,,,,",
			"3,2,,,,,,,",
			"4,,yes,,,,,,",
			"5,,,,,,,,1.0",
			"6,0,0,0,0,0,1,0,",
			"7,,,,,2,,,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {3, 4, 5, 7}}},
	})
}

func TestRule182(t *testing.T) {
	runRuleCases(t, "182", []ruleCase{
		{name: "completed together", data: tables{ssda903.OC2: {
			"CHILD,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,CONVICTED,HEALTH_CHECK,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
			"1,,,,,,,,",
			"2,,,,,1,,,",
			"3,,,,,,0,,",
			"4,1,1,1,,,,1,",
			"5,,,,,,,,1",
			"6,1,1,1,1,1,1,1,1",
			"7,,1,,1,1,1,1,",
			"8,1,1,1,1,,,,",
			"9,1,,,,,,,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {2, 3, 4, 5, 7}}},
	})
}

func TestRule184(t *testing.T) {
	runRuleCases(t, "184", []ruleCase{
		{name: "before birth", data: tables{
			ssda903.Header: {"CHILD,DOB", "1,01/10/2017", "2,31/05/2018", "3,10/03/2019", "4,19/08/2020", "5,31/02/2019"},
			ssda903.PlacedAdoption: {
				"CHILD,DATE_PLACED",
				"1,01/10/2017", // the day of birth
				"2,10/02/2018", // fails
				"3,10/02/2020",
				"4,",
				"5,01/01/2020", // no valid DOB
				"6,01/01/2020", // no Header row
				"2,10/02/218",  // no valid DATE_PLACED
				"4,18/08/2020", // fails
			},
		}, want: map[ssda903.TableName][]int{ssda903.PlacedAdoption: {2, 8}}},
	})
}

func TestRule185(t *testing.T) {
	runRuleCases(t, "185", []ruleCase{
		{name: "score only if continuous", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,SDQ_SCORE", "9,10", "1,", "1,10", "3,10", "2,", "7,5", "6,5", "5,12", "2,0",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 4, 6, 9}}},
	})
}

func TestRule186(t *testing.T) {
	runRuleCases(t, "186", []ruleCase{
		{name: "score or reason needed", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,DOB,SDQ_SCORE,SDQ_REASON",
			"1,01/04/2021,,", // fourth birthday on the first day: fails
			"1,01/04/2009,,", // seventeenth birthday after the last day: fails
			"1,31/03/2009,,", // 17 on the last day
			"1,02/04/2021,,", // under 4 at the start
			"1,01/01/2015,10,",
			"1,01/01/2015,,SDQ2",
			"2,01/01/2015,,",
			"3,01/01/2015,,",
			"9,01/01/2015,,",
			"5,01/01/2015,,", // fails
			"1,1/13/2015,,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 2, 10}}},
	})
}

func TestRule187(t *testing.T) {
	runRuleCases(t, "187", []ruleCase{
		{name: "no AD1 or OC3 when continuous", data: tables{
			ssda903.Episodes: openEpisodesData,
			ssda903.OC3:      {"CHILD,IN_TOUCH,ACTIV,ACCOM", "9,YES,,", "1,YES,,", "2,YES,,", "1,,,", "5,,,B1"},
			ssda903.AD1:      {"CHILD,DATE_INT,FOSTER_CARE", "1,01/05/2025,", "2,01/05/2025,", "3,01/05/2025,", "6,,1", "1,,"},
		}, want: map[ssda903.TableName][]int{ssda903.OC3: {2, 5}, ssda903.AD1: {1, 4}}},
	})
}

func TestRule188(t *testing.T) {
	runRuleCases(t, "188", []ruleCase{
		{name: "under 4", data: tables{ssda903.OC2: {
			"CHILD,DOB,SDQ_SCORE,SDQ_REASON",
			"1,01/01/2015,10,",
			"2,01/01/2023,10,", // fails
			"3,01/01/2023,,",
			"4,31/03/2022,5,", // 4 on the last day
			"5,01/04/2022,,SDQ1",
			"6,01/01/2023x,10,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {2, 5}}},
	})
}

func TestRule189(t *testing.T) {
	runRuleCases(t, "189", []ruleCase{
		{name: "17 or over", data: tables{ssda903.OC2: {
			"CHILD,DOB,SDQ_SCORE,SDQ_REASON",
			"1,31/03/2008,10,", // 17 the day before the year began: fails
			"2,01/04/2008,10,", // 17 on the first day
			"3,01/01/2000,,",
			"4,01/01/2000,,SDQ1", // fails
			"5,1/1/200,10,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 4}}},
	})
}

func TestRule190(t *testing.T) {
	runRuleCases(t, "190", []ruleCase{
		{name: "only when continuous", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,CONVICTED,HEALTH_CHECK,INTERVENTION_OFFERED",
			"9,1,,", "1,1,1,", "2,,,", "3,,0,", "7,0,,", "5,1,1,", "2,,,0",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 4, 5, 7}}},
	})
}

func TestRule191(t *testing.T) {
	runRuleCases(t, "191", []ruleCase{
		{name: "completed when continuous", data: tables{
			ssda903.Episodes: {
				"CHILD,DECOM,RNE,LS,DEC,REC",
				"1,01/01/2024,S,C2,,",
				"2,01/06/2025,S,C2,,",
				"5,01/01/2024,S,C2,01/10/2025,X1",
				"5,01/10/2025,P,C2,,",
				"6,01/01/2024,S,C2,,",             // fails: no OC2 row
				"8,01/10/2025,P,C2,,",             //
				"8,01/01/2024,S,C2,01/10/2025,X1", // fails: the earliest episode of a child with no OC2 row
				"10,01/06/2025,S,C2,,",
			},
			ssda903.OC2: {
				"CHILD,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE",
				"1,1,1,1,0",
				"1,,1,1,0", // fails
				"2,,,,",
				"5,1,1,,0", // fails
				"9,,,,",
			},
		}, want: map[ssda903.TableName][]int{ssda903.OC2: {2, 4}, ssda903.Episodes: {5, 7}}},
	})
}

func TestRule192(t *testing.T) {
	runRuleCases(t, "192", []ruleCase{
		{name: "received when misuse", data: tables{ssda903.OC2: {
			"CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED", "1,0,0", "2,,", "3,0,1", "4,1,1", "5,1,", "6,1,0",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {5}}},
	})
}

func TestRule193(t *testing.T) {
	runRuleCases(t, "193", []ruleCase{
		{name: "no intervention without misuse", data: tables{ssda903.OC2: {
			"CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
			"1,0,0,0", "2,,,", "3,0,1,1", "4,1,1,1", "5,,1,", "6,,,0", "7,0,,", "8,2,1,",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 3, 5, 6}}},
	})
}

func TestRule196(t *testing.T) {
	runRuleCases(t, "196", []ruleCase{
		{name: "codes", data: tables{ssda903.OC2: {"CHILD,SDQ_REASON", "1,SDQ2", "2,sdq2", "3,", "4,SDQ6", "5,SDQ5"}},
			want: map[ssda903.TableName][]int{ssda903.OC2: {2, 4}}},
	})
}

func TestRule197B(t *testing.T) {
	runRuleCases(t, "197B", []ruleCase{
		{name: "4- and 17-year-olds", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,DOB,SDQ_SCORE,SDQ_REASON",
			"1,01/04/2021,,", // 4 on the first day: fails
			"1,31/03/2022,,", // 4 on the last day: fails
			"1,31/03/2021,,", // 4 before the year
			"1,01/04/2008,,", // 17 on the first day: fails
			"1,31/03/2009,,", // 17 on the last day: fails
			"1,01/04/2009,,", // 17 after the year
			"1,01/01/2015,,",
			"2,01/01/2022,,", // not continuous
			"1,01/01/2022,8,",
			"1,01/01/2022,,SDQ1",
			"5,01/01/2022,,", // fails
			"9,01/01/2022,,", // no episodes
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 2, 4, 5, 11}}},
	})
}

func TestRule197a(t *testing.T) {
	runRuleCases(t, "197a", []ruleCase{
		{name: "reason only without score", data: tables{ssda903.OC2: {
			"CHILD,SDQ_SCORE,SDQ_REASON", "1,0,SDQ1", "2,,", "3,10,", "4,1,SDQ4", "5,,SDQ4",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 4}}},
	})
}

func TestRule198(t *testing.T) {
	runRuleCases(t, "198", []ruleCase{
		{name: "reason only if continuous", data: tables{ssda903.Episodes: openEpisodesData, ssda903.OC2: {
			"CHILD,SDQ_REASON", "9,SDQ1", "1,", "2,SDQ2", "3,SDQ1", "1,SDQ4", "6,SDQ4", "7,SDQ4",
		}}, want: map[ssda903.TableName][]int{ssda903.OC2: {1, 3, 4, 7}}},
	})
}

func TestRule199(t *testing.T) {
	this := tables{ssda903.Episodes: {
		"CHILD,DECOM,DEC,REC",
		"103,16/04/2025,,",              // after last year's adoption
		"105,02/05/2025,03/05/2025,X1",  //
		"105,03/05/2025,04/05/2025,E11", // the first adoption
		"105,03/12/2025,04/12/2025,E11", // fails
		"105,12/05/2025,,",              // fails
		"107,04/12/2025,,XXX",           // fails
		"107,26/11/2017,04/12/2025,E12", // the first adoption, before last year's of the same day
		"106,xx/05/2025,02/05/2025,E11", // no valid DECOM: left out
		"106,03/05/2025,,",              //
		"102,01/09/2025,,",              // after last year's adoption
		"108,01/05/2025,01/06/2025,E12", //
		"108,01/06/2025,,E12",           // fails
	}}
	last := tables{ssda903.Episodes: {
		"CHILD,DECOM,DEC,REC",
		"101,15/06/2016,20/12/2024,E11",
		"102,08/10/2017,03/03/2018,E11",
		"102,06/03/2018,12/08/2024,E4a",
		"103,11/05/2015,07/04/2024,E12",
		"107,26/11/2017,,E12",
	}}
	runRuleCases(t, "199", []ruleCase{
		{name: "this year only", data: this, want: map[ssda903.TableName][]int{ssda903.Episodes: {4, 5, 6, 12}}},
		{name: "with last year", data: this, last: last,
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 4, 5, 6, 10, 12}}},
	})
}
