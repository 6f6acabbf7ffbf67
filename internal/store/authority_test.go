package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store/pgtest"
	"github.com/village-uk/village/returns/ssda903"
)

// The two authorities of the tests: the same synthetic children, so that
// the same child IDs are in both.
const (
	authorityA = "E06000999"
	authorityB = "E06000001"
)

// asAuthority returns the small synthetic returns relabelled as la's.
func asAuthority(t *testing.T, la string) []*ssda903.Return {
	t.Helper()
	var out []*ssda903.Return
	for _, r := range synthetic(t, small) {
		c := clone(r)
		c.LA = la
		out = append(out, c)
	}
	return out
}

// twoAuthorities makes a PostgreSQL store holding authorities A's and B's
// returns, loaded by the administrator, and returns its URL as the
// administrator and as an ordinary role.
func twoAuthorities(t *testing.T) (adminURL, roleURL string) {
	t.Helper()
	if why := pgtest.Skip(); why != "" {
		t.Skip(why)
	}
	adminURL = newPostgresURL(t)
	admin := openURL(t, adminURL)
	for _, la := range []string{authorityA, authorityB} {
		if _, err := admin.Load(context.Background(), asAuthority(t, la), LoadSource{}); err != nil {
			t.Fatalf("loading %s: %v", la, err)
		}
	}
	return adminURL, pgtest.NewRole(t, adminURL)
}

// TestAuthorityIsolation checks that a store opened for one authority, as
// an ordinary role, reads only that authority's rows: through its
// methods, and through any query on its own connections, which the
// database answers under row-level security.
func TestAuthorityIsolation(t *testing.T) {
	ctx := context.Background()
	_, roleURL := twoAuthorities(t)
	s := openURL(t, WithAuthority(roleURL, authorityA))

	if las, err := s.Authorities(ctx); err != nil || !slices.Equal(las, []string{authorityA}) {
		t.Errorf("Authorities = %v, %v; want only %s", las, err, authorityA)
	}
	years, err := s.Years(ctx)
	if err != nil || len(years) != small.Years {
		t.Fatalf("Years = %v, %v; want %d years", years, err, small.Years)
	}
	r, err := s.Return(ctx, years[0])
	if err != nil {
		t.Fatal(err)
	}
	want := synthetic(t, small)[0]
	if r.LA != authorityA || r.Table(ssda903.Episodes).Len() != want.Table(ssda903.Episodes).Len() {
		t.Errorf("Return(%s) is %s's with %d episodes; want %s's with %d", years[0], r.LA, r.Table(ssda903.Episodes).Len(),
			authorityA, want.Table(ssda903.Episodes).Len())
	}

	// A query that forgets the authority still sees only A's rows.
	for _, table := range authorityTables() {
		var mine, others int
		err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FILTER (WHERE la = $1), COUNT(*) FILTER (WHERE la <> $1) FROM "+table, authorityA).Scan(&mine, &others)
		if err != nil {
			t.Fatalf("counting %s: %v", table, err)
		}
		if others != 0 {
			t.Errorf("%s: the connection of a store opened for %s sees %d rows of other authorities", table, authorityA, others)
		}
	}
	var episodes int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM episodes").Scan(&episodes); err != nil || episodes == 0 {
		t.Errorf("episodes seen: %d, %v; want A's", episodes, err)
	}

	// Nor can it write B's rows, or move rows to B.
	_, err = s.db.ExecContext(ctx, "INSERT INTO returns (year, la, load_id, tables) VALUES (2030, $1, 1, '{}')", authorityB)
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("inserting a row of %s: %v; want a row-level security error", authorityB, err)
	}
	_, err = s.db.ExecContext(ctx, "UPDATE header SET la = $1", authorityB)
	if err == nil || !strings.Contains(err.Error(), "row-level security") {
		t.Errorf("moving A's rows to %s: %v; want a row-level security error", authorityB, err)
	}
	if res, err := s.db.ExecContext(ctx, "DELETE FROM header WHERE la = $1", authorityB); err != nil {
		t.Errorf("deleting B's rows: %v", err)
	} else if n, _ := res.RowsAffected(); n != 0 {
		t.Errorf("a store opened for %s deleted %d of %s's rows", authorityA, n, authorityB)
	}
	if _, err := s.Load(ctx, asAuthority(t, authorityB), LoadSource{}); err == nil || !strings.Contains(err.Error(), "opened for "+authorityA) {
		t.Errorf("loading B's returns into a store opened for A: %v", err)
	}
	if _, err := s.For(authorityB); err == nil {
		t.Errorf("For(%s) on a store opened for %s: no error", authorityB, authorityA)
	}
}

