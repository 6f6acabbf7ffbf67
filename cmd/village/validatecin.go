package main

import (
	"fmt"
	"time"

	"github.com/village-uk/village/calendar"
	cinrules "github.com/village-uk/village/returns/cin/rules"
)

// validateCIN checks the CIN census in file against every DfE rule of its
// collection year, prints what it found as the 903's validation does, and
// writes every failure to out when it is given.
func validateCIN(e *env, file string, year calendar.Year, la, out string, explain bool) error {
	start := time.Now()
	r, err := readCIN(e, file, year, la)
	if err != nil {
		return err
	}
	rep := cinrules.Validate(r)
	e.log.Info("validated", "return", r.Collection.Name, "year", r.Year.String(), "rules", len(rep.Ran), "failures", len(rep.Failures))
	fmt.Fprintf(e.stdout, "%s census read from %s.\n", r.Collection.Name, terminal(file))
	s := rep.Summarise()
	printSummarised(e.stdout, r, rep, s, time.Since(start))
	if explain {
		printFailures(e.stdout, rep)
	}
	if out != "" {
		if err := writeReport(out, rep, s, r.LA); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nWrote %d failures to %s.\n", len(rep.Failures), out)
	}
	if !s.Clean() {
		return dataErrors
	}
	return nil
}
