package store

import (
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ssda903"
)

// tableNames are the SQL names of the return's tables.
var tableNames = map[ssda903.TableName]string{
	ssda903.Header:         "header",
	ssda903.Episodes:       "episodes",
	ssda903.Reviews:        "reviews",
	ssda903.UASC:           "uasc",
	ssda903.OC2:            "oc2",
	ssda903.OC3:            "oc3",
	ssda903.AD1:            "ad1",
	ssda903.PlacedAdoption: "placed_adoption",
	ssda903.PrevPerm:       "prev_perm",
	ssda903.Missing:        "missing",
	ssda903.SWEpisodes:     "sw_episodes",
	ssda903.DoLo:           "dolo",
}

// The columns every data table has besides the return's own: year and
// row_number before them, line, load_id and la (the authority, added
// last by a later migration) after.
var (
	leadColumns  = []string{"year", "row_number"}
	trailColumns = []string{"line", "load_id", "la"}
)

// table is one table of a return as stored: its schema, SQL names and the
// statements that read it.
type table struct {
	schema  *returns.Schema
	sqlName string
	columns []string // the return's columns, as SQL names, in schema order
	all     []string // every column, in the order of the SQL table
	key     []int    // the natural key, as indexes into schema.Columns

	selectYear string // an authority's year's rows ($1, $2): the return's columns, then line and load_id, by row_number
	deleteYear string // deletes an authority's year's rows ($1, $2)
}

// tables are the SSDA903's tables as stored, in the order of ssda903.Schemas.
var tables = makeTables(ssda903.Schemas, tableNames, keyColumns)

// tableOf returns the stored SSDA903 table for the named one, or nil.
func tableOf(name ssda903.TableName) *table { return findTable(tables, name) }

// findTable returns the table of ts with the given name, or nil.
func findTable(ts []*table, name returns.TableName) *table {
	for _, t := range ts {
		if t.schema.Name == name {
			return t
		}
	}
	return nil
}

// makeTables describes the stored tables of a return whose tables have
// schemas, SQL names names and natural keys key.
func makeTables(schemas []*returns.Schema, names map[returns.TableName]string, key func(*returns.Schema) []int) []*table {
	var out []*table
	for _, s := range schemas {
		t := &table{schema: s, sqlName: names[s.Name]}
		if t.sqlName == "" {
			// A table added to a return's Schemas needs a name here and
			// a migration; TestTableNames says so before this matters.
			t.sqlName = strings.ToLower(string(s.Name))
		}
		for _, c := range s.Columns {
			t.columns = append(t.columns, columnName(c.Name))
		}
		t.all = append(append(append([]string{}, leadColumns...), t.columns...), trailColumns...)
		t.key = key(s)
		t.selectYear = fmt.Sprintf("SELECT %s, line, load_id FROM %s WHERE la = $1 AND year = $2 ORDER BY row_number",
			quoteAll(t.columns), t.sqlName)
		t.deleteYear = fmt.Sprintf("DELETE FROM %s WHERE la = $1 AND year = $2", t.sqlName)
		out = append(out, t)
	}
	return out
}

// columnName is the SQL name of a column of a return: its name in lower
// case, or with "return_" before it when that is one of the columns every
// data table has (the CIN census's Header has a Year).
func columnName(name string) string {
	n := strings.ToLower(name)
	if slices.Contains(leadColumns, n) || slices.Contains(trailColumns, n) {
		return "return_" + n
	}
	return n
}

// quoteAll joins names as quoted SQL identifiers, separated by commas.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, ", ")
}

// keyColumns returns a table's natural key, as column indexes: CHILD for
// the Header; CHILD and DECOM for Episodes; CHILD and REVIEW for Reviews;
// and for the others CHILD with the first date column that is not the
// child's DOB (the date of the event the row records: DUC, DATE_INT,
// DATE_PLACED, DATE_PERM, MIS_START, SW_DECOM, DOLO_START), or with DOB
// where there is no other (OC2 and OC3, one row a child).
func keyColumns(s *ssda903.Schema) []int {
	key := []int{s.Index("CHILD")}
	switch s.Name {
	case ssda903.Header:
		return key
	case ssda903.Episodes:
		return append(key, s.Index("DECOM"))
	case ssda903.Reviews:
		return append(key, s.Index("REVIEW"))
	}
	dob := -1
	for i, c := range s.Columns {
		if c.Kind != ssda903.DateValue && c.Kind != ssda903.PartialDay {
			continue
		}
		if c.Name != "DOB" {
			return append(key, i)
		}
		if dob < 0 {
			dob = i
		}
	}
	if dob >= 0 {
		key = append(key, dob)
	}
	return key
}

// keyOf returns a row's natural key as one string ("" for a table without
// one, whose rows are then matched by their order).
func (t *table) keyOf(values []string) string {
	if len(t.key) == 1 {
		return values[t.key[0]]
	}
	var b strings.Builder
	for i, k := range t.key {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(values[k])
	}
	return b.String()
}
