package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/placements"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
)

func sufficiencyCommand() *command {
	var db, postcodesFile, providerFiles, carersFile string
	var simulations int
	c := &command{
		name: "sufficiency",
		summary: "Print the placement sufficiency on the last day of the latest return loaded: children looked after by age band and placement type, " +
			"the forecast's need a year on, the authority's own foster carers (--carers, a CSV file: " + strings.Join(placements.CarerColumns, ",") + ") " +
			"and the gap against them by age band, the Ofsted-registered children's homes and fostering agencies within 20 miles of the middle of the authority " +
			"(--providers with --postcodes), and the share placed with own provision.",
		example: "village sufficiency --carers village-demo/carers.csv --postcodes village-demo/postcodes.csv --providers village-demo/providers.xlsx",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			placementPostcodesFlag(fs, &postcodesFile)
			fs.StringVar(&providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated: the children's homes and fostering agencies near the authority")
			fs.StringVar(&carersFile, "carers", "", "the authority's own foster carers, CSV with the columns "+strings.Join(placements.CarerColumns, ", "))
			fs.IntVar(&simulations, "simulations", 500, "the forecast's simulations, for the need a year on; 0 for no forecast")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("expected no arguments, got %d; run \"village sufficiency -h\"", len(args))
		}
		s, set, err := openJourneys(ctx, db, postcodesFile)
		if err != nil {
			return err
		}
		defer s.Close()
		supply, err := readSupply(carersFile, postcodesFile, providerFiles)
		if err != nil {
			return err
		}
		span, ok := set.Span()
		if !ok {
			return errEmptyStore
		}
		if simulations > 0 {
			res, err := forecast.Forecast(set, forecast.Options{DataEnd: span.End, Years: 1, Simulations: simulations, Seed: 1})
			if err != nil {
				return fmt.Errorf("the forecast for the need a year on: %w", err)
			}
			supply.Forecast = res.Baseline
		}
		printSufficiency(e.stdout, placements.Assess(set, span.End, supply))
		return nil
	}
	return c
}

// readSupply reads what the sufficiency weighs the need against; a file
// not named is left out.
func readSupply(carersFile, postcodesFile, providerFiles string) (placements.Supply, error) {
	var supply placements.Supply
	var err error
	if carersFile != "" {
		if supply.Carers, err = readFile(carersFile, placements.ReadCarers); err != nil {
			return supply, err
		}
	}
	if postcodesFile != "" {
		if supply.Postcodes, err = readFile(postcodesFile, postcode.Read); err != nil {
			return supply, err
		}
	}
	for _, name := range app.SplitList(providerFiles) {
		if supply.Providers == nil {
			supply.Providers = ofsted.New()
		}
		f, err := os.Open(name)
		if err != nil {
			return supply, err
		}
		err = supply.Providers.Add(name, f, supply.Postcodes)
		f.Close()
		if err != nil {
			return supply, err
		}
	}
	return supply, nil
}

func printSufficiency(w io.Writer, a placements.Sufficiency) {
	fmt.Fprintf(w, "Placement sufficiency on %s.\n\nChildren looked after by placement type and age band", a.Day.Long())
	if a.HasForecast {
		fmt.Fprintf(w, ", and the forecast's median for %s", a.ProjectedAt)
	}
	fmt.Fprintf(w, ":\n%-32s", "")
	for b := range forecast.Bands {
		fmt.Fprintf(w, " %6s", forecast.Band(b).Key())
	}
	fmt.Fprintf(w, " %6s %9s\n", "all", "forecast")
	for c := range forecast.Categories {
		fmt.Fprintf(w, "%-32s", forecast.Category(c).Label())
		n := 0
		for b := range forecast.Bands {
			fmt.Fprintf(w, " %6d", a.Need[b][c])
			n += a.Need[b][c]
		}
		fmt.Fprintf(w, " %6d", n)
		if a.HasForecast {
			fmt.Fprintf(w, " %9.0f", a.ProjectedCategory[c])
		}
		fmt.Fprintln(w)
	}
	if a.HasForecast {
		fmt.Fprintf(w, "%-32s", "Forecast a year on (median)")
		for b := range forecast.Bands {
			fmt.Fprintf(w, " %6.0f", a.ProjectedBand[b])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d children without a known date of birth are not in the table.\n", a.NoAge)
	if a.HasCarers {
		fmt.Fprintf(w, "\nOwn foster carers approved by the day (a household's places count in every age band it takes):\n%-32s %10s %6s", "", "households", "places")
		for b := range forecast.Bands {
			fmt.Fprintf(w, " %6s", forecast.Band(b).Key())
		}
		fmt.Fprintln(w)
		for _, c := range a.Carers {
			fmt.Fprintf(w, "%-32s %10d %6d", c.Type.Label(), c.Households, c.Places)
			for _, n := range c.ByBand {
				fmt.Fprintf(w, " %6d", n)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\nThe gap (children less places; above 0, more children than places):\n%-8s %18s %7s %4s %18s %7s %4s\n", "age", "in-house children", "places", "gap", "kinship children", "places", "gap")
		for _, g := range a.Gaps {
			fmt.Fprintf(w, "%-8s %18d %7d %4d %18d %7d %4d\n", g.Ages(), g.InHouseNeed, g.InHousePlaces, g.InHouseGap, g.KinshipNeed, g.KinshipPlaces, g.KinshipGap)
		}
	}
	if a.Near.Known {
		fmt.Fprintf(w, "\nWithin %d miles of the middle of the authority: %d children's homes", placements.NearMiles, a.Near.Homes)
		if a.Near.HomesSized > 0 {
			fmt.Fprintf(w, " (%d places over the %d whose places the list gives)", a.Near.HomePlaces, a.Near.HomesSized)
		}
		fmt.Fprintf(w, ", %d fostering agencies.\n", a.Near.Agencies)
	}
	if share, ok := a.OwnShare(); ok {
		fmt.Fprintf(w, "\nPlaced with own provision (PLACE_PROVIDER PR1): %.1f%%, %d of %d children looked after.\n", share, a.Own, a.All)
	}
	for _, n := range a.Notes {
		fmt.Fprintf(w, "\nNote: %s\n", n)
	}
}
