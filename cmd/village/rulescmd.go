package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903/rules"
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
		if !rules.IsSupported(year) {
			return fmt.Errorf("no complete rule set for %s; Village has %s", year, supportedYears())
		}
		switch len(args) {
		case 0:
			listRules(e, year)
			return nil
		case 1:
			r := rules.Find(args[0], year)
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
	latest := rules.Supported[len(rules.Supported)-1]
	return min(max(y, rules.Supported[0]), latest)
}

func listRules(e *env, year calendar.Year) {
	set := rules.Set(year)
	dfe := 0
	for _, r := range set {
		if r.Origin == rules.DfE {
			dfe++
		}
	}
	fmt.Fprintf(e.stdout, "%d rules for %s: %d of the DfE's and %d of Village's own.\n\n", len(set), year, dfe, len(set)-dfe)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "code\tby\tneeds\tmessage")
	for _, r := range set {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, originName(r), needsShort(r.Needs), r.Message)
	}
	tw.Flush()
}

func originName(r *rules.Rule) string {
	if r.Origin == rules.Village {
		return "Village"
	}
	return "DfE"
}

func needsShort(n rules.Need) string {
	var parts []string
	for _, x := range []struct {
		need rules.Need
		name string
	}{{rules.NeedLast, "last"}, {rules.NeedPostcodes, "postcodes"}, {rules.NeedProviders, "providers"}, {rules.NeedLA, "la"}} {
		if n&x.need != 0 {
			parts = append(parts, x.name)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

func showRule(e *env, r *rules.Rule, year calendar.Year) {
	w := e.stdout
	fmt.Fprintf(w, "Rule %s (%s, %s)\n\n%s\n", r.Code, originName(r), year, r.Message)
	if r.Description != "" {
		fmt.Fprintf(w, "\nThe check: %s\n", r.Description)
	}
	tables := make([]string, len(r.Tables))
	for i, t := range r.Tables {
		tables[i] = string(t)
	}
	fmt.Fprintf(w, "\nTables: %s\nFields: %s\n", strings.Join(tables, ", "), strings.Join(r.Fields, ", "))
	if r.Needs != 0 {
		fmt.Fprintf(w, "Needs: %s\n", r.Needs)
	}
	if r.From != 0 {
		fmt.Fprintf(w, "In force from: %s\n", r.From)
	}
}
