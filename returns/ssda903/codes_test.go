package ssda903

import (
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestCodesByYear(t *testing.T) {
	tests := []struct {
		field, code string
		year        calendar.Year
		valid       bool
	}{
		{"SEX", "1", 2024, true},
		{"SEX", "M", 2024, false},
		{"SEX", "1", 2025, false},
		{"SEX", "M", 2025, true},
		{"SEX", "U", 2027, true},
		{"PLACE", "Z1", 2025, true},
		{"PLACE", "Z1", 2026, false},
		{"PLACE", "Z11", 2025, false},
		{"PLACE", "Z14", 2026, true},
		{"PLACE", "K3", 2024, false},
		{"PLACE", "K3", 2025, true},
		{"PLACE", "H5", 2025, true},
		{"PLACE", "H5", 2026, false},
		{"PLACE", "P2", 2026, false},
		{"ETHNIC", "WBRI", 2026, true},
		{"ETHNIC", "wbri", 2026, false},
		{"REC", "E4A", 2026, true},
		{"REC", "E4", 2026, false},
		{"NOFIELD", "X", 2026, false},
	}
	for _, tt := range tests {
		if got := ValidCode(tt.field, tt.code, tt.year); got != tt.valid {
			t.Errorf("ValidCode(%s, %s, %s) = %v, want %v", tt.field, tt.code, tt.year, got, tt.valid)
		}
	}
}

func TestCodeListsComplete(t *testing.T) {
	// The sizes of the DfE's lists for 2025/26, counted from the rules
	// that check them (146 PLACE, 149 REC, 103 ETHNIC, 133 ACCOM).
	sizes := map[string]int{"PLACE": 29, "REC": 22, "ETHNIC": 20, "ACCOM": 31, "LS": 13, "RNE": 6, "CIN": 8, "ACTIV": 12}
	for field, want := range sizes {
		if got := len(Codes(field, 2026)); got != want {
			t.Errorf("%s has %d codes in 2025/26, want %d: %v", field, got, want, Codes(field, 2026))
		}
	}
	for _, s := range Schemas {
		for _, c := range s.Columns {
			if c.Kind == Code && c.Name != "LA_PERM" && len(Codes(c.Name, 2026)) == 0 {
				t.Errorf("%s.%s is a code column with no code list", s.Name, c.Name)
			}
		}
	}
	if !slices.Contains(CodeFields(), "SW_REASON") {
		t.Error("SW_REASON has no code list")
	}
	if m, ok := CodeMeaning("LS", "V2"); !ok || m == "" {
		t.Error("V2 has no meaning")
	}
}
