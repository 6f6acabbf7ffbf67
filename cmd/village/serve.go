package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/village-uk/village/store"
	"github.com/village-uk/village/web"
)

func serveCommand() *command {
	var db, addr, populationFile, periodText string
	c := &command{
		name: "serve",
		summary: "Serve Village's pages on this machine: the headline indicators, one page per indicator with its control chart and breakdowns, " +
			"and the same numbers as JSON under /api/. Runs until stopped (Ctrl-C).",
		example: "village serve --population village-demo/population.csv",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&db, "db", defaultDB, "the store: a SQLite file path or a PostgreSQL URL")
			fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; keep it on this machine")
			fs.StringVar(&populationFile, "population", "", "ONS mid-year estimates of the 0-17 population, for rates per 10,000")
			fs.StringVar(&periodText, "period", "", "the period the overview is for (default: the latest collection year stored)")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		handler, err := pagesHandler(ctx, e, db, populationFile, periodText)
		if err != nil {
			return err
		}
		return serve(ctx, addr, handler, func(url string) {
			fmt.Fprintf(e.stdout, "Village is serving on %s (Ctrl-C to stop).\n", url)
		})
	}
	return c
}

// pagesHandler builds journeys from the store and returns the pages.
func pagesHandler(ctx context.Context, e *env, db, populationFile, periodText string) (http.Handler, error) {
	pop, err := readPopulation(populationFile)
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	set, err := journeys(ctx, s)
	if err != nil {
		return nil, err
	}
	period, err := periodOf(ctx, s, periodText)
	if err != nil {
		return nil, err
	}
	return web.New(set, pop, period, e.log).Handler(), nil
}

// serve listens on addr until ctx is done, then shuts down gracefully.
// ready is told the address once it is listening.
func serve(ctx context.Context, addr string, h http.Handler, ready func(url string)) error {
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
