package web

import (
	"errors"
	"net/http"

	"github.com/village-uk/village/internal/app"
)

// SingleSignOn is an identity provider people sign in through, such as
// an OpenID Connect issuer (internal/oidc, wired in by the command).
type SingleSignOn interface {
	// Begin sends the browser to the provider to sign in.
	Begin(w http.ResponseWriter, r *http.Request)
	// Finish completes the sign-in the provider sends the browser back
	// with, and says who the person is and the role their claims map to.
	// An error wrapping ErrNoAccess is a person signed in whom Village
	// refuses; the ExternalPerson then still names them, for the audit log.
	Finish(w http.ResponseWriter, r *http.Request) (app.ExternalPerson, error)
}

// ErrNoAccess is the error of a person the provider signed in whose
// claims map to no Village role.
var ErrNoAccess = errors.New("signed in, but given no role in Village")

// Single sign-on's routes: where the sign-in page sends the browser, and
// the redirect URL registered with the provider.
const (
	SignOnPath   = "/auth/signin"
	CallbackPath = "/auth/callback"
)

// signOnRoutes adds single sign-on's routes when a provider is set.
func (s *Server) signOnRoutes(mux *http.ServeMux) {
	if s.Identity.SingleSignOn == nil {
		return
	}
	mux.HandleFunc("GET "+SignOnPath, s.Identity.SingleSignOn.Begin)
	mux.HandleFunc("GET "+CallbackPath, s.signOnCallback)
}

// signOnCallback finishes a single sign-on: a person with a role gets a
// new session (SignInElsewhere); one without is refused and the refusal
// audited; a sign-in that failed (a stale or forged reply, a provider
// that cannot be reached) is refused with a page that offers to try again.
func (s *Server) signOnCallback(w http.ResponseWriter, r *http.Request) {
	person, err := s.Identity.SingleSignOn.Finish(w, r)
	switch {
	case errors.Is(err, ErrNoAccess):
		if s.Identity.Accounts != nil {
			if err := s.Identity.Accounts.RefuseExternal(r.Context(), person.Name, person.IdentifiedBy, clientAddress(r)); err != nil {
				s.Log.Error("recording a refused single sign-on in the audit log", "err", err)
			}
		}
		s.problem(w, http.StatusForbidden, "You have no access to Village",
			"You signed in, but your organisation's groups give you no role in Village. Ask whoever runs Village to add you to a group for your role.")
	case err != nil:
		s.Log.Warn("a single sign-on failed", "err", err)
		s.problem(w, http.StatusUnauthorized, "Sign-in failed",
			"Your organisation's sign-in did not complete. Go back to the sign-in page and try again.")
	default:
		s.SignInElsewhere(w, r, person)
	}
}
