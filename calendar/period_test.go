package calendar

import (
	"strings"
	"testing"
)

// day reads a date written DD/MM/YYYY, failing the test if it cannot.
func day(t testing.TB, s string) Date {
	t.Helper()
	d, ok := ParseDate(s)
	if !ok {
		t.Fatalf("test date %q is not DD/MM/YYYY", s)
	}
	return d
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in          string
		kind        Kind
		start, end  string
		label, code string
	}{
		// Collection years, with a slash or a hyphen.
		{"2025/26", KindCollectionYear, "01/04/2025", "31/03/2026", "2025/26", "2025/26"},
		{"2025-26", KindCollectionYear, "01/04/2025", "31/03/2026", "2025/26", "2025/26"},
		{"2023/2024", KindCollectionYear, "01/04/2023", "31/03/2024", "2023/24", "2023/24"},
		{" 202526 ", KindCollectionYear, "01/04/2025", "31/03/2026", "2025/26", "2025/26"},
		{"2011/12", KindCollectionYear, "01/04/2011", "31/03/2012", "2011/12", "2011/12"},
		{"2099-00", KindCollectionYear, "01/04/2099", "31/03/2100", "2099/00", "2099/00"},
		// Financial quarters: Q1 is April to June.
		{"2025/26 Q1", KindFinancialQuarter, "01/04/2025", "30/06/2025", "Q1 2025/26 (April to June 2025)", "2025/26 Q1"},
		{"2025-26 Q2", KindFinancialQuarter, "01/07/2025", "30/09/2025", "Q2 2025/26 (July to September 2025)", "2025/26 Q2"},
		{"2025/26Q3", KindFinancialQuarter, "01/10/2025", "31/12/2025", "Q3 2025/26 (October to December 2025)", "2025/26 Q3"},
		{"2025-26Q4", KindFinancialQuarter, "01/01/2026", "31/03/2026", "Q4 2025/26 (January to March 2026)", "2025/26 Q4"},
		{"Q4 2023/24", KindFinancialQuarter, "01/01/2024", "31/03/2024", "Q4 2023/24 (January to March 2024)", "2023/24 Q4"},
		{"2011-12 Q1", KindFinancialQuarter, "01/04/2011", "30/06/2011", "Q1 2011/12 (April to June 2011)", "2011/12 Q1"},
		// Calendar quarters keep their old form, and say what they are.
		{"2025Q1", KindCalendarQuarter, "01/01/2025", "31/03/2025", "January to March 2025 (calendar quarter)", "2025Q1"},
		{"2025Q3", KindCalendarQuarter, "01/07/2025", "30/09/2025", "July to September 2025 (calendar quarter)", "2025Q3"},
		{"2025Q4", KindCalendarQuarter, "01/10/2025", "31/12/2025", "October to December 2025 (calendar quarter)", "2025Q4"},
		// Months: YYYY-MM with MM 01 to 12 is a month, never a year.
		{"2024-02", KindMonth, "01/02/2024", "29/02/2024", "2024-02", "2024-02"},
		{"2025-02", KindMonth, "01/02/2025", "28/02/2025", "2025-02", "2025-02"},
		{"2011-12", KindMonth, "01/12/2011", "31/12/2011", "2011-12", "2011-12"},
		{"2000-01", KindMonth, "01/01/2000", "31/01/2000", "2000-01", "2000-01"},
		// Rolling 12 months.
		{"R2025-07", KindRolling12, "01/08/2024", "31/07/2025", "12 months to Jul 2025", "R2025-07"},
		{"R2026-03", KindRolling12, "01/04/2025", "31/03/2026", "12 months to Mar 2026", "R2026-03"},
		{"R2024-02", KindRolling12, "01/03/2023", "29/02/2024", "12 months to Feb 2024", "R2024-02"},
		{"R2025-12", KindRolling12, "01/01/2025", "31/12/2025", "12 months to Dec 2025", "R2025-12"},
		// Ranges of days.
		{"01/04/2025-30/09/2025", KindRange, "01/04/2025", "30/09/2025", "1 April 2025 to 30 September 2025", "01/04/2025-30/09/2025"},
		{"1/4/2025 - 1/4/2025", KindRange, "01/04/2025", "01/04/2025", "1 April 2025 to 1 April 2025", "01/04/2025-01/04/2025"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", tt.in, err)
			continue
		}
		want := Period{Start: day(t, tt.start), End: day(t, tt.end), Label: tt.label, Kind: tt.kind}
		if p != want {
			t.Errorf("ParsePeriod(%q) = %+v, want %+v", tt.in, p, want)
		}
		if p.Code() != tt.code || p.String() != tt.label {
			t.Errorf("ParsePeriod(%q) is written %q and labelled %q, want %q and %q", tt.in, p.Code(), p, tt.code, tt.label)
		}
		if back, err := ParsePeriod(p.Code()); err != nil || back != p {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", p.Code(), back, err, p)
		}
	}
}

