package indicators

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

// review writes a Reviews row.
func review(child, date, code string) line {
	return line{ssda903.Reviews, []string{child, "", date, code}}
}

// reviewed builds the reviews case, over 2025/26 alone (its first day,
// 01/04/2025, is the first return's). 20 working days from Monday
// 07/04/2025 is Thursday 08/05/2025: Good Friday (18/04), Easter Monday
// (21/04) and the early May bank holiday (05/05) are not counted.
//
//	RA  in care from 07/04/2025; reviews 20/03/2025 PN1 (before care and the
//	    period: not counted), 08/05/2025 PN1 (the due day), 07/08/2025 PN7
//	    (due 08/08), 06/02/2026 PN5 (due 07/02); next due 06/08/2026: on time.
//	RB  aged 2, in care from 07/04/2025; review 09/05/2025 PN0: a day late.
//	RC  in care from 01/03/2026 (a Sunday); first review due 27/03/2026,
//	    none held by 31/03: late.
//	RD  in care from 10/03/2026: first review due in April, not counted.
//	RE  in care from 01/04/2025, the first return's first day: may have
//	    begun earlier, so left out of the timing; reviews 10/04/2025 PN4 and
//	    12/04/2025 PN9 (not a code: not counted).
//	RF  in care from 07/04/2025; reviews 08/05/2025 PN2, then 09/08/2025 PN3,
//	    a day after the second was due: late.
//
// Participation in 2025/26: reviews coded PN1-PN7 are RA's 3, RF's 2 and
// RE's 1, 6 in all; PN1-PN6 are 5 of them (all but RA's PN7): 83.33%, the
// children RA, RE and RF of the same 3. PN0 is 1 of the 7 coded PN0-PN7
// (14.29%; RB, of the 4 children RA, RB, RE, RF).
func reviewed(t *testing.T) (*journey.Set, []expected) {
	set := mustBuild(t, ret(2026,
		header("RA", "M", "01/01/2015"), header("RB", "F", "01/01/2023"), header("RC", "F", "01/01/2012"),
		header("RD", "M", "01/01/2012"), header("RE", "M", "01/01/2010"), header("RF", "F", "01/01/2011"),
		ep("RA", "07/04/2025", "", "S", "C2", "U1/a", ""),
		ep("RB", "07/04/2025", "", "S", "C2", "U1/b", ""),
		ep("RC", "01/03/2026", "", "S", "V2", "U1/c", ""),
		ep("RD", "10/03/2026", "", "S", "V2", "U1/d", ""),
		ep("RE", "01/04/2025", "", "S", "C2", "U1/e", ""),
		ep("RF", "07/04/2025", "", "S", "C2", "U1/f", ""),
		review("RA", "20/03/2025", "PN1"), review("RA", "08/05/2025", "PN1"), review("RA", "07/08/2025", "PN7"),
		review("RA", "06/02/2026", "PN5"),
		review("RB", "09/05/2025", "PN0"),
		review("RE", "10/04/2025", "PN4"), review("RE", "12/04/2025", "PN9"),
		review("RF", "08/05/2025", "PN2"), review("RF", "09/08/2025", "PN3"),
	))
	year := calendar.Year(2026).Period()
	q1 := calendar.Range(day("01/04/2025"), day("30/06/2025"))
	return set, []expected{
		{id: "review_participation_share", period: year, value: 500.0 / 6, num: 3, denom: 3, known: true, children: "RA RE RF"},
		{id: "review_participation_by_method_pn0", period: year, value: 100.0 / 7, num: 1, denom: 4, known: true, children: "RB"},
		{id: "review_participation_by_method_pn7", period: year, value: 100.0 / 6, num: 1, denom: 3, known: true, children: "RA"},
		{id: "review_participation_by_method_pn4", period: year, value: 100.0 / 6, num: 1, denom: 3, known: true, children: "RE"},
		{id: "review_participation_by_method_pn6", period: year, value: 0, num: 0, denom: 3, known: true, children: ""},
		// Only RA's 08/05 PN1 and RE's PN4 in the first quarter: both heard.
		{id: "review_participation_share", period: q1, value: 100, num: 3, denom: 3, known: true, children: "RA RE RF"},
		// RA, RB, RC and RF are due a review by 31/03/2026; RA alone on time.
		{id: "reviews_on_time_share", period: year, value: 25, num: 1, denom: 4, known: true, children: "RA"},
		// At 30/06/2025 RA and RF are on time, RB late.
		{id: "reviews_on_time_share", period: q1, value: 200.0 / 3, num: 2, denom: 3, known: true, children: "RA RF"},
	}
}

