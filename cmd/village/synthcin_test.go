package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
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

// TestLoadCINCensus checks that village load loads each year folder's CIN
// census beside its 903 return, says what it did and how validation
// went, and that loading the same folders again changes nothing.
func TestLoadCINCensus(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "60", "--years", "2", "--seed", "2", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	for i, want := range []string{"Rows inserted", "Nothing changed: the store already held exactly these censuses."} {
		code, out, errOut := run(t, "load", "--db", db, dir)
		if code != exitOK {
			t.Fatalf("load %d: exit %d: %s", i+1, code, errOut)
		}
		_, census, ok := strings.Cut(out, "CIN census load ")
		if !ok || !strings.HasPrefix(census, fmt.Sprintf("%d into %s: 2 years ([2024/25 2025/26])", i+1, db)) ||
			!strings.Contains(census, want) || !strings.Contains(census, "2025/26 CIN census validated by ") {
			t.Errorf("load %d output:\n%s", i+1, out)
		}
		// The count printed is the count stored.
		m := regexp.MustCompile(`2025/26 CIN census validated by \d+ rules: (\d+) failures stored with it\.`).FindStringSubmatch(census)
		if m == nil {
			t.Fatalf("load %d does not say how many failures it stored:\n%s", i+1, out)
		}
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := s.CIN().Failures(context.Background(), 2026)
		s.Close()
		if err != nil || strconv.Itoa(len(stored)) != m[1] {
			t.Errorf("load %d says %s failures; %d are stored (%v)", i+1, m[1], len(stored), err)
		}
	}
	// A census value not in its column's form refuses the whole load,
	// before the 903 beside it is stored.
	file := filepath.Join(dir, "2025-26", "cin-census.xml")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(text), "<CINreferralDate>") + len("<CINreferralDate>")
	broken := string(text[:i]) + "31/02/2026" + string(text[i+len("2026-01-01"):])
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	code, out, errOut := run(t, "load", "--db", fresh, dir)
	if code == exitOK || !strings.Contains(errOut, "CIN census are not in the form their column needs; fix them, or load anyway with --force") {
		t.Errorf("load of a broken census: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a refused census left a store")
	}
}

// TestStoreVersionFollowsCIN checks that the version the served pages
// follow changes with a load of the CIN census alone, not only the 903's.
func TestStoreVersionFollowsCIN(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "40", "--years", "1", "--seed", "4", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth: exit %d: %s", code, errOut)
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "v.db")
	if code, _, errOut := run(t, "load", "--db", db, dir); code != exitOK {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, err := storeVersion(ctx, s)
	if err != nil || before == 0 {
		t.Fatalf("version after a load: %d, %v", before, err)
	}
	if _, err := app.LoadCIN(ctx, app.LoadRequest{Dirs: []string{dir}, DB: db, Who: app.LocalActor("")}); err != nil {
		t.Fatal(err)
	}
	after, err := storeVersion(ctx, s)
	if err != nil || after == before {
		t.Errorf("version after a CIN load: %d, %v; want other than %d", after, err, before)
	}
}
