package oidc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// sealer seals a sign-in's secrets into a cookie value that only this
// process can open or forge: AES-256-GCM under a key made at start, with
// the cookie's name as additional data, so a value cannot be moved to
// another cookie.
type sealer struct {
	aead cipher.AEAD
}

// maxSealedLength bounds a cookie value before it is decoded.
const maxSealedLength = 1024

// newSealer returns a sealer with a new random key.
func newSealer() (*sealer, error) {
	key := make([]byte, 32)
	rand.Read(key)
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("oidc: making the sign-in cookie's cipher: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("oidc: making the sign-in cookie's cipher: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal encodes v as JSON and seals it for the cookie name.
func (s *sealer) seal(name string, v any) (string, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("oidc: encoding the sign-in cookie: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nil, nil, plain, []byte(name))), nil
}

// errUnsealed is a cookie value this sealer did not seal for that name.
var errUnsealed = errors.New("oidc: the cookie was not sealed here")

// open reverses seal into v.
func (s *sealer) open(name, value string, v any) error {
	if len(value) > maxSealedLength {
		return errUnsealed
	}
	sealed, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil {
		return errUnsealed
	}
	plain, err := s.aead.Open(nil, nil, sealed, []byte(name))
	if err != nil {
		return errUnsealed
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return errUnsealed
	}
	return nil
}
