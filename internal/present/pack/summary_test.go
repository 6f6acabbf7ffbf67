package pack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/indicators"
)

// TestSummaryFirst checks both forms of the pack open with the director's
// summary, and that the default pack gives a page only to the key
// measures while the full one gives every indicator one.
func TestSummaryFirst(t *testing.T) {
	set, pop := authority(t, 300, 4)
	covered := calendar.Period{Start: calendar.Year(2023).Start(), End: calendar.Year(2026).End()}
	keys := len(indicators.KeyMeasureIDs())
	for _, full := range []bool{false, true} {
		p := Pack{Set: set, Population: pop, Quarter: quarter(t, "2025/26 Q4"), Full: full, Covered: covered,
			Authority: indicators.Authority{Code: "E09000099", Name: "Village"}}
		m := p.Model()
		var page, book bytes.Buffer
		if err := m.WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		if err := m.WriteXLSX(&book); err != nil {
			t.Fatal(err)
		}
		html := page.String()
		first := strings.Index(html, "<h2")
		if !strings.HasPrefix(html[first:], `<h2 id="summary-heading">Village (E09000099): summary to 31 March 2026</h2>`) {
			t.Errorf("full %v: the page's first heading is %.80s; want the summary", full, html[first:])
		}
		if !strings.Contains(html, `<svg role="img" aria-labelledby="spark-cla_end-title"`) || !strings.Contains(html, "What changed against a year earlier") ||
			!strings.Contains(html, "81,770") {
			t.Errorf("full %v: the summary lacks its sparklines, what changed or England's figure", full)
		}
		pages, want := strings.Count(html, `<section class="indicator"`), keys
		if full {
			want = len(indicators.All())
		}
		if pages != want {
			t.Errorf("full %v: %d indicator pages; want %d", full, pages, want)
		}
		// Every indicator keeps its headline row.
		if n := len(htmlHeadlines(html)); n != len(indicators.All()) {
			t.Errorf("full %v: %d headline rows; want %d", full, n, len(indicators.All()))
		}
		f, err := excelize.OpenReader(&book)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if sheets[0] != "Summary" || len(sheets) != 4+want {
			t.Errorf("full %v: sheets %v; want the Summary first and %d indicator sheets", full, sheets, want)
		}
		rows, err := f.GetRows("Summary")
		if err != nil || len(rows) < 10 || rows[1][0] != "Village (E09000099): summary to 31 March 2026" {
			t.Fatalf("full %v: the Summary sheet: %v, %v", full, rows, err)
		}
		found := false
		for _, r := range rows {
			if len(r) > 1 && r[0] == "Children looked after" {
				found = true
				if r[1] != m.Summary.Measures[0].Now || r[4] != "81,770" || !strings.Contains(r[7], "DfE") {
					t.Errorf("full %v: the Summary sheet's row %q; want %s, England's 81,770 and its source", full, r, m.Summary.Measures[0].Now)
				}
			}
		}
		if !found {
			t.Errorf("full %v: no children looked after row in the Summary sheet", full)
		}
	}
}
