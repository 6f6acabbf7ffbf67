package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestAuditAll records several accesses at once: all of them, after the
// entries already in the log and in the order given, or none of them when
// one cannot be recorded.
func TestAuditAll(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		ctx := context.Background()
		at := time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
		first := Access{At: at, Who: "analyst", Action: "view journey", Subject: "1001", Reason: "checking a placement move"}
		if err := s.Audit(ctx, first); err != nil {
			t.Fatal(err)
		}
		batch := []Access{
			{At: at.Add(time.Minute), Who: "analyst", From: "127.0.0.1", Action: "view IDs behind indicator starts 2025/26", Subject: "1002", Reason: "rise in starts"},
			{At: at.Add(time.Minute), Who: "analyst", Action: "view IDs behind indicator starts 2025/26", Subject: "1003", Reason: "rise in starts"},
			{At: at.Add(time.Minute), Who: "analyst", Action: "view IDs behind indicator starts 2025/26", Subject: "1007", Reason: "rise in starts"},
		}
		refused := []struct {
			name    string
			ctx     context.Context
			batch   []Access
			wantErr string
		}{
			{"a reason missing", ctx, append(append([]Access(nil), batch[:2]...), Access{Who: "analyst", Action: "view", Subject: "1009"}),
				"audit entry 3 of 3: audit entry lacks reason"},
			{"no one named", ctx, []Access{{Action: "sign in", From: "127.0.0.1"}}, "audit entry 1 of 1: audit entry lacks who"},
			{"the context cancelled", cancelled(), batch, "context canceled"},
		}
		for _, c := range refused {
			if err := s.AuditAll(c.ctx, c.batch); err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.wantErr)
			}
		}
		// An event that names no child needs no subject or reason.
		batch = append(batch, Access{At: at.Add(2 * time.Minute), Who: "analyst", IdentifiedBy: "a local account", From: "127.0.0.1", Action: "sign out"})
		if err := s.AuditAll(ctx, batch); err != nil {
			t.Fatal(err)
		}
		if err := s.AuditAll(ctx, nil); err != nil {
			t.Errorf("no accesses: %v", err)
		}
		got, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// The refused batches left nothing: the first entry, then the batch.
		want := append([]Access{first}, batch...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("audit log %+v, want %+v", got, want)
		}
	})
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
