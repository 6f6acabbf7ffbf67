package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// testPassword is every test user's password.
const testPassword = "plum tree harbour lights"

// testClock is a time the tests move by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// signInServer is a server that signs people in, on a SQLite store with
// one user of each role, named after it (the partner for the police).
type signInServer struct {
	h     http.Handler
	store *store.Store
	acc   *app.Accounts
	clock *testClock
}

// newSignInServer returns a server that signs people in, with the
// identity's other options.
func newSignInServer(t *testing.T, id Identity) *signInServer {
	t.Helper()
	a := synthetic(t)
	st := sqliteStore(t, a)
	clock := &testClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	acc := &app.Accounts{Directory: st.People(), Audit: st, Now: clock.now}
	by := app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}
	for _, r := range people.Roles {
		u := people.User{Name: string(r), Role: r}
		if r == people.Partner {
			u.Agency = "police"
		}
		if err := acc.AddUser(context.Background(), by, app.FromCommandLine, u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	id.Accounts = acc
	return &signInServer{h: newServer(t, a, Options{Store: st, Identity: id}).Handler(), store: st, acc: acc, clock: clock}
}

// do makes a request with the cookie (if not blank) and header (if any).
func (s *signInServer) do(method, path, cookie string, form url.Values, header ...string) *httptest.ResponseRecorder {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	if cookie != "" {
		h.Set("Cookie", SessionCookie+"="+cookie)
	}
	return request(s.h, method, path, h, form)
}

// signIn signs in as name with the password and returns the response.
func (s *signInServer) signIn(name, password, cookie string) *httptest.ResponseRecorder {
	return s.do(http.MethodPost, "/sign-in", cookie, url.Values{"name": {name}, "password": {password}})
}

// session signs in as name and returns the session cookie's value.
func (s *signInServer) session(t *testing.T, name string) string {
	t.Helper()
	rec := s.signIn(name, testPassword, "")
	c := sessionCookie(rec)
	if rec.Code != http.StatusSeeOther || c == nil || c.Value == "" {
		t.Fatalf("signing in as %s: %d, cookie %v", name, rec.Code, c)
	}
	return c.Value
}

// token issues a personal access token to name.
func (s *signInServer) token(t *testing.T, name string, life time.Duration) (string, people.Token) {
	t.Helper()
	token, kept, err := s.acc.IssueToken(context.Background(), app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}, app.FromCommandLine, name, "test", life)
	if err != nil {
		t.Fatal(err)
	}
	return token, kept
}

func sessionCookie(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == SessionCookie {
			return c
		}
	}
	return nil
}

// TestNothingWithoutSigningIn: without a session or token, pages send the
// browser to sign in and the API answers 401; only the sign-in page and
// what it is drawn with are served.
func TestNothingWithoutSigningIn(t *testing.T) {
	s := newSignInServer(t, Identity{})
	drill, _ := drillPath(t, synthetic(t))
	for _, path := range []string{"/", "/indicators/cla_end", drill, "/validation", "/forecast", "/front-door", "/rules", "/audit", "/people", "/no_such"} {
		rec := s.do(http.MethodGet, path, "", nil)
		if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/sign-in") {
			t.Errorf("GET %s signed out: %d to %q, want 303 to /sign-in", path, rec.Code, loc)
		}
	}
	for _, path := range []string{"/api/indicators", "/api/summary", "/api/indicators/starts", "/api/validation", "/api/forecast", "/api/rules/103"} {
		rec := s.do(http.MethodGet, path, "", nil)
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != http.StatusUnauthorized || err != nil || body["error"] == "" ||
			rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("GET %s without a token: %d %q, want 401 with a JSON error", path, rec.Code, rec.Body.String())
		}
	}
	for _, path := range []string{"/sign-in", "/static/village.css", "/favicon.ico"} {
		if rec := s.do(http.MethodGet, path, "", nil); rec.Code != http.StatusOK {
			t.Errorf("GET %s signed out: %d, want 200", path, rec.Code)
		}
	}
	rec := s.do(http.MethodPost, "/children", "", url.Values{"id": {"1"}, "reason": {"x"}})
	if rec.Code != http.StatusSeeOther {
		t.Errorf("POST /children signed out: %d, want 303", rec.Code)
	}
}

