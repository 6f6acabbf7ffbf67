package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/earlyhelp"
)

// smallEarlyHelp is three children's early help and HAF in 2025/26:
// two in early help at 31 March, three at the summer programme.
func smallEarlyHelp() *earlyhelp.Data {
	d := calendar.NewDate
	episodes := []earlyhelp.Episode{
		{Person: "A", Start: d(2025, 5, 1), Open: true, Reason: "education"},
		{Person: "B", Start: d(2025, 6, 1), Open: true, Reason: "health"},
		{Person: "C", Start: d(2025, 6, 1), End: d(2025, 9, 1), Reason: "health", Outcome: "needs_met"},
	}
	var sessions []earlyhelp.Session
	for _, p := range []string{"A", "B", "C"} {
		sessions = append(sessions, earlyhelp.Session{Person: p, Programme: "summer", Year: 2025, Date: d(2025, 7, 28), FSM: true})
	}
	return earlyhelp.Assemble(episodes, sessions, 2026, 2026, nil, nil)
}

func TestEarlyHelpPages(t *testing.T) {
	a := synthetic(t)
	for _, c := range []struct {
		name        string
		publishable bool
		open        string // eh_open_end's cell
	}{
		{"exact", false, cell("2")},
		{"publishable", true, cell("c")},
	} {
		h := newServer(t, a, Options{Store: fakeStore(), EarlyHelp: smallEarlyHelp(), Publishable: c.publishable}).Handler()
		code, body := fetch(t, h, http.MethodGet, "/early-help?period=2025/26", nil)
		if code != http.StatusOK || !strings.Contains(body, c.open) || !strings.Contains(body, "Definitions") || !strings.Contains(body, "(haf_remained_connected_6m_share)") {
			t.Errorf("%s: /early-help: %d\n%s", c.name, code, body)
		}
		checkAccessible(t, "/early-help", body)
		if !strings.Contains(body, `href="/early-help"`) || !strings.Contains(body, `href="/flows"`) {
			t.Errorf("%s: the navigation does not link to /early-help and /flows", c.name)
		}
		code, body = fetch(t, h, http.MethodGet, "/early-help/eh_closed", nil)
		if code != http.StatusOK || !strings.Contains(body, "Episodes of early help whose EndDate is in the collection year") {
			t.Errorf("%s: /early-help/eh_closed: %d\n%s", c.name, code, body)
		}
		checkAccessible(t, "/early-help/eh_closed", body)
		if code, _ := fetch(t, h, http.MethodGet, "/early-help/no_such", nil); code != http.StatusNotFound {
			t.Errorf("%s: an unknown indicator answered %d", c.name, code)
		}
		code, body = fetch(t, h, http.MethodGet, "/api/early-help?period=2025/26", nil)
		var api struct {
			Mode       string `json:"mode"`
			Indicators []struct {
				ID     string `json:"id"`
				Figure struct {
					Shown string   `json:"shown"`
					Value *float64 `json:"value"`
				} `json:"figure"`
			} `json:"indicators"`
		}
		if err := json.Unmarshal([]byte(body), &api); err != nil || code != http.StatusOK || api.Indicators[0].ID != "eh_open_end" {
			t.Fatalf("%s: /api/early-help: %d %v\n%s", c.name, code, err, body)
		}
		if got := api.Indicators[0].Figure; c.publishable != (got.Value == nil) || c.publishable != (got.Shown == "c") {
			t.Errorf("%s: eh_open_end in the API: %+v", c.name, got)
		}
		code, body = fetch(t, h, http.MethodGet, "/flows?period=2025/26", nil)
		if code != http.StatusOK || !strings.Contains(body, "Early help → front door") || !strings.Contains(body, "Per 10,000 children") {
			t.Errorf("%s: /flows: %d\n%s", c.name, code, body)
		}
		checkAccessible(t, "/flows", body)
		if c.publishable && strings.Contains(body, cell("3")) {
			t.Errorf("%s: /flows shows a count of 3", c.name)
		}
		if code, body = fetch(t, h, http.MethodGet, "/api/flows?period=2025/26", nil); code != http.StatusOK || !strings.Contains(body, `"stages"`) {
			t.Errorf("%s: /api/flows: %d\n%s", c.name, code, body)
		}
	}
	h := newServer(t, a, Options{Store: fakeStore()}).Handler()
	if code, body := fetch(t, h, http.MethodGet, "/early-help", nil); code != http.StatusOK || !strings.Contains(body, "No early help or HAF files are loaded") {
		t.Errorf("nothing loaded: %d\n%s", code, body)
	}
	if _, body := fetch(t, h, http.MethodGet, "/", nil); strings.Contains(body, `href="/early-help"`) {
		t.Error("the navigation links to early help with none loaded")
	}
}

// testEarlyHelpInBrowser loads /early-help, an indicator's page and
// /flows in the browser: each loads cleanly and passes the accessibility
// and contrast checks.
func testEarlyHelpInBrowser(t *testing.T, b *chromiumTab) {
	srv := httptest.NewServer(newServer(t, synthetic(t), Options{Store: fakeStore(), EarlyHelp: smallEarlyHelp()}).Handler())
	defer srv.Close()
	for _, path := range []string{"/early-help?period=2025/26", "/early-help/haf_children", "/flows?period=2025/26"} {
		status, audit, failures, err := b.visit(srv.URL+path, nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if status != http.StatusOK || len(failures) > 0 || len(audit.Problems) > 0 {
			t.Errorf("%s: status %d, failures %q, accessibility %q", path, status, failures, audit.Problems)
		}
		if problems := contrastProblems(audit.Samples); len(problems) > 0 {
			t.Errorf("%s: colour contrast: %q", path, problems)
		}
	}
}
