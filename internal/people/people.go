// Package people is who may use Village and what each may do: roles and
// their permissions, users, passwords (hashed with argon2id, under a
// policy), the lockout after repeated failed sign-ins, and sessions and
// personal access tokens as values. It stores nothing and serves nothing:
// the store keeps users, sessions and tokens, and the web signs people in.
//
// Partners see publishable figures; agency-owned records (from issue 15
// on) only their agency's. A role's permissions decide which figures a
// person sees; Scope.MayRead decides which agency-owned records they
// reach, and every place that reads such a record asks it first. No data
// in Village is owned by an agency yet: the partnership decision register
// and early help (issues 15 and 16) will be the first.
package people

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Role is what a person is to Village, and so what they may do.
type Role string

// The roles, least privilege each.
const (
	Administrator Role = "administrator" // users and settings; no figures
	Analyst       Role = "analyst"       // exact figures and, with a reason, children's IDs and journeys
	Manager       Role = "manager"       // exact figures, no identifiers
	Partner       Role = "partner"       // publishable figures only, for their agency
	Auditor       Role = "auditor"       // the audit log only
)

// Roles are every role, in the order they are listed.
var Roles = []Role{Administrator, Analyst, Manager, Partner, Auditor}

// Permission is one thing a role may do.
type Permission string

// The permissions.
const (
	ExactFigures       Permission = "exact figures"       // counts as they are, small ones included
	PublishableFigures Permission = "publishable figures" // counts of 1 to 5 suppressed
	ChildIdentifiers   Permission = "child identifiers"   // children's IDs and journeys, each view with a reason
	ManageUsers        Permission = "manage users"        // users, roles, tokens and settings
	ReadAudit          Permission = "read audit"          // the audit log
)

// permissions are what each role may do.
var permissions = map[Role][]Permission{
	Administrator: {ManageUsers},
	Analyst:       {ExactFigures, PublishableFigures, ChildIdentifiers},
	Manager:       {ExactFigures, PublishableFigures},
	Partner:       {PublishableFigures},
	Auditor:       {ReadAudit},
}

// ParseRole reads a role's name, as the constants spell it.
func ParseRole(name string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(name)))
	if _, ok := permissions[r]; !ok {
		return "", fmt.Errorf("no role %q: expected one of %s", name, roleNames())
	}
	return r, nil
}

func roleNames() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// May reports whether the role has the permission. An unknown role may do
// nothing.
func (r Role) May(p Permission) bool { return slices.Contains(permissions[r], p) }

// Permissions are what the role may do.
func (r Role) Permissions() []Permission { return slices.Clone(permissions[r]) }

// User is a person who may sign in: with a local password, or through an
// identity provider that knows them by Subject.
type User struct {
	Name         string // what they sign in with, such as "r.analyst"
	DisplayName  string // as pages greet them; may be blank
	Role         Role
	Agency       string // a partner's agency, such as "police"; blank for the council's own staff
	Disabled     bool
	PasswordHash string // an argon2id PHC string; blank when they sign in elsewhere
	Subject      string // the identity provider's subject; blank for a local account
	// Email is where the decision register's notices reach them; blank
	// when not known (see CheckEmail).
	Email string
	// Authorities are the GSS codes of the authorities whose children they
	// may see, such as E06000999; none is every authority, which only a
	// store of one authority allows (see Serving.Admits).
	Authorities []string
	Created     time.Time
}

// maxNameLength bounds a user's name.
const maxNameLength = 100

// CheckName says whether name can name a user: 1 to 100 letters, digits
// and . _ @ -, starting with a letter or digit.
func CheckName(name string) error {
	if name == "" || len(name) > maxNameLength {
		return fmt.Errorf("a user's name is 1 to %d characters; %d given", maxNameLength, len(name))
	}
	for i, r := range name {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && strings.ContainsRune("._@-", r))
		if !ok {
			return fmt.Errorf("user name %q: character %d (%q) is not a letter, digit, or . _ @ - after the first", name, i+1, r)
		}
	}
	return nil
}

// Check says whether the user can be kept: a valid name, a role, an
// agency for a partner (and for no one else), and a way to sign in.
func (u User) Check() error {
	if err := CheckName(u.Name); err != nil {
		return err
	}
	if _, err := ParseRole(string(u.Role)); err != nil {
		return fmt.Errorf("user %s: %w", u.Name, err)
	}
	if err := CheckAgency(u.Role, u.Agency); err != nil {
		return fmt.Errorf("user %s: %w", u.Name, err)
	}
	if u.PasswordHash == "" && u.Subject == "" {
		return fmt.Errorf("user %s has neither a password nor an identity provider's subject", u.Name)
	}
	if u.Email != "" {
		if err := CheckEmail(u.Email); err != nil {
			return fmt.Errorf("user %s: %w", u.Name, err)
		}
	}
	if err := CheckAuthorities(u.Authorities); err != nil {
		return fmt.Errorf("user %s: %w", u.Name, err)
	}
	return nil
}

// maxEmailLength bounds an email address, as RFC 5321 bounds a path.
const maxEmailLength = 254

// CheckEmail says whether address is one email address as RFC 5322
// writes it (net/mail reads it), and nothing more: no display name, no
// comment, no second address, no line break, no space around it. What is
// kept is exactly what mail is sent to, so nothing typed can add a
// recipient or a header.
func CheckEmail(address string) error {
	if address == "" || len(address) > maxEmailLength {
		return fmt.Errorf("email address: expected 3 to %d characters, such as j.lead@council.gov.uk; %d given", maxEmailLength, len(address))
	}
	parsed, err := mail.ParseAddress(address)
	if err != nil {
		return fmt.Errorf("email address %q: expected one address, such as j.lead@council.gov.uk: %v", clipText(address), err)
	}
	if parsed.Name != "" || parsed.Address != address {
		return fmt.Errorf("email address %q: expected the address alone, such as j.lead@council.gov.uk, without a name, brackets or comment", clipText(address))
	}
	return nil
}

// clipText is s cut to 60 bytes, for an error.
func clipText(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// CheckAgency says whether a role goes with an agency: a partner needs
// one, and no one else has one.
func CheckAgency(r Role, agency string) error {
	switch {
	case r == Partner && strings.TrimSpace(agency) == "":
		return errors.New("a partner needs an agency (--agency), such as health, police or schools")
	case r != Partner && agency != "":
		return fmt.Errorf("only a partner has an agency; a %s has none", r)
	}
	return nil
}
