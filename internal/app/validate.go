package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

// Rulebook is the rule sets Village has, as the command line and the web
// describe them.
func Rulebook() validate.Rulebook { return rules.Rules() }

// ValidateOptions says which return to validate, with what.
type ValidateOptions struct {
	Folder        string        // the year's folder
	Years         string        // the folder of years Folder is in, whose earlier years are read too; "" for none
	Year          calendar.Year // the collection year; zero for the year the data covers
	LA            string        // the local authority's code, as the postcode directory gives it
	LastFolder    string        // last year's folder; overrides the earlier years of Years
	PostcodesFile string        // the ONS Postcode Directory CSV, or ""
	ProviderFiles []string      // the Ofsted provider lists (.xlsx)
	Force         bool          // use returns whose dates belong to another year than their folder's name
	// OwnProcess says the validation is all its process does, as the
	// command line's is: the garbage collector is tuned for its phases
	// (debug.SetGCPercent, runtime.GC), which a server must not do.
	OwnProcess bool
}

// Validation is a validated return: what was read and what the rules found.
type Validation struct {
	Return  *ssda903.Return // with every earlier year given linked through Last
	Earlier int             // how many earlier years were given
	Report  *validate.Report
	Summary validate.Summary
}

// Validate reads the year's return and the years before it, and the
// reference data named, and runs the year's rule set over them. A year
// Village has no complete rule set for is refused.
func Validate(o ValidateOptions) (*Validation, error) {
	if o.OwnProcess {
		// Reading, typing and the rules mostly add to the heap: collecting
		// while they run finds little to free, and slows them. The
		// collector runs instead where much is let go, below. What reading
		// and typing hold is live until the raw rows are let go: a
		// collection of a national return's 150 MB part way through
		// freed nothing and took 70 ms of CPU.
		defer debug.SetGCPercent(debug.SetGCPercent(readingGCPercent))
	}
	ret, pcs, providers, err := readWithReference(o)
	if err != nil {
		return nil, err
	}
	in := rules.NewInputFreeing(ret, pcs, providers)
	if o.OwnProcess {
		// Typing let the raw rows go, a third of a national return's heap:
		// collected now, the rules reuse their memory.
		runtime.GC()
		debug.SetGCPercent(workingGCPercent)
	}
	rep := rules.Validate(in)
	if o.OwnProcess && len(rep.Failures) >= collectAfter {
		// Each rule's failures were gathered in pieces, now copied into
		// the report: collected while the failures are summarised, tens
		// of megabytes on a messy return, the report's writing reuses
		// their memory rather than take more from the system.
		var collected sync.WaitGroup
		collected.Go(runtime.GC)
		defer collected.Wait()
	}
	return newValidation(ret, rep), nil
}

// readWithReference reads the returns and the reference data at the same
// time (neither needs the other, and each is a core's work), refusing a
// year Village has no complete rule set for.
func readWithReference(o ValidateOptions) (*ssda903.Return, rules.Postcodes, rules.Providers, error) {
	var pcs rules.Postcodes
	var providers rules.Providers
	var refErr error
	var wg sync.WaitGroup
	wg.Go(func() { pcs, providers, refErr = ReferenceData(o.PostcodesFile, o.ProviderFiles) })
	ret, err := ReadForValidation(o)
	wg.Wait()
	switch {
	case err != nil:
		return nil, nil, nil, err
	case !rules.Rules().Complete(ret.Year):
		return nil, nil, nil, fmt.Errorf("no complete rule set for %s; Village has %s", ret.Year, SupportedYears())
	case refErr != nil:
		return nil, nil, nil, refErr
	}
	return ret, pcs, providers, nil
}

// collectAfter is how many failures make the pieces they were gathered in
// worth collecting before the report is written: about 10 MB of them.
const collectAfter = 100_000

