package sheet

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Number formats Village's workbooks give their figures.
const (
	Count = "#,##0"       // counts of children or episodes
	Share = "0.0%"        // shares, held as fractions: 0.625 shows as 62.5%
	Rate  = "0.0"         // rates per 10,000
	Days  = "#,##0"       // medians and means of days
	Date  = "d mmmm yyyy" // 31 March 2026
)

// Column is one column of a table.
type Column struct {
	Heading string
	Format  string  // the number format of its cells; "" for General
	Width   float64 // in characters; 0 to fit the heading and the text below it
}

// Number is a figure with a number format of its own, for a column whose
// rows hold figures of different kinds (counts in one row, shares in the
// next).
type Number struct {
	Value  float64
	Format string
}

// Table is one table of a sheet: a styled heading row, the rows below it
// and a filter on every column. A sheet may hold several.
type Table struct {
	Sheet string
	// Name is the table's name in the workbook, unique within it: letters,
	// digits and underscores, starting with a letter. Only a sheet's
	// second and later tables are Excel tables, which are named.
	Name    string
	Row     int // the heading's row, from 1
	Columns []Column
	Rows    [][]any // nil leaves a cell empty
}

// Styles makes each cell style of a workbook once.
type Styles struct {
	f        *excelize.File
	ids      map[string]int  // by number format; "heading" and "bold" by name
	filtered map[string]bool // the sheets whose filter a table has taken
}

// NewStyles returns the styles of workbook f.
func NewStyles(f *excelize.File) *Styles {
	return &Styles{f: f, ids: map[string]int{}, filtered: map[string]bool{}}
}

// style returns the style named key, making it with s the first time.
func (st *Styles) style(key string, s *excelize.Style) (int, error) {
	if id, ok := st.ids[key]; ok {
		return id, nil
	}
	id, err := st.f.NewStyle(s)
	if err != nil {
		return 0, fmt.Errorf("making the cell style %q: %w", key, err)
	}
	st.ids[key] = id
	return id, nil
}

// Heading is the style of a table's heading row: bold on a pale fill,
// ruled below, wrapped.
func (st *Styles) Heading() (int, error) {
	return st.style("heading", &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "505A5F", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
}

// Bold is the style of a title.
func (st *Styles) Bold() (int, error) {
	return st.style("bold", &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
}

// Format is the style of cells with the number format.
func (st *Styles) Format(format string) (int, error) {
	return st.style("format "+format, &excelize.Style{CustomNumFmt: &format})
}

// WriteTable writes t: its heading row styled, each column's cells with
// its format (or a Number's own), its columns' widths, and a filter on
// every column. The first table of a sheet takes the sheet's filter
// (Excel allows one); a later one is made an Excel table, which has its
// own. Excel tables are kept to those: excelize reads every table made
// before to add the next, so a workbook of hundreds grows slow.
func (st *Styles) WriteTable(t Table) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table %s of sheet %q has no columns", t.Name, t.Sheet)
	}
	rows := make([][]any, 0, len(t.Rows)+1)
	heading := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		heading[i] = c.Heading
	}
	rows = append(rows, heading)
	rows = append(rows, t.Rows...)
	own := map[[2]int]string{} // cells with a format of their own
	for i, row := range rows[1:] {
		for j, v := range row {
			if n, ok := v.(Number); ok {
				row[j] = n.Value
				own[[2]int{j + 1, t.Row + 1 + i}] = n.Format
			}
		}
	}
	if err := writeRowsAt(st.f, t.Sheet, t.Row, rows); err != nil {
		return err
	}
	last := t.Row + len(t.Rows)
	if err := st.formatColumns(t, last); err != nil {
		return err
	}
	for at, format := range own {
		if err := st.setStyle(t.Sheet, at[0], at[1], at[0], at[1], format); err != nil {
			return err
		}
	}
	if err := st.setWidths(t); err != nil {
		return err
	}
	first, _ := excelize.CoordinatesToCellName(1, t.Row)
	end, _ := excelize.CoordinatesToCellName(len(t.Columns), max(last, t.Row+1))
	var err error
	if !st.filtered[t.Sheet] {
		st.filtered[t.Sheet] = true
		err = st.f.AutoFilter(t.Sheet, first+":"+end, nil)
	} else {
		show := false
		err = st.f.AddTable(t.Sheet, &excelize.Table{Range: first + ":" + end, Name: t.Name,
			StyleName: "TableStyleLight1", ShowRowStripes: &show})
	}
	if err != nil {
		return fmt.Errorf("filtering table %s of sheet %q: %w", t.Name, t.Sheet, err)
	}
	return nil
}

// Filters returns the ranges a sheet's tables filter: the sheet's own
// filter first, then its Excel tables'.
func Filters(f *excelize.File, sheet string) ([]string, error) {
	var out []string
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" && d.Scope == sheet {
			_, ref, _ := strings.Cut(d.RefersTo, "!")
			out = append(out, strings.ReplaceAll(ref, "$", ""))
		}
	}
	tables, err := f.GetTables(sheet)
	if err != nil {
		return nil, fmt.Errorf("reading the tables of sheet %q: %w", sheet, err)
	}
	for _, t := range tables {
		out = append(out, t.Range)
	}
	return out, nil
}

