package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// TestDNSRebindingRefused replays the probe that found the hole: a page
// on evil.example, its name pointed at this server, posts the drill-down
// with a matching Origin and Sec-Fetch-Site: same-origin. Only the hosts
// served may be answered; the rest get 421 and no data, and nothing is
// audited.
func TestDNSRebindingRefused(t *testing.T) {
	a := synthetic(t)
	st := fakeStore()
	srv := newServer(t, a, Options{Store: st})
	ts := httptest.NewUnstartedServer(nil)
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	ts.Config.Handler = AllowHosts(append(DefaultHosts(ts.Listener.Addr().String()), "village.council.example"), nil, srv.Handler())
	ts.Start()
	defer ts.Close()
	path, ids := drillPath(t, a)
	p := strconv.Itoa(port)
	tests := []struct {
		host   string
		status int
	}{
		{"evil.example:" + p, http.StatusMisdirectedRequest},
		{"evil.example", http.StatusMisdirectedRequest},
		{"127.0.0.2:" + p, http.StatusMisdirectedRequest},
		{"localhost:1" + p, http.StatusMisdirectedRequest},
		{"127.0.0.1:" + p, http.StatusOK},
		{"LOCALHOST:" + p, http.StatusOK},
		{"[::1]:" + p, http.StatusOK},
		{"village.council.example", http.StatusOK},
		{"village.council.example:443", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			before := len(st.audit)
			req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader("reason=probe"))
			req.Host = tt.host
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", "http://"+tt.host)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("POST with Host %s: %d, want %d", tt.host, resp.StatusCode, tt.status)
			}
			if tt.status == http.StatusOK {
				return
			}
			if bytes.Contains(body, []byte(ids[0])) || len(st.audit) != before {
				t.Errorf("a refused host was shown IDs or audited: %d entries added", len(st.audit)-before)
			}
		})
	}
}

