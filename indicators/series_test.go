package indicators

import (
	"strings"
	"testing"
)

func TestMonths(t *testing.T) {
	got := Months(Month(2025, 11), Month(2026, 2))
	var labels []string
	for _, p := range got {
		labels = append(labels, p.Label)
	}
	if want := "2025-11 2025-12 2026-01 2026-02"; strings.Join(labels, " ") != want {
		t.Errorf("months %v, want %s", labels, want)
	}
	if len(Months(Month(2026, 3), Month(2026, 1))) != 0 {
		t.Error("a backward range gave months")
	}
}
