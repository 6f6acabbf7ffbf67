package pack

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/sheet"
)

// book writes the model's workbook and opens it again, returning its
// bytes too.
func book(t *testing.T, m *Model) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := m.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	raw := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, raw
}

// cellAt names the cell at column col and row, from 1.
func cellAt(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// numeric reports whether a cell holds a number, not text.
func numeric(t *testing.T, f *excelize.File, name, cell string) bool {
	t.Helper()
	kind, err := f.GetCellType(name, cell)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.GetCellValue(name, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	_, bad := strconv.ParseFloat(raw, 64)
	return (kind == excelize.CellTypeUnset || kind == excelize.CellTypeNumber) && raw != "" && bad == nil
}

// formatAt returns a cell's number format.
func formatAt(t *testing.T, f *excelize.File, name, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(name, cell)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.CustomNumFmt == nil {
		return ""
	}
	return *style.CustomNumFmt
}

// chartSheets returns the sheets that the workbook's charts draw from,
// read from the chart parts of the file.
func chartSheets(t *testing.T, raw []byte) []string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`<(?:c:)?f>(?:'|&apos;|&#39;)([^<]*?)(?:'|&apos;|&#39;)!\$C\$2:`)
	var out []string
	for _, file := range z.File {
		if !strings.HasPrefix(file.Name, "xl/charts/chart") {
			continue
		}
		r, err := file.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		m := ref.FindSubmatch(body)
		if m == nil {
			t.Fatalf("%s draws no indicator's values", file.Name)
		}
		out = append(out, string(m[1]))
	}
	return out
}

func TestWorkbookCells(t *testing.T) {
	set, pop := authority(t, 500, 5)
	m := Pack{Set: set, Population: pop, Quarter: quarter(t, "2025/26 Q4"), Full: true}.Model()
	f, raw := book(t, m)
	sheets := f.GetSheetList()
	if len(sheets) != 4+len(indicators.All()) || !slices.Equal(sheets[:4], []string{"Summary", "Contents", "Headlines", "Data"}) {
		t.Fatalf("sheets %v", sheets)
	}
	// Headlines: every shown figure a number with its unit's format; one
	// not shown an empty cell whose status says why.
	for i, s := range m.Sections {
		row := i + 2
		for _, c := range []struct {
			col, status int
			text        string
		}{{3, 11, s.NowText}, {4, 14, s.BeforeText}} {
			value, state := cellAt(c.col, row), cellAt(c.status, row)
			got, _ := f.GetCellValue("Headlines", state)
			if s.NowFigure.Value.Known && !s.NowFigure.Value.Suppressed() && c.col == 3 || got == statusShown {
				if !numeric(t, f, "Headlines", value) || got != statusShown {
					t.Errorf("Headlines %s (%s, shown as %q) is not a number, or its status is %q", value, s.Indicator.ID, c.text, got)
				}
				if want := formatOf(s.Indicator); formatAt(t, f, "Headlines", value) != want {
					t.Errorf("Headlines %s (%s) has format %q, want %q", value, s.Indicator.ID, formatAt(t, f, "Headlines", value), want)
				}
			} else if v, _ := f.GetCellValue("Headlines", value); v != "" || got == statusShown {
				t.Errorf("Headlines %s (%s, shown as %q) holds %q with status %q", value, s.Indicator.ID, c.text, v, got)
			}
		}
	}
	wantFormats := map[string]string{indicators.Children: "#,##0", indicators.Percent: "0.0%", indicators.Per10k: "0.0", indicators.Days: "#,##0"}
	units := map[string]bool{}
	for _, s := range m.Sections {
		if want, ok := wantFormats[s.Indicator.Unit]; ok {
			units[s.Indicator.Unit] = true
			if got := formatAt(t, f, s.Sheet, "C2"); got != want {
				t.Errorf("%s C2 has format %q, want %q for %s", s.Sheet, got, want, s.Indicator.Unit)
			}
		}
	}
	if len(units) != len(wantFormats) {
		t.Errorf("units seen %v, want every one of %v", units, wantFormats)
	}
	// cla_end's monthly values, mean and limits are numbers; its
	// breakdown by age follows.
	cla := m.Sections[0]
	if cla.Indicator.ID != "cla_end" {
		t.Fatalf("first section %s", cla.Indicator.ID)
	}
	for _, cell := range []string{"C2", "D2", "G2", "H2", "I2", cellAt(3, 1+len(cla.Trend))} {
		if !numeric(t, f, cla.Sheet, cell) {
			v, _ := f.GetCellValue(cla.Sheet, cell)
			t.Errorf("%s %s = %q, not a number", cla.Sheet, cell, v)
		}
	}
	x := controlChart(cla)
	if got, _ := f.GetCellValue(cla.Sheet, "G2", excelize.Options{RawCellValue: true}); !near(got, x.Mean) {
		t.Errorf("cla_end's mean %s, want %v", got, x.Mean)
	}
	// Panes and filters on every sheet of tables; the Summary is a page to
	// read, as the HTML pack's first page is.
	for _, name := range sheets[1:] {
		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit < 1 {
			t.Errorf("%s: panes %+v, %v; want its heading frozen", name, panes, err)
		}
		filters, err := sheet.Filters(f, name)
		if err != nil || len(filters) == 0 {
			t.Errorf("%s: no table with filters (%v)", name, err)
		}
		heading, _ := excelize.CoordinatesToCellName(1, panes.YSplit)
		if len(filters) > 0 && !strings.HasPrefix(filters[0], heading+":") {
			t.Errorf("%s: first filter %s does not start at the frozen heading %s", name, filters[0], heading)
		}
	}
	if filters, _ := sheet.Filters(f, cla.Sheet); len(cla.Breakdowns) == 0 || len(filters) != 2 ||
		filters[0] != "A1:I"+strconv.Itoa(1+len(cla.Trend)) {
		t.Errorf("%s filters %q; want the months' and the breakdowns'", cla.Sheet, filters)
	}
	if style, _ := f.GetCellStyle("Headlines", "A1"); style == 0 {
		t.Error("the headline table's heading is not styled")
	} else if s, _ := f.GetStyle(style); s.Font == nil || !s.Font.Bold || len(s.Fill.Color) == 0 {
		t.Errorf("the heading style %+v is not bold on a fill", s)
	}
	if w, _ := f.GetColWidth("Headlines", "A"); w < 40 {
		t.Errorf("the headline table's indicator column is %v wide", w)
	}
	checkData(t, f, m, "exact")
	// A chart on every indicator sheet where the page draws one, and no
	// other.
	var page bytes.Buffer
	if err := m.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	charted := chartSheets(t, raw)
	drawn := 0
	for _, s := range m.Sections {
		onPage := strings.Contains(page.String(), `<title id="chart-`+s.Indicator.ID+`-title">`)
		if onPage {
			drawn++
		}
		if inBook := slices.Contains(charted, s.Sheet); inBook != onPage {
			t.Errorf("%s: chart in the workbook %v, on the page %v", s.Indicator.ID, inBook, onPage)
		}
	}
	if drawn == 0 || len(charted) != drawn {
		t.Errorf("%d charts in the workbook, %d on the page", len(charted), drawn)
	}
}

