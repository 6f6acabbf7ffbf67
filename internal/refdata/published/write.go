package published

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
)

// Row is one row to write in a table's layout: its year, its area, and
// its filter and indicator cells by column ("c" and the other symbols
// written as they are).
type Row struct {
	Year  calendar.Year
	Area  Area
	Cells map[string]string
}

// Header returns the columns of the named table, in the DfE's layout:
// the geography, then the filters, then the indicators.
func Header(name string) ([]string, error) {
	for _, t := range tables {
		if t.name == name {
			return append(append(slices.Clone(geography), t.filters...), t.indicators...), nil
		}
	}
	return nil, fmt.Errorf("no table %s", name)
}

// WriteTable writes rows in the named table's layout, as reporting years.
func WriteTable(w io.Writer, name string, rows []Row) error {
	header, err := Header(name)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		rec := make([]string, len(header))
		for i, col := range header {
			rec[i] = geographyCell(r, col)
			if i >= len(geography) {
				rec[i] = r.Cells[col]
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// geographyCell is the value of a geography column for the row.
func geographyCell(r Row, col string) string {
	a := r.Area
	switch col {
	case "time_period":
		return strconv.Itoa(int(r.Year))
	case "time_identifier":
		return "Reporting year"
	case "geographic_level":
		return a.Level.String()
	case "country_code":
		return "E92000001"
	case "country_name":
		return "England"
	case "region_code":
		return a.Region
	case "region_name":
		return a.RegionName
	case "old_la_code":
		return a.OldCode
	case "la_name":
		if a.Level == LocalAuthority {
			return a.Name
		}
	case "new_la_code":
		if a.Level == LocalAuthority {
			return a.Code
		}
	}
	return ""
}

// WriteNeighbours writes the neighbours list in the layout ReadNeighbours
// reads: old_la_code, la_name, SN_1 to SN_10. names gives each authority's
// name by old_la_code.
func WriteNeighbours(w io.Writer, n Neighbours, names map[string]string) error {
	header := []string{"old_la_code", "la_name"}
	for i := 1; i <= NeighbourCount; i++ {
		header = append(header, "SN_"+strconv.Itoa(i))
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	codes := make([]string, 0, len(n))
	for c := range n {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		if err := cw.Write(append([]string{c, names[c]}, n[c]...)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
