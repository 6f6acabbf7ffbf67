// Package oidctest starts a real OpenID provider for tests: zitadel's op
// package on an httptest server, with in-memory storage of authorisation
// requests, codes (one exchange each), PKCE (S256 required), RS256
// signing keys and ID tokens carrying a "groups" claim. Its login page
// takes a user name (no password); tests drive it with Authorize or
// SignIn, and a browser test with its form.
//
// It is for tests only: nothing in Village's commands imports it.
package oidctest

import (
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	zoidc "github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/village-uk/village/internal/oidc"
)

// ClientID is the ID of the one client the provider knows.
const ClientID = "village"

// loginPath is the provider's login page.
const loginPath = "/login"

// User is a person the provider can sign in.
type User struct {
	Name     string         // typed on the login page; the subject too, unless Subject is set
	Subject  string         // the ID token's sub
	FullName string         // the name claim
	Email    string         // the email claim
	Groups   []string       // the groups claim
	Claims   map[string]any // other claims for the ID token, such as "roles" or Keycloak's "realm_access"
}

// subject is the user's sub claim.
func (u User) subject() string {
	if u.Subject != "" {
		return u.Subject
	}
	return u.Name
}

// Faults make the provider misbehave, or stand for an attacker's tokens,
// so that tests can see a relying party refuse them. They apply to
// authorisation requests begun after Misbehave.
type Faults struct {
	Audience        []string      // the ID token's aud, instead of the client ID (the token is signed anew)
	Nonce           string        // the ID token's nonce, instead of the one sent
	IDTokenLifetime time.Duration // instead of an hour; negative for a token already expired
	UnpublishedKey  bool          // sign with a key the provider does not publish
}

// Server is a running OpenID provider.
type Server struct {
	Issuer       string // the issuer's URL, http on 127.0.0.1
	ClientSecret string // the secret of the client ClientID

	http    *httptest.Server
	op      *op.Provider
	storage *storage
}

// New starts a provider that can sign in users, and stops it when the
// test ends.
func New(t testing.TB, users ...User) *Server {
	t.Helper()
	s := &Server{ClientSecret: "secret-" + rand.Text()}
	s.http = httptest.NewUnstartedServer(nil)
	s.Issuer = "http://" + s.http.Listener.Addr().String()
	s.storage = newStorage(&client{id: ClientID, secret: s.ClientSecret, idTokenLifetime: idTokenLifetime}, users)
	var key [32]byte
	rand.Read(key[:])
	config := &op.Config{
		CryptoKey:       key,
		CodeMethodS256:  true,
		SupportedClaims: append(slices.Clone(op.DefaultSupportedClaims), "groups"),
	}
	provider, err := op.NewProvider(config, s.storage, op.StaticIssuer(s.Issuer), op.WithAllowInsecure())
	if err != nil {
		t.Fatalf("oidctest: starting the provider: %v", err)
	}
	s.op = provider
	mux := http.NewServeMux()
	mux.HandleFunc(loginPath, s.login)
	mux.Handle("/", s.readdress(provider))
	s.http.Config.Handler = mux
	s.http.Start()
	t.Cleanup(s.http.Close)
	return s
}

// Register allows redirectURL as the client's redirect URI.
func (s *Server) Register(redirectURL string) {
	s.storage.mu.Lock()
	defer s.storage.mu.Unlock()
	if !slices.Contains(s.storage.client.redirectURIs, redirectURL) {
		s.storage.client.redirectURIs = append(s.storage.client.redirectURIs, redirectURL)
	}
}

// Config registers redirectURL and returns a configuration of Village's
// relying party for this provider; the caller adds Roles (and Agencies).
func (s *Server) Config(redirectURL string) oidc.Config {
	s.Register(redirectURL)
	return oidc.Config{Issuer: s.Issuer, ClientID: ClientID, ClientSecret: s.ClientSecret, RedirectURL: redirectURL}
}

// Misbehave sets the faults of the authorisation requests begun from now
// on; Faults{} makes the provider behave again.
func (s *Server) Misbehave(f Faults) {
	s.storage.mu.Lock()
	defer s.storage.mu.Unlock()
	s.storage.faults = f
}

// Close stops the provider, as an issuer that is down.
func (s *Server) Close() {
	s.http.Close()
}