func TestReviewIndicators(t *testing.T) {
	set, tests := reviewed(t)
	checkValues(t, set, tests)
	// RE alone is left out of the timing: its care may have begun earlier.
	for _, p := range []calendar.Period{calendar.Year(2026).Period(), calendar.Range(day("01/04/2025"), day("30/06/2025"))} {
		if v := Find("reviews_on_time_share").Compute(set, p, nil); v.LeftOut != 1 {
			t.Errorf("reviews_on_time_share %s leaves out %d children, want 1", p, v.LeftOut)
		}
	}
}

func TestFirstReviewDueDay(t *testing.T) {
	tests := []struct{ start, due string }{
		{"07/04/2025", "08/05/2025"}, // Easter and early May bank holidays
		{"01/03/2026", "27/03/2026"}, // a Sunday: the first working day counted is the Monday
		{"19/12/2025", "21/01/2026"}, // Christmas, Boxing Day and New Year's Day
	}
	for _, tt := range tests {
		if got := calendar.AddWorkingDays(day(tt.start), firstReviewWorkingDays); got != day(tt.due) {
			t.Errorf("first review of care from %s due %s, want %s", tt.start, got, tt.due)
		}
	}
}

// TestAttentionIndicators checks the publishable counts of the placements
// needing attention by hand. At 31/03/2026:
//
//	AG  aged 15 in Z11: counted in under16_unregistered_now.
//	AH  aged 16 in Z11: too old.
//	AI  aged 10 in Z1, but left care on 31/03/2026: not looked after then.
//	AJ  U1 from 01/05/2025, new carers 01/07, 01/09 and 01/11/2025: 3 moves.
//	AK  U1 from 01/05/2025, new carers 01/08/2025, a temporary T1 from
//	    01/10/2025 without coming back (not a move), new carers 01/12/2025:
//	    2 moves.
//	AL  U1 from 01/02/2025, new carers 01/03/2025 (before the 12 months),
//	    01/06/2025 and 01/10/2025: 2 moves in the 12 months.
func TestAttentionIndicators(t *testing.T) {
	set := mustBuild(t, ret(2025, header("AL", "M", "01/01/2012"),
		ep("AL", "01/02/2025", "01/03/2025", "S", "C2", "U1/l1", "X1"),
		ep("AL", "01/03/2025", "", "P", "C2", "U1/l2", "")),
		ret(2026,
			header("AG", "M", "01/06/2010"), header("AH", "F", "01/03/2010"), header("AI", "F", "01/01/2016"),
			header("AJ", "M", "01/01/2012"), header("AK", "F", "01/01/2012"), header("AL", "M", "01/01/2012"),
			ep("AG", "01/10/2025", "", "S", "V2", "Z11", ""),
			ep("AH", "01/10/2025", "", "S", "V2", "Z11", ""),
			ep("AI", "01/10/2025", "31/03/2026", "S", "V2", "Z1", "E13"),
			ep("AJ", "01/05/2025", "01/07/2025", "S", "C2", "U1/j1", "X1"),
			ep("AJ", "01/07/2025", "01/09/2025", "P", "C2", "U1/j2", "X1"),
			ep("AJ", "01/09/2025", "01/11/2025", "P", "C2", "U1/j3", "X1"),
			ep("AJ", "01/11/2025", "", "P", "C2", "U1/j4", ""),
			ep("AK", "01/05/2025", "01/08/2025", "S", "C2", "U1/k1", "X1"),
			ep("AK", "01/08/2025", "01/10/2025", "P", "C2", "U1/k2", "X1"),
			ep("AK", "01/10/2025", "01/12/2025", "P", "C2", "T1", "X1"),
			ep("AK", "01/12/2025", "", "P", "C2", "U1/k3", ""),
			ep("AL", "01/03/2025", "01/06/2025", "P", "C2", "U1/l2", "X1"),
			ep("AL", "01/06/2025", "01/10/2025", "P", "C2", "U1/l3", "X1"),
			ep("AL", "01/10/2025", "", "P", "C2", "U1/l4", "")))
	year := calendar.Year(2026).Period()
	checkValues(t, set, []expected{
		{id: "under16_unregistered_now", period: year, value: 1, num: 1, known: true, children: "AG"},
		{id: "moves_3plus_12m_now", period: year, value: 1, num: 1, known: true, children: "AJ"},
	})
	got := Publish(Find("under16_unregistered_now"), Find("under16_unregistered_now").Compute(set, year, nil), disclose.PolicyOf(true))
	if got.Value.Text() != "c" {
		t.Errorf("under16_unregistered_now published as %q, want c", got.Value.Text())
	}
}
