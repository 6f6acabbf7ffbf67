package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/placements"
)

// TestPlacementsAttention checks the daily list on the synthetic
// authority: GET shows the counts and asks for a reason without naming a
// child; POST without a reason audits nothing; POST with one writes an
// audit entry for each child listed before showing them; and every role
// but the analyst's is refused.
func TestPlacementsAttention(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	st := sqliteStore(t, a)
	srv := newServer(t, a, Options{Store: st})
	h := srv.Handler()
	span, _ := a.set.Span()
	l := placements.Attention(a.set, span.End)
	if len(l.Children) == 0 {
		t.Fatal("the synthetic authority lists no placement needing attention")
	}
	const path = "/placements/attention"
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != http.StatusOK || !strings.Contains(body, `for="reason"`) {
		t.Fatalf("GET %s: %d, no form\n%.3000s", path, code, body)
	}
	checkAccessible(t, path, body)
	for _, id := range l.IDs() {
		if strings.Contains(body, `value="`+id+`"`) {
			t.Fatalf("GET %s shows child %s", path, id)
		}
	}
	if code, _ := fetch(t, h, http.MethodPost, path, url.Values{"reason": {" "}}); code != http.StatusBadRequest {
		t.Errorf("POST without a reason: %d", code)
	}
	if log, err := st.AuditLog(ctx); err != nil || len(log) != 0 {
		t.Fatalf("audit log after a refused POST: %d entries, %v", len(log), err)
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"daily placements meeting"}})
	if code != http.StatusOK {
		t.Fatalf("POST %s: %d\n%.2000s", path, code, body)
	}
	checkAccessible(t, path, body)
	log, err := st.AuditLog(ctx)
	if err != nil || len(log) != len(l.Children) {
		t.Fatalf("%d audit entries for %d children (%v)", len(log), len(l.Children), err)
	}
	for i, id := range l.IDs() {
		if e := log[i]; e.Subject != id || e.Action != placements.Action(span.End) || e.Reason != "daily placements meeting" {
			t.Errorf("audit entry %d: %+v", i, e)
		}
		if !strings.Contains(body, `name="id" value="`+id+`"`) {
			t.Errorf("POST does not list child %s", id)
		}
	}

	s := newSignInServer(t, Identity{})
	s.h = newServer(t, a, Options{Store: s.store, Identity: Identity{Accounts: s.acc}}).Handler()
	for _, c := range []struct {
		role string
		want int
	}{
		{"analyst", http.StatusOK},
		{"manager", http.StatusForbidden},
		{"partner", http.StatusForbidden},
		{"auditor", http.StatusForbidden},
	} {
		rec := s.do(http.MethodGet, path, s.session(t, c.role), nil)
		if rec.Code != c.want {
			t.Errorf("%s GET %s: %d, want %d", c.role, path, rec.Code, c.want)
		}
	}
	if code, _ := fetch(t, newServer(t, a, Options{Store: fakeStore(), Publishable: true}).Handler(), http.MethodGet, path, nil); code != http.StatusForbidden {
		t.Errorf("publishable GET: %d, want 403", code)
	}
}
