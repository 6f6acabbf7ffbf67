package web

import (
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/village-uk/village/internal/app"
)

// AllowHosts answers only requests whose Host is one of hosts (each a
// host name or address, with or without a port; compared without regard
// to case), refusing any other with 421 Misdirected Request and no data.
// It stops DNS rebinding: a page on evil.example whose name is made to
// resolve to this server sends its requests with Host: evil.example, and
// as far as the browser knows they are same-origin, so the cross-origin
// checks let them through. With no hosts, every request is refused.
func AllowHosts(hosts []string, log *slog.Logger, h http.Handler) http.Handler {
	exact, anyPort := map[string]bool{}, map[string]bool{}
	for _, host := range hosts {
		host = strings.ToLower(host)
		if hostOnly(host) != host {
			exact[host] = true
		} else {
			anyPort[strings.Trim(host, "[]")] = true
		}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if exact[host] || anyPort[strings.Trim(hostOnly(host), "[]")] {
			h.ServeHTTP(w, r)
			return
		}
		// The host is the client's to choose, so is not logged.
		log.Warn("refused a request for a host not served", "method", r.Method, "remote", remoteIP(r))
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "This server does not answer for that host name.", http.StatusMisdirectedRequest)
	})
}

// hostOnly returns the host of a Host header without its port.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}

// DefaultHosts are the hosts a server listening on addr answers for when
// none is configured: the listening address's host and the loopback
// names, each with the listening port.
func DefaultHosts(addr string) []string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	names := []string{"localhost", "127.0.0.1", "[::1]"}
	if host != "" && host != "0.0.0.0" && host != "::" {
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		names = append(names, host)
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n + ":" + port
	}
	return out
}

// remoteIP is the address a request came from, without its port.
func remoteIP(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// maxBody bounds a request's body: the largest form the pages take is a
// reason and a child's ID.
const maxBody = 64 << 10

// bounded refuses to read more than maxBody of a request's body: a form
// read past it fails, and the handler answers as for a missing field.
func bounded(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		h.ServeHTTP(w, r)
	})
}

// logged writes one line to the access log for each request: the method,
// the route it matched (its pattern, as "POST /indicators/{id}/children",
// never the path or query as sent, which may hold a child's ID), the
// status, how long it took and who made it. The audit trail is separate:
// it records what was seen and why; this line is for operations.
func (s *Server) logged(h http.Handler) http.Handler {
	if s.AccessLog == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		route := r.Pattern // set by the mux on this same request
		if route == "" || route == "/" {
			route = r.Method + " (no route)"
		}
		who, _ := app.ActorFrom(r.Context())
		s.AccessLog.Info("request", "method", r.Method, "route", route, "status", rec.status,
			"duration", time.Since(start).Round(time.Microsecond), "user", who.Name, "remote", remoteIP(r))
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status  int
	written bool
}

func (s *statusRecorder) WriteHeader(status int) {
	if !s.written {
		s.status, s.written = status, true
	}
	s.ResponseWriter.WriteHeader(status)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.written = true
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer beneath.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
