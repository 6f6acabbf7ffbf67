// Package web serves Village's pages and their JSON: the headline
// indicators, one page per indicator with its control chart and
// breakdowns, and an API behind every page (/api/...) so that Power BI or
// Excel can read the same numbers. Pages are rendered on the server from
// html/template and embedded assets, and need no JavaScript.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/village-uk/village/indicators"
	"github.com/village-uk/village/journey"
	"github.com/village-uk/village/ssda903"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// Server holds what the pages show: every child's journey, the 0-17
// population for rates, and the period the overview is for.
type Server struct {
	set    *journey.Set
	pop    indicators.Population
	period indicators.Period
	log    *slog.Logger
}

// New returns a server for the journeys, reporting on period.
func New(set *journey.Set, pop indicators.Population, period indicators.Period, log *slog.Logger) *Server {
	return &Server{set: set, pop: pop, period: period, log: log}
}

// Handler returns the routes, protected against cross-origin requests.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static") // the folder is embedded, so this cannot fail
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.overview)
	mux.HandleFunc("GET /indicators/{id}", s.indicator)
	mux.HandleFunc("GET /api/indicators", s.apiIndicators)
	mux.HandleFunc("GET /api/indicators/{id}", s.apiIndicator)
	return http.NewCrossOriginProtection().Handler(mux)
}

// render executes a template into a buffer first, so that a failure
// gives a clean error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("rendering a page", "template", name, "err", err)
		http.Error(w, "The page could not be drawn.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (s *Server) writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.log.Error("writing JSON", "err", err)
	}
}

// previous is the same period a year earlier: the collection year before,
// or the same quarter or month of the year before.
func previous(p indicators.Period) indicators.Period {
	if strings.Contains(p.Label, "/") {
		return indicators.Year(ssda903.YearOf(p.End) - 1)
	}
	start, end := p.Start.AddYears(-1), p.End.AddYears(-1)
	return indicators.Period{Start: start, End: end, Label: "a year earlier"}
}
