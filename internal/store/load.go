package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ssda903"
)

// LoadSource says where a load's returns came from, for the history, and
// how to report progress.
type LoadSource struct {
	// Files are the names of the files the returns were read from. Only
	// their last elements are kept (header.csv, not /data/903/header.csv).
	Files []string
	// LA is the GSS code of the authority the returns are for. A return
	// with no LA of its own takes this one; a return whose LA differs
	// from it is refused.
	LA string
	// Progress, when set, is called as the load goes on with the rows
	// done so far and the rows in all (every row of every table of every
	// return), first with done 0 and last with done equal to total. It is
	// called from the goroutine that called Load, never concurrently.
	Progress func(done, total int)
	// Failures, when given for a year, replace the validation failures
	// stored for it, in the same transaction as the year's data.
	Failures map[calendar.Year][]Failure
	// Skipped, for each year whose Failures are given, are the rules its
	// validation skipped and why; they replace those stored for the year.
	Skipped map[calendar.Year][]Skipped
	// By is who made the load, and IdentifiedBy how they were
	// identified, for the history; either may be blank.
	By, IdentifiedBy string
}

// TableCounts counts what a load did to the rows of one table, or of all
// of them: rows whose natural key was not stored for their year before
// (Inserted), rows whose key was there with other values (Replaced), rows
// that were there as they are (Unchanged), and stored rows whose key the
// new return no longer has (Deleted).
type TableCounts struct {
	Inserted  int `json:"inserted"`
	Replaced  int `json:"replaced"`
	Unchanged int `json:"unchanged"`
	Deleted   int `json:"deleted"`
}

func (c *TableCounts) add(d TableCounts) {
	c.Inserted += d.Inserted
	c.Replaced += d.Replaced
	c.Unchanged += d.Unchanged
	c.Deleted += d.Deleted
}

// LoadSummary is what a load did.
type LoadSummary struct {
	LoadID   int64           // the load's id in the history, and in the load_id of the rows it supplied
	Years    []calendar.Year // the years loaded, oldest first
	Children int             // distinct children in the loaded returns' Header tables (the CIN census's ChildIdentifiers)
	Episodes int             // episodes in the loaded returns (the CIN census's referrals: CINdetails rows)

	// The rows of every table of every year, counted as TableCounts says.
	Inserted, Replaced, Unchanged, Deleted int
	// The same by table, for the tables with any rows stored or loaded.
	ByTable map[returns.TableName]TableCounts
}

// Changed reports whether the load changed any stored row.
func (s *LoadSummary) Changed() bool {
	return s.Inserted+s.Replaced+s.Deleted > 0
}

// Load stores returns, one or more years of them, in one transaction:
// either all of them are stored or, if anything fails (including ctx
// being cancelled), none is and the store is as it was. Each year's return
// replaces what was stored for that year (see the package comment for how
// rows are matched and counted). Loading returns that are already stored
// changes no row, but is recorded in the history all the same.
func (s *Store) Load(ctx context.Context, returns []*ssda903.Return, source LoadSource) (*LoadSummary, error) {
	return s.load(ctx, ssda903Kind, returns, source)
}

