package store

import (
	"context"
	"testing"
	"time"
)

// TestAuditPage pages through the chain newest first, back and forth,
// with each filter, on each engine.
func TestAuditPage(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		ctx := context.Background()
		start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
		var all []Access
		for i := range 120 {
			who, action := "r.analyst", "sign in"
			if i%3 == 0 {
				who, action = "a.auditor", "sign out"
			}
			all = append(all, Access{At: start.Add(time.Duration(i) * time.Hour), Who: who, Action: action})
		}
		if err := s.AuditAll(ctx, all); err != nil {
			t.Fatal(err)
		}
		seqs := func(entries []Entry) []int64 {
			var out []int64
			for _, e := range entries {
				out = append(out, e.Seq)
			}
			return out
		}
		tests := []struct {
			name             string
			q                AuditQuery
			first, last, len int64
			more             bool
		}{
			{"newest", AuditQuery{}, 120, 71, 50, true},
			{"older", AuditQuery{Before: 71}, 70, 21, 50, true},
			{"oldest", AuditQuery{Before: 21}, 20, 1, 20, false},
			{"newer", AuditQuery{After: 20}, 70, 21, 50, true},
			{"a day", AuditQuery{From: start.Add(24 * time.Hour), To: start.Add(48 * time.Hour)}, 48, 25, 24, false},
			{"from a time on", AuditQuery{From: start.Add(110 * time.Hour)}, 120, 111, 10, false},
			{"who", AuditQuery{Who: "a.auditor", Limit: 10}, 118, 91, 10, true},
			{"action", AuditQuery{Action: "sign out", Before: 10}, 7, 1, 3, false},
			{"none", AuditQuery{Who: "nobody"}, 0, 0, 0, false},
		}
		for _, tt := range tests {
			got, more, err := s.AuditPage(ctx, tt.q)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			n := int64(len(got))
			if n != tt.len || more != tt.more || n > 0 && (got[0].Seq != tt.first || got[n-1].Seq != tt.last) {
				t.Errorf("%s: %d entries %v, more %v; want %d from %d to %d, more %v", tt.name, n, seqs(got), more, tt.len, tt.first, tt.last, tt.more)
			}
		}
	})
}
