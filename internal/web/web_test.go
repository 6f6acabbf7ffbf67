package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// authority is the synthetic authority the tests serve: 600 children over
// four years, with a few data-entry mistakes for validation to find.
type authority struct {
	res    *synth.Result
	set    *journey.Set
	pop    indicators.MidYear
	period calendar.Period
	ages   forecast.Population // the population by age band, for the forecast
}

var (
	authorityOnce sync.Once
	testAuthority authority
	authorityErr  error

	serverOnce         sync.Once
	testServer         *httptest.Server
	testForecastServer *Server // the server behind testServer
	wantCLA            int
)

func synthetic(t testing.TB) authority {
	authorityOnce.Do(func() {
		res, err := synth.Generate(synth.Config{Children: 600, Years: 4, Until: calendar.NewDate(2026, 3, 31), Seed: 8, ErrorRate: 0.01})
		if err != nil {
			authorityErr = err
			return
		}
		set, err := journey.Build(res.Returns)
		if err != nil {
			authorityErr = err
			return
		}
		testAuthority = newAuthority(res, set)
	})
	if authorityErr != nil {
		t.Fatal(authorityErr)
	}
	return testAuthority
}

// newAuthority gathers a synthetic authority's journeys and population.
func newAuthority(res *synth.Result, set *journey.Set) authority {
	pop, ages := indicators.MidYear{}, forecast.Population{}
	for _, row := range res.Population {
		pop.Add(row.Year, row.Count)
		counts := ages[row.Year]
		counts[forecast.BandOf(row.Age)] += float64(row.Count)
		ages[row.Year] = counts
	}
	return authority{res: res, set: set, pop: pop, period: calendar.Year(2026).Period(), ages: ages}
}

// largeAuthority is the authority the benchmarks serve: about 1,000
// children looked after with 10 years of history to 31 March 2026, with
// data-entry mistakes at errorRate.
func largeAuthority(b *testing.B, errorRate float64) authority {
	res, err := synth.Generate(synth.Config{Children: 1000, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 1, ErrorRate: errorRate})
	if err != nil {
		b.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		b.Fatal(err)
	}
	return newAuthority(res, set)
}

// server serves the synthetic authority in analysts' mode, with an
// in-memory store and the forecast, for the whole test run. It returns
// once the forecast is worked out, so that every page is whole.
func server(t testing.TB) *httptest.Server {
	serverOnce.Do(func() {
		a := synthetic(t)
		wantCLA = int(indicators.Find("cla_end").Compute(a.set, a.period, a.pop).Value)
		testForecastServer = newServer(t, a, Options{Store: fakeStore(), Forecast: forecastOptions(a, nil), Front: syntheticFront(t, a),
			Supply: syntheticSupply(t, a)})
		<-testForecastServer.ForecastReady()
		testServer = httptest.NewServer(testForecastServer.Handler())
	})
	return testServer
}

// newServer returns a server for the authority with the options given.
func newServer(t testing.TB, a authority, o Options) *Server {
	o.Set, o.Population, o.Period = a.set, a.pop, a.period
	if o.Identity == (Identity{}) {
		o.Identity.Local = app.Actor{Name: "analyst", IdentifiedBy: app.ByFlag}
	}
	o.Log = slog.New(slog.DiscardHandler)
	s, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// memStore is a store in memory, for the pages that do not test the
// store itself.
type memStore struct {
	mu       sync.Mutex
	failures map[calendar.Year][]store.Failure
	audit    []store.Access
	auditErr error // what AuditAll returns, when set
}

// fakeStore holds 2025/26 with three failures of rule 103 for two children
// and one of Village's INT01 for a third, and 2024/25 with none.
func fakeStore() *memStore {
	return &memStore{failures: map[calendar.Year][]store.Failure{
		2025: nil,
		2026: {
			{Rule: "103", Origin: "DfE", Table: ssda903.Header, Row: 1, Child: "A1"},
			{Rule: "103", Origin: "DfE", Table: ssda903.Header, Row: 2, Child: "A2"},
			{Rule: "103", Origin: "DfE", Table: ssda903.Header, Row: 3, Child: "A2"},
			{Rule: "INT01", Origin: "Village", Table: ssda903.Header, Row: 4, Child: "A3"},
		},
	}}
}

func (m *memStore) Years(context.Context) ([]calendar.Year, error) {
	return []calendar.Year{2025, 2026}, nil
}
func (m *memStore) Loads(context.Context) ([]store.Load, error) { return nil, nil }
func (m *memStore) Failures(_ context.Context, y calendar.Year) ([]store.Failure, error) {
	return m.failures[y], nil
}
func (m *memStore) AuditAll(_ context.Context, accesses []store.Access) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.auditErr != nil {
		return m.auditErr
	}
	m.audit = append(m.audit, accesses...)
	return nil
}

