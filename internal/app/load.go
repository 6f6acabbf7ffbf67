package app

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// LoadRequest is what to load, where, and how.
type LoadRequest struct {
	// Dirs are the folders to read: a folder of CSV or XML files is one
	// year; a folder of year folders gives each of them.
	Dirs []string
	// DB names the store, as store.Open takes it. Load opens it only once
	// the returns have been read and found fit to store.
	DB string
	// Who is the person loading, recorded with the load and in the audit
	// log; From is where from, for the audit log ("command line" when
	// blank).
	Who  Actor
	From string
	// LA is the GSS code of the authority, recorded with the load.
	LA string
	// Force loads values that are not in the form their column needs, and
	// returns whose dates belong to another year than their folder's name.
	Force bool
	// Reference reads the reference data the rules use, when the returns
	// are about to be validated; nil for none.
	Reference func() (rules.Postcodes, rules.Providers, error)
	// Progress, when set, is told the rows loaded so far and in all.
	Progress func(done, total int)
}

// Loaded is what a load did.
type Loaded struct {
	store.LoadSummary
	// Failures counts, for each year that was validated, the failures
	// stored with it.
	Failures map[calendar.Year]int
	// Skipped are, for each year that was validated, the rules skipped
	// and why, as stored with it.
	Skipped map[calendar.Year][]store.Skipped
}

// InvalidValues is the error of a load refused because values are not
// in the form their column needs. Problems holds each year's, to show.
type InvalidValues struct {
	Count    int
	Problems []ssda903.Problems
}

func (e *InvalidValues) Error() string {
	return fmt.Sprintf("%d values are not in the form their column needs", e.Count)
}

// Load reads every year's return in the request's folders, refuses values
// not in their column's form unless forced, validates each year that has a
// rule set against the years before it in the same load, and stores them
// all or nothing, each year with its failures, recording who loaded them
// with the load and in the audit log.
func Load(ctx context.Context, req LoadRequest) (*Loaded, error) {
	if err := req.Who.check(); err != nil {
		return nil, err
	}
	returns, files, err := readYears(req.Dirs, req.LA, req.Force)
	if err != nil {
		return nil, err
	}
	invalid := &InvalidValues{}
	for _, r := range returns {
		invalid.Count += r.Problems.Count(ssda903.Invalid)
		invalid.Problems = append(invalid.Problems, r.Problems)
	}
	if invalid.Count > 0 && !req.Force {
		return nil, invalid
	}
	s, err := req.open(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var pcs rules.Postcodes
	var providers rules.Providers
	if req.Reference != nil {
		if pcs, providers, err = req.Reference(); err != nil {
			return nil, err
		}
	}
	failures, skipped := validateForStore(returns, pcs, providers)
	sum, err := s.Load(ctx, returns, store.LoadSource{Files: files, LA: req.LA, Failures: failures, Skipped: skipped, Progress: req.Progress,
		By: req.Who.Name, IdentifiedBy: req.Who.IdentifiedBy})
	if err != nil {
		return nil, err
	}
	if err := auditLoad(ctx, s, req.Who, req.From, "SSDA903", sum, files); err != nil {
		return nil, err
	}
	out := &Loaded{LoadSummary: *sum, Failures: map[calendar.Year]int{}, Skipped: skipped}
	for y, f := range failures {
		out.Failures[y] = len(f)
	}
	return out, nil
}

// readYears reads every year's return found in dirs, and the names of
// their files, refusing a return whose dates belong to another year than
// its folder's name unless forced.
func readYears(dirs []string, la string, force bool) ([]*ssda903.Return, []string, error) {
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
			if err := checkYear(p, r); err != nil && !force {
				return nil, nil, err
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

// validateForStore runs each year's rule set over the returns being
// loaded (validateYears) and returns the failures and the skipped rules to
// store with the data.
func validateForStore(returns []*ssda903.Return, pcs rules.Postcodes, providers rules.Providers) (map[calendar.Year][]store.Failure, map[calendar.Year][]store.Skipped) {
	failures, skipped := map[calendar.Year][]store.Failure{}, map[calendar.Year][]store.Skipped{}
	for y, rep := range validateYears(returns, pcs, providers) {
		failures[y], skipped[y] = store.FailuresOf(rep), store.SkippedOf(rep)
	}
	return failures, skipped
}

// open opens the store the request names, chosen for its authority when
// the request gives one (--la): in a store of several authorities, the
// CIN census, early help, links and family links stored after the 903
// are that authority's.
func (req LoadRequest) open(ctx context.Context) (*store.Store, error) {
	if req.LA == "" {
		return store.Open(ctx, req.DB)
	}
	return store.Open(ctx, store.WithAuthority(req.DB, req.LA))
}
