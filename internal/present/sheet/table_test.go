package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// reopen writes the workbook and reads it back, as a user's Excel would.
func reopen(t *testing.T, f *excelize.File) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// numFmt returns a cell's custom number format, "" for none.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if s.CustomNumFmt == nil {
		return ""
	}
	return *s.CustomNumFmt
}

func TestWriteTable(t *testing.T) {
	f, err := New("Figures")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st := NewStyles(f)
	day := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	table := Table{Sheet: "Figures", Name: "Figures", Row: 3, Columns: []Column{
		{Heading: "Group"}, {Heading: "Children", Format: Count}, {Heading: "On", Format: Date, Width: 18}, {Heading: "Value"}},
		Rows: [][]any{
			{"=cmd", 1200, day, Number{Value: 0.625, Format: Share}},
			{"a group with a rather long name", nil, day, Number{Value: 12.5, Format: Rate}},
		}}
	if err := st.WriteTable(table); err != nil {
		t.Fatal(err)
	}
	// A second table on the sheet has a filter of its own.
	if err := st.WriteTable(Table{Sheet: "Figures", Name: "More", Row: 8, Columns: []Column{{Heading: "More"}, {Heading: "Again"}},
		Rows: [][]any{{"x", 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := Freeze(f, "Figures", 3); err != nil {
		t.Fatal(err)
	}
	g := reopen(t, f)
	formats := map[string]string{"A4": "", "B4": Count, "B5": Count, "C4": Date, "D4": Share, "D5": Rate}
	for cell, want := range formats {
		if got := numFmt(t, g, "Figures", cell); got != want {
			t.Errorf("%s has format %q, want %q", cell, got, want)
		}
	}
	values := map[string]string{"A3": "Group", "A4": "'=cmd", "B4": "1200", "D4": "0.625", "B5": ""}
	for cell, want := range values {
		if got, _ := g.GetCellValue("Figures", cell, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if got, _ := g.GetCellValue("Figures", "D4"); got != "62.5%" {
		t.Errorf("D4 shows %q, want 62.5%%", got)
	}
	id, _ := g.GetCellStyle("Figures", "B3")
	if s, _ := g.GetStyle(id); s.Font == nil || !s.Font.Bold || len(s.Fill.Color) == 0 {
		t.Errorf("heading style %+v, want bold on a fill", s)
	}
	filters, err := Filters(g, "Figures")
	if err != nil || !slices.Equal(filters, []string{"A3:D5", "A8:B9"}) {
		t.Errorf("filters %q, %v; want the sheet's over A3:D5 and the table's over A8:B9", filters, err)
	}
	if tables, _ := g.GetTables("Figures"); len(tables) != 1 || tables[0].Name != "More" {
		t.Errorf("Excel tables %+v; want the second table, More", tables)
	}
	widths := map[string][2]float64{"A": {33, 33}, "B": {narrowest, narrowest}, "C": {18, 18}}
	for col, want := range widths {
		if got, _ := g.GetColWidth("Figures", col); got < want[0] || got > want[1] {
			t.Errorf("column %s is %v wide, want %v", col, got, want[0])
		}
	}
	panes, err := g.GetPanes("Figures")
	if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.TopLeftCell != "A4" {
		t.Errorf("panes %+v, %v; want rows 1 to 3 frozen", panes, err)
	}
	if err := st.WriteTable(Table{Sheet: "Figures", Name: "Empty", Row: 10}); err == nil {
		t.Error("a table without columns was written")
	}
}

func TestAddLineChart(t *testing.T) {
	f, err := New("01 cla_end")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := [][]any{{"Month", "Value", "Mean"}, {"April 2025", 10, 11}, {"May 2025", nil, 11}, {"June 2025", 12, 11}}
	if err := WriteRows(f, "01 cla_end", rows); err != nil {
		t.Fatal(err)
	}
	chart := LineChart{Sheet: "01 cla_end", Cell: "E2", Title: "Children", Categories: Range("01 cla_end", 1, 2, 4), Format: Count,
		Lines: []Line{{Name: Cell("01 cla_end", 2, 1), Values: Range("01 cla_end", 2, 2, 4), Markers: true, Color: "1D70B8"},
			{Name: Cell("01 cla_end", 3, 1), Values: Range("01 cla_end", 3, 2, 4), Dashed: true, Color: "505A5F"}}}
	if err := AddLineChart(f, chart); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// The chart's part is in the file, drawing from the sheet's cells.
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	part, err := z.Open("xl/charts/chart1.xml")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(part)
	part.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"&#39;01 cla_end&#39;!$B$2:$B$4", "&#39;01 cla_end&#39;!$C$1", `<dispBlanksAs val="gap">`, `formatCode="#,##0"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the chart lacks %s", want)
		}
	}
	if got := Cell("01 cla_end", 3, 1); got != "'01 cla_end'!$C$1" {
		t.Errorf("Cell = %q", got)
	}
	if got := Range("01 cla_end", 2, 2, 4); got != "'01 cla_end'!$B$2:$B$4" {
		t.Errorf("Range = %q", got)
	}
	if err := AddLineChart(f, LineChart{Sheet: "no such sheet", Cell: "A1", Lines: chart.Lines, Categories: chart.Categories}); err == nil {
		t.Error("a chart on a sheet that does not exist")
	}
}
