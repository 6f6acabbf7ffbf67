package rules

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

func TestRule202(t *testing.T) {
	runRuleCases(t, "202", []ruleCase{
		{name: "sex against last year",
			data: tables{ssda903.Header: {"CHILD,SEX", "1,M", "2,F", "3,M", "4,", "5,U", "6,F"}},
			last: tables{ssda903.Header: {"CHILD,SEX", "1,M", "2,M", "3,", "4,", "7,F", "6,f"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 3, 6}}},
		{name: "codes changed in 2024/25", year: 2025,
			data: tables{ssda903.Header: {"CHILD,SEX", "1,M", "2,F", "3,M", "4,U"}},
			last: tables{ssda903.Header: {"CHILD,SEX", "1,1", "2,2", "3,2", "4,1"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {3, 4}}},
	})
}

func TestRule203(t *testing.T) {
	runRuleCases(t, "203", []ruleCase{
		{name: "dob against last year",
			data: tables{ssda903.Header: {"CHILD,DOB", "1,16/03/2020", "2,23/09/2016", "3,31/12/19", "4,31/02/2018", "5,",
				"6,10/08/2014", "7,1/2/2015", "9,"}},
			last: tables{ssda903.Header: {"CHILD,DOB", "1,16/03/2020", "2,22/09/2016", "3,31/12/2019", "4,31/02/2018", "5,",
				"8,11/11/2021", "7,01/02/2015", "9,01/01/2010"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 3, 8}}},
	})
}

func TestRule204(t *testing.T) {
	runRuleCases(t, "204", []ruleCase{
		{name: "ethnicity against last year",
			data: tables{ssda903.Header: {"CHILD,ETHNIC", "1,WBRI", "2,WBRI", "3,nobt", "4,", "5,", "6,BOTH"}},
			last: tables{ssda903.Header: {"CHILD,ETHNIC", "1,WBRI", "2,NOBT", "3,NOBT", "4,", "5,MOTH", "7,REFU"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 3, 5}}},
	})
}

func TestRule205A(t *testing.T) {
	runRuleCases(t, "205A", []ruleCase{
		{name: "no longer UASC",
			data: tables{
				ssda903.Header: {"CHILD", "1", "2"},
				ssda903.UASC:   {"CHILD,DUC", "1,", "3,", "4,01/05/2025", "5,", "6,", "7,01/05/2025", "8,01/05/2025"},
			},
			last: tables{
				ssda903.Header: {"CHILD", "3", "4", "5", "6"},
				ssda903.UASC:   {"CHILD,DUC", "3,10/10/2024", "4,10/10/2024", "5,10/10/2023", "6,", "8,01/01/2025"},
			},
			want: map[ssda903.TableName][]int{ssda903.UASC: {3, 4, 5}}},
		{name: "last year without Header",
			data: tables{
				ssda903.Header: {"CHILD", "1"},
				ssda903.UASC:   {"CHILD,DUC", "4,01/05/2025", "9,01/05/2025"},
			},
			last:     tables{ssda903.UASC: {"CHILD,SEX,DUC", "4,M,10/10/2024", "9,,"}},
			dropLast: []ssda903.TableName{ssda903.Header},
			want:     map[ssda903.TableName][]int{ssda903.UASC: {1}}},
		{name: "last year without UASC",
			data: tables{
				ssda903.Header: {"CHILD", "1"},
				ssda903.UASC:   {"CHILD,DUC", "4,01/05/2025"},
			},
			last:     tables{ssda903.Header: {"CHILD", "4"}},
			dropLast: []ssda903.TableName{ssda903.UASC}},
	})
}

func TestRule205B(t *testing.T) {
	runRuleCases(t, "205B", []ruleCase{
		{name: "UASC in both years",
			data: tables{
				ssda903.Header: {"CHILD", "1", "2", "3", "4", "5", "6", "8"},
				ssda903.UASC: {"CHILD,DOB,DUC", "1,10/06/2007,10/06/2025", "2,10/06/2007,", "3,10/06/2006,10/06/2024",
					"4,10/06/2006,11/06/2024", "5,10/06/2007,10/06/2025", "6,10/06/2007,", "7,10/06/2007,", "8,10/06/2007,"},
			},
			last: tables{
				ssda903.Header: {"CHILD", "1", "2", "3", "4", "5", "6"},
				ssda903.UASC: {"CHILD,DOB,DUC", "1,10/06/2007,10/06/2025", "2,10/06/2007,10/06/2025", "3,10/06/2006,10/06/2024",
					"4,10/06/2006,11/06/2024", "5,10/06/2007,", "7,10/06/2007,", "8,10/06/2007,"},
			},
			want: map[ssda903.TableName][]int{ssda903.UASC: {2, 4, 5}, ssda903.Header: {2, 4, 5}}},
	})
}

func TestRule205C(t *testing.T) {
	runRuleCases(t, "205C", []ruleCase{
		{name: "UASC in neither year",
			data: tables{
				ssda903.Header: {"CHILD", "1"},
				ssda903.UASC:   {"CHILD,DUC", "1,01/05/2025", "2,01/05/2025", "3,", "4,", "5,", "6,bad"},
			},
			last: tables{
				ssda903.Header: {"CHILD", "5"},
				ssda903.UASC:   {"CHILD,DUC", "4,01/01/2025", "5,01/01/2025"},
			},
			want: map[ssda903.TableName][]int{ssda903.UASC: {2, 4}}},
	})
}

func TestRule205D(t *testing.T) {
	runRuleCases(t, "205D", []ruleCase{
		{name: "UASC this year only",
			data: tables{
				ssda903.Header: {"CHILD", "1", "2", "3", "4"},
				ssda903.UASC:   {"CHILD", "1", "2", "3"},
			},
			last: tables{
				ssda903.Header: {"CHILD", "1", "2", "4"},
				ssda903.UASC:   {"CHILD", "1"},
			},
			want: map[ssda903.TableName][]int{ssda903.Header: {2}}},
		{name: "last year without Header",
			data: tables{
				ssda903.Header: {"CHILD", "1", "2", "3"},
				ssda903.UASC:   {"CHILD", "1", "2", "3"},
			},
			last:     tables{ssda903.UASC: {"CHILD,SEX,DUC", "1,M,", "2,,"}},
			dropLast: []ssda903.TableName{ssda903.Header},
			want:     map[ssda903.TableName][]int{ssda903.Header: {2}}},
	})
}

func TestRule207(t *testing.T) {
	runRuleCases(t, "207", []ruleCase{
		{name: "mother last year",
			data: tables{
				ssda903.Header: {"CHILD,MOTHER", "1,1", "2,0", "3,1", "4,", "5,", "6,1", "8,", "9,0", "10,2", "11,"},
				ssda903.Episodes: {"CHILD,DECOM", "1,01/05/2025", "1,01/06/2025", "2,01/05/2025", "3,01/05/2025", "4,01/05/2025",
					"5,01/05/2025", "6,01/05/2025", "7,01/05/2025", "8,01/05/2025", "9,01/05/2025", "10,01/05/2025"},
			},
			last: tables{ssda903.Header: {"CHILD,MOTHER", "1,1", "2,1", "3,0", "4,1", "5,", "7,1", "8,0", "9,", "10,1", "11,1"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 4, 9}}},
	})
}

func TestRule208(t *testing.T) {
	runRuleCases(t, "208", []ruleCase{
		{name: "upn against last year",
			data: tables{ssda903.Header: {"CHILD,UPN", "1,H801200001001", "2,O------------", "3,UN1", "4,UN2", "5,", "6,UN3",
				"7,", "8,UN4", "9,A------------", "10,H801200001111", "11,X999999999999", "12,UN1", "13,UN5"}},
			last: tables{ssda903.Header: {"CHILD,UPN", "1,UN5", "2,X888888888888", "3,UN1", "4,UN1", "5,", "6,UN4",
				"7,UN1", "8,", "9,a------------", "10,UN2", "11,H000000000000", "12,", "14,UN5"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 6, 7, 9, 11, 12}}},
	})
}

func TestRule209(t *testing.T) {
	runRuleCases(t, "209", []ruleCase{
		{name: "school age on 31 August 2024",
			data: tables{ssda903.Header: {"CHILD,UPN,DOB", "1,UN1,31/08/2020", "2,UN1,01/09/2020", "3,UN2,01/01/2015",
				"4,UN1,bad", "5,UN1,29/02/2016", "6,,01/01/2010"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {1, 5}}},
	})
}

func TestRule210(t *testing.T) {
	runRuleCases(t, "210", []ruleCase{
		{name: "UN4 and late episodes",
			data: tables{
				ssda903.Header: {"CHILD,UPN", "1,UN4", "2,", "3,UN3", "4,UN4", "5,UN4"},
				ssda903.Episodes: {"CHILD,DECOM", "1,01/01/2026", "1,24/03/2026", "2,30/03/2026", "3,25/03/2026", "4,23/03/2026",
					"4,31/03/2026", "4,25/03/2026", "5,bad"},
			},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 6, 7}, ssda903.Header: {1, 4}}},
	})
}

