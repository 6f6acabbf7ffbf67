// Package sheet holds what Village's Excel workbooks share: a new
// workbook with named sheets, escaping text that a spreadsheet would take
// for a formula, and writing a sheet's rows. The forecast, the pack, the
// validation report and the synthetic Ofsted list are workbooks.
package sheet

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// New returns a workbook with sheets of the given names, in that order;
// the first takes the place of the empty sheet every new workbook has.
// The caller closes it.
func New(names ...string) (*excelize.File, error) {
	f := excelize.NewFile()
	for i, name := range names {
		var err error
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
	}
	return f, nil
}

// Escape makes text safe to open in a spreadsheet: a cell that starts with
// = + - @ (or a tab or carriage return) would be read as a formula, so it
// gets a leading apostrophe, which spreadsheets show as text.
func Escape(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteRows writes rows to the named sheet from A1 down, one slice a row,
// escaping every text value in place (see Escape). Numbers, dates and
// other values are written as they are; nil leaves a cell empty.
func WriteRows(f *excelize.File, sheet string, rows [][]any) error {
	return writeRowsAt(f, sheet, 1, rows)
}

// writeRowsAt is WriteRows from row first down.
func writeRowsAt(f *excelize.File, sheet string, first int, rows [][]any) error {
	for i, row := range rows {
		for j, v := range row {
			if s, ok := v.(string); ok {
				row[j] = Escape(s)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, first+i)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}

// Rows is one sheet of a plain workbook: its name and its rows, the first
// its headings.
type Rows struct {
	Name string
	Rows [][]any
}

// WriteWorkbook writes a workbook of the sheets, in their order, each
// holding its rows as WriteRows writes them, to w.
func WriteWorkbook(w io.Writer, sheets ...Rows) error {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.Name
	}
	f, err := New(names...)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, s := range sheets {
		if err := WriteRows(f, s.Name, s.Rows); err != nil {
			return fmt.Errorf("sheet %s: %w", s.Name, err)
		}
	}
	return f.Write(w)
}
