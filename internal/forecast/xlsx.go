package forecast

import (
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/village-uk/village/internal/present/sheet"
)

// WriteXLSX writes the forecast as an Excel workbook with a sheet per
// view: about, children by category, by age, spend in total and by
// placement type, the scenario beside the baseline, the backtest, its
// calibration, the rates and the costs. Series are long
// tables (one row a month) so that a finance officer can filter and chart
// them; history rows have the observed figure, projected rows the median
// and intervals.
func (res *Result) WriteXLSX(w io.Writer) error {
	return sheet.WriteWorkbook(w,
		sheet.Rows{Name: "About", Rows: res.aboutRows()},
		sheet.Rows{Name: "By category", Rows: seriesRows(slices.Concat(res.Baseline.ByCategory, []Series{res.Baseline.Total}))},
		sheet.Rows{Name: "By age", Rows: seriesRows(slices.Concat(res.Baseline.ByBand, []Series{res.Baseline.Total}))},
		sheet.Rows{Name: "Entries", Rows: seriesRows([]Series{res.Baseline.Entries})},
		sheet.Rows{Name: "Spend", Rows: spendRows(res.Baseline.Spend, "Spend (£)")},
		sheet.Rows{Name: "Spend by placement", Rows: spendByCategoryRows(res.Baseline.SpendByCategory, res.Baseline.Spend, "spend (£)")},
		sheet.Rows{Name: "Scenario", Rows: res.scenarioRows()},
		sheet.Rows{Name: "Backtest", Rows: res.backtestRows()},
		sheet.Rows{Name: "Calibration", Rows: res.calibrationRows()},
		sheet.Rows{Name: "Rates", Rows: res.rateRows()},
		sheet.Rows{Name: "Costs", Rows: res.costRows()},
	)
}

func (res *Result) aboutRows() [][]any {
	rows := [][]any{
		{"Forecast of children looked after and their cost"},
		{},
		{"Projection starts after", res.Start},
		{"Months projected", res.Months},
		{"Reference window", res.WindowFrom + " to " + res.WindowTo},
		{"Simulations", res.Simulations},
		{"Seed", res.Seed},
		{"Children looked after at the start", res.LookedAfter},
		{"Entry rates", map[bool]string{true: "per child in the population (ONS mid-year estimates)", false: "a number a month (no population file)"}[res.PopulationBased]},
		{"Inflation a year", res.Inflation},
		{},
		{"Every projected figure is the median of the simulations with its 50% (25th to 75th percentile) and 90% (5th to 95th) intervals."},
		{"The method is explained in internal/forecast/METHOD.md of Village."},
	}
	for _, n := range res.Notes {
		rows = append(rows, []any{n})
	}
	return rows
}

var intervalHeader = []any{"5th percentile", "25th percentile", "median", "75th percentile", "95th percentile"}

