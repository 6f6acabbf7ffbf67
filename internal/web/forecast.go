package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/present/chart"
)

// projection is the forecast the /forecast page shows, worked out once in
// the background when the server starts: with its backtest it takes
// about a second, too long for a request, and it does not change while
// the server runs.
type projection struct {
	ready   chan struct{} // closed once the fields below are set
	result  *forecast.Result
	problem string        // why there is no forecast, if there is none
	page    *forecastPage // the page's content, prepared once
	api     []byte        // /api/forecast's body
}

// ForecastReady is closed once the forecast has been worked out (or has
// failed, or none was asked for), so that /forecast and /api/forecast
// show it rather than asking to come back.
func (s *Server) ForecastReady() <-chan struct{} { return s.projection.ready }

// startForecast works out the forecast and its backtest in the
// background, when one is asked for.
func (s *Server) startForecast() {
	if s.Forecast == nil {
		s.projection.problem = "No forecast was asked for when the pages were started."
		s.projection.page = &forecastPage{Problem: s.projection.problem}
		s.projection.ready = make(chan struct{})
		close(s.projection.ready)
		return
	}
	opts := *s.Forecast
	s.projection.ready = inBackground(func() {
		started := time.Now()
		res, err := forecast.Forecast(s.Set, opts)
		if err != nil {
			s.Log.Error("working out the forecast", "err", err)
			s.projection.problem = "The forecast could not be worked out: " + err.Error()
			s.projection.page = &forecastPage{Problem: s.projection.problem}
			return
		}
		backtestProblem := ""
		res.Backtest, err = forecast.RunBacktest(s.Set, forecast.BacktestOptions{DataEnd: opts.DataEnd,
			Simulations: opts.Simulations, Seed: opts.Seed, Population: opts.Population, Workers: opts.Workers})
		if err != nil {
			backtestProblem = "The backtest could not be run: " + err.Error()
			res.Backtest = nil
		}
		s.projection.result = res
		s.projection.page = s.forecastPage(res, backtestProblem)
		if s.projection.api, err = s.forecastJSON(res); err != nil {
			s.Log.Error("writing the forecast as JSON", "err", err)
		}
		s.Log.Info("worked out the forecast", "simulations", res.Simulations, "took", time.Since(started).Round(time.Millisecond))
	})
}

// forecastPage is the /forecast page's content.
type forecastPage struct {
	Pending    bool   // still being worked out
	Problem    string // why there is no forecast
	Start      string // 31 March 2026
	Facts      []fact
	Total      template.HTML
	Categories []smallChart
	UASC       []smallChart // unaccompanied asylum-seeking children, when the forecast has them apart
	Bands      []smallChart
	Empty      []string // series with no children before or after the start
	Spend      []spendRow
	ByType     spendTable // spend by placement type
	Costs      []costRow
	Backtest   backtestView
	Scenario   *scenarioView
	Notes      []string
	// RecentCommand is the command that runs entries at the recent rate
	// beside the baseline, when entries changed late beyond chance.
	RecentCommand string
}

type fact struct{ Key, Value string }

type smallChart struct {
	Title string
	Chart template.HTML
}

type spendRow struct{ Year, Median, Inner, Outer string }

// spendTable is spend by placement type: a row for each type and one for
// the total, a column for each financial year.
type spendTable struct {
	Caption string
	Years   []string
	Rows    []spendTypeRow
}

type spendTypeRow struct {
	Label string
	Total bool
	Cells []spendCell
}

// spendCell is one year's spend on one type: its mean, which adds up to
// the total's, and its 90% interval.
type spendCell struct{ Mean, Range string }

type costRow struct{ Category, Weekly, Year, Source string }

// backtestView is the backtest in words and as a table.
type backtestView struct {
	Problem  string // why there is none
	Sentence string
	Trust    string   // how far to trust the forecast
	Caution  bool     // Trust is a warning
	Verdicts []string // what the backtest showed for the total and each category
	Rows     []backtestRow
	Minimum  string           // children a series must average to count in the summary
	Cuts     []calibrationRow // each cut-off, then all of them together
}

// calibrationRow is one cut-off's errors and how often its intervals held
// the truth.
type calibrationRow struct {
	Cut, From, Model, NoChange, Trend, Coverage50, Coverage90 string
}

type backtestRow struct {
	Label, Children, Model, NoChange, Trend, Coverage string
	Included                                          bool
}

