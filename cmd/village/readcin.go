package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/folder"
)

// findCIN returns the CIN census XML file that path names, or that the
// folder path holds, recognised by its content (cin.Sniff), and how many
// other return files the folder holds beside it; "" when there is none.
func findCIN(path string) (file string, others int) {
	info, err := os.Stat(path)
	if err != nil {
		return "", 0
	}
	if !info.IsDir() {
		if info.Mode().IsRegular() && isCINFile(path) {
			return path, 0
		}
		return "", 0
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return "", 0
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".xml" && ext != ".csv") {
			continue
		}
		name := filepath.Join(path, e.Name())
		if file == "" && ext == ".xml" && e.Type().IsRegular() && isCINFile(name) {
			file = name
			continue
		}
		others++
	}
	return file, others
}

// isCINFile reports whether the .xml file at path begins as a CIN census.
func isCINFile(path string) bool { return app.IsCINFile(path) }

// readCIN reads the CIN census in file for "village read". The collection
// year is year when not zero, else the one the file's folder is named for,
// else the one the census covers (cin.InferYear).
func readCIN(e *env, file string, year calendar.Year, la string) (*returns.Return, error) {
	tables, problems, err := folder.ReadFile(cin.Collection, file)
	if err != nil {
		fmt.Fprintf(e.stderr, "cannot use %s:\n%v\n", file, err)
		return nil, fmt.Errorf("%d unusable file(s)", len(returns.AsProblems(err, file)))
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
