package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryForTestingOnlyInTests finds no call of QueryForTesting in
// Village's own code, only in tests: it runs any query.
func TestQueryForTestingOnlyInTests(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || d.Name() == "testhook.go" {
			return nil
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(text), ".QueryForTesting(") {
			t.Errorf("%s calls QueryForTesting, which is for tests alone", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