// checkData checks the Data sheet: its columns, a row for every figure,
// dates as dates, and values that are numbers exactly when shown.
func checkData(t *testing.T, f *excelize.File, m *Model, mode string) {
	t.Helper()
	rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"indicator_id", "indicator", "family", "period_code", "period_label", "period_start", "period_end",
		"breakdown", "group", "value", "numerator", "denominator", "unit", "status", "mode"}
	if len(rows) == 0 || !slices.Equal(rows[0], want) {
		t.Fatalf("Data columns %q, want %q", rows[0], want)
	}
	n := 0
	for _, s := range m.Sections {
		n += len(s.Months) + 2
		for _, b := range s.Breakdowns {
			n += len(b.Groups)
		}
	}
	if len(rows) != 1+n {
		t.Errorf("Data has %d rows, want 1 + %d", len(rows), n)
	}
	if got := formatAt(t, f, "Data", "F2"); got != sheet.Date || !numeric(t, f, "Data", "F2") {
		t.Errorf("period_start is not a date: format %q", got)
	}
	statuses := map[string]int{}
	for i, row := range rows[1:] {
		row = append(row, make([]string, len(want)-len(row))...)
		status := row[13]
		statuses[status]++
		value := cellAt(10, i+2)
		if row[14] != mode {
			t.Fatalf("Data row %d: mode %q, want %q", i+2, row[14], mode)
		}
		switch status {
		case statusShown:
			if !numeric(t, f, "Data", value) {
				t.Fatalf("Data %s: shown value %q is not a number", value, row[9])
			}
		case statusSuppressed, statusNotKnown:
			if row[9] != "" || status == statusSuppressed && row[10] != "" {
				t.Fatalf("Data row %d: %s, yet value %q and numerator %q", i+2, status, row[9], row[10])
			}
		default:
			t.Fatalf("Data row %d: status %q", i+2, status)
		}
	}
	if statuses[statusShown] == 0 || statuses[statusNotKnown] == 0 {
		t.Errorf("statuses %v; want figures shown and not known", statuses)
	}
	if mode == "publishable" && statuses[statusSuppressed] == 0 {
		t.Error("a publishable Data sheet with nothing suppressed; the test needs a smaller authority")
	}
}

