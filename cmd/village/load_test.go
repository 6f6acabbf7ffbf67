package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store"
)

// TestLoadAudited: village load --as NAME writes an event to the audit
// log naming who loaded, from the command line, and the years.
func TestLoadAudited(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "synth", "--children", "60", "--years", "1", "--seed", "5", "--until", "31/03/2026", "--out", dir); code != exitOK {
		t.Fatalf("synth exit %d: %s", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "v.db")
	if code, out, errOut := run(t, "load", "--db", db, "--as", "d.officer", dir); code != exitOK {
		t.Fatalf("load: exit %d\n%s%s", code, out, errOut)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil || len(log) == 0 {
		t.Fatalf("the audit log after a load: %d entries, %v", len(log), err)
	}
	e := log[0]
	if e.Who != "d.officer" || e.From != "command line" || e.Action != "load" || e.Subject != "" || !strings.Contains(e.Reason, "2025/26") {
		t.Errorf("the load's audit entry: %+v", e)
	}
}