// TestSignInAndOut signs in, sees a page, signs out, and is refused with
// the old cookie.
func TestSignInAndOut(t *testing.T) {
	s := newSignInServer(t, Identity{})
	rec := s.signIn("analyst", "not the password", "")
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "Enter a correct name and password.") {
		t.Errorf("a wrong password: %d, want 401 and the same message as a wrong name", rec.Code)
	}
	wrongName := s.signIn("no.one", testPassword, "").Body.String()
	if strings.ReplaceAll(wrongName, "no.one", "analyst") != rec.Body.String() {
		t.Error("a wrong name's page differs from a wrong password's: it tells which was wrong")
	}
	rec = s.do(http.MethodPost, "/sign-in", "", url.Values{"name": {"analyst"}, "password": {testPassword}, "next": {"/validation"}})
	c := sessionCookie(rec)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/validation" {
		t.Errorf("signing in: %d to %q, want 303 to the page asked for", rec.Code, rec.Header().Get("Location"))
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || len(c.Value) < 43 {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/, a 32-byte secret, not Secure over plain HTTP", c)
	}
	if rec := s.do(http.MethodGet, "/", c.Value, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `href="/sign-out"`) {
		t.Errorf("the overview signed in: %d; want it with a link to sign out", rec.Code)
	}
	if _, body := get(t, "/"); strings.Contains(body, `href="/sign-out"`) {
		t.Error("a server for the one person at this machine offers signing out")
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		rec := s.do(http.MethodPost, "/sign-in", "", url.Values{"name": {"analyst"}, "password": {testPassword}, "next": {next}})
		if loc := rec.Header().Get("Location"); loc != "/" {
			t.Errorf("signing in with next=%q goes to %q, want the overview", next, loc)
		}
	}
	rec = s.do(http.MethodPost, "/sign-out", c.Value, nil)
	if gone := sessionCookie(rec); rec.Code != http.StatusSeeOther || gone == nil || gone.MaxAge >= 0 {
		t.Errorf("signing out: %d, cookie %v; want 303 and the cookie cleared", rec.Code, gone)
	}
	if rec := s.do(http.MethodGet, "/", c.Value, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the old cookie after signing out: %d, want 303 to sign in", rec.Code)
	}
	log, _ := s.store.AuditLog(context.Background())
	var actions []string
	for _, e := range log {
		if e.Who == "analyst" || e.Who == "no.one" {
			actions = append(actions, e.Who+": "+e.Action)
		}
		if strings.Contains(e.Action+e.Who+e.Reason, testPassword) || strings.Contains(e.Action, "not the password") {
			t.Errorf("a password in the audit log: %+v", e)
		}
	}
	if got := strings.Join(actions, ", "); !strings.Contains(got, "analyst: failed sign-in, no.one: failed sign-in, analyst: sign in") ||
		!strings.HasSuffix(got, "analyst: sign out") {
		t.Errorf("audit log: %s", got)
	}
}

// TestSecureCookieBehindTLS marks the cookie Secure when told the server
// is reached over HTTPS.
func TestSecureCookieBehindTLS(t *testing.T) {
	s := newSignInServer(t, Identity{BehindTLS: true})
	if c := sessionCookie(s.signIn("manager", testPassword, "")); c == nil || !c.Secure {
		t.Errorf("cookie %+v behind TLS: want Secure", c)
	}
}

// TestSessionFixation: a session from before signing in, whether planted
// or the browser's own, is never honoured after it.
func TestSessionFixation(t *testing.T) {
	s := newSignInServer(t, Identity{})
	rec := s.signIn("analyst", testPassword, "planted-by-an-attacker")
	if c := sessionCookie(rec); c == nil || c.Value == "planted-by-an-attacker" {
		t.Errorf("signing in with a planted cookie kept it: %+v", c)
	}
	before := s.session(t, "manager")
	rec = s.signIn("analyst", testPassword, before)
	after := sessionCookie(rec)
	if after == nil || after.Value == before {
		t.Fatalf("signing in again kept the session: %+v", after)
	}
	if rec := s.do(http.MethodGet, "/", before, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the session from before signing in: %d, want it refused", rec.Code)
	}
	if rec := s.do(http.MethodGet, drillOf(t), after.Value, nil); rec.Code != http.StatusOK {
		t.Errorf("the new session: %d", rec.Code)
	}
}