// scenarioView is a scenario beside the baseline.
type scenarioView struct {
	Name, From string
	Changes    []string
	Chart      template.HTML // the total, with the scenario over the baseline
	Years      []scenarioYear
	Spend      []scenarioSpend
	ByType     spendTable // the difference in spend by placement type
}

type scenarioYear struct {
	Date string
	Rows []scenarioRow
}

type scenarioRow struct{ Label, Baseline, Scenario, Difference string }

type scenarioSpend struct{ Year, Baseline, Scenario, Difference string }

// forecastPage prepares the page's content from the forecast.
func (s *Server) forecastPage(res *forecast.Result, backtestProblem string) *forecastPage {
	p := &forecastPage{Start: chart.LongDate(res.Start), Notes: s.forecastNotes(res)}
	end := res.Baseline.Total.Forecast[len(res.Baseline.Total.Forecast)-1].Date
	entries := "A number a month by age band, from the reference window: no population file was given, so entries do not follow population change."
	if res.PopulationBased {
		entries = "A rate per child in the population of each age band (ONS mid-year estimates), so entries follow population change."
	}
	p.Facts = []fact{
		{"Start", chart.LongDate(res.Start) + ", the last month end of the data"},
		{"Projection", fmt.Sprintf("%s, month by month, to %s", duration(res.Months), chart.LongDate(end))},
		{"Reference window", fmt.Sprintf("%s to %s: the rates are learnt from what happened in it", chart.LongDate(res.WindowFrom), chart.LongDate(res.WindowTo))},
		{"Simulations", fmt.Sprintf("%s, with seed %d: the same data and seed always give the same forecast", chart.Whole(float64(res.Simulations)), res.Seed)},
		{"Entries to care", entries},
		{"Children looked after at the start", s.count(res.LookedAfter) + " with a date of birth"},
		{"Unit costs", fmt.Sprintf("Weekly costs by placement category, uplifted by %.1f%% a year from the year of their prices", res.Inflation*100)},
	}
	p.Total = s.fan(chart.Fan{ID: "fan-total", Title: res.Baseline.Total.Label, Unit: "children", Series: s.fanSeries(res.Baseline.Total), Step: 3})
	small := func(list []forecast.Series, prefix, idPrefix string) []smallChart {
		var out []smallChart
		for _, sr := range list {
			if empty(sr) {
				p.Empty = append(p.Empty, prefix+sr.Label)
				continue
			}
			title := prefix + sr.Label
			out = append(out, smallChart{Title: title,
				Chart: s.fan(chart.Fan{ID: idPrefix + sr.Key, Title: title, Unit: "children", Series: s.fanSeries(sr), Step: 12, Small: true})})
		}
		return out
	}
	p.Categories = small(res.Baseline.ByCategory, "", "fan-")
	p.Bands = small(res.Baseline.ByBand, "Aged ", "fan-age-")
	if u := res.Baseline.UASC; u != nil && !empty(*u) {
		p.UASC = small([]forecast.Series{*u}, "", "fan-")
	}
	for _, y := range res.Baseline.Spend {
		p.Spend = append(p.Spend, spendRow{Year: y.Year + part(y.Months), Median: millions(y.Median),
			Inner: millions(y.P25) + " to " + millions(y.P75), Outer: millions(y.P5) + " to " + millions(y.P95)})
	}
	p.ByType = spendByType("Projected spend on placements by placement type and financial year: mean (90% interval)",
		res.Baseline.SpendByCategory, res.Baseline.Spend, millions, false)
	for _, c := range res.Costs {
		p.Costs = append(p.Costs, costRow{Category: c.Category.Label(), Weekly: "£" + chart.Whole(c.Weekly), Year: c.YearText, Source: c.Source})
	}
	p.Backtest = s.backtestView(res.Backtest, backtestProblem)
	if re := res.RecentEntries; re != nil && re.Significant {
		p.RecentCommand = "village forecast --recent-entries"
	}
	if res.Scenario != nil {
		p.Scenario = s.scenarioView(res)
	}
	return p
}

// fanSeries is a forecast's series as a fan chart draws it in the
// server's mode: each observed count as the policy publishes it (1 to 5
// suppressed when publishable), the projection as it is, since it is
// modelled, not a count of children.
func (s *Server) fanSeries(sr forecast.Series) chart.Series {
	var out chart.Series
	for _, p := range sr.History {
		out.History = append(out.History, chart.Observed{Date: p.Date, Count: s.observedCount(p.Value)})
	}
	for _, iv := range sr.Forecast {
		out.Forecast = append(out.Forecast, chart.Band{Date: iv.Date, P5: iv.P5, P25: iv.P25, Median: iv.Median, P75: iv.P75, P95: iv.P95})
	}
	return out
}

