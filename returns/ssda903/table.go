package ssda903

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// Row is one row of a table: its values in the schema's column order,
// exactly as submitted, and the line of the source file it came from.
type Row = returns.Row

// Table holds the rows of one table of a return.
type Table = returns.Table

// Return is one local authority's SSDA903 return for one collection year.
// Last, when set, is the previous year's return, which many rules compare
// against.
type Return = returns.Return

// NewTable returns an empty table of the named kind. It panics on a name
// that is not one of the return's tables, which is a programming error.
func NewTable(name TableName) *Table { return Collection.NewTable(name) }

// NewReturn returns an empty return for year y.
func NewReturn(y calendar.Year, la string) *Return { return returns.NewReturn(Collection, y, la) }
