package web

// The pages in a real browser: a headless Chromium, driven over the
// DevTools protocol by chromedp, crawls every page from the overview and
// checks what only a browser can: that every stylesheet, font and script
// loads, that nothing is written to the console, that the computed
// colours of every piece of visible text meet WCAG AA contrast, and the
// accessibility basics on the rendered DOM.
//
// Chromium is found from $VILLAGE_CHROMIUM, /usr/bin/chromium or
// `chromium` on the PATH. Without one the test is skipped, unless $CI is
// set: CI installs Chromium (see .ci/run) and must never skip silently.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/village-uk/village/internal/indicators"
)

const (
	// crawlMaxPages caps the crawl, so that a page of a few hundred
	// links (every rule, say) cannot make the test slow; every
	// indicator's page is visited besides.
	crawlMaxPages = 60
	// crawlMaxPerRoute caps the pages of one route, such as
	// /rules/{code}, so that the crawl reaches every kind of page.
	crawlMaxPerRoute = 20
	// crawlMaxQueries caps the query strings followed for one path,
	// such as ?period=2025Q3 on an indicator's page.
	crawlMaxQueries = 3
	// reportCap caps the violations of one kind reported for one page.
	reportCap = 10
)

// keyFigureIDs are the indicators whose values the overview must show.
var keyFigureIDs = []string{"cla_end", "starts", "ceased", "cla_rate_per_10k", "starts_rate_per_10k"}

// TestInBrowser loads the pages in one headless Chromium: first a page
// made of known faults, to show the checks can fail, then every page the
// overview leads to.
func TestInBrowser(t *testing.T) {
	chromium := findChromium(t)
	started := time.Now()
	b := startBrowser(t, chromium)
	t.Logf("Chromium %s started in %v", chromium, time.Since(started).Round(time.Millisecond))

	t.Run("faults are found", func(t *testing.T) { testFaultsFound(t, b) })
	t.Run("pages", func(t *testing.T) { testPagesInBrowser(t, b) })
	t.Run("narrow pages", func(t *testing.T) { testNarrowPages(t, b) })
	t.Run("periods outside the data", func(t *testing.T) { testCoverageInBrowser(t, b) })
	t.Run("summary first", func(t *testing.T) { testSummaryInBrowser(t, b) })
	t.Run("the front door", func(t *testing.T) { testFrontDoorInBrowser(t, b) })
	t.Run("the front door's children", func(t *testing.T) { testFrontDoorChildrenInBrowser(t, b) })
	t.Run("early help and flows", func(t *testing.T) { testEarlyHelpInBrowser(t, b) })
	t.Run("forecast spend by placement type", func(t *testing.T) { testForecastSpendInBrowser(t, b) })
	t.Run("CIN census validation", func(t *testing.T) { testCINValidationInBrowser(t, b) })
	t.Run("compared with England", func(t *testing.T) { testBenchmarkInBrowser(t, b) })
	t.Run("placement sufficiency", func(t *testing.T) { testSufficiencyInBrowser(t, b) })
	t.Run("recurrent care", func(t *testing.T) { testFamiliesInBrowser(t, b) })
}

// findChromium returns the Chromium to run, or skips the test when there
// is none and this is not CI.
func findChromium(t *testing.T) string {
	t.Helper()
	found, err := locateChromium(os.Getenv, exec.LookPath)
	if errors.Is(err, errNoChromium) && !underCI(os.Getenv) {
		t.Skip(err)
	}
	if errors.Is(err, errNoChromium) {
		t.Fatalf("%v; CI is set, and CI must not skip the browser tests", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return found
}

var errNoChromium = errors.New("no Chromium to test the pages in: install it (Debian: apt-get install chromium) or set VILLAGE_CHROMIUM")

// locateChromium finds $VILLAGE_CHROMIUM, else /usr/bin/chromium, else
// chromium on the PATH.
func locateChromium(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if p := getenv("VILLAGE_CHROMIUM"); p != "" {
		found, err := lookPath(p)
		if err != nil {
			return "", fmt.Errorf("VILLAGE_CHROMIUM=%s cannot be run: %w", p, err)
		}
		return found, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium"} {
		if found, err := lookPath(name); err == nil {
			return found, nil
		}
	}
	return "", errNoChromium
}

// underCI says whether $CI is set, as CI services set it (CI=true).
func underCI(getenv func(string) string) bool {
	ci := getenv("CI")
	return ci != "" && ci != "false" && ci != "0"
}

func TestLocateChromium(t *testing.T) {
	installed := func(paths ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, p := range paths {
				if name == p || name == path.Base(p) {
					return p, nil
				}
			}
			return "", exec.ErrNotFound
		}
	}
	for _, c := range []struct {
		env       map[string]string
		installed []string
		want      string // the path, or the error's start
		skip      bool   // the test would be skipped
	}{
		{nil, []string{"/usr/bin/chromium"}, "/usr/bin/chromium", false},
		{nil, []string{"/opt/bin/chromium"}, "/opt/bin/chromium", false}, // on the PATH
		{map[string]string{"VILLAGE_CHROMIUM": "/opt/chrome"}, []string{"/opt/chrome", "/usr/bin/chromium"}, "/opt/chrome", false},
		{map[string]string{"VILLAGE_CHROMIUM": "/opt/chrome"}, []string{"/usr/bin/chromium"}, "VILLAGE_CHROMIUM=/opt/chrome cannot be run", false},
		{nil, nil, "no Chromium", true},
		{map[string]string{"CI": "false"}, nil, "no Chromium", true},
		{map[string]string{"CI": "true"}, nil, "no Chromium", false}, // CI fails instead
	} {
		getenv := func(k string) string { return c.env[k] }
		got, err := locateChromium(getenv, installed(c.installed...))
		if err != nil {
			got = err.Error()
		}
		skip := errors.Is(err, errNoChromium) && !underCI(getenv)
		if !strings.HasPrefix(got, c.want) || skip != c.skip {
			t.Errorf("%v with %v: %q, skip %v; want %q, skip %v", c.env, c.installed, got, skip, c.want, c.skip)
		}
	}
}

// chromiumTab is one Chromium tab, reused for every page, and the events of
// the page it shows.
type chromiumTab struct {
	tab    context.Context
	events *tabEvents
}

// startBrowser starts Chromium with a fresh profile and opens its tab.
// The flags keep it off the network: without the background-networking
// ones it tries to reach Google's services, and a closed network refuses
// and logs those connections.
func startBrowser(t *testing.T, chromium string) *chromiumTab {
	t.Helper()
	profile := t.TempDir()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1024),
	)
	// Registered after t.TempDir, so Chromium has exited before its
	// profile is removed.
	t.Cleanup(cancelAlloc)
	events := &tabEvents{requests: map[network.RequestID]*pageRequest{}}
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithListener(events.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return &chromiumTab{tab: tab, events: events}
}

