package rules

import (
	"testing"

	"github.com/village-uk/village/ssda903"
)

func TestRule101(t *testing.T) {
	runRuleCases(t, "101", []ruleCase{
		{name: "2025/26 codes", data: tables{ssda903.Header: {"CHILD,SEX", "1,M", "2,F", "3,U", "4,1", "5,", "6,m"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {4, 5, 6}}},
	})
}

func TestRule103(t *testing.T) {
	runRuleCases(t, "103", []ruleCase{
		{name: "codes", data: tables{ssda903.Header: {"CHILD,ETHNIC", "1,WBRI", "2,wbri", "3,", "4,White British", "5,NOBT"}},
			want: map[ssda903.TableName][]int{ssda903.Header: {2, 3, 4}}},
	})
}
