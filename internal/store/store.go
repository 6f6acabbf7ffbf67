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
	"github.com/village-uk/village/returns"
)

//go:embed migrations
var migrations embed.FS

// Store is a database of SSDA903 returns. Its methods are safe for
// concurrent use.
type Store struct {
	db      *sql.DB // writes (for SQLite, one connection)
	read    *sql.DB // reads; the same as db for PostgreSQL
	dialect dialect
	where   string // what was opened, without any password, for errors

	// scope lists the authorities (GSS codes) the store was opened for,
	// or is nil for every authority it holds; see Open.
	scope []string
	// isolated says the database holds the connections to scope (see
	// Isolated).
	isolated bool
	// chosen, when not "", is the one authority reads and loads concern
	// (see For).
	chosen string

	// afterTable, when set (by tests), is called inside Load's
	// transaction after each table of each year is written; an error
	// from it fails the load.
	afterTable func(calendar.Year, returns.TableName) error
}

// dialect is what differs between the engines.
type dialect interface {
	// name is the engine's name for errors: "SQLite" or "PostgreSQL".
	name() string
	// gooseDialect and migrations say how to migrate, and fileSuffix
	// ends the names of the migrations written for this engine alone.
	gooseDialect() goose.Dialect
	gooseOptions() ([]goose.ProviderOption, error)
	fileSuffix() string
	// lock serialises loads; it runs first in the load's transaction.
	lock(ctx context.Context, tx *sql.Tx) error
	// insert writes rows (with their load ids, ids[i] for rows[i]) to the
	// table t for authority la's year y, numbering them from 1, inside
	// tx, which is a transaction on conn.
	insert(ctx context.Context, conn *sql.Conn, tx *sql.Tx, t *table, la string, y calendar.Year, rows []returns.Row, ids []int64, progress func(int)) error
	// readOptions are the options of a read transaction that sees one
	// snapshot.
	readOptions() *sql.TxOptions
	// yearKey is the key of the tables of stored years, for an upsert's
	// ON CONFLICT: "la, year", or "year" where a store keeps one
	// authority.
	yearKey() string
	// forUpdate ends a SELECT that locks the rows it reads for the
	// rest of the transaction, where the engine needs that said.
	forUpdate() string
}

// Open opens the store named by url: a PostgreSQL URL (postgres:// or
// postgresql://, as pgx reads them) or else the path of a SQLite file,
// which is created if absent (its folder must exist). It brings the
// schema up to date, running the embedded migrations that have not yet
// run. Close the store when done.
//
// The url may end in ?authority=CODE (or &authority= after a PostgreSQL
// URL's own parameters; several codes separated by commas): the store
// then reads and writes only those authorities' returns (see Scope), and
// on PostgreSQL the database itself holds every connection to them by
// row-level security. WithAuthority adds the parameter.
func Open(ctx context.Context, url string) (*Store, error) {
	url, scope, err := splitAuthority(url)
	if err != nil {
		return nil, err
	}
	var s *Store
	if isPostgres(url) {
		s, err = openPostgres(ctx, url, scope)
	} else {
		s, err = openSQLite(ctx, url, scope)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.chainLegacy(ctx); err != nil {
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

// modules are the parts of the store that own tables, in the order their
// migrations run. Each has a folder of migrations under migrations/ and a
// goose version table of its own, goose_<module>_version, so that a new
// module (the CIN census, early help) adds its folder and its name here
// without renumbering or touching any other's.
var modules = []string{"ssda903", "audit", "failures", "cin", "people", "decisions", "interventions", "earlyhelp", "families", "authorities", "region"}

// migrate runs, module by module, the migrations that have not run.
//
// A migration whose SQL differs between the engines comes as two files
// with the same version, named ..._sqlite.sql and ..._postgres.sql; each
// engine skips the other's.
func (s *Store) migrate(ctx context.Context) error {
	for _, module := range modules {
		if err := s.migrateModule(ctx, module); err != nil {
			return err
		}
	}
	return nil
}

// migrateModule runs one module's migrations that have not run.
func (s *Store) migrateModule(ctx context.Context, module string) error {
	fsys, err := fs.Sub(migrations, "migrations/"+module)
	if err != nil {
		return fmt.Errorf("store: %s migrations for %s: %w", module, s.dialect.name(), err)
	}
	opts, err := s.dialect.gooseOptions()
	if err != nil {
		return fmt.Errorf("store: %s migrations for %s: %w", module, s.dialect.name(), err)
	}
	others, err := otherEnginesFiles(fsys, s.dialect.fileSuffix())
	if err != nil {
		return fmt.Errorf("store: %s migrations for %s: %w", module, s.dialect.name(), err)
	}
	opts = append(opts, goose.WithDisableGlobalRegistry(true), goose.WithTableName("goose_"+module+"_version"),
		goose.WithExcludeNames(others))
	p, err := goose.NewProvider(s.dialect.gooseDialect(), s.db, fsys, opts...)
	if err != nil {
		return fmt.Errorf("store: %s migrations for %s: %w", module, s.dialect.name(), err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrating %s's %s tables: %w", s.where, module, err)
	}
	return nil
}

// engineSuffixes end the names of migrations written for one engine.
var engineSuffixes = []string{"_sqlite.sql", "_postgres.sql"}

// otherEnginesFiles lists the migrations in fsys written for an engine
// other than the one whose files end in suffix.
func otherEnginesFiles(fsys fs.FS, suffix string) ([]string, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		for _, other := range engineSuffixes {
			if other != suffix && strings.HasSuffix(f, other) {
				out = append(out, f)
			}
		}
	}
	return out, nil
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