// tabEvents gathers, from the tab's events, the failures of the page
// being loaded: responses of 400 and over, requests that failed, console
// errors and uncaught exceptions. It also tracks the requests still
// under way, so that a page counts as loaded only when they are done.
type tabEvents struct {
	mu       sync.Mutex
	problems []string
	requests map[network.RequestID]*pageRequest // every request of the page
}

// pageRequest is one request of the page.
type pageRequest struct {
	url, kind  string
	done       bool
	statusSaid bool // its status of 400 or over has been reported
}

// listen is called by chromedp for each event of the tab, in order. It
// must return quickly and send no command.
func (p *tabEvents) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// badStatus reports a status of 400 or over once for each request. A
	// response refused by the browser (a stylesheet sent as text/plain,
	// as a 404 page is) has its status only in the extra-info event.
	badStatus := func(id network.RequestID, status int64) {
		r := p.requests[id]
		if status < 400 || r == nil || r.statusSaid {
			return
		}
		r.statusSaid = true
		p.problems = append(p.problems, fmt.Sprintf("%s %s: status %d", r.kind, r.url, status))
	}
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		// The browser fetches the page's icon (its link rel=icon, else
		// /favicon.ico) after the page, and at times never reports the
		// fetch finished, so whether a page sees it is down to timing:
		// checkIcon checks the icon instead.
		if u, err := url.Parse(ev.Request.URL); err == nil && (u.Path == "/favicon.ico" || u.Path == "/static/favicon.svg") {
			break
		}
		p.requests[ev.RequestID] = &pageRequest{url: ev.Request.URL, kind: string(ev.Type)}
	case *network.EventResponseReceived:
		badStatus(ev.RequestID, ev.Response.Status)
	case *network.EventResponseReceivedExtraInfo:
		badStatus(ev.RequestID, ev.StatusCode)
	case *network.EventLoadingFinished:
		if r := p.requests[ev.RequestID]; r != nil {
			r.done = true
		}
	case *network.EventLoadingFailed:
		r := p.requests[ev.RequestID]
		if r == nil {
			break
		}
		r.done = true
		if !ev.Canceled {
			p.problems = append(p.problems, fmt.Sprintf("%s %s failed: %s %s", r.kind, r.url, ev.ErrorText, ev.BlockedReason))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				if a.Value != nil {
					args = append(args, string(a.Value))
				} else {
					args = append(args, a.Description)
				}
			}
			p.problems = append(p.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.problems = append(p.problems, "uncaught exception: "+firstLineOf(text))
	case *log.EventEntryAdded:
		// Entries about a request repeat what the network events said.
		if ev.Entry.Level == log.EntryLevelError && ev.Entry.NetworkRequestID == "" {
			p.problems = append(p.problems, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// reset forgets the previous page.
func (p *tabEvents) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = nil
	clear(p.requests)
}

// settled says whether no request is under way.
func (p *tabEvents) settled() bool { return len(p.pending()) == 0 }

// pending returns the addresses of the page's requests not yet finished.
func (p *tabEvents) pending() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, r := range p.requests {
		if !r.done {
			out = append(out, r.kind+" "+r.url)
		}
	}
	slices.Sort(out)
	return out
}

// take returns the failures gathered since reset.
func (p *tabEvents) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.problems)
}