func TestParsePeriodRefuses(t *testing.T) {
	tests := []struct {
		in, says string
	}{
		{"", "expected a collection year"},
		{"2025", "expected a collection year"},
		{"soon", "expected a collection year"},
		{"2025Q5", "not Q1 to Q4"},
		{"2025Q0", "not Q1 to Q4"},
		{"2025Q", "not Q1 to Q4"},
		{"2025Q12", "not Q1 to Q4"},
		{"Q3 2025", "a calendar quarter is written 2025Q3"},
		{"2025 Q3", "a calendar quarter is written 2025Q3"},
		{"2025/27 Q1", "financial year \"2025/27\""},
		{"2025-13", "expected a collection year"},
		{"2025-00", "expected a collection year"},
		{"2025/27", "expected a collection year"},
		{"+025/26", "expected a collection year"},
		{"R2025-13", "month 13 is not 01 to 12"},
		{"R2025-00", "month 00 is not 01 to 12"},
		{"R2025-7", "not written YYYY-MM"},
		{"R25-07", "not written YYYY-MM"},
		{"r2025-07", "expected a collection year"},
		{"R2025/26", "not written YYYY-MM"},
		{"30/09/2025-01/04/2025", "ends on 01/04/2025, before it starts on 30/09/2025"},
		{"01/04/2025-31/09/2025", "two dates DD/MM/YYYY"},
		{"01/04/2025 to 30/09/2025", "two dates DD/MM/YYYY"},
		{"2025-04-01..2025-09-30", "expected a collection year"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err == nil {
			t.Errorf("ParsePeriod(%q) = %+v, want an error", tt.in, p)
			continue
		}
		// Every error says what was given and the forms accepted.
		for _, want := range []string{tt.says, "R2025-07", "2025/26 Q1", "01/04/2025-30/09/2025"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("ParsePeriod(%q) error %q, want it to say %q", tt.in, err, want)
			}
		}
		if !strings.Contains(err.Error(), "\""+tt.in+"\"") {
			t.Errorf("ParsePeriod(%q) error %q does not quote what was given", tt.in, err)
		}
	}
}

