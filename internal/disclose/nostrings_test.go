package disclose

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// compared finds a comparison with the text of a suppressed figure.
var compared = regexp.MustCompile(`[!=]=\s*"c"|"c"\s*[!=]=`)

// TestNothingElseComparesC: whether a figure is suppressed is asked of a
// Cell, never read back from its text, anywhere in the module's Go
// sources outside this package (tests aside, which check what a reader
// sees).
func TestNothingElseComparesC(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root: %v", err)
	}
	self, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			abs, err := filepath.Abs(path)
			if err != nil {
				return err
			}
			if abs == self || (d.Name() != ".." && strings.HasPrefix(d.Name(), ".")) || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		// Tests may compare what a reader sees with "c".
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(body), "\n") {
			if compared.MatchString(line) {
				t.Errorf("%s:%d compares text with \"c\": ask the disclose.Cell whether it is suppressed\n\t%s", path, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d Go files read: the walk missed the module", files)
	}
}
