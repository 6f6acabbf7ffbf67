package indicators

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
)

// TestBreakdownByStatus checks the breakdowns by ethnicity, legal status
// and placement on the authority of placed (see its comment): status at
// the end for stock indicators, at the start for starts, at the cease for
// ceases.
func TestBreakdownByStatus(t *testing.T) {
	checkBreakdowns(t, placed(t, journey.Options{Postcodes: directory}), []breakdownCase{
		// At 31/03/2026: PA WBRI, PH WIRT; PB MWBC; PC AIND; PD BAFR; PE
		// CHNE (other); PF REFU and PG blank, not known.
		{"cla_end", ByEthnicity, []group{
			{"White", want{2, 0, 2, true, "PA PH"}},
			{"Mixed", want{1, 0, 1, true, "PB"}},
			{"Asian or Asian British", want{1, 0, 1, true, "PC"}},
			{"Black or Black British", want{1, 0, 1, true, "PD"}},
			{"other ethnic group", want{1, 0, 1, true, "PE"}},
			{"not known or refused", want{2, 0, 2, true, "PF PG"}},
		}},
		// Legal status on the last day: PA, PC, PE C2 and PH C1 (on its
		// T1 move); PB E1; PD V2; PF J1; PG L1.
		{"cla_end", ByLegalStatus, []group{
			{"care order", want{4, 0, 4, true, "PA PC PE PH"}},
			{"placement order", want{1, 0, 1, true, "PB"}},
			{"accommodated under s20", want{1, 0, 1, true, "PD"}},
			{"youth justice", want{1, 0, 1, true, "PF"}},
			{"police protection or emergency order", want{1, 0, 1, true, "PG"}},
		}},
		// Starts: PF (J1), PH (C1), QC (V2), QE (C2), QG (first start V2,
		// though it ceased on C1).
		{"starts", ByLegalStatus, []group{
			{"care order", want{2, 0, 2, true, "PH QE"}},
			{"placement order", want{0, 0, 0, true, ""}},
			{"accommodated under s20", want{2, 0, 2, true, "QC QG"}},
			{"youth justice", want{1, 0, 1, true, "PF"}},
			{"police protection or emergency order", want{0, 0, 0, true, ""}},
		}},
		// Ceases, by the last episode: QA, QB E1; QC, QH V2; PJ, QD, QE,
		// QF C2 and QG C1 (its last period's).
		{"ceased", ByLegalStatus, []group{
			{"care order", want{5, 0, 5, true, "PJ QD QE QF QG"}},
			{"placement order", want{2, 0, 2, true, "QA QB"}},
			{"accommodated under s20", want{2, 0, 2, true, "QC QH"}},
			{"youth justice", want{0, 0, 0, true, ""}},
			{"police protection or emergency order", want{0, 0, 0, true, ""}},
		}},
		// Shares within each placement group: the out-of-area share of
		// those in foster care is PA's 0 of 1; the other group has PF (in
		// the authority) and PG (out), PH is not located: 1 of 2.
		{"placed_out_of_area_share", ByPlacement, []group{
			{"foster care", want{0, 1, 0, true, ""}},
			{"placed for adoption", want{1, 1, 100, true, "PB"}},
			{"placed with parents", want{0, 1, 0, true, ""}},
			{"independent living or supported accommodation", want{1, 1, 100, true, "PD"}},
			{"children's homes and residential settings", want{1, 1, 100, true, "PE"}},
			{"other placements", want{1, 2, 50, true, "PG"}},
		}},
		// Durations by the placement the child left from: all three
		// adoptions from adoption placements (QA A6, QB A5, QC A4).
		{"days_to_adoption_mean", ByPlacement, []group{
			{"foster care", want{0, 0, 0, false, ""}},
			{"placed for adoption", want{3, 0, 580, true, "QA QB QC"}},
			{"placed with parents", want{0, 0, 0, false, ""}},
			{"independent living or supported accommodation", want{0, 0, 0, false, ""}},
			{"children's homes and residential settings", want{0, 0, 0, false, ""}},
			{"other placements", want{0, 0, 0, false, ""}},
		}},
		// Rates are not known by group.
		{"cla_rate_per_10k", ByEthnicity, []group{
			{"White", want{2, 0, 0, false, "PA PH"}},
			{"Mixed", want{1, 0, 0, false, "PB"}},
			{"Asian or Asian British", want{1, 0, 0, false, "PC"}},
			{"Black or Black British", want{1, 0, 0, false, "PD"}},
			{"other ethnic group", want{1, 0, 0, false, "PE"}},
			{"not known or refused", want{2, 0, 0, false, "PF PG"}},
		}},
	})
}

// TestEveryBreakdown computes every indicator by every characteristic:
// each group's numerator is within the whole's, and the groups of a count
// add up to it, since every child falls in exactly one group.
func TestEveryBreakdown(t *testing.T) {
	set := placed(t, journey.Options{Postcodes: directory})
	year := calendar.Year(2026).Period()
	names := map[string]bool{}
	for _, by := range AllBreakdowns() {
		if names[by.String()] || by.String() == "unknown" {
			t.Errorf("By %d is named %q", by, by)
		}
		names[by.String()] = true
	}
	for _, ind := range All() {
		whole := ind.Compute(set, year, nil)
		for _, by := range AllBreakdowns() {
			sum := 0
			for _, g := range Breakdown(ind, set, year, by, disclose.Exact).Groups {
				sum += g.Value.Numerator
			}
			if sum != whole.Numerator {
				t.Errorf("%s by %s: groups add to %d, the whole is %d", ind.ID, by, sum, whole.Numerator)
			}
		}
	}
}
