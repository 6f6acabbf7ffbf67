package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// TestTableNames checks that every table of ssda903.Schemas has an SQL
// name of its own.
func TestTableNames(t *testing.T) {
	seen := map[string]ssda903.TableName{}
	for _, s := range ssda903.Schemas {
		name, ok := tableNames[s.Name]
		if !ok {
			t.Errorf("table %s has no SQL name in tableNames (and needs a migration)", s.Name)
			continue
		}
		if other, dup := seen[name]; dup {
			t.Errorf("tables %s and %s are both stored as %s", other, s.Name, name)
		}
		seen[name] = s.Name
	}
	if len(tableNames) != len(ssda903.Schemas) {
		t.Errorf("tableNames has %d tables, ssda903.Schemas %d", len(tableNames), len(ssda903.Schemas))
	}
}

// column is a column of an SQL table as a migration or a database
// describes it.
type column struct{ name, typ string }

// wantColumns are the columns a data table must have, in order.
func wantColumns(s *ssda903.Schema) []column {
	want := []column{{"year", "INTEGER"}, {"row_number", "INTEGER"}}
	for _, c := range s.Columns {
		want = append(want, column{columnName(c.Name), "TEXT"})
	}
	return append(want, column{"line", "INTEGER"}, column{"load_id", "BIGINT"})
}

var (
	createTable = regexp.MustCompile(`(?ms)^CREATE TABLE (?:IF NOT EXISTS )?(\w+) \((.*?)^\)`)
	columnDef   = regexp.MustCompile(`^\s*(\w+)\s+(\w+)`)
)

// TestMigrationsMatchSchemas reads the ssda903 module's migrations and
// checks that each creates one table per table of ssda903.Schemas, with
// its columns in order, all TEXT, and the bookkeeping columns; then
// checks the same of the tables the migrations made in each database.
func TestMigrationsMatchSchemas(t *testing.T) {
	for _, k := range []*kind{ssda903Kind, cinKind, earlyHelpKind} {
		dir := "migrations/" + map[*kind]string{ssda903Kind: "ssda903", cinKind: "cin", earlyHelpKind: "earlyhelp"}[k]
		t.Run(path.Base(dir), func(t *testing.T) {
			files, err := fs.Glob(migrations, dir+"/*.sql")
			if err != nil || len(files) == 0 {
				t.Fatalf("no migrations in %s: %v", dir, err)
			}
			got := map[string][]column{}
			for _, f := range files {
				text, err := fs.ReadFile(migrations, f)
				if err != nil {
					t.Fatal(err)
				}
				up, _, _ := strings.Cut(string(text), "-- +goose Down")
				for _, m := range createTable.FindAllStringSubmatch(up, -1) {
					if strings.HasSuffix(m[1], "_new") {
						continue // a copy made to change a table, renamed to it
					}
					var cols []column
					for _, line := range strings.Split(m[2], "\n") {
						line, _, _ = strings.Cut(line, "--")
						c := columnDef.FindStringSubmatch(line)
						if c == nil || c[1] == "PRIMARY" {
							continue
						}
						cols = append(cols, column{c[1], c[2]})
					}
					got[m[1]] = cols
				}
			}
			for _, tb := range k.tables {
				name, s := tb.sqlName, tb.schema
				if !slices.Equal(got[name], wantColumns(s)) {
					t.Errorf("%s creates %s (%s) with columns\n%v\nwant\n%v", dir, name, s.Name, got[name], wantColumns(s))
				}
				delete(got, name)
			}
			delete(got, k.loads)
			delete(got, k.years)
			if k != ssda903Kind { // the 903's failures are a module of their own
				delete(got, k.failures)
				delete(got, k.skipped)
				delete(got, k.validated)
			}
			if k == earlyHelpKind {
				delete(got, "eh_links") // the links to the returns' children
			}
			for name := range got {
				t.Errorf("%s creates a table %s that is not one of the %s's", dir, name, k.name)
			}
		})
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		for _, tb := range append(append(slices.Clone(tables), cinTables...), earlyHelpKind.tables...) {
			name := tb.sqlName
			got, err := s.describe(name)
			if err != nil {
				t.Fatalf("describing %s: %v", name, err)
			}
			// The authorities module adds la to every table, last.
			want := append(wantColumns(tb.schema), column{"la", "TEXT"})
			if !slices.Equal(got, want) {
				t.Errorf("the database's %s has columns\n%v\nwant\n%v", name, got, want)
			}
		}
	})
}