func TestPreviousAndYearEarlier(t *testing.T) {
	tests := []struct {
		code, previous, yearEarlier string
	}{
		{"2025/26", "2024/25", "2024/25"},
		{"2000/01", "1999/00", "1999/00"},
		{"2025/26 Q1", "2024/25 Q4", "2024/25 Q1"},
		{"2025/26 Q2", "2025/26 Q1", "2024/25 Q2"},
		{"2025/26 Q4", "2025/26 Q3", "2024/25 Q4"},
		{"2025Q1", "2024Q4", "2024Q1"},
		{"2025Q3", "2025Q2", "2024Q3"},
		{"2025-01", "2024-12", "2024-01"},
		{"2024-03", "2024-02", "2023-03"},
		{"2024-02", "2024-01", "2023-02"},
		{"R2025-07", "R2024-07", "R2024-07"},
		{"R2024-02", "R2023-02", "R2023-02"},
		// Whole months: as many months before; the same days a year before.
		{"01/04/2025-30/09/2025", "01/10/2024-31/03/2025", "01/04/2024-30/09/2024"},
		{"01/12/2023-29/02/2024", "01/09/2023-30/11/2023", "01/12/2022-28/02/2023"},
		{"01/03/2024-31/03/2024", "01/02/2024-29/02/2024", "01/03/2023-31/03/2023"},
		// Other days: as many days before; a month end stays a month end.
		{"10/03/2025-19/03/2025", "28/02/2025-09/03/2025", "10/03/2024-19/03/2024"},
		{"15/01/2024-28/02/2025", "30/11/2022-14/01/2024", "15/01/2023-29/02/2024"},
		{"05/05/2025-05/05/2025", "04/05/2025-04/05/2025", "05/05/2024-05/05/2024"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.code)
		if err != nil {
			t.Fatal(err)
		}
		prev, earlier := p.Previous(), p.YearEarlier()
		if prev.Code() != tt.previous || earlier.Code() != tt.yearEarlier {
			t.Errorf("%s: Previous %s, YearEarlier %s; want %s and %s", tt.code, prev.Code(), earlier.Code(), tt.previous, tt.yearEarlier)
		}
		if prev.Kind != p.Kind || earlier.Kind != p.Kind {
			t.Errorf("%s (%s): Previous is a %s, YearEarlier a %s", tt.code, p.Kind, prev.Kind, earlier.Kind)
		}
		if prev.End != p.Start-1 {
			t.Errorf("%s: Previous ends %s, want the day before %s", tt.code, prev.End, p.Start)
		}
		for _, q := range []Period{prev, earlier} {
			if back, err := ParsePeriod(q.Code()); err != nil || back != q {
				t.Errorf("%s: %+v does not read back from %q: %+v, %v", tt.code, q, q.Code(), back, err)
			}
		}
	}
}

func TestPeriodWithoutLabel(t *testing.T) {
	p := Period{Start: day(t, "01/04/2025"), End: day(t, "30/09/2025")}
	if p.Kind != KindRange || p.String() != "1 April 2025 to 30 September 2025" || p.Code() != "01/04/2025-30/09/2025" {
		t.Errorf("a literal period is a %s labelled %q, written %q", p.Kind, p, p.Code())
	}
	if p.Previous().String() != "1 October 2024 to 31 March 2025" {
		t.Errorf("a literal period's previous is %q", p.Previous())
	}
	if got := (Period{Kind: KindMonth, Start: day(t, "01/07/2025"), End: day(t, "31/07/2025")}).String(); got != "2025-07" {
		t.Errorf("a month without its label is labelled %q", got)
	}
}

func TestKinds(t *testing.T) {
	tests := []struct {
		p         Period
		kind      Kind
		quarterly bool
		name      string
	}{
		{Year(2026).Period(), KindCollectionYear, false, "collection year"},
		{FinancialQuarter(2026, 2), KindFinancialQuarter, true, "financial quarter"},
		{CalendarQuarter(2025, 2), KindCalendarQuarter, true, "calendar quarter"},
		{Month(2025, 2), KindMonth, false, "month"},
		{Rolling(2025, 2), KindRolling12, false, "rolling 12 months"},
		{Range(1, 2), KindRange, false, "range"},
	}
	for _, tt := range tests {
		if tt.p.Kind != tt.kind || tt.p.Kind.Quarterly() != tt.quarterly || tt.p.Kind.String() != tt.name {
			t.Errorf("%s: kind %s (quarterly %v), want %s (%v)", tt.p, tt.p.Kind, tt.p.Kind.Quarterly(), tt.name, tt.quarterly)
		}
	}
	for _, tt := range []struct{ d, code string }{
		{"01/04/2025", "2025/26 Q1"}, {"30/06/2025", "2025/26 Q1"}, {"01/07/2025", "2025/26 Q2"},
		{"31/12/2025", "2025/26 Q3"}, {"01/01/2026", "2025/26 Q4"}, {"31/03/2026", "2025/26 Q4"},
	} {
		if got := FinancialQuarterOf(day(t, tt.d)).Code(); got != tt.code {
			t.Errorf("FinancialQuarterOf(%s) = %s, want %s", tt.d, got, tt.code)
		}
	}
	if got := Kind(99).String(); got != "Kind(99)" {
		t.Errorf("Kind(99) = %q", got)
	}
	if y, r := Year(2026).Period(), Rolling(2026, 3); y.Start != r.Start || y.End != r.End {
		t.Errorf("Rolling(2026, 3) = %+v, want the days of %+v", r, y)
	}
	if y, q := Year(2026).Period(), FinancialQuarter(2026, 4); q.End != y.End || FinancialQuarter(2026, 1).Start != y.Start {
		t.Errorf("the financial quarters of 2025/26 do not fill it: Q4 %+v", q)
	}
}

