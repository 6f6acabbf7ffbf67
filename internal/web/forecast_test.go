package web

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/present/chart"
)

// forecastOptions forecasts the synthetic authority from 31 March 2026
// with its population, and the scenario if one is given.
func forecastOptions(a authority, sc *forecast.Scenario) *forecast.Options {
	return &forecast.Options{DataEnd: calendar.NewDate(2026, 3, 31), Population: a.ages, Simulations: 400, Seed: 7,
		Inflation: 0.03, Scenario: sc}
}

// ready returns a server for the authority once its forecast is worked out.
func ready(t testing.TB, a authority, o Options) *Server {
	t.Helper()
	s := newServer(t, a, o)
	<-s.ForecastReady()
	return s
}

// summaryOf is the one-sentence summary a fan chart of a series gives,
// worked out here from the Result: the last observed month, then the
// last projected with its 90% interval.
func summaryOf(title string, sr forecast.Series) string {
	h, f := sr.History[len(sr.History)-1], sr.Forecast[len(sr.Forecast)-1]
	return fmt.Sprintf("%s: %s on %s; in 5 years %s (90%% interval %s to %s).", title, chart.Whole(h.Value), chart.LongDate(h.Date),
		chart.Whole(f.Median), chart.Whole(f.P5), chart.Whole(f.P95))
}

// pounds writes pounds as £ millions with one decimal, as the page must.
func pounds(v float64) string { return fmt.Sprintf("£%.1fm", v/1e6) }

// spendByTypeRow is a row of the table of spend by placement type as the
// page must show it: the type, then each year's mean over its 90%
// interval, to find in the page's unescaped text.
func spendByTypeRow(label string, years []forecast.YearSpend, money func(float64) string) string {
	var b strings.Builder
	b.WriteString(label + "</th>")
	for _, y := range years {
		fmt.Fprintf(&b, `<td class="govuk-table__cell govuk-table__cell--numeric">%s<br><span class="village-unit">%s to %s</span></td>`, money(y.Mean), money(y.P5), money(y.P95))
	}
	return b.String() + "</tr>"
}