// describe lists a table's columns as the database has them, with their
// types in upper case (PostgreSQL's "integer" as INTEGER).
func (s *Store) describe(table string) ([]column, error) {
	q := "SELECT name, type FROM pragma_table_info($1) ORDER BY cid"
	if _, ok := s.dialect.(postgresDialect); ok {
		q = `SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`
	}
	rows, err := s.read.Query(q, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ); err != nil {
			return nil, err
		}
		c.typ = strings.ToUpper(c.typ)
		out = append(out, c)
	}
	return out, rows.Err()
}

// awkward is a return whose values are hard to keep: blanks, spaces,
// quotes, commas, new lines, non-ASCII text, a long value, "NULL"; with
// an optional column its file lacked, a table sent empty, tables not sent
// at all, file paths and line numbers.
func awkward() *ssda903.Return {
	r := ssda903.NewReturn(2027, "E06000999")
	h := r.Ensure(ssda903.Header)
	h.File, h.Absent = "/data/903/2026-27/header.csv", []string{"UASC"}
	h.Rows = []ssda903.Row{
		{Line: 2, Values: []string{"A1", "1", "01/02/2015", "WBRI", "", "", "", ""}},
		{Line: 3, Values: []string{" A2 ", "2", "ZZ/02/2015", "ÆØÅ ünïcødé ✓", "O'Brien \"q\"", "a,b\nc", "NULL", ""}},
		{Line: 5, Values: []string{"A1", "1", "01/02/2015", "WBRI", strings.Repeat("x", 5000), "", "", ""}},
	}
	e := r.Ensure(ssda903.Episodes)
	e.File = "episodes.csv"
	e.Rows = []ssda903.Row{{Line: 2, Values: []string{"A1", "01/04/2026", "S", "C2", "N1", "U1", "PR1", "", "", "", "AB1 2CD", "  ", "SC123456"}}}
	r.Ensure(ssda903.Reviews).File = "reviews.csv" // sent, empty
	d := r.Ensure(ssda903.DoLo)
	d.Rows = []ssda903.Row{{Values: []string{"A1", "01/02/2015", "01/05/2026", ""}}}
	return r
}

// TestRoundTrip loads returns and reads each year back, checking every
// table, row, value and line, and the load's counts and progress.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		returns func(t *testing.T) []*ssda903.Return
	}{
		{"synthetic, three years", func(t *testing.T) []*ssda903.Return { return synthetic(t, small) }},
		{"awkward values", func(t *testing.T) []*ssda903.Return { return []*ssda903.Return{awkward()} }},
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				returns := tt.returns(t)
				s := e.open(t)
				var calls [][2]int
				sum := load(t, s, LoadSource{Files: []string{"exports/2025-26/header.csv"}, LA: returns[0].LA,
					Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}, returns...)
				total := rowsIn(returns...)
				if sum.Inserted != total || sum.Replaced+sum.Unchanged+sum.Deleted != 0 || !sum.Changed() {
					t.Errorf("first load counted %d inserted, %d replaced, %d unchanged, %d deleted; want %d inserted only",
						sum.Inserted, sum.Replaced, sum.Unchanged, sum.Deleted, total)
				}
				checkProgress(t, calls, total)

				var years []calendar.Year
				for _, want := range returns {
					years = append(years, want.Year)
					got, err := s.Return(context.Background(), want.Year)
					if err != nil {
						t.Fatalf("Return(%s): %v", want.Year, err)
					}
					if d := diffReturns(want, got); d != "" {
						t.Errorf("%s read back differs:\n%s", want.Year, d)
					}
				}
				got, err := s.Years(context.Background())
				if err != nil || !slices.Equal(got, years) {
					t.Errorf("Years = %v, %v; want %v", got, err, years)
				}
				if !slices.Equal(sum.Years, years) {
					t.Errorf("summary years %v, want %v", sum.Years, years)
				}
			})
		}
	})
}

// checkProgress checks the calls a load made to its progress callback:
// from 0 to total, never going back.
func checkProgress(t *testing.T, calls [][2]int, total int) {
	t.Helper()
	if len(calls) < 2 || calls[0] != [2]int{0, total} || calls[len(calls)-1] != [2]int{total, total} {
		t.Errorf("progress went %v ... %v in %d calls; want (0, %d) ... (%d, %d)",
			calls[0], calls[len(calls)-1], len(calls), total, total, total)
		return
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] != total {
			t.Errorf("progress went from %v to %v", calls[i-1], calls[i])
		}
	}
}

