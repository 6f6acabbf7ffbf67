package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// defaultDB is the store a command uses without --db: a SQLite file in
// the working folder.
const defaultDB = "village.db"

func loadCommand() *command {
	var db, la, postcodesFile, providerFiles string
	var force bool
	c := &command{
		name: "load",
		summary: "Load one or more years of SSDA903 returns (CSV or XML folders, or folders of year folders) into the store: " +
			"a SQLite file by default, or PostgreSQL with --db postgres://... . A load is all or nothing; loading the same files again changes nothing; " +
			"a later year's return replaces what was stored for that year, and the history says which load supplied each row. " +
			"Each year with a rule set is validated first, against the years before it in the same load, and its failures are stored with it.",
		usage:   "DIR...",
		example: "village load --db village.db village-demo",
		flags: func(fs *flag.FlagSet) {
			dbFlag(fs, &db)
			fs.StringVar(&la, "la", "", "local authority code recorded with the load")
			fs.BoolVar(&force, "force", false, "load even when values are not in the form their column needs")
			fs.StringVar(&postcodesFile, "postcodes", "", "ONS Postcode Directory CSV, for the placement location rules run before storing")
			fs.StringVar(&providerFiles, "providers", "", "Ofsted provider lists (.xlsx), comma separated, for the URN rules run before storing")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) == 0 {
			return fmt.Errorf("expected at least one folder; run \"village load -h\"")
		}
		return loadYears(ctx, e, args, loadOptions{db: db, la: la, postcodesFile: postcodesFile, providerFiles: providerFiles, force: force})
	}
	return c
}

// loadOptions is how loadYears loads: into which store, for which
// authority, with which reference data for the rules.
type loadOptions struct {
	db, la, postcodesFile, providerFiles string
	force                                bool // load values not in their column's form
}

// loadYears reads every year's return in dirs, refuses values not in
// their column's form unless forced, validates each year against the
// years before it, loads them all or nothing into the store and says
// what it did. It is "village load", and the demo's load.
func loadYears(ctx context.Context, e *env, dirs []string, o loadOptions) error {
	returns, files, err := readYears(dirs, o.la)
	if err != nil {
		return err
	}
	invalid := 0
	for _, r := range returns {
		invalid += r.Problems.Count(ssda903.Invalid)
	}
	if invalid > 0 && !o.force {
		for _, r := range returns {
			printProblems(e.stderr, r.Problems)
		}
		return fmt.Errorf("%d values are not in the form their column needs; fix them, or load anyway with --force", invalid)
	}
	s, err := store.Open(ctx, o.db)
	if err != nil {
		return err
	}
	defer s.Close()
	failures, err := validateForStore(returns, o.postcodesFile, o.providerFiles)
	if err != nil {
		return err
	}
	source := store.LoadSource{Files: files, LA: o.la, Failures: failures}
	bar := newProgress(e, "loading")
	if bar != nil {
		source.Progress = func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}
	}
	sum, err := s.Load(ctx, returns, source)
	if bar != nil {
		bar.Finish()
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	e.log.Info("loaded", "load", sum.LoadID, "years", len(sum.Years))
	printLoad(e, o.db, sum)
	for _, y := range sum.Years {
		if f, ok := failures[y]; ok {
			fmt.Fprintf(e.stdout, "%s validated: %d failures stored with it.\n", y, len(f))
		}
	}
	return nil
}

// readYears reads every year's return found in dirs: a folder of CSV or
// XML files is one year; a folder of year folders gives each of them.
func readYears(dirs []string, la string) ([]*ssda903.Return, []string, error) {
	var returns []*ssda903.Return
	var files []string
	for _, dir := range dirs {
		years, err := folder.Years(dir)
		if err != nil {
			return nil, nil, err
		}
		paths := []string{dir}
		if len(years) > 0 {
			paths = paths[:0]
			for _, y := range folder.SortedYears(years) {
				paths = append(paths, years[y])
			}
		}
		for _, p := range paths {
			r, err := folder.Read(p, 0, la)
			if err != nil {
				return nil, nil, fmt.Errorf("cannot use %s:\n%w", p, err)
			}
			returns = append(returns, r)
			for _, t := range r.Tables {
				if t.File != "" {
					files = append(files, filepath.Base(t.File))
				}
			}
		}
	}
	sort.Strings(files)
	return returns, files, nil
}

func printLoad(e *env, db string, sum *store.LoadSummary) {
	years := make([]string, len(sum.Years))
	for i, y := range sum.Years {
		years[i] = y.String()
	}
	fmt.Fprintf(e.stdout, "Load %d into %s: %d years (%v), %d children, %d episodes.\n",
		sum.LoadID, db, len(sum.Years), years, sum.Children, sum.Episodes)
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

// validateForStore runs each year's rule set, where Village has one, over
// the returns being loaded, each with the years before it among them, and
// returns the failures to store with the data.
func validateForStore(returns []*ssda903.Return, postcodesFile, providerFiles string) (map[calendar.Year][]store.Failure, error) {
	reports, err := app.ValidateLoaded(returns, postcodesFile, app.SplitList(providerFiles))
	if err != nil {
		return nil, err
	}
	out := map[calendar.Year][]store.Failure{}
	for y, rep := range reports {
		out[y] = store.FailuresOf(rep)
	}
	return out, nil
}
