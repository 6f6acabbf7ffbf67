package published

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
)

// Level is a row's geography.
type Level int

const (
	National Level = iota
	Regional
	LocalAuthority
)

// levels are the geographic_level values read, as the DfE writes them.
var levels = map[string]Level{"National": National, "Regional": Regional, "Local authority": LocalAuthority}

func (l Level) String() string {
	switch l {
	case National:
		return "National"
	case Regional:
		return "Regional"
	}
	return "Local authority"
}

// Area is a geography of the tables: England, a region or an authority.
type Area struct {
	Level Level
	// Code is England's (country_code), the region's (region_code) or
	// the authority's GSS code (new_la_code).
	Code    string
	OldCode string // the authority's three-digit old_la_code; "" for England and regions
	Name    string
	// Region is the code of the region the area is in ("" for England).
	Region, RegionName string
}

// Cell is one published figure: a number, or the DfE's symbol and why
// it is not given. A cell that is not Known has no value, ever.
type Cell struct {
	Value  float64
	Known  bool
	Symbol string // the symbol as published ("c", "x", ...); "" for a number
	Reason string // why there is no number; "" for a number
}

// symbols are the DfE's symbols for a figure not given, with their meaning.
var symbols = map[string]string{
	"c":   "suppressed by the DfE to protect confidentiality",
	"x":   "not available",
	"z":   "not applicable",
	"k":   "rounds to 0, but is not 0",
	"u":   "low reliability",
	"low": "rounds to 0, but is not 0",
	"":    "not published (blank)",
}

