package returns

import (
	"sort"

	"github.com/village-uk/village/calendar"
)

// Summary describes what was read of a return, table by table.
type Summary struct {
	Year   calendar.Year
	LA     string
	Tables []TableSummary
}

// TableSummary describes one table: its size, the span of each date
// column, and how often each code of each code column occurs.
type TableSummary struct {
	Name     TableName
	File     string
	Rows     int
	Children int
	Dates    []DateSpan
	Codes    []CodeCounts
}

// DateSpan is the earliest and latest valid date in a column, and how many
// values were blank or not dates.
type DateSpan struct {
	Column   string
	First    calendar.Date
	Last     calendar.Date
	Valid    int
	Blank    int
	NotADate int
}

// CodeCounts counts the values of one code column, most frequent first.
// Values not in the year's code list are counted under their own text and
// flagged, so a summary already shows what validation will reject.
type CodeCounts struct {
	Column string
	Counts []CodeCount
}

// CodeCount is one value and how many rows hold it.
type CodeCount struct {
	Code  string
	N     int
	Valid bool // in the code list for the return's year (blank counts as valid)
}

// Summarise counts what r, a return of the collection, holds. Tables are
// in the DfE's order; tables the return lacks are left out.
func (c *Collection) Summarise(r *Return) Summary {
	s := Summary{Year: r.Year, LA: r.LA}
	for _, schema := range c.Schemas {
		t := r.Table(schema.Name)
		if t == nil {
			continue
		}
		s.Tables = append(s.Tables, c.summariseTable(t, r.Year))
	}
	return s
}

func (c *Collection) summariseTable(t *Table, y calendar.Year) TableSummary {
	ts := TableSummary{Name: t.Name(), File: t.File, Rows: t.Len(), Children: len(t.Children())}
	for i, col := range t.Schema.Columns {
		switch col.Kind {
		case DateValue, ISODate:
			ts.Dates = append(ts.Dates, dateSpan(t, i))
		case Code:
			if c.Codes != nil && c.Codes.Codes(col.Name, y) != nil && t.Has(col.Name) {
				ts.Codes = append(ts.Codes, c.codeCounts(t, i, y))
			}
		}
	}
	return ts
}

func dateSpan(t *Table, column int) DateSpan {
	span := DateSpan{Column: t.Schema.Columns[column].Name}
	parse := calendar.ParseDate
	if t.Schema.Columns[column].Kind == ISODate {
		parse = calendar.ParseISODate
	}
	for _, r := range t.Rows {
		v := r.Values[column]
		if v == "" {
			span.Blank++
			continue
		}
		d, ok := parse(v)
		if !ok {
			span.NotADate++
			continue
		}
		if span.Valid == 0 || d < span.First {
			span.First = d
		}
		if span.Valid == 0 || d > span.Last {
			span.Last = d
		}
		span.Valid++
	}
	return span
}

func (c *Collection) codeCounts(t *Table, column int, y calendar.Year) CodeCounts {
	name := t.Schema.Columns[column].Name
	n := map[string]int{}
	for _, r := range t.Rows {
		n[r.Values[column]]++
	}
	cc := CodeCounts{Column: name}
	for code, count := range n {
		cc.Counts = append(cc.Counts, CodeCount{Code: code, N: count, Valid: code == "" || c.Codes.Valid(name, code, y)})
	}
	sort.Slice(cc.Counts, func(i, j int) bool {
		a, b := cc.Counts[i], cc.Counts[j]
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Code < b.Code
	})
	return cc
}
