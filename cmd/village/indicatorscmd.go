package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

func indicatorsCommand() *command {
	var db, periodText, format, populationFile, postcodesFile, group string
	var publishable bool
	var fsmPupils int
	c := &command{
		name: "indicators",
		summary: "Compute the looked-after-children indicators for a period (a collection year 2025/26, a financial quarter 2025/26Q1, a calendar quarter 2025Q3, " +
			"a month 2025-07, the 12 months to a month R2025-07, or a range of days 01/04/2025-30/09/2025) " +
			"from every year in the store. Exact figures for analysts by default; --publishable suppresses counts of 1 to 5 and what derives from them, as the DfE does.",
		example: "village indicators --population village-demo/population.csv --period 2025/26 --format json",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&periodText, "period", "", periodFlagHelp)
			fs.StringVar(&format, "format", "table", "table, json or csv")
			placementPostcodesFlag(fs, &postcodesFile)
			fs.StringVar(&populationFile, "population", "", "ONS mid-year estimates of the 0-17 population (long layout), for rates per 10,000")
			fs.BoolVar(&publishable, "publishable", false, "suppress counts of 1 to 5 (shown as c) and rates and percentages derived from them")
			fs.IntVar(&fsmPupils, "fsm-pupils", 0, "pupils in the area eligible for free school meals (school census), for haf_fsm_reach_share")
			fs.StringVar(&group, "group", "", "show the regional group's stored figures, members and group side by side (village region refresh); "+
				"with --la A,B, the 903 indicators of each authority are computed side by side")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		if format != "table" && format != "json" && format != "csv" {
			return fmt.Errorf("--format %q: expected table, json or csv", format)
		}
		s, err := openStore(ctx, db)
		if err != nil {
			return err
		}
		defer s.Close()
		if several := severalIndicators(s, group, periodText, format, populationFile, postcodesFile, publishable); several != nil {
			return several.run(ctx, e.stdout)
		}
		pop, err := readPopulation(populationFile)
		if err != nil {
			return err
		}
		set, err := journeysNear(ctx, s, postcodesFile)
		if err != nil {
			return err
		}
		period, err := periodOf(ctx, s, periodText)
		if err != nil {
			return err
		}
		cover := set.Cover(period)
		if err := cover.Err(); err != nil {
			return err
		}
		rows := computeIndicators(set, cover, pop, publishable)
		cinRows, err := computeCINIndicators(ctx, s, set, period, pop, publishable)
		if err != nil {
			return err
		}
		rows = append(rows, cinRows...)
		ehRows, err := computeEarlyHelpIndicators(ctx, s, period, publishable, fsmPupils)
		if err != nil {
			return err
		}
		rows = append(rows, ehRows...)
		familyRows, err := computeFamilyIndicators(ctx, s, set, period, publishable)
		if err != nil {
			return err
		}
		rows = append(rows, familyRows...)
		switch format {
		case "json":
			return writeIndicatorsJSON(e.stdout, cover, publishable, rows)
		case "csv":
			return writeIndicatorsCSV(e.stdout, period, publishable, rows)
		}
		return writeIndicatorsTable(e.stdout, cover, publishable, rows)
	}
	return c
}

// periodFlagHelp describes --period.
const periodFlagHelp = "2025/26 (or 2025-26), 2025/26Q1 (April to June 2025), 2025Q3, 2025-07, R2025-07 or 01/04/2025-30/09/2025 " +
	"(default: the latest collection year stored)"

// periodOf parses --period, defaulting to the latest collection year
// stored.
func periodOf(ctx context.Context, s *store.Store, text string) (calendar.Period, error) {
	if text != "" {
		return calendar.ParsePeriod(text)
	}
	year, err := latestYear(ctx, s)
	if err != nil {
		return calendar.Period{}, err
	}
	return year.Period(), nil
}

// indicatorRow is one indicator's figure for the output.
type indicatorRow struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Unit        string   `json:"unit"`
	Value       *float64 `json:"value"` // nil when unknown or suppressed
	Shown       string   `json:"shown"` // as displayed: the figure, c (suppressed) or x (not known)
	Numerator   int      `json:"numerator,omitempty"`
	Denominator int      `json:"denominator,omitempty"`
	Reason      string   `json:"reason,omitempty"` // why the value is suppressed
	Period      string   `json:"period"`           // the period computed: the one asked for, or a yearly indicator's collection year
	Note        string   `json:"note,omitempty"`   // what the figure leaves out, or how its period differs from the one asked for
	Definition  string   `json:"definition"`
	Return      string   `json:"return,omitempty"` // the return it is computed from when not the SSDA903: "CIN census"
}

