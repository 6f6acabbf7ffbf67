package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// defaultDB is the store a command uses without --db: a SQLite file in
// the working folder.
const defaultDB = "village.db"

func loadCommand() *command {
	var db, la, postcodesFile, providerFiles, as, key string
	var force bool
	c := &command{
		name: "load",
		summary: "Load one or more years of SSDA903 returns (CSV or XML folders, or folders of year folders) into the store: " +
			"a SQLite file by default, or PostgreSQL with --db postgres://... . A load is all or nothing; loading the same files again changes nothing; " +
			"a later year's return replaces what was stored for that year, and the history says which load supplied each row. " +
			"Each year with a rule set is validated first, against the years before it in the same load, and its failures are stored with it. " +
			"Each year folder's CIN census (cin-census.xml) is loaded too, in tables of its own: read and checked before anything is stored, and validated, its failures stored with it. " +
			"So are its early help and HAF files (early-help.csv, haf.csv: pseudonymised, as returns/earlyhelp/LAYOUT.md says); with --key (or " + keyFileVariable + "), the 903's and CIN census's children are linked to them by pseudonyms made under the council's key, which is never stored, and the match rates by source are printed. " +
			"So is the family-link file (family-links.csv, of the latest year folder holding one, else at the top: each child's birth mother, both pseudonymised), which replaces the links stored, for recurrent care.",
		usage:   "DIR...",
		example: "village load --db village.db village-demo",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&la, "la", "", "the authority (GSS code) of the returns, where they do not say; in a store of several, the one they are loaded for")
			dbFlag(fs, &db)
			fs.BoolVar(&force, "force", false, "load even when values are not in the form their column needs, or a return's dates belong to another year than its folder's name")
			fs.StringVar(&postcodesFile, "postcodes", "", "ONS Postcode Directory CSV, for the placement location rules run before storing")
			fs.StringVar(&providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated, for the URN rules run before storing")
			fs.StringVar(&as, "as", "", "who is loading, for the load's history and the audit log (default: the logged-in user)")
			fs.StringVar(&key, "key", "", "the council's pseudonym key file, to link the returns' children with early help and HAF (default: $"+keyFileVariable+")")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) == 0 {
			return fmt.Errorf("expected at least one folder; run \"village load -h\"")
		}
		return loadYears(ctx, e, args, loadOptions{db: db, la: la, postcodesFile: postcodesFile, providerFiles: providerFiles, force: force, as: as, key: key})
	}
	return c
}

// loadOptions is how loadYears loads: into which store, for which
// authority, with which reference data for the rules.
type loadOptions struct {
	db, la, postcodesFile, providerFiles string
	force                                bool   // load values not in their column's form
	as                                   string // who is loading; blank for the operating-system user
	key                                  string // the pseudonym key file; blank for the environment's, if any
}

// loadYears loads every year's return in dirs through app.Load and says
// what it did. It is "village load", and the demo's load.
func loadYears(ctx context.Context, e *env, dirs []string, o loadOptions) error {
	for _, dir := range dirs {
		if err := checkFolder(dir); err != nil {
			return err
		}
	}
	req := app.LoadRequest{Dirs: dirs, DB: o.db, Who: app.LocalActor(o.as), LA: o.la, Force: o.force,
		Reference: func() (rules.Postcodes, rules.Providers, error) {
			return app.ReferenceData(o.postcodesFile, app.SplitList(o.providerFiles))
		}}
	// The censuses are read and checked first, so that a refused one stops
	// the 903's load too; they are stored after it.
	census, err := app.PrepareCIN(req)
	if err != nil {
		return censusRefused(e, err)
	}
	partners, err := prepareEarlyHelp(req, o.key)
	if err != nil {
		return earlyHelpRefused(e, err)
	}
	links, err := app.PrepareFamilies(req)
	if err != nil {
		return err
	}
	// The bar appears when the load begins, after reading and validating.
	var bar *progressbar.ProgressBar
	begun := false
	req.Progress = func(done, total int) {
		if !begun {
			begun, bar = true, newProgress(e, "loading")
		}
		if bar == nil {
			return
		}
		bar.ChangeMax(total)
		bar.Set(done)
	}
	loaded, err := app.Load(ctx, req)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	var invalid *app.InvalidValues
	if errors.As(err, &invalid) {
		for _, ps := range invalid.Problems {
			printProblems(e.stderr, ps)
		}
		return fmt.Errorf("%w; fix them, or load anyway with --force", err)
	}
	if err != nil {
		return err
	}
	sum := &loaded.LoadSummary
	e.log.Info("loaded", "load", sum.LoadID, "years", len(sum.Years))
	printLoad(e, o.db, sum)
	for _, y := range sum.Years {
		if n, ok := loaded.Failures[y]; ok {
			fmt.Fprintf(e.stdout, "%s validated: %d failures stored with it.\n", y, n)
			printStoredSkips(e.stdout, loaded.Skipped[y])
		}
	}
	if err := loadCensuses(ctx, e, req.DB, census); err != nil {
		return err
	}
	if err := loadEarlyHelp(ctx, e, req.DB, partners); err != nil {
		return err
	}
	return loadFamilies(ctx, e, links)
}

