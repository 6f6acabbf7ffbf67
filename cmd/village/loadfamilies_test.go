package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The synthetic family-link file loads once, again changes nothing, and
// a file holding a mother's reference in the clear is refused before
// anything is stored.
func TestLoadFamilyLinks(t *testing.T) {
	dir := t.TempDir()
	out, db := filepath.Join(dir, "data"), filepath.Join(dir, "v.db")
	if code, _, stderr := run(t, "synth", "--children", "40", "--years", "2", "--seed", "4", "--until", "31/03/2026", "--early-help=false", "--out", out); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, stderr)
	}
	key := filepath.Join(out, partnersKeyFile)
	code, stdout, stderr := run(t, "load", "--db", db, "--key", key, out)
	if code != exitOK || !strings.Contains(stdout, "Family links load 1 (") {
		t.Fatalf("load: exit %d: %s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "load", "--db", db, "--key", key, out)
	if code != exitOK || !strings.Contains(stdout, "Family links (") || !strings.Contains(stdout, "nothing changed") {
		t.Errorf("loading the same file again: exit %d\n%s", code, stdout)
	}

	for _, flags := range [][]string{{"--format", "csv"}, {"--format", "csv", "--publishable"}} {
		code, stdout, stderr = run(t, append([]string{"indicators", "--db", db}, flags...)...)
		for _, id := range []string{"recurrent_care_mothers", "starts_under1_previous_sibling_share", "recurrent_care_interval_median"} {
			if code != exitOK || !strings.Contains(stdout, ","+id+",") {
				t.Errorf("indicators %v: exit %d, no %s: %s", flags, code, id, stderr)
			}
		}
		if strings.Contains(stdout, "not linked") {
			t.Errorf("indicators %v: the children loaded with the key are not linked", flags)
		}
	}

	raw := filepath.Join(dir, "raw")
	if err := os.MkdirAll(filepath.Join(raw, "2025-26"), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "child,mother\n" + strings.Repeat("AB234567", 4) + ",M100001\n"
	if err := os.WriteFile(filepath.Join(raw, "2025-26", "family-links.csv"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "load", "--db", db, raw)
	if code == exitOK || !strings.Contains(stderr, "family-links.csv:2: the mother is not a pseudonym") || strings.Contains(stderr, "M100001") {
		t.Errorf("a raw mother's reference: exit %d: %s", code, stderr)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var loads, clear int
	if err := conn.QueryRow("SELECT (SELECT COUNT(*) FROM family_loads), (SELECT COUNT(*) FROM family_links WHERE length(mother) <> 32 OR length(child) <> 32)").Scan(&loads, &clear); err != nil {
		t.Fatal(err)
	}
	if loads != 1 || clear != 0 {
		t.Errorf("%d family loads, %d links not pseudonyms; want 1 and 0", loads, clear)
	}
}
