// Package web serves Village's pages and their JSON: the headline
// indicators, one page per indicator with its control chart and
// breakdowns, an audited drill-down to the IDs of the children behind a
// number, the validation status of each loaded year with each rule's
// explanation, the forecast of children looked after and their cost with
// fan charts and its backtest, and an API behind every page (/api/...) so that Power BI or
// Excel can read the same numbers.
//
// Pages are rendered on the server from html/template in the GOV.UK
// Design System's markup, styled by its stylesheet (built from the
// govuk-frontend npm package into static/govuk and embedded), and need no
// JavaScript.
//
// The server runs in one of two modes. For analysts (the default) it shows
// exact figures under a banner saying they are not for publication, and
// links each count to the IDs of the children behind it, shown only after
// the reason is given and every child's access written to the audit log.
// Publishable, it suppresses counts of 1 to 5, and figures derived from
// them, as "c", and offers no IDs at all.
//
// Who makes each request travels with it: a middleware puts the actor in
// the request's context (see Identity), and the drill-down reads it from
// there, refusing with 401 a request that names no one. When people sign
// in (Identity.Accounts), no route but the sign-in page answers without a
// session or token, and each checks the person's role first (roles.go).
// A Server shows one
// snapshot of the store; Live serves the store as it is now, building a
// new Server in the background after each load.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/earlyhelp"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/placements"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Stylesheets returns the GOV.UK Frontend stylesheet and Village's own,
// as the server gives them, for pages served elsewhere (village site).
func Stylesheets() (govuk, village []byte) {
	govuk, _ = staticFiles.ReadFile("static/govuk/govuk-frontend.min.css")
	village, _ = staticFiles.ReadFile("static/village.css")
	return govuk, village
}

var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// Store is what the pages need of the store: the years loaded and their
// validation failures, the history of loads, and the audit log.
// *store.Store has these methods.
type Store interface {
	Years(ctx context.Context) ([]calendar.Year, error)
	Loads(ctx context.Context) ([]store.Load, error)
	Failures(ctx context.Context, y calendar.Year) ([]store.Failure, error)
	AuditAll(ctx context.Context, accesses []store.Access) error
}

// Options are what a server shows and how.
type Options struct {
	Set        *journey.Set          // every child's journey
	Population indicators.Population // the 0-17 population, for rates; nil when not known
	Period     calendar.Period       // the period the pages are for unless one is asked for
	// Store gives the validation status and keeps the audit log. Without
	// one the validation page says so and the drill-down is refused, as
	// an access that cannot be audited must be.
	Store       Store
	Publishable bool // suppress counts of 1 to 5 and offer no drill-down
	// Identity says how each request's actor, the person the audit log
	// records, is known. Handlers read the actor from the request's
	// context (app.ActorFrom), never from here. The zero Identity knows
	// no one, so the drill-down is refused.
	Identity Identity
	Log      *slog.Logger
	// Forecast, when set, has the /forecast page project the children
	// looked after in Set from its DataEnd, with these options, and
	// backtest the model. Both are worked out in the background when the
	// server starts; ForecastReady says when they are done.
	Forecast *forecast.Options
	// Front is every child's front door from the CIN censuses loaded, for
	// the /front-door page and the child's page; nil or empty when none is.
	Front *frontdoor.Set
	// EarlyHelp is the early help and HAF files loaded, linked with the
	// CIN census, for /early-help and /flows; nil when none are.
	EarlyHelp *earlyhelp.Data
	// Families is the family links loaded, with the returns' children's
	// pseudonyms, for /families (recurrent care); nil when none are.
	Families *app.Families
	// AccessLog, when set, gets one line for each request (see logged).
	AccessLog *slog.Logger
	// Notifier tells the leads of each decision recorded in the register
	// (decisions.go); nil tells no one beyond the register.
	Notifier decisions.Notifier
	// National is the DfE's published tables, for comparing the
	// authority with England, its region and its neighbours
	// (benchmark.go); nil when none were given. Authority is the
	// authority's GSS code in them; "" for the one its returns name.
	National  *published.Tables
	Authority string
	// Now is the decision register's clock, which says which notices are
	// overdue and which escalated; nil for time.Now. Tests move it on.
	Now func() time.Time
	// Supply is what the /sufficiency page weighs the need against: own
	// foster carers and the Ofsted lists; its Forecast is the server's.
	Supply placements.Supply
	// Limiter bounds each person's (or, for a request naming no one, each
	// address's) child-level requests; New makes one when it is nil.
	Limiter *Limiter
}

