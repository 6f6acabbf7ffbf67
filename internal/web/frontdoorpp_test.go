package web

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
)

// TestReferralShowsPreProceedings checks that a referral's pre-proceedings
// are among its events on the child's front door, after its plan.
func TestReferralShowsPreProceedings(t *testing.T) {
	start := calendar.NewDate(2026, 9, 9)
	r := frontdoor.Referral{Start: calendar.NewDate(2026, 5, 4), Open: true,
		Plans: []frontdoor.ProtectionPlan{{Span: frontdoor.Span{Start: calendar.NewDate(2026, 6, 1), Open: true}}},
		PreProceedings: []frontdoor.PreProceeding{{Start: start, FGDMOffered: "1", FGDMHeld: "1", Outcome: "B",
			StepDecision: start + 100}}}
	fr := referralOf(0, r)
	if len(fr.Events) != 2 {
		t.Fatalf("events %+v; want the plan and the pre-proceedings", fr.Events)
	}
	got := fr.Events[1]
	for _, want := range []string{"from 9 September 2026", "FGDM meeting offered and held", "outcome B"} {
		if got.Code != "Pre-proceedings" || !strings.Contains(got.Span, want) {
			t.Errorf("event %+v; want Pre-proceedings with %q", got, want)
		}
	}
}
