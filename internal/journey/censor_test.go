package journey

import (
	"testing"

	"github.com/village-uk/village/calendar"
)

// TestLeftCensored checks that a period of care whose first visible
// episode starts on or before the first return's first day is flagged as
// left-censored (its true start is not in the data), and others are not.
// The returns are 2021/22 (1 April 2021 to 31 March 2022) and 2022/23.
func TestLeftCensored(t *testing.T) {
	s := mustBuild(t,
		ret(2022,
			// Looked after since 2019: the return shows only the open episode.
			ep("A", "10/06/2019", "", "P", "C2", "U1/a", ""),
			// Started on the first return's first day: may have been in care before.
			ep("B", "01/04/2021", "", "S", "C2", "U1/a", ""),
			// Started the day after: its start is in the data.
			ep("C", "02/04/2021", "", "S", "C2", "U1/a", ""),
		),
		ret(2023,
			ep("A", "10/06/2019", "01/05/2022", "P", "C2", "U1/a", "E11"),
			// A second period after the first ended is never censored.
			ep("A", "01/09/2022", "", "S", "V2", "U1/a", ""),
			ep("B", "01/04/2021", "", "S", "C2", "U1/a", ""),
			ep("C", "02/04/2021", "", "S", "C2", "U1/a", ""),
		),
	)
	span, ok := s.Span()
	if !ok || span.Start != day("01/04/2021") || span.End != day("31/03/2023") {
		t.Fatalf("Span() = %v, %v; want 01/04/2021 to 31/03/2023", span, ok)
	}
	if s.First != calendar.Year(2022) || s.Last != calendar.Year(2023) {
		t.Errorf("First, Last = %v, %v; want 2021/22, 2022/23", s.First, s.Last)
	}
	tests := []struct {
		child  string
		period int
		want   bool
	}{
		{"A", 0, true},
		{"A", 1, false},
		{"B", 0, true},
		{"C", 0, false},
	}
	for _, tt := range tests {
		c := s.Child(tt.child)
		if c == nil || len(c.Periods) <= tt.period {
			t.Fatalf("child %s: no period %d: %s", tt.child, tt.period, describe(c))
		}
		if got := c.Periods[tt.period].LeftCensored; got != tt.want {
			t.Errorf("child %s period %d: LeftCensored = %v, want %v", tt.child, tt.period, got, tt.want)
		}
	}
	if _, ok := (&Set{}).Span(); ok {
		t.Error("a set built from no returns has a span")
	}
}

// TestCover checks how periods are covered by returns for 2021/22 and
// 2022/23 (1 April 2021 to 31 March 2023).
func TestCover(t *testing.T) {
	s := &Set{First: 2022, Last: 2023}
	tests := []struct {
		period            string
		none, whole       bool
		err, note, covers string
	}{
		{"2022/23", false, true, "", "", "01/04/2022-31/03/2023"},
		{"2023/24", true, false, "no data for 2023/24: the returns cover 2021/22 to 2022/23", "", "01/04/2023-31/03/2024"},
		{"2020/21", true, false, "no data for 2020/21: the returns cover 2021/22 to 2022/23", "", "01/04/2020-31/03/2021"},
		{"2020Q4", true, false, "no data for October to December 2020 (calendar quarter): the returns cover 2021/22 to 2022/23", "", "01/10/2020-31/12/2020"},
		{"R2021-09", false, false, "",
			"partly covered: the returns start on 1 April 2021; figures are for the days they cover", "01/04/2021-30/09/2021"},
		{"01/01/2023-30/06/2023", false, false, "",
			"partly covered: the returns end on 31 March 2023; figures are for the days they cover", "01/01/2023-31/03/2023"},
	}
	for _, tt := range tests {
		p, err := calendar.ParsePeriod(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Cover(p)
		gotErr := ""
		if err := c.Err(); err != nil {
			gotErr = err.Error()
		}
		cov := c.Covered()
		covers := cov.Start.String() + "-" + cov.End.String()
		if c.None() != tt.none || c.Whole() != tt.whole || gotErr != tt.err || c.Note() != tt.note || covers != tt.covers {
			t.Errorf("%s: None %v, Whole %v, Err %q, Note %q, Covered %s; want %v, %v, %q, %q, %s", tt.period,
				c.None(), c.Whole(), gotErr, c.Note(), covers, tt.none, tt.whole, tt.err, tt.note, tt.covers)
		}
		if cov.Label != p.Label {
			t.Errorf("%s: Covered keeps the label %q, want %q", tt.period, cov.Label, p.Label)
		}
	}
	if c := (&Set{}).Cover(calendar.Year(2030).Period()); !c.Whole() || c.Err() != nil {
		t.Error("a set that does not know its span refuses a period")
	}
}
