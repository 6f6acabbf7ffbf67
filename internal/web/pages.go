package web

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/spc"
)

// policy is the disclosure policy of the server's mode.
func (s *Server) policy() disclose.Policy { return disclose.PolicyOf(s.Publishable) }

// small reports whether the mode suppresses a count of n children: 1 to
// 5, in publishable mode.
func (s *Server) small(n int) bool { return s.policy().Small(n) }

// count formats a number of children in the server's mode.
func (s *Server) count(n int) string { return s.policy().Count(n).Text() }

// headlineOf is an indicator's value for a period as the mode publishes
// it, outside or beside its breakdowns alike (indicators.Headline).
func (s *Server) headlineOf(ind *indicators.Indicator, p calendar.Period, v indicators.Value) indicators.Figure {
	return indicators.Headline(ind, s.Set, p, v, s.policy())
}

// drill returns the address of the drill-down to the children counted in
// v, or "" when there is none: in publishable mode, or with no children.
func (s *Server) drill(ind *indicators.Indicator, p calendar.Period, by, group string, v indicators.Value) string {
	if s.Publishable || v.Numerator == 0 {
		return ""
	}
	q := url.Values{"period": {code(p)}}
	if by != "" {
		q.Set("by", by)
		q.Set("group", group)
	}
	// Spaces as %20, not +, which the template would write as &#43;.
	return "/indicators/" + url.PathEscape(ind.ID) + "/children?" + strings.ReplaceAll(q.Encode(), "+", "%20")
}

// figure is one value as a page shows it, with the drill-down link for
// its children, if any.
type figure struct {
	Shown       string // the value in the mode: a number, c or x
	Children    string // the number of children counted (the numerator), in the mode
	Denominator string // what a share is of, or a rate per; "" for counts
	Link        string // the drill-down to the children counted
	Count       bool   // the value is itself the number of children
}

func (s *Server) figure(ind *indicators.Indicator, p calendar.Period, by, group string, v indicators.Value, pub indicators.Figure) figure {
	f := figure{Shown: pub.Value.Text(), Children: pub.Children.Text(), Link: s.drill(ind, p, by, group, v),
		Count: ind.Unit == indicators.Children}
	if ind.Unit != indicators.Children && v.Denominator > 0 {
		f.Denominator = pub.Denominator.Text() // a population for a rate, shown as it is
	}
	return f
}

// change says which way an indicator moved from then to now, by how much,
// and whether that is better.
func (s *Server) change(ind *indicators.Indicator, now, then indicators.Value, pubNow, pubThen indicators.Figure) string {
	switch {
	case !now.Known || !then.Known:
		return "Not known"
	case pubNow.Value.Suppressed() || pubThen.Value.Suppressed():
		return "Not compared: small numbers"
	case now.Value == then.Value:
		return "No change"
	}
	diff := math.Abs(now.Value - then.Value)
	amount := fmt.Sprintf("%.1f", diff)
	switch ind.Unit {
	case indicators.Children:
		amount = strconv.Itoa(int(math.Round(diff)))
	case indicators.Percent:
		amount += " percentage points"
	case indicators.Days:
		amount += " days"
	}
	up := now.Value > then.Value
	text := map[bool]string{true: "Up ", false: "Down "}[up] + amount
	switch {
	case ind.Direction == indicators.HigherIsBetter && up, ind.Direction == indicators.LowerIsBetter && !up:
		return text + ": better"
	case ind.Direction == indicators.Neither:
		return text
	}
	return text + ": worse"
}

// trendOf computes an indicator for each of the 36 months to the
// period's end, with the control chart's signals in words: all of them,
// and those reaching into the last 12 months.
type trendOf struct {
	Months          []calendar.Period
	Values          []indicators.Value
	Signals, Recent []string
}

func (s *Server) trendOf(ind *indicators.Indicator, p calendar.Period) trendOf {
	months := trend(p)
	values := make([]indicators.Value, len(months))
	for i, m := range months {
		values[i] = s.value(ind, m)
	}
	points := make([]spc.Point, len(values))
	for i, v := range values {
		points[i] = spc.Point{Label: months[i].Label, Value: v.Value, Known: v.Known}
	}
	return trendOf{Months: months, Values: values,
		Signals: spc.Notes(ind.Title, "months", points, 0),
		Recent:  spc.Notes(ind.Title, "months", points, max(0, len(points)-recentMonths))}
}

// headline is one indicator on the overview.
type headline struct {
	Indicator   *indicators.Indicator
	Href        string // its page
	Now, Before figure
	Change      string
	Signals     []string // signals reaching into the last 12 months
}

// overviewPage is the overview's content.
type overviewPage struct {
	Period, Previous string
	PeriodAsked      string // the chooser's value
	Error            string // why the period asked for could not be used
	Hint             string
	Tables           []headlineTable
	Summary          *summaryView // the director's summary, before the tables
}

// ErrorField is the id of the input an Error is about, for the error
// summary's link.
func (overviewPage) ErrorField() string { return "period" }

// headlineTable is one table of the overview.
type headlineTable struct {
	Caption, Period, Previous string
	Rows                      []headline
}

