package web

import (
	"net/http"
	"net/url"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
)

// apiValue is an indicator's figure for one period (or one group) in the
// JSON API, flat so that Power BI and Excel read it as one row. In
// publishable mode a suppressed figure has no value or numerator, is
// shown "c", and says why in reason.
type apiValue struct {
	ID          string   `json:"id"`
	Period      string   `json:"period"`
	By          string   `json:"by,omitempty"`
	Group       string   `json:"group,omitempty"`
	Value       *float64 `json:"value"` // nil when not known or suppressed
	Shown       string   `json:"shown"` // as the pages show it: the figure, c (suppressed) or x (not known)
	Numerator   *int     `json:"numerator"`
	Denominator *int     `json:"denominator,omitempty"`
	Reason      string   `json:"reason,omitempty"` // why a figure is suppressed
}

// apiValue is v as the mode publishes it, pub.
func (s *Server) apiValue(ind *indicators.Indicator, p calendar.Period, v indicators.Value, pub indicators.Figure) apiValue {
	out := apiValue{ID: ind.ID, Period: p.Label, Shown: pub.Value.Text(), Reason: pub.Value.Reason()}
	if pub.Value.Suppressed() {
		return out
	}
	out.Value = pub.Value.JSON()
	out.Numerator = pub.Children.Count()
	if v.Denominator > 0 {
		out.Denominator = pub.Denominator.Count()
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
	// Denominator is what a share is of, or the population a rate is per,
	// as in previous; absent for counts.
	Denominator *int     `json:"denominator,omitempty"`
	Reason      string   `json:"reason,omitempty"` // why the value is suppressed
	Previous    apiValue `json:"previous"`
	Change      string   `json:"change"`
	Signals     []string `json:"signals"` // the control chart's signals reaching into the last 12 months
	Href        string   `json:"href"`    // this indicator's JSON
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
		pubNow, pubThen := s.headlineOf(ind, p, now), s.headlineOf(ind, before, then)
		v := s.apiValue(ind, p, now, pubNow)
		signals := signalTexts(s.trendOf(ind, p).Recent)
		out[i] = apiHeadline{ID: ind.ID, Title: ind.Title, Family: family[i], Unit: ind.Unit, Direction: ind.Direction.String(),
			Period: p.Label, Value: v.Value, Shown: v.Shown, Numerator: v.Numerator, Denominator: v.Denominator, Reason: v.Reason,
			Previous: s.apiValue(ind, before, then, pubThen), Change: s.change(ind, now, then, pubNow, pubThen), Signals: signals,
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
	Signals    []string   `json:"signals"`  // the control chart's special causes, in words
	Cautions   []string   `json:"cautions"` // what to bear in mind reading the chart: too few points, a stock
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
	pubNow, tables := indicators.Breakdowns(ind, s.Set, p, now, s.policy())
	pubThen := s.headlineOf(ind, before, then)
	t := s.trendOf(ind, p)
	out := apiIndicatorOut{Mode: s.mode(), ID: ind.ID, Title: ind.Title, Definition: ind.Definition, Unit: ind.Unit,
		Direction: ind.Direction.String(), Value: s.apiValue(ind, p, now, pubNow), Previous: s.apiValue(ind, before, then, pubThen),
		Change: s.change(ind, now, then, pubNow, pubThen), Signals: signalTexts(t.Signals), Cautions: cautionTexts(t.Signals),
		Months: []apiValue{}, Breakdowns: []apiValue{}}
	for i, f := range s.monthsOf(ind, t) {
		out.Months = append(out.Months, s.apiValue(ind, t.Months[i], t.Values[i], f))
	}
	for _, table := range tables {
		for _, g := range table.Groups {
			v := s.apiValue(ind, p, g.Value, g.Figure)
			v.By, v.Group = table.By.String(), g.Label
			out.Breakdowns = append(out.Breakdowns, v)
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}