// TestDoubleLoad loads the same returns twice: the second load changes
// no row and is in the history as a load that changed nothing.
func TestDoubleLoad(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		returns := synthetic(t, small)
		s := e.open(t)
		source := LoadSource{Files: []string{"header.csv", "episodes.csv"}, LA: "E06000999"}
		first := load(t, s, source, returns...)
		before := dump(t, s)
		var calls [][2]int
		source.Progress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
		second := load(t, s, source, returns...)
		total := rowsIn(returns...)
		if second.Changed() || second.Inserted+second.Replaced+second.Deleted != 0 || second.Unchanged != total {
			t.Errorf("second load counted %d inserted, %d replaced, %d unchanged, %d deleted; want %d unchanged only",
				second.Inserted, second.Replaced, second.Unchanged, second.Deleted, total)
		}
		for name, c := range second.ByTable {
			if c.Unchanged != c.Inserted+c.Replaced+c.Deleted+c.Unchanged {
				t.Errorf("second load changed %s: %+v", name, c)
			}
		}
		checkProgress(t, calls, total)
		if after := dump(t, s); !slices.Equal(before, after) {
			t.Errorf("the second load changed the tables: %d rows before, %d after\n%s", len(before), len(after), firstDifference(before, after))
		}
		loads, err := s.Loads(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(loads) != 2 {
			t.Fatalf("history has %d loads, want 2", len(loads))
		}
		for i, want := range []*LoadSummary{first, second} {
			got := loads[i]
			if !reflect.DeepEqual(&got.LoadSummary, want) {
				t.Errorf("history's load %d is\n%+v\nwant\n%+v", i+1, got.LoadSummary, *want)
			}
			if !slices.Equal(got.Files, source.Files) || got.LA != source.LA || got.LoadedAt.IsZero() {
				t.Errorf("history's load %d: files %q, LA %q, at %v", i+1, got.Files, got.LA, got.LoadedAt)
			}
		}
		if loads[1].LoadedAt.Before(loads[0].LoadedAt) {
			t.Errorf("second load at %v, before the first at %v", loads[1].LoadedAt, loads[0].LoadedAt)
		}
	})
}

// firstDifference describes where two dumps first differ.
func firstDifference(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("first difference:\n  %s\n  %s", a[i], b[i])
		}
	}
	return "one is a prefix of the other"
}

// findEpisode returns the index of an episode of r with a DEC, and a
// DECOM that its child has no episode starting on.
func findEpisode(t *testing.T, r *ssda903.Return) (int, string) {
	t.Helper()
	ep := r.Table(ssda903.Episodes)
	dec, decom := ep.Schema.Index("DEC"), ep.Schema.Index("DECOM")
	for i, row := range ep.Rows {
		if row.Values[dec] == "" {
			continue
		}
		child := row.Values[0]
		free := "02/01/1990"
		for _, other := range ep.Rows {
			if other.Values[0] == child && other.Values[decom] == free {
				t.Fatalf("child %s has an episode from %s", child, free)
			}
		}
		return i, free
	}
	t.Fatal("no episode has a DEC")
	return 0, ""
}

