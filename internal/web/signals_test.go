package web

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/indicators"
)

// TestOneSignalCount checks that each indicator page counts its control
// chart's signals once: the chart's caption, the bullets in words and the
// signals its coloured points name agree; that improvements and concerns
// are told apart; and that a stock carries the caution beside its chart.
func TestOneSignalCount(t *testing.T) {
	caption := regexp.MustCompile(`(\d+|No) special-cause signals?`)
	pointSignal := regexp.MustCompile(`signal (\d+) \((improvement|concern|neither improvement nor concern)\)`)
	for _, ind := range indicators.All() {
		status, body := get(t, "/indicators/"+ind.ID)
		if status != 200 {
			t.Fatalf("%s: status %d", ind.ID, status)
		}
		figure, _, drawn := strings.Cut(body[max(0, strings.Index(body, `<figure class="spc">`)):], "</figure>")
		if !drawn || !strings.Contains(body, `<figure class="spc">`) {
			continue // not drawn: suppressed months
		}
		figure = html.UnescapeString(figure)
		if strings.Contains(figure, "No figures to chart.") {
			continue // no month's figure is known
		}
		bullets := strings.Count(body, `<li class="village-signal">`)
		m := caption.FindStringSubmatch(figure)
		want := "No"
		if bullets > 0 {
			want = strconv.Itoa(bullets)
		}
		if m == nil || m[1] != want {
			t.Errorf("%s: caption says %q, the page lists %d signals", ind.ID, m, bullets)
		}
		named := map[string]string{}
		for _, p := range pointSignal.FindAllStringSubmatch(figure, -1) {
			named[p[1]] = p[2]
		}
		if len(named) != bullets {
			t.Errorf("%s: coloured points name %d signals, the page lists %d", ind.ID, len(named), bullets)
		}
		for n, meaning := range named {
			tag := map[string]string{"improvement": "Improvement", "concern": "Concern"}[meaning]
			if tag == "" {
				tag = "Special cause"
			}
			if !strings.Contains(body, fmt.Sprintf(`">%s <span class="govuk-visually-hidden">signal </span>%s</strong>`, tag, n)) {
				t.Errorf("%s: signal %s (%s) has no %q tag in the list", ind.ID, n, meaning, tag)
			}
			if (ind.Direction == indicators.Neither) != (tag == "Special cause") {
				t.Errorf("%s: direction %v, signal %s is %s", ind.ID, ind.Direction, n, meaning)
			}
		}
		stock := ind.Autocorrelated() != ""
		if got := strings.Contains(figure, "<strong>Caution:</strong> "+ind.Title+" is "); got != stock {
			t.Errorf("%s: caution beside the chart %v, want %v", ind.ID, got, stock)
		}
	}
}
