// Package oidc signs people in to Village with OpenID Connect against any
// standard issuer (Microsoft Entra ID, Google Workspace, Keycloak): the
// authorisation code flow with PKCE (S256), state and nonce, as a
// confidential client. It says who a person is (an Identity) and which
// Village role the issuer's groups or roles give them (Config.Role); the
// web's sessions decide what happens next.
//
// A sign-in in progress is kept in the person's browser, in a short-lived
// cookie sealed (AES-GCM) with a key this process made when it started:
// nothing is stored on the server until the sign-in succeeds, and a
// sign-in begun before a restart is refused (the person signs in again).
package oidc

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Errors of a sign-in, for errors.Is: a page can say "try again" for the
// first four and "you have no access" for ErrNoAccess.
var (
	// ErrState is a reply to a sign-in that this browser did not begin
	// here, or began too long ago.
	ErrState = errors.New("oidc: the sign-in reply does not match a sign-in begun in this browser")
	// ErrRefused is the issuer saying no (the person cancelled, or the
	// issuer does not let them use Village).
	ErrRefused = errors.New("oidc: the issuer refused the sign-in")
	// ErrExchange is an authorisation code the issuer would not exchange
	// for tokens, or an issuer that could not be reached to exchange it.
	ErrExchange = errors.New("oidc: the authorisation code could not be exchanged")
	// ErrIDToken is an ID token that fails verification: its signature,
	// issuer, audience, expiry or nonce.
	ErrIDToken = errors.New("oidc: the ID token was refused")
	// ErrNoAccess is a person the issuer vouches for whom no mapping
	// gives a Village role (or, for a partner, an agency).
	ErrNoAccess = errors.New("oidc: no Village access")
)

const (
	// cookiePrefix starts the name of the cookie of a sign-in in
	// progress; the sign-in's state completes it, so that sign-ins begun
	// in two tabs do not overwrite each other.
	cookiePrefix = "village_oidc_"
	// signInLifetime bounds how long a person may take at the issuer.
	signInLifetime = 10 * time.Minute
	// httpTimeout bounds each request to the issuer (discovery, keys,
	// token exchange), so that an issuer that hangs cannot hold a page.
	httpTimeout = 15 * time.Second
	// maxStateLength bounds the state accepted from a reply; ours are 26.
	maxStateLength = 64
)

// Config is how Village reaches one issuer, and how the issuer's groups or
// roles map to Village's roles. ConfigFromEnv reads it from the
// environment.
type Config struct {
	Issuer, ClientID, ClientSecret, RedirectURL string
	Scopes                                      []string          // default openid, profile, email
	RoleClaim                                   string            // claim holding groups or roles, default "groups" (Entra: "roles")
	Roles                                       map[string]string // claim value -> Village role (administrator, analyst, manager, partner, auditor)
	Agencies                                    map[string]string // claim value -> partner agency, optional
	// AuthorityClaim names the claim holding the GSS codes of the
	// authorities whose children the person may see (a region's servers);
	// blank to keep those village users set-la gives.
	AuthorityClaim string
}

// Identity is a person the issuer vouched for in a verified ID token.
type Identity struct {
	Issuer, Subject, Name, Email string
	// EmailUnverified is true when the token says email_verified is
	// false: the address is the person's word, not the issuer's.
	EmailUnverified bool
	Claims          []string // the values of the role claim (Config.RoleClaim)
	// Authorities are the values of the authority claim, when
	// Config.AuthorityClaim names one (AuthorityClaimed).
	Authorities      []string
	AuthorityClaimed bool
}

// Provider is a relying party of one issuer, ready to sign people in.
type Provider struct {
	config     Config
	oauth      oauth2.Config
	verifier   *gooidc.IDTokenVerifier
	client     *http.Client
	seal       *sealer
	cookiePath string
	secure     bool
	now        func() time.Time
}

// New discovers the issuer (its /.well-known/openid-configuration) and
// returns a Provider for it. An issuer that cannot be reached, or whose
// discovery document names a different issuer, is an error naming it.
func New(ctx context.Context, c Config) (*Provider, error) {
	c = c.withDefaults()
	if err := c.validate(); err != nil {
		return nil, err
	}
	p := &Provider{config: c, client: &http.Client{Timeout: httpTimeout}, now: time.Now}
	discovered, err := gooidc.NewProvider(gooidc.ClientContext(ctx, p.client), c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: discovering the issuer %s (VILLAGE_OIDC_ISSUER) at %s: %s",
			c.Issuer, discoveryURL(c.Issuer), brief(err))
	}
	p.oauth = oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret,
		Endpoint:     discovered.Endpoint(),
		RedirectURL:  c.RedirectURL,
		Scopes:       c.Scopes,
	}
	p.verifier = discovered.Verifier(&gooidc.Config{ClientID: c.ClientID, Now: func() time.Time { return p.now() }})
	if p.seal, err = newSealer(); err != nil {
		return nil, err
	}
	redirect, _ := parseURL(c.RedirectURL) // checked by validate
	p.cookiePath = redirect.Path
	if p.cookiePath == "" {
		p.cookiePath = "/"
	}
	p.secure = redirect.Scheme == "https"
	return p, nil
}