func seriesRows(list []Series) [][]any {
	rows := [][]any{append([]any{"series", "month end", "observed"}, intervalHeader...)}
	for _, s := range list {
		for _, p := range s.History {
			rows = append(rows, []any{s.Label, p.Date, p.Value})
		}
		for _, iv := range s.Forecast {
			rows = append(rows, []any{s.Label, iv.Date, nil, round1(iv.P5), round1(iv.P25), round1(iv.Median), round1(iv.P75), round1(iv.P95)})
		}
	}
	return rows
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func spendRows(list []YearSpend, what string) [][]any {
	rows := [][]any{append(append([]any{"financial year", "months projected"}, intervalHeader...), "mean")}
	rows[0][0] = "financial year: " + what
	for _, y := range list {
		rows = append(rows, append([]any{y.Year, y.Months}, spendCells(y)...))
	}
	return rows
}

// spendCells are a year's spend quantiles and mean, to the pound.
func spendCells(y YearSpend) []any {
	return []any{math.Round(y.P5), math.Round(y.P25), math.Round(y.Median), math.Round(y.P75), math.Round(y.P95), math.Round(y.Mean)}
}

// spendByCategoryRows is a long table of spend by placement type and
// financial year, with the total's rows last: the means of a year's
// categories add up to the total's mean; their medians need not.
func spendByCategoryRows(byCategory []CategorySpend, total []YearSpend, what string) [][]any {
	rows := [][]any{
		{"The mean of each year's placement types adds up to the total's mean; medians and percentiles do not add up."},
		append(append([]any{"placement type", "financial year", "months projected"}, intervalHeader...), "mean"),
	}
	rows[1][0] = "placement type: " + what
	for _, cs := range byCategory {
		for _, y := range cs.Years {
			rows = append(rows, append([]any{cs.Label, y.Year, y.Months}, spendCells(y)...))
		}
	}
	for _, y := range total {
		rows = append(rows, append([]any{"Total", y.Year, y.Months}, spendCells(y)...))
	}
	return rows
}

func (res *Result) scenarioRows() [][]any {
	c := res.Scenario
	if c == nil {
		return [][]any{{"No scenario: run village forecast --scenario FILE.yaml --out FILE.xlsx to compare one with the baseline."}}
	}
	sc := c.Scenario
	rows := [][]any{
		{"Scenario", sc.Name}, {"From", c.From},
		{"Entry rate change (%)", sc.EntryChangePercent},
	}
	for b := range Band(Bands) {
		if pct, ok := sc.EntryChangeByBand[b]; ok {
			rows = append(rows, []any{"Entry rate change, aged " + b.Label() + " (%)", pct})
		}
	}
	rows = append(rows,
		[]any{"Share of children in children's homes stepped down a year", sc.StepDownShare},
		[]any{"Stepped down to", sc.StepDownTo.Label()},
		[]any{"Change in permanence exits (%)", sc.PermanenceChangePercent})
	for cat := range Category(Categories) {
		if pct, ok := sc.UnitCostChange[cat]; ok && pct != 0 {
			rows = append(rows, []any{"Unit cost change, " + cat.Label() + " (%)", pct})
		}
	}
	for _, rc := range sc.Rates {
		rows = append(rows, []any{"Change of rates", rc.Describe()})
	}
	rows = append(rows, []any{}, []any{"series", "month end", "baseline median", "scenario median", "difference median", "difference 5th percentile", "difference 95th percentile"})
	add := func(b, s, d Series) {
		for m := range b.Forecast {
			rows = append(rows, []any{b.Label, b.Forecast[m].Date, round1(b.Forecast[m].Median), round1(s.Forecast[m].Median),
				round1(d.Forecast[m].Median), round1(d.Forecast[m].P5), round1(d.Forecast[m].P95)})
		}
	}
	add(res.Baseline.Total, c.Projection.Total, c.Difference.Total)
	for i := range res.Baseline.ByCategory {
		add(res.Baseline.ByCategory[i], c.Projection.ByCategory[i], c.Difference.ByCategory[i])
	}
	rows = append(rows, []any{}, []any{"financial year", "baseline spend median (£)", "scenario spend median (£)", "difference median (£)", "difference 5th percentile", "difference 95th percentile", "difference mean"})
	for i, y := range res.Baseline.Spend {
		s, d := c.Projection.Spend[i], c.Difference.Spend[i]
		rows = append(rows, []any{y.Year, math.Round(y.Median), math.Round(s.Median), math.Round(d.Median), math.Round(d.P5), math.Round(d.P95), math.Round(d.Mean)})
	}
	rows = append(rows, []any{}, []any{"placement type", "financial year", "baseline spend mean (£)", "scenario spend mean (£)", "difference mean (£)", "difference 5th percentile", "difference 95th percentile"})
	for i, b := range res.Baseline.SpendByCategory {
		for y, by := range b.Years {
			s, d := c.Projection.SpendByCategory[i].Years[y], c.Difference.SpendByCategory[i].Years[y]
			rows = append(rows, []any{b.Label, by.Year, math.Round(by.Mean), math.Round(s.Mean), math.Round(d.Mean), math.Round(d.P5), math.Round(d.P95)})
		}
	}
	return rows
}

func (res *Result) backtestRows() [][]any {
	bt := res.Backtest
	if bt == nil {
		return [][]any{{"No backtest was run."}}
	}
	s := bt.Summary
	rows := [][]any{
		{"Fitted", bt.fitted()},
		{"Months compared after each cut-off", bt.Months},
		{"Errors are weighted by children: the absolute error summed over the series and months ÷ the children summed, over every cut-off."},
		{"Error, model (%)", round1(s.ModelMAPE)},
		{"Error, no change (%)", round1(s.NoChangeMAPE)},
		{fmt.Sprintf("Error, straight line over %d months (%%)", bt.TrendFrom), round1(s.TrendMAPE)},
		{"Share of children counted inside the 90% interval", s.Coverage90},
		{"Share of children counted inside the 50% interval", s.Coverage50},
		{fmt.Sprintf("Summary over %d series: the total and categories averaging %.0f or more children", s.Series, s.MinChildren)},
	}
	verdicts := bt.Verdicts()
	rows = append(rows, []any{Headline(verdicts)})
	for _, v := range verdicts {
		rows = append(rows, []any{v.Sentence()})
	}
	rows = append(rows, [][]any{
		{},
		{"series", "in summary", "mean children", "model error (%)", "no change error (%)", "straight line error (%)", "months inside 90% interval", "months inside 50% interval"},
	}...)
	for _, sr := range bt.Series {
		rows = append(rows, []any{sr.Label, sr.Included, round1(sr.MeanActual), round1(sr.ModelMAPE), round1(sr.NoChangeMAPE), round1(sr.TrendMAPE), sr.Coverage90, sr.Coverage50})
	}
	rows = append(rows, []any{}, []any{"cut-off", "series", "month end", "actual", "model median", "5th percentile", "25th percentile", "75th percentile", "95th percentile", "no change", "straight line"})
	for _, c := range bt.Cuts {
		for _, sr := range c.Series {
			for _, p := range sr.Points {
				rows = append(rows, []any{c.Cut, sr.Label, p.Date, p.Actual, round1(p.Median), round1(p.P5), round1(p.P25), round1(p.P75), round1(p.P95), p.NoChange, round1(p.Trend)})
			}
		}
	}
	return rows
}

// calibrationRows are the backtest's calibration: for each cut-off and
// over all of them, how often the truth fell inside the 50% and 90%
// intervals beside their nominal 50% and 90%, and the errors.
func (res *Result) calibrationRows() [][]any {
	bt := res.Backtest
	if bt == nil {
		return [][]any{{"No backtest was run."}}
	}
	rows := [][]any{
		{"Calibration: an interval is honest when it holds the truth as often as it says. Coverage is the share of the children counted " +
			"(the total and each category in the summary, every month) whose series' truth fell inside the interval; errors are weighted by children."},
		{"cut-off", "fitted from", "fitted to", "months", "series", "inside 50% interval", "nominal 50%", "inside 90% interval", "nominal 90%",
			"model error (%)", "no change error (%)", "straight line error (%)"},
	}
	row := func(name, from, to string, months int, s BacktestSummary) []any {
		return []any{name, from, to, months, s.Series, s.Coverage50, 0.5, s.Coverage90, 0.9, round1(s.ModelMAPE), round1(s.NoChangeMAPE), round1(s.TrendMAPE)}
	}
	for _, c := range bt.Cuts {
		rows = append(rows, row(c.Cut, c.WindowFrom, c.WindowTo, bt.Months, c.Summary))
	}
	return append(rows, row("all cut-offs", "", "", bt.Months*len(bt.Cuts), bt.Summary))
}

func (res *Result) rateRows() [][]any {
	unit := "child-months in care"
	rows := [][]any{{"Rates are events ÷ exposure, a month. Entries: per child-month of the population aged in the band."}}
	if !res.PopulationBased {
		rows[0][0] = "Rates are events ÷ exposure, a month. Entries: a number a month (no population file)."
	}
	rows = append(rows, []any{"kind", "age band", "time in care", "from", "to", "events", "exposure (" + unit + ")", "rate a month", "standard error"})
	for _, r := range res.Rates {
		kind := r.Kind
		if r.Stream != "" {
			kind = r.Stream + " " + kind
		}
		rows = append(rows, []any{kind, r.Band, r.Duration, r.From, r.To, r.Events, round1(r.Exposure), r.Rate, r.SE})
	}
	return rows
}

func (res *Result) costRows() [][]any {
	rows := [][]any{
		{fmt.Sprintf("Weekly costs, uplifted by %.1f%% a year from the year of their prices. Replace them with local figures: village forecast --write-costs costs.csv, edit, then --costs costs.csv.", res.Inflation*100)},
		{"category", "weekly cost (£)", "prices of", "source"},
	}
	for _, c := range res.Costs {
		rows = append(rows, []any{c.Key, c.Weekly, c.YearText, c.Source})
	}
	return rows
}
