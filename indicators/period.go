package indicators

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/village-uk/village/ssda903"
)

// Period is a reporting period: every day from Start to End, both
// included.
type Period struct {
	Start, End ssda903.Date
	Label      string
}

// Year returns the collection year y: 1 April to 31 March, labelled as
// the DfE writes it ("2025/26").
func Year(y ssda903.Year) Period {
	return Period{Start: y.Start(), End: y.End(), Label: y.String()}
}

// Quarter returns calendar quarter q (1 to 4) of year: Q1 is January to
// March. It is labelled "2025Q3".
func Quarter(year, q int) Period {
	start := ssda903.NewDate(year, 3*(q-1)+1, 1)
	return Period{
		Start: start,
		End:   addMonths(start, 3).AddDays(-1),
		Label: fmt.Sprintf("%04dQ%d", year, q),
	}
}

// Month returns one calendar month, labelled "2025-07".
func Month(year, month int) Period {
	start := ssda903.NewDate(year, month, 1)
	return Period{
		Start: start,
		End:   addMonths(start, 1).AddDays(-1),
		Label: fmt.Sprintf("%04d-%02d", year, month),
	}
}

// Rolling returns the 12 months ending with the given month, labelled
// "12 months to Jul 2025": a year's flows (starts, ceases, adoptions) at
// every month end, not only at 31 March. Rolling(2026, 3) covers the
// same days as the 2025/26 collection year.
func Rolling(year, month int) Period {
	end := Month(year, month)
	return Period{
		Start: addMonths(end.Start, -11),
		End:   end.End,
		Label: "12 months to " + end.Start.Time().Format("Jan 2006"),
	}
}

var (
	quarterForm = regexp.MustCompile(`^(\d{4})Q([1-4])$`)
	monthForm   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	rollingForm = regexp.MustCompile(`^R(\d{4})-(\d{2})$`)
)

// ParsePeriod reads a period written as its label: a collection year
// ("2025/26", or any form ssda903.ParseYear reads that contains a slash),
// a calendar quarter ("2025Q3"), a month ("2025-07") or the rolling 12
// months to the end of a month ("R2025-07", for Rolling; its label,
// "12 months to Jul 2025", is for reading, not parsing). A year must be
// written with a slash, since "2011-12" would otherwise be both December
// 2011 and the 2011/12 collection year.
func ParsePeriod(s string) (Period, error) {
	if m := rollingForm.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, fmt.Errorf("period %q: month %d is not 01 to 12", s, mo)
		}
		return Rolling(y, mo), nil
	}
	if m := quarterForm.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		return Quarter(y, q), nil
	}
	if m := monthForm.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Period{}, fmt.Errorf("period %q: month %d is not 01 to 12", s, mo)
		}
		return Month(y, mo), nil
	}
	if strings.Contains(s, "/") {
		y, err := ssda903.ParseYear(s)
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %w", s, err)
		}
		return Year(y), nil
	}
	return Period{}, fmt.Errorf("period %q: want a collection year (2025/26), a quarter (2025Q3), a month (2025-07) or 12 months to a month's end (R2025-07)", s)
}

// Contains reports whether day d falls within the period.
func (p Period) Contains(d ssda903.Date) bool { return d >= p.Start && d <= p.End }

// String returns the label.
func (p Period) String() string { return p.Label }

// addMonths returns the same day n months later (earlier for negative n),
// or the last day of the month when that month is shorter.
func addMonths(d ssda903.Date, n int) ssda903.Date {
	y, m, day := d.Civil()
	m0 := y*12 + (m - 1) + n
	y, m = m0/12, m0%12+1
	last := ssda903.NewDate(y, m, 1)
	last = addMonthStart(last).AddDays(-1)
	if day > last.Day() {
		day = last.Day()
	}
	return ssda903.NewDate(y, m, day)
}

// addMonthStart returns the first day of the month after the one that
// starts on d.
func addMonthStart(d ssda903.Date) ssda903.Date {
	y, m, _ := d.Civil()
	if m == 12 {
		return ssda903.NewDate(y+1, 1, 1)
	}
	return ssda903.NewDate(y, m+1, 1)
}
