package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/web"
)

func serveCommand() *command {
	o := pagesOptions{forecast: servedForecast()}
	var hosts []string
	notifyEvery := defaultNotifyEvery
	c := &command{
		name: "serve",
		summary: "Serve Village's pages on this machine: the headline indicators, one page per indicator with its control chart and breakdowns, " +
			"the validation status of each loaded year, the front door from the CIN census, the forecast of children looked after and their cost with fan charts and its backtest " +
			"(worked out in the background at start-up; see village forecast), and the same numbers as JSON under /api/. Exact figures for analysts by default, " +
			"with each count linked to the IDs of its children (shown once a reason is given, and audited); --publishable suppresses " +
			"counts of 1 to 5 as c and offers no IDs. Once the store has local accounts (village users add), everyone signs in and sees what their role allows; " +
			"without them it serves the one person at this machine, on the loopback address only. Runs until stopped (Ctrl-C).",
		example: "village serve --population village-demo/population.csv",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &o.db)
			fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on; beyond this machine only once people sign in (village users add), with --tls-cert and --tls-key or --behind-tls")
			fs.StringVar(&o.tlsCert, "tls-cert", "", "serve HTTPS with this certificate (PEM; with its chain)")
			fs.StringVar(&o.tlsKey, "tls-key", "", "the certificate's private key (PEM)")
			fs.DurationVar(&o.expiry.Idle, "session-idle", people.DefaultExpiry.Idle, "a signed-in session ends after this long without a request")
			fs.DurationVar(&o.expiry.Absolute, "session-max", people.DefaultExpiry.Absolute, "a signed-in session ends this long after signing in, however busy")
			fs.BoolVar(&o.behindTLS, "behind-tls", false, "the pages are reached over HTTPS through a reverse proxy (such as nginx) that passes plain HTTP on to --addr: mark the session cookie Secure")
			fs.Func("host", "a host name the pages answer to, as browsers address them (such as village.council.gov.uk, or with a port); repeat for more. "+
				"Requests for any other host are refused, against DNS rebinding (default: localhost, 127.0.0.1, [::1] and --addr's host, with --addr's port)", func(v string) error {
				if strings.TrimSpace(v) == "" || strings.ContainsAny(v, "/ ") {
					return fmt.Errorf("%q is not a host name", v)
				}
				hosts = append(hosts, strings.TrimSpace(v))
				return nil
			})
			fs.StringVar(&o.populationFile, "population", "", "ONS mid-year estimates of the 0-17 population, for rates per 10,000 and the forecast's entry rates")
			placementPostcodesFlag(fs, &o.postcodesFile)
			fs.StringVar(&o.national, "national", "", "a folder of the DfE's published tables and statistical neighbours (or village synth --national's): "+
				"each indicator with a published counterpart is compared with England, its region and its neighbours, on its page and at /api/benchmark")
			fs.StringVar(&o.carersFile, "carers", "", "the authority's own foster carers (CSV), for the /sufficiency page")
			fs.StringVar(&o.providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated, for the /sufficiency page's provision near the authority")
			fs.StringVar(&o.periodText, "period", "", "the period the pages are for unless one is asked for: "+periodFlagHelp)
			fs.BoolVar(&o.publishable, "publishable", false, "show publishable figures: counts of 1 to 5, and figures derived from them, as c; no child IDs")
			fs.StringVar(&o.user, "user", "", "who is using the pages, for the audit log (default: the logged-in user)")
			fs.StringVar(&o.userHeader, "user-header", "", "take each request's user, for the audit log, from this header set by a trusted reverse proxy that signs users in, "+
				"such as X-Remote-User; requests without it are refused children's IDs. Only with --addr reachable through that proxy alone")
			fs.StringVar(&o.forecast.costsFile, "costs", "", "weekly unit costs for the forecast, CSV as village forecast --write-costs writes (default: Village's published defaults)")
			fs.Float64Var(&o.forecast.inflation, "inflation", o.forecast.inflation, "yearly uplift of the forecast's unit costs from the year of their prices")
			fs.StringVar(&o.forecast.scenarioFile, "scenario", "", "a scenario file (YAML) for the forecast page to compare with the baseline")
			fs.IntVar(&o.forecast.simulations, "simulations", o.forecast.simulations, "the forecast's simulations")
			fs.Uint64Var(&o.forecast.seed, "seed", o.forecast.seed, "the forecast's random seed: the same seed gives the same forecast")
			fs.DurationVar(&notifyEvery, "notify-every", notifyEvery, "how often to email the decision register's notices, reminders and escalations that are due (and once at start), "+
				"through the mail server the VILLAGE_SMTP_ variables name; without them the notices are shown only in the service")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		o.accessLog = accessLogOf(e)
		sender, err := noticesSender(e.log, notifyEvery)
		if err != nil {
			return err
		}
		wake := app.NewWaker()
		if sender != nil {
			o.notifier = wake // a decision recorded is emailed at once
		}
		handler, err := pagesHandlerWith(ctx, e, o)
		if err != nil {
			return err
		}
		return serveWith(ctx, o.addr, hosts, o.tlsCert, o.tlsKey, handler, func(url string) {
			if p, ok := handler.(*pages); ok && sender != nil {
				startNotices(ctx, e.log, p, sender, wake, pagesLink(url, hosts, o.tlsCert != "" || o.behindTLS), notifyEvery, nil)
			}
			mode := "exact figures for analysts, not for publication"
			if o.publishable {
				mode = "publishable figures"
			}
			fmt.Fprintf(e.stdout, "Village is serving %s on %s (Ctrl-C to stop).\n", mode, url)
		})
	}
	return c
}

