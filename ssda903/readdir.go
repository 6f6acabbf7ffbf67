package ssda903

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// ReadFile reads the tables of one CSV or XML file, by its extension.
func ReadFile(path string) (map[TableName]*Table, Problems, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, Problems{{Severity: Fatal, File: path, Message: "cannot open: " + unwrapPath(err)}}
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		t, problems, err := ReadCSV(path, f)
		if err != nil {
			return nil, nil, err
		}
		return map[TableName]*Table{t.Name(): t}, problems, nil
	case ".xml":
		return ReadXML(path, f)
	}
	return nil, nil, Problems{{Severity: Fatal, File: path, Value: filepath.Ext(path),
		Message: "is not a file type Village reads", Expected: ".csv or .xml"}}
}

// unwrapPath drops the path from an *os.PathError, which the Problem
// already names.
func unwrapPath(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadDir reads one year's return from the .csv and .xml files in dir.
// Other files are ignored. Every file is read before any fatal problem is
// reported, so one run names all the unusable files. The collection year
// is year when it is not zero, else the one the folder is named for
// ("2025-26"), else the one the data covers (see InferYear).
func ReadDir(dir string, year Year, la string) (*Return, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, Problems{{Severity: Fatal, File: dir, Message: "cannot read the folder: " + unwrapPath(err)}}
	}
	r := NewReturn(year, la)
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
		tables   map[TableName]*Table
		problems Problems
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
	var fatal Problems
	from := map[TableName]string{}
	for i, path := range paths {
		res := results[i]
		if res.err != nil {
			fatal = append(fatal, AsProblems(res.err, path)...)
			continue
		}
		r.Problems = append(r.Problems, res.problems...)
		for _, name := range tableOrder(res.tables) {
			if first, dup := from[name]; dup {
				fatal = append(fatal, &Problem{Severity: Fatal, File: path,
					Message:  fmt.Sprintf("holds the %s table, which %s holds too", name, first),
					Expected: "each table in one file only"})
				continue
			}
			from[name] = path
			r.Tables[name] = res.tables[name]
		}
	}
	if files == 0 {
		fatal = append(fatal, &Problem{Severity: Fatal, File: dir, Message: "has no .csv or .xml files",
			Expected: "a folder holding one year's SSDA903 files"})
	}
	if len(fatal) > 0 {
		return nil, fatal
	}
	if r.Year == 0 {
		if y, err := ParseYear(filepath.Base(filepath.Clean(dir))); err == nil {
			r.Year = y
		}
	}
	if r.Year == 0 {
		y, ok := InferYear(r)
		if !ok {
			return nil, Problems{{Severity: Fatal, File: dir,
				Message:  "the collection year cannot be told: the episodes hold no valid dates",
				Expected: "a folder named for its year (2025-26) or a year given explicitly"}}
		}
		r.Year = y
	}
	for name, t := range r.Tables {
		if !SchemaOf(name).InYear(r.Year) && t.Len() == 0 {
			delete(r.Tables, name)
		}
	}
	return r, nil
}

// InferYear returns the collection year a return covers: the latest year
// in which at least one in a hundred of its episode start and end dates
// fall, so that one mistyped date cannot move it.
func InferYear(r *Return) (Year, bool) {
	t := r.Table(Episodes)
	if t.Len() == 0 {
		return 0, false
	}
	counts := map[Year]int{}
	total := 0
	for _, column := range []string{"DECOM", "DEC"} {
		c := t.Schema.Index(column)
		for _, row := range t.Rows {
			if d, ok := ParseDate(row.Values[c]); ok {
				counts[YearOf(d)]++
				total++
			}
		}
	}
	var best Year
	for y, n := range counts {
		if n*100 >= total && y > best {
			best = y
		}
	}
	return best, best != 0
}

// YearDirs returns the subfolders of dir that are named for a collection
// year ("2025-26" or "2025_26"), by year.
func YearDirs(dir string) (map[Year]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[Year]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if y, err := ParseYear(strings.ReplaceAll(e.Name(), "_", "-")); err == nil {
			out[y] = filepath.Join(dir, e.Name())
		}
	}
	return out, nil
}

// SortedYears returns the keys of a YearDirs result, oldest first.
func SortedYears(dirs map[Year]string) []Year {
	years := make([]Year, 0, len(dirs))
	for y := range dirs {
		years = append(years, y)
	}
	sort.Slice(years, func(i, j int) bool { return years[i] < years[j] })
	return years
}

// tableOrder returns the names of tables in the DfE's order.
func tableOrder(tables map[TableName]*Table) []TableName {
	var names []TableName
	for _, s := range Schemas {
		if _, ok := tables[s.Name]; ok {
			names = append(names, s.Name)
		}
	}
	return names
}
