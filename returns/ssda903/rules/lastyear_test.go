package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// TestLastYearTables checks that every table a rule reads from last
// year's return (c.Last.<Table>) is one NewInput types for it.
func TestLastYearTables(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`\b(?:c|in)\.Last\.(\w+)\b`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			name := m[1]
			if ssda903.SchemaOf(ssda903.TableName(name)) == nil {
				continue // a method such as HeaderOf, not a table
			}
			seen++
			if !slices.Contains(lastYearTables, ssda903.TableName(name)) {
				t.Errorf("%s reads last year's %s, which NewInput does not type: add it to lastYearTables", f, name)
			}
		}
	}
	if seen == 0 {
		t.Error("found no rule reading a table of last year's return: are the rule files where the test looks?")
	}
}
