package pack

import (
	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/present/sheet"
)

// earlyHelpFamily is early help and HAF's family in the Data sheet.
const earlyHelpFamily = "Early help and holiday activities"

// EarlyHelpInput is what the pack's early help and HAF section is made
// from: the indicators of the collection year the quarter ends in and of
// the year before, computed by the caller from the stored files (package
// earlyhelp reads the store, which presentation does not import). The
// pack applies its disclosure policy to them.
type EarlyHelpInput struct {
	// None says why there are no figures, when no early help or HAF file
	// is loaded; the pack then shows the sentence instead of the section.
	None        string
	Now, Before []EarlyHelpFigure // the same indicators, in the same order
}

// EarlyHelpFigure is one early help or HAF indicator's figure for a
// collection year.
type EarlyHelpFigure struct {
	// Indicator holds the indicator's ID, title, definition, unit and
	// direction; it is never computed.
	Indicator *indicators.Indicator
	Value     indicators.Value
	Note      string // why it is not known, or what it leaves out
	// Cell is the figure as a disclosure policy shows it.
	Cell func(disclose.Policy) disclose.Cell
}

// EarlyHelp is the pack's early help and holiday activities section: the
// early help and HAF indicators of the collection year the quarter ends
// in, against the year before. When no files are loaded, None says so and
// there are no rows.
type EarlyHelp struct {
	Year, Before calendar.Period // the collection years
	Note         string          // which collection year the quarter is shown for
	None         string
	Rows         []FrontDoorRow // shaped as the front door's rows
}

// earlyHelpOf makes the section from p.EarlyHelp; nil when the caller
// gave none.
func (p Pack) earlyHelpOf() *EarlyHelp {
	in := p.EarlyHelp
	if in == nil {
		return nil
	}
	y := calendar.YearOf(p.Quarter.End)
	yearly := &indicators.Indicator{Cadence: indicators.Yearly}
	_, note := yearly.PeriodFor(p.Quarter)
	eh := &EarlyHelp{Year: y.Period(), Before: (y - 1).Period(), Note: note, None: in.None}
	if in.None != "" {
		return eh
	}
	for i, f := range in.Now {
		then := in.Before[i]
		row := FrontDoorRow{Indicator: f.Indicator, Note: f.Note,
			NowFigure: p.earlyHelpFigure(f), BeforeFigure: p.earlyHelpFigure(then)}
		row.NowText, row.BeforeText = row.NowFigure.Value.Text(), row.BeforeFigure.Value.Text()
		row.Change = change(f.Indicator, f.Value, then.Value)
		if row.NowFigure.Value.Suppressed() || row.BeforeFigure.Value.Suppressed() {
			row.Change = "not shown" // which way a suppressed count moved says something about it
		}
		eh.Rows = append(eh.Rows, row)
	}
	return eh
}

// earlyHelpFigure is a figure as the pack publishes it: its value, the
// count it is of, and its denominator, each suppressed with it.
func (p Pack) earlyHelpFigure(f EarlyHelpFigure) indicators.Figure {
	policy := p.policy()
	if !f.Value.Known {
		return indicators.Figure{}
	}
	out := indicators.Figure{Value: f.Cell(policy)}
	out.Children, out.Denominator = policy.Count(f.Value.Numerator), policy.Count(f.Value.Denominator)
	if out.Value.Suppressed() {
		out.Children, out.Denominator = out.Children.Hide(out.Value.Why), out.Denominator.Hide(out.Value.Why)
	}
	return out
}

// earlyHelpSheet is the workbook's sheet of early help and HAF.
const earlyHelpSheet = "Early help and HAF"

// earlyHelpTitle is the section's heading.
func (eh *EarlyHelp) earlyHelpTitle() string {
	return "Early help and holiday activities, " + eh.Year.Label
}

// earlyHelpFormat is the number format of an indicator's values: counts
// whole, everything else (shares aside) to one decimal place.
func earlyHelpFormat(ind *indicators.Indicator) string {
	switch ind.Unit {
	case indicators.Children, indicators.Episodes:
		return sheet.Count
	}
	if f := formatOf(ind); f != sheet.Count {
		return f
	}
	return sheet.Rate
}

// writeEarlyHelp writes the early help and HAF sheet: what it is, then
// each indicator for the collection year and the year before, with its
// numerator, denominator and status; or the sentence saying none are
// loaded.
func (m *Model) writeEarlyHelp(f *excelize.File, st *sheet.Styles) error {
	eh := m.EarlyHelp
	intro := [][]any{{eh.earlyHelpTitle()}, {m.Mode}}
	if eh.None != "" {
		intro = append(intro, []any{eh.None})
	} else {
		intro = append(intro, []any{"The early help and Holiday Activities and Food (HAF) indicators, from the partners' files, for the collection year " +
			eh.Year.Label + " (1 April to 31 March) against " + eh.Before.Label + "."})
		if eh.Note != "" {
			intro = append(intro, []any{"The figures are " + eh.Note + "."})
		}
	}
	if err := sheet.WriteRows(f, earlyHelpSheet, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, earlyHelpSheet, "A1"); err != nil {
		return err
	}
	if eh.None != "" {
		return nil
	}
	return writeYearRows(f, st, earlyHelpSheet, "EarlyHelp", eh.Year, eh.Before, eh.Rows, len(intro)+2, earlyHelpCells)
}

// earlyHelpCells are a figure's value, numerator, denominator and status,
// the value in its indicator's format and the denominator given whenever
// the figure has one (sessions per child are over children).
func earlyHelpCells(ind *indicators.Indicator, f indicators.Figure) []any {
	cells := figureCells(ind, f)
	if n, ok := cells[0].(sheet.Number); ok {
		n.Format = earlyHelpFormat(ind)
		cells[0] = n
	}
	if cells[2] == nil && f.Value.Known && f.Denominator.Known && ind.Unit != indicators.Children && ind.Unit != indicators.Episodes {
		cells[2] = countCell(f.Denominator)
	}
	return cells
}

// earlyHelpDataRows are the section's rows of the Data sheet, the year
// before first as for the quarters.
func (m *Model) earlyHelpDataRows() []dataRow {
	eh := m.EarlyHelp
	if eh == nil {
		return nil
	}
	var out []dataRow
	for _, r := range eh.Rows {
		out = append(out,
			dataRow{Indicator: r.Indicator, Family: earlyHelpFamily, Period: eh.Before, Breakdown: "all", Group: "all", Figure: r.BeforeFigure},
			dataRow{Indicator: r.Indicator, Family: earlyHelpFamily, Period: eh.Year, Breakdown: "all", Group: "all", Figure: r.NowFigure})
	}
	return out
}
