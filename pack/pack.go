// Package pack builds the quarterly looked-after-children seminar pack: a
// workbook with a contents sheet, the headline table, and a sheet per
// indicator with its monthly trend, its control-chart signals in words and
// its breakdowns, replacing the hand-built Excel packs.
package pack

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/indicators"
	"github.com/village-uk/village/journey"
	"github.com/village-uk/village/spc"
)

// Pack is what a pack reports on.
type Pack struct {
	Set         *journey.Set
	Population  indicators.Population
	Quarter     indicators.Period // the quarter the pack is for
	Publishable bool              // suppress counts of 1 to 5, as for circulation outside the analysts
}

// trendMonths is how many months each indicator's trend covers; the
// headline table notes the signals that reach into the last recentMonths,
// and each indicator's sheet all of them.
const (
	trendMonths  = 36
	recentMonths = 12
)

// WriteXLSX writes the pack as an Excel workbook.
func (p Pack) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Contents"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Headlines"); err != nil { // second, before the indicators' sheets
		return err
	}
	months := indicators.Months(indicators.Period{Start: p.Quarter.End.AddYears(-3).AddDays(1)}, p.Quarter)
	mode := "Exact figures, for analysts: not for publication."
	if p.Publishable {
		mode = "Publishable: counts of 1 to 5, and figures derived from them, are suppressed (c)."
	}
	contents := [][]any{{"Looked-after children: quarterly pack, " + p.Quarter.Label}, {mode}, {}, {"Sheet", "What it shows"},
		{"Headlines", "Every indicator for the quarter and the same quarter a year earlier"}}
	headlines := [][]any{{"Indicator", "Unit", p.Quarter.Label, "A year earlier", "Signals in the last " + fmt.Sprint(recentMonths) + " months"}}
	before := indicators.Period{Start: p.Quarter.Start.AddYears(-1), End: p.Quarter.End.AddYears(-1)}
	for i, ind := range indicators.All() {
		sheet := sheetName(i, ind.ID)
		contents = append(contents, []any{sheet, ind.Title})
		series := indicators.Series(ind, p.Set, p.Population, months)
		notes := signalNotes(ind, months, series, 0)
		recent := signalNotes(ind, months, series, len(months)-recentMonths)
		headlines = append(headlines, []any{ind.Title, ind.Unit, p.show(ind, ind.Compute(p.Set, p.Quarter, p.Population)),
			p.show(ind, ind.Compute(p.Set, before, p.Population)), strings.Join(recent, " ")})
		if err := p.indicatorSheet(f, sheet, ind, months, series, notes); err != nil {
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

func (p Pack) show(ind *indicators.Indicator, v indicators.Value) string {
	if p.Publishable {
		return indicators.Publishable(ind, v)
	}
	return indicators.Exact(ind, v)
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
func (p Pack) indicatorSheet(f *excelize.File, sheet string, ind *indicators.Indicator, months []indicators.Period,
	series []indicators.Value, notes []string) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	rows := [][]any{{ind.Title}, {ind.Definition}, {"Unit: " + ind.Unit}, {}}
	if len(notes) == 0 {
		notes = []string{"No special-cause signal: the monthly figures vary within their usual range."}
	}
	for _, n := range notes {
		rows = append(rows, []any{n})
	}
	rows = append(rows, []any{}, []any{"Month", ind.Unit})
	for i, v := range series {
		rows = append(rows, []any{months[i].Label, p.show(ind, v)})
	}
	for _, by := range []indicators.By{indicators.ByAge, indicators.BySex, indicators.ByUASC} {
		rows = append(rows, []any{}, []any{"By " + by.String() + ", " + p.Quarter.Label, ind.Unit})
		for _, g := range indicators.Breakdown(ind, p.Set, p.Quarter, p.Population, by) {
			rows = append(rows, []any{g.Label, p.show(ind, g.Value)})
		}
	}
	return writeRows(f, sheet, rows)
}

// signalNotes describes the control chart's special causes in words,
// leaving out those that ended before month since.
func signalNotes(ind *indicators.Indicator, months []indicators.Period, series []indicators.Value, since int) []string {
	points := make([]spc.Point, len(series))
	for i, v := range series {
		points[i] = spc.Point{Label: months[i].Label, Value: v.Value, Known: v.Known}
	}
	return spc.Notes(ind.Title, "months", points, since)
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