// sqliteStore loads the authority into a SQLite store in a temporary
// folder, with the failures of each year Village has rules for, as
// village load does.
func sqliteStore(t testing.TB, a authority) *store.Store {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	failures := map[calendar.Year][]store.Failure{}
	for _, r := range a.res.Returns {
		if !rules.Rules().Complete(r.Year) {
			continue
		}
		rep := rules.Validate(rules.NewInput(r, nil, nil))
		for _, f := range rep.Failures {
			failures[r.Year] = append(failures[r.Year], store.Failure{Rule: f.Rule.Code, Origin: f.Rule.Origin.String(), Table: f.Table,
				LastYear: f.Last, Row: f.Row, Child: f.Child, Explanation: f.Explanation})
		}
	}
	if _, err := s.Load(ctx, a.res.Returns, store.LoadSource{LA: a.res.Returns[0].LA, Failures: failures}); err != nil {
		t.Fatal(err)
	}
	return s
}

// fetch makes a request of a handler and returns the status and body.
func fetch(t testing.TB, h http.Handler, method, path string, form url.Values) (int, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(server(t).URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// cell is how a table cell holding a figure starts.
func cell(shown string) string { return `numeric">` + shown }

// TestPages opens each page and checks its key numbers against the
// indicators package, and the accessibility basics.
func TestPages(t *testing.T) {
	a := synthetic(t)
	code, body := get(t, "/")
	if code != 200 || !strings.Contains(body, cell(`<a class="govuk-link" href="/indicators/cla_end/children?period=2025%2F26">`+itoa(wantCLA))) ||
		!strings.Contains(body, "Children looked after at the end of the period") {
		t.Errorf("overview: %d, cla_end %d not shown with its drill-down:\n%.3000s", code, wantCLA, body)
	}
	checkAccessible(t, "/", body)
	before := calendar.Year(2025).Period()
	for _, ind := range indicators.All() {
		path := "/indicators/" + ind.ID
		now, then := ind.Compute(a.set, a.period, a.pop), ind.Compute(a.set, before, a.pop)
		// The overview's row: the figure for 2025/26, then 2024/25's.
		row := regexp.MustCompile(`href="` + regexp.QuoteMeta(path) + `">[^<]*</a>.*?</tr>`).FindString(body)
		if !strings.Contains(row, ">"+exactText(ind, now)+"<") || !strings.Contains(row, cell(exactText(ind, then))+"<") {
			t.Errorf("overview row of %s: want %s and %s:\n%s", ind.ID, exactText(ind, now), exactText(ind, then), row)
		}
		code, page := get(t, path)
		if code != 200 || !strings.Contains(page, html.EscapeString(ind.Title)) ||
			!strings.Contains(page, `village-value">`+exactText(ind, now)+"<") {
			t.Errorf("%s: %d, value %s not shown", path, code, exactText(ind, now))
		}
		if !strings.Contains(page, `<svg role="img"`) && !strings.Contains(page, "The chart is not drawn") {
			t.Errorf("%s: no chart", path)
		}
		for _, by := range indicators.AllBreakdowns() {
			for _, g := range groupsOf(ind, a.set, a.period, by) {
				want := cell(exactText(ind, g.Value)) + "<"
				if ind.Unit == indicators.Children && g.Value.Numerator > 0 {
					q := url.Values{"period": {"2025/26"}, "by": {by.String()}, "group": {g.Label}}
					want = cell(`<a class="govuk-link" href="` + html.EscapeString("/indicators/"+ind.ID+"/children?"+strings.ReplaceAll(q.Encode(), "+", "%20")) + `">` + exactText(ind, g.Value))
				}
				if !strings.Contains(page, html.EscapeString(g.Label)+"</th>"+`<td class="govuk-table__cell govuk-table__cell--`+want) {
					t.Errorf("%s: by %s, %s: want %s", path, by, g.Label, want)
				}
			}
		}
		checkAccessible(t, path, page)
	}
	if code, _ := get(t, "/indicators/no_such"); code != http.StatusNotFound {
		t.Errorf("unknown indicator: %d", code)
	}
	for _, css := range []string{"/static/village.css", "/static/govuk/govuk-frontend.min.css"} {
		if code, body := get(t, css); code != 200 || !strings.Contains(body, "font-family") {
			t.Errorf("%s: %d", css, code)
		}
	}
}

// TestPeriodChooser asks the overview for other periods.
func TestPeriodChooser(t *testing.T) {
	a := synthetic(t)
	cla := indicators.Find("cla_end")
	tests := []struct {
		period, code, previous string
	}{
		{"2025Q3", "2025Q3", "July to September 2024 (calendar quarter)"},
		{"2025/26 Q2", "2025/26 Q2", "Q2 2024/25 (July to September 2024)"},
		{"2025-26Q1", "2025/26 Q1", "Q1 2024/25 (April to June 2024)"},
		{"2025-07", "2025-07", "2024-07"},
		{"2024/25", "2024/25", "2023/24"},
		{"2024-25", "2024/25", "2023/24"},
		{"R2025-07", "R2025-07", "12 months to Jul 2024"},
		{"01/04/2025-30/09/2025", "01/04/2025-30/09/2025", "1 April 2024 to 30 September 2024"},
	}
	for _, tt := range tests {
		p, err := calendar.ParsePeriod(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		code, body := get(t, "/?period="+url.QueryEscape(tt.period))
		want := exactText(cla, cla.Compute(a.set, p, a.pop))
		if code != 200 || !strings.Contains(body, "<h1 class=\"govuk-heading-xl\">Children looked after: "+html.EscapeString(p.Label)+"</h1>") ||
			!strings.Contains(body, `value="`+tt.code+`"`) || !strings.Contains(body, `href="/indicators/cla_end?period=`+strings.ReplaceAll(url.QueryEscape(tt.code), "+", "%20")+`"`) ||
			!strings.Contains(body, ">"+want+"<") || !strings.Contains(body, ">"+html.EscapeString(tt.previous)+"<") {
			t.Errorf("period %s: %d, want cla_end %s beside %s", tt.period, code, want, tt.previous)
		}
	}
	code, body := get(t, "/?period=soon")
	if code != http.StatusBadRequest || !strings.Contains(body, "govuk-error-summary") || !strings.Contains(body, `id="period-error"`) {
		t.Errorf("a period not understood: %d\n%.2000s", code, body)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

var (
	headingTag = regexp.MustCompile(`<h([1-6])`)
	thTag      = regexp.MustCompile(`<th[ >]`)
)

// checkAccessible checks what a test without a browser can: the language,
// a skip link to the main content, one h1 and headings in order, table
// captions and header cells with scope, a label for every input and an
// accessible name for each chart.
func checkAccessible(t *testing.T, path, body string) {
	t.Helper()
	if !strings.Contains(body, `<html lang="en"`) {
		t.Errorf("%s: no lang on html", path)
	}
	if !strings.Contains(body, `<a href="#main-content" class="govuk-skip-link">`) || !strings.Contains(body, `id="main-content"`) {
		t.Errorf("%s: no skip link to the main content", path)
	}
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("%s: %d h1 elements", path, n)
	}
	level := 1
	for _, m := range headingTag.FindAllStringSubmatch(body, -1) {
		if l := int(m[1][0] - '0'); l > level+1 {
			t.Errorf("%s: heading h%d follows h%d", path, l, level)
		} else {
			level = l
		}
	}
	if strings.Count(body, "<table") != strings.Count(body, "<caption") {
		t.Errorf("%s: a table without a caption", path)
	}
	if n := len(thTag.FindAllString(body, -1)); n != strings.Count(body, `<th scope="`) {
		t.Errorf("%s: a th without scope", path)
	}
	for _, m := range regexp.MustCompile(`<input[^>]* id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(body, `<label class="govuk-label`) || !strings.Contains(body, `for="`+m[1]+`"`) {
			t.Errorf("%s: input %s has no label", path, m[1])
		}
	}
	if strings.Count(body, "<svg") != strings.Count(body, `<svg role="img" aria-labelledby=`) {
		t.Errorf("%s: a chart without an accessible name", path)
	}
}

// smallGroup finds a breakdown group whose count is 1 to 5, for the
// publishable tests.
func smallGroup(t *testing.T, a authority) (*indicators.Indicator, indicators.By, indicators.Group) {
	for _, ind := range indicators.All() {
		if ind.Unit != indicators.Children {
			continue
		}
		for _, by := range indicators.AllBreakdowns() {
			for _, g := range groupsOf(ind, a.set, a.period, by) {
				if g.Value.Numerator >= 1 && g.Value.Numerator <= 5 {
					return ind, by, g
				}
			}
		}
	}
	t.Fatal("no count of 1 to 5 in any breakdown")
	return nil, 0, indicators.Group{}
}

// TestPublishable serves publishable figures: a count of 1 to 5 is c,
// on the page and in the API, and there is no drill-down.
func TestPublishable(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Publishable: true}).Handler()
	ind, by, small := smallGroup(t, a)
	code, body := fetch(t, h, http.MethodGet, "/indicators/"+ind.ID, nil)
	if code != 200 || !strings.Contains(body, html.EscapeString(small.Label)+`</th><td class="govuk-table__cell govuk-table__cell--numeric">c<`) {
		t.Errorf("%s by %s, %s (%d children): not suppressed:\n%.3000s", ind.ID, by, small.Label, small.Value.Numerator, body)
	}
	if !strings.Contains(body, "Counts of 1 to 5, and figures derived from them, are suppressed") || strings.Contains(body, "Exact figures for analysts") {
		t.Errorf("%s: the publishable banner is missing", ind.ID)
	}
	for _, path := range []string{"/", "/indicators/" + ind.ID, "/validation"} {
		if _, body := fetch(t, h, http.MethodGet, path, nil); strings.Contains(body, "/children") {
			t.Errorf("%s: a drill-down link in publishable mode", path)
		}
	}
	if code, body := fetch(t, h, http.MethodGet, "/indicators/"+ind.ID+"/children?period=2025/26", nil); code != http.StatusForbidden ||
		strings.Contains(body, "reason") {
		t.Errorf("drill-down in publishable mode: %d", code)
	}
	if code, _ := fetch(t, h, http.MethodPost, "/indicators/"+ind.ID+"/children?period=2025/26", url.Values{"reason": {"testing"}}); code != http.StatusForbidden {
		t.Errorf("drill-down POST in publishable mode: %d", code)
	}
	_, body = fetch(t, h, http.MethodGet, "/api/indicators/"+ind.ID, nil)
	var got apiIndicatorOut
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Mode != "publishable" {
		t.Fatalf("API in publishable mode: mode %q, %v", got.Mode, err)
	}
	found := false
	for _, v := range got.Breakdowns {
		if v.By == by.String() && v.Group == small.Label {
			found = true
			if v.Shown != "c" || v.Value != nil || v.Numerator != nil {
				t.Errorf("API %s by %s, %s: %+v, want c without value or numerator", ind.ID, by, small.Label, v)
			}
		}
	}
	if !found {
		t.Errorf("API %s: no group %s by %s", ind.ID, small.Label, by)
	}
	// The validation page's children with a failure: 1 for INT01 is c.
	if _, body := fetch(t, h, http.MethodGet, "/validation", nil); !strings.Contains(body, `INT01</a></th>`) ||
		!regexp.MustCompile(`INT01</a></th>.*?numeric">1</td><td[^>]*>c</td>`).MatchString(body) {
		t.Errorf("validation in publishable mode: INT01's one child not suppressed")
	}
}

// TestDrillDown asks for the IDs behind a figure, with a real SQLite
// store for the audit log.
func TestDrillDown(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	st := sqliteStore(t, a)
	h := newServer(t, a, Options{Store: st, Identity: Identity{Local: app.Actor{Name: "r.analyst", IdentifiedBy: app.ByFlag}}}).Handler()
	ind, by, small := smallGroup(t, a)
	q := url.Values{"period": {"2025/26"}, "by": {by.String()}, "group": {small.Label}}
	path := "/indicators/" + ind.ID + "/children?" + q.Encode()
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != 200 || !strings.Contains(body, `<label class="govuk-label govuk-label--m" for="reason">`) || !strings.Contains(body, `method="post"`) {
		t.Errorf("drill-down GET: %d, no form:\n%.3000s", code, body)
	}
	checkAccessible(t, path, body)
	// The page names the figure in words; the audit log keeps the ID.
	if words := fmt.Sprintf("‘%s’ for 2025/26, %s %s", ind.Title, by, small.Label); !strings.Contains(html.UnescapeString(body), words) ||
		strings.Contains(body, ind.ID+" 2025/26 [") {
		t.Errorf("drill-down GET does not name the figure as %q", words)
	}
	for _, id := range small.Value.Children {
		if strings.Contains(body, ">"+id+"<") {
			t.Errorf("drill-down GET shows child %s", id)
		}
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"  "}})
	if code != http.StatusBadRequest || !strings.Contains(body, "govuk-error-summary") || strings.Contains(body, "village-ids") {
		t.Errorf("drill-down POST without a reason: %d", code)
	}
	if log, err := st.AuditLog(ctx); err != nil || len(log) != 0 {
		t.Fatalf("audit log after a refused POST: %d entries, %v", len(log), err)
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"checking the small group"}})
	if code != 200 {
		t.Fatalf("drill-down POST: %d\n%.2000s", code, body)
	}
	log, err := st.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != len(small.Value.Children) {
		t.Errorf("%d audit entries for %d children", len(log), len(small.Value.Children))
	}
	want := fmt.Sprintf("view IDs behind indicator %s 2025/26 [%s %s]", ind.ID, by, small.Label)
	for i, id := range small.Value.Children {
		if !strings.Contains(body, `<input type="hidden" name="id" value="`+id+`">`) || !strings.Contains(body, `class="village-link-button" aria-label="The journey of child `+id+`">`+id+`</button>`) {
			t.Errorf("drill-down POST does not show child %s opening the journey", id)
		}
		if i < len(log) {
			if e := log[i]; e.Subject != id || e.Who != "r.analyst" || e.IdentifiedBy != app.ByFlag || e.Action != want || e.Reason != "checking the small group" {
				t.Errorf("audit entry %d: %+v, want %s by r.analyst, %q", i, e, id, want)
			}
		}
	}
	// A child's ID opens the journey, by POST with the drill-down's
	// reason, recorded in the audit log before it is shown.
	id := small.Value.Children[0]
	form := url.Values{"id": {id}, "reason": {"checking the small group"}, "back": {path}}
	code, body = fetch(t, h, http.MethodPost, "/children", form)
	if code != 200 || !strings.Contains(body, `<dd class="govuk-summary-list__value">`+id+`</dd>`) || !strings.Contains(body, "Period of care 1: ") {
		t.Errorf("journey: %d\n%.3000s", code, body)
	}
	checkAccessible(t, "/children", body)
	log, err = st.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e := log[len(log)-1]; len(log) != len(small.Value.Children)+1 || e.Subject != id || e.Action != app.ViewAction || e.Reason != "checking the small group" || e.Who != "r.analyst" {
		t.Errorf("journey: %d audit entries, the last %+v", len(log), e)
	}
	for _, refused := range []struct {
		name string
		h    http.Handler
		form url.Values
		want int
	}{
		{"without a reason", h, url.Values{"id": {id}}, http.StatusBadRequest},
		{"by GET", h, nil, http.StatusNotFound},
		{"in publishable mode", newServer(t, a, Options{Store: st, Publishable: true}).Handler(), form, http.StatusForbidden},
	} {
		method := http.MethodPost
		if refused.form == nil {
			method = http.MethodGet
		}
		if code, body := fetch(t, refused.h, method, "/children", refused.form); code != refused.want || strings.Contains(body, "Period of care") {
			t.Errorf("journey %s: %d, want %d", refused.name, code, refused.want)
		}
	}
	if log, _ := st.AuditLog(ctx); len(log) != len(small.Value.Children)+1 {
		t.Errorf("refused journeys were audited: %d entries", len(log))
	}
	// An access that cannot be audited is refused.
	broken := fakeStore()
	broken.auditErr = errors.New("disk full")
	h = newServer(t, a, Options{Store: broken}).Handler()
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"checking the small group"}})
	if code != http.StatusInternalServerError || strings.Contains(body, small.Value.Children[0]) {
		t.Errorf("drill-down with a broken audit log: %d", code)
	}
	h = newServer(t, a, Options{}).Handler()
	if code, _ := fetch(t, h, http.MethodPost, path, url.Values{"reason": {"no store"}}); code != http.StatusInternalServerError {
		t.Errorf("drill-down without a store: %d", code)
	}
	if code, _ := fetch(t, h, http.MethodGet, "/indicators/cla_end/children?by=age&group=none", nil); code != http.StatusNotFound {
		t.Errorf("drill-down to a group that does not exist: %d", code)
	}
}

