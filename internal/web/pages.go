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
	p, _ = s.periodFor(ind, p)
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
	}
	// The change is judged as it is shown: a difference that rounds to
	// nothing is no change, not "Down 0.0: worse".
	diff := math.Abs(now.Value - then.Value)
	amount := fmt.Sprintf("%.1f", diff)
	if ind.Unit == indicators.Children {
		amount = strconv.Itoa(int(math.Round(diff)))
	}
	if strings.Trim(amount, "0.") == "" {
		return "No change"
	}
	switch ind.Unit {
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
// period's end that the returns cover, or for a yearly indicator each
// collection year of them, with the control chart's signals in words: all
// of them, and those reaching into the last 12 months (the last year).
type trendOf struct {
	Months          []calendar.Period // the months, or the collection years
	Values          []indicators.Value
	Series          spc.Series // the chart's series: its signals are Signals
	Signals, Recent []spc.Note
}

// trendYears is how many years a trend covers.
const trendYears = 3

func (s *Server) trendOf(ind *indicators.Indicator, p calendar.Period) trendOf {
	months := indicators.Trend(ind, s.Set, p, trendYears)
	values := make([]indicators.Value, len(months))
	for i, m := range months {
		values[i] = s.value(ind, m)
	}
	recent := recentMonths
	if ind.Cadence == indicators.Yearly {
		recent = 1
	}
	series := indicators.ChartSeries(ind, months, values)
	read := series.Read()
	return trendOf{Months: months, Values: values, Series: series,
		Signals: read.Notes(0),
		Recent:  read.Notes(max(0, len(months)-recent))}
}

// signalTexts is the words of the notes that are special causes, never
// nil, for the JSON API.
func signalTexts(notes []spc.Note) []string {
	out := []string{}
	for _, n := range notes {
		if n.Signal() {
			out = append(out, n.Text)
		}
	}
	return out
}

// cautionTexts is the words of the notes that are cautions, never nil.
func cautionTexts(notes []spc.Note) []string {
	out := []string{}
	for _, n := range notes {
		if !n.Signal() {
			out = append(out, n.Text)
		}
	}
	return out
}

// beside is the figure for the period a figure is compared with, and the
// change, or "no data" and no comparison when the returns do not cover it.
func (s *Server) beside(ind *indicators.Indicator, before calendar.Period, covered bool, now indicators.Value, pubNow indicators.Figure) (figure, string) {
	if !covered {
		return figure{Shown: "no data"}, "No comparison: no data for " + before.Label
	}
	then := s.value(ind, before)
	pubThen := s.headlineOf(ind, before, then)
	return s.figure(ind, before, "", "", then, pubThen), s.change(ind, now, then, pubNow, pubThen)
}

// headline is one indicator on the overview.
type headline struct {
	Indicator   *indicators.Indicator
	Unit        string // for the period: a rate of starts in a quarter says so
	Href        string // its page
	Now, Before figure
	Change      string
	Signals     []spc.Note // signals reaching into the last 12 months, and the chart's cautions
	Note        string     // children left out, or the collection year a yearly indicator is shown for
}

// overviewPage is the overview's content.
type overviewPage struct {
	Period, Previous string
	PeriodAsked      string // the chooser's value
	Coverage         string // how the returns partly cover the period; "" when they cover it all
	Error            string // why the period asked for could not be used
	Hint             string
	Tables           []headlineTable
	Summary          *summaryView // the director's summary, before the tables
	FrontDoor        bool         // a CIN census is loaded, so /front-door has figures
}

// ErrorField is the id of the input an Error is about, for the error
// summary's link.
func (overviewPage) ErrorField() string { return "period" }

// headlineTable is one table of the overview.
type headlineTable struct {
	Caption, Period, Previous string
	Rows                      []headline
}

// SignalCount is how many of the headline's notes are special causes.
func (h headline) SignalCount() int { return spc.Signals(h.Signals) }

// Tags are the kinds of the headline's special causes, each once:
// "Improvement", "Concern" or "Special cause".
func (h headline) Tags() []string {
	var out []string
	for _, n := range h.Signals {
		if n.Signal() && !slices.Contains(out, n.Tag()) {
			out = append(out, n.Tag())
		}
	}
	return out
}

func (s *Server) headline(ind *indicators.Indicator, p, before calendar.Period, covered bool) headline {
	now := s.value(ind, p)
	pubNow := s.headlineOf(ind, p, now)
	h := headline{Indicator: ind, Unit: ind.UnitIn(p), Href: "/indicators/" + url.PathEscape(ind.ID) + s.query(p),
		Now: s.figure(ind, p, "", "", now, pubNow), Signals: s.trendOf(ind, p).Recent}
	h.Before, h.Change = s.beside(ind, before, covered, now, pubNow)
	h.Note = s.noteOf(ind, p, now)
	return h
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	content := overviewPage{Hint: "For example " + periodHint + ".", PeriodAsked: r.URL.Query().Get("period")}
	status := http.StatusOK
	p, err := s.periodAsked(r)
	if err != nil {
		content.Error = "Enter the period as " + periodHint
		status, p = http.StatusBadRequest, s.Period
	}
	cover := s.Set.Cover(p)
	if cover.None() {
		s.noData(w, false, cover)
		return
	}
	content.Coverage = cover.Note()
	before, covered := s.compared(p)
	content.Period, content.Previous = p.Label, before.Label
	if content.PeriodAsked == "" || status == http.StatusOK {
		content.PeriodAsked = code(p)
	}
	for _, family := range indicators.Families() {
		group := family.Indicators
		table := headlineTable{Caption: family.Name, Period: p.Label, Previous: before.Label, Rows: make([]headline, len(group))}
		forEach(len(group), func(j int) { table.Rows[j] = s.headline(group[j], p, before, covered) })
		content.Tables = append(content.Tables, table)
	}
	content.Summary = s.summary(r.Context(), p)
	content.FrontDoor = s.Front != nil && s.Front.First != 0
	s.keepOverviewDrills(r, content.Tables)
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
	Signals          []spc.Note
	Chart            template.HTML // the SVG chart with its data table; "" when suppressed
	Months           []monthRow    // the data, when the chart is not drawn
	Breakdowns       []breakdownTable
	Location         string          // for placements out of area: how the authority is known, or what is missing
	Unit, MonthUnit  string          // the units of the period's figures and of the monthly ones
	Yearly           bool            // the trend is a point a collection year, not a month
	Coverage         string          // how the returns partly cover the period; "" when they cover it all
	Note             string          // children left out, or the collection year a yearly indicator is shown for
	Benchmark        *benchmarkPanel // against England, the region and neighbours; nil without published tables
}

// SignalCount is how many of the page's notes are special causes: as many
// as its chart's caption counts.
func (p indicatorPage) SignalCount() int { return spc.Signals(p.Signals) }

type monthRow struct{ Month, Shown string }

func (s *Server) indicator(w http.ResponseWriter, r *http.Request) {
	ind, p, ok := s.indicatorAsked(w, r, false)
	if !ok {
		return
	}
	got := s.read(ind, p)
	t := got.Trend
	content := indicatorPage{Indicator: ind, Direction: ind.Direction.Sentence(), Period: p.Label, Previous: got.Before.Label,
		Now: s.figure(ind, p, "", "", got.Now, got.Published), Signals: t.Signals, Yearly: ind.Cadence == indicators.Yearly,
		Coverage: s.Set.Cover(p).Note(), Note: got.Note}
	content.Before, content.Change = s.beside(ind, got.Before, got.Covered, got.Now, got.Published)
	content.Unit, content.MonthUnit = ind.UnitIn(p), ind.UnitIn(p)
	if len(t.Months) > 0 {
		content.MonthUnit = ind.UnitIn(t.Months[len(t.Months)-1])
	}
	content.Chart, content.Months = s.chart(ind, t)
	if ind.ID == "placed_out_of_area_share" {
		content.Location = s.Set.Authority.Note()
	}
	for _, table := range got.Tables {
		name := table.By.String()
		out := breakdownTable{By: name, Heading: strings.ToUpper(name[:1]) + name[1:]}
		for _, g := range table.Groups {
			out.Groups = append(out.Groups, breakdownRow{Group: g.Label, Figure: s.figure(ind, p, name, g.Label, g.Value, g.Figure)})
		}
		content.Breakdowns = append(content.Breakdowns, out)
	}
	s.keepIndicatorDrills(r, &content)
	content.Benchmark = s.panel(ind.ID)
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
	known := slices.ContainsFunc(t.Values, func(v indicators.Value) bool { return v.Known })
	// Nothing known (a yearly figure the returns never give, say) is
	// given as the table, not as a flat chart of nothing.
	if !known || slices.ContainsFunc(months, func(f indicators.Figure) bool { return f.Value.Suppressed() }) {
		rows := make([]monthRow, len(months))
		for i, f := range months {
			rows[i] = monthRow{t.Months[i].Label, f.Value.Text()}
		}
		return "", rows
	}
	c := chart.SPC{ID: "chart-" + ind.ID, Unit: ind.UnitIn(t.Months[len(t.Months)-1]), Series: t.Series}
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
