package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/store"
)

// auditStore makes a SQLite store whose audit log holds n views of
// children's records, one a year from 2015, the first child C0.
func auditStore(t *testing.T, n int) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range n {
		a := store.Access{At: time.Date(2015+i, 3, 1, 9, 0, 0, 0, time.UTC), Who: "analyst", Action: "view journey",
			Subject: "C" + string(rune('0'+i)), Reason: "review"}
		if err := s.Audit(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// TestAuditCommand verifies, exports, tampers with and prunes a store's
// audit log through the command line.
func TestAuditCommand(t *testing.T) {
	db := auditStore(t, 10)
	dir := t.TempDir()
	steps := []struct {
		name     string
		args     []string
		tamper   string // SQL run on the store first
		wantCode int
		wantOut  string
	}{
		{"intact", []string{"audit", "verify", "--db", db}, "", exitOK, "is intact up to entry 10,"},
		{"export CSV", []string{"audit", "export", "--db", db, "--from", "2017-01-01", "--to", "2019-12-31", "--out", filepath.Join(dir, "a.csv")}, "", exitOK, "Wrote 3 audit entries"},
		{"export JSON", []string{"audit", "export", "--db", db, "--out", filepath.Join(dir, "a.json")}, "", exitOK, "Wrote 11 audit entries"},
		{"the CSV checked alone", []string{"audit", "verify", "--file", filepath.Join(dir, "a.csv")}, "", exitOK, "entries 3 to 5"},
		{"the JSON checked alone", []string{"audit", "verify", "--file", filepath.Join(dir, "a.json")}, "", exitOK, "entries 1 to 11"},
		{"still intact after exporting", []string{"audit", "verify", "--db", db}, "", exitOK, "is intact up to entry 12,"},
		{"no --out", []string{"audit", "export", "--db", db}, "", exitUnusable, ""},
		{"prune", []string{"audit", "prune", "--db", db, "--older-than", "5y"}, "", exitOK, "Removed"},
		{"intact after pruning", []string{"audit", "verify", "--db", db}, "", exitOK, "is intact"},
		{"an entry edited", []string{"audit", "verify", "--db", db}, "UPDATE audit SET reason = 'x' WHERE seq = 12", exitDataErr, "NOT intact: audit chain broken at entry 12"},
	}
	for _, s := range steps {
		if s.tamper != "" {
			tamper(t, db, s.tamper)
		}
		code, out, errOut := run(t, s.args...)
		if code != s.wantCode || !strings.Contains(out, s.wantOut) {
			t.Fatalf("%s: exit %d, output %q, errors %q; want exit %d saying %q", s.name, code, out, errOut, s.wantCode, s.wantOut)
		}
		if strings.Contains(out+errOut, "C1") {
			t.Errorf("%s: the output names a child: %s%s", s.name, out, errOut)
		}
	}
	for _, f := range []string{"a.csv", "a.json"} {
		info, err := os.Stat(filepath.Join(dir, f))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v; want 0600", f, err, info.Mode())
		}
	}
	if code, out, _ := run(t, "audit", "verify", "--db", auditStore(t, 0)); code != exitOK || !strings.Contains(out, "is empty") {
		t.Errorf("verify of an empty log: exit %d, %q", code, out)
	}
	// An export edited after writing fails on its own.
	data, err := os.ReadFile(filepath.Join(dir, "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "edited.csv")
	if err := os.WriteFile(edited, []byte(strings.Replace(string(data), "analyst", "manager", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, "audit", "verify", "--file", edited); code != exitDataErr || !strings.Contains(out, "entry 3 (2017-03-01T09:00:00Z): was changed") {
		t.Errorf("an edited export: exit %d, %q", code, out)
	}
}

func tamper(t *testing.T, db, q string) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(q); err != nil {
		t.Fatal(err)
	}
}

// TestRetentionCutoff reads --older-than.
func TestRetentionCutoff(t *testing.T) {
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want time.Time
		ok   bool
	}{
		{"7y", time.Date(2019, 12, 6, 0, 0, 0, 0, time.UTC), true},
		{"18m", time.Date(2025, 6, 6, 0, 0, 0, 0, time.UTC), true},
		{"90d", time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC), true},
		{"7", time.Time{}, false},
		{"0y", time.Time{}, false},
		{"-1y", time.Time{}, false},
		{"7w", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := retentionCutoff(tt.text, now)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("retentionCutoff(%q) = %v, %v; want %v, ok %v", tt.text, got, err, tt.want, tt.ok)
		}
	}
}

// TestDSNNeverPrinted gives a PostgreSQL URL with a password in each way
// a command takes one and checks that no output shows the password.
func TestDSNNeverPrinted(t *testing.T) {
	const secret = "s3cr3t-pw"
	url := "postgres://village:" + secret + "@127.0.0.1:1/village?sslmode=disable&connect_timeout=1"
	file := filepath.Join(t.TempDir(), "db")
	if err := os.WriteFile(file, []byte(url+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		env  string
		args []string
	}{
		{"--db", "", []string{"load", "--db", url, t.TempDir()}},
		{"--db-file", "", []string{"audit", "verify", "--db-file", file}},
		{"VILLAGE_DB", url, []string{"audit", "verify"}},
		{"a password parameter", "", []string{"audit", "verify", "--db", "postgres://127.0.0.1:1/village?password=" + secret + "&connect_timeout=1"}},
		{"help", url, []string{"audit", "verify", "-h"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(dbEnv, c.env)
			_, out, errOut := run(t, c.args...)
			if strings.Contains(out+errOut, secret) {
				t.Errorf("the password was printed:\n%s%s", out, errOut)
			}
		})
	}
	for _, tt := range []struct{ in, want string }{
		{url, "postgres://village:xxxxx@127.0.0.1:1/village?sslmode=disable&connect_timeout=1"},
		{"postgres://h/db?password=" + secret, "postgres://h/db?password=xxxxx"},
		{"village.db", "village.db"},
	} {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDSNRedactedWhenConnected opens a PostgreSQL store through a URL
// with a password (which the test server, trusting local connections,
// ignores) and checks that what the command prints shows the URL with
// the password masked.
func TestDSNRedactedWhenConnected(t *testing.T) {
	dsn := os.Getenv("TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("TEST_POSTGRES_DSN is not set; see internal/store/testdata/start-postgres.sh")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("village_cmd_test_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path, u.User = "/"+name, url.UserPassword(u.User.Username(), "s3cr3t-pw")
	code, out, errOut := run(t, "audit", "verify", "--db", u.String())
	if code != exitOK || strings.Contains(out+errOut, "s3cr3t-pw") || !strings.Contains(out, ":xxxxx@") {
		t.Errorf("exit %d, %q %q; want the URL shown with its password masked", code, out, errOut)
	}
}