// TestAmend loads 2024/25 and 2025/26, then a changed 2025/26: only the
// changed rows are counted and written with the new load's id, 2024/25
// is untouched, and the history has both loads.
func TestAmend(t *testing.T) {
	tests := []struct {
		name string
		// change changes the 2025/26 return and returns the rows (table
		// and index in the changed return) that should carry the new
		// load's id.
		change func(t *testing.T, r *ssda903.Return) map[ssda903.TableName][]int
		want   map[ssda903.TableName]TableCounts // tables not listed: every row unchanged
	}{
		{
			name: "an episode's DEC edited and an episode added",
			change: func(t *testing.T, r *ssda903.Return) map[ssda903.TableName][]int {
				ep := r.Table(ssda903.Episodes)
				i, free := findEpisode(t, r)
				dec, decom := ep.Schema.Index("DEC"), ep.Schema.Index("DECOM")
				added := slices.Clone(ep.Rows[i].Values)
				added[decom], added[dec] = free, "03/01/1990"
				ep.Rows[i].Values[dec] = "30/03/2026"
				if ep.Rows[i].Values[dec] == r.Last.Table(ssda903.Episodes).Rows[i].Values[dec] { // unlikely: pick another day
					ep.Rows[i].Values[dec] = "29/03/2026"
				}
				ep.Rows = append(ep.Rows, ssda903.Row{Values: added})
				return map[ssda903.TableName][]int{ssda903.Episodes: {i, len(ep.Rows) - 1}}
			},
			want: map[ssda903.TableName]TableCounts{ssda903.Episodes: {Inserted: 1, Replaced: 1}},
		},
		{
			name: "a review withdrawn",
			change: func(t *testing.T, r *ssda903.Return) map[ssda903.TableName][]int {
				rv := r.Table(ssda903.Reviews)
				rv.Rows = slices.Delete(rv.Rows, 3, 4)
				return nil
			},
			want: map[ssda903.TableName]TableCounts{ssda903.Reviews: {Deleted: 1}},
		},
		{
			name: "the header's rows in another order",
			change: func(t *testing.T, r *ssda903.Return) map[ssda903.TableName][]int {
				slices.Reverse(r.Table(ssda903.Header).Rows)
				return nil
			},
		},
		{
			name: "a child's sex corrected in two tables",
			change: func(t *testing.T, r *ssda903.Return) map[ssda903.TableName][]int {
				h := r.Table(ssda903.Header)
				child := h.Rows[0].Values[0]
				sex := h.Schema.Index("SEX")
				h.Rows[0].Values[sex] = map[string]string{"1": "2", "2": "1"}[h.Rows[0].Values[sex]]
				changed := map[ssda903.TableName][]int{ssda903.Header: {0}}
				if u := r.Table(ssda903.UASC); u != nil {
					for i, row := range u.Rows {
						if row.Values[0] == child {
							u.Rows[i].Values[1] = h.Rows[0].Values[sex]
							changed[ssda903.UASC] = append(changed[ssda903.UASC], i)
						}
					}
				}
				return changed
			},
			want: map[ssda903.TableName]TableCounts{ssda903.Header: {Replaced: 1}},
		},
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		all := synthetic(t, small)
		y2025, y2026 := all[1], all[2]
		if y2025.Year != 2025 || y2026.Year != 2026 {
			t.Fatalf("synthetic years are %s and %s", y2025.Year, y2026.Year)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := e.open(t)
				first := load(t, s, LoadSource{Files: []string{"2024-25", "2025-26"}}, y2025, y2026)
				amended := clone(y2026)
				amended.Last = y2026 // for change to compare with
				newRows := tt.change(t, amended)
				amended.Last = nil
				sum := load(t, s, LoadSource{Files: []string{"2025-26"}}, amended)

				if !slices.Equal(sum.Years, []calendar.Year{2026}) {
					t.Errorf("amending load's years: %v", sum.Years)
				}
				for _, schema := range ssda903.Schemas {
					want := tt.want[schema.Name]
					// The UASC table's rows for the corrected child, if any.
					if schema.Name == ssda903.UASC {
						want.Replaced = len(newRows[ssda903.UASC])
					}
					want.Unchanged = amended.Table(schema.Name).Len() - want.Inserted - want.Replaced
					got := sum.ByTable[schema.Name]
					if got != want {
						t.Errorf("%s: counted %+v, want %+v", schema.Name, got, want)
					}
				}
				// Which rows carry which load.
				for _, schema := range ssda903.Schemas {
					ids := loadIDs(t, s, schema.Name, 2026)
					for i, id := range ids {
						want := first.LoadID
						if slices.Contains(newRows[schema.Name], i) {
							want = sum.LoadID
						}
						if id != want {
							t.Errorf("%s 2025/26 row %d has load %d, want %d", schema.Name, i+1, id, want)
						}
					}
					for i, id := range loadIDs(t, s, schema.Name, 2025) {
						if id != first.LoadID {
							t.Errorf("%s 2024/25 row %d has load %d, want %d", schema.Name, i+1, id, first.LoadID)
						}
					}
				}
				for _, want := range []*ssda903.Return{y2025, amended} {
					got, err := s.Return(context.Background(), want.Year)
					if err != nil {
						t.Fatal(err)
					}
					if d := diffReturns(want, got); d != "" {
						t.Errorf("%s read back differs:\n%s", want.Year, d)
					}
				}
				loads, err := s.Loads(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if len(loads) != 2 || loads[0].LoadID != first.LoadID || loads[1].LoadID != sum.LoadID ||
					!slices.Equal(loads[0].Years, []calendar.Year{2025, 2026}) || !slices.Equal(loads[1].Years, []calendar.Year{2026}) ||
					!slices.Equal(loads[1].Files, []string{"2025-26"}) {
					t.Errorf("history: %+v", loads)
				} else if !reflect.DeepEqual(&loads[1].LoadSummary, sum) {
					t.Errorf("history's second load is\n%+v\nwant\n%+v", loads[1].LoadSummary, *sum)
				}
			})
		}
	})
}

