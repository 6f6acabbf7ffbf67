package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/internal/people"
)

// TestPeopleUsers adds, reads, changes and lists users on each engine.
func TestPeopleUsers(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		p := e.open(t).People()
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		if ok, err := p.HasLocalAccounts(ctx); ok || err != nil {
			t.Errorf("HasLocalAccounts on an empty store = %v, %v", ok, err)
		}
		analyst := people.User{Name: "r.analyst", DisplayName: "R Analyst", Role: people.Analyst, PasswordHash: "$argon2id$x", Created: at}
		partner := people.User{Name: "p.police", Role: people.Partner, Agency: "police", Subject: "sub-1", Created: at}
		for _, u := range []people.User{analyst, partner} {
			if err := p.AddUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.AddUser(ctx, analyst); !errors.Is(err, ErrUserTaken) {
			t.Errorf("adding r.analyst twice: %v, want ErrUserTaken", err)
		}
		if err := p.AddUser(ctx, people.User{Name: "x", Role: "root", PasswordHash: "h"}); err == nil {
			t.Error("a user with no such role was added")
		}
		got, err := p.User(ctx, "r.analyst")
		if err != nil || !reflect.DeepEqual(got, analyst) {
			t.Errorf("User = %+v, %v; want %+v", got, err, analyst)
		}
		if _, err := p.User(ctx, "nobody"); !errors.Is(err, ErrNoUser) {
			t.Errorf("User(nobody) = %v, want ErrNoUser", err)
		}
		analyst.Role, analyst.Disabled, analyst.Email = people.Manager, true, "r.analyst@council.example"
		analyst.Authorities = []string{"E06000999", "E06000001"}
		if err := p.UpdateUser(ctx, analyst); err != nil {
			t.Fatal(err)
		}
		if err := p.UpdateUser(ctx, people.User{Name: "nobody", Role: people.Analyst, PasswordHash: "h"}); !errors.Is(err, ErrNoUser) {
			t.Errorf("UpdateUser(nobody) = %v, want ErrNoUser", err)
		}
		all, err := p.Users(ctx)
		if err != nil || len(all) != 2 || all[0].Name != "p.police" || !reflect.DeepEqual(all[1], analyst) {
			t.Errorf("Users = %+v, %v", all, err)
		}
		if got, _ := p.User(ctx, "p.police"); got.Email != "" {
			t.Errorf("p.police, given no address, has %q", got.Email)
		}
		analyst.Email = "R <r@council.example>"
		if err := p.UpdateUser(ctx, analyst); err == nil {
			t.Error("an address with a display name was kept")
		}
		analyst.Email, analyst.Authorities = "", []string{"Somerset"}
		if err := p.UpdateUser(ctx, analyst); err == nil {
			t.Error("an authority that is not a GSS code was kept")
		}
		if ok, err := p.HasLocalAccounts(ctx); ok || err != nil {
			t.Errorf("HasLocalAccounts with the only local account disabled = %v, %v", ok, err)
		}
	})
}

// TestPeopleSessionsAndTokens keeps, touches and ends a session, and
// issues, finds and revokes a token, on each engine.
func TestPeopleSessionsAndTokens(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		p := e.open(t).People()
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		if err := p.AddUser(ctx, people.User{Name: "r.analyst", Role: people.Analyst, PasswordHash: "h", Created: at}); err != nil {
			t.Fatal(err)
		}
		s, secret, err := people.NewSession("r.analyst", at, people.DefaultExpiry)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.AddSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := p.TouchSession(ctx, s.Hash, at.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		got, err := p.Session(ctx, people.HashSecret(secret))
		s.LastSeen = at.Add(time.Minute)
		if err != nil || got != s {
			t.Errorf("Session = %+v, %v; want %+v", got, err, s)
		}
		if err := p.EndSession(ctx, s.Hash, at); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Session(ctx, s.Hash); !errors.Is(err, ErrNoSession) {
			t.Errorf("an ended session: %v, want ErrNoSession", err)
		}

		tok, _, err := people.NewToken("r.analyst", "power bi", at, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if tok.ID, err = p.AddToken(ctx, tok); err != nil || tok.ID == 0 {
			t.Fatalf("AddToken = %d, %v", tok.ID, err)
		}
		if got, err := p.Token(ctx, tok.Hash); err != nil || got != tok {
			t.Errorf("Token = %+v, %v; want %+v", got, err, tok)
		}
		revoked, err := p.RevokeToken(ctx, tok.ID)
		if err != nil || !revoked.Revoked {
			t.Errorf("RevokeToken = %+v, %v", revoked, err)
		}
		if _, err := p.RevokeToken(ctx, tok.ID+100); !errors.Is(err, ErrNoToken) {
			t.Errorf("revoking no token: %v, want ErrNoToken", err)
		}
		if list, err := p.Tokens(ctx, "r.analyst"); err != nil || len(list) != 1 || !list[0].Revoked {
			t.Errorf("Tokens = %+v, %v", list, err)
		}
	})
}

