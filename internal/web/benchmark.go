package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"sync"

	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/refdata/published"
)

// benchmarkCache holds the comparisons with the published tables, worked
// out once: the store a Server shows does not change.
type benchmarkCache struct {
	once sync.Once
	list []benchmark.Comparison
}

// benchmarkAuthority is the authority's GSS code in the published tables.
func (s *Server) benchmarkAuthority() string {
	if s.Authority != "" {
		return s.Authority
	}
	return s.Set.Authority.Code
}

// comparisons compares the authority with the published tables, in the
// server's mode; nil without tables.
func (s *Server) comparisons() []benchmark.Comparison {
	s.benchmarks.once.Do(func() {
		if s.National == nil {
			return
		}
		own := benchmark.OwnFigures(benchmark.Returns{Care: s.Set, Front: s.Front, Population: s.Population})
		s.benchmarks.list = benchmark.CompareAll(s.National, s.benchmarkAuthority(), "", own, s.policy())
	})
	return s.benchmarks.list
}

// comparison returns the indicator's comparison, and whether it has one.
func (s *Server) comparison(id string) (benchmark.Comparison, bool) {
	for _, c := range s.comparisons() {
		if c.ID == id {
			return c, true
		}
	}
	return benchmark.Comparison{}, false
}

// benchmarkPanel is the "Compared with England, the region and
// neighbours" panel of an indicator's page.
type benchmarkPanel struct {
	Year, Unit  string
	Rows        [][2]string // what, and its value
	Verdict     string
	Funnel      template.HTML
	Series      template.HTML
	SeriesRows  [][4]string // year, the authority, England, the neighbours' mean
	Notes       []string
	Differs     string
	Source, URL string
	Method      string
	Authority   string
}

// panel returns the indicator's comparison panel, or nil when the
// published tables have none.
func (s *Server) panel(id string) *benchmarkPanel {
	c, ok := s.comparison(id)
	if !ok {
		return nil
	}
	v := c.View()
	name := c.Authority.Name
	if name == "" {
		name = "This authority"
	}
	p := &benchmarkPanel{Year: v.Year, Unit: v.Unit, Notes: v.Notes, Differs: v.Differs, URL: v.Source.URL, Method: benchmark.Method, Authority: name,
		Source: v.Source.File + " (" + v.Source.Release + ")"}
	p.Rows = [][2]string{{name, v.ValueText}, {"England", benchmark.Text(v.England)}}
	if v.RegionName != "" {
		p.Rows = append(p.Rows, [2]string{"The region (" + v.RegionName + ")", benchmark.Text(v.Region)})
	} else {
		p.Rows = append(p.Rows, [2]string{"The region", benchmark.Text(v.Region)})
	}
	neighbours := benchmark.Text(v.NeighboursMean)
	if v.NeighboursMin != nil {
		neighbours += " (from " + benchmark.Text(v.NeighboursMin) + " to " + benchmark.Text(v.NeighboursMax) + ")"
	}
	p.Rows = append(p.Rows, [2]string{"Statistical neighbours' mean (range)", neighbours})
	if v.Rank != nil {
		p.Rows = append(p.Rows, [2]string{"Rank (1 is the highest)", strconv.Itoa(*v.Rank) + " of " + strconv.Itoa(*v.Of)},
			[2]string{"Quartile (1 is the highest quarter)", strconv.Itoa(*v.Quartile)})
	}
	if f := v.Funnel; f != nil {
		p.Rows = append(p.Rows, [2]string{"95% limits around England", benchmark.Text(&f.Lower95) + " to " + benchmark.Text(&f.Upper95)},
			[2]string{"99.8% limits around England", benchmark.Text(&f.Lower998) + " to " + benchmark.Text(&f.Upper998)})
	}
	p.Verdict = verdict(v)
	p.Funnel = s.funnelPlot(c, name)
	p.Series, p.SeriesRows = s.seriesChart(c, name)
	return p
}

