// Package england holds England's published figures for the indicators a
// director's summary puts beside the authority's own: DfE national
// statistics, each with its source and the edition it comes from (the DfE
// revises earlier years in each release). A figure without its source is
// never given; an indicator the national statistics do not publish in the
// same terms has no figure here.
package england

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

//go:embed england.csv
var data string

// Figure is one published national figure.
type Figure struct {
	Measure string  // the indicator's ID, as in internal/indicators
	Year    int     // the year ending 31 March it is for: 2025 is April 2024 to March 2025
	Value   float64 // the count, rate per 10,000 or percentage, as published
	Source  string  // the publication and table
	Edition string  // the release the figure is taken from
}

// figures is every figure of england.csv, read once.
var figures = mustRead(data)

// mustRead reads the embedded figures; a bad file is a programming error.
func mustRead(text string) []Figure {
	fs, err := read(text)
	if err != nil {
		panic(err)
	}
	return fs
}

// read reads figures in the layout of england.csv: a header, then
// measure, year, value, source and edition.
func read(text string) ([]Figure, error) {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("england.csv: %w", err)
	}
	var out []Figure
	for i, row := range rows[1:] {
		year, err := strconv.Atoi(row[1])
		if err != nil {
			return nil, fmt.Errorf("england.csv line %d: year %q is not a number", i+2, row[1])
		}
		value, err := strconv.ParseFloat(row[2], 64)
		if err != nil {
			return nil, fmt.Errorf("england.csv line %d: value %q is not a number", i+2, row[2])
		}
		if row[0] == "" || row[3] == "" || row[4] == "" {
			return nil, fmt.Errorf("england.csv line %d: a figure needs its measure, source and edition", i+2)
		}
		out = append(out, Figure{Measure: row[0], Year: year, Value: value, Source: row[3], Edition: row[4]})
	}
	return out, nil
}

// All returns every figure, in the file's order.
func All() []Figure { return append([]Figure(nil), figures...) }

// Latest returns the measure's figure for the latest year ending 31 March
// no later than year, and whether there is one.
func Latest(measure string, year int) (Figure, bool) {
	var best Figure
	found := false
	for _, f := range figures {
		if f.Measure == measure && f.Year <= year && (!found || f.Year > best.Year) {
			best, found = f, true
		}
	}
	return best, found
}

// Text writes the figure as published: a count with thousands separated
// by commas, anything else as given.
func (f Figure) Text() string {
	if f.Value != float64(int(f.Value)) {
		return strconv.FormatFloat(f.Value, 'f', -1, 64)
	}
	digits := strconv.Itoa(int(f.Value))
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}
