package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	cinrules "github.com/village-uk/village/returns/cin/rules"
	"github.com/village-uk/village/returns/folder"
	ssfolder "github.com/village-uk/village/returns/ssda903/folder"
)

// LoadedCIN is what a load of CIN censuses did.
type LoadedCIN struct {
	// LoadSummary is the store's account; nil when the folders held no
	// CIN census, and nothing was loaded.
	*store.LoadSummary
	// Failures counts, for each year loaded that has any rules, the
	// failures its validation found, stored with the census.
	Failures map[calendar.Year]int
	// Rules counts, for the same years, the rules that ran.
	Rules map[calendar.Year]int
	// Skipped are, for the same years, the rules skipped and why, as
	// stored with the census.
	Skipped map[calendar.Year][]store.Skipped
}

// InvalidCINValues is the error of a CIN load refused because values are
// not in the form their column needs. Problems holds each census's.
type InvalidCINValues struct {
	Count    int
	Problems []returns.Problems
}

func (e *InvalidCINValues) Error() string {
	return fmt.Sprintf("%d values of the CIN census are not in the form their column needs", e.Count)
}

// LoadCIN loads every CIN census (a cin-census.xml or any XML file that
// cin.Sniff recognises) in the request's folders, as Load loads the 903
// returns beside them: PrepareCIN, then Store.
func LoadCIN(ctx context.Context, req LoadRequest) (*LoadedCIN, error) {
	l, err := PrepareCIN(req)
	if err != nil {
		return nil, err
	}
	return l.Store(ctx)
}

// CINLoad is a load of CIN censuses read, checked and validated, ready to
// store. Preparing it before the 903 load and storing it after lets a
// refused census stop both, before either is stored.
type CINLoad struct {
	req      LoadRequest
	censuses []*returns.Return
	files    []string
	out      *LoadedCIN
	// failures are each validated year's failures, to store with it.
	failures map[calendar.Year][]store.Failure
}

// PrepareCIN reads the censuses in the request's folders, refuses values
// not in their column's form unless forced, and a census whose dates are
// another year's than its folder's name, and validates each year against
// its DfE rules. Reference and Progress are not used. Folders without a
// census are passed over.
func PrepareCIN(req LoadRequest) (*CINLoad, error) {
	if err := req.Who.check(); err != nil {
		return nil, err
	}
	censuses, files, err := readCINYears(req.Dirs, req.LA, req.Force)
	if err != nil {
		return nil, err
	}
	invalid := &InvalidCINValues{}
	for _, r := range censuses {
		invalid.Count += r.Problems.Count(returns.Invalid)
		invalid.Problems = append(invalid.Problems, r.Problems)
	}
	if invalid.Count > 0 && !req.Force {
		return nil, invalid
	}
	out, failures := validateCINYears(censuses)
	return &CINLoad{req: req, censuses: censuses, files: files, out: out, failures: failures}, nil
}

// validateCINYears validates each census against its year's rules, as
// many years at once as there are cores (a year's rules run in parallel,
// but it types and groups its census on one), and returns what it found
// and each year's failures to store. As for the 903, only a year with
// rules is validated; no year's CIN rule set is complete yet, so any
// rules will do.
func validateCINYears(censuses []*returns.Return) (*LoadedCIN, map[calendar.Year][]store.Failure) {
	reports := make([]*cinrules.Report, len(censuses))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range censuses {
		if len(cinrules.Rules().For(r.Year)) > 0 {
			slots <- struct{}{}
			wg.Go(func() {
				defer func() { <-slots }()
				reports[i] = cinrules.Validate(r)
			})
		}
	}
	wg.Wait()
	out := &LoadedCIN{Failures: map[calendar.Year]int{}, Rules: map[calendar.Year]int{}, Skipped: map[calendar.Year][]store.Skipped{}}
	failures := map[calendar.Year][]store.Failure{}
	for i, rep := range reports {
		if rep != nil {
			y := censuses[i].Year
			failures[y], out.Skipped[y] = store.FailuresOf(rep), store.SkippedOf(rep)
			out.Failures[y], out.Rules[y] = len(rep.Failures), len(rep.Ran)
		}
	}
	return out, failures
}

