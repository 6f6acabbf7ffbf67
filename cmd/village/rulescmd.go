package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	cinrules "github.com/village-uk/village/returns/cin/rules"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/validate"
)

func rulesCommand() *command {
	var yearText, db, dir, which string
	c := &command{
		name:    "rules",
		summary: "List the validation rules of a collection year (the SSDA903's, or with --return cin the CIN census's), or print one rule with its DfE wording, the tables and fields it reads and the input it needs.",
		usage:   "[CODE]",
		example: "village rules --year 2025/26 503A",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&yearText, "year", "", "collection year, such as 2025/26 (default: the year of --folder, else the latest in the store, else the latest Village has rules for)")
			fs.StringVar(&dir, "folder", "", "a return's folder (or a folder of year folders), whose year the rules are for")
			fs.StringVar(&which, "return", "ssda903", "whose rules to list: ssda903 or cin (a rule's code says whose it is)")
			dbFlag(fs, &db)
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if which != "ssda903" && which != "cin" {
			return fmt.Errorf("--return %s: expected ssda903 or cin", which)
		}
		year, why, err := rulesYear(ctx, yearText, dir, db)
		if err != nil {
			return err
		}
		if which == "cin" || (len(args) == 1 && app.Rulebook().Rule(args[0], year) == nil && cinrules.Rules().Rule(args[0], year) != nil) {
			return cinRules(e, year, why, args)
		}
		if !app.Rulebook().Complete(year) {
			return fmt.Errorf("no complete rule set for %s; Village has %s", year, supportedYears())
		}
		if why != "" {
			fmt.Fprintf(e.stdout, "Rules for %s: %s. --year chooses another.\n\n", year, why)
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

// rulesYear is the collection year whose rules to show, and why it was
// chosen when it was not given: the year of the return in dir, else the
// latest year in the store db when there is one, else the latest year
// Village has a complete rule set for.
func rulesYear(ctx context.Context, yearText, dir, db string) (calendar.Year, string, error) {
	if yearText != "" {
		y, err := calendar.ParseYear(yearText)
		return y, "", err
	}
	if dir != "" {
		return folderYear(dir)
	}
	if _, err := os.Stat(db); err == nil || isServer(db) {
		s, err := openStore(ctx, db)
		if err != nil {
			return 0, "", err
		}
		defer s.Close()
		y, err := latestYear(ctx, s)
		if err == nil {
			return y, "the latest year in the store " + db, nil
		}
		if !errors.Is(err, errEmptyStore) {
			return 0, "", err
		}
	}
	years := app.Rulebook().Years()
	return years[len(years)-1], "the latest year Village has rules for, as no --folder was given and the store " + db + " holds no returns", nil
}

// folderYear is the collection year of the return in dir: the latest of
// its year folders, else the year its name or its data gives.
func folderYear(dir string) (calendar.Year, string, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return 0, "", fmt.Errorf("--folder %s: expected a folder of one year's SSDA903 files, or of year folders such as 2025-26", dir)
	}
	if years, err := folder.Years(dir); err == nil && len(years) > 0 {
		sorted := folder.SortedYears(years)
		return sorted[len(sorted)-1], "the latest year in " + dir, nil
	}
	r, err := folder.Read(dir, 0, "")
	if err != nil {
		return 0, "", fmt.Errorf("the year of the return in %s cannot be told: %w", dir, err)
	}
	return r.Year, "the year of the return in " + dir, nil
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

// cinRules lists the CIN census's rules in force in year, errors and
// queries told apart, or prints the one rule args names.
func cinRules(e *env, year calendar.Year, why string, args []string) error {
	book := cinrules.Rules()
	set := book.Rules(year)
	if len(set) == 0 {
		return fmt.Errorf("no CIN census rules for %s", year)
	}
	if why != "" {
		fmt.Fprintf(e.stdout, "CIN census rules for %s: %s. --year chooses another.\n\n", year, why)
	}
	switch len(args) {
	case 0:
	case 1:
		r := book.Rule(args[0], year)
		if r == nil {
			return fmt.Errorf("no CIN census rule %q in %s; run \"village rules --return cin --year %s\" for the list", args[0], year, year)
		}
		showRule(e, r, year)
		fmt.Fprintf(e.stdout, "Kind: %s\n", cinKind(r.Code))
		return nil
	default:
		return fmt.Errorf("expected at most one rule code, got %d arguments", len(args))
	}
	queries := 0
	for _, r := range set {
		if cinrules.IsQuery(r.Code) {
			queries++
		}
	}
	fmt.Fprintf(e.stdout, "%d CIN census rules for %s: %d errors and %d queries.\n\n", len(set), year, len(set)-queries, queries)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "code\tkind\tneeds\tmessage")
	for _, r := range set {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Code, cinKind(r.Code), needsShort(r), r.Message)
	}
	return tw.Flush()
}

// cinKind says whether a CIN census rule is an error or a query.
func cinKind(code string) string {
	if cinrules.IsQuery(code) {
		return "query"
	}
	return "error"
}
