package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestPeriodsOutsideTheData checks that the pages and the API refuse a
// period the returns (2022/23 to 2025/26) do not cover, with 404 and a
// link to the years they do; that a year earlier outside them gives no
// comparison; that a period partly covered says so; and that a yearly
// indicator asked for by month is shown for its collection year.
func TestPeriodsOutsideTheData(t *testing.T) {
	tests := []struct {
		path    string
		status  int
		want    []string
		notWant []string
	}{
		{"/?period=2026/27", http.StatusNotFound, []string{
			"No data for 2026/27: the returns cover 2022/23 to 2025/26.",
			`<a class="govuk-link" href="/?period=2022%2F23">2022/23</a>`, `<a class="govuk-link" href="/">2025/26</a>`}, nil},
		{"/?period=2019-20", http.StatusNotFound, []string{"No data for 2019/20: the returns cover 2022/23 to 2025/26."}, nil},
		{"/indicators/starts?period=2027Q1", http.StatusNotFound, []string{"No data for January to March 2027"}, nil},
		{"/api/indicators?period=2026/27", http.StatusNotFound, []string{`"error": "no data for 2026/27: the returns cover 2022/23 to 2025/26"`}, nil},
		{"/api/indicators/starts?period=2019/20", http.StatusNotFound, []string{`"error": "no data for 2019/20`}, nil},
		{"/?period=2022/23", http.StatusOK, []string{"No comparison: no data for 2021/22",
			"left out: their care began before the first return"}, []string{"Down ", "Up "}},
		{"/indicators/days_to_adoption_median?period=2022/23", http.StatusOK, []string{
			"No comparison: no data for 2021/22", "left out: their care began before the first return (incomplete)"}, nil},
		{"/api/indicators/starts?period=2022/23", http.StatusOK, []string{`"previous": null`, `"change": "No comparison: no data for 2021/22"`}, nil},
		{"/?period=R2022-09", http.StatusOK, []string{"partly covered: the returns start on 1 April 2022"}, nil},
		{"/indicators/health_check_share?period=2025-07", http.StatusOK, []string{
			"measured once a year: shown for the collection year 2025/26, which 2025-07 falls in", "Year by year"},
			[]string{"Month by month"}},
		{"/api/indicators/health_check_share", http.StatusOK, []string{`"cadence": "yearly"`, `"period": "2023/24"`}, []string{`"period": "2025-07"`}},
	}
	for _, tt := range tests {
		code, body := get(t, tt.path)
		if code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, code, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: %q not found in\n%.3000s", tt.path, w, body)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s: %q found", tt.path, w)
			}
		}
	}
}