// pagesOptions are what the pages are built from and how they show it.
type pagesOptions struct {
	db             string // the store
	populationFile string // "" when rates are not wanted
	postcodesFile  string // "" when placements are not to be located
	carersFile     string // own foster carers, for /sufficiency; "" for none
	providerFiles  string // Ofsted lists, comma separated, for /sufficiency; "" for none
	periodText     string // "" for the latest collection year stored
	publishable    bool
	user           string // "" for the logged-in user
	userHeader     string // the trusted proxy's header naming each request's user; "" for user
	addr           string // where the pages are served; "" when the caller checks that itself
	tlsCert        string // with tlsKey, serve HTTPS
	tlsKey         string
	behindTLS      bool               // reached over HTTPS through a reverse proxy
	expiry         people.Expiry      // how long sessions last; zero for the defaults
	forecast       forecastFlags      // the forecast's options; its population is populationFile
	accessLog      *slog.Logger       // one line a request; nil for none
	national       string             // the DfE's published tables, for comparing with England; "" for none
	notifier       decisions.Notifier // told of each decision's notices as it is recorded; nil for none
}

// accessLogOf is the access log of served pages: one line a request on
// standard error, apart from the audit log. village serve and village
// demo both keep it.
func accessLogOf(e *env) *slog.Logger { return slog.New(slog.NewTextHandler(e.stderr, nil)) }

// servedForecast is the forecast the pages show unless flags say
// otherwise: village forecast's defaults.
func servedForecast() forecastFlags {
	return forecastFlags{years: 5, simulations: 1000, seed: 1, inflation: 0.03}
}

// pagesHandler returns the pages for the store at db in analysts' mode,
// for the logged-in user, as village serve does by default. The store
// stays open until serve stops serving the handler.
func pagesHandler(ctx context.Context, e *env, db, populationFile, periodText string) (http.Handler, error) {
	return pagesHandlerWith(ctx, e, pagesOptions{db: db, populationFile: populationFile, periodText: periodText, forecast: servedForecast()})
}

