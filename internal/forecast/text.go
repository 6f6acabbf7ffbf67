package forecast

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// YearEnds returns the indexes of the projected months a year apart from
// the start (each 12th month), ending with the last, for tables that show
// a projection a year at a time.
func YearEnds(months int) []int {
	var out []int
	for m := 11; m < months; m += 12 {
		out = append(out, m)
	}
	if len(out) == 0 || out[len(out)-1] != months-1 {
		out = append(out, months-1)
	}
	return out
}

// long writes a Result's YYYY-MM-DD date as readers see dates: "31 March
// 2026" (calendar.Date.Long).
func long(iso string) string {
	d, ok := ParseDate(iso)
	if !ok {
		return iso
	}
	return d.Long()
}

// count writes a projected count as median (90% interval).
func count(iv Interval) string {
	return fmt.Sprintf("%.0f (%.0f–%.0f)", iv.Median, iv.P5, iv.P95)
}

// signed writes a projected difference with its sign.
func signed(iv Interval) string {
	return fmt.Sprintf("%+.0f (%+.0f to %+.0f)", iv.Median, iv.P5, iv.P95)
}

// millions writes pounds as £m with one decimal.
func millions(v float64) string {
	if math.Abs(v) < 0.05e6 {
		return "£0.0m"
	}
	if v < 0 {
		return fmt.Sprintf("−£%.1fm", -v/1e6)
	}
	return fmt.Sprintf("£%.1fm", v/1e6)
}

// WriteText writes the forecast as tables for a terminal: children by
// category and age band a year apart, spend by financial year, the
// scenario beside the baseline, and the backtest when there is one. Every
// figure is a median with its 90% interval.
func (res *Result) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Forecast of children looked after from %s, %d months, %d simulations (seed %d)\n", long(res.Start), res.Months, res.Simulations, res.Seed)
	fmt.Fprintf(w, "Rates from the reference window %s to %s; %d children looked after at the start.\n", long(res.WindowFrom), long(res.WindowTo), res.LookedAfter)
	fmt.Fprintln(w, "Each figure is the median of the simulations with its 90% interval in brackets.")
	for _, n := range res.Notes {
		fmt.Fprintln(w, "Note: "+n)
	}
	ends := YearEnds(res.Months)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := func(first string) {
		fmt.Fprint(tw, "\n"+first)
		for _, m := range ends {
			fmt.Fprintf(tw, "\t%s", long(res.Baseline.Total.Forecast[m].Date))
		}
		fmt.Fprintln(tw)
	}
	row := func(s Series, value func(Interval) string) {
		fmt.Fprintf(tw, "%s\t", s.Label)
		if n := len(s.History); n > 0 {
			fmt.Fprintf(tw, "%.0f", s.History[n-1].Value)
		}
		for _, m := range ends {
			fmt.Fprintf(tw, "\t%s", value(s.Forecast[m]))
		}
		fmt.Fprintln(tw)
	}
	header("Children looked after\t" + long(res.Start))
	for _, s := range res.Baseline.ByCategory {
		row(s, count)
	}
	row(res.Baseline.Total, count)
	header("By age\t" + long(res.Start))
	for _, s := range res.Baseline.ByBand {
		row(s, count)
	}
	if u := res.Baseline.UASC; u != nil {
		row(*u, count) // a stream of their own, also counted above
	}
	fmt.Fprintln(tw, "\nSpend\tmedian\t50% interval\t90% interval")
	for _, y := range res.Baseline.Spend {
		fmt.Fprintf(tw, "%s%s\t%s\t%s–%s\t%s–%s\n", y.Year, partial(y.Months), millions(y.Median), millions(y.P25), millions(y.P75), millions(y.P5), millions(y.P95))
	}
	spendByCategory(tw, "Spend by placement type: mean (90% interval, £m); the means add up to the total",
		res.Baseline.SpendByCategory, res.Baseline.Spend, meanCell)
	if err := tw.Flush(); err != nil {
		return err
	}
	if res.Scenario != nil {
		if err := res.Scenario.writeText(w, res, ends); err != nil {
			return err
		}
	}
	if res.Backtest != nil {
		return res.Backtest.WriteText(w)
	}
	return nil
}

