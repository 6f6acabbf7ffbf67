package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/returns"
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
		if info.Mode().IsRegular() && app.IsCINFile(path) {
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
		if file == "" && ext == ".xml" && e.Type().IsRegular() && app.IsCINFile(name) {
			file = name
			continue
		}
		others++
	}
	return file, others
}

// readCIN reads the CIN census in file for "village read" and "village
// validate" (app.ReadCIN), listing on stderr what makes an unusable file
// unusable.
func readCIN(e *env, file string, year calendar.Year, la string) (*returns.Return, error) {
	r, err := app.ReadCIN(file, year, la)
	var unusable *app.UnusableCIN
	if errors.As(err, &unusable) {
		fmt.Fprintf(e.stderr, "%v\n", unusable)
		return nil, fmt.Errorf("%d unusable file(s)", len(returns.AsProblems(unusable.Err, file)))
	}
	return r, err
}
