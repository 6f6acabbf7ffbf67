package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/web"
)

func serveCommand() *command {
	o := pagesOptions{forecast: servedForecast()}
	var addr string
	c := &command{
		name: "serve",
		summary: "Serve Village's pages on this machine: the headline indicators, one page per indicator with its control chart and breakdowns, " +
			"the validation status of each loaded year, the forecast of children looked after and their cost with fan charts and its backtest " +
			"(worked out in the background at start-up; see village forecast), and the same numbers as JSON under /api/. Exact figures for analysts by default, " +
			"with each count linked to the IDs of its children (shown once a reason is given, and audited); --publishable suppresses " +
			"counts of 1 to 5 as c and offers no IDs. Runs until stopped (Ctrl-C).",
		example: "village serve --population village-demo/population.csv",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &o.db)
			fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; keep it on this machine")
			fs.StringVar(&o.populationFile, "population", "", "ONS mid-year estimates of the 0-17 population, for rates per 10,000 and the forecast's entry rates")
			placementPostcodesFlag(fs, &o.postcodesFile)
			fs.StringVar(&o.periodText, "period", "", "the period the pages are for unless one is asked for: "+periodFlagHelp)
			fs.BoolVar(&o.publishable, "publishable", false, "show publishable figures: counts of 1 to 5, and figures derived from them, as c; no child IDs")
			fs.StringVar(&o.user, "user", "", "who is using the pages, for the audit log (default: the logged-in user)")
			fs.StringVar(&o.forecast.costsFile, "costs", "", "weekly unit costs for the forecast, CSV as village forecast --write-costs writes (default: Village's published defaults)")
			fs.Float64Var(&o.forecast.inflation, "inflation", o.forecast.inflation, "yearly uplift of the forecast's unit costs from the year of their prices")
			fs.StringVar(&o.forecast.scenarioFile, "scenario", "", "a scenario file (YAML) for the forecast page to compare with the baseline")
			fs.IntVar(&o.forecast.simulations, "simulations", o.forecast.simulations, "the forecast's simulations")
			fs.Uint64Var(&o.forecast.seed, "seed", o.forecast.seed, "the forecast's random seed: the same seed gives the same forecast")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		handler, err := pagesHandlerWith(ctx, e, o)
		if err != nil {
			return err
		}
		return serve(ctx, addr, handler, func(url string) {
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
	periodText     string // "" for the latest collection year stored
	publishable    bool
	user           string        // "" for the logged-in user
	forecast       forecastFlags // the forecast's options; its population is populationFile
}

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

// pagesHandlerWith builds journeys from the store and returns the pages.
// The handler keeps the store open, for the validation status and the
// audit log, and closes it when closed: serve does that once it has
// stopped serving.
func pagesHandlerWith(ctx context.Context, e *env, o pagesOptions) (http.Handler, error) {
	pop, err := readPopulation(o.populationFile)
	if err != nil {
		return nil, err
	}
	o.forecast.populationFile = o.populationFile
	fc, err := o.forecast.options()
	if err != nil {
		return nil, err
	}
	s, set, err := openJourneys(ctx, o.db, o.postcodesFile)
	if err != nil {
		return nil, err
	}
	h, err := newPages(ctx, e, s, set, pop, fc, o)
	if err != nil {
		s.Close()
		return nil, err
	}
	return h, nil
}

func newPages(ctx context.Context, e *env, s *store.Store, set *journey.Set, pop indicators.Population, fc forecast.Options, o pagesOptions) (*pages, error) {
	period, err := periodOf(ctx, s, o.periodText)
	if err != nil {
		return nil, err
	}
	if fc.DataEnd, err = dataEnd(ctx, s); err != nil {
		return nil, err
	}
	if err := fc.Check(); err != nil {
		return nil, fmt.Errorf("the forecast's options: %w", err)
	}
	user := o.user
	if user == "" {
		user = whoAmI()
	}
	srv, err := web.New(ctx, web.Options{Set: set, Population: pop, Period: period, Store: s,
		Publishable: o.publishable, User: user, Log: e.log, Forecast: &fc})
	if err != nil {
		return nil, err
	}
	return &pages{Handler: srv.Handler(), store: s}, nil
}

// pages is the web handler with the store it keeps open.
type pages struct {
	http.Handler
	store *store.Store
}

// Close closes the store.
func (p *pages) Close() error { return p.store.Close() }

// serve listens on addr until ctx is done, then shuts down gracefully,
// letting requests in flight finish, and closes h if it is an io.Closer
// (the pages' store). ready is told the address once it is listening.
func serve(ctx context.Context, addr string, h http.Handler, ready func(url string)) (err error) {
	if c, ok := h.(io.Closer); ok {
		defer func() { err = errors.Join(err, c.Close()) }()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ready("http://" + ln.Addr().String())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
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
