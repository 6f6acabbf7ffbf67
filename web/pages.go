package web

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/village-uk/village/chart"
	"github.com/village-uk/village/indicators"
)

// overviewRow is one headline indicator on the overview.
type overviewRow struct {
	ID, Title, Unit, Now, Before, Change string
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	before := previous(s.period)
	var rows []overviewRow
	for _, ind := range indicators.All() {
		now, then := ind.Compute(s.set, s.period, s.pop), ind.Compute(s.set, before, s.pop)
		rows = append(rows, overviewRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit,
			Now: indicators.Exact(ind, now), Before: indicators.Exact(ind, then), Change: change(ind, now, then)})
	}
	s.render(w, "overview.html", map[string]any{"Title": "Overview", "Period": s.period.Label, "Previous": before.Label, "Rows": rows})
}

// change says which way an indicator moved, and whether that is better.
func change(ind *indicators.Indicator, now, then indicators.Value) string {
	if !now.Known || !then.Known || now.Value == then.Value {
		return "no change"
	}
	up := now.Value > then.Value
	word := map[bool]string{true: "up", false: "down"}[up]
	switch {
	case ind.Direction == indicators.HigherIsBetter && up, ind.Direction == indicators.LowerIsBetter && !up:
		return word + ", better"
	case ind.Direction == indicators.Neither:
		return word
	}
	return word + ", worse"
}

type breakdownRow struct{ Group, Value string }

func (s *Server) indicator(w http.ResponseWriter, r *http.Request) {
	ind := indicators.Find(r.PathValue("id"))
	if ind == nil {
		http.NotFound(w, r)
		return
	}
	months := indicators.Months(indicators.Period{Start: s.period.End.AddYears(-3).AddDays(1)}, s.period)
	series := indicators.Series(ind, s.set, s.pop, months)
	c := chart.SPC{ID: ind.ID, Title: ind.Title, Unit: ind.Unit}
	for i, v := range series {
		if v.Known {
			c.Points = append(c.Points, chart.Point{Label: months[i].Label, Value: v.Value})
		}
	}
	var svg bytes.Buffer
	if err := c.Write(&svg); err != nil {
		s.log.Error("drawing a chart", "indicator", ind.ID, "err", err)
	}
	var rows []breakdownRow
	for _, g := range indicators.Breakdown(ind, s.set, s.period, s.pop, indicators.ByAge) {
		rows = append(rows, breakdownRow{g.Label, indicators.Exact(ind, g.Value)})
	}
	direction := map[indicators.Direction]string{indicators.HigherIsBetter: "Higher is better.",
		indicators.LowerIsBetter: "Lower is better.", indicators.Neither: "Neither higher nor lower is better in itself."}[ind.Direction]
	s.render(w, "indicator.html", map[string]any{"Title": ind.Title, "Indicator": ind, "Period": s.period.Label,
		"Chart": template.HTML(svg.String()), "Breakdown": rows, "Direction": direction})
}

// apiValue is an indicator's figure in the JSON API.
type apiValue struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Unit        string   `json:"unit"`
	Period      string   `json:"period"`
	Value       *float64 `json:"value"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
}

func value(ind *indicators.Indicator, p indicators.Period, v indicators.Value) apiValue {
	out := apiValue{ID: ind.ID, Title: ind.Title, Unit: ind.Unit, Period: p.Label, Numerator: v.Numerator, Denominator: v.Denominator}
	if v.Known {
		x := v.Value
		out.Value = &x
	}
	return out
}

func (s *Server) periodAsked(r *http.Request) (indicators.Period, bool) {
	text := r.URL.Query().Get("period")
	if text == "" {
		return s.period, true
	}
	p, err := indicators.ParsePeriod(text)
	return p, err == nil
}

func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodAsked(r)
	if !ok {
		http.Error(w, "period: expected 2025/26, 2025Q3 or 2025-07", http.StatusBadRequest)
		return
	}
	var out []apiValue
	for _, ind := range indicators.All() {
		out = append(out, value(ind, p, ind.Compute(s.set, p, s.pop)))
	}
	s.writeJSON(w, out)
}

func (s *Server) apiIndicator(w http.ResponseWriter, r *http.Request) {
	ind := indicators.Find(r.PathValue("id"))
	if ind == nil {
		http.NotFound(w, r)
		return
	}
	months := indicators.Months(indicators.Period{Start: s.period.End.AddYears(-3).AddDays(1)}, s.period)
	var series []apiValue
	for i, v := range indicators.Series(ind, s.set, s.pop, months) {
		series = append(series, value(ind, months[i], v))
	}
	s.writeJSON(w, map[string]any{"indicator": value(ind, s.period, ind.Compute(s.set, s.period, s.pop)), "months": series})
}
