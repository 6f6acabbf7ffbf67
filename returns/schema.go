package returns

import (
	"strings"

	"github.com/village-uk/village/calendar"
)

// TableName names one of a return's tables as the DfE and the peer tools
// name them.
type TableName string

// Kind says how a column's text is to be read.
type Kind int

// The kinds of column.
const (
	Text       Kind = iota // free text or an identifier
	Code                   // a value from a code list (see CodeLists)
	DateValue              // DD/MM/YYYY
	PartialDay             // DD/MM/YYYY with ZZ parts allowed (the 903's DATE_PERM)
	Number                 // a whole number
	Postcode               // a UK postcode
	ISODate                // YYYY-MM-DD, as the CIN census writes dates
)

// Optional may be added to a Kind given to Columns to mark the column
// optional; it is never a column's Kind.
const Optional Kind = 1 << 8

// Check returns what was expected when v is not of the form the kind
// needs, or "" when it is. Blank values are the caller's to judge. Code
// lists are not checked: which codes are valid depends on the collection
// year, and judging that is the validation rules' work.
func (k Kind) Check(v string) string {
	switch k {
	case DateValue:
		if _, ok := calendar.ParseDate(v); !ok {
			return "a date written " + calendar.DateLayout
		}
	case PartialDay:
		if _, ok := calendar.ParsePartialDate(v); !ok {
			return "a date written " + calendar.PartialDateLayout
		}
	case ISODate:
		if _, ok := calendar.ParseISODate(v); !ok {
			return "a date written YYYY-MM-DD"
		}
	case Number:
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				return "a whole number"
			}
		}
	}
	return ""
}

// Column describes one column of a table.
type Column struct {
	Name string
	Kind Kind
	// Optional columns are not in the DfE's CSV layout but can be
	// submitted another way (the 903 Header's UASC flag exists only in
	// XML). CSV files may omit them and CSV writers leave them out.
	Optional bool
}

// Columns makes a column list from pairs of name and kind, the kind with
// Optional added for an optional column:
//
//	Columns("CHILD", Text, "DOB", DateValue, "UASC", Code|Optional)
//
// It panics on a list that is not such pairs, which is a programming error.
func Columns(pairs ...any) []Column {
	if len(pairs)%2 != 0 {
		panic("returns: Columns needs pairs of name and kind")
	}
	out := make([]Column, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		kind := pairs[i+1].(Kind)
		out = append(out, Column{Name: pairs[i].(string), Kind: kind &^ Optional, Optional: kind&Optional != 0})
	}
	return out
}

// Schema describes one table: its columns in the DfE's order, the
// collection years in which it exists, and the file name it is written
// under (readers recognise CSV tables by their headers, never their names).
type Schema struct {
	Name    TableName
	Columns []Column
	File    string
	From    calendar.Year // first collection year with this table; 0 for always
	// Child is the column that identifies the child a row is about
	// ("CHILD" in the 903), or "" for a table that is about no one child.
	Child string
}

// Index returns the position of the named column, or -1.
func (s *Schema) Index(column string) int {
	for i, c := range s.Columns {
		if c.Name == column {
			return i
		}
	}
	return -1
}

// InYear reports whether the table is part of the return in year y.
func (s *Schema) InYear(y calendar.Year) bool { return y >= s.From }

// ColumnNames returns the names of the DfE's columns (not the optional
// ones) in order: the CSV layout.
func (s *Schema) ColumnNames() []string {
	var names []string
	for _, c := range s.Columns {
		if !c.Optional {
			names = append(names, c.Name)
		}
	}
	return names
}

// tableNames lists the names of schemas, comma separated, for messages.
func tableNames(schemas []*Schema) string {
	names := make([]string, len(schemas))
	for i, s := range schemas {
		names[i] = string(s.Name)
	}
	return strings.Join(names, ", ")
}
