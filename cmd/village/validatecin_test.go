package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateCINCensus: "village validate" given a CIN census, recognised
// by its content, runs the CIN rules, exits with the data-error status
// and writes one JSON row per failure with its rule, child, table, row
// and explanation.
func TestValidateCINCensus(t *testing.T) {
	census := filepath.Join("..", "..", "returns", "cin", "testdata", "problems.xml")
	out := filepath.Join(t.TempDir(), "failures.json")
	code, stdout, errOut := run(t, "validate", "--out", out, census)
	if code != exitDataErr {
		t.Fatalf("exit %d; want %d: %s\n%s", code, exitDataErr, errOut, stdout)
	}
	if !strings.HasPrefix(stdout, "CIN census read from ") || !strings.Contains(stdout, "109 rules run") {
		t.Errorf("the summary does not say it validated a CIN census:\n%s", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Rows []struct {
			Rule, Child, Table, Explanation string
			Row                             int
		} `json:"rows"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, r := range doc.Rows {
		if r.Rule == "" || r.Table == "" || r.Row < 1 || r.Explanation == "" {
			t.Errorf("a failure without its rule, table, row or explanation: %+v", r)
		}
		rules[r.Rule] = true
	}
	// a plan starting on another day than its conference, two open plans,
	// a missing child ID
	for _, want := range []string{"2885", "8935", "8500"} {
		if !rules[want] {
			t.Errorf("rule %s did not fire; fired: %v", want, rules)
		}
	}
}
