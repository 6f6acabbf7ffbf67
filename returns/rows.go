package returns

// RowGatherer gathers the rows of several tables as an XML mapping makes them,
// record by record, and joins them once at the end, so that each row is
// written once where appending to Table.Rows would copy it several times
// over. It cuts rows' values from blocks of its own and, until the join,
// keeps a row as its line and where its values are in 12 bytes where a
// Row takes 32: a national census has millions of rows.
type RowGatherer struct {
	tables  []*Table
	chunks  [][][]gathered // for each table, its rows in chunks
	blocks  [][]string     // the blocks values are cut from
	free    int            // the offset of the rest of the last block
	pending []taken        // values handed out and not yet in a row
	loose   []Row          // rows whose values Values did not hand out
}

// gathered is a row gathered: its line and its values, n of them at off
// in blocks[block], or, when block is negative, loose[-block-1].
type gathered struct {
	line   int32
	block  int32
	off, n uint16
}

// taken is where the values Values handed out are.
type taken struct {
	first  *string
	block  int32
	off, n uint16
}

// valueBlock is the number of values in a block; a row of more has a
// block of its own.
const valueBlock = 4096

// maxPending is the most values handed out and not yet in a row that a
// gatherer looks for; a row with older ones is kept loose.
const maxPending = 64

// NewRowGatherer returns a gatherer of rows for tables, which Join fills.
func NewRowGatherer(tables []*Table) *RowGatherer {
	return &RowGatherer{tables: tables, chunks: make([][][]gathered, len(tables))}
}

// Values returns a zeroed slice of n values for a new row.
func (g *RowGatherer) Values(n int) []string {
	if n == 0 {
		return []string{}
	}
	last := len(g.blocks) - 1
	if last < 0 || len(g.blocks[last])-g.free < n {
		g.blocks = append(g.blocks, make([]string, max(n, valueBlock)))
		last, g.free = last+1, 0
	}
	out := g.blocks[last][g.free : g.free+n : g.free+n]
	if n <= valueBlock {
		if len(g.pending) == maxPending {
			g.pending = append(g.pending[:0], g.pending[1:]...)
		}
		g.pending = append(g.pending, taken{first: &out[0], block: int32(last), off: uint16(g.free), n: uint16(n)})
	}
	g.free += n
	return out
}

// Add adds a row to table i.
func (g *RowGatherer) Add(i int, r Row) {
	e := gathered{line: int32(r.Line), block: -1}
	if at := g.taken(r.Values); at >= 0 && int(e.line) == r.Line {
		t := g.pending[at]
		e.block, e.off, e.n = t.block, t.off, t.n
		g.pending = append(g.pending[:at], g.pending[at+1:]...)
	} else {
		g.loose = append(g.loose, r)
		e.block = -int32(len(g.loose))
	}
	chunks := g.chunks[i]
	if n := len(chunks); n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap(chunks[n-1]), 8192)
		}
		chunks = append(chunks, make([]gathered, 0, size))
		g.chunks[i] = chunks
	}
	last := &chunks[len(chunks)-1]
	*last = append(*last, e)
}

// taken returns the index in pending of the values, when Values handed
// them out as they are, or -1.
func (g *RowGatherer) taken(values []string) int {
	if len(values) == 0 {
		return -1
	}
	for at := len(g.pending) - 1; at >= 0; at-- {
		if t := g.pending[at]; t.first == &values[0] && int(t.n) == len(values) && cap(values) == len(values) {
			return at
		}
	}
	return -1
}

// row returns a row gathered.
func (g *RowGatherer) row(e gathered) Row {
	if e.block < 0 {
		return g.loose[-e.block-1]
	}
	end := int(e.off) + int(e.n)
	return Row{Line: int(e.line), Values: g.blocks[e.block][e.off:end:end]}
}

// Join sets each table's rows from those Add gathered, followed by those
// of more, gatherers of rows for the same kinds of tables (the parts of a
// file read in parts), in order.
func (g *RowGatherer) Join(more ...*RowGatherer) {
	all := append([]*RowGatherer{g}, more...)
	for i := range g.chunks {
		n := 0
		for _, m := range all {
			for _, c := range m.chunks[i] {
				n += len(c)
			}
		}
		if n == 0 {
			continue
		}
		rows := make([]Row, 0, n)
		for _, m := range all {
			for _, c := range m.chunks[i] {
				for _, e := range c {
					rows = append(rows, m.row(e))
				}
			}
		}
		g.tables[i].Rows = rows
	}
}