func TestRule213(t *testing.T) {
	runRuleCases(t, "213", []ruleCase{
		{name: "provider for temporary placements",
			data: tables{ssda903.Episodes: {"CHILD,PLACE,PLACE_PROVIDER", "1,T0,", "1,U6,", "1,U1,PR3", "1,T2,PR2", "1,T4,PR1",
				"1,Z11,", "1,Z13,value", "1,Z14,PR6", "1,P1,PR0", "1,,"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {4, 5, 7, 8}}},
	})
}

func TestRule214(t *testing.T) {
	runRuleCases(t, "214", []ruleCase{
		{name: "short breaks",
			data: tables{ssda903.Episodes: {"CHILD,LS,PL_POST,URN", "1,V3,M2 3RT,XXXXXXX", "1,C2,M2 3RT,SC045099", "1,V4,M2 3RT,",
				"1,V4,,SC045099", "1,V3,,"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 3, 4}}},
	})
}

func TestRule215(t *testing.T) {
	runRuleCases(t, "215", []ruleCase{
		{name: "care leavers with OC2 items",
			data: tables{
				ssda903.OC2: {"CHILD,IMMUNISATIONS,TEETH_CHECK,CONVICTED", "A,1,1,", "B,,,", "C,1,1,1", "D,,,1", "F,1,,"},
				ssda903.OC3: {"CHILD,IN_TOUCH,ACTIV,ACCOM", "A,DIED,,", "B,YES,,", "C,RHOM,F1,", "D,,,B1", "E,,,", "F,,,"},
			},
			want: map[ssda903.TableName][]int{ssda903.OC3: {1, 3, 4}, ssda903.OC2: {1, 3, 4}}},
	})
}

func TestRule217(t *testing.T) {
	runRuleCases(t, "217", []ruleCase{
		{name: "adoption with current foster carers",
			data: tables{ssda903.Episodes: {"CHILD,PLACE,DECOM,RNE", "1,A3,01/04/2015,S", "1,A5,31/12/2015,T", "1,A3,20/01/2016,U",
				"1,,,", "1,U1,01/10/2017,P", "1,A3,20/02/2016,P", "1,A5,01/01/2017,L", "1,A5,31/03/2015,B", "1,A3,bad,B"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {6, 7}}},
	})
}

func TestRule218(t *testing.T) {
	postcodes := testPostcodes{"M11AA": {la: "E08000003"}, "CF101AA": {la: "WAL"}, "EH11AA": {la: "SCO"}}
	runRuleCases(t, "218", []ruleCase{
		{name: "URN required", postcodes: postcodes,
			data: tables{ssda903.Episodes: {"CHILD,PLACE,DEC,PL_POST,URN",
				"1,Z11,,M1 1AA,", "1,U1,01/06/2016,CF10 1AA,", "1,U1,01/02/2016,M1 1AA,SC1", "1,U1,01/02/2014,M1 1AA,",
				"2,K2,,M1 1AA,", "2,R5,01/02/2016,M1 1AA,", "2,U4,31/03/2015,M1 1AA,", "2,U4,01/04/2015,M1 1AA,",
				"3,U4,01/04/2025,ZZ1 1ZZ,", "3,U4,bad,M1 1AA,", "3,U4,,EH1 1AA,"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {5, 8, 9}}},
	})
}

func TestRule219(t *testing.T) {
	providers := testProviders{
		"SC000001": {URN: "SC000001", PlaceCodes: []string{"K2"}},
		"SC000002": {URN: "SC000002", PlaceCodes: []string{"K1", "K2"}},
		"SC000003": {URN: "SC000003"},
	}
	runRuleCases(t, "219", []ruleCase{
		{name: "placement type", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,PLACE,URN", "1,U1,SC000001", "1,K2,", "1,K2,SC000009", "1,K2,XXXXXXX",
				"1,K1,SC000002", "1,K2,SC000002", "1,K2,SC000003", "1,K2,SC000001", "1,,SC000001", "1,k2,SC000001"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 3, 7, 9, 10}}},
	})
}

func TestRule221(t *testing.T) {
	providers := testProviders{
		"SC1": {URN: "SC1", Postcode: "A115KE"},
		"SC2": {URN: "SC2", Postcode: "S251WO"},
		"SC3": {URN: "SC3", Postcode: "V29XX"},
		"SC4": {URN: "SC4"},
	}
	runRuleCases(t, "221", []ruleCase{
		{name: "placement postcode", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,LS,PLACE,PL_POST,URN", "1,V3,R3,X1 1XX,SC1", "1,C2,R3,X1 1XX,",
				"1,C2,K1,S25 1WO,SC3", "1,C2,K2,S25 1WO,XXXXXXX", "1,C2,R3,S25 1WO,SC2", "1,C2,U1,X1 1XX,SC2",
				"1,C2,S1,N9 5PY,SC1", "1,C2,S1,N9 5PY,SC4", "1,C2,R3,,SC1", "1,C2,K3,A115KE,SC1", "1,C2,K2,N9 5PY,SC9"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {3, 7, 8, 11}}},
	})
}

