package pack

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/sheet"
	"github.com/village-uk/village/internal/spc"
)

// dataSheet is the long-format sheet of every figure, for Power BI.
const dataSheet = "Data"

// WriteXLSX writes the pack as an Excel workbook: the director's summary,
// a contents sheet, the headline table, every figure in long format
// (Data), and a sheet per indicator that has a page (every one with Full)
// with its monthly figures, their control-chart mean and
// limits, a native line chart where the HTML pack draws one, and its
// breakdowns. Figures are numbers with number formats; a figure not shown
// is an empty cell whose status column says "suppressed" or "not known".
// Every table has a styled heading row and a filter; each sheet keeps its
// first table's heading in view.
func (m *Model) WriteXLSX(w io.Writer) error {
	names := []string{"Summary", "Contents", "Headlines", dataSheet}
	if m.FrontDoor != nil {
		names = append(names, frontDoorSheet)
	}
	if m.EarlyHelp != nil {
		names = append(names, earlyHelpSheet)
	}
	if m.Decisions != nil {
		names = append(names, decisionsSheet)
	}
	if m.Benchmark != nil {
		names = append(names, benchmarkSheet)
	}
	if m.Savings != nil {
		names = append(names, savingsSheet)
	}
	for _, s := range m.Sections {
		if s.Page {
			names = append(names, s.Sheet)
		}
	}
	f, err := sheet.New(names...)
	if err != nil {
		return err
	}
	defer f.Close()
	st := sheet.NewStyles(f)
	steps := []func(*excelize.File, *sheet.Styles) error{m.writeSummary, m.writeContents, m.writeHeadlines, m.writeData}
	if m.FrontDoor != nil {
		steps = append(steps, m.writeFrontDoor)
	}
	if m.EarlyHelp != nil {
		steps = append(steps, m.writeEarlyHelp)
	}
	if m.Decisions != nil {
		steps = append(steps, m.writeDecisions)
	}
	if m.Benchmark != nil {
		steps = append(steps, m.writeBenchmark)
	}
	if m.Savings != nil {
		steps = append(steps, m.writeSavings)
	}
	for i, s := range m.Sections {
		if !s.Page {
			continue
		}
		steps = append(steps, func(f *excelize.File, st *sheet.Styles) error { return m.writeSection(f, st, i) })
	}
	for _, step := range steps {
		if err := step(f, st); err != nil {
			return fmt.Errorf("writing the Excel pack: %w", err)
		}
	}
	return f.Write(w)
}

// writeSummary writes the director's summary, the workbook's first sheet.
func (m *Model) writeSummary(f *excelize.File, _ *sheet.Styles) error {
	return sheet.WriteRows(f, "Summary", summaryRows(m))
}

// formatOf is the number format of an indicator's values.
func formatOf(ind *indicators.Indicator) string {
	switch ind.Unit {
	case indicators.Percent:
		return sheet.Share
	case indicators.Per10k:
		return sheet.Rate
	case indicators.Days:
		return sheet.Days
	}
	return sheet.Count
}

// scaled is a value of the indicator as the workbook holds it: a
// percentage as a fraction, which the share format shows as a
// percentage again.
func scaled(ind *indicators.Indicator, v float64) float64 {
	if ind.Unit == indicators.Percent {
		return v / 100
	}
	return v
}

// valueCell is a published value as a cell: the number, or empty when it
// is suppressed or not known (the status column says which).
func valueCell(ind *indicators.Indicator, c disclose.Cell) any {
	if !c.Known || c.Suppressed() {
		return nil
	}
	return scaled(ind, c.Value)
}

// countCell is a published count as a cell: empty when suppressed.
func countCell(c disclose.Cell) any {
	if !c.Known || c.Suppressed() {
		return nil
	}
	return int(c.Value + 0.5)
}

// hasDenominator reports whether the indicator's values are of or per a
// denominator: shares and rates.
func hasDenominator(ind *indicators.Indicator) bool {
	return ind.Unit == indicators.Percent || ind.Unit == indicators.Per10k
}

// figureCells are a figure's value, numerator, denominator and status;
// the value carries its format, for columns of mixed units.
func figureCells(ind *indicators.Indicator, f indicators.Figure) []any {
	value := valueCell(ind, f.Value)
	if value != nil {
		value = sheet.Number{Value: value.(float64), Format: formatOf(ind)}
	}
	var den any
	if hasDenominator(ind) && (f.Denominator.Value != 0 || f.Value.Known) {
		den = countCell(f.Denominator)
	}
	return []any{value, countCell(f.Children), den, status(f.Value)}
}

