package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestRule601(t *testing.T) {
	runRuleCases(t, "601", []ruleCase{
		{name: "adopted without adoption details",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,DEC,REC", "101,01/01/2020,01/01/2021,E45", "102,01/01/2024,01/06/2025,E11",
					"102,01/06/2025,20/12/2025,E15", "102,01/01/2023,03/07/2025,E12", "103,01/01/2022,26/05/2025,E12",
					"104,10/01/2020,10/01/2025,E11", "106,01/01/2024,01/05/2025,E11"},
				ssda903.AD1: {"CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR", "101,,,,,,",
					"102,,01/01/2025,,,,", "103,01/01/2024,01/02/2025,0,1,MF,L0", "104,,,,,,L0"},
			},
			want: map[ssda903.TableName][]int{ssda903.AD1: {2}, ssda903.Episodes: {2, 4}}},
	})
}

func TestRule602(t *testing.T) {
	runRuleCases(t, "602", []ruleCase{
		{name: "adoption details without adoption",
			data: tables{
				ssda903.Episodes: {"CHILD,DEC,REC", "111,08/06/2025,E11", "222,09/07/2025,E3", "333,09/08/2025,E4A",
					"444,25/03/2026,E12", "555,22/03/2025,E11", "666,25/04/2026,E11", "888,,E11"},
				ssda903.AD1: {"CHILD,DATE_INT", "111,", "123,01/01/2025", "222,", "333,", "345,01/01/2025", "444,01/01/2025",
					"555,01/01/2025", "666,01/01/2025", "777,01/01/2025", "888,"},
			},
			want: map[ssda903.TableName][]int{ssda903.AD1: {2, 5, 7, 8, 9}}},
	})
}

func TestRule607(t *testing.T) {
	runRuleCases(t, "607", []ruleCase{
		{name: "ceased without mother status",
			data: tables{
				ssda903.Episodes: {"CHILD,DEC,REC,LS", "101,01/01/2026,,C2", "102,01/01/2026,E11,V4", "103,20/12/2025,E15,V3",
					"104,03/01/2025,E46,C2", "105,03/04/2025,E48,C2", "105,01/07/2025,X2,C2", "105,10/01/2026,E11,C2",
					"108,11/02/2026,E48,C2", "109,25/01/2026,X1,C2", "110,25/01/2026,E47,", "111,,E45,C2", "112,25/08/2025,E46,C2"},
				ssda903.Header: {"CHILD,SEX,MOTHER", "101,F,", "102,F,0", "103,F,", "104,F,", "105,F,", "108,M,", "109,F,0",
					"110,F,", "111,F,0", "112,F,1"},
			},
			want: map[ssda903.TableName][]int{ssda903.Header: {5, 8}, ssda903.Episodes: {5, 6, 7, 10}}},
	})
}