// observedCount is an observed count of children, perhaps an average of
// several months, as the server's mode publishes it: suppressed when it
// rounds to 1 to 5.
func (s *Server) observedCount(v float64) disclose.Cell {
	return s.policy().Number(v, 0, true, int(math.Round(v)))
}

// fan draws a fan chart in the server's mode.
func (s *Server) fan(c chart.Fan) template.HTML {
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		s.Log.Error("drawing a fan chart", "series", c.Title, "err", err)
		return template.HTML(`<p class="govuk-body">The chart could not be drawn.</p>`)
	}
	return template.HTML(buf.String())
}

// empty says whether a series has no children before or after the start.
func empty(sr forecast.Series) bool {
	for _, p := range sr.History {
		if p.Value != 0 {
			return false
		}
	}
	for _, iv := range sr.Forecast {
		if iv.P95 != 0 {
			return false
		}
	}
	return true
}

// forecastNotes are the forecast's notes in the server's mode: in
// publishable mode a count of 1 to 5 children without a date of birth is
// not given.
func (s *Server) forecastNotes(res *forecast.Result) []string {
	notes := slices.Clone(res.Notes)
	if s.small(res.NoDOB) {
		prefix := strconv.Itoa(res.NoDOB) + " children without a date of birth"
		for i, n := range notes {
			if strings.HasPrefix(n, prefix) {
				notes[i] = "A few (c) children without a date of birth" + strings.TrimPrefix(n, prefix)
			}
		}
	}
	if s.small(res.LeftCensored) {
		prefix := strconv.Itoa(res.LeftCensored) + " children looked after at the start began care"
		if res.LeftCensored == 1 {
			prefix = "1 child looked after at the start began care"
		}
		for i, n := range notes {
			if strings.HasPrefix(n, prefix) {
				notes[i] = "A few (c) children looked after at the start began care" + strings.TrimPrefix(n, prefix)
			}
		}
	}
	if s.small(res.UASCArrivals) {
		for i, n := range notes {
			if strings.HasPrefix(n, forecast.UASCNote) {
				notes[i] = forecast.UASCNote + " a few (c) arrivals in the entries' window, which do not follow the local child population, " +
					"with their own moves and exits; like every child, they leave care at 18."
			}
		}
	}
	return notes
}

