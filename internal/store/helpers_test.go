package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store/pgtest"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// engine is a database the tests run against.
type engine struct {
	name string
	// newURL returns the URL of a new, empty database for one test or
	// benchmark, removed when it ends; skip says why there is none.
	newURL func(tb testing.TB) string
	skip   string
}

// engines are SQLite, always, and PostgreSQL when TEST_POSTGRES_DSN is set.
func engines() []engine {
	pg := engine{name: "PostgreSQL", newURL: newPostgresURL}
	pg.skip = pgtest.Skip()
	return []engine{
		{name: "SQLite", newURL: func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "village.db") }},
		pg,
	}
}

// forEachEngine runs test once for each engine, as a subtest.
func forEachEngine(t *testing.T, test func(t *testing.T, e engine)) {
	for _, e := range engines() {
		t.Run(e.name, func(t *testing.T) {
			if e.skip != "" {
				t.Skip(e.skip)
			}
			test(t, e)
		})
	}
}

// open opens a store on a new database of engine e, closed when the test
// ends.
func (e engine) open(tb testing.TB) *Store {
	tb.Helper()
	return openURL(tb, e.newURL(tb))
}

func openURL(tb testing.TB, u string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), u)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// newPostgresURL creates a database with a random name on the server of
// TEST_POSTGRES_DSN and returns its URL; it is dropped when the test ends.
func newPostgresURL(tb testing.TB) string { return pgtest.NewDatabase(tb) }

// synthetic returns the synthetic returns of cfg, generated once per
// configuration for the whole test binary. Tests must not change them;
// clone first.
func synthetic(tb testing.TB, cfg synth.Config) []*ssda903.Return {
	tb.Helper()
	syntheticMu.Lock()
	defer syntheticMu.Unlock()
	if r, ok := syntheticCache[cfg]; ok {
		return r
	}
	res, err := synth.Generate(cfg)
	if err != nil {
		tb.Fatalf("synth.Generate: %v", err)
	}
	syntheticCache[cfg] = res.Returns
	return res.Returns
}

var (
	syntheticMu    sync.Mutex
	syntheticCache = map[synth.Config][]*ssda903.Return{}
)

// small is the synthetic authority most tests use: 300 children, three
// years to 2025/26.
var small = synth.Config{Children: 300, Years: 3, Until: calendar.NewDate(2026, 3, 31), Seed: 9}

// clone returns a deep copy of r's tables (without Last and Problems),
// for a test to change.
func clone(r *ssda903.Return) *ssda903.Return {
	c := ssda903.NewReturn(r.Year, r.LA)
	for name, t := range r.Tables {
		ct := &ssda903.Table{Schema: t.Schema, File: t.File, Absent: slices.Clone(t.Absent)}
		if t.Rows != nil {
			ct.Rows = make([]ssda903.Row, len(t.Rows))
			for i, row := range t.Rows {
				ct.Rows[i] = ssda903.Row{Line: row.Line, Values: slices.Clone(row.Values)}
			}
		}
		c.Tables[name] = ct
	}
	return c
}

// rowsIn counts the rows of every table of the returns.
func rowsIn(returns ...*ssda903.Return) int {
	n := 0
	for _, r := range returns {
		for _, t := range r.Tables {
			n += t.Len()
		}
	}
	return n
}

// diffReturns describes how got differs from want, table by table and
// value by value, or returns "" if they are the same (Last and Problems
// aside).
func diffReturns(want, got *ssda903.Return) string {
	var b strings.Builder
	if want.Year != got.Year || want.LA != got.LA {
		fmt.Fprintf(&b, "year, LA: got %s %q, want %s %q\n", got.Year, got.LA, want.Year, want.LA)
	}
	schemas := ssda903.Schemas
	if want.Collection != nil {
		schemas = want.Collection.Schemas
	}
	for _, s := range schemas {
		w, g := want.Tables[s.Name], got.Tables[s.Name]
		switch {
		case w == nil && g == nil:
			continue
		case w == nil || g == nil:
			fmt.Fprintf(&b, "%s: got table %v, want %v\n", s.Name, g != nil, w != nil)
			continue
		}
		if filepath.Base(w.File) != g.File && !(w.File == "" && g.File == "") {
			fmt.Fprintf(&b, "%s: file %q, want %q\n", s.Name, g.File, filepath.Base(w.File))
		}
		if !slices.Equal(w.Absent, g.Absent) {
			fmt.Fprintf(&b, "%s: absent %q, want %q\n", s.Name, g.Absent, w.Absent)
		}
		if len(w.Rows) != len(g.Rows) {
			fmt.Fprintf(&b, "%s: %d rows, want %d\n", s.Name, len(g.Rows), len(w.Rows))
			continue
		}
		shown := 0
		for i := range w.Rows {
			wr, gr := w.Rows[i], g.Rows[i]
			if wr.Line == gr.Line && slices.Equal(wr.Values, gr.Values) {
				continue
			}
			if shown++; shown > 5 {
				fmt.Fprintf(&b, "%s: more rows differ\n", s.Name)
				break
			}
			fmt.Fprintf(&b, "%s row %d: got line %d %q, want line %d %q\n", s.Name, i+1, gr.Line, gr.Values, wr.Line, wr.Values)
		}
	}
	return b.String()
}

// dump returns every row of every table the store has (data tables and
// returns; not loads, which grows with each load), as text, in key order:
// what "the database did not change" compares.
func dump(t testing.TB, s *Store) []string {
	t.Helper()
	return dumpKind(t, s, ssda903Kind)
}

// dumpKind is dump for the tables of kind k.
func dumpKind(t testing.TB, s *Store, k *kind) []string {
	t.Helper()
	var out []string
	queries := []string{"SELECT year, la, load_id, tables FROM " + k.years + " ORDER BY year"}
	for _, tb := range k.tables {
		queries = append(queries, fmt.Sprintf("SELECT %s FROM %s ORDER BY year, row_number", quoteAll(tb.all), tb.sqlName))
	}
	for _, q := range queries {
		rows, err := s.read.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var line strings.Builder
			line.WriteString(q[strings.LastIndex(q, "FROM"):])
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&line, "|%v", v)
			}
			out = append(out, line.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows.Close()
	}
	return out
}

// load loads returns into s, failing the test on error.
func load(t testing.TB, s *Store, source LoadSource, returns ...*ssda903.Return) *LoadSummary {
	t.Helper()
	sum, err := s.Load(context.Background(), returns, source)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return sum
}
