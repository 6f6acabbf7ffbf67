package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store/pgtest"
)

// TestIndicatorsSideBySide loads two authorities into one PostgreSQL
// store and checks that village indicators --la A,B gives, side by side,
// each authority's 903 indicators as village indicators --la A gives them
// alone; without --la the store of two is refused.
func TestIndicatorsSideBySide(t *testing.T) {
	if why := pgtest.Skip(); why != "" {
		t.Skip(why)
	}
	db := pgtest.NewDatabase(t)
	codes := []string{"E06000011", "E06000012"}
	for i, la := range codes {
		dir := filepath.Join(t.TempDir(), la)
		seed := []string{"5", "6"}[i]
		if code, _, errOut := run(t, "synth", "--children", "40", "--years", "2", "--seed", seed, "--until", "31/03/2026",
			"--cin=false", "--out", dir); code != exitOK {
			t.Fatalf("synth exit %d: %s", code, errOut)
		}
		if code, out, errOut := run(t, "load", "--db", db, "--la", la, dir); code != exitOK {
			t.Fatalf("load %s: exit %d\n%s%s", la, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, "indicators", "--db", db); code == exitOK || !strings.Contains(errOut, "choose one (--la CODE)") {
		t.Errorf("indicators on a store of two without --la: exit %d, %s", code, errOut)
	}
	code, out, errOut := run(t, "indicators", "--db", db, "--la", strings.Join(codes, ","), "--format", "csv", "--publishable")
	if code != exitOK {
		t.Fatalf("indicators --la A,B: exit %d\n%s", code, errOut)
	}
	both := readCSV(t, out)
	if got := strings.Join(both[0], ","); got != "period,id,title,unit,E06000011,E06000012,note" {
		t.Fatalf("indicators --la A,B heads %s", got)
	}
	for col, la := range codes {
		code, out, errOut := run(t, "indicators", "--db", db, "--la", la, "--format", "csv", "--publishable", "--period", "2025/26")
		if code != exitOK {
			t.Fatalf("indicators --la %s: exit %d\n%s", la, code, errOut)
		}
		alone := map[string]string{}
		for _, row := range readCSV(t, out)[1:] {
			alone[row[2]] = row[5] // id, value
		}
		for _, row := range both[1:] {
			if want, ok := alone[row[1]]; !ok || row[4+col] != want || row[0] != "2025/26" {
				t.Errorf("%s %s %s side by side: %q, alone %q", row[0], row[1], la, row[4+col], want)
			}
		}
	}
}

// readCSV reads the command's CSV output.
func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("reading the CSV: %v, %d rows\n%s", err, len(rows), text)
	}
	return rows
}