// TestValidation checks the validation page and the rule pages against
// the failures in a real store.
func TestValidation(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	st := sqliteStore(t, a)
	h := newServer(t, a, Options{Store: st}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/validation", nil)
	if code != 200 {
		t.Fatalf("/validation: %d", code)
	}
	checkAccessible(t, "/validation", body)
	failures, err := st.Failures(ctx, 2026)
	if err != nil || len(failures) == 0 {
		t.Fatalf("2025/26 failures: %d, %v; want some to show", len(failures), err)
	}
	byRule := map[string]int{}
	for _, f := range failures {
		byRule[f.Rule]++
	}
	for code, n := range byRule {
		link := `<a class="govuk-link" href="` + html.EscapeString(ruleHref(code, 2026)) + `">` + code + `</a></th>`
		row := regexp.MustCompile(regexp.QuoteMeta(link) + `.*?</tr>`).FindString(body)
		if !strings.Contains(row, `numeric">`+itoa(n)+`</td>`) {
			t.Errorf("rule %s: want %d failures in its row %q", code, n, row)
		}
	}
	var api struct {
		Mode  string
		Years []struct {
			Year     string
			Failures int
			Rules    []struct {
				Code     string
				Failures int
			}
		}
	}
	_, body = fetch(t, h, http.MethodGet, "/api/validation", nil)
	if err := json.Unmarshal([]byte(body), &api); err != nil || api.Mode != "exact" || len(api.Years) != 4 {
		t.Fatalf("/api/validation: %v, %+v", err, api)
	}
	if last := api.Years[3]; last.Year != "2025/26" || last.Failures != len(failures) || len(last.Rules) != len(byRule) {
		t.Errorf("/api/validation 2025/26: %+v, want %d failures of %d rules", last, len(failures), len(byRule))
	}
	for _, f := range failures[:1] {
		rule := rules.Rules().Find(f.Rule, 2026)
		code, body := fetch(t, h, http.MethodGet, ruleHref(f.Rule, 2026), nil)
		if code != 200 || !strings.Contains(body, html.EscapeString(rule.Message)) {
			t.Errorf("rule %s page: %d, no message %q", f.Rule, code, rule.Message)
		}
		checkAccessible(t, ruleHref(f.Rule, 2026), body)
		var got struct{ Code, Message, Mode string }
		_, body = fetch(t, h, http.MethodGet, "/api"+ruleHref(f.Rule, 2026), nil)
		if err := json.Unmarshal([]byte(body), &got); err != nil || got.Code != rule.Code || got.Message != rule.Message || got.Mode != "exact" {
			t.Errorf("/api/rules/%s: %+v, %v", f.Rule, got, err)
		}
	}
	if code, _ := fetch(t, h, http.MethodGet, "/rules/999Z?year=2025/26", nil); code != http.StatusNotFound {
		t.Errorf("an unknown rule: %d", code)
	}
}

func TestAPI(t *testing.T) {
	code, body := get(t, "/api/indicators?period=2025/26")
	var all struct {
		Mode       string
		Period     string
		Indicators []struct {
			ID          string
			Value       *float64
			Numerator   *int
			Denominator *int
			Previous    struct{ Denominator *int }
		}
	}
	if err := json.Unmarshal([]byte(body), &all); code != 200 || err != nil || all.Mode != "exact" || all.Period != "2025/26" {
		t.Fatalf("/api/indicators: %d %v %q", code, err, all.Mode)
	}
	// A share gives what it is of for the period, as for the one before.
	a := synthetic(t)
	for _, got := range all.Indicators {
		ind := indicators.Find(got.ID)
		v := ind.Compute(a.set, a.period, a.pop)
		if ind.Unit == indicators.Percent && v.Known && (got.Denominator == nil || *got.Denominator != v.Denominator) {
			t.Errorf("/api/indicators %s: denominator %v, want %d", got.ID, got.Denominator, v.Denominator)
		}
	}
	if len(all.Indicators) != len(indicators.All()) || all.Indicators[0].ID != "cla_end" || all.Indicators[0].Value == nil ||
		int(*all.Indicators[0].Value) != wantCLA {
		t.Errorf("/api/indicators: want cla_end %d first of %d:\n%.500s", wantCLA, len(indicators.All()), body)
	}
	if code, _ := get(t, "/api/indicators?period=soon"); code != http.StatusBadRequest {
		t.Errorf("bad period: %d", code)
	}
	code, body = get(t, "/api/indicators/starts")
	var one apiIndicatorOut
	if err := json.Unmarshal([]byte(body), &one); code != 200 || err != nil || len(one.Months) != 36 || len(one.Breakdowns) == 0 {
		t.Errorf("/api/indicators/starts: %d %v, %d months, %d breakdowns", code, err, len(one.Months), len(one.Breakdowns))
	}
	if code, _ := get(t, "/api/indicators/starts/children"); code != http.StatusNotFound {
		t.Errorf("/api/indicators/starts/children: %d, want no such route", code)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, server(t).URL+"/indicators/cla_end/children", strings.NewReader("reason=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", resp.StatusCode)
	}
}

func TestHeadersGuardEveryResponse(t *testing.T) {
	for _, path := range []string{"/", "/indicators/cla_end", "/api/indicators", "/static/village.css", "/no_such"} {
		resp, err := http.Get(server(t).URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for header, want := range map[string]string{
			"Cache-Control":          "no-store",
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
		} {
			if got := resp.Header.Get(header); got != want {
				t.Errorf("%s: %s %q, want %q", path, header, got, want)
			}
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'none'") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
	}
}

// BenchmarkPages renders every kind of page: the issue asks for under
// 100 ms a page on the server for an authority of about 1,000 children
// looked after with 10 years of history.
func BenchmarkPages(b *testing.B) {
	a := largeAuthority(b, 0.01)
	st := sqliteStore(b, a)
	b.Logf("%d children in the journeys, %d looked after at 31 March 2026", len(a.set.Children),
		indicators.Find("cla_end").Compute(a.set, a.period, a.pop).Numerator)
	for _, publishable := range []bool{false, true} {
		start := time.Now()
		srv := newServer(b, a, Options{Store: st, Publishable: publishable})
		started := time.Since(start)
		<-srv.warmed
		b.Logf("%s: the server started in %v and computed 10 years of months in %v", map[bool]string{false: "exact", true: "publishable"}[publishable],
			started, time.Since(start))
		h := srv.Handler()
		mode := map[bool]string{false: "exact", true: "publishable"}[publishable]
		// A period not asked for before: nothing cached but the server's own
		// period, warmed when it started.
		for _, path := range []string{"/?period=2024Q3", "/indicators/cla_end?period=2024-07", "/api/indicators?period=R2025-01"} {
			b.Run(mode+" cold GET "+path, func(b *testing.B) {
				months := srv.cache.m
				for b.Loop() {
					srv.cache = values{m: maps.Clone(months)}
					if code, _ := fetch(b, h, http.MethodGet, path, nil); code != 200 {
						b.Fatalf("%s: %d", path, code)
					}
				}
			})
		}
		type request struct {
			method, path string
			form         url.Values
		}
		requests := []request{{"GET", "/", nil}, {"GET", "/?period=2025Q3", nil}, {"GET", "/api/indicators", nil},
			{"GET", "/validation", nil}, {"GET", "/api/validation", nil}, {"GET", "/rules/103?year=2025%2F26", nil},
			{"GET", "/api/rules/103?year=2025%2F26", nil}}
		for _, ind := range indicators.All() {
			requests = append(requests, request{"GET", "/indicators/" + ind.ID, nil}, request{"GET", "/api/indicators/" + ind.ID, nil})
		}
		if !publishable {
			requests = append(requests, request{"GET", "/indicators/starts/children?period=2025%2F26", nil},
				request{"POST", "/indicators/starts/children?period=2025%2F26", url.Values{"reason": {"benchmark"}}})
		}
		for _, r := range requests {
			b.Run(mode+" "+r.method+" "+r.path, func(b *testing.B) {
				for b.Loop() {
					if code, _ := fetch(b, h, r.method, r.path, r.form); code != 200 {
						b.Fatalf("%s %s: %d", r.method, r.path, code)
					}
				}
			})
		}
	}
}

// TestOverviewByFamily checks that the overview has one table per family
// of indicators, in the families' order, and the API names each row's
// family.
func TestOverviewByFamily(t *testing.T) {
	_, body := get(t, "/")
	at := 0
	for _, f := range indicators.Families() {
		caption := ">" + html.EscapeString(f.Name) + "</caption>"
		i := strings.Index(body[at:], caption)
		if i < 0 {
			t.Fatalf("no table captioned %q after position %d of the overview", f.Name, at)
		}
		at += i
	}
	_, data := get(t, "/api/indicators")
	var got struct {
		Indicators []struct{ ID, Family string }
	}
	if err := json.Unmarshal([]byte(data), &got); err != nil {
		t.Fatal(err)
	}
	families := map[string]string{}
	for _, row := range got.Indicators {
		families[row.ID] = row.Family
	}
	if families["cla_end"] != "Headlines" || families["sdq_mean"] != "Health" || len(families) != len(indicators.All()) {
		t.Errorf("families in the API: %v", families)
	}
}

// TestPublishableHidesSmallShares checks that a share of 1 to 5 children
// is suppressed everywhere a page or the API would show it, even when
// none of them is counted (0 of 3 tells the reader about all three), as
// indicators.Publish says.
func TestPublishableHidesSmallShares(t *testing.T) {
	share := indicators.Find("reentries_12m_share")
	p := calendar.Year(2026).Period()
	small := indicators.Value{Value: 0, Numerator: 0, Denominator: 3, Known: true}
	large := indicators.Value{Value: 40, Numerator: 8, Denominator: 20, Known: true}
	s := &Server{Options: Options{Publishable: true}}
	if v := s.apiValueOf(share, p, small); v.Shown != "c" || v.Value != nil || v.Numerator != nil || v.Denominator != nil {
		t.Errorf("API value of 0 of 3: %+v, want c with no figures", v)
	}
	if got := s.changeOf(share, small, large); got != "Not compared: small numbers" {
		t.Errorf("change from 8 of 20 to 0 of 3: %q", got)
	}
	if v := s.apiValueOf(share, p, large); v.Shown == "c" || v.Value == nil {
		t.Errorf("API value of 8 of 20: %+v, want it shown", v)
	}
	exact := &Server{}
	if v := exact.apiValueOf(share, p, small); v.Value == nil || *v.Value != 0 {
		t.Errorf("exact API value of 0 of 3: %+v, want 0", v)
	}
}

// synthPostcodes is the synthetic postcode directory as journey.Postcodes.
type synthPostcodes map[string]synth.PostcodeRow

func (d synthPostcodes) Lookup(postcode string) (string, float64, float64, bool) {
	p, ok := d[postcode]
	return p.LA, float64(p.Easting), float64(p.Northing), ok
}

// TestOutOfAreaAuthority checks that the page of placements out of area
// says how the authority was known, or exactly what is missing: without a
// postcode directory, that one is needed; with one and returns that do
// not name their authority, that it was inferred, and the share is known.
func TestOutOfAreaAuthority(t *testing.T) {
	a := synthetic(t)
	dir := synthPostcodes{}
	for _, p := range a.res.Postcodes {
		dir[p.Postcode] = p
	}
	var unnamed []*ssda903.Return
	for _, r := range a.res.Returns {
		c := *r
		c.LA = ""
		unnamed = append(unnamed, &c)
	}
	located, err := journey.BuildWith(unnamed, journey.Options{Postcodes: dir})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		set   *journey.Set
		want  string
		known bool
	}{
		{"no postcode directory", a.set, "Not known: no postcode directory was given (--postcodes) to locate placements.", false},
		{"the authority inferred", located, "The authority, " + a.res.Returns[0].LA + ", was inferred from the postcode directory", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := a
			b.set = tt.set
			s := newServer(t, b, Options{})
			code, body := fetch(t, s.Handler(), http.MethodGet, "/indicators/placed_out_of_area_share", nil)
			if code != 200 || !strings.Contains(html.UnescapeString(body), tt.want) {
				t.Errorf("status %d; the page lacks %q", code, tt.want)
			}
			if strings.Contains(body, "Not known without a postcode directory") {
				t.Error("the page says a postcode directory is needed whatever was given")
			}
			ind := indicators.Find("placed_out_of_area_share")
			if v := ind.Compute(tt.set, a.period, a.pop); v.Known != tt.known {
				t.Errorf("known %v, want %v", v.Known, tt.known)
			}
		})
	}
}

// TestChangeAsShown checks that the direction of travel is judged on the
// figures as shown: a difference that rounds to nothing is no change.
func TestChangeAsShown(t *testing.T) {
	s := &Server{}
	share, count, lowerBetter := indicators.Find("placed_out_of_area_share"), indicators.Find("cla_end"), indicators.Find("placements_3plus")
	val := func(v float64) indicators.Value {
		return indicators.Value{Value: v, Numerator: 100, Denominator: 1000, Known: true}
	}
	tests := []struct {
		name      string
		ind       *indicators.Indicator
		now, then float64
		want      string
	}{
		{"a share down by less than 0.05 points", share, 12.34, 12.36, "No change"},
		{"a share down by 0.1 points", share, 12.3, 12.4, "Down 0.1 percentage points"},
		{"a count the same", count, 300, 300, "No change"},
		{"a count up", count, 301, 300, "Up 1"},
		{"lower is better, down by nothing shown", lowerBetter, 10.02, 10.04, "No change"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ind == nil {
				t.Fatal("no such indicator")
			}
			if got := s.changeOf(tt.ind, val(tt.now), val(tt.then)); !strings.HasPrefix(got, tt.want) {
				t.Errorf("change %q, want %q", got, tt.want)
			}
		})
	}
}

// TestQuarterlyRateLabelled checks that a rate of starts over a quarter is
// labelled as a quarter's, on the overview and the indicator's page, and
// that a year's says so too.
func TestQuarterlyRateLabelled(t *testing.T) {
	server(t)
	for _, tt := range []struct{ path, want string }{
		{"/?period=2025/26Q4", `<span class="govuk-body-s village-unit">per 10,000 children aged 0-17, in the quarter</span>`},
		{"/indicators/starts_rate_per_10k?period=2025-26Q4", `<dd class="govuk-summary-list__value">per 10,000 children aged 0-17, in the quarter</dd>`},
		{"/indicators/starts_rate_per_10k?period=2025/26", `<dd class="govuk-summary-list__value">per 10,000 children aged 0-17, in the year</dd>`},
	} {
		if code, body := get(t, tt.path); code != 200 || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, lacks %s", tt.path, code, tt.want)
		}
	}
}
