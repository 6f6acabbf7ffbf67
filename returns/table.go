package returns

import (
	"io"
	"sort"

	"github.com/village-uk/village/calendar"
)

// Row is one row of a table: its values in the schema's column order,
// exactly as submitted, and the line of the source file it came from.
type Row struct {
	Line   int // 1-based line in the source file; 0 for rows made in memory
	Values []string
}

// Table holds the rows of one table of a return.
type Table struct {
	Schema *Schema
	File   string // the file the rows were read from, or ""
	Rows   []Row
	Absent []string // optional columns the file did not have; their values are blank
}

// Has reports whether the table has the column: it is in the schema and,
// if optional, the file had it.
func (t *Table) Has(column string) bool {
	if t == nil || t.Schema.Index(column) < 0 {
		return false
	}
	for _, a := range t.Absent {
		if a == column {
			return false
		}
	}
	return true
}

// Name returns the table's name.
func (t *Table) Name() TableName { return t.Schema.Name }

// Len returns the number of rows.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return len(t.Rows)
}

// Add appends a row given as values in schema order. Missing trailing
// values are blank.
func (t *Table) Add(values ...string) {
	row := make([]string, len(t.Schema.Columns))
	copy(row, values)
	t.Rows = append(t.Rows, Row{Values: row})
}

// Get returns the value of column in row i, or "" if the table has no such
// column. Rules that read a column in a loop should look its index up once
// with Schema.Index and read Rows[i].Values directly.
func (t *Table) Get(i int, column string) string {
	c := t.Schema.Index(column)
	if c < 0 {
		return ""
	}
	return t.Rows[i].Values[c]
}

// Children returns the distinct values of the table's child column,
// sorted, or nil when the table has none.
func (t *Table) Children() []string {
	if t == nil {
		return nil
	}
	c := t.Schema.Index(t.Schema.Child)
	if c < 0 {
		return nil
	}
	seen := make(map[string]bool, len(t.Rows))
	for _, r := range t.Rows {
		seen[r.Values[c]] = true
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Collection describes one statutory return (the SSDA903, the CIN census):
// its tables, its code lists and how its files are read. A return's
// package defines one and hands it to the shared readers.
type Collection struct {
	Name    string    // as the DfE names the return: "SSDA903"
	Schemas []*Schema // its tables, in the DfE's loading order
	Codes   *CodeLists
	// ReadXML reads every table from a file in the return's XML layout; nil
	// when the return has no XML layout.
	ReadXML func(file string, r io.Reader) (map[TableName]*Table, Problems, error)
	// InferYear tells the collection year from the data when the folder and
	// the caller do not; nil when the data cannot tell.
	InferYear func(*Return) (calendar.Year, bool)
	// YearUnknown says why InferYear can fail, for the message when it
	// does: "the episodes hold no valid dates".
	YearUnknown string
}

// Schema returns the schema of the named table, or nil.
func (c *Collection) Schema(name TableName) *Schema {
	for _, s := range c.Schemas {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// NewTable returns an empty table of the named kind. It panics on a name
// that is not one of the return's tables, which is a programming error.
func (c *Collection) NewTable(name TableName) *Table {
	s := c.Schema(name)
	if s == nil {
		panic("returns: " + c.Name + " has no table " + string(name))
	}
	return &Table{Schema: s}
}

// Return is one local authority's return for one collection year. Last,
// when set, is the previous year's return, which many rules compare
// against.
type Return struct {
	Collection *Collection // which return this is
	Year       calendar.Year
	LA         string
	Tables     map[TableName]*Table
	Last       *Return
	Problems   Problems // what reading found: warnings and cell errors
}

// NewReturn returns an empty return of collection c for year y.
func NewReturn(c *Collection, y calendar.Year, la string) *Return {
	return &Return{Collection: c, Year: y, LA: la, Tables: map[TableName]*Table{}}
}

// Table returns the named table, or nil when the return does not have it.
func (r *Return) Table(name TableName) *Table {
	if r == nil {
		return nil
	}
	return r.Tables[name]
}

// Ensure returns the named table, adding an empty one if it is absent. It
// panics on a return made without its Collection, or a name that is not
// one of its tables, which are programming errors.
func (r *Return) Ensure(name TableName) *Table {
	t := r.Tables[name]
	if t == nil {
		if r.Collection == nil {
			panic("returns: Ensure on a return made without its Collection")
		}
		t = r.Collection.NewTable(name)
		r.Tables[name] = t
	}
	return t
}