// formatColumns styles the heading row, and each column's cells down to
// row last with its format.
func (st *Styles) formatColumns(t Table, last int) error {
	heading, err := st.Heading()
	if err != nil {
		return err
	}
	if err := st.setStyleID(t.Sheet, 1, t.Row, len(t.Columns), t.Row, heading); err != nil {
		return err
	}
	if last <= t.Row {
		return nil
	}
	for j, c := range t.Columns {
		if c.Format == "" {
			continue
		}
		if err := st.setStyle(t.Sheet, j+1, t.Row+1, j+1, last, c.Format); err != nil {
			return err
		}
	}
	return nil
}

// setStyle gives the cells from (col1, row1) to (col2, row2) the number
// format.
func (st *Styles) setStyle(sheet string, col1, row1, col2, row2 int, format string) error {
	id, err := st.Format(format)
	if err != nil {
		return err
	}
	return st.setStyleID(sheet, col1, row1, col2, row2, id)
}

func (st *Styles) setStyleID(sheet string, col1, row1, col2, row2, id int) error {
	from, err := excelize.CoordinatesToCellName(col1, row1)
	if err != nil {
		return err
	}
	to, err := excelize.CoordinatesToCellName(col2, row2)
	if err != nil {
		return err
	}
	return st.f.SetCellStyle(sheet, from, to, id)
}

// Widths of columns fitted to their text, in characters.
const (
	narrowest = 10.0
	widest    = 60.0
)

// setWidths sets each column's width: its own, or one that fits its
// heading and its text, within narrowest and widest. A column another
// table of the sheet made wider stays as wide.
func (st *Styles) setWidths(t Table) error {
	for j, c := range t.Columns {
		width := c.Width
		if width == 0 {
			longest := utf8.RuneCountInString(c.Heading)
			for _, row := range t.Rows {
				if j < len(row) {
					if s, ok := row[j].(string); ok {
						longest = max(longest, utf8.RuneCountInString(s))
					}
				}
			}
			width = min(max(float64(longest)+2, narrowest), widest)
		}
		name, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return err
		}
		if now, err := st.f.GetColWidth(t.Sheet, name); err == nil && now > width && c.Width == 0 {
			continue
		}
		if err := st.f.SetColWidth(t.Sheet, name, name, width); err != nil {
			return err
		}
	}
	return nil
}

// Freeze keeps the sheet's first rows in view as it scrolls: its heading
// row, when rows is 1.
func Freeze(f *excelize.File, sheet string, rows int) error {
	top, err := excelize.CoordinatesToCellName(1, rows+1)
	if err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}})
}

// Line is one line of a chart: the cell of its name and the cells of its
// values, as "'Sheet name'!$C$1" and "'Sheet name'!$C$2:$C$37". Excel
// reads a name as a reference, so it is a cell's, never text.
type Line struct {
	Name, Values string
	Dashed       bool
	Markers      bool
	Color        string // "1D70B8"
}

// LineChart is a native Excel line chart of lines over categories.
type LineChart struct {
	Sheet, Cell string // where its top left corner is
	Title       string
	Categories  string // the cells of the labels along the x axis
	Format      string // the number format of the y axis
	Lines       []Line
}

// AddLineChart adds the chart to its sheet; a line's empty cells are gaps.
func AddLineChart(f *excelize.File, c LineChart) error {
	series := make([]excelize.ChartSeries, len(c.Lines))
	for i, l := range c.Lines {
		fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{l.Color}}
		line := excelize.LineOptions{Type: excelize.LineSolid, Width: 1.5, Fill: fill}
		if l.Dashed {
			line.Dash = excelize.LineDashDash
		}
		marker := excelize.ChartMarker{Symbol: "none"}
		if l.Markers {
			marker = excelize.ChartMarker{Symbol: "circle", Size: 4}
		}
		series[i] = excelize.ChartSeries{Name: l.Name, Categories: c.Categories, Values: l.Values, Line: line, Marker: marker, Fill: fill}
	}
	err := f.AddChart(c.Sheet, c.Cell, &excelize.Chart{
		Type:         excelize.Line,
		Series:       series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Dimension:    excelize.ChartDimension{Width: 720, Height: 320},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		YAxis:        excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: c.Format}},
		XAxis:        excelize.ChartAxis{TickLabelSkip: 3},
		ShowBlanksAs: "gap",
	})
	if err != nil {
		return fmt.Errorf("chart %q on sheet %q: %w", c.Title, c.Sheet, err)
	}
	return nil
}

// Range names the cells of column col from row first to row last of a
// sheet, as charts refer to them: "'01 cla_end'!$C$2:$C$37".
func Range(sheet string, col, first, last int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, name, first, name, last)
}

// Cell names one cell of a sheet, as charts refer to it: "'01 cla_end'!$C$1".
func Cell(sheet string, col, row int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d", sheet, name, row)
}
