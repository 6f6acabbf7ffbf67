package calendar

import (
	"fmt"
	"strconv"
	"strings"
)

// Year is a collection year, named by the calendar year in which it ends:
// Year(2026) is the 2025/26 collection, 1 April 2025 to 31 March 2026.
type Year int

// ParseYear reads a collection year written as "2025/26", "2025-26",
// "202526" or "2025/2026".
func ParseYear(s string) (Year, error) {
	t := strings.TrimSpace(s)
	var first, second string
	switch {
	case strings.ContainsAny(t, "/-"):
		i := strings.IndexAny(t, "/-")
		first, second = t[:i], t[i+1:]
	case len(t) == 6:
		first, second = t[:4], t[4:]
	default:
		return 0, fmt.Errorf("collection year %q: expected a year such as 2025/26", s)
	}
	start, err := strconv.Atoi(first)
	if err != nil || len(first) != 4 {
		return 0, fmt.Errorf("collection year %q: expected a year such as 2025/26", s)
	}
	end, err := strconv.Atoi(second)
	if err != nil || (len(second) != 2 && len(second) != 4) {
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
	return fmt.Sprintf("%d/%02d", int(y)-1, int(y)%100)
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