// loadIDs returns the load_id of each of a table's rows for a year, in
// order.
func loadIDs(t *testing.T, s *Store, name ssda903.TableName, y calendar.Year) []int64 {
	t.Helper()
	rows, err := s.read.Query("SELECT load_id FROM "+tableNames[name]+" WHERE year = $1 ORDER BY row_number", int(y))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestInterruptedLoad makes loads fail part-way, after some tables have
// been written, and checks that the store is as it was, then usable.
func TestInterruptedLoad(t *testing.T) {
	errBroken := errors.New("the disk is on fire")
	tests := []struct {
		name string
		// interrupt sets up the failure, given the load's cancel.
		interrupt func(s *Store, source *LoadSource, cancel context.CancelFunc)
		wantErr   error
	}{
		{
			name: "context cancelled between tables",
			interrupt: func(s *Store, _ *LoadSource, cancel context.CancelFunc) {
				s.afterTable = func(y calendar.Year, name ssda903.TableName) error {
					if y == 2026 && name == ssda903.Episodes {
						cancel()
					}
					return nil
				}
			},
			wantErr: context.Canceled,
		},
		{
			name: "a table fails",
			interrupt: func(s *Store, _ *LoadSource, _ context.CancelFunc) {
				s.afterTable = func(y calendar.Year, name ssda903.TableName) error {
					if y == 2026 && name == ssda903.OC3 {
						return errBroken
					}
					return nil
				}
			},
			wantErr: errBroken,
		},
		{
			name: "context cancelled half way through the rows",
			interrupt: func(_ *Store, source *LoadSource, cancel context.CancelFunc) {
				source.Progress = func(done, total int) {
					if done > total/2 {
						cancel()
					}
				}
			},
			wantErr: context.Canceled,
		},
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		all := synthetic(t, small)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := e.open(t)
				load(t, s, LoadSource{}, all[1])
				before := dump(t, s)
				changed := clone(all[1])
				changed.Table(ssda903.Episodes).Rows[0].Values[7] = "31/12/1999" // DEC

				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				source := LoadSource{}
				tt.interrupt(s, &source, cancel)
				sum, err := s.Load(ctx, []*ssda903.Return{changed, all[2]}, source)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Load = %+v, %v; want an error wrapping %v", sum, err, tt.wantErr)
				}
				t.Logf("error: %v", err)
				if after := dump(t, s); !slices.Equal(before, after) {
					t.Errorf("the failed load changed the tables: %d rows before, %d after\n%s", len(before), len(after), firstDifference(before, after))
				}
				if loads, err := s.Loads(context.Background()); err != nil || len(loads) != 1 {
					t.Errorf("history after the failed load: %d loads, %v; want 1", len(loads), err)
				}
				if years, err := s.Years(context.Background()); err != nil || !slices.Equal(years, []calendar.Year{2025}) {
					t.Errorf("years after the failed load: %v, %v; want [2024/25]", years, err)
				}
				// The store still works.
				s.afterTable = nil
				sum = load(t, s, LoadSource{}, changed, all[2])
				if sum.Replaced != 1 || sum.Inserted != rowsIn(all[2]) {
					t.Errorf("load after the failed one counted %d replaced, %d inserted; want 1 and %d", sum.Replaced, sum.Inserted, rowsIn(all[2]))
				}
			})
		}
	})
}

