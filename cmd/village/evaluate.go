package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/evaluate"
)

func evaluateCommand() *command {
	var db, startText, seriesID, format, name string
	var expected float64
	var list bool
	var given func() map[string]bool // the flags given on the command line
	c := &command{
		name: "evaluate",
		summary: "Is it working, or too early to tell? Evaluate an intervention that started on a day on a monthly series " +
			"(starts, starts by age or legal status, ceases by route, moves, days to permanence): the change in level with its " +
			"95% interval (segmented regression for counts, with the trend and seasonality), the months after the start needed " +
			"to detect the expected change with 80% power, and the control chart re-based at the start.",
		example: "village evaluate --start 2024-07-01 --series starts --expected -0.2 --format json\n" +
			"village evaluate --intervention 'Reception into care panel'",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&name, "intervention", "", "an intervention in the register: its start, each of its series and its expected effect "+
				"(-0.2 when none is given), instead of --start, --series and --expected")
			given = func() map[string]bool {
				set := map[string]bool{}
				fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
				return set
			}
			fs.StringVar(&startText, "start", "", "the day the intervention started, YYYY-MM-DD or DD/MM/YYYY")
			fs.StringVar(&seriesID, "series", "starts", "the series it should move (--list gives them)")
			fs.Float64Var(&expected, "expected", evaluate.DefaultExpected, "the change expected, as a fraction: -0.2 is a 20% fall")
			fs.StringVar(&format, "format", "table", "table or json")
			fs.BoolVar(&list, "list", false, "list the series that can be evaluated, and stop")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		if list {
			_, err := io.WriteString(e.stdout, evaluate.KindList())
			return err
		}
		if format != "table" && format != "json" {
			return fmt.Errorf("--format %q: expected table or json", format)
		}
		if name != "" {
			for _, f := range []string{"start", "series", "expected"} {
				if given()[f] {
					return fmt.Errorf("--intervention and --%s: the intervention's own %s is used; give one or the other", f, f)
				}
			}
			return evaluateIntervention(ctx, e, db, name, format)
		}
		start, err := startDate(startText)
		if err != nil {
			return err
		}
		if evaluate.FindKind(seriesID) == nil {
			return fmt.Errorf("--series %q: not known; `village evaluate --list` gives the series", seriesID)
		}
		if !(expected > -1) || expected == 0 || math.IsInf(expected, 0) {
			return fmt.Errorf("--expected %g: expected a change as a fraction above -1 and not 0 (-0.2 is a 20%% fall)", expected)
		}
		s, set, err := openJourneys(ctx, db, "")
		if err != nil {
			return err
		}
		defer s.Close()
		series, err := evaluate.FromJourneys(set, seriesID)
		if err != nil {
			return err
		}
		est, err := evaluate.Evaluate(series, start, expected)
		if err != nil {
			return err
		}
		if format == "json" {
			return writeEvaluationJSON(e.stdout, series, est)
		}
		return writeEvaluationTable(e.stdout, series, est)
	}
	return c
}

// isoDay writes a day as YYYY-MM-DD.
func isoDay(d calendar.Date) string { return d.Time().Format(time.DateOnly) }

// startDate parses --start, written YYYY-MM-DD or DD/MM/YYYY.
func startDate(text string) (calendar.Date, error) {
	if text == "" {
		return 0, fmt.Errorf("--start is required: the day the intervention started, YYYY-MM-DD or DD/MM/YYYY")
	}
	if d, ok := calendar.ParseISODate(text); ok {
		return d, nil
	}
	if d, ok := calendar.ParseDate(text); ok {
		return d, nil
	}
	return 0, fmt.Errorf("--start %q: expected a date written YYYY-MM-DD or DD/MM/YYYY", text)
}

func writeEvaluationJSON(w io.Writer, s evaluate.Series, e evaluate.Estimate) error {
	return writeIndentedJSON(w, evaluate.ReportOf(s, e))
}

// writeIndentedJSON writes v as indented JSON.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeEvaluationTable(w io.Writer, s evaluate.Series, e evaluate.Estimate) error {
	fmt.Fprintf(w, "%s (%s), from %s\n\n%s.\n\n", s.Title, s.ID, e.Start.Long(), capitalise(e.Words))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Change in level\t%s (95%% interval %s to %s), p = %.3f\n", signed(e.Effect), signed(e.CILow), signed(e.CIHigh), e.PValue)
	if e.HasSlope {
		fmt.Fprintf(tw, "Change in slope\t%s a month (95%% interval %s to %s), p = %.3f\n",
			signedFine(e.SlopeChange), signedFine(e.SlopeLow), signedFine(e.SlopeHigh), e.SlopePValue)
	} else {
		fmt.Fprintf(tw, "Change in slope\tnot estimated before 6 months after the start\n")
	}
	fmt.Fprintf(tw, "Months\t%d before the start, %d from it\n", e.MonthsBefore, e.MonthsObserved)
	model := e.Model
	if e.Theta > 0 {
		model += fmt.Sprintf(" (shape %.1f)", e.Theta)
	}
	fmt.Fprintf(tw, "Model\t%s; Poisson dispersion %.2f; trend, change in level and %s\n", model, e.Dispersion, e.Seasonality)
	caveat := "within chance"
	switch {
	case e.Autocorrelation > e.AutocorrelationLimit:
		caveat = "beyond chance: the intervals are likely too narrow"
	case e.Autocorrelation < -e.AutocorrelationLimit:
		caveat = "beyond chance, negative: the intervals are likely too wide"
	}
	fmt.Fprintf(tw, "Residual autocorrelation\t%.2f at lag 1 (%s; chance reaches %.2f)\n", e.Autocorrelation, caveat, e.AutocorrelationLimit)
	detect := fmt.Sprintf("more than %d", evaluate.MaxMonths)
	if e.MonthsToDetect > 0 {
		detect = fmt.Sprintf("%d (by %s)", e.MonthsToDetect, e.DetectBy.Long())
	}
	fmt.Fprintf(tw, "Months to detect %s\t%s, with 80%% power at 5%%\n", signed(e.Expected), detect)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nControl chart, re-based at the start")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Months\tMean\tLower limit\tUpper limit\tSignals")
	for _, p := range e.Chart.Phases {
		var signals []string
		for _, sig := range p.Signals {
			when := e.Chart.Months[sig.Points[0]]
			if last := e.Chart.Months[sig.Points[len(sig.Points)-1]]; last != when {
				when += " to " + last
			}
			signals = append(signals, fmt.Sprintf("%s %s (%s)", sig.Rule, when, sig.Meaning))
		}
		limits := ""
		if p.TrialLimits {
			limits = " (trial limits)"
		}
		fmt.Fprintf(tw, "%s to %s%s\t%.1f\t%.1f\t%.1f\t%s\n", e.Chart.Months[p.First], e.Chart.Months[p.Last], limits,
			p.Mean, p.Lower, p.Upper, orNone(strings.Join(signals, "; ")))
	}
	return tw.Flush()
}

// signed writes a fraction as a signed percentage: -0.183 is "-18.3%".
func signed(x float64) string { return fmt.Sprintf("%+.1f%%", x*100) }

// signedFine writes a small fraction as a signed percentage to two
// places.
func signedFine(x float64) string { return fmt.Sprintf("%+.2f%%", x*100) }

// capitalise upper-cases the first letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// orNone is s, or "none" when empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