func TestRule222(t *testing.T) {
	runRuleCases(t, "222", []ruleCase{
		{name: "no URN for these placements",
			data: tables{ssda903.Episodes: {"CHILD,PLACE,URN", "1,U1,XXXXXXX", "1,U1,SC1", "1,U2,", "1,T1,", "1,R1,SC1",
				"1,T2,SC1", "1,K2,SC1", "1,Z11,", "1,Z11,SC1", "1,P1,XXXXXXX"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {5, 6, 9}}},
	})
}

func TestRule224(t *testing.T) {
	providers := testProviders{
		"SC1": {URN: "SC1", ProviderCodes: []string{"PR1", "PR3", "PR4"}},
		"SC2": {URN: "SC2", ProviderCodes: []string{"PR0"}},
		"SC3": {URN: "SC3", ProviderCodes: []string{"PR1"}},
		"SC4": {URN: "SC4"},
	}
	runRuleCases(t, "224", []ruleCase{
		{name: "provider type", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,PLACE_PROVIDER,URN", "1,PR2,SC1", "1,PR5,", "1,PR0,SC3", "1,PR3,XXXXXXX",
				"1,PR0,SC2", "1,PR3,SC2", "1,PR3,SC1", "1,PR3,SC4", "1,PR4,SC1", "1,,SC1", "1,PR1,SC9"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 3, 6, 8, 10, 11}}},
	})
}

