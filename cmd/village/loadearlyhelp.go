package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/earlyhelp"
	"github.com/village-uk/village/internal/pseudonym"
)

// prepareEarlyHelp reads the early help and HAF files of the load's
// folders, and the key, if one is given or the environment names one.
func prepareEarlyHelp(req app.LoadRequest, keyFile string) (*app.EarlyHelpLoad, error) {
	var key *pseudonym.Key
	if keyFile != "" || os.Getenv(keyFileVariable) != "" {
		k, err := keyFrom(keyFile)
		if err != nil {
			return nil, err
		}
		key = &k
	}
	return app.PrepareEarlyHelp(req, key)
}

// earlyHelpRefused says why the early help and HAF files could not be
// loaded.
func earlyHelpRefused(e *env, err error) error {
	var invalid *app.InvalidEarlyHelpValues
	if errors.As(err, &invalid) {
		for _, ps := range invalid.Problems {
			printProblems(e.stderr, ps)
		}
		return fmt.Errorf("%w; fix them, or load anyway with --force", err)
	}
	return err
}

// loadEarlyHelp stores the prepared early help and HAF files, after the
// returns, links with the key and says what it did.
func loadEarlyHelp(ctx context.Context, e *env, db string, l *app.EarlyHelpLoad) error {
	loaded, err := l.Store(ctx)
	if err != nil {
		return err
	}
	if sum := loaded.LoadSummary; sum != nil {
		years := make([]string, len(sum.Years))
		for i, y := range sum.Years {
			years[i] = y.String()
		}
		fmt.Fprintf(e.stdout, "Early help and HAF load %d into %s: %d years (%v), %d children in early help, rows inserted %d, replaced %d, unchanged %d, deleted %d.\n",
			sum.LoadID, redact(db), len(sum.Years), years, sum.Children, sum.Inserted, sum.Replaced, sum.Unchanged, sum.Deleted)
	}
	if loaded.Links == nil {
		if loaded.LoadSummary != nil {
			fmt.Fprintf(e.stdout, "Not linked with the 903 and the CIN census: give --key (or set %s) to link them.\n", keyFileVariable)
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "Linked: %d identifiers of the 903's and CIN census's children pseudonymised (%d not valid for their kind, not linked).\n",
		loaded.Links.Links, loaded.Links.Invalid)
	printLinkage(e, loaded.Linkage)
	return nil
}

// printLinkage prints the match rates by source, a table a year.
func printLinkage(e *env, ls []earlyhelp.Linkage) {
	for _, l := range ls {
		fmt.Fprintf(e.stdout, "Match rates, %s:\n", l.Year)
		for _, m := range l.Matches {
			others := make([]string, 0, len(m.In))
			for o := range m.In {
				others = append(others, o)
			}
			sort.Strings(others)
			fmt.Fprintf(e.stdout, "  %-11s %6d children", m.Source, m.Children)
			for _, o := range others {
				fmt.Fprintf(e.stdout, "; in %s %d (%s)", o, m.In[o], percent(m.In[o], m.Children))
			}
			fmt.Fprintln(e.stdout)
		}
	}
}

// percent is n of d as a percentage, or "-" when d is 0.
func percent(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}
