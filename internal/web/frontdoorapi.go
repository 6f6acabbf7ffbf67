package web

import (
	"net/http"
	"net/url"

	"github.com/village-uk/village/calendar"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
)

// apiCINValue is a CIN figure in the JSON: as apiValue, with the reason
// a figure the loaded returns cannot give is not known.
type apiCINValue struct {
	apiValue
	Note string `json:"note,omitempty"`
}

// apiCINValue is f, of year y, as the mode publishes it: no value,
// numerator or denominator when it is not known or is suppressed.
func (s *Server) apiCINValue(f cinind.Figure, y calendar.Year) apiCINValue {
	cell := f.Cell(s.policy())
	out := apiCINValue{apiValue: apiValue{ID: f.Indicator.ID, Period: y.String(), Shown: cell.Text(), Reason: cell.Reason()},
		Note: f.Note}
	if !f.Value.Known || cell.Suppressed() {
		return out
	}
	out.Value = cell.JSON()
	out.Numerator = s.policy().Count(f.Value.Numerator).Count()
	if f.Value.Denominator > 0 {
		out.Denominator = s.policy().Count(f.Value.Denominator).Count()
	}
	return out
}

// apiCINHeadline is one indicator in /api/front-door.
type apiCINHeadline struct {
	apiCINValue
	Title     string      `json:"title"`
	Unit      string      `json:"unit"`
	Direction string      `json:"direction"`
	Previous  apiCINValue `json:"previous"`
	Change    string      `json:"change"`
	Href      string      `json:"href"` // this indicator's JSON
}

// apiFrontDoorYear is one census year's counts in /api/front-door, as
// the page's table has them: null when suppressed.
type apiFrontDoorYear struct {
	Year        string `json:"year"`
	Referrals   *int   `json:"referrals"`
	Assessments *int   `json:"assessments"`
	Section47s  *int   `json:"section47_enquiries"`
	PlansBegun  *int   `json:"plans_begun"`
	PlansOpen   *int   `json:"plans_open_31_march"`
}

// apiCINYear is cinYearAsked for the API, which first answers that no
// census is loaded, if none is.
func (s *Server) apiCINYear(w http.ResponseWriter, r *http.Request) (calendar.Year, calendar.Period, string, bool) {
	if !s.frontDoorLoaded() {
		s.jsonError(w, http.StatusNotFound, "no children in need census is loaded")
		return 0, calendar.Period{}, "", false
	}
	return s.cinYearAsked(w, r, true)
}

// apiFrontDoor is GET /api/front-door: the front door's overview, the
// CIN indicators of the collection year asked for beside the year
// before, and the counts of every census year loaded.
func (s *Server) apiFrontDoor(w http.ResponseWriter, r *http.Request) {
	y, p, note, ok := s.apiCINYear(w, r)
	if !ok {
		return
	}
	now, then := s.cinFigures(y), s.cinFigures(y-1)
	rows := make([]apiCINHeadline, len(now))
	for i, f := range now {
		ind := f.Indicator
		rows[i] = apiCINHeadline{apiCINValue: s.apiCINValue(f, y), Title: ind.Title, Unit: ind.Unit,
			Direction: ind.Direction.String(), Previous: s.apiCINValue(then[i], y-1), Change: s.cinChange(ind, f, then[i]),
			Href: "/api/front-door/" + url.PathEscape(ind.ID) + s.query(p)}
	}
	years := []apiFrontDoorYear{}
	counts := countFrontDoor(s.Front)
	for year := s.Front.Last; year >= s.Front.First; year-- { // the latest first, as on the page
		n, c := counts[year], func(n int) *int { return s.policy().Count(n).Count() }
		years = append(years, apiFrontDoorYear{Year: year.String(), Referrals: c(n.referrals), Assessments: c(n.assessments),
			Section47s: c(n.section47s), PlansBegun: c(n.plansBegun), PlansOpen: c(n.plansOpen)})
	}
	body := map[string]any{"mode": s.mode(), "year": y.String(), "previous": (y - 1).String(),
		"indicators": rows, "years": years}
	if note != "" {
		body["period_note"] = note
	}
	s.writeJSON(w, http.StatusOK, body)
}

// apiCINIndicatorOut is /api/front-door/{id}: the indicator page's figures.
type apiCINIndicatorOut struct {
	Mode        string        `json:"mode"`
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	Definition  string        `json:"definition"`
	Numerator   string        `json:"numerator"`             // what the numerator counts
	Denominator string        `json:"denominator,omitempty"` // what the denominator is
	Unit        string        `json:"unit"`
	Direction   string        `json:"direction"`
	PeriodNote  string        `json:"period_note,omitempty"` // which collection year a quarter or month is shown for
	Value       apiCINValue   `json:"value"`
	Previous    apiCINValue   `json:"previous"`
	Change      string        `json:"change"`
	Years       []apiCINValue `json:"years"` // every census year loaded, oldest first
	Breakdowns  []apiValue    `json:"breakdowns"`
	// NotPublished names the breakdowns left out in this mode, and why.
	NotPublished map[string]string `json:"not_published,omitempty"`
}

// apiFrontDoorIndicator is GET /api/front-door/{id}.
func (s *Server) apiFrontDoorIndicator(w http.ResponseWriter, r *http.Request) {
	ind := s.cinIndicatorAsked(w, r, true)
	if ind == nil {
		return
	}
	y, _, note, ok := s.apiCINYear(w, r)
	if !ok {
		return
	}
	in := s.cinInput(y)
	now, then := s.cinFigure(ind, y), s.cinFigure(ind, y-1)
	out := apiCINIndicatorOut{Mode: s.mode(), ID: ind.ID, Title: ind.Title, Definition: ind.Definition,
		Numerator: ind.Numerator(), Denominator: ind.Denominator(), Unit: ind.Unit, Direction: ind.Direction.String(),
		PeriodNote: note, Value: s.apiCINValue(now, y), Previous: s.apiCINValue(then, y-1), Change: s.cinChange(ind, now, then),
		Years: []apiCINValue{}, Breakdowns: []apiValue{}}
	for year := s.Front.First; year <= s.Front.Last; year++ {
		out.Years = append(out.Years, s.apiCINValue(s.cinFigure(ind, year), year))
	}
	for _, b := range ind.Breakdowns(in, now) {
		if !b.Published(s.policy()) {
			out.NotPublished = map[string]string{b.By: categoryWithheld}
			continue
		}
		for i, cell := range b.Cells(s.policy()) {
			out.Breakdowns = append(out.Breakdowns, apiValue{ID: ind.ID, Period: y.String(), By: b.By, Group: b.Groups[i].Name,
				Value: cell.JSON(), Shown: cell.Text(), Numerator: cell.Count(), Reason: cell.Reason()})
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}
