package people

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2 are the parameters of argon2id: memory in KiB, passes (time)
// and lanes (threads).
type Argon2 struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultArgon2 is OWASP's recommended minimum for argon2id, raised a
// little: 19 MiB of memory and 2 passes, one lane.
var DefaultArgon2 = Argon2{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLength = 16
	keyLength  = 32
	phcPrefix  = "$argon2id$v=19$"
)

// HashPassword returns password hashed with argon2id under a new random
// salt, as a PHC string: $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH.
func HashPassword(password string) (string, error) {
	return DefaultArgon2.Hash(password)
}

// Hash returns password hashed with these parameters under a new random
// salt, as a PHC string.
func (a Argon2) Hash(password string) (string, error) {
	salt := make([]byte, saltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("making a salt for a password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, a.Time, a.Memory, a.Threads, keyLength)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%sm=%d,t=%d,p=%d$%s$%s", phcPrefix, a.Memory, a.Time, a.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// ErrNotAHash is the error of a stored password hash that cannot be read.
var ErrNotAHash = errors.New("the stored password hash is not an argon2id PHC string")

// CheckPassword reports whether password is the one hashed as encoded,
// comparing in constant time. A hash that cannot be read matches nothing.
func CheckPassword(encoded, password string) (bool, error) {
	a, salt, want, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, a.Time, a.Memory, a.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// parseHash reads a PHC string written by Hash.
func parseHash(encoded string) (Argon2, []byte, []byte, error) {
	rest, ok := strings.CutPrefix(encoded, phcPrefix)
	if !ok {
		return Argon2{}, nil, nil, ErrNotAHash
	}
	parts := strings.Split(rest, "$")
	if len(parts) != 3 {
		return Argon2{}, nil, nil, ErrNotAHash
	}
	var a Argon2
	if _, err := fmt.Sscanf(parts[0], "m=%d,t=%d,p=%d", &a.Memory, &a.Time, &a.Threads); err != nil {
		return Argon2{}, nil, nil, fmt.Errorf("%w: %v", ErrNotAHash, err)
	}
	if a.Memory < 8*uint32(a.Threads) || a.Time == 0 || a.Threads == 0 || a.Memory > 4<<20 || a.Time > 100 {
		return Argon2{}, nil, nil, fmt.Errorf("%w: parameters m=%d,t=%d,p=%d out of range", ErrNotAHash, a.Memory, a.Time, a.Threads)
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[1])
	key, err2 := enc.DecodeString(parts[2])
	if err := errors.Join(err1, err2); err != nil || len(salt) < 8 || len(key) < 16 {
		return Argon2{}, nil, nil, ErrNotAHash
	}
	return a, salt, key, nil
}

// MinPasswordLength is the shortest password the policy allows.
const MinPasswordLength = 12

// maxPasswordLength bounds a password, so that hashing one is bounded.
const maxPasswordLength = 256

// commonPasswords are passwords long enough to pass the length rule that
// are among the first tried by anyone guessing, compared in lower case.
var commonPasswords = map[string]bool{
	"password1234": true, "password12345": true, "password123!": true, "123456789012": true,
	"qwertyuiop12": true, "qwertyuiop123": true, "iloveyou1234": true, "letmein12345": true,
	"welcome12345": true, "administrator": true, "passw0rd1234": true, "changeme1234": true,
	"1234567890ab": true, "abcdefghijkl": true, "aaaaaaaaaaaa": true, "qwerty123456": true,
	"village12345": true, "village123456": true, "children1234": true, "football1234": true,
	"monkey123456": true, "sunshine1234": true, "princess1234": true, "trustno11234": true,
	"correcthorsebatterystaple": true, "password12345678": true, "111111111111": true,
}

// CheckPasswordPolicy says why password may not be used by the user
// name, if it may not: it is at least 12 characters, not the name (nor
// holds it), and not one of the commonest passwords.
func CheckPasswordPolicy(name, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fmt.Errorf("the password is %d characters; it must be at least %d", n, MinPasswordLength)
	case len(password) > maxPasswordLength:
		return fmt.Errorf("the password is longer than %d bytes", maxPasswordLength)
	case name != "" && strings.Contains(strings.ToLower(password), strings.ToLower(name)):
		return errors.New("the password must not contain the user's name")
	case commonPasswords[strings.ToLower(password)]:
		return errors.New("the password is one of the commonest passwords; choose another")
	}
	return nil
}
