package web

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// TestLiveFollowsTheStore serves a store holding the authority's first
// years, then loads its last year through app.Load, as "village load" in
// another window would: the pages show the new year without a restart,
// and the old pages are served until the new ones are ready.
func TestLiveFollowsTheStore(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	dirs := t.TempDir()
	var folders []string
	for _, r := range a.res.Returns {
		dir := filepath.Join(dirs, r.Year.Folder())
		if err := folder.WriteCSV(dir, r); err != nil {
			t.Fatal(err)
		}
		folders = append(folders, dir)
	}
	db := filepath.Join(t.TempDir(), "village.db")
	last := len(folders) - 1
	if _, err := app.Load(ctx, app.LoadRequest{Who: app.Actor{Name: "data.officer"}, Dirs: folders[:last], DB: db, Force: true}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var builds atomic.Int32
	live, err := NewLive(ctx, LiveOptions{
		Build: func(ctx context.Context) (Options, error) {
			builds.Add(1)
			set, err := app.Journeys(ctx, st, journey.Options{})
			if err != nil {
				return Options{}, err
			}
			years, err := st.Years(ctx)
			if err != nil {
				return Options{}, err
			}
			return Options{Set: set, Population: a.pop, Period: years[len(years)-1].Period(), Store: st,
				Identity: Identity{Local: app.Actor{Name: "analyst"}}}, nil
		},
		Version: st.LatestLoad,
		Every:   10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	before := a.res.Returns[last-1].Year.String()
	after := a.res.Returns[last].Year.String()
	if got := servedPeriod(t, live); got != before {
		t.Fatalf("before the load the pages are for %s, want %s", got, before)
	}
	time.Sleep(50 * time.Millisecond) // a check with nothing loaded rebuilds nothing
	servedPeriod(t, live)
	time.Sleep(50 * time.Millisecond)
	if builds.Load() != 1 {
		t.Errorf("%d builds with nothing loaded, want 1", builds.Load())
	}

	if _, err := app.Load(ctx, app.LoadRequest{Who: app.Actor{Name: "data.officer"}, Dirs: folders[last:], DB: db, Force: true}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		got := servedPeriod(t, live)
		if got == after {
			break
		}
		if got != before {
			t.Fatalf("while rebuilding the pages are for %s, want %s until the new ones are ready", got, before)
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute after the load the pages are still for %s", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, _ := fetch(t, live, http.MethodGet, "/validation", nil); code != http.StatusOK {
		t.Errorf("/validation after the rebuild: %d", code)
	}
}

// servedPeriod is the period /api/indicators is for.
func servedPeriod(t *testing.T, h http.Handler) string {
	t.Helper()
	code, body := fetch(t, h, http.MethodGet, "/api/indicators", nil)
	var out struct{ Period string }
	if err := json.Unmarshal([]byte(body), &out); code != http.StatusOK || err != nil {
		t.Fatalf("/api/indicators: %d, %v", code, err)
	}
	return out.Period
}

// BenchmarkLive measures what following the store costs a request: the
// same page served by a Server and by a Live one around it.
func BenchmarkLive(b *testing.B) {
	a := synthetic(b)
	st := sqliteStore(b, a)
	build := func(context.Context) (Options, error) {
		return Options{Set: a.set, Population: a.pop, Period: a.period, Store: st}, nil
	}
	live, err := NewLive(context.Background(), LiveOptions{Build: build, Version: st.LatestLoad})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { live.Close() })
	handlers := []struct {
		name string
		h    http.Handler
	}{{"Server", live.Current().Handler()}, {"Live", live}}
	for _, h := range handlers {
		b.Run(h.name, func(b *testing.B) {
			for b.Loop() {
				if code, _ := fetch(b, h.h, http.MethodGet, "/api/validation", nil); code != http.StatusOK {
					b.Fatalf("/api/validation: %d", code)
				}
			}
		})
	}
}