// spendByCategory writes a table of spend by placement type, a row for
// each category that has any spend and one for the total, a column for
// each financial year.
func spendByCategory(tw io.Writer, title string, byCategory []CategorySpend, total []YearSpend, cell func(YearSpend) string) {
	fmt.Fprintf(tw, "\n%s\nPlacement type", title)
	for _, y := range total {
		fmt.Fprintf(tw, "\t%s%s", y.Year, partial(y.Months))
	}
	fmt.Fprintln(tw)
	row := func(label string, years []YearSpend) {
		fmt.Fprint(tw, label)
		for _, y := range years {
			fmt.Fprint(tw, "\t"+cell(y))
		}
		fmt.Fprintln(tw)
	}
	for _, cs := range byCategory {
		if spendsNothing(cs.Years) {
			continue
		}
		row(cs.Label, cs.Years)
	}
	row("Total", total)
}

// spendsNothing reports whether a category's spend is nothing in every
// year and every simulation: placements with no cost.
func spendsNothing(years []YearSpend) bool {
	for _, y := range years {
		if y.P5 != 0 || y.P95 != 0 || y.Mean != 0 {
			return false
		}
	}
	return true
}

// meanCell writes a year's spend as its mean with its 90% interval.
func meanCell(y YearSpend) string {
	return fmt.Sprintf("%s (%.1f–%.1f)", millions(y.Mean), y.P5/1e6, y.P95/1e6)
}

// signedMeanCell writes a year's difference in spend as its mean with its
// 90% interval, with signs.
func signedMeanCell(y YearSpend) string {
	mean := millions(y.Mean)
	if mean != "£0.0m" && y.Mean > 0 {
		mean = "+" + mean
	}
	return fmt.Sprintf("%s (%s to %s)", mean, signedMillions(y.P5), signedMillions(y.P95))
}

// signedMillions writes pounds in millions with one decimal and a sign.
func signedMillions(v float64) string {
	text := fmt.Sprintf("%+.1f", v/1e6)
	if text == "-0.0" || text == "+0.0" {
		return "0.0"
	}
	return strings.Replace(text, "-", "−", 1)
}

func partial(months int) string {
	if months == 12 {
		return ""
	}
	return fmt.Sprintf(" (%d months)", months)
}

func (c *Comparison) writeText(w io.Writer, res *Result, ends []int) error {
	fmt.Fprintf(w, "\nScenario %q from %s, against the baseline (the difference is worked out simulation by simulation)\n", c.Scenario.Name, long(c.From))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Month end\tseries\tbaseline\tscenario\tdifference")
	show := func(m int, b, s, d Series) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", long(b.Forecast[m].Date), b.Label, count(b.Forecast[m]), count(s.Forecast[m]), signed(d.Forecast[m]))
	}
	for _, m := range ends {
		show(m, res.Baseline.Total, c.Projection.Total, c.Difference.Total)
		for i, b := range res.Baseline.ByCategory {
			if b.Forecast[m].P95 == 0 && c.Projection.ByCategory[i].Forecast[m].P95 == 0 {
				continue
			}
			show(m, b, c.Projection.ByCategory[i], c.Difference.ByCategory[i])
		}
	}
	fmt.Fprintln(tw, "\nSpend\tbaseline\tscenario\tdifference (90% interval)")
	for i, y := range res.Baseline.Spend {
		s, d := c.Projection.Spend[i], c.Difference.Spend[i]
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s (%s to %s)\n", y.Year, partial(y.Months), millions(y.Median), millions(s.Median), millions(d.Median), millions(d.P5), millions(d.P95))
	}
	spendByCategory(tw, "Difference in spend by placement type: mean (90% interval, £m); the means add up to the total",
		c.Difference.SpendByCategory, c.Difference.Spend, signedMeanCell)
	return tw.Flush()
}

