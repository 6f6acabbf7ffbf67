package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

// parseCase is a period as written, and the days and label it is.
type parseCase struct {
	in         string
	start, end string
	label      string
}

// checkParsePeriod checks that ParsePeriod reads each case, and that it
// refuses each of bad.
func checkParsePeriod(t *testing.T, tests []parseCase, bad []string) {
	t.Helper()
	for _, tc := range tests {
		p, err := calendar.ParsePeriod(tc.in)
		if err != nil {
			t.Errorf("calendar.ParsePeriod(%q): %v", tc.in, err)
			continue
		}
		if p.Start != day(tc.start) || p.End != day(tc.end) || p.Label != tc.label {
			t.Errorf("calendar.ParsePeriod(%q) = %s to %s %q, want %s to %s %q", tc.in, p.Start, p.End, p.Label, tc.start, tc.end, tc.label)
		}
	}
	for _, b := range bad {
		if p, err := calendar.ParsePeriod(b); err == nil {
			t.Errorf("calendar.ParsePeriod(%q) = %+v, want an error", b, p)
		}
	}
}

func TestPeriods(t *testing.T) {
	checkParsePeriod(t, []parseCase{
		{"2025/26", "01/04/2025", "31/03/2026", "2025/26"},
		{"2023/2024", "01/04/2023", "31/03/2024", "2023/24"},
		{"2025Q1", "01/01/2025", "31/03/2025", "2025Q1"},
		{"2025Q3", "01/07/2025", "30/09/2025", "2025Q3"},
		{"2025Q4", "01/10/2025", "31/12/2025", "2025Q4"},
		{"2024-02", "01/02/2024", "29/02/2024", "2024-02"},
		{"2025-02", "01/02/2025", "28/02/2025", "2025-02"},
		{"2025-12", "01/12/2025", "31/12/2025", "2025-12"},
	}, []string{"", "2025", "2025Q5", "2025Q0", "2025-13", "2025-00", "2025-26", "2025/27", "Q3 2025"})
	if p := calendar.Year(2026).Period(); p != (calendar.Period{Start: day("01/04/2025"), End: day("31/03/2026"), Label: "2025/26"}) {
		t.Errorf("calendar.Year(2026).Period() = %+v", p)
	}
}

func TestRolling(t *testing.T) {
	checkParsePeriod(t, []parseCase{
		// August 2024 to July 2025.
		{"R2025-07", "01/08/2024", "31/07/2025", "12 months to Jul 2025"},
		// The 2025/26 collection year's days.
		{"R2026-03", "01/04/2025", "31/03/2026", "12 months to Mar 2026"},
		// Ending in a leap February; starting in the March before.
		{"R2024-02", "01/03/2023", "29/02/2024", "12 months to Feb 2024"},
		// A calendar year.
		{"R2025-12", "01/01/2025", "31/12/2025", "12 months to Dec 2025"},
	}, []string{"R2025-13", "R2025-00", "R2025-7", "R25-07", "r2025-07", "R2025/26"})
	if _, err := calendar.ParsePeriod("July"); err == nil || !strings.Contains(err.Error(), "R2025-07") {
		t.Errorf("calendar.ParsePeriod(\"July\") error %v, want it to list the rolling form", err)
	}
	if y, r := calendar.Year(2026).Period(), calendar.Rolling(2026, 3); y.Start != r.Start || y.End != r.End {
		t.Errorf("calendar.Rolling(2026, 3) = %+v, want the days of %+v", r, y)
	}
}

func TestRollings(t *testing.T) {
	got := Rollings(calendar.Month(2025, 11), calendar.Quarter(2026, 1))
	var labels []string
	for _, p := range got {
		labels = append(labels, p.Label)
	}
	want := "12 months to Nov 2025,12 months to Dec 2025,12 months to Jan 2026,12 months to Feb 2026,12 months to Mar 2026"
	if strings.Join(labels, ",") != want {
		t.Errorf("Rollings = %v, want %s", labels, want)
	}
}

// TestRollingIndicators checks that a rolling year counts as the
// collection year does, on the hand-built authority.
func TestRollingIndicators(t *testing.T) {
	set := area(t)
	for _, id := range []string{"cla_end", "starts", "ceased", "reentries_12m"} {
		ind := Find(id)
		y, r := ind.Compute(set, calendar.Year(2026).Period(), nil), ind.Compute(set, calendar.Rolling(2026, 3), nil)
		if strings.Join(y.Children, " ") != strings.Join(r.Children, " ") {
			t.Errorf("%s: 2025/26 counts %v, the 12 months to March 2026 %v", id, y.Children, r.Children)
		}
	}
	// The 12 months to September 2025 (01/10/2024-30/09/2025): starts E,
	// F, G, N as in the year, plus D (10/10/2024), I (01/01/2025) and H
	// (01/02/2025).
	check(t, "starts R2025-09", Find("starts").Compute(set, calendar.Rolling(2025, 9), nil), want{7, 0, 7, true, "D E F G H I N"})
}
