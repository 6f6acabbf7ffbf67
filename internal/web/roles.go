package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
)

// public are the routes anyone may reach without signing in: the sign-in
// page and what pages are drawn with.
var public = map[string]bool{
	"GET /static/":        true,
	"GET /favicon.ico":    true,
	"GET /sign-in":        true,
	"POST /sign-in":       true,
	"GET " + SignOnPath:   true,
	"GET " + CallbackPath: true,
}

// anyone marks a route any signed-in person may reach, whatever their role.
const anyone people.Permission = ""

// routePermissions say what a role must be allowed to reach each route,
// by its pattern. A route not listed needs exact figures: a new page is
// closed to partners until someone decides it may be open to them.
var routePermissions = map[string]people.Permission{
	"GET /{$}":                         people.PublishableFigures,
	"GET /indicators/{id}":             people.PublishableFigures,
	"GET /api/indicators":              people.PublishableFigures,
	"GET /api/summary":                 people.PublishableFigures,
	"GET /api/indicators/{id}":         people.PublishableFigures,
	"GET /front-door":                  people.PublishableFigures,
	"GET /front-door/{id}":             people.PublishableFigures,
	"GET /api/front-door":              people.PublishableFigures,
	"GET /api/front-door/{id}":         people.PublishableFigures,
	"GET /api/benchmark":               people.PublishableFigures,
	"GET /api/benchmark/{id}":          people.PublishableFigures,
	"GET /early-help":                  people.PublishableFigures,
	"GET /early-help/{id}":             people.PublishableFigures,
	"GET /api/early-help":              people.PublishableFigures,
	"GET /flows":                       people.PublishableFigures,
	"GET /api/flows":                   people.PublishableFigures,
	"GET /indicators/{id}/children":    people.ChildIdentifiers,
	"POST /indicators/{id}/children":   people.ChildIdentifiers,
	"GET /front-door/{id}/children":    people.ChildIdentifiers,
	"POST /front-door/{id}/children":   people.ChildIdentifiers,
	"POST /children":                   people.ChildIdentifiers,
	"GET /validation/failures/{code}":  people.ChildIdentifiers,
	"POST /validation/failures/{code}": people.ChildIdentifiers,
	"GET /validation":                  people.ExactFigures,
	"GET /api/validation":              people.ExactFigures,
	"GET /rules":                       anyone,
	"GET /rules/{code}":                anyone,
	"GET /api/rules/{code}":            anyone,
	"GET /forecast/method":             anyone,
	"GET /sign-out":                    anyone,
	"POST /sign-out":                   anyone,
	"/":                                anyone, // the page that says there is no such page
	"GET /audit":                       people.ReadAudit,
	"GET /people":                      people.ManageUsers,
	// The decision register is the partnership's: every role but the
	// auditor's, which the handlers refuse; partners see publishable counts.
	// The interventions register and the savings ledger are the council's
	// own finance-sensitive planning: analysts and managers (exact
	// figures) record and read them; partners may not (app.MayUseInterventions).
	// Their method is open to anyone, as the forecast's is.
	"GET /interventions":                        people.ExactFigures,
	"GET /interventions/new":                    people.ExactFigures,
	"POST /interventions":                       people.ExactFigures,
	"GET /interventions/{id}":                   people.ExactFigures,
	"GET /api/interventions":                    people.ExactFigures,
	"POST /api/interventions":                   people.ExactFigures,
	"GET /api/interventions/{id}":               people.ExactFigures,
	"GET /savings":                              people.ExactFigures,
	"GET /api/savings":                          people.ExactFigures,
	"GET /savings/method":                       anyone,
	"GET /decisions":                            anyone,
	"GET /decisions/new":                        anyone,
	"POST /decisions":                           anyone,
	"GET /decisions/{id}":                       anyone,
	"POST /decisions/{id}/acknowledgements":     anyone,
	"GET /api/decisions":                        anyone,
	"POST /api/decisions":                       anyone,
	"GET /api/decisions/{id}":                   anyone,
	"POST /api/decisions/{id}/acknowledgements": anyone,
	"POST /api/decisions/{id}/status":           anyone,
	"GET /api/notices":                          anyone,
	"POST /decisions/{id}/status":               anyone,
	// The register's exports and yearly report: the same roles as the
	// register (the handlers refuse the auditor); a partner's hold only
	// publishable counts.
	"GET /decisions.csv":                  anyone,
	"GET /decisions/acknowledgements.csv": anyone,
	"GET /decisions.xlsx":                 anyone,
	"GET /decisions/report":               anyone,
	"GET /decisions/report.xlsx":          anyone,
	"GET /decisions/report.csv":           anyone,
	"GET /api/decisions/report":           anyone,
	// Placements (issue 20): the daily list names children, so is the
	// analyst's, behind a reason and the audit log.
	"GET /placements/attention":  people.ChildIdentifiers,
	"POST /placements/attention": people.ChildIdentifiers,
	"GET /sufficiency":           people.ExactFigures,
	// Recurrent care (issue 20): figures for every role that sees figures,
	// publishable for partners; the children counted only for analysts,
	// behind a reason and the audit log. No page names a mother.
	"GET /families":           people.PublishableFigures,
	"GET /api/families":       people.PublishableFigures,
	"GET /families/children":  people.ChildIdentifiers,
	"POST /families/children": people.ChildIdentifiers,
	// The regional overview (issue 21): the figures published to every
	// member of the groups, for every role that sees figures.
	"GET /region":     people.PublishableFigures,
	"GET /api/region": people.PublishableFigures,
}

