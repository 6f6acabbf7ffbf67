package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/spc"
)

func TestAutocorrelated(t *testing.T) {
	for id := range stocks {
		found := false
		for _, ind := range All() {
			found = found || ind.ID == id || strings.HasSuffix(id, "_") && strings.HasPrefix(ind.ID, id)
		}
		if !found {
			t.Errorf("stocks names %s, which is no indicator", id)
		}
	}
	for id, want := range map[string]bool{"cla_end": true, "placed_foster_share": true, "placements_3plus": true,
		"starts": false, "ceased": false, "missing_children": false, "adoption_a1_days": false} {
		if got := Find(id).Autocorrelated() != ""; got != want {
			t.Errorf("%s autocorrelated: %v, want %v", id, got, want)
		}
	}
}

func TestChartSeries(t *testing.T) {
	months := Months(calendar.Month(2025, 4), calendar.Month(2025, 6))
	values := []Value{{Value: 1, Known: true}, {}, {Value: 3, Known: true}}
	s := ChartSeries(Find("reentries_12m"), months, values)
	if s.Better != spc.LowerIsBetter || s.Period != "month" || s.Autocorrelated != "" || len(s.Points) != 3 ||
		s.Points[1].Known || s.Points[2] != (spc.Point{Label: months[2].Label, Value: 3, Known: true}) {
		t.Errorf("series %+v", s)
	}
	rolling := Rollings(calendar.Month(2025, 4), calendar.Month(2025, 6))
	if s := ChartSeries(Find("starts"), rolling, values); s.Autocorrelated == "" {
		t.Error("a rolling 12-month series is not autocorrelated")
	}
}
