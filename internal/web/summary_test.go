package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
)

// TestSummaryOnOverview checks the overview opens with the director's
// summary, before every indicator's table, and that /api/summary gives
// the same figures as the indicators, as each mode publishes them.
func TestSummaryOnOverview(t *testing.T) {
	a := synthetic(t)
	year := calendar.Year(2026).Period()
	for _, publishable := range []bool{false, true} {
		h := newServer(t, a, Options{Store: fakeStore(), Publishable: publishable}).Handler()
		code, body := fetch(t, h, http.MethodGet, "/", nil)
		summary, tables := strings.Index(body, `id="summary-heading"`), strings.Index(body, `id="every-indicator"`)
		if code != 200 || summary < 0 || tables < summary || strings.Index(body, "<caption") < summary {
			t.Errorf("publishable %v: the overview does not open with the summary (at %d, tables at %d)", publishable, summary, tables)
		}
		if !strings.Contains(body, "summary to 31 March 2026") || !strings.Contains(body, "What changed against a year earlier") {
			t.Errorf("publishable %v: the summary has no as-at date or no lines on what changed", publishable)
		}
		code, body = fetch(t, h, http.MethodGet, "/api/summary", nil)
		var got apiSummary
		if err := json.Unmarshal([]byte(body), &got); code != 200 || err != nil {
			t.Fatalf("/api/summary: %d, %v", code, err)
		}
		if got.AsAt != "31 March 2026" || len(got.Measures) < 6 || len(got.Measures) > 8 || len(got.Changes) == 0 || len(got.Changes) > 3 {
			t.Errorf("/api/summary: as at %q, %d measures, %d changes", got.AsAt, len(got.Measures), len(got.Changes))
		}
		for _, m := range got.Measures {
			ind := indicators.Find(m.ID)
			v := ind.Compute(a.set, year, a.pop)
			want := indicators.Headline(ind, a.set, year, v, disclose.PolicyOf(publishable)).Value.Text()
			if m.Shown != want {
				t.Errorf("publishable %v: %s is %s in the summary, %s as the indicator", publishable, m.ID, m.Shown, want)
			}
			if m.England != nil && (m.England.Source == "" || m.England.Edition == "") {
				t.Errorf("%s: England's figure without its source", m.ID)
			}
		}
	}
}
