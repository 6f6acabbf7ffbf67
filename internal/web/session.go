package web

import (
	"errors"
	"net"
	"net/http"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
)

// SessionCookie names the cookie that holds a signed-in browser's session
// secret.
const SessionCookie = "village_session"

// authenticate puts each request's person in its context as an
// app.Actor with their role: from a personal access token
// (Authorization: Bearer) or a session cookie when the server signs
// people in, or else the single-user machine's local person or trusted
// proxy's header, who act as analysts. A request naming no one goes on
// without an actor, and authorize turns it away unless its page is public.
func (s *Server) authenticate(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok, err := s.actorOf(r)
		switch {
		case errors.Is(err, errBadToken):
			s.unauthorised(w, "the token is not valid: it may be revoked or expired")
			return
		case err != nil:
			s.Log.Error("knowing who made a request", "err", err)
			s.refuse(w, isAPI(r), http.StatusInternalServerError, "Sorry, there is a problem",
				"Village could not check who you are. Try again later.", "who made the request could not be checked")
			return
		case ok:
			r = r.WithContext(app.WithActor(r.Context(), a))
		}
		h.ServeHTTP(w, r)
	})
}

// errBadToken is the error of a request whose bearer token is refused.
var errBadToken = errors.New("the bearer token is refused")

// actorOf returns the person the request comes from, if known.
func (s *Server) actorOf(r *http.Request) (app.Actor, bool, error) {
	accounts := s.Identity.Accounts
	if accounts == nil {
		a, ok := s.Identity.actor(r)
		if ok && a.Role == "" {
			a.Role = string(people.Analyst)
		}
		return a, ok, nil
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return app.Actor{}, false, errBadToken
		}
		a, err := accounts.TokenActor(r.Context(), strings.TrimSpace(token))
		if errors.Is(err, app.ErrNotSignedIn) {
			return app.Actor{}, false, errBadToken
		}
		return a, err == nil, err
	}
	cookie, err := r.Cookie(SessionCookie)
	if err != nil {
		return app.Actor{}, false, nil
	}
	a, err := accounts.SessionActor(r.Context(), cookie.Value)
	if errors.Is(err, app.ErrNotSignedIn) {
		return app.Actor{}, false, nil
	}
	return a, err == nil, err
}

// unauthorised answers an API request that names no one, or with a token
// that is refused.
func (s *Server) unauthorised(w http.ResponseWriter, text string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="village"`)
	s.jsonError(w, http.StatusUnauthorized, text)
}

// isAPI reports whether the request is for the JSON API.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// setSession gives the browser the session's secret.
func (s *Server) setSession(w http.ResponseWriter, r *http.Request, secret string) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}

// clearSession tells the browser to forget its session.
func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}

// secure reports whether the session cookie is to be sent over HTTPS only.
func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.Identity.BehindTLS }

// clientAddress is where a request came from, for the audit log.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
