package pack

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the pack as an Excel workbook: a contents sheet, the
// headline table, and a sheet per indicator.
func (m *Model) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Contents"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Headlines"); err != nil { // second, before the indicators' sheets
		return err
	}
	contents := [][]any{{m.Title}, {m.Mode}, {}, {"Sheet", "What it shows", "Family"},
		{"Headlines", "Every indicator for the quarter and the same quarter a year earlier"}}
	headlines := [][]any{headlineHeader(m)}
	for _, s := range m.Sections {
		contents = append(contents, []any{s.Sheet, s.Indicator.Title, s.Family})
		headlines = append(headlines, []any{s.Indicator.Title, s.Indicator.Unit, s.NowText, s.BeforeText, s.Change,
			strings.Join(s.Recent, " "), s.Family})
		if err := indicatorSheet(f, m, s); err != nil {
			return err
		}
	}
	if err := writeRows(f, "Contents", contents); err != nil {
		return err
	}
	if err := writeRows(f, "Headlines", headlines); err != nil {
		return err
	}
	return f.Write(w)
}

// headlineHeader is the headline table's header, the same in both forms.
func headlineHeader(m *Model) []any {
	return []any{"Indicator", "Unit", m.Quarter, m.YearEarlier + " (a year earlier)", "Change",
		fmt.Sprintf("Signals in the last %d months", m.Recent), "Family"}
}

// sheetName keeps sheet names within Excel's 31 characters and unique.
func sheetName(i int, id string) string {
	name := fmt.Sprintf("%02d %s", i+1, id)
	if len(name) > 31 {
		name = name[:31]
	}
	return name
}

// indicatorSheet writes one indicator: its definition, the signals in
// words, the monthly trend and the breakdowns for the quarter.
func indicatorSheet(f *excelize.File, m *Model, s Section) error {
	if _, err := f.NewSheet(s.Sheet); err != nil {
		return err
	}
	ind := s.Indicator
	rows := [][]any{{ind.Title}, {ind.Definition}, {"Unit: " + ind.Unit + ". " + s.Direction}, {}}
	notes := s.Notes
	if len(notes) == 0 {
		notes = []string{noSignal}
	}
	for _, n := range notes {
		rows = append(rows, []any{n})
	}
	rows = append(rows, []any{}, []any{"Month", ind.Unit})
	for _, t := range s.Trend {
		rows = append(rows, []any{t.Label, t.Text})
	}
	for _, b := range s.Breakdowns {
		rows = append(rows, []any{}, []any{"By " + b.By + ", " + m.Quarter, ind.Unit})
		for _, g := range b.Groups {
			rows = append(rows, []any{g.Label, g.Text})
		}
	}
	return writeRows(f, s.Sheet, rows)
}

// writeRows writes rows from A1 down, escaping text that a spreadsheet
// would take as a formula.
func writeRows(f *excelize.File, sheet string, rows [][]any) error {
	for i, row := range rows {
		for j, v := range row {
			if s, ok := v.(string); ok && s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
				row[j] = "'" + s
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}
