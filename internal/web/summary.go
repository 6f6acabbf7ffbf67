package web

import (
	"context"
	"html/template"
	"net/http"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/chart"
)

// summaryView is the director's summary as the overview opens with it.
type summaryView struct {
	*indicators.Summary
	Measures []summaryMeasure
}

// summaryMeasure is a key measure with its figures as the page writes
// them and its sparkline drawn.
type summaryMeasure struct {
	indicators.KeyMeasure
	Now, Before string        // with the unit's sign: "7.4%"
	Sparkline   template.HTML // "" when the trend has fewer than two points or is suppressed
}

// summary computes the director's summary of the 12 months to the end of
// period p.
func (s *Server) summary(ctx context.Context, p calendar.Period) *summaryView {
	sum := indicators.SummaryOf{Set: s.Set, Population: s.Population, Period: p, Authority: s.authority(ctx),
		Policy: s.policy(), Value: s.value}.Summarise()
	v := &summaryView{Summary: sum}
	for _, m := range sum.Measures {
		v.Measures = append(v.Measures, summaryMeasure{KeyMeasure: m, Now: m.WithUnit(m.Now), Before: m.WithUnit(m.Before),
			Sparkline: chart.KeyMeasureLine(m)})
	}
	return v
}

// authority is the authority of the latest load that names one; its name
// is not known to the server.
func (s *Server) authority(ctx context.Context) indicators.Authority {
	if s.Store == nil {
		return indicators.Authority{}
	}
	loads, err := s.Store.Loads(ctx)
	if err != nil {
		s.Log.Warn("reading the loads for the authority's code", "error", err)
		return indicators.Authority{}
	}
	for i := len(loads) - 1; i >= 0; i-- {
		if loads[i].LA != "" {
			return indicators.Authority{Code: loads[i].LA}
		}
	}
	return indicators.Authority{}
}

// apiSummary is /api/summary: the summary as the overview shows it.
type apiSummary struct {
	Authority   string       `json:"authority"`
	Code        string       `json:"code,omitempty"`
	AsAt        string       `json:"as_at"`
	Year        string       `json:"year"`
	YearEarlier string       `json:"year_earlier"`
	Mode        string       `json:"mode"` // "exact" or "publishable"
	Measures    []apiMeasure `json:"measures"`
	Changes     []string     `json:"changes"`
}

// apiMeasure is one key measure in /api/summary. Figures are as shown:
// the value, c (suppressed) or x (not known).
type apiMeasure struct {
	ID          string                    `json:"id"`
	Name        string                    `json:"name"`
	Unit        string                    `json:"unit"`
	Shown       string                    `json:"shown"`
	Rate        string                    `json:"rate_per_10k,omitempty"`
	YearEarlier string                    `json:"year_earlier"`
	Trend       []indicators.TrendPoint   `json:"trend"`
	England     *indicators.EnglandFigure `json:"england"`
}

func (s *Server) apiSummary(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodOrRefuse(w, r, true)
	if !ok {
		return
	}
	sum := s.summary(r.Context(), p).Summary
	out := apiSummary{Authority: sum.Authority.String(), Code: sum.Authority.Code, AsAt: sum.AsAt, Year: sum.Year,
		YearEarlier: sum.YearEarlier, Mode: s.mode(), Measures: []apiMeasure{}, Changes: append([]string{}, sum.Changes...)}
	for _, m := range sum.Measures {
		out.Measures = append(out.Measures, apiMeasure{ID: m.Indicator.ID, Name: m.Name, Unit: m.Indicator.Unit, Shown: m.Now,
			Rate: m.Rate, YearEarlier: m.Before, Trend: append([]indicators.TrendPoint{}, m.Trend...), England: m.England})
	}
	s.writeJSON(w, http.StatusOK, out)
}
