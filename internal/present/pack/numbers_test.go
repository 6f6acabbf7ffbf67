package pack

import (
	"bytes"
	"strings"
	"testing"
)

// TestPackKeepsToTheData checks a pack for the first quarter of the first
// return (returns 2024/25 and 2025/26): the same quarter a year earlier
// is before the returns, so nothing is compared with it; yearly
// indicators are shown year by year (one point a collection year, not
// 36 months of x); durations say how many children they leave out.
func TestPackKeepsToTheData(t *testing.T) {
	set, pop := authority(t, 300, 2)
	m := Pack{Set: set, Population: pop, Quarter: quarter(t, "2024/25 Q1")}.Model()
	for _, s := range m.Sections {
		if s.BeforeText != "no data" || s.Change != "no comparison: no data for Q1 2023/24 (April to June 2023)" {
			t.Errorf("%s: a year earlier %q, %q; want no data and no comparison", s.Indicator.ID, s.BeforeText, s.Change)
		}
		for _, p := range s.Months {
			if p.Start < set.First.Start() {
				t.Errorf("%s: the trend has %s, before the returns", s.Indicator.ID, p.Label)
			}
		}
		if s.Yearly && (len(s.Trend) != 1 || s.Trend[0].Label != "2024/25" || s.Every != "Collection year") {
			t.Errorf("%s: yearly trend %v (%s); want 2024/25 alone", s.Indicator.ID, s.Trend, s.Every)
		}
	}
	var buf bytes.Buffer
	if err := m.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"Year by year", "left out: their care began before the first return"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