// writeContents writes the contents sheet: the title, what kind of
// figures these are, how the workbook holds them, and a table of its
// sheets with a link to each.
func (m *Model) writeContents(f *excelize.File, st *sheet.Styles) error {
	const name, first = "Contents", 6
	intro := [][]any{{m.Title}, {m.Mode},
		{"Figures are numbers with number formats; shares are held as fractions (0.625 shows as 62.5%). A figure not shown is an empty cell: its status column says suppressed or not known."},
		{"The Data sheet holds every figure once, one row per indicator, period and group, for Power BI and pivot tables."}}
	if err := sheet.WriteRows(f, name, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, name, "A1"); err != nil {
		return err
	}
	rows := [][]any{
		{"Headlines", "Every indicator for the quarter and the same quarter a year earlier", ""},
		{dataSheet, "Every figure in long format: indicator, period, breakdown and group", ""},
	}
	if fd := m.FrontDoor; fd != nil {
		rows = append(rows, []any{frontDoorSheet, "The children in need indicators for " + fd.Year.Label + " and the year before", frontDoorFamily})
	}
	if eh := m.EarlyHelp; eh != nil {
		rows = append(rows, []any{earlyHelpSheet, "The early help and HAF indicators for " + eh.Year.Label + " and the year before", earlyHelpFamily})
	}
	if m.Decisions != nil {
		rows = append(rows, []any{decisionsSheet, DecisionsTitle, "Decision register"})
	}
	if m.Benchmark != nil {
		rows = append(rows, []any{benchmarkSheet, "The authority against England, the region and its statistical neighbours", ""})
	}
	if m.Savings != nil {
		rows = append(rows, []any{savingsSheet, "Savings: the programmes against their targets, by financial quarter", "Savings ledger"})
	}
	for _, s := range m.Sections {
		if s.Page {
			rows = append(rows, []any{s.Sheet, s.Indicator.Title, s.Family})
		}
	}
	err := st.WriteTable(sheet.Table{Sheet: name, Name: "Contents", Row: first, Rows: rows, Columns: []sheet.Column{
		{Heading: "Sheet", Width: 16}, {Heading: "What it shows"}, {Heading: "Family"}}})
	if err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, first+1+i)
		if err := f.SetCellHyperLink(name, cell, fmt.Sprintf("'%s'!A1", row[0]), "Location"); err != nil {
			return err
		}
	}
	return sheet.Freeze(f, name, first)
}

// boldCell makes a cell's text a bold title.
func boldCell(f *excelize.File, st *sheet.Styles, name, cell string) error {
	bold, err := st.Bold()
	if err != nil {
		return err
	}
	return f.SetCellStyle(name, cell, cell, bold)
}

// writeHeadlines writes the headline table: each indicator for the
// quarter and a year earlier, the change and recent signals, then each
// figure's numerator, denominator and status.
func (m *Model) writeHeadlines(f *excelize.File, st *sheet.Styles) error {
	const name = "Headlines"
	var rows [][]any
	for _, s := range m.Sections {
		ind := s.Indicator
		now, before := figureCells(ind, s.NowFigure), figureCells(ind, s.BeforeFigure)
		rows = append(rows, []any{ind.Title, s.Unit, now[0], before[0], s.Change, strings.Join(spc.Texts(s.Recent), " "), s.Family,
			ind.ID, now[1], now[2], now[3], before[1], before[2], before[3]})
	}
	columns := []sheet.Column{{Heading: "Indicator", Width: 50}, {Heading: "Unit", Width: 14},
		{Heading: m.Quarter, Width: 18}, {Heading: m.YearEarlier + ", a year earlier", Width: 18},
		{Heading: "Change", Width: 14}, {Heading: fmt.Sprintf("Signals in the last %d months", m.Recent), Width: 50},
		{Heading: "Family", Width: 24}, {Heading: "ID", Width: 28},
		{Heading: "Numerator", Format: sheet.Count}, {Heading: "Denominator", Format: sheet.Count}, {Heading: "Status"},
		{Heading: "Numerator, a year earlier", Format: sheet.Count}, {Heading: "Denominator, a year earlier", Format: sheet.Count},
		{Heading: "Status, a year earlier"}}
	if err := st.WriteTable(sheet.Table{Sheet: name, Name: "Headlines", Row: 1, Columns: columns, Rows: rows}); err != nil {
		return err
	}
	return sheet.Freeze(f, name, 1)
}

