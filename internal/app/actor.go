package app

import (
	"context"
	"errors"
	"os"
	"os/user"
	"strings"
)

// Actor is the person a use case acts for: the name the audit log records
// as who, how that name was established, so that the log says how far to
// trust it, and their role, which says what they may see.
type Actor struct {
	Name         string // as the audit log records it, such as "r.analyst"
	IdentifiedBy string // how, such as "the reverse proxy's X-Remote-User header"
	Role         string // a people.Role, such as "analyst"; blank for none, which may do nothing
	Agency       string // a partner's agency, such as "police"; blank for the council's own staff
}

// Ways an actor is identified today, for Actor.IdentifiedBy.
const (
	ByOperatingSystem = "the operating-system user"
	ByFlag            = "the --user flag"
	BySession         = "a password sign-in session"
	BySingleSignOn    = "a single sign-on session"
	ByToken           = "a personal access token"
)

// ByHeader is how an actor named by a trusted reverse proxy's header is
// identified.
func ByHeader(header string) string {
	return "the reverse proxy's " + header + " header"
}

// ErrNoActor is the error of a use case given no one to act for.
var ErrNoActor = errors.New("no one is identified as making this request")

// check says whether the actor names someone.
func (a Actor) check() error {
	if strings.TrimSpace(a.Name) == "" {
		return ErrNoActor
	}
	return nil
}

// actorKey is the context key of the actor.
type actorKey struct{}

// WithActor returns ctx carrying the actor. The web's middleware calls it
// for each request; a sign-in session will do the same.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries, and whether it carries one
// that names someone.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok && a.check() == nil
}

// LocalActor is the person at this machine's keyboard: name when it is
// given (by --user), or else the operating-system user.
func LocalActor(name string) Actor {
	if name = strings.TrimSpace(name); name != "" {
		return Actor{Name: name, IdentifiedBy: ByFlag}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return Actor{Name: u.Username, IdentifiedBy: ByOperatingSystem}
	}
	if name := os.Getenv("USER"); name != "" {
		return Actor{Name: name, IdentifiedBy: ByOperatingSystem}
	}
	return Actor{Name: "unknown", IdentifiedBy: ByOperatingSystem}
}
