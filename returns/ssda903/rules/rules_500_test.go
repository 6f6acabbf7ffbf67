package rules

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

func TestFam500Registered(t *testing.T) {
	codes := "501 502 503A 503B 503C 503D 503E 503F 503G 503H 503J 504 511 514 516 517 518 519 520 521 522 523 524 525 " +
		"526 527 528 529 530 531 542 543 544 545 546 547 550 551 552 553 554 557 558 559 560 561 562 563 564 565 566 567 " +
		"570 571 574 575 576 577 578 579 580 581 582 583 584 586"
	for _, y := range []calendar.Year{2026, 2027} {
		for _, code := range strings.Fields(codes) {
			if Rules().Find(code, y) == nil {
				t.Errorf("rule %s missing in %s", code, y)
			}
		}
	}
}

func TestRule501(t *testing.T) {
	runRuleCases(t, "501", []ruleCase{
		{name: "overlaps", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC",
			"1,01/06/2025,04/06/2025", "1,02/06/2025,06/06/2025", "1,06/06/2025,", "1,08/06/2025,09/06/2025",
			"2,10/06/2025,11/06/2025",
			"3,04/06/2025,07/06/2025", "3,05/06/2025,",
			"4,08/06/2025,09/06/2025", "4,08/06/2025,10/06/2025", "4,15/06/2025,",
			"5,bad,01/01/2026", "5,01/05/2025,01/06/2025",
			"6,03/05/2025,10/05/2025", "6,01/05/2025,04/05/2025"}},
			want: failing{ssda903.Episodes: {2, 7, 9, 13}}},
	})
}

func TestRule501Explanation(t *testing.T) {
	r := buildReturn(t, 2026, tables{ssda903.Episodes: {"CHILD,DECOM,DEC", "1,01/06/2025,14/06/2025", "1,12/06/2025,"}})
	rep := Run(NewInput(r, nil, nil), []*Rule{Rules().Find("501", 2026)})
	if len(rep.Failures) != 1 {
		t.Fatalf("failures %+v", rep.Failures)
	}
	want := "episode starts 12/06/2025 but the previous episode (from 01/06/2025) ended 14/06/2025"
	if got := rep.Failures[0].Explanation; got != want {
		t.Errorf("explanation %q, want %q", got, want)
	}
}

func TestRule502(t *testing.T) {
	runRuleCases(t, "502", []ruleCase{
		{name: "first episode against last year's open one",
			data: tables{ssda903.Episodes: {"CHILD,DECOM",
				"111,01/06/2024", "111,05/06/2025", "123,08/06/2024", "222,05/06/2025", "333,06/06/2024",
				"444,08/06/2024", "444,09/06/2025", "555,15/06/2025", "666,bad"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,DEC",
				"111,05/06/2024,", "123,08/06/2024,", "222,09/06/2024,", "333,06/06/2024,05/07/2024",
				"444,08/06/2024,05/07/2024", "444,19/06/2024,", "666,01/01/2025,"}},
			want: failing{ssda903.Episodes: {1, 4, 6}}},
	})
}

func TestRule503A(t *testing.T) {
	runRuleCases(t, "503A", []ruleCase{
		{name: "RNE",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,RNE",
				"111,01/04/2025,,L", "111,05/06/2025,,L", "222,01/04/2025,,P", "333,01/04/2025,,P", "444,01/04/2025,,P",
				"555,01/04/2025,,P", "666,01/04/2025,,", "777,10/05/2025,,S", "777,01/04/2025,,T", "888,01/04/2025,,P"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,RNE",
				"111,01/02/2025,,S", "222,01/02/2025,,P", "333,01/02/2025,31/03/2025,L", "444,01/01/2024,,P",
				"444,01/02/2025,,S", "555,01/02/2025,bad,B", "666,01/02/2025,,", "777,01/02/2025,,T",
				"888,01/02/2025,,P", "888,01/02/2025,,S"}},
			want: failing{ssda903.Episodes: {1, 5, 6}}},
	})
}

func TestRule503B(t *testing.T) {
	runRuleCases(t, "503B", []ruleCase{
		{name: "LS",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,LS", "1,01/04/2025,C2", "2,01/04/2025,C2", "3,01/04/2025,", "4,01/04/2025,"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,LS", "1,01/01/2025,C2", "2,01/01/2025,C1", "3,01/01/2025,C1", "4,01/01/2025,"}},
			want: failing{ssda903.Episodes: {2, 3}}},
	})
}

