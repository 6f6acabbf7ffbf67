package calendar

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// bankHolidaysCSV is the bank holidays of England and Wales, one a line as
// "date,name" with the date DD/MM/YYYY, in date order. It follows the
// list published at https://www.gov.uk/bank-holidays: New Year's Day,
// Good Friday, Easter Monday, the early May, spring and summer bank
// holidays, Christmas Day and Boxing Day, each moved to the next weekday
// free when it falls at a weekend, and the one-offs: the early May bank
// holiday on 8 May 2020 (VE day) instead of 4 May, the spring bank holiday
// on 2 June 2022 instead of 30 May with the Platinum Jubilee on 3 June,
// the Queen's state funeral on 19 September 2022 and the King's coronation
// on 8 May 2023. Add each year's as gov.uk announces them, and any new
// one-off.
//
//go:embed bank-holidays.csv
var bankHolidaysCSV string

// holiday is one bank holiday.
type holiday struct {
	day  Date
	name string
}

// bankHolidays reads the embedded list once, when it is first needed.
var bankHolidays = sync.OnceValue(func() []holiday {
	list, err := readBankHolidays(bankHolidaysCSV)
	if err != nil {
		panic(err) // the list is part of the program, and its tests read it
	}
	return list
})

// readBankHolidays reads the bank-holiday list: a header line, then
// "DD/MM/YYYY,name" lines in date order, each a weekday.
func readBankHolidays(text string) ([]holiday, error) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "date,name" {
		return nil, fmt.Errorf("bank-holidays.csv: the first line is not the header date,name")
	}
	var list []holiday
	for i, line := range lines[1:] {
		date, name, _ := strings.Cut(strings.TrimSpace(line), ",")
		d, ok := ParseDate(date)
		switch {
		case !ok || name == "":
			return nil, fmt.Errorf("bank-holidays.csv:%d: %q is not a date DD/MM/YYYY and a name", i+2, line)
		case d.Weekday() == 0 || d.Weekday() == 6:
			return nil, fmt.Errorf("bank-holidays.csv:%d: %s is at a weekend; list the weekday it moves to", i+2, date)
		case len(list) > 0 && d <= list[len(list)-1].day:
			return nil, fmt.Errorf("bank-holidays.csv:%d: %s is not after the line before", i+2, date)
		}
		list = append(list, holiday{d, name})
	}
	return list, nil
}

// BankHolidayYears returns the first and last calendar years whose bank
// holidays are listed. Outside them only weekends are days off, so
// working-day counts there are too high.
func BankHolidayYears() (first, last int) {
	list := bankHolidays()
	return list[0].day.Year(), list[len(list)-1].day.Year()
}

// BankHoliday returns the name of the England and Wales bank holiday on
// day d, if it is one.
func BankHoliday(d Date) (name string, ok bool) {
	list := bankHolidays()
	i, found := slices.BinarySearchFunc(list, d, func(h holiday, d Date) int { return int(h.day - d) })
	if !found {
		return "", false
	}
	return list[i].name, true
}

// IsWorkingDay reports whether d is a working day: Monday to Friday, and
// not a bank holiday in England and Wales.
func IsWorkingDay(d Date) bool {
	if wd := d.Weekday(); wd == 0 || wd == 6 {
		return false
	}
	_, holiday := BankHoliday(d)
	return !holiday
}

// WorkingDays counts the working days (IsWorkingDay) met going from one
// day to another, counting the day arrived at and not the day left: an
// event on day to is "within N working days" of day from, as the DfE's
// CIN census rules and Working Together count, when
// WorkingDays(from, to) <= N. Going back (to before from) the count is
// negative. So WorkingDays(d, d) is 0, and from a Friday to the Monday
// after is 1, as is Saturday to Monday. For every d and n,
// WorkingDays(d, AddWorkingDays(d, n)) == n.
//
// The peer validator (cin_validator) counts the first day as the first
// of the N; its "date minus N working days" is AddWorkingDays(date,
// -(N-1)) on a working day.
func WorkingDays(from, to Date) int {
	if to >= from {
		return worked(to) - worked(from)
	}
	return -(worked(from-1) - worked(to-1))
}

// AddWorkingDays returns the nth working day after d, or for negative n
// the -nth working day before d; d itself is not counted, and n == 0
// gives d. Friday plus one working day is the Monday after (or the
// Tuesday when Monday is a bank holiday); Monday minus one is the Friday
// before.
func AddWorkingDays(d Date, n int) Date {
	switch {
	case n > 0:
		return firstWorked(worked(d) + n)
	case n < 0:
		return firstWorked(worked(d-1) + n + 1)
	}
	return d
}

// worked counts the working days up to and including d since a fixed
// Monday; only differences of it mean anything.
func worked(d Date) int { return weekdaysThrough(d) - holidaysThrough(d) }

// firstWorked returns the first day on which worked reaches n: the nth
// working day since worked's Monday. It starts from the day that would
// be if there were no bank holidays, and moves on past the bank holidays
// before it until there are no more to pass; every listed bank holiday
// is a weekday, so each step moves forward.
func firstWorked(n int) Date {
	d := nthWeekday(n)
	for {
		next := nthWeekday(n + holidaysThrough(d))
		if next == d {
			return d
		}
		d = next
	}
}

// weekdaysOrigin is a Monday, 29 December 1969, as a Date (-3).
const weekdaysOrigin = -3

// weekdaysThrough counts the days Monday to Friday from weekdaysOrigin
// up to and including d (negative before it).
func weekdaysThrough(d Date) int {
	k := int(d) - weekdaysOrigin
	weeks := floorDiv(k, 7)
	return 5*weeks + min(k-7*weeks+1, 5)
}

// nthWeekday returns the day on which weekdaysThrough first reaches n: a
// Monday to Friday.
func nthWeekday(n int) Date {
	weeks := floorDiv(n-1, 5)
	return Date(7*weeks + (n - 1 - 5*weeks) + weekdaysOrigin)
}

// holidaysThrough counts the listed bank holidays up to and including d.
func holidaysThrough(d Date) int {
	list := bankHolidays()
	i, found := slices.BinarySearchFunc(list, d, func(h holiday, d Date) int { return int(h.day - d) })
	if found {
		i++
	}
	return i
}
