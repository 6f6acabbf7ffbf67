package oidctest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	jose "github.com/go-jose/go-jose/v4"
)

// tokenPath is the provider's token endpoint.
const tokenPath = "/oauth/token"

// readdress passes requests to next, except that with Faults.Audience set,
// the ID token of a token response is addressed to that audience and
// signed anew with the published key: a well-signed token meant for
// another application. (The op package always adds the client's ID to an
// ID token's audience, so the storage alone cannot do this.)
func (s *Server) readdress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.storage.mu.Lock()
		audience := slices.Clone(s.storage.faults.Audience)
		s.storage.mu.Unlock()
		if r.URL.Path != tokenPath || len(audience) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		answer := httptest.NewRecorder()
		next.ServeHTTP(answer, r)
		body := answer.Body.Bytes()
		if answer.Code == http.StatusOK {
			var err error
			if body, err = s.setAudience(body, audience); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		for k, v := range answer.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(answer.Code)
		w.Write(body)
	})
}

// setAudience rewrites the ID token in a token response.
func (s *Server) setAudience(response []byte, audience []string) ([]byte, error) {
	var tokens map[string]any
	if err := json.Unmarshal(response, &tokens); err != nil {
		return nil, fmt.Errorf("oidctest: reading the token response: %w", err)
	}
	raw, _ := tokens["id_token"].(string)
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("oidctest: the token response's ID token has %d parts, not 3", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("oidctest: decoding the ID token: %w", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, fmt.Errorf("oidctest: reading the ID token's claims: %w", err)
	}
	claims["aud"], claims["azp"] = audience, audience[0]
	if payload, err = json.Marshal(claims); err != nil {
		return nil, err
	}
	key := s.storage.keys.published
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", key.id))
	if err != nil {
		return nil, fmt.Errorf("oidctest: signing the ID token: %w", err)
	}
	signed, err := signer.Sign(payload)
	if err != nil {
		return nil, fmt.Errorf("oidctest: signing the ID token: %w", err)
	}
	if tokens["id_token"], err = signed.CompactSerialize(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err = json.NewEncoder(&out).Encode(tokens)
	return out.Bytes(), err
}
