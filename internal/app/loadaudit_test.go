package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
)

// TestLoadsAudited: a load of the 903 and one of the CIN census each
// write an event to the audit log naming who, from where, the years and
// the files, and no child.
func TestLoadsAudited(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "village.db")
	loader := Actor{Name: "data.officer", IdentifiedBy: ByFlag}
	if _, err := Load(ctx, LoadRequest{Who: loader, Dirs: []string{a.dir}, DB: db, LA: synth.DefaultLA}); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCIN(ctx, LoadRequest{Who: loader, From: "192.0.2.7", Dirs: []string{writeCensuses(t, a)}, DB: db, LA: synth.DefaultLA}); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ from, reason, file string }{
		{FromCommandLine, "SSDA903 load 1 of 2023/24, 2024/25, 2025/26 from ", "header.csv"},
		{"192.0.2.7", "CIN census load 1 of ", "cin-census.xml"},
	}
	if len(log) != len(want) {
		t.Fatalf("%d audit entries after two loads; want %d: %+v", len(log), len(want), log)
	}
	child := someChild(t, a)
	for i, w := range want {
		e := log[i]
		if e.Who != loader.Name || e.IdentifiedBy != loader.IdentifiedBy || e.From != w.from || e.Action != ActionLoad || e.Subject != "" ||
			!strings.HasPrefix(e.Reason, w.reason) || !strings.Contains(e.Reason, w.file) || strings.Contains(e.Reason, child) {
			t.Errorf("audit entry %d: %+v; want a load by %s from %s, %q… naming %s", i+1, e, loader.Name, w.from, w.reason, w.file)
		}
	}
}

// TestLoadReasonBounded: a load of many files names as many as the
// audit log's bound on a reason allows, then says how many more.
func TestLoadReasonBounded(t *testing.T) {
	var files []string
	for i := range 200 {
		files = append(files, fmt.Sprintf("episodes-%03d.csv", i), fmt.Sprintf("episodes-%03d.csv", i))
	}
	got := loadReason("SSDA903 load 1 of 2025/26", files)
	if n := utf8.RuneCountInString(got); n > store.MaxReasonLength || !strings.Contains(got, "from 200 files: episodes-000.csv, ") ||
		!strings.HasSuffix(got, "more") {
		t.Errorf("loadReason of 200 files (%d characters): %q", n, got)
	}
	if got := loadReason("x", []string{"b.csv", "a.csv"}); got != "x from 2 files: a.csv, b.csv" {
		t.Errorf("loadReason of two files: %q", got)
	}
}
