package people

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Lockout is how repeated failed sign-ins lock a name: Failures within
// Window lock it for Duration from the last of them.
type Lockout struct {
	Failures int
	Window   time.Duration
	Duration time.Duration
}

// DefaultLockout locks a name for 15 minutes after 5 failures in 15
// minutes.
var DefaultLockout = Lockout{Failures: 5, Window: 15 * time.Minute, Duration: 15 * time.Minute}

// Since is how far back failures matter at now: a lock may have begun up
// to Duration ago, after failures spread over Window before that.
func (l Lockout) Since(now time.Time) time.Time { return now.Add(-l.Window - l.Duration) }

// LockedUntil returns when a name whose failed sign-ins were at times is
// unlocked, and whether that is after now.
func (l Lockout) LockedUntil(times []time.Time, now time.Time) (time.Time, bool) {
	if l.Failures <= 0 || len(times) < l.Failures {
		return time.Time{}, false
	}
	sorted := slices.Clone(times)
	slices.SortFunc(sorted, func(a, b time.Time) int { return a.Compare(b) })
	var until time.Time
	for i := l.Failures - 1; i < len(sorted); i++ {
		if sorted[i].Sub(sorted[i-l.Failures+1]) <= l.Window {
			if end := sorted[i].Add(l.Duration); end.After(until) {
				until = end
			}
		}
	}
	return until, until.After(now)
}

// Expiry is how long a session lasts: Idle without a request, and
// Absolute from sign-in whatever is done.
type Expiry struct {
	Idle     time.Duration
	Absolute time.Duration
}

// DefaultExpiry ends a session after 30 minutes idle or 12 hours.
var DefaultExpiry = Expiry{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}

// Session is a signed-in person's session, as kept on the server. The
// browser holds the secret; the server keeps only its hash.
type Session struct {
	Hash     string // SHA-256 of the secret, in hex
	User     string
	Created  time.Time
	LastSeen time.Time
	Expires  time.Time // Created plus the absolute expiry
}

// NewSession returns a session for user made at now, and its secret,
// which goes to the browser and nowhere else.
func NewSession(user string, now time.Time, e Expiry) (Session, string, error) {
	secret, err := newSecret("")
	if err != nil {
		return Session{}, "", err
	}
	return Session{Hash: HashSecret(secret), User: user, Created: now, LastSeen: now, Expires: now.Add(e.Absolute)}, secret, nil
}

// Live reports whether the session is still good at now: not past its
// absolute expiry, nor idle longer than allowed.
func (s Session) Live(now time.Time, e Expiry) bool {
	return now.Before(s.Expires) && now.Sub(s.LastSeen) < e.Idle
}

// Token is a personal access token for the JSON API, as kept: its hash,
// never the token.
type Token struct {
	ID      int64 // assigned by the store
	Name    string
	User    string
	Hash    string // SHA-256 of the token, in hex
	Created time.Time
	Expires time.Time
	Revoked bool
}

// TokenPrefix starts every personal access token, so that one pasted
// where it should not be is recognised.
const TokenPrefix = "village_"

// NewToken returns a token named name for user made at now, lasting for
// life, and the token itself, which is shown once.
func NewToken(user, name string, now time.Time, life time.Duration) (Token, string, error) {
	if life <= 0 {
		return Token{}, "", fmt.Errorf("a token's life must be positive; %s given", life)
	}
	secret, err := newSecret(TokenPrefix)
	if err != nil {
		return Token{}, "", err
	}
	return Token{Name: name, User: user, Hash: HashSecret(secret), Created: now, Expires: now.Add(life)}, secret, nil
}

// Usable reports whether the token may be used at now.
func (t Token) Usable(now time.Time) bool { return !t.Revoked && now.Before(t.Expires) }

// HashSecret is how a session's secret or a token is kept: SHA-256 in
// hex. Both are 32 random bytes, so a fast hash is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// newSecret returns prefix and 32 random bytes in URL-safe base64.
func newSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("making a secret: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// ParseLife reads a token's life: a number of days as "90d", or a Go
// duration such as "12h".
func ParseLife(text string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(text, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err != nil || n <= 0 || n > 3660 || fmt.Sprint(n) != days {
			return 0, fmt.Errorf("expiry %q: expected a number of days from 1 to 3660, such as 90d", text)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(text)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("expiry %q: expected days such as 90d, or a duration such as 12h", text)
	}
	return d, nil
}