func TestRule503C(t *testing.T) {
	runRuleCases(t, "503C", []ruleCase{
		{name: "CIN",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,CIN", "1,01/04/2025,N1", "2,01/04/2025,N1", "3,01/04/2025,N5", "4,01/04/2025,"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,CIN", "1,01/01/2025,", "2,01/01/2025,N1", "3,01/01/2025,N4", "4,01/01/2025,"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

func TestRule503D(t *testing.T) {
	this := tables{ssda903.Episodes: {"CHILD,DECOM,PLACE",
		"1,01/04/2025,U1", "2,01/04/2025,Z12", "3,01/04/2025,K3", "4,01/04/2025,Z11", "5,01/04/2025,U1"}}
	last := tables{ssda903.Episodes: {"CHILD,DECOM,PLACE",
		"1,01/01/2025,U1", "2,01/01/2025,Z1", "3,01/01/2025,Z1", "4,01/01/2025,U1", "5,01/01/2025,Z1"}}
	runRuleCases(t, "503D", []ruleCase{
		{name: "2025/26 lets Z1 become Z11-Z14", data: this, last: last, want: failing{ssda903.Episodes: {3, 4, 5}}},
		{name: "2026/27 does not", year: 2027, data: this, last: last, want: failing{ssda903.Episodes: {2, 3, 4, 5}}},
	})
}

func TestRule503E(t *testing.T) {
	runRuleCases(t, "503E", []ruleCase{
		{name: "PLACE_PROVIDER",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,PLACE_PROVIDER", "1,01/04/2025,PR1", "2,01/04/2025,PR4", "3,01/04/2025,PR5"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,PLACE_PROVIDER", "1,01/01/2025,", "2,01/01/2025,PR4", "3,01/01/2025,PR2"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

func TestRule503F(t *testing.T) {
	runRuleCases(t, "503F", []ruleCase{
		{name: "URN",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,URN", "1,01/04/2025,SC055123", "2,01/04/2025,SC055123", "3,01/04/2025,SC055123", "4,01/04/2025,XXXXXXX"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,URN", "1,01/01/2025,,", "2,01/01/2025,,SC055123", "3,01/01/2025,,XXXXXXX", "4,01/01/2025,01/03/2025,SC1"}},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

// lastYearPostcodes is a postcode directory for tests: AA1 1AA is in the
// test return's LA at the grid origin; the others are in another LA, 10.0,
// 10.1 and 10.2 miles east.
var lastYearPostcodes = testPostcodes{
	"AA11AA": {"E06000999", 0, 0},
	"BB11BB": {"E08000001", 16093, 0},
	"DD11DD": {"E08000001", 16254, 0},
	"CC11CC": {"E08000001", 16415, 0},
}

// runWithLastYearPostcodes runs a rule that needs the postcode directory and
// checks the failing rows.
func runWithLastYearPostcodes(t *testing.T, code string, this, last tables, want failing) {
	t.Helper()
	runRuleCases(t, code, []ruleCase{{name: "with postcodes", data: this, last: last, postcodes: lastYearPostcodes, want: want}})
}

func TestRule503G(t *testing.T) {
	runWithLastYearPostcodes(t, "503G",
		tables{ssda903.Episodes: {"CHILD,DECOM,HOME_POST,PL_POST",
			"1,01/04/2025,AA1 1AA,BB1 1BB", "2,01/04/2025,AA1 1AA,DD1 1DD", "3,01/04/2025,AA1 1AA,CC1 1CC",
			"4,01/04/2025,AA1 1AA,BB1 1BB", "5,01/04/2025,AA1 1AA,ZZ9 9ZZ"}},
		tables{ssda903.Episodes: {"CHILD,DECOM,HOME_POST,PL_POST",
			"1,01/01/2025,AA1 1AA,BB1 1BB", "2,01/01/2025,AA1 1AA,BB1 1BB", "3,01/01/2025,AA1 1AA,BB1 1BB",
			"4,01/01/2025,AA1 1AA,ZZ9 9ZZ", "5,01/01/2025,AA1 1AA,BB1 1BB"}},
		failing{ssda903.Episodes: {3, 4}})
	if r := Rules().Find("503G", 2026); r.Needs&NeedPostcodes == 0 {
		t.Error("503G must need the postcode directory")
	}
}

func TestRule503H(t *testing.T) {
	runWithLastYearPostcodes(t, "503H",
		tables{ssda903.Episodes: {"CHILD,DECOM,PL_POST",
			"1,01/04/2025,BB1 1BB", "2,01/04/2025,AA1 1AA", "3,01/04/2025,ZZ9 9ZZ", "4,01/04/2025,BB1 1BB"}},
		tables{ssda903.Episodes: {"CHILD,DECOM,PL_POST",
			"1,01/01/2025,CC1 1CC", "2,01/01/2025,BB1 1BB", "3,01/01/2025,", "4,01/01/2025,ZZ9 9ZZ"}},
		failing{ssda903.Episodes: {2, 4}})
}

func TestRule503J(t *testing.T) {
	runWithLastYearPostcodes(t, "503J",
		tables{ssda903.Episodes: {"CHILD,DECOM,PL_POST",
			"1,01/04/2025,BB1 1BB", "2,01/04/2025,AA1 1AA", "3,01/04/2025,ZZ9 9ZZ", "4,01/04/2025,ZZ9 9ZZ"}},
		tables{ssda903.Episodes: {"CHILD,DECOM,PL_POST",
			"1,01/01/2025,CC1 1CC", "2,01/01/2025,BB1 1BB", "3,01/01/2025,", "4,01/01/2025,AA1 1AA"}},
		failing{ssda903.Episodes: {2, 4}})
}

func TestRule504(t *testing.T) {
	runRuleCases(t, "504", []ruleCase{
		{name: "CIN within a period of care", data: tables{ssda903.Episodes: {"CHILD,DECOM,DEC,REC,CIN",
			"111,01/06/2025,04/06/2025,X1,N1", "111,04/06/2025,06/06/2025,X1,N2", "111,06/06/2025,,X1,N3",
			"111,08/06/2025,09/06/2025,X1,N2",
			"222,10/06/2025,11/06/2025,E3,N3", "222,11/06/2025,,,N4",
			"333,04/06/2025,07/06/2025,X1,N4", "333,07/06/2025,,,N4",
			"444,04/06/2025,07/06/2025,X1,", "444,07/06/2025,,,"}},
			want: failing{ssda903.Episodes: {2, 3}}},
	})
}

func TestRule511(t *testing.T) {
	runRuleCases(t, "511", []ruleCase{
		{name: "two adopters", data: tables{ssda903.AD1: {"CHILD,NB_ADOPTR,SEX_ADOPTR",
			"1,2,MM", "2,2,FF", "3,,MM", "4,2,M1", "5,2,F1", "6,1,F1", "7,2,"}},
			want: failing{ssda903.AD1: {4, 5}}},
	})
}

func TestRule514(t *testing.T) {
	runRuleCases(t, "514", []ruleCase{
		{name: "single adopter", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L0,M1", "2,L2,F1", "3,L0,MM", "4,,", "5,L0,", "6,L0,F1"}},
			want: failing{ssda903.AD1: {3, 5}}},
	})
}

func TestRule516(t *testing.T) {
	runRuleCases(t, "516", []ruleCase{
		{name: "former foster carers", data: tables{ssda903.Episodes: {"CHILD,REC,PLACE",
			"1,E45,U1", "2,E46,U6", "3,,U3", "4,E45,K2", "5,E46,S1", "6,E46,T1", "7,E2,K2", "8,E45,"}},
			want: failing{ssda903.Episodes: {4, 5, 6, 8}}},
	})
}

func TestRule517(t *testing.T) {
	runRuleCases(t, "517", []ruleCase{
		{name: "L3", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L3,MF", "2,L11,MF", "3,,MM", "4,L3,M1", "5,L3,FF", "6,L3,"}},
			want: failing{ssda903.AD1: {4, 5, 6}}},
	})
}

func TestRule518(t *testing.T) {
	runRuleCases(t, "518", []ruleCase{
		{name: "L4", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L4,MM", "2,L4,FF", "3,L4,MF", "4,L4,M1", "5,L11,F1"}},
			want: failing{ssda903.AD1: {3, 4}}},
	})
}

func TestRule519(t *testing.T) {
	runRuleCases(t, "519", []ruleCase{
		{name: "L2", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L2,MM", "2,L2,FF", "3,L2,MF", "4,L2,M1", "5,L2,", "6,L4,"}},
			want: failing{ssda903.AD1: {4, 5}}},
	})
}

func TestRule520(t *testing.T) {
	runRuleCases(t, "520", []ruleCase{
		{name: "L11", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L11,MM", "2,L11,FF", "3,L11,MF", "4,L4,M1"}},
			want: failing{ssda903.AD1: {1, 2}}},
	})
}

func TestRule521(t *testing.T) {
	runRuleCases(t, "521", []ruleCase{
		{name: "decision after placement",
			data: tables{
				ssda903.AD1: {"CHILD,DATE_INT", "111,08/03/2025", "123,22/07/2025", "333,13/10/2025", "444,22/06/2025", "678,", "555,01/03/2025"},
				ssda903.Episodes: {"CHILD,DECOM,PLACE",
					"111,01/01/2025,A6", "111,01/11/2025,A5", "111,22/01/2025,U1", "123,,A5", "123,11/01/2025,U1",
					"333,01/05/2025,A6", "444,22/06/2025,A3", "444,01/01/2025,A3", "678,01/01/2025,A4", "555,01/03/2025,A3"},
			},
			want: failing{ssda903.Episodes: {1, 6, 8}, ssda903.AD1: {1, 3, 4}}},
	})
}

func TestRule522(t *testing.T) {
	runRuleCases(t, "522", []ruleCase{
		{name: "ceased before placed", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED",
			"1,26/05/2025,26/05/2025", "2,26/05/2025,01/02/2026", "3,,26/05/2025", "4,01/02/2026,26/05/2025",
			"5,26/05/2025,", "6,bad,01/01/2025"}},
			want: failing{ssda903.PlacedAdoption: {4}}},
	})
}

func TestRule523(t *testing.T) {
	runRuleCases(t, "523", []ruleCase{
		{name: "DATE_PLACED against DATE_INT",
			data: tables{
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "1,08/03/2025", "2,22/06/2025", "3,13/10/2025", "4,24/10/2024",
					"5,", "6,", "7,bad", "10,11/11/2025", "8,01/01/2025"},
				ssda903.AD1: {"CHILD,DATE_INT", "1,08/03/2025", "2,22/07/2025", "3,13/10/2024", "4,22/06/2025",
					"5,26/05/2018", "6,", "7,01/10/2025", "333,01/10/2025", "8,01/01/2025", "8,02/01/2025"},
			},
			want: failing{ssda903.PlacedAdoption: {2, 3, 4, 9}, ssda903.AD1: {2, 3, 4, 10}}},
	})
}

func TestRule524(t *testing.T) {
	runRuleCases(t, "524", []ruleCase{
		{name: "L12", data: tables{ssda903.AD1: {"CHILD,LS_ADOPTR,SEX_ADOPTR",
			"1,L12,MM", "2,L12,FF", "3,L12,MF", "4,L12,F1", "5,L4,F1"}},
			want: failing{ssda903.AD1: {3, 4}}},
	})
}

func TestRule525(t *testing.T) {
	runRuleCases(t, "525", []ruleCase{
		{name: "reversed but adopted",
			data: tables{
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED", "104,08/03/2025", "105,22/06/2025", "107,13/10/2025", "108,24/10/2025", "109,"},
				ssda903.AD1: {"CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
					"104,,,,,,", "105,,01/01/2025,,,,", "107,01/01/2025,01/01/2025,1,2,MF,L11", "108,,,,,,L3", "109,01/01/2025,,,,,"},
			},
			want: failing{ssda903.PlacedAdoption: {2, 3, 4}, ssda903.AD1: {2, 3, 4}}},
	})
}

func TestRule526(t *testing.T) {
	runRuleCases(t, "526", []ruleCase{
		{name: "provider missing", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER",
			"1,U1,PR1", "2,K2,PR2", "3,T1,", "4,T3,PR0", "5,Z14,", "6,Z1,", "7,P1,", "8,,", "9,T4,"}},
			want: failing{ssda903.Episodes: {6, 7, 8}}},
	})
	if Rules().Find("526", 2025) != nil {
		t.Error("this version of 526 starts in 2025/26")
	}
}

func TestRule527(t *testing.T) {
	runRuleCases(t, "527", []ruleCase{
		{name: "PR1", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER",
			"1,P1,PR1", "2,A3,PR3", "3,K1,PR4", "4,R2,PR1", "5,R5,PR1", "6,K2,PR1"}},
			want: failing{ssda903.Episodes: {1, 4, 5}}},
	})
}

func TestRule528(t *testing.T) {
	runRuleCases(t, "528", []ruleCase{
		{name: "PR2", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER",
			"1,P1,PR2", "2,A3,PR3", "3,K1,PR2", "4,P1,PR4", "5,R5,PR2"}},
			want: failing{ssda903.Episodes: {1, 5}}},
	})
}

func TestRule529(t *testing.T) {
	runRuleCases(t, "529", []ruleCase{
		{name: "PR3", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER",
			"1,U1,PR0", "2,U2,PR1", "3,U3,PR3", "4,T1,PR3", "5,,", "6,A3,PR3", "7,K1,PR3", "8,R1,PR3"}},
			want: failing{ssda903.Episodes: {3, 6, 7}}},
	})
}