func TestRule225(t *testing.T) {
	runRuleCases(t, "225", []ruleCase{
		{name: "reason for placement change",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE,REC,PLACE,REASON_PLACE_CHANGE",
				"1,01/06/2025,S,X1,U1,", "1,05/06/2025,P,X1,U1,CARPL", "1,06/06/2025,B,E3,U3,",
				"2,08/06/2025,S,X1,U1,", "2,10/06/2025,L,,U1,",
				"3,01/07/2025,S,X1,T1,", "3,09/07/2025,P,X1,U1,", "3,15/07/2025,P,X1,T3,", "3,16/07/2025,U,,U4,",
				"4,20/08/2025,T,,U5,", "4,01/08/2025,S,X1,U4,",
				"5,01/09/2025,S,E11,U1,"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 11}}},
	})
}

func TestRule226(t *testing.T) {
	runRuleCases(t, "226", []ruleCase{
		{name: "temporary placements",
			data: tables{ssda903.Episodes: {"CHILD,DECOM,PLACE,REASON_PLACE_CHANGE",
				"1,01/01/2026,U1,CARPL", "1,11/01/2026,T1,", "1,22/01/2026,U1,",
				"2,01/01/2026,U1,", "2,11/01/2026,U2,",
				"3,22/01/2026,T1,CLOSE", "3,11/01/2026,U1,", "3,01/01/2026,T3,",
				"4,01/01/2026,T4,"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {2, 6}}},
	})
}

func TestRule227(t *testing.T) {
	providers := testProviders{
		"SC1": {URN: "SC1", Closed: true, RegEnd: calendar.NewDate(2025, 12, 25)},
		"SC2": {URN: "SC2", Closed: true, RegEnd: calendar.NewDate(2024, 2, 21)},
		"SC3": {URN: "SC3"},
	}
	runRuleCases(t, "227", []ruleCase{
		{name: "start after registration ended", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,DECOM,URN", "1,01/01/2025,SC1", "1,01/02/2026,", "1,01/01/2026,SC3",
				"1,01/01/2010,XXXXXXX", "1,01/01/2024,SC2", "1,25/12/2025,SC2", "1,26/12/2025,SC1", "1,25/12/2025,SC1",
				"1,bad,SC1", "1,01/01/2026,SC9"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {6, 7, 8}}},
	})
}