// pagesHandlerWith returns the pages of the store, following it: a load
// while they are served shows up without a restart (see web.Live). The
// handler keeps the store open, for the journeys, the validation status
// and the audit log, and closes it when closed: serve does that once it
// has stopped serving.
func pagesHandlerWith(ctx context.Context, e *env, o pagesOptions) (http.Handler, error) {
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return nil, errors.New("give both --tls-cert and --tls-key, or neither")
	}
	pop, err := readPopulation(o.populationFile)
	if err != nil {
		return nil, err
	}
	var national *published.Tables
	if o.national != "" {
		if national, err = published.ReadDir(o.national); err != nil {
			return nil, err
		}
	}
	o.forecast.populationFile = o.populationFile
	fc, err := o.forecast.options()
	if err != nil {
		return nil, err
	}
	s, err := openStore(ctx, o.db)
	if err != nil {
		return nil, err
	}
	serving, err := servedAuthority(ctx, s, isServer(o.db))
	if err != nil {
		s.Close()
		return nil, err
	}
	identity, err := o.identityFor(ctx, s, serving)
	if err != nil {
		s.Close()
		return nil, err
	}
	jo, err := journeyOptions(o.postcodesFile)
	if err != nil {
		s.Close()
		return nil, err
	}
	supply, err := readSupply(o.carersFile, o.postcodesFile, o.providerFiles)
	if err != nil {
		s.Close()
		return nil, err
	}
	limiter := web.DefaultLimiter() // one for every rebuilt server
	build := func(ctx context.Context) (web.Options, error) {
		set, err := journeysWith(ctx, s, jo)
		if err != nil {
			return web.Options{}, err
		}
		period, err := periodOf(ctx, s, o.periodText)
		if err != nil {
			return web.Options{}, err
		}
		fc := fc // each server its own, with the end of its data
		if fc.DataEnd, err = dataEnd(ctx, s); err != nil {
			return web.Options{}, err
		}
		if err := fc.Check(); err != nil {
			return web.Options{}, fmt.Errorf("the forecast's options: %w", err)
		}
		censuses, err := s.CIN().Returns(ctx)
		if err != nil {
			return web.Options{}, err
		}
		partners, err := app.EarlyHelpData(ctx, s)
		if err != nil {
			return web.Options{}, err
		}
		links, err := app.FamiliesData(ctx, s)
		if err != nil {
			return web.Options{}, err
		}
		return web.Options{Set: set, Population: pop, Period: period, Store: s,
			Publishable: o.publishable, Identity: identity, Log: e.log, Forecast: &fc, Front: frontdoor.Build(censuses),
			AccessLog: o.accessLog, Limiter: limiter, National: national, Notifier: o.notifier, Supply: supply, EarlyHelp: partners, Families: links}, nil
	}
	live, err := web.NewLive(ctx, web.LiveOptions{Build: build, Version: func(ctx context.Context) (int64, error) { return storeVersion(ctx, s) }, Log: e.log})
	if err != nil {
		s.Close()
		return nil, err
	}
	return &pages{Handler: live, live: live, store: s}, nil
}

// identity says how the pages know who makes each request: from the
// proxy's header, or the one local user.
func (o pagesOptions) identity() (web.Identity, error) {
	switch {
	case o.userHeader != "" && o.user != "":
		return web.Identity{}, errors.New("give --user or --user-header, not both: --user names the one person using the pages on this machine")
	case o.userHeader != "":
		if !validHeaderName(o.userHeader) {
			return web.Identity{}, fmt.Errorf("--user-header %q is not a header name (letters, digits and -, such as X-Remote-User)", o.userHeader)
		}
		return web.Identity{Header: o.userHeader}, nil
	}
	return web.Identity{Local: app.LocalActor(o.user)}, nil
}

// identityFor says how the pages know who makes each request, for the
// store s: by signing in when it has local accounts or single sign-on is
// configured (the VILLAGE_OIDC_ variables); otherwise, on the
// loopback address only, the one local user or a trusted proxy's header.
// Only users given the authority served sign in (people.Serving.Admits).
func (o pagesOptions) identityFor(ctx context.Context, s *store.Store, serving people.Serving) (web.Identity, error) {
	accounts, err := s.People().HasLocalAccounts(ctx)
	if err != nil {
		return web.Identity{}, err
	}
	signOn, err := o.signOn(ctx)
	if err != nil {
		return web.Identity{}, err
	}
	accounts = accounts || signOn != nil
	loopback := isLoopback(o.addr)
	switch {
	case accounts && (o.user != "" || o.userHeader != ""):
		return web.Identity{}, errors.New("the store has accounts, so people sign in: leave out --user and --user-header")
	case accounts && !loopback && o.tlsCert == "" && !o.behindTLS:
		return web.Identity{}, fmt.Errorf("--addr %s reaches beyond this machine, and passwords and session cookies must not cross a network in clear: "+
			"give --tls-cert and --tls-key to serve HTTPS, or run behind a reverse proxy that serves HTTPS (such as nginx) and give --behind-tls", o.addr)
	case accounts && o.expiry != (people.Expiry{}) && (o.expiry.Idle <= 0 || o.expiry.Absolute <= 0 || o.expiry.Idle > o.expiry.Absolute):
		return web.Identity{}, fmt.Errorf("--session-idle %s and --session-max %s: expected both positive, the idle timeout no longer than the maximum", o.expiry.Idle, o.expiry.Absolute)
	case accounts:
		return web.Identity{Accounts: &app.Accounts{Directory: s.People(), Audit: s, Expiry: o.expiry, Serving: serving}, SingleSignOn: signOn, BehindTLS: o.behindTLS}, nil
	case !loopback:
		return web.Identity{}, fmt.Errorf("--addr %s reaches beyond this machine, and no one signs in to this store: "+
			"add accounts first (village users add --db %s --role analyst --password-stdin NAME), then serve with --tls-cert and --tls-key, "+
			"or behind a reverse proxy that serves HTTPS with --behind-tls; --user and --user-header are for the loopback address (127.0.0.1) alone", o.addr, o.db)
	}
	return o.identity()
}