func TestRule530(t *testing.T) {
	runRuleCases(t, "530", []ruleCase{
		{name: "PR4", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER", "1,P1,PR4", "2,A3,PR3", "3,K1,PR4", "4,P1,PR5"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule531(t *testing.T) {
	runRuleCases(t, "531", []ruleCase{
		{name: "PR5", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER", "1,P1,PR5", "2,A3,PR3", "3,K1,PR5", "4,P1,PR4"}},
			want: failing{ssda903.Episodes: {1}}},
	})
}

func TestRule550(t *testing.T) {
	runRuleCases(t, "550", []ruleCase{
		{name: "PR0", data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER",
			"1,P1,PR0", "2,U1,PR2", "3,T1,PR4", "4,T3,PR0", "5,T1,", "6,K2,PR0"}},
			want: failing{ssda903.Episodes: {4, 6}}},
	})
}

func TestRule542(t *testing.T) {
	runRuleCases(t, "542", []ruleCase{
		{name: "under 10", data: tables{ssda903.OC2: {"CHILD,DOB,CONVICTED",
			"1,08/03/2020,1", "2,22/06/2000,", "3,,1", "4,13/10/2000,1", "5,31/03/2016,1", "6,01/04/2016,0"}},
			want: failing{ssda903.OC2: {1, 6}}},
	})
}

// lookedAfterData has children 1-4 and 7 looked after all year; 5 starts
// during it and 6 is on short breaks.
var lookedAfterData = []string{"CHILD,DECOM,DEC,RNE,LS,REC",
	"1,01/01/2024,,S,C2,", "2,01/01/2024,,S,C2,", "3,01/01/2024,,S,C2,", "4,01/01/2024,,S,C2,",
	"5,01/05/2025,,S,C2,", "6,01/01/2024,,S,V3,", "7,01/01/2024,,S,C2,"}

func TestRule543(t *testing.T) {
	runRuleCases(t, "543", []ruleCase{
		{name: "10 or over", data: tables{ssda903.Episodes: lookedAfterData, ssda903.OC2: {"CHILD,DOB,CONVICTED",
			"1,01/01/2010,", "2,01/01/2010,0", "3,01/01/2020,", "4,31/03/2016,", "5,01/01/2010,", "6,01/01/2010,",
			"8,01/01/2010,", "7,,"}},
			want: failing{ssda903.OC2: {1, 4}}},
	})
}

func TestRule544(t *testing.T) {
	runRuleCases(t, "544", []ruleCase{
		{name: "convicted", data: tables{ssda903.OC2: {"CHILD,CONVICTED,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE",
			"1,,,,,", "2,1,,,,", "3,1,1,1,1,", "4,1,1,1,1,1", "5,0,,,,", "6,1,0,0,0,0"}},
			want: failing{ssda903.OC2: {2, 3}}},
	})
}

func TestRule545(t *testing.T) {
	runRuleCases(t, "545", []ruleCase{
		{name: "under 5", data: tables{ssda903.Episodes: lookedAfterData, ssda903.OC2: {"CHILD,DOB,HEALTH_CHECK",
			"1,01/01/2023,", "2,01/01/2023,1", "3,01/01/2015,", "4,01/04/2021,", "5,01/01/2023,", "7,31/03/2021,", "8,01/01/2023,"}},
			want: failing{ssda903.OC2: {1, 4}}},
	})
}

func TestRule546(t *testing.T) {
	runRuleCases(t, "546", []ruleCase{
		{name: "5 or over", data: tables{ssda903.Episodes: lookedAfterData, ssda903.OC2: {"CHILD,DOB,HEALTH_CHECK",
			"1,01/01/2015,1", "2,01/01/2015,", "3,01/01/2023,1", "4,31/03/2021,1", "5,01/01/2015,1", "7,,1"}},
			want: failing{ssda903.OC2: {1, 4}}},
	})
}

func TestRule547(t *testing.T) {
	runRuleCases(t, "547", []ruleCase{
		{name: "health check", data: tables{ssda903.OC2: {"CHILD,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE",
			"1,,,,,", "2,1,,,,", "3,1,1,1,,1", "4,1,1,1,0,0", "5,0,,,,", "6,1,0,0,0,0"}},
			want: failing{ssda903.OC2: {2, 3}}},
	})
}

func TestRule551(t *testing.T) {
	runRuleCases(t, "551", []ruleCase{
		{name: "no decision date",
			data: tables{
				ssda903.Episodes: {"CHILD,PLACE", "0,U1", "A,A3", "B,A4", "C,A5", "E,A3", "F,A4", "G,U1", "H,A3", "I,A5", "J,A6"},
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "A,", "B,", "C,", "E,01/01/2025", "F,15/04/2025", "G,",
					"H,28th Jan", "J,01/01/2025", "J,"},
			},
			want: failing{ssda903.Episodes: {2, 3, 4, 9, 10}}},
	})
}

