package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestForecastCommand loads three synthetic years and runs the forecast
// with a scenario: the table, the backtest's JSON summary, the workbook
// and the cost file.
func TestForecastCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "300", "--years", "4", "--seed", "4", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, dir); code != exitOK {
		t.Fatalf("load exit %d\n%s%s", code, out, errOut)
	}
	scenario := filepath.Join(t.TempDir(), "panel.yaml")
	if err := os.WriteFile(scenario, []byte("name: Panel\nfrom: 2026-07-01\nentry_change_percent: -20\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pop := filepath.Join(dir, "population.csv")
	book := filepath.Join(t.TempDir(), "forecast.xlsx")
	code, out, errOut := run(t, "forecast", "--db", db, "--population", pop, "--years", "2", "--simulations", "200",
		"--scenario", scenario, "--out", book)
	if code != exitOK {
		t.Fatalf("forecast exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Forecast of children looked after from 31 March 2026, 24 months, 200 simulations",
		"Children's homes", "2027/28", `Scenario "Panel" from 1 July 2026`, "Backtest: fitted on 1 April 2023 to 31 March 2025"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table does not say %q:\n%s", want, out)
		}
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "About,By category,By age,Entries,Spend,Scenario,Backtest,Rates,Costs" {
		t.Errorf("sheets %s", got)
	}
	if rows, _ := f.GetRows("Spend"); len(rows) != 3 {
		t.Errorf("spend sheet has %d rows; want a header and two years", len(rows))
	}

	code, out, errOut = run(t, "forecast", "--db", db, "--backtest", "--format", "json", "--simulations", "200")
	if code != exitOK {
		t.Fatalf("backtest exit %d\n%s%s", code, out, errOut)
	}
	var bt struct {
		Summary map[string]float64 `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &bt); err != nil {
		t.Fatalf("backtest JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"model_mape", "no_change_mape", "trend_mape", "coverage_90"} {
		if _, ok := bt.Summary[key]; !ok {
			t.Errorf("backtest summary has no %s: %v", key, bt.Summary)
		}
	}

	costs := filepath.Join(t.TempDir(), "costs.csv")
	if code, _, errOut := run(t, "forecast", "--write-costs", costs); code != exitOK {
		t.Fatalf("write-costs exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, "forecast", "--db", db, "--costs", costs, "--years", "1", "--simulations", "50", "--format", "json"); code != exitOK {
		t.Errorf("forecast with the written costs: exit %d: %s", code, errOut)
	}
}

// TestForecastHelp: village forecast -h shows the scenario file format,
// rates list included, and a mistake in a scenario file's rates is
// refused with the file, line and field.
func TestForecastHelp(t *testing.T) {
	code, _, errOut := run(t, "forecast", "-h")
	for _, want := range []string{"-scenario string", "\nScenario files (--scenario) are YAML", "  rates:", "- kind: exit", "multiply: 1.25", "add: 0.002", "README.md (\"Scenario files\")"} {
		if code != exitOK || !strings.Contains(errOut, want) {
			t.Errorf("forecast -h: exit %d, no %q in\n%s", code, want, errOut)
		}
	}
	bad := filepath.Join(t.TempDir(), "rates.yaml")
	if err := os.WriteFile(bad, []byte("from: 2026-07-01\nrates:\n  - kind: exit\n    to: aged_18\n    multiply: 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, "forecast", "--scenario", bad)
	if want := `rates.yaml:4: rates[1].to: "aged_18": leaving care at 18 cannot be changed`; code != exitUnusable || !strings.Contains(errOut, want) {
		t.Errorf("a scenario changing ageing out: exit %d, %q; want %d and %q", code, errOut, exitUnusable, want)
	}
}

func TestForecastUsageErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("name: x\nentry_change_percent: lots\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"forecast", "--format", "csv"}, `--format "csv"`},
		{[]string{"forecast", "--out", "f.csv"}, `--out "f.csv"`},
		{[]string{"forecast", "--from", "2024-13-01"}, `--from "2024-13-01"`},
		{[]string{"forecast", "--scenario", bad}, "bad.yaml:2: entry_change_percent"},
	} {
		code, _, errOut := run(t, tt.args...)
		if code != exitUnusable || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, errOut, exitUnusable, tt.want)
		}
	}
}
