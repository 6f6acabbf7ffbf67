package forecast

import (
	"bytes"
	_ "embed"
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

// Cost is the weekly cost of a placement in one category, in the prices
// of a financial year.
type Cost struct {
	Category Category `json:"-"`
	Key      string   `json:"category"`
	Weekly   float64  `json:"weekly_cost"`
	Year     int      `json:"-"`    // the financial year of its prices, by the calendar year it starts in
	YearText string   `json:"year"` // as written: 2024/25
	Source   string   `json:"source"`
	// shared is true when the cost came from a file's single
	// childrens_home row, written before children's homes were split
	// into in-house and external, and so applies to both.
	shared bool
}

// Costs holds the weekly cost of every category.
type Costs [Categories]Cost

//go:embed costs.csv
var defaultCosts []byte

// DefaultCosts returns the weekly costs Village ships with, each labelled
// with its published source and year. They are national orders of
// magnitude: a council should replace them with its own.
func DefaultCosts() Costs {
	c, err := ReadCosts("costs.csv", bytes.NewReader(defaultCosts))
	if err != nil {
		panic("forecast: the embedded costs.csv does not read: " + err.Error()) // a build fault, caught by the tests
	}
	return c
}

// WriteDefaultCosts writes the default costs as a CSV file to edit.
func WriteDefaultCosts(w io.Writer) error {
	_, err := w.Write(defaultCosts)
	return err
}

// ReadCosts reads weekly costs from a CSV file with the columns category,
// weekly_cost, year (the financial year of the prices, 2024/25) and
// source, in any order. Every category must be given once. A row for
// childrens_home, the single category of children's homes before they
// were split into in-house and external, gives both their cost, so that
// files written before still read (SharedHomeCost says so).
func ReadCosts(name string, r io.Reader) (Costs, error) {
	var out Costs
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return out, fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))] = i
	}
	for _, want := range []string{"category", "weekly_cost", "year", "source"} {
		if _, ok := col[want]; !ok {
			return out, fmt.Errorf("%s:1: no %s column; expected the columns category, weekly_cost, year and source", name, want)
		}
	}
	var errs []error
	seen := [Categories]bool{}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) string {
			if i := col[name]; i < len(record) {
				return strings.TrimSpace(record[i])
			}
			return ""
		}
		key := field("category")
		cats := categoriesByKey(key)
		if len(cats) == 0 {
			errs = append(errs, fmt.Errorf("%s:%d: category %q: expected one of %s", name, line, key, categoryKeys()))
			continue
		}
		if slices.ContainsFunc(cats, func(c Category) bool { return seen[c] }) {
			errs = append(errs, fmt.Errorf("%s:%d: category %s given twice", name, line, key))
			continue
		}
		weekly, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(field("weekly_cost"), "£"), ",", ""), 64)
		if err != nil || weekly < 0 || math.IsInf(weekly, 0) || math.IsNaN(weekly) {
			errs = append(errs, fmt.Errorf("%s:%d: weekly_cost %q for %s: expected pounds a week, 0 or more", name, line, field("weekly_cost"), key))
		}
		yearText := field("year")
		year, err := calendar.ParseYear(yearText)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: year %q for %s: expected a financial year such as 2024/25", name, line, yearText, key))
		}
		for _, c := range cats {
			seen[c] = true
			out[c] = Cost{Category: c, Key: c.Key(), Weekly: weekly, Year: int(year) - 1, YearText: yearText, Source: field("source"), shared: len(cats) > 1}
		}
	}
	for c := range Category(Categories) {
		if !seen[c] {
			errs = append(errs, fmt.Errorf("%s: no row for category %s", name, c.Key()))
		}
	}
	return out, errors.Join(errs...)
}

// financialYear returns the financial year (April to March) containing
// day d, by the calendar year it starts in. In England its days are the
// collection year's.
func financialYear(d calendar.Date) int { return int(calendar.YearOf(d)) - 1 }

// FinancialYearLabel writes a financial year, given by the calendar year
// it starts in, as the collection year is written: 2026/27.
func FinancialYearLabel(start int) string { return calendar.Year(start + 1).String() }

// weeklyIn returns category c's weekly cost in the prices of financial
// year fy: its price uplifted by inflation for each year since its own.
func (cs *Costs) weeklyIn(c Category, fy int, inflation float64) float64 {
	return cs[c].Weekly * math.Pow(1+inflation, float64(fy-cs[c].Year))
}

// SharedHomeCost reports whether the costs came from a file with a single
// childrens_home row, so that in-house and external children's homes
// cost the same.
func (cs *Costs) SharedHomeCost() bool { return cs[ChildrensHomeInHouse].shared }
