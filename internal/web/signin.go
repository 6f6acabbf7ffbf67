package web

import (
	"errors"
	"net/http"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
)

// accountRoutes adds signing in and out, the audit log's page and the
// list of users.
func (s *Server) accountRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /sign-in", s.signInPage)
	mux.HandleFunc("POST /sign-in", s.signIn)
	mux.HandleFunc("GET /sign-out", s.signOutPage)
	mux.HandleFunc("POST /sign-out", s.signOut)
	mux.HandleFunc("GET /audit", s.auditPage)
	mux.HandleFunc("GET /people", s.peoplePage)
}

// signInView is the sign-in page's content.
type signInView struct {
	Name  string // as typed, to type again less
	Next  string // the page to go to afterwards
	Error string
	Off   string // why no one can sign in here, when sign-in is not configured
	// SignOn is where to begin single sign-on, when a provider is set.
	SignOn string
}

// ErrorField is the id of the input an Error is about.
func (signInView) ErrorField() string { return "name" }

// maxSignInForm bounds the sign-in form's body.
const maxSignInForm = 16 << 10

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	v := signInView{Next: r.URL.Query().Get("next")}
	if s.Identity.SingleSignOn != nil {
		v.SignOn = SignOnPath
	}
	if _, ok := safeNext(v.Next); !ok {
		v.Next = ""
	}
	status := http.StatusOK
	if s.Identity.Accounts == nil {
		v.Off = "This server does not sign people in: it is for the one person using this machine."
		status = http.StatusNotFound
	}
	s.render(w, status, "signin.html", page{Title: "Sign in", Content: v})
}

// signIn checks the name and password and, when they are right, starts a
// new session, ending any the browser had: a session from before signing
// in is never honoured after it (session fixation).
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	accounts := s.Identity.Accounts
	if accounts == nil {
		s.signInPage(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSignInForm)
	if err := r.ParseForm(); err != nil {
		s.problem(w, http.StatusBadRequest, "Sign-in not understood", "The sign-in form could not be read. Try again.")
		return
	}
	v := signInView{Name: r.PostForm.Get("name"), Next: r.PostForm.Get("next")}
	if old, err := r.Cookie(SessionCookie); err == nil {
		if err := accounts.SignOut(r.Context(), old.Value, clientAddress(r)); err != nil {
			s.Log.Error("ending the session a browser had before signing in", "err", err)
		}
	}
	secret, who, err := accounts.SignIn(r.Context(), v.Name, r.PostForm.Get("password"), clientAddress(r))
	switch {
	case errors.Is(err, app.ErrLockedOut):
		v.Error = "There have been too many failed attempts to sign in with this name. Try again in 15 minutes."
	case errors.Is(err, app.ErrSignInFailed):
		v.Error = "Enter a correct name and password."
	case err != nil:
		s.Log.Error("signing in", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "Village could not sign you in. Try again later.")
		return
	}
	if v.Error != "" {
		s.clearSession(w, r)
		s.render(w, http.StatusUnauthorized, "signin.html", page{Title: "Sign in", Content: v})
		return
	}
	s.setSession(w, r, secret)
	next, ok := safeNext(v.Next)
	if !ok {
		next = landing(people.Role(who.Role))
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signOutPage(w http.ResponseWriter, r *http.Request) {
	who, _ := app.ActorFrom(r.Context())
	s.render(w, http.StatusOK, "signout.html", page{Title: "Sign out", Content: who})
}

// signOut ends the browser's session and sends it to the sign-in page.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if cookie, err := r.Cookie(SessionCookie); err == nil && s.Identity.Accounts != nil {
		if err := s.Identity.Accounts.SignOut(r.Context(), cookie.Value, clientAddress(r)); err != nil {
			s.Log.Error("signing out", "err", err)
			s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "Village could not sign you out. Try again.")
			return
		}
	}
	s.clearSession(w, r)
	http.Redirect(w, r, "/sign-in", http.StatusSeeOther)
}

// SignInElsewhere finishes a sign-in an identity provider has made (the
// OpenID Connect callback calls it with the person and the role their
// claims map to): any session the browser had ends, a new one starts and
// the browser goes to the first page the role may see.
func (s *Server) SignInElsewhere(w http.ResponseWriter, r *http.Request, p app.ExternalPerson) {
	accounts := s.Identity.Accounts
	if accounts == nil {
		s.problem(w, http.StatusNotFound, "Sign-in is not configured", "This server does not sign people in.")
		return
	}
	if old, err := r.Cookie(SessionCookie); err == nil {
		if err := accounts.SignOut(r.Context(), old.Value, clientAddress(r)); err != nil {
			s.Log.Error("ending the session a browser had before signing in", "err", err)
		}
	}
	secret, who, err := accounts.StartExternalSession(r.Context(), p, clientAddress(r))
	switch {
	case errors.Is(err, app.ErrNameTaken), errors.Is(err, app.ErrSignInFailed):
		s.clearSession(w, r)
		s.problem(w, http.StatusForbidden, "You cannot sign in to Village", "Your account here is disabled, or your name is another user's. Ask whoever runs Village.")
		return
	case err != nil:
		s.Log.Error("starting a single sign-on session", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "Village could not sign you in. Try again later.")
		return
	}
	s.setSession(w, r, secret)
	http.Redirect(w, r, landing(people.Role(who.Role)), http.StatusSeeOther)
}