// Server holds what the pages show.
type Server struct {
	Options
	// validation is each loaded year's validation status, summarised once
	// when the server starts: the failures change only with a load.
	validation []yearStatus
	// validationProblem says why there is no validation status, if so.
	validationProblem string
	cache             values
	warmed            chan struct{} // closed once the months are computed
	projection        projection
	frontDoorCache    cinCache // the CIN figures of each year, once computed
	earlyHelpCache    ehCache  // the early help figures of each year, once computed
	twin              twin     // the publishable routes, for partners (roles.go)
	benchmarks        benchmarkCache
	evaluations       evaluationCache // the interventions' evaluations (evaluation.go)
}

// New returns a server for the options, reading the validation status of
// every loaded year from the store.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Set == nil {
		return nil, errors.New("web: no journeys to serve")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Limiter == nil {
		o.Limiter = DefaultLimiter()
	}
	s := &Server{Options: o}
	s.startForecast()
	s.warm()
	if o.Store == nil {
		s.validationProblem = "No store was given, so the validation status of the loaded years is not known."
		return s, nil
	}
	status, err := summariseValidation(ctx, o.Store)
	if err != nil {
		return nil, err
	}
	s.validation = status
	return s, nil
}

// routes returns the pages and API by their patterns.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static") // the folder is embedded, so this cannot fail
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		// Browsers ask for it whatever the pages link to.
		http.ServeFileFS(w, r, static, "favicon.svg")
	})
	mux.HandleFunc("GET /{$}", s.overview)
	mux.HandleFunc("GET /indicators/{id}", s.indicator)
	mux.HandleFunc("GET /indicators/{id}/children", s.children)
	mux.HandleFunc("POST /indicators/{id}/children", s.limited(s.children))
	mux.HandleFunc("POST /children", s.limited(s.childJourney))
	mux.HandleFunc("GET /validation", s.validationPage)
	mux.HandleFunc("GET /validation/failures/{code}", s.validationFailures)
	mux.HandleFunc("POST /validation/failures/{code}", s.limited(s.validationFailures))
	mux.HandleFunc("GET /rules", s.rulesIndex)
	mux.HandleFunc("GET /rules/{code}", s.rule)
	mux.HandleFunc("GET /api/indicators", s.apiIndicators)
	mux.HandleFunc("GET /api/summary", s.apiSummary)
	mux.HandleFunc("GET /api/indicators/{id}", s.apiIndicator)
	mux.HandleFunc("GET /api/validation", s.apiValidation)
	mux.HandleFunc("GET /api/rules/{code}", s.apiRule)
	mux.HandleFunc("GET /front-door", s.frontDoor)
	mux.HandleFunc("GET /front-door/{id}", s.frontDoorIndicator)
	mux.HandleFunc("GET /front-door/{id}/children", s.frontDoorChildren)
	mux.HandleFunc("POST /front-door/{id}/children", s.limited(s.frontDoorChildren))
	mux.HandleFunc("GET /api/front-door", s.apiFrontDoor)
	mux.HandleFunc("GET /api/front-door/{id}", s.apiFrontDoorIndicator)
	mux.HandleFunc("GET /early-help", s.earlyHelp)
	mux.HandleFunc("GET /early-help/{id}", s.earlyHelpIndicator)
	mux.HandleFunc("GET /api/early-help", s.apiEarlyHelp)
	mux.HandleFunc("GET /flows", s.flows)
	mux.HandleFunc("GET /api/flows", s.apiFlows)
	mux.HandleFunc("GET /forecast", s.forecastHTML)
	mux.HandleFunc("GET /forecast/method", s.method)
	mux.HandleFunc("GET /api/forecast", s.apiForecast)
	mux.HandleFunc("GET /api/benchmark", s.apiBenchmark)
	mux.HandleFunc("GET /api/benchmark/{id}", s.apiBenchmarkIndicator)
	mux.HandleFunc("GET /placements/attention", s.placementsAttention)
	mux.HandleFunc("POST /placements/attention", s.limited(s.placementsAttention))
	mux.HandleFunc("GET /sufficiency", s.sufficiency)
	mux.HandleFunc("GET /families", s.familiesHTML)
	mux.HandleFunc("GET /api/families", s.apiFamilies)
	mux.HandleFunc("GET /families/children", s.familiesChildren)
	mux.HandleFunc("POST /families/children", s.limited(s.familiesChildren))
	mux.HandleFunc("/", s.notFound)
	s.accountRoutes(mux)
	s.decisionRoutes(mux)
	s.decisionExportRoutes(mux)
	s.interventionRoutes(mux)
	s.noticeRoutes(mux)
	s.signOnRoutes(mux)
	s.regionRoutes(mux)
	return mux
}