// isLoopback reports whether addr listens on this machine alone: a
// loopback IP or localhost. A blank addr is the caller's to check.
func isLoopback(addr string) bool {
	if addr == "" {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validHeaderName says whether name can name a header.
func validHeaderName(name string) bool {
	for _, r := range name {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return name != ""
}

// pages is the web handler with the store it keeps open.
type pages struct {
	http.Handler
	live  *web.Live
	store *store.Store
}

// Close stops following the store and closes it.
func (p *pages) Close() error { return errors.Join(p.live.Close(), p.store.Close()) }

// serve listens on addr until ctx is done, then shuts down gracefully,
// letting requests in flight finish, and closes h if it is an io.Closer
// (the pages' store). It answers only requests for hosts, or with none
// given for the loopback names and addr's host at the port it listens
// on. ready is told the address once it is listening.
func serve(ctx context.Context, addr string, hosts []string, h http.Handler, ready func(url string)) (err error) {
	return serveWith(ctx, addr, hosts, "", "", h, ready)
}

// serveWith is serve over HTTPS with the certificate and key files when
// they are given.
func serveWith(ctx context.Context, addr string, hosts []string, certFile, keyFile string, h http.Handler, ready func(url string)) (err error) {
	if c, ok := h.(io.Closer); ok {
		defer func() { err = errors.Join(err, c.Close()) }()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if len(hosts) == 0 {
		hosts = web.DefaultHosts(ln.Addr().String())
	}
	srv := &http.Server{Handler: web.AllowHosts(hosts, nil, h), ReadHeaderTimeout: 10 * time.Second}
	scheme := "http://"
	if certFile != "" {
		scheme = "https://"
	}
	ready(scheme + ln.Addr().String())
	done := make(chan error, 1)
	go func() {
		if certFile != "" {
			done <- srv.ServeTLS(ln, certFile, keyFile)
			return
		}
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// storeVersion is a number that changes whenever a load of either return
// commits: the 903's latest load id in the high bits, the CIN census's in
// the low, since each return numbers its loads on its own.
func storeVersion(ctx context.Context, s *store.Store) (int64, error) {
	ssda, err := s.LatestLoad(ctx)
	if err != nil {
		return 0, err
	}
	census, err := s.CIN().LatestLoad(ctx)
	if err != nil {
		return 0, err
	}
	partners, err := s.EarlyHelp().LatestLoad(ctx)
	if err != nil {
		return 0, err
	}
	families, err := s.FamilyLoads(ctx)
	if err != nil {
		return 0, err
	}
	// A family-link load is rare: it only has to change the number.
	return (ssda<<40 | census<<20 | partners) ^ families<<32, nil
}

// servedAuthority checks that the store serves one authority's children,
// and says which: a store of several is served only for one of them
// (--la), and on PostgreSQL only as a role that row-level security binds,
// so that the database, not only Village's queries, keeps the others'
// children from the server's pages. A PostgreSQL store served with --la
// counts as a region's, whose other members the role cannot see: only
// users given the authority sign in. Otherwise the store holds at most
// one authority, which users given none may see too.
func servedAuthority(ctx context.Context, s *store.Store, postgres bool) (people.Serving, error) {
	scope := s.Scope()
	if scope == nil {
		if _, err := s.Years(ctx); errors.Is(err, store.ErrManyAuthorities) {
			return people.Serving{}, fmt.Errorf("%w: serve one of them with --la CODE, connecting as a role that row-level security binds (README, \"A region in one store\")", err)
		}
		las, err := s.Authorities(ctx)
		if err != nil || len(las) == 0 {
			return people.Serving{}, err
		}
		return people.Serving{Authority: las[0], Region: len(las) > 1}, nil
	}
	if len(scope) > 1 {
		return people.Serving{}, fmt.Errorf("serve shows one authority's children; --la names %d", len(scope))
	}
	if postgres && !s.Isolated() {
		return people.Serving{}, fmt.Errorf("serve --la %s: the PostgreSQL role connected as is not bound by row-level security (a superuser or BYPASSRLS); "+
			"connect as an ordinary role, so that the database keeps other authorities' children from these pages", scope[0])
	}
	return people.Serving{Authority: scope[0], Region: postgres}, nil
}
