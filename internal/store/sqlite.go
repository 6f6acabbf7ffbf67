package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	_ "modernc.org/sqlite" // the "sqlite" driver: pure Go, no cgo
)

// sqlitePragmas are set on every connection: wait up to 10 s for another
// writer (first, so that the others can wait too), write-ahead logging,
// which lets readers go on during a load, with synchronous=NORMAL, safe
// in WAL mode, and foreign keys enforced.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=cache_size(-65536)"

// sqliteMaxParams is how many parameters one SQLite statement may have.
const sqliteMaxParams = 32766

// sqliteBatch is at most how many rows one INSERT statement writes.
const sqliteBatch = 500

// openSQLite opens the SQLite file at path: one connection for writes,
// whose transactions begin IMMEDIATE so that two writers queue rather
// than fail, and a pool for reads.
//
// A SQLite store keeps one authority's returns: scope, when given, must
// be one authority.
func openSQLite(ctx context.Context, path string, scope []string) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("store: no database named: give a SQLite file path or a postgres:// URL")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("store: SQLite file %q: a path with ? or # in it cannot be opened; rename it", path)
	}
	where := "SQLite file " + path
	if len(scope) > 1 {
		return nil, fmt.Errorf("store: %s keeps one authority's returns, not %d: a store of several authorities is a PostgreSQL database", where, len(scope))
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("store: creating %s: %w", where, err)
	}
	db, err := sql.Open("sqlite", path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", where, err)
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s: %w", where, err)
	}
	read, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s: %w", where, err)
	}
	return &Store{db: db, read: read, dialect: sqliteDialect{}, where: where, scope: scope}, nil
}

// createPrivate creates the SQLite file at path, if absent, readable and
// writable by its owner only, whatever the umask: the store holds
// children's records. SQLite gives the -wal and -shm files it makes
// beside it the same mode. An existing file is left as it is.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sqliteDialect is SQLite through modernc.org/sqlite.
type sqliteDialect struct{}

func (sqliteDialect) name() string                { return "SQLite" }
func (sqliteDialect) gooseDialect() goose.Dialect { return goose.DialectSQLite3 }
func (sqliteDialect) fileSuffix() string          { return "_sqlite.sql" }
func (sqliteDialect) gooseOptions() ([]goose.ProviderOption, error) {
	return nil, nil
}

// lock does nothing: the transaction began IMMEDIATE, holding the write
// lock already.
func (sqliteDialect) lock(context.Context, *sql.Tx) error { return nil }

func (sqliteDialect) readOptions() *sql.TxOptions { return nil }

// yearKey is the year alone: a SQLite store keeps one authority, and its
// tables of stored years are keyed by year (an INTEGER PRIMARY KEY, which
// a unique index with la could not stand in for in an upsert).
func (sqliteDialect) yearKey() string { return "year" }

// forUpdate is empty: SQLite has no FOR UPDATE, and needs none, its
// writes' transactions beginning IMMEDIATE.
func (sqliteDialect) forUpdate() string { return "" }

// insert writes the rows with prepared multi-row INSERT statements of up
// to sqliteBatch rows each.
func (sqliteDialect) insert(ctx context.Context, _ *sql.Conn, tx *sql.Tx, t *table, la string, y calendar.Year, rows []returns.Row, ids []int64, progress func(int)) error {
	if len(rows) == 0 {
		return nil
	}
	ncol := len(t.all)
	batch := min(sqliteBatch, sqliteMaxParams/ncol, len(rows))
	full, err := tx.PrepareContext(ctx, insertSQL(t, batch))
	if err != nil {
		return fmt.Errorf("preparing the insert: %w", err)
	}
	defer full.Close()
	args := make([]any, 0, batch*ncol)
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, int(y), i+1)
			for _, v := range rows[i].Values {
				args = append(args, v)
			}
			args = append(args, rows[i].Line, ids[i], la)
		}
		stmt := full
		if end-start < batch {
			stmt, err = tx.PrepareContext(ctx, insertSQL(t, end-start))
			if err != nil {
				return fmt.Errorf("preparing the insert: %w", err)
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("inserting rows %d to %d: %w", start+1, end, err)
		}
		progress(end - start)
	}
	return nil
}

// insertSQL is an INSERT of n rows into t. Its parameters are plain ?:
// SQLite looks $N parameters up by name in a list, which for thousands of
// them costs more than the insert itself.
func insertSQL(t *table, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", t.sqlName, quoteAll(t.all))
	for r := range n {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range t.all {
			if c > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('?')
		}
		b.WriteByte(')')
	}
	return b.String()
}