func TestRule552(t *testing.T) {
	runRuleCases(t, "552", []ruleCase{
		{name: "decision after placement",
			data: tables{
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "104,08/03/2025", "105,22/06/2025", "107,13/10/2025",
					"108,24/10/2024", "109,", "110,", "111,bad", "112,01/01/2025", "112,01/05/2025"},
				ssda903.Episodes: {"CHILD,DECOM,PLACE", "104,08/03/2025,A3", "105,22/07/2025,A4", "107,13/10/2024,A6",
					"108,22/06/2025,U1", "109,26/05/2018,A3", "110,,A5", "111,01/02/2013,A4", "112,01/03/2025,A5", "112,01/06/2025,A5"},
			},
			want: failing{ssda903.Episodes: {3, 8}, ssda903.PlacedAdoption: {3, 9}}},
	})
}

func TestRule553(t *testing.T) {
	runRuleCases(t, "553", []ruleCase{
		{name: "placement order",
			data: tables{
				ssda903.Episodes: {"CHILD,LS,DEC", "111,E1,01/06/2025", "222,E1,05/06/2025", "333,C2,06/06/2025",
					"444,E1,", "555,E1,", "777,E1,"},
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
					"111,01/06/2025,01/06/2025,RD1", "222,01/06/2025,01/06/2025,", "333,01/06/2025,01/06/2025,RD1",
					"123,01/06/2025,01/06/2025,RD1", "555,01/06/2025,,RD1", "777,,01/06/2025,"},
			},
			want: failing{ssda903.Episodes: {4}, ssda903.PlacedAdoption: {5, 6}}},
	})
}

