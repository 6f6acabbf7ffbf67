package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// synthYear writes one synthetic 2025/26 return into a new folder and
// returns the year's folder.
func synthYear(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "120", "--years", "1", "--seed", "5", "--until", "31/03/2026", "--errors", "0.05", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	return filepath.Join(dir, "2025-26")
}

// TestValidateMissingTable checks that a return without a table every rule
// reads is reported as one problem, exits 1 and is not called clean.
func TestValidateMissingTable(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"header.csv", "Cannot validate: header missing"},
		{"episodes.csv", "Cannot validate: episodes missing"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			year := synthYear(t)
			if err := os.Remove(filepath.Join(year, tc.file)); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := run(t, "validate", year)
			if code != exitDataErr {
				t.Errorf("exit %d, want %d: %s", code, exitDataErr, errOut)
			}
			if !strings.Contains(out, tc.want) || strings.Contains(out, "No errors.") || strings.Contains(out, "By rule:") ||
				!strings.Contains(out, "0 rules run") || !strings.Contains(out, "Skipped ") {
				t.Errorf("output:\n%.1500s", out)
			}
		})
	}
}

// TestValidateExplainSaysFileAndLine checks that --explain locates each
// failure as "village read" does, by file and line with the header on
// line 1, and escapes what a child ID holds before it reaches a terminal.
func TestValidateExplainSaysFileAndLine(t *testing.T) {
	year := synthYear(t)
	path := filepath.Join(year, "header.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	// The third data row (line 4) gets a child ID with an ANSI escape and
	// a sex that breaks rule 101.
	fields := strings.Split(lines[3], ",")
	header := strings.Split(lines[0], ",")
	for i, name := range header {
		switch name {
		case "CHILD":
			fields[i] = "77\x1b[2J"
		case "SEX":
			fields[i] = "Q"
		}
	}
	lines[3] = strings.Join(fields, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := run(t, "validate", "--explain", year)
	want := "  101 " + path + ":4 (Header), child 77\\x1b[2J: "
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, grepLines(out, "101 "))
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("an escape character reached the output")
	}
}

func grepLines(text, substr string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestTerminalEscapesControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1004586", "1004586"},
		{"Ångström 2025/26", "Ångström 2025/26"},
		{"77\x1b[31m", `77\x1b[31m`},
		{"a\rb\bc\x7f", `a\x0db\x08c\x7f`},
		{"x\u202egnp.exe", `x\u202egnp.exe`},
		{"bad\xffbyte", `bad\xffbyte`},
		{`back\slash` + "\x1b", `back\\slash\x1b`},
		{"\u0085next", `\u0085next`},
	} {
		if got := terminal(tc.in); got != tc.want {
			t.Errorf("terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRefusesAReturnOfAnotherYear checks that a return whose dates belong
// to another collection year than its folder's name is refused by validate
// and load unless forced.
func TestRefusesAReturnOfAnotherYear(t *testing.T) {
	dir := t.TempDir()
	// The 903 alone: a CIN census of another year is refused first, as
	// app's TestLoadCIN checks.
	if code, _, errOut := run(t, "synth", "--children", "120", "--years", "2", "--seed", "6", "--until", "31/03/2026", "--cin=false", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	for _, tc := range []struct{ folder, claimed string }{{"2025-26", "2025/26"}, {"2030-31", "2030/31"}} {
		t.Run(tc.folder, func(t *testing.T) {
			wrong := filepath.Join(t.TempDir(), tc.folder)
			if err := os.CopyFS(wrong, os.DirFS(filepath.Join(dir, "2024-25"))); err != nil {
				t.Fatal(err)
			}
			want := wrong + " is taken as the " + tc.claimed + " return, but its episodes' dates (DECOM and DEC) are those of a 2024/25 return"
			db := filepath.Join(t.TempDir(), "v.db")
			for _, args := range [][]string{{"validate", wrong}, {"load", "--db", db, wrong}} {
				code, _, errOut := run(t, args...)
				if code != exitUnusable || !strings.Contains(errOut, want) || !strings.Contains(errOut, "--force") {
					t.Errorf("%s: exit %d: %s", args[0], code, errOut)
				}
			}
			if code, out, errOut := run(t, "load", "--force", "--db", db, wrong); code != exitOK || !strings.Contains(out, tc.claimed) {
				t.Errorf("load --force: exit %d: %s%s", code, out, errOut)
			}
		})
	}
	if code, _, errOut := run(t, "validate", filepath.Join(dir, "2025-26")); code == exitUnusable {
		t.Errorf("a return in its own year's folder was refused: %s", errOut)
	}
}

// TestLoadSaysWhichRulesItSkipped checks that load, validating without
// reference data, says which rules it skipped and why, as validate does.
func TestLoadSaysWhichRulesItSkipped(t *testing.T) {
	year := synthYear(t)
	code, out, errOut := run(t, "load", "--force", "--db", filepath.Join(t.TempDir(), "v.db"), year)
	if code != exitOK || !strings.Contains(out, "2025/26 validated: ") || !strings.Contains(out, " rules skipped:\n    needs a postcode directory: 164, ") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}
