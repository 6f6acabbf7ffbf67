package oidctest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	zoidc "github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Lifetimes of what the provider issues.
const (
	authRequestLifetime = 10 * time.Minute
	codeLifetime        = time.Minute
	accessTokenLifetime = 5 * time.Minute
	idTokenLifetime     = time.Hour
)

// storage is the provider's state, in memory: op.Storage, kept to what
// the authorisation code flow needs (no refresh tokens, no JWT profile,
// no device flow, no token exchange).
type storage struct {
	mu       sync.Mutex
	client   *client
	users    map[string]User // by login name
	requests map[string]*authRequest
	codes    map[string]issuedCode  // code -> its request
	tokens   map[string]accessToken // token ID -> token
	keys     keyPair
	faults   Faults
}

// issuedCode is an authorisation code waiting to be exchanged.
type issuedCode struct {
	request string
	expires time.Time
}

// accessToken is an issued access token.
type accessToken struct {
	subject, clientID string
	scopes            []string
	expires           time.Time
}

// errNotFound is what the storage has no record of.
var errNotFound = errors.New("oidctest: not found")

func newStorage(c *client, users []User) *storage {
	s := &storage{
		client:   c,
		users:    map[string]User{},
		requests: map[string]*authRequest{},
		codes:    map[string]issuedCode{},
		tokens:   map[string]accessToken{},
		keys:     sharedKeys(),
	}
	for _, u := range users {
		s.users[u.Name] = u
	}
	return s
}

// CreateAuthRequest keeps an authorisation request until the person signs
// in. Like an issuer configured to require PKCE, it refuses a request
// without an S256 code challenge.
func (s *storage) CreateAuthRequest(_ context.Context, r *zoidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if r.CodeChallenge == "" || r.CodeChallengeMethod != zoidc.CodeChallengeMethodS256 {
		return nil, zoidc.ErrInvalidRequest().WithDescription("PKCE with code_challenge_method S256 is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &authRequest{
		id:           rand.Text(),
		created:      time.Now(),
		clientID:     r.ClientID,
		redirectURI:  r.RedirectURI,
		state:        r.State,
		nonce:        r.Nonce,
		scopes:       slices.Clone(r.Scopes),
		responseType: r.ResponseType,
		responseMode: r.ResponseMode,
		challenge:    &zoidc.CodeChallenge{Challenge: r.CodeChallenge, Method: r.CodeChallengeMethod},
	}
	if s.faults.Nonce != "" {
		a.nonce = s.faults.Nonce
	}
	s.requests[a.id] = a
	return a, nil
}

// AuthRequestByID returns a request not yet expired.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.request(id)
}

// request is AuthRequestByID with the lock held.
func (s *storage) request(id string) (*authRequest, error) {
	a, ok := s.requests[id]
	if !ok || time.Since(a.created) > authRequestLifetime {
		return nil, fmt.Errorf("authorisation request %q: %w", id, errNotFound)
	}
	return a, nil
}

// AuthRequestByCode returns the request a code was issued for, once: a
// code that was exchanged, or has expired, is unknown.
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.codes[code]
	if !ok || time.Now().After(c.expires) {
		return nil, fmt.Errorf("authorisation code: %w", errNotFound)
	}
	return s.request(c.request)
}

// SaveAuthCode records the code issued for a request.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = issuedCode{request: id, expires: time.Now().Add(codeLifetime)}
	return nil
}

// DeleteAuthRequest forgets a request and its codes; the provider calls it
// once the code is exchanged, so a code is good for one exchange.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for code, c := range s.codes {
		if c.request == id {
			delete(s.codes, code)
		}
	}
	return nil
}

// complete marks a request as signed in by user.
func (s *storage) complete(id string, u User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.request(id)
	if err != nil {
		return err
	}
	a.subject, a.authTime, a.done = u.subject(), time.Now(), true
	return nil
}

// user returns the user signing in as login name.
func (s *storage) user(name string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[name]
	return u, ok
}

// userBySubject returns the user whose subject is sub.
func (s *storage) userBySubject(sub string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if u.subject() == sub {
			return u, true
		}
	}
	return User{}, false
}

