package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// metresPerMile is one mile in metres as the DfE's distance formula has it.
const metresPerMile = 1609.3

// milesPostcodes: H1 is home; PA, PB and PC are 10.0, 10.1 and 10.2 miles
// away in the return's own LA (E06000999); PFAR is 400 miles away in
// another; P350, P351 and P999 are 350, 351 and 999.9 miles away.
var milesPostcodes = testPostcodes{
	"H1":   {"E06000999", 0, 0},
	"PA":   {"E06000999", 10.0 * metresPerMile, 0},
	"PB":   {"E06000999", 10.1 * metresPerMile, 0},
	"PC":   {"E06000999", 10.2 * metresPerMile, 0},
	"PFAR": {"E09000001", 400 * metresPerMile, 0},
	"P350": {"E09000001", 350 * metresPerMile, 0},
	"P351": {"E09000001", 351 * metresPerMile, 0},
	"P999": {"E09000001", 999.9 * metresPerMile, 0},
}

func TestRule406(t *testing.T) {
	runRuleCases(t, "406", withReference(milesPostcodes, nil, []ruleCase{
		{name: "UASC this year or last",
			data: tables{
				ssda903.UASC: {"CHILD,DUC", "1,"},
				ssda903.Episodes: {"CHILD,DECOM,HOME_POST,PL_POST",
					"1,01/05/2025,H1,PA",      // UASC, has a distance: fails
					"1,02/05/2025,,PA",        // no home postcode, no distance
					"2,01/05/2025,H1,PB",      // UASC last year: fails
					"3,01/05/2025,H1,PA",      // never UASC
					"1,03/05/2025,H1,NOWHERE", // placement postcode unknown
				},
			},
			last: tables{ssda903.UASC: {"CHILD,DUC", "2,"}},
			want: failing{ssda903.Episodes: {1, 3}}},
		{name: "no UASC child",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,HOME_POST,PL_POST", "1,01/05/2025,H1,PA"}},
			last: tables{}},
	}))
}

func TestRule407(t *testing.T) {
	runRuleCases(t, "407", []ruleCase{
		{name: "SGO after 18",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,01/01/2000", "2,01/01/2000", "3,", "4,01/06/2007"},
				ssda903.Episodes: {"CHILD,DEC,REC",
					"1,01/01/2018,E45", // on the 18th birthday
					"1,02/01/2018,E46", // after: fails
					"2,02/01/2018,X1",
					"3,02/01/2018,E47", // no DOB
					"4,01/05/2025,E48", // aged 17
					"1,,E48",           // no DEC
					"1,05/05/2025,E48", // fails; Header row 1 once
				},
			},
			want: failing{ssda903.Episodes: {2, 7}, ssda903.Header: {1}}},
	})
}

func TestRule408(t *testing.T) {
	runRuleCases(t, "408", []ruleCase{
		{name: "placement order",
			data: tables{ssda903.Episodes: {"CHILD,PLACE,LS", "1,A5,V2", "2,A6,E1", "3,A5,", "4,U1,C2", "5,A6,C2"}},
			want: failing{ssda903.Episodes: {1, 3, 5}}},
	})
}

func TestRule411(t *testing.T) {
	data := tables{ssda903.Episodes: {"CHILD,DECOM,HOME_POST,PL_POST", "1,01/05/2025,H1,PA", "2,01/05/2025,H1,PFAR", "3,01/05/2025,H1,"}}
	runRuleCases(t, "411", withReference(milesPostcodes, nil, []ruleCase{
		{name: "derived location agrees", data: data},
		{name: "IN but another LA", data: data,
			mutate: func(in *Input) {
				in.This.Episodes[1].Derived.PL_LOCATION = "IN" // PFAR is in E09000001
				in.This.Episodes[2].Derived.PL_LOCATION = "IN" // no PL_LA at all
			},
			want: failing{ssda903.Episodes: {2, 3}}},
	}))
}

func TestRule420(t *testing.T) {
	runRuleCases(t, "420", withReference(milesPostcodes, nil, []ruleCase{
		{name: "short breaks",
			data: tables{ssda903.Episodes: {"CHILD,LS,PL_POST", "1,V3,PA", "2,V4,NOWHERE", "3,C2,PA", "4,V4,PFAR", "5,V3,"}},
			want: failing{ssda903.Episodes: {1, 4}}},
	}))
}