// Symbols returns the DfE's symbols Village reads, sorted, each with its
// meaning.
func Symbols() [][2]string {
	var out [][2]string
	for s, why := range symbols {
		out = append(out, [2]string{s, why})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

// Source is where a figure was read.
type Source struct {
	File    string // the file's name
	Table   string // the DfE's table
	Release string // the release, as given for the file (Tables.Releases), or the statistical release's name
	Line    int    // the line of the value's row, the header being line 1
}

// Figure is one published figure for a Village indicator.
type Figure struct {
	ID   string // the Village indicator
	Unit Unit
	Year calendar.Year // the year ending 31 March it is for
	Area Area
	// Value is the rate or the percentage as published; Numerator and
	// Denominator the counts it is of (for a rate, the population).
	Value, Numerator, Denominator Cell
	Source                        Source
}

// geography are the columns every table has, besides its own.
var geography = []string{"time_period", "time_identifier", "geographic_level", "country_code", "country_name",
	"region_code", "region_name", "old_la_code", "la_name", "new_la_code"}

// row is one line of a table, its columns by name.
type row struct {
	line  int
	cells map[string]string
}

// ReadTable reads one of the DfE's tables from r, named name (its file's
// name, for messages), with release saying which release it comes from
// ("" for the statistical release's name). The table is recognised by
// its filter columns.
func ReadTable(name, release string, r io.Reader) ([]Figure, error) {
	var t *table
	header, rows, err := readRows(name, r, func(header []string) (err error) {
		t, err = recognise(name, header)
		return err
	})
	if err != nil {
		return nil, err
	}
	if release == "" {
		release = t.release + " (the edition is not stated)"
	}
	return t.figures(name, release, header, rows)
}

// readRows reads a CSV file's header, its names trimmed, checks it, and
// reads every row, its cells trimmed, by column.
func readRows(name string, r io.Reader, check func(header []string) error) ([]string, []row, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	header = trimHeader(header)
	if err := check(header); err != nil {
		return nil, nil, err
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return header, rows, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		cells := make(map[string]string, len(header))
		for i, col := range header {
			cells[col] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, row{line: line, cells: cells})
	}
}

// trimHeader trims spaces and a byte-order mark from the column names.
func trimHeader(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	return out
}

// recognise finds the table whose filter and indicator columns the header
// holds, and reports any column it does not name.
func recognise(name string, header []string) (*table, error) {
	for _, col := range geography {
		if !slices.Contains(header, col) {
			return nil, fmt.Errorf("%s: no %s column: expected the DfE's open data layout (%s, then filters and indicators)",
				name, col, strings.Join(geography, ", "))
		}
	}
	seen := map[string]bool{}
	for _, col := range header {
		if seen[col] {
			return nil, fmt.Errorf("%s: column %s is named twice", name, col)
		}
		seen[col] = true
	}
	for i := range tables {
		t := &tables[i]
		if !containsAll(header, t.filters) {
			continue
		}
		var unknown, missing []string
		for _, col := range header {
			if !slices.Contains(geography, col) && !slices.Contains(t.filters, col) && !slices.Contains(t.indicators, col) {
				unknown = append(unknown, col)
			}
		}
		for _, m := range t.measures {
			for _, col := range []string{m.value, m.numerator, m.denominator} {
				if !slices.Contains(header, col) && !slices.Contains(missing, col) {
					missing = append(missing, col)
				}
			}
		}
		if len(unknown) > 0 {
			return nil, fmt.Errorf("%s: column %s is not one of table %s's (expected among %s): not read rather than guessed at",
				name, strings.Join(unknown, ", "), t.name, strings.Join(append(slices.Clone(t.filters), t.indicators...), ", "))
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("%s: table %s without its column %s", name, t.name, strings.Join(missing, ", "))
		}
		return t, nil
	}
	var names []string
	for _, t := range tables {
		names = append(names, t.name+" (filters "+strings.Join(t.filters, ", ")+")")
	}
	return nil, fmt.Errorf("%s: not one of the tables Village reads: expected %s", name, strings.Join(names, "; "))
}

func containsAll(header, cols []string) bool {
	for _, c := range cols {
		if !slices.Contains(header, c) {
			return false
		}
	}
	return true
}

// figures reads every row's geography and year, then each measure's
// figures.
func (t *table) figures(name, release string, header []string, rows []row) ([]Figure, error) {
	type key struct {
		area    string
		year    calendar.Year
		filters string
	}
	byKey := map[key]*row{}
	areas := make([]Area, len(rows))
	years := make([]calendar.Year, len(rows))
	var errs []error
	for i := range rows {
		r := &rows[i]
		a, y, err := readGeography(name, header, r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		areas[i], years[i] = a, y
		k := key{a.Code, y, filterKey(t.filters, r.cells)}
		if first, ok := byKey[k]; ok {
			errs = append(errs, fmt.Errorf("%s line %d: the same area, year and filters as line %d", name, r.line, first.line))
			continue
		}
		byKey[k] = r
	}
	if len(errs) > 0 {
		return nil, errors.Join(firstErrors(errs)...)
	}
	var out []Figure
	for i := range rows {
		r := &rows[i]
		for _, m := range t.measures {
			if !matches(r.cells, m.row) {
				continue
			}
			f := Figure{ID: m.id, Unit: m.unit, Year: years[i], Area: areas[i],
				Source: Source{File: name, Table: t.name, Release: release, Line: r.line}}
			var err error
			if f.Value, err = readCell(name, header, r, m.value); err != nil {
				errs = append(errs, err)
			}
			if f.Numerator, err = readCell(name, header, r, m.numerator); err != nil {
				errs = append(errs, err)
			}
			denom := r
			if m.denomRow != nil {
				other := map[string]string{}
				for k, v := range r.cells {
					other[k] = v
				}
				for k, v := range m.denomRow {
					other[k] = v
				}
				denom = byKey[key{areas[i].Code, years[i], filterKey(t.filters, other)}]
			}
			if denom == nil {
				f.Denominator = Cell{Symbol: "", Reason: "the table has no row for the denominator (" + filterText(m.denomRow) + ")"}
			} else if f.Denominator, err = readCell(name, header, denom, m.denominator); err != nil {
				errs = append(errs, err)
			}
			out = append(out, f)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(firstErrors(errs)...)
	}
	return out, nil
}

// firstErrors keeps the first twenty errors, and says how many more.
func firstErrors(errs []error) []error {
	const most = 20
	if len(errs) <= most {
		return errs
	}
	return append(errs[:most:most], fmt.Errorf("and %d more", len(errs)-most))
}

// filterKey joins a row's filter values, in the table's order.
func filterKey(filters []string, cells map[string]string) string {
	var b strings.Builder
	for _, f := range filters {
		b.WriteString(cells[f])
		b.WriteByte(0)
	}
	return b.String()
}

func matches(cells, want map[string]string) bool {
	for k, v := range want {
		if cells[k] != v {
			return false
		}
	}
	return true
}

// column returns the column's position, counted from 1, for messages.
func column(header []string, col string) int { return slices.Index(header, col) + 1 }

// readGeography reads a row's year and area.
func readGeography(name string, header []string, r *row) (Area, calendar.Year, error) {
	bad := func(col, expected string) error {
		return fmt.Errorf("%s line %d column %d (%s): %q: expected %s", name, r.line, column(header, col), col, r.cells[col], expected)
	}
	y, ok := readYear(r.cells["time_period"], r.cells["time_identifier"])
	if !ok {
		return Area{}, 0, bad("time_period", "a year ending 31 March: 2025 with time_identifier \"Reporting year\", or 202425 with \"Financial year\"")
	}
	level, ok := levels[r.cells["geographic_level"]]
	if !ok {
		return Area{}, 0, bad("geographic_level", "National, Regional or Local authority")
	}
	a := Area{Level: level, Name: r.cells["country_name"], Code: r.cells["country_code"]}
	switch level {
	case Regional:
		a.Code, a.Name, a.Region, a.RegionName = r.cells["region_code"], r.cells["region_name"], r.cells["region_code"], r.cells["region_name"]
	case LocalAuthority:
		a.Code, a.OldCode, a.Name = r.cells["new_la_code"], r.cells["old_la_code"], r.cells["la_name"]
		a.Region, a.RegionName = r.cells["region_code"], r.cells["region_name"]
		if a.OldCode == "" {
			return Area{}, 0, bad("old_la_code", "the authority's three-digit code")
		}
	}
	if a.Code == "" {
		col := map[Level]string{National: "country_code", Regional: "region_code", LocalAuthority: "new_la_code"}[level]
		return Area{}, 0, bad(col, "the area's code")
	}
	return a, y, nil
}

// readYear reads time_period: a reporting year (2025, the year ending
// 31 March 2025) or a financial year (202425).
func readYear(period, identifier string) (calendar.Year, bool) {
	switch identifier {
	case "Reporting year":
		if len(period) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(period)
		return calendar.Year(n), err == nil && n >= 1990 && n <= 2100
	case "Financial year":
		if len(period) != 6 {
			return 0, false
		}
		y, err := calendar.ParseYear(period)
		return y, err == nil && y >= 1990 && y <= 2100
	}
	return 0, false
}

// readCell reads one figure: a number, or one of the DfE's symbols.
func readCell(name string, header []string, r *row, col string) (Cell, error) {
	text := r.cells[col]
	if why, ok := symbols[strings.ToLower(text)]; ok {
		return Cell{Symbol: text, Reason: why}, nil
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || !decimal(text) || math.IsInf(v, 0) {
		return Cell{}, fmt.Errorf("%s line %d column %d (%s): %q: expected a number of 0 or more, or one of the DfE's symbols c, x, z, k, u, low or blank",
			name, r.line, column(header, col), col, text)
	}
	return Cell{Value: v, Known: true}, nil
}

// decimal reports whether text is written in decimal digits with at most
// one point: no sign, exponent, hexadecimal or separators.
func decimal(text string) bool {
	points := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '.':
			points++
		case c < '0' || c > '9':
			return false
		}
	}
	return text != "." && points <= 1
}
