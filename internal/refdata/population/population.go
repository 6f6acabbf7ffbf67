// Package population reads the ONS mid-year population estimates that
// rates per 10,000 children and the forecast's entry rates rest on.
package population

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Read reads ONS mid-year estimates in the long layout of the ONS MYEB
// files: one row per area, sex and single year of age, with a
// population_YYYY column per mid-year (ladcode, laname, country, sex, age,
// population_2020, ...), and calls add once for each row and mid-year.
// A file covering several areas is passed on whole, so give it the
// authority's rows only. name is used in errors, which give the line and
// column of the value and what was expected.
func Read(name string, r io.Reader, add func(year, age, count int)) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	age := -1
	type column struct{ index, year int }
	var years []column // in the file's order, so that errors come in it too
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		switch {
		case h == "age":
			age = i
		case strings.HasPrefix(h, "population_"):
			y, err := strconv.Atoi(strings.TrimPrefix(h, "population_"))
			if err != nil {
				return fmt.Errorf("%s:1: column %d %q: expected population_ and a year", name, i+1, header[i])
			}
			years = append(years, column{i, y})
		}
	}
	if age < 0 || len(years) == 0 {
		return fmt.Errorf("%s:1: expected an age column and population_YYYY columns, as the ONS mid-year estimates have", name)
	}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		a, err := strconv.Atoi(strings.TrimSpace(record[age]))
		if err != nil || a < 0 {
			return fmt.Errorf("%s:%d:%d: age %q: expected a whole number", name, line, age+1, record[age])
		}
		for _, col := range years {
			n, err := strconv.Atoi(strings.TrimSpace(record[col.index]))
			if err != nil || n < 0 {
				return fmt.Errorf("%s:%d:%d: %s %q: expected a whole number", name, line, col.index+1, header[col.index], record[col.index])
			}
			add(col.year, a, n)
		}
	}
}
