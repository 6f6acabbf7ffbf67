package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/village-uk/village/internal/people"
)

// FromCommandLine is where a change made with village's commands comes
// from, for the audit log.
const FromCommandLine = "command line"

// AddUser adds a local account for u with the password, which must meet
// the policy, by the actor by, and audits it.
func (a *Accounts) AddUser(ctx context.Context, by Actor, from string, u people.User, password string) error {
	if err := by.check(); err != nil {
		return err
	}
	if err := people.CheckName(u.Name); err != nil {
		return err
	}
	if err := people.CheckPasswordPolicy(u.Name, password); err != nil {
		return fmt.Errorf("user %s: %w", u.Name, err)
	}
	hash, err := people.HashPassword(password)
	if err != nil {
		return err
	}
	u.PasswordHash, u.Created = hash, a.now()
	if err := a.Directory.AddUser(ctx, u); err != nil {
		return err
	}
	action := fmt.Sprintf("add user %s as %s%s%s", u.Name, u.Role, agencyText(u.Agency), emailText(u.Email))
	if len(u.Authorities) > 0 {
		action += " for authorities " + authoritiesText(u.Authorities)
	}
	return a.event(ctx, by.Name, by.IdentifiedBy, from, action)
}

// emailText says, for the audit log, that a user has an email address,
// without it: the log names people by their user name.
func emailText(email string) string {
	if email == "" {
		return ""
	}
	return " with an email address"
}

// SetEmail gives the user an email address (people.CheckEmail), or takes
// theirs away when it is blank, audited. Their sessions go on: an address
// grants nothing.
func (a *Accounts) SetEmail(ctx context.Context, by Actor, from, name, email string) error {
	if err := by.check(); err != nil {
		return err
	}
	if email != "" {
		if err := people.CheckEmail(email); err != nil {
			return fmt.Errorf("user %s: %w", name, err)
		}
	}
	u, err := a.Directory.User(ctx, name)
	if err != nil {
		return fmt.Errorf("user %s: %w", name, err)
	}
	u.Email = email
	if err := a.Directory.UpdateUser(ctx, u); err != nil {
		return err
	}
	action := "set the email address of user " + name
	if email == "" {
		action = "remove the email address of user " + name
	}
	return a.event(ctx, by.Name, by.IdentifiedBy, from, action)
}

func agencyText(agency string) string {
	if agency == "" {
		return ""
	}
	return " for " + agency
}

// SetRole gives the user a role (and agency, for a partner), audited.
// Their sessions end, so that the new role holds from their next request.
func (a *Accounts) SetRole(ctx context.Context, by Actor, from, name string, role people.Role, agency string) error {
	return a.change(ctx, by, from, name, fmt.Sprintf("set role of user %s to %s%s", name, role, agencyText(agency)), func(u *people.User) {
		u.Role, u.Agency = role, agency
	})
}

// SetAuthorities gives the user the authorities whose children they may
// see (GSS codes), or every authority when none, audited. Their sessions
// end, so that the change holds from their next request.
func (a *Accounts) SetAuthorities(ctx context.Context, by Actor, from, name string, las []string) error {
	if err := people.CheckAuthorities(las); err != nil {
		return fmt.Errorf("user %s: %w", name, err)
	}
	return a.change(ctx, by, from, name, fmt.Sprintf("set the authorities of user %s to %s", name, authoritiesText(las)), func(u *people.User) {
		u.Authorities = las
	})
}

// authoritiesText names a user's authorities for the audit log and the
// command line.
func authoritiesText(las []string) string {
	if len(las) == 0 {
		return "every authority (a store of one authority only)"
	}
	return strings.Join(las, ", ")
}

// Disable stops the user signing in and ends their sessions, audited.
// Their tokens stop working too.
func (a *Accounts) Disable(ctx context.Context, by Actor, from, name string) error {
	return a.change(ctx, by, from, name, "disable user "+name, func(u *people.User) { u.Disabled = true })
}

// change changes a user with edit, ends their sessions and audits action.
func (a *Accounts) change(ctx context.Context, by Actor, from, name, action string, edit func(*people.User)) error {
	if err := by.check(); err != nil {
		return err
	}
	u, err := a.Directory.User(ctx, name)
	if err != nil {
		return fmt.Errorf("user %s: %w", name, err)
	}
	edit(&u)
	if err := a.Directory.UpdateUser(ctx, u); err != nil {
		return err
	}
	if err := a.Directory.EndSessions(ctx, name); err != nil {
		return err
	}
	return a.event(ctx, by.Name, by.IdentifiedBy, from, action)
}

// Users lists every user.
func (a *Accounts) Users(ctx context.Context) ([]people.User, error) { return a.Directory.Users(ctx) }

// ServedUsers lists the users who may sign in to this server (see
// Serving): a region's server names no one who works for another
// authority only.
func (a *Accounts) ServedUsers(ctx context.Context) ([]people.User, error) {
	users, err := a.Directory.Users(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(users, func(u people.User) bool { return !a.Serving.Admits(u) }), nil
}

// IssueToken makes a personal access token for the user, named name and
// lasting life, audited, and returns it: the only time it is shown.
func (a *Accounts) IssueToken(ctx context.Context, by Actor, from, user, name string, life time.Duration) (string, people.Token, error) {
	if err := by.check(); err != nil {
		return "", people.Token{}, err
	}
	u, err := a.Directory.User(ctx, user)
	if err != nil {
		return "", people.Token{}, fmt.Errorf("user %s: %w", user, err)
	}
	if u.Disabled {
		return "", people.Token{}, fmt.Errorf("user %s is disabled, so is given no token", user)
	}
	t, secret, err := people.NewToken(user, name, a.now(), life)
	if err != nil {
		return "", people.Token{}, err
	}
	if t.ID, err = a.Directory.AddToken(ctx, t); err != nil {
		return "", people.Token{}, err
	}
	action := fmt.Sprintf("issue token %d (%s) to user %s, expiring %s", t.ID, name, user, t.Expires.UTC().Format(time.DateOnly))
	return secret, t, a.event(ctx, by.Name, by.IdentifiedBy, from, action)
}

// RevokeToken revokes the token with the id, audited.
func (a *Accounts) RevokeToken(ctx context.Context, by Actor, from string, id int64) error {
	if err := by.check(); err != nil {
		return err
	}
	t, err := a.Directory.RevokeToken(ctx, id)
	if err != nil {
		return err
	}
	return a.event(ctx, by.Name, by.IdentifiedBy, from, fmt.Sprintf("revoke token %d (%s) of user %s", t.ID, t.Name, t.User))
}

// Tokens lists the user's tokens, or everyone's when user is blank.
func (a *Accounts) Tokens(ctx context.Context, user string) ([]people.Token, error) {
	return a.Directory.Tokens(ctx, user)
}
