package browser

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsNoStore keeps the browser's validator away from the store,
// the server and the network: neither it nor the WebAssembly main, nor
// any of Village's packages they depend on, may import them.
func TestImportsNoStore(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", ".", "../wasm")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	forbidden := []string{"github.com/village-uk/village/internal/store", "github.com/village-uk/village/internal/app",
		"github.com/village-uk/village/internal/web", "net/http", "database/sql"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		if !strings.HasPrefix(pkg, "github.com/village-uk/village") {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			for _, f := range forbidden {
				if imp == f || strings.HasPrefix(imp, f+"/") {
					t.Errorf("%s imports %s", pkg, imp)
				}
			}
		}
	}
}
