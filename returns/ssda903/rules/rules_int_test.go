package rules

import (
	"hash/maphash"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// headerData has children 101 to 104 twice each and 106 once.
var headerData = []string{"CHILD,DOB,SEX",
	"101,01/04/2020,M", "102,,F", "103,01/04/2020,M", "104,,F",
	"101,01/04/2020,M", "102,,F", "103,01/04/2020,M", "104,,F", "106,,"}

// integrityData is a table's rows: 101 agrees with Header, 102 has no DOB,
// 103 has another DOB and SEX, and 105 is not in Header.
var integrityData = []string{"CHILD,DOB,SEX",
	"101,01/04/2020,M", "102,,F", "103,04/01/2020,F", "105,01/04/2020,F"}

// columnsOf keeps the columns of an integrityData-shaped table that the
// table has.
func columnsOf(name ssda903.TableName, rows []string) []string {
	s := ssda903.SchemaOf(name)
	columns := strings.Split(rows[0], ",")
	out := make([]string, len(rows))
	for i, row := range rows {
		var keep []string
		for j, v := range strings.Split(row, ",") {
			if s.Index(columns[j]) >= 0 {
				keep = append(keep, v)
			}
		}
		out[i] = strings.Join(keep, ",")
	}
	return out
}

func TestRuleINT01to09(t *testing.T) {
	for code, table := range map[string]ssda903.TableName{
		"INT01": ssda903.AD1, "INT02": ssda903.PlacedAdoption, "INT03": ssda903.Episodes,
		"INT04": ssda903.Missing, "INT05": ssda903.OC2, "INT06": ssda903.OC3, "INT07": ssda903.PrevPerm,
		"INT08": ssda903.Reviews, "INT09": ssda903.UASC, "VIL05": ssda903.SWEpisodes,
	} {
		runRuleCases(t, code, []ruleCase{
			{name: "in Header", data: tables{ssda903.Header: headerData, table: columnsOf(table, integrityData)},
				want: failing{table: {4}}},
		})
	}
	runRuleCases(t, "VIL06", []ruleCase{
		{name: "in Header", year: 2027, data: tables{ssda903.Header: headerData,
			ssda903.DoLo: columnsOf(ssda903.DoLo, integrityData)},
			want: failing{ssda903.DoLo: {4}}},
	})
}

func TestRuleINT11to18(t *testing.T) {
	for code, table := range map[string]ssda903.TableName{
		"INT11": ssda903.AD1, "INT12": ssda903.PlacedAdoption, "INT13": ssda903.Missing, "INT14": ssda903.OC2,
		"INT15": ssda903.OC3, "INT16": ssda903.PrevPerm, "INT17": ssda903.Reviews, "INT18": ssda903.UASC,
		"VIL07": ssda903.SWEpisodes,
	} {
		runRuleCases(t, code, []ruleCase{
			{name: "same DOB", data: tables{ssda903.Header: headerData, table: columnsOf(table, integrityData)},
				want: failing{table: {3}}},
			{name: "any Header row", data: tables{
				ssda903.Header: {"CHILD,DOB", "1,01/01/2020", "1,02/01/2020", "2,bad"},
				table:          {"CHILD,DOB", "1,01/01/2020", "2,01/01/2020", "3,01/01/2020"}},
				want: failing{table: {1}}},
		})
	}
	runRuleCases(t, "VIL08", []ruleCase{
		{name: "same DOB", year: 2027, data: tables{ssda903.Header: headerData,
			ssda903.DoLo: columnsOf(ssda903.DoLo, integrityData)},
			want: failing{ssda903.DoLo: {3}}},
	})
}

func TestRuleINT21(t *testing.T) {
	runRuleCases(t, "INT21", []ruleCase{
		{name: "same SEX", data: tables{ssda903.Header: headerData, ssda903.UASC: integrityData},
			want: failing{ssda903.UASC: {3}}},
		{name: "blank and case", data: tables{
			ssda903.Header: {"CHILD,SEX", "1,M", "2,", "3,F"},
			ssda903.UASC:   {"CHILD,SEX", "1,", "2,F", "3,f"}},
			want: failing{ssda903.UASC: {3}}},
	})
}

func TestRuleINT31to36(t *testing.T) {
	for code, table := range map[string]ssda903.TableName{
		"INT31": ssda903.AD1, "INT32": ssda903.Header, "INT33": ssda903.OC2, "INT34": ssda903.OC3,
		"INT35": ssda903.PrevPerm, "INT36": ssda903.UASC,
	} {
		runRuleCases(t, code, []ruleCase{
			{name: "once", data: tables{table: columnsOf(table, headerData)},
				want: failing{table: {1, 2, 3, 4, 5, 6, 7, 8}}},
			{name: "blank children", data: tables{table: {"CHILD,DOB", ",01/01/2020", ",01/01/2020", "1,01/01/2020"}}},
		})
	}
}

func TestRuleEPI(t *testing.T) {
	runRuleCases(t, "EPI", []ruleCase{
		{name: "episodes", data: tables{
			ssda903.Header:   {"CHILD", "101", "102", "103", "106"},
			ssda903.Episodes: {"CHILD", "101", "101", "103"}},
			want: failing{ssda903.Header: {2, 4}}},
		{name: "episodes or OC3", data: tables{
			ssda903.Header:   {"CHILD", "101", "102", "103", "106"},
			ssda903.Episodes: {"CHILD", "101", "101", "103"},
			ssda903.OC3:      {"CHILD", "102"}},
			want: failing{ssda903.Header: {4}}},
	})
}

func TestRuleNoE(t *testing.T) {
	runRuleCases(t, "NoE", []ruleCase{
		{name: "last year", data: tables{ssda903.Episodes: {"CHILD,DECOM",
			"101,14/03/2025", "102,08/09/2025", "103,03/10/2024", "104,bad", "105,31/03/2025", "105,01/04/2025"}},
			last: tables{ssda903.Episodes: {"CHILD,DECOM", "101,14/03/2025", "102,16/06/2023"}},
			want: failing{ssda903.Episodes: {3, 5}}},
	})
}

func TestRuleVIL01(t *testing.T) {
	runRuleCases(t, "VIL01", []ruleCase{
		{name: "repeated rows", data: tables{
			ssda903.Header:   {"CHILD,SEX", "1,M", "2,F", "1,M", "1,M", "1,F"},
			ssda903.Episodes: {"CHILD,DECOM,RNE", "1,01/04/2025,S", "1,01/04/2025,P", "1,01/04/2025,S"},
			ssda903.Reviews:  {"CHILD,REVIEW", "1,01/05/2025", "1,01/06/2025"}},
			want: failing{ssda903.Header: {3, 4}, ssda903.Episodes: {3}}},
	})
}

func TestRuleVIL02(t *testing.T) {
	runRuleCases(t, "VIL02", []ruleCase{
		{name: "same start", data: tables{ssda903.Episodes: {"CHILD,DECOM,RNE",
			"1,01/04/2025,S", "1,02/04/2025,P", "1,1/4/2025,P", "2,01/04/2025,S", "1,01/04/2025,T",
			"3,bad,S", "3,bad,P", "3,,S", "3,,S"}},
			want: failing{ssda903.Episodes: {3, 5}}},
	})
}

func TestRuleVIL03(t *testing.T) {
	runRuleCases(t, "VIL03", []ruleCase{
		{name: "blank child", data: tables{
			ssda903.Header:  {"CHILD,SEX", "1,M", ",F", " ,M"},
			ssda903.Reviews: {"CHILD,REVIEW", ",01/05/2025", "1,01/06/2025"}},
			want: failing{ssda903.Header: {2, 3}, ssda903.Reviews: {1}}},
	})
}

func TestRuleVIL04(t *testing.T) {
	runRuleCases(t, "VIL04", []ruleCase{
		{name: "spaces", data: tables{
			ssda903.Header:   {"CHILD,SEX", "1,M", " 2,F", "3 ,M", " ,M", "4 5,F"},
			ssda903.Episodes: {"CHILD,DECOM", "1 ,01/04/2025", "1,01/04/2025"}},
			want: failing{ssda903.Header: {2, 3}, ssda903.Episodes: {1}}},
	})
}

// TestLastAnswer checks that lastAnswer gives each child's own answer and
// asks again only when the child changes.
func TestLastAnswer(t *testing.T) {
	var asked []string
	of := lastAnswer(func(child string) string { asked = append(asked, child); return "answer " + child })
	for _, child := range []string{"A", "A", "B", "A", "A", ""} {
		if got := of(child); got != "answer "+child {
			t.Errorf("of(%q) = %q", child, got)
		}
	}
	if want := []string{"A", "B", "A", ""}; !slices.Equal(asked, want) {
		t.Errorf("asked %q, want %q", asked, want)
	}
}

// TestHashValuesTellsRowsApart checks that rows differing only in where
// their text is split between values, or in the order of their values,
// hash apart (rows whose hashes agree are compared by value, so this is
// speed, not correctness).
func TestHashValuesTellsRowsApart(t *testing.T) {
	seed := maphash.MakeSeed()
	rows := [][]string{{"ab", ""}, {"a", "b"}, {"", "ab"}, {"b", "a"}, {"ab"}, {"ab", "", ""}, {}, {""}}
	seen := map[uint64][]string{}
	for _, r := range rows {
		sum := hashValues(seed, r)
		if other, dup := seen[sum]; dup {
			t.Errorf("%q and %q hash alike", r, other)
		}
		seen[sum] = r
	}
	if hashValues(seed, []string{"a", "b"}) != hashValues(seed, []string{"a", "b"}) {
		t.Error("one row hashes two ways")
	}
}