func (s *Server) headline(ind *indicators.Indicator, p, before calendar.Period) headline {
	now, then := s.value(ind, p), s.value(ind, before)
	pubNow, pubThen := s.headlineOf(ind, p, now), s.headlineOf(ind, before, then)
	return headline{Indicator: ind, Href: "/indicators/" + url.PathEscape(ind.ID) + s.query(p),
		Now: s.figure(ind, p, "", "", now, pubNow), Before: s.figure(ind, before, "", "", then, pubThen),
		Change: s.change(ind, now, then, pubNow, pubThen), Signals: s.trendOf(ind, p).Recent}
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	content := overviewPage{Hint: "For example " + periodHint + ".", PeriodAsked: r.URL.Query().Get("period")}
	status := http.StatusOK
	p, err := s.periodAsked(r)
	if err != nil {
		content.Error = "Enter the period as " + periodHint
		status, p = http.StatusBadRequest, s.Period
	}
	before := previous(p)
	content.Period, content.Previous = p.Label, before.Label
	if content.PeriodAsked == "" || status == http.StatusOK {
		content.PeriodAsked = code(p)
	}
	for _, family := range indicators.Families() {
		group := family.Indicators
		table := headlineTable{Caption: family.Name, Period: p.Label, Previous: before.Label, Rows: make([]headline, len(group))}
		forEach(len(group), func(j int) { table.Rows[j] = s.headline(group[j], p, before) })
		content.Tables = append(content.Tables, table)
	}
	content.Summary = s.summary(r.Context(), p)
	s.render(w, status, "overview.html", page{Title: "Children looked after: " + p.Label, Nav: "overview",
		JSON: "/api/indicators" + s.query(p), Content: content})
}

// breakdownTable is an indicator broken down by one characteristic.
type breakdownTable struct {
	By      string // as By.String gives it: "age", "legal status"
	Heading string // the same with a capital: "Age"
	Groups  []breakdownRow
}

type breakdownRow struct {
	Group  string
	Figure figure
}

// indicatorPage is an indicator page's content.
type indicatorPage struct {
	Indicator        *indicators.Indicator
	Direction        string
	Period, Previous string
	Now, Before      figure
	Change           string
	Signals          []string
	Chart            template.HTML // the SVG chart with its data table; "" when suppressed
	Months           []monthRow    // the data, when the chart is not drawn
	Breakdowns       []breakdownTable
}

type monthRow struct{ Month, Shown string }

func (s *Server) indicator(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAsked(w, r, false)
	if !ok {
		return
	}
	before := previous(p)
	now, then := s.value(ind, p), s.value(ind, before)
	pubNow, tables := indicators.Breakdowns(ind, s.Set, p, now, s.policy())
	pubThen := s.headlineOf(ind, before, then)
	t := s.trendOf(ind, p)
	content := indicatorPage{Indicator: ind, Direction: ind.Direction.Sentence(), Period: p.Label, Previous: before.Label,
		Now: s.figure(ind, p, "", "", now, pubNow), Before: s.figure(ind, before, "", "", then, pubThen),
		Change: s.change(ind, now, then, pubNow, pubThen), Signals: t.Signals}
	content.Chart, content.Months = s.chart(ind, t)
	for _, table := range tables {
		name := table.By.String()
		out := breakdownTable{By: name, Heading: strings.ToUpper(name[:1]) + name[1:]}
		for _, g := range table.Groups {
			out.Groups = append(out.Groups, breakdownRow{Group: g.Label, Figure: s.figure(ind, p, name, g.Label, g.Value, g.Figure)})
		}
		content.Breakdowns = append(content.Breakdowns, out)
	}
	s.render(w, http.StatusOK, "indicator.html", page{Title: ind.Title, Nav: "overview",
		Crumbs: []crumb{{"Overview", "/" + s.query(p)}}, JSON: "/api/indicators/" + url.PathEscape(ind.ID) + s.query(p),
		Content: content})
}

// chart draws the control chart with its data table. In publishable mode
// a chart any of whose months is suppressed would show the small number
// by its height, so it is not drawn and the data are given as a table
// with the suppressed months as "c".
func (s *Server) chart(ind *indicators.Indicator, t trendOf) (template.HTML, []monthRow) {
	months := s.monthsOf(ind, t)
	if slices.ContainsFunc(months, func(f indicators.Figure) bool { return f.Value.Suppressed() }) {
		rows := make([]monthRow, len(months))
		for i, f := range months {
			rows[i] = monthRow{t.Months[i].Label, f.Value.Text()}
		}
		return "", rows
	}
	c := chart.SPC{ID: "chart-" + ind.ID, Title: ind.Title, Unit: ind.Unit}
	for i, v := range t.Values {
		if v.Known {
			c.Points = append(c.Points, chart.Point{Label: t.Months[i].Label, Value: v.Value})
		}
	}
	var svg bytes.Buffer
	if err := c.Write(&svg); err != nil {
		s.Log.Error("drawing a chart", "indicator", ind.ID, "err", err)
		return "", nil
	}
	return template.HTML(svg.String()), nil
}

// monthsOf is the trend's months as the mode publishes them.
func (s *Server) monthsOf(ind *indicators.Indicator, t trendOf) []indicators.Figure {
	out := make([]indicators.Figure, len(t.Values))
	for i, v := range t.Values {
		out[i] = s.headlineOf(ind, t.Months[i], v)
	}
	return out
}

// byName returns the characteristic with the name By.String gives.
func byName(name string) (indicators.By, bool) {
	for _, by := range indicators.AllBreakdowns() {
		if by.String() == name {
			return by, true
		}
	}
	return 0, false
}
