package village_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// module is the import path every package of Village starts with.
const module = "github.com/village-uk/village"

// imports returns, for each package folder of the repository, the module
// packages its non-test Go files import, as paths relative to the module
// ("internal/forecast").
func imports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		for _, spec := range f.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if rest, ok := strings.CutPrefix(p, module+"/"); ok {
				out[dir][rest] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// under reports whether package dir is folder or inside it.
func under(dir, folder string) bool {
	return dir == folder || strings.HasPrefix(dir, folder+"/")
}

// TestHouseRules keeps the layout's promises (README, "Where things are"):
// data flows one way, from the returns through analysis to presentation.
func TestHouseRules(t *testing.T) {
	all := imports(t)
	if len(all) < 10 {
		t.Fatalf("found only %d packages; is the test run from the repository's root?", len(all))
	}
	for dir, imported := range all {
		for imp := range imported {
			for _, rule := range houseRules {
				if rule.applies(dir) && rule.forbids(imp) {
					t.Errorf("%s imports %s: %s", dir, imp, rule.why)
				}
			}
		}
	}
}

type houseRule struct {
	applies func(dir string) bool
	forbids func(imported string) bool
	why     string
}

var houseRules = []houseRule{
	{
		applies: func(dir string) bool { return dir == "calendar" },
		forbids: func(string) bool { return true },
		why:     "the calendar is the vocabulary every package shares and depends on none of them",
	},
	{
		applies: func(dir string) bool { return under(dir, "internal/present") },
		forbids: func(imp string) bool { return imp == "internal/forecast" || imp == "internal/store" },
		why:     "presentation draws what it is given: models and storage do not reach into rendering, nor it into them",
	},
	{
		// A return's package is for that return's tables; analysis and
		// presentation get dates and periods from calendar.
		applies: func(dir string) bool {
			for _, folder := range []string{"internal/forecast", "internal/spc", "internal/present", "internal/web", "internal/disclose", "calendar"} {
				if under(dir, folder) {
					return true
				}
			}
			return false
		},
		forbids: func(imp string) bool { return imp == "returns/ssda903" || imp == "returns/cin" },
		why:     "analysis and presentation do not import a return's package (dates and periods are in calendar)",
	},
	{
		applies: func(dir string) bool { return under(dir, "returns") || under(dir, "calendar") || dir == "validate" },
		forbids: func(imp string) bool { return strings.HasPrefix(imp, "internal/") },
		why:     "the returns and the rule engine are importable on their own and build for the browser",
	},
}
