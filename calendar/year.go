package calendar

import (
	"fmt"
	"strings"
)

// Year is a collection year, named by the calendar year in which it ends:
// Year(2026) is the 2025/26 collection, 1 April 2025 to 31 March 2026.
type Year int

// ParseYear reads a collection year written as "2025/26", "2025-26",
// "202526", "2025/2026" or "2025-2026", with spaces around it ignored.
// The years are digits only: no signs, no spaces inside.
func ParseYear(s string) (Year, error) {
	t := strings.TrimSpace(s)
	var first, second string
	if i := strings.IndexAny(t, "/-"); i >= 0 {
		first, second = t[:i], t[i+1:]
	} else if len(t) == 6 {
		first, second = t[:4], t[4:]
	}
	start, ok := digits(first)
	end, ok2 := digits(second)
	if !ok || !ok2 || len(first) != 4 || (len(second) != 2 && len(second) != 4) {
		return 0, fmt.Errorf("collection year %q: expected a year such as 2025/26", s)
	}
	if len(second) == 2 {
		end += start / 100 * 100
		if end < start {
			end += 100
		}
	}
	if end != start+1 {
		return 0, fmt.Errorf("collection year %q: the second year must follow the first, as in 2025/26", s)
	}
	return Year(end), nil
}

// digits reads a non-empty string of decimal digits (at most 9, so it
// cannot overflow).
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// YearOf returns the collection year that contains the day d.
func YearOf(d Date) Year {
	y := d.Year()
	if d.Month() >= 4 {
		return Year(y + 1)
	}
	return Year(y)
}

// String formats the year as the DfE does: "2025/26".
func (y Year) String() string {
	return fmt.Sprintf("%04d/%02d", int(y)-1, int(y)%100)
}

// Folder is the year written for a directory name: "2025-26".
func (y Year) Folder() string {
	return fmt.Sprintf("%d-%02d", int(y)-1, int(y)%100)
}

// Start is 1 April, the first day of the collection year.
func (y Year) Start() Date { return NewDate(int(y)-1, 4, 1) }

// End is 31 March, the last day of the collection year.
func (y Year) End() Date { return NewDate(int(y), 3, 31) }

// Contains reports whether d falls within the collection year.
func (y Year) Contains(d Date) bool { return d >= y.Start() && d <= y.End() }
