package calendar

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted as days since 1 January 1970. The zero
// Date is that day; code that needs "no date" uses the ok result of the
// parsing functions rather than a sentinel.
type Date int32

// DateLayout is the layout of every date in the return: DD/MM/YYYY.
const DateLayout = "DD/MM/YYYY"

// NewDate returns the date for a year, month and day. Out-of-range months
// and days are normalised as time.Date does; ParseDate rejects them.
func NewDate(year, month, day int) Date {
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		return Date(t.Unix() / 86400)
	}
	return fromCivil(year, month, day)
}

// Calendar arithmetic is done on the day count directly, by Howard
// Hinnant's civil-date algorithms, rather than through time.Time: the
// rules and the generator do it millions of times.

// Civil returns the year, month and day.
func (d Date) Civil() (year, month, day int) {
	z := int(d) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if mp >= 10 {
		month = mp - 9
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return year, month, day
}

// fromCivil returns the date of a valid year, month and day.
func fromCivil(year, month, day int) Date {
	if month <= 2 {
		year--
	}
	era := floorDiv(year, 400)
	yoe := year - era*400
	mp := month - 3
	if month <= 2 {
		mp = month + 9
	}
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// DateOf returns the calendar day of t in its own location.
func DateOf(t time.Time) Date {
	return NewDate(t.Year(), int(t.Month()), t.Day())
}

// Time returns midnight UTC at the start of the day.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Year returns the calendar year.
func (d Date) Year() int { y, _, _ := d.Civil(); return y }

// Month returns the month, 1 to 12.
func (d Date) Month() int { _, m, _ := d.Civil(); return m }

// Day returns the day of the month.
func (d Date) Day() int { _, _, day := d.Civil(); return day }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddYears returns the same day n years later; 29 February becomes
// 1 March in a year that has no 29 February, as birthdays are kept.
func (d Date) AddYears(n int) Date {
	y, m, day := d.Civil()
	y += n
	if m == 2 && day == 29 && daysIn(y, 2) == 28 {
		m, day = 3, 1
	}
	return fromCivil(y, m, day)
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// String formats the date as DD/MM/YYYY.
func (d Date) String() string {
	y, m, day := d.Civil()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%02d/%02d/%04d", day, m, y)
	}
	b := []byte("00/00/0000")
	b[0], b[1] = byte('0'+day/10), byte('0'+day%10)
	b[3], b[4] = byte('0'+m/10), byte('0'+m%10)
	b[6], b[7], b[8], b[9] = byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	return string(b)
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// Long writes the date in words, as GOV.UK writes dates: "31 March 2026".
func (d Date) Long() string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%d %s %04d", day, monthNames[m-1], y)
}

// AgeOn returns the age in whole years, on day d, of a child born on dob.
func AgeOn(dob, d Date) int {
	by, bm, bd := dob.Civil()
	y, m, day := d.Civil()
	age := y - by
	if m < bm || (m == bm && day < bd) {
		age--
	}
	return age
}

// ParseDate reads a date written DD/MM/YYYY. A day or month of one digit
// is accepted (as Python's strptime accepts it, so the peers agree), but
// the year must have four digits and the day must exist in its month.
// Surrounding spaces are an error: the text is judged as submitted.
func ParseDate(s string) (Date, bool) {
	day, rest, ok := leadingNumber(s, 2)
	if !ok || len(rest) == 0 || rest[0] != '/' {
		return 0, false
	}
	month, rest, ok := leadingNumber(rest[1:], 2)
	if !ok || len(rest) == 0 || rest[0] != '/' {
		return 0, false
	}
	rest = rest[1:]
	if len(rest) != 4 {
		return 0, false
	}
	year, rest, ok := leadingNumber(rest, 4)
	if !ok || rest != "" {
		return 0, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, false
	}
	return NewDate(year, month, day), true
}

// leadingNumber reads between one and max decimal digits from the start of s.
// ParseISODate reads a date written YYYY-MM-DD, as XML and the CIN
// census write dates: four, two and two digits, a day that exists in its
// month, nothing around it.
func ParseISODate(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	year, rest, ok := leadingNumber(s[:4], 4)
	if !ok || rest != "" {
		return 0, false
	}
	month, rest, ok := leadingNumber(s[5:7], 2)
	if !ok || rest != "" {
		return 0, false
	}
	day, rest, ok := leadingNumber(s[8:], 2)
	if !ok || rest != "" {
		return 0, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return 0, false
	}
	return NewDate(year, month, day), true
}

func leadingNumber(s string, max int) (n int, rest string, ok bool) {
	i := 0
	for i < len(s) && i < max && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	return n, s[i:], i > 0
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// PartialDate is a date whose day, month or year may be unknown, written
// with ZZ (or ZZZZ for the year) in place of the unknown part, as DATE_PERM
// allows: "ZZ/05/2021". An unknown part is zero.
type PartialDate struct {
	Day, Month, Year int
}

// PartialDateLayout describes what ParsePartialDate accepts.
const PartialDateLayout = "DD/MM/YYYY with ZZ for an unknown day or month and ZZZZ for an unknown year"

// ParsePartialDate reads a DATE_PERM value. Each part is either digits or
// Z characters; the known parts must be valid (a known day in a known
// month must exist in it).
func ParsePartialDate(s string) (PartialDate, bool) {
	parts := splitSlash(s)
	if len(parts) != 3 {
		return PartialDate{}, false
	}
	var p PartialDate
	var ok bool
	if p.Day, ok = partialPart(parts[0], 2, 1, 31); !ok {
		return PartialDate{}, false
	}
	if p.Month, ok = partialPart(parts[1], 2, 1, 12); !ok {
		return PartialDate{}, false
	}
	if p.Year, ok = partialPart(parts[2], 4, 1, 9999); !ok || len(parts[2]) != 4 {
		return PartialDate{}, false
	}
	if p.Day != 0 && p.Month != 0 {
		year := p.Year
		if year == 0 {
			year = 2000 // a leap year, so 29/02/ZZZZ is allowed
		}
		if p.Day > daysIn(year, p.Month) {
			return PartialDate{}, false
		}
	}
	return p, true
}

func splitSlash(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// partialPart reads one part of a partial date: all Z (unknown, 0) or a
// number of at most width digits between lo and hi.
func partialPart(s string, width, lo, hi int) (int, bool) {
	if s == "" || len(s) > width {
		return 0, false
	}
	allZ := true
	for i := 0; i < len(s); i++ {
		if s[i] != 'Z' && s[i] != 'z' {
			allZ = false
		}
	}
	if allZ {
		return 0, len(s) == width
	}
	n, rest, ok := leadingNumber(s, width)
	if !ok || rest != "" || n < lo || n > hi {
		return 0, false
	}
	return n, true
}

// Complete reports whether every part of the date is known.
func (p PartialDate) Complete() bool { return p.Day != 0 && p.Month != 0 && p.Year != 0 }

// Date returns the date when every part is known.
func (p PartialDate) Date() (Date, bool) {
	if !p.Complete() {
		return 0, false
	}
	return NewDate(p.Year, p.Month, p.Day), true
}

// String formats the partial date with ZZ for unknown parts.
func (p PartialDate) String() string {
	part := func(n, width int) string {
		if n == 0 {
			return "ZZZZ"[:width]
		}
		return fmt.Sprintf("%0*d", width, n)
	}
	return part(p.Day, 2) + "/" + part(p.Month, 2) + "/" + part(p.Year, 4)
}
