package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// Directory is what signing in needs of the store: *store.People is one.
type Directory interface {
	AddUser(ctx context.Context, u people.User) error
	UpdateUser(ctx context.Context, u people.User) error
	User(ctx context.Context, name string) (people.User, error)
	Users(ctx context.Context) ([]people.User, error)
	Attempt(ctx context.Context, name string, at time.Time, lock people.Lockout) ([]time.Time, bool, error)
	ClearFailures(ctx context.Context, name string) error
	AddSession(ctx context.Context, s people.Session) error
	Session(ctx context.Context, hash string) (people.Session, error)
	TouchSession(ctx context.Context, hash string, at time.Time) error
	EndSession(ctx context.Context, hash string, expiredBefore time.Time) error
	EndSessions(ctx context.Context, user string) error
	AddToken(ctx context.Context, t people.Token) (int64, error)
	Token(ctx context.Context, hash string) (people.Token, error)
	Tokens(ctx context.Context, user string) ([]people.Token, error)
	RevokeToken(ctx context.Context, id int64) (people.Token, error)
}

// Accounts signs people in and out, knows them again by their session or
// token, and changes who may sign in, writing each of these to the audit
// log as an event.
type Accounts struct {
	Directory Directory
	Audit     AuditLog
	Lockout   people.Lockout   // zero for people.DefaultLockout
	Expiry    people.Expiry    // zero for people.DefaultExpiry
	Now       func() time.Time // nil for time.Now; tests set a clock
	// Serving is the authority the server shows: only users it admits
	// (people.Serving.Admits) sign in, by any means, and keep their
	// sessions and tokens working. Zero admits everyone, as a store of
	// one authority with none chosen does.
	Serving people.Serving
}

// Errors of signing in. ErrSignInFailed does not say whether the name or
// the password was wrong.
var (
	ErrSignInFailed = errors.New("the name or the password is not right")
	ErrLockedOut    = errors.New("too many failed sign-ins with this name; try again later")
	ErrNotSignedIn  = errors.New("no one is signed in with this session or token")
)

// Audit actions of the events Accounts records.
const (
	ActionSignIn       = "sign in"
	ActionSignInFailed = "failed sign-in"
	ActionLockedOut    = "sign-in locked out"
	ActionSignOut      = "sign out"
	// ActionRefusedAuthority is a sign-in, or a token's use, by a user
	// not given the authority the server serves; the person is told only
	// that the sign-in failed.
	ActionRefusedAuthority = "refused: not given the authority this server serves"
)

// RefuseExternal records that an identity provider signed someone in whom
// Village refuses (their groups map to no role): who as the provider
// names them, identified by it, from the client's address.
func (a *Accounts) RefuseExternal(ctx context.Context, who, identifiedBy, from string) error {
	return a.event(ctx, who, identifiedBy, from, ActionSignInFailed)
}

// byNameTried identifies the person in the entry of a failed sign-in: the
// name typed, which nothing confirms.
const byNameTried = "the name tried at sign-in, not confirmed"

// refreshEvery is how stale a session's last-seen time may get before a
// request writes it again: a write per request would be too many.
const refreshEvery = time.Minute

func (a *Accounts) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Accounts) lockout() people.Lockout {
	if a.Lockout == (people.Lockout{}) {
		return people.DefaultLockout
	}
	return a.Lockout
}

func (a *Accounts) expiry() people.Expiry {
	if a.Expiry == (people.Expiry{}) {
		return people.DefaultExpiry
	}
	return a.Expiry
}

// event writes an event that names no child to the audit log.
func (a *Accounts) event(ctx context.Context, who, by, from, action string) error {
	if a.Audit == nil {
		return errors.New("no audit log to record the event in, so it is refused")
	}
	if strings.TrimSpace(who) == "" {
		who = "(no name given)"
	}
	entry := store.Access{At: a.now(), Who: who, IdentifiedBy: by, From: from, Action: action}
	if err := a.Audit.AuditAll(ctx, []store.Access{entry}); err != nil {
		return fmt.Errorf("recording %q in the audit log: %w", action, err)
	}
	return nil
}

// dummyHash is checked against when the name is not a user's, so that a
// wrong name takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	hash, _ := people.HashPassword("not anyone's password, only to spend the time")
	return hash
})

