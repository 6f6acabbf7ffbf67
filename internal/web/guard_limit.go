package web

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// The child-level limit: each person (or, for a request naming no one,
// each address) may make childBurst requests that show children's IDs or
// records in quick succession, then one every childEvery. An analyst
// working through a list reads each record for far longer than that; a
// script harvesting records is held to 30 a minute, each audited. The
// person, not the address, is limited when known: behind a reverse proxy
// every request comes from the proxy's address.
const (
	childBurst = 60
	childEvery = 2 * time.Second
)

// Limiter is a token bucket for each person (or address) making
// child-level requests. Its methods are safe for concurrent use. A server
// rebuilt after a load keeps the one it was given (Options.Limiter), so
// that a load does not refill every bucket.
type Limiter struct {
	burst float64
	every time.Duration
	now   func() time.Time // time.Now, or a test's clock

	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is how many requests a key may make now, as of when.
type bucket struct {
	tokens float64
	when   time.Time
}

// maxBuckets bounds the limiter's memory: past it, full buckets (of keys
// idle long enough to have refilled) are forgotten.
const maxBuckets = 10_000

// NewLimiter returns a limiter allowing burst requests at once for each
// key, then one every every.
func NewLimiter(burst int, every time.Duration) *Limiter {
	return &Limiter{burst: float64(burst), every: every, now: time.Now, buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket and returns 0, or, when it is
// empty, returns how long until it has one.
func (l *Limiter) allow(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.buckets) > maxBuckets {
		l.forgetFull(now)
	}
	b := l.refill(key, now)
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) * float64(l.every))
	}
	b.tokens--
	return 0
}

// refill returns k's bucket with the tokens earned since it was last used.
func (l *Limiter) refill(k string, now time.Time) *bucket {
	b, ok := l.buckets[k]
	if !ok {
		b = &bucket{tokens: l.burst, when: now}
		l.buckets[k] = b
	}
	earned := float64(now.Sub(b.when)) / float64(l.every)
	b.tokens, b.when = math.Min(l.burst, b.tokens+max(earned, 0)), now
	return b
}

func (l *Limiter) forgetFull(now time.Time) {
	for k, b := range l.buckets {
		if float64(now.Sub(b.when))/float64(l.every)+b.tokens >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// limited guards a child-level request (a POST, which shows children's
// IDs or records once audited): it refuses with 429 and Retry-After once
// the person (or address) has used up their requests, and with 400 a
// reason longer than the audit log keeps. GET, which shows no child,
// passes.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			h(w, r)
			return
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(r.PostFormValue("reason"))); n > store.MaxReasonLength {
			s.problem(w, http.StatusBadRequest, "Reason too long",
				fmt.Sprintf("The reason must be %d characters or fewer; yours has %d. Go back and shorten it.", store.MaxReasonLength, n))
			return
		}
		if s.Limiter != nil {
			key := "address " + remoteIP(r)
			if who, ok := app.ActorFrom(r.Context()); ok {
				key = "person " + who.Name
			}
			if wait := s.Limiter.allow(key); wait > 0 {
				seconds := int(math.Ceil(wait.Seconds()))
				w.Header().Set("Retry-After", strconv.Itoa(seconds))
				s.problem(w, http.StatusTooManyRequests, "Too many requests for children's records",
					fmt.Sprintf("You have asked for children's records more often than Village allows. Try again in %d seconds.", seconds))
				return
			}
		}
		h(w, r)
	}
}

// tooManyChildren refuses a drill-down to more children than one request
// may show.
func (s *Server) tooManyChildren(w http.ResponseWriter) {
	s.problem(w, http.StatusBadRequest, "Too many children to show at once",
		fmt.Sprintf("This figure counts more than %d children, more IDs than one request shows. Choose a breakdown on the indicator's page and see the IDs of one group at a time.", app.MaxChildrenPerRequest))
}

// DefaultLimiter returns a limiter with Village's child-level limit.
func DefaultLimiter() *Limiter { return NewLimiter(childBurst, childEvery) }
