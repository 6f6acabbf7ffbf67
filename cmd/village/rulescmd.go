package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/validate"
)

func rulesCommand() *command {
	var yearText string
	c := &command{
		name:    "rules",
		summary: "List the validation rules of a collection year, or print one rule with its DfE wording, the tables and fields it reads and the input it needs.",
		usage:   "[CODE]",
		example: "village rules --year 2025/26 503A",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&yearText, "year", "", "collection year, such as 2025/26 (default: the current one)")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		year := currentYear(time.Now())
		if yearText != "" {
			y, err := calendar.ParseYear(yearText)
			if err != nil {
				return err
			}
			year = y
		}
		if !app.Rulebook().Complete(year) {
			return fmt.Errorf("no complete rule set for %s; Village has %s", year, supportedYears())
		}
		switch len(args) {
		case 0:
			listRules(e, year)
			return nil
		case 1:
			r := app.Rulebook().Rule(args[0], year)
			if r == nil {
				return fmt.Errorf("no rule %q in %s; run \"village rules --year %s\" for the list", args[0], year, year)
			}
			showRule(e, r, year)
			return nil
		}
		return fmt.Errorf("expected at most one rule code, got %d arguments", len(args))
	}
	return c
}

// currentYear is the collection year in progress today, or the latest
// Village has a rule set for.
func currentYear(now time.Time) calendar.Year {
	y := calendar.YearOf(calendar.DateOf(now))
	years := app.Rulebook().Years()
	return min(max(y, years[0]), years[len(years)-1])
}

func listRules(e *env, year calendar.Year) {
	set := app.Rulebook().Rules(year)
	dfe := 0
	for _, r := range set {
		if r.Origin == validate.DfE {
			dfe++
		}
	}
	fmt.Fprintf(e.stdout, "%d rules for %s: %d of the DfE's and %d of Village's own.\n\n", len(set), year, dfe, len(set)-dfe)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "code\tby\tneeds\tmessage")
	for _, r := range set {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, r.Origin, needsShort(r), r.Message)
	}
	tw.Flush()
}

// needsShort lists the keys of what a rule needs, or "-".
func needsShort(r *validate.Info) string {
	keys := r.NeedKeys()
	if len(keys) == 0 {
		return "-"
	}
	return strings.Join(keys, ",")
}

func showRule(e *env, r *validate.Info, year calendar.Year) {
	w := e.stdout
	fmt.Fprintf(w, "Rule %s (%s, %s)\n\n%s\n", r.Code, r.Origin, year, r.Message)
	if r.Description != "" {
		fmt.Fprintf(w, "\nThe check: %s\n", r.Description)
	}
	tables := make([]string, len(r.Tables))
	for i, t := range r.Tables {
		tables[i] = string(t)
	}
	fmt.Fprintf(w, "\nTables: %s\nFields: %s\n", strings.Join(tables, ", "), strings.Join(r.Fields, ", "))
	if r.Needs != 0 {
		fmt.Fprintf(w, "Needs: %s\n", r.NeedsText())
	}
	if r.From != 0 {
		fmt.Fprintf(w, "In force from: %s\n", r.From)
	}
}