func TestMonthsAndContains(t *testing.T) {
	tests := []struct {
		code   string
		months string
	}{
		{"2025/26", "2025-04 2025-05 2025-06 2025-07 2025-08 2025-09 2025-10 2025-11 2025-12 2026-01 2026-02 2026-03"},
		{"2025/26 Q4", "2026-01 2026-02 2026-03"},
		{"2025Q4", "2025-10 2025-11 2025-12"},
		{"2024-02", "2024-02"},
		{"15/11/2025-02/01/2026", "2025-11 2025-12 2026-01"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.code)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range p.Months() {
			got = append(got, m.Label)
		}
		if strings.Join(got, " ") != tt.months {
			t.Errorf("%s.Months() = %v, want %s", tt.code, got, tt.months)
		}
		if !p.Contains(p.Start) || !p.Contains(p.End) || p.Contains(p.Start-1) || p.Contains(p.End+1) {
			t.Errorf("%s does not contain exactly its own days", tt.code)
		}
	}
	if got := Range(10, 9).Months(); len(got) != 0 {
		t.Errorf("a range ending before it starts has months %v", got)
	}
}

func TestMonthEnds(t *testing.T) {
	tests := []struct {
		d, start, end, latest string
	}{
		{"15/02/2024", "01/02/2024", "29/02/2024", "31/01/2024"},
		{"29/02/2024", "01/02/2024", "29/02/2024", "29/02/2024"},
		{"01/01/2025", "01/01/2025", "31/01/2025", "31/12/2024"},
		{"31/12/2025", "01/12/2025", "31/12/2025", "31/12/2025"},
		{"30/04/2025", "01/04/2025", "30/04/2025", "30/04/2025"},
	}
	for _, tt := range tests {
		d := day(t, tt.d)
		if d.MonthStart() != day(t, tt.start) || d.MonthEnd() != day(t, tt.end) || d.LatestMonthEnd() != day(t, tt.latest) {
			t.Errorf("%s: month %s to %s, latest month end %s; want %s to %s, %s", tt.d, d.MonthStart(), d.MonthEnd(), d.LatestMonthEnd(), tt.start, tt.end, tt.latest)
		}
	}
	if got := day(t, "09/07/2025").Long(); got != "9 July 2025" {
		t.Errorf("Long() = %q", got)
	}
}

// FuzzParsePeriod checks that ParsePeriod never panics, and that whatever
// it accepts reads back from its Code, has a label, and has a previous
// period and a year earlier of its kind.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025/26", "2025-26", "2025/26 Q1", "2025-26Q4", "Q1 2025/26", "2025Q3", "2025-07",
		"R2025-07", "01/04/2025-30/09/2025", "2011-12", "", "R", "Q", "Q1 ", "//", "9999/00", "0000/01 Q4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		back, err := ParsePeriod(p.Code())
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %+v, written %q, which reads back as %+v, %v", s, p, p.Code(), back, err)
		}
		if p.Label == "" || p.End < p.Start {
			t.Fatalf("ParsePeriod(%q) = %+v", s, p)
		}
		if prev, earlier := p.Previous(), p.YearEarlier(); prev.Kind != p.Kind || earlier.Kind != p.Kind || prev.End != p.Start-1 {
			t.Fatalf("ParsePeriod(%q) = %+v: previous %+v, a year earlier %+v", s, p, prev, earlier)
		}
	})
}

func BenchmarkParsePeriod(b *testing.B) {
	codes := []string{"2025/26", "2025/26 Q1", "2025Q3", "2025-07", "R2025-07", "01/04/2025-30/09/2025"}
	for b.Loop() {
		for _, c := range codes {
			if _, err := ParsePeriod(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
