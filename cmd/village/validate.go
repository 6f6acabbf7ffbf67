package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/present/report"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

func validateCommand() *command {
	var (
		yearText, la, lastDir, postcodesFile, providerFiles, out string
		explain, force                                           bool
	)
	c := &command{
		name: "validate",
		summary: "Check a year's SSDA903 return against every DfE validation rule for its collection year, and Village's own data-integrity checks; " +
			"given a CIN census (an XML file, or a folder holding only one), recognised by its content, check it against every DfE CIN census rule instead. " +
			"Prints errors by rule and table and the rules skipped for want of input; --out writes one row per failure as .csv, .json or .xlsx. " +
			"Given a folder of year folders, it checks the latest (or --year) with every earlier year in it.",
		usage:   "DIR|CIN.xml",
		example: "village validate --la E06000999 --postcodes demo/postcodes.csv --out errors.xlsx demo",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&yearText, "year", "", "collection year, such as 2025/26 (default: the year the data covers)")
			fs.StringVar(&la, "la", "", "the local authority's code as the postcode directory gives it (E06000999); rules comparing with it are skipped without it")
			fs.StringVar(&lastDir, "last", "", "folder of last year's return (default: given a folder of year folders, every earlier year in it)")
			fs.StringVar(&postcodesFile, "postcodes", "", "ONS Postcode Directory CSV, for placement distance and location rules")
			fs.StringVar(&providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated, for the URN rules")
			fs.StringVar(&out, "out", "", "write every failure to this file: .csv, .json or .xlsx")
			fs.BoolVar(&explain, "explain", false, "print every failure with its explanation")
			fs.BoolVar(&force, "force", false, "validate a return whose dates belong to another collection year than its folder's name")
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
		useHugePages(validateHeap)
		if file, others := findCIN(args[0]); file != "" && others == 0 {
			return validateCIN(e, file, year, la, out, explain)
		}
		start := time.Now()
		thisDir, err := yearFolder(e, args[0], year)
		if err != nil {
			return err
		}
		o := validateOptions(args[0], thisDir, year, la, lastDir, postcodesFile, providerFiles)
		o.Force, o.OwnProcess = force, true
		v, err := app.Validate(o)
		if err != nil {
			return err
		}
		rep := v.Report
		e.log.Info("validated", "year", v.Return.Year.String(), "rules", len(rep.Ran), "failures", len(rep.Failures))
		printSummarised(e.stdout, v.Return, rep, v.Summary, time.Since(start))
		if file, _ := findCIN(thisDir); file != "" {
			fmt.Fprintf(e.stdout, "The folder also holds a CIN census, not validated here: run \"village validate %s\".\n", terminal(file))
		}
		if explain {
			printFailures(e.stdout, rep)
		}
		if out != "" {
			if err := writeReport(out, rep, v.Summary, v.Return.LA); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\nWrote %d failures to %s.\n", len(rep.Failures), out)
		}
		if !v.Summary.Clean() {
			return dataErrors
		}
		return nil
	}
	return c
}

// validateHeap is the heap validation asks the system to give in huge
// pages: a national 903 return with last year's takes about 450 MB, a
// national CIN census more (see useHugePages).
const validateHeap = 1 << 30

// validateOptions says what validating the folder dir asks for; thisDir
// is the year's folder in it (dir itself when it holds one year).
func validateOptions(dir, thisDir string, year calendar.Year, la, lastDir, postcodesFile, providerFiles string) app.ValidateOptions {
	o := app.ValidateOptions{Folder: thisDir, Year: year, LA: la, LastFolder: lastDir, PostcodesFile: postcodesFile,
		ProviderFiles: app.SplitList(providerFiles)}
	if thisDir != dir {
		o.Years = dir
	}
	return o
}

// readForValidation reads this year's return and, when there is one, the
// earlier years', refusing input with unusable files.
func readForValidation(e *env, dir string, year calendar.Year, la, lastDir string) (*ssda903.Return, error) {
	thisDir, err := yearFolder(e, dir, year)
	if err != nil {
		return nil, err
	}
	return app.ReadForValidation(validateOptions(dir, thisDir, year, la, lastDir, "", ""))
}

