package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Period is a reporting period: every day from Start to End, both
// included.
type Period struct {
	Start, End Date
	Label      string
}

// Year returns the collection year y: 1 April to 31 March, labelled as
// the DfE writes it ("2025/26").
func (y Year) Period() Period {
	return Period{Start: y.Start(), End: y.End(), Label: y.String()}
}

// Quarter returns calendar quarter q (1 to 4) of year: Q1 is January to
// March. It is labelled "2025Q3".
func Quarter(year, q int) Period {
	start := NewDate(year, 3*(q-1)+1, 1)
	return Period{
		Start: start,
		End:   start.AddMonths(3).AddDays(-1),
		Label: fmt.Sprintf("%04dQ%d", year, q),
	}
}

// Month returns one calendar month, labelled "2025-07".
func Month(year, month int) Period {
	start := NewDate(year, month, 1)
	return Period{
		Start: start,
		End:   start.AddMonths(1).AddDays(-1),
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
		Start: end.Start.AddMonths(-11),
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
// ("2025/26", or any form ParseYear reads that contains a slash),
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
		y, err := ParseYear(s)
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %w", s, err)
		}
		return y.Period(), nil
	}
	return Period{}, fmt.Errorf("period %q: want a collection year (2025/26), a quarter (2025Q3), a month (2025-07) or 12 months to a month's end (R2025-07)", s)
}

// Contains reports whether day d falls within the period.
func (p Period) Contains(d Date) bool { return d >= p.Start && d <= p.End }

// String returns the label.
func (p Period) String() string { return p.Label }

// AddMonths returns the same day n calendar months later (earlier for
// negative n), or the month's last day when that month is shorter:
// 31 January plus one month is 28 or 29 February.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Civil()
	o := y*12 + m - 1 + n
	y, m = floorDiv(o, 12), o-floorDiv(o, 12)*12+1
	if last := daysIn(y, m); day > last {
		day = last
	}
	return fromCivil(y, m, day)
}
