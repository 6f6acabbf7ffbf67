package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadEarlyHelp: village read on a year folder holding early-help.csv
// and haf.csv summarises them after the returns (rows, children, dates,
// code distributions), and on a folder holding only them summarises them
// alone; a mistake in them is listed with its file, line and column and
// makes the exit the data-error status.
func TestReadEarlyHelp(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	if code, _, errOut := run(t, "synth", "--children", "150", "--years", "1", "--seed", "2", "--out", dir); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "read", dir)
	for _, want := range []string{"SSDA903 return for ", "CIN return for ", "early help and HAF return for ", "EarlyHelp (",
		"HAF (", "  Programme  ", "  Outcome  ", "  SessionDate  "} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("read %s: exit %d, no %q: %s\n%s", dir, code, want, errOut, out)
		}
	}

	years, err := filepath.Glob(filepath.Join(dir, "20*"))
	if err != nil || len(years) != 1 {
		t.Fatalf("year folders %v, %v", years, err)
	}
	alone := filepath.Join(t.TempDir(), filepath.Base(years[0]))
	if err := os.Mkdir(alone, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"early-help.csv", "haf.csv"} {
		data, err := os.ReadFile(filepath.Join(years[0], name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "haf.csv" { // the first session's FSM flag written in words
			lines := strings.SplitN(string(data), "\n", 3)
			fields := strings.Split(lines[1], ",")
			fields[5] = "Yes"
			lines[1] = strings.Join(fields, ",")
			data = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(alone, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut = run(t, "read", alone)
	if code != exitDataErr || strings.Contains(out, "SSDA903 return") || !strings.Contains(out, "early help and HAF return for ") ||
		!regexp.MustCompile(`haf\.csv:2:\d+: FSM: "Yes"`).MatchString(out) {
		t.Errorf("read %s: exit %d: %s\n%s", alone, code, errOut, out)
	}
}