func TestWorkbookPublishable(t *testing.T) {
	set, pop := authority(t, 40, 3)
	m := Pack{Set: set, Population: pop, Quarter: quarter(t, "2026Q1"), Publishable: true, Full: true}.Model()
	f, raw := book(t, m)
	checkData(t, f, m, "publishable")
	charted := chartSheets(t, raw)
	hidden, suppressed := 0, 0
	for _, s := range m.Sections {
		if s.Hidden > 0 {
			hidden++
			if slices.Contains(charted, s.Sheet) {
				t.Errorf("%s: a chart of a series with %d months suppressed", s.Indicator.ID, s.Hidden)
			}
		}
		rows, err := f.GetRows(s.Sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		// No number where a figure is suppressed: not its value, its
		// numerator, nor a mean or limit drawn from it.
		for j := 1; j <= len(s.Trend); j++ {
			row := append(rows[j], make([]string, 9)...)
			if row[5] == statusSuppressed && (row[2] != "" || row[3] != "") {
				t.Errorf("%s row %d: suppressed, yet %q of %q", s.Sheet, j+1, row[2], row[3])
			}
			if s.Hidden > 0 && (row[6] != "" || row[7] != "" || row[8] != "") {
				t.Errorf("%s row %d: a mean or limit of a series with suppressed months", s.Sheet, j+1)
			}
		}
		// Nor in the breakdowns below: each group's status is the
		// disclosure policy's, and a suppressed group holds no number.
		groups := 0
		for j := len(s.Trend) + 1; j < len(rows); j++ {
			row := append(rows[j], make([]string, 6)...)
			if len(rows[j-1]) > 0 && rows[j-1][0] == "Breakdown" || groups > 0 {
				groups++
				if row[5] == statusSuppressed {
					suppressed++
					if row[2] != "" || row[3] != "" {
						t.Errorf("%s row %d: a suppressed group holds %q of %q", s.Sheet, j+1, row[2], row[3])
					}
				}
			}
		}
		if want := groupCount(s); groups != want {
			t.Errorf("%s: %d breakdown rows, want %d", s.Sheet, groups, want)
		}
		for j, fig := range s.Trend {
			// A figure not known is "not known", suppressed or not, as its text is x.
			if suppressed := fig.Shown.Value.Known && fig.Shown.Value.Suppressed(); suppressed != (rows[j+1][5] == statusSuppressed) {
				t.Errorf("%s %s: status %q, suppressed %v", s.Sheet, fig.Label, rows[j+1][5], fig.Shown.Value.Suppressed())
			}
		}
	}
	if hidden == 0 || suppressed == 0 {
		t.Fatalf("%d series with a suppressed month, %d suppressed groups; the test needs a smaller authority", hidden, suppressed)
	}
}

// pageNumber reads a figure as the page shows it, and whether it is one.
func pageNumber(text string) (float64, bool) {
	v, err := strconv.ParseFloat(text, 64)
	return v, err == nil
}

// agrees reports whether a workbook cell's raw value is the page's
// figure: empty for one not shown, the same number to the page's
// rounding otherwise (a share held as a fraction).
func agrees(ind *indicators.Indicator, raw, text string) bool {
	want, ok := pageNumber(text)
	if !ok {
		return raw == ""
	}
	got, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return false
	}
	if ind.Unit == indicators.Percent {
		got *= 100
	}
	return math.Abs(got-want) <= 0.05+1e-9
}

// near reports whether a cell's raw value is v, to the 15 significant
// digits a workbook keeps.
func near(raw string, v float64) bool {
	got, err := strconv.ParseFloat(raw, 64)
	return err == nil && math.Abs(got-v) <= 1e-9*math.Max(1, math.Abs(v))
}

// groupCount is how many groups a section's breakdowns have.
func groupCount(s Section) int {
	n := 0
	for _, b := range s.Breakdowns {
		n += len(b.Groups)
	}
	return n
}
