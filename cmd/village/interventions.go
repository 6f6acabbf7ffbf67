package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/store"
)

// interventionVerb is one action of the interventions command, on the
// interventions register.
type interventionVerb = storeVerb[*app.Interventions]

// interventionFlags are the fields of village interventions add.
type interventionFlags struct {
	name, start, end, series, cohort, effect, cost, programme, scenarioFile string
	rank                                                                    int
	programmeTarget, quarter, pounds                                        string
}

func interventionsCommand() *command {
	var f interventionFlags
	verbs := map[string]interventionVerb{
		"add": {usage: "--name NAME --start DATE --series IDS [--end DATE --cohort TEXT --effect -0.2 --annual-cost POUNDS --programme NAME --rank N --scenario FILE]",
			flags: func(fs *flag.FlagSet) {
				fs.StringVar(&f.name, "name", "", "the intervention's name, unique in the register")
				fs.StringVar(&f.start, "start", "", "the day it started, 2026-07-01 or 01/07/2026")
				fs.StringVar(&f.end, "end", "", "the day it ended, if it has")
				fs.StringVar(&f.series, "series", "", "the series it should move, separated by commas (known: "+strings.Join(interventions.KnownIDs(), ", ")+")")
				fs.StringVar(&f.cohort, "cohort", "", "for whom, in words or as a filter")
				fs.StringVar(&f.effect, "effect", "", "the expected change in its series, a fraction (-0.20) or percentage (-20%)")
				fs.StringVar(&f.cost, "annual-cost", "", "what it costs a year, in whole pounds")
				fs.StringVar(&f.programme, "programme", "", "the savings programme it belongs to (default: its own name)")
				fs.IntVar(&f.rank, "rank", 0, "its place in the savings ledger's order of precedence, 1 claiming first (default: unranked)")
				fs.StringVar(&f.scenarioFile, "scenario", "", "a YAML file of forecast scenario fields but name and from: the change it makes to the forecast, from its start")
			}, run: addIntervention(&f)},
		"list":   {run: listInterventions},
		"import": {usage: "FILE.csv|FILE.yaml", run: importInterventions},
		"target": {usage: "--programme NAME --quarter '2026/27 Q1' --pounds POUNDS", flags: func(fs *flag.FlagSet) {
			fs.StringVar(&f.programmeTarget, "programme", "", "the programme")
			fs.StringVar(&f.quarter, "quarter", "", "the financial quarter, such as 2026/27 Q1 (April to June 2026)")
			fs.StringVar(&f.pounds, "pounds", "", "the savings target for the quarter, in whole pounds")
		}, run: func(ctx context.Context, e *env, r *app.Interventions, by app.Actor, _ []string) error {
			q, err := interventions.ParseQuarter(f.quarter)
			if err != nil {
				return err
			}
			p, err := interventions.Pounds(f.pounds)
			if err != nil {
				return fmt.Errorf("--pounds %w", err)
			}
			t := interventions.Target{Programme: strings.TrimSpace(f.programmeTarget), Quarter: q, Pounds: p}
			if err := r.SetTarget(ctx, by, app.FromCommandLine, t); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "The savings target of %s for %s is %s.\n", t.Programme, t.Quarter, pack.PoundsText(t.Pounds))
			return nil
		}},
	}
	return &command{
		name: "interventions",
		summary: "Keep the register of interventions (/interventions): add one, list them, import a CSV or YAML file of them with savings targets, " +
			"or set a programme's savings target for a financial quarter. Each names the series it should move, the effect expected, its cost, " +
			"its programme, and the change it makes to the forecast, which the savings ledger (village savings) costs. Analysts and managers record; " +
			"each change is written to the audit log.",
		usage:   "add|list|import|target [--db DB] [--as NAME] ...",
		example: "village interventions import --db village.db register.yaml\n\n" + interventions.FileHelp(),
		run: func(ctx context.Context, e *env, args []string) error {
			return runStoreVerb(ctx, e, "interventions", verbs, args, func(s *store.Store) *app.Interventions {
				return &app.Interventions{Store: s.Interventions()}
			})
		},
	}
}

func addIntervention(f *interventionFlags) func(ctx context.Context, e *env, r *app.Interventions, by app.Actor, args []string) error {
	return func(ctx context.Context, e *env, r *app.Interventions, by app.Actor, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q; give the fields as flags", args)
		}
		iv := interventions.Intervention{Name: strings.TrimSpace(f.name), Series: app.SplitList(f.series), Cohort: f.cohort,
			Programme: strings.TrimSpace(f.programme), Rank: f.rank}
		var errs []error
		if d, ok := forecast.ParseDate(strings.TrimSpace(f.start)); ok {
			iv.Start = d
		} else {
			errs = append(errs, fmt.Errorf("--start %q: expected a date such as 2026-07-01", f.start))
		}
		if f.end != "" {
			d, ok := forecast.ParseDate(strings.TrimSpace(f.end))
			if !ok {
				errs = append(errs, fmt.Errorf("--end %q: expected a date such as 2027-03-31", f.end))
			}
			iv.End = d
		}
		if f.effect != "" {
			v, err := interventions.ParseEffect(f.effect)
			errs = append(errs, err)
			iv.Effect, iv.HasEffect = v, true
		}
		if f.cost != "" {
			v, err := interventions.Pounds(f.cost)
			if err != nil {
				errs = append(errs, fmt.Errorf("--annual-cost %w", err))
			}
			iv.AnnualCost = v
		}
		if f.scenarioFile != "" {
			data, err := os.ReadFile(f.scenarioFile)
			if err != nil {
				errs = append(errs, fmt.Errorf("--scenario: %w", err))
			}
			iv.Scenario = string(data)
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		id, err := r.Add(ctx, by, app.FromCommandLine, iv)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added intervention %d, %s, to programme %s.\n", id, iv.Name, iv.ProgrammeName())
		return nil
	}
}

func listInterventions(ctx context.Context, e *env, r *app.Interventions, by app.Actor, _ []string) error {
	list, err := r.List(ctx, by)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTART\tEND\tSERIES\tEFFECT\tANNUAL COST\tPROGRAMME\tRANK\tSCENARIO")
	for _, iv := range list {
		end, effect, rank, scenario := "", "", "", "none"
		if iv.End != 0 {
			end = forecast.ISO(iv.End)
		}
		if iv.HasEffect {
			effect = fmt.Sprintf("%+.0f%%", iv.Effect*100)
		}
		if iv.Rank > 0 {
			rank = fmt.Sprint(iv.Rank)
		}
		if strings.TrimSpace(iv.Scenario) != "" {
			scenario = "yes"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", iv.ID, iv.Name, forecast.ISO(iv.Start), end, strings.Join(iv.Series, ","),
			effect, pack.PoundsText(iv.AnnualCost), iv.ProgrammeName(), rank, scenario)
	}
	return tw.Flush()
}

func importInterventions(ctx context.Context, e *env, r *app.Interventions, by app.Actor, args []string) error {
	if len(args) != 1 {
		return errors.New("give one file to import, .csv or .yaml")
	}
	file, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer file.Close()
	f, err := interventions.ReadFile(args[0], file)
	if err != nil {
		return err
	}
	added, replaced, err := r.Import(ctx, by, app.FromCommandLine, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %s: %d interventions added, %d replaced, %d savings targets set.\n", args[0], added, replaced, len(f.Targets))
	return nil
}
