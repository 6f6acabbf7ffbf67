package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chainStart is when the test chains' entries are made: one a day from it.
var chainStart = time.Date(2019, 1, 1, 9, 0, 0, 0, time.UTC)

// fillChain writes n entries, one a day from chainStart, alternately
// views of a child's record and events.
func fillChain(t *testing.T, s *Store, n int) {
	t.Helper()
	for i := range n {
		a := Access{At: chainStart.AddDate(0, 0, i), Who: "analyst", From: "127.0.0.1", Action: "sign in"}
		if i%2 == 1 {
			a.Action, a.Subject, a.Reason = "view journey", fmt.Sprintf("C%04d", i), "placement review"
		}
		if err := s.Audit(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAuditChainTamper changes the log behind the store's back in each
// way someone might and checks that verifying names the first entry
// changed, removed or inserted, by its place and time, never a child's ID.
func TestAuditChainTamper(t *testing.T) {
	cases := []struct {
		name   string
		tamper []string
		want   string // in the error; "" for intact
	}{
		{"intact", nil, ""},
		{"a reason edited", []string{"UPDATE audit SET reason = 'routine' WHERE seq = 4"},
			"entry 4 (2019-01-04T09:00:00Z): was changed"},
		{"a time edited", []string{"UPDATE audit SET at = '2019-01-02T10:00:00Z' WHERE seq = 3"},
			"entry 3 (2019-01-02T10:00:00Z): was changed"},
		{"an entry removed", []string{"DELETE FROM audit WHERE seq = 3"},
			"entry 4 (2019-01-04T09:00:00Z): entry 3 was removed before it"},
		{"the first removed", []string{"DELETE FROM audit WHERE seq = 1"},
			"entry 2 (2019-01-02T09:00:00Z): entry 1 was removed"},
		{"the last removed", []string{"DELETE FROM audit WHERE seq = 6"},
			"entry 5 (2019-01-05T09:00:00Z): entry 6 was removed after it"},
		{"an entry inserted outside the chain", []string{"INSERT INTO audit (at, who, identified_by, from_address, action, subject, reason) " +
			"VALUES ('2019-01-03T12:00:00Z', 'x', '', '', 'view journey', 'C9999', 'x')"},
			"an entry made at 2019-01-03T12:00:00Z was inserted"},
		{"an entry inserted and the rest renumbered", []string{
			"UPDATE audit SET seq = seq + 100 WHERE seq >= 4",
			"UPDATE audit SET seq = seq - 99 WHERE seq >= 104",
			"INSERT INTO audit (seq, at, who, identified_by, from_address, action, subject, reason, prev_hash, hash) " +
				"SELECT 4, at, who, identified_by, from_address, action, subject, reason, prev_hash, hash FROM audit WHERE seq = 5"},
			"entry 5 (2019-01-04T09:00:00Z): does not follow"},
		{"two entries reordered", []string{
			"UPDATE audit SET seq = 100 WHERE seq = 2",
			"UPDATE audit SET seq = 2 WHERE seq = 3",
			"UPDATE audit SET seq = 3 WHERE seq = 100"},
			"entry 2 (2019-01-03T09:00:00Z): does not follow"},
		{"the head moved back", []string{"UPDATE audit_head SET last_seq = 5"},
			"entry 6 (2019-01-06T09:00:00Z): was inserted after entry 5"},
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := e.open(t)
				ctx := context.Background()
				fillChain(t, s, 6)
				for _, q := range c.tamper {
					if _, err := s.db.ExecContext(ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				_, err := s.VerifyAudit(ctx)
				if c.want == "" {
					if err != nil {
						t.Fatalf("VerifyAudit: %v, want intact", err)
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("VerifyAudit: %v, want %q", err, c.want)
				}
				if strings.Contains(err.Error(), "C00") || strings.Contains(err.Error(), "C9999") {
					t.Errorf("the error names a child: %v", err)
				}
			})
		}
	})
}

// TestAuditPrune removes entries older than a cutoff and checks that the
// chain still verifies from the checkpoint left, that the checkpoint says
// what was removed, and that tampering after pruning still shows.
func TestAuditPrune(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		ctx := context.Background()
		fillChain(t, s, 10)
		n, err := s.PruneAudit(ctx, chainStart.AddDate(0, 0, 4), "governance officer")
		if err != nil || n != 4 {
			t.Fatalf("PruneAudit = %d, %v; want 4 removed", n, err)
		}
		entries, err := s.AuditEntries(ctx, time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 7 || entries[0].Action != CheckpointAction || entries[0].Seq != 4 ||
			!strings.Contains(entries[0].Reason, "4 entries made before 2019-01-05T09:00:00Z removed") {
			t.Fatalf("after pruning %d entries, the first %+v; want 7, a checkpoint counting 4", len(entries), entries[0])
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatalf("VerifyAudit after pruning: %v", err)
		}
		// Nothing older is left: pruning again removes nothing.
		if n, err := s.PruneAudit(ctx, chainStart.AddDate(0, 0, 4), "governance officer"); err != nil || n != 0 {
			t.Errorf("pruning again = %d, %v; want 0", n, err)
		}
		// Pruning everything, checkpoint included, then writing on.
		if n, err := s.PruneAudit(ctx, chainStart.AddDate(1, 0, 0), "governance officer"); err != nil || n != 6 {
			t.Fatalf("pruning all = %d, %v; want the 6 after the checkpoint", n, err)
		}
		fillChain(t, s, 2)
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatalf("VerifyAudit after pruning all and writing on: %v", err)
		}
		if _, err := s.db.ExecContext(ctx, "UPDATE audit SET reason = '1 entry removed' WHERE action = $1", CheckpointAction); err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAudit(ctx); err == nil || !strings.Contains(err.Error(), "entry 10 ") {
			t.Errorf("VerifyAudit with the checkpoint edited: %v, want entry 10 changed", err)
		}
	})
}

// TestCheckChainPartial verifies a period's export on its own: it may
// start anywhere, but must hold together.
func TestCheckChainPartial(t *testing.T) {
	s := engines()[0].open(t)
	ctx := context.Background()
	fillChain(t, s, 8)
	period, err := s.AuditEntries(ctx, chainStart.AddDate(0, 0, 2), chainStart.AddDate(0, 0, 6))
	if err != nil || len(period) != 4 || period[0].Seq != 3 {
		t.Fatalf("AuditEntries for days 3 to 6: %d entries from %+v, %v", len(period), period, err)
	}
	if b := CheckChain(period, nil, true); b != nil {
		t.Errorf("CheckChain of a period: %v", b)
	}
	if b := CheckChain(period, nil, false); b == nil || b.Seq != 3 {
		t.Errorf("CheckChain of a period as a whole log: %v, want entry 1 missing before entry 3", b)
	}
	period[2].Who = "someone else"
	if b := CheckChain(period, nil, true); b == nil || b.Seq != 5 {
		t.Errorf("CheckChain of a period with entry 5 edited: %v", b)
	}
}

// TestStoreFileModes checks that a new SQLite store and the -wal and -shm
// files beside it are readable by their owner only.
func TestStoreFileModes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "village.db")
	s := openURL(t, path)
	fillChain(t, s, 1) // a write, so that the -wal file exists
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(f), mode)
		}
	}
}
