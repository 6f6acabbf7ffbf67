package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
	"github.com/village-uk/village/returns/folder"
)

// readPartners summarises the early help and HAF files (early-help.csv,
// haf.csv) in dir, when it holds any, as "village read" summarises a
// return: rows, children, date ranges, code distributions and problems,
// each with its file, line and column, after a blank line when after is
// true. It reports whether there were files at all, and whether any
// value was not in its column's form.
func readPartners(e *env, dir string, year calendar.Year, after bool) (found, invalid bool, err error) {
	r, err := folder.ReadPartners(dir, year)
	if err != nil {
		fmt.Fprintf(e.stderr, "cannot use the early help and HAF files in %s:\n%v\n", dir, err)
		return true, false, fmt.Errorf("%d unusable early help or HAF file(s)", len(returns.AsProblems(err, dir)))
	}
	if r == nil {
		return false, false, nil
	}
	e.log.Info("read partners' files", "year", r.Year.String(), "tables", len(r.Tables))
	if after {
		fmt.Fprintln(e.stdout)
	}
	printSummary(e.stdout, dir, r)
	return true, r.Problems.Count(returns.Invalid) > 0, nil
}

// hasReturnFiles reports whether dir holds CSV or XML files other than
// the early help and HAF files: a return, read as one.
func hasReturnFiles(dir string) bool {
	partners := map[string]bool{}
	for _, s := range earlyhelp.Schemas {
		partners[strings.ToLower(s.File)] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true // the return's reader says what is wrong
	}
	for _, d := range entries {
		name := strings.ToLower(d.Name())
		ext := filepath.Ext(name)
		if !d.IsDir() && (ext == ".csv" || ext == ".xml") && !partners[name] {
			return true
		}
	}
	return false
}