// CreateAccessToken issues an opaque access token's ID.
func (s *storage) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := rand.Text()
	expires := time.Now().Add(accessTokenLifetime)
	clientID := s.client.id
	if a, ok := r.(*authRequest); ok {
		clientID = a.clientID
	}
	s.tokens[id] = accessToken{subject: r.GetSubject(), clientID: clientID, scopes: slices.Clone(r.GetScopes()), expires: expires}
	return id, expires, nil
}

// errNoRefresh answers the refresh-token methods: the client is not
// allowed the refresh_token grant.
var errNoRefresh = zoidc.ErrUnsupportedGrantType().WithDescription("this provider issues no refresh tokens")

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errNoRefresh
}

func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, errNoRefresh
}

func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

// TerminateSession forgets the user's access tokens for the client.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, t := range s.tokens {
		if t.subject == userID && t.clientID == clientID {
			delete(s.tokens, id)
		}
	}
	return nil
}

// RevokeToken forgets an access token.
func (s *storage) RevokeToken(_ context.Context, tokenID, _, clientID string) *zoidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[tokenID]; ok && t.clientID == clientID {
		delete(s.tokens, tokenID)
	}
	return nil
}

// SigningKey is the key ID tokens are signed with: the published one, or
// with Faults.UnpublishedKey one that the key set does not list.
func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.UnpublishedKey {
		return s.keys.unpublished, nil
	}
	return s.keys.published, nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

// KeySet is the published keys (/keys).
func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.keys.published}}, nil
}

// GetClientByClientID returns the one client.
func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != s.client.id {
		return nil, fmt.Errorf("client %q: %w", id, errNotFound)
	}
	c := *s.client
	c.redirectURIs = slices.Clone(s.client.redirectURIs)
	if s.faults.IDTokenLifetime != 0 {
		c.idTokenLifetime = s.faults.IDTokenLifetime
	}
	return &c, nil
}

// AuthorizeClientIDSecret checks the client's credentials.
func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != s.client.id || subtle.ConstantTimeCompare([]byte(secret), []byte(s.client.secret)) != 1 {
		return errors.New("oidctest: wrong client ID or secret")
	}
	return nil
}

// SetUserinfoFromScopes is deprecated by the op package in favour of
// SetUserinfoFromRequest.
func (s *storage) SetUserinfoFromScopes(context.Context, *zoidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest fills the ID token's claims about the user.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *zoidc.UserInfo, r op.IDTokenRequest, scopes []string) error {
	return s.fill(info, r.GetSubject(), scopes)
}

// SetUserinfoFromToken answers /userinfo for an access token.
func (s *storage) SetUserinfoFromToken(_ context.Context, info *zoidc.UserInfo, tokenID, subject, _ string) error {
	s.mu.Lock()
	t, ok := s.tokens[tokenID]
	s.mu.Unlock()
	if !ok || t.subject != subject || time.Now().After(t.expires) {
		return fmt.Errorf("access token: %w", errNotFound)
	}
	return s.fill(info, subject, t.scopes)
}

// SetIntrospectionFromToken answers /oauth/introspect.
func (s *storage) SetIntrospectionFromToken(_ context.Context, r *zoidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	s.mu.Lock()
	t, ok := s.tokens[tokenID]
	s.mu.Unlock()
	if !ok || t.subject != subject || t.clientID != clientID || time.Now().After(t.expires) {
		return fmt.Errorf("access token: %w", errNotFound)
	}
	info := new(zoidc.UserInfo)
	if err := s.fill(info, subject, t.scopes); err != nil {
		return err
	}
	r.SetUserInfo(info)
	r.Active, r.ClientID, r.Scope = true, t.clientID, t.scopes
	return nil
}