// discoveryURL is where an issuer publishes its configuration.
func discoveryURL(issuer string) string {
	return strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
}

// attempt is a sign-in in progress, as sealed in its cookie.
type attempt struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"` // the PKCE code verifier
	Expires  int64  `json:"e"` // Unix seconds
}

// Begin starts a sign-in: it keeps a new state, nonce and PKCE verifier
// in a sealed, HttpOnly, SameSite=Lax cookie scoped to the redirect URL's
// path, and sends the browser to the issuer (302).
func (p *Provider) Begin(w http.ResponseWriter, r *http.Request) {
	a := attempt{
		State:    rand.Text(),
		Nonce:    rand.Text(),
		Verifier: oauth2.GenerateVerifier(),
		Expires:  p.now().Add(signInLifetime).Unix(),
	}
	name := cookiePrefix + a.State
	sealed, err := p.seal.seal(name, a)
	if err != nil {
		http.Error(w, "The sign-in could not start: "+err.Error(), http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, p.cookie(name, sealed, int(signInLifetime/time.Second)))
	w.Header().Set("Cache-Control", "no-store")
	target := p.oauth.AuthCodeURL(a.State, gooidc.Nonce(a.Nonce), oauth2.S256ChallengeOption(a.Verifier))
	http.Redirect(w, r, target, http.StatusFound)
}

// cookie is the cookie of a sign-in in progress; a negative maxAge
// clears it.
func (p *Provider) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     p.cookiePath,
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   p.secure,
		// Lax, not Strict: the issuer's redirect back is a top-level
		// navigation from another site, which must carry the cookie.
		SameSite: http.SameSiteLaxMode,
	}
}

// Finish completes a sign-in at the redirect URL: it checks the state
// against the cookie Begin set (and clears it, so a reply counts once),
// exchanges the code with the PKCE verifier, verifies the ID token
// (signature, issuer, audience, expiry, nonce) and returns who signed in.
// No error carries the client secret, the code or a token.
func (p *Provider) Finish(w http.ResponseWriter, r *http.Request) (Identity, error) {
	w.Header().Set("Cache-Control", "no-store")
	q := r.URL.Query()
	a, err := p.attempt(w, r, q.Get("state"))
	if err != nil {
		return Identity{}, err
	}
	if refusal := q.Get("error"); refusal != "" {
		return Identity{}, fmt.Errorf("%w: %s said %s%s", ErrRefused, p.config.Issuer, clip(refusal, 60), described(q.Get("error_description")))
	}
	code := q.Get("code")
	if code == "" {
		return Identity{}, fmt.Errorf("%w: the reply from %s carries no code", ErrExchange, p.config.Issuer)
	}
	ctx := gooidc.ClientContext(r.Context(), p.client)
	tokens, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(a.Verifier))
	if err != nil {
		return Identity{}, p.exchangeError(err)
	}
	raw, _ := tokens.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, fmt.Errorf("%w: %s answered the code with no ID token (is the scope openid granted?)", ErrIDToken, p.config.Issuer)
	}
	token, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return Identity{}, p.tokenError(err)
	}
	if subtle.ConstantTimeCompare([]byte(token.Nonce), []byte(a.Nonce)) != 1 {
		return Identity{}, fmt.Errorf("%w: its nonce does not match the sign-in begun in this browser", ErrIDToken)
	}
	if token.AccessTokenHash != "" {
		if err := token.VerifyAccessToken(tokens.AccessToken); err != nil {
			return Identity{}, fmt.Errorf("%w: its at_hash does not match the access token issued with it", ErrIDToken)
		}
	}
	return p.identity(token)
}

