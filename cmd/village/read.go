package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

func readCommand() *command {
	var yearText, la string
	c := &command{
		name:    "read",
		summary: "Read one year's SSDA903 return (CSV or XML files in a folder), or a CIN census XML file (or a folder holding one), and the early help and HAF files beside them (early-help.csv, haf.csv), and summarise them table by table: rows, children, date ranges, code distributions, warnings and errors.",
		usage:   "DIR|CIN.xml",
		example: "village read demo/2025-26",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&yearText, "year", "", "collection year, such as 2025/26 (default: from the folder's name, else from the data)")
			fs.StringVar(&la, "la", "", "local authority code, such as E06000999")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("expected one folder, got %d arguments; run \"village read -h\"", len(args))
		}
		year, err := optionalYear(yearText)
		if err != nil {
			return err
		}
		dir := args[0]
		file, others := findCIN(dir)
		if file == "" {
			if dir, err = yearFolder(e, dir, year); err != nil {
				return err
			}
			file, others = findCIN(dir)
		}
		if file != "" && others == 0 {
			return readCINCommand(e, file, 0, year, la)
		}
		r, err := folder.Read(dir, year, la)
		if err != nil && !hasReturnFiles(dir) {
			// A folder of early help and HAF files alone.
			if found, invalid, perr := readPartners(e, dir, year, false); found || perr != nil {
				if perr == nil && invalid {
					perr = dataErrors
				}
				return perr
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "cannot use %s:\n%v\n", dir, err)
			return fmt.Errorf("%d unusable file(s) or folder", len(ssda903.AsProblems(err, dir)))
		}
		e.log.Info("read return", "year", r.Year.String(), "tables", len(r.Tables))
		printSummary(e.stdout, dir, r)
		invalid := r.Problems.Count(ssda903.Invalid) > 0
		if file != "" { // a year folder holding both returns, as village synth writes them
			fmt.Fprintln(e.stdout)
			if err := readCINCommand(e, file, 0, r.Year, la); err == dataErrors {
				invalid = true
			} else if err != nil {
				return err
			}
		}
		if _, bad, err := readPartners(e, dir, r.Year, true); err != nil {
			return err
		} else if bad {
			invalid = true
		}
		if invalid {
			return dataErrors
		}
		return nil
	}
	return c
}

// readCINCommand summarises the CIN census in file, read from a folder
// holding others other return files, which it leaves unread.
func readCINCommand(e *env, file string, others int, year calendar.Year, la string) error {
	if others > 0 {
		fmt.Fprintf(e.stderr, "%s is a CIN census; the %d other file(s) beside it are not read\n", file, others)
	}
	r, err := readCIN(e, file, year, la)
	if err != nil {
		return err
	}
	e.log.Info("read return", "return", r.Collection.Name, "year", r.Year.String(), "tables", len(r.Tables))
	printSummary(e.stdout, file, r)
	if r.Problems.Count(ssda903.Invalid) > 0 {
		return dataErrors
	}
	return nil
}

// checkFolder says, when dir is not a folder, what was expected there.
func checkFolder(dir string) error {
	const expected = "expected a folder of one year's SSDA903 files (CSV or XML), or a folder of year folders such as 2025-26"
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("there is no folder %s: %s", dir, expected)
	}
	if err != nil {
		return fmt.Errorf("the folder %s cannot be read (%w): %s", dir, err, expected)
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder: %s", dir, expected)
	}
	return nil
}

// yearFolder returns dir itself when it holds data files, or, when it holds
// only year folders (as "village synth" writes), the one for year, or the
// latest.
func yearFolder(e *env, dir string, year calendar.Year) (string, error) {
	if err := checkFolder(dir); err != nil {
		return "", err
	}
	years, err := folder.Years(dir)
	if err != nil || len(years) == 0 {
		return dir, nil
	}
	if year != 0 {
		if d, ok := years[year]; ok {
			return d, nil
		}
		return "", fmt.Errorf("%s has no folder for %s", dir, year)
	}
	sorted := folder.SortedYears(years)
	latest := years[sorted[len(sorted)-1]]
	fmt.Fprintf(e.stderr, "%s holds %d years; reading the latest, %s\n", dir, len(years), latest)
	return latest, nil
}

func printSummary(w io.Writer, dir string, r *ssda903.Return) {
	s := r.Collection.Summarise(r)
	fmt.Fprintf(w, "%s return for %s read from %s", r.Collection.Name, s.Year, dir)
	if s.LA != "" {
		fmt.Fprintf(w, " (local authority %s)", terminal(s.LA))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Table\tRows\tChildren\t")
	for _, t := range s.Tables {
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", t.Name, t.Rows, t.Children)
	}
	tw.Flush()
	unlisted := false
	for _, t := range s.Tables {
		if t.Rows == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s, %s)\n", t.Name, plural(t.Rows, "row"), plural(t.Children, "child"))
		for _, d := range t.Dates {
			fmt.Fprintf(w, "  %-22s %s\n", d.Column, describeDates(d))
		}
		for _, c := range t.Codes {
			fmt.Fprintf(w, "  %-22s %s\n", c.Column, describeCodes(c, t.Rows))
			for _, n := range c.Counts {
				unlisted = unlisted || !n.Valid
			}
		}
	}
	if unlisted {
		fmt.Fprintf(w, "\n* marks a code that is not in the %s code list.\n", s.Year)
	}
	printProblems(w, r.Problems)
}

func describeDates(d ssda903.DateSpan) string {
	var parts []string
	if d.Valid > 0 {
		parts = append(parts, fmt.Sprintf("%s to %s", d.First, d.Last))
	}
	if d.Blank > 0 {
		parts = append(parts, fmt.Sprintf("%d blank", d.Blank))
	}
	if d.NotADate > 0 {
		parts = append(parts, fmt.Sprintf("%d not a date", d.NotADate))
	}
	return strings.Join(parts, "; ")
}

// describeCodes lists the commonest codes with their shares; codes the
// year's list does not have are marked with an asterisk.
func describeCodes(c ssda903.CodeCounts, rows int) string {
	var parts []string
	for i, n := range c.Counts {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("+%d more", len(c.Counts)-8))
			break
		}
		code := terminal(n.Code)
		if code == "" {
			code = "(blank)"
		}
		if !n.Valid {
			code += "*"
		}
		parts = append(parts, fmt.Sprintf("%s %d (%.0f%%)", code, n.N, 100*float64(n.N)/float64(rows)))
	}
	return strings.Join(parts, ", ")
}

func printProblems(w io.Writer, ps ssda903.Problems) {
	invalid, warnings := ps.Count(ssda903.Invalid), ps.Count(ssda903.Warning)
	fmt.Fprintf(w, "\n%s, %s", plural(invalid, "invalid value"), plural(warnings, "warning"))
	if invalid+warnings == 0 {
		fmt.Fprintln(w, ".")
		return
	}
	fmt.Fprintln(w, ":")
	for i, p := range ps {
		if i == 20 {
			fmt.Fprintf(w, "  ... and %d more\n", len(ps)-20)
			break
		}
		fmt.Fprintf(w, "  %s\n", terminal(p.Error()))
	}
}

// plural formats a count with a noun: "1 row", "2 rows", "3 children".
func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case noun == "child":
		return fmt.Sprintf("%d children", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