func TestRule228(t *testing.T) {
	providers := testProviders{
		"SC1": {URN: "SC1", Closed: true, RegEnd: calendar.NewDate(2025, 12, 25)},
		"SC2": {URN: "SC2", Closed: true, RegEnd: calendar.NewDate(2024, 2, 21)},
		"SC3": {URN: "SC3", Closed: true, RegEnd: calendar.NewDate(2026, 3, 31)},
		"SC4": {URN: "SC4"},
	}
	runRuleCases(t, "228", []ruleCase{
		{name: "end after registration ended", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,DEC,URN", "1,,SC3", "1,01/02/2025,", "1,,SC1", "1,01/01/2010,XXXXXXX",
				"1,01/01/2024,SC2", "1,25/12/2025,SC2", "1,26/12/2025,SC1", "1,01/01/2010,SC4", "1,25/12/2025,SC1", "1,bad,SC1"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {3, 6, 7, 10}}},
	})
}

func TestRule229(t *testing.T) {
	providers := testProviders{
		"SC1": {URN: "SC1", LA: "E09000001"},
		"SC2": {URN: "SC2", LA: "E06000999"},
		"SC3": {URN: "SC3", LA: "E09000001"},
		"SC4": {URN: "SC4"},
	}
	runRuleCases(t, "229", []ruleCase{
		{name: "own or other authority", providers: providers,
			data: tables{ssda903.Episodes: {"CHILD,PLACE_PROVIDER,URN", "1,PR1,SC1", "1,PR2,", "1,PR2,SC4", "1,PR1,XXXXXXX",
				"1,PR2,SC2", "1,PR1,SC2", "1,PR2,SC3", "1,PR1,SC4", "1,PR2,SC1", "1,PR1,SC9", "1,PR4,SC2"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1, 5, 8, 10}}},
	})
}

func TestRule231(t *testing.T) {
	runRuleCases(t, "231", []ruleCase{
		{name: "young UASC",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,01/04/2015", "2,31/03/2015", "3,01/04/2015", "4,30/03/2014", "5,bad"},
				ssda903.UASC:   {"CHILD", "1", "2", "4", "5"},
			},
			want: map[ssda903.TableName][]int{ssda903.Header: {1}}},
	})
}

func TestRule232(t *testing.T) {
	runRuleCases(t, "232", []ruleCase{
		{name: "sex unknown",
			data: tables{ssda903.Header: {"CHILD,SEX", "1,U", "2,u", "3,M", "4,F", "5,"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {1}}},
	})
}

func TestRule233(t *testing.T) {
	runRuleCases(t, "233", []ruleCase{
		{name: "open episodes",
			data: tables{ssda903.Episodes: {"CHILD,DEC,REASON_PLACE_CHANGE", "1,01/01/2026,", "1,,", "1,,CARPL",
				"1,01/01/2026,CARPL", "1,bad,CARPL"}},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {3}}},
	})
}

func TestRule234(t *testing.T) {
	runRuleCases(t, "234", []ruleCase{
		{name: "custody under 10",
			data: tables{
				ssda903.Header: {"CHILD,DOB", "1,01/01/2016", "2,01/01/2016", "3,01/01/2016", "4,01/01/2016", "5,bad"},
				ssda903.Episodes: {"CHILD,DECOM,REASON_PLACE_CHANGE", "1,01/06/2025,CUSTOD", "1,01/07/2025,",
					"2,01/06/2025,OTHER", "2,01/07/2025,", "3,01/06/2025,CUSTOD", "3,01/01/2026,", "4,01/06/2025,CUSTOD",
					"5,01/06/2025,CUSTOD", "5,01/07/2025,"},
			},
			want: map[ssda903.TableName][]int{ssda903.Episodes: {1}, ssda903.Header: {1}}},
	})
}