func validationInput(ret *ssda903.Return, postcodesFile, providerFiles string) (*rules.Input, error) {
	return app.ValidationInput(ret, postcodesFile, app.SplitList(providerFiles))
}

func printValidation(w io.Writer, ret *ssda903.Return, rep *validate.Report, took time.Duration) {
	printSummarised(w, ret, rep, rep.Summarise(), took)
}

// printSummarised is printValidation given the report's summary, s.
func printSummarised(w io.Writer, ret *ssda903.Return, rep *validate.Report, s validate.Summary, took time.Duration) {
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
	for _, t := range s.Missing {
		fmt.Fprintf(w, "\nCannot validate: %s missing (the return has no %s table; every rule reads it, so none was run).\n",
			strings.ToLower(string(t)), t)
	}
	switch {
	case len(s.Missing) > 0:
	case s.Failures == 0:
		fmt.Fprintln(w, "\nNo errors.")
	default:
		fmt.Fprintf(w, "\n%d failures (%d of DfE rules, %d of Village's own checks) affecting %d children.\n",
			s.Failures, s.DfEFailures, s.Failures-s.DfEFailures, s.Children)
		fmt.Fprintln(w, "\nBy rule:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  rule\tfailures\tchildren\tmessage")
		for _, r := range s.ByRule {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\n", r.Rule.Code, r.Failures, r.Children, r.Rule.Message)
		}
		tw.Flush()
		printCaveats(w, s)
		fmt.Fprintln(w, "\nBy table:")
		for _, t := range s.ByTable {
			name := string(t.Table)
			if t.Last {
				name += " (last year)"
			}
			fmt.Fprintf(w, "  %-28s %d\n", name, t.Failures)
		}
	}
	printSkipped(w, s)
}

// printCaveats explains each rule that makes up a tenth or more of the
// failures and has a caveat (what it cannot see): such a rule's count is
// often about the years given, not the data, as rule 1002's care leavers
// whose care is older than the earliest return are.
func printCaveats(w io.Writer, s validate.Summary) {
	for _, r := range s.ByRule {
		if r.Rule.Caveat == "" || r.Failures*10 < s.Failures {
			continue
		}
		fmt.Fprintf(w, "\nRule %s makes up %s of the %s failures. %s\n", r.Rule.Code, chart.Whole(float64(r.Failures)), chart.Whole(float64(s.Failures)), r.Rule.Caveat)
	}
}

// printSkipped lists skipped rules grouped by the reason.
func printSkipped(w io.Writer, s validate.Summary) {
	if len(s.Skipped) == 0 {
		return
	}
	fmt.Fprintf(w, "\nSkipped %d rules:\n", len(s.Skipped))
	for _, r := range s.SkipReasons {
		fmt.Fprintf(w, "  %s: %s\n", r.Reason, strings.Join(r.Codes, ", "))
	}
}

func printFailures(w io.Writer, rep *validate.Report) {
	fmt.Fprintln(w, "\nFailures:")
	for _, f := range rep.Failures {
		fmt.Fprintf(w, "  %s %s, child %s: %s\n", f.Rule.Code, failureLocation(f), terminal(f.Child), terminal(f.Explanation))
	}
}

// failureLocation says where a failure's row is as the readers do,
// "header.csv:104 (Header)", or by its table and data row when the file is
// not known.
func failureLocation(f validate.Failure) string {
	table := string(f.Table)
	if f.Last {
		table += " (last year)"
	}
	if f.File == "" || f.Line == 0 {
		return fmt.Sprintf("%s row %d", table, f.Row)
	}
	return fmt.Sprintf("%s:%d (%s)", terminal(f.File), f.Line, table)
}

func writeReport(path string, rep *validate.Report, s validate.Summary, la string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return folder.WriteFile(path, func(w io.Writer) error { return report.WriteSummarised(w, path, rep, s, la) })
}

func countEarlier(r *ssda903.Return) int {
	n := 0
	for p := r.Last; p != nil; p = p.Last {
		n++
	}
	return n
}

// runRules runs the year's rule set; the year must be supported.
func runRules(in *rules.Input) *validate.Report { return rules.Validate(in) }

// supportedYears names the collection years Village has rule sets for.
func supportedYears() string { return app.SupportedYears() }
