package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/refdata/published"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/folder"
)

func packCommand() *command {
	var db, quarter, out, populationFile, postcodesFile, laName, national string
	var publishable, full, withSavings bool
	var fsmPupils int
	c := &command{
		name: "pack",
		summary: "Build the quarterly looked-after-children seminar pack, as an Excel workbook (--out ending .xlsx) " +
			"or as one printable web page (--out ending .html) that needs no network and prints a section to a page: " +
			"a director's summary first (key measures over the 12 months to the quarter's end with their trend and England's " +
			"published figure, and what changed most against a year earlier), contents, the headline table of every indicator " +
			"against a year earlier, and for each key measure its definition, its control chart over 36 months with the " +
			"signals in words, and its breakdowns; --full gives every indicator such a page. Both forms hold the same figures; " +
			"--publishable suppresses counts of 1 to 5 as c.",
		example: "village pack --quarter 2025/26Q4 --population village-demo/population.csv --out pack.html",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&quarter, "quarter", "", "the quarter: a financial quarter such as 2025/26Q4 (January to March 2026), or a calendar quarter such as 2026Q1 (default: the last financial quarter of the latest year stored)")
			fs.StringVar(&out, "out", "", "the file to write: ending .xlsx for a workbook, .html for a printable page (required)")
			placementPostcodesFlag(fs, &postcodesFile)
			fs.StringVar(&populationFile, "population", "", "ONS mid-year estimates of the 0-17 population, for rates per 10,000")
			fs.BoolVar(&publishable, "publishable", false, "suppress counts of 1 to 5, for circulation beyond the analysts")
			fs.BoolVar(&full, "full", false, "give every indicator a page (a sheet), not only the summary's key measures")
			fs.StringVar(&laName, "la-name", "", "the authority's name, for the summary's heading beside its code")
			fs.StringVar(&national, "national", "", "a folder of the DfE's published tables (or village synth --national's): the web page "+
				"then compares the authority with England, its region and its neighbours")
			fs.IntVar(&fsmPupils, "fsm-pupils", 0, "pupils in the area eligible for free school meals (school census), for haf_fsm_reach_share")
			fs.BoolVar(&withSavings, "savings", false, "add the savings ledger's section (village savings, with its defaults): finance-sensitive, so not with --publishable")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; flags only", args)
		}
		ext := strings.ToLower(filepath.Ext(out))
		if ext != ".xlsx" && ext != ".html" && ext != ".htm" {
			return fmt.Errorf("--out %q: expected a file name ending .xlsx or .html", out)
		}
		pop, err := readPopulation(populationFile)
		if err != nil {
			return err
		}
		s, set, err := openJourneys(ctx, db, postcodesFile)
		if err != nil {
			return err
		}
		defer s.Close()
		q, err := packQuarter(quarter)
		if quarter == "" {
			q, err = latestQuarter(ctx, s)
			if err == nil {
				fmt.Fprintf(e.stderr, "No --quarter given: the pack is for %s, the last financial quarter of the latest year stored.\n", q.Label)
			}
		}
		if err != nil {
			return err
		}
		if err := set.Cover(q).Err(); err != nil {
			return err
		}
		authority, err := summaryAuthority(ctx, s, laName)
		if err != nil {
			return err
		}
		censuses, err := s.CIN().Returns(ctx)
		if err != nil {
			return err
		}
		front := frontdoor.Build(censuses)
		decided, err := packDecisions(ctx, s, q, app.Holdings{Care: set, Front: front}, publishable)
		if err != nil {
			return err
		}
		var tables *published.Tables
		if national != "" {
			if tables, err = published.ReadDir(national); err != nil {
				return err
			}
		}
		savings, err := packSavings(ctx, s, set, withSavings, publishable)
		if err != nil {
			return err
		}
		earlyHelp, err := packEarlyHelp(ctx, s, q, fsmPupils)
		if err != nil {
			return err
		}
		m := pack.Pack{Set: set, Population: pop, Quarter: q, Publishable: publishable, Full: full,
			Authority: authority, Front: front, Decisions: decided, National: tables, Savings: savings, EarlyHelp: earlyHelp}.Model()
		write := m.WriteXLSX
		if ext != ".xlsx" {
			write = m.WriteHTML
		}
		if err := folder.WriteFile(out, write); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote the %s pack to %s. %s\n", q.Label, out, m.Mode)
		return nil
	}
	return c
}

// quarterExample says how to write --quarter.
const quarterExample = "a financial quarter such as 2025/26Q4 (January to March 2026) or a calendar quarter such as 2026Q1"

// latestQuarter is the pack's quarter when none is given: the last
// financial quarter (January to March) of the latest year stored, which
// is where the data ends.
func latestQuarter(ctx context.Context, s *store.Store) (calendar.Period, error) {
	y, err := latestYear(ctx, s)
	if err != nil {
		return calendar.Period{}, err
	}
	return calendar.FinancialQuarter(y, 4), nil
}

// packQuarter reads --quarter: a financial or a calendar quarter.
func packQuarter(text string) (calendar.Period, error) {
	if text == "" {
		return calendar.Period{}, fmt.Errorf("--quarter: expected %s", quarterExample)
	}
	q, err := calendar.ParsePeriod(text)
	if err != nil {
		return calendar.Period{}, fmt.Errorf("--quarter: %w", err)
	}
	if !q.Kind.Quarterly() {
		return calendar.Period{}, fmt.Errorf("--quarter %q is a %s; expected %s", text, q.Kind, quarterExample)
	}
	return q, nil
}