// SignIn checks a local account's name and password, from the client's
// address from, and returns a new session's secret for the browser. Every
// attempt is audited; failures count towards the name's lockout, whether
// or not the name is a user's, so the answer never tells which. The
// attempt is counted and the lock decided in one step of the store's
// (Directory.Attempt) before the password is checked, so that attempts
// made at once cannot outrun the lock, and a locked name costs no argon2
// work.
func (a *Accounts) SignIn(ctx context.Context, name, password, from string) (string, Actor, error) {
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		name = name[:200]
	}
	now := a.now()
	failures, locked, err := a.Directory.Attempt(ctx, name, now, a.lockout())
	if err != nil {
		return "", Actor{}, err
	}
	if locked {
		return "", Actor{}, errors.Join(ErrLockedOut, a.event(ctx, name, byNameTried, from, ActionLockedOut))
	}
	u, ok := a.verify(ctx, name, password)
	if !ok {
		return "", Actor{}, a.fail(ctx, name, byNameTried, from, ActionSignInFailed, failures, now)
	}
	if !a.Serving.Admits(u) {
		return "", Actor{}, a.fail(ctx, name, byPassword, from, a.refusedAction(), failures, now)
	}
	if err := a.Directory.ClearFailures(ctx, name); err != nil {
		return "", Actor{}, err
	}
	s, secret, err := people.NewSession(u.Name, now, a.expiry())
	if err != nil {
		return "", Actor{}, err
	}
	if err := a.Directory.AddSession(ctx, s); err != nil {
		return "", Actor{}, err
	}
	actor := actorOf(u, BySession)
	if err := a.event(ctx, u.Name, BySession, from, ActionSignIn); err != nil {
		return "", Actor{}, errors.Join(err, a.Directory.EndSession(ctx, s.Hash, now))
	}
	return secret, actor, nil
}

// verify returns the user of a local account whose password is right.
func (a *Accounts) verify(ctx context.Context, name, password string) (people.User, bool) {
	u, err := a.Directory.User(ctx, name)
	hash := u.PasswordHash
	if err != nil || hash == "" || u.Disabled {
		hash = dummyHash()
	}
	match, _ := people.CheckPassword(hash, password)
	return u, match && err == nil && u.PasswordHash != "" && !u.Disabled
}

// byPassword identifies the person in the entry of a sign-in refused for
// the authority served: their name, with its password right.
const byPassword = "the name and its right password at sign-in"

// refusedAction is the audit log's action of a sign-in refused for the
// authority served, naming it.
func (a *Accounts) refusedAction() string {
	return ActionRefusedAuthority + " (" + a.Serving.Authority + ")"
}

// fail audits a failed sign-in, as action, with the name tried and how
// far it is confirmed (Attempt has counted it), and the lockout if it is
// the failure that locks the name. The person is told only
// ErrSignInFailed.
func (a *Accounts) fail(ctx context.Context, name, by, from, action string, failures []time.Time, now time.Time) error {
	errs := []error{ErrSignInFailed, a.event(ctx, name, by, from, action)}
	if _, locked := a.lockout().LockedUntil(failures, now); locked {
		errs = append(errs, a.event(ctx, name, byNameTried, from, ActionLockedOut))
	}
	return errors.Join(errs...)
}

// actorOf is the actor a user acts as, identified by.
func actorOf(u people.User, by string) Actor {
	return Actor{Name: u.Name, IdentifiedBy: by, Role: string(u.Role), Agency: u.Agency}
}

// SessionActor returns the person signed in with a session's secret, if
// the session is live and they may still sign in, noting the request.
func (a *Accounts) SessionActor(ctx context.Context, secret string) (Actor, error) {
	if secret == "" {
		return Actor{}, ErrNotSignedIn
	}
	now := a.now()
	s, err := a.Directory.Session(ctx, people.HashSecret(secret))
	if errors.Is(err, store.ErrNoSession) {
		return Actor{}, ErrNotSignedIn
	}
	if err != nil {
		return Actor{}, err
	}
	if !s.Live(now, a.expiry()) {
		return Actor{}, errors.Join(ErrNotSignedIn, a.Directory.EndSession(ctx, s.Hash, now))
	}
	u, err := a.Directory.User(ctx, s.User)
	if err != nil || u.Disabled || !a.Serving.Admits(u) {
		// A session another of a region's servers began, or one begun
		// before the user's authorities changed, is not this server's.
		return Actor{}, ErrNotSignedIn
	}
	by := BySession
	if u.Subject != "" {
		by = BySingleSignOn
	}
	if now.Sub(s.LastSeen) >= refreshEvery {
		if err := a.Directory.TouchSession(ctx, s.Hash, now); err != nil {
			return Actor{}, err
		}
	}
	return actorOf(u, by), nil
}

