package main

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// A synthetic area's early help and HAF files load with the key, link
// with the CIN census, and no identifier of a child known only to early
// help or HAF, nor the key, is in any text column of any table.
func TestLoadEarlyHelpStoresNoIdentifier(t *testing.T) {
	dir := t.TempDir()
	out, db := filepath.Join(dir, "data"), filepath.Join(dir, "v.db")
	if code, _, stderr := run(t, "synth", "--children", "40", "--years", "2", "--seed", "4", "--until", "31/03/2026", "--out", out); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, stderr)
	}
	key := filepath.Join(out, partnersKeyFile)
	code, stdout, stderr := run(t, "load", "--db", db, "--key", key, out)
	if code != exitOK {
		t.Fatalf("load: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Early help and HAF load 1", "Linked: ", "Match rates, 2025/26:", "early help "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the load's output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = run(t, "load", "--db", db, "--key", key, out)
	if code != exitOK || !strings.Contains(stdout, "Early help and HAF load 2") || !strings.Contains(stdout, "inserted 0, replaced 0") {
		t.Errorf("loading the same files again: exit %d\n%s", code, stdout)
	}

	res, err := synth.Generate(synth.Config{Children: 40, Years: 2, Seed: 4, Until: calendar.NewDate(2026, 3, 31)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := res.Partners()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Raw) == 0 {
		t.Fatal("no identifiers to look for")
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND upper(p.type) = 'TEXT'")
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		rows.Scan(&c[0], &c[1])
		cols = append(cols, c)
	}
	rows.Close()
	if len(cols) < 50 {
		t.Fatalf("only %d text columns found", len(cols))
	}
	look := append([]string{p.KeyText}, p.Raw...)
	for _, c := range cols {
		values, err := conn.Query(fmt.Sprintf("SELECT %s FROM %s", c[1], c[0]))
		if err != nil {
			t.Fatal(err)
		}
		for values.Next() {
			var v sql.NullString
			values.Scan(&v)
			for _, raw := range look {
				if v.Valid && strings.Contains(strings.ToUpper(v.String), strings.ToUpper(raw)) {
					t.Errorf("%s.%s holds an identifier of a child known only to early help or HAF, or the key", c[0], c[1])
				}
			}
		}
		values.Close()
	}
}