// TestPeopleConcurrentSignIns has 20 people sign in at once, each failing
// first, on each engine: every failure and every session is kept, none
// lost to a clash of ids.
func TestPeopleConcurrentSignIns(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		p := e.open(t).People()
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		const n = 20
		for i := range n {
			if err := p.AddUser(ctx, people.User{Name: fmt.Sprintf("user%d", i), Role: people.Manager, PasswordHash: "h", Created: at}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 3*n)
		hashes := make(chan string, n)
		for i := range n {
			wg.Go(func() {
				name := fmt.Sprintf("user%d", i)
				errs <- p.RecordFailure(ctx, "shared", at, at.Add(-time.Hour))
				s, _, err := people.NewSession(name, at, people.DefaultExpiry)
				if err == nil {
					err = p.AddSession(ctx, s)
				}
				errs <- err
				errs <- p.ClearFailures(ctx, name)
				hashes <- s.Hash
			})
		}
		wg.Wait()
		close(errs)
		close(hashes)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		for h := range hashes {
			if _, err := p.Session(ctx, h); err != nil {
				t.Errorf("a session made at once with others: %v", err)
			}
		}
		if failures, err := p.Failures(ctx, "shared", at.Add(-time.Minute)); err != nil || len(failures) != n {
			t.Errorf("Failures = %d, %v; want %d", len(failures), err, n)
		}
		if err := p.RecordFailure(ctx, "other", at.Add(2*time.Hour), at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if failures, err := p.Failures(ctx, "shared", at.Add(-time.Minute)); err != nil || len(failures) != 0 {
			t.Errorf("failures older than the cut-off: %d kept, %v", len(failures), err)
		}
	})
}

// TestPeopleAttemptsOutrunNoLock makes 50 sign-in attempts with one name
// at once, on each engine: the count and the lock are one step, so
// exactly as many as the lockout allows get through to have their
// password checked, and every other is locked out without being counted.
func TestPeopleAttemptsOutrunNoLock(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		p := e.open(t).People()
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		const n = 50
		var wg sync.WaitGroup
		through := make(chan bool, n)
		errs := make(chan error, n)
		for range n {
			wg.Go(func() {
				_, locked, err := p.Attempt(ctx, "r.analyst", at, people.DefaultLockout)
				errs <- err
				through <- err == nil && !locked
			})
		}
		wg.Wait()
		close(errs)
		close(through)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		passed := 0
		for ok := range through {
			if ok {
				passed++
			}
		}
		if passed != people.DefaultLockout.Failures {
			t.Errorf("%d of %d attempts at once were let through; want %d", passed, n, people.DefaultLockout.Failures)
		}
		if failures, err := p.Failures(ctx, "r.analyst", at.Add(-time.Minute)); err != nil || len(failures) != people.DefaultLockout.Failures {
			t.Errorf("failures counted = %d, %v; want %d", len(failures), err, people.DefaultLockout.Failures)
		}
		if _, locked, err := p.Attempt(ctx, "someone.else", at, people.DefaultLockout); locked || err != nil {
			t.Errorf("another name's attempt: locked %v, %v", locked, err)
		}
	})
}
