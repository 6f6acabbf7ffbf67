package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ssda903"
)

// ErrNoReturn is the error (wrapped) when the store has no return for the
// year asked for.
var ErrNoReturn = errors.New("no return stored for that year")

// Load is one load in the history.
type Load struct {
	LoadSummary           // what it did; LoadID is its id
	LoadedAt    time.Time // when it began, in UTC
	Files       []string  // the names of the files loaded
	LA          string    // the authority, or "" if not given
	By          string    // who made it, or "" if not recorded
	// IdentifiedBy is how By was identified, or "" if not recorded.
	IdentifiedBy string
}

// querier is what reads need of a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// yearMeta is what the returns table holds about a year's return besides
// its rows: the tables it had, in the order of ssda903.Schemas.
type yearMeta struct {
	Tables []tableMeta `json:"tables"`
}

// tableMeta is one table of a stored return: its name, the name of the
// file it was read from and the optional columns that file lacked.
type tableMeta struct {
	Name   returns.TableName `json:"name"`
	File   string            `json:"file,omitempty"`
	Absent []string          `json:"absent,omitempty"`
}

func (m yearMeta) equal(o yearMeta) bool {
	return slices.EqualFunc(m.Tables, o.Tables, func(a, b tableMeta) bool {
		return a.Name == b.Name && a.File == b.File && slices.Equal(a.Absent, b.Absent)
	})
}

// metadataOf returns what is kept of r, a return of kind k, besides its rows.
func metadataOf(k *kind, r *returns.Return) yearMeta {
	var m yearMeta
	for _, t := range k.tables {
		rt := r.Tables[t.schema.Name]
		if rt == nil {
			continue
		}
		tm := tableMeta{Name: t.schema.Name, Absent: rt.Absent}
		if rt.File != "" {
			tm.File = filepath.Base(rt.File)
		}
		m.Tables = append(m.Tables, tm)
	}
	return m
}

// storedYear is a year's row of the returns table.
type storedYear struct {
	exists bool
	la     string
	loadID int64
	meta   yearMeta
}

// readYear reads what kind k's table of stored years holds about
// authority la's year y.
func readYear(ctx context.Context, q querier, k *kind, la string, y calendar.Year) (storedYear, error) {
	var (
		s    storedYear
		meta string
	)
	err := q.QueryRowContext(ctx, "SELECT la, load_id, tables FROM "+k.years+" WHERE la = $1 AND year = $2", la, int(y)).Scan(&s.la, &s.loadID, &meta)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("reading which tables %s has: %w", y, err)
	}
	if err := json.Unmarshal([]byte(meta), &s.meta); err != nil {
		return s, fmt.Errorf("reading which tables %s has: returns.tables holds %.100q: %w", y, meta, err)
	}
	s.exists = true
	return s, nil
}

// storedRow is one row of a data table as stored.
type storedRow struct {
	values []string
	line   int
	loadID int64
}

// readRows reads the rows of table t for authority la's year y, in order.
func readRows(ctx context.Context, q querier, t *table, la string, y calendar.Year) ([]storedRow, error) {
	rows, err := q.QueryContext(ctx, t.selectYear, la, int(y))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := len(t.columns)
	dest := make([]any, n+2)
	var out []storedRow
	for rows.Next() {
		r := storedRow{values: make([]string, n)}
		for i := range r.values {
			dest[i] = &r.values[i]
		}
		dest[n], dest[n+1] = &r.line, &r.loadID
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Return reads back year's return as it was loaded: the tables it had,
// each with every column and every row, values as submitted, in their
// order and with their source lines, file names (the last element only)
// and absent optional columns. Its Last and Problems are not stored and
// are left empty. When no return is stored for the year the error wraps
// ErrNoReturn.
func (s *Store) Return(ctx context.Context, year calendar.Year) (*ssda903.Return, error) {
	return s.ReturnTables(ctx, year)
}

// ReturnTables is Return reading only the named tables (every table when
// none is named): journeys need only Header, Episodes and UASC, a
// sixth of a return's rows.
func (s *Store) ReturnTables(ctx context.Context, year calendar.Year, only ...ssda903.TableName) (*ssda903.Return, error) {
	return s.returnTables(ctx, ssda903Kind, year, only...)
}

// returnTables reads the named tables of year's return of kind k.
func (s *Store) returnTables(ctx context.Context, k *kind, year calendar.Year, only ...returns.TableName) (*returns.Return, error) {
	tx, err := s.read.BeginTx(ctx, s.dialect.readOptions())
	if err != nil {
		return nil, fmt.Errorf("store: reading %s from %s: %w", year, s.where, err)
	}
	defer tx.Rollback() // read only: nothing to commit
	la, err := s.authority(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("store: reading the %s for %s from %s: %w", k.name, year, s.where, err)
	}
	stored, err := readYear(ctx, tx, k, la, year)
	if err != nil {
		return nil, fmt.Errorf("store: reading the %s for %s from %s: %w", k.name, year, s.where, err)
	}
	if !stored.exists {
		return nil, fmt.Errorf("store: reading the %s for %s from %s: %w", k.name, year, s.where, ErrNoReturn)
	}
	r := returns.NewReturn(k.collection, year, stored.la)
	for _, tm := range stored.meta.Tables {
		if len(only) > 0 && !slices.Contains(only, tm.Name) {
			continue
		}
		t := k.tableOf(tm.Name)
		if t == nil {
			return nil, fmt.Errorf("store: reading %s from %s: the returns table lists a table %q that Village does not know", year, s.where, tm.Name)
		}
		rows, err := readRows(ctx, tx, t, la, year)
		if err != nil {
			return nil, fmt.Errorf("store: reading the %s %s table from %s: %w", year, tm.Name, s.where, err)
		}
		rt := &returns.Table{Schema: t.schema, File: tm.File, Absent: tm.Absent}
		if len(rows) > 0 {
			rt.Rows = make([]returns.Row, len(rows))
			for i, row := range rows {
				rt.Rows[i] = returns.Row{Line: row.line, Values: row.values}
			}
		}
		r.Tables[tm.Name] = rt
	}
	return r, nil
}

// Years lists the years whose returns are stored, oldest first.
func (s *Store) Years(ctx context.Context) ([]calendar.Year, error) { return s.years(ctx, ssda903Kind) }

// years lists the stored years of kind k, oldest first.
func (s *Store) years(ctx context.Context, k *kind) ([]calendar.Year, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: listing the years in %s: %w", s.where, err)
	}
	rows, err := s.read.QueryContext(ctx, "SELECT year FROM "+k.years+" WHERE la = $1 ORDER BY year", la)
	if err != nil {
		return nil, fmt.Errorf("store: listing the years in %s: %w", s.where, err)
	}
	defer rows.Close()
	var years []calendar.Year
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("store: listing the years in %s: %w", s.where, err)
		}
		years = append(years, calendar.Year(y))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing the years in %s: %w", s.where, err)
	}
	return years, nil
}