func TestRule554(t *testing.T) {
	runRuleCases(t, "554", []ruleCase{
		{name: "decision after placement order",
			data: tables{
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "101,26/05/2025", "102,", "103,26/05/2024", "104,22/01/2025",
					"105,11/01/2025", "104,01/01/2016"},
				ssda903.Episodes: {"CHILD,DECOM,LS", "101,01/01/2025,E1", "101,11/01/2025,C2", "102,11/01/2025,C2",
					"103,01/01/2024,C2", "103,22/07/2024,E1", "104,01/02/2016,E1", "104,11/01/2020,E1", "105,11/01/2025,E1"},
			},
			want: failing{ssda903.Episodes: {1, 6}, ssda903.PlacedAdoption: {1, 4}}},
	})
}

func TestRule557(t *testing.T) {
	runRuleCases(t, "557", []ruleCase{
		{name: "left care not adopted",
			data: tables{
				ssda903.Episodes: {"CHILD,PLACE,LS,REC", "11,A3,C2,E4A", "202,U1,E1,E3", "3003,A4,E1,E12", "40004,U1,E1,E3",
					"5005,A5,C2,E3", "606,A6,C2,E4A", "77,U1,C2,E3", "8,A6,C2,X1", "9,A6,C2,"},
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED", "11,,", "202,01/02/2025,RD1",
					"3003,,", "40004,01/01/2025,", "606,,RD2", "9,,"},
			},
			want: failing{ssda903.Episodes: {1, 4, 5, 6}, ssda903.PlacedAdoption: {1, 4, 5}}},
	})
	if Rules().Find("557", 2024) != nil {
		t.Error("this version of 557 starts in 2024/25")
	}
}

