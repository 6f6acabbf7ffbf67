package oidctest

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// The provider holds to the protocol, so that tests against it mean
// something: PKCE is required and checked, a code counts once, the
// client's secret is checked, and the login page knows its users.

// flow is an authorisation through the provider by hand: the redirect
// back, from an authorisation request with the given parameters.
func flow(t *testing.T, s *Server, user string, params ...oauth2.AuthCodeOption) *url.URL {
	t.Helper()
	const redirect = "http://127.0.0.1:1/callback"
	s.Register(redirect)
	config := s.oauth(redirect)
	jar, _ := cookiejar.New(nil)
	back, err := s.Authorize(&http.Client{Jar: jar, Timeout: 30 * time.Second}, config.AuthCodeURL("st", params...), user)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// oauth is an OAuth 2 client of s.
func (s *Server) oauth(redirect string) oauth2.Config {
	return oauth2.Config{
		ClientID: ClientID, ClientSecret: s.ClientSecret, RedirectURL: redirect, Scopes: []string{"openid"},
		Endpoint: oauth2.Endpoint{AuthURL: s.Issuer + "/authorize", TokenURL: s.Issuer + tokenPath, AuthStyle: oauth2.AuthStyleInHeader},
	}
}

func TestPKCERequired(t *testing.T) {
	s := New(t, User{Name: "ann"})
	for name, params := range map[string][]oauth2.AuthCodeOption{
		"no challenge":    nil,
		"plain challenge": {oauth2.SetAuthURLParam("code_challenge", strings.Repeat("a", 43)), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
	} {
		back := flow(t, s, "ann", params...)
		if got := back.Query().Get("error"); got != "invalid_request" || back.Query().Get("code") != "" {
			t.Errorf("%s: the provider replied %s; want error=invalid_request and no code", name, back.Redacted())
		}
	}
}

func TestCodeExchange(t *testing.T) {
	s := New(t, User{Name: "ann", Groups: []string{"g"}})
	verifier := oauth2.GenerateVerifier()
	config := s.oauth("http://127.0.0.1:1/callback")
	ctx := context.Background()

	wrongSecret := config
	wrongSecret.ClientSecret = "wrong"
	back := flow(t, s, "ann", oauth2.S256ChallengeOption(verifier))
	if _, err := wrongSecret.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier)); err == nil {
		t.Error("the code was exchanged with the wrong client secret")
	}
	back = flow(t, s, "ann", oauth2.S256ChallengeOption(verifier))
	if _, err := config.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil || !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("exchanging with the wrong PKCE verifier: %v, want invalid_grant", err)
	}
	back = flow(t, s, "ann", oauth2.S256ChallengeOption(verifier))
	code := back.Query().Get("code")
	token, err := config.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchanging the code: %v", err)
	}
	if raw, _ := token.Extra("id_token").(string); strings.Count(raw, ".") != 2 {
		t.Errorf("the token response holds no ID token")
	}
	if _, err := config.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err == nil || !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("exchanging a code a second time: %v, want invalid_grant", err)
	}
}

func TestLoginPage(t *testing.T) {
	s := New(t, User{Name: "ann"})
	const redirect = "http://127.0.0.1:1/callback"
	s.Register(redirect)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	config := s.oauth(redirect)
	start := config.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	if _, err := s.Authorize(c, start, "nobody"); err == nil || !strings.Contains(err.Error(), "401 Unauthorized") {
		t.Errorf("signing in as an unknown user: %v, want the login page's 401", err)
	}
	resp, err := c.Get(start) // the form, redirects followed
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != loginPath {
		t.Errorf("the login page answered %s at %s", resp.Status, resp.Request.URL.Path)
	}
	resp, err = c.Get(s.Issuer + loginPath + "?authRequestID=unknown")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("the login page for an unknown request answered %s, want 400", resp.Status)
	}
}
