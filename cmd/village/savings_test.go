package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSavingsCommand loads synthetic years, imports a register of two
// programmes and runs the ledger: the table, the JSON and the workbook's
// sheets.
func TestSavingsCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "300", "--years", "3", "--seed", "4", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, dir); code != exitOK {
		t.Fatalf("load exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "savings", "--db", db); code != exitUnusable || !strings.Contains(errOut, "no interventions") {
		t.Errorf("savings with no register: exit %d, %s", code, errOut)
	}
	register := filepath.Join(t.TempDir(), "register.csv")
	text := "name,start,series,programme,rank,scenario\nPanel,2026-04-01,starts,Front door,1,{entry_change_percent: -20}\n" +
		"Edge,2026-07-01,starts_age_10_15,Edge of care,2,{entry_change_percent_by_band: {10-15: -30}}\n"
	if err := os.WriteFile(register, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "interventions", "import", "--db", db, register); code != exitOK {
		t.Fatalf("import exit %d\n%s%s", code, out, errOut)
	}
	book := filepath.Join(t.TempDir(), "ledger.xlsx")
	code, out, errOut := run(t, "savings", "--db", db, "--years", "1", "--simulations", "20", "--out", book)
	if code != exitOK {
		t.Fatalf("savings exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Savings ledger: 2026/27 Q1 to 2026/27 Q4, split by precedence", "Front door", "Edge of care", "Net total to book", "Overlap", "2026/27 Q3"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table has no %q:\n%s", want, out)
		}
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Programmes,Quarters,Overlap,Method" {
		t.Errorf("sheets %s", got)
	}
	code, out, errOut = run(t, "savings", "--db", db, "--years", "1", "--simulations", "20", "--split", "even", "--format", "json")
	if code != exitOK {
		t.Fatalf("savings --format json exit %d\n%s", code, errOut)
	}
	var l struct {
		Split      string `json:"split"`
		Programmes []struct {
			Net struct{ Pounds int64 } `json:"net"`
		} `json:"programmes"`
		Total struct {
			Net struct{ Pounds int64 } `json:"net"`
		} `json:"total"`
		ChildLevel *bool `json:"child_level_data"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	if l.Split != "even" || len(l.Programmes) != 2 || l.Programmes[0].Net.Pounds+l.Programmes[1].Net.Pounds != l.Total.Net.Pounds || l.ChildLevel == nil || *l.ChildLevel {
		t.Errorf("the JSON: %+v", l)
	}
	html := filepath.Join(t.TempDir(), "pack.html")
	if code, out, errOut := run(t, "pack", "--db", db, "--savings", "--out", html); code != exitOK {
		t.Fatalf("pack --savings exit %d\n%s%s", code, out, errOut)
	}
	if page, err := os.ReadFile(html); err != nil || !strings.Contains(string(page), `id="savings-heading"`) {
		t.Errorf("the pack has no savings section (%v)", err)
	}
	if code, _, errOut := run(t, "pack", "--db", db, "--savings", "--publishable", "--out", html); code != exitUnusable || !strings.Contains(errOut, "finance-sensitive") {
		t.Errorf("pack --savings --publishable: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "savings", "--db", db, "--split", "half"); code != exitUnusable || !strings.Contains(errOut, `--split "half"`) {
		t.Errorf("--split half: exit %d, %s", code, errOut)
	}
}
