package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/spc"
)

// notAvailable is how the pages show a figure the loaded returns cannot
// give, beside the reason.
const notAvailable = "not available"

// frontDoorLoaded reports whether a CIN census is loaded.
func (s *Server) frontDoorLoaded() bool { return s.Front != nil && s.Front.First != 0 }

// cinYearAsked returns the collection year the request's period ends in
// (the server's period when it asks for none), the period asked for, and
// the note saying which year a quarter or a month is shown for; or
// answers that the period cannot be read.
func (s *Server) cinYearAsked(w http.ResponseWriter, r *http.Request, asJSON bool) (calendar.Year, calendar.Period, string, bool) {
	p, err := s.periodAsked(r)
	if err != nil {
		s.refuse(w, asJSON, http.StatusBadRequest, "Period not recognised", "Enter the period as "+periodHint+".", "period: expected "+periodHint)
		return 0, p, "", false
	}
	yearly := &indicators.Indicator{Cadence: indicators.Yearly}
	_, note := yearly.PeriodFor(p)
	return calendar.YearOf(p.End), p, note, true
}

// cinCache keeps each collection year's CIN figures once computed: a
// Server shows one snapshot of the store, so they do not change.
type cinCache struct {
	mu    sync.Mutex
	years map[calendar.Year][]cinind.Figure
}

// cinFigures returns every CIN indicator's figure for year y, in
// cinind.All's order, computed once for the years loaded and the year
// before the first (what the first is compared with); any other year is
// computed afresh, so that asking for years at random fills no memory.
func (s *Server) cinFigures(y calendar.Year) []cinind.Figure {
	if !s.frontDoorLoaded() || y < s.Front.First-1 || y > s.Front.Last {
		return cinind.ComputeAll(s.cinInput(y))
	}
	c := &s.frontDoorCache
	c.mu.Lock()
	got, ok := c.years[y]
	c.mu.Unlock()
	if ok {
		return got
	}
	got = cinind.ComputeAll(s.cinInput(y))
	c.mu.Lock()
	if c.years == nil {
		c.years = map[calendar.Year][]cinind.Figure{}
	}
	c.years[y] = got
	c.mu.Unlock()
	return got
}

// cinFigure returns indicator ind's figure for year y, from cinFigures.
func (s *Server) cinFigure(ind *cinind.Indicator, y calendar.Year) cinind.Figure {
	for _, f := range s.cinFigures(y) {
		if f.Indicator == ind {
			return f
		}
	}
	return ind.Compute(s.cinInput(y)) // not reached: cinFigures has every indicator
}

// cinInput is what the CIN indicators of year y are computed from.
func (s *Server) cinInput(y calendar.Year) cinind.Input {
	return cinind.Input{Year: y, Front: s.Front, Care: s.Set, Population: s.Population}
}

// cinShown is a CIN figure as a page shows it: the figure in the mode,
// or "not available" with the reason.
type cinShown struct {
	Shown string // the figure, c when suppressed, or "not available"
	Note  string // why it is not available, or what it leaves out
}

func (s *Server) cinShown(f cinind.Figure) cinShown {
	if !f.Value.Known {
		return cinShown{Shown: notAvailable, Note: f.Note}
	}
	return cinShown{Shown: f.Cell(s.policy()).Text(), Note: f.Note}
}

// cinChange is the direction of travel from then to now, judged as the
// 903's indicators are (a count of referrals or enquiries as a count).
func (s *Server) cinChange(ind *cinind.Indicator, now, then cinind.Figure) string {
	unit := ind.Unit
	if unit == cinind.Referrals || unit == cinind.Enquiries {
		unit = indicators.Children
	}
	as := &indicators.Indicator{Unit: unit, Direction: ind.Direction}
	return s.change(as, now.Value, then.Value,
		indicators.Figure{Value: now.Cell(s.policy())}, indicators.Figure{Value: then.Cell(s.policy())})
}

// cinHeadline is one CIN indicator on the front door's overview.
type cinHeadline struct {
	Title, Href, Unit string
	Now, Before       cinShown
	Change            string
}

// cinOverview is the CIN indicators of one collection year beside the
// year before.
type cinOverview struct {
	Year, Previous string // "2025/26"
	PeriodNote     string // which collection year a quarter or month is shown for
	Rows           []cinHeadline
}

// cinOverviewOf computes every CIN indicator for y and the year before.
func (s *Server) cinOverviewOf(y calendar.Year, p calendar.Period, note string) *cinOverview {
	now, then := s.cinFigures(y), s.cinFigures(y-1)
	out := &cinOverview{Year: y.String(), Previous: (y - 1).String(), PeriodNote: note}
	for i, f := range now {
		ind := f.Indicator
		out.Rows = append(out.Rows, cinHeadline{Title: ind.Title, Unit: ind.Unit,
			Href: "/front-door/" + url.PathEscape(ind.ID) + s.query(p),
			Now:  s.cinShown(f), Before: s.cinShown(then[i]), Change: s.cinChange(ind, f, then[i])})
	}
	return out
}

// cinYearRow is one census year of an indicator's page.
type cinYearRow struct {
	Year                   string
	Figure                 cinShown
	Numerator, Denominator string // in the mode; "" when not known or suppressed
	Link                   string // the drill-down to the children the numerator counts; "" for none
	year                   calendar.Year
}

// cinGroupRow is one group of a breakdown on an indicator's page.
type cinGroupRow struct{ Group, Shown string }

// cinBreakdown is a breakdown table, or why it is not published.
type cinBreakdown struct {
	By           string
	Groups       []cinGroupRow
	NotPublished string
}

