package cin

import (
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestCodesByYear(t *testing.T) {
	tests := []struct {
		field, code string
		year        calendar.Year
		valid       bool
	}{
		{"GenderCurrent", "1", 2024, true},
		{"GenderCurrent", "9", 2024, true},
		{"GenderCurrent", "1", 2025, false},
		{"Sex", "M", 2024, false},
		{"Sex", "U", 2025, true},
		{"Sex", "F", 2027, true},
		{"ReferralSource", "5D", 2026, true},
		{"ReferralSource", "5E", 2026, false},
		{"PrimaryNeedCode", "N0", 2027, true},
		{"ReasonForClosure", "RC9", 2024, true},
		{"InitialCategoryOfAbuse", "MUL", 2026, true},
		{"LatestCategoryOfAbuse", "PHY", 2026, true},
		{"AssessmentFactor", "24A", 2026, true},
		{"AssessmentFactor", "18A", 2026, true},
		{"AssessmentFactor", "8A", 2026, false},
		{"Disability", "NONE", 2026, true},
		{"Ethnicity", "wbri", 2026, false},
		{"UPNunknown", "UN7", 2026, true},
		{"ReferralNFA", "true", 2026, true},
		{"ICPCnotRequired", "yes", 2026, false},
		{"Collection", "CIN", 2026, true},
	}
	for _, tt := range tests {
		if got := ValidCode(tt.field, tt.code, tt.year); got != tt.valid {
			t.Errorf("ValidCode(%s, %s, %s) = %v, want %v", tt.field, tt.code, tt.year, got, tt.valid)
		}
	}
}

// TestCodeMeaningsByYear checks a code whose meaning changed: N1 names
// exploitation from 2025/26.
func TestCodeMeaningsByYear(t *testing.T) {
	if m, _ := CodeMeaning("PrimaryNeedCode", "N1"); m != "Abuse or neglect" {
		t.Errorf("N1 first meant %q", m)
	}
	for _, y := range []calendar.Year{2024, 2025, 2026, 2027} {
		n := 0
		for _, c := range Codes("PrimaryNeedCode", y) {
			if c == "N1" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s lists N1 %d times", y, n)
		}
	}
}

// TestEveryCodeColumnHasAList checks that each code column but the
// joined AssessmentFactors has a code list in 2023/24 or 2026/27.
func TestEveryCodeColumnHasAList(t *testing.T) {
	for _, s := range Schemas {
		for _, c := range s.Columns {
			if c.Kind == code && c.Name != "AssessmentFactors" && Codes(c.Name, 2024) == nil && Codes(c.Name, 2027) == nil {
				t.Errorf("%s.%s has no code list", s.Name, c.Name)
			}
		}
	}
}
