package indicators

import (
	"regexp"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
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

// TestUnitIn checks that a rate of starts or ceases says which period it
// counts, and a rate of children looked after on a day does not.
func TestUnitIn(t *testing.T) {
	q1, err := calendar.ParsePeriod("2025/26Q1")
	if err != nil {
		t.Fatal(err)
	}
	month, err := calendar.ParsePeriod("2025-07")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		p    calendar.Period
		want string
	}{
		{"starts_rate_per_10k", q1, "per 10,000 children aged 0-17, in the quarter"},
		{"starts_rate_per_10k", month, "per 10,000 children aged 0-17, in the month"},
		{"starts_rate_per_10k", calendar.Year(2026).Period(), "per 10,000 children aged 0-17, in the year"},
		{"cla_rate_per_10k", q1, "per 10,000 children aged 0-17"},
		{"starts", q1, "children"},
	}
	for _, tt := range tests {
		if got := Find(tt.id).UnitIn(tt.p); got != tt.want {
			t.Errorf("%s in %s: %q, want %q", tt.id, tt.p.Label, got, tt.want)
		}
	}
}