// LatestLoad returns the id of the latest load, or 0 when nothing has
// been loaded. Ids only grow, and a load's id is visible once it has
// committed, so a reader that keeps the id it last saw knows, with one
// cheap query, whether the store has changed since.
func (s *Store) LatestLoad(ctx context.Context) (int64, error) { return s.latestLoad(ctx, ssda903Kind) }

// latestLoad returns the id of kind k's latest load, or 0.
func (s *Store) latestLoad(ctx context.Context, k *kind) (int64, error) {
	var id int64
	if err := s.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+k.loads).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: reading the latest load in %s: %w", s.where, err)
	}
	return id, nil
}

// Loads lists the history of loads, oldest first: when each was made,
// from which files, for which authority and years, and what it did.
func (s *Store) Loads(ctx context.Context) ([]Load, error) { return s.loads(ctx, ssda903Kind) }

// loads lists the history of kind k's loads, oldest first.
func (s *Store) loads(ctx context.Context, k *kind) ([]Load, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT id, loaded_at, files, la, years, counts, loaded_by, identified_by FROM "+k.loads+" ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: reading the history of loads in %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []Load
	for rows.Next() {
		var (
			l                    Load
			at                   any
			files, years, counts string
		)
		if err := rows.Scan(&l.LoadID, &at, &files, &l.LA, &years, &counts, &l.By, &l.IdentifiedBy); err != nil {
			return nil, fmt.Errorf("store: reading the history of loads in %s: %w", s.where, err)
		}
		if err := l.decode(at, files, years, counts); err != nil {
			return nil, fmt.Errorf("store: reading load %d in %s: %w", l.LoadID, s.where, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the history of loads in %s: %w", s.where, err)
	}
	return out, nil
}

// decode fills in a load from the columns of its row in loads.
func (l *Load) decode(at any, files, years, counts string) error {
	t, err := timeOf(at)
	if err != nil {
		return fmt.Errorf("loaded_at: %w", err)
	}
	l.LoadedAt = t
	if err := json.Unmarshal([]byte(files), &l.Files); err != nil {
		return fmt.Errorf("files %.100q: %w", files, err)
	}
	var ys []int
	if err := json.Unmarshal([]byte(years), &ys); err != nil {
		return fmt.Errorf("years %.100q: %w", years, err)
	}
	for _, y := range ys {
		l.Years = append(l.Years, calendar.Year(y))
	}
	var c loadCounts
	if err := json.Unmarshal([]byte(counts), &c); err != nil {
		return fmt.Errorf("counts %.100q: %w", counts, err)
	}
	l.Children, l.Episodes = c.Children, c.Episodes
	l.Inserted, l.Replaced, l.Unchanged, l.Deleted = c.Total.Inserted, c.Total.Replaced, c.Total.Unchanged, c.Total.Deleted
	l.ByTable = map[returns.TableName]TableCounts{}
	for name, tc := range c.Tables {
		l.ByTable[returns.TableName(name)] = tc
	}
	return nil
}

// Returns reads every stored year, as ReturnTables does with only, reading
// the years at the same time; they come back oldest first.
func (s *Store) Returns(ctx context.Context, only ...ssda903.TableName) ([]*ssda903.Return, error) {
	return s.returns(ctx, ssda903Kind, only...)
}

// returns reads every stored year of kind k as Returns describes.
func (s *Store) returns(ctx context.Context, k *kind, only ...returns.TableName) ([]*returns.Return, error) {
	years, err := s.years(ctx, k)
	if err != nil {
		return nil, err
	}
	out := make([]*returns.Return, len(years))
	errs := make([]error, len(years))
	var wg sync.WaitGroup
	for i, y := range years {
		wg.Go(func() { out[i], errs[i] = s.returnTables(ctx, k, y, only...) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
