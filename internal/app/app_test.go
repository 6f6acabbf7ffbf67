package app

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// authority is a small synthetic authority: its returns written to year
// folders under dir, and its children's journeys.
type authority struct {
	dir string
	res *synth.Result
	set *journey.Set
}

var (
	authorityOnce sync.Once
	testAuthority authority
	authorityErr  error
)

// synthetic returns the authority, generated and written once.
func synthetic(t *testing.T) authority {
	t.Helper()
	authorityOnce.Do(func() {
		res, err := synth.Generate(synth.Config{Children: 120, Years: 3, Until: calendar.NewDate(2026, 3, 31), Seed: 5, LA: synth.DefaultLA})
		if err != nil {
			authorityErr = err
			return
		}
		dir, err := os.MkdirTemp("", "village-app-test")
		if err != nil {
			authorityErr = err
			return
		}
		for _, r := range res.Returns {
			if err := folder.WriteCSV(filepath.Join(dir, r.Year.Folder()), r); err != nil {
				authorityErr = err
				return
			}
		}
		set, err := journey.Build(res.Returns)
		testAuthority, authorityErr = authority{dir: dir, res: res, set: set}, err
	})
	if authorityErr != nil {
		t.Fatal(authorityErr)
	}
	return testAuthority
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testAuthority.dir != "" {
		os.RemoveAll(testAuthority.dir)
	}
	os.Exit(code)
}

// newStore opens a new SQLite store, closed when the test ends.
func newStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, db
}

// someChild is the ID of a child with a journey.
func someChild(t *testing.T, a authority) string {
	t.Helper()
	for _, r := range a.res.Returns {
		for _, row := range r.Table("Header").Rows {
			if a.set.Child(row.Values[0]) != nil {
				return row.Values[0]
			}
		}
	}
	t.Fatal("no child with a journey")
	return ""
}

// TestViewChild checks that a view is audited, with the actor and how
// they were identified, before anything is returned; that a view without
// a reason or an actor is refused and leaves no entry; and that a child
// not found is still audited.
func TestViewChild(t *testing.T) {
	a := synthetic(t)
	id := someChild(t, a)
	analyst := Actor{Name: "r.analyst", IdentifiedBy: ByHeader("X-Remote-User")}
	tests := []struct {
		name    string
		who     Actor
		id      string
		reason  string
		wantErr error
		audited bool
	}{
		{"found", analyst, id, "checking a placement move", nil, true},
		{"not found", analyst, "NO-SUCH-CHILD", "checking", ErrNoChild, true},
		{"no reason", analyst, id, "  ", ErrNoReason, false},
		{"no one acting", Actor{}, id, "checking", ErrNoActor, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := context.Background()
			c, err := ViewChild(ctx, s, a.set, tt.who, tt.id, tt.reason)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ViewChild: %v, want %v", err, tt.wantErr)
			}
			if (c != nil) != (tt.wantErr == nil) || c != nil && c.ID != tt.id {
				t.Errorf("ViewChild returned %v", c)
			}
			log, err := s.AuditLog(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if tt.audited {
				want = 1
			}
			if len(log) != want {
				t.Fatalf("%d audit entries, want %d", len(log), want)
			}
			if want == 1 {
				e := log[0]
				if e.Who != tt.who.Name || e.IdentifiedBy != tt.who.IdentifiedBy || e.Subject != tt.id || e.Action != ViewAction || e.Reason != tt.reason {
					t.Errorf("audit entry %+v", e)
				}
			}
		})
	}
}

// TestViewChildUnaudited checks that when the view cannot be audited
// nothing is shown, and the error does not name the child.
func TestViewChildUnaudited(t *testing.T) {
	a := synthetic(t)
	id := someChild(t, a)
	s, _ := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the audit log cannot be written
	c, err := ViewChild(ctx, s, a.set, Actor{Name: "analyst"}, id, "checking")
	if err == nil || c != nil {
		t.Fatalf("ViewChild with the audit failing: %v, %v; want nothing and an error", c, err)
	}
	if strings.Contains(err.Error(), id) {
		t.Errorf("the error names the child: %v", err)
	}
	closed, _ := newStore(t)
	closed.Close()
	c, err = ViewChild(context.Background(), closed, a.set, Actor{Name: "analyst"}, id, "checking")
	if err == nil || c != nil || strings.Contains(err.Error(), id) {
		t.Errorf("ViewChild on a closed store: %v, %v; want nothing and an error without the ID", c, err)
	}
	// The database refuses the entry itself, as a full disk would.
	refusing, db := newStore(t)
	refuseAudit(t, db)
	c, err = ViewChild(context.Background(), refusing, a.set, Actor{Name: "analyst"}, id, "checking")
	if err == nil || c != nil || strings.Contains(err.Error(), id) || !strings.Contains(err.Error(), "refused by the test") {
		t.Errorf("ViewChild with the database refusing the entry: %v, %v; want nothing and the database's error without the ID", c, err)
	}
}

// refuseAudit has the SQLite store at db refuse every new audit entry.
func refuseAudit(t *testing.T, db string) {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("CREATE TRIGGER refuse BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"); err != nil {
		t.Fatal(err)
	}
}

