package returns

// RowGatherer gathers the rows of several tables as an XML mapping makes them,
// record by record. Rows are kept in chunks of growing size and joined once
// at the end, which copies each row once where appending to Table.Rows
// would copy it several times over; their values are cut from a ValueArena.
type RowGatherer struct {
	tables []*Table
	chunks [][][]Row // for each table, its rows in chunks
	arena  ValueArena
}

// NewRowGatherer returns a gatherer of rows for tables, which Join fills.
func NewRowGatherer(tables []*Table) *RowGatherer {
	return &RowGatherer{tables: tables, chunks: make([][][]Row, len(tables))}
}

// Values returns a zeroed slice of n values for a new row.
func (g *RowGatherer) Values(n int) []string { return g.arena.Take(n) }

// Add adds a row to table i.
func (g *RowGatherer) Add(i int, r Row) {
	chunks := g.chunks[i]
	if n := len(chunks); n == 0 || len(chunks[n-1]) == cap(chunks[n-1]) {
		size := 16
		if n > 0 {
			size = min(2*cap(chunks[n-1]), 8192)
		}
		chunks = append(chunks, make([]Row, 0, size))
		g.chunks[i] = chunks
	}
	last := &chunks[len(chunks)-1]
	*last = append(*last, r)
}

// Join sets each table's rows from the chunks Add gathered, followed by
// those of more, gatherers of rows for the same kinds of tables (the
// parts of a file read in parts), in order.
func (g *RowGatherer) Join(more ...*RowGatherer) {
	for i := range g.chunks {
		chunks := g.chunks[i]
		for _, m := range more {
			chunks = append(chunks, m.chunks[i]...)
		}
		if len(chunks) == 1 {
			g.tables[i].Rows = chunks[0]
			continue
		}
		n := 0
		for _, c := range chunks {
			n += len(c)
		}
		if n == 0 {
			continue
		}
		rows := make([]Row, 0, n)
		for _, c := range chunks {
			rows = append(rows, c...)
		}
		g.tables[i].Rows = rows
	}
}
