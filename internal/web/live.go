package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// LiveOptions say how a Live server follows the store.
type LiveOptions struct {
	// Build returns the options of a server for the store as it is now:
	// its journeys, period, forecast and so on.
	Build func(ctx context.Context) (Options, error)
	// Version returns the store's latest load id (store.Store.LatestLoad),
	// which changes whenever a load commits.
	Version func(ctx context.Context) (int64, error)
	// Every is at most how often the version is asked for; 0 for
	// DefaultEvery.
	Every time.Duration
	Log   *slog.Logger
}

// DefaultEvery is how often, at most, a Live server asks whether the store
// has changed: a load shows on the pages within a few seconds of it
// committing, plus the time to rebuild.
const DefaultEvery = 2 * time.Second

// Live serves the pages of the store as it is now, not as it was at
// start-up: a load made while it runs (by "village load", another server
// or the web) shows up without a restart.
//
// At most once every LiveOptions.Every, a request sets off a check of the
// store's latest load id, in the background. When it has changed, a new
// Server is built in the background, journeys, indicator caches and
// forecast included, while requests go on being served by the old one;
// once the new one is ready it takes over.
type Live struct {
	o       LiveOptions
	current atomic.Pointer[snapshot]

	ctx    context.Context // ended by Close, ending a rebuild in flight
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	checked  time.Time // when the version was last asked for
	checking bool      // a check, or a rebuild, is under way
}

// snapshot is one Server and the load it shows.
type snapshot struct {
	server  *Server
	handler http.Handler
	version int64
}

// NewLive builds the server for the store as it is now and returns it,
// following the store from then on. Close it when done.
func NewLive(ctx context.Context, o LiveOptions) (*Live, error) {
	if o.Build == nil || o.Version == nil {
		return nil, errors.New("web: a live server needs Build and Version")
	}
	if o.Every <= 0 {
		o.Every = DefaultEvery
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	l := &Live{o: o, checked: time.Now()}
	version, err := o.Version(ctx)
	if err != nil {
		return nil, err
	}
	// The first server starts serving at once, its forecast to follow, as
	// a server that does not follow the store does.
	snap, err := l.build(ctx, version, false)
	if err != nil {
		return nil, err
	}
	l.current.Store(snap)
	l.ctx, l.cancel = context.WithCancel(context.Background())
	return l, nil
}

// Current is the server now serving the pages.
func (l *Live) Current() *Server { return l.current.Load().server }

// ServeHTTP serves the request from the current server, first setting off
// a check of the store if one is due.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.checkIfDue()
	l.current.Load().handler.ServeHTTP(w, r)
}

// Close ends a rebuild in flight and waits for it. The current server
// goes on serving, without following the store.
func (l *Live) Close() error {
	// Under the lock, so that no check starts once Wait has begun.
	l.mu.Lock()
	l.cancel()
	l.mu.Unlock()
	l.wg.Wait()
	return nil
}

// checkIfDue starts a check of the store in the background, unless one is
// under way or the last was too recent.
func (l *Live) checkIfDue() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.checking || time.Since(l.checked) < l.o.Every || l.ctx.Err() != nil {
		return
	}
	l.checking = true
	l.wg.Go(func() {
		l.refresh(l.ctx)
		l.mu.Lock()
		l.checking, l.checked = false, time.Now()
		l.mu.Unlock()
	})
}

// refresh rebuilds the server if the store has had a load since the
// current one was built. On a failure the current server goes on serving,
// and the next check tries again.
func (l *Live) refresh(ctx context.Context) {
	version, err := l.o.Version(ctx)
	if err != nil {
		l.o.Log.Error("asking the store for its latest load", "err", err)
		return
	}
	old := l.current.Load()
	if version == old.version {
		return
	}
	started := time.Now()
	snap, err := l.build(ctx, version, true)
	if err != nil {
		if ctx.Err() == nil {
			l.o.Log.Error("rebuilding the pages after a load", "load", version, "err", err)
		}
		return
	}
	l.current.Store(snap)
	l.o.Log.Info("rebuilt the pages after a load", "load", version, "took", time.Since(started).Round(time.Millisecond))
}

// build makes the server for the store at the version and, when
// whole is set, waits for its forecast, so that it takes over from
// another with every page whole.
func (l *Live) build(ctx context.Context, version int64, whole bool) (*snapshot, error) {
	o, err := l.o.Build(ctx)
	if err != nil {
		return nil, err
	}
	if o.Log == nil {
		o.Log = l.o.Log
	}
	srv, err := New(ctx, o)
	if err != nil {
		return nil, err
	}
	if whole {
		select {
		case <-srv.ForecastReady():
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &snapshot{server: srv, handler: srv.Handler(), version: version}, nil
}
