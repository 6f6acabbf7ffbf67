package pack

import (
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/spc"
)

// Statuses of a figure in the workbook, beside the empty cell of one not
// shown.
const (
	statusShown      = "shown"
	statusSuppressed = "suppressed"
	statusNotKnown   = "not known"
)

// status says whether a figure is shown, suppressed or not known, as the
// disclosure policy decided.
func status(c disclose.Cell) string {
	switch {
	case !c.Known:
		return statusNotKnown
	case c.Suppressed():
		return statusSuppressed
	}
	return statusShown
}

// whyNoChart says why a section has no control chart, or "" when it has
// one: none when no month's figure is known, and none in the publishable
// pack when any month is suppressed, since its points and limits would
// show the suppressed figures. The HTML pack and the workbook both ask it.
func whyNoChart(m *Model, s Section) string {
	known := 0
	for _, v := range s.Series {
		if v.Known {
			known++
		}
	}
	switch {
	case known == 0:
		return "No figure of the trend can be computed (x), so there is no chart."
	case m.Publishable && s.Hidden > 0:
		return fmt.Sprintf("The control chart is left out of the publishable pack: %d of the %d points are suppressed "+
			"(counts of 1 to 5, or figures that would reveal one), which its points and limits would show.", s.Hidden, len(s.Trend))
	}
	return ""
}

// controlChart is the section's control chart as the page draws it: over
// the periods whose figure is known, read the same way (indicators.ChartSeries).
func controlChart(s Section) *spc.Chart {
	return indicators.ChartSeries(s.Indicator, s.Months, s.Series).Read().Chart
}

// dataRow is one row of the workbook's long-format Data sheet: one
// indicator for one period and one group of a breakdown.
type dataRow struct {
	Indicator *indicators.Indicator
	Family    string
	Period    calendar.Period
	Breakdown string // "all" for the whole authority
	Group     string // "all" for the whole authority
	Figure    indicators.Figure
}

// dataRows are the rows of the Data sheet: for each indicator its trend's
// months, the quarter and a year earlier, then the quarter by each
// breakdown.
func dataRows(m *Model) []dataRow {
	var out []dataRow
	for i := range m.Sections {
		s := &m.Sections[i]
		row := func(p calendar.Period, by, group string, f indicators.Figure) dataRow {
			return dataRow{Indicator: s.Indicator, Family: s.Family, Period: p, Breakdown: by, Group: group, Figure: f}
		}
		for j, t := range s.Trend {
			out = append(out, row(s.Months[j], "all", "all", t.Shown))
		}
		out = append(out, row(m.Earlier, "all", "all", s.BeforeFigure), row(m.Period, "all", "all", s.NowFigure))
		for _, b := range s.Breakdowns {
			for _, g := range b.Groups {
				out = append(out, row(m.Period, b.By, g.Label, g.Shown))
			}
		}
	}
	if fd := m.FrontDoor; fd != nil {
		// The front door's figures are for collection years, the year
		// before first as for the quarters.
		for _, r := range fd.Rows {
			out = append(out,
				dataRow{Indicator: r.Indicator, Family: frontDoorFamily, Period: fd.Before, Breakdown: "all", Group: "all", Figure: r.BeforeFigure},
				dataRow{Indicator: r.Indicator, Family: frontDoorFamily, Period: fd.Year, Breakdown: "all", Group: "all", Figure: r.NowFigure})
		}
	}
	out = append(out, m.earlyHelpDataRows()...)
	return out
}
