package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// testCoverageInBrowser opens, in the browser, pages for periods the
// returns (2022/23 to 2025/26) do not cover wholly: one after them is
// refused with 404 and links to the years covered; the first year is
// shown with no comparison with the year before it and with the children
// its durations leave out; a yearly indicator asked for by month is
// shown year by year. It waits for the page's condition (the visit's
// settled requests), never for a time.
func testCoverageInBrowser(t *testing.T, b *chromiumTab) {
	srv := server(t)
	tests := []struct {
		ref    string
		status int64
		prose  []string
		links  []string
	}{
		{"/?period=2026/27", http.StatusNotFound,
			[]string{"No data for this period", "No data for 2026/27: the returns cover 2022/23 to 2025/26."},
			[]string{srv.URL + "/?period=2022%2F23", srv.URL + "/"}},
		{"/indicators/days_to_adoption_median?period=2022/23", http.StatusOK,
			[]string{"left out: their care began before the first return (incomplete)", "No comparison: no data for 2021/22"}, nil},
		{"/indicators/health_check_share?period=2025-07", http.StatusOK,
			[]string{"measured once a year: shown for the collection year 2025/26, which 2025-07 falls in", "Year by year"}, nil},
	}
	for _, tt := range tests {
		status, audit, _, err := b.visit(srv.URL+tt.ref, nil)
		if err != nil {
			t.Errorf("%s: %v", tt.ref, err)
			continue
		}
		if status != tt.status {
			t.Errorf("%s: status %d in the browser, want %d", tt.ref, status, tt.status)
		}
		for _, want := range tt.prose {
			if !strings.Contains(audit.Prose, want) {
				t.Errorf("%s: the page does not say %q:\n%.2000s", tt.ref, want, audit.Prose)
			}
		}
		for _, link := range tt.links {
			if !slices.Contains(audit.Links, link) {
				t.Errorf("%s: no link to %s in %v", tt.ref, link, audit.Links)
			}
		}
		if len(audit.Problems) > 0 {
			t.Errorf("%s: accessibility: %v", tt.ref, audit.Problems)
		}
	}
}