func TestRule558(t *testing.T) {
	runRuleCases(t, "558", []ruleCase{
		{name: "adopted after ceased decisions",
			data: tables{
				ssda903.Episodes: {"CHILD,REC", "0,E3", "A,E11", "D,E12", "E,E11", "F,E12", "I,E12", "J,E11", "J,E12"},
				ssda903.PlacedAdoption: {"CHILD,DATE_PLACED_CEASED", "A,", "D,01/01/2025", "D,28th Jan", "E,01/01/2025",
					"E,02/01/2025", "F,15/04/2025", "I,01/01/2025", "I,01/02/2025", "I,", "J,01/01/2025"},
			},
			want: failing{ssda903.Episodes: {3, 4}}},
	})
}

func TestRule559(t *testing.T) {
	runRuleCases(t, "559", []ruleCase{
		{name: "earlier decision not in last year's return",
			data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "101,26/05/2025", "102,26/05/2025", "103,",
				"104,01/02/2016", "105,26/05/2024", "106,01/01/2025", "107,01/01/2025", "108,01/04/2025"}},
			last: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "101,26/05/2000", "102,", "103,26/05/2000",
				"104,01/02/2016", "105,", "107,01/01/2025", "107,"}},
			want: failing{ssda903.PlacedAdoption: {5, 6, 7}}},
	})
}

func TestRule560(t *testing.T) {
	runRuleCases(t, "560", []ruleCase{
		{name: "date changed",
			data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED", "101,26/05/2024,26/05/2025",
				"102,26/05/2020,01/07/2024", "103,,26/05/2020", "104,01/02/2016,26/05/2017", "105,27/05/2024,", "106,bad,bad",
				"107,1/6/2024,", "108,,"}},
			last: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED", "101,26/05/2020,",
				"102,26/05/2020,01/07/2024", "103,,26/05/2020", "104,01/02/2016,26/05/2017", "105,26/05/2024,", "106,bad,",
				"107,01/06/2024,", "108,01/01/2024,"}},
			want: failing{ssda903.PlacedAdoption: {1, 5, 8}}},
	})
}

func TestRule561(t *testing.T) {
	runRuleCases(t, "561", []ruleCase{
		{name: "same date after it ceased",
			data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "101,26/05/2024", "102,26/05/2020", "103,",
				"104,01/02/2016", "106,26/05/2029", "107,1/2/2016"}},
			last: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
				"101,26/05/2024,,RD1", "102,26/05/2020,01/07/2024,RD1", "103,,26/05/2020,RD1", "104,01/02/2016,26/05/2017,",
				"105,26/05/2024,,", "106,01/07/2024,xx,RD1", "107,01/02/2016,,"}},
			want: failing{ssda903.PlacedAdoption: {1, 2, 4}}},
	})
}

func TestRule562(t *testing.T) {
	runRuleCases(t, "562", []ruleCase{
		{name: "continuing episode missing last year",
			data: tables{ssda903.Episodes: {"CHILD,DECOM", "111,15/03/2025", "111,05/06/2025", "222,13/03/2025",
				"222,08/06/2025", "333,01/01/2025", "444,01/05/2025", "555,01/02/2025", "666,01/04/2025"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM", "111,01/06/2024", "111,05/06/2024", "111,15/03/2025",
				"222,01/02/2025", "222,11/03/2025", "333,06/06/2024"}},
			want: failing{ssda903.Episodes: {3, 5, 7}}},
	})
}

func TestRule563(t *testing.T) {
	runRuleCases(t, "563", []ruleCase{
		{name: "ceased without decision date", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
			"11,26/05/2025,,", "202,26/05/2025,01/02/2026,RD1", "40004,,26/05/2025,RD1", "5,,26/05/2025,", "6,,,RD1"}},
			want: failing{ssda903.PlacedAdoption: {3}}},
	})
}

func TestRule564(t *testing.T) {
	runRuleCases(t, "564", []ruleCase{
		{name: "no start", data: tables{ssda903.Missing: {"CHILD,MISSING,MIS_START",
			"1,M,", "2,A,07/02/2026", "3,,", "4,M,", "5,m,", "6,A,"}},
			want: failing{ssda903.Missing: {1, 4, 6}}},
	})
}

func TestRule565(t *testing.T) {
	runRuleCases(t, "565", []ruleCase{
		{name: "start without type", data: tables{ssda903.Missing: {"CHILD,MISSING,MIS_START",
			"1,M,", "2,,07/02/2026", "3,A,03/02/2026", "4,,"}},
			want: failing{ssda903.Missing: {2}}},
	})
}

func TestRule566(t *testing.T) {
	runRuleCases(t, "566", []ruleCase{
		{name: "end without type", data: tables{ssda903.Missing: {"CHILD,MISSING,MIS_END",
			"1,M,", "2,,07/02/2026", "3,A,03/02/2026", "4,,", "5,,bad"}},
			want: failing{ssda903.Missing: {2, 5}}},
	})
}

func TestRule567(t *testing.T) {
	runRuleCases(t, "567", []ruleCase{
		{name: "ends before start", data: tables{ssda903.Missing: {"CHILD,MIS_START,MIS_END",
			"1,01/06/2025,05/06/2025", "2,02/06/2025,", "3,03/06/2025,01/06/2025", "4,04/06/2025,02/06/2025",
			"5,,05/06/2025", "6,05/06/2025,05/06/2025"}},
			want: failing{ssda903.Missing: {3, 4}}},
	})
}

