package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// regionVerb is one action of village region, on the store.
type regionVerb = storeVerb[*store.Store]

// runRegionVerb runs one of village region's verbs on the store.
func runRegionVerb(ctx context.Context, e *env, command string, verbs map[string]regionVerb, args []string) error {
	return runStoreVerb(ctx, e, command, verbs, args, func(s *store.Store) *store.Store { return s })
}

func regionCommand() *command {
	return &command{
		name: "region",
		summary: "Figures for a group of authorities in one PostgreSQL store (a region, a care co-operative): " +
			"group add|remove|list names the groups (an administrator's change, written to the audit log); " +
			"refresh computes each member's 903 indicators, for every collection year its returns cover, and the group's " +
			"(counts summed, shares from summed numerators and denominators, medians on the members' journeys pooled, and the " +
			"children looked after counted once by their UPN's pseudonym), and stores them; show prints them, members and group side by side, " +
			"as published to every member (counts of 1 to 5 suppressed).",
		usage: "group add NAME CODE[:NAME]... | group remove NAME CODE | group list | refresh --group NAME [--population FILE] | " +
			"show --group NAME [--format table|json|csv]   (each with [--db DB] [--as USER])",
		example: "village region group add --db $VILLAGE_DB --as region.admin north-east E06000047:'County Durham' E06000005:Darlington",
		run: func(ctx context.Context, e *env, args []string) error {
			if len(args) > 0 && args[0] == "group" {
				return runRegionVerb(ctx, e, "region group", regionGroupVerbs(), args[1:])
			}
			return runRegionVerb(ctx, e, "region", regionVerbs(), args)
		},
	}
}

// regionGroupVerbs add to, remove from and list the groups.
func regionGroupVerbs() map[string]regionVerb {
	return map[string]regionVerb{
		"add": {usage: "NAME CODE[:DISPLAY NAME]...", run: func(ctx context.Context, e *env, s *store.Store, by app.Actor, args []string) error {
			if len(args) < 2 {
				return errors.New("give the group's name and at least one member's code, such as: north-east E06000047:'County Durham'")
			}
			var members []store.RegionMember
			for _, a := range args[1:] {
				code, name, _ := strings.Cut(a, ":")
				members = append(members, store.RegionMember{Code: strings.TrimSpace(code), Name: strings.TrimSpace(name)})
			}
			if err := app.AddRegionMembers(ctx, s, by, app.FromCommandLine, args[0], members); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Regional group %s: added %s.\n", args[0], strings.Join(store.RegionGroup{Members: members}.Codes(), ", "))
			return nil
		}},
		"remove": {usage: "NAME CODE", run: func(ctx context.Context, e *env, s *store.Store, by app.Actor, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("give the group's name and the member's code; %d arguments given", len(args))
			}
			if err := app.RemoveRegionMember(ctx, s, by, app.FromCommandLine, args[0], args[1]); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Regional group %s: removed %s; its figures are gone until the next refresh.\n", args[0], args[1])
			return nil
		}},
		"list": {run: func(ctx context.Context, e *env, s *store.Store, _ app.Actor, _ []string) error {
			groups, err := s.RegionGroups(ctx)
			if err != nil {
				return err
			}
			if len(groups) == 0 {
				fmt.Fprintln(e.stdout, "No regional group is named (village region group add NAME CODE...).")
				return nil
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "GROUP\tCODE\tNAME")
			for _, g := range groups {
				for _, m := range g.Members {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", g.Name, m.Code, m.Name)
				}
			}
			return tw.Flush()
		}},
	}
}

// regionVerbs refresh and show a group's figures.
func regionVerbs() map[string]regionVerb {
	var group, populationFile, format string
	groupFlag := func(fs *flag.FlagSet) {
		fs.StringVar(&group, "group", "", "the regional group (village region group list)")
	}
	return map[string]regionVerb{
		"refresh": {usage: "--group NAME [--population FILE]", flags: func(fs *flag.FlagSet) {
			groupFlag(fs)
			fs.StringVar(&populationFile, "population", "", "ONS mid-year estimates of the members' areas (long layout, with ladcode), for rates per 10,000")
		}, run: func(ctx context.Context, e *env, s *store.Store, by app.Actor, args []string) error {
			if err := needGroup(group, args); err != nil {
				return err
			}
			g, err := s.RegionGroup(ctx, group)
			if err != nil {
				return err
			}
			pops, err := readRegionPopulation(populationFile, g.Codes())
			if err != nil {
				return err
			}
			figures, err := app.RefreshRegion(ctx, s, by, app.FromCommandLine, group, pops, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Regional group %s: %d figures of %d members stored (village region show --group %s).\n",
				group, len(figures), len(g.Members), group)
			return nil
		}},
		"show": {usage: "--group NAME [--format table|json|csv]", flags: func(fs *flag.FlagSet) {
			groupFlag(fs)
			fs.StringVar(&format, "format", "table", "table, json or csv")
		}, run: func(ctx context.Context, e *env, s *store.Store, _ app.Actor, args []string) error {
			if err := needGroup(group, args); err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			view, err := app.ShowRegion(ctx, s, group, false)
			if err != nil {
				return err
			}
			return writeRegionView(e.stdout, format, view)
		}},
	}
}

// needGroup checks a verb was given --group and nothing else.
func needGroup(group string, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments %q; flags only", args)
	}
	if group == "" {
		return errors.New("give the regional group: --group NAME (village region group list)")
	}
	return nil
}

// checkFormat checks --format.
func checkFormat(format string) error {
	if format != "table" && format != "json" && format != "csv" {
		return fmt.Errorf("--format %q: expected table, json or csv", format)
	}
	return nil
}