// Handler returns the routes, each behind the check of the request's
// role (roles.go), protected against cross-origin requests, for the
// person the request's session, token or identity names (session.go).
func (s *Server) Handler() http.Handler {
	return guarded(s.authenticate(s.logged(bounded(http.NewCrossOriginProtection().Handler(s.authorize(s.routes()))))))
}

// Identity is how the server knows who makes each request: by a session
// or token of Accounts, or, on a single-user machine serving only its
// loopback address, the local person or a trusted proxy's header, who
// then act as analysts.
type Identity struct {
	// Header, when set, names the header in which a trusted reverse proxy
	// that has authenticated the user passes their name, such as
	// X-Remote-User (Apache's and nginx's authentication modules set one).
	// The server must then be reachable only through that proxy, which
	// must replace any such header a browser sends. A request without
	// it has no actor, and is refused the children's IDs.
	Header string
	// Local is the one person using a server on their own machine, when
	// Header is not set.
	Local app.Actor
	// Accounts, when set, signs people in with local accounts (or, later,
	// an identity provider): every request must then come with a session
	// or a personal access token, and Header and Local are not used.
	Accounts *app.Accounts
	// SingleSignOn, when set with Accounts, lets people sign in through
	// their organisation's identity provider as well.
	SingleSignOn SingleSignOn
	// BehindTLS says that the server is reached over HTTPS through a
	// reverse proxy, so that the session cookie is marked Secure even
	// though the proxy speaks plain HTTP to it.
	BehindTLS bool
}

// maxNameLength bounds a name taken from a header.
const maxNameLength = 200

// actor is the person making the request, if known.
func (id Identity) actor(r *http.Request) (app.Actor, bool) {
	if id.Header == "" {
		return id.Local, strings.TrimSpace(id.Local.Name) != ""
	}
	values := r.Header.Values(id.Header)
	if len(values) != 1 {
		return app.Actor{}, false // none, or a proxy that added one to the browser's
	}
	name := strings.TrimSpace(values[0])
	if name == "" || len(name) > maxNameLength || strings.ContainsFunc(name, unicode.IsControl) {
		return app.Actor{}, false
	}
	return app.Actor{Name: name, IdentifiedBy: app.ByHeader(id.Header)}, true
}

