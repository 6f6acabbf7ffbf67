package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkPackPages checks the default pack, already written to short,
// opens with the summary and gives a page to the key measures only, and
// that --full gives every indicator one, under the name --la-name gives.
func checkPackPages(t *testing.T, db, short string) {
	t.Helper()
	full := filepath.Join(t.TempDir(), "full.html")
	if code, out, errOut := run(t, "pack", "--db", db, "--quarter", "2025/26Q4", "--full", "--la-name", "Village", "--out", full); code != exitOK {
		t.Fatalf("pack --full: exit %d\n%s%s", code, out, errOut)
	}
	pages := map[string]int{}
	for _, name := range []string{short, full} {
		page, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		first := strings.Index(string(page), "<h2")
		if first < 0 || !strings.HasPrefix(string(page[first:]), `<h2 id="summary-heading">`) {
			t.Errorf("%s: does not open with the summary", filepath.Base(name))
		}
		pages[name] = strings.Count(string(page), `<section class="indicator"`)
		if name == full && !strings.Contains(string(page), "Village") {
			t.Errorf("pack --la-name Village: the name is not in the summary")
		}
	}
	if pages[short] == 0 || pages[short] > 10 || pages[full] <= 40 {
		t.Errorf("indicator pages: %d in the default pack, %d in the full one; want at most 10, and every indicator", pages[short], pages[full])
	}
}
