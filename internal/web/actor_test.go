package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// drillPath is the address of the drill-down to a small group of the
// authority, and the group's children.
func drillPath(t *testing.T, a authority) (string, []string) {
	t.Helper()
	ind, by, small := smallGroup(t, a)
	q := url.Values{"period": {"2025/26"}, "by": {by.String()}, "group": {small.Label}}
	return "/indicators/" + ind.ID + "/children?" + q.Encode(), small.Value.Children
}

// request makes a request of h as the header says, and returns the status.
func request(h http.Handler, method, path string, header http.Header, form url.Values) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req := httptest.NewRequest(method, path, body)
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestIdentityFromHeader serves the drill-down behind a reverse proxy that
// names the user in X-Remote-User: a request that does not name exactly
// one person is refused 401, every page's as well as the drill-down's,
// and the audit log records the name the proxy gave.
func TestIdentityFromHeader(t *testing.T) {
	a := synthetic(t)
	st := sqliteStore(t, a)
	h := newServer(t, a, Options{Store: st, Identity: Identity{Header: "X-Remote-User"}}).Handler()
	path, ids := drillPath(t, a)
	reason := url.Values{"reason": {"checking the small group"}}
	tests := []struct {
		name   string
		header http.Header
		status int
	}{
		{"no header", nil, http.StatusUnauthorized},
		{"a blank name", http.Header{"X-Remote-User": {"  "}}, http.StatusUnauthorized},
		{"two names", http.Header{"X-Remote-User": {"r.analyst", "someone.else"}}, http.StatusUnauthorized},
		{"a control character", http.Header{"X-Remote-User": {"r.analyst\x01"}}, http.StatusUnauthorized},
		{"a name too long", http.Header{"X-Remote-User": {strings.Repeat("x", maxNameLength+1)}}, http.StatusUnauthorized},
		{"another header", http.Header{"X-User": {"r.analyst"}}, http.StatusUnauthorized},
		{"a name", http.Header{"X-Remote-User": {"r.analyst"}}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rec := request(h, http.MethodGet, path, tt.header, nil); rec.Code != tt.status {
				t.Errorf("GET: %d, want %d", rec.Code, tt.status)
			}
			rec := request(h, http.MethodPost, path, tt.header, reason)
			if rec.Code != tt.status {
				t.Errorf("POST: %d, want %d", rec.Code, tt.status)
			}
			if tt.status != http.StatusOK && strings.Contains(rec.Body.String(), "<li>"+ids[0]+"</li>") {
				t.Errorf("a refused request shows child IDs")
			}
			if rec := request(h, http.MethodGet, "/", tt.header, nil); rec.Code != tt.status {
				t.Errorf("GET /: %d, want %d: no page answers a request that names no one", rec.Code, tt.status)
			}
		})
	}
	log, err := st.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != len(ids) {
		t.Fatalf("%d audit entries, want %d: one POST named someone", len(log), len(ids))
	}
	for _, e := range log {
		if e.Who != "r.analyst" || e.IdentifiedBy != app.ByHeader("X-Remote-User") {
			t.Errorf("audit entry by %q identified by %q", e.Who, e.IdentifiedBy)
		}
	}
}

// TestDrillDownLogsNoChild has the database refuse the audit entries:
// the IDs are not shown, and neither the page nor the log line says which
// children they were.
func TestDrillDownLogsNoChild(t *testing.T) {
	a := synthetic(t)
	db := filepath.Join(t.TempDir(), "village.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec("CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	o := Options{Store: st, Set: a.set, Population: a.pop, Period: a.period,
		Identity: Identity{Local: app.Actor{Name: "analyst"}}, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	srv, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	path, ids := drillPath(t, a)
	rec := request(srv.Handler(), http.MethodPost, path, nil, url.Values{"reason": {"checking"}})
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("POST with the audit refused: %d", rec.Code)
	}
	if !strings.Contains(logged.String(), "refused by the test") {
		t.Fatalf("the failure was not logged:\n%s", logged.String())
	}
	for _, id := range ids {
		if strings.Contains(logged.String(), id) || strings.Contains(rec.Body.String(), id) {
			t.Errorf("child %s named in the log or the page:\n%s", id, logged.String())
		}
	}
}

// TestConcurrentViews has two people drill down at once, 50 requests
// each through the real handler, with a store on each engine: every view
// is audited under its own person's name, none is refused and none lost.
func TestConcurrentViews(t *testing.T) {
	a := synthetic(t)
	path, ids := drillPath(t, a)
	engines := []struct {
		name string
		url  func(t *testing.T) string
	}{
		{"SQLite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "village.db") }},
		{"PostgreSQL", postgresURL},
	}
	people := []string{"first.analyst", "second.analyst"}
	const each = 50
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			st, err := store.Open(context.Background(), e.url(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			srv := httptest.NewServer(newServer(t, a, Options{Store: st, Identity: Identity{Header: "X-Remote-User"}}).Handler())
			defer srv.Close()
			var wg sync.WaitGroup
			codes := make(chan int, len(people)*each)
			for _, who := range people {
				for range each {
					wg.Go(func() {
						req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader("reason=busy+morning"))
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						req.Header.Set("X-Remote-User", who)
						resp, err := http.DefaultClient.Do(req)
						if err != nil {
							t.Error(err)
							return
						}
						resp.Body.Close()
						codes <- resp.StatusCode
					})
				}
			}
			wg.Wait()
			close(codes)
			for code := range codes {
				if code != http.StatusOK {
					t.Errorf("a view answered %d", code)
				}
			}
			log, err := st.AuditLog(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			byPerson := map[string]int{}
			for _, entry := range log {
				byPerson[entry.Who]++
			}
			for _, who := range people {
				if byPerson[who] != each*len(ids) {
					t.Errorf("%s: %d audit entries, want %d (%d views of %d children)", who, byPerson[who], each*len(ids), each, len(ids))
				}
			}
			if len(log) != len(people)*each*len(ids) {
				t.Errorf("%d audit entries in all, want %d", len(log), len(people)*each*len(ids))
			}
		})
	}
}

// postgresURL creates a database on the server of TEST_POSTGRES_DSN,
// dropped when the test ends, and returns its URL; without the variable
// the test is skipped.
func postgresURL(t *testing.T) string {
	dsn := os.Getenv("TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("TEST_POSTGRES_DSN is not set; see internal/store/testdata/start-postgres.sh")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	name := "village_web_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
