package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/present/report"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
)

func validateCommand() *command {
	var (
		yearText, la, lastDir, postcodesFile, providerFiles, out string
		explain                                                  bool
	)
	c := &command{
		name: "validate",
		summary: "Check a year's SSDA903 return against every DfE validation rule for its collection year, and Village's own data-integrity checks. " +
			"Prints errors by rule and table and the rules skipped for want of input; --out writes one row per failure as .csv, .json or .xlsx. " +
			"Given a folder of year folders, it checks the latest (or --year) with every earlier year in it.",
		usage:   "DIR",
		example: "village validate --la E06000999 --postcodes demo/postcodes.csv --out errors.xlsx demo",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&yearText, "year", "", "collection year, such as 2025/26 (default: the year the data covers)")
			fs.StringVar(&la, "la", "", "the local authority's code as the postcode directory gives it (E06000999); rules comparing with it are skipped without it")
			fs.StringVar(&lastDir, "last", "", "folder of last year's return (default: given a folder of year folders, every earlier year in it)")
			fs.StringVar(&postcodesFile, "postcodes", "", "ONS Postcode Directory CSV, for placement distance and location rules")
			fs.StringVar(&providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated, for the URN rules")
			fs.StringVar(&out, "out", "", "write every failure to this file: .csv, .json or .xlsx")
			fs.BoolVar(&explain, "explain", false, "print every failure with its explanation")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("expected one folder, got %d arguments; run \"village validate -h\"", len(args))
		}
		year, err := optionalYear(yearText)
		if err != nil {
			return err
		}
		start := time.Now()
		ret, err := readForValidation(e, args[0], year, la, lastDir)
		if err != nil {
			return err
		}
		if !rules.IsSupported(ret.Year) {
			return fmt.Errorf("no complete rule set for %s; Village has %s", ret.Year, supportedYears())
		}
		in, err := validationInput(ret, postcodesFile, providerFiles)
		if err != nil {
			return err
		}
		rep := runRules(in)
		e.log.Info("validated", "year", ret.Year.String(), "rules", len(rep.Ran), "failures", len(rep.Failures))
		printValidation(e.stdout, ret, rep, time.Since(start))
		if explain {
			printFailures(e.stdout, rep)
		}
		if out != "" {
			if err := writeReport(out, rep, ret.LA); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\nWrote %d failures to %s.\n", len(rep.Failures), out)
		}
		if len(rep.Failures) > 0 {
			return dataErrors
		}
		return nil
	}
	return c
}

func supportedYears() string {
	var names []string
	for _, y := range rules.Supported {
		names = append(names, y.String())
	}
	return strings.Join(names, " and ")
}

// readForValidation reads this year's return and, when there is one, last
// year's, refusing input with unusable files.
func readForValidation(e *env, dir string, year calendar.Year, la, lastDir string) (*ssda903.Return, error) {
	thisDir, err := yearFolder(e, dir, year)
	if err != nil {
		return nil, err
	}
	ret, err := folder.Read(thisDir, year, la)
	if err != nil {
		return nil, fmt.Errorf("cannot use %s:\n%w", thisDir, err)
	}
	var earlier []string // last year's folder first, then older ones
	switch {
	case lastDir != "":
		earlier = []string{lastDir}
	case thisDir != dir:
		years, err := folder.Years(dir)
		if err != nil {
			return nil, err
		}
		for y := ret.Year - 1; years[y] != ""; y-- {
			earlier = append(earlier, years[y])
		}
	}
	prevs := make([]*ssda903.Return, len(earlier))
	errs := make([]error, len(earlier))
	var wg sync.WaitGroup
	for i, d := range earlier {
		wg.Go(func() { prevs[i], errs[i] = folder.Read(d, ret.Year-1-calendar.Year(i), la) })
	}
	wg.Wait()
	at := ret
	for i, prev := range prevs {
		if errs[i] != nil {
			return nil, fmt.Errorf("cannot use the earlier return %s:\n%w", earlier[i], errs[i])
		}
		at.Last, at = prev, prev
	}
	return ret, nil
}

