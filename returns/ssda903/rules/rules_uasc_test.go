package rules

import (
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

func TestRule105(t *testing.T) {
	runRuleCases(t, "105", []ruleCase{
		{name: "xml flags", data: tables{ssda903.Header: {"CHILD,UASC", "1,0", "2,1", "3,", "4,2", "5,Y"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {3, 4, 5}}},
	})
	// A CSV return has no UASC column: nothing to check.
	r := buildReturn(t, 2026, tables{ssda903.Header: {"CHILD,SEX", "1,M"}})
	r.Table(ssda903.Header).Absent = []string{"UASC"}
	if got := failingRows(t, "105", r); len(got) != 0 {
		t.Errorf("CSV return: failing rows %v", got)
	}
}

func TestRule303(t *testing.T) {
	runRuleCases(t, "303", []ruleCase{
		{name: "duc needs the flag", data: tables{
			ssda903.Header: {"CHILD,UASC", "1,1", "2,0", "3,", "4,0"},
			ssda903.UASC:   {"CHILD,DUC", "1,01/05/2026", "2,01/05/2026", "3,02/05/2026", "4,"},
		}, want: map[ssda903.TableName][]int{ssda903.Header: {2, 3}, ssda903.UASC: {2, 3}}},
	})
}
