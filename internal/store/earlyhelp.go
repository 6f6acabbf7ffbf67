package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/earlyhelp"
)

// earlyHelpTableNames are the SQL names of the early help and HAF tables.
var earlyHelpTableNames = map[returns.TableName]string{
	earlyhelp.EarlyHelp: "eh_episodes",
	earlyhelp.HAF:       "haf_sessions",
}

// earlyHelpKeys are the tables' natural keys: the child and the day the
// episode began or the session was held.
var earlyHelpKeys = map[returns.TableName][]string{
	earlyhelp.EarlyHelp: {earlyhelp.ChildColumn, "StartDate"},
	earlyhelp.HAF:       {earlyhelp.ChildColumn, "SessionDate"},
}

// earlyHelpKind is the partners' early help and HAF files, kept as the
// returns are, in tables of their own.
var earlyHelpKind = &kind{
	name:       "early help and HAF files",
	collection: earlyhelp.Collection,
	tables: makeTables(earlyhelp.Schemas, earlyHelpTableNames, func(s *returns.Schema) []int {
		var key []int
		for _, c := range earlyHelpKeys[s.Name] {
			key = append(key, s.Index(c))
		}
		return key
	}),
	loads:  "eh_loads",
	years:  "eh_returns",
	people: earlyhelp.EarlyHelp,
	events: earlyhelp.EarlyHelp,
}

// EarlyHelp is the store's early help episodes and HAF sessions: loaded
// and read like the returns, a year at a time, all or nothing. Their
// children are pseudonyms; Links ties them to the 903's and the CIN
// census's children.
func (s *Store) EarlyHelp() *Kept { return &Kept{s: s, k: earlyHelpKind} }

// The sources of links: the returns whose children are pseudonymised.
const (
	LinkSSDA903 = "ssda903"
	LinkCIN     = "cin"
)

// Link is one identifier of one child of a stored year of a return,
// pseudonymised: the child's row in the return's child table (the 903's
// Header, the CIN census's ChildIdentifiers; 1-based, in the order
// Return reads them), the identifier's kind and its pseudonym.
type Link struct {
	Source    string
	Year      calendar.Year
	Row       int
	Kind      string
	Pseudonym string
}

// linkSources are the returns whose children are linked: their kind, the
// child table and the identifier columns with their kinds.
var linkSources = []struct {
	source  string
	k       *kind
	table   string
	columns [][2]string // SQL column, kind of identifier
}{
	{LinkSSDA903, ssda903Kind, "header", [][2]string{{"child", "la_child_id"}, {"upn", "upn"}}},
	{LinkCIN, cinKind, "cin_child_identifiers", [][2]string{{"lachildid", "la_child_id"}, {"upn", "upn"}}},
}

// LinkCounts says how many links a MakeLinks made.
type LinkCounts struct {
	Years   map[string][]calendar.Year // by source, the years linked
	Links   int                        // identifiers pseudonymised
	Invalid int                        // identifiers not of their kind's form, not linked
}

// MakeLinks pseudonymises the identifiers of every stored year of the 903
// and the CIN census with pseudonymise (kind and identifier to pseudonym;
// false for an identifier not of its kind's form, or blank) and replaces
// every stored link with them, in one transaction. The store never sees
// the key, and keeps no identifier beside its pseudonym.
func (s *Store) MakeLinks(ctx context.Context, pseudonymise func(kind, id string) (string, bool)) (*LinkCounts, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: linking in %s: %w", s.where, err)
	}
	defer tx.Rollback()
	if err := s.dialect.lock(ctx, tx); err != nil {
		return nil, fmt.Errorf("store: linking in %s: %w", s.where, err)
	}
	la, err := s.authority(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("store: linking in %s: %w", s.where, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM eh_links WHERE la = $1", la); err != nil {
		return nil, fmt.Errorf("store: linking in %s: clearing the old links: %w", s.where, err)
	}
	counts := &LinkCounts{Years: map[string][]calendar.Year{}}
	_, positional := s.dialect.(sqliteDialect)
	for _, src := range linkSources {
		rows, err := tx.QueryContext(ctx, "SELECT year, load_id FROM "+src.k.years+" WHERE la = $1 ORDER BY year", la)
		if err != nil {
			return nil, fmt.Errorf("store: linking in %s: reading the %s's years: %w", s.where, src.k.name, err)
		}
		var years []calendar.Year
		var loads []int64
		for rows.Next() {
			var y int
			var load int64
			if err := rows.Scan(&y, &load); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: linking in %s: %w", s.where, err)
			}
			years, loads = append(years, calendar.Year(y)), append(loads, load)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: linking in %s: %w", s.where, err)
		}
		for i, y := range years {
			if err := linkYear(ctx, tx, la, src.source, src.table, src.columns, y, loads[i], pseudonymise, counts, positional); err != nil {
				return nil, fmt.Errorf("store: linking the %s's %s in %s: %w", src.k.name, y, s.where, withCause(ctx, err))
			}
		}
		counts.Years[src.source] = years
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: linking in %s: committing: %w", s.where, err)
	}
	return counts, nil
}