// dataColumns are the Data sheet's columns, named for Power BI.
var dataColumns = []sheet.Column{
	{Heading: "indicator_id", Width: 28}, {Heading: "indicator", Width: 50}, {Heading: "family", Width: 24},
	{Heading: "period_code", Width: 14}, {Heading: "period_label", Width: 30},
	{Heading: "period_start", Format: sheet.Date, Width: 16}, {Heading: "period_end", Format: sheet.Date, Width: 16},
	{Heading: "breakdown", Width: 14}, {Heading: "group", Width: 30},
	{Heading: "value", Width: 12}, {Heading: "numerator", Format: sheet.Count, Width: 12},
	{Heading: "denominator", Format: sheet.Count, Width: 12}, {Heading: "unit", Width: 14},
	{Heading: "status", Width: 12}, {Heading: "mode", Width: 12},
}

// writeData writes every figure of the pack in long format.
func (m *Model) writeData(f *excelize.File, st *sheet.Styles) error {
	mode := disclose.PolicyOf(m.Publishable).String()
	data := dataRows(m)
	rows := make([][]any, len(data))
	for i, d := range data {
		ind := d.Indicator
		cells := figureCells(ind, d.Figure)
		if d.Family == earlyHelpFamily {
			cells = earlyHelpCells(ind, d.Figure)
		}
		rows[i] = []any{ind.ID, ind.Title, d.Family, d.Period.Code(), d.Period.Label,
			d.Period.Start.Time(), d.Period.End.Time(), d.Breakdown, d.Group,
			cells[0], cells[1], cells[2], ind.Unit, cells[3], mode}
	}
	if err := st.WriteTable(sheet.Table{Sheet: dataSheet, Name: "Data", Row: 1, Columns: dataColumns, Rows: rows}); err != nil {
		return err
	}
	return sheet.Freeze(f, dataSheet, 1)
}

// The columns of an indicator's table of periods (months), from 1.
const (
	colValue = 3
	colMean  = 7
	colLower = 8
	colUpper = 9
	colText  = 11 // the definition, the signals and the chart, beside the table
)

// writeSection writes an indicator's sheet: its monthly figures with the
// control chart's mean and limits, the definition and the signals in
// words beside them with the chart below, then the breakdowns.
func (m *Model) writeSection(f *excelize.File, st *sheet.Styles, i int) error {
	s := m.Sections[i]
	ind := s.Indicator
	format := formatOf(ind)
	noChart := whyNoChart(m, s)
	var mean, lower, upper any
	if noChart == "" {
		x := controlChart(s)
		mean, lower, upper = scaled(ind, x.Mean), scaled(ind, x.Lower), scaled(ind, x.Upper)
	}
	rows := make([][]any, len(s.Trend))
	for j, t := range s.Trend {
		cells := figureCells(ind, t.Shown)
		rows[j] = []any{t.Label, s.Months[j].Start.Time(), cells[0], cells[1], cells[2], cells[3], mean, lower, upper}
	}
	columns := []sheet.Column{{Heading: "Period", Width: 16}, {Heading: "Starts", Format: sheet.Date, Width: 16},
		{Heading: "Value (" + s.MonthUnit + ")", Format: format, Width: 16},
		{Heading: "Numerator (children counted)", Format: sheet.Count, Width: 16},
		{Heading: "Denominator", Format: sheet.Count, Width: 14}, {Heading: "Status", Width: 12},
		{Heading: "Mean", Format: format, Width: 12}, {Heading: "Lower process limit", Format: format, Width: 12},
		{Heading: "Upper process limit", Format: format, Width: 12}}
	if err := st.WriteTable(sheet.Table{Sheet: s.Sheet, Name: tableName("Months", ind.ID), Row: 1, Columns: columns, Rows: rows}); err != nil {
		return err
	}
	if err := sheet.Freeze(f, s.Sheet, 1); err != nil {
		return err
	}
	below, err := m.writeSectionText(f, st, s, noChart)
	if err != nil {
		return err
	}
	if noChart == "" {
		if err := addChart(f, s, format, below+1); err != nil {
			return err
		}
	}
	return m.writeBreakdowns(f, st, s, len(rows)+3)
}