// TestRecordAccess records one entry per child in one transaction, and
// none when one cannot be written.
func TestRecordAccess(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	who := Actor{Name: "manager", IdentifiedBy: ByFlag}
	ids := []string{"C1", "C2", "C3"}
	if err := RecordAccess(ctx, s, who, "view IDs behind indicator cla_end 2025/26 [all children counted]", ids, "rise"); err != nil {
		t.Fatal(err)
	}
	log, err := s.AuditLog(ctx)
	if err != nil || len(log) != 3 {
		t.Fatalf("%d entries, %v; want 3", len(log), err)
	}
	for i, e := range log {
		if e.Subject != ids[i] || e.Who != "manager" || e.IdentifiedBy != ByFlag {
			t.Errorf("entry %d: %+v", i, e)
		}
	}
	// An empty ID is refused: nothing of the batch is kept,
	// and the error names no child.
	err = RecordAccess(ctx, s, who, "view", []string{"C4", "", "C5"}, "rise")
	if err == nil || strings.Contains(err.Error(), "C4") || strings.Contains(err.Error(), "C5") {
		t.Errorf("a batch with an empty ID: %v", err)
	}
	if log, _ := s.AuditLog(ctx); len(log) != 3 {
		t.Errorf("%d entries after a refused batch, want 3", len(log))
	}
	if err := RecordAccess(ctx, nil, who, "view", ids, "rise"); err == nil {
		t.Error("RecordAccess without an audit log succeeded")
	}
}

// TestLoad loads the authority's folders and checks what Load says it
// did; then that values not in their column's form are refused, before
// the store is even made, unless forced.
func TestLoad(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	loader := Actor{Name: "data.officer", IdentifiedBy: ByFlag}
	if _, err := Load(ctx, LoadRequest{Dirs: []string{a.dir}, DB: filepath.Join(t.TempDir(), "v.db")}); !errors.Is(err, ErrNoActor) {
		t.Errorf("a load by no one: %v, want ErrNoActor", err)
	}
	db := filepath.Join(t.TempDir(), "village.db")
	loaded, err := Load(ctx, LoadRequest{Who: loader, Dirs: []string{a.dir}, DB: db, LA: synth.DefaultLA})
	if err != nil {
		t.Fatal(err)
	}
	if loaded.LoadID != 1 || len(loaded.Years) != 3 || !loaded.Changed() {
		t.Errorf("load %d of %v, changed %v; want load 1 of 3 years", loaded.LoadID, loaded.Years, loaded.Changed())
	}
	if _, ok := loaded.Failures[2026]; !ok {
		t.Errorf("2025/26 was not validated: %v", loaded.Failures)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	history, err := s.Loads(ctx)
	s.Close()
	if err != nil || len(history) != 1 || history[0].By != loader.Name || history[0].IdentifiedBy != loader.IdentifiedBy {
		t.Errorf("the history %+v, %v; want one load by %s", history, err, loader.Name)
	}
	again, err := Load(ctx, LoadRequest{Who: loader, Dirs: []string{a.dir}, DB: db, LA: synth.DefaultLA})
	if err != nil || again.LoadID != 2 || again.Changed() {
		t.Errorf("second load: %+v, %v; want load 2 changing nothing", again, err)
	}

	bad := t.TempDir()
	last := a.res.Returns[len(a.res.Returns)-1]
	if err := folder.WriteCSV(bad, last); err != nil {
		t.Fatal(err)
	}
	header := filepath.Join(bad, "header.csv")
	text, err := os.ReadFile(header)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	fields := strings.Split(lines[1], ",")
	fields[2] = "31/02/notadate" // DOB
	lines[1] = strings.Join(fields, ",")
	if err := os.WriteFile(header, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	_, err = Load(ctx, LoadRequest{Who: loader, Dirs: []string{bad}, DB: fresh, LA: synth.DefaultLA})
	var invalid *InvalidValues
	if !errors.As(err, &invalid) || invalid.Count != 1 {
		t.Fatalf("a load with an invalid date: %v; want InvalidValues of 1", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused load made the store: %v", err)
	}
	if _, err := Load(ctx, LoadRequest{Who: loader, Dirs: []string{bad}, DB: fresh, LA: synth.DefaultLA, Force: true}); err != nil {
		t.Errorf("a forced load: %v", err)
	}
}

// TestActorInContext checks that the actor travels in a context, and
// that a blank name is no actor.
func TestActorInContext(t *testing.T) {
	ctx := context.Background()
	if _, ok := ActorFrom(ctx); ok {
		t.Error("an actor in an empty context")
	}
	tests := []struct {
		actor Actor
		ok    bool
	}{
		{Actor{Name: "r.analyst", IdentifiedBy: ByHeader("X-Remote-User")}, true},
		{Actor{Name: "  "}, false},
	}
	for _, tt := range tests {
		got, ok := ActorFrom(WithActor(ctx, tt.actor))
		if ok != tt.ok || ok && got != tt.actor {
			t.Errorf("ActorFrom(WithActor(%+v)) = %+v, %v", tt.actor, got, ok)
		}
	}
	if a := LocalActor("  m.smith "); a.Name != "m.smith" || a.IdentifiedBy != ByFlag {
		t.Errorf("LocalActor with a name: %+v", a)
	}
	if a := LocalActor(""); a.Name == "" || a.IdentifiedBy != ByOperatingSystem {
		t.Errorf("LocalActor without a name: %+v", a)
	}
}
