package earlyhelp

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/journey"
)

type population int

func (p population) Aged0to17(calendar.Date) (int, bool) { return int(p), true }

// A small system in 2025/26, counted by hand: P in early help, stepped
// up and referred; Q referred, on a plan, then in care, then home; R's
// case closed and stepped down to early help.
func TestFlowsByHand(t *testing.T) {
	d := calendar.NewDate
	q := &frontdoor.Child{ID: "q", Referrals: []frontdoor.Referral{{Start: d(2025, 5, 1), Open: true,
		Plans: []frontdoor.ProtectionPlan{{Span: frontdoor.Span{Start: d(2025, 6, 1), End: d(2025, 8, 1)}}}}}}
	p := &frontdoor.Child{ID: "p", Referrals: []frontdoor.Referral{{Start: d(2025, 10, 10), End: d(2025, 10, 10), NFA: true}}}
	r := &frontdoor.Child{ID: "r", Referrals: []frontdoor.Referral{{Start: d(2024, 1, 1), End: d(2025, 9, 1)}}}
	front := &frontdoor.Set{Children: []*frontdoor.Child{p, q, r}, First: 2026, Last: 2026}
	episodes := []Episode{
		{Person: "P", Start: d(2025, 4, 10), End: d(2025, 10, 1), Outcome: "stepped_up"},
		{Person: "R", Start: d(2025, 9, 20), Open: true, Reason: "family_relationships"},
	}
	data := Assemble(episodes, nil, 2026, 2026, front, map[string][]*frontdoor.Child{"P": {p}, "R": {r}})
	care := &journey.Set{First: 2026, Last: 2026, Children: []*journey.Child{{ID: "q", Periods: []journey.Period{
		{Start: d(2025, 8, 15), End: d(2026, 1, 10), EndReason: "E4A"}}}}}
	f := ComputeFlows(FlowInput{Year: 2026, Data: data, Front: front, Care: care, Population: population(10000)})
	want := map[string]int{
		"Early help": 2, "Front door": 2, "Children in need": 2, "Child protection plan": 1, "Care": 1,
		"Early help → front door": 1, "Children in need or a plan → care": 1, "Care → home": 1, "Social care → early help (step-down)": 1,
	}
	for _, fl := range append(f.Stages, f.Moves...) {
		if !fl.Known || fl.Children != want[fl.Name] || !fl.Rated || fl.Per10k != float64(want[fl.Name]) {
			t.Errorf("%s: %+v; want %d children, %d per 10,000", fl.Name, fl.Count, want[fl.Name], want[fl.Name])
		}
	}
	f = ComputeFlows(FlowInput{Year: 2026, Front: front})
	if f.Stages[0].Known || !f.Stages[1].Known || f.Stages[4].Known || f.Stages[1].Rated {
		t.Errorf("without early help, care or a population: %+v", f.Stages)
	}
}