// TestLoadRefuses checks that returns that cannot be stored are refused
// whole, with a message that says why, and nothing is recorded.
func TestLoadRefuses(t *testing.T) {
	withRow := func(name ssda903.TableName, values ...string) *ssda903.Return {
		r := ssda903.NewReturn(2026, "E06000999")
		r.Ensure(ssda903.Header).Add("A1", "1")
		r.Ensure(name).Rows = append(r.Ensure(name).Rows, ssda903.Row{Line: 7, Values: values})
		return r
	}
	good := func() *ssda903.Return { return withRow(ssda903.Reviews, "A1", "", "", "") }
	tests := []struct {
		name    string
		returns []*ssda903.Return
		source  LoadSource
		want    string
	}{
		{"nothing", nil, LoadSource{}, "no returns given"},
		{"a nil return", []*ssda903.Return{good(), nil}, LoadSource{}, "return 2 of 2 is missing"},
		{"no year", []*ssda903.Return{ssda903.NewReturn(0, "")}, LoadSource{}, "has no collection year"},
		{"two returns for one year", []*ssda903.Return{good(), good()}, LoadSource{}, "two returns are for 2025/26"},
		{"too few values", []*ssda903.Return{withRow(ssda903.Reviews, "A1")}, LoadSource{}, "Reviews row 1 (line 7) has 1 values; the table has 4 columns"},
		{"a NUL byte", []*ssda903.Return{withRow(ssda903.Reviews, "A1", "x\x00", "", "")}, LoadSource{}, "Reviews row 1 (line 7), column DOB"},
		{"invalid UTF-8", []*ssda903.Return{withRow(ssda903.Reviews, "A1", "", "\xff", "")}, LoadSource{}, "column REVIEW"},
		{"another LA", []*ssda903.Return{good()}, LoadSource{LA: "E06000001"}, "the 2025/26 return is for LA E06000999, not E06000001"},
		{"an unknown table", []*ssda903.Return{func() *ssda903.Return {
			r := good()
			r.Tables["Visits"] = &ssda903.Table{Schema: r.Table(ssda903.Reviews).Schema}
			return r
		}()}, LoadSource{}, `"Visits" is not a table of the SSDA903`},
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.Load(context.Background(), tt.returns, tt.source)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Load: %v; want an error saying %q", err, tt.want)
				}
			})
		}
		if loads, err := s.Loads(context.Background()); err != nil || len(loads) != 0 {
			t.Errorf("history after refusals: %d loads, %v", len(loads), err)
		}

		// A stored year is not replaced by another authority's return.
		load(t, s, LoadSource{}, good())
		other := good()
		other.LA = "E06000001"
		_, err := s.Load(context.Background(), []*ssda903.Return{other}, LoadSource{})
		if e.name == "SQLite" {
			if want := "the returns are E06000001's, and this SQLite store keeps E06000999's"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Load of another LA's year: %v; want %q", err, want)
			}
			return
		}
		// PostgreSQL keeps both, as two authorities, and will not guess
		// which one a read means.
		if err != nil {
			t.Fatalf("Load of another LA's year: %v", err)
		}
		if las, err := s.Authorities(context.Background()); err != nil || !slices.Equal(las, []string{"E06000001", "E06000999"}) {
			t.Errorf("Authorities = %v, %v; want both", las, err)
		}
		if _, err := s.Years(context.Background()); !errors.Is(err, ErrManyAuthorities) {
			t.Errorf("Years of a store of two authorities: %v; want ErrManyAuthorities", err)
		}
	})
}

// TestReopen checks that a store opened again keeps its returns and that
// the migrations do not run twice.
func TestReopen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		u := e.newURL(t)
		s, err := Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		load(t, s, LoadSource{}, awkward())
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = openURL(t, u)
		got, err := s.Return(context.Background(), 2027)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffReturns(awkward(), got); d != "" {
			t.Errorf("read back after reopening differs:\n%s", d)
		}
		_, err = s.Return(context.Background(), 2026)
		if !errors.Is(err, ErrNoReturn) {
			t.Errorf("Return(2025/26) of a store without it: %v; want ErrNoReturn", err)
		}
	})
}

// TestOpenFails checks that Open says what it could not open.
func TestOpenFails(t *testing.T) {
	tests := []struct{ url, want string }{
		{"", "no database named"},
		{t.TempDir() + "/no/such/folder/village.db", "SQLite file"},
		{"postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", "connecting to PostgreSQL database none on 127.0.0.1:1"},
		{"postgres://u:secret@[::1", "reading the PostgreSQL URL"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			s, err := Open(context.Background(), tt.url)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tt.url)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "secret") {
				t.Errorf("Open(%q): %v; want an error saying %q (and no password)", tt.url, err, tt.want)
			}
		})
	}
}