func firstLineOf(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// pageAudit is what auditScript finds on a page.
type pageAudit struct {
	Problems []string     `json:"problems"` // accessibility failures other than contrast
	Links    []string     `json:"links"`    // every a[href], resolved
	Charts   int          `json:"charts"`   // SVGs at least 200px wide
	Prose    string       `json:"prose"`    // the text outside tables and SVGs
	Beside   []bool       `json:"beside"`   // for each pair asked: its value is shown beside its title
	Samples  []textSample `json:"samples"`  // the visible text, for contrast
}

// textSample is a visible element with text of its own, with what its
// contrast depends on, as getComputedStyle gives it.
type textSample struct {
	Element     string   `json:"element"`     // tag, classes and a snippet of the text
	Colour      string   `json:"colour"`      // color, or fill for SVG text
	Backgrounds []string `json:"backgrounds"` // background-color of the element and its ancestors, innermost first, up to the first opaque one; "image" for a background image
	Size        float64  `json:"size"`        // font-size in px
	Weight      int      `json:"weight"`      // font-weight
	// Mark is set for a chart's mark (a point, the mean, a limit) rather
	// than text: WCAG 1.4.11 asks 3:1 of graphics needed to understand
	// the content.
	Mark bool `json:"mark"`
}

// besidePair asks auditScript whether one of values is shown in the same
// table row as title, or the same block of up to 600 characters (a card).
type besidePair struct {
	ID     string   `json:"-"`
	Title  string   `json:"title"`
	Values []string `json:"values"`
}

// visit loads a page in the tab and audits it, returning the document's
// status and every failure of its loading.
func (b *chromiumTab) visit(address string, pairs []besidePair) (status int64, audit pageAudit, failures []string, err error) {
	b.events.reset()
	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(address))
	if err != nil {
		return 0, audit, nil, fmt.Errorf("loading %s: %w", address, err)
	}
	// Fonts are fetched when first used, which can be after the load event.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return 0, audit, nil, fmt.Errorf("waiting for the fonts of %s: %w", address, err)
	}
	for deadline := time.Now().Add(settleTime); !b.events.settled(); {
		if time.Now().After(deadline) {
			failures = append(failures, fmt.Sprintf("requests still under way after %s: %s", settleTime, strings.Join(b.events.pending(), ", ")))
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	args, err := json.Marshal(map[string]any{"pairs": pairs})
	if err != nil {
		return 0, audit, nil, err
	}
	audit, err = chromedp.Run(ctx, chromedp.Evaluate[pageAudit]("("+auditScript+")("+string(args)+")"))
	if err != nil {
		return 0, audit, nil, fmt.Errorf("auditing %s: %w", address, err)
	}
	return resp.Status, audit, append(failures, b.events.take()...), nil
}

// waitForForecast waits until the server has worked out its forecast, so
// that /forecast is the finished page and not the one that refreshes itself
// while the simulations run: on a busy machine they can take longer than a
// page may take to settle. It waits for the condition (the API answering
// 200), not for a time, and gives up after forecastDeadline.
func waitForForecast(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(forecastDeadline)
	for {
		resp, err := http.Get(base + "/api/forecast")
		if err != nil {
			t.Fatalf("/api/forecast: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return
		}
		if resp.StatusCode != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("/api/forecast: status %d after %s", resp.StatusCode, forecastDeadline)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// forecastDeadline bounds waitForForecast: far above the seconds the
// forecast takes on two busy cores, so that only a forecast that never
// finishes fails the test.
const forecastDeadline = 5 * time.Minute

// settleTime bounds the wait for a page's requests to finish after its
// load event. Pages are served locally in milliseconds, and the wait ends
// as soon as they have finished; the bound is only there so that a page
// that never settles fails. 5 s and 15 s were each seen to be too little on
// a two-core machine busy with other tests.
const settleTime = 60 * time.Second

// pageTimeout bounds loading and auditing one page. It is a bound, not a
// wait: a page passes as soon as it is checked. It is generous because CI
// runs on a busy two-core machine, where a page with a large table was
// seen to take over 20 seconds to audit.
const pageTimeout = 90 * time.Second

// faultDeadline bounds the wait for the faults a page raises after it has
// loaded; the wait ends as soon as they are all seen.
const faultDeadline = 30 * time.Second

// requestLog records the status a test server answered each path with.
type requestLog struct {
	mu       sync.Mutex
	statuses map[string]int
}

func (l *requestLog) add(path string, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.statuses == nil {
		l.statuses = map[string]int{}
	}
	l.statuses[path] = status
}

func (l *requestLog) status(path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.statuses[path]
}

// pageLoadedStylesheet reports whether the tab's page lists address among
// the resources its link elements fetched (its resource timing entries),
// with a status of 400 or over where the browser gives one.
func pageLoadedStylesheet(b *chromiumTab, address string) bool {
	ctx, cancel := context.WithTimeout(b.tab, 5*time.Second)
	defer cancel()
	script := `performance.getEntriesByType("resource").some(e => e.name === ` + strconv.Quote(address) +
		` && e.initiatorType === "link" && !(e.responseStatus > 0 && e.responseStatus < 400))`
	found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script))
	return err == nil && found
}

// testFaultsFound loads testdata/browser-faults.html, which has one of
// each fault, and checks that each is reported and its near misses not.
func testFaultsFound(t *testing.T, b *chromiumTab) {
	served := &requestLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			served.add(r.URL.Path, http.StatusNotFound)
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, "testdata/browser-faults.html")
	}))
	defer srv.Close()
	status, audit, failures, err := b.visit(srv.URL+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if status != 200 {
		t.Errorf("status %d", status)
	}
	// The console error and the exception arrive as events, which can come
	// after the page has loaded. The missing stylesheet's status may come
	// in no event at all (Chromium 148 sent none), so it is found from
	// conditions instead: the server answered its request 404 and the page
	// lists it among its stylesheet resources. Each is waited for, not
	// slept on, with a bound far above what a busy machine needs.
	stylesheet := "Stylesheet " + srv.URL + "/missing.css: status 404"
	events := []string{
		`console.error: "deliberate console error"`,
		"uncaught exception: Uncaught ReferenceError: missingFunction is not defined",
	}
	for deadline := time.Now().Add(faultDeadline); ; {
		failures = append(failures, b.events.take()...)
		joined := strings.Join(failures, "\n")
		if !strings.Contains(joined, stylesheet) && served.status("/missing.css") == http.StatusNotFound &&
			pageLoadedStylesheet(b, srv.URL+"/missing.css") {
			failures = append(failures, stylesheet)
			joined += "\n" + stylesheet
		}
		if !slices.ContainsFunc(events, func(e string) bool { return !strings.Contains(joined, e) }) &&
			strings.Contains(joined, stylesheet) {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("after %s, still waiting for some of these in:\n%s", faultDeadline, joined)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	events = append(events, stylesheet)
	found := strings.Join(slices.Concat(failures, audit.Problems, contrastProblems(audit.Samples)), "\n")
	for _, want := range []string{
		events[0], events[1], events[2],
		"the html element has no lang",
		"2 h1 elements",
		`h3 "Skipped a level" follows h1`,
		"form control without a label: input name=unlabelled",
		"form control without a label: textarea name=notes",
		"img without alt: data:image/gif",
		"link without text: /nowhere",
		"table without header cells",
		`th "Loose header" has no scope and is not in a thead`,
		"svg without a title or aria-label (400x100)",
		"chart (400x100) without a data table after it",
		// #999999 on white: 1.05 / (0.3185 + 0.05) = 2.849, shown
		// rounded down so that a failure never reads as a pass.
		`contrast 2.84:1, needs 4.5:1: p.pale "Pale text"`,
		// #949494 on white is 3.03:1: enough for 19px bold but not 18px.
		`contrast 3.03:1, needs 4.5:1: p.small-bold "Small bold pale text"`,
		// #505a5f on #0b0c0c: (0.0984 + 0.05) / (0.0036 + 0.05) = 2.769.
		`contrast 2.76:1, needs 4.5:1: p "Grey on black" (rgb(80, 90, 95) on rgb(11, 12, 12)`,
		// A pale orange, #fab428, is 1.805:1 on white (shown rounded down);
		// a mean line in the grid's grey, #b1b4b6, 2.08:1.
		`contrast 1.80:1, needs 3.0:1: circle.pale-mark`,
		`contrast 2.08:1, needs 3.0:1: line.mean`,
		"chart (400x100) without a legend",
	} {
		if !strings.Contains(found, want) {
			t.Errorf("not found: %s", want)
		}
	}
	for _, miss := range []string{"Grey text", "Large pale text", "Bold pale text", "White on black",
		"Black on half black", "Hidden pale text", "name=named", "name=wrapped", "name=aria", "name=byid",
		"name=secret", "/somewhere", "/icon", `"Head"`, `"Row"`, "A named chart", "Back in order", "In order", "dark-enough-mark"} {
		if strings.Contains(found, miss) {
			t.Errorf("reported a near miss %q", miss)
		}
	}
	// Only the first chart lacks a legend: the named one has one.
	if n := strings.Count(found, "without a legend"); n != 1 {
		t.Errorf("%d charts reported without a legend, want 1", n)
	}
	if t.Failed() {
		t.Logf("found:\n%s", found)
	}
	if want := []string{srv.URL + "/nowhere", srv.URL + "/somewhere", srv.URL + "/icon"}; !slices.Equal(audit.Links, want) {
		t.Errorf("links %q, want %q", audit.Links, want)
	}
}

// testPagesInBrowser crawls from the overview and checks every page.
func testPagesInBrowser(t *testing.T, b *chromiumTab) {
	srv := server(t)
	origin, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	waitForForecast(t, srv.URL)
	overview, want := expectedFigures(t, srv.URL)
	var pairs []besidePair
	for _, id := range keyFigureIDs {
		if overview[id] != nil {
			pairs = append(pairs, besidePair{ID: id, Title: indicators.Find(id).Title, Values: overview[id]})
		}
	}

	started := time.Now()
	queue, seen := []string{"/"}, map[string]bool{"/": true}
	routes, queries := map[string]int{}, map[string]int{}
	visited, skipped := map[string]bool{}, 0
	// follow queues a link if it is a page of this server and within the caps.
	follow := func(link string) {
		u, err := url.Parse(link)
		if err != nil || u.Host != origin.Host || u.Scheme != origin.Scheme {
			return
		}
		if strings.HasPrefix(u.Path, "/static/") || strings.HasPrefix(u.Path, "/api/") {
			return
		}
		u.Fragment = ""
		ref := u.RequestURI()
		if seen[ref] {
			return
		}
		seen[ref] = true
		route := crawlRoute(u.Path)
		if u.RawQuery != "" {
			route += "?"
			if queries[u.Path] >= crawlMaxQueries {
				skipped++
				return
			}
			queries[u.Path]++
		}
		if routes[route] >= crawlMaxPerRoute {
			skipped++
			return
		}
		routes[route]++
		queue = append(queue, ref)
	}
	check := func(ref string) {
		visited[ref] = true
		for _, link := range checkPageInBrowser(t, b, srv.URL, ref, pairs, want) {
			follow(link)
		}
	}
	for len(queue) > 0 && len(visited) < crawlMaxPages {
		ref := queue[0]
		queue = queue[1:]
		check(ref)
	}
	skipped += len(queue)
	// Every indicator's page is checked, whatever the caps left out.
	for _, ind := range indicators.All() {
		ref := "/indicators/" + ind.ID
		if !seen[ref] {
			t.Errorf("%s: no page crawled links to it", ref)
		}
		if !visited[ref] {
			check(ref)
		}
	}
	checkIcon(t, b, srv.URL)
	t.Logf("pages of each route: %v", routes)
	t.Logf("checked %d pages in %v (%.0f ms a page); %d links left unfollowed by the caps",
		len(visited), time.Since(started).Round(time.Millisecond),
		float64(time.Since(started).Milliseconds())/float64(len(visited)), skipped)
}

// checkIcon checks the page's icon loads. Browsers fetch it once, after
// the page, so the page's own checks may or may not see it fail.
func checkIcon(t *testing.T, b *chromiumTab, base string) {
	t.Helper()
	icon, err := chromedp.Run(b.tab, chromedp.Evaluate[string](`(document.querySelector('link[rel~="icon"]') || {href: location.origin + '/favicon.ico'}).href`))
	if err != nil {
		t.Errorf("finding the icon: %v", err)
		return
	}
	resp, err := http.Get(icon)
	if err != nil {
		t.Errorf("icon %s: %v", icon, err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("icon %s (from <link rel=icon>, else /favicon.ico): status %d", strings.TrimPrefix(icon, base), resp.StatusCode)
	}
}

// crawlRoute names a path's route for the caps: its first segment, and a
// star for each segment after it, so /rules/101 is /rules/* and
// /indicators/starts/children is /indicators/*/*.
func crawlRoute(p string) string {
	segments := strings.Split(strings.Trim(p, "/"), "/")
	for i := 1; i < len(segments); i++ {
		segments[i] = "*"
	}
	return "/" + strings.Join(segments, "/")
}

var indicatorPagePath = regexp.MustCompile(`^/indicators/([a-z0-9_]+)$`)

// checkPageInBrowser loads one page, reports what is wrong with it, and returns
// its links.
func checkPageInBrowser(t *testing.T, b *chromiumTab, base, ref string, pairs []besidePair, want map[string][]string) []string {
	t.Helper()
	// What is not a web page (a CSV to download, say) is fetched without
	// the browser, which would only start a download.
	resp, err := http.Get(base + ref)
	if err != nil {
		t.Errorf("%s: %v", ref, err)
		return nil
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%s: status %d", ref, resp.StatusCode)
		return nil
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil
	}

	match := indicatorPagePath.FindStringSubmatch(ref)
	var asked []besidePair
	if ref == "/" {
		asked = pairs
	}
	status, audit, failures, err := b.visit(base+ref, asked)
	if err != nil {
		t.Errorf("%s: %v", ref, err)
		return nil
	}
	report := func(kind string, list []string) {
		for i, p := range list {
			if i == reportCap {
				t.Errorf("%s: %s: and %d more", ref, kind, len(list)-i)
				break
			}
			t.Errorf("%s: %s: %s", ref, kind, p)
		}
	}
	if status != http.StatusOK {
		t.Errorf("%s: status %d in the browser", ref, status)
	}
	report("loading", failures)
	report("accessibility", audit.Problems)
	report("colour contrast", contrastProblems(audit.Samples))

	switch {
	case ref == "/":
		for i, p := range pairs {
			if i >= len(audit.Beside) || !audit.Beside[i] {
				t.Errorf("%s: key number: %s (%s in /api/indicators) is not shown beside its title %q", ref, p.ID, strings.Join(p.Values, " or "), p.Title)
			}
		}
	case match != nil:
		id := match[1]
		vals := want[id]
		if vals != nil && !showsFigure(audit.Prose, vals) {
			t.Errorf("%s: key number: the headline value %s (from /api/indicators/%s) is not shown outside the tables and chart", ref, strings.Join(vals, " or "), id)
		}
		// An indicator never known (x, as without a postcode directory)
		// is given as a table rather than a flat chart of nothing.
		if audit.Charts == 0 && vals != nil {
			t.Errorf("%s: no chart", ref)
		}
	}
	return audit.Links
}

// expectedFigures reads the figures the pages must show from the JSON
// API, which gives each as the pages show it: the overview's from
// /api/indicators, each indicator page's headline from
// /api/indicators/{id}. Each is given as shown and with its thousands
// separated by commas, or without. A figure that is not a number (c for
// suppressed, x for not known) is not looked for.
func expectedFigures(t *testing.T, base string) (overview, pages map[string][]string) {
	t.Helper()
	type apiFigure struct {
		ID    string   `json:"id"`
		Value *float64 `json:"value"`
		Shown string   `json:"shown"`
	}
	read := func(p string, v any) {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); resp.StatusCode != 200 || err != nil {
			t.Fatalf("%s: status %d, %v", p, resp.StatusCode, err)
		}
	}
	number := regexp.MustCompile(`^-?[0-9][0-9,]*(\.[0-9]+)?%?$`)
	forms := func(where string, f apiFigure) []string {
		if !number.MatchString(f.Shown) {
			t.Logf("%s: %s is shown as %q, not looked for on its page", where, f.ID, f.Shown)
			return nil
		}
		plain := strings.ReplaceAll(f.Shown, ",", "")
		return slices.Compact([]string{plain, groupThousands(plain)})
	}
	var all struct {
		Indicators []apiFigure `json:"indicators"`
	}
	read("/api/indicators", &all)
	overview = map[string][]string{}
	for _, f := range all.Indicators {
		if slices.Contains(keyFigureIDs, f.ID) {
			overview[f.ID] = forms("/api/indicators", f)
		}
	}
	for _, id := range keyFigureIDs {
		if _, ok := overview[id]; !ok {
			t.Errorf("/api/indicators has no %s", id)
		}
	}
	pages = map[string][]string{}
	for _, ind := range indicators.All() {
		var one struct {
			Value apiFigure `json:"value"`
		}
		p := "/api/indicators/" + ind.ID
		read(p, &one)
		one.Value.ID = ind.ID
		pages[ind.ID] = forms(p, one.Value)
		if o, ok := overview[ind.ID]; ok && !slices.Equal(o, pages[ind.ID]) {
			t.Errorf("%s: /api/indicators shows %q, %s shows %q", ind.ID, o, p, pages[ind.ID])
		}
	}
	return overview, pages
}

// groupThousands separates the thousands of a figure such as 1234.5.
func groupThousands(figure string) string {
	whole, fraction, hasFraction := strings.Cut(figure, ".")
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFraction {
		return sign + b.String() + "." + fraction
	}
	return sign + b.String()
}

// showsFigure says whether text shows one of the figures as a whole
// number: 62 is not found in 1,620 or 62.5.
func showsFigure(text string, figures []string) bool {
	for _, f := range figures {
		re := regexp.MustCompile(`(^|[^0-9.,])` + regexp.QuoteMeta(f) + `([^0-9.,]|[.,]([^0-9]|$)|$)`)
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

// rgbColour is an sRGB colour, its channels 0 to 255, with its alpha, 0 to 1.
type rgbColour struct{ r, g, b, a float64 }

var pageWhite = rgbColour{255, 255, 255, 1}

func (c rgbColour) String() string {
	return fmt.Sprintf("rgb(%.0f, %.0f, %.0f)", c.r, c.g, c.b)
}

// parseCSSColour reads a colour as getComputedStyle gives it, rgb(11, 12, 12)
// or rgba(0, 0, 0, 0), or as #rrggbb.
func parseCSSColour(s string) (rgbColour, error) {
	s = strings.TrimSpace(s)
	if s == "transparent" {
		return rgbColour{}, nil
	}
	if len(s) == 7 && s[0] == '#' {
		n, err := strconv.ParseUint(s[1:], 16, 32)
		if err != nil {
			return rgbColour{}, fmt.Errorf("colour %q: %w", s, err)
		}
		return rgbColour{float64(n >> 16), float64(n >> 8 & 0xff), float64(n & 0xff), 1}, nil
	}
	inside, ok := strings.CutPrefix(s, "rgba(")
	if !ok {
		inside, ok = strings.CutPrefix(s, "rgb(")
	}
	inside, closed := strings.CutSuffix(inside, ")")
	if !ok || !closed {
		return rgbColour{}, fmt.Errorf("colour %q: expected rgb(r, g, b) or rgba(r, g, b, a)", s)
	}
	fields := strings.FieldsFunc(inside, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(fields) != 3 && len(fields) != 4 {
		return rgbColour{}, fmt.Errorf("colour %q: expected 3 or 4 numbers", s)
	}
	c := rgbColour{a: 1}
	for i, f := range fields {
		n, err := strconv.ParseFloat(f, 64)
		if err != nil || n < 0 || (i < 3 && n > 255) || (i == 3 && n > 1) {
			return rgbColour{}, fmt.Errorf("colour %q: %q out of range", s, f)
		}
		*[]*float64{&c.r, &c.g, &c.b, &c.a}[i] = n
	}
	return c, nil
}

// over lays c over the opaque colour below it.
func (c rgbColour) over(below rgbColour) rgbColour {
	mix := func(x, y float64) float64 { return x*c.a + y*(1-c.a) }
	return rgbColour{mix(c.r, below.r), mix(c.g, below.g), mix(c.b, below.b), 1}
}

// luminance is WCAG 2.x relative luminance, 0 for black to 1 for white.
func (c rgbColour) luminance() float64 {
	linear := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*linear(c.r) + 0.7152*linear(c.g) + 0.0722*linear(c.b)
}

// contrastRatio is WCAG 2.x contrast, 1 (none) to 21 (black on white).
func contrastRatio(x, y rgbColour) float64 {
	lx, ly := x.luminance(), y.luminance()
	return (max(lx, ly) + 0.05) / (min(lx, ly) + 0.05)
}

// effectiveBackground lays the background colours of an element and its
// ancestors, innermost first, over the white of the page. ok is false
// when one of them is an image, whose colour cannot be known.
func effectiveBackground(layers []string) (bg rgbColour, ok bool, err error) {
	bg = pageWhite
	for i := len(layers) - 1; i >= 0; i-- {
		if layers[i] == "image" {
			return bg, false, nil
		}
		c, err := parseCSSColour(layers[i])
		if err != nil {
			return bg, false, err
		}
		bg = c.over(bg)
	}
	return bg, true, nil
}

// contrastNeeded is the contrast WCAG AA asks of text of this size and weight:
// 3:1 for large text (24px, or 18.66px bold: 18 and 14 points), else 4.5:1.
func contrastNeeded(size float64, weight int) float64 {
	if size >= 24 || (size >= 18.66 && weight >= 700) {
		return 3
	}
	return 4.5
}

// contrastProblems judges each sample of text against WCAG AA. Ratios
// are not rounded before the comparison, as WCAG says.
func contrastProblems(samples []textSample) []string {
	var out []string
	for _, s := range samples {
		bg, ok, err := effectiveBackground(s.Backgrounds)
		if err != nil {
			out = append(out, fmt.Sprintf("cannot judge %s: background %v", s.Element, err))
			continue
		}
		if !ok {
			continue
		}
		fg, err := parseCSSColour(s.Colour)
		if err != nil {
			out = append(out, fmt.Sprintf("cannot judge %s: %v", s.Element, err))
			continue
		}
		ratio, need := contrastRatio(fg.over(bg), bg), contrastNeeded(s.Size, s.Weight)
		if s.Mark {
			need = 3
		}
		if ratio < need {
			out = append(out, fmt.Sprintf("contrast %.2f:1, needs %.1f:1: %s (%s on %s, %gpx, weight %d)",
				math.Floor(ratio*100)/100, need, s.Element, fg.over(bg), bg, s.Size, s.Weight))
		}
	}
	return out
}

func TestContrastRatio(t *testing.T) {
	for _, c := range []struct {
		text, background string
		want             float64 // to two decimal places
	}{
		{"#000000", "#ffffff", 21},   // (1 + 0.05) / (0 + 0.05)
		{"#ffffff", "#000000", 21},   // the same either way round
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes on pageWhite
		{"#777777", "#ffffff", 4.48}, // and the next one down fails
		{"#ffffff", "#ffffff", 1},
		{"rgb(11, 12, 12)", "rgb(255, 255, 255)", 19.59}, // GOV.UK text: 1.05 / (0.003605 + 0.05)
		{"rgb(29, 112, 184)", "#ffffff", 5.17},           // GOV.UK link blue
		{"rgb(80, 90, 95)", "#ffffff", 7.07},             // GOV.UK secondary text
	} {
		fg, err := parseCSSColour(c.text)
		if err != nil {
			t.Fatal(err)
		}
		bg, err := parseCSSColour(c.background)
		if err != nil {
			t.Fatal(err)
		}
		if got := contrastRatio(fg, bg); math.Abs(got-c.want) > 0.005 {
			t.Errorf("%s on %s: %.4f, want %.2f", c.text, c.background, got, c.want)
		}
	}
}

func TestEffectiveBackground(t *testing.T) {
	for _, c := range []struct {
		layers []string
		want   rgbColour
		ok     bool
	}{
		{nil, pageWhite, true}, // nothing painted: the pageWhite of the page
		{[]string{"rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"}, pageWhite, true},
		{[]string{"rgba(0, 0, 0, 0)", "rgb(11, 12, 12)"}, rgbColour{11, 12, 12, 1}, true},
		// Half black over white: 0*0.5 + 255*0.5.
		{[]string{"rgba(0, 0, 0, 0.5)"}, rgbColour{127.5, 127.5, 127.5, 1}, true},
		// Half white over the black below it.
		{[]string{"rgba(255, 255, 255, 0.5)", "rgb(0, 0, 0)"}, rgbColour{127.5, 127.5, 127.5, 1}, true},
		{[]string{"rgba(0, 0, 0, 0)", "image"}, pageWhite, false},
	} {
		got, ok, err := effectiveBackground(c.layers)
		if err != nil || got != c.want || ok != c.ok {
			t.Errorf("%q: %v %v %v, want %v %v", c.layers, got, ok, err, c.want, c.ok)
		}
	}
	for _, bad := range []string{"oklch(0.5 0.1 200)", "rgb(1, 2)", "rgb(300, 0, 0)", "rgba(0, 0, 0, 2)", "#12345", "rgb(1, 2, 3"} {
		if _, err := parseCSSColour(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestContrastProblems(t *testing.T) {
	for _, c := range []struct {
		s    textSample
		fail bool
	}{
		{textSample{Colour: "rgb(118, 118, 118)", Size: 16, Weight: 400}, false},                    // 4.54
		{textSample{Colour: "rgb(148, 148, 148)", Size: 16, Weight: 400}, true},                     // 3.03
		{textSample{Colour: "rgb(148, 148, 148)", Size: 24, Weight: 400}, false},                    // large
		{textSample{Colour: "rgb(148, 148, 148)", Size: 19, Weight: 700}, false},                    // large and bold
		{textSample{Colour: "rgb(148, 148, 148)", Size: 18, Weight: 700}, true},                     // bold but small
		{textSample{Colour: "rgb(80, 90, 95)", Backgrounds: []string{"rgb(11, 12, 12)"}}, true},     // 2.769
		{textSample{Colour: "rgba(0, 0, 0, 0.3)", Size: 16, Weight: 400}, true},                     // 30% black: 178.5 grey, 2.11
		{textSample{Colour: "rgb(0, 0, 0)", Backgrounds: []string{"rgba(11, 12, 12, 0.5)"}}, false}, // 0.5 of #0b0c0c over pageWhite is 133: 5.72
		{textSample{Colour: "rgb(0, 0, 0)", Backgrounds: []string{"image"}}, false},                 // cannot know: not judged
		{textSample{Colour: "oklch(0.5 0.1 200)"}, true},                                            // cannot read: said so
		{textSample{Colour: "rgb(228, 108, 10)", Mark: true}, false},                                // a mark at 3.26:1 passes
		{textSample{Colour: "rgb(228, 108, 10)", Size: 16, Weight: 400}, true},                      // text in that colour does not
		{textSample{Colour: "rgb(250, 180, 40)", Mark: true}, true},                                 // 1.81:1
	} {
		if got := contrastProblems([]textSample{c.s}); (len(got) > 0) != c.fail {
			t.Errorf("%+v: %q, want a failure: %v", c.s, got, c.fail)
		}
	}
}

func TestNumbersInText(t *testing.T) {
	for _, c := range []struct {
		text  string
		figs  []string
		found bool
	}{
		{"Children looked after\t620\t598", []string{"620"}, true},
		{"1,620 children", []string{"620"}, false},
		{"620.5 per 10,000", []string{"620"}, false},
		{"62.5 per 10,000", []string{"62.5"}, true},
		{"rate 62.5.", []string{"62.5"}, true},
		{"1,234 children", []string{"1234", "1,234"}, true},
		{"x", []string{"62.5"}, false},
	} {
		if got := showsFigure(c.text, c.figs); got != c.found {
			t.Errorf("%q in %q: %v", c.figs, c.text, got)
		}
	}
	for in, want := range map[string]string{"1": "1", "123": "123", "1234": "1,234", "1234567.5": "1,234,567.5", "-1234": "-1,234"} {
		if got := groupThousands(in); got != want {
			t.Errorf("withCommas(%s) = %s, want %s", in, got, want)
		}
	}
}

// auditScript is run in each page with the pairs of title and values the
// page must show side by side. It returns a pageAudit.
const auditScript = `(args) => {
  const out = {problems: [], links: [], charts: 0, prose: '', beside: [], samples: []};
  const problem = (s) => out.problems.push(s);
  const snippet = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(' ');
  const describe = (el, text) => {
    let d = el.tagName.toLowerCase();
    if (el.id) d += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim();
    if (cls) d += '.' + cls.split(/\s+/).join('.');
    text = snippet(text === undefined ? (el.innerText || el.textContent) : text);
    return text ? d + ' "' + text + '"' : d;
  };
  const byIDs = (ids) => (ids || '').trim().split(/\s+/).map((id) => document.getElementById(id))
    .filter(Boolean).map((e) => e.textContent).join(' ').trim();
  const ariaName = (el) => (el.getAttribute('aria-label') || '').trim() || byIDs(el.getAttribute('aria-labelledby'));
  const size = (el) => { const r = el.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height); };

  if (!(document.documentElement.getAttribute('lang') || '').trim()) problem('the html element has no lang');
  const h1s = document.querySelectorAll('h1').length;
  if (h1s !== 1) problem(h1s + ' h1 elements, want exactly one');
  let level = 1;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const l = Number(h.tagName[1]);
    if (l > level + 1) problem('heading ' + describe(h) + ' follows h' + level + ', skipping a level');
    level = l;
  }

  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset'].includes(type)) continue;
    const name = el.name ? ' name=' + el.name : '';
    if (type === 'image') {
      if (!(el.getAttribute('alt') || '').trim()) problem('image button without alt:' + name);
      continue;
    }
    const labelled = [...(el.labels || [])].some((l) => l.textContent.trim()) || ariaName(el);
    if (!labelled) problem('form control without a label: ' + el.tagName.toLowerCase() + name);
  }
  for (const el of document.querySelectorAll('button')) {
    if (!el.textContent.trim() && !ariaName(el)) problem('button without text: ' + describe(el));
  }

  for (const table of document.querySelectorAll('table')) {
    const caption = table.caption ? ' "' + snippet(table.caption.textContent) + '"' : '';
    const ths = table.querySelectorAll('th');
    if (ths.length === 0) problem('table without header cells: ' + describe(table, caption ? table.caption.textContent : undefined));
    for (const th of ths) {
      if (!th.hasAttribute('scope') && !th.closest('thead')) problem('th ' + JSON.stringify(snippet(th.textContent)) + ' has no scope and is not in a thead, in table' + caption);
    }
  }

  for (const img of document.querySelectorAll('img:not([alt])')) problem('img without alt: ' + (img.getAttribute('src') || '').slice(0, 60));
  const charts = [];
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.parentElement && svg.parentElement.closest('svg')) continue;
    const title = svg.querySelector(':scope > title');
    const named = ariaName(svg) || (title && title.textContent.trim());
    const chart = svg.getBoundingClientRect().width >= 200;
    if (chart) charts.push(svg);
    if (!named && (chart || !svg.closest('[aria-hidden="true"]'))) problem('svg without a title or aria-label (' + size(svg) + ')');
  }
  out.charts = charts.length;
  const tables = [...document.querySelectorAll('table')];
  charts.forEach((svg, i) => {
    const follows = (a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const table = tables.find((t) => follows(svg, t));
    const next = charts[i + 1];
    if (!table || (next && follows(next, table))) problem('chart (' + size(svg) + ') without a data table after it');
    const legend = svg.querySelector('.legend, .key');
    if (!legend || !legend.textContent.trim()) problem('chart (' + size(svg) + ') without a legend');
  });

  for (const a of document.querySelectorAll('a[href]')) {
    out.links.push(a.href);
    const text = (a.innerText || a.textContent || '').trim() || ariaName(a) ||
      [...a.querySelectorAll('img[alt], svg title')].map((e) => (e.alt || e.textContent || '').trim()).join('');
    if (!text) problem('link without text: ' + a.getAttribute('href'));
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const prose = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest('table, svg, script, style, noscript, template')) prose.push(n.data);
  }
  out.prose = prose.join(' ');

  const all = [...document.body.querySelectorAll('*')];
  for (const pair of args.pairs || []) {
    const escaped = pair.values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const re = new RegExp('(^|[^0-9.,])(' + escaped.join('|') + ')(?![0-9]|[.,][0-9])');
    out.beside.push(all.some((el) => {
      const t = el.innerText;
      return t && (el.tagName === 'TR' || t.length <= 600) && t.includes(pair.title) && re.test(t);
    }));
  }

  // Visible: rendered, not transparent or hidden, and not clipped to a
  // pixel as the visually-hidden pattern does (screen readers only).
  const visible = (el) => {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const r = a.getBoundingClientRect(), cs = getComputedStyle(a);
      if ((r.width <= 1 || r.height <= 1) && (cs.overflow !== 'visible' || cs.clip !== 'auto' || cs.clipPath !== 'none')) return false;
    }
    return true;
  };
  const backgrounds = (el) => {
    const layers = [];
    for (let a = el; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (!(a instanceof SVGElement) && cs.backgroundImage !== 'none') { layers.push('image'); break; }
      layers.push(cs.backgroundColor);
      if (cs.backgroundColor.startsWith('rgb(')) break;
    }
    return layers;
  };
  // The marks a reader needs (points, the mean and limits) are judged as
  // non-text contrast, once for each kind and colour.
  const marks = new Set();
  for (const svg of charts) {
    for (const el of svg.querySelectorAll('circle, line.mean, line.limit, path.data')) {
      const cs = getComputedStyle(el);
      const colour = el.tagName === 'circle' ? cs.fill : cs.stroke;
      const key = describe(el, '') + ' ' + colour;
      if (marks.has(key)) continue;
      marks.add(key);
      out.samples.push({element: describe(el, ''), colour: colour, backgrounds: backgrounds(el), size: 0, weight: 400, mark: true});
    }
  }
  for (const el of all) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'title', 'desc'].includes(el.tagName)) continue;
    let text = ownText(el);
    if (el.tagName === 'SELECT') text = el.selectedOptions.length ? el.selectedOptions[0].text : '';
    if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type)) text = el.value;
    if (!text.trim() || !visible(el)) continue;
    const cs = getComputedStyle(el);
    out.samples.push({
      element: describe(el, text),
      colour: el instanceof SVGElement ? cs.fill : cs.color,
      backgrounds: backgrounds(el),
      size: parseFloat(cs.fontSize),
      weight: parseInt(cs.fontWeight, 10) || 400,
    });
  }
  return out;
}`
