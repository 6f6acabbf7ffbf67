package calendar

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for invalid
	}{
		{"01/04/2025", "01/04/2025"},
		{"1/4/2025", "01/04/2025"},
		{"29/02/2024", "29/02/2024"},
		{"29/02/2025", ""},
		{"31/04/2025", ""},
		{"00/01/2025", ""},
		{"01/13/2025", ""},
		{"2025-04-01", ""},
		{"01/04/25", ""},
		{" 01/04/2025", ""},
		{"01/04/2025 ", ""},
		{"01-04-2025", ""},
		{"001/04/2025", ""},
		{"", ""},
		{"01/04/20250", ""},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := NewDate(2024, 2, 29)
	if got := d.AddDays(1).String(); got != "01/03/2024" {
		t.Errorf("29/02/2024 + 1 day = %s", got)
	}
	if got := d.AddYears(1).String(); got != "01/03/2025" {
		t.Errorf("29/02/2024 + 1 year = %s", got)
	}
	if got := NewDate(1969, 12, 31).String(); got != "31/12/1969" {
		t.Errorf("dates before 1970: got %s", got)
	}
	ages := []struct {
		dob, on string
		want    int
	}{
		{"31/03/2008", "30/03/2026", 17},
		{"31/03/2008", "31/03/2026", 18},
		{"29/02/2008", "28/02/2026", 17},
		{"29/02/2008", "01/03/2026", 18},
	}
	for _, a := range ages {
		dob, _ := ParseDate(a.dob)
		on, _ := ParseDate(a.on)
		if got := AgeOn(dob, on); got != a.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", a.dob, a.on, got, a.want)
		}
	}
}

func TestParsePartialDate(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		complete bool
	}{
		{"ZZ/05/2021", "ZZ/05/2021", false},
		{"zz/zz/2021", "ZZ/ZZ/2021", false},
		{"14/05/2021", "14/05/2021", true},
		{"ZZ/ZZ/ZZZZ", "ZZ/ZZ/ZZZZ", false},
		{"29/02/ZZZZ", "29/02/ZZZZ", false},
		{"30/02/ZZZZ", "", false},
		{"Z/05/2021", "", false},
		{"ZZ/13/2021", "", false},
		{"ZZ/05/21", "", false},
		{"ZZ/05", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		p, ok := ParsePartialDate(tt.in)
		got := ""
		if ok {
			got = p.String()
		}
		if d, whole := p.Date(); ok && whole != tt.complete || whole && d.String() != tt.want {
			t.Errorf("ParsePartialDate(%q).Date() = %s, %v", tt.in, d, whole)
		}
		if got != tt.want || (ok && p.Complete() != tt.complete) {
			t.Errorf("ParsePartialDate(%q) = %q complete=%v, want %q complete=%v", tt.in, got, p.Complete(), tt.want, tt.complete)
		}
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		in   string
		want Year
	}{
		{"2025/26", 2026}, {"2025-26", 2026}, {"202526", 2026}, {"2025/2026", 2026},
		{"1999/00", 2000}, {"2025/27", 0}, {"2025", 0}, {"abcd/ef", 0}, {"", 0},
	}
	for _, tt := range tests {
		got, err := ParseYear(tt.in)
		if got != tt.want || (tt.want == 0) != (err != nil) {
			t.Errorf("ParseYear(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	y := Year(2026)
	if y.String() != "2025/26" || y.Folder() != "2025-26" {
		t.Errorf("Year(2026) formats as %s and %s", y, y.Folder())
	}
	if y.Start().String() != "01/04/2025" || y.End().String() != "31/03/2026" {
		t.Errorf("2025/26 runs %s to %s", y.Start(), y.End())
	}
	if YearOf(NewDate(2026, 3, 31)) != 2026 || YearOf(NewDate(2026, 4, 1)) != 2027 {
		t.Error("YearOf puts 31 March and 1 April in the wrong years")
	}
}

// TestCivilMatchesTime checks the day-count arithmetic against the time
// package over every day from 1800 to 2200.
func TestCivilMatchesTime(t *testing.T) {
	for d := NewDate(1800, 1, 1); d <= NewDate(2200, 12, 31); d++ {
		tm := time.Unix(int64(d)*86400, 0).UTC()
		y, m, day := d.Civil()
		if y != tm.Year() || m != int(tm.Month()) || day != tm.Day() {
			t.Fatalf("day %d: Civil %d-%d-%d, time %s", d, y, m, day, tm.Format("2006-01-02"))
		}
		if NewDate(y, m, day) != d {
			t.Fatalf("NewDate(%d, %d, %d) = %d, want %d", y, m, day, NewDate(y, m, day), d)
		}
		if got, want := d.String(), tm.Format("02/01/2006"); got != want {
			t.Fatalf("String() = %s, want %s", got, want)
		}
		next := tm.AddDate(1, 0, 0)
		if tm.Month() == 2 && tm.Day() == 29 {
			next = time.Date(tm.Year()+1, 3, 1, 0, 0, 0, 0, time.UTC)
		}
		if got := d.AddYears(1); got != DateOf(next) {
			t.Fatalf("%s.AddYears(1) = %s, want %s", d, got, DateOf(next))
		}
	}
}

func TestParseISODate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // DD/MM/YYYY, or "" for not a date
	}{
		{"2025-04-01", "01/04/2025"},
		{"2024-02-29", "29/02/2024"},
		{"2025-02-29", ""},
		{"2025-4-01", ""},
		{"2025-04-1 ", ""},
		{" 2025-04-01", ""},
		{"01/04/2025", ""},
		{"2025-13-01", ""},
		{"2025-00-10", ""},
		{"", ""},
		{"20250401xx", ""},
	} {
		d, ok := ParseISODate(tt.in)
		if got := ""; ok {
			got = d.String()
			if got != tt.want {
				t.Errorf("ParseISODate(%q) = %s; want %q", tt.in, got, tt.want)
			}
		} else if tt.want != "" {
			t.Errorf("ParseISODate(%q) failed; want %s", tt.in, tt.want)
		}
	}
}