// load stores returns of kind k as Load describes.
func (s *Store) load(ctx context.Context, k *kind, rs []*returns.Return, source LoadSource) (*LoadSummary, error) {
	sorted, las, err := checkReturns(k, rs, source.LA)
	if err != nil {
		return nil, fmt.Errorf("store: cannot load: %w", err)
	}
	if k.failures == "" && (len(source.Failures) > 0 || len(source.Skipped) > 0) {
		return nil, fmt.Errorf("store: cannot load: validation failures of the %s are not stored", k.name)
	}
	sum := &LoadSummary{ByTable: map[returns.TableName]TableCounts{}}
	total := 0
	children := map[string]bool{}
	for _, r := range sorted {
		sum.Years = append(sum.Years, r.Year)
		for _, t := range r.Tables {
			total += t.Len()
		}
		sum.Episodes += r.Table(k.events).Len()
		if p := r.Table(k.people); p != nil {
			c := p.Schema.Index(p.Schema.Child)
			for _, row := range p.Rows {
				children[row.Values[c]] = true
			}
		}
	}
	sum.Children = len(children)
	done := 0
	progress := func(n int) {
		done += n
		if source.Progress != nil {
			source.Progress(done, total)
		}
	}
	progress(0)

	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: loading into %s: %w", s.where, err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: loading into %s: beginning the transaction: %w", s.where, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	if err := s.dialect.lock(ctx, tx); err != nil {
		return nil, fmt.Errorf("store: loading into %s: %w", s.where, err)
	}
	la, err := s.loadAuthority(ctx, tx, las)
	if err != nil {
		return nil, fmt.Errorf("store: cannot load into %s: %w", s.where, err)
	}
	if err := relabel(ctx, tx, la); err != nil {
		return nil, fmt.Errorf("store: loading into %s: %w", s.where, err)
	}

	files := make([]string, len(source.Files))
	for i, f := range source.Files {
		files[i] = filepath.Base(f)
	}
	years := make([]int, len(sum.Years))
	for i, y := range sum.Years {
		years[i] = int(y)
	}
	filesJSON, _ := json.Marshal(files) // strings and ints always marshal
	yearsJSON, _ := json.Marshal(years)
	// The database assigns the load's id.
	err = tx.QueryRowContext(ctx, "INSERT INTO "+k.loads+" (loaded_at, files, la, years, counts, loaded_by, identified_by) "+
		"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
		timeText(time.Now()), string(filesJSON), la, string(yearsJSON), "{}", source.By, source.IdentifiedBy).Scan(&sum.LoadID)
	if err != nil {
		return nil, fmt.Errorf("store: loading into %s: recording the load: %w", s.where, err)
	}

	for _, r := range sorted {
		if err := s.loadYear(ctx, conn, tx, k, r, la, sum, progress); err != nil {
			return nil, fmt.Errorf("store: loading %s into %s: %w", r.Year, s.where, withCause(ctx, err))
		}
	}

	for _, r := range sorted {
		if failures, ok := source.Failures[r.Year]; ok {
			if err := s.saveValidation(ctx, tx, k, la, r.Year, failures, source.Skipped[r.Year], sum.LoadID); err != nil {
				return nil, fmt.Errorf("store: loading %s into %s: %w", r.Year, s.where, withCause(ctx, err))
			}
		}
	}

	countsJSON, err := json.Marshal(countsOf(sum))
	if err != nil {
		return nil, fmt.Errorf("store: loading into %s: %w", s.where, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE "+k.loads+" SET counts = $1 WHERE id = $2", string(countsJSON), sum.LoadID); err != nil {
		return nil, fmt.Errorf("store: loading into %s: recording the counts: %w", s.where, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: loading into %s: committing: %w", s.where, err)
	}
	return sum, nil
}

// withCause adds to err the reason ctx was cancelled, if it was: once it
// is, database/sql rolls the transaction back and the statement that
// notices may fail with sql.ErrTxDone rather than the context's error.
func withCause(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}

// checkReturns checks that the returns can be stored as kind k and
// returns them oldest first, with the LA to store for each.
func checkReturns(k *kind, rs []*returns.Return, la string) ([]*returns.Return, []string, error) {
	if len(rs) == 0 {
		return nil, nil, errors.New("no returns given")
	}
	sorted := make([]*returns.Return, 0, len(rs))
	for i, r := range rs {
		if r == nil {
			return nil, nil, fmt.Errorf("return %d of %d is missing (nil)", i+1, len(rs))
		}
		if r.Year < 1000 || r.Year > 9999 {
			return nil, nil, fmt.Errorf("return %d of %d has no collection year (it has %d)", i+1, len(rs), int(r.Year))
		}
		sorted = append(sorted, r)
	}
	slices.SortStableFunc(sorted, func(a, b *returns.Return) int { return int(a.Year - b.Year) })
	las := make([]string, len(sorted))
	for i, r := range sorted {
		if i > 0 && sorted[i-1].Year == r.Year {
			return nil, nil, fmt.Errorf("two returns are for %s; load one return a year", r.Year)
		}
		switch {
		case r.LA == "":
			las[i] = la
		case la != "" && r.LA != la:
			return nil, nil, fmt.Errorf("the %s return is for LA %s, not %s as the load says", r.Year, r.LA, la)
		default:
			las[i] = r.LA
		}
		for name, t := range r.Tables {
			if err := checkTable(k, name, t); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", r.Year, err)
			}
		}
	}
	return sorted, las, nil
}

// checkTable checks that a table is one of the return's, that every row
// has a value for each of its columns and that every value can be stored
// (is UTF-8 without NUL bytes, which PostgreSQL's text refuses).
func checkTable(k *kind, name returns.TableName, t *returns.Table) error {
	if t == nil {
		return nil
	}
	st := k.tableOf(name)
	if st == nil {
		return fmt.Errorf("%q is not a table of the %s", name, k.name)
	}
	if t.Schema == nil || t.Schema.Name != name {
		return fmt.Errorf("the %s table has no schema or another table's", name)
	}
	n := len(st.columns)
	for i, row := range t.Rows {
		if len(row.Values) != n {
			return fmt.Errorf("%s row %d%s has %d values; the table has %d columns", name, i+1, lineOf(row), len(row.Values), n)
		}
		for c, v := range row.Values {
			if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 {
				// The value is not quoted: it may be a child's ID.
				return fmt.Errorf("%s row %d%s, column %s: the value is not text that can be stored (invalid UTF-8 or a NUL byte)",
					name, i+1, lineOf(row), st.schema.Columns[c].Name)
			}
		}
	}
	return nil
}

// lineOf says which line a row came from, if known.
func lineOf(row returns.Row) string {
	if row.Line == 0 {
		return ""
	}
	return fmt.Sprintf(" (line %d)", row.Line)
}

// loadYear stores one year's return in the load's transaction, adding to
// sum what it did.
func (s *Store) loadYear(ctx context.Context, conn *sql.Conn, tx *sql.Tx, k *kind, r *returns.Return, la string, sum *LoadSummary, progress func(int)) error {
	stored, err := readYear(ctx, tx, k, la, r.Year)
	if err != nil {
		return err
	}
	changed := false
	for _, t := range k.tables {
		var rows []returns.Row
		if nt := r.Tables[t.schema.Name]; nt != nil {
			rows = nt.Rows
		}
		old, err := readRows(ctx, tx, t, la, r.Year)
		if err != nil {
			return fmt.Errorf("reading the stored %s table: %w", t.schema.Name, err)
		}
		d := compare(t, old, rows, sum.LoadID)
		if d.counts != (TableCounts{}) {
			c := sum.ByTable[t.schema.Name]
			c.add(d.counts)
			sum.ByTable[t.schema.Name] = c
		}
		sum.Inserted += d.counts.Inserted
		sum.Replaced += d.counts.Replaced
		sum.Unchanged += d.counts.Unchanged
		sum.Deleted += d.counts.Deleted
		if d.identical {
			progress(len(rows))
		} else {
			changed = true
			if _, err := tx.ExecContext(ctx, t.deleteYear, la, int(r.Year)); err != nil {
				return fmt.Errorf("deleting the stored %s rows: %w", t.schema.Name, err)
			}
			if err := s.dialect.insert(ctx, conn, tx, t, la, r.Year, rows, d.ids, progress); err != nil {
				return fmt.Errorf("writing the %s table: %w", t.schema.Name, err)
			}
		}
		if s.afterTable != nil {
			if err := s.afterTable(r.Year, t.schema.Name); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	meta := metadataOf(k, r)
	if !changed && stored.exists && stored.meta.equal(meta) {
		return nil
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO `+k.years+` (year, la, load_id, tables) VALUES ($1, $2, $3, $4)
		ON CONFLICT (`+s.dialect.yearKey()+`) DO UPDATE SET load_id = excluded.load_id, tables = excluded.tables`,
		int(r.Year), la, sum.LoadID, string(metaJSON))
	if err != nil {
		return fmt.Errorf("recording the year: %w", err)
	}
	return nil
}

// tableDiff is how a table's new rows compare with the stored ones.
type tableDiff struct {
	counts    TableCounts
	identical bool    // same rows, values and lines in the same order: nothing to write
	ids       []int64 // the load_id for each new row, unless identical
}

// compare matches the new rows of a table with the stored ones by natural
// key, the n-th new row with a key against the n-th stored row with it.
// A row that is unchanged keeps its stored load_id; the others get
// loadID.
func compare(t *table, old []storedRow, rows []returns.Row, loadID int64) tableDiff {
	if len(old) == len(rows) {
		same := true
		for i := range rows {
			if rows[i].Line != old[i].line || !slices.Equal(rows[i].Values, old[i].values) {
				same = false
				break
			}
		}
		if same {
			return tableDiff{counts: TableCounts{Unchanged: len(rows)}, identical: true}
		}
	}
	d := tableDiff{ids: make([]int64, len(rows))}
	byKey := make(map[string][]int, len(old))
	for j, o := range old {
		k := t.keyOf(o.values)
		byKey[k] = append(byKey[k], j)
	}
	matched := 0
	for i, r := range rows {
		k := t.keyOf(r.Values)
		js := byKey[k]
		if len(js) == 0 {
			d.counts.Inserted++
			d.ids[i] = loadID
			continue
		}
		j := js[0]
		byKey[k] = js[1:]
		matched++
		if slices.Equal(r.Values, old[j].values) {
			d.counts.Unchanged++
			d.ids[i] = old[j].loadID
		} else {
			d.counts.Replaced++
			d.ids[i] = loadID
		}
	}
	d.counts.Deleted = len(old) - matched
	return d
}

// loadCounts is how a load's counts are kept in loads.counts.
type loadCounts struct {
	Children int                    `json:"children"`
	Episodes int                    `json:"episodes"`
	Total    TableCounts            `json:"total"`
	Tables   map[string]TableCounts `json:"tables,omitempty"`
}

func countsOf(s *LoadSummary) loadCounts {
	c := loadCounts{Children: s.Children, Episodes: s.Episodes,
		Total: TableCounts{Inserted: s.Inserted, Replaced: s.Replaced, Unchanged: s.Unchanged, Deleted: s.Deleted}}
	if len(s.ByTable) > 0 {
		c.Tables = map[string]TableCounts{}
		for name, tc := range s.ByTable {
			c.Tables[string(name)] = tc
		}
	}
	return c
}
