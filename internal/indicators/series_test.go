package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestMonths(t *testing.T) {
	got := Months(calendar.Month(2025, 11), calendar.Month(2026, 2))
	var labels []string
	for _, p := range got {
		labels = append(labels, p.Label)
	}
	if want := "2025-11 2025-12 2026-01 2026-02"; strings.Join(labels, " ") != want {
		t.Errorf("months %v, want %s", labels, want)
	}
	if len(Months(calendar.Month(2026, 3), calendar.Month(2026, 1))) != 0 {
		t.Error("a backward range gave months")
	}
}
