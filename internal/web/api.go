package web

import (
	"net/http"
	"net/url"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
)

// apiValue is an indicator's figure for one period (or one group) in the
// JSON API, flat so that Power BI and Excel read it as one row. In
// publishable mode a suppressed figure has no value or numerator, and
// shown "c".
type apiValue struct {
	ID          string   `json:"id"`
	Period      string   `json:"period"`
	By          string   `json:"by,omitempty"`
	Group       string   `json:"group,omitempty"`
	Value       *float64 `json:"value"` // nil when not known or suppressed
	Shown       string   `json:"shown"` // as the pages show it: the figure, c (suppressed) or x (not known)
	Numerator   *int     `json:"numerator"`
	Denominator *int     `json:"denominator,omitempty"`
}

func (s *Server) apiValue(ind *indicators.Indicator, p calendar.Period, v indicators.Value) apiValue {
	out := apiValue{ID: ind.ID, Period: p.Label, Shown: s.show(ind, v)}
	if s.hidden(ind, v) {
		return out
	}
	if v.Known {
		x := v.Value
		out.Value = &x
	}
	n := v.Numerator
	out.Numerator = &n
	if v.Denominator > 0 {
		d := v.Denominator
		if ind.Unit == indicators.Percent {
			out.Denominator = s.countJSON(d)
		} else {
			out.Denominator = &d
		}
	}
	return out
}

// apiHeadline is one indicator in /api/indicators: the overview's row.
type apiHeadline struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Family    string   `json:"family"`
	Unit      string   `json:"unit"`
	Direction string   `json:"direction"`
	Period    string   `json:"period"`
	Value     *float64 `json:"value"`
	Shown     string   `json:"shown"`
	Numerator *int     `json:"numerator"`
	Previous  apiValue `json:"previous"`
	Change    string   `json:"change"`
	Signals   []string `json:"signals"` // the control chart's signals reaching into the last 12 months
	Href      string   `json:"href"`    // this indicator's JSON
}

func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodOrRefuse(w, r, true)
	if !ok {
		return
	}
	before := previous(p)
	var all []*indicators.Indicator
	var family []string
	for _, f := range indicators.Families() {
		all = append(all, f.Indicators...)
		for range f.Indicators {
			family = append(family, f.Name)
		}
	}
	out := make([]apiHeadline, len(all))
	forEach(len(all), func(i int) {
		ind := all[i]
		now, then := s.value(ind, p), s.value(ind, before)
		v := s.apiValue(ind, p, now)
		signals := s.trendOf(ind, p).Recent
		if signals == nil {
			signals = []string{}
		}
		out[i] = apiHeadline{ID: ind.ID, Title: ind.Title, Family: family[i], Unit: ind.Unit, Direction: ind.Direction.String(),
			Period: p.Label, Value: v.Value, Shown: v.Shown, Numerator: v.Numerator,
			Previous: s.apiValue(ind, before, then), Change: s.change(ind, now, then), Signals: signals,
			Href: "/api/indicators/" + url.PathEscape(ind.ID) + s.query(p)}
	})
	s.writeJSON(w, http.StatusOK, map[string]any{"mode": s.mode(), "period": p.Label, "previous": before.Label, "indicators": out})
}

// apiIndicatorOut is /api/indicators/{id}: the indicator page's figures.
type apiIndicatorOut struct {
	Mode       string     `json:"mode"`
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Definition string     `json:"definition"`
	Unit       string     `json:"unit"`
	Direction  string     `json:"direction"`
	Value      apiValue   `json:"value"`
	Previous   apiValue   `json:"previous"`
	Change     string     `json:"change"`
	Signals    []string   `json:"signals"`
	Months     []apiValue `json:"months"`
	Breakdowns []apiValue `json:"breakdowns"`
}

func (s *Server) apiIndicator(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAsked(w, r, true)
	if !ok {
		return
	}
	before := previous(p)
	now, then := s.value(ind, p), s.value(ind, before)
	t := s.trendOf(ind, p)
	out := apiIndicatorOut{Mode: s.mode(), ID: ind.ID, Title: ind.Title, Definition: ind.Definition, Unit: ind.Unit,
		Direction: ind.Direction.String(), Value: s.apiValue(ind, p, now), Previous: s.apiValue(ind, before, then),
		Change: s.change(ind, now, then), Signals: t.Signals, Months: []apiValue{}, Breakdowns: []apiValue{}}
	if out.Signals == nil {
		out.Signals = []string{}
	}
	for i, v := range t.Values {
		out.Months = append(out.Months, s.apiValue(ind, t.Months[i], v))
	}
	for _, by := range indicators.AllBreakdowns() {
		for _, g := range indicators.Breakdown(ind, s.Set, p, by) {
			v := s.apiValue(ind, p, g.Value)
			v.By, v.Group = by.String(), g.Label
			out.Breakdowns = append(out.Breakdowns, v)
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}
