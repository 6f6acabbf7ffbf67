package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
)

// writeCensuses writes the authority's CIN censuses into year folders
// under a new folder, and returns it.
func writeCensuses(t *testing.T, a authority) string {
	t.Helper()
	dir := t.TempDir()
	for _, c := range a.res.CIN() {
		var b bytes.Buffer
		if err := c.WriteXML(&b); err != nil {
			t.Fatal(err)
		}
		year := filepath.Join(dir, c.Year.Folder())
		if err := os.MkdirAll(year, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(year, "cin-census.xml"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadCIN checks that every year's census is loaded, validated and
// recorded with its loader; that loading it again changes nothing; that a
// folder without a census loads nothing; and that a census with a value
// not in its column's form, or in another year's folder, is refused
// unless forced, leaving no store.
func TestLoadCIN(t *testing.T) {
	a := synthetic(t)
	dir := writeCensuses(t, a)
	ctx := context.Background()
	loader := Actor{Name: "data.officer", IdentifiedBy: ByFlag}
	if _, err := LoadCIN(ctx, LoadRequest{Dirs: []string{dir}, DB: filepath.Join(t.TempDir(), "v.db")}); !errors.Is(err, ErrNoActor) {
		t.Errorf("a load by no one: %v, want ErrNoActor", err)
	}
	db := filepath.Join(t.TempDir(), "village.db")
	loaded, err := LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{dir}, DB: db, LA: synth.DefaultLA})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.LoadSummary == nil || loaded.LoadID != 1 || len(loaded.Years) != len(a.res.CIN()) || !loaded.Changed() || loaded.Episodes == 0 {
		t.Fatalf("load %+v; want load 1 of %d years", loaded.LoadSummary, len(a.res.CIN()))
	}
	if loaded.Rules[2026] == 0 {
		t.Errorf("2025/26 was not validated: %v", loaded.Rules)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	history, err := s.CIN().Loads(ctx)
	years, yerr := s.CIN().Years(ctx)
	stored, ferr := s.CIN().Failures(ctx, 2026)
	skipped, serr := s.CIN().Skipped(ctx, 2026)
	s.Close()
	if ferr != nil || len(stored) != loaded.Failures[2026] || len(stored) == 0 {
		t.Errorf("2025/26: %d failures stored, %v; want the %d validation found", len(stored), ferr, loaded.Failures[2026])
	}
	if serr != nil || len(skipped) != len(loaded.Skipped[2026]) {
		t.Errorf("2025/26: %d skipped rules stored, %v; want %d", len(skipped), serr, len(loaded.Skipped[2026]))
	}
	if err != nil || len(history) != 1 || history[0].By != loader.Name {
		t.Errorf("the history %+v, %v; want one load by %s", history, err, loader.Name)
	}
	if yerr != nil || len(years) != len(loaded.Years) || years[len(years)-1] != calendar.Year(2026) {
		t.Errorf("stored years %v, %v; want %v", years, yerr, loaded.Years)
	}
	again, err := LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{dir}, DB: db, LA: synth.DefaultLA})
	if err != nil || again.LoadID != 2 || again.Changed() {
		t.Errorf("second load: %+v, %v; want load 2 changing nothing", again, err)
	}
	none, err := LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{t.TempDir()}, DB: db, LA: synth.DefaultLA})
	if err != nil || none.LoadSummary != nil {
		t.Errorf("a folder without a census: %+v, %v; want nothing loaded", none, err)
	}

	last := filepath.Join(dir, calendar.Year(2026).Folder(), "cin-census.xml")
	text, err := os.ReadFile(last)
	if err != nil {
		t.Fatal(err)
	}
	// A referral date that is not a date.
	i := bytes.Index(text, []byte("<CINreferralDate>"))
	if i < 0 {
		t.Fatal("the census has no referral date")
	}
	i += len("<CINreferralDate>")
	bad := filepath.Join(t.TempDir(), "2025-26")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := append(append(append([]byte{}, text[:i]...), "31/02/2026"...), text[i+len("2026-01-01"):]...)
	if err := os.WriteFile(filepath.Join(bad, "cin-census.xml"), broken, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	_, err = LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{bad}, DB: fresh, LA: synth.DefaultLA})
	var invalid *InvalidCINValues
	if !errors.As(err, &invalid) || invalid.Count != 1 {
		t.Fatalf("a census with an invalid date: %v; want InvalidCINValues of 1", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused load made the store: %v", err)
	}
	if _, err := LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{bad}, DB: fresh, LA: synth.DefaultLA, Force: true}); err != nil {
		t.Errorf("a forced load: %v", err)
	}

	wrong := filepath.Join(t.TempDir(), "2023-24")
	if err := os.MkdirAll(wrong, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wrong, "cin-census.xml"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadCIN(ctx, LoadRequest{Who: loader, Dirs: []string{wrong}, DB: fresh, LA: synth.DefaultLA})
	if err == nil || !strings.Contains(err.Error(), "2025-26") {
		t.Errorf("the 2025/26 census in a 2023-24 folder: %v; want it refused, naming 2025-26", err)
	}
}
