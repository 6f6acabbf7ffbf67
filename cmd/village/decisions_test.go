package main

import (
	"strings"
	"testing"
)

// TestAgenciesAndLeadsCommands sets a partnership up from the command
// line: only an administrator (or the person at the machine, named by no
// user) may, and a lead must be a user.
func TestAgenciesAndLeadsCommands(t *testing.T) {
	db := emptyStore(t)
	withStdin(t, "plum tree harbour lights\n", func() {
		run(t, "users", "add", "--db", db, "--role", "analyst", "--password-stdin", "j.vsh")
	})
	steps := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"agencies", "add", "--db", db, "--as", "it.admin", "--defaults"}, exitOK, "Added agency health", ""},
		{[]string{"agencies", "add", "--db", db, "--as", "it.admin", "ambulance", "Ambulance", "trust"}, exitOK, "Added agency ambulance (Ambulance trust).", ""},
		{[]string{"agencies", "add", "--db", db, "--as", "j.vsh", "x", "X"}, exitUnusable, "", "only an administrator"},
		{[]string{"agencies", "add", "--db", db, "Health Board"}, exitUnusable, "", "give the agency's id and name"},
		{[]string{"agencies", "list", "--db", db}, exitOK, "ambulance           Ambulance trust", ""},
		{[]string{"leads", "add", "--db", db, "--as", "it.admin", "--agency", "education", "--cohorts", "looked_after, care_leavers", "--title", "Virtual School Head", "j.vsh"},
			exitOK, "j.vsh leads for looked_after, care_leavers (education).", ""},
		{[]string{"leads", "add", "--db", db, "--agency", "education", "--cohorts", "looked_after", "nobody"}, exitUnusable, "", "a lead must be a user"},
		{[]string{"leads", "add", "--db", db, "--agency", "education", "--cohorts", "everyone", "j.vsh"}, exitUnusable, "", `cohort "everyone"`},
		{[]string{"leads", "list", "--db", db}, exitOK, "j.vsh  education  Virtual School Head  care_leavers,looked_after", ""},
		{[]string{"leads", "remove", "--db", db}, exitUnusable, "", `no leads "remove": expected add, chair, list`},
		{[]string{"leads", "chair", "list", "--db", db}, exitOK, "No chair is named", ""},
		{[]string{"leads", "chair", "add", "--db", db, "--as", "it.admin", "j.vsh"}, exitOK, "j.vsh is a chair of the partnership", ""},
		{[]string{"leads", "chair", "add", "--db", db, "--as", "j.vsh", "j.vsh"}, exitUnusable, "", "only an administrator"},
		{[]string{"leads", "chair", "add", "--db", db, "nobody"}, exitUnusable, "", "a chair must be a user"},
		{[]string{"leads", "chair", "list", "--db", db}, exitOK, "j.vsh\n", ""},
		{[]string{"leads", "chair", "remove", "--db", db, "--as", "it.admin", "j.vsh"}, exitOK, "j.vsh is no longer a chair.", ""},
		{[]string{"leads", "chair", "remove", "--db", db, "j.vsh"}, exitUnusable, "", "no such chair"},
		{[]string{"leads", "chair", "elect", "--db", db}, exitUnusable, "", `no leads chair "elect": expected add, list, remove`},
	}
	for _, st := range steps {
		code, out, errOut := run(t, st.args...)
		if code != st.code || !strings.Contains(out, st.out) || !strings.Contains(errOut, st.errOut) {
			t.Errorf("village %s: exit %d\n%s%s\nwant exit %d, %q and %q", strings.Join(st.args, " "), code, out, errOut, st.code, st.out, st.errOut)
		}
	}
}
