package web

import (
	"runtime"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
)

// valueKey names an indicator's value for a period.
type valueKey struct {
	id         string
	start, end calendar.Date
}

// values caches the indicators' values by period. The journeys do not
// change while the server runs, so a value once computed stands; the
// overview needs about 40 values of every indicator (the period, a year
// earlier and 36 months for the control chart), too many to compute
// afresh on each request within 100 ms.
type values struct {
	mu sync.RWMutex
	m  map[valueKey]indicators.Value
}

// maxCached bounds the cache: past it, the cache starts afresh, so that
// requests for many different periods cannot use memory without end.
const maxCached = 200_000

// value returns the indicator's value for the period, without the
// children's IDs, which only the drill-down needs and computes itself.
// A yearly indicator is computed for the collection year p ends in, and
// any other over the days of p the returns cover (periodFor).
func (s *Server) value(ind *indicators.Indicator, p calendar.Period) indicators.Value {
	p, _ = s.periodFor(ind, p)
	k := valueKey{ind.ID, p.Start, p.End}
	s.cache.mu.RLock()
	v, ok := s.cache.m[k]
	s.cache.mu.RUnlock()
	if ok {
		return v
	}
	v = ind.Compute(s.Set, p, s.Population)
	v.Children = nil
	s.cache.mu.Lock()
	if s.cache.m == nil || len(s.cache.m) >= maxCached {
		s.cache.m = map[valueKey]indicators.Value{}
	}
	s.cache.m[k] = v
	s.cache.mu.Unlock()
	return v
}

// forEach calls f for 0 to n-1 on as many goroutines as there are CPUs,
// and returns when all have returned.
func forEach(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// history is how many years of months are computed when the server
// starts: the 10 years an authority's pages cover.
const history = 10

// warm computes what the overview for the server's period needs, so that
// the first request is as quick as the rest, then, in the background,
// every month of the 10 years before, so that the overview for another
// period need compute only that period and the one a year earlier.
// warmed is closed when it is done.
func (s *Server) warm() {
	s.compute(append(trend(s.Period), s.Period, previous(s.Period)))
	s.warmed = inBackground(func() {
		s.compute(indicators.Months(calendar.Period{Start: s.Period.End.AddYears(-history).AddDays(1)}, s.Period))
	})
}

// inBackground runs f on a goroutine of its own and returns a channel
// that is closed when f has returned. The server works out two things
// this way when it starts, the months of every indicator (warm) and the
// forecast (startForecast); done says whether one has finished.
func inBackground(f func()) chan struct{} {
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		f()
	}()
	return finished
}

// done says whether a channel from inBackground is closed, without
// waiting.
func done(finished <-chan struct{}) bool {
	select {
	case <-finished:
		return true
	default:
		return false
	}
}

// compute computes every indicator for each period, into the cache.
func (s *Server) compute(periods []calendar.Period) {
	all := indicators.All()
	forEach(len(all), func(i int) {
		for _, p := range periods {
			s.value(all[i], p)
		}
	})
}
