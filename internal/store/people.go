package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/village-uk/village/internal/people"
)

// People keeps who may sign in: users, their sessions, failed sign-ins
// and personal access tokens (the people module's tables). Get it with
// Store.People.
type People struct{ s *Store }

// People returns the store's people module.
func (s *Store) People() *People { return &People{s: s} }

// Errors of the people module, which name no secret.
var (
	ErrNoUser    = errors.New("no such user")
	ErrUserTaken = errors.New("a user with that name already exists")
	ErrNoSession = errors.New("no such session")
	ErrNoToken   = errors.New("no such token")
)

// fixedTime is how the people module writes times: UTC of fixed width,
// so that comparing the text compares the times.
const fixedTime = "2006-01-02T15:04:05.000000000Z"

func fixedText(t time.Time) string { return t.UTC().Format(fixedTime) }

// nullText is text as a column that may be NULL keeps it: NULL when
// blank.
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// flag is a boolean as the people module stores it.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

const userColumns = "name, display_name, role, agency, disabled, password_hash, subject, created, email, authorities"

// AddUser keeps a new user, refusing one that fails people.User.Check or
// whose name is taken.
func (p *People) AddUser(ctx context.Context, u people.User) error {
	if err := u.Check(); err != nil {
		return err
	}
	if u.Created.IsZero() {
		u.Created = time.Now()
	}
	_, err := p.s.db.ExecContext(ctx, "INSERT INTO users ("+userColumns+") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		u.Name, u.DisplayName, string(u.Role), u.Agency, flag(u.Disabled), u.PasswordHash, u.Subject, fixedText(u.Created), nullText(u.Email),
		strings.Join(u.Authorities, ","))
	if err != nil {
		if _, found := p.User(ctx, u.Name); found == nil {
			return fmt.Errorf("adding user %s: %w", u.Name, ErrUserTaken)
		}
		return fmt.Errorf("adding user %s to %s: %w", u.Name, p.s.where, err)
	}
	return nil
}

// UpdateUser changes a user's display name, role, agency, disabled flag,
// password hash, subject, email address and authorities.
func (p *People) UpdateUser(ctx context.Context, u people.User) error {
	if err := u.Check(); err != nil {
		return err
	}
	res, err := p.s.db.ExecContext(ctx, "UPDATE users SET display_name = $2, role = $3, agency = $4, disabled = $5, password_hash = $6, subject = $7, email = $8, authorities = $9 WHERE name = $1",
		u.Name, u.DisplayName, string(u.Role), u.Agency, flag(u.Disabled), u.PasswordHash, u.Subject, nullText(u.Email),
		strings.Join(u.Authorities, ","))
	if err != nil {
		return fmt.Errorf("changing user %s in %s: %w", u.Name, p.s.where, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("changing user %s: %w", u.Name, ErrNoUser)
	}
	return nil
}

// User returns the user with the name, or ErrNoUser.
func (p *People) User(ctx context.Context, name string) (people.User, error) {
	users, err := p.users(ctx, " WHERE name = $1", name)
	if err != nil {
		return people.User{}, err
	}
	if len(users) == 0 {
		return people.User{}, ErrNoUser
	}
	return users[0], nil
}

// Users returns every user, by name.
func (p *People) Users(ctx context.Context) ([]people.User, error) {
	return p.users(ctx, " ORDER BY name")
}

// HasLocalAccounts reports whether any user who is not disabled signs in
// with a password here.
func (p *People) HasLocalAccounts(ctx context.Context) (bool, error) {
	var n int
	err := p.s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE password_hash <> '' AND disabled = 0").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("counting the local accounts in %s: %w", p.s.where, err)
	}
	return n > 0, nil
}

