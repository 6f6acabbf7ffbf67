package returns

import (
	"encoding/csv"
	"io"
)

// WriteCSV writes one table as CSV with the DfE's column headers; the
// optional columns, which are not in the CSV layout, are left out.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Schema.ColumnNames()); err != nil {
		return err
	}
	var keep []int
	for i, c := range t.Schema.Columns {
		if !c.Optional {
			keep = append(keep, i)
		}
	}
	record := make([]string, len(keep))
	for _, r := range t.Rows {
		for j, i := range keep {
			record[j] = r.Values[i]
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