// computeIndicators computes every indicator over the days of the period
// the returns cover; a yearly indicator over the collection year the
// period ends in.
func computeIndicators(set *journey.Set, cover journey.Coverage, pop indicators.Population, publishable bool) []indicatorRow {
	policy := disclose.PolicyOf(publishable)
	var rows []indicatorRow
	for _, ind := range indicators.All() {
		p, yearly := ind.PeriodFor(cover.Asked)
		if yearly == "" {
			p = cover.Covered()
		}
		v := ind.Compute(set, p, pop)
		shown := indicators.Headline(ind, set, p, v, policy).Value
		row := indicatorRow{ID: ind.ID, Title: ind.Title, Unit: ind.Unit, Shown: shown.Text(), Value: shown.JSON(),
			Reason: shown.Reason(), Period: p.Label, Note: indicators.JoinNotes(yearly, v.Note(policy)), Definition: ind.Definition}
		if !publishable && v.Known {
			row.Numerator, row.Denominator = v.Numerator, v.Denominator
		}
		if ind.ID == "placed_out_of_area_share" {
			row.Note = indicators.JoinNotes(row.Note, set.Authority.Note())
		}
		rows = append(rows, row)
	}
	return rows
}

func writeIndicatorsJSON(w io.Writer, cover journey.Coverage, publishable bool, rows []indicatorRow) error {
	mode := "exact"
	if publishable {
		mode = "publishable: counts of 1 to 5, and figures derived from them, suppressed as c"
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Period     string         `json:"period"`
		Coverage   string         `json:"coverage,omitempty"` // how the period is partly covered by the returns
		Mode       string         `json:"mode"`
		Indicators []indicatorRow `json:"indicators"`
	}{cover.Asked.Label, cover.Note(), mode, rows})
}

// writeIndicatorsCSV writes one row per indicator. Every row carries the
// period and the mode, so that a file cut from its heading still says
// whether it may be published; the numerator and denominator are blank
// where they are not given (publishable mode, or a count).
func writeIndicatorsCSV(w io.Writer, p calendar.Period, publishable bool, rows []indicatorRow) error {
	mode := "exact: not for publication"
	if publishable {
		mode = "publishable: counts of 1 to 5 suppressed as c"
	}
	blankZero := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"period", "mode", "id", "title", "unit", "value", "numerator", "denominator", "computed_for", "note"}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{p.Label, mode, r.ID, r.Title, r.Unit, r.Shown, blankZero(r.Numerator), blankZero(r.Denominator),
			r.Period, r.Note}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// figuresMode says for whom a table's figures are, as its heading gives it.
func figuresMode(publishable bool) string {
	if publishable {
		return "publishable: counts of 1 to 5 suppressed (c)"
	}
	return "exact figures, for analysts: not for publication"
}

func writeIndicatorsTable(w io.Writer, cover journey.Coverage, publishable bool, rows []indicatorRow) error {
	fmt.Fprintf(w, "Indicators for %s (%s)\n", cover.Asked.Label, figuresMode(publishable))
	if note := cover.Note(); note != "" {
		fmt.Fprintf(w, "The period is %s.\n", note)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tvalue\tunit\ttitle")
	section := ""
	for _, r := range rows {
		if r.Return != section {
			section = r.Return
			fmt.Fprintf(tw, "\nFrom the %s, %s:\n", section, r.Period)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Shown, r.Unit, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	header := false
	for _, r := range rows {
		if r.Note == "" {
			continue
		}
		if !header {
			fmt.Fprintln(w, "\nNotes:")
			header = true
		}
		fmt.Fprintf(w, "  %s: %s\n", r.ID, r.Note)
	}
	return nil
}

// readPopulation reads the 0-17 population file named by --population;
// without one, rates per 10,000 are not known.
func readPopulation(path string) (indicators.Population, error) {
	if path == "" {
		return nil, nil
	}
	m, err := readFile(path, indicators.ReadPopulation)
	if err != nil {
		return nil, err // a nil Population, not one holding a nil MidYear
	}
	return m, nil
}