// TestCompare checks how rows are matched and counted, including keys
// that occur more than once in a table.
func TestCompare(t *testing.T) {
	ep := tableOf(ssda903.Episodes)
	row := func(child, decom, dec string) []string {
		v := make([]string, len(ep.columns))
		v[0], v[1], v[7] = child, decom, dec
		return v
	}
	stored := func(loadID int64, values ...[]string) []storedRow {
		var out []storedRow
		for i, v := range values {
			out = append(out, storedRow{values: v, line: i + 2, loadID: loadID})
		}
		return out
	}
	rows := func(values ...[]string) []ssda903.Row {
		var out []ssda903.Row
		for i, v := range values {
			out = append(out, ssda903.Row{Line: i + 2, Values: v})
		}
		return out
	}
	a, b := row("A", "01/04/2025", ""), row("B", "01/04/2025", "")
	a2 := row("A", "01/04/2025", "01/05/2025") // a's key, other values
	tests := []struct {
		name      string
		old       []storedRow
		new       []ssda903.Row
		want      TableCounts
		identical bool
		ids       []int64
	}{
		{"nothing", nil, nil, TableCounts{}, true, nil},
		{"the same", stored(1, a, b), rows(a, b), TableCounts{Unchanged: 2}, true, nil},
		{"all new", nil, rows(a, b), TableCounts{Inserted: 2}, false, []int64{9, 9}},
		{"all gone", stored(1, a, b), nil, TableCounts{Deleted: 2}, false, []int64{}},
		{"reordered", stored(1, a, b), rows(b, a), TableCounts{Unchanged: 2}, false, []int64{1, 1}},
		{"replaced", stored(1, a, b), rows(a2, b), TableCounts{Replaced: 1, Unchanged: 1}, false, []int64{9, 1}},
		{"duplicate key: the second changed", stored(1, a, a), rows(a, a2), TableCounts{Replaced: 1, Unchanged: 1}, false, []int64{1, 9}},
		{"duplicate key: one dropped", stored(1, a, a2), rows(a2), TableCounts{Replaced: 1, Deleted: 1}, false, []int64{9}},
		{"duplicate key: one more", stored(1, a), rows(a, a), TableCounts{Unchanged: 1, Inserted: 1}, false, []int64{1, 9}},
		{"same values, other lines", stored(1, a), []ssda903.Row{{Line: 40, Values: a}}, TableCounts{Unchanged: 1}, false, []int64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compare(ep, tt.old, tt.new, 9)
			if d.counts != tt.want || d.identical != tt.identical {
				t.Errorf("counts %+v, identical %v; want %+v, %v", d.counts, d.identical, tt.want, tt.identical)
			}
			if !tt.identical && !slices.Equal(d.ids, tt.ids) && len(d.ids)+len(tt.ids) > 0 {
				t.Errorf("load ids %v, want %v", d.ids, tt.ids)
			}
		})
	}
}

// TestKeyColumns pins each table's natural key.
func TestKeyColumns(t *testing.T) {
	want := map[ssda903.TableName]string{
		ssda903.Header: "CHILD", ssda903.Episodes: "CHILD DECOM", ssda903.Reviews: "CHILD REVIEW",
		ssda903.UASC: "CHILD DUC", ssda903.OC2: "CHILD DOB", ssda903.OC3: "CHILD DOB",
		ssda903.AD1: "CHILD DATE_INT", ssda903.PlacedAdoption: "CHILD DATE_PLACED",
		ssda903.PrevPerm: "CHILD DATE_PERM", ssda903.Missing: "CHILD MIS_START",
		ssda903.SWEpisodes: "CHILD SW_DECOM", ssda903.DoLo: "CHILD DOLO_START",
	}
	for _, tb := range tables {
		var names []string
		for _, k := range tb.key {
			names = append(names, tb.schema.Columns[k].Name)
		}
		if got := strings.Join(names, " "); got != want[tb.schema.Name] {
			t.Errorf("%s is keyed by %s, want %s", tb.schema.Name, got, want[tb.schema.Name])
		}
	}
}