func drillOf(t *testing.T) string {
	path, _ := drillPath(t, synthetic(t))
	return path
}

// TestSessionTimeouts ends a session idle 30 minutes, and one 12 hours
// old however busy.
func TestSessionTimeouts(t *testing.T) {
	s := newSignInServer(t, Identity{})
	idle := s.session(t, "analyst")
	s.clock.advance(29 * time.Minute)
	if rec := s.do(http.MethodGet, "/rules", idle, nil); rec.Code != http.StatusOK {
		t.Errorf("idle 29 minutes: %d, want 200", rec.Code)
	}
	s.clock.advance(30 * time.Minute)
	if rec := s.do(http.MethodGet, "/rules", idle, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("idle 30 minutes: %d, want 303 to sign in", rec.Code)
	}
	busy := s.session(t, "analyst")
	for range 35 {
		s.clock.advance(20 * time.Minute)
		if rec := s.do(http.MethodGet, "/rules", busy, nil); rec.Code != http.StatusOK {
			t.Fatalf("a busy session: %d", rec.Code)
		}
	}
	s.clock.advance(20 * time.Minute)
	if rec := s.do(http.MethodGet, "/rules", busy, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("a session 12 hours old: %d, want 303 to sign in", rec.Code)
	}
}

// TestBruteForceThroughThePage locks a name after 5 wrong passwords.
func TestBruteForceThroughThePage(t *testing.T) {
	s := newSignInServer(t, Identity{})
	for range 5 {
		if rec := s.signIn("auditor", "a guess at it", ""); rec.Code != http.StatusUnauthorized {
			t.Fatalf("a wrong password: %d", rec.Code)
		}
	}
	rec := s.signIn("auditor", testPassword, "")
	if rec.Code != http.StatusUnauthorized || sessionCookie(rec).Value != "" || !strings.Contains(rec.Body.String(), "too many failed attempts") {
		t.Errorf("the right password while locked: %d; want refused, saying why", rec.Code)
	}
	s.clock.advance(16 * time.Minute)
	if rec := s.signIn("auditor", testPassword, ""); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/audit" {
		t.Errorf("after the lock: %d to %q, want the audit log", rec.Code, rec.Header().Get("Location"))
	}
}

// TestCrossSiteFormsRefused: a form posted from another site, to sign in,
// sign out or see children's IDs, is refused.
func TestCrossSiteFormsRefused(t *testing.T) {
	s := newSignInServer(t, Identity{})
	cookie := s.session(t, "analyst")
	for _, path := range []string{"/sign-in", "/sign-out", drillOf(t), "/children"} {
		rec := s.do(http.MethodPost, path, cookie, url.Values{"name": {"analyst"}, "password": {testPassword}, "reason": {"x"}},
			"Sec-Fetch-Site", "cross-site")
		if rec.Code != http.StatusForbidden || sessionCookie(rec) != nil {
			t.Errorf("cross-site POST %s: %d, want 403 and no cookie", path, rec.Code)
		}
		rec = s.do(http.MethodPost, path, cookie, url.Values{"reason": {"x"}}, "Origin", "https://evil.example")
		if rec.Code != http.StatusForbidden {
			t.Errorf("POST %s from another origin: %d, want 403", path, rec.Code)
		}
	}
	if rec := s.do(http.MethodGet, "/", cookie, nil); rec.Code != http.StatusOK {
		t.Errorf("the session after cross-site sign-out attempts: %d, want still signed in", rec.Code)
	}
}

