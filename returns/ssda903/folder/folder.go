// Package folder reads and writes SSDA903 returns as files: a folder of
// CSV files or an XML file for one year, and a folder of year folders for
// several. It keeps the file system out of package ssda903, whose tables
// and readers the validation rules use in the browser too.
package folder

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// ReadFile reads the tables of one CSV or XML file, by its extension.
func ReadFile(path string) (map[ssda903.TableName]*ssda903.Table, ssda903.Problems, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".csv" && ext != ".xml" {
		return nil, nil, ssda903.Problems{{Severity: ssda903.Fatal, File: path, Value: filepath.Ext(path),
			Message: "is not a file type Village reads", Expected: ".csv or .xml"}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, ssda903.Problems{{Severity: ssda903.Fatal, File: path, Message: "cannot read: " + unwrapPath(err)}}
	}
	f := bytes.NewReader(data)
	if ext == ".xml" {
		return ssda903.ReadXML(path, f)
	}
	t, problems, err := ssda903.ReadCSV(path, f)
	if err != nil {
		return nil, nil, err
	}
	return map[ssda903.TableName]*ssda903.Table{t.Name(): t}, problems, nil
}

// unwrapPath drops the path from an *os.PathError, which the ssda903.Problem
// already names.
func unwrapPath(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Read reads one year's return from the .csv and .xml files in dir.
// Other files are ignored. Every file is read before any fatal problem is
// reported, so one run names all the unusable files. The collection year
// is year when it is not zero, else the one the folder is named for
// ("2025-26"), else the one the data covers (see ssda903.InferYear).
func Read(dir string, year calendar.Year, la string) (*ssda903.Return, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, ssda903.Problems{{Severity: ssda903.Fatal, File: dir, Message: "cannot read the folder: " + unwrapPath(err)}}
	}
	r := ssda903.NewReturn(year, la)
	var paths []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && (ext == ".csv" || ext == ".xml") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	files := len(paths)
	// Read the files at the same time, then combine them in name order so
	// that the result and its problems do not depend on which finished
	// first.
	type result struct {
		tables   map[ssda903.TableName]*ssda903.Table
		problems ssda903.Problems
		err      error
	}
	results := make([]result, len(paths))
	var wg sync.WaitGroup
	for i, path := range paths {
		wg.Go(func() {
			tables, problems, err := ReadFile(path)
			results[i] = result{tables, problems, err}
		})
	}
	wg.Wait()
	var fatal ssda903.Problems
	from := map[ssda903.TableName]string{}
	for i, path := range paths {
		res := results[i]
		if res.err != nil {
			fatal = append(fatal, ssda903.AsProblems(res.err, path)...)
			continue
		}
		r.Problems = append(r.Problems, res.problems...)
		for _, name := range tableOrder(res.tables) {
			if first, dup := from[name]; dup {
				fatal = append(fatal, &ssda903.Problem{Severity: ssda903.Fatal, File: path,
					Message:  fmt.Sprintf("holds the %s table, which %s holds too", name, first),
					Expected: "each table in one file only"})
				continue
			}
			from[name] = path
			r.Tables[name] = res.tables[name]
		}
	}
	if files == 0 {
		fatal = append(fatal, &ssda903.Problem{Severity: ssda903.Fatal, File: dir, Message: "has no .csv or .xml files",
			Expected: "a folder holding one year's SSDA903 files"})
	}
	if len(fatal) > 0 {
		return nil, fatal
	}
	if r.Year == 0 {
		if y, err := calendar.ParseYear(filepath.Base(filepath.Clean(dir))); err == nil {
			r.Year = y
		}
	}
	if r.Year == 0 {
		y, ok := ssda903.InferYear(r)
		if !ok {
			return nil, ssda903.Problems{{Severity: ssda903.Fatal, File: dir,
				Message:  "the collection year cannot be told: the episodes hold no valid dates",
				Expected: "a folder named for its year (2025-26) or a year given explicitly"}}
		}
		r.Year = y
	}
	for name, t := range r.Tables {
		if !ssda903.SchemaOf(name).InYear(r.Year) && t.Len() == 0 {
			delete(r.Tables, name)
		}
	}
	return r, nil
}

// Years returns the subfolders of dir that are named for a collection
// year ("2025-26" or "2025_26"), by year.
func Years(dir string) (map[calendar.Year]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[calendar.Year]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if y, err := calendar.ParseYear(strings.ReplaceAll(e.Name(), "_", "-")); err == nil {
			out[y] = filepath.Join(dir, e.Name())
		}
	}
	return out, nil
}

// SortedYears returns the keys of a Years result, oldest first.
func SortedYears(dirs map[calendar.Year]string) []calendar.Year {
	years := make([]calendar.Year, 0, len(dirs))
	for y := range dirs {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool { return years[i] < years[j] })
	return years
}

// tableOrder returns the names of tables in the DfE's order.
func tableOrder(tables map[ssda903.TableName]*ssda903.Table) []ssda903.TableName {
	var names []ssda903.TableName
	for _, s := range ssda903.Schemas {
		if _, ok := tables[s.Name]; ok {
			names = append(names, s.Name)
		}
	}
	return names
}

// WriteCSV writes every table of the return that belongs to its
// collection year into dir, one file per table, named as ssda903.Schema.File says.
// Tables the return lacks are written with their header row only, as a
// case-management export would.
func WriteCSV(dir string, r *ssda903.Return) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range ssda903.Schemas {
		if !s.InYear(r.Year) {
			continue
		}
		t := r.Table(s.Name)
		if t == nil {
			t = &ssda903.Table{Schema: s}
		}
		if err := WriteFile(filepath.Join(dir, s.File), func(w io.Writer) error { return ssda903.WriteCSV(w, t) }); err != nil {
			return fmt.Errorf("writing %s: %w", s.Name, err)
		}
	}
	return nil
}

// WriteFile writes a file through write, buffered, all or nothing: it is
// written beside path under a temporary name and renamed into place only
// once complete, so a failure never leaves half a file where the whole one
// should be.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

// WriteXML writes the return to path in the EXPSSDA903 layout.
func WriteXML(path string, r *ssda903.Return) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return WriteFile(path, func(w io.Writer) error { return ssda903.WriteXML(w, r) })
}