// fill sets the claims scopes allow about the user subject: the subject,
// name and e-mail address as the scopes ask, and always the groups and
// the user's other claims.
func (s *storage) fill(info *zoidc.UserInfo, subject string, scopes []string) error {
	u, ok := s.userBySubject(subject)
	if !ok {
		return fmt.Errorf("user: %w", errNotFound)
	}
	info.Subject = subject
	if slices.Contains(scopes, zoidc.ScopeProfile) {
		info.Name, info.PreferredUsername = u.FullName, u.Name
	}
	if slices.Contains(scopes, zoidc.ScopeEmail) && u.Email != "" {
		// Verified, unless Claims says otherwise (its email_verified is
		// sent only when this is left unset).
		_, said := u.Claims["email_verified"]
		info.Email, info.EmailVerified = u.Email, zoidc.Bool(!said)
	}
	if len(u.Groups) > 0 {
		info.AppendClaims("groups", slices.Clone(u.Groups))
	}
	for k, v := range u.Claims {
		info.AppendClaims(k, v)
	}
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

// GetKeyByIDAndClientID serves the JWT profile grant, which this provider
// does not offer.
func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("oidctest: the JWT profile grant is not offered")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("oidctest: the JWT profile grant is not offered")
}

func (s *storage) Health(context.Context) error { return nil }

// authRequest is an authorisation request (op.AuthRequest).
type authRequest struct {
	id, clientID, redirectURI, state, nonce string
	created, authTime                       time.Time
	scopes                                  []string
	responseType                            zoidc.ResponseType
	responseMode                            zoidc.ResponseMode
	challenge                               *zoidc.CodeChallenge
	subject                                 string
	done                                    bool
}

func (a *authRequest) GetID() string                          { return a.id }
func (a *authRequest) GetACR() string                         { return "" }
func (a *authRequest) GetAMR() []string                       { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string                  { return []string{a.clientID} }
func (a *authRequest) GetAuthTime() time.Time                 { return a.authTime }
func (a *authRequest) GetClientID() string                    { return a.clientID }
func (a *authRequest) GetCodeChallenge() *zoidc.CodeChallenge { return a.challenge }
func (a *authRequest) GetNonce() string                       { return a.nonce }
func (a *authRequest) GetRedirectURI() string                 { return a.redirectURI }
func (a *authRequest) GetResponseType() zoidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() zoidc.ResponseMode    { return a.responseMode }
func (a *authRequest) GetScopes() []string                    { return a.scopes }
func (a *authRequest) GetState() string                       { return a.state }
func (a *authRequest) GetSubject() string                     { return a.subject }
func (a *authRequest) Done() bool                             { return a.done }

// client is the one registered client (op.Client): a confidential web
// application using the authorisation code flow and a client secret.
type client struct {
	id, secret      string
	redirectURIs    []string
	idTokenLifetime time.Duration
}

func (c *client) GetID() string                       { return c.id }
func (c *client) RedirectURIs() []string              { return c.redirectURIs }
func (c *client) PostLogoutRedirectURIs() []string    { return nil }
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() zoidc.AuthMethod        { return zoidc.AuthMethodBasic }
func (c *client) ResponseTypes() []zoidc.ResponseType {
	return []zoidc.ResponseType{zoidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []zoidc.GrantType        { return []zoidc.GrantType{zoidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string            { return loginPath + "?authRequestID=" + id }
func (c *client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c *client) IDTokenLifetime() time.Duration       { return c.idTokenLifetime }
func (c *client) DevMode() bool                        { return false }
func (c *client) IsScopeAllowed(string) bool           { return false }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// keyPair is the provider's signing key, and one it never publishes.
type keyPair struct {
	published, unpublished signingKey
}

// sharedKeys makes the RSA keys once for the test binary: making them
// takes a noticeable time on a busy machine, and every provider of a test
// may sign with the same.
var sharedKeys = sync.OnceValue(func() keyPair {
	return keyPair{published: newSigningKey("published"), unpublished: newSigningKey("unpublished")}
})

// newSigningKey makes a 2048-bit RSA key.
func newSigningKey(id string) signingKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(fmt.Sprintf("oidctest: making an RSA key: %v", err)) // only if the system has no randomness
	}
	return signingKey{id: id, key: k}
}

// signingKey is an RS256 private key (op.SigningKey).
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func (k signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signingKey) Key() any                                    { return k.key }
func (k signingKey) ID() string                                  { return k.id }

// publicKey is a signing key's public half, as published (op.Key).
type publicKey struct{ signingKey }

func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.key.PublicKey }