func TestRule426(t *testing.T) {
	runRuleCases(t, "426", []ruleCase{
		{name: "V3 and V4",
			data: tables{ssda903.Episodes: {"CHILD,LS",
				"1,V3", "1,V3", // only V3
				"2,V3", "2,V4", "2,C2", // both: the V3 and V4 fail
				"3,V4",
				"4,V4", "4,V3", "4,V3",
			}},
			want: failing{ssda903.Episodes: {3, 4, 7, 8, 9}}},
	})
}

func TestRule431(t *testing.T) {
	runRuleCases(t, "431", []ruleCase{
		{name: "started on the day the previous ended",
			data: tables{ssda903.Episodes: {"CHILD,RNE,DECOM,DEC",
				"1,S,08/06/2025,10/06/2025", // previous ended 08/06: fails
				"1,S,01/06/2025,04/06/2025",
				"1,S,05/06/2025,06/06/2025", // previous ended 04/06
				"1,T,06/06/2025,08/06/2025",
				"2,S,10/06/2025,12/06/2025",
				"2,S,11/06/2025,", // before the previous ended: fails
				"3,S,01/05/2025,",
				"3,S,02/05/2025,", // previous open: no DEC to compare
				"4,S,01/05/2025,xx",
				"4,S,02/05/2025,",
			}},
			want: failing{ssda903.Episodes: {1, 6}}},
	})
}

func TestRule432(t *testing.T) {
	runRuleCases(t, "432", []ruleCase{
		{name: "ceased then not S",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,REC",
				"1,01/05/2025,S,E3",
				"1,02/05/2025,P,X1", // previous E3: fails
				"1,03/05/2025,T,E4A",
				"1,04/05/2025,S,",
				"2,01/05/2025,S,E2",
				"2,02/05/2025,,", // fails
				"3,01/05/2025,P,E3",
			}},
			want: failing{ssda903.Episodes: {2, 6}}},
	})
}

func TestRule433(t *testing.T) {
	runRuleCases(t, "433", []ruleCase{
		{name: "continuation",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,RNE",
				"1,01/05/2025,10/05/2025,S",
				"1,10/05/2025,,P",
				"2,01/05/2025,10/05/2025,S",
				"2,11/05/2025,,B", // a day's gap: fails
				"3,01/05/2025,,S",
				"3,02/05/2025,,L", // previous has no DEC: fails
				"4,01/05/2025,,P", // first episode
				"5,01/05/2025,,T", // same DECOM: ordered by DEC, so it follows the next row
				"5,01/05/2025,01/05/2025,P",
				"6,01/05/2025,10/05/2025,S",
				"6,10/5/2025,,U", // the same day written differently
				"7,01/05/2025,10/05/2025,S",
				"7,,,U", // no DECOM: fails
			}},
			want: failing{ssda903.Episodes: {4, 6, 13}}},
	})
}

func TestRule434(t *testing.T) {
	runRuleCases(t, "434", []ruleCase{
		{name: "legal status only",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,LS,PLACE,PL_POST,URN,PLACE_PROVIDER",
				"1,01/05/2025,S,C1,U1,PA,XXXXXXX,PR1",
				"1,02/05/2025,L,C2,U1,PA,XXXXXXX,PR1",
				"1,04/05/2025,L,C1,U4,PA,XXXXXXX,PR1", // placement changed: fails
				"1,03/05/2025,L,C2,U1,PA,XXXXXXX,PR1", // LS as before: fails
				"2,01/05/2025,S,C1,U1,PA,,PR1",
				"2,02/05/2025,L,C2,U1,PA,,PR1", // blank URN both times
				"3,01/05/2025,L,C1,U1,PA,,PR1", // first episode
				"4,01/05/2025,S,C1,U1,PA,,PR1",
				"4,02/05/2025,L,C1,U1,PB,,PR1", // both: fails
			}},
			want: failing{ssda903.Episodes: {3, 4, 9}}},
	})
}