// censusRefused says why the CIN censuses could not be loaded.
func censusRefused(e *env, err error) error {
	var invalid *app.InvalidCINValues
	if errors.As(err, &invalid) {
		for _, ps := range invalid.Problems {
			printProblems(e.stderr, ps)
		}
		return fmt.Errorf("%w; fix them, or load anyway with --force", err)
	}
	return err
}

// loadCensuses stores the prepared CIN censuses, after the 903 returns
// beside them, and says what it did.
func loadCensuses(ctx context.Context, e *env, db string, census *app.CINLoad) error {
	loaded, err := census.Store(ctx)
	if err != nil {
		return err
	}
	sum := loaded.LoadSummary
	if sum == nil {
		return nil
	}
	e.log.Info("loaded", "return", "CIN census", "load", sum.LoadID, "years", len(sum.Years))
	years := make([]string, len(sum.Years))
	for i, y := range sum.Years {
		years[i] = y.String()
	}
	fmt.Fprintf(e.stdout, "CIN census load %d into %s: %d years (%v), %d children, %d referrals.\n",
		sum.LoadID, redact(db), len(sum.Years), years, sum.Children, sum.Episodes)
	if !sum.Changed() {
		fmt.Fprintln(e.stdout, "Nothing changed: the store already held exactly these censuses.")
	} else {
		fmt.Fprintf(e.stdout, "Rows inserted %d, replaced %d, unchanged %d, deleted %d.\n",
			sum.Inserted, sum.Replaced, sum.Unchanged, sum.Deleted)
	}
	for _, y := range sum.Years {
		if _, ok := loaded.Failures[y]; !ok {
			continue
		}
		fmt.Fprintf(e.stdout, "%s CIN census validated by %d rules: %d failures stored with it.\n",
			y, loaded.Rules[y], loaded.Failures[y])
		printStoredSkips(e.stdout, loaded.Skipped[y])
	}
	return nil
}

// printStoredSkips says which rules a load's validation skipped and why,
// so that its count is not taken for validate's with more input.
func printStoredSkips(w io.Writer, skipped []store.Skipped) {
	if len(skipped) == 0 {
		return
	}
	var reasons []string
	codes := map[string][]string{}
	for _, sk := range skipped {
		if codes[sk.Reason] == nil {
			reasons = append(reasons, sk.Reason)
		}
		codes[sk.Reason] = append(codes[sk.Reason], sk.Rule)
	}
	fmt.Fprintf(w, "  %d rules skipped:\n", len(skipped))
	for _, r := range reasons {
		fmt.Fprintf(w, "    %s: %s\n", r, strings.Join(codes[r], ", "))
	}
}

func printLoad(e *env, db string, sum *store.LoadSummary) {
	years := make([]string, len(sum.Years))
	for i, y := range sum.Years {
		years[i] = y.String()
	}
	fmt.Fprintf(e.stdout, "Load %d into %s: %d years (%v), %d children, %d episodes.\n",
		sum.LoadID, redact(db), len(sum.Years), years, sum.Children, sum.Episodes)
	if !sum.Changed() {
		fmt.Fprintln(e.stdout, "Nothing changed: the store already held exactly these returns.")
		return
	}
	fmt.Fprintf(e.stdout, "Rows inserted %d, replaced %d, unchanged %d, deleted %d.\n",
		sum.Inserted, sum.Replaced, sum.Unchanged, sum.Deleted)
}

// newProgress returns a progress bar on standard error when it is a
// terminal, and nil otherwise, so that CI logs and pipes stay clean.
func newProgress(e *env, what string) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return progressbar.NewOptions(1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond))
}
