package people

import "testing"

// TestScopeMayRead: a partner reads only their own agency's records; the
// council's analysts and managers read every agency's and the council's;
// administrators, auditors and malformed scopes read none.
func TestScopeMayRead(t *testing.T) {
	tests := []struct {
		scope Scope
		owner string
		want  bool
	}{
		{Scope{Partner, "police"}, "police", true},
		{Scope{Partner, "police"}, " Police ", true},
		{Scope{Partner, "police"}, "health", false},
		{Scope{Partner, "police"}, "", false}, // the council's own records
		{Scope{Partner, ""}, "", false},       // a partner with no agency reaches nothing
		{Scope{Partner, "  "}, "  ", false},
		{Scope{Analyst, ""}, "police", true},
		{Scope{Analyst, ""}, "", true},
		{Scope{Manager, ""}, "health", true},
		{Scope{Analyst, "police"}, "police", false}, // only a partner has an agency
		{Scope{Administrator, ""}, "police", false},
		{Scope{Auditor, ""}, "", false},
		{Scope{"root", ""}, "police", false},
	}
	for _, tt := range tests {
		if got := tt.scope.MayRead(tt.owner); got != tt.want {
			t.Errorf("%+v reading a record owned by %q: %v, want %v", tt.scope, tt.owner, got, tt.want)
		}
	}
}
