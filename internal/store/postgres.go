package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// loadLockID is the PostgreSQL advisory lock that serialises loads (and
// migrationLockID the one goose holds while migrating).
const (
	loadLockID      int64 = 903_0001
	migrationLockID int64 = 903_0000
)

// copyChunk is how many rows one COPY sends; progress is reported after
// each.
const copyChunk = 20_000

// openPostgres connects to the PostgreSQL database named by url, for the
// authorities scope (nil for every one). Every connection says which
// authorities it may see in its village.authorities setting, sent when
// it connects: the row-level security policies read it, so that the
// database, not only Village's queries, keeps other authorities' rows
// from a store opened for some.
func openPostgres(ctx context.Context, url string, scope []string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the URL with any password masked.
		return nil, fmt.Errorf("store: reading the PostgreSQL URL: %w", err)
	}
	where := fmt.Sprintf("PostgreSQL database %s on %s:%d", cfg.Database, cfg.Host, cfg.Port)
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams[authoritiesSetting] = "*"
	if scope != nil {
		cfg.RuntimeParams[authoritiesSetting] = strings.Join(scope, ",")
	}
	db := stdlib.OpenDB(*cfg)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connecting to %s: %w", where, err)
	}
	isolated := false
	if scope != nil {
		if isolated, err = boundByPolicies(ctx, db, where); err != nil {
			db.Close()
			return nil, err
		}
	}
	return &Store{db: db, read: db, dialect: postgresDialect{}, where: where, scope: scope, isolated: isolated}, nil
}

// authoritiesSetting is the PostgreSQL setting that holds the authorities
// a connection may see: their codes separated by commas, or * for all.
const authoritiesSetting = "village.authorities"

// boundByPolicies reports whether the role db connects as is bound by
// row-level security: not a superuser, and without BYPASSRLS.
func boundByPolicies(ctx context.Context, db *sql.DB, where string) (bool, error) {
	var bypass bool
	err := db.QueryRowContext(ctx, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").Scan(&bypass)
	if err != nil {
		return false, fmt.Errorf("store: connecting to %s: reading the role's rights: %w", where, err)
	}
	return !bypass, nil
}

// postgresDialect is PostgreSQL through pgx.
type postgresDialect struct{}

func (postgresDialect) name() string                { return "PostgreSQL" }
func (postgresDialect) gooseDialect() goose.Dialect { return goose.DialectPostgres }
func (postgresDialect) fileSuffix() string          { return "_postgres.sql" }

// gooseOptions take a session lock while migrating, so that two programs
// opening the same new database do not both create its tables.
func (postgresDialect) gooseOptions() ([]goose.ProviderOption, error) {
	l, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID))
	if err != nil {
		return nil, err
	}
	return []goose.ProviderOption{goose.WithSessionLocker(l)}, nil
}

// lock takes the load lock until the transaction ends.
func (postgresDialect) lock(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", loadLockID); err != nil {
		return fmt.Errorf("waiting for other loads: %w", err)
	}
	return nil
}

// yearKey is the authority and the year.
func (postgresDialect) yearKey() string { return "la, year" }

// forUpdate locks the rows a SELECT reads until the transaction ends.
func (postgresDialect) forUpdate() string { return " FOR UPDATE" }

func (postgresDialect) readOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// insert sends the rows with COPY on the transaction's own connection.
func (postgresDialect) insert(ctx context.Context, conn *sql.Conn, _ *sql.Tx, t *table, la string, y calendar.Year, rows []returns.Row, ids []int64, progress func(int)) error {
	for start := 0; start < len(rows); start += copyChunk {
		end := min(start+copyChunk, len(rows))
		src := &copySource{la: la, year: int32(y), rows: rows, ids: ids, at: start - 1, end: end,
			values: make([]any, len(t.all))}
		err := conn.Raw(func(dc any) error {
			c, ok := dc.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("the connection is a %T, not pgx's", dc)
			}
			_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{t.sqlName}, t.all, src)
			return err
		})
		if err != nil {
			return fmt.Errorf("copying rows %d to %d: %w", start+1, end, err)
		}
		progress(end - start)
	}
	return nil
}

// copySource gives pgx the rows from at+1 to end, each as year,
// row_number, the values, line, load id and authority.
type copySource struct {
	la      string
	year    int32
	rows    []returns.Row
	ids     []int64
	at, end int
	values  []any
}

func (c *copySource) Next() bool {
	c.at++
	return c.at < c.end
}

func (c *copySource) Values() ([]any, error) {
	row := c.rows[c.at]
	v := c.values
	v[0], v[1] = c.year, int32(c.at+1)
	for i, s := range row.Values {
		v[2+i] = s
	}
	v[len(v)-3], v[len(v)-2], v[len(v)-1] = int32(row.Line), c.ids[c.at], c.la
	return v, nil
}

func (c *copySource) Err() error { return nil }
