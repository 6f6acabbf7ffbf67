package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/store"
)

func benchmarkCommand() *command {
	var db, national, id, format, populationFile, la string
	var publishable bool
	c := &command{
		name: "benchmark",
		summary: "Compare the authority's indicators with England, its region and its ten statistical neighbours from the DfE's published " +
			"local-authority tables (a folder of the CSV files explore-education-statistics publishes, or village synth --national's): " +
			"the neighbours' mean and range, rank (1 is the highest) and quartile, and a funnel plot's 95% and 99.8% limits around England's value.",
		example: "village benchmark --db village-demo/village.db --population village-demo/population.csv --national village-demo/national --format json",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&la, "la", "", "the authority's GSS code in the tables (default: the one its returns name)")
			dbFlag(fs, &db)
			fs.StringVar(&national, "national", "", "folder of the DfE's published tables and the statistical neighbours list (required)")
			fs.StringVar(&id, "indicator", "", "only this indicator (such as cla_rate_per_10k)")
			fs.StringVar(&format, "format", "table", "table, json or csv")
			fs.StringVar(&populationFile, "population", "", "ONS mid-year estimates of the 0-17 population (long layout), for the authority's rates per 10,000")
			fs.BoolVar(&publishable, "publishable", false, "suppress the authority's counts of 1 to 5 and what derives from them, as c")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		if national == "" {
			return fmt.Errorf("--national is required: the folder of the DfE's published tables (or village synth --national's)")
		}
		if format != "table" && format != "json" && format != "csv" {
			return fmt.Errorf("--format %q: expected table, json or csv", format)
		}
		if _, ok := published.Find(id); id != "" && !ok {
			return fmt.Errorf("--indicator %q: no published counterpart; expected one of %s", id, publishedIDs())
		}
		tabs, err := published.ReadDir(national)
		if err != nil {
			return err
		}
		if la != "" {
			db = store.WithAuthority(db, la)
		}
		own, named, err := storedOwn(ctx, db, populationFile)
		if err != nil {
			return err
		}
		if la == "" {
			la = named
		}
		if la == "" {
			return fmt.Errorf("the returns do not name their authority: give its GSS code with --la")
		}
		policy := disclose.PolicyOf(publishable)
		var views []benchmark.View
		for _, c := range benchmark.CompareAll(tabs, la, id, own, policy) {
			views = append(views, c.View())
		}
		switch format {
		case "json":
			return writeBenchmarkJSON(e.stdout, la, policy, views)
		case "csv":
			return writeBenchmarkCSV(e.stdout, views)
		}
		return writeBenchmarkTable(e.stdout, la, policy, views)
	}
	return c
}

// storedOwn computes the authority's figures with a published
// counterpart from the store at db, with the population in
// populationFile for rates, and returns the authority its returns name.
func storedOwn(ctx context.Context, db, populationFile string) (map[string][]benchmark.Own, string, error) {
	pop, err := readPopulation(populationFile)
	if err != nil {
		return nil, "", err
	}
	s, set, err := openJourneys(ctx, db, "")
	if err != nil {
		return nil, "", err
	}
	defer s.Close()
	own, err := app.OwnFromStore(ctx, s, set, pop)
	return own, set.Authority.Code, err
}

// publishedIDs lists the indicators with a published counterpart.
func publishedIDs() string {
	text := ""
	for i, m := range published.Indicators() {
		if i > 0 {
			text += ", "
		}
		text += m.ID
	}
	return text
}

func writeBenchmarkJSON(w io.Writer, la string, policy disclose.Policy, views []benchmark.View) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Authority  string           `json:"authority"`
		Mode       string           `json:"mode"`
		Method     string           `json:"method"`
		Indicators []benchmark.View `json:"indicators"`
	}{la, policy.String(), benchmark.Method, views})
}

// benchmarkColumns are the CSV's columns.
var benchmarkColumns = []string{"id", "year", "value", "denominator", "england", "region", "neighbours_mean", "neighbours_min",
	"neighbours_max", "neighbours_left_out", "rank", "of", "quartile", "lower95", "upper95", "lower998", "upper998", "outside",
	"file", "release"}

func writeBenchmarkCSV(w io.Writer, views []benchmark.View) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(benchmarkColumns); err != nil {
		return err
	}
	for _, v := range views {
		f := [4]string{}
		if v.Funnel != nil {
			f = [4]string{benchmark.Text(&v.Funnel.Lower95), benchmark.Text(&v.Funnel.Upper95), benchmark.Text(&v.Funnel.Lower998), benchmark.Text(&v.Funnel.Upper998)}
		}
		rec := []string{v.ID, v.Year, v.ValueText, intText(v.Denominator), benchmark.Text(v.England), benchmark.Text(v.Region),
			benchmark.Text(v.NeighboursMean), benchmark.Text(v.NeighboursMin), benchmark.Text(v.NeighboursMax), strconv.Itoa(v.NeighboursLeftOut),
			intText(v.Rank), intText(v.Of), intText(v.Quartile), f[0], f[1], f[2], f[3], v.Outside, v.Source.File, v.Source.Release}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// intText writes a whole number, or nothing when there is none.
func intText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func writeBenchmarkTable(w io.Writer, la string, policy disclose.Policy, views []benchmark.View) error {
	fmt.Fprintf(w, "%s against England, its region and its statistical neighbours (%s figures; rank 1 is the highest, quartile 1 the highest quarter)\n\n", la, policy)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tyear\tvalue\tEngland\tregion\tneighbours (range)\trank\tquartile\t99.8% limits\toutside")
	for _, v := range views {
		limits, rank, quartile := "", "", ""
		if v.Funnel != nil {
			limits = benchmark.Text(&v.Funnel.Lower998) + " to " + benchmark.Text(&v.Funnel.Upper998)
		}
		if v.Rank != nil {
			rank, quartile = fmt.Sprintf("%d of %d", *v.Rank, *v.Of), strconv.Itoa(*v.Quartile)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s (%s to %s)\t%s\t%s\t%s\t%s\n", v.ID, v.Year, v.ValueText, benchmark.Text(v.England),
			benchmark.Text(v.Region), benchmark.Text(v.NeighboursMean), benchmark.Text(v.NeighboursMin), benchmark.Text(v.NeighboursMax),
			rank, quartile, limits, v.Outside)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, v := range views {
		for _, n := range v.Notes {
			fmt.Fprintf(w, "%s: %s\n", v.ID, n)
		}
	}
	if len(views) > 0 {
		fmt.Fprintf(w, "\nSource: %s; %s\n", views[0].Source.Release, benchmark.Method)
	}
	return nil
}
