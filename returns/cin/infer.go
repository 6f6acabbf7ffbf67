package cin

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// InferYear returns the collection year a census covers: the one its
// Header's ReferenceDate (31 March at the year's end) falls in, else the
// one its Header's Year ends in, else the latest year in which at least
// one in a hundred of its referral and closure dates fall, so that one
// mistyped date cannot move it.
func InferYear(r *returns.Return) (calendar.Year, bool) {
	if y, ok := headerYearOf(r.Table(Header)); ok {
		return y, true
	}
	return returns.YearOfDates(r.Table(CINdetails), calendar.ParseISODate, "CINreferralDate", "CINclosureDate")
}

// headerYear reads the Header's Year, the calendar year in which the
// collection year ends ("2026" for 2025/26).
func headerYear(text string) (calendar.Year, bool) {
	if len(text) != 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < 4; i++ {
		if text[i] < '0' || text[i] > '9' {
			return 0, false
		}
		n = n*10 + int(text[i]-'0')
	}
	if n < 2000 || n > 2100 {
		return 0, false
	}
	return calendar.Year(n), true
}