// TestAuthorityBoundToRole checks that once the administrator says which
// authorities a role may see (authority_roles), a connection of that role
// sees no other authority's rows even when it sets village.authorities
// to every authority itself, and cannot change what it may see.
func TestAuthorityBoundToRole(t *testing.T) {
	adminURL, roleURL := twoAuthorities(t)
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	role, err := url.Parse(roleURL)
	if err != nil {
		t.Fatal(err)
	}
	count := func(db *sql.DB) (a, b int) {
		t.Helper()
		err := db.QueryRow("SELECT COUNT(*) FILTER (WHERE la = $1), COUNT(*) FILTER (WHERE la = $2) FROM header", authorityA, authorityB).Scan(&a, &b)
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
	// A connection of the role that says it may see every authority.
	db, err := sql.Open("pgx", roleURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("SET village.authorities = '*'"); err != nil {
		t.Fatal(err)
	}
	if a, b := count(db); a == 0 || b == 0 {
		t.Fatalf("before the roles are said: %d and %d rows; want both authorities' (as the setting alone allows)", a, b)
	}
	if _, err := admin.Exec("INSERT INTO authority_roles (role_name, la) VALUES ($1, $2)", role.User.Username(), authorityA); err != nil {
		t.Fatal(err)
	}
	if a, b := count(db); a == 0 || b != 0 {
		t.Errorf("the role given %s, setting every authority: sees %d of A's rows and %d of B's; want A's alone", authorityA, a, b)
	}
	if _, err := db.Exec("INSERT INTO authority_roles (role_name, la) VALUES ($1, '*')", role.User.Username()); err == nil {
		t.Errorf("the role gave itself every authority")
	}
	// A store opened for B as the role sees nothing of B's.
	s := openURL(t, WithAuthority(roleURL, authorityB))
	if years, err := s.Years(context.Background()); err != nil || len(years) != 0 {
		t.Errorf("a store for %s as a role given %s: years %v, %v; want none", authorityB, authorityA, years, err)
	}
}

// TestAuthorityNoSetting checks that a connection of the ordinary role
// that has not said which authorities it may see (psql, say) sees no
// child's row at all.
func TestAuthorityNoSetting(t *testing.T) {
	_, roleURL := twoAuthorities(t)
	db, err := sql.Open("pgx", roleURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range authorityTables() {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
			t.Fatalf("counting %s: %v", table, err)
		}
		if n != 0 {
			t.Errorf("%s: a connection without village.authorities sees %d rows", table, n)
		}
	}
}

// TestAuthorityBypassNotIsolated checks that a store for one authority
// opened as a role that row-level security does not bind reads that
// authority's returns alone, and says that the database does not hold it
// to them.
func TestAuthorityBypassNotIsolated(t *testing.T) {
	ctx := context.Background()
	adminURL, roleURL := twoAuthorities(t)
	s := openURL(t, WithAuthority(adminURL, authorityA))
	if s.Isolated() {
		t.Errorf("a store opened as a superuser is Isolated")
	}
	if las, err := s.Authorities(ctx); err != nil || !slices.Equal(las, []string{authorityA}) {
		t.Errorf("Authorities = %v, %v; want only %s", las, err, authorityA)
	}
	rs, err := s.Returns(ctx)
	if err != nil || len(rs) != small.Years || rs[0].LA != authorityA {
		t.Errorf("Returns: %d, %v; want A's %d", len(rs), err, small.Years)
	}
	if bound := openURL(t, WithAuthority(roleURL, authorityA)); !bound.Isolated() {
		t.Errorf("a store opened as an ordinary role is not Isolated")
	}
	if all := openURL(t, roleURL); all.Isolated() {
		t.Errorf("a store opened for every authority is Isolated")
	}
}

// TestAuthorityChosen checks that the administrator's store of two
// authorities reads neither until one is chosen, then that one's alone,
// and that a region's members are listed.
func TestAuthorityChosen(t *testing.T) {
	ctx := context.Background()
	adminURL, _ := twoAuthorities(t)
	admin := openURL(t, adminURL)
	if las, err := admin.Authorities(ctx); err != nil || !slices.Equal(las, []string{authorityB, authorityA}) {
		t.Errorf("Authorities = %v, %v; want both", las, err)
	}
	if _, err := admin.Returns(ctx); !errors.Is(err, ErrManyAuthorities) {
		t.Errorf("Returns of two authorities, none chosen: %v; want ErrManyAuthorities", err)
	}
	for _, la := range []string{authorityA, authorityB} {
		one, err := admin.For(la)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := one.Returns(ctx)
		if err != nil || len(rs) != small.Years {
			t.Fatalf("For(%s).Returns: %d returns, %v", la, len(rs), err)
		}
		for _, r := range rs {
			if r.LA != la {
				t.Errorf("For(%s) read a return of %s", la, r.LA)
			}
		}
	}
}

// TestWithAuthority checks the store names that choose authorities.
func TestWithAuthority(t *testing.T) {
	tests := []struct {
		db, want string
		las      []string
	}{
		{"village.db", "village.db", nil},
		{"village.db", "village.db?authority=E06000999", []string{"E06000999"}},
		{"village.db?authority=E06000001", "village.db?authority=E06000999", []string{"E06000999"}},
		{"postgres://u@h/db?sslmode=disable", "postgres://u@h/db?authority=E06000999%2CE06000001&sslmode=disable", []string{"E06000999", "E06000001"}},
	}
	for _, tt := range tests {
		got := WithAuthority(tt.db, tt.las...)
		if got != tt.want {
			t.Errorf("WithAuthority(%q, %v) = %q; want %q", tt.db, tt.las, got, tt.want)
		}
		base, las, err := splitAuthority(got)
		if err != nil || !slices.Equal(las, tt.las) || !strings.HasPrefix(tt.db, strings.SplitN(base, "?authority", 2)[0]) {
			t.Errorf("splitAuthority(%q) = %q, %v, %v", got, base, las, err)
		}
	}
	for _, bad := range []string{"village.db?authority=", "village.db?authority=Barnet", "postgres://h/db?authority=E0600099"} {
		if _, _, err := splitAuthority(bad); err == nil {
			t.Errorf("splitAuthority(%q): no error", bad)
		}
	}
}
