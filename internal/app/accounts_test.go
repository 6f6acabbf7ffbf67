package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// clock is a time the tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} }
func admin() Actor                       { return Actor{Name: "it.admin", IdentifiedBy: ByFlag} }
func auditActions(t *testing.T, s *store.Store) []string {
	return auditOf(t, s, func(a store.Access) string { return a.Who + ": " + a.Action })
}

func auditOf(t *testing.T, s *store.Store, f func(store.Access) string) []string {
	t.Helper()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, f(a))
	}
	return out
}

const goodPassword = "plum tree harbour lights"

// newAccounts returns accounts on a new SQLite store with the analyst
// r.analyst, whose password is goodPassword.
func newAccounts(t *testing.T) (*Accounts, *store.Store, *clock) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := newClock()
	a := &Accounts{Directory: s.People(), Audit: s, Now: c.now}
	if err := a.AddUser(ctx, admin(), FromCommandLine, people.User{Name: "r.analyst", Role: people.Analyst}, goodPassword); err != nil {
		t.Fatal(err)
	}
	return a, s, c
}

// TestBruteForceLocksOut tries wrong passwords until the name is locked:
// then even the right password is refused, until the lock ends.
func TestBruteForceLocksOut(t *testing.T) {
	a, s, c := newAccounts(t)
	ctx := context.Background()
	for i := range 5 {
		if _, _, err := a.SignIn(ctx, "r.analyst", "guess number "+itoa(i), "192.0.2.9"); !errors.Is(err, ErrSignInFailed) {
			t.Fatalf("wrong password %d: %v, want ErrSignInFailed", i+1, err)
		}
		c.advance(time.Minute)
	}
	if _, _, err := a.SignIn(ctx, "r.analyst", goodPassword, "192.0.2.9"); !errors.Is(err, ErrLockedOut) {
		t.Fatalf("the right password while locked: %v, want ErrLockedOut", err)
	}
	c.advance(15 * time.Minute)
	if _, actor, err := a.SignIn(ctx, "r.analyst", goodPassword, "192.0.2.9"); err != nil || actor.Role != "analyst" {
		t.Fatalf("the right password once the lock is over: %+v, %v", actor, err)
	}
	got := strings.Join(auditActions(t, s), "\n")
	want := strings.Join([]string{"it.admin: add user r.analyst as analyst",
		"r.analyst: failed sign-in", "r.analyst: failed sign-in", "r.analyst: failed sign-in", "r.analyst: failed sign-in",
		"r.analyst: failed sign-in", "r.analyst: sign-in locked out", "r.analyst: sign-in locked out", "r.analyst: sign in"}, "\n")
	if got != want {
		t.Errorf("audit log:\n%s\nwant:\n%s", got, want)
	}
	for _, entry := range auditOf(t, s, func(a store.Access) string { return a.Action + a.Reason + a.Subject + a.Who }) {
		if strings.Contains(entry, "guess") || strings.Contains(entry, goodPassword) {
			t.Errorf("a password is in the audit log: %q", entry)
		}
	}
}

// TestSignInDoesNotSayWhichWasWrong gives a wrong name, a wrong password,
// a disabled user: each gets the same error, and the wrong name counts
// towards a lockout as a real one does.
func TestSignInDoesNotSayWhichWasWrong(t *testing.T) {
	a, _, c := newAccounts(t)
	ctx := context.Background()
	if err := a.AddUser(ctx, admin(), FromCommandLine, people.User{Name: "m.manager", Role: people.Manager}, goodPassword); err != nil {
		t.Fatal(err)
	}
	if err := a.Disable(ctx, admin(), FromCommandLine, "m.manager"); err != nil {
		t.Fatal(err)
	}
	for _, try := range [][2]string{{"nobody", goodPassword}, {"r.analyst", "not the password"}, {"m.manager", goodPassword}, {"", ""}} {
		if _, _, err := a.SignIn(ctx, try[0], try[1], ""); err == nil || err.Error() != ErrSignInFailed.Error() {
			t.Errorf("signing in as %q: %v, want only %q", try[0], err, ErrSignInFailed)
		}
	}
	for range 4 {
		c.advance(time.Second)
		a.SignIn(ctx, "nobody", "x", "")
	}
	if _, _, err := a.SignIn(ctx, "nobody", "x", ""); !errors.Is(err, ErrLockedOut) {
		t.Errorf("a name that is no one's after 5 failures: %v, want ErrLockedOut", err)
	}
}