// The collector's GOGC while a validation in a process of its own reads
// and types the returns, and while it runs the rules.
const (
	readingGCPercent = 2000
	workingGCPercent = 400
)

// newValidation summarises rep, the report on ret.
func newValidation(ret *ssda903.Return, rep *validate.Report) *Validation {
	v := &Validation{Return: ret, Report: rep, Summary: rep.Summarise()}
	for p := ret.Last; p != nil; p = p.Last {
		v.Earlier++
	}
	return v
}

// SupportedYears names the collection years Village has complete rule
// sets for: "2025/26 and 2026/27".
func SupportedYears() string {
	var names []string
	for _, y := range rules.Rules().Years() {
		names = append(names, y.String())
	}
	return strings.Join(names, " and ")
}

// ReadForValidation reads the year's return and, when there are any, the
// earlier years' (LastFolder, or every earlier year of Years), linked
// through Last, refusing input with unusable files. An earlier year's
// tables that no rule reads are known by their headers, their rows left
// unread (see rules.ReadsEarlier). When the year is known before reading
// (given, or the folder's name), every year is read at once: a national
// return's years each take a core's worth of reading.
func ReadForValidation(o ValidateOptions) (*ssda903.Return, error) {
	year := o.Year
	if year == 0 {
		// folder.Read takes the year from the folder's name when not given.
		year, _ = calendar.ParseYear(filepath.Base(filepath.Clean(o.Folder)))
	}
	if year == 0 {
		// The year is the data's, known only once this year is read.
		ret, err := readThisYear(o)
		if err != nil {
			return nil, err
		}
		return linked(ret, linkEarlier(o, ret, nil))
	}
	earlier, err := earlierFolders(o, year)
	if err != nil {
		return nil, err
	}
	var ret *ssda903.Return
	var thisErr error
	var wg sync.WaitGroup
	wg.Go(func() { ret, thisErr = readThisYear(o) })
	prevs := readEarlier(earlier, year, o.LA)
	wg.Wait()
	if thisErr != nil {
		return nil, thisErr
	}
	return linked(ret, linkEarlier(o, ret, prevs))
}

// linked returns ret once its earlier years are linked, or nothing when
// they could not be: never a return half linked.
func linked(ret *ssda903.Return, err error) (*ssda903.Return, error) {
	if err != nil {
		return nil, err
	}
	return ret, nil
}

// readThisYear reads the year's folder, refusing a return whose dates
// belong to another year unless forced.
func readThisYear(o ValidateOptions) (*ssda903.Return, error) {
	ret, err := folder.Read(o.Folder, o.Year, o.LA)
	if err != nil {
		return nil, fmt.Errorf("cannot use %s:\n%w", o.Folder, err)
	}
	if err := checkYear(o.Folder, ret); err != nil && !o.Force {
		return nil, err
	}
	return ret, nil
}

// earlierFolders returns the folders of the years before year to read:
// LastFolder, or every year of Years before it, last year's first.
func earlierFolders(o ValidateOptions, year calendar.Year) ([]string, error) {
	switch {
	case o.LastFolder != "":
		return []string{o.LastFolder}, nil
	case o.Years != "":
		years, err := folder.Years(o.Years)
		if err != nil {
			return nil, err
		}
		var earlier []string
		for y := year - 1; years[y] != ""; y-- {
			earlier = append(earlier, years[y])
		}
		return earlier, nil
	}
	return nil, nil
}

// earlierReturn is an earlier year's folder as read.
type earlierReturn struct {
	folder string
	ret    *ssda903.Return
	err    error
}

// readEarlier reads the folders of the years before year, last year's
// first, at the same time.
func readEarlier(folders []string, year calendar.Year, la string) []earlierReturn {
	out := make([]earlierReturn, len(folders))
	var wg sync.WaitGroup
	for i, d := range folders {
		wg.Go(func() {
			// The rules read a few of an earlier year's tables: the
			// others' rows are left unread.
			keep := func(t ssda903.TableName) bool { return rules.ReadsEarlier(i+1, t) }
			ret, err := folder.ReadKeeping(d, year-1-calendar.Year(i), la, keep)
			out[i] = earlierReturn{d, ret, err}
		})
	}
	wg.Wait()
	return out
}

