package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// TestRowValues checks that each table's typed rows give the text of
// every column of its schema, in the schema's order: a return with a row
// in every table, each value naming its column and row, typed and read
// back, must give the raw rows' values exactly.
func TestRowValues(t *testing.T) {
	r := ssda903.NewReturn(2027, "") // the first year with every table
	for _, s := range ssda903.Schemas {
		table := &ssda903.Table{Schema: s}
		for row := range 3 {
			values := make([]string, len(s.Columns))
			for i, c := range s.Columns {
				values[i] = fmt.Sprintf("%s %d", c.Name, row)
			}
			table.Rows = append(table.Rows, ssda903.Row{Line: row + 2, Values: values})
		}
		r.Tables[s.Name] = table
	}
	typed := newTables(r, false).typedTables()
	if len(typed) != len(ssda903.Schemas) {
		t.Fatalf("%d typed tables, want one for each of the %d schemas", len(typed), len(ssda903.Schemas))
	}
	for i, tt := range typed {
		raw := r.Tables[ssda903.Schemas[i].Name]
		if tt.name != raw.Name() || tt.rows != len(raw.Rows) {
			t.Errorf("typed table %d is %s with %d rows, want %s with %d", i, tt.name, tt.rows, raw.Name(), len(raw.Rows))
			continue
		}
		for row := range tt.rows {
			if got := tt.values(row, nil); !slices.Equal(got, raw.Rows[row].Values) {
				t.Errorf("%s row %d: typed values %q, raw %q", tt.name, row, got, raw.Rows[row].Values)
			}
		}
	}
}

// TestFieldGivesEachColumnsText checks that a failure's fields show the
// text submitted in every column of every table, and nothing for a column
// or a row the table lacks.
func TestFieldGivesEachColumnsText(t *testing.T) {
	r := ssda903.NewReturn(2027, "")
	for _, s := range ssda903.Schemas {
		values := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			values[i] = s.File + " " + c.Name
		}
		r.Tables[s.Name] = &ssda903.Table{Schema: s, Rows: []ssda903.Row{{Line: 2, Values: values}}}
	}
	tables := newTables(r, false)
	for _, s := range ssda903.Schemas {
		for _, c := range s.Columns {
			if got, ok := tables.field(Ref{Table: s.Name}, c.Name); !ok || got != s.File+" "+c.Name {
				t.Errorf("%s %s: %q, %v", s.Name, c.Name, got, ok)
			}
		}
		if got, ok := tables.field(Ref{Table: s.Name}, "NOT_A_COLUMN"); ok {
			t.Errorf("%s: a column it lacks gave %q", s.Name, got)
		}
		if got, ok := tables.field(Ref{Table: s.Name, Row: 1}, "CHILD"); ok {
			t.Errorf("%s: a row it lacks gave %q", s.Name, got)
		}
	}
}
