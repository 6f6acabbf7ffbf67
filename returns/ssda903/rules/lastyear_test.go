package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// TestLastYearTables checks that every table a rule reads from last
// year's return (c.Last.<Table>) is one NewInput types for it.
func TestLastYearTables(t *testing.T) {
	files, err := filepath.Glob("rules_*.go")
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`\b(?:c|in)\.Last\.(\w+)\b`)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			name := m[1]
			if ssda903.SchemaOf(ssda903.TableName(name)) == nil {
				continue // a method such as HeaderOf, not a table
			}
			if !slices.Contains(lastYearTables, ssda903.TableName(name)) {
				t.Errorf("%s reads last year's %s, which NewInput does not type: add it to lastYearTables", f, name)
			}
		}
	}
}