// TestConcurrentLoads loads two years at once through two stores opened
// on the same database, as two programs would: the loads wait for each
// other and both are stored.
func TestConcurrentLoads(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		all := synthetic(t, small)
		u := e.newURL(t)
		stores := []*Store{openURL(t, u), openURL(t, u)}
		errs := make(chan error, 2)
		for i, s := range stores {
			go func() {
				_, err := s.Load(context.Background(), []*ssda903.Return{all[1+i]}, LoadSource{})
				errs <- err
			}()
		}
		for range stores {
			if err := <-errs; err != nil {
				t.Errorf("Load: %v", err)
			}
		}
		years, err := stores[0].Years(context.Background())
		if err != nil || !slices.Equal(years, []calendar.Year{2025, 2026}) {
			t.Errorf("Years = %v, %v; want [2024/25 2025/26]", years, err)
		}
		for _, want := range all[1:] {
			got, err := stores[1].Return(context.Background(), want.Year)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffReturns(want, got); d != "" {
				t.Errorf("%s read back differs:\n%s", want.Year, d)
			}
		}
	})
}

func TestAudit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		ctx := context.Background()
		if err := s.Audit(ctx, Access{Who: "analyst", Action: "view journey", Subject: "1001"}); err == nil ||
			err.Error() != "audit entry lacks reason" {
			t.Errorf("an access without a reason: %v", err)
		}
		at := time.Date(2026, 11, 23, 14, 30, 0, 0, time.UTC)
		want := []Access{
			{At: at, Who: "analyst", Action: "view journey", Subject: "1001", Reason: "checking a placement move"},
			{At: at.Add(time.Minute), Who: "manager", Action: "view journey", Subject: "1002", Reason: "case audit"},
		}
		for _, a := range want {
			if err := s.Audit(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("audit log %+v, want %+v", got, want)
		}
	})
}

func TestFailuresStoredWithTheData(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		all := synthetic(t, small)
		first := []Failure{
			{Rule: "101", Origin: "DfE", Table: ssda903.Header, Row: 3, File: "2025-26/header.csv", Line: 4, Child: "1001", Fields: map[string]string{"SEX": "1"}, Explanation: "SEX is \"1\""},
			{Rule: "503A", Origin: "DfE", Table: ssda903.Episodes, LastYear: true, Row: 9, Child: "1002", Fields: map[string]string{}, Explanation: "x"},
		}
		skipped := []Skipped{{"164", "needs a postcode directory"}, {"INT01", "needs the AD1 table"}}
		load(t, s, LoadSource{Failures: map[calendar.Year][]Failure{all[2].Year: first}, Skipped: map[calendar.Year][]Skipped{all[2].Year: skipped}}, all[2])
		got, err := s.Failures(context.Background(), all[2].Year)
		if err != nil || !reflect.DeepEqual(got, first) {
			t.Errorf("failures %+v, %v; want %+v", got, err, first)
		}
		if got, err := s.Skipped(context.Background(), all[2].Year); err != nil || !reflect.DeepEqual(got, skipped) {
			t.Errorf("skipped %+v, %v; want %+v", got, err, skipped)
		}
		// A load without failures for the year leaves them; one with
		// failures replaces them.
		load(t, s, LoadSource{}, all[2])
		if got, _ := s.Failures(context.Background(), all[2].Year); len(got) != 2 {
			t.Errorf("after a load without failures: %d stored, want 2", len(got))
		}
		load(t, s, LoadSource{Failures: map[calendar.Year][]Failure{all[2].Year: first[:1]}}, all[2])
		if got, _ := s.Failures(context.Background(), all[2].Year); len(got) != 1 {
			t.Errorf("after a load with one failure: %d stored, want 1", len(got))
		}
		if got, _ := s.Skipped(context.Background(), all[2].Year); len(got) != 0 {
			t.Errorf("after a load that skipped nothing: %d skipped stored, want 0", len(got))
		}
	})
}

func TestReturnsAndReturnTables(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		s := e.open(t)
		all := synthetic(t, small)
		load(t, s, LoadSource{}, all...)
		ctx := context.Background()
		got, err := s.Returns(ctx, ssda903.Header, ssda903.Episodes)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(all) {
			t.Fatalf("%d returns, want %d", len(got), len(all))
		}
		for i, r := range got {
			if r.Year != all[i].Year || len(r.Tables) != 2 {
				t.Errorf("return %d: year %s with %d tables, want %s with 2", i, r.Year, len(r.Tables), all[i].Year)
			}
			want, err := s.Return(ctx, r.Year)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Table(ssda903.Episodes), want.Table(ssda903.Episodes)) {
				t.Errorf("%s Episodes differ between Returns and Return", r.Year)
			}
		}
	})
}
