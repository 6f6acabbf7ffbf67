package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/journey"
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
		"Children's homes (in-house)", "Unaccompanied asylum-seeking children looked after", "Children's homes (external)", "2027/28", "Spend by placement type", "Difference in spend by placement type", `Scenario "Panel" from 1 July 2026`,
		"Backtest: fitted at 3 cut-offs 6 months apart, 31 March 2024 to 31 March 2025, each on the 2 years before it", "Calibration by cut-off"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table does not say %q:\n%s", want, out)
		}
	}
	if info, err := os.Stat(book); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the workbook: %v, %v; want it readable by its owner only", info, err)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "About,By category,By age,Entries,Spend,Spend by placement,Scenario,Backtest,Calibration,Rates,Costs" {
		t.Errorf("sheets %s", got)
	}
	if rows, _ := f.GetRows("Spend"); len(rows) != 3 {
		t.Errorf("spend sheet has %d rows; want a header and two years", len(rows))
	}
	// a note, a header, two years of each of the ten placement types and of the total
	if rows, _ := f.GetRows("Spend by placement"); len(rows) != 2+2*11 || rows[2][0] != "Fostering (in-house)" || rows[len(rows)-1][0] != "Total" {
		t.Errorf("spend by placement sheet has %d rows, from %q to %q; want a note, a header and 22 rows from in-house fostering to the total", len(rows), rows[2][0], rows[len(rows)-1][0])
	}

	if rows, _ := f.GetRows("Calibration"); len(rows) != 6 {
		t.Errorf("calibration sheet has %d rows; want a note, a header, three cut-offs and all of them", len(rows))
	}

	// --backtest alone runs the backtest, not the forecast.
	forecasts := 0
	projectForecast = func(set *journey.Set, opts forecast.Options) (*forecast.Result, error) {
		forecasts++
		return forecast.Forecast(set, opts)
	}
	defer func() { projectForecast = forecast.Forecast }()
	code, out, errOut = run(t, "forecast", "--db", db, "--backtest", "--format", "json", "--simulations", "200")
	if code != exitOK {
		t.Fatalf("backtest exit %d\n%s%s", code, out, errOut)
	}
	if forecasts != 0 {
		t.Errorf("--backtest worked out the forecast %d times; want none", forecasts)
	}
	var bt struct {
		Summary map[string]float64 `json:"summary"`
		Cuts    []struct {
			Cut     string             `json:"cut"`
			Summary map[string]float64 `json:"summary"`
		} `json:"cuts"`
	}
	if err := json.Unmarshal([]byte(out), &bt); err != nil {
		t.Fatalf("backtest JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"model_mape", "no_change_mape", "trend_mape", "coverage_90", "coverage_50"} {
		if _, ok := bt.Summary[key]; !ok {
			t.Errorf("backtest summary has no %s: %v", key, bt.Summary)
		}
	}
	var cuts []string
	for _, c := range bt.Cuts {
		cuts = append(cuts, c.Cut)
	}
	if got := strings.Join(cuts, ","); got != "2024-03-31,2024-09-30,2025-03-31" {
		t.Errorf("backtest cuts %s; want the three whose two-year windows lie inside the four years of data", got)
	}
	code, out, _ = run(t, "forecast", "--db", db, "--backtest", "--simulations", "100", "--out", filepath.Join(t.TempDir(), "both.xlsx"))
	if code != exitOK || forecasts != 1 || !strings.Contains(out, "Calibration by cut-off") || strings.Contains(out, "Spend") {
		t.Errorf("--backtest --out: exit %d, %d forecasts, want 1 and the backtest alone printed:\n%s", code, forecasts, out)
	}

	code, out, errOut = run(t, "forecast", "--db", db, "--population", pop, "--recent-entries", "--years", "1", "--simulations", "50")
	if code != exitOK || !strings.Contains(out, `Scenario "Entries at the last 6 months' rate" from 1 April 2026`) {
		t.Errorf("forecast --recent-entries: exit %d, no recent entries' scenario\n%s%s", code, out, errOut)
	}

	costs := filepath.Join(t.TempDir(), "costs.csv")
	if code, _, errOut := run(t, "forecast", "--write-costs", costs); code != exitOK {
		t.Fatalf("write-costs exit %d: %s", code, errOut)
	}
	code, out, errOut = run(t, "forecast", "--db", db, "--costs", costs, "--years", "1", "--simulations", "50", "--format", "json")
	if code != exitOK {
		t.Fatalf("forecast with the written costs: exit %d: %s", code, errOut)
	}
	var res struct {
		Baseline struct {
			Spend []struct {
				Mean float64 `json:"mean"`
			} `json:"spend"`
			SpendByCategory []struct {
				Key   string `json:"key"`
				Years []struct {
					Mean float64 `json:"mean"`
				} `json:"years"`
			} `json:"spend_by_category"`
		} `json:"baseline"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("forecast JSON: %v", err)
	}
	if n := len(res.Baseline.SpendByCategory); n != 10 || res.Baseline.SpendByCategory[3].Key != "childrens_home_in_house" {
		t.Fatalf("spend_by_category has %d placement types; want 10, the fourth childrens_home_in_house", n)
	}
	sum := 0.0
	for _, c := range res.Baseline.SpendByCategory {
		sum += c.Years[0].Mean
	}
	if total := res.Baseline.Spend[0].Mean; total <= 0 || math.Abs(sum-total) > 1e-6*total {
		t.Errorf("spend_by_category means add up to %v; the spend's mean is %v", sum, total)
	}

	// A costs file from before children's homes were split, with one
	// childrens_home row, still works, and the forecast says so.
	written, err := os.ReadFile(costs)
	if err != nil {
		t.Fatal(err)
	}
	var old []string
	for _, line := range strings.SplitAfter(string(written), "\n") {
		switch {
		case strings.HasPrefix(line, "childrens_home_in_house,"):
			old = append(old, "childrens_home,5000,2024/25,our own figure\n")
		case !strings.HasPrefix(line, "childrens_home_external,"):
			old = append(old, line)
		}
	}
	oldCosts := filepath.Join(t.TempDir(), "old-costs.csv")
	if err := os.WriteFile(oldCosts, []byte(strings.Join(old, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "forecast", "--db", db, "--costs", oldCosts, "--years", "1", "--simulations", "50")
	if code != exitOK || !strings.Contains(out, "Note: The costs file gives one weekly cost for children's homes (childrens_home)") {
		t.Errorf("forecast with a single childrens_home cost: exit %d, %s\n%s", code, errOut, out)
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
		{[]string{"forecast", "--recent-entries", "--scenario", bad}, "--recent-entries and --scenario"},
	} {
		code, _, errOut := run(t, tt.args...)
		if code != exitUnusable || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, errOut, exitUnusable, tt.want)
		}
	}
}