// TestForecastPage checks the figures of the forecast page against the
// Result it was drawn from: the fan charts' summaries and last rows, the
// spend, the backtest and the notes.
func TestForecastPage(t *testing.T) {
	server(t)
	res := testForecastServer.projection.result
	if res == nil {
		t.Fatalf("no forecast: %s", testForecastServer.projection.problem)
	}
	code, body := get(t, "/forecast")
	if code != 200 {
		t.Fatalf("/forecast: %d", code)
	}
	checkAccessible(t, "/forecast", body)
	if !strings.Contains(body, `href="/forecast" aria-current="true">Forecast</a>`) {
		t.Error("the navigation does not mark Forecast as current")
	}
	for _, want := range []string{
		"<dd class=\"govuk-summary-list__value\">31 March 2026, the last month end of the data</dd>",
		"5 years (60 months), month by month, to 31 March 2031",
		fmt.Sprintf("%s, with seed 7", chart.Whole(float64(res.Simulations))),
		"A rate per child in the population",
		`<a class="govuk-link" href="/forecast/method">`,
		`<a class="govuk-link" href="/api/forecast">/api/forecast</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/forecast lacks %q", want)
		}
	}
	// The total, every category and every age band drawn: its summary and
	// its last row, 31 March 2031.
	total := res.Baseline.Total
	series := map[string]forecast.Series{"fan-total": total}
	titles := map[string]string{"fan-total": total.Label}
	for _, sr := range res.Baseline.ByCategory {
		series["fan-"+sr.Key], titles["fan-"+sr.Key] = sr, sr.Label
	}
	for _, sr := range res.Baseline.ByBand {
		series["fan-age-"+sr.Key], titles["fan-age-"+sr.Key] = sr, "Aged "+sr.Label
	}
	// the synthetic authority has unaccompanied asylum-seeking children:
	// their own stream, drawn apart
	if u := res.Baseline.UASC; u == nil {
		t.Error("the forecast has no UASC series")
	} else {
		series["fan-uasc"], titles["fan-uasc"] = *u, u.Label
		if !strings.Contains(body, "Unaccompanied asylum-seeking children</h2>") {
			t.Error("/forecast lacks the UASC section")
		}
	}
	drawn := 0
	for id, sr := range series {
		desc := `<desc id="` + id + `-summary">` + html.EscapeString(summaryOf(titles[id], sr)) + "</desc>"
		if !strings.Contains(body, `<desc id="`+id+`-summary">`) {
			if !empty(sr) {
				t.Errorf("%s: not drawn", id)
			} else if !strings.Contains(body, html.EscapeString(titles[id])) {
				t.Errorf("%s: neither drawn nor said to be empty", id)
			}
			continue
		}
		drawn++
		last := sr.Forecast[59]
		row := fmt.Sprintf(`<th scope="row">31 March 2031</th><td></td><td>%s</td><td>%s to %s</td><td>%s to %s</td></tr>`,
			chart.Whole(last.Median), chart.Whole(last.P25), chart.Whole(last.P75), chart.Whole(last.P5), chart.Whole(last.P95))
		if !strings.Contains(body, desc) || !strings.Contains(body, row) {
			t.Errorf("%s: want %s and %s", id, desc, row)
		}
	}
	if drawn < 8 {
		t.Errorf("%d fan charts drawn, want the total and most categories and bands", drawn)
	}
	// Spend: 2026/27 to 2030/31.
	if len(res.Baseline.Spend) != 5 {
		t.Errorf("%d financial years of spend, want 5", len(res.Baseline.Spend))
	}
	for _, y := range res.Baseline.Spend {
		row := fmt.Sprintf(`%s</th><td class="govuk-table__cell govuk-table__cell--numeric">%s</td><td class="govuk-table__cell govuk-table__cell--numeric">%s to %s</td><td class="govuk-table__cell govuk-table__cell--numeric">%s to %s</td>`,
			y.Year, pounds(y.Median), pounds(y.P25), pounds(y.P75), pounds(y.P5), pounds(y.P95))
		if !strings.Contains(body, row) {
			t.Errorf("spend %s: want %s", y.Year, row)
		}
	}
	// Spend by placement type: a row for each type and one for the total,
	// each year's mean over its 90% interval.
	if len(res.Baseline.SpendByCategory) != forecast.Categories {
		t.Errorf("spend by %d placement types; want %d", len(res.Baseline.SpendByCategory), forecast.Categories)
	}
	if !strings.Contains(body, "Projected spend on placements by placement type and financial year: mean (90% interval)") {
		t.Error("/forecast lacks the table of spend by placement type")
	}
	for _, cs := range append(slices.Clone(res.Baseline.SpendByCategory), forecast.CategorySpend{Label: "Total", Years: res.Baseline.Spend}) {
		row := spendByTypeRow(cs.Label, cs.Years, pounds)
		if !strings.Contains(html.UnescapeString(body), row) {
			t.Errorf("spend by placement type: want the row %s", row)
		}
	}
	// The backtest: a year after each of three cut-offs, the latest
	// 31 March 2025, whose two-year windows lie inside the four years of
	// data.
	bt := res.Backtest
	if bt == nil {
		t.Fatal("no backtest")
	}
	s := bt.Summary
	sentence := fmt.Sprintf("Over the 12 months after each of 3 cut-offs from 31 March 2024 to 31 March 2025, the model's error was %.1f%% against %.1f%% for ‘no change’ and %.1f%% for a straight line; "+
		"the truth fell inside the 90%% band for %.0f%% of the children counted", s.ModelMAPE, s.NoChangeMAPE, s.TrendMAPE, s.Coverage90*100)
	if !strings.Contains(html.UnescapeString(body), sentence) {
		t.Errorf("/forecast lacks the backtest's summary %q", sentence)
	}
	// The calibration: a row for each cut-off and one for all of them.
	_, calibration, _ := strings.Cut(body, "The backtest by cut-off")
	calibration, _, _ = strings.Cut(calibration, "</table>")
	for _, c := range append(bt.Cuts, forecast.BacktestCut{Cut: "All cut-offs", Summary: s}) {
		name := c.Cut
		if c.Cut != "All cut-offs" {
			name = chart.LongDate(c.Cut)
		}
		cells := fmt.Sprintf(">%.1f%%<.*>%.1f%%<.*>%.1f%%<.*>%.0f%%<.*>%.0f%%<", c.Summary.ModelMAPE, c.Summary.NoChangeMAPE, c.Summary.TrendMAPE,
			c.Summary.Coverage50*100, c.Summary.Coverage90*100)
		if !regexp.MustCompile(regexp.QuoteMeta(name) + `</th>.*` + cells + `.*</tr>`).MatchString(calibration) {
			t.Errorf("the calibration table lacks %s with %s:\n%s", name, cells, calibration)
		}
	}
	if n := strings.Count(calibration, `<th scope="row"`); n != 4 {
		t.Errorf("the calibration table has %d rows; want three cut-offs and all of them", n)
	}
	if !strings.Contains(body, "govuk-inset-text") && !strings.Contains(body, "govuk-warning-text") {
		t.Error("/forecast says nothing about how far to trust it")
	}
	// The opening says what the backtest showed for the total and each
	// category with enough children, and says "better than both" only of
	// those that were.
	opening, _, _ := strings.Cut(html.UnescapeString(body), "What was forecast")
	allBetter := true
	for _, sr := range bt.Series {
		if !sr.Included {
			continue
		}
		m, n, l := math.Round(sr.ModelMAPE*10)/10, math.Round(sr.NoChangeMAPE*10)/10, math.Round(sr.TrendMAPE*10)/10
		name := strings.ToLower(sr.Label[:1]) + sr.Label[1:]
		if sr.Key == "total" {
			name = "the total looked after"
		}
		want := fmt.Sprintf("For %s the model's error was %.1f%%, against %.1f%% for assuming no change and %.1f%% for a straight line: ", name, m, n, l)
		switch {
		case m < n && m < l:
			want += "better than both simple forecasts."
		case m < l:
			want += "no better than assuming no change."
		case m < n:
			want += "no better than a straight line."
		default:
			want += "no better than either simple forecast."
			allBetter = false
		}
		allBetter = allBetter && m < n && m < l
		if !strings.Contains(opening, want) {
			t.Errorf("the opening of /forecast lacks %q", want)
		}
	}
	if !allBetter && strings.Contains(opening, "better than both simple forecasts (no change, and a straight line) for the total and for every category") {
		t.Error("/forecast says the model did better than both simple forecasts everywhere when it did not")
	}
	_, table, _ := strings.Cut(body, "The backtest by series")
	for _, sr := range bt.Series {
		row := regexp.MustCompile(regexp.QuoteMeta(html.EscapeString(sr.Label)) + `( \*)?</th>.*?</tr>`).FindString(table)
		if !strings.Contains(row, fmt.Sprintf(">%.1f%%<", sr.ModelMAPE)) || !strings.Contains(row, fmt.Sprintf(">%.0f%%<", sr.Coverage90*100)) {
			t.Errorf("backtest row %s: %q, want %.1f%% and %.0f%%", sr.Label, row, sr.ModelMAPE, sr.Coverage90*100)
		}
	}
	for _, n := range res.Notes {
		if !strings.Contains(body, "<li>"+html.EscapeString(n)+"</li>") {
			t.Errorf("/forecast lacks the note %q", n)
		}
	}
	if strings.Contains(body, "Scenario:") {
		t.Error("a scenario shown when none was given")
	}
	// The crawl from the overview reaches the forecast.
	if _, body := get(t, "/"); !strings.Contains(body, `href="/forecast"`) {
		t.Error("the overview does not link to the forecast")
	}
}

// TestForecastAPI reads /api/forecast: the Result's figures, under the
// Result's JSON names, with the mode and the backtest's summary.
func TestForecastAPI(t *testing.T) {
	server(t)
	res := testForecastServer.projection.result
	resp, err := http.Get(server(t).URL + "/api/forecast")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Mode        string `json:"mode"`
		Start       string `json:"start"`
		Simulations int    `json:"simulations"`
		Baseline    struct {
			Total forecast.Series      `json:"total"`
			Spend []forecast.YearSpend `json:"spend"`
		} `json:"baseline"`
		Backtest struct {
			Summary map[string]float64 `json:"summary"`
			Cuts    []struct {
				Cut string `json:"cut"`
			} `json:"cuts"`
		} `json:"backtest"`
		Rates []forecast.RateRow `json:"rates"`
		Notes []string           `json:"notes"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("/api/forecast: %d %s, %v", resp.StatusCode, resp.Header.Get("Content-Type"), err)
	}
	if got.Mode != "exact" || got.Start != "2026-03-31" || got.Simulations != res.Simulations || len(got.Rates) != len(res.Rates) || len(got.Notes) != len(res.Notes) {
		t.Errorf("/api/forecast: mode %q, start %s, %d simulations, %d rates", got.Mode, got.Start, got.Simulations, len(got.Rates))
	}
	if len(got.Baseline.Total.Forecast) != 60 || got.Baseline.Total.Forecast[59] != res.Baseline.Total.Forecast[59] ||
		len(got.Baseline.Total.History) != len(res.Baseline.Total.History) || got.Baseline.Total.History[0] != res.Baseline.Total.History[0] {
		t.Errorf("/api/forecast total differs from the Result's")
	}
	if len(got.Baseline.Spend) != len(res.Baseline.Spend) || got.Baseline.Spend[0] != res.Baseline.Spend[0] {
		t.Errorf("/api/forecast spend %+v, want %+v", got.Baseline.Spend, res.Baseline.Spend)
	}
	s := res.Backtest.Summary
	for key, want := range map[string]float64{"model_mape": s.ModelMAPE, "no_change_mape": s.NoChangeMAPE, "trend_mape": s.TrendMAPE,
		"coverage_90": s.Coverage90, "coverage_50": s.Coverage50} {
		if v, ok := got.Backtest.Summary[key]; !ok || v != want {
			t.Errorf("/api/forecast backtest %s = %v (given %v), want %v", key, v, ok, want)
		}
	}
	if len(got.Backtest.Cuts) != len(res.Backtest.Cuts) || len(got.Backtest.Cuts) == 0 || got.Backtest.Cuts[len(got.Backtest.Cuts)-1].Cut != "2025-03-31" {
		t.Errorf("/api/forecast backtest cuts %v; want %d, the last 2025-03-31", got.Backtest.Cuts, len(res.Backtest.Cuts))
	}
}