// linkEarlier links the earlier years to ret through Last, reading them
// first when prevs is nil, and refuses any that cannot be used.
func linkEarlier(o ValidateOptions, ret *ssda903.Return, prevs []earlierReturn) error {
	if prevs == nil {
		earlier, err := earlierFolders(o, ret.Year)
		if err != nil {
			return err
		}
		prevs = readEarlier(earlier, ret.Year, o.LA)
	}
	at := ret
	for _, prev := range prevs {
		if prev.err != nil {
			return fmt.Errorf("cannot use the earlier return %s:\n%w", prev.folder, prev.err)
		}
		if err := checkYear(prev.folder, prev.ret); err != nil && !o.Force {
			return err
		}
		at.Last, at = prev.ret, prev.ret
	}
	return nil
}

// ValidationInput types ret and its earlier years for the rules, with the
// reference data named.
func ValidationInput(ret *ssda903.Return, postcodesFile string, providerFiles []string) (*rules.Input, error) {
	pcs, providers, err := ReferenceData(postcodesFile, providerFiles)
	if err != nil {
		return nil, err
	}
	// The rules read earlier years through their typed tables only, and a
	// national return's raw rows are large: let them go once typed.
	return rules.NewInputFreeing(ret, pcs, providers), nil
}

// ReferenceData reads the postcode directory and the Ofsted provider
// lists, when named; the rules that need one it lacks are skipped.
func ReferenceData(postcodesFile string, providerFiles []string) (rules.Postcodes, rules.Providers, error) {
	var dir *postcode.Directory
	var pcs rules.Postcodes
	if postcodesFile != "" {
		f, err := os.Open(postcodesFile)
		if err != nil {
			return nil, nil, err
		}
		dir, err = postcode.Read(postcodesFile, f)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		pcs = dir
	}
	var providers rules.Providers
	if len(providerFiles) > 0 {
		list := ofsted.New()
		for _, name := range providerFiles {
			f, err := os.Open(name)
			if err != nil {
				return nil, nil, err
			}
			err = list.Add(name, f, dir)
			f.Close()
			if err != nil {
				return nil, nil, err
			}
		}
		providers = list
	}
	return pcs, providers, nil
}

// validateYears runs each year's rule set, where Village has one, over
// the returns, each with the years before it among them.
func validateYears(returns []*ssda903.Return, pcs rules.Postcodes, providers rules.Providers) map[calendar.Year]*validate.Report {
	byYear := map[calendar.Year]*ssda903.Return{}
	for _, r := range returns {
		byYear[r.Year] = r
	}
	out := map[calendar.Year]*validate.Report{}
	for _, r := range returns {
		if !rules.Rules().Complete(r.Year) {
			continue
		}
		// Chain the earlier years of this load for the rules that look back;
		// the store keeps no such links.
		saved := r.Last
		r.Last = linkEarlierYears(byYear, r.Year-1)
		out[r.Year] = rules.Validate(rules.NewInput(r, pcs, providers))
		r.Last = saved
	}
	return out
}

// linkEarlierYears returns year y's return with every earlier one linked through Last,
// or nil; the links are on copies, so the loaded returns are not changed.
func linkEarlierYears(byYear map[calendar.Year]*ssda903.Return, y calendar.Year) *ssda903.Return {
	r, ok := byYear[y]
	if !ok {
		return nil
	}
	linked := *r
	linked.Last = linkEarlierYears(byYear, y-1)
	return &linked
}

// SplitList splits a comma-separated list of file names, trimming spaces.
func SplitList(list string) []string {
	var out []string
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, name)
		}
	}
	return out
}
