package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// forecastFlags are the forecast command's options.
type forecastFlags struct {
	db, populationFile, from, to, costsFile, scenarioFile, format, out, writeCosts string
	years, simulations                                                             int
	seed                                                                           uint64
	inflation                                                                      float64
	backtest, recentEntries                                                        bool
}

func forecastCommand() *command {
	var f forecastFlags
	c := &command{
		name: "forecast",
		summary: "Forecast the children looked after, by placement category and age band, and their cost, month by month for up to five years, " +
			"from rates learnt on a reference window of the stored history (entries per child in the population, moves between categories, exits by reason, " +
			"and every child leaving at 18). Every figure comes with its 50% and 90% intervals from 1,000 seeded simulations. " +
			"--scenario compares a change (fewer entries, step-down from children's homes, faster permanence, unit costs) with the baseline; " +
			"--backtest shows how the model did against two naive forecasts, fitted at up to six cut-offs six months apart and compared over the 12 months after each, " +
			"with the coverage of its intervals cut by cut (alone, it runs only the backtest); --out writes every view to an Excel workbook. " +
			"The method is explained in internal/forecast/METHOD.md.",
		example: "village forecast --population village-demo/population.csv --scenario panel.yaml --out forecast.xlsx\n\n" + forecast.ScenarioHelp(),
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &f.db)
			fs.StringVar(&f.populationFile, "population", "", "ONS mid-year estimates by single year of age (long layout), for entry rates per child in the population")
			fs.StringVar(&f.from, "from", "", "the first day of the reference window, DD/MM/YYYY or YYYY-MM-DD (default: two years before --to)")
			fs.StringVar(&f.to, "to", "", "the last day of the reference window (default: the data's last month end)")
			fs.IntVar(&f.years, "years", 5, "years to project, 1 to 5")
			fs.IntVar(&f.simulations, "simulations", 1000, "simulations")
			fs.Uint64Var(&f.seed, "seed", 1, "the random seed: the same seed gives the same forecast")
			fs.StringVar(&f.costsFile, "costs", "", "weekly unit costs, CSV with category, weekly_cost, year and source (default: Village's published defaults; see --write-costs)")
			fs.Float64Var(&f.inflation, "inflation", 0.03, "yearly uplift of the unit costs from the year of their prices")
			fs.StringVar(&f.scenarioFile, "scenario", "", "a scenario file (YAML) to compare with the baseline")
			fs.BoolVar(&f.recentEntries, "recent-entries", false, "compare with the baseline a scenario of entries at the rate of the last six months (offered in a note when it differs from the year's beyond chance); not with --scenario")
			fs.BoolVar(&f.backtest, "backtest", false, "show only the backtest: fit at cut-offs every 6 months back from 12 months before the data's end (up to 6, each with its 2-year window inside the data) and compare the 12 months after each with what happened; with --out the workbook has the forecast too")
			fs.StringVar(&f.format, "format", "table", "table or json")
			fs.StringVar(&f.out, "out", "", "also write an Excel workbook (.xlsx) with a sheet per view, the backtest included")
			fs.StringVar(&f.writeCosts, "write-costs", "", "write the default unit costs to this CSV file to edit, and stop")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		if f.writeCosts != "" {
			if err := folder.WriteFile(f.writeCosts, forecast.WriteDefaultCosts); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Wrote the default unit costs to %s; edit them and pass the file with --costs.\n", f.writeCosts)
			return nil
		}
		return runForecast(ctx, e, f)
	}
	return c
}

func runForecast(ctx context.Context, e *env, f forecastFlags) error {
	if f.format != "table" && f.format != "json" {
		return fmt.Errorf("--format %q: expected table or json", f.format)
	}
	if f.out != "" && strings.ToLower(filepath.Ext(f.out)) != ".xlsx" {
		return fmt.Errorf("--out %q: expected a file name ending .xlsx", f.out)
	}
	opts, err := f.options()
	if err != nil {
		return err
	}
	s, set, err := openJourneys(ctx, f.db, "")
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.DataEnd, err = dataEnd(ctx, s); err != nil {
		return err
	}
	var backtest *forecast.Backtest
	if f.backtest || f.out != "" {
		backtest, err = forecast.RunBacktest(set, forecast.BacktestOptions{
			DataEnd: opts.DataEnd, Simulations: opts.Simulations, Seed: opts.Seed, Population: opts.Population})
		if err != nil {
			return fmt.Errorf("backtest: %w", err)
		}
	}
	if f.backtest && f.out == "" {
		// Only the backtest is shown: the forecast is not worked out.
		return writeBacktest(e, f.format, backtest)
	}
	res, err := projectForecast(set, opts)
	if err != nil {
		return err
	}
	res.Backtest = backtest
	if f.out != "" {
		if err := folder.WriteFile(f.out, res.WriteXLSX); err != nil {
			return err
		}
		defer fmt.Fprintf(e.stderr, "Wrote the forecast workbook to %s.\n", f.out)
	}
	if f.backtest {
		return writeBacktest(e, f.format, backtest)
	}
	if f.format == "json" {
		return writeJSON(e, res)
	}
	return res.WriteText(e.stdout)
}

// projectForecast works out the forecast: a variable so that a test can
// see that --backtest alone does not.
var projectForecast = forecast.Forecast

// writeBacktest writes the backtest alone, as a table or as JSON.
func writeBacktest(e *env, format string, bt *forecast.Backtest) error {
	if format == "json" {
		return writeJSON(e, bt)
	}
	return bt.WriteText(e.stdout)
}

// writeJSON writes v as indented JSON.
func writeJSON(e *env, v any) error { return writeIndentedJSON(e.stdout, v) }

// options reads the files the flags name into a forecast's options, as
// village forecast and village serve both need them. The end of the data
// is left for the caller to set from the store (dataEnd).
func (f forecastFlags) options() (forecast.Options, error) {
	opts := forecast.Options{Years: f.years, Simulations: f.simulations, Seed: f.seed, Inflation: f.inflation, RecentEntries: f.recentEntries}
	if f.recentEntries && f.scenarioFile != "" {
		return opts, fmt.Errorf("--recent-entries and --scenario %s: expected one or the other", f.scenarioFile)
	}
	var err error
	if opts.From, err = optionalDate("--from", f.from); err != nil {
		return opts, err
	}
	if opts.To, err = optionalDate("--to", f.to); err != nil {
		return opts, err
	}
	if f.populationFile != "" {
		if opts.Population, err = readFile(f.populationFile, forecast.ReadPopulation); err != nil {
			return opts, err
		}
	}
	if f.costsFile != "" {
		costs, err := readFile(f.costsFile, forecast.ReadCosts)
		if err != nil {
			return opts, err
		}
		opts.Costs = &costs
	}
	if f.scenarioFile != "" {
		if opts.Scenario, err = readFile(f.scenarioFile, forecast.ReadScenario); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

// dataEnd is the last day the stored returns cover: the end of the
// latest collection year.
func dataEnd(ctx context.Context, s *store.Store) (calendar.Date, error) {
	year, err := latestYear(ctx, s)
	if err != nil {
		return 0, err
	}
	return year.End(), nil
}

// optionalDate reads a date flag written DD/MM/YYYY or YYYY-MM-DD; empty
// is the zero date, which means the default.
func optionalDate(flagName, text string) (calendar.Date, error) {
	if text == "" {
		return 0, nil
	}
	if d, ok := forecast.ParseDate(text); ok {
		return d, nil
	}
	return 0, fmt.Errorf("%s %q: expected a date, DD/MM/YYYY or YYYY-MM-DD", flagName, text)
}
