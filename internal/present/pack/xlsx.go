package pack

import (
	"fmt"
	"io"
	"strings"

	"github.com/village-uk/village/internal/present/sheet"
)

// WriteXLSX writes the pack as an Excel workbook: the summary, a
// contents sheet, the headline table, and a sheet per indicator that has
// a page.
func (m *Model) WriteXLSX(w io.Writer) error {
	names := []string{"Summary", "Contents", "Headlines"}
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
	contents := [][]any{{m.Title}, {m.Mode}, {}, {"Sheet", "What it shows", "Family"},
		{"Headlines", "Every indicator for the quarter and the same quarter a year earlier"}}
	headlines := [][]any{headlineHeader(m)}
	for _, s := range m.Sections {
		headlines = append(headlines, []any{s.Indicator.Title, s.Indicator.Unit, s.NowText, s.BeforeText, s.Change,
			strings.Join(s.Recent, " "), s.Family})
		if !s.Page {
			continue
		}
		contents = append(contents, []any{s.Sheet, s.Indicator.Title, s.Family})
		if err := sheet.WriteRows(f, s.Sheet, indicatorRows(m, s)); err != nil {
			return err
		}
	}
	if err := sheet.WriteRows(f, "Summary", summaryRows(m)); err != nil {
		return err
	}
	if err := sheet.WriteRows(f, "Contents", contents); err != nil {
		return err
	}
	if err := sheet.WriteRows(f, "Headlines", headlines); err != nil {
		return err
	}
	return f.Write(w)
}

// headlineHeader is the header of the workbook's headline table. The HTML
// pack writes its own, without the Family column: its families head
// groups of rows instead.
func headlineHeader(m *Model) []any {
	return []any{"Indicator", "Unit", m.Quarter, m.YearEarlier + ", a year earlier", "Change",
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

// indicatorRows are one indicator's sheet: its definition, the signals in
// words, the monthly trend and the breakdowns for the quarter.
func indicatorRows(m *Model, s Section) [][]any {
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
	return rows
}
