package evaluate

import (
	"errors"
	"testing"

	"github.com/village-uk/village/calendar"
)

// TestEachRefusesLocalSeries: a series Village does not count is refused
// as such, without reading the journeys, and the rest go on.
func TestEachRefusesLocalSeries(t *testing.T) {
	got := Each(nil, calendar.NewDate(2024, 7, 1), []string{"panel_decisions", "front_door_contacts"}, 0)
	if len(got) != 2 {
		t.Fatalf("%d results for 2 series", len(got))
	}
	for i, id := range []string{"panel_decisions", "front_door_contacts"} {
		if got[i].ID != id || !errors.Is(got[i].Err, ErrNotCounted) {
			t.Errorf("result %d: %s, %v; want %s not counted", i, got[i].ID, got[i].Err, id)
		}
	}
}

// TestReportOf names the chart's months in its phases and signals, and
// leaves out what is not known.
func TestReportOf(t *testing.T) {
	e := Estimate{Start: calendar.NewDate(2024, 7, 1), Effect: -0.2, Chart: Chart{Months: []string{"2024-05", "2024-06", "2024-07"}, Values: []float64{3, 4, 2},
		Phases: []Phase{{First: 0, Last: 1}, {First: 2, Last: 2, Signals: []Signal{{Rule: "shift", Points: []int{2}, Meaning: "improvement"}}}}}}
	r := ReportOf(Series{ID: "starts", Title: "Starts"}, e)
	if r.Start != "2024-07-01" || r.MonthsToDetect != nil || r.DetectBy != nil || r.SlopeChange != nil || r.Theta != nil {
		t.Errorf("report %+v", r)
	}
	if len(r.Chart.Phases) != 2 || r.Chart.Phases[0].To != "2024-06" || r.Chart.Phases[1].From != "2024-07" ||
		len(r.Chart.Phases[1].Signals) != 1 || r.Chart.Phases[1].Signals[0].Months[0] != "2024-07" {
		t.Errorf("chart %+v", r.Chart)
	}
	e.MonthsToDetect, e.DetectBy = 9, calendar.NewDate(2025, 3, 31)
	if r := ReportOf(Series{ID: "starts"}, e); r.MonthsToDetect == nil || *r.MonthsToDetect != 9 || *r.DetectBy != "2025-03-31" {
		t.Errorf("months to detect %v by %v", r.MonthsToDetect, r.DetectBy)
	}
}
