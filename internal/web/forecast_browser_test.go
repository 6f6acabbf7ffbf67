package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// spendTableInBrowser is what the browser finds of the table of spend by
// placement type on /forecast: its caption, its column headings, and
// each row's heading and first cell as shown, with whether the table is
// on screen.
type spendTableInBrowser struct {
	Caption string     `json:"caption"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	Shown   bool       `json:"shown"`
}

// testForecastSpendInBrowser checks that /forecast shows the spend by
// placement type as a table: a row for each placement type and the
// total, a column for each financial year, and the total's first year
// as /api/forecast gives it.
func testForecastSpendInBrowser(t *testing.T, b *chromiumTab) {
	base := server(t).URL
	waitForForecast(t, base)
	var api struct {
		Baseline struct {
			Spend []struct {
				Year string  `json:"year"`
				Mean float64 `json:"mean"`
			} `json:"spend"`
			SpendByCategory []struct {
				Label string `json:"label"`
			} `json:"spend_by_category"`
		} `json:"baseline"`
	}
	resp, err := http.Get(base + "/api/forecast")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&api); err != nil || len(api.Baseline.Spend) == 0 {
		t.Fatalf("/api/forecast: %v, %d years of spend", err, len(api.Baseline.Spend))
	}

	ctx, cancel := context.WithTimeout(b.tab, pageTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/forecast")); err != nil {
		t.Fatalf("loading /forecast: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[spendTableInBrowser](`(() => {
  const table = document.querySelector('table.village-spend-by-type');
  if (!table) return null;
  const box = table.getBoundingClientRect();
  return {
    caption: table.caption.textContent.trim(),
    columns: [...table.tHead.rows[0].cells].map((c) => c.textContent.trim()),
    rows: [...table.tBodies[0].rows].map((r) => [r.cells[0].textContent.trim(), r.cells[1].innerText.trim()]),
    shown: box.width > 0 && box.height > 0 && getComputedStyle(table).visibility === 'visible',
  };
})()`))
	if err != nil {
		t.Fatalf("reading the table of spend by placement type: %v", err)
	}
	if !got.Shown || !strings.HasPrefix(got.Caption, "Projected spend on placements by placement type") {
		t.Errorf("the table of spend by placement type is not shown: caption %q, shown %v", got.Caption, got.Shown)
	}
	if want := len(api.Baseline.Spend) + 1; len(got.Columns) != want || got.Columns[1] != api.Baseline.Spend[0].Year {
		t.Errorf("columns %q; want the placement type and %d financial years from %s", got.Columns, want-1, api.Baseline.Spend[0].Year)
	}
	var labels []string
	for _, c := range api.Baseline.SpendByCategory {
		labels = append(labels, c.Label)
	}
	labels = append(labels, "Total")
	var shown []string
	for _, r := range got.Rows {
		shown = append(shown, r[0])
	}
	if !slices.Equal(shown, labels) {
		t.Errorf("rows %q; want %q", shown, labels)
	}
	total := got.Rows[len(got.Rows)-1][1]
	if want := millions(api.Baseline.Spend[0].Mean); !strings.HasPrefix(total, want+"\n") {
		t.Errorf("the total's first year shows %q; want %s over its 90%% interval", total, want)
	}
}
