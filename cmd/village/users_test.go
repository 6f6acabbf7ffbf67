package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/store"
)

// emptyStore makes an empty SQLite store and returns its path.
func emptyStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return db
}

// withStdin runs f with standard input reading text.
func withStdin(t *testing.T, text string, f func()) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(text)
	defer func() { stdin = old }()
	f()
}

// TestUsersAndTokensCommands adds, lists, changes and disables users and
// issues, lists and revokes tokens, each change audited as from the
// command line by --as.
func TestUsersAndTokensCommands(t *testing.T) {
	db := emptyStore(t)
	steps := []struct {
		args        []string
		stdin       string
		code        int
		out, errOut string
	}{
		{[]string{"users", "add", "--db", db, "--as", "it.admin", "--role", "analyst", "--password-stdin", "r.analyst"}, "plum tree harbour lights\n",
			exitOK, "Added r.analyst as analyst.", ""},
		{[]string{"users", "add", "--db", db, "--role", "analyst", "--password-stdin", "w.weak"}, "short\n",
			exitUnusable, "", "the password is 5 characters; it must be at least 12"},
		{[]string{"users", "add", "--db", db, "--role", "analyst", "w.nopassword"}, "",
			exitUnusable, "", "--password-stdin"},
		{[]string{"users", "add", "--db", db, "--role", "partner", "--password-stdin", "p.nopartner"}, "plum tree harbour lights\n",
			exitUnusable, "", "a partner needs an agency"},
		{[]string{"users", "add", "--db", db, "--role", "root", "--password-stdin", "x"}, "plum tree harbour lights\n",
			exitUnusable, "", `no role "root"`},
		{[]string{"users", "add", "--db", db, "--as", "it.admin", "--role", "partner", "--agency", "police", "--email", "p.police@police.example", "--password-stdin", "p.police"}, "cedar lantern morning\n",
			exitOK, "Added p.police as partner for police.", ""},
		{[]string{"users", "add", "--db", db, "--role", "analyst", "--email", "A <a@council.example>", "--password-stdin", "a.named"}, "plum tree harbour lights\n",
			exitUnusable, "", "the address alone"},
		{[]string{"users", "set-email", "--db", db, "--as", "it.admin", "r.analyst", "r.analyst@council.example"}, "",
			exitOK, "emailed to r.analyst@council.example", ""},
		{[]string{"users", "set-email", "--db", db, "r.analyst", "not an address"}, "",
			exitUnusable, "", "expected one address"},
		{[]string{"users", "set-role", "--db", db, "--as", "it.admin", "--role", "manager", "p.police"}, "",
			exitOK, "p.police is now manager", ""},
		{[]string{"users", "disable", "--db", db, "--as", "it.admin", "p.police"}, "",
			exitOK, "Disabled p.police", ""},
		{[]string{"users", "add", "--db", db, "--as", "it.admin", "--role", "analyst", "--la", "E06000999", "--password-stdin", "a.analyst"}, "plum tree harbour lights\n",
			exitOK, "Added a.analyst as analyst.", ""},
		{[]string{"users", "add", "--db", db, "--role", "analyst", "--la", "Somerset", "--password-stdin", "s.analyst"}, "plum tree harbour lights\n",
			exitUnusable, "", `--la: authority 1 "SOMERSET": expected a GSS code`},
		{[]string{"users", "set-la", "--db", db, "--as", "it.admin", "r.analyst", "E06000999,e06000001"}, "",
			exitOK, "r.analyst may see the children of E06000999, E06000001", ""},
		{[]string{"users", "set-la", "--db", db, "r.analyst", "E0600"}, "",
			exitUnusable, "", "expected a GSS code"},
		{[]string{"users", "set-la", "--db", db, "nobody", "E06000999"}, "",
			exitUnusable, "", "user nobody: no such user"},
		{[]string{"users", "list", "--db", db}, "",
			exitOK, "p.police   manager  -       p.police@police.example    every                a password     disabled", ""},
		{[]string{"users", "list", "--db", db}, "",
			exitOK, "r.analyst  analyst  -       r.analyst@council.example  E06000999,E06000001  a password     active", ""},
		{[]string{"users", "promote", "--db", db}, "",
			exitUnusable, "", `no users "promote": expected add, disable, list, set-email, set-la, set-role`},
		{[]string{"tokens", "add", "--db", db, "--as", "it.admin", "--user", "r.analyst", "--expires", "30d", "--name", "power-bi"}, "",
			exitOK, "village_", "Token 1 for r.analyst, expiring"},
		{[]string{"tokens", "add", "--db", db, "--user", "r.analyst", "--expires", "forever"}, "",
			exitUnusable, "", "--expires"},
		{[]string{"tokens", "revoke", "--db", db, "--as", "it.admin", "1"}, "",
			exitOK, "Revoked token 1.", ""},
		{[]string{"tokens", "revoke", "--db", db, "7"}, "",
			exitUnusable, "", "no token 7"},
		{[]string{"tokens", "list", "--db", db, "--user", "r.analyst"}, "",
			exitOK, "power-bi", ""},
	}
	for _, st := range steps {
		var code int
		var out, errOut string
		withStdin(t, st.stdin, func() { code, out, errOut = run(t, st.args...) })
		if code != st.code || !strings.Contains(out, st.out) || !strings.Contains(errOut, st.errOut) {
			t.Errorf("village %s: exit %d\n%s%s\nwant exit %d, %q and %q", strings.Join(st.args, " "), code, out, errOut, st.code, st.out, st.errOut)
		}
		if strings.Contains(out+errOut, "plum tree") {
			t.Errorf("village %s printed the password", strings.Join(st.args, " "))
		}
	}
	_, list, _ := run(t, "tokens", "list", "--db", db)
	if !regexp.MustCompile(`1 +r\.analyst +power-bi +\S+ +\S+ +revoked`).MatchString(list) {
		t.Errorf("tokens list:\n%s", list)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range log {
		if a.From != "command line" || a.Subject != "" {
			t.Errorf("audit entry %+v: want an event from the command line", a)
		}
		got = append(got, a.Who+": "+a.Action)
	}
	want := []string{"it.admin: add user r.analyst as analyst", "it.admin: add user p.police as partner for police with an email address",
		"it.admin: set the email address of user r.analyst", "it.admin: set role of user p.police to manager", "it.admin: disable user p.police",
		"it.admin: add user a.analyst as analyst for authorities E06000999", "it.admin: set the authorities of user r.analyst to E06000999, E06000001",
		"it.admin: issue token 1 (power-bi) to user r.analyst, expiring", "it.admin: revoke token 1 (power-bi) of user r.analyst"}
	if len(got) != len(want) {
		t.Fatalf("audit log %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("audit entry %d: %q, want %q", i+1, got[i], want[i])
		}
	}
}

// TestServeRefusesBeyondLoopback: without accounts serve keeps to the
// loopback address, and with them it needs HTTPS beyond it.
func TestServeRefusesBeyondLoopback(t *testing.T) {
	db := emptyStore(t)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no accounts, all addresses", []string{"--addr", "0.0.0.0:0"}, "no one signs in to this store: add accounts first (village users add"},
		{"no accounts, a LAN address", []string{"--addr", "192.0.2.10:8080"}, "--user and --user-header are for the loopback address"},
		{"half the TLS flags", []string{"--addr", "127.0.0.1:0", "--tls-cert", "c.pem"}, "give both --tls-cert and --tls-key"},
	}
	check := func(tests []struct {
		name    string
		args    []string
		wantErr string
	}) {
		for _, tt := range tests {
			code, _, errOut := run(t, append([]string{"serve", "--db", db}, tt.args...)...)
			if code != exitUnusable || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("%s: exit %d, %s; want %q", tt.name, code, errOut, tt.wantErr)
			}
		}
	}
	check(tests)
	withStdin(t, "plum tree harbour lights\n", func() {
		if code, _, errOut := run(t, "users", "add", "--db", db, "--role", "analyst", "--password-stdin", "r.analyst"); code != exitOK {
			t.Fatalf("users add: %s", errOut)
		}
	})
	check([]struct {
		name    string
		args    []string
		wantErr string
	}{
		{"accounts over plain HTTP", []string{"--addr", "0.0.0.0:0"}, "give --tls-cert and --tls-key to serve HTTPS, or run behind a reverse proxy"},
		{"accounts and --user", []string{"--user", "m.smith"}, "the store has accounts, so people sign in"},
		{"idle longer than the maximum", []string{"--session-idle", "13h"}, "--session-idle 13h0m0s and --session-max 12h0m0s: expected both positive"},
		{"no idle time", []string{"--session-idle", "0s"}, "--session-idle 0s"},
	})
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "[::1]:80": true, "localhost:8080": true, "": true,
		"0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false, "example.org:80": false, "nonsense": false} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