func validationInput(ret *ssda903.Return, postcodesFile, providerFiles string) (*rules.Input, error) {
	pcs, providers, err := referenceData(postcodesFile, providerFiles)
	if err != nil {
		return nil, err
	}
	// The rules read earlier years through their typed tables only, and a
	// national return's raw rows are large: let them go once typed.
	return rules.NewInputFreeing(ret, pcs, providers), nil
}

// referenceData reads the postcode directory and the Ofsted provider
// lists, when named; the rules that need one it lacks are skipped.
func referenceData(postcodesFile, providerFiles string) (rules.Postcodes, rules.Providers, error) {
	var dir *postcode.Directory
	var pcs rules.Postcodes
	if postcodesFile != "" {
		var err error
		if dir, err = readFile(postcodesFile, postcode.Read); err != nil {
			return nil, nil, err
		}
		pcs = dir
	}
	var providers rules.Providers
	if providerFiles != "" {
		list := ofsted.New()
		for _, name := range strings.Split(providerFiles, ",") {
			name = strings.TrimSpace(name)
			f, err := os.Open(name)
			if err != nil {
				return nil, nil, err
			}
			err = list.Add(name, f, dir)
			f.Close()
			if err != nil {
				return nil, nil, err
			}
		}
		providers = list
	}
	return pcs, providers, nil
}

func printValidation(w io.Writer, ret *ssda903.Return, rep *rules.Report, took time.Duration) {
	s := rep.Summarise()
	last := "without last year's return"
	if n := countEarlier(ret); n == 1 {
		last = "with last year's return"
	} else if n > 1 {
		last = fmt.Sprintf("with the %d years before it", n)
	}
	fmt.Fprintf(w, "Validated the %s return %s: %d rules run, %d skipped, in %.2fs.\n",
		ret.Year, last, len(rep.Ran), len(rep.Skipped), took.Seconds())
	if n := ret.Problems.Count(ssda903.Invalid); n > 0 {
		fmt.Fprintf(w, "Reading found %d values not in the form their column needs (run \"village read\" for the list).\n", n)
	}
	if s.Failures == 0 {
		fmt.Fprintln(w, "\nNo errors.")
	} else {
		fmt.Fprintf(w, "\n%d failures (%d of DfE rules, %d of Village's own checks) affecting %d children.\n",
			s.Failures, s.DfEFailures, s.Failures-s.DfEFailures, s.Children)
		fmt.Fprintln(w, "\nBy rule:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  rule\tfailures\tchildren\tmessage")
		for _, r := range s.ByRule {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\n", r.Rule.Code, r.Failures, r.Children, r.Rule.Message)
		}
		tw.Flush()
		fmt.Fprintln(w, "\nBy table:")
		for _, t := range s.ByTable {
			name := string(t.Table)
			if t.Last {
				name += " (last year)"
			}
			fmt.Fprintf(w, "  %-28s %d\n", name, t.Failures)
		}
	}
	printSkipped(w, rep.Skipped)
}

// printSkipped lists skipped rules grouped by the reason.
func printSkipped(w io.Writer, skipped []rules.Skip) {
	if len(skipped) == 0 {
		return
	}
	byReason := map[string][]string{}
	for _, s := range skipped {
		byReason[s.Reason] = append(byReason[s.Reason], s.Rule.Code)
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	fmt.Fprintf(w, "\nSkipped %d rules:\n", len(skipped))
	for _, r := range reasons {
		fmt.Fprintf(w, "  %s: %s\n", r, strings.Join(byReason[r], ", "))
	}
}

func printFailures(w io.Writer, rep *rules.Report) {
	fmt.Fprintln(w, "\nFailures:")
	for _, f := range rep.Failures {
		table := string(f.Table)
		if f.Last {
			table += " (last year)"
		}
		fmt.Fprintf(w, "  %s %s row %d, child %s: %s\n", f.Rule.Code, table, f.Row, f.Child, f.Explanation)
	}
}

func writeReport(path string, rep *rules.Report, la string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return folder.WriteFile(path, func(w io.Writer) error { return report.Write(w, path, rep, la) })
}

func countEarlier(r *ssda903.Return) int {
	n := 0
	for p := r.Last; p != nil; p = p.Last {
		n++
	}
	return n
}

// runRules runs the year's rule set; the year must be supported.
func runRules(in *rules.Input) *rules.Report {
	return rules.Run(in, rules.Set(in.Year))
}