func TestRule435(t *testing.T) {
	runRuleCases(t, "435", []ruleCase{
		{name: "placement only",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,LS,PLACE,PL_POST,URN,PLACE_PROVIDER",
				"1,01/05/2025,S,C2,U1,PA,XXXXXXX,PR1",
				"1,02/05/2025,P,C2,U4,PA,XXXXXXX,PR1",
				"1,03/05/2025,T,C2,U4,PA,XXXXXXX,PR1", // nothing changed: fails
				"1,04/05/2025,P,C1,U1,PA,XXXXXXX,PR1", // LS changed: fails
				"2,01/05/2025,P,C2,U1,PA,XXXXXXX,PR1",
				"3,01/05/2025,S,C2,U1,PA,,PR1",
				"3,02/05/2025,T,C2,U1,PB,,PR1", // PL_POST changed
				"4,01/05/2025,S,C2,U1,,,PR1",
				"4,02/05/2025,P,C2,U1,,,PR1", // blanks unchanged: fails
			}},
			want: failing{ssda903.Episodes: {3, 4, 9}}},
	})
}

func TestRule436(t *testing.T) {
	runRuleCases(t, "436", []ruleCase{
		{name: "legal status and placement",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,LS,PLACE,PL_POST,URN,PLACE_PROVIDER",
				"1,01/05/2025,S,C1,U1,PA,XXXXXXX,PR1",
				"1,02/05/2025,B,C2,U4,PA,XXXXXXX,PR1",
				"1,03/05/2025,U,C2,U1,PA,XXXXXXX,PR1", // LS unchanged: fails
				"1,04/05/2025,B,E1,U1,PA,XXXXXXX,PR1", // placement unchanged: fails
				"2,01/05/2025,U,C2,U1,PA,,PR1",        // first episode
				"3,01/05/2025,S,,,PA,,PR1",
				"3,02/05/2025,B,,U1,PA,,PR1", // blank LS both times: fails
			}},
			want: failing{ssda903.Episodes: {3, 4, 7}}},
	})
}

func TestRule437(t *testing.T) {
	runRuleCases(t, "437", []ruleCase{
		{name: "episodes after E2 or E15",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,REC",
				"1,02/05/2025,X1",
				"1,01/05/2025,E2", // followed: fails
				"2,01/05/2025,E15",
				"3,01/05/2025,E15", // followed by an episode with no valid DECOM: fails
				"3,xx,E2",
				"4,01/05/2025,X1",
				"4,02/05/2025,E2",
			}},
			want: failing{ssda903.Episodes: {2, 4}}},
	})
}

func TestRule440(t *testing.T) {
	runRuleCases(t, "440", []ruleCase{
		{name: "PN0 at 4 or over",
			data: tables{ssda903.Reviews: {"CHILD,DOB,REVIEW,REVIEW_CODE",
				"1,01/01/2021,01/01/2025,PN0", // on the 4th birthday
				"2,01/01/2021,02/01/2025,PN0", // fails
				"3,01/01/2021,,PN0",
				"4,01/01/2010,01/01/2025,PN1",
				"5,,01/01/2025,PN0",
			}},
			want: failing{ssda903.Reviews: {2}}},
	})
}

func TestRule441(t *testing.T) {
	runRuleCases(t, "441", []ruleCase{
		{name: "PN1-PN7 under 4",
			data: tables{ssda903.Reviews: {"CHILD,DOB,REVIEW,REVIEW_CODE",
				"1,01/01/2021,01/01/2025,PN1", // on the 4th birthday
				"2,01/01/2021,31/12/2024,PN7", // fails
				"3,01/01/2022,01/06/2025,PN0",
				"4,,01/06/2025,PN3",
				"5,01/01/2023,01/06/2025,PN4", // fails
			}},
			want: failing{ssda903.Reviews: {2, 5}}},
	})
}

func TestRule442(t *testing.T) {
	runRuleCases(t, "442", []ruleCase{
		{name: "UPN missing",
			data: tables{
				ssda903.Header:   {"CHILD,UPN", "1,", "2,", "3,", "4,A123456789012", "5,"},
				ssda903.Episodes: {"CHILD,LS", "1,C2", "2,V3", "2,V4", "3,", "4,C2"},
			},
			want: failing{ssda903.Header: {1, 3}}},
	})
}

func TestRule444(t *testing.T) {
	runRuleCases(t, "444", []ruleCase{
		{name: "duplicates",
			data: tables{ssda903.Header: {"CHILD,UPN", "1,UN1", "2,UN1", "3,", "4,", "5,A123456789012", "6,B123456789012", "7,B123456789012"}},
			want: failing{ssda903.Header: {6, 7}}},
	})
	if Rules().Find("444", 2025) != nil {
		t.Error("rule 444 applies in 2024/25")
	}
}