// permissionFor is what reaching the route with the pattern needs.
func permissionFor(pattern string) people.Permission {
	if p, ok := routePermissions[pattern]; ok {
		return p
	}
	return people.ExactFigures
}

// authorize checks, before any handler reads data, that the request's
// person may reach its route: no one signed in is sent to sign in (401
// for the API), and a role without the permission is refused 403. A
// partner's request is served in publishable mode, whatever the
// server's.
func (s *Server) authorize(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		if public[pattern] {
			mux.ServeHTTP(w, r)
			return
		}
		who, ok := app.ActorFrom(r.Context())
		if !ok {
			s.toSignIn(w, r)
			return
		}
		role := people.Role(who.Role)
		if need := permissionFor(pattern); need != anyone && !role.May(need) {
			s.forbid(w, r, role)
			return
		}
		if role == people.Partner && !s.Publishable {
			s.publishableRoutes().ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// toSignIn answers a request from no one: 401 for the API, and for a
// page the sign-in page, coming back to the page afterwards (or 401 when
// this server does not sign people in, but a proxy should have).
func (s *Server) toSignIn(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		s.unauthorised(w, "sign in first: send Authorization: Bearer with a personal access token (village tokens add)")
		return
	}
	if s.Identity.Accounts == nil {
		s.problem(w, http.StatusUnauthorized, "Sign in to see this page",
			"This request did not say who you are. Sign in through your organisation's login, or ask whoever runs Village.")
		return
	}
	next := ""
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		next = "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, "/sign-in"+next, http.StatusSeeOther)
}

// forbid refuses a request the person's role does not allow.
func (s *Server) forbid(w http.ResponseWriter, r *http.Request, role people.Role) {
	text := "Your role (" + string(role) + ") does not allow this page. Ask whoever runs Village if you need it."
	s.refuse(w, isAPI(r), http.StatusForbidden, "You cannot see this page", text,
		"the role "+string(role)+" may not see this")
}

// twin is a server's publishable counterpart, for partners, made when
// the first partner asks.
type twin struct {
	once   sync.Once
	routes http.Handler
}

// publishableRoutes are the routes of a server like s but publishable,
// with no forecast (partners may not see it), made once.
func (s *Server) publishableRoutes() http.Handler {
	s.twin.once.Do(func() {
		o := s.Options
		o.Publishable, o.Forecast = true, nil
		pub, err := New(context.Background(), o)
		if err != nil {
			s.Log.Error("making the publishable pages for partners", "err", err)
			s.twin.routes = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s.refuse(w, isAPI(r), http.StatusInternalServerError, "Sorry, there is a problem",
					"The publishable figures could not be drawn.", "the publishable figures could not be drawn")
			})
			return
		}
		s.twin.routes = pub.routes()
	})
	return s.twin.routes
}

// landing is where a person goes after signing in, unless they were on
// their way to a page: the first page their role may see.
func landing(role people.Role) string {
	switch {
	case role.May(people.PublishableFigures):
		return "/"
	case role.May(people.ReadAudit):
		return "/audit"
	case role.May(people.ManageUsers):
		return "/people"
	}
	return "/rules"
}

// safeNext is the page to go to after signing in, if next is a path on
// this server (not another site's address).
func safeNext(next string) (string, bool) {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "", false
	}
	return next, true
}
