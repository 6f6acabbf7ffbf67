package calendar

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBankHolidays checks the list against dates known from gov.uk, the
// one-offs of 2020, 2022 and 2023 included, and the usual dates they
// replaced.
func TestBankHolidays(t *testing.T) {
	holidays := []struct{ date, name string }{
		{"01/01/2015", "New Year's Day"},
		{"03/04/2015", "Good Friday"},
		{"28/12/2015", "Boxing Day (substitute day)"},
		{"27/12/2016", "Christmas Day (substitute day)"},
		{"02/01/2017", "New Year's Day (substitute day)"},
		{"30/03/2018", "Good Friday"},
		{"02/04/2018", "Easter Monday"},
		{"22/04/2019", "Easter Monday"},
		{"10/04/2020", "Good Friday"},
		{"08/05/2020", "Early May bank holiday (VE day)"},
		{"28/12/2020", "Boxing Day (substitute day)"},
		{"27/12/2021", "Christmas Day (substitute day)"},
		{"28/12/2021", "Boxing Day (substitute day)"},
		{"03/01/2022", "New Year's Day (substitute day)"},
		{"02/06/2022", "Spring bank holiday"},
		{"03/06/2022", "Platinum Jubilee bank holiday"},
		{"19/09/2022", "Bank holiday for the State Funeral of Queen Elizabeth II"},
		{"27/12/2022", "Christmas Day (substitute day)"},
		{"01/05/2023", "Early May bank holiday"},
		{"08/05/2023", "Bank holiday for the coronation of King Charles III"},
		{"29/03/2024", "Good Friday"},
		{"01/04/2024", "Easter Monday"},
		{"26/08/2024", "Summer bank holiday"},
		{"18/04/2025", "Good Friday"},
		{"21/04/2025", "Easter Monday"},
		{"05/05/2025", "Early May bank holiday"},
		{"26/05/2025", "Spring bank holiday"},
		{"25/08/2025", "Summer bank holiday"},
		{"25/12/2025", "Christmas Day"},
		{"26/12/2025", "Boxing Day"},
		{"03/04/2026", "Good Friday"},
		{"06/04/2026", "Easter Monday"},
		{"28/12/2026", "Boxing Day (substitute day)"},
		{"26/03/2027", "Good Friday"},
		{"29/03/2027", "Easter Monday"},
		{"14/04/2028", "Good Friday"},
		{"30/03/2029", "Good Friday"},
		{"19/04/2030", "Good Friday"},
		{"22/04/2030", "Easter Monday"},
		{"26/12/2030", "Boxing Day"},
	}
	for _, h := range holidays {
		name, ok := BankHoliday(day(t, h.date))
		if !ok || name != h.name {
			t.Errorf("BankHoliday(%s) = %q, %v; want %q", h.date, name, ok, h.name)
		}
		if IsWorkingDay(day(t, h.date)) {
			t.Errorf("%s is a working day", h.date)
		}
	}
	// The days the one-offs replaced, and ordinary days, are not holidays.
	for _, d := range []string{"04/05/2020", "30/05/2022", "26/12/2020", "25/12/2021", "01/01/2022", "24/12/2025", "31/03/2026"} {
		if name, ok := BankHoliday(day(t, d)); ok {
			t.Errorf("BankHoliday(%s) = %q, want none", d, name)
		}
	}
	if first, last := BankHolidayYears(); first > 2015 || last < 2030 {
		t.Errorf("bank holidays are listed for %d to %d, want at least 2015 to 2030", first, last)
	}
	// Eight a year, and more in the years of the one-offs.
	perYear := map[int]int{}
	for _, h := range bankHolidays() {
		perYear[h.day.Year()]++
	}
	for y := 2015; y <= 2030; y++ {
		want := map[int]int{2022: 10, 2023: 9}[y]
		if want == 0 {
			want = 8
		}
		if perYear[y] != want {
			t.Errorf("%d has %d bank holidays, want %d", y, perYear[y], want)
		}
	}
}