// TestRoles has each role reach each kind of page and API: what it may
// not see is refused 403, whether through a page or the API.
func TestRoles(t *testing.T) {
	s := newSignInServer(t, Identity{})
	drill := drillOf(t)
	const (
		ok     = http.StatusOK
		denied = http.StatusForbidden
	)
	type reach struct {
		method, path string
		want         map[people.Role]int
	}
	all := func(analyst, manager, partner, auditor, admin int) map[people.Role]int {
		return map[people.Role]int{people.Analyst: analyst, people.Manager: manager, people.Partner: partner,
			people.Auditor: auditor, people.Administrator: admin}
	}
	reaches := []reach{
		{"GET", "/", all(ok, ok, ok, denied, denied)},
		{"GET", "/indicators/cla_end", all(ok, ok, ok, denied, denied)},
		{"GET", drill, all(ok, denied, denied, denied, denied)},
		{"POST", drill, all(ok, denied, denied, denied, denied)},
		{"POST", "/children", all(http.StatusBadRequest, denied, denied, denied, denied)},
		{"GET", "/validation", all(ok, ok, denied, denied, denied)},
		{"GET", "/validation/failures/103?year=2025%2F26", all(ok, denied, denied, denied, denied)},
		{"GET", "/forecast", all(ok, ok, denied, denied, denied)},
		{"GET", "/front-door", all(ok, ok, ok, denied, denied)},
		{"GET", "/api/indicators", all(ok, ok, ok, denied, denied)},
		{"GET", "/api/validation", all(ok, ok, denied, denied, denied)},
		{"GET", "/audit", all(denied, denied, denied, ok, denied)},
		{"GET", "/people", all(denied, denied, denied, denied, ok)},
		{"GET", "/rules", all(ok, ok, ok, ok, ok)},
	}
	for _, r := range people.Roles {
		cookie := s.session(t, string(r))
		token, _ := s.token(t, string(r), time.Hour)
		for _, rc := range reaches {
			var form url.Values
			if rc.method == http.MethodPost {
				form = url.Values{"reason": {"checking the roles"}}
			}
			rec := s.do(rc.method, rc.path, cookie, form)
			if strings.HasPrefix(rc.path, "/api/") {
				rec = s.do(rc.method, rc.path, "", nil, "Authorization", "Bearer "+token)
			}
			if want := rc.want[r]; rec.Code != want {
				t.Errorf("%s %s %s: %d, want %d", r, rc.method, rc.path, rec.Code, want)
			}
		}
	}
}

// TestPartnerSeesPublishableFigures: a partner's pages and API are in
// publishable mode on a server in analysts' mode.
func TestPartnerSeesPublishableFigures(t *testing.T) {
	s := newSignInServer(t, Identity{})
	for _, tt := range []struct {
		role people.Role
		mode string
	}{{people.Partner, "publishable"}, {people.Manager, "exact"}, {people.Analyst, "exact"}} {
		token, _ := s.token(t, string(tt.role), time.Hour)
		rec := s.do(http.MethodGet, "/api/indicators", "", nil, "Authorization", "Bearer "+token)
		var body struct{ Mode string }
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Mode != tt.mode {
			t.Errorf("%s: /api/indicators in mode %q (%v), want %q", tt.role, body.Mode, err, tt.mode)
		}
	}
	partner := s.do(http.MethodGet, "/", s.session(t, "partner"), nil).Body.String()
	analyst := s.do(http.MethodGet, "/", s.session(t, "analyst"), nil).Body.String()
	if partner == analyst || strings.Contains(partner, "/children?") {
		t.Error("a partner's overview is the analysts' or links to children's IDs")
	}
}

// TestTokensRefused: a token revoked, expired, unknown or sent in the
// wrong form is refused 401; a good one is answered.
func TestTokensRefused(t *testing.T) {
	s := newSignInServer(t, Identity{})
	good, _ := s.token(t, "manager", time.Hour)
	revoked, kept := s.token(t, "manager", time.Hour)
	if err := s.acc.RevokeToken(context.Background(), app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}, app.FromCommandLine, kept.ID); err != nil {
		t.Fatal(err)
	}
	expiring, _ := s.token(t, "manager", time.Minute)
	s.clock.advance(2 * time.Minute)
	for _, auth := range []string{"Bearer " + revoked, "Bearer " + expiring, "Bearer village_unknown", "Basic " + good, good} {
		if rec := s.do(http.MethodGet, "/api/indicators", "", nil, "Authorization", auth); rec.Code != http.StatusUnauthorized {
			t.Errorf("Authorization %.20q...: %d, want 401", auth, rec.Code)
		}
	}
	if rec := s.do(http.MethodGet, "/api/indicators", "", nil, "Authorization", "Bearer "+good); rec.Code != http.StatusOK {
		t.Errorf("a good token: %d", rec.Code)
	}
}

