package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/store"
)

// TestDecisionsCommand exports a register of one decision from the
// command line as CSV and as a workbook, prints its yearly report in each
// format, and refuses what it cannot do.
func TestDecisionsCommand(t *testing.T) {
	db := emptyStore(t)
	withRegister(t, db, func(ctx context.Context, m *store.Decisions, by store.By) error {
		if err := m.PutLead(ctx, decisions.Lead{User: "j.vsh", Agency: "education", Cohorts: []string{"looked_after"}}, by); err != nil {
			return err
		}
		day := calendar.NewDate(2025, 6, 2)
		cohorts, _ := decisions.ParseCohorts([]string{"looked_after", "send"})
		d := decisions.Decision{Title: "+Fewer CAMHS slots", Agency: "health", Decided: day, Effective: day, Cohorts: cohorts, Status: decisions.Decided,
			Entered: map[string]int{"send": 4}, Recorded: time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)}
		_, err := m.Record(ctx, d, []decisions.Notice{{Lead: "j.vsh", Due: decisions.DueOn(day)}}, by)
		return err
	})

	dir := t.TempDir()
	csvOut, xlsxOut := filepath.Join(dir, "register.csv"), filepath.Join(dir, "register.xlsx")
	steps := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"decisions", "export", "--db", db, "--cohort", "send", "--out", csvOut}, exitOK, "Wrote 1 decisions (cohort=send) to " + csvOut, ""},
		{[]string{"decisions", "export", "--db", db, "--agency", "police", "--out", xlsxOut}, exitOK, "Wrote 0 decisions and 0 acknowledgements (agency=police)", ""},
		{[]string{"decisions", "report", "--db", db, "--year", "2025/26"}, exitOK, "Never acknowledged (as of", ""},
		{[]string{"decisions", "report", "--db", db, "--year", "2025/26", "--format", "json"}, exitOK, `"escalations_text": "0"`, ""},
		{[]string{"decisions", "report", "--db", db, "--from", "2025-06-01", "--to", "2025-06-30", "--format", "csv"}, exitOK, "Summary,2,Value,1\n", ""},
		{[]string{"decisions", "report", "--db", db, "--year", "2025/26", "--format", "csv", "--out", filepath.Join(dir, "report.xlsx")}, exitOK, "table,row,column,value", "Wrote the report to"},
		{[]string{"decisions", "export", "--db", db, "--out", filepath.Join(dir, "register.json")}, exitUnusable, "", "expected a file name ending .csv or .xlsx"},
		{[]string{"decisions", "export", "--db", db, "--status", "maybe", "--out", csvOut}, exitUnusable, "", `--status: status "maybe"`},
		{[]string{"decisions", "report", "--db", db, "--year", "twenty"}, exitUnusable, "", "reporting year"},
		{[]string{"decisions", "report", "--db", db, "--format", "yaml"}, exitUnusable, "", "expected table, json or csv"},
		{[]string{"decisions", "tidy", "--db", db}, exitUnusable, "", `no decisions "tidy": expected export, report`},
	}
	for _, st := range steps {
		code, out, errOut := run(t, st.args...)
		if code != st.code || !strings.Contains(out, st.out) || !strings.Contains(errOut, st.errOut) {
			t.Errorf("village %s: exit %d\n%s%s\nwant exit %d, %q and %q", strings.Join(st.args, " "), code, out, errOut, st.code, st.out, st.errOut)
		}
	}
	got, err := os.ReadFile(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	want := "1,'+Fewer CAMHS slots,health,2025-06-02,2025-06-02,Decided,,,looked_after; send,looked_after x; send 4 (entered),1,0,1,0,0,0\n"
	if !strings.HasSuffix(string(got), want) {
		t.Errorf("%s:\n%s\nwant it to end\n%s", csvOut, got, want)
	}
	for _, name := range []string{filepath.Join(dir, "register-acknowledgements.csv"), xlsxOut, filepath.Join(dir, "report.xlsx")} {
		if _, err := os.Stat(name); err != nil {
			t.Error(err)
		}
	}
}

// TestPackDecisions writes the pack of a store that keeps no register,
// then of one with two decisions in the quarter: the pack's section holds
// the one affecting children looked after, its count of 2 children
// suppressed in the publishable pack.
func TestPackDecisions(t *testing.T) {
	db := frontDoorStore(t)
	out := filepath.Join(t.TempDir(), "pack.html")
	page := func(args ...string) string {
		t.Helper()
		args = append([]string{"pack", "--db", db, "--quarter", "2025/26Q4", "--out", out}, args...)
		if code, stdout, errOut := run(t, args...); code != exitOK {
			t.Fatalf("village %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if html := page(); !strings.Contains(html, "This store keeps no decision register") {
		t.Error("the pack of a store without a register does not say so")
	}
	withRegister(t, db, func(ctx context.Context, m *store.Decisions, by store.By) error {
		for _, d := range []struct {
			title   string
			cohorts []string
		}{{"Respite beds close", []string{"looked_after"}}, {"SEND transport", []string{"send"}}} {
			cs, _ := decisions.ParseCohorts(d.cohorts)
			day := calendar.NewDate(2026, 2, 9)
			dec := decisions.Decision{Title: d.title, Agency: "health", Decided: day, Effective: day, Cohorts: cs, Status: decisions.Decided}
			if _, err := m.Record(ctx, dec, nil, by); err != nil {
				return err
			}
		}
		return nil
	})
	html := page("--publishable")
	for _, want := range []string{`<h2 id="decisions-heading">Decisions this quarter affecting children in care</h2>`,
		"<th scope=\"row\">Respite beds close</th><td>Integrated care board and health providers</td><td>9 February 2026</td>",
		"<td>Children looked after c</td><td>0 of 0</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	if strings.Contains(html, "SEND transport") {
		t.Error("the pack lists a decision affecting no child in care")
	}
	if html := page(); !strings.Contains(html, "<td>Children looked after 2</td>") {
		t.Error("the exact pack does not count the 2 children looked after")
	}
}

// withRegister sets the default agencies up in the store db, then runs
// fill on its register, as an administrator.
func withRegister(t *testing.T, db string, fill func(ctx context.Context, m *store.Decisions, by store.By) error) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	by := store.By{Who: "it.admin", From: "command line"}
	m := s.Decisions()
	for _, a := range decisions.DefaultAgencies {
		if err := m.AddAgency(ctx, a, by); err != nil {
			t.Fatal(err)
		}
	}
	if err := fill(ctx, m, by); err != nil {
		t.Fatal(err)
	}
}
