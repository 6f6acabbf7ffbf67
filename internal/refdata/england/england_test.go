package england

import "testing"

func TestEveryFigureHasItsSource(t *testing.T) {
	if len(All()) == 0 {
		t.Fatal("no figures")
	}
	for _, f := range All() {
		if f.Source == "" || f.Edition == "" || f.Year < 2000 {
			t.Errorf("%+v: a figure needs its year, source and edition", f)
		}
	}
}

func TestLatest(t *testing.T) {
	tests := []struct {
		measure string
		year    int
		want    string
		found   bool
	}{
		{"cla_end", 2025, "81,770", true},
		{"cla_end", 2026, "81,770", true},
		{"cla_end", 2024, "83,530", true},
		{"cla_end", 2022, "", false},
		{"cla_rate_per_10k", 2025, "67", true},
		{"care_leavers_eet_share", 2025, "", false},
	}
	for _, tt := range tests {
		f, found := Latest(tt.measure, tt.year)
		if found != tt.found || (found && f.Text() != tt.want) {
			t.Errorf("Latest(%q, %d) = %q, %v; want %q, %v", tt.measure, tt.year, f.Text(), found, tt.want, tt.found)
		}
	}
}

func TestReadRefusesAFigureWithoutSource(t *testing.T) {
	if _, err := read("measure,year,value,source,edition\ncla_end,2025,1,,2025 release\n"); err == nil {
		t.Error("a figure without a source was read")
	}
}
