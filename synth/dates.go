package synth

import "github.com/village-uk/village/ssda903"

// Calendar arithmetic on ssda903.Date without going through time.Time,
// which the simulation does millions of times. The results match
// ssda903.AgeOn and Date.AddYears (see TestDatesMatchSSDA903).

// civil returns the year, month and day of d, by Howard Hinnant's
// days-to-civil algorithm.
func civil(d ssda903.Date) (year, month, day int) {
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
func fromCivil(year, month, day int) ssda903.Date {
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
	return ssda903.Date(era*146097 + doe - 719468)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func leap(year int) bool { return year%4 == 0 && (year%100 != 0 || year%400 == 0) }

// addYears returns the same day n years later; 29 February becomes
// 1 March in a year without one.
func addYears(d ssda903.Date, n int) ssda903.Date {
	y, m, day := civil(d)
	y += n
	if m == 2 && day == 29 && !leap(y) {
		m, day = 3, 1
	}
	return fromCivil(y, m, day)
}

// ageOn returns the age in whole years on day d of a child born on dob.
func ageOn(dob, d ssda903.Date) int {
	by, bm, bd := civil(dob)
	y, m, day := civil(d)
	age := y - by
	if m < bm || (m == bm && day < bd) {
		age--
	}
	return age
}

// yearOf returns the calendar year of d.
func yearOf(d ssda903.Date) int {
	y, _, _ := civil(d)
	return y
}