// WriteText writes the backtest: its summary over every cut, a line per
// cut with its errors and the coverage of its intervals (calibration),
// the verdicts, then every series' errors over all cuts.
func (bt *Backtest) WriteText(w io.Writer) error {
	s := bt.Summary
	fmt.Fprintf(w, "\nBacktest: %s, projected the %d months after each and compared with what happened.\n", bt.fitted(), bt.Months)
	fmt.Fprintf(w, "Error weighted by children (absolute error ÷ children, summed over the months and %d series: the total and categories averaging %.0f or more children):\n", s.Series, s.MinChildren)
	fmt.Fprintf(w, "  model %.1f%%, no change %.1f%%, straight line over %d months %.1f%%; truth inside the 90%% interval for %.0f%% of the children counted, inside the 50%% interval %.0f%%.\n",
		s.ModelMAPE, s.NoChangeMAPE, bt.TrendFrom, s.TrendMAPE, s.Coverage90*100, s.Coverage50*100)
	verdicts := bt.Verdicts()
	fmt.Fprintln(w, Headline(verdicts))
	for _, v := range verdicts {
		fmt.Fprintln(w, "  "+v.Sentence())
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(bt.Cuts) > 0 {
		fmt.Fprintln(tw, "\nCalibration by cut-off\tfitted from\tmodel\tno change\tstraight line\tin 90% interval\tin 50% interval")
		line := func(name, from string, c BacktestSummary) {
			fmt.Fprintf(tw, "%s\t%s\t%.1f%%\t%.1f%%\t%.1f%%\t%.0f%%\t%.0f%%\n", name, from, c.ModelMAPE, c.NoChangeMAPE, c.TrendMAPE, c.Coverage90*100, c.Coverage50*100)
		}
		for _, c := range bt.Cuts {
			line(long(c.Cut), long(c.WindowFrom), c.Summary)
		}
		line("All cut-offs", "", s)
		fmt.Fprintln(tw, "(the 90% interval should hold the truth about 90% of the time, the 50% interval about 50%)")
	}
	fmt.Fprintln(tw, "\nseries\tchildren\tmodel\tno change\tstraight line\tin 90% band")
	for _, sr := range bt.Series {
		mark := ""
		if !sr.Included {
			mark = " *"
		}
		fmt.Fprintf(tw, "%s%s\t%.0f\t%.1f%%\t%.1f%%\t%.1f%%\t%.0f%%\n", sr.Label, mark, sr.MeanActual, sr.ModelMAPE, sr.NoChangeMAPE, sr.TrendMAPE, sr.Coverage90*100)
	}
	fmt.Fprintln(tw, "* not in the summary")
	return tw.Flush()
}

// fitted says where the backtest was fitted: "fitted on 1 April 2023 to
// 31 March 2025" for one cut-off, "fitted at 3 cut-offs 6 months apart,
// 31 March 2024 to 31 March 2025, each on the 2 years before it" for
// several.
func (bt *Backtest) fitted() string {
	if len(bt.Cuts) < 2 {
		return fmt.Sprintf("fitted on %s to %s", long(bt.WindowFrom), long(bt.WindowTo))
	}
	first, second := bt.Cuts[0], bt.Cuts[1]
	return fmt.Sprintf("fitted at %d cut-offs %d months apart, %s to %s, each on the %s before it",
		len(bt.Cuts), monthsBetween(first.Cut, second.Cut), long(first.Cut), long(bt.Cut), windowLength(first))
}

// monthsBetween counts the months from one YYYY-MM-DD date to another.
func monthsBetween(from, to string) int {
	a, okA := ParseDate(from)
	b, okB := ParseDate(to)
	if !okA || !okB {
		return 0
	}
	return ordinal(b) - ordinal(a)
}

// windowLength says how long a cut's reference window is: "2 years", or
// "18 months".
func windowLength(c BacktestCut) string {
	n := monthsBetween(c.WindowFrom, c.WindowTo) + 1
	if n%12 == 0 {
		if n == 12 {
			return "year"
		}
		return fmt.Sprintf("%d years", n/12)
	}
	return fmt.Sprintf("%d months", n)
}