// TestSessionExpiry checks the idle and absolute timeouts, and sign-out.
func TestSessionExpiry(t *testing.T) {
	a, s, c := newAccounts(t)
	ctx := context.Background()
	secret, _, err := a.SignIn(ctx, "r.analyst", goodPassword, "")
	if err != nil {
		t.Fatal(err)
	}
	// Busy for 11 hours 50, a request every 20 minutes: live throughout.
	for range 35 {
		c.advance(20 * time.Minute)
		if _, err := a.SessionActor(ctx, secret); err != nil {
			t.Fatalf("a busy session at %s: %v", c.t, err)
		}
	}
	c.advance(20 * time.Minute) // 12 hours from sign-in
	if _, err := a.SessionActor(ctx, secret); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("a session 12 hours old: %v, want ErrNotSignedIn", err)
	}

	secret, _, _ = a.SignIn(ctx, "r.analyst", goodPassword, "")
	c.advance(29 * time.Minute)
	if _, err := a.SessionActor(ctx, secret); err != nil {
		t.Errorf("a session idle 29 minutes: %v", err)
	}
	c.advance(30 * time.Minute)
	if _, err := a.SessionActor(ctx, secret); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("a session idle 30 minutes: %v, want ErrNotSignedIn", err)
	}

	secret, _, _ = a.SignIn(ctx, "r.analyst", goodPassword, "")
	if err := a.SignOut(ctx, secret, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionActor(ctx, secret); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("a session after sign-out: %v, want ErrNotSignedIn", err)
	}
	if got := auditActions(t, s); got[len(got)-1] != "r.analyst: sign out" {
		t.Errorf("last audit entry %q, want the sign-out", got[len(got)-1])
	}
}

// TestTokens issues a token and uses it until it is revoked or expires.
func TestTokens(t *testing.T) {
	a, s, c := newAccounts(t)
	ctx := context.Background()
	token, kept, err := a.IssueToken(ctx, admin(), FromCommandLine, "r.analyst", "power bi", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if actor, err := a.TokenActor(ctx, token); err != nil || actor.Name != "r.analyst" || actor.IdentifiedBy != ByToken {
		t.Errorf("TokenActor = %+v, %v", actor, err)
	}
	c.advance(24 * time.Hour)
	if _, err := a.TokenActor(ctx, token); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("an expired token: %v, want ErrNotSignedIn", err)
	}
	token, kept, _ = a.IssueToken(ctx, admin(), FromCommandLine, "r.analyst", "script", 24*time.Hour)
	if err := a.RevokeToken(ctx, admin(), FromCommandLine, kept.ID); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{token, "village_nothing", "", "Bearer x"} {
		if _, err := a.TokenActor(ctx, bad); !errors.Is(err, ErrNotSignedIn) {
			t.Errorf("token %q: %v, want ErrNotSignedIn", bad, err)
		}
	}
	got := auditActions(t, s)
	if len(got) != 4 || !strings.HasPrefix(got[1], "it.admin: issue token 1 (power bi) to user r.analyst, expiring 2026-12-02") ||
		got[3] != "it.admin: revoke token 2 (script) of user r.analyst" {
		t.Errorf("audit log %q", got)
	}
}

// TestUserChanges refuses weak passwords and audits role changes, ending
// the user's sessions.
func TestUserChanges(t *testing.T) {
	a, s, _ := newAccounts(t)
	ctx := context.Background()
	if err := a.AddUser(ctx, admin(), FromCommandLine, people.User{Name: "w", Role: people.Analyst}, "short"); err == nil {
		t.Error("a short password was accepted")
	}
	if err := a.AddUser(ctx, Actor{}, FromCommandLine, people.User{Name: "w", Role: people.Analyst}, goodPassword); !errors.Is(err, ErrNoActor) {
		t.Errorf("a user added by no one: %v", err)
	}
	secret, _, _ := a.SignIn(ctx, "r.analyst", goodPassword, "")
	if err := a.SetRole(ctx, admin(), FromCommandLine, "r.analyst", people.Partner, "police"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SessionActor(ctx, secret); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("a session from before a change of role: %v", err)
	}
	_, actor, err := a.SignIn(ctx, "r.analyst", goodPassword, "")
	if err != nil || actor.Role != "partner" || actor.Agency != "police" {
		t.Errorf("after set-role: %+v, %v", actor, err)
	}
	if err := a.SetRole(ctx, admin(), FromCommandLine, "r.analyst", people.Partner, ""); err == nil {
		t.Error("a partner without an agency was allowed")
	}
	got := auditActions(t, s)
	if got[len(got)-2] != "it.admin: set role of user r.analyst to partner for police" {
		t.Errorf("audit log %q", got)
	}
}