func TestRule611(t *testing.T) {
	runRuleCases(t, "611", []ruleCase{
		{name: "mother without child's date of birth",
			data: tables{ssda903.Header: {"CHILD,MOTHER,MC_DOB", "1,1,01/01/2021", "2,1,bad", "3,,dd/mm/yyyy", "4,1,", "5,0,"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {4}}},
	})
}

func TestRule612(t *testing.T) {
	runRuleCases(t, "612", []ruleCase{
		{name: "child's date of birth but not a mother",
			data: tables{ssda903.Header: {"CHILD,SEX,MOTHER,MC_DOB", "1,F,0,19/02/2016", "2,F,0,dd/mm/yyyy", "3,F,,31/31/19",
				"4,F,,", "5,F,1,19/02/2019", "6,M,0,", "7,M,,21/03/2019", "8,F,,x"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {1, 2, 3, 8}}},
	})
}

func TestRule620(t *testing.T) {
	runRuleCases(t, "620", []ruleCase{
		{name: "mother under 11",
			data: tables{ssda903.Header: {"CHILD,MOTHER,DOB", "1,1,", "2,1,02/04/2014", "3,1,01/04/2014", "4,,",
				"5,1,18/01/2000", "6,0,13/02/2020", "7,1,bad"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2}}},
	})
}

func TestRule621(t *testing.T) {
	runRuleCases(t, "621", []ruleCase{
		{name: "mother younger than her child",
			data: tables{ssda903.Header: {"CHILD,DOB,MC_DOB", "1,01/12/2021,01/01/2021", "2,19/02/2006,19/12/2022",
				"3,31/01/2009,31/01/2009", "4,31/01/2009,", "5,31/01/2009,01/02/2009", "6,,01/02/2020", "7,31/01/2009,bad"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {1, 3, 6}}},
	})
}

func TestRule624(t *testing.T) {
	runRuleCases(t, "624", []ruleCase{
		{name: "child's date of birth against last year",
			data: tables{ssda903.Header: {"CHILD,MC_DOB", "111,01/06/2020", "222,04/06/2020", "333,", "444,08/09/2020", "555,",
				"66,01/02/2020", "77,1/6/2020"}},
			last: tables{ssda903.Header: {"CHILD,MC_DOB", "111,01/06/2020", "222,04/06/2020", "333,01/06/2019", "444,10/09/2020",
				"555,", "66,", "77,01/06/2020"}},
			// 333 leaves MC_DOB blank this year: no contradiction (see rule624).
			want: map[ssda903.TableName][]int{ssda903.Header: {4, 7}}},
	})
}

func TestRule625(t *testing.T) {
	runRuleCases(t, "625", []ruleCase{
		{name: "child born after the year or leaving care",
			data: tables{
				ssda903.Header: {"CHILD,MC_DOB", "101,01/04/2026", "102,19/12/2024", "103,", "104,01/06/2025", "105,01/05/2026"},
				ssda903.Episodes: {"CHILD,DECOM,DEC", "101,01/01/2020,02/12/2021", "101,01/01/2022,", "102,01/01/2014,03/10/2014",
					"102,01/01/2015,11/11/2015", "103,01/01/2015,11/11/2015", "104,01/01/2024,01/05/2025", "104,01/05/2025,",
					"105,01/01/2024,bad"},
			},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 4, 8}, ssda903.Header: {1, 2, 5}}},
	})
}

func TestRule626(t *testing.T) {
	runRuleCases(t, "626", []ruleCase{
		{name: "mother status against last year",
			data: tables{ssda903.Header: {"CHILD,MOTHER,MC_DOB", "111,1,", "222,1,04/01/2025", "333,0,", "444,1,01/04/2025",
				"555,1,04/01/2025"}},
			last: tables{ssda903.Header: {"CHILD,MOTHER", "111,1", "222,0", "333,1", "444,0", "555,1"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2}}},
	})
}

func TestRule628(t *testing.T) {
	runRuleCases(t, "628", []ruleCase{
		{name: "care leavers not looked after",
			data: tables{
				ssda903.Header:   {"CHILD,MOTHER", "0,1", "1,", "2,0", "3,1", "4,0", "5,1", "6,1"},
				ssda903.Episodes: {"CHILD,DECOM", "a,01/05/2025", "1,01/05/2025", "3,01/05/2025", "3,01/06/2025", "4,01/05/2025", "5,01/05/2025"},
				ssda903.OC3:      {"CHILD,IN_TOUCH,ACTIV,ACCOM", "0,YES,,B1", "2,,,", "6,YES,,", "5,YES,,"},
			},
			want: map[ssda903.TableName][]int{ssda903.Header: {1, 7}}},
	})
}

func TestRule630(t *testing.T) {
	runRuleCases(t, "630", []ruleCase{
		{name: "previous permanence for new entrants",
			data: tables{
				ssda903.Episodes: {"CHILD,DECOM,RNE", "0,01/04/2025,T", "1,01/04/2025,S", "2,01/04/2025,S", "3,01/04/2025,P",
					"4,31/03/2025,S", "5,01/04/2025,S", "6,01/04/2025,S", "7,01/04/2025,S", "8,01/04/2025,S", "9,bad,S"},
				ssda903.PrevPerm: {"CHILD,PREV_PERM,LA_PERM,DATE_PERM", "2,Z1,,", "4,P1,352,", "5,P1,,01/05/2000", "6,Z1,,", "7,,,",
					"8,P1,352,05/05/2020"},
			},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 6, 8}}},
	})
}

