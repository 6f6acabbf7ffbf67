package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSynthWritesCINCensus checks that village synth writes each year's
// CIN census beside its 903 files (and its mistakes' list with --errors),
// that the 903 folder still validates, and that --cin=false leaves the
// census out.
func TestSynthWritesCINCensus(t *testing.T) {
	dir := t.TempDir()
	args := []string{"synth", "--children", "60", "--years", "2", "--seed", "2", "--until", "31/03/2026", "--errors", "0.02"}
	code, out, errOut := run(t, append(args, "--out", dir)...)
	if code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "mistakes into the CIN censuses, listed in") {
		t.Errorf("synth does not say where the CIN mistakes are listed:\n%s", out)
	}
	for _, name := range []string{"2024-25/cin-census.xml", "2025-26/cin-census.xml", "cin-injected-errors.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || len(data) == 0 {
			t.Errorf("%s: %v, %d bytes", name, err, len(data))
		}
	}
	if code, _, errOut := run(t, "validate", "--la", "E06000999", filepath.Join(dir, "2025-26")); code == exitUnusable || strings.Contains(errOut, "cin-census.xml") {
		t.Errorf("validating the 903 beside a CIN census: exit %d: %s", code, errOut)
	}
	without := t.TempDir()
	if code, _, errOut := run(t, append(args, "--cin=false", "--out", without)...); code != exitOK {
		t.Fatalf("synth --cin=false: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"2025-26/cin-census.xml", "cin-injected-errors.csv"} {
		if _, err := os.Stat(filepath.Join(without, name)); err == nil {
			t.Errorf("synth --cin=false wrote %s", name)
		}
	}
}