func (p *People) users(ctx context.Context, where string, args ...any) ([]people.User, error) {
	rows, err := p.s.read.QueryContext(ctx, "SELECT "+userColumns+" FROM users"+where, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the users of %s: %w", p.s.where, err)
	}
	defer rows.Close()
	var out []people.User
	for rows.Next() {
		var (
			u        people.User
			role     string
			disabled int
			created  any
			email    sql.NullString
			las      string
		)
		if err := rows.Scan(&u.Name, &u.DisplayName, &role, &u.Agency, &disabled, &u.PasswordHash, &u.Subject, &created, &email, &las); err != nil {
			return nil, fmt.Errorf("reading the users of %s: %w", p.s.where, err)
		}
		u.Role, u.Disabled, u.Email = people.Role(role), disabled != 0, email.String
		if las != "" {
			u.Authorities = strings.Split(las, ",")
		}
		if u.Created, err = timeOf(created); err != nil {
			return nil, fmt.Errorf("user %s: %w", u.Name, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// RecordFailure keeps a failed sign-in with the name tried, and forgets
// those older than before.
func (p *People) RecordFailure(ctx context.Context, name string, at, before time.Time) error {
	if _, err := p.s.db.ExecContext(ctx, "INSERT INTO failed_sign_ins (name, at) VALUES ($1, $2)", name, fixedText(at)); err != nil {
		return fmt.Errorf("recording a failed sign-in in %s: %w", p.s.where, err)
	}
	if _, err := p.s.db.ExecContext(ctx, "DELETE FROM failed_sign_ins WHERE at < $1", fixedText(before)); err != nil {
		return fmt.Errorf("forgetting old failed sign-ins in %s: %w", p.s.where, err)
	}
	return nil
}

// Attempt is the start of a sign-in with the name at the time, counted
// and decided in one step: when the failures since lock.Since(at) lock
// the name, it returns locked and counts nothing; otherwise it records
// the attempt as a failure before the password is checked (a sign-in that
// succeeds clears it) and returns the failures, this one included. The
// step is one transaction, holding SQLite's one write lock or, on
// PostgreSQL, a lock keyed by the name's hash, so that however many
// attempts come at once, no more than lock.Failures are let through to
// have their password checked.
func (p *People) Attempt(ctx context.Context, name string, at time.Time, lock people.Lockout) (failures []time.Time, locked bool, err error) {
	tx, err := p.s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, fmt.Errorf("starting a sign-in in %s: %w", p.s.where, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	if _, ok := p.s.dialect.(postgresDialect); ok {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", nameKey(name)); err != nil {
			return nil, false, fmt.Errorf("locking a name's sign-ins in %s: %w", p.s.where, err)
		}
	}
	failures, err = failuresIn(ctx, tx, name, lock.Since(at))
	if err != nil {
		return nil, false, fmt.Errorf("reading failed sign-ins in %s: %w", p.s.where, err)
	}
	if _, locked := lock.LockedUntil(failures, at); locked {
		return failures, true, tx.Commit()
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO failed_sign_ins (name, at) VALUES ($1, $2)", name, fixedText(at)); err != nil {
		return nil, false, fmt.Errorf("recording a sign-in attempt in %s: %w", p.s.where, err)
	}
	// A day past the longest a failure matters, old failures go.
	before := lock.Since(at).Add(-24 * time.Hour)
	if _, err := tx.ExecContext(ctx, "DELETE FROM failed_sign_ins WHERE at < $1", fixedText(before)); err != nil {
		return nil, false, fmt.Errorf("forgetting old failed sign-ins in %s: %w", p.s.where, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, false, fmt.Errorf("recording a sign-in attempt in %s: %w", p.s.where, err)
	}
	return append(failures, at), false, nil
}

// nameKey is the key of a name's advisory lock on PostgreSQL: the first
// eight bytes of its SHA-256.
func nameKey(name string) int64 {
	sum := sha256.Sum256([]byte("village sign-in " + name))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// failuresIn returns when sign-ins with the name failed since the time,
// read through q.
func failuresIn(ctx context.Context, q querier, name string, since time.Time) ([]time.Time, error) {
	rows, err := q.QueryContext(ctx, "SELECT at FROM failed_sign_ins WHERE name = $1 AND at >= $2 ORDER BY at", name, fixedText(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var at any
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		t, err := timeOf(at)
		if err != nil {
			return nil, fmt.Errorf("a failed sign-in: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Failures returns when sign-ins with the name failed since the time.
func (p *People) Failures(ctx context.Context, name string, since time.Time) ([]time.Time, error) {
	out, err := failuresIn(ctx, p.s.read, name, since)
	if err != nil {
		return nil, fmt.Errorf("reading failed sign-ins in %s: %w", p.s.where, err)
	}
	return out, nil
}

// ClearFailures forgets the failed sign-ins with the name, after a
// successful one.
func (p *People) ClearFailures(ctx context.Context, name string) error {
	if _, err := p.s.db.ExecContext(ctx, "DELETE FROM failed_sign_ins WHERE name = $1", name); err != nil {
		return fmt.Errorf("clearing failed sign-ins in %s: %w", p.s.where, err)
	}
	return nil
}

// AddSession keeps a new session.
func (p *People) AddSession(ctx context.Context, s people.Session) error {
	_, err := p.s.db.ExecContext(ctx, "INSERT INTO sessions (hash, user_name, created, last_seen, expires) VALUES ($1, $2, $3, $4, $5)",
		s.Hash, s.User, fixedText(s.Created), fixedText(s.LastSeen), fixedText(s.Expires))
	if err != nil {
		return fmt.Errorf("keeping a session in %s: %w", p.s.where, err)
	}
	return nil
}

// Session returns the session whose secret hashes to hash, or
// ErrNoSession.
func (p *People) Session(ctx context.Context, hash string) (people.Session, error) {
	var created, seen, expires any
	s := people.Session{Hash: hash}
	err := p.s.read.QueryRowContext(ctx, "SELECT user_name, created, last_seen, expires FROM sessions WHERE hash = $1", hash).
		Scan(&s.User, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return people.Session{}, ErrNoSession
	}
	if err != nil {
		return people.Session{}, fmt.Errorf("reading a session in %s: %w", p.s.where, err)
	}
	return s, readTimes(map[*time.Time]any{&s.Created: created, &s.LastSeen: seen, &s.Expires: expires})
}

// readTimes reads time columns into their fields.
func readTimes(columns map[*time.Time]any) error {
	for field, v := range columns {
		t, err := timeOf(v)
		if err != nil {
			return err
		}
		*field = t
	}
	return nil
}

// TouchSession records a request made in the session at the time.
func (p *People) TouchSession(ctx context.Context, hash string, at time.Time) error {
	if _, err := p.s.db.ExecContext(ctx, "UPDATE sessions SET last_seen = $2 WHERE hash = $1", hash, fixedText(at)); err != nil {
		return fmt.Errorf("touching a session in %s: %w", p.s.where, err)
	}
	return nil
}

// EndSession forgets a session, and any of the user's that expired
// before the time.
func (p *People) EndSession(ctx context.Context, hash string, expiredBefore time.Time) error {
	if _, err := p.s.db.ExecContext(ctx, "DELETE FROM sessions WHERE hash = $1 OR expires < $2", hash, fixedText(expiredBefore)); err != nil {
		return fmt.Errorf("ending a session in %s: %w", p.s.where, err)
	}
	return nil
}

// EndSessions forgets every session of the user, as when they are
// disabled.
func (p *People) EndSessions(ctx context.Context, user string) error {
	if _, err := p.s.db.ExecContext(ctx, "DELETE FROM sessions WHERE user_name = $1", user); err != nil {
		return fmt.Errorf("ending %s's sessions in %s: %w", user, p.s.where, err)
	}
	return nil
}

const tokenColumns = "id, name, user_name, hash, created, expires, revoked"

// AddToken keeps a new token and returns its id.
func (p *People) AddToken(ctx context.Context, t people.Token) (int64, error) {
	var id int64
	err := p.s.db.QueryRowContext(ctx, "INSERT INTO tokens (name, user_name, hash, created, expires) VALUES ($1, $2, $3, $4, $5) RETURNING id",
		t.Name, t.User, t.Hash, fixedText(t.Created), fixedText(t.Expires)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("keeping a token for %s in %s: %w", t.User, p.s.where, err)
	}
	return id, nil
}

// Token returns the token that hashes to hash, or ErrNoToken.
func (p *People) Token(ctx context.Context, hash string) (people.Token, error) {
	tokens, err := p.tokens(ctx, " WHERE hash = $1", hash)
	if err != nil {
		return people.Token{}, err
	}
	if len(tokens) == 0 {
		return people.Token{}, ErrNoToken
	}
	return tokens[0], nil
}

// Tokens returns the user's tokens, or everyone's when user is blank,
// oldest first.
func (p *People) Tokens(ctx context.Context, user string) ([]people.Token, error) {
	if user == "" {
		return p.tokens(ctx, " ORDER BY id")
	}
	return p.tokens(ctx, " WHERE user_name = $1 ORDER BY id", user)
}

// RevokeToken revokes the token with the id, returning it.
func (p *People) RevokeToken(ctx context.Context, id int64) (people.Token, error) {
	res, err := p.s.db.ExecContext(ctx, "UPDATE tokens SET revoked = 1 WHERE id = $1", id)
	if err != nil {
		return people.Token{}, fmt.Errorf("revoking token %d in %s: %w", id, p.s.where, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return people.Token{}, fmt.Errorf("revoking token %d: %w", id, ErrNoToken)
	}
	tokens, err := p.tokens(ctx, " WHERE id = $1", id)
	if err != nil || len(tokens) == 0 {
		return people.Token{}, errors.Join(err, ErrNoToken)
	}
	return tokens[0], nil
}

func (p *People) tokens(ctx context.Context, where string, args ...any) ([]people.Token, error) {
	rows, err := p.s.read.QueryContext(ctx, "SELECT "+tokenColumns+" FROM tokens"+where, args...)
	if err != nil {
		return nil, fmt.Errorf("reading tokens in %s: %w", p.s.where, err)
	}
	defer rows.Close()
	var out []people.Token
	for rows.Next() {
		var (
			t                people.Token
			created, expires any
			revoked          int
		)
		if err := rows.Scan(&t.ID, &t.Name, &t.User, &t.Hash, &created, &expires, &revoked); err != nil {
			return nil, fmt.Errorf("reading tokens in %s: %w", p.s.where, err)
		}
		t.Revoked = revoked != 0
		if err := readTimes(map[*time.Time]any{&t.Created: created, &t.Expires: expires}); err != nil {
			return nil, fmt.Errorf("token %d: %w", t.ID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