func TestRule570(t *testing.T) {
	runRuleCases(t, "570", []ruleCase{
		{name: "starts after the year", data: tables{ssda903.Missing: {"CHILD,MIS_START",
			"1,08/04/2026", "2,22/06/2026", "3,", "4,31/03/2026", "5,13/10/2005"}},
			want: failing{ssda903.Missing: {1, 2}}},
	})
}

func TestRule571(t *testing.T) {
	runRuleCases(t, "571", []ruleCase{
		{name: "ends outside the year", data: tables{ssda903.Missing: {"CHILD,MIS_END",
			"1,31/03/2025", "2,01/04/2025", "3,", "4,31/03/2026", "5,01/04/2026", "6,13/10/21"}},
			want: failing{ssda903.Missing: {1, 5}}},
	})
}

func TestRule574(t *testing.T) {
	runRuleCases(t, "574", []ruleCase{
		{name: "overlapping periods", data: tables{ssda903.Missing: {"CHILD,MIS_START,MIS_END",
			"111,01/06/2025,05/06/2025", "111,04/06/2025,",
			"222,03/06/2025,04/06/2025", "222,04/06/2025,", "222,07/06/2025,09/06/2025",
			"333,02/06/2025,04/06/2025", "333,03/06/2025,09/06/2025",
			"444,06/06/2025,08/06/2025", "444,10/06/2025,10/06/2025", "444,08/06/2025,10/08/2025",
			"555,,05/06/2025", "555,,05/06/2025",
			"666,05/06/2025,", "666,01/06/2025,05/06/2025"}},
			want: failing{ssda903.Missing: {1, 5, 7, 10}}},
	})
}

func TestRule575(t *testing.T) {
	runRuleCases(t, "575", []ruleCase{
		{name: "open period in an ended episode",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,DEC", "111,01/06/2025,10/06/2025", "123,08/06/2025,10/06/2025",
					"222,05/06/2025,10/06/2025", "333,06/06/2025,", "333,07/06/2025,10/06/2025", "444,08/06/2025,10/06/2025", "444,08/06/2025,"},
				ssda903.Missing: {"CHILD,MIS_START,MIS_END", "111,01/06/2025,05/06/2025", "123,08/06/2025,",
					"222,05/06/2025,05/06/2025", "333,06/06/2025,", "444,08/06/2025,05/06/2025", "444,09/06/2025,", "444,19/06/2025,05/06/2025"},
			},
			// 444's open period starts while an open episode is in force, so it
			// passes although an overlapping episode ended.
			want: failing{ssda903.Missing: {2}}},
		{name: "a change of episode on the day",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,DEC", "1,25/12/2025,31/03/2026", "1,31/03/2026,", "2,25/12/2025,31/03/2026"},
				ssda903.Missing:  {"CHILD,MIS_START,MIS_END", "1,31/03/2026,", "2,31/03/2026,"},
			},
			want: failing{ssda903.Missing: {2}}},
	})
}

func TestRule576(t *testing.T) {
	runRuleCases(t, "576", []ruleCase{
		{name: "open period last year",
			data: tables{ssda903.Missing: {"CHILD,MIS_START", "111,07/02/2025", "222,08/02/2025", "333,03/02/2025", "444,",
				"555,01/02/2025", "666,13/02/2025", "777,20/04/2025", "777,01/03/2025"}},
			last: tables{ssda903.Missing: {"CHILD,MIS_START,MIS_END", "111,07/02/2025,07/02/2025", "222,07/02/2025,",
				"333,03/02/2025,07/02/2025", "444,07/02/2025,", "555,01/02/2025,", "666,13/02/2025,07/02/2025", "777,01/03/2025,"}},
			want: failing{ssda903.Missing: {2, 4}}},
	})
}

// periodEpisodesData gives child 1 a period of care that ended, 2 an open one,
// 3 two periods (the second of two episodes), 4 three periods, the last
// open, and 6 one open period of two episodes.
var periodEpisodesData = []string{"CHILD,DECOM,DEC",
	"1,01/04/2023,31/03/2025", "2,01/04/2023,",
	"3,01/04/2023,01/01/2024", "3,01/04/2025,01/01/2026", "3,01/01/2026,05/03/2026",
	"4,01/04/2024,01/01/2025", "4,01/02/2025,01/06/2025", "4,01/07/2025,",
	"6,01/04/2025,01/09/2025", "6,01/09/2025,"}

func TestRule577(t *testing.T) {
	runRuleCases(t, "577", []ruleCase{
		{name: "periods that do not fit care",
			data: tables{ssda903.Episodes: periodEpisodesData, ssda903.Missing: {"CHILD,MIS_START,MIS_END",
				"1,01/01/2025,", "2,01/01/2025,", "2,01/01/2023,", "3,01/06/2025,01/06/2026", "3,01/06/2025,01/07/2025",
				"3,01/02/2023,01/03/2023", "4,01/08/2025,", "4,01/01/2025,", "5,01/01/2025,", "1,bad,",
				"6,01/06/2025,", "2,01/04/2023,"}},
			want: failing{ssda903.Missing: {1, 3, 4, 6, 8}}},
	})
}

func TestRule578(t *testing.T) {
	runRuleCases(t, "578", []ruleCase{
		{name: "start outside care",
			data: tables{ssda903.Episodes: periodEpisodesData, ssda903.Missing: {"CHILD,MIS_START",
				"1,01/04/2025", "1,31/03/2025", "2,01/01/2030", "2,01/01/2023", "3,01/02/2026", "3,01/02/2025", "5,01/01/2025", "4,"}},
			want: failing{ssda903.Missing: {1, 4, 6}}},
	})
}

