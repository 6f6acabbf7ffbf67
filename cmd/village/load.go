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

	"github.com/village-uk/village/ssda903"
	"github.com/village-uk/village/ssda903/folder"
	"github.com/village-uk/village/store"
)

// defaultDB is the store a command uses without --db: a SQLite file in
// the working folder.
const defaultDB = "village.db"

func loadCommand() *command {
	var db, la string
	var force bool
	c := &command{
		name: "load",
		summary: "Load one or more years of SSDA903 returns (CSV or XML folders, or folders of year folders) into the store: " +
			"a SQLite file by default, or PostgreSQL with --db postgres://... . A load is all or nothing; loading the same files again changes nothing; " +
			"a later year's return replaces what was stored for that year, and the history says which load supplied each row.",
		usage:   "DIR...",
		example: "village load --db village.db village-demo",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&db, "db", defaultDB, "the store: a SQLite file path or a PostgreSQL URL")
			fs.StringVar(&la, "la", "", "local authority code recorded with the load")
			fs.BoolVar(&force, "force", false, "load even when values are not in the form their column needs")
		},
	}
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) == 0 {
			return fmt.Errorf("expected at least one folder; run \"village load -h\"")
		}
		returns, files, err := readYears(args, la)
		if err != nil {
			return err
		}
		invalid := 0
		for _, r := range returns {
			invalid += r.Problems.Count(ssda903.Invalid)
		}
		if invalid > 0 && !force {
			for _, r := range returns {
				printProblems(e.stderr, r.Problems)
			}
			return fmt.Errorf("%d values are not in the form their column needs; fix them, or load anyway with --force", invalid)
		}
		s, err := store.Open(ctx, db)
		if err != nil {
			return err
		}
		defer s.Close()
		source := store.LoadSource{Files: files, LA: la}
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
		printLoad(e, db, sum)
		return nil
	}
	return c
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
