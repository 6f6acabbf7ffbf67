package app

import (
	"encoding/binary"
	"maps"

	"github.com/village-uk/village/returns"
)

// packedReturn is a return read and checked, kept small until it is
// stored: an authority's HAF files hold millions of rows, and as read
// each value is a string of its own, kept alive with its whole line.
// Packed, each column's distinct values are kept once and each row as
// their indexes, about a seventh of the memory.
type packedReturn struct {
	r      *returns.Return // without its tables' rows
	tables map[returns.TableName]*packedTable
}

// pack packs r's rows. r is not changed.
func pack(r *returns.Return) *packedReturn {
	p := &packedReturn{r: &returns.Return{}, tables: map[returns.TableName]*packedTable{}}
	*p.r = *r
	p.r.Tables = map[returns.TableName]*returns.Table{}
	for name, t := range r.Tables {
		bare := *t
		bare.Rows = nil
		p.r.Tables[name] = &bare
		p.tables[name] = packTable(t)
	}
	return p
}

// packedTable is a table's rows, packed.
type packedTable struct {
	rows    int
	columns []packedColumn
	// lines are the rows' lines; nil when row i is on line firstLine+i,
	// as in a file without values across lines.
	lines     []int
	firstLine int
	// whole is the rows as they were, when one has not a value for each
	// column (never from the reader): left for the store to refuse.
	whole []returns.Row
}

// packedColumn is a column's values: its distinct values and, for each
// row, the index of its value in as few bytes as the count needs.
type packedColumn struct {
	values []string
	width  int    // bytes an index takes: 1, 2 or 4
	codes  []byte // little-endian indexes, row after row
}

func packTable(t *returns.Table) *packedTable {
	pt := &packedTable{rows: len(t.Rows), columns: make([]packedColumn, len(t.Schema.Columns))}
	for _, row := range t.Rows {
		if len(row.Values) != len(pt.columns) {
			pt.whole = t.Rows
			return pt
		}
	}
	if len(t.Rows) > 0 {
		pt.firstLine = t.Rows[0].Line
	}
	for i, row := range t.Rows {
		if row.Line != pt.firstLine+i {
			pt.lines = make([]int, len(t.Rows))
			for j, r := range t.Rows {
				pt.lines[j] = r.Line
			}
			break
		}
	}
	codes := make([]uint32, len(t.Rows))
	for c := range pt.columns {
		index := map[string]uint32{}
		col := &pt.columns[c]
		for i, row := range t.Rows {
			v := row.Values[c]
			code, ok := index[v]
			if !ok {
				// A copy, so that the value does not keep alive the line
				// it was read from.
				code, v = uint32(len(col.values)), string([]byte(v))
				col.values = append(col.values, v)
				index[v] = code
			}
			codes[i] = code
		}
		col.setCodes(codes)
	}
	return pt
}

// setCodes keeps codes in as few bytes each as the column's values need.
func (col *packedColumn) setCodes(codes []uint32) {
	switch n := len(col.values); {
	case n <= 1<<8:
		col.width = 1
	case n <= 1<<16:
		col.width = 2
	default:
		col.width = 4
	}
	col.codes = make([]byte, 0, col.width*len(codes))
	for _, code := range codes {
		switch col.width {
		case 1:
			col.codes = append(col.codes, byte(code))
		case 2:
			col.codes = binary.LittleEndian.AppendUint16(col.codes, uint16(code))
		default:
			col.codes = binary.LittleEndian.AppendUint32(col.codes, code)
		}
	}
}

// value is row i's value.
func (col *packedColumn) value(i int) string {
	switch col.width {
	case 1:
		return col.values[col.codes[i]]
	case 2:
		return col.values[binary.LittleEndian.Uint16(col.codes[2*i:])]
	default:
		return col.values[binary.LittleEndian.Uint32(col.codes[4*i:])]
	}
}

// unpack returns the return as it was read, its values shared with the
// packed one's.
func (p *packedReturn) unpack() *returns.Return { return p.unpackExcept("") }

func (pt *packedTable) unpack() []returns.Row {
	if pt.whole != nil || pt.rows == 0 {
		return pt.whole
	}
	n := len(pt.columns)
	rows := make([]returns.Row, pt.rows)
	values := make([]string, n*pt.rows)
	for i := range rows {
		line := pt.firstLine + i
		if pt.lines != nil {
			line = pt.lines[i]
		}
		rows[i] = returns.Row{Line: line, Values: values[i*n : (i+1)*n : (i+1)*n]}
	}
	// Column after column: each column's codes are read in order.
	for c := range pt.columns {
		col := &pt.columns[c]
		for i := range rows {
			rows[i].Values[c] = col.value(i)
		}
	}
	return rows
}

// distinct returns the named table as one column of its distinct values,
// a row each: for what needs only the set of a column's values of a
// table of millions of rows. It is nil when the return has no such table.
func (p *packedReturn) distinct(name returns.TableName, column string) *returns.Table {
	t, pt := p.r.Tables[name], p.tables[name]
	if t == nil {
		return nil
	}
	c := t.Schema.Index(column)
	if pt.whole != nil {
		pt = packTable(&returns.Table{Schema: t.Schema, Rows: wholeRows(pt.whole, len(t.Schema.Columns))})
	}
	schema := *t.Schema
	schema.Columns = schema.Columns[c : c+1 : c+1]
	values := pt.columns[c].values
	one := &returns.Table{Schema: &schema, File: t.File, Rows: make([]returns.Row, len(values))}
	for i := range values {
		one.Rows[i] = returns.Row{Values: values[i : i+1 : i+1]}
	}
	return one
}

// unpackExcept returns the return with every table but the named one
// unpacked, and that one without rows.
func (p *packedReturn) unpackExcept(name returns.TableName) *returns.Return {
	r := *p.r
	r.Tables = maps.Clone(p.r.Tables)
	for n, t := range p.r.Tables {
		if n == name {
			continue
		}
		full := *t
		full.Rows = p.tables[n].unpack()
		r.Tables[n] = &full
	}
	return &r
}

// wholeRows returns rows with a value for each of n columns, blank where
// a row has too few.
func wholeRows(rows []returns.Row, n int) []returns.Row {
	out := make([]returns.Row, len(rows))
	for i, row := range rows {
		values := make([]string, n)
		copy(values, row.Values)
		out[i] = returns.Row{Line: row.Line, Values: values}
	}
	return out
}
