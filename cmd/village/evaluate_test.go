package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluateCommand writes a small synthetic authority with a known
// fall in starts, loads it, and evaluates it as a table and as JSON; the
// statistics are tested in internal/evaluate, this the command.
func TestEvaluateCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "400", "--years", "3", "--seed", "5", "--until", "31/03/2026",
		"--cin=false", "--effect", "starts:-40%@2024-07-01", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	effects, err := os.ReadFile(filepath.Join(dir, "effects.csv"))
	if err != nil || !strings.Contains(string(effects), "starts:-40%@2024-07-01,starts,-0.4,2024-07-01,") {
		t.Errorf("effects.csv: %v\n%s", err, effects)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, dir); code != exitOK {
		t.Fatalf("load exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, "evaluate", "--db", db, "--start", "01/07/2024", "--series", "starts")
	if code != exitOK {
		t.Fatalf("evaluate exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Children who started to be looked after (starts), from 1 July 2024", "Change in level",
		"15 before the start, 21 from it", "Control chart, re-based at the start", "2024-07 to 2026-03"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table does not say %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, "evaluate", "--db", db, "--start", "2024-07-01", "--expected", "-0.3", "--format", "json")
	if code != exitOK {
		t.Fatalf("evaluate --format json exit %d\n%s%s", code, out, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, key := range []string{"effect", "ci_low", "ci_high", "p_value", "months_observed", "months_to_detect", "words", "model", "chart"} {
		if _, ok := got[key]; !ok {
			t.Errorf("the JSON has no %q:\n%s", key, out)
		}
	}
	if got["expected"] != -0.3 || got["months_observed"] != 21.0 {
		t.Errorf("expected %v, months observed %v", got["expected"], got["months_observed"])
	}
	if low, high := got["ci_low"].(float64), got["ci_high"].(float64); low > -0.4 || high < -0.4 || high >= 0 {
		t.Errorf("a 40%% fall in first entries: interval %v to %v", low, high)
	}
	phases := got["chart"].(map[string]any)["phases"].([]any)
	if len(phases) != 2 || phases[1].(map[string]any)["from"] != "2024-07" {
		t.Errorf("chart phases %v", phases)
	}
	evaluateInterventions(t, db)
}

// evaluateInterventions imports a register into the store and evaluates
// its interventions by name: each series of one, and the refusals.
func evaluateInterventions(t *testing.T, db string) {
	register := filepath.Join(t.TempDir(), "register.csv")
	text := "name,start,series,effect\nPanel,2024-07-01,starts;moves,-30%\nLocal,2024-07-01,starts;front_door_contacts,\n" +
		"Late,2026-05-01,starts,\nEarly,2023-06-01,starts,\n"
	if err := os.WriteFile(register, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "interventions", "import", "--db", db, register); code != exitOK {
		t.Fatalf("import exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, "evaluate", "--db", db, "--intervention", "panel")
	if code != exitOK {
		t.Fatalf("evaluate --intervention exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Panel, started 1 July 2024: 2 series, expected change -30.0%", "(starts), from 1 July 2024",
		"(moves), from 1 July 2024", "Months to detect -30.0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("the tables do not say %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, "evaluate", "--db", db, "--intervention", "Panel", "--format", "json")
	if code != exitOK {
		t.Fatalf("evaluate --intervention --format json exit %d\n%s%s", code, out, errOut)
	}
	var got struct {
		Intervention string
		Start        string
		Expected     float64
		Series       []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Intervention != "Panel" || got.Start != "2024-07-01" || got.Expected != -0.3 || len(got.Series) != 2 ||
		got.Series[0]["series"] != "starts" || got.Series[1]["series"] != "moves" || got.Series[0]["expected"] != -0.3 {
		t.Errorf("the JSON: %+v", got)
	}
	for _, key := range []string{"effect", "ci_low", "ci_high", "months_observed", "months_to_detect", "words", "chart"} {
		if _, ok := got.Series[1][key]; !ok {
			t.Errorf("the second series has no %q:\n%s", key, out)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--intervention", "Nobody"}, `--intervention "Nobody": not in the register, which holds`},
		{[]string{"--intervention", "Local"}, "series front_door_contacts: not a series Village counts"},
		{[]string{"--intervention", "Late"}, "no whole month from the start"},
		{[]string{"--intervention", "Early"}, "months with a figure before the start; at least 12 are needed"},
		{[]string{"--intervention", "Panel", "--series", "moves"}, "--intervention and --series"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"evaluate", "--db", db}, tt.args...)...)
			if code != exitUnusable || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, %q; want exit %d saying %q", code, errOut, exitUnusable, tt.want)
			}
		})
	}
}

func TestEvaluateCommandRefuses(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--db", missing}, "--start is required"},
		{[]string{"--db", missing, "--start", "July 2024"}, `--start "July 2024": expected a date written YYYY-MM-DD or DD/MM/YYYY`},
		{[]string{"--db", missing, "--start", "2024-07-01", "--series", "entries"}, `--series "entries": not known`},
		{[]string{"--db", missing, "--start", "2024-07-01", "--format", "csv"}, `--format "csv": expected table or json`},
		{[]string{"--db", missing, "--start", "2024-07-01", "--expected", "-1"}, "--expected -1: expected a change as a fraction above -1"},
		{[]string{"--db", missing, "--start", "2024-07-01"}, "no store at"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"evaluate"}, tt.args...)...)
			if code != exitUnusable || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, %q; want exit %d saying %q", code, errOut, exitUnusable, tt.want)
			}
		})
	}
	code, out, _ := run(t, "evaluate", "--list")
	if code != exitOK || !strings.Contains(out, "days_to_permanence") || !strings.Contains(out, "ceases_sgo") {
		t.Errorf("--list exit %d:\n%s", code, out)
	}
}
