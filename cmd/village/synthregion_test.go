package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/pseudonym"
)

// TestSynthRegion checks that village synth --region writes each member
// as one authority is written, in a folder named by its code, with the
// region's membership, movers and key beside them; that each member's
// latest return validates; and that the same flags write the same bytes.
func TestSynthRegion(t *testing.T) {
	args := []string{"synth", "--region", "3", "--children", "80", "--years", "2", "--seed", "4", "--until", "31/03/2026", "--movers", "0.1"}
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, dir := range dirs {
		code, out, errOut := run(t, append(args, "--out", dir)...)
		if code != exitOK {
			t.Fatalf("synth --region: exit %d: %s", code, errOut)
		}
		if !strings.Contains(out, "a region of 3 synthetic authorities") {
			t.Errorf("synth --region does not say what it wrote:\n%s", out)
		}
	}
	dir := dirs[0]
	members := readCSVFile(t, filepath.Join(dir, "region.csv"))
	if len(members) != 4 || strings.Join(members[0], ",") != "code,name" {
		t.Fatalf("region.csv: %q, want a header and 3 members", members)
	}
	for _, m := range members[1:] {
		for _, name := range []string{"2024-25/episodes.csv", "2025-26/header.csv", "postcodes.csv", "providers.xlsx"} {
			if _, err := os.Stat(filepath.Join(dir, m[0], name)); err != nil {
				t.Errorf("member %s: %v", m[0], err)
			}
		}
		code, _, errOut := run(t, "validate", "--la", m[0], "--postcodes", filepath.Join(dir, m[0], "postcodes.csv"), filepath.Join(dir, m[0]))
		if code == exitUnusable {
			t.Errorf("validating member %s: exit %d: %s", m[0], code, errOut)
		}
	}
	if movers := readCSVFile(t, filepath.Join(dir, "movers.csv")); strings.Join(movers[0], ",") != "from_la,from_child,to_la,to_child,date" || len(movers) < 2 {
		t.Errorf("movers.csv: %q, want a header and some movers", movers)
	}
	if _, err := pseudonym.ReadKeyFile(filepath.Join(dir, "pseudonym.key")); err != nil {
		t.Errorf("the region's key: %v", err)
	}
	if a, b := treeBytes(t, dirs[0]), treeBytes(t, dirs[1]); !bytes.Equal(a, b) {
		t.Error("the same flags wrote different files")
	}
}

// treeBytes concatenates every file's path and content under dir.
func treeBytes(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		b.WriteString(rel + "\n")
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
