// Package pseudonym replaces a child's identifiers with keyed pseudonyms,
// so that the partners of a local area (the council's early help and
// social care, schools, holiday programme providers) can link what they
// know of a child without handing each other the child's identity.
//
// A pseudonym is HMAC-SHA-256, under a key the council holds, of the
// identifier's kind and its normalised value: two partners who write the
// same UPN differently (in lower case, with spaces) get the same
// pseudonym under the same key, and another key gives another. The kind
// is part of what is hashed, so an LA child ID and a UPN that happen to be
// the same text never share a pseudonym. An identifier that is not of its
// kind's form (a UPN whose check letter is wrong, an NHS number whose
// check digit is wrong) has no pseudonym: hashing a mistyped identifier
// would make a pseudonym that links to no one, or to the wrong child.
package pseudonym

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/village-uk/village/returns/ident"
)

// KeySize is the least number of random bytes a key holds.
const KeySize = 32

// Length is the number of characters of every pseudonym.
const Length = ident.PseudonymLength

// IsPseudonym reports whether s has the form of a pseudonym.
func IsPseudonym(s string) bool { return ident.IsPseudonym(s) }

// Key is the council's secret key. Its bytes are never printed.
type Key struct {
	secret []byte
}

// String hides the key, so that printing one by mistake shows nothing of it.
func (Key) String() string { return "pseudonym.Key(hidden)" }

// NewKey makes a key of KeySize random bytes.
func NewKey() (Key, error) {
	b := make([]byte, KeySize)
	if _, err := rand.Read(b); err != nil {
		return Key{}, fmt.Errorf("pseudonym: making a key: %w", err)
	}
	return Key{secret: b}, nil
}

// WriteKeyFile makes a new key and writes it to path as hexadecimal text,
// readable and writable by its owner only. It refuses to overwrite a file
// that exists: replacing a key breaks every link made with the old one.
func WriteKeyFile(path string) error {
	k, err := NewKey()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("pseudonym: writing the key file: %w", err)
	}
	_, err = fmt.Fprintln(f, hex.EncodeToString(k.secret))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("pseudonym: writing the key file %s: %w", path, err)
	}
	return nil
}

// ReadKeyFile reads a key written by WriteKeyFile: hexadecimal text of at
// least KeySize bytes. The error never quotes the file's content.
func ReadKeyFile(path string) (Key, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Key{}, fmt.Errorf("pseudonym: reading the key file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return Key{}, fmt.Errorf("pseudonym: the key file %s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Key{}, fmt.Errorf("pseudonym: reading the key file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return Key{}, fmt.Errorf("pseudonym: reading the key file %s: %w", path, err)
	}
	k, err := ParseKey(string(data))
	if err != nil {
		return Key{}, fmt.Errorf("pseudonym: the key file %s: %w", path, err)
	}
	return k, nil
}

// ParseKey reads a key from its hexadecimal text, surrounding space
// ignored.
func ParseKey(text string) (Key, error) {
	b, err := hex.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return Key{}, errors.New("does not hold a key: expected hexadecimal text, as village pseudonymise --new-key writes")
	}
	if len(b) < KeySize {
		return Key{}, fmt.Errorf("holds a key of %d bytes; expected at least %d random bytes (%d hexadecimal digits)", len(b), KeySize, 2*KeySize)
	}
	return Key{secret: b}, nil
}

// encoding writes pseudonyms in capitals and the digits 2 to 7, without
// padding: 20 bytes are exactly 32 characters.
var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Of returns the pseudonym of an identifier of kind k, normalising it
// first. An identifier that is not of its kind's form has none: the error
// says what was expected and never quotes the identifier.
func (key Key) Of(k Kind, id string) (string, error) {
	n, err := k.Normalise(id)
	if err != nil {
		return "", err
	}
	return key.normalised(k, n), nil
}

// normalised is the pseudonym of n, already normalised for kind k.
func (key Key) normalised(k Kind, n string) string {
	if len(key.secret) < KeySize {
		// A zero Key is a programming error; a pseudonym under it would
		// be guessable by anyone.
		panic("pseudonym: a Key used before it was made or read")
	}
	mac := hmac.New(sha256.New, key.secret)
	// The kind's name and a zero byte come first, so that no value of
	// one kind hashes as a value of another.
	mac.Write([]byte(k.String()))
	mac.Write([]byte{0})
	mac.Write([]byte(n))
	return encoding.EncodeToString(mac.Sum(nil)[:20])
}
