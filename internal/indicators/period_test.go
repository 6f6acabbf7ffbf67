package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestRollings(t *testing.T) {
	got := Rollings(calendar.Month(2025, 11), calendar.CalendarQuarter(2026, 1))
	var labels []string
	for _, p := range got {
		labels = append(labels, p.Label)
	}
	want := "12 months to Nov 2025,12 months to Dec 2025,12 months to Jan 2026,12 months to Feb 2026,12 months to Mar 2026"
	if strings.Join(labels, ",") != want {
		t.Errorf("Rollings = %v, want %s", labels, want)
	}
}

// TestRollingIndicators checks that a rolling year counts as the
// collection year does, on the hand-built authority.
func TestRollingIndicators(t *testing.T) {
	set := area(t)
	for _, id := range []string{"cla_end", "starts", "ceased", "reentries_12m"} {
		ind := Find(id)
		y, r := ind.Compute(set, calendar.Year(2026).Period(), nil), ind.Compute(set, calendar.Rolling(2026, 3), nil)
		if strings.Join(y.Children, " ") != strings.Join(r.Children, " ") {
			t.Errorf("%s: 2025/26 counts %v, the 12 months to March 2026 %v", id, y.Children, r.Children)
		}
	}
	// The 12 months to September 2025 (01/10/2024-30/09/2025): starts E,
	// F, G, N as in the year, plus D (10/10/2024), I (01/01/2025) and H
	// (01/02/2025).
	check(t, "starts R2025-09", Find("starts").Compute(set, calendar.Rolling(2025, 9), nil), want{7, 0, 7, true, "D E F G H I N"})
}