// Store stores the prepared censuses all or nothing in Store.CIN(), each
// validated year with its failures and skipped rules, recording who
// loaded them with the load and in the audit log; it stores nothing, and opens no store, when
// the folders held no census.
func (l *CINLoad) Store(ctx context.Context) (*LoadedCIN, error) {
	if len(l.censuses) == 0 {
		return l.out, nil
	}
	s, err := l.req.open(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sum, err := s.CIN().Load(ctx, l.censuses, store.LoadSource{Files: l.files, LA: l.req.LA,
		Failures: l.failures, Skipped: l.out.Skipped, By: l.req.Who.Name, IdentifiedBy: l.req.Who.IdentifiedBy})
	if err != nil {
		return nil, err
	}
	if err := auditLoad(ctx, s, l.req.Who, l.req.From, "CIN census", sum, l.files); err != nil {
		return nil, err
	}
	out := *l.out
	out.LoadSummary = sum
	return &out, nil
}

// readCINYears reads the CIN census of every year folder in dirs (or of
// each dir that is itself a year's folder), oldest first, and the names of
// their files.
func readCINYears(dirs []string, la string, force bool) ([]*returns.Return, []string, error) {
	var censuses []*returns.Return
	var files []string
	for _, dir := range dirs {
		years, err := ssfolder.Years(dir)
		if err != nil {
			return nil, nil, err
		}
		paths := []string{dir}
		if len(years) > 0 {
			paths = paths[:0]
			for _, y := range ssfolder.SortedYears(years) {
				paths = append(paths, years[y])
			}
		}
		for _, p := range paths {
			file := FindCIN(p)
			if file == "" {
				continue
			}
			r, err := ReadCIN(file, 0, la)
			if err != nil {
				return nil, nil, err
			}
			if data, ok := cin.InferYear(r); ok && data != r.Year && !force {
				return nil, nil, fmt.Errorf("%s is taken as the %s CIN census, but its dates are those of a %s census; "+
					"move it to a folder named %s, or give --force to use it as %s", file, r.Year, data, folderName(data), r.Year)
			}
			censuses = append(censuses, r)
			files = append(files, filepath.Base(file))
		}
	}
	sort.Strings(files)
	return censuses, files, nil
}

// ReadCIN reads the CIN census in file. The collection year is year when
// not zero, else the one the file's folder is named for, else the one the
// census covers (cin.InferYear).
func ReadCIN(file string, year calendar.Year, la string) (*returns.Return, error) {
	tables, problems, err := folder.ReadFile(cin.Collection, file)
	if err != nil {
		return nil, &UnusableCIN{File: file, Err: err}
	}
	r := returns.NewReturn(cin.Collection, year, la)
	r.Tables, r.Problems = tables, problems
	if r.Year == 0 {
		r.Year, _ = calendar.ParseYear(filepath.Base(filepath.Dir(file)))
	}
	if r.Year == 0 {
		y, ok := cin.InferYear(r)
		if !ok {
			return nil, fmt.Errorf("cannot tell which collection year %s covers: %s; give it with --year", file, cin.Collection.YearUnknown)
		}
		r.Year = y
	}
	return r, nil
}

// UnusableCIN is the error of a CIN census file that cannot be read at
// all: Err lists what is wrong with it (returns.AsProblems reads them).
type UnusableCIN struct {
	File string
	Err  error
}

func (e *UnusableCIN) Error() string { return fmt.Sprintf("cannot use %s:\n%v", e.File, e.Err) }

func (e *UnusableCIN) Unwrap() error { return e.Err }

// FindCIN returns the CIN census XML file in the folder dir, recognised by
// its content (cin.Sniff), or "" when it holds none.
func FindCIN(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if e.Type().IsRegular() && IsCINFile(name) {
			return name
		}
	}
	return ""
}

// IsCINFile reports whether the .xml file at path begins as a CIN census.
func IsCINFile(path string) bool {
	if strings.ToLower(filepath.Ext(path)) != ".xml" {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false
	}
	return cin.Sniff(head[:n])
}
