package indicators

import (
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/earlyhelp"
	"github.com/village-uk/village/internal/frontdoor"
)

func day(s string) calendar.Date {
	d, ok := calendar.ParseDate(s)
	if !ok {
		panic(s)
	}
	return d
}

// small is a small case worked by hand for 2025/26 (1 April 2025 to
// 31 March 2026): the comments under each want say why.
func small(linked bool) Input {
	ep := func(p, start, end, reason, outcome string) earlyhelp.Episode {
		e := earlyhelp.Episode{Person: p, Start: day(start), Reason: reason, Outcome: outcome, Open: end == ""}
		if end != "" {
			e.End = day(end)
		}
		return e
	}
	episodes := []earlyhelp.Episode{
		ep("B", "01/02/2025", "", "health", ""),
		ep("A", "01/05/2025", "31/08/2025", "education", "needs_met"),
		ep("C", "10/06/2025", "01/10/2025", "safeguarding", "stepped_up"),
		ep("E", "15/11/2025", "20/03/2026", "education", "disengaged"),
		ep("D", "20/01/2026", "", "step_down", ""),
		ep("A", "01/03/2026", "", "education", ""),
	}
	ses := func(p, prog string, year int, date string, fsm bool) earlyhelp.Session {
		return earlyhelp.Session{Person: p, Programme: prog, Year: year, Date: day(date), FSM: fsm}
	}
	sessions := []earlyhelp.Session{
		ses("A", "easter", 2025, "14/04/2025", true), ses("A", "easter", 2025, "15/04/2025", true),
		ses("A", "summer", 2025, "28/07/2025", true),
		ses("B", "summer", 2025, "28/07/2025", false), ses("B", "summer", 2025, "29/07/2025", false), ses("B", "summer", 2025, "30/07/2025", false),
		ses("F", "christmas", 2025, "15/12/2025", true),
		ses("G", "easter", 2026, "13/04/2026", true),
	}
	var cin map[string][]*frontdoor.Child
	if linked {
		cin = map[string][]*frontdoor.Child{
			"C": {{ID: "c1", Referrals: []frontdoor.Referral{{Start: day("05/10/2025"), Open: true}}}},
			"E": {{ID: "e1", Referrals: []frontdoor.Referral{{Start: day("01/06/2025"), End: day("01/11/2025")}}}},
		}
	}
	front := &frontdoor.Set{First: 2026, Last: 2027}
	return Input{Year: 2026, Data: earlyhelp.Assemble(episodes, sessions, 2026, 2027, front, cin), FSMPupils: 40}
}

func TestIndicatorsByHand(t *testing.T) {
	tests := []struct {
		id       string
		linked   bool
		known    bool
		value    float64
		num, den int
	}{
		{"eh_open_end", true, true, 3, 3, 0},                      // B, D and A's second episode are open on 31 March
		{"eh_started", true, true, 5, 5, 0},                       // all but B's, begun before April
		{"eh_closed", true, true, 3, 3, 0},                        // A, C, E
		{"eh_stepped_up_12m_share", true, true, 100.0 / 3, 1, 3},  // of A, C, E: C referred 4 days after closing
		{"eh_stepped_up_12m_share", false, false, 0, 0, 0},        // not linked
		{"stepped_down_to_eh", true, true, 2, 2, 0},               // D by reason; E 14 days after its case closed
		{"stepped_down_to_eh", false, true, 1, 1, 0},              // D only
		{"haf_children", true, true, 3, 3, 0},                     // A, B, F (G's Easter is 2026's)
		{"haf_fsm_children", true, true, 2, 2, 0},                 // A, F
		{"haf_fsm_reach_share", true, true, 5, 2, 40},             // 2 of 40 FSM pupils
		{"haf_sessions_per_child", true, true, 7.0 / 3, 7, 3},     // A 3, B 3, F 1
		{"haf_reattended_share", true, true, 25, 1, 4},            // A at summer after Easter; not A, B after summer; not F after Christmas
		{"haf_remained_connected_6m_share", true, true, 75, 3, 4}, // A (twice) and B by early help; F seen by no one
	}
	for _, tt := range tests {
		f := ByID(tt.id).Compute(small(tt.linked))
		v := f.Value
		if v.Known != tt.known || tt.known && (math.Abs(v.Value-tt.value) > 1e-9 || v.Numerator != tt.num || v.Denominator != tt.den) {
			t.Errorf("%s (linked %v) = %+v (%s); want known %v, %v = %d / %d", tt.id, tt.linked, v, f.Note, tt.known, tt.value, tt.num, tt.den)
		}
	}
	f := ByID("eh_closed").Compute(small(true))
	want := map[string]int{"Needs met": 1, "Stepped up to children's social care": 1, "Family disengaged": 1}
	for _, g := range f.Groups {
		if g.Value.Numerator != want[g.Name] {
			t.Errorf("eh_closed %s = %d; want %d", g.Name, g.Value.Numerator, want[g.Name])
		}
	}
	if len(f.Groups) != 5 {
		t.Errorf("eh_closed has %d groups; want the 5 outcomes", len(f.Groups))
	}
}

func TestNotKnown(t *testing.T) {
	in := small(true)
	in.Year = 2025
	for _, f := range ComputeAll(in) {
		if f.Value.Known || f.Note == "" {
			t.Errorf("%s for a year without files: %+v, note %q", f.Indicator.ID, f.Value, f.Note)
		}
	}
	in = small(true)
	in.FSMPupils = 0
	if f := ByID("haf_fsm_reach_share").Compute(in); f.Value.Known || f.Note == "" {
		t.Errorf("haf_fsm_reach_share without FSM pupils: %+v", f.Value)
	}
	in = small(true)
	in.Data.Front.Last = 2026
	if f := ByID("eh_stepped_up_12m_share").Compute(in); f.Value.Known {
		t.Error("eh_stepped_up_12m_share known without the next year's census")
	}
}

func TestSuppressed(t *testing.T) {
	f := ByID("haf_children").Compute(small(true))
	if got := f.Cell(disclose.PolicyOf(true)).Text(); got != "c" {
		t.Errorf("3 children publishable shows %q; want c", got)
	}
	if got := f.Cell(disclose.PolicyOf(false)).Text(); got != "3" {
		t.Errorf("3 children for analysts shows %q; want 3", got)
	}
}
