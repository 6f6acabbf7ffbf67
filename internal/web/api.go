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
	Denominator *int      `json:"denominator,omitempty"`
	Reason      string    `json:"reason,omitempty"` // why the value is suppressed
	Note        string    `json:"note,omitempty"`   // children left out, or the collection year a yearly indicator is computed for
	Previous    *apiValue `json:"previous"`         // null when the returns do not cover the period a year earlier
	Change      string    `json:"change"`
	Signals     []string  `json:"signals"` // the control chart's signals reaching into the last 12 months
	Href        string    `json:"href"`    // this indicator's JSON
}

func (s *Server) apiIndicators(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodOrRefuse(w, r, true)
	if !ok {
		return
	}
	before, covered := s.compared(p)
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
		now := s.value(ind, p)
		pubNow := s.headlineOf(ind, p, now)
		v := s.apiValue(ind, p, now, pubNow)
		signals := signalTexts(s.trendOf(ind, p).Recent)
		out[i] = apiHeadline{ID: ind.ID, Title: ind.Title, Family: family[i], Unit: ind.Unit, Direction: ind.Direction.String(),
			Period: p.Label, Value: v.Value, Shown: v.Shown, Numerator: v.Numerator, Denominator: v.Denominator, Reason: v.Reason,
			Note: s.noteOf(ind, p, now), Signals: signals,
			Href: "/api/indicators/" + url.PathEscape(ind.ID) + s.query(p)}
		out[i].Previous, out[i].Change = s.apiBeside(ind, before, covered, now, pubNow)
	})
	body := map[string]any{"mode": s.mode(), "period": p.Label, "previous": before.Label, "indicators": out}
	if note := s.Set.Cover(p).Note(); note != "" {
		body["coverage"] = note
	}
	s.writeJSON(w, http.StatusOK, body)
}

// apiBeside is the figure a year earlier and the change, or nil and no
// comparison when the returns do not cover that period.
func (s *Server) apiBeside(ind *indicators.Indicator, before calendar.Period, covered bool, now indicators.Value, pubNow indicators.Figure) (*apiValue, string) {
	if !covered {
		return nil, "No comparison: no data for " + before.Label
	}
	then := s.value(ind, before)
	pubThen := s.headlineOf(ind, before, then)
	v := s.apiValue(ind, before, then, pubThen)
	return &v, s.change(ind, now, then, pubNow, pubThen)
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
	Note       string     `json:"note,omitempty"`     // children left out, or the collection year a yearly indicator is computed for
	Coverage   string     `json:"coverage,omitempty"` // how the returns partly cover the period
	Previous   *apiValue  `json:"previous"`           // null when the returns do not cover the period a year earlier
	Change     string     `json:"change"`
	Signals    []string   `json:"signals"`  // the control chart's special causes, in words
	Cautions   []string   `json:"cautions"` // what to bear in mind reading the chart: too few points, a stock
	Cadence    string     `json:"cadence"`  // "monthly", or "yearly": then months holds a value a collection year
	Months     []apiValue `json:"months"`
	Breakdowns []apiValue `json:"breakdowns"`
}

func (s *Server) apiIndicator(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAsked(w, r, true)
	if !ok {
		return
	}
	got := s.read(ind, p)
	t := got.Trend
	cadence := "monthly"
	if ind.Cadence == indicators.Yearly {
		cadence = "yearly"
	}
	out := apiIndicatorOut{Mode: s.mode(), ID: ind.ID, Title: ind.Title, Definition: ind.Definition, Unit: ind.Unit,
		Direction: ind.Direction.String(), Value: s.apiValue(ind, p, got.Now, got.Published), Note: got.Note,
		Coverage: s.Set.Cover(p).Note(), Signals: signalTexts(t.Signals), Cautions: cautionTexts(t.Signals), Cadence: cadence, Months: []apiValue{}, Breakdowns: []apiValue{}}
	out.Previous, out.Change = s.apiBeside(ind, got.Before, got.Covered, got.Now, got.Published)
	for i, f := range s.monthsOf(ind, t) {
		out.Months = append(out.Months, s.apiValue(ind, t.Months[i], t.Values[i], f))
	}
	for _, table := range got.Tables {
		for _, g := range table.Groups {
			v := s.apiValue(ind, p, g.Value, g.Figure)
			v.By, v.Group = table.By.String(), g.Label
			out.Breakdowns = append(out.Breakdowns, v)
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}