// cinIndicatorPage is /front-door/{id}'s content.
type cinIndicatorPage struct {
	Indicator        *cinind.Indicator
	Direction        string
	Year, Previous   string
	PeriodNote       string
	Now, Before      cinShown
	Change           string
	Chart            template.HTML // the control chart with its data table; "" when not drawn
	WhyNoChart       string
	Years            []cinYearRow // every census year loaded, the latest first
	Breakdowns       []cinBreakdown
	NumeratorMeans   string          // what the numerator counts
	DenominatorMeans string          // what the denominator is; "" for counts
	Benchmark        *benchmarkPanel // against England, the region and neighbours; nil without published tables
}

// categoryWithheld says why the categories of abuse are not published.
const categoryWithheld = "Not published in publishable mode: the categories are not yet suppressed against each other, " +
	"so a small one could be worked out from the others and the total."

// cinIndicatorAsked returns the CIN indicator named in the address, or
// answers that there is none.
func (s *Server) cinIndicatorAsked(w http.ResponseWriter, r *http.Request, asJSON bool) *cinind.Indicator {
	ind := cinind.ByID(r.PathValue("id"))
	switch {
	case ind != nil:
	case asJSON:
		s.jsonError(w, http.StatusNotFound, "no front-door indicator "+r.PathValue("id")+"; /api/front-door lists them")
	default:
		s.notFound(w, r)
	}
	return ind
}

// frontDoorIndicator is GET /front-door/{id}.
func (s *Server) frontDoorIndicator(w http.ResponseWriter, r *http.Request) {
	ind := s.cinIndicatorAsked(w, r, false)
	if ind == nil {
		return
	}
	y, p, note, ok := s.cinYearAsked(w, r, false)
	if !ok {
		return
	}
	now, then := s.cinFigure(ind, y), s.cinFigure(ind, y-1)
	content := cinIndicatorPage{Indicator: ind, Direction: ind.Direction.Sentence(), Year: y.String(),
		Previous: (y - 1).String(), PeriodNote: note, Now: s.cinShown(now), Before: s.cinShown(then),
		Change: s.cinChange(ind, now, then)}
	content.NumeratorMeans, content.DenominatorMeans = ind.Numerator(), ind.Denominator()
	content.Years, content.Chart, content.WhyNoChart = s.cinYears(ind)
	s.cinDrills(r, ind, content.Years)
	content.Breakdowns = s.cinBreakdowns(ind, s.cinInput(y), now)
	content.Benchmark = s.panel(ind.ID)
	s.render(w, http.StatusOK, "frontdoorindicator.html", page{Title: ind.Title, Nav: "front-door",
		Crumbs: []crumb{{"The front door", "/front-door" + s.query(p)}},
		JSON:   "/api/front-door/" + url.PathEscape(ind.ID) + s.query(p), Content: content})
}

// cinYears computes the indicator for every census year loaded, the
// latest first, and draws them as a control chart when every year is
// known and shown.
func (s *Server) cinYears(ind *cinind.Indicator) ([]cinYearRow, template.HTML, string) {
	if !s.frontDoorLoaded() {
		return nil, "", "No children in need census is loaded."
	}
	series := spc.Series{Title: ind.Title, Period: "year", Better: spc.Neither}
	switch ind.Direction {
	case indicators.HigherIsBetter:
		series.Better = spc.HigherIsBetter
	case indicators.LowerIsBetter:
		series.Better = spc.LowerIsBetter
	}
	var rows []cinYearRow
	drawable := true
	for y := s.Front.First; y <= s.Front.Last; y++ {
		f := s.cinFigure(ind, y)
		cell := f.Cell(s.policy())
		row := cinYearRow{Year: y.String(), Figure: s.cinShown(f), year: y}
		if f.Value.Known && !cell.Suppressed() {
			row.Numerator = s.count(f.Value.Numerator)
			if f.Value.Denominator > 0 {
				row.Denominator = s.count(f.Value.Denominator)
			}
		}
		drawable = drawable && f.Value.Known && !cell.Suppressed()
		series.Points = append(series.Points, spc.Point{Label: y.String(), Value: f.Value.Value, Known: f.Value.Known})
		rows = append([]cinYearRow{row}, rows...)
	}
	if !drawable {
		return rows, "", "The chart is not drawn: a year's figure is not available or is suppressed (counts of 1 to 5, " +
			"or figures that would reveal one), which a chart would show."
	}
	var svg bytes.Buffer
	if err := (chart.SPC{ID: "chart-" + ind.ID, Unit: ind.Unit, Series: series}).Write(&svg); err != nil {
		s.Log.Error("drawing a chart", "indicator", ind.ID, "err", err)
		return rows, "", "The chart could not be drawn."
	}
	return rows, template.HTML(svg.String()), ""
}

// cinBreakdowns is the figure's breakdowns as the mode publishes them.
func (s *Server) cinBreakdowns(ind *cinind.Indicator, in cinind.Input, f cinind.Figure) []cinBreakdown {
	var out []cinBreakdown
	for _, b := range ind.Breakdowns(in, f) {
		table := cinBreakdown{By: b.By}
		if !b.Published(s.policy()) {
			table.NotPublished = categoryWithheld
			out = append(out, table)
			continue
		}
		for i, cell := range b.Cells(s.policy()) {
			table.Groups = append(table.Groups, cinGroupRow{Group: b.Groups[i].Name, Shown: cell.Text()})
		}
		out = append(out, table)
	}
	return out
}

// Heading is the breakdown's characteristic with a capital.
func (b cinBreakdown) Heading() string { return strings.ToUpper(b.By[:1]) + b.By[1:] }