// guarded sets the headers every response carries. The pages hold figures
// about children, and the drill-down their IDs: nothing is kept in a
// browser's or proxy's cache, nothing is loaded from elsewhere or framed by
// another site, and no address is passed on as a referrer.
func guarded(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := w.Header()
		header.Set("Cache-Control", "no-store")
		header.Set("Content-Security-Policy",
			"default-src 'self'; img-src 'self' data:; script-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		header.Set("X-Content-Type-Options", "nosniff")
		header.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// mode names the mode for the API: "exact" or "publishable".
func (s *Server) mode() string {
	if s.Publishable {
		return "publishable"
	}
	return "exact"
}

// page is what every page's layout needs besides its own content.
type page struct {
	Title       string  // the page's h1, and the start of its <title>
	Publishable bool    // which banner to show
	SignsIn     bool    // people sign in, so the menu offers signing out
	Crumbs      []crumb // the breadcrumbs above the h1, if any
	Nav         string  // the navigation item that is current: "overview", "front-door", "validation" or "forecast"
	FrontDoor   bool    // a CIN census is loaded, so the navigation links to /front-door
	EarlyHelp   bool    // early help or HAF files are loaded, so the navigation links to /early-help
	Families    bool    // a family-link file is loaded, so the navigation links to /families
	Decisions   bool    // the store keeps a decision register, so the navigation links to /decisions
	Region      bool    // the store keeps regional groups, so the navigation links to /region
	Waiting     int     // the notices the person signed in is to acknowledge, counted beside Decisions (register pages only)
	JSON        string  // the address of the page's JSON, if any
	Refresh     int     // seconds after which the browser is to load the page again; 0 for never
	Content     any     // the page's own data
}

type crumb struct{ Text, Href string }

// render executes a template into a buffer first, so that a failure
// gives a clean error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	p.Publishable = s.Publishable
	p.FrontDoor = s.frontDoorLoaded()
	p.EarlyHelp = s.earlyHelpLoaded()
	p.Families = s.familiesLoaded()
	_, p.Decisions = s.Store.(decisionStore)
	_, p.Region = s.Store.(regionStore)
	p.SignsIn = s.Identity.Accounts != nil
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, p); err != nil {
		s.Log.Error("rendering a page", "template", name, "err", err)
		http.Error(w, "The page could not be drawn.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// problem renders a page that says what went wrong, with the status.
func (s *Server) problem(w http.ResponseWriter, status int, title, text string) {
	s.render(w, status, "problem.html", page{Title: title, Content: text})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.problem(w, http.StatusNotFound, "Page not found", "There is no page at "+r.URL.Path+". Start again from the overview.")
}

// refuse answers a request that cannot be met: for the API as JSON with
// apiText, for a page as a problem page with its title and text.
func (s *Server) refuse(w http.ResponseWriter, asJSON bool, status int, title, text, apiText string) {
	if asJSON {
		s.jsonError(w, status, apiText)
		return
	}
	s.problem(w, status, title, text)
}

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		s.Log.Error("writing JSON", "err", err)
		http.Error(w, `{"error": "the JSON could not be written"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// jsonError answers an API request that cannot be met.
func (s *Server) jsonError(w http.ResponseWriter, status int, text string) {
	s.writeJSON(w, status, map[string]string{"mode": s.mode(), "error": text})
}

// periodHint says how to write a period.
const periodHint = calendar.PeriodForms

// periodAsked returns the period the request asks for (its "period"
// parameter), or the server's when it asks for none.
func (s *Server) periodAsked(r *http.Request) (calendar.Period, error) {
	text := r.URL.Query().Get("period")
	if text == "" {
		return s.Period, nil
	}
	return calendar.ParsePeriod(text)
}

// periodOrRefuse returns the period the request asks for, or answers that
// it cannot be read, as JSON for the API or as a page.
func (s *Server) periodOrRefuse(w http.ResponseWriter, r *http.Request, asJSON bool) (calendar.Period, bool) {
	p, err := s.periodAsked(r)
	if err != nil {
		s.refuse(w, asJSON, http.StatusBadRequest, "Period not recognised", "Enter the period as "+periodHint+".", "period: expected "+periodHint)
		return p, false
	}
	if cover := s.Set.Cover(p); cover.None() {
		s.noData(w, asJSON, cover)
		return p, false
	}
	return p, true
}

// indicatorAsked returns the indicator named in the address and the
// period asked for, or answers that there is no such indicator or the
// period cannot be read, as JSON for the API or as a page.
func (s *Server) indicatorAsked(w http.ResponseWriter, r *http.Request, asJSON bool) (*indicators.Indicator, calendar.Period, bool) {
	ind := indicators.Find(r.PathValue("id"))
	if ind == nil {
		if asJSON {
			s.jsonError(w, http.StatusNotFound, "no indicator "+r.PathValue("id")+"; /api/indicators lists them")
		} else {
			s.notFound(w, r)
		}
		return nil, calendar.Period{}, false
	}
	p, ok := s.periodOrRefuse(w, r, asJSON)
	return ind, p, ok
}

// query returns "?period=..." for links from a page for period p, or ""
// when p is the server's own period.
func (s *Server) query(p calendar.Period, extra ...string) string {
	v := url.Values{}
	if c := code(p); c != code(s.Period) {
		v.Set("period", c)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	if len(v) == 0 {
		return ""
	}
	// A space, as in "2025/26 Q1", is written %20 rather than +, which
	// the page's escaping would turn into &#43;.
	return "?" + strings.ReplaceAll(v.Encode(), "+", "%20")
}

// code returns how a period is written in an address and in the period
// chooser, as calendar.ParsePeriod reads it.
func code(p calendar.Period) string { return p.Code() }

// previous is the period the pages compare p with: the same period a
// year earlier.
func previous(p calendar.Period) calendar.Period { return p.YearEarlier() }

// trend is the months a chart shows: the 36 to the period's last day.
func trend(p calendar.Period) []calendar.Period {
	return indicators.Months(calendar.Period{Start: p.End.AddYears(-3).AddDays(1)}, p)
}

// recentMonths is how far back a signal must reach to be noted on the
// overview, as in the pack's headline table.
const recentMonths = 12
