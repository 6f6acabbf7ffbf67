package indicators

import (
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/spc"
)

// stocks are the indicators about the children looked after on the
// period's last day (an ID ending in "_" names every ID it begins), with
// what makes one month's figure much like the last.
var stocks = map[string]string{
	"cla_end":             lookedAfterAtEndText,
	"cla_rate_per_10k":    lookedAfterAtEndText,
	"mothers_in_care":     lookedAfterAtEndText,
	"long_term_stability": lookedAfterAtEndText,
	"placed_":             lookedAfterAtEndText,
	"placements_3plus":    "a share of the children looked after on the period's last day, counting their placements over the 12 months before it",
}

const lookedAfterAtEndText = "a figure for the children looked after on the period's last day"

// Autocorrelated says why the indicator's figure for one month is much
// like its figure for the month before, as "a figure for the children
// looked after on the period's last day" (a stock, or a share over a
// rolling 12 months); "" for a flow (starts, ceases, episodes in the
// period). indicators.md ("Statistical process control") asks for such
// series to be charted with that caveat beside the chart.
func (ind *Indicator) Autocorrelated() string {
	for id, why := range stocks {
		if id == ind.ID || strings.HasSuffix(id, "_") && strings.HasPrefix(ind.ID, id) {
			return why
		}
	}
	return ""
}

// ChartSeries is the indicator's values for periods (oldest first) as a
// series for a control chart: its title, the periods' labels, which way is
// better, and whether the series is autocorrelated. Figures over a rolling
// 12 months are autocorrelated whatever they count.
func ChartSeries(ind *Indicator, periods []calendar.Period, values []Value) spc.Series {
	s := spc.Series{Title: ind.Title, Period: "month", Better: spc.Neither, Autocorrelated: ind.Autocorrelated()}
	switch ind.Direction {
	case HigherIsBetter:
		s.Better = spc.HigherIsBetter
	case LowerIsBetter:
		s.Better = spc.LowerIsBetter
	}
	if len(periods) > 0 {
		switch k := periods[0].Kind; {
		case k.Quarterly():
			s.Period = "quarter"
		case k == calendar.KindCollectionYear:
			s.Period = "year"
		case k == calendar.KindRolling12 && s.Autocorrelated == "":
			s.Autocorrelated = "a figure over the 12 months to the period's end"
		}
	}
	s.Points = make([]spc.Point, len(values))
	for i, v := range values {
		s.Points[i] = spc.Point{Label: periods[i].Label, Value: v.Value, Known: v.Known}
	}
	return s
}
