package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/ledger"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// savingsFlags are the savings command's options.
type savingsFlags struct {
	forecast  forecastFlags
	split, as string
}

func savingsCommand() *command {
	var f savingsFlags
	return &command{
		name: "savings",
		summary: "The savings ledger: for each programme of the interventions register, the placement weeks and pounds its forecast scenario avoids against one baseline forecast (gross), " +
			"what the programmes avoid together and their overlap, and the net total finance can book, shared so that each avoided pound belongs to one programme " +
			"(--split precedence, by the interventions' ranks, or even), by financial quarter against the savings targets, with 90% intervals. " +
			"--out writes a workbook (programmes, quarters, overlap, method). The method is in internal/ledger/METHOD.md.",
		example: "village savings --db village.db --population village-demo/population.csv --out ledger.xlsx",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &f.forecast.db)
			fs.StringVar(&f.as, "as", "", "who is asking, for the audit log and their role (default: the operating-system user)")
			fs.StringVar(&f.forecast.populationFile, "population", "", "ONS mid-year estimates by single year of age (long layout), for entry rates per child in the population")
			fs.IntVar(&f.forecast.years, "years", 3, "years to project, 1 to 5")
			fs.IntVar(&f.forecast.simulations, "simulations", 200, "simulations (two runs a programme)")
			fs.Uint64Var(&f.forecast.seed, "seed", 1, "the random seed: the same seed gives the same ledger")
			fs.StringVar(&f.forecast.costsFile, "costs", "", "weekly unit costs, CSV as for village forecast (default: Village's published defaults)")
			fs.Float64Var(&f.forecast.inflation, "inflation", 0.03, "yearly uplift of the unit costs from the year of their prices")
			fs.StringVar(&f.split, "split", "precedence", "how overlapping programmes share: precedence (by rank) or even")
			fs.StringVar(&f.forecast.format, "format", "table", "table or json")
			fs.StringVar(&f.forecast.out, "out", "", "also write an Excel workbook (.xlsx): programmes, quarters, overlap and method")
		},
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unexpected arguments %q; flags only", args)
			}
			return runSavings(ctx, e, f)
		},
	}
}

func runSavings(ctx context.Context, e *env, f savingsFlags) error {
	if f.forecast.format != "table" && f.forecast.format != "json" {
		return fmt.Errorf("--format %q: expected table or json", f.forecast.format)
	}
	if f.forecast.out != "" && strings.ToLower(filepath.Ext(f.forecast.out)) != ".xlsx" {
		return fmt.Errorf("--out %q: expected a file name ending .xlsx", f.forecast.out)
	}
	split, ok := ledger.ParseSplit(f.split)
	if !ok {
		return fmt.Errorf("--split %q: expected precedence or even", f.split)
	}
	opts, err := f.forecast.options()
	if err != nil {
		return err
	}
	s, set, err := openJourneys(ctx, f.forecast.db, "")
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.DataEnd, err = dataEnd(ctx, s); err != nil {
		return err
	}
	by, err := storeActor(ctx, s, f.as)
	if err != nil {
		return err
	}
	r := &app.Interventions{Store: s.Interventions()}
	ivs, err := r.List(ctx, by)
	if err != nil {
		return err
	}
	targets, err := r.Targets(ctx, by)
	if err != nil {
		return err
	}
	l, err := ledger.Build(set, ivs, targets, ledger.Options{Forecast: opts, Split: split})
	if err != nil {
		return err
	}
	if f.forecast.out != "" {
		if err := folder.WriteFile(f.forecast.out, l.WriteXLSX); err != nil {
			return err
		}
		defer fmt.Fprintf(e.stderr, "Wrote the savings ledger workbook to %s.\n", f.forecast.out)
	}
	if f.forecast.format == "json" {
		return l.WriteJSON(e.stdout)
	}
	return l.WriteText(e.stdout)
}

// packSavings builds the savings ledger for the pack when asked, with
// the ledger's defaults; savings are finance-sensitive, so a publishable
// pack may not carry them.
func packSavings(ctx context.Context, s *store.Store, set *journey.Set, asked, publishable bool) (*pack.Savings, error) {
	if !asked {
		return nil, nil
	}
	if publishable {
		return nil, errors.New("--savings and --publishable: the savings ledger is finance-sensitive and not for circulation beyond analysts and managers")
	}
	end, err := dataEnd(ctx, s)
	if err != nil {
		return nil, err
	}
	by, err := storeActor(ctx, s, "")
	if err != nil {
		return nil, err
	}
	r := &app.Interventions{Store: s.Interventions()}
	ivs, err := r.List(ctx, by)
	if err != nil {
		return nil, err
	}
	targets, err := r.Targets(ctx, by)
	if err != nil {
		return nil, err
	}
	l, err := ledger.Build(set, ivs, targets, ledger.Options{Forecast: forecast.Options{DataEnd: end, Seed: 1, Inflation: 0.03}})
	if err != nil {
		return nil, fmt.Errorf("the pack's savings section: %w", err)
	}
	return l.PackSection(), nil
}