func TestRule579(t *testing.T) {
	runRuleCases(t, "579", []ruleCase{
		{name: "overlapping decisions", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED",
			"111,01/06/2025,05/06/2025", "111,04/06/2025,",
			"222,03/06/2025,04/06/2025", "222,04/06/2025,", "222,07/06/2025,09/06/2025",
			"333,02/06/2025,04/06/2025", "333,03/06/2025,09/06/2025",
			"555,,05/06/2025", "555,,05/06/2025",
			"666,10/06/2025,12/06/2025", "666,01/06/2025,10/06/2025",
			"777,01/07/2025,02/07/2025", "777,01/07/2025,"}},
			want: failing{ssda903.PlacedAdoption: {2, 5, 7, 13}}},
	})
}

func TestRule580(t *testing.T) {
	runRuleCases(t, "580", []ruleCase{
		{name: "missing at 18",
			data: tables{
				ssda903.Episodes: {"CHILD,DEC,REC", "111,01/06/2025,E7", "222,05/06/2025,E8", "333,06/06/2025,",
					"444,07/06/2025,E3", "555,19/06/2025,E4"},
				ssda903.Missing: {"CHILD,DOB,MIS_END", "111,01/06/2007,01/06/2025", "222,05/06/2007,05/06/2025",
					"333,06/06/2007,06/06/2025", "444,07/06/2007,08/06/2025", "555,19/06/2008,19/06/2025"},
			},
			want: failing{ssda903.Episodes: {1, 3}}},
	})
}

func TestRule581(t *testing.T) {
	runRuleCases(t, "581", []ruleCase{
		{name: "missing outside episodes",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,DEC", "111,01/06/2025,10/06/2025", "222,06/06/2025,10/06/2025", "333,06/06/2025,",
					"444,08/06/2025,10/06/2025", "444,12/06/2025,", "555,15/06/2025,20/06/2025"},
				ssda903.Missing: {"CHILD,MIS_START", "111,01/06/2025", "222,05/06/2025", "333,12/06/2025", "444,08/06/2025",
					"444,11/06/2025", "444,19/06/2025", "555,21/06/2025", "666,01/01/2025", "111,"},
			},
			want: failing{ssda903.Missing: {2, 5, 7, 9}}},
	})
}

func TestRule582(t *testing.T) {
	runRuleCases(t, "582", []ruleCase{
		{name: "adopted on the match date",
			data: tables{
				ssda903.Episodes: {"CHILD,REC,DEC", "0,E3,01/01/2026", "A,E11,01/01/2026", "B,E12,01/01/2026",
					"H,E11,01/01/2026", "I,E13,01/01/2026", "J,E12,01/01/2026", "K,E11,"},
				ssda903.AD1: {"CHILD,DATE_MATCH", "A,", "B,02/01/2026", "H,01/01/2026", "I,01/01/2026", "J,05/01/2026", "J,1/1/2026", "K,"},
			},
			want: failing{ssda903.Episodes: {4, 6}}},
	})
}

func TestRule583(t *testing.T) {
	runRuleCases(t, "583", []ruleCase{
		{name: "earlier decision not revoked", data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED",
			"c1,01/02/2025,02/02/2025", "c1,03/02/2025,04/02/2025",
			"c2,01/02/2025,", "c2,02/02/2025,",
			"c3,01/02/2025,02/02/2025", "c3,03/02/2025,",
			"c4,01/02/2025,02/02/2025", "c4,01/01/2025,",
			"c5,10/12/2024,", "c5,02/03/2025,",
			"c6,,", "c6,01/01/2025,"}},
			want: failing{ssda903.PlacedAdoption: {3, 8, 9, 11}}},
	})
}

func TestRule584(t *testing.T) {
	runRuleCases(t, "584", []ruleCase{
		{name: "not after last year's ceased decision",
			data: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED", "c1,01/02/2025", "c2,01/02/2024", "c3,01/02/2024",
				"c4,01/02/2024", "c5,01/02/2025", "c6,01/02/2024", "c7,", "c8,01/01/2024"}},
			last: tables{ssda903.PlacedAdoption: {"CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
				"c1,01/02/2025,01/02/2025,RD1", "c2,01/02/2025,,RD1", "c3,01/02/2025,01/02/2025,", "c4,01/02/2024,01/02/2024,RD1",
				"c5,01/02/2024,02/02/2024,RD1", "c6,,01/02/2024,RD1", "c7,01/01/2024,01/02/2024,RD1", "c8,01/01/2023,,"}},
			want: failing{ssda903.PlacedAdoption: {1, 2, 3, 4, 7}}},
	})
}

func TestRule586(t *testing.T) {
	runRuleCases(t, "586", []ruleCase{
		{name: "before birth", data: tables{ssda903.Missing: {"CHILD,DOB,MIS_START",
			"1,01/02/2020,", "2,02/02/2020,07/02/2020", "3,04/02/2020,03/02/2020", "4,06/02/2020,06/02/2020",
			"5,07/02/2020,01/02/2020", "6,,01/01/2020"}},
			want: failing{ssda903.Missing: {3, 4, 5}}},
	})
}
