package rules

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreImportsNoIO keeps the rule engine free of file system, network
// and database code, so that it can be compiled to WebAssembly and run in
// a browser: neither this package nor any of the project's packages it
// depends on may import them.
func TestCoreImportsNoIO(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", ".").Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	forbidden := map[string]bool{"os": true, "os/exec": true, "path/filepath": true, "io/fs": true,
		"net": true, "net/http": true, "database/sql": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		if !strings.HasPrefix(pkg, "github.com/village-uk/village") {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if forbidden[imp] {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}
