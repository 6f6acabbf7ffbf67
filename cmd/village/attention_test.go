package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903"
)

// attentionStore makes a store of one year: Z1 aged 15 in an other (Z11)
// placement, listed; OK aged 12 in foster care, not listed.
func attentionStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := ssda903.NewReturn(2026, "E06000999")
	r.Ensure(ssda903.Header).Add("Z1", "M", "01/06/2010", "WBRI", "UN1", "", "")
	r.Ensure(ssda903.Header).Add("OK", "F", "01/06/2013", "WBRI", "UN1", "", "")
	r.Ensure(ssda903.Episodes).Add("Z1", "01/10/2025", "S", "V2", "N1", "Z11", "", "", "", "", "AB1 2CD", "AB1 3CD", "")
	r.Ensure(ssda903.Episodes).Add("OK", "01/10/2025", "S", "C2", "N1", "U4", "PR1", "", "", "", "AB1 2CD", "AB1 3CD", "")
	if _, err := s.Load(ctx, []*ssda903.Return{r}, store.LoadSource{LA: "E06000999"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestAttention lists the placements needing attention only once a
// reason is given, writing each child listed to the audit log first.
func TestAttention(t *testing.T) {
	db := attentionStore(t)
	tests := []struct {
		name, stdin string
		wantCode    int
		want        string // in standard output, or standard error when the command fails
	}{
		{"no reason", "", exitUnusable, "no reason given"},
		{"a reason", "daily placements meeting\n", exitOK, "under 16 in an unregistered or other (Z) placement"},
	}
	for _, tt := range tests {
		var out, errOut strings.Builder
		e := &env{stdin: strings.NewReader(tt.stdin), stdout: &out, stderr: &errOut}
		code := runEnv(context.Background(), []string{"attention", "--db", db, "--reason-stdin"}, e)
		if code != tt.wantCode || !strings.Contains(out.String()+errOut.String(), tt.want) {
			t.Errorf("%s: exit %d\n%s%s\nwant exit %d saying %q", tt.name, code, out.String(), errOut.String(), tt.wantCode, tt.want)
		}
		if strings.Contains(out.String(), "OK ") {
			t.Errorf("%s: lists a child whose placement needs no attention", tt.name)
		}
	}
	log := storedAuditLog(t, db)
	if len(log) != 1 || log[0].Subject != "Z1" || log[0].Reason != "daily placements meeting" ||
		log[0].Action != "view placements needing attention 31/03/2026" {
		t.Errorf("audit log %+v; want the one child listed, with the reason", log)
	}
}