// Authorize signs in as user at the provider: it follows c from beginURL
// (the relying party's sign-in, which redirects here) through the login
// page, and returns the URL the provider sends the browser back to (the
// redirect URL with the code and state, or an error) without requesting
// it. c needs a cookie jar for the relying party's cookie.
func (s *Server) Authorize(c *http.Client, beginURL, user string) (*url.URL, error) {
	return s.visit(c, beginURL, url.Values{"username": {user}})
}

// Cancel is Authorize with the person pressing Cancel on the login page:
// the URL returned carries error=access_denied.
func (s *Server) Cancel(c *http.Client, beginURL string) (*url.URL, error) {
	return s.visit(c, beginURL, url.Values{"cancel": {"1"}})
}

// visit follows c from beginURL to the provider's redirect back, adding
// login to the query of the login page.
func (s *Server) visit(c *http.Client, beginURL string, login url.Values) (*url.URL, error) {
	hop := *c
	hop.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	next, err := url.Parse(beginURL)
	if err != nil {
		return nil, fmt.Errorf("oidctest: the sign-in URL %q: %w", beginURL, err)
	}
	issuer, _ := url.Parse(s.Issuer)
	atProvider := false
	for range 10 {
		if next.Host != issuer.Host && atProvider {
			return next, nil
		}
		atProvider = atProvider || next.Host == issuer.Host
		if next.Host == issuer.Host && next.Path == loginPath {
			q := next.Query()
			for k, v := range login {
				q[k] = v
			}
			next.RawQuery = q.Encode()
		}
		resp, err := hop.Get(next.String())
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		location := resp.Header.Get("Location")
		if location == "" {
			return nil, fmt.Errorf("oidctest: %s answered %s, not a redirect", next.Redacted(), resp.Status)
		}
		if next, err = resp.Request.URL.Parse(location); err != nil {
			return nil, fmt.Errorf("oidctest: %s redirected to %q: %w", resp.Request.URL.Redacted(), location, err)
		}
	}
	return nil, errors.New("oidctest: more than 10 redirects")
}

// SignIn signs in as user (see Authorize) and returns the relying
// party's answer to the provider's redirect back, redirects followed.
func (s *Server) SignIn(c *http.Client, beginURL, user string) (*http.Response, error) {
	back, err := s.Authorize(c, beginURL, user)
	if err != nil {
		return nil, err
	}
	return c.Get(back.String())
}

// login is the provider's login page: GET shows a form for a user name,
// and GET with username, or the form's POST, signs that user in (or with
// cancel, refuses the request) and redirects back to the provider's
// callback.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "cannot read the form: "+err.Error(), http.StatusBadRequest)
		return
	}
	id := r.Form.Get("authRequestID")
	request, err := s.storage.AuthRequestByID(r.Context(), id)
	if err != nil {
		http.Error(w, "no such sign-in is under way (authRequestID)", http.StatusBadRequest)
		return
	}
	if r.Form.Get("cancel") != "" {
		op.AuthRequestError(w, r, request, zoidc.ErrAccessDenied().WithDescription("the person cancelled the sign-in"), s.op)
		return
	}
	name := r.Form.Get("username")
	if name == "" {
		s.loginForm(w, id, "", http.StatusOK)
		return
	}
	u, ok := s.storage.user(name)
	if !ok {
		s.loginForm(w, id, "There is no user called "+name+".", http.StatusUnauthorized)
		return
	}
	if err := s.storage.complete(id, u); err != nil {
		http.Error(w, "the sign-in cannot be completed: "+err.Error(), http.StatusBadRequest)
		return
	}
	http.Redirect(w, r, "/authorize/callback?id="+url.QueryEscape(id), http.StatusFound)
}

// loginForm shows the login page.
func (s *Server) loginForm(w http.ResponseWriter, id, problem string, status int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = loginPage.Execute(w, struct{ ID, Problem string }{id, problem})
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body>
<main>
<h1>Test identity provider</h1>
{{if .Problem}}<p role="alert" id="problem">{{.Problem}}</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="authRequestID" value="{{.ID}}">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username">
<button type="submit" id="sign-in">Sign in</button>
<button type="submit" id="cancel" name="cancel" value="1">Cancel</button>
</form>
</main>
</body>
</html>
`))
