package people

import (
	"strings"
	"testing"
	"time"
)

func TestRolesMay(t *testing.T) {
	tests := []struct {
		role Role
		may  Permission
		want bool
	}{
		{Analyst, ChildIdentifiers, true},
		{Analyst, ExactFigures, true},
		{Manager, ExactFigures, true},
		{Manager, ChildIdentifiers, false},
		{Partner, PublishableFigures, true},
		{Partner, ExactFigures, false},
		{Partner, ChildIdentifiers, false},
		{Auditor, ReadAudit, true},
		{Auditor, ExactFigures, false},
		{Administrator, ManageUsers, true},
		{Administrator, ChildIdentifiers, false},
		{Role("root"), ExactFigures, false},
	}
	for _, tt := range tests {
		if got := tt.role.May(tt.may); got != tt.want {
			t.Errorf("%s may %s = %v, want %v", tt.role, tt.may, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		if got, err := ParseRole(" " + strings.ToUpper(string(r))); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	if _, err := ParseRole("superuser"); err == nil || !strings.Contains(err.Error(), "administrator, analyst") {
		t.Errorf("ParseRole(superuser) = %v, want an error listing the roles", err)
	}
}

func TestUserCheck(t *testing.T) {
	tests := []struct {
		name    string
		u       User
		wantErr string
	}{
		{"an analyst", User{Name: "r.analyst", Role: Analyst, PasswordHash: "x"}, ""},
		{"a partner", User{Name: "p1", Role: Partner, Agency: "police", Subject: "s"}, ""},
		{"a partner without an agency", User{Name: "p1", Role: Partner, PasswordHash: "x"}, "needs an agency"},
		{"a manager with an agency", User{Name: "m", Role: Manager, Agency: "police", PasswordHash: "x"}, "only a partner"},
		{"no role", User{Name: "m", PasswordHash: "x"}, "no role"},
		{"a space in the name", User{Name: "r analyst", Role: Analyst, PasswordHash: "x"}, "is not a letter"},
		{"no name", User{Role: Analyst, PasswordHash: "x"}, "1 to 100"},
		{"no way to sign in", User{Name: "m", Role: Manager}, "neither a password"},
		{"an email address", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "m.lead@council.example"}, ""},
		{"a display name with the address", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "M Lead <m@council.example>"}, "the address alone"},
		{"two addresses", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "a@council.example, b@council.example"}, "one address"},
		{"a line break", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "a@council.example\r\nBcc: b@x.example"}, "one address"},
		{"a comment", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "a@council.example (boss)"}, "the address alone"},
		{"spaces around", User{Name: "m", Role: Manager, PasswordHash: "x", Email: " a@council.example"}, "the address alone"},
		{"no domain", User{Name: "m", Role: Manager, PasswordHash: "x", Email: "lead"}, "one address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.u.Check()
			if (tt.wantErr == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Check() = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	hash, err := HashPassword("a long enough passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with OWASP's parameters", hash)
	}
	again, _ := HashPassword("a long enough passphrase")
	if again == hash {
		t.Error("two hashes of one password are the same: no salt")
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{{"a long enough passphrase", true}, {"a long enough passphrasE", false}, {"", false}} {
		if ok, err := CheckPassword(hash, tt.password); ok != tt.want || err != nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$AAAA$BBBB", "$argon2id$v=19$m=19456,t=2,p=1$!!$!!",
		"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5"} {
		if ok, err := CheckPassword(bad, "x"); ok || err == nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
}

func FuzzCheckPassword(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "x")
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$$", "")
	f.Fuzz(func(t *testing.T, encoded, password string) {
		if _, _, _, err := parseHash(encoded); err != nil {
			return
		}
		CheckPassword(encoded, password) // must not panic
	})
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct{ name, password, wantErr string }{
		{"r.analyst", "plum tree harbour", ""},
		{"r.analyst", "short", "at least 12"},
		{"r.analyst", "my r.analyst pass", "user's name"},
		{"r.analyst", "Password1234", "commonest"},
		{"r.analyst", strings.Repeat("x", 300), "longer than"},
	}
	for _, tt := range tests {
		err := CheckPasswordPolicy(tt.name, tt.password)
		if (tt.wantErr == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want %q", tt.password, err, tt.wantErr)
		}
	}
}

func TestLockout(t *testing.T) {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	minutes := func(ms ...int) []time.Time {
		var out []time.Time
		for _, m := range ms {
			out = append(out, at.Add(time.Duration(m)*time.Minute))
		}
		return out
	}
	tests := []struct {
		name      string
		failures  []time.Time
		now       time.Time
		locked    bool
		wantUntil time.Time
	}{
		{"four failures", minutes(0, 1, 2, 3), at.Add(4 * time.Minute), false, time.Time{}},
		{"five in a minute", minutes(0, 0, 1, 1, 1), at.Add(2 * time.Minute), true, at.Add(16 * time.Minute)},
		{"five, the lock over", minutes(0, 0, 1, 1, 1), at.Add(16 * time.Minute), false, at.Add(16 * time.Minute)},
		{"five spread over 20 minutes", minutes(0, 5, 10, 15, 20), at.Add(21 * time.Minute), false, time.Time{}},
		{"five in 15 minutes exactly", minutes(20, 5, 10, 15, 20), at.Add(21 * time.Minute), true, at.Add(35 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			until, locked := DefaultLockout.LockedUntil(tt.failures, tt.now)
			if locked != tt.locked || !until.Equal(tt.wantUntil) {
				t.Errorf("LockedUntil = %v, %v; want %v, %v", until, locked, tt.wantUntil, tt.locked)
			}
		})
	}
}

func TestSessionLive(t *testing.T) {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	s, secret, err := NewSession("r.analyst", at, DefaultExpiry)
	if err != nil {
		t.Fatal(err)
	}
	if s.Hash != HashSecret(secret) || len(secret) < 43 || strings.Contains(s.Hash, secret) {
		t.Errorf("session %+v with secret %q: the hash is not the secret's SHA-256", s, secret)
	}
	tests := []struct {
		name     string
		lastSeen time.Duration
		now      time.Duration
		want     bool
	}{
		{"just made", 0, time.Minute, true},
		{"idle 29 minutes", 0, 29 * time.Minute, true},
		{"idle 30 minutes", 0, 30 * time.Minute, false},
		{"busy for 11 hours 59", 11*time.Hour + 50*time.Minute, 11*time.Hour + 59*time.Minute, true},
		{"busy for 12 hours", 11*time.Hour + 59*time.Minute, 12 * time.Hour, false},
	}
	for _, tt := range tests {
		s := s
		s.LastSeen = at.Add(tt.lastSeen)
		if got := s.Live(at.Add(tt.now), DefaultExpiry); got != tt.want {
			t.Errorf("%s: Live = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestToken(t *testing.T) {
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	tok, secret, err := NewToken("r.analyst", "power bi", at, 90*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, TokenPrefix) || tok.Hash != HashSecret(secret) {
		t.Errorf("token %q, kept as %+v", secret, tok)
	}
	if !tok.Usable(at.Add(89*24*time.Hour)) || tok.Usable(at.Add(90*24*time.Hour)) {
		t.Error("a 90-day token is not usable for exactly 90 days")
	}
	tok.Revoked = true
	if tok.Usable(at) {
		t.Error("a revoked token is usable")
	}
	if _, _, err := NewToken("r.analyst", "x", at, 0); err == nil {
		t.Error("a token with no life was made")
	}
}

func TestParseLife(t *testing.T) {
	tests := []struct {
		text string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * 24 * time.Hour, true}, {"12h", 12 * time.Hour, true}, {"0d", 0, false},
		{"-3d", 0, false}, {"ninety", 0, false}, {"9x0d", 0, false}, {"-1h", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseLife(tt.text)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseLife(%q) = %v, %v; want %v", tt.text, got, err, tt.want)
		}
	}
}

// BenchmarkHashPassword measures what a sign-in spends on argon2id.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("plum tree harbour lights"); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCheckEmail: any text is an address or refused, never a panic; an
// address passed holds no line break, comma or angle bracket.
func FuzzCheckEmail(f *testing.F) {
	for _, seed := range []string{"a@b.example", "A <a@b.example>", "a@b.example, c@d.example", "\"x y\"@b.example", "a@[127.0.0.1]"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, address string) {
		if CheckEmail(address) != nil {
			return
		}
		if strings.ContainsAny(address, "\r\n<>,") {
			t.Errorf("CheckEmail(%q) passed an address with a line break, comma or bracket", address)
		}
	})
}