func TestRule446(t *testing.T) {
	runRuleCases(t, "446", []ruleCase{
		{name: "E1 before December 2005",
			data: tables{ssda903.Episodes: {"CHILD,LS,DECOM", "1,E1,01/12/2005", "2,E1,30/11/2005", "3,E1,", "4,C1,01/01/2004", "5,E1,15/05/2012"}},
			want: failing{ssda903.Episodes: {2}}},
	})
}

func TestRule452(t *testing.T) {
	runRuleCases(t, "452", withReference(milesPostcodes, nil, []ruleCase{
		{name: "LA of placement across years",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,DEC,HOME_POST,PL_POST",
				"1,01/01/2025,S,,H1,PFAR", // last year PA: fails
				"2,01/01/2025,S,,H1,PB",   // same LA
				"3,01/01/2025,P,,H1,PFAR", // RNE differs
				"4,01/01/2025,S,,H1,PFAR", // last year's closed
				"5,01/01/2025,S,,H1,PA",   // last year's unknown: fails
				"6,01/05/2025,S,,H1,PA",   // not in last year
				"7,01/02/2025,P,,H1,PFAR", // last year's latest is PFAR
				"7,01/06/2025,P,,H1,PA",   // not the first
			}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,DEC,HOME_POST,PL_POST",
				"1,01/01/2025,S,,H1,PA",
				"2,01/01/2025,S,,H1,PA",
				"3,01/01/2025,S,,H1,PA",
				"4,01/01/2025,S,31/03/2025,H1,PA",
				"5,01/01/2025,S,,H1,NOWHERE",
				"7,01/02/2025,P,,H1,PFAR",
				"7,01/01/2024,S,01/02/2025,H1,PA",
			}},
			want: failing{ssda903.Episodes: {1, 5}}},
	}))
}

func TestRule453(t *testing.T) {
	runRuleCases(t, "453", withReference(milesPostcodes, nil, []ruleCase{
		{name: "distance across years",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,HOME_POST,PL_POST",
				"1,01/01/2025,S,H1,PB",      // 10.0 to 10.1
				"2,01/01/2025,S,H1,PC",      // 10.0 to 10.2: fails
				"3,01/01/2025,S,H1,PA",      // none to 10.0: fails
				"4,01/01/2025,S,H1,NOWHERE", // 10.0 to none
				"5,01/01/2025,S,H1,PC",      // last year's DEC invalid, so open: fails
				"6,01/01/2025,S,H1,PC",      // last year's closed
				"7,01/01/2025,P,H1,PC",      // RNE differs
			}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,DEC,HOME_POST,PL_POST",
				"1,01/01/2025,S,,H1,PA",
				"2,01/01/2025,S,,H1,PA",
				"3,01/01/2025,S,,H1,NOWHERE",
				"4,01/01/2025,S,,H1,PA",
				"5,01/01/2025,S,xx,H1,PA",
				"6,01/01/2025,S,31/03/2025,H1,PA",
				"7,01/01/2025,S,,H1,PA",
			}},
			want: failing{ssda903.Episodes: {2, 3, 5}}},
	}))
}

func TestRule454(t *testing.T) {
	runRuleCases(t, "454", withReference(milesPostcodes, nil, []ruleCase{
		{name: "over 350 miles",
			data: tables{ssda903.Episodes: {"CHILD,HOME_POST,PL_POST",
				"1,H1,PFAR", "2,H1,P350", "3,H1,P351", "4,H1,P999", "5,H1,NOWHERE", "6,,PFAR"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	}))
	if Rules().Find("454", 2025) != nil {
		t.Error("rule 454 applies in 2024/25")
	}
}

func TestRule460(t *testing.T) {
	runRuleCases(t, "460", []ruleCase{
		{name: "E17 under 18",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,16/03/2007", "2,16/03/2007", "3,16/03/2007", "4,", "5,01/01/2010"},
				ssda903.Episodes: {"CHILD,REC,DEC",
					"1,E17,15/03/2025", // fails
					"2,E17,16/03/2025", // on the 18th birthday
					"3,E17,17/06/2025",
					"4,E17,23/08/2025", // no DOB
					"5,X1,23/08/2025",
					"1,E17,",
					"5,E17,23/08/2025", // fails
				},
			},
			want: failing{ssda903.Episodes: {1, 7}}},
	})
}
