package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// authorityParam is the parameter of a store's name that chooses the
// authorities it is opened for.
const authorityParam = "authority"

// gssCode is the form of an authority's code: a letter for the nation and
// eight digits (E06000999).
var gssCode = regexp.MustCompile(`^[ENSW][0-9]{8}$`)

// ErrManyAuthorities is the error (wrapped) of a read or load that needs
// one authority from a store that holds several and was not opened for
// one of them.
var ErrManyAuthorities = errors.New("the store holds more than one authority's returns; choose one (--la CODE)")

// WithAuthority returns the store name db chosen for the authorities las,
// as Open reads it: db with ?authority=A,B added, or replacing the one it
// has. No authorities leaves db as it is.
func WithAuthority(db string, las ...string) string {
	if len(las) == 0 {
		return db
	}
	base, _, _ := strings.Cut(db, "?"+authorityParam+"=")
	if isPostgres(base) {
		if u, err := url.Parse(base); err == nil {
			q := u.Query()
			q.Set(authorityParam, strings.Join(las, ","))
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return base + "?" + authorityParam + "=" + strings.Join(las, ",")
}

// splitAuthority takes the authority parameter off a store's name,
// returning the name without it and the authorities it chose (nil for
// every authority).
func splitAuthority(db string) (string, []string, error) {
	var value string
	if isPostgres(db) {
		u, err := url.Parse(db)
		if err != nil {
			// pgx reports what is wrong with the URL, without its password.
			return db, nil, nil
		}
		q := u.Query()
		if !q.Has(authorityParam) {
			return db, nil, nil
		}
		value = q.Get(authorityParam)
		q.Del(authorityParam)
		u.RawQuery = q.Encode()
		db = u.String()
	} else {
		base, v, found := strings.Cut(db, "?"+authorityParam+"=")
		if !found {
			return db, nil, nil
		}
		db, value = base, v
	}
	var las []string
	for _, la := range strings.Split(value, ",") {
		la = strings.TrimSpace(la)
		if !gssCode.MatchString(la) {
			return "", nil, fmt.Errorf("store: the authority %q is not a GSS code such as E06000999", la)
		}
		if !slices.Contains(las, la) {
			las = append(las, la)
		}
	}
	return db, las, nil
}

// For returns the store as one authority's: its reads and loads concern
// la's returns alone, through the same connections, which the database
// still holds to the store's scope. It is how a job that works across a
// region (see Scope) takes each member in turn. Close the store For was
// called on, not what it returns. la must be a GSS code within the
// store's scope.
func (s *Store) For(la string) (*Store, error) {
	if !gssCode.MatchString(la) {
		return nil, fmt.Errorf("store: the authority %q is not a GSS code such as E06000999", la)
	}
	if s.scope != nil && !slices.Contains(s.scope, la) {
		return nil, fmt.Errorf("store: %s was opened for %s, not %s", s.where, strings.Join(s.scope, ", "), la)
	}
	c := *s
	c.chosen = la
	return &c, nil
}

// Scope lists the authorities the store was opened for, or is nil when it
// was opened for every authority it holds.
func (s *Store) Scope() []string { return slices.Clone(s.scope) }

// Isolated reports whether the database itself keeps the store to its
// scope: a PostgreSQL store opened for chosen authorities as a role that
// row-level security binds. Opened as a superuser, or a role with
// BYPASSRLS, the store still reads and writes only its scope's returns,
// but only because Village's queries say so; a SQLite store keeps one
// authority's returns and is never Isolated.
func (s *Store) Isolated() bool { return s.isolated }

// yearsTables are the tables of stored years, which say which authorities
// the store holds.
var yearsTables = []string{"returns", "cin_returns", "eh_returns"}

// Authorities lists the authorities whose returns or files the store holds
// and the connection may see, in code order. An authority given no code
// when loaded is "".
func (s *Store) Authorities(ctx context.Context) ([]string, error) {
	las, err := authoritiesIn(ctx, s.read)
	if err != nil || s.scope == nil {
		return las, err
	}
	return slices.DeleteFunc(las, func(la string) bool { return !slices.Contains(s.scope, la) }), nil
}

// authoritiesIn lists the authorities of the stored years q sees.
func authoritiesIn(ctx context.Context, q querier) ([]string, error) {
	var parts []string
	for _, t := range yearsTables {
		parts = append(parts, "SELECT la FROM "+t)
	}
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT la FROM ("+strings.Join(parts, " UNION ")+") stored ORDER BY la")
	if err != nil {
		return nil, fmt.Errorf("listing the authorities stored: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var la string
		if err := rows.Scan(&la); err != nil {
			return nil, fmt.Errorf("listing the authorities stored: %w", err)
		}
		out = append(out, la)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing the authorities stored: %w", err)
	}
	return out, nil
}

// authority is the one authority whose returns a read or write concerns:
// the store's scope when that is one authority, else the one the store
// holds ("" when it holds none, or only returns given no code). A store
// of several authorities opened for all of them has no one authority, and
// the error wraps ErrManyAuthorities.
func (s *Store) authority(ctx context.Context, q querier) (string, error) {
	if s.chosen != "" {
		return s.chosen, nil
	}
	if len(s.scope) == 1 {
		return s.scope[0], nil
	}
	las, err := authoritiesIn(ctx, q)
	if err != nil {
		return "", err
	}
	switch len(las) {
	case 0:
		return "", nil
	case 1:
		return las[0], nil
	}
	return "", fmt.Errorf("%w: it holds %s", ErrManyAuthorities, strings.Join(las, ", "))
}

// loadAuthority is the authority a load of returns whose own codes are las
// stores them under, in the transaction q: the load's code, else the
// store's one authority. A SQLite store keeps one authority: a load of
// another is refused.
func (s *Store) loadAuthority(ctx context.Context, q querier, las []string) (string, error) {
	la := ""
	for _, l := range las {
		switch {
		case l == "" || l == la:
		case la == "":
			la = l
		default:
			return "", fmt.Errorf("one load holds the returns of two authorities, %s and %s; load each alone", la, l)
		}
	}
	if s.chosen != "" && la != "" && la != s.chosen {
		return "", fmt.Errorf("the returns are %s's, and the load is for %s", la, s.chosen)
	}
	if la != "" && s.scope != nil && !slices.Contains(s.scope, la) {
		return "", fmt.Errorf("the returns are %s's, and this store was opened for %s", la, strings.Join(s.scope, ", "))
	}
	stored, err := authoritiesIn(ctx, q)
	if err != nil {
		return "", err
	}
	stored = slices.DeleteFunc(stored, func(l string) bool { return l == "" })
	if la == "" {
		switch {
		case s.chosen != "":
			return s.chosen, nil
		case len(s.scope) == 1:
			return s.scope[0], nil
		case len(stored) == 1:
			return stored[0], nil
		case len(stored) > 1:
			return "", fmt.Errorf("%w: the returns give no code, and the store holds %s", ErrManyAuthorities, strings.Join(stored, ", "))
		}
		return "", nil
	}
	if _, sqlite := s.dialect.(sqliteDialect); sqlite && len(stored) > 0 && stored[0] != la {
		return "", fmt.Errorf("the returns are %s's, and this SQLite store keeps %s's: a store of several authorities is a PostgreSQL database", la, stored[0])
	}
	return la, nil
}

// kinds are the returns and files the store keeps.
var kinds = []*kind{ssda903Kind, cinKind, earlyHelpKind}

// authorityTables lists the SQL tables whose rows belong to an authority:
// each kind's loads, stored years, data tables and validation results,
// the links and the family links.
func authorityTables() []string {
	var out []string
	for _, k := range kinds {
		out = append(out, k.loads, k.years)
		for _, t := range k.tables {
			out = append(out, t.sqlName)
		}
		for _, t := range []string{k.failures, k.skipped, k.validated} {
			if t != "" {
				out = append(out, t)
			}
		}
	}
	return append(out, "eh_links", "family_loads", "family_links")
}

// relabel gives the code la to a store's rows loaded without one, when
// those are all it holds: a store whose authority was never said learns
// it from the first load that says it, rather than becoming a store of
// two authorities, one of them nameless.
func relabel(ctx context.Context, tx querierExec, la string) error {
	if la == "" {
		return nil
	}
	stored, err := authoritiesIn(ctx, tx)
	if err != nil {
		return err
	}
	if !slices.Equal(stored, []string{""}) {
		return nil
	}
	for _, t := range authorityTables() {
		if _, err := tx.ExecContext(ctx, "UPDATE "+t+" SET la = $1 WHERE la = ''", la); err != nil {
			return fmt.Errorf("giving the %s rows stored without an authority the code %s: %w", t, la, err)
		}
	}
	return nil
}
