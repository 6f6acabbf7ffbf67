package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInterventionsCommand adds, imports and lists interventions and a
// target from the command line; a partner may not, and a bad file
// imports nothing.
func TestInterventionsCommand(t *testing.T) {
	db := emptyStore(t)
	withStdin(t, "plum tree harbour lights\n", func() {
		run(t, "users", "add", "--db", db, "--role", "partner", "--agency", "police", "--password-stdin", "p.police")
	})
	dir := t.TempDir()
	scenario := filepath.Join(dir, "panel.yaml")
	register := filepath.Join(dir, "register.yaml")
	bad := filepath.Join(dir, "bad.csv")
	for name, text := range map[string]string{
		scenario: "entry_change_percent: -15\n",
		register: "interventions:\n  - name: Step-down\n    start: 2026-10-01\n    series: residential\n    programme: Placements\n    scenario: {step_down_residential_share_per_year: 0.1}\n" +
			"targets:\n  - programme: Placements\n    quarter: 2026/27 Q3\n    pounds: 40000\n",
		bad: "name,start,series\nGood,2026-07-01,starts\nBad,2026-07-01,\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"interventions", "add", "--db", db, "--name", "Reception panel", "--start", "2026-07-01", "--series", "starts,starts_age_10_15",
			"--effect", "-20%", "--annual-cost", "£120,000", "--programme", "Front door", "--rank", "1", "--scenario", scenario}, exitOK, "Added intervention 1, Reception panel, to programme Front door.", ""},
		{[]string{"interventions", "add", "--db", db, "--name", "Reception panel", "--start", "2026-07-01", "--series", "starts"}, exitUnusable, "", "in the register already"},
		{[]string{"interventions", "add", "--db", db, "--as", "p.police", "--name", "X", "--start", "2026-07-01", "--series", "starts"}, exitUnusable, "", "only analysts and managers"},
		{[]string{"interventions", "add", "--db", db, "--name", "Y", "--start", "someday", "--series", "starts"}, exitUnusable, "", `--start "someday"`},
		{[]string{"interventions", "import", "--db", db, register}, exitOK, "1 interventions added, 0 replaced, 1 savings targets set", ""},
		{[]string{"interventions", "import", "--db", db, bad}, exitUnusable, "", "bad.csv:3: intervention \"Bad\""},
		{[]string{"interventions", "target", "--db", db, "--programme", "Front door", "--quarter", "2026/27 Q2", "--pounds", "50000"}, exitOK, "£50,000", ""},
		{[]string{"interventions", "list", "--db", db}, exitOK, "Reception panel  2026-07-01", ""},
	}
	for _, st := range steps {
		code, out, errOut := run(t, st.args...)
		if code != st.code || !strings.Contains(out, st.out) || !strings.Contains(errOut, st.errOut) {
			t.Errorf("village %s: exit %d\n%s%s\nwant exit %d, %q and %q", strings.Join(st.args, " "), code, out, errOut, st.code, st.out, st.errOut)
		}
	}
	_, out, _ := run(t, "interventions", "list", "--db", db)
	if strings.Contains(out, "Good") || !strings.Contains(out, "Step-down") || !strings.Contains(out, "-20%") || !strings.Contains(out, "£120,000") {
		t.Errorf("the list after a bad import:\n%s", out)
	}
}