// SignOut ends the session with the secret, from the client's address.
func (a *Accounts) SignOut(ctx context.Context, secret, from string) error {
	hash := people.HashSecret(secret)
	s, err := a.Directory.Session(ctx, hash)
	if errors.Is(err, store.ErrNoSession) {
		return nil // already ended, or never begun
	}
	if err != nil {
		return err
	}
	if err := a.Directory.EndSession(ctx, hash, a.now()); err != nil {
		return err
	}
	return a.event(ctx, s.User, BySession, from, ActionSignOut)
}

// TokenActor returns the person a personal access token acts for, if it
// is neither revoked nor expired and they may still sign in. Its use is
// not audited (a script asks many times); its issue and revoking are.
func (a *Accounts) TokenActor(ctx context.Context, token string) (Actor, error) {
	if !strings.HasPrefix(token, people.TokenPrefix) {
		return Actor{}, ErrNotSignedIn
	}
	t, err := a.Directory.Token(ctx, people.HashSecret(token))
	if errors.Is(err, store.ErrNoToken) {
		return Actor{}, ErrNotSignedIn
	}
	if err != nil {
		return Actor{}, err
	}
	if !t.Usable(a.now()) {
		return Actor{}, ErrNotSignedIn
	}
	u, err := a.Directory.User(ctx, t.User)
	if err != nil || u.Disabled {
		return Actor{}, ErrNotSignedIn
	}
	if !a.Serving.Admits(u) {
		return Actor{}, errors.Join(ErrNotSignedIn, a.event(ctx, u.Name, ByToken, "", a.refusedAction()))
	}
	return actorOf(u, ByToken), nil
}

// ExternalPerson is someone an identity provider has signed in (OpenID
// Connect), with the role its claims map to.
type ExternalPerson struct {
	Name         string // as the audit log will name them, such as their email address
	Subject      string // the provider's stable identifier: its issuer and subject
	IdentifiedBy string // how, such as "single sign-on with https://login.example"
	Role         people.Role
	Agency       string
	// Email is the address the provider vouches for, or blank; one that
	// people.CheckEmail refuses is not kept.
	Email string
	// Authorities are the authorities the provider's authority claim
	// gives, when ClaimsAuthorities; otherwise the user keeps those
	// village users set-la gave them.
	Authorities       []string
	ClaimsAuthorities bool
}

// ErrNameTaken is the error of an identity provider's person whose name
// is a local account's, or another subject's: the two are not merged.
var ErrNameTaken = errors.New("the name is another user's; ask whoever runs Village")

// StartExternalSession starts a session for a person an identity provider
// has signed in, from the client's address from, and returns its secret
// for the browser. The user is kept (added the first time, their role and
// agency brought up to date after) so that administrators see them and
// can disable them; a disabled user is refused. The sign-in is audited.
func (a *Accounts) StartExternalSession(ctx context.Context, p ExternalPerson, from string) (string, Actor, error) {
	if p.Email != "" && people.CheckEmail(p.Email) != nil {
		p.Email = "" // the person still signs in; no mail goes to it
	}
	u := people.User{Name: p.Name, Role: p.Role, Agency: p.Agency, Subject: p.Subject, Email: p.Email, Authorities: p.Authorities, Created: a.now()}
	if err := u.Check(); err != nil {
		return "", Actor{}, err
	}
	kept, err := a.Directory.User(ctx, p.Name)
	switch {
	case errors.Is(err, store.ErrNoUser):
		err = a.Directory.AddUser(ctx, u)
	case err != nil:
	case kept.Subject != p.Subject:
		return "", Actor{}, fmt.Errorf("user %s: %w", p.Name, ErrNameTaken)
	case kept.Disabled:
		return "", Actor{}, ErrSignInFailed
	default:
		kept.Role, kept.Agency = p.Role, p.Agency
		if p.Email != "" {
			kept.Email = p.Email
		}
		if p.ClaimsAuthorities {
			kept.Authorities = p.Authorities
		}
		u = kept
		err = a.Directory.UpdateUser(ctx, kept)
	}
	if err != nil {
		return "", Actor{}, err
	}
	if !a.Serving.Admits(u) {
		return "", Actor{}, errors.Join(ErrSignInFailed, a.event(ctx, p.Name, p.IdentifiedBy, from, a.refusedAction()))
	}
	now := a.now()
	s, secret, err := people.NewSession(p.Name, now, a.expiry())
	if err != nil {
		return "", Actor{}, err
	}
	if err := a.Directory.AddSession(ctx, s); err != nil {
		return "", Actor{}, err
	}
	if err := a.event(ctx, p.Name, p.IdentifiedBy, from, ActionSignIn); err != nil {
		return "", Actor{}, errors.Join(err, a.Directory.EndSession(ctx, s.Hash, now))
	}
	return secret, actorOf(u, BySingleSignOn), nil
}
