// Package report writes a validation report as CSV, JSON or an Excel
// workbook, one row per failure, for analysts to work through child by
// child.
package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/present/sheet"
	"github.com/village-uk/village/validate"
)

// Write writes rep in the format named by the file name's extension:
// .csv, .json or .xlsx.
func Write(w io.Writer, name string, rep *validate.Report, la string) error {
	return WriteSummarised(w, name, rep, rep.Summarise(), la)
}

// WriteSummarised is Write given the report's summary, s, for a caller
// that has it already: a messy return's summary is worth counting once.
func WriteSummarised(w io.Writer, name string, rep *validate.Report, s validate.Summary, la string) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return WriteCSV(w, rep)
	case ".json":
		return writeJSON(w, rep, s, la)
	case ".xlsx":
		return writeXLSX(w, rep, s)
	}
	return fmt.Errorf("%s: cannot tell the report's format; expected a name ending .csv, .json or .xlsx", name)
}

// failureHeader is the columns of the one-row-per-failure listing.
// file and line say where the row is as the file has it (the header on
// line 1), as "village read" does; row is the 1-based data row, kept for
// tools that used it before file and line were given.
var failureHeader = []string{"rule", "origin", "message", "table", "year", "file", "line", "row", "child", "fields", "explanation"}

func failureRow(rep *validate.Report, f validate.Failure) []string {
	row := make([]string, len(failureHeader))
	fillFailureRow(row, rep, &f)
	return row
}

// fillFailureRow fills row, of failureHeader's length, with f's values.
func fillFailureRow(row []string, rep *validate.Report, f *validate.Failure) {
	line := ""
	if f.Line > 0 {
		line = strconv.Itoa(f.Line)
	}
	row[0], row[1], row[2], row[3], row[4] = f.Rule.Code, f.Rule.Origin.String(), f.Rule.Message, string(f.Table), failureYear(rep, *f).String()
	row[5], row[6], row[7], row[8], row[9], row[10] = f.File, line, strconv.Itoa(f.Row), f.Child, fields(f.Fields), f.Explanation
}

// failureYear is the collection year of the return a failure's row is in.
func failureYear(rep *validate.Report, f validate.Failure) calendar.Year {
	if f.Last {
		return rep.Year - 1
	}
	return rep.Year
}

// fields writes "DECOM=01/04/2025; DEC=" for a failure's fields.
func fields(fs []validate.FieldValue) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Name + "=" + f.Value
	}
	return strings.Join(parts, "; ")
}

// WriteCSV writes one row per failure, as it goes.
func WriteCSV(w io.Writer, rep *validate.Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(failureHeader); err != nil {
		return err
	}
	row := make([]string, len(failureHeader))
	for i := range rep.Failures {
		fillFailureRow(row, rep, &rep.Failures[i])
		for j, v := range row {
			row[j] = sheet.Escape(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes a workbook with a sheet of errors (one row per
// failure), a sheet per child, a sheet per rule and a sheet of the rules
// that were skipped and why.
func WriteXLSX(w io.Writer, rep *validate.Report) error { return writeXLSX(w, rep, rep.Summarise()) }

func writeXLSX(w io.Writer, rep *validate.Report, s validate.Summary) error {
	sheets := []struct {
		name string
		rows func(add func(...any) error) error
	}{
		{"Errors", func(add func(...any) error) error {
			if err := add(anyRow(failureHeader)...); err != nil {
				return err
			}
			for _, fl := range rep.Failures {
				row := failureRow(rep, fl)
				var line any = ""
				if fl.Line > 0 {
					line = fl.Line
				}
				if err := add(sheet.Escape(row[0]), row[1], sheet.Escape(row[2]), row[3], row[4], sheet.Escape(row[5]), line, fl.Row,
					sheet.Escape(row[8]), sheet.Escape(row[9]), sheet.Escape(row[10])); err != nil {
					return err
				}
			}
			return nil
		}},
		{"By child", func(add func(...any) error) error {
			if err := add("child", "failures", "rules"); err != nil {
				return err
			}
			for _, c := range s.ByChild {
				if err := add(sheet.Escape(c.Child), c.Failures, strings.Join(c.Rules, ", ")); err != nil {
					return err
				}
			}
			return nil
		}},
		{"By rule", func(add func(...any) error) error {
			if err := add("rule", "origin", "message", "failures", "children"); err != nil {
				return err
			}
			for _, r := range s.ByRule {
				if err := add(r.Rule.Code, r.Rule.Origin.String(), sheet.Escape(r.Rule.Message), r.Failures, r.Children); err != nil {
					return err
				}
			}
			return nil
		}},
		{"Skipped", func(add func(...any) error) error {
			if err := add("rule", "message", "reason"); err != nil {
				return err
			}
			for _, sk := range rep.Skipped {
				if err := add(sk.Rule.Code, sheet.Escape(sk.Rule.Message), sk.Reason); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	names := make([]string, len(sheets))
	for i, sh := range sheets {
		names[i] = sh.name
	}
	f, err := sheet.New(names...)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, sh := range sheets {
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		n := 0
		add := func(values ...any) error {
			n++
			cell, _ := excelize.CoordinatesToCellName(1, n)
			return sw.SetRow(cell, values)
		}
		if err := sh.rows(add); err != nil {
			return err
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func anyRow(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
