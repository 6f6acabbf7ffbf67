package synth

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/published"
)

func TestNationalTables(t *testing.T) {
	area := map[string]map[calendar.Year]AreaFigure{
		"cla_rate_per_10k":       {2024: {Numerator: 700, Denominator: 100000}, 2025: {Numerator: 720, Denominator: 101000}},
		"starts_rate_per_10k":    {2025: {Numerator: 260, Denominator: 101000}},
		"placements_3plus":       {2025: {Numerator: 70, Denominator: 720}},
		"re_referrals_12m_share": {2025: {Numerator: 3, Denominator: 5000}},
	}
	tabs, err := National(NationalConfig{Seed: 3, Years: []calendar.Year{2024, 2025}, Area: area})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := tabs.Write(dir); err != nil {
		t.Fatal(err)
	}
	read, err := published.ReadDir(dir)
	if err != nil {
		t.Fatalf("the tables written do not read back: %v", err)
	}
	figs := read.Of("cla_rate_per_10k", 2025)
	levels := map[published.Level]int{}
	lowest, highest := 1000.0, 0.0
	suppressed := 0
	for _, f := range figs {
		levels[f.Area.Level]++
		if f.Area.Level == published.LocalAuthority && f.Value.Known && f.Area.OldCode != AreaOldCode {
			lowest, highest = min(lowest, f.Value.Value), max(highest, f.Value.Value)
		}
		if !f.Value.Known && f.Value.Symbol == "c" {
			suppressed++
		}
		if f.Area.Level == published.National {
			// England's 67 per 10,000, as published for 2025, give or take rounding.
			if f.Value.Value < 66 || f.Value.Value > 68 {
				t.Errorf("England's rate %v, want about 67", f.Value.Value)
			}
			if f.Denominator.Value < 12_183_000 || f.Denominator.Value > 12_183_030 {
				t.Errorf("England's population %v, want 12,183,016 rounded", f.Denominator.Value)
			}
		}
		if f.Area.OldCode == AreaOldCode && (f.Numerator.Value != 720 || f.Denominator.Value != 101000 || f.Area.Code != DefaultLA) {
			t.Errorf("the area's row %+v, want its own 720 of 101,000", f)
		}
	}
	if levels[published.National] != 1 || levels[published.Regional] != 9 || levels[published.LocalAuthority] != 153 {
		t.Errorf("levels %v, want England, 9 regions and 153 authorities", levels)
	}
	if lowest < 26.5 || lowest > 28.5 || highest < 183 || highest > 185 {
		t.Errorf("authorities' rates from %v to %v, want 27 to 184", lowest, highest)
	}
	if suppressed < 2 {
		t.Errorf("%d suppressed authorities, want the two smallest at least", suppressed)
	}
	// The area's 3 re-referrals are suppressed as the DfE would; its
	// long-term stability, not given, is x.
	for _, f := range read.Of("re_referrals_12m_share", 2025) {
		if f.Area.OldCode == AreaOldCode && (f.Value.Known || f.Value.Symbol != "c") {
			t.Errorf("the area's 3 re-referrals: %+v, want c", f.Value)
		}
	}
	for _, f := range read.Of("long_term_stability", 2025) {
		if f.Area.OldCode == AreaOldCode && (f.Value.Known || f.Value.Symbol != "x") {
			t.Errorf("the area's long-term stability, not given: %+v, want x", f.Value)
		}
	}
	if n := read.Neighbours[AreaOldCode]; len(n) != 10 {
		t.Errorf("the area's neighbours %v", n)
	}
	if len(read.Neighbours) != 153 {
		t.Errorf("%d authorities with neighbours", len(read.Neighbours))
	}
	again, _ := National(NationalConfig{Seed: 3, Years: []calendar.Year{2024, 2025}, Area: area})
	if len(again.cla) != len(tabs.cla) || again.cla[20].Cells["number"] != tabs.cla[20].Cells["number"] {
		t.Error("the same seed gives other tables")
	}
}
