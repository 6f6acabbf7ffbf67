package pack

import (
	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/sheet"
)

// frontDoorFamily is the front door's family in the Data sheet.
const frontDoorFamily = "Front door (children in need census)"

// FrontDoor is the pack's front door: the children in need indicators
// for the collection year the quarter ends in, against the year before,
// from the CIN censuses.
type FrontDoor struct {
	Year, Before calendar.Period // the collection years
	Note         string          // which collection year the quarter is shown for
	Rows         []FrontDoorRow
}

// FrontDoorRow is one CIN indicator of the front door.
type FrontDoorRow struct {
	// Indicator holds the CIN indicator's ID, title, definition, unit and
	// direction in the form the workbook formats figures by; it is never
	// computed.
	Indicator           *indicators.Indicator
	NowText, BeforeText string // as shown: exact, suppressed (c) or not known (x)
	Change              string
	Note                string // why the year's figure is not known, or what it leaves out
	// NowFigure and BeforeFigure are the figures as published, for the
	// workbook.
	NowFigure, BeforeFigure indicators.Figure
}

// frontDoorOf computes the front door of the collection year the
// quarter ends in; nil when no CIN census is loaded.
func (p Pack) frontDoorOf() *FrontDoor {
	if p.Front == nil || p.Front.First == 0 {
		return nil
	}
	y := calendar.YearOf(p.Quarter.End)
	yearly := &indicators.Indicator{Cadence: indicators.Yearly}
	_, note := yearly.PeriodFor(p.Quarter)
	fd := &FrontDoor{Year: y.Period(), Before: (y - 1).Period(), Note: note}
	now, then := cinind.ComputeAll(p.cinInput(p.Front, y)), cinind.ComputeAll(p.cinInput(p.Front, y-1))
	for i, f := range now {
		ind := &indicators.Indicator{ID: f.Indicator.ID, Title: f.Indicator.Title, Definition: f.Indicator.Definition,
			Unit: f.Indicator.Unit, Direction: f.Indicator.Direction, Cadence: indicators.Yearly}
		row := FrontDoorRow{Indicator: ind, Note: f.Note,
			NowFigure: p.cinFigure(f), BeforeFigure: p.cinFigure(then[i])}
		row.NowText, row.BeforeText = row.NowFigure.Value.Text(), row.BeforeFigure.Value.Text()
		row.Change = change(ind, f.Value, then[i].Value)
		if row.NowFigure.Value.Suppressed() || row.BeforeFigure.Value.Suppressed() {
			row.Change = "not shown" // which way a suppressed count moved says something about it
		}
		fd.Rows = append(fd.Rows, row)
	}
	return fd
}

// cinInput is what the CIN indicators of year y are computed from.
func (p Pack) cinInput(front *frontdoor.Set, y calendar.Year) cinind.Input {
	return cinind.Input{Year: y, Front: front, Care: p.Set, Population: p.Population}
}

// cinFigure is a CIN figure as the pack publishes it: its value, the
// count it is of, and its denominator, each suppressed with it.
func (p Pack) cinFigure(f cinind.Figure) indicators.Figure {
	policy := p.policy()
	out := indicators.Figure{Value: f.Cell(policy)}
	if !f.Value.Known {
		return out
	}
	out.Children, out.Denominator = policy.Count(f.Value.Numerator), policy.Count(f.Value.Denominator)
	if out.Value.Suppressed() {
		out.Children, out.Denominator = out.Children.Hide(out.Value.Why), out.Denominator.Hide(out.Value.Why)
	}
	return out
}

// frontDoorSheet is the workbook's sheet of the front door.
const frontDoorSheet = "Front door"

// writeFrontDoor writes the front door's sheet: what it is, then each
// CIN indicator for the collection year and the year before, with its
// numerator, denominator and status, as the Headlines sheet has them.
func (m *Model) writeFrontDoor(f *excelize.File, st *sheet.Styles) error {
	fd := m.FrontDoor
	intro := [][]any{{"The front door: children in need, " + fd.Year.Label}, {m.Mode},
		{"The children in need indicators, from the CIN census, for the collection year " + fd.Year.Label +
			" (1 April to 31 March) against " + fd.Before.Label + "."}}
	if fd.Note != "" {
		intro = append(intro, []any{"The figures are " + fd.Note + "."})
	}
	if err := sheet.WriteRows(f, frontDoorSheet, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, frontDoorSheet, "A1"); err != nil {
		return err
	}
	return writeYearRows(f, st, frontDoorSheet, "FrontDoor", fd.Year, fd.Before, fd.Rows, len(intro)+2, figureCells)
}

// writeYearRows writes, from row first of a sheet, the table of a
// section's indicators for a collection year and the year before: each
// with its figures as shown, change and note, then their numerators,
// denominators and statuses (cells gives a figure's value, numerator,
// denominator and status) and its definition.
func writeYearRows(f *excelize.File, st *sheet.Styles, name, table string, year, before calendar.Period, rows []FrontDoorRow, first int,
	cells func(*indicators.Indicator, indicators.Figure) []any) error {
	var out [][]any
	for _, r := range rows {
		ind := r.Indicator
		now, then := cells(ind, r.NowFigure), cells(ind, r.BeforeFigure)
		out = append(out, []any{ind.Title, ind.Unit, now[0], then[0], r.Change, r.Note, ind.ID,
			now[1], now[2], now[3], then[1], then[2], then[3], ind.Definition})
	}
	columns := []sheet.Column{{Heading: "Indicator", Width: 50}, {Heading: "Unit", Width: 14},
		{Heading: year.Label, Width: 14}, {Heading: before.Label + ", the year before", Width: 18},
		{Heading: "Change", Width: 14}, {Heading: "Note", Width: 40}, {Heading: "ID", Width: 28},
		{Heading: "Numerator", Format: sheet.Count}, {Heading: "Denominator", Format: sheet.Count}, {Heading: "Status"},
		{Heading: "Numerator, the year before", Format: sheet.Count}, {Heading: "Denominator, the year before", Format: sheet.Count},
		{Heading: "Status, the year before"}, {Heading: "Definition", Width: 80}}
	if err := st.WriteTable(sheet.Table{Sheet: name, Name: table, Row: first, Columns: columns, Rows: out}); err != nil {
		return err
	}
	return sheet.Freeze(f, name, first)
}