// TestAuditPage lists the audit log to auditors, newest first, a page of
// 50 at a time read from the store, filtered by date, person and action,
// with where each entry came from and whether the chain verifies.
func TestAuditPage(t *testing.T) {
	s := newSignInServer(t, Identity{})
	for range 60 {
		s.signIn("no.one", "x", "")
		s.clock.advance(time.Hour) // no lockout
	}
	cookie := s.session(t, "auditor")
	body := s.do(http.MethodGet, "/audit", cookie, nil).Body.String()
	for _, want := range []string{"intact up to entry 66", ">66</td>", ">17</td>", `href="/audit?before=17"`, "192.0.2.1"} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit page's first page lacks %q", want)
		}
	}
	if strings.Contains(body, ">16</td>") || strings.Contains(body, "Newer entries") {
		t.Error("the audit page's first page shows more than the newest 50 entries")
	}
	older := s.do(http.MethodGet, "/audit?before=17", cookie, nil).Body.String()
	if !strings.Contains(older, ">16</td>") || !strings.Contains(older, "add user administrator") ||
		!strings.Contains(older, `href="/audit?after=16"`) || strings.Contains(older, "Older entries") {
		t.Error("the audit page's second page does not run from entry 16 to the oldest")
	}
	filtered := s.do(http.MethodGet, "/audit?who=auditor&action=sign+in&from=2026-12-03&to=2026-12-31", cookie, nil).Body.String()
	if !strings.Contains(filtered, ">66</td>") || strings.Contains(filtered, "no.one") || strings.Contains(filtered, "add user") {
		t.Error("filtering by who, action and date does not show only the auditor's sign-in")
	}
	early := s.do(http.MethodGet, "/audit?to=2026-12-01", cookie, nil).Body.String()
	if !strings.Contains(early, ">6</td>") || strings.Contains(early, ">66</td>") || strings.Contains(early, ">30</td>") {
		t.Error("filtering to the first day shows entries of later days")
	}
	if rec := s.do(http.MethodGet, "/audit?from=yesterday", cookie, nil); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "YYYY-MM-DD") {
		t.Errorf("a date not as YYYY-MM-DD: %d, want 400 saying how to write it", rec.Code)
	}
}

// brokenLog is an audit log whose chain breaks at entry 30.
type brokenLog struct{ auditReader }

func (brokenLog) VerifyAudit(context.Context) (store.ChainHead, error) {
	return store.ChainHead{Seq: 66}, &store.ChainBreak{Seq: 30, At: "2026-12-02T08:00:00Z", What: "was changed: its content no longer matches its hash"}
}

// TestAuditPageShowsABreak: the auditor's view names where a tampered
// chain breaks.
func TestAuditPageShowsABreak(t *testing.T) {
	s := &Server{}
	if text, broken := s.chainState(context.Background(), brokenLog{}); !broken || !strings.Contains(text, "broken at entry 30") {
		t.Errorf("a broken chain is shown as %q (broken %v)", text, broken)
	}
}

// TestSignInElsewhere starts a session for a person an identity provider
// signed in, ending the browser's old one, and refuses a disabled one.
func TestSignInElsewhere(t *testing.T) {
	s := newSignInServer(t, Identity{})
	srv := newServer(t, synthetic(t), Options{Store: s.store, Identity: Identity{Accounts: s.acc}})
	old := s.session(t, "analyst")
	p := app.ExternalPerson{Name: "a.auditor@council.example", Subject: "https://login.example#9", IdentifiedBy: "single sign-on", Role: people.Auditor}
	finish := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/auth/callback", nil)
		req.Header.Set("Cookie", SessionCookie+"="+old)
		rec := httptest.NewRecorder()
		srv.SignInElsewhere(rec, req, p)
		return rec
	}
	rec := finish()
	c := sessionCookie(rec)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/audit" || c == nil || c.Value == old || !c.HttpOnly {
		t.Fatalf("signed in elsewhere: %d to %q, cookie %+v", rec.Code, rec.Header().Get("Location"), c)
	}
	if rec := s.do(http.MethodGet, "/audit", c.Value, nil); rec.Code != http.StatusOK {
		t.Errorf("the auditor's session: %d", rec.Code)
	}
	if rec := s.do(http.MethodGet, "/", old, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the browser's session from before: %d, want it ended", rec.Code)
	}
	if err := s.acc.Disable(context.Background(), app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}, app.FromCommandLine, p.Name); err != nil {
		t.Fatal(err)
	}
	if rec := finish(); rec.Code != http.StatusForbidden {
		t.Errorf("a disabled user signed in elsewhere: %d, want 403", rec.Code)
	}
}
