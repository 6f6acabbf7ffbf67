package indicators

import (
	"regexp"
	"strings"
	"testing"
)

// TestExplained checks that no definition shown to readers holds an
// indicator's ID or the name of Village's specification file, and that
// the IDs become their titles.
func TestExplained(t *testing.T) {
	internal := regexp.MustCompile(`\b[a-z0-9]+_[a-z0-9_]+\b|indicators\.md`)
	for _, ind := range All() {
		if bad := internal.FindAllString(ind.Explained(), -1); len(bad) > 0 {
			t.Errorf("%s's definition shows internal names %q:\n%s", ind.ID, bad, ind.Explained())
		}
	}
	tests := []struct{ id, want string }{
		{"cla_rate_per_10k", "‘Children looked after at the end of the period’ ÷ the 0-17 population"},
		{"starts_rate_per_10k", "‘Children who started to be looked after’ ÷ the 0-17 population"},
	}
	for _, tt := range tests {
		if got := Find(tt.id).Explained(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: %q, want it to start %q", tt.id, got, tt.want)
		}
	}
}