func TestRule631(t *testing.T) {
	runRuleCases(t, "631", []ruleCase{
		{name: "codes",
			data: tables{ssda903.PrevPerm: {"CHILD,PREV_PERM", "1,P0", "2,P1", "3,p1", "4,", "5,Z1", "6,P5"}},
			want: map[ssda903.TableName][]int{ssda903.PrevPerm: {1, 3, 6}}},
	})
}

func TestRule632(t *testing.T) {
	runRuleCases(t, "632", []ruleCase{
		{name: "date of previous permanence",
			data: tables{
				ssda903.PrevPerm: {"CHILD,DATE_PERM", "101,xx/10/2011", "102,17/06/2001", "103,01/05/2000", "104,",
					"105,05/ZZ/2020", "106,ZZ/05/2021", "107,ZZ/ZZ/ZZZZ", "108,ZZ/ZZ/1993", "109,ZZ/ZZ/ZZ", "110,01/13/2000",
					"111,ZZ/06/2021", "112,bad"},
				ssda903.Episodes: {"CHILD,DECOM", "101,20/10/2011", "102,19/11/2021", "102,17/06/2001", "103,", "104,11/09/2015",
					"105,01/03/2021", "106,01/07/2021", "107,01/07/2021", "108,01/07/2021", "109,01/07/2021", "110,01/07/2021",
					"111,15/06/2021"},
			},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 3, 10, 11, 12}, ssda903.PrevPerm: {1, 2, 9, 10, 11}}},
	})
}

func TestFam200LatestDatePerm(t *testing.T) {
	for _, tc := range []struct {
		in        string
		want      string
		known, ok bool
	}{
		{"17/06/2001", "17/06/2001", true, true},
		{"ZZ/02/2024", "29/02/2024", true, true},
		{"05/ZZ/2020", "05/12/2020", true, true},
		{"ZZ/ZZ/1993", "31/12/1993", true, true},
		{"ZZ/ZZ/ZZZZ", "", false, true},
		{"ZZ/ZZ/ZZ", "", false, false},
	} {
		d, known, ok := latestPermanenceDate(tc.in)
		if known != tc.known || ok != tc.ok || (known && d.String() != tc.want) {
			t.Errorf("%q: %v %v %v, want %s %v %v", tc.in, d, known, ok, tc.want, tc.known, tc.ok)
		}
	}
}

func TestRule633(t *testing.T) {
	runRuleCases(t, "633", []ruleCase{
		{name: "local authority codes",
			data: tables{ssda903.PrevPerm: {"CHILD,LA_PERM", "1,", "2,SCO", "3,204", "4,458", "5,176", "6,212", "7,sco", "8,999",
				"9,NUK"}},
			want: map[ssda903.TableName][]int{ssda903.PrevPerm: {4, 5, 7}}},
	})
}

func TestRule634(t *testing.T) {
	runRuleCases(t, "634", []ruleCase{
		{name: "previous permanence before April 2016",
			data: tables{
				ssda903.PrevPerm: {"CHILD,PREV_PERM,LA_PERM,DATE_PERM", "101,Z1,,", "102,,352,", "103,,,01/05/2000", "6,Z1,352,",
					"7,,,", "104,P1,,"},
				ssda903.Episodes: {"CHILD,DECOM", "101,20/10/2011", "102,19/11/2021", "102,17/06/2001", "103,04/04/2002",
					"103,11/09/2015", "103,31/03/2016", "104,01/04/2016"},
			},
			want: map[ssda903.TableName][]int{ssda903.PrevPerm: {1, 3}, ssda903.Episodes: {1, 4, 5, 6}}},
	})
}

func TestRule635(t *testing.T) {
	runRuleCases(t, "635", []ruleCase{
		{name: "details without a previous permanence option",
			data: tables{ssda903.PrevPerm: {"CHILD,PREV_PERM,LA_PERM,DATE_PERM", "2,Z1,,", "4,,352,", "5,,,01/05/2000",
				"6,Z1,352,", "7,,,", "8,P1,352,05/05/2020"}},
			want: map[ssda903.TableName][]int{ssda903.PrevPerm: {2, 3, 4}}},
	})
}