// writeSectionText writes the indicator's title, definition, direction
// and signals (or why there is no chart) beside its monthly table, and
// returns the row after them.
func (m *Model) writeSectionText(f *excelize.File, st *sheet.Styles, s Section, noChart string) (int, error) {
	ind := s.Indicator
	text := []string{ind.Title, ind.Explained(), "Unit: " + s.Unit + ". " + s.Direction, m.Mode}
	if s.Note != "" {
		text = append(text, "Note: "+s.Note+".")
	}
	text = append(text, "")
	notes := spc.Texts(s.Notes)
	if spc.Signals(s.Notes) == 0 {
		notes = append(notes, noSignal)
	}
	text = append(text, notes...)
	if noChart != "" {
		text = append(text, "", noChart)
	}
	for j, t := range text {
		cell, _ := excelize.CoordinatesToCellName(colText, 1+j)
		if err := f.SetCellValue(s.Sheet, cell, sheet.Escape(t)); err != nil {
			return 0, err
		}
	}
	title, _ := excelize.CoordinatesToCellName(colText, 1)
	return 1 + len(text), boldCell(f, st, s.Sheet, title)
}

// addChart draws the section's monthly figures, mean and process limits
// as a native line chart at the row given, beside the monthly table.
func addChart(f *excelize.File, s Section, format string, row int) error {
	last := 1 + len(s.Trend)
	cell, _ := excelize.CoordinatesToCellName(colText, row)
	lines := []sheet.Line{
		{Name: sheet.Cell(s.Sheet, colValue, 1), Values: sheet.Range(s.Sheet, colValue, 2, last), Markers: true, Color: "1D70B8"},
		{Name: sheet.Cell(s.Sheet, colMean, 1), Values: sheet.Range(s.Sheet, colMean, 2, last), Color: "505A5F"},
		{Name: sheet.Cell(s.Sheet, colLower, 1), Values: sheet.Range(s.Sheet, colLower, 2, last), Dashed: true, Color: "B1B4B6"},
		{Name: sheet.Cell(s.Sheet, colUpper, 1), Values: sheet.Range(s.Sheet, colUpper, 2, last), Dashed: true, Color: "B1B4B6"},
	}
	return sheet.AddLineChart(f, sheet.LineChart{Sheet: s.Sheet, Cell: cell, Title: s.Indicator.Title + " (" + s.MonthUnit + ")",
		Categories: sheet.Range(s.Sheet, 1, 2, last), Format: format, Lines: lines})
}

// writeBreakdowns writes the indicator's breakdowns for the quarter from
// row down: a title, then one table of every breakdown's groups, which
// the breakdown column filters. One table, not one a breakdown, keeps the
// workbook quick to write: each new table costs a pass over all before it.
func (m *Model) writeBreakdowns(f *excelize.File, st *sheet.Styles, s Section, row int) error {
	ind := s.Indicator
	var rows [][]any
	for _, b := range s.Breakdowns {
		for _, g := range b.Groups {
			rows = append(rows, append([]any{b.By, g.Label}, figureCells(ind, g.Shown)...))
		}
	}
	if len(rows) == 0 {
		return nil
	}
	title, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetCellValue(s.Sheet, title, "Breakdowns, "+m.Quarter); err != nil {
		return err
	}
	if err := boldCell(f, st, s.Sheet, title); err != nil {
		return err
	}
	columns := []sheet.Column{{Heading: "Breakdown"}, {Heading: "Group"},
		{Heading: "Value (" + s.Unit + ")"}, {Heading: "Numerator (children counted)", Format: sheet.Count},
		{Heading: "Denominator", Format: sheet.Count}, {Heading: "Status"}}
	return st.WriteTable(sheet.Table{Sheet: s.Sheet, Name: tableName("Breakdowns", ind.ID), Row: row + 1, Columns: columns, Rows: rows})
}

// tableName is a workbook-wide table name from its kind and indicator:
// letters, digits and underscores only.
func tableName(kind, id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, kind+"_"+id)
}

// sheetName keeps sheet names within Excel's 31 characters and unique.
func sheetName(i int, id string) string {
	name := fmt.Sprintf("%02d %s", i+1, id)
	if len(name) > 31 {
		name = name[:31]
	}
	return name
}
