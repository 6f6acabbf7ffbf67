package app

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/village-uk/village/internal/people"
)

// countingDirectory counts the users looked up, which SignIn does only
// to check a password.
type countingDirectory struct {
	Directory
	lookups atomic.Int32
}

func (d *countingDirectory) User(ctx context.Context, name string) (people.User, error) {
	d.lookups.Add(1)
	return d.Directory.User(ctx, name)
}

// TestLockoutHoldsUnderConcurrency makes 50 wrong sign-ins with one name
// at once: at most as many as the lockout allows have their password
// checked (with argon2), and the rest are locked out unchecked.
func TestLockoutHoldsUnderConcurrency(t *testing.T) {
	a, _, _ := newAccounts(t)
	dir := &countingDirectory{Directory: a.Directory}
	a.Directory = dir
	const n = 50
	var wg sync.WaitGroup
	var failed, locked, other atomic.Int32
	for i := range n {
		wg.Go(func() {
			_, _, err := a.SignIn(context.Background(), "r.analyst", "guess number "+itoa(i), "192.0.2.9")
			switch {
			case errors.Is(err, ErrLockedOut):
				locked.Add(1)
			case errors.Is(err, ErrSignInFailed):
				failed.Add(1)
			default:
				other.Add(1)
				t.Errorf("a wrong password: %v", err)
			}
		})
	}
	wg.Wait()
	limit := int32(people.DefaultLockout.Failures)
	if failed.Load() != limit || locked.Load() != n-limit {
		t.Errorf("%d failed and %d locked out of %d; want %d and %d", failed.Load(), locked.Load(), n, limit, n-limit)
	}
	if got := dir.lookups.Load(); got > limit {
		t.Errorf("%d passwords checked; want at most %d", got, limit)
	}
}