// linkYear writes the links of one year of one source.
func linkYear(ctx context.Context, tx querierExec, la, source, table string, columns [][2]string, y calendar.Year, load int64,
	pseudonymise func(kind, id string) (string, bool), counts *LinkCounts, positional bool) error {
	rows, err := tx.QueryContext(ctx, "SELECT row_number, "+columns[0][0]+", "+columns[1][0]+" FROM "+table+" WHERE la = $1 AND year = $2 ORDER BY row_number", la, int(y))
	if err != nil {
		return err
	}
	var links []Link
	for rows.Next() {
		var n int
		var ids [2]string
		if err := rows.Scan(&n, &ids[0], &ids[1]); err != nil {
			rows.Close()
			return err
		}
		for i, id := range ids {
			if id == "" {
				continue
			}
			p, ok := pseudonymise(columns[i][1], id)
			if !ok {
				counts.Invalid++
				continue
			}
			links = append(links, Link{Source: source, Year: y, Row: n, Kind: columns[i][1], Pseudonym: p})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := insertLinks(ctx, tx, la, links, load, positional); err != nil {
		return err
	}
	counts.Links += len(links)
	return nil
}

// linksPerInsert is how many links one INSERT writes: a statement a row
// would take minutes for a large authority.
const linksPerInsert = 500

// insertLinks writes authority la's links, made from the source year's load load, many
// to a prepared statement. On SQLite the parameters are plain ?: it looks
// $N parameters up by name in a list, which for thousands of them costs
// far more than the insert (see insertSQL).
func insertLinks(ctx context.Context, tx querierExec, la string, links []Link, load int64, positional bool) error {
	if len(links) == 0 {
		return nil
	}
	full, err := tx.PrepareContext(ctx, linksSQL(min(linksPerInsert, len(links)), positional))
	if err != nil {
		return fmt.Errorf("preparing to write the links: %w", err)
	}
	defer full.Close()
	args := make([]any, 0, 7*linksPerInsert)
	for from := 0; from < len(links); from += linksPerInsert {
		batch := links[from:min(from+linksPerInsert, len(links))]
		args = args[:0]
		for _, l := range batch {
			args = append(args, l.Source, int(l.Year), l.Row, l.Kind, l.Pseudonym, load, la)
		}
		stmt := full
		if len(batch) < linksPerInsert && from > 0 {
			if stmt, err = tx.PrepareContext(ctx, linksSQL(len(batch), positional)); err != nil {
				return fmt.Errorf("preparing to write the links: %w", err)
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("writing the links: %w", err)
		}
	}
	return nil
}

// linksSQL is an INSERT of n links, its parameters ? when positional and
// $1, $2... otherwise.
func linksSQL(n int, positional bool) string {
	var q strings.Builder
	q.WriteString("INSERT INTO eh_links (source, year, row_number, kind, pseudonym, source_load, la) VALUES ")
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		if positional {
			q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			continue
		}
		k := 7 * i
		fmt.Fprintf(&q, "($%d, $%d, $%d, $%d, $%d, $%d, $%d)", k+1, k+2, k+3, k+4, k+5, k+6, k+7)
	}
	return q.String()
}

// querierExec reads and writes inside a transaction.
type querierExec interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Links returns the links still current, by source, year and row: those
// made from the year as it is stored now. A year loaded again since its
// links were made has none until MakeLinks runs again.
func (s *Store) Links(ctx context.Context) ([]Link, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading the links from %s: %w", s.where, err)
	}
	q := "SELECT l.source, l.year, l.row_number, l.kind, l.pseudonym FROM eh_links l JOIN returns r ON r.la = l.la AND r.year = l.year AND r.load_id = l.source_load WHERE l.la = $1 AND l.source = 'ssda903' " +
		"UNION ALL SELECT l.source, l.year, l.row_number, l.kind, l.pseudonym FROM eh_links l JOIN cin_returns r ON r.la = l.la AND r.year = l.year AND r.load_id = l.source_load WHERE l.la = $1 AND l.source = 'cin' " +
		"ORDER BY 1, 2, 3, 4"
	rows, err := s.read.QueryContext(ctx, q, la)
	if err != nil {
		return nil, fmt.Errorf("store: reading the links from %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		var y int
		if err := rows.Scan(&l.Source, &y, &l.Row, &l.Kind, &l.Pseudonym); err != nil {
			return nil, fmt.Errorf("store: reading the links from %s: %w", s.where, err)
		}
		l.Year = calendar.Year(y)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the links from %s: %w", s.where, err)
	}
	return out, nil
}
