package store

import (
	"context"
	"database/sql"
	"os"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/village-uk/village/returns/ssda903"
)

// TestUpgradeOldStore opens a store made before each module owned its
// migrations (testdata/old-store.sql: the schema, goose table and rows
// the code of that time left) and checks that everything in it is kept,
// that each module has adopted its own version table, and that the ids of
// new loads and audit entries, now assigned by the database, follow the
// old ones.
func TestUpgradeOldStore(t *testing.T) {
	fixture, err := os.ReadFile("testdata/old-store.sql")
	if err != nil {
		t.Fatal(err)
	}
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		u := e.newURL(t)
		driver, dsn := "sqlite", u
		if isPostgres(u) {
			driver = "pgx"
		}
		old, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.ExecContext(ctx, string(fixture)); err != nil {
			t.Fatalf("making the old store: %v", err)
		}
		old.Close()

		s := openURL(t, u)
		loads, err := s.Loads(ctx)
		if err != nil || len(loads) != 2 || loads[1].LoadID != 2 || loads[1].Replaced != 1 {
			t.Fatalf("old loads %+v, %v; want 2, the second replacing a row", loads, err)
		}
		r, err := s.Return(ctx, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if h := r.Table(ssda903.Header); h.Len() != 2 || h.Rows[1].Values[0] != "OLD002" || h.File != "header.csv" {
			t.Errorf("old Header read back as %+v", h)
		}
		failures, err := s.Failures(ctx, 2026)
		if err != nil || len(failures) != 1 || failures[0].Rule != "101" {
			t.Errorf("old failures %+v, %v", failures, err)
		}
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		added := Access{At: at, Who: "reviewer", IdentifiedBy: "test", Action: "view journey", Subject: "OLD001", Reason: "upgrade"}
		if err := s.Audit(ctx, added); err != nil {
			t.Fatalf("Audit after the upgrade: %v", err)
		}
		log, err := s.AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 3 || log[0].Who != "analyst" || log[1].Subject != "OLD002" || !reflect.DeepEqual(log[2], added) {
			t.Errorf("audit log after the upgrade %+v", log)
		}
		// The old entries were chained when the store was opened.
		if head, err := s.VerifyAudit(ctx); err != nil || head.Seq != 3 {
			t.Errorf("VerifyAudit after the upgrade: head %+v, %v; want entry 3, intact", head, err)
		}
		if ids := auditIDs(t, s); !slices.Equal(ids, []int64{1, 2, 3}) {
			t.Errorf("audit ids %v, want [1 2 3]", ids)
		}
		sum, err := s.Load(ctx, []*ssda903.Return{r}, LoadSource{LA: "E06000999"})
		if err != nil {
			t.Fatalf("Load after the upgrade: %v", err)
		}
		if sum.LoadID != 3 || sum.Changed() {
			t.Errorf("load after the upgrade: id %d, changed %v; want 3, nothing changed", sum.LoadID, sum.Changed())
		}
		if latest, err := s.LatestLoad(ctx); err != nil || latest != 3 {
			t.Errorf("LatestLoad = %d, %v; want 3", latest, err)
		}
		for _, module := range modules {
			var n int
			q := "SELECT COUNT(*) FROM goose_" + module + "_version WHERE version_id > 0"
			if err := s.read.QueryRowContext(ctx, q).Scan(&n); err != nil || n == 0 {
				t.Errorf("module %s: %d migrations recorded in its own table, %v", module, n, err)
			}
		}
		if _, ok := s.dialect.(sqliteDialect); ok {
			// returns was copied with loads: its reference must follow.
			var parent string
			if err := s.read.QueryRowContext(ctx, "SELECT \"table\" FROM pragma_foreign_key_list('returns')").Scan(&parent); err != nil || parent != "loads" {
				t.Errorf("returns.load_id refers to %q, %v; want loads", parent, err)
			}
		}
		// Opening it again runs nothing more and changes nothing.
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		again := openURL(t, u)
		if log, err := again.AuditLog(ctx); err != nil || len(log) != 3 {
			t.Errorf("audit log after reopening: %d entries, %v", len(log), err)
		}
	})
}

// auditIDs lists the ids of the audit log, in order.
func auditIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	rows, err := s.read.Query("SELECT id FROM audit ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// TestAuditConcurrently has many people record accesses at once through
// stores opened on the same database, as several servers or requests
// would (80 writers, 40 through each store): every entry is kept, each
// with its own id and its own person, and the chain does not fork.
func TestAuditConcurrently(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		u := e.newURL(t)
		stores := []*Store{openURL(t, u), openURL(t, u)}
		const each = 40
		var wg sync.WaitGroup
		errs := make(chan error, 2*each)
		for i, s := range stores {
			who := []string{"first.analyst", "second.analyst"}[i]
			for n := range each {
				wg.Go(func() {
					a := Access{Who: who, Action: "view journey", Subject: "C" + string(rune('A'+n%26)), Reason: "busy morning"}
					if n%2 == 0 {
						errs <- s.Audit(ctx, a)
					} else {
						errs <- s.AuditAll(ctx, []Access{a, a})
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("recording an access: %v", err)
			}
		}
		log, err := stores[0].AuditLog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		perPerson := map[string]int{}
		for _, a := range log {
			perPerson[a.Who]++
		}
		want := each/2 + each // the single entries and the pairs
		if perPerson["first.analyst"] != want || perPerson["second.analyst"] != want || len(log) != 2*want {
			t.Errorf("audit entries by person %v, %d in all; want %d each", perPerson, len(log), want)
		}
		ids := auditIDs(t, stores[0])
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Errorf("audit id %d used twice", id)
			}
			seen[id] = true
		}
		if head, err := stores[1].VerifyAudit(ctx); err != nil || head.Seq != int64(len(log)) {
			t.Errorf("the chain after concurrent writers: head %+v, %v; want entry %d, intact", head, err, len(log))
		}
	})
}
