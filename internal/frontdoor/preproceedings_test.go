package frontdoor

import (
	"reflect"
	"testing"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// TestPreProceedingsAcrossCensuses follows a referral open across
// 2026/27 and 2027/28: the first census gives a block still going at 31
// March; the second restates the referral, gives that block's outcome and
// a new block. The first block keeps its outcome from the later census; a
// block of the later census is added; a block with no valid start is left
// out; and a later census that says nothing of an earlier block keeps it.
func TestPreProceedingsAcrossCensuses(t *testing.T) {
	block := func(start, letter, outcome, court string) []string {
		return []string{"C1", "1", start, letter, "1", "1", "2026-09-28", "2", "", outcome, court, ""}
	}
	first := census(2027, rows{
		cin.CINdetails:     {referral("1", "2026-05-04", "")},
		cin.PreProceedings: {block("2026-09-09", "2026-09-16", "", ""), block("09/10/2026", "", "", "")},
	})
	second := census(2028, rows{
		cin.CINdetails:     {referral("1", "2026-05-04", "")},
		cin.PreProceedings: {block("2026-09-09", "2026-09-16", "A", "2027-05-02"), block("2027-06-01", "", "", "")},
	})
	third := census(2029, rows{cin.CINdetails: {referral("1", "2026-05-04", "2028-05-01")}})
	want := []PreProceeding{
		{Start: day("2026-09-09"), LetterSent: day("2026-09-16"), FGDMOffered: "1", FGDMHeld: "1", FirstMeeting: day("2026-09-28"),
			ReviewMeetings: "2", Outcome: "A", CourtApplication: day("2027-05-02"), Year: 2028},
		{Start: day("2027-06-01"), FGDMOffered: "1", FGDMHeld: "1", FirstMeeting: day("2026-09-28"), ReviewMeetings: "2", Year: 2028},
	}
	tests := []struct {
		name     string
		censuses int
		want     []PreProceeding
		amended  int
	}{
		{"one census", 1, []PreProceeding{{Start: day("2026-09-09"), LetterSent: day("2026-09-16"), FGDMOffered: "1",
			FGDMHeld: "1", FirstMeeting: day("2026-09-28"), ReviewMeetings: "2", Year: 2027}}, 0},
		{"outcome and a new block", 2, want, 1},
		{"a later census silent about them", 3, want, 2},
	}
	all := []*returns.Return{first, second, third}
	for _, tt := range tests {
		s := Build(all[:tt.censuses])
		c := s.Child("C1")
		if c == nil || len(c.Referrals) != 1 {
			t.Fatalf("%s: child %+v; want one referral", tt.name, c)
		}
		if got := c.Referrals[0].PreProceedings; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: pre-proceedings\n%+v\nwant\n%+v", tt.name, got, tt.want)
		}
		if s.Counts.Amended != tt.amended {
			t.Errorf("%s: %d amended; want %d", tt.name, s.Counts.Amended, tt.amended)
		}
	}
}