func TestReadBankHolidaysRefuses(t *testing.T) {
	tests := []struct{ text, says string }{
		{"day,name\n01/01/2025,New Year's Day", "header"},
		{"date,name\n2025-01-01,New Year's Day", ":2: \"2025-01-01,New Year's Day\" is not a date"},
		{"date,name\n01/01/2025", "is not a date DD/MM/YYYY and a name"},
		{"date,name\n04/01/2025,A Saturday", "04/01/2025 is at a weekend"},
		{"date,name\n02/01/2025,B\n01/01/2025,A", ":3: 01/01/2025 is not after"},
	}
	for _, tt := range tests {
		if _, err := readBankHolidays(tt.text); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("readBankHolidays(%q) error %v, want it to say %q", tt.text, err, tt.says)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"06/01/2025", "06/01/2025", 0},   // the same day
		{"06/01/2025", "07/01/2025", 1},   // Monday to Tuesday
		{"03/01/2025", "06/01/2025", 1},   // Friday to Monday
		{"04/01/2025", "06/01/2025", 1},   // Saturday to Monday
		{"03/01/2025", "05/01/2025", 0},   // Friday to Sunday
		{"06/01/2025", "03/01/2025", -1},  // back from Monday to Friday
		{"05/01/2025", "03/01/2025", -1},  // back from Sunday to Friday
		{"06/01/2025", "13/01/2025", 5},   // a week
		{"06/01/2025", "05/01/2025", 0},   // back from Monday to Sunday
		{"01/04/2025", "31/03/2026", 252}, // the 2025/26 year: 261 weekdays less 8 bank holidays, less the day left
		{"31/03/2025", "31/03/2026", 253}, // the whole of 2025/26
		// Easter 2025: Good Friday 18 April and Easter Monday 21 April.
		{"17/04/2025", "22/04/2025", 1},
		{"16/04/2025", "23/04/2025", 3},
		// Christmas 2026: Boxing Day is a Saturday, so Monday 28th is off.
		{"24/12/2026", "29/12/2026", 1},
		{"23/12/2026", "04/01/2027", 5}, // 24, 29, 30 and 31 December and 4 January
		// 2022: the jubilee (2 and 3 June, not 30 May) and the funeral (19 September).
		{"27/05/2022", "30/05/2022", 1},
		{"01/06/2022", "06/06/2022", 1},
		{"16/09/2022", "20/09/2022", 1},
		{"20/09/2022", "16/09/2022", -1}, // back: only Friday 16th, arrived at, counts
	}
	for _, tt := range tests {
		from, to := day(t, tt.from), day(t, tt.to)
		if got := WorkingDays(from, to); got != tt.want {
			t.Errorf("WorkingDays(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
		if got := naiveWorkingDays(from, to); got != tt.want {
			t.Errorf("the test's own count from %s to %s is %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"06/01/2025", 0, "06/01/2025"},
		{"04/01/2025", 0, "04/01/2025"},  // n == 0 is the day itself, working or not
		{"03/01/2025", 1, "06/01/2025"},  // Friday + 1 is Monday
		{"04/01/2025", 1, "06/01/2025"},  // Saturday + 1 is Monday
		{"06/01/2025", -1, "03/01/2025"}, // Monday - 1 is Friday
		{"04/01/2025", -1, "03/01/2025"}, // Saturday - 1 is Friday
		{"06/01/2025", 5, "13/01/2025"},
		// Easter 2025.
		{"17/04/2025", 1, "22/04/2025"},
		{"22/04/2025", -1, "17/04/2025"},
		// Christmas 2025 and New Year 2026: 15 working days from 19 December.
		{"19/12/2025", 15, "14/01/2026"},
		{"14/01/2026", -15, "19/12/2025"},
		// 2022: the jubilee weekend and the funeral.
		{"01/06/2022", 1, "06/06/2022"},
		{"16/09/2022", 1, "20/09/2022"},
		{"20/09/2022", -1, "16/09/2022"},
		// The CIN census's 45 working days back from 31 March 2026: 21 in
		// March, 20 in February, 4 in January.
		{"31/03/2026", -45, "27/01/2026"},
		// And over Christmas, from a Saturday: 21 in January, 21 in
		// December, 3 in November.
		{"31/01/2026", -45, "26/11/2025"},
	}
	for _, tt := range tests {
		from := day(t, tt.from)
		if got := AddWorkingDays(from, tt.n); got != day(t, tt.want) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
		if got := naiveAddWorkingDays(from, tt.n); got != day(t, tt.want) {
			t.Errorf("the test's own AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

// TestWorkingDaysAgreeWithCounting checks the arithmetic against walking
// day by day, from every day of 2014 to 2031 (some outside the list), and
// that AddWorkingDays and WorkingDays undo each other.
func TestWorkingDaysAgreeWithCounting(t *testing.T) {
	for d := NewDate(2014, 1, 1); d <= NewDate(2031, 12, 31); d++ {
		if IsWorkingDay(d) != naiveIsWorkingDay(d) {
			t.Fatalf("IsWorkingDay(%s) = %v", d, IsWorkingDay(d))
		}
		for _, n := range []int{-300, -46, -15, -5, -2, -1, 1, 2, 3, 5, 15, 45, 300} {
			e := AddWorkingDays(d, n)
			if want := naiveAddWorkingDays(d, n); e != want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", d, n, e, want)
			}
			if got := WorkingDays(d, e); got != n {
				t.Fatalf("WorkingDays(%s, %s) = %d, want %d", d, e, got, n)
			}
		}
		for _, span := range []int{-400, -10, -3, -1, 0, 1, 3, 10, 400} {
			if got, want := WorkingDays(d, d.AddDays(span)), naiveWorkingDays(d, d.AddDays(span)); got != want {
				t.Fatalf("WorkingDays(%s, %s) = %d, want %d", d, d.AddDays(span), got, want)
			}
		}
	}
}

// naiveHolidays is the bank holidays as a set, for the tests' own counts.
var naiveHolidays = sync.OnceValue(func() map[Date]bool {
	set := map[Date]bool{}
	for _, h := range bankHolidays() {
		set[h.day] = true
	}
	return set
})

func naiveIsWorkingDay(d Date) bool {
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday && !naiveHolidays()[d]
}

func naiveWorkingDays(from, to Date) int {
	n := 0
	for d := from + 1; d <= to; d++ {
		if naiveIsWorkingDay(d) {
			n++
		}
	}
	for d := to; d < from; d++ {
		if naiveIsWorkingDay(d) {
			n--
		}
	}
	return n
}

func naiveAddWorkingDays(d Date, n int) Date {
	for ; n > 0; n-- {
		for d++; !naiveIsWorkingDay(d); d++ {
		}
	}
	for ; n < 0; n++ {
		for d--; !naiveIsWorkingDay(d); d-- {
		}
	}
	return d
}

func BenchmarkWorkingDays(b *testing.B) {
	from := NewDate(2025, 4, 1)
	for b.Loop() {
		for i := range 100 {
			d := from.AddDays(i)
			_ = WorkingDays(d, AddWorkingDays(d, 45))
		}
	}
}