// TestSetEmail keeps a checked address, refuses one with a display name,
// and audits the change without the address.
func TestSetEmail(t *testing.T) {
	a, s, _ := newAccounts(t)
	ctx := context.Background()
	if err := a.SetEmail(ctx, admin(), FromCommandLine, "r.analyst", "R <r@council.example>"); err == nil {
		t.Error("an address with a display name was accepted")
	}
	if err := a.SetEmail(ctx, admin(), FromCommandLine, "nobody", "n@council.example"); !errors.Is(err, store.ErrNoUser) {
		t.Errorf("no such user: %v", err)
	}
	if err := a.SetEmail(ctx, admin(), FromCommandLine, "r.analyst", "r.analyst@council.example"); err != nil {
		t.Fatal(err)
	}
	if u, _ := a.Directory.User(ctx, "r.analyst"); u.Email != "r.analyst@council.example" {
		t.Errorf("kept %q", u.Email)
	}
	got := auditActions(t, s)
	if last := got[len(got)-1]; last != "it.admin: set the email address of user r.analyst" {
		t.Errorf("audit log ends %q", last)
	}
	if err := a.SetEmail(ctx, admin(), FromCommandLine, "r.analyst", ""); err != nil {
		t.Fatal(err)
	}
	if u, _ := a.Directory.User(ctx, "r.analyst"); u.Email != "" {
		t.Errorf("after removing it, %q", u.Email)
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

// TestExternalSession starts sessions for people an identity provider
// signed in: kept as users the first time, their role brought up to date
// after, refused when disabled or when their name is a local account's.
func TestExternalSession(t *testing.T) {
	a, s, _ := newAccounts(t)
	ctx := context.Background()
	p := ExternalPerson{Name: "j.partner@police.example", Subject: "https://login.example#42", IdentifiedBy: "single sign-on with https://login.example",
		Role: people.Partner, Agency: "police"}
	secret, actor, err := a.StartExternalSession(ctx, p, "192.0.2.4")
	if err != nil || actor.Role != "partner" || actor.Agency != "police" {
		t.Fatalf("StartExternalSession = %+v, %v", actor, err)
	}
	if got, err := a.SessionActor(ctx, secret); err != nil || got.Name != p.Name || got.IdentifiedBy != BySingleSignOn {
		t.Errorf("SessionActor = %+v, %v", got, err)
	}
	if _, _, err := a.SignIn(ctx, p.Name, "", ""); !errors.Is(err, ErrSignInFailed) {
		t.Errorf("a password sign-in as a single sign-on user: %v, want refused", err)
	}
	if u, _ := s.People().User(ctx, p.Name); u.Email != "" {
		t.Errorf("given no address, kept %q", u.Email)
	}
	p.Role, p.Agency, p.Email = people.Manager, "", "j.partner@police.example"
	if _, actor, err := a.StartExternalSession(ctx, p, ""); err != nil || actor.Role != "manager" {
		t.Errorf("after the provider changed the role: %+v, %v", actor, err)
	}
	if u, err := s.People().User(ctx, p.Name); err != nil || u.Role != people.Manager || u.Subject != p.Subject || u.Email != p.Email {
		t.Errorf("kept user %+v, %v", u, err)
	}
	taken := ExternalPerson{Name: "r.analyst", Subject: "https://login.example#7", IdentifiedBy: "sso", Role: people.Analyst}
	if _, _, err := a.StartExternalSession(ctx, taken, ""); !errors.Is(err, ErrNameTaken) {
		t.Errorf("a provider's person with a local account's name: %v, want ErrNameTaken", err)
	}
	if err := a.Disable(ctx, admin(), FromCommandLine, p.Name); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.StartExternalSession(ctx, p, ""); !errors.Is(err, ErrSignInFailed) {
		t.Errorf("a disabled user signed in by the provider: %v, want refused", err)
	}
	log := auditOf(t, s, func(e store.Access) string { return e.Who + " by " + e.IdentifiedBy + ": " + e.Action })
	if log[1] != p.Name+" by single sign-on with https://login.example: sign in" {
		t.Errorf("audit entry %q", log[1])
	}
}