// verdict says in words where the authority lies against the funnel.
func verdict(v benchmark.View) string {
	switch {
	case v.Funnel == nil:
		return ""
	case v.Outside == "high":
		return "Above the 99.8% limit: higher than England's by more than chance alone would make a figure of this size."
	case v.Outside == "low":
		return "Below the 99.8% limit: lower than England's by more than chance alone would make a figure of this size."
	case v.Outside95 != "":
		return "Within the 99.8% limits, though outside the 95% ones: not flagged, but worth watching."
	}
	return "Within the limits: no different from England's beyond what chance makes of a figure of this size."
}

// funnelPlot draws the comparison's funnel plot, or "" when it has none.
func (s *Server) funnelPlot(c benchmark.Comparison, name string) template.HTML {
	own := c.Own.JSON()
	if c.Funnel == nil || own == nil {
		return ""
	}
	xTitle := "children aged 0-17"
	if c.Unit == published.Share {
		xTitle = "children (the denominator)"
	}
	f := chart.Funnel{ID: "funnel-" + c.ID, Title: "Funnel plot: " + benchmark.Title(c.ID) + ", " + c.Year.String(), Unit: c.Unit.String(),
		XTitle: xTitle, Centre: c.Funnel.Centre, Limits: c.LimitsAt, Own: chart.FunnelPoint{Label: name, X: float64(*c.Denominator), Y: *own}}
	for _, o := range c.Others {
		f.Others = append(f.Others, chart.FunnelPoint{Label: o.Name, X: o.Denominator, Y: o.Value})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		s.Log.Error("drawing a funnel plot", "indicator", c.ID, "err", err)
		return ""
	}
	return template.HTML(buf.String())
}

// seriesChart draws the authority against England and the neighbours'
// mean over the years the tables hold, with its data.
func (s *Server) seriesChart(c benchmark.Comparison, name string) (template.HTML, [][4]string) {
	l := chart.Lines{ID: "series-" + c.ID, Title: benchmark.Title(c.ID) + ": " + name + " against England and its neighbours", Unit: c.Unit.String()}
	own, england, neighbours := chart.Line{Name: name}, chart.Line{Name: "England", Dash: true}, chart.Line{Name: "Neighbours' mean"}
	var rows [][4]string
	for _, p := range c.Series {
		l.Labels = append(l.Labels, p.Year)
		own.Values, england.Values, neighbours.Values = append(own.Values, p.Own), append(england.Values, p.England), append(neighbours.Values, p.Neighbours)
		rows = append(rows, [4]string{p.Year, benchmark.Text(p.Own), benchmark.Text(p.England), benchmark.Text(p.Neighbours)})
	}
	l.Series = []chart.Line{own, england, neighbours}
	var buf bytes.Buffer
	if err := l.Write(&buf); err != nil {
		return "", rows
	}
	return template.HTML(buf.String()), rows
}

// apiBenchmark answers /api/benchmark: every comparison.
func (s *Server) apiBenchmark(w http.ResponseWriter, r *http.Request) {
	if s.National == nil {
		s.jsonError(w, http.StatusNotFound, "no published tables were given (village serve --national DIR)")
		return
	}
	views := []benchmark.View{}
	for _, c := range s.comparisons() {
		views = append(views, c.View())
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"mode": s.mode(), "authority": s.benchmarkAuthority(), "method": benchmark.Method, "indicators": views})
}

// apiBenchmarkIndicator answers /api/benchmark/{id}: one comparison.
func (s *Server) apiBenchmarkIndicator(w http.ResponseWriter, r *http.Request) {
	c, ok := s.comparison(r.PathValue("id"))
	if !ok {
		s.jsonError(w, http.StatusNotFound, "no comparison for "+strconv.Quote(r.PathValue("id"))+": the published tables hold none, or none were given")
		return
	}
	v := c.View()
	s.writeJSON(w, http.StatusOK, map[string]any{"mode": s.mode(), "authority": s.benchmarkAuthority(), "method": benchmark.Method, "indicator": v})
}
