package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCINCensus reads the small synthetic CIN census, named as a file
// and as the only file in a folder, and compares the summary with the
// golden file.
func TestReadCINCensus(t *testing.T) {
	small := filepath.Join("..", "..", "returns", "cin", "testdata", "small.xml")
	code, out, errOut := run(t, "read", small)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "read-cin.golden", strings.ReplaceAll(out, string(filepath.Separator), "/"))

	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "2025-26")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "census.xml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "read", filepath.Dir(dir))
	if code != exitOK || !strings.HasPrefix(out, "CIN return for 2025/26 read from ") || !strings.Contains(out, "Reviews     3         1") {
		t.Errorf("reading a folder of one year folder holding a census: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestReadCINProblems checks that a census with invalid values exits with
// the data-error status and lists them with their lines.
func TestReadCINProblems(t *testing.T) {
	code, out, _ := run(t, "read", filepath.Join("..", "..", "returns", "cin", "testdata", "problems.xml"))
	if code != exitDataErr || !strings.Contains(out, `problems.xml:26:26: CINreferralDate: "01/05/2024"; expected a date written YYYY-MM-DD`) ||
		!strings.Contains(out, "CIN return for 2024/25") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestReadBothReturns: a year folder as village synth writes it holds the
// 903 files and cin-census.xml; village read summarises both, and village
// validate validates the 903 and says how to validate the census.
func TestReadBothReturns(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	if code, _, errOut := run(t, "synth", "--children", "150", "--years", "1", "--seed", "2", "--out", dir); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, errOut)
	}
	code, out, errOut := run(t, "read", dir)
	if code != exitOK || !strings.Contains(out, "SSDA903 return for ") || !strings.Contains(out, "CIN return for ") {
		t.Errorf("read: exit %d: %s\n%s", code, errOut, out)
	}
	_, out, _ = run(t, "validate", dir)
	if !strings.Contains(out, "also holds a CIN census") {
		t.Errorf("validate does not mention the CIN census:\n%s", out)
	}
}
