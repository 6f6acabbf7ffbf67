package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a database of SSDA903 returns. Its methods are safe for
// concurrent use.
type Store struct {
	db      *sql.DB // writes (for SQLite, one connection)
	read    *sql.DB // reads; the same as db for PostgreSQL
	dialect dialect
	where   string // what was opened, without any password, for errors

	// afterTable, when set (by tests), is called inside Load's
	// transaction after each table of each year is written; an error
	// from it fails the load.
	afterTable func(calendar.Year, ssda903.TableName) error
}

// dialect is what differs between the engines.
type dialect interface {
	// name is the engine's name for errors: "SQLite" or "PostgreSQL".
	name() string
	// gooseDialect and migrations say how to migrate.
	gooseDialect() goose.Dialect
	gooseOptions() ([]goose.ProviderOption, error)
	// lock serialises loads; it runs first in the load's transaction.
	lock(ctx context.Context, tx *sql.Tx) error
	// insert writes rows (with their load ids, ids[i] for rows[i]) to the
	// table t for year y, numbering them from 1, inside tx, which is a
	// transaction on conn.
	insert(ctx context.Context, conn *sql.Conn, tx *sql.Tx, t *table, y calendar.Year, rows []ssda903.Row, ids []int64, progress func(int)) error
	// readOptions are the options of a read transaction that sees one
	// snapshot.
	readOptions() *sql.TxOptions
}

// Open opens the store named by url: a PostgreSQL URL (postgres:// or
// postgresql://, as pgx reads them) or else the path of a SQLite file,
// which is created if absent (its folder must exist). It brings the
// schema up to date, running the embedded migrations that have not yet
// run. Close the store when done.
func Open(ctx context.Context, url string) (*Store, error) {
	var (
		s   *Store
		err error
	)
	if isPostgres(url) {
		s, err = openPostgres(ctx, url)
	} else {
		s, err = openSQLite(ctx, url)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// isPostgres reports whether url names a PostgreSQL server.
func isPostgres(url string) bool {
	u := strings.ToLower(url)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// migrate runs the migrations that have not run.
func (s *Store) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("store: migrations for %s: %w", s.dialect.name(), err)
	}
	opts, err := s.dialect.gooseOptions()
	if err != nil {
		return fmt.Errorf("store: migrations for %s: %w", s.dialect.name(), err)
	}
	opts = append(opts, goose.WithDisableGlobalRegistry(true))
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("store: migrations for %s: %w", s.dialect.name(), err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrating %s: %w", s.where, err)
	}
	return nil
}

// Close closes the store's connections.
func (s *Store) Close() error {
	var errs []error
	if s.read != nil && s.read != s.db {
		errs = append(errs, s.read.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: closing %s: %w", s.where, err)
	}
	return nil
}
