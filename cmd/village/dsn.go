package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/village-uk/village/internal/store"
)

// dbEnv names the environment variable that gives the store when --db is
// not: a PostgreSQL URL with a password is safer there, or in a file
// given by --db-file, than on the command line, where ps and the shell's
// history show it.
const dbEnv = "VILLAGE_DB"

// dbFlag binds --db and --db-file, the store a command reads or writes:
// --db, else the file --db-file names, else $VILLAGE_DB, else village.db;
// and --la, the authority it concerns, added to the store's name as
// store.Open reads it (see store.WithAuthority), unless the command has
// an --la of its own, bound before this.
func dbFlag(fs *flag.FlagSet, db *string) {
	*db = defaultDB
	if v := strings.TrimSpace(os.Getenv(dbEnv)); v != "" {
		*db = v
	}
	var las []string
	if fs.Lookup("la") == nil {
		fs.Func("la", "the authority (GSS code, such as E06000999) whose returns a store of several holds; "+
			"on PostgreSQL the database then shows this command that authority's rows alone", func(v string) error {
			las = strings.Split(v, ",")
			*db = store.WithAuthority(*db, las...)
			return nil
		})
	}
	set := func(v string) {
		*db = store.WithAuthority(v, las...)
	}
	// Func, not String, so that the help never prints a default that
	// came from the environment and may hold a password.
	fs.Func("db", "the store: a SQLite file path or a PostgreSQL URL (default $"+dbEnv+", else "+defaultDB+"); "+
		"a URL with a password is better kept in $"+dbEnv+" or --db-file than on the command line", func(v string) error {
		set(v)
		return nil
	})
	fs.Func("db-file", "read the store's path or PostgreSQL URL from this file (readable by its owner only)", func(path string) error {
		text, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("reading the store's name: %w", err)
		}
		v := strings.TrimSpace(string(text))
		if v == "" {
			return fmt.Errorf("%s is empty: write the store's path or PostgreSQL URL in it", path)
		}
		set(v)
		return nil
	})
}

// redact returns db fit to print: a PostgreSQL URL with any password
// replaced by xxxxx (in the URL or as a password= parameter), a file path
// as it is.
func redact(db string) string {
	if !isServer(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		// Not a URL we can take apart: show only which server kind.
		return "a PostgreSQL URL that cannot be read"
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "password") {
			q.Set(k, "xxxxx")
			u.RawQuery = q.Encode()
		}
	}
	return u.Redacted()
}
