package main

import (
	"strings"
	"testing"
)

func TestRulesCommandCIN(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in stdout, or stderr when the command fails
	}{
		{"the list", []string{"rules", "--return", "cin", "--year", "2025/26"}, exitOK, "109 CIN census rules for 2025/26: 83 errors and 26 queries."},
		{"a query in the list", []string{"rules", "--return", "cin", "--year", "2025/26"}, exitOK, "\n8670Q  query"},
		{"a CIN code without --return", []string{"rules", "--year", "2025/26", "8670q"}, exitOK, "Rule 8670Q (DfE, 2025/26)"},
		{"an error", []string{"rules", "--return", "cin", "--year", "2025/26", "1103"}, exitOK, "Kind: error"},
		{"a 903 code with --return cin", []string{"rules", "--return", "cin", "--year", "2025/26", "503A"}, exitUnusable, `no CIN census rule "503A" in 2025/26`},
		{"an unknown return", []string{"rules", "--return", "ofsted"}, exitUnusable, "--return ofsted: expected ssda903 or cin"},
	} {
		code, out, errOut := run(t, c.args...)
		if code != exitOK {
			out = errOut
		}
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want %d with %q:\n%.400s", c.name, code, c.code, c.want, out)
		}
	}
}
