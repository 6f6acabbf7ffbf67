// Package pgtest makes throwaway PostgreSQL databases and roles for tests
// on the server named by TEST_POSTGRES_DSN (see
// internal/store/testdata/start-postgres.sh).
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// DSNVariable names the environment variable that turns the PostgreSQL
// tests on: the URL of a database to connect to, from which each test
// creates (and drops) a database of its own.
const DSNVariable = "TEST_POSTGRES_DSN"

// Skip says why there is no PostgreSQL to test on, or is "".
func Skip() string {
	if os.Getenv(DSNVariable) != "" {
		return ""
	}
	return DSNVariable + " is not set; to run the PostgreSQL tests, run " +
		`eval "$(bash internal/store/testdata/start-postgres.sh)"` + " first (see that script)"
}

// NewDatabase creates a database with a random name on the server of
// TEST_POSTGRES_DSN and returns its URL, as the server's administrator;
// it is dropped when the test ends.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(DSNVariable)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatalf("connecting to %s: %v", DSNVariable, err)
	}
	tb.Cleanup(func() { admin.Close() })
	name := "village_test_" + randomHex()
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("creating database %s: %v", name, err)
	}
	// Cleanups run last-added first: a store opened after this closes
	// before the drop.
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("dropping database %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", DSNVariable, err)
	}
	u.Path = "/" + name
	return u.String()
}

// NewRole makes a login role that row-level security binds (no superuser,
// no BYPASSRLS), with the rights Village needs on the tables the
// database of dbURL has now, and returns dbURL as that role: what a
// region's administrator gives each authority's server (README, "A
// region in one store"). The role is dropped when the test ends. Make it
// after the store's tables exist (open the store as dbURL first).
func NewRole(tb testing.TB, dbURL string) string {
	tb.Helper()
	admin, err := sql.Open("pgx", dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Close() })
	role := "village_analyst_" + randomHex()
	for _, q := range []string{
		"CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS",
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role,
		"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role,
		// Which roles see which authorities is the administrator's to say,
		// and the regional groups and figures are the administrator's to
		// write: a member's server only reads them.
		"REVOKE ALL ON authority_roles FROM " + role,
		"REVOKE INSERT, UPDATE, DELETE ON region_groups, region_members, region_figures FROM " + role,
	} {
		if _, err := admin.Exec(q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	tb.Cleanup(func() {
		for _, q := range []string{"DROP OWNED BY " + role, "DROP ROLE " + role} {
			if _, err := admin.Exec(q); err != nil {
				tb.Errorf("%s: %v", q, err)
			}
		}
	})
	u, err := url.Parse(dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	u.User = url.User(role)
	return u.String()
}

// randomHex is 12 random hex digits, for names no other test uses.
func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
