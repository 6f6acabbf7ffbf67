package oidc_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/oidc"
	"github.com/village-uk/village/internal/oidc/oidctest"
)

// The people of the tests' issuer.
var (
	ann = oidctest.User{Name: "ann", Subject: "a1b2c3", FullName: "Ann Analyst", Email: "ann@council.example",
		Groups: []string{"village-analysts", "all-staff"}}
	pat = oidctest.User{Name: "pat", FullName: "Pat Partner", Email: "pat@health.example",
		Groups: []string{"village-partners", "nhs-trust"}, Claims: map[string]any{"email_verified": false, "authority": []any{"E06000999", "E06000001"}}}
)

// relyingParty is a small web application signing people in with
// oidc.Provider: /auth/begin and /auth/callback, as Village's web will
// have them.
type relyingParty struct {
	URL      string
	idp      *oidctest.Server
	provider *oidc.Provider
	client   *http.Client // a browser: a cookie jar

	mu       sync.Mutex
	identity oidc.Identity
	err      error
	finished int
}

// begin is the relying party's sign-in URL.
func (rp *relyingParty) begin() string { return rp.URL + "/auth/begin" }

// startRelyingParty starts an issuer with users, and a relying party of it.
func startRelyingParty(t *testing.T, users ...oidctest.User) *relyingParty {
	t.Helper()
	rp := &relyingParty{idp: oidctest.New(t, users...)}
	server := httptest.NewUnstartedServer(nil)
	rp.URL = "http://" + server.Listener.Addr().String()
	config := rp.idp.Config(rp.URL + "/auth/callback")
	config.Roles = map[string]string{"village-analysts": "analyst", "village-partners": "partner"}
	config.Agencies = map[string]string{"nhs-trust": "health"}
	config.AuthorityClaim = "authority"
	var err error
	if rp.provider, err = oidc.New(context.Background(), config); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/begin", rp.provider.Begin)
	mux.HandleFunc("GET /auth/callback", rp.callback)
	server.Config.Handler = mux
	server.Start()
	t.Cleanup(server.Close)
	rp.client = newBrowser(t)
	return rp
}

// newBrowser is an HTTP client with a cookie jar.
func newBrowser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second}
}

// callback finishes a sign-in and records how it ended.
func (rp *relyingParty) callback(w http.ResponseWriter, r *http.Request) {
	id, err := rp.provider.Finish(w, r)
	rp.mu.Lock()
	rp.identity, rp.err = id, err
	rp.finished++
	rp.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err != nil {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "<!doctype html><html lang=en><title>Not signed in</title><p id=refused>Sign-in failed: %s</p>", html.EscapeString(err.Error()))
		return
	}
	fmt.Fprintf(w, "<!doctype html><html lang=en><title>Signed in</title><p id=who>Signed in as %s</p>", html.EscapeString(id.Name))
}

// last is how the last sign-in ended, or an error when none reached the
// callback.
func (rp *relyingParty) last(t *testing.T, want int) (oidc.Identity, error) {
	t.Helper()
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if rp.finished != want {
		t.Fatalf("the callback was reached %d times, want %d", rp.finished, want)
	}
	return rp.identity, rp.err
}

