package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two partners pseudonymise their own files, in two runs, with the
// council's key: the same child, written differently, links; under
// another key it does not.
func TestPseudonymiseTwoPartners(t *testing.T) {
	dir := t.TempDir()
	key, other := filepath.Join(dir, "council.key"), filepath.Join(dir, "other.key")
	for _, k := range []string{key, other} {
		if code, _, stderr := run(t, "pseudonymise", "--new-key", k); code != exitOK {
			t.Fatalf("--new-key: exit %d: %s", code, stderr)
		}
	}
	school := filepath.Join(dir, "school.csv")
	haf := filepath.Join(dir, "haf.csv")
	os.WriteFile(school, []byte("UPN,Year\nH801200001001,5\n"), 0o600)
	os.WriteFile(haf, []byte("Provider,Pupil\nPark club,h801 2000 01001\n"), 0o600)
	_, a, _ := run(t, "pseudonymise", "--key", key, "--columns", "UPN", school)
	_, b, _ := run(t, "pseudonymise", "--key", key, "--columns", "Pupil:upn", haf)
	_, c, _ := run(t, "pseudonymise", "--key", other, "--columns", "Pupil:upn", haf)
	pa := strings.Split(strings.Split(a, "\n")[1], ",")[0]
	pb := strings.Split(strings.Split(b, "\n")[1], ",")[1]
	pc := strings.Split(strings.Split(c, "\n")[1], ",")[1]
	if len(pa) != 32 || pa != pb {
		t.Errorf("the same child's pseudonyms differ: %q, %q", pa, pb)
	}
	if pc == pa {
		t.Error("another key gave the same pseudonym")
	}
	if strings.Contains(a+b+c, "801200001001") {
		t.Error("the output holds the UPN")
	}
}

func TestPseudonymiseRefuses(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "k")
	run(t, "pseudonymise", "--new-key", key)
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("UPN\nA801200001001\n"), 0o600)
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("abcd\n"), 0o600)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--columns", "UPN", in}, exitUnusable, "--key is needed"},
		{[]string{"--key", "-", "--columns", "UPN", in}, exitUnusable, "never from standard input"},
		{[]string{"--key", short, "--columns", "UPN", in}, exitUnusable, "at least 32"},
		{[]string{"--key", key, in}, exitUnusable, "--columns is needed"},
		{[]string{"--key", key, "--columns", "Pupil", in}, exitUnusable, "cannot be told"},
		{[]string{"--key", key, "--columns", "UPN", in}, exitDataErr, "in.csv:2:1: UPN: not a valid UPN"},
		{[]string{"--new-key", key}, exitUnusable, "file exists"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, append([]string{"pseudonymise"}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, %q; want exit %d saying %q", tt.args, code, stderr, tt.code, tt.want)
		}
		if strings.Contains(stderr, "A801200001001") {
			t.Errorf("%v: the message quotes the identifier", tt.args)
		}
	}
}