// backtestView says how the model did on the past, and so how far to
// trust it: it should beat both naive forecasts, and its 90% band should
// hold the truth about 90% of the time (80% or more is taken as about).
func (s *Server) backtestView(bt *forecast.Backtest, problem string) backtestView {
	if bt == nil {
		if problem == "" {
			problem = "The backtest was not run."
		}
		return backtestView{Problem: problem + " Without it there is no measure of how well the model has done: treat the forecast with caution."}
	}
	sum := bt.Summary
	v := backtestView{Minimum: strconv.FormatFloat(sum.MinChildren, 'f', -1, 64)}
	v.Sentence = fmt.Sprintf("Over the %d months after %s, the model's error was %.1f%% against %.1f%% for ‘no change’ and %.1f%% for a straight line; "+
		"the truth fell inside the 90%% band for %.0f%% of the children counted (and inside the 50%% band for %.0f%%).",
		bt.Months, cutOffs(bt), sum.ModelMAPE, sum.NoChangeMAPE, sum.TrendMAPE, sum.Coverage90*100, sum.Coverage50*100)
	calibration := func(cut, from string, s forecast.BacktestSummary) calibrationRow {
		return calibrationRow{Cut: cut, From: from, Model: percent(s.ModelMAPE), NoChange: percent(s.NoChangeMAPE), Trend: percent(s.TrendMAPE),
			Coverage50: fmt.Sprintf("%.0f%%", s.Coverage50*100), Coverage90: fmt.Sprintf("%.0f%%", s.Coverage90*100)}
	}
	for _, c := range bt.Cuts {
		v.Cuts = append(v.Cuts, calibration(chart.LongDate(c.Cut), chart.LongDate(c.WindowFrom), c.Summary))
	}
	if len(bt.Cuts) > 1 {
		v.Cuts = append(v.Cuts, calibration("All cut-offs", "", sum))
	}
	verdicts := bt.Verdicts()
	beat := len(verdicts) > 0
	for _, vd := range verdicts {
		beat = beat && vd.BetterThanBoth
		if !s.observedCount(vd.MeanActual).Suppressed() {
			v.Verdicts = append(v.Verdicts, vd.Sentence())
		}
	}
	covered := sum.Coverage90 >= 0.8
	headline := forecast.Headline(verdicts)
	switch {
	case sum.Series == 0:
		v.Caution, v.Trust = true, "No series had enough children to test the model on: treat the forecast with caution."
	case beat && covered:
		v.Trust = headline + " Its 90% band held the truth about as often as it should: plan with its ranges, not its median alone."
	case !beat && !covered:
		v.Caution, v.Trust = true, fmt.Sprintf("%s Its 90%% band held the truth only %.0f%% of the time: "+
			"something has changed that the reference window does not show. Treat the forecast with caution.", headline, sum.Coverage90*100)
	case !beat:
		v.Caution, v.Trust = true, headline+" Treat the forecast with caution, and plan with its ranges."
	default:
		v.Caution, v.Trust = true, fmt.Sprintf("%s But its 90%% band held the truth only %.0f%% of the time, so the ranges are too narrow: treat the forecast with caution.", headline, sum.Coverage90*100)
	}
	for _, sr := range bt.Series {
		r := backtestRow{Label: sr.Label, Children: chart.Whole(sr.MeanActual), Model: percent(sr.ModelMAPE),
			NoChange: percent(sr.NoChangeMAPE), Trend: percent(sr.TrendMAPE), Coverage: fmt.Sprintf("%.0f%%", sr.Coverage90*100), Included: sr.Included}
		if n := s.observedCount(sr.MeanActual); n.Suppressed() {
			// The errors and coverage would reveal the actual figures.
			r.Children, r.Model, r.NoChange, r.Trend, r.Coverage = n.Text(), n.Text(), n.Text(), n.Text(), n.Text()
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

// cutOffs names the backtest's cut-offs for a sentence: "31 March 2025",
// or "each of 3 cut-offs from 31 March 2024 to 31 March 2025".
func cutOffs(bt *forecast.Backtest) string {
	if len(bt.Cuts) < 2 {
		return chart.LongDate(bt.Cut)
	}
	return fmt.Sprintf("each of %d cut-offs from %s to %s", len(bt.Cuts), chart.LongDate(bt.Cuts[0].Cut), chart.LongDate(bt.Cut))
}

// scenarioView puts the scenario beside the baseline: the children by
// category a year apart, and spend, each with the difference and its
// interval, worked out run by run.
func (s *Server) scenarioView(res *forecast.Result) *scenarioView {
	c := res.Scenario
	v := &scenarioView{Name: c.Scenario.Name, From: chart.LongDate(c.From), Changes: changes(c.Scenario)}
	scenario := s.fanSeries(c.Projection.Total)
	v.Chart = s.fan(chart.Fan{ID: "fan-scenario", Title: res.Baseline.Total.Label + ": baseline and scenario", Unit: "children",
		Series: s.fanSeries(res.Baseline.Total), Scenario: &scenario, ScenarioName: c.Scenario.Name, Step: 12})
	for _, m := range forecast.YearEnds(res.Months) {
		y := scenarioYear{Date: chart.LongDate(res.Baseline.Total.Forecast[m].Date)}
		row := func(b, sc, d forecast.Series) {
			y.Rows = append(y.Rows, scenarioRow{Label: b.Label, Baseline: withInterval(b.Forecast[m]), Scenario: withInterval(sc.Forecast[m]),
				Difference: signedInterval(d.Forecast[m])})
		}
		for i, b := range res.Baseline.ByCategory {
			if b.Forecast[m].P95 == 0 && c.Projection.ByCategory[i].Forecast[m].P95 == 0 {
				continue
			}
			row(b, c.Projection.ByCategory[i], c.Difference.ByCategory[i])
		}
		row(res.Baseline.Total, c.Projection.Total, c.Difference.Total)
		v.Years = append(v.Years, y)
	}
	for i, y := range res.Baseline.Spend {
		sc, d := c.Projection.Spend[i], c.Difference.Spend[i]
		v.Spend = append(v.Spend, scenarioSpend{Year: y.Year + part(y.Months), Baseline: millions(y.Median), Scenario: millions(sc.Median),
			Difference: signedMillions(d.Median) + " (" + signedMillions(d.P5) + " to " + signedMillions(d.P95) + ")"})
	}
	v.ByType = spendByType("Difference in spend by placement type and financial year, scenario − baseline: mean (90% interval)",
		c.Difference.SpendByCategory, c.Difference.Spend, signedMillions, true)
	return v
}

// spendByType lays out spend by placement type, a column a financial
// year, with the total last. Means are shown because they add up to the
// total; a type with no spend in any simulation is left out when
// skipNothing (a scenario's difference), kept otherwise (its £0.0m says
// the placement has no cost).
func spendByType(caption string, byCategory []forecast.CategorySpend, total []forecast.YearSpend, money func(float64) string, skipNothing bool) spendTable {
	t := spendTable{Caption: caption}
	for _, y := range total {
		t.Years = append(t.Years, y.Year+part(y.Months))
	}
	cells := func(years []forecast.YearSpend) []spendCell {
		var out []spendCell
		for _, y := range years {
			out = append(out, spendCell{Mean: money(y.Mean), Range: money(y.P5) + " to " + money(y.P95)})
		}
		return out
	}
	for _, cs := range byCategory {
		if skipNothing && spendsNothing(cs.Years) {
			continue
		}
		t.Rows = append(t.Rows, spendTypeRow{Label: cs.Label, Cells: cells(cs.Years)})
	}
	t.Rows = append(t.Rows, spendTypeRow{Label: "Total", Total: true, Cells: cells(total)})
	return t
}

// spendsNothing reports whether every year's spend is nothing in every
// simulation.
func spendsNothing(years []forecast.YearSpend) bool {
	for _, y := range years {
		if y.P5 != 0 || y.P95 != 0 || y.Mean != 0 {
			return false
		}
	}
	return true
}

// changes says what a scenario changes, in words.
func changes(sc *forecast.Scenario) []string {
	var out []string
	if sc.EntryChangePercent != 0 {
		out = append(out, "Entries to care "+by(sc.EntryChangePercent)+".")
	}
	for b := range forecast.Band(forecast.Bands) {
		if pct, ok := sc.EntryChangeByBand[b]; ok {
			out = append(out, fmt.Sprintf("Entries of children aged %s %s.", b.Label(), by(pct)))
		}
	}
	if sc.StepDownShare != 0 {
		out = append(out, fmt.Sprintf("%g%% of the children in children's homes step down to %s each year.", sc.StepDownShare*100, strings.ToLower(sc.StepDownTo.Label())))
	}
	if sc.PermanenceChangePercent != 0 {
		out = append(out, "Exits to adoption and special guardianship or child arrangements orders "+by(sc.PermanenceChangePercent)+".")
	}
	for c := range forecast.Category(forecast.Categories) {
		if pct := sc.UnitCostChange[c]; pct != 0 {
			out = append(out, fmt.Sprintf("The weekly cost of %s %s.", strings.ToLower(c.Label()), by(pct)))
		}
	}
	for _, c := range sc.Rates {
		out = append(out, c.Describe())
	}
	return out
}

// by says how a percentage change goes: "fall by 15%", "rise by 5%".
func by(pct float64) string {
	if pct < 0 {
		return fmt.Sprintf("fall by %g%%", -pct)
	}
	return fmt.Sprintf("rise by %g%%", pct)
}

// duration says how long a projection runs: "5 years (60 months)".
func duration(months int) string {
	if months%12 == 0 {
		years := months / 12
		if years == 1 {
			return "1 year (12 months)"
		}
		return fmt.Sprintf("%d years (%d months)", years, months)
	}
	return fmt.Sprintf("%d months", months)
}

// part marks a financial year the projection covers only part of.
func part(months int) string {
	if months == 12 {
		return ""
	}
	return fmt.Sprintf(" (%d months)", months)
}

func percent(v float64) string { return fmt.Sprintf("%.1f%%", v) }

// withInterval writes a projected count with its 90% interval: "412 (380 to 447)".
func withInterval(iv forecast.Interval) string {
	return chart.Whole(iv.Median) + " (" + chart.Whole(iv.P5) + " to " + chart.Whole(iv.P95) + ")"
}

// signedInterval writes a projected difference with its sign and 90%
// interval: "−12 (−30 to +5)".
func signedInterval(iv forecast.Interval) string {
	return signed(iv.Median) + " (" + signed(iv.P5) + " to " + signed(iv.P95) + ")"
}

func signed(v float64) string {
	if math.Round(v) > 0 {
		return "+" + chart.Whole(v)
	}
	return chart.Whole(v)
}

// millions writes pounds as £ millions with one decimal: "£12.3m".
func millions(v float64) string {
	m := math.Round(v/1e5) / 10
	if m == 0 {
		return "£0.0m"
	}
	if m < 0 {
		return fmt.Sprintf("−£%.1fm", -m)
	}
	return fmt.Sprintf("£%.1fm", m)
}

func signedMillions(v float64) string {
	if math.Round(v/1e5) > 0 {
		return "+" + millions(v)
	}
	return millions(v)
}

// forecastHTML serves /forecast.
func (s *Server) forecastHTML(w http.ResponseWriter, r *http.Request) {
	pg := page{Title: "Forecast of children looked after", Nav: "forecast", JSON: "/api/forecast"}
	if !done(s.projection.ready) {
		pg.Content, pg.Refresh, pg.JSON = &forecastPage{Pending: true}, 5, ""
		s.render(w, http.StatusOK, "forecast.html", pg)
		return
	}
	pg.Content = s.projection.page
	if s.projection.result == nil {
		pg.JSON = ""
	}
	s.render(w, http.StatusOK, "forecast.html", pg)
}

// retryAfter is how long, in seconds, the API asks a client to wait while
// the forecast is worked out.
const retryAfter = "5"

// apiForecast serves /api/forecast: the forecast as forecast.Result gives
// it, with the mode.
func (s *Server) apiForecast(w http.ResponseWriter, r *http.Request) {
	if !done(s.projection.ready) {
		w.Header().Set("Retry-After", retryAfter)
		s.jsonError(w, http.StatusServiceUnavailable, "the forecast is being worked out; try again in a few seconds")
		return
	}
	switch {
	case s.projection.result == nil && s.Forecast == nil:
		s.jsonError(w, http.StatusNotFound, s.projection.problem)
		return
	case s.projection.result == nil:
		s.jsonError(w, http.StatusInternalServerError, s.projection.problem)
		return
	case s.projection.api == nil:
		s.jsonError(w, http.StatusInternalServerError, "the forecast could not be written as JSON")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.projection.api)
}

// publishableNote says what the API's publishable mode hides.
const publishableNote = "Publishable: observed counts of 1 to 5 (history values, the backtest's actual and no-change figures and " +
	"mean children, the rates' events, children without a date of birth, children whose care began before the first return, " +
	"the recent entries compared) are null, and each object that had one names " +
	"it in its suppressed list. Projected figures are modelled, not counts of children, and are given."

// forecastJSON writes the Result as JSON with the mode. In publishable
// mode every observed count of 1 to 5 is null.
func (s *Server) forecastJSON(res *forecast.Result) ([]byte, error) {
	body, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // numbers as written, not through float64 again
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	doc["mode"] = s.mode()
	if s.Publishable {
		doc["suppression"] = publishableNote
		suppress(doc, "children_without_dob")
		suppress(doc, "left_censored")
		suppress(doc, "uasc_arrivals")
		if recent, ok := doc["recent_entries"].(map[string]any); ok {
			suppress(recent, "entries")
			suppress(recent, "earlier")
		}
		if notes, ok := doc["notes"].([]any); ok {
			for i, n := range s.forecastNotes(res) {
				notes[i] = n
			}
		}
		suppressIn(doc, "")
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// observed names the fields that hold observed counts, by the array
// their objects are in.
var observed = map[string][]string{
	"history": {"value"},
	"points":  {"actual", "no_change"},
	"series":  {"mean_actual"},
	"rates":   {"events"},
}

// suppressIn walks a JSON document, suppressing the observed counts of the
// objects in each array named in observed.
func suppressIn(v any, key string) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			suppressIn(child, k)
		}
	case []any:
		for _, item := range x {
			if obj, ok := item.(map[string]any); ok {
				for _, field := range observed[key] {
					suppress(obj, field)
				}
			}
			suppressIn(item, "")
		}
	}
}

// suppress sets a field of 1 to 5 (rounded) to null and names it in the
// object's suppressed list.
func suppress(obj map[string]any, field string) {
	n, ok := obj[field].(json.Number)
	if !ok {
		return
	}
	f, err := n.Float64()
	if err != nil || !disclose.Publishable.Small(int(math.Round(f))) {
		return
	}
	obj[field] = nil
	list, _ := obj["suppressed"].([]any)
	obj["suppressed"] = append(list, field)
}