// deliver requests the provider's redirect back, as the browser would.
func deliver(t *testing.T, c *http.Client, back *url.URL) {
	t.Helper()
	resp, err := c.Get(back.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestSignIn(t *testing.T) {
	rp := startRelyingParty(t, ann, pat)

	// Begin: a sealed cookie for the callback's path, and a redirect
	// carrying state, nonce and an S256 challenge.
	noFollow := *newBrowser(t)
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.Get(rp.begin())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("Begin answered %s, want 302", resp.Status)
	}
	to, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	q := to.Query()
	for _, name := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(name)) < 20 {
			t.Errorf("the authorisation request's %s is %q, want a random value", name, q.Get(name))
		}
	}
	if got := q.Get("code_challenge_method"); got != "S256" {
		t.Errorf("code_challenge_method = %q, want S256", got)
	}
	if got := q.Get("scope"); got != "openid profile email" {
		t.Errorf("scope = %q, want openid profile email", got)
	}
	if !strings.HasPrefix(to.String(), rp.idp.Issuer) {
		t.Errorf("Begin sent the browser to %s, not to the issuer %s", to, rp.idp.Issuer)
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 {
		t.Fatalf("Begin set %d cookies, want 1", len(cookies))
	}
	c := cookies[0]
	if c.Name != oidc.CookiePrefix+q.Get("state") || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode ||
		c.Path != "/auth/callback" || c.MaxAge <= 0 || c.MaxAge > 600 || c.Secure {
		t.Errorf("the sign-in cookie is %s; want %s<state>, HttpOnly, SameSite=Lax, Path=/auth/callback, Max-Age up to 600, not Secure over http",
			c, oidc.CookiePrefix)
	}
	for _, secret := range []string{q.Get("nonce"), q.Get("state")} {
		if strings.Contains(c.Value, secret) {
			t.Errorf("the sign-in cookie shows its contents %q: it must be sealed", secret)
		}
	}

	// The whole flow, as a browser.
	page, err := rp.idp.SignIn(rp.client, rp.begin(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	id, err := rp.last(t, 1)
	if err != nil {
		t.Fatalf("signing in: %v", err)
	}
	want := oidc.Identity{Issuer: rp.idp.Issuer, Subject: "a1b2c3", Name: "Ann Analyst", Email: "ann@council.example",
		Claims: []string{"village-analysts", "all-staff"}, AuthorityClaimed: true}
	if fmt.Sprint(id) != fmt.Sprint(want) {
		t.Errorf("signed in as %+v, want %+v", id, want)
	}
	u, _ := url.Parse(rp.URL)
	for _, c := range rp.client.Jar.Cookies(u.JoinPath("auth", "callback")) {
		if strings.HasPrefix(c.Name, oidc.CookiePrefix) {
			t.Errorf("the sign-in cookie %s is still set after Finish", c.Name)
		}
	}

	// A partner, with an agency.
	page, err = rp.idp.SignIn(newBrowser(t), rp.begin(), "pat")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	id, err = rp.last(t, 2)
	if err != nil {
		t.Fatalf("signing in: %v", err)
	}
	if id.Name != "Pat Partner" || id.Subject != "pat" || !id.EmailUnverified {
		t.Errorf("signed in as %+v, want Pat Partner with subject pat, the address unverified", id)
	}
	if !id.AuthorityClaimed || fmt.Sprint(id.Authorities) != "[E06000999 E06000001]" {
		t.Errorf("Pat's authorities %v (claimed %v), want the authority claim's E06000999 and E06000001", id.Authorities, id.AuthorityClaimed)
	}
}

// TestSignInsInTwoTabs: two sign-ins begun in one browser both finish.
func TestSignInsInTwoTabs(t *testing.T) {
	rp := startRelyingParty(t, ann)
	first, err := rp.idp.Authorize(rp.client, rp.begin(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	second, err := rp.idp.Authorize(rp.client, rp.begin(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	for i, back := range []*url.URL{second, first} {
		deliver(t, rp.client, back)
		if _, err := rp.last(t, i+1); err != nil {
			t.Errorf("sign-in %d: %v", i+1, err)
		}
	}
}

// TestSignInRefused: each way a sign-in can go wrong is refused, with an
// error saying which, and no error shows the secret, the code or a token.
func TestSignInRefused(t *testing.T) {
	tests := []struct {
		name string
		// run signs in (or tries to) and returns the code the provider
		// issued, if any, which no error may show.
		run  func(t *testing.T, rp *relyingParty) (code string)
		want error
		says string
	}{
		{
			name: "wrong state",
			run:  rewritten(func(q url.Values) { q.Set("state", rand.Text()) }),
			want: oidc.ErrState, says: "no sign-in with the reply's state is in progress",
		},
		{
			name: "no state",
			run:  rewritten(func(q url.Values) { q.Del("state") }),
			want: oidc.ErrState, says: "carries no state",
		},
		{
			name: "state not made here",
			run:  rewritten(func(q url.Values) { q.Set("state", "../"+q.Get("state")) }),
			want: oidc.ErrState, says: "not one this server makes",
		},
		{
			name: "reply delivered to another browser (login CSRF)",
			run: func(t *testing.T, rp *relyingParty) string {
				back := authorize(t, rp)
				deliver(t, newBrowser(t), back)
				return back.Query().Get("code")
			},
			want: oidc.ErrState, says: "no sign-in with the reply's state is in progress",
		},
		{
			name: "tampered cookie",
			run: delivered(func(t *testing.T, rp *relyingParty, _ *url.URL) {
				u, _ := url.Parse(rp.URL + "/auth/callback")
				for _, c := range rp.client.Jar.Cookies(u) {
					c.Value = c.Value[:len(c.Value)-4] + "AAAA"
					c.Path = "/auth/callback"
					rp.client.Jar.SetCookies(u, []*http.Cookie{c})
				}
			}),
			want: oidc.ErrState, says: "was not sealed by this server",
		},
		{
			name: "sign-in too slow",
			run: delivered(func(t *testing.T, rp *relyingParty, _ *url.URL) {
				oidc.SetClock(rp.provider, func() time.Time { return time.Now().Add(11 * time.Minute) })
			}),
			want: oidc.ErrState, says: "took longer than 10m0s",
		},
		{
			name: "replayed code",
			run: func(t *testing.T, rp *relyingParty) string {
				back := authorize(t, rp)
				u, _ := url.Parse(rp.URL + "/auth/callback")
				saved := rp.client.Jar.Cookies(u)
				deliver(t, rp.client, back)
				if _, err := rp.last(t, 1); err != nil {
					t.Fatalf("the first use of the code: %v", err)
				}
				// The attacker has the reply and the cookie too.
				for _, c := range saved {
					c.Path = "/auth/callback"
				}
				rp.client.Jar.SetCookies(u, saved)
				deliver(t, rp.client, back)
				return back.Query().Get("code")
			},
			want: oidc.ErrExchange, says: "HTTP 400 invalid_grant",
		},
		{
			name: "wrong nonce",
			run: func(t *testing.T, rp *relyingParty) string {
				rp.idp.Misbehave(oidctest.Faults{Nonce: "forged-nonce"})
				return signIn(t, rp)
			},
			want: oidc.ErrIDToken, says: "nonce does not match",
		},
		{
			name: "expired token",
			run: func(t *testing.T, rp *relyingParty) string {
				rp.idp.Misbehave(oidctest.Faults{IDTokenLifetime: -time.Minute})
				return signIn(t, rp)
			},
			want: oidc.ErrIDToken, says: "expired at",
		},
		{
			name: "wrong audience",
			run: func(t *testing.T, rp *relyingParty) string {
				rp.idp.Misbehave(oidctest.Faults{Audience: []string{"another-application"}})
				return signIn(t, rp)
			},
			want: oidc.ErrIDToken, says: `expected audience "village"`,
		},
		{
			name: "signed with a key the issuer does not publish",
			run: func(t *testing.T, rp *relyingParty) string {
				rp.idp.Misbehave(oidctest.Faults{UnpublishedKey: true})
				return signIn(t, rp)
			},
			want: oidc.ErrIDToken, says: "signature",
		},
		{
			name: "issuer down before the code is exchanged",
			run:  delivered(func(_ *testing.T, rp *relyingParty, _ *url.URL) { rp.idp.Close() }),
			want: oidc.ErrExchange, says: "reaching http://127.0.0.1",
		},
		{
			name: "cancelled at the issuer",
			run: func(t *testing.T, rp *relyingParty) string {
				back, err := rp.idp.Cancel(rp.client, rp.begin())
				if err != nil {
					t.Fatal(err)
				}
				deliver(t, rp.client, back)
				return ""
			},
			want: oidc.ErrRefused, says: "said access_denied: the person cancelled the sign-in",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rp := startRelyingParty(t, ann)
			code := tt.run(t, rp)
			_, err := rp.last(t, finishes(tt.name))
			if !errors.Is(err, tt.want) {
				t.Fatalf("got error %v, want %v", err, tt.want)
			}
			t.Logf("%v", err)
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			shown := []string{rp.idp.ClientSecret, "eyJ"} // eyJ starts every JWT
			if code != "" {
				shown = append(shown, code)
			}
			for _, s := range shown {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q shows a secret, code or token (%q)", err, s)
				}
			}
		})
	}
}

// finishes is how often the callback is reached in the test called name.
func finishes(name string) int {
	if name == "replayed code" {
		return 2
	}
	return 1
}

// delivered is a test's run: ann signs in at the issuer, before runs,
// and the issuer's reply is delivered.
func delivered(before func(t *testing.T, rp *relyingParty, back *url.URL)) func(t *testing.T, rp *relyingParty) string {
	return func(t *testing.T, rp *relyingParty) string {
		back := authorize(t, rp)
		before(t, rp, back)
		deliver(t, rp.client, back)
		return back.Query().Get("code")
	}
}

// rewritten is a test's run: ann signs in, and the issuer's reply,
// changed by change, is delivered.
func rewritten(change func(q url.Values)) func(t *testing.T, rp *relyingParty) string {
	return delivered(func(_ *testing.T, _ *relyingParty, back *url.URL) {
		q := back.Query()
		change(q)
		back.RawQuery = q.Encode()
	})
}

// authorize signs ann in at the issuer and returns its reply, undelivered.
func authorize(t *testing.T, rp *relyingParty) *url.URL {
	t.Helper()
	back, err := rp.idp.Authorize(rp.client, rp.begin(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	if back.Query().Get("code") == "" {
		t.Fatalf("the issuer replied %s, with no code", back.Redacted())
	}
	return back
}

// signIn signs ann in, delivering the reply, and returns the code.
func signIn(t *testing.T, rp *relyingParty) string {
	t.Helper()
	back := authorize(t, rp)
	deliver(t, rp.client, back)
	return back.Query().Get("code")
}

func TestNewIssuerUnreachable(t *testing.T) {
	idp := oidctest.New(t)
	issuer := idp.Issuer
	idp.Close()
	config := idp.Config("http://127.0.0.1:1/auth/callback")
	config.Roles = map[string]string{"g": "analyst"}
	_, err := oidc.New(context.Background(), config)
	if err == nil {
		t.Fatal("New succeeded with the issuer down")
	}
	for _, want := range []string{"discovering the issuer " + issuer, issuer + "/.well-known/openid-configuration", "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), idp.ClientSecret) {
		t.Errorf("error %q shows the client secret", err)
	}
}

// TestNewIssuerMismatch: an issuer whose discovery document names another
// issuer is refused (a token from it would name the other).
func TestNewIssuerMismatch(t *testing.T) {
	idp := oidctest.New(t)
	config := idp.Config("http://127.0.0.1:1/auth/callback")
	config.Roles = map[string]string{"g": "analyst"}
	config.Issuer = strings.Replace(idp.Issuer, "127.0.0.1", "localhost", 1)
	_, err := oidc.New(context.Background(), config)
	if err == nil || !strings.Contains(err.Error(), config.Issuer) || !strings.Contains(err.Error(), idp.Issuer) {
		t.Errorf("New with a mismatched issuer: error %v, want one naming %s and %s", err, config.Issuer, idp.Issuer)
	}
}

// TestNewRefusesConfig: a configuration that cannot work is refused before
// the issuer is asked, naming the variable, and never showing the secret.
func TestNewRefusesConfig(t *testing.T) {
	const secret = "s3cr3t-value"
	good := oidc.Config{Issuer: "https://login.example/tenant/v2.0", ClientID: "village", ClientSecret: secret,
		RedirectURL: "https://village.council.example/auth/callback", Roles: map[string]string{"g": "analyst"}}
	tests := []struct {
		name   string
		change func(c *oidc.Config)
		says   string
	}{
		{"no issuer", func(c *oidc.Config) { c.Issuer = "" }, "VILLAGE_OIDC_ISSUER is not set"},
		{"issuer over http", func(c *oidc.Config) { c.Issuer = "http://login.example/tenant" }, "VILLAGE_OIDC_ISSUER=\"http://login.example/tenant\" must be an https URL"},
		{"issuer not a URL", func(c *oidc.Config) { c.Issuer = "login.example" }, "VILLAGE_OIDC_ISSUER=\"login.example\" is not a URL"},
		{"no client", func(c *oidc.Config) { c.ClientID = "" }, "VILLAGE_OIDC_CLIENT_ID is not set"},
		{"no secret", func(c *oidc.Config) { c.ClientSecret = "" }, "client secret is not set"},
		{"no redirect", func(c *oidc.Config) { c.RedirectURL = "" }, "VILLAGE_OIDC_REDIRECT_URL is not set"},
		{"redirect over http", func(c *oidc.Config) { c.RedirectURL = "http://village.example/cb" }, "VILLAGE_OIDC_REDIRECT_URL=\"http://village.example/cb\" must be an https URL"},
		{"no roles", func(c *oidc.Config) { c.Roles = nil }, "VILLAGE_OIDC_ROLES is not set"},
		{"unknown role", func(c *oidc.Config) { c.Roles = map[string]string{"g": "root"} }, `maps "g" to "root", which is not a Village role`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			tt.change(&c)
			_, err := oidc.New(context.Background(), c)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("error %v, want one saying %s", err, tt.says)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

// TestRoleOfSignedIn: the identity a sign-in returns maps to a role.
func TestRoleOfSignedIn(t *testing.T) {
	rp := startRelyingParty(t, pat)
	signInAs(t, rp, "pat")
	id, err := rp.last(t, 1)
	if err != nil {
		t.Fatal(err)
	}
	config := rp.idp.Config(rp.URL + "/auth/callback")
	config.Roles = map[string]string{"village-partners": "partner"}
	config.Agencies = map[string]string{"nhs-trust": "health"}
	role, agency, err := config.Role(id)
	if err != nil || role != "partner" || agency != "health" {
		t.Errorf("Role = %q, %q, %v; want partner, health", role, agency, err)
	}
}

// signInAs signs user in through rp.
func signInAs(t *testing.T, rp *relyingParty, user string) {
	t.Helper()
	page, err := rp.idp.SignIn(rp.client, rp.begin(), user)
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
}