func TestDefaultHosts(t *testing.T) {
	tests := []struct {
		addr string
		want []string
	}{
		{"127.0.0.1:8080", []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "127.0.0.1:8080"}},
		{"192.0.2.7:80", []string{"localhost:80", "127.0.0.1:80", "[::1]:80", "192.0.2.7:80"}},
		{"[2001:db8::1]:8443", []string{"localhost:8443", "127.0.0.1:8443", "[::1]:8443", "[2001:db8::1]:8443"}},
		{":8080", []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"}},
	}
	for _, tt := range tests {
		if got := DefaultHosts(tt.addr); !slices.Equal(got, tt.want) {
			t.Errorf("DefaultHosts(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

// TestReasonBounded refuses a reason longer than the audit log keeps,
// before anything is recorded, on the drill-down, the journey and the
// failing rows.
func TestReasonBounded(t *testing.T) {
	a := synthetic(t)
	st := fakeStore()
	h := newServer(t, a, Options{Store: st}).Handler()
	path, ids := drillPath(t, a)
	long, longest := strings.Repeat("é", store.MaxReasonLength+1), strings.Repeat("é", store.MaxReasonLength)
	tests := []struct {
		name, path string
		form       url.Values
		status     int
	}{
		{"drill-down, too long", path, url.Values{"reason": {long}}, http.StatusBadRequest},
		{"journey, too long", "/children", url.Values{"id": {ids[0]}, "reason": {long}}, http.StatusBadRequest},
		{"failing rows, too long", "/validation/failures/103?year=2025/26", url.Values{"reason": {long}}, http.StatusBadRequest},
		{"a body past the bound", path, url.Values{"reason": {strings.Repeat("x", maxBody)}}, http.StatusBadRequest},
		{"drill-down, the longest kept", path, url.Values{"reason": {longest}}, http.StatusOK},
	}
	for _, tt := range tests {
		before := len(st.audit)
		rec := request(h, http.MethodPost, tt.path, nil, tt.form)
		if rec.Code != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, rec.Code, tt.status)
		}
		if tt.status != http.StatusOK && len(st.audit) != before {
			t.Errorf("%s: refused, yet %d entries audited", tt.name, len(st.audit)-before)
		}
	}
}

// TestTooManyChildren refuses, before recording anything, a request for
// more children's IDs than one request may show.
func TestTooManyChildren(t *testing.T) {
	st := fakeStore()
	ids := make([]string, app.MaxChildrenPerRequest+1)
	for i := range ids {
		ids[i] = "C" + strconv.Itoa(i)
	}
	who := app.Actor{Name: "analyst", IdentifiedBy: app.ByFlag}
	if err := app.RecordAccess(context.Background(), st, who, "view", ids, "review"); err != app.ErrTooManyChildren || len(st.audit) != 0 {
		t.Errorf("%d children: %v, %d audited; want ErrTooManyChildren, none", len(ids), err, len(st.audit))
	}
	if err := app.RecordAccess(context.Background(), st, who, "view", ids[1:], "review"); err != nil || len(st.audit) != len(ids)-1 {
		t.Errorf("%d children: %v, %d audited", len(ids)-1, err, len(st.audit))
	}
}

// TestChildRequestsRateLimited uses up one person's child-level requests
// and checks the next is refused with 429 and Retry-After, that another
// person is not held back, that pages without children pass, and that
// the bucket refills with time.
func TestChildRequestsRateLimited(t *testing.T) {
	a := synthetic(t)
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	limiter := NewLimiter(2, time.Minute)
	limiter.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	h := newServer(t, a, Options{Store: fakeStore(), Identity: Identity{Header: "X-Remote-User"}, Limiter: limiter}).Handler()
	path, _ := drillPath(t, a)
	reason := url.Values{"reason": {"review"}}
	first, second := http.Header{"X-Remote-User": {"first"}}, http.Header{"X-Remote-User": {"second"}}
	steps := []struct {
		name   string
		method string
		header http.Header
		wait   time.Duration
		status int
	}{
		{"first's 1st", http.MethodPost, first, 0, http.StatusOK},
		{"first's 2nd", http.MethodPost, first, 0, http.StatusOK},
		{"first's 3rd", http.MethodPost, first, 0, http.StatusTooManyRequests},
		{"first's GET", http.MethodGet, first, 0, http.StatusOK},
		{"second's 1st", http.MethodPost, second, 0, http.StatusOK},
		{"first, half a minute on", http.MethodPost, first, 30 * time.Second, http.StatusTooManyRequests},
		{"first, a minute on", http.MethodPost, first, 30 * time.Second, http.StatusOK},
	}
	for _, s := range steps {
		mu.Lock()
		now = now.Add(s.wait)
		mu.Unlock()
		rec := request(h, s.method, path, s.header, map[bool]url.Values{true: reason}[s.method == http.MethodPost])
		if rec.Code != s.status {
			t.Fatalf("%s: %d, want %d", s.name, rec.Code, s.status)
		}
		if s.status == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s: no Retry-After", s.name)
		}
	}
	if rec := request(h, http.MethodPost, path, first, reason); rec.Header().Get("Retry-After") != "60" {
		t.Errorf("Retry-After %q, want 60", rec.Header().Get("Retry-After"))
	}
}

// TestLogsNameNoChild runs the drill-down, a child's journey and a rule's
// failing rows with the access log and the error log captured, and checks
// that neither names any child shown, that the access log has one line a
// request with its route, status and user, and no query string.
func TestLogsNameNoChild(t *testing.T) {
	a := synthetic(t)
	var access, errs syncBuffer
	o := Options{Store: fakeStore(), Set: a.set, Population: a.pop, Period: a.period,
		Identity:  Identity{Local: app.Actor{Name: "r.analyst", IdentifiedBy: app.ByFlag}},
		Log:       slog.New(slog.NewTextHandler(&errs, nil)),
		AccessLog: slog.New(slog.NewTextHandler(&access, nil))}
	srv, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	path, ids := drillPath(t, a)
	requests := []struct {
		method, path string
		form         url.Values
		route        string
	}{
		{http.MethodGet, path, nil, `route="GET /indicators/{id}/children"`},
		{http.MethodPost, path, url.Values{"reason": {"review"}}, `route="POST /indicators/{id}/children"`},
		{http.MethodPost, "/children", url.Values{"id": {ids[0]}, "reason": {"review"}}, `route="POST /children"`},
		{http.MethodPost, "/children", url.Values{"id": {"NOSUCHCHILD"}, "reason": {"review"}}, `route="POST /children"`},
		{http.MethodPost, "/validation/failures/103?year=2025/26", url.Values{"reason": {"review"}}, `route="POST /validation/failures/{code}"`},
		{http.MethodGet, "/children/" + ids[0] + "?id=" + ids[0], nil, `route="GET (no route)"`},
	}
	for _, r := range requests {
		request(h, r.method, r.path, nil, r.form)
	}
	lines := strings.Split(strings.TrimSpace(access.String()), "\n")
	if len(lines) != len(requests) {
		t.Fatalf("%d access log lines for %d requests:\n%s", len(lines), len(requests), access.String())
	}
	for i, r := range requests {
		for _, want := range []string{r.route, "user=r.analyst", "status=", "duration="} {
			if !strings.Contains(lines[i], want) {
				t.Errorf("access log line %d %q lacks %q", i+1, lines[i], want)
			}
		}
	}
	logs := access.String() + errs.String()
	for _, id := range append(ids, "A1", "A2", "NOSUCHCHILD", "period=") {
		if strings.Contains(logs, id) {
			t.Errorf("a log names %q:\n%s", id, logs)
		}
	}
}

// syncBuffer is a buffer that handlers may write to at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