// attempt returns the sign-in in progress that a reply's state names, and
// clears its cookie.
func (p *Provider) attempt(w http.ResponseWriter, r *http.Request, state string) (attempt, error) {
	if state == "" {
		return attempt{}, fmt.Errorf("%w: the reply carries no state", ErrState)
	}
	if len(state) > maxStateLength || strings.ContainsFunc(state, notStateRune) {
		return attempt{}, fmt.Errorf("%w: the reply's state is not one this server makes", ErrState)
	}
	name := cookiePrefix + state
	c, err := r.Cookie(name)
	if err != nil {
		return attempt{}, fmt.Errorf("%w: no sign-in with the reply's state is in progress in this browser (it may have taken longer than %v, or been used already)", ErrState, signInLifetime)
	}
	http.SetCookie(w, p.cookie(name, "", -1))
	var a attempt
	if err := p.seal.open(name, c.Value, &a); err != nil {
		return attempt{}, fmt.Errorf("%w: the sign-in cookie was not sealed by this server (was it restarted during the sign-in?)", ErrState)
	}
	if p.now().Unix() > a.Expires {
		return attempt{}, fmt.Errorf("%w: the sign-in took longer than %v", ErrState, signInLifetime)
	}
	if subtle.ConstantTimeCompare([]byte(a.State), []byte(state)) != 1 {
		return attempt{}, fmt.Errorf("%w: the reply's state differs from the sign-in's", ErrState)
	}
	return a, nil
}

// notStateRune says whether r cannot appear in a state rand.Text made.
func notStateRune(r rune) bool {
	return !('A' <= r && r <= 'Z' || '2' <= r && r <= '7')
}

// exchangeError says why a code was not exchanged, with the issuer's
// error code and description but never the code or secret sent.
func (p *Provider) exchangeError(err error) error {
	var refused *oauth2.RetrieveError
	if errors.As(err, &refused) {
		status := 0
		if refused.Response != nil {
			status = refused.Response.StatusCode
		}
		return fmt.Errorf("%w: %s answered HTTP %d %s%s", ErrExchange, p.config.Issuer, status,
			clip(refused.ErrorCode, 60), described(refused.ErrorDescription))
	}
	return fmt.Errorf("%w: reaching %s: %s", ErrExchange, p.config.Issuer, brief(err))
}

// tokenError says why an ID token was refused.
func (p *Provider) tokenError(err error) error {
	var expired *gooidc.TokenExpiredError
	if errors.As(err, &expired) {
		return fmt.Errorf("%w: it expired at %s", ErrIDToken, expired.Expiry.UTC().Format(time.RFC3339))
	}
	return fmt.Errorf("%w: %s", ErrIDToken, strings.TrimPrefix(brief(err), "oidc: "))
}

// identity reads who signed in from a verified ID token.
func (p *Provider) identity(token *gooidc.IDToken) (Identity, error) {
	var claims map[string]any
	if err := token.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: its claims cannot be read: %v", ErrIDToken, err)
	}
	if token.Subject == "" {
		return Identity{}, fmt.Errorf("%w: it names no subject (sub)", ErrIDToken)
	}
	email := text(claims, "email")
	name := firstOf(text(claims, "name"), text(claims, "preferred_username"), email, token.Subject)
	id := Identity{
		Issuer:  token.Issuer,
		Subject: token.Subject,
		Name:    name,
		Email:   email,
		// Some issuers send the claim as a string.
		EmailUnverified: claims["email_verified"] == false || claims["email_verified"] == "false",
		Claims:          claimValues(claims, p.config.RoleClaim),
	}
	if p.config.AuthorityClaim != "" {
		id.Authorities, id.AuthorityClaimed = claimValues(claims, p.config.AuthorityClaim), true
	}
	return id, nil
}

// text is claim name when it is a string.
func text(claims map[string]any, name string) string {
	s, _ := claims[name].(string)
	return strings.TrimSpace(s)
}

// firstOf is the first of values that is not blank.
func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// claimValues are the strings of the claim name: a list or a single
// string. A name with dots that is not itself a claim is a path into
// nested claims, as Keycloak's "realm_access.roles".
func claimValues(claims map[string]any, name string) []string {
	v, ok := claims[name]
	if !ok {
		v = nested(claims, name)
	}
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// nested follows a dotted path into claims; nil where it leads nowhere.
func nested(claims map[string]any, path string) any {
	var v any = claims
	for part := range strings.SplitSeq(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[part]
	}
	return v
}

// brief is err's text cut to a length that fits a page or a log line (an
// issuer's error page can be long).
func brief(err error) string {
	return clip(err.Error(), 300)
}

// clip cuts s to at most n bytes, on a rune boundary, marking the cut.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// isRuneStart says whether b starts a UTF-8 sequence.
func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// described is an issuer's error description as ": description", or
// nothing.
func described(description string) string {
	if description = clip(description, 200); description != "" {
		return ": " + description
	}
	return ""
}