// TestForecastScenario serves a scenario beside the baseline.
func TestForecastScenario(t *testing.T) {
	a := synthetic(t)
	sc := &forecast.Scenario{Name: "Reception panel & step-down", From: calendar.NewDate(2026, 7, 1), EntryChangePercent: -15,
		StepDownShare: 0.1, StepDownTo: forecast.FosterInHouse}
	s := ready(t, a, Options{Forecast: forecastOptions(a, sc)})
	res := s.projection.result
	if res == nil || res.Scenario == nil {
		t.Fatalf("no scenario: %s", s.projection.problem)
	}
	h := s.Handler()
	code, body := fetch(t, h, http.MethodGet, "/forecast", nil)
	if code != 200 {
		t.Fatalf("/forecast: %d", code)
	}
	checkAccessible(t, "/forecast", body)
	signedWant := func(v float64) string {
		if math.Round(v) > 0 {
			return "+" + chart.Whole(v)
		}
		return chart.Whole(v)
	}
	c := res.Scenario
	for _, want := range []string{
		`<h2 class="govuk-heading-l">Scenario: Reception panel &amp; step-down</h2>`,
		"From 1 July 2026, beside the baseline.",
		"Entries to care fall by 15%.",
		"10% of the children in children&#39;s homes step down to fostering (in-house) each year.",
		`<desc id="fan-scenario-summary">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/forecast with a scenario lacks %q", want)
		}
	}
	// Every year from the start: the total's row.
	for _, m := range []int{11, 23, 35, 47, 59} {
		b, alt, d := res.Baseline.Total.Forecast[m], c.Projection.Total.Forecast[m], c.Difference.Total.Forecast[m]
		row := fmt.Sprintf(`Children looked after</th><td class="govuk-table__cell govuk-table__cell--numeric">%s (%s to %s)</td><td class="govuk-table__cell govuk-table__cell--numeric">%s (%s to %s)</td><td class="govuk-table__cell govuk-table__cell--numeric">%s (%s to %s)</td>`,
			chart.Whole(b.Median), chart.Whole(b.P5), chart.Whole(b.P95), chart.Whole(alt.Median), chart.Whole(alt.P5), chart.Whole(alt.P95),
			signedWant(d.Median), signedWant(d.P5), signedWant(d.P95))
		if !strings.Contains(body, "Children looked after on "+chart.LongDate(b.Date)) || !strings.Contains(html.UnescapeString(body), row) {
			t.Errorf("scenario, %s: want %s\n%s", b.Date, row, regexp.MustCompile(`Children looked after</th>.*`).FindAllString(body, -1))
		}
	}
	for i, y := range res.Baseline.Spend {
		d := c.Difference.Spend[i]
		if !strings.Contains(body, fmt.Sprintf(`%s</th><td class="govuk-table__cell govuk-table__cell--numeric">%s</td><td class="govuk-table__cell govuk-table__cell--numeric">%s</td>`,
			y.Year, pounds(y.Median), pounds(c.Projection.Spend[i].Median))) {
			t.Errorf("scenario spend %s: baseline %s and scenario %s not shown", y.Year, pounds(y.Median), pounds(c.Projection.Spend[i].Median))
		}
		if math.Abs(d.Median) >= 0.05e6 && !strings.Contains(html.UnescapeString(body), "("+strings.ReplaceAll(signedMoney(d.P5), "-", "−")+" to ") {
			t.Errorf("scenario spend %s: the difference's interval from %s not shown", y.Year, signedMoney(d.P5))
		}
	}
	// The difference in spend by placement type: the step-down's fall in
	// external children's homes, and the total.
	if !strings.Contains(body, "Difference in spend by placement type and financial year, scenario − baseline: mean (90% interval)") {
		t.Error("/forecast with a scenario lacks the difference in spend by placement type")
	}
	signedPounds := func(v float64) string {
		text := millions(v)
		if math.Round(v/1e5) > 0 {
			text = "+" + text
		}
		return text
	}
	for _, cs := range []forecast.CategorySpend{c.Difference.SpendByCategory[forecast.ChildrensHomeExternal], {Label: "Total", Years: c.Difference.Spend}} {
		if row := spendByTypeRow(cs.Label, cs.Years, signedPounds); !strings.Contains(html.UnescapeString(body), row) {
			t.Errorf("difference in spend by placement type: want the row %s", row)
		}
	}
	_, body = fetch(t, h, http.MethodGet, "/api/forecast", nil)
	var got struct {
		Scenario struct {
			From     string `json:"from"`
			Scenario struct {
				Name string `json:"name"`
			} `json:"scenario"`
		} `json:"scenario"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Scenario.From != "2026-07-01" || got.Scenario.Scenario.Name != sc.Name {
		t.Errorf("/api/forecast scenario: %+v, %v", got.Scenario, err)
	}
}

// signedMoney writes pounds as signed £ millions: "+£1.2m", "-£0.3m".
func signedMoney(v float64) string {
	m := math.Round(v/1e5) / 10
	switch {
	case m > 0:
		return fmt.Sprintf("+£%.1fm", m)
	case m < 0:
		return fmt.Sprintf("-£%.1fm", -m)
	}
	return "£0.0m"
}

// TestForecastPublishable: observed counts of 1 to 5 are c on the page
// and null in the API; projected figures show.
func TestForecastPublishable(t *testing.T) {
	a := synthetic(t)
	s := ready(t, a, Options{Publishable: true, Forecast: forecastOptions(a, nil)})
	res := s.projection.result
	if res == nil {
		t.Fatalf("no forecast: %s", s.projection.problem)
	}
	// The small observed counts, by series, and whether one falls on a
	// row of the charts' tables (the start, and a year apart before it).
	small, onRow := 0, ""
	for _, sr := range append(res.Baseline.ByCategory, res.Baseline.ByBand...) {
		n := len(sr.History)
		for i, p := range sr.History {
			if p.Value >= 1 && p.Value <= 5 {
				small++
				if (n-1-i)%12 == 0 && onRow == "" {
					onRow = sr.Key
				}
			}
		}
	}
	if small == 0 {
		t.Fatal("no observed count of 1 to 5 in any series; the test needs one")
	}
	h := s.Handler()
	code, body := fetch(t, h, http.MethodGet, "/forecast", nil)
	if code != 200 {
		t.Fatalf("/forecast: %d", code)
	}
	checkAccessible(t, "/forecast", body)
	if onRow != "" && !regexp.MustCompile(`<th scope="row">[0-9]+ [A-Z][a-z]+ 20[0-9]{2}</th><td>c</td>`).MatchString(body) {
		t.Errorf("/forecast: %s has an observed count of 1 to 5 on a table row, not shown as c", onRow)
	}
	last := res.Baseline.Total.Forecast[59]
	if !strings.Contains(body, "in 5 years "+chart.Whole(last.Median)) {
		t.Error("publishable /forecast hides the projection")
	}
	_, body = fetch(t, h, http.MethodGet, "/api/forecast", nil)
	var got struct {
		Mode     string `json:"mode"`
		Baseline struct {
			ByCategory []struct {
				History []struct {
					Value      *float64 `json:"value"`
					Suppressed []string `json:"suppressed"`
				} `json:"history"`
				Forecast []forecast.Interval `json:"forecast"`
			} `json:"by_category"`
		} `json:"baseline"`
		Suppression string `json:"suppression"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Mode != "publishable" || got.Suppression == "" {
		t.Fatalf("/api/forecast publishable: %v, mode %q", err, got.Mode)
	}
	for i, sr := range res.Baseline.ByCategory {
		for j, p := range sr.History {
			v := got.Baseline.ByCategory[i].History[j]
			hide := p.Value >= 1 && p.Value <= 5
			if hide != (v.Value == nil) || hide != (len(v.Suppressed) == 1 && v.Suppressed[0] == "value") || (!hide && *v.Value != p.Value) {
				t.Errorf("%s, %s: observed %v given as %v %v", sr.Key, p.Date, p.Value, v.Value, v.Suppressed)
			}
		}
		if got.Baseline.ByCategory[i].Forecast[0] != sr.Forecast[0] {
			t.Errorf("%s: the projection differs in publishable mode", sr.Key)
		}
	}
}

// TestForecastPending: until the forecast is worked out, the page asks
// the browser to refresh and the API to come back.
func TestForecastPending(t *testing.T) {
	s := newServer(t, synthetic(t), Options{})
	s.projection = projection{ready: make(chan struct{})} // never ready
	h := s.Handler()
	code, body := fetch(t, h, http.MethodGet, "/forecast", nil)
	if code != 200 || !strings.Contains(body, `<meta http-equiv="refresh" content="5">`) || !strings.Contains(body, "The forecast is being worked out; refresh in a few seconds.") {
		t.Errorf("/forecast while working: %d\n%.1500s", code, body)
	}
	checkAccessible(t, "/forecast", body)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/forecast", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "5" || !strings.Contains(rec.Body.String(), "being worked out") {
		t.Errorf("/api/forecast while working: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if _, body := fetch(t, h, http.MethodGet, "/", nil); strings.Contains(body, "http-equiv") {
		t.Error("the overview refreshes itself")
	}
}

// TestForecastMissing: no forecast asked for, and one that fails.
func TestForecastMissing(t *testing.T) {
	a := synthetic(t)
	for _, tt := range []struct {
		name    string
		opts    *forecast.Options
		text    string
		apiCode int
	}{
		{"not asked for", nil, "No forecast was asked for", http.StatusNotFound},
		{"no end of the data", &forecast.Options{Simulations: 10}, "The forecast could not be worked out: the end of the data is not known", http.StatusInternalServerError},
	} {
		h := ready(t, a, Options{Forecast: tt.opts}).Handler()
		code, body := fetch(t, h, http.MethodGet, "/forecast", nil)
		if code != 200 || !strings.Contains(body, tt.text) || strings.Contains(body, "/api/forecast") {
			t.Errorf("%s: /forecast %d, want %q", tt.name, code, tt.text)
		}
		checkAccessible(t, "/forecast", body)
		if code, _ := fetch(t, h, http.MethodGet, "/api/forecast", nil); code != tt.apiCode {
			t.Errorf("%s: /api/forecast %d, want %d", tt.name, code, tt.apiCode)
		}
	}
}

// TestMethodPage serves forecast/METHOD.md as a page: its title as the
// h1, every ## heading an h2, its table with a caption.
func TestMethodPage(t *testing.T) {
	code, body := get(t, "/forecast/method")
	if code != 200 {
		t.Fatalf("/forecast/method: %d", code)
	}
	checkAccessible(t, "/forecast/method", body)
	first, _, _ := strings.Cut(forecast.Method, "\n")
	if want := `<h1 class="govuk-heading-xl">` + html.EscapeString(strings.TrimPrefix(first, "# ")) + "</h1>"; !strings.Contains(body, want) {
		t.Errorf("/forecast/method lacks %s", want)
	}
	if want := strings.Count(forecast.Method, "\n## "); strings.Count(body, `<h2 class="govuk-heading-l">`) != want {
		t.Errorf("/forecast/method: %d h2, want %d", strings.Count(body, `<h2 class="govuk-heading-l">`), want)
	}
	if strings.Contains(body, "**") || strings.Contains(body, "|---") {
		t.Error("/forecast/method shows Markdown unrendered")
	}
	// the scenario file format, rates list included, with its example as it is
	for _, want := range []string{"<pre class=\"village-code\" tabindex=\"0\"><code>name: ", "\nrates:\n  - kind: exit\n", "<code>rates</code>", "<code>multiply</code>"} {
		if !strings.Contains(body, want) {
			t.Errorf("/forecast/method lacks %q", want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	src := "# Title\n\nA *line* with **bold**\nand `code` <b>.\n\n## Part\n\n- one\n- two\n1. first\n2. second\n\n" +
		"| a | b |\n|---|---|\n| x | y & z |\ntext after\n```yaml\nrates:\n  - kind: <exit>\n\n# not a title\n```\n"
	title, body := markdown(src)
	want := `<p class="govuk-body">A *line* with <strong>bold</strong> and <code>code</code> &lt;b&gt;.</p>
<h2 class="govuk-heading-l">Part</h2>
<ul class="govuk-list govuk-list--bullet">
<li>one</li>
<li>two</li>
</ul>
<ol class="govuk-list govuk-list--number">
<li>first</li>
<li>second</li>
</ol>
<table class="govuk-table">
<caption class="govuk-table__caption govuk-visually-hidden">Part</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">a</th><th scope="col" class="govuk-table__header">b</th></tr></thead>
<tbody class="govuk-table__body">
<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">x</th><td class="govuk-table__cell">y &amp; z</td></tr>
</tbody>
</table>
<p class="govuk-body">text after</p>
<pre class="village-code" tabindex="0"><code>rates:
  - kind: &lt;exit&gt;

# not a title</code></pre>
`
	if title != "Title" || string(body) != want {
		t.Errorf("markdown: title %q, body\n%s\nwant\n%s", title, body, want)
	}
}

// TestScenarioChanges: the page says in words what each change of rates
// in a scenario does.
func TestScenarioChanges(t *testing.T) {
	sc := &forecast.Scenario{PermanenceChangePercent: 25, Rates: []forecast.RateChange{
		{Kind: "move", From: "kinship", To: "fostering_agency", Band: "10-15", Duration: "12-36m", Add: 0.002},
		{Kind: "exit", To: "home", Multiply: new(0.8), Add: -0.001},
		{Kind: "entry", Band: "0-4", Multiply: new(0.9)},
	}}
	want := []string{
		"Exits to adoption and special guardianship or child arrangements orders rise by 25%.",
		"Moves from kinship fostering to fostering (agency/IFA), aged 10–15, 1 to 3 years in care: rate plus 0.002 a month.",
		"Leaving care (returned home): rate × 0.8 minus 0.001 a month.",
		"Entries to care, aged 0–4: rate × 0.9.",
	}
	if got := changes(sc); !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkForecastPage renders the forecast page and its JSON, once the
// forecast is worked out, for an authority of about 1,000 children looked
// after with 10 years of history and 1,000 simulations.
func BenchmarkForecastPage(b *testing.B) {
	a := largeAuthority(b, 0)
	for _, publishable := range []bool{false, true} {
		mode := map[bool]string{false: "exact", true: "publishable"}[publishable]
		opts := forecastOptions(a, &forecast.Scenario{Name: "Panel", From: calendar.NewDate(2026, 7, 1), EntryChangePercent: -15})
		opts.Simulations = 1000
		start := time.Now()
		s := ready(b, a, Options{Publishable: publishable, Forecast: opts})
		b.Logf("%s: the forecast, its scenario and backtest were worked out in %v", mode, time.Since(start).Round(time.Millisecond))
		h := s.Handler()
		for _, path := range []string{"/forecast", "/api/forecast", "/forecast/method"} {
			b.Run(mode+" GET "+path, func(b *testing.B) {
				for b.Loop() {
					if code, _ := fetch(b, h, http.MethodGet, path, nil); code != 200 {
						b.Fatalf("%s: %d", path, code)
					}
				}
			})
		}
	}
}

// TestForecastRecentEntries: when entries changed late in the window
// beyond chance, the page offers the command that runs the recent rate
// beside the baseline, and not otherwise.
func TestForecastRecentEntries(t *testing.T) {
	server(t)
	s := testForecastServer
	res := *s.projection.result
	for _, significant := range []bool{false, true} {
		res.RecentEntries = &forecast.RecentEntries{Significant: significant}
		got := s.forecastPage(&res, "").RecentCommand
		if (got == "village forecast --recent-entries") != significant {
			t.Errorf("significant %v: the page's command is %q", significant, got)
		}
	}
}

// TestForecastJSONShortHistory: publishable, a count of 1 to 5 children
// whose care began before the first return, or of recent entries, is
// null in /api/forecast, and named in its object's suppressed list.
func TestForecastJSONShortHistory(t *testing.T) {
	server(t)
	res := *testForecastServer.projection.result
	res.LeftCensored = 3
	res.RecentEntries = &forecast.RecentEntries{Entries: 4, Earlier: 40}
	s := &Server{Options: Options{Publishable: true}}
	body, err := s.forecastJSON(&res)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		LeftCensored *int `json:"left_censored"`
		Recent       struct {
			Entries    *int     `json:"entries"`
			Earlier    *int     `json:"earlier"`
			Suppressed []string `json:"suppressed"`
		} `json:"recent_entries"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.LeftCensored != nil || got.Recent.Entries != nil || got.Recent.Earlier == nil || *got.Recent.Earlier != 40 || len(got.Recent.Suppressed) != 1 {
		t.Errorf("publishable: left_censored %v, recent entries %v, earlier %v, suppressed %v; want null, null, 40 and [entries]",
			got.LeftCensored, got.Recent.Entries, got.Recent.Earlier, got.Recent.Suppressed)
	}
}

// TestForecastJSONUASC: publishable, a count of 1 to 5 unaccompanied
// asylum-seeking children's arrivals is null in /api/forecast, and its
// note says "a few (c)" instead of the count and the rate worked from it.
func TestForecastJSONUASC(t *testing.T) {
	server(t)
	res := *testForecastServer.projection.result
	res.UASCArrivals = 4
	res.Notes = append(slices.Clone(res.Notes), forecast.UASCNote+" 0.3 arrivals a month (4 in the last 12 months), which do not follow the local child population.")
	s := &Server{Options: Options{Publishable: true}}
	body, err := s.forecastJSON(&res)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Arrivals *int     `json:"uasc_arrivals"`
		Notes    []string `json:"notes"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Arrivals != nil {
		t.Errorf("publishable: uasc_arrivals %v; want null", *got.Arrivals)
	}
	for _, n := range got.Notes {
		if strings.HasPrefix(n, forecast.UASCNote) && (strings.Contains(n, "4 in the last") || !strings.Contains(n, "a few (c)")) {
			t.Errorf("publishable: the UASC note gives the count: %q", n)
		}
	}
}
