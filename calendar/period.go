package calendar

import (
	"errors"
	"fmt"
	"strings"
)

// Kind is what sort of period a Period is. The zero Kind is KindRange, so
// a Period written as a literal with only its days is a range of days.
type Kind uint8

// The kinds of period.
const (
	KindRange            Kind = iota // any days from Start to End
	KindCollectionYear               // 1 April to 31 March, the year of the DfE's collections and of council budgets
	KindFinancialQuarter             // a quarter of a financial year: Q1 is April to June
	KindCalendarQuarter              // a quarter of a calendar year: Q1 is January to March
	KindMonth                        // a calendar month
	KindRolling12                    // the 12 calendar months ending with a month
)

var kindNames = [...]string{"range", "collection year", "financial quarter", "calendar quarter", "month", "rolling 12 months"}

// String names the kind in words: "financial quarter".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Quarterly reports whether periods of the kind are quarters.
func (k Kind) Quarterly() bool { return k == KindFinancialQuarter || k == KindCalendarQuarter }

// Period is a reporting period: every day from Start to End, both
// included, of a kind. Label is how it is written for people; Code is how
// it is written on the command line and in addresses. Make periods with
// the constructors (Year.Period, FinancialQuarter, CalendarQuarter,
// Month, Rolling, Range) or ParsePeriod, so that the kind, the days and
// the label agree.
type Period struct {
	Start, End Date
	Label      string
	Kind       Kind
}

// PeriodForms lists, for messages, the ways ParsePeriod reads a period.
const PeriodForms = "a collection year (2025/26 or 2025-26), a financial quarter (2025/26 Q1, April to June 2025), " +
	"a calendar quarter (2025Q3), a month (2025-07), the 12 months to a month's end (R2025-07) " +
	"or a range of days (01/04/2025-30/09/2025)"

// Period returns the collection year y: 1 April to 31 March, labelled as
// the DfE writes it ("2025/26"). The financial year is the same days.
func (y Year) Period() Period {
	return Period{Start: y.Start(), End: y.End(), Label: y.String(), Kind: KindCollectionYear}
}

// FinancialQuarter returns quarter q (1 to 4) of financial year y, which
// runs from 1 April to 31 March as the collection year does: Q1 is April
// to June, Q4 January to March. It is written "2025/26 Q1" and labelled
// "Q1 2025/26 (April to June 2025)".
func FinancialQuarter(y Year, q int) Period {
	start := y.Start().AddMonths(3 * (q - 1))
	end := start.AddMonths(3).AddDays(-1)
	return Period{Start: start, End: end, Kind: KindFinancialQuarter,
		Label: fmt.Sprintf("Q%d %s (%s)", q, y, monthSpan(start, end))}
}

// FinancialQuarterOf returns the financial quarter that contains day d.
func FinancialQuarterOf(d Date) Period { return FinancialQuarter(YearOf(d), financialQuarterOf(d)) }

// CalendarQuarter returns quarter q (1 to 4) of a calendar year: Q1 is
// January to March. It is written "2025Q3" and labelled "July to
// September 2025 (calendar quarter)", since councils' quarters are
// financial unless said otherwise.
func CalendarQuarter(year, q int) Period {
	start := NewDate(year, 3*(q-1)+1, 1)
	end := start.AddMonths(3).AddDays(-1)
	return Period{Start: start, End: end, Kind: KindCalendarQuarter,
		Label: monthSpan(start, end) + " (calendar quarter)"}
}

// Month returns one calendar month, written and labelled "2025-07".
func Month(year, month int) Period {
	start := NewDate(year, month, 1)
	return Period{
		Start: start,
		End:   start.AddMonths(1).AddDays(-1),
		Label: fmt.Sprintf("%04d-%02d", year, month),
		Kind:  KindMonth,
	}
}

// Rolling returns the 12 months ending with the given month, written
// "R2025-07" and labelled "12 months to Jul 2025": a year's flows
// (starts, ceases, adoptions) at every month end, not only at 31 March.
// Rolling(2026, 3) covers the same days as the 2025/26 collection year.
func Rolling(year, month int) Period {
	end := Month(year, month)
	return Period{
		Start: end.Start.AddMonths(-11),
		End:   end.End,
		Label: fmt.Sprintf("12 months to %s %04d", monthNames[month-1][:3], year),
		Kind:  KindRolling12,
	}
}

// Range returns the days from start to end, both included, written
// "01/04/2025-30/09/2025" and labelled "1 April 2025 to 30 September
// 2025".
func Range(start, end Date) Period {
	return Period{Start: start, End: end, Label: start.Long() + " to " + end.Long(), Kind: KindRange}
}

// monthSpan names the whole months from start's to end's: "April to June
// 2025", or "December 2025 to February 2026" across a new year.
func monthSpan(start, end Date) string {
	sy, sm, _ := start.Civil()
	ey, em, _ := end.Civil()
	if sy == ey {
		return fmt.Sprintf("%s to %s %04d", monthNames[sm-1], monthNames[em-1], ey)
	}
	return fmt.Sprintf("%s %04d to %s %04d", monthNames[sm-1], sy, monthNames[em-1], ey)
}

// ParsePeriod reads a period written in one of these forms (spaces
// around the whole are ignored):
//
//	2025/26, 2025-26    the 2025/26 collection year (also 2025/2026, 202526)
//	2025/26 Q1          a financial quarter: April to June 2025 (also
//	                    2025-26 Q1, 2025/26Q1, 2025-26Q1 and Q1 2025/26)
//	2025Q3              a calendar quarter: July to September 2025
//	2025-07             a calendar month
//	R2025-07            the 12 months to the end of July 2025
//	01/04/2025-30/09/2025  the days from one date to another, both included
//
// "YYYY-NN" is a month when NN is 01 to 12 and a collection year
// otherwise: "2011-12" is December 2011 (write 2011/12 for the year), and
// "2025-26" is the 2025/26 collection year. Only the years 2000/01 to
// 2011/12 need the slash. Whatever ParsePeriod accepts, it reads back
// from the period's Code.
func ParsePeriod(s string) (Period, error) {
	t := strings.TrimSpace(s)
	var p Period
	var err error
	switch {
	case strings.HasPrefix(t, "R"):
		p, err = parseRolling(t[1:])
	case strings.Contains(t, "Q"):
		p, err = parseQuarter(t)
	case strings.Count(t, "/") > 1:
		p, err = parseRange(t)
	case isMonthForm(t):
		p, err = parseMonth(t)
	default:
		y, yerr := ParseYear(t)
		if yerr != nil {
			return Period{}, fmt.Errorf("period %q: expected %s", s, PeriodForms)
		}
		p = y.Period()
	}
	if err != nil {
		return Period{}, fmt.Errorf("period %q: %w; expected %s", s, err, PeriodForms)
	}
	return p, nil
}

// isMonthForm reports whether t is YYYY-MM with MM 01 to 12: a month, not
// a collection year.
func isMonthForm(t string) bool {
	if len(t) != 7 || t[4] != '-' {
		return false
	}
	_, ok := digits(t[:4])
	m, ok2 := digits(t[5:])
	return ok && ok2 && m >= 1 && m <= 12
}

// parseMonth reads YYYY-MM.
func parseMonth(t string) (Period, error) {
	y, m, err := yearMonth(t)
	if err != nil {
		return Period{}, err
	}
	return Month(y, m), nil
}

// parseRolling reads the YYYY-MM after the R of R2025-07.
func parseRolling(t string) (Period, error) {
	y, m, err := yearMonth(t)
	if err != nil {
		return Period{}, err
	}
	return Rolling(y, m), nil
}

// yearMonth reads YYYY-MM, MM being 01 to 12.
func yearMonth(t string) (year, month int, err error) {
	if len(t) != 7 || t[4] != '-' {
		return 0, 0, fmt.Errorf("month %q is not written YYYY-MM", t)
	}
	year, ok := digits(t[:4])
	month, ok2 := digits(t[5:])
	if !ok || !ok2 {
		return 0, 0, fmt.Errorf("month %q is not written YYYY-MM", t)
	}
	if month < 1 || month > 12 {
		return 0, 0, fmt.Errorf("month %02d is not 01 to 12", month)
	}
	return year, month, nil
}

// parseQuarter reads a calendar quarter (2025Q3) or a financial quarter
// (2025/26 Q1, 2025-26Q1, Q1 2025/26).
func parseQuarter(t string) (Period, error) {
	var yearText, qText string
	if rest, ok := strings.CutPrefix(t, "Q"); ok {
		qText, yearText, _ = strings.Cut(rest, " ")
		yearText = strings.TrimLeft(yearText, " ")
	} else {
		i := strings.LastIndexByte(t, 'Q')
		yearText, qText = strings.TrimRight(t[:i], " "), t[i+1:]
	}
	q, ok := digits(qText)
	if !ok || len(qText) != 1 || q < 1 || q > 4 {
		return Period{}, errors.New("the quarter is not Q1 to Q4")
	}
	if len(yearText) == 4 {
		y, ok := digits(yearText)
		if !ok || !strings.HasPrefix(t, yearText+"Q") {
			return Period{}, errors.New("a calendar quarter is written 2025Q3, a financial quarter 2025/26 Q1")
		}
		return CalendarQuarter(y, q), nil
	}
	fy, err := ParseYear(yearText)
	if err != nil {
		return Period{}, fmt.Errorf("financial year %q is not written as 2025/26", yearText)
	}
	return FinancialQuarter(fy, q), nil
}

// parseRange reads DD/MM/YYYY-DD/MM/YYYY.
func parseRange(t string) (Period, error) {
	from, to, _ := strings.Cut(t, "-")
	start, ok := ParseDate(strings.TrimSpace(from))
	end, ok2 := ParseDate(strings.TrimSpace(to))
	if !ok || !ok2 {
		return Period{}, fmt.Errorf("a range of days is written as two dates DD/MM/YYYY joined by -")
	}
	if end < start {
		return Period{}, fmt.Errorf("the range ends on %s, before it starts on %s", end, start)
	}
	return Range(start, end), nil
}

// Code is how the period is written on the command line and in
// addresses, in the form ParsePeriod reads back: "2025/26", "2025/26 Q1",
// "2025Q3", "2025-07", "R2025-07" or "01/04/2025-30/09/2025".
func (p Period) Code() string {
	y, m, _ := p.Start.Civil()
	switch p.Kind {
	case KindCollectionYear:
		return YearOf(p.End).String()
	case KindFinancialQuarter:
		return fmt.Sprintf("%s Q%d", YearOf(p.Start), financialQuarterOf(p.Start))
	case KindCalendarQuarter:
		return fmt.Sprintf("%04dQ%d", y, (m+2)/3)
	case KindMonth:
		return fmt.Sprintf("%04d-%02d", y, m)
	case KindRolling12:
		ey, em, _ := p.End.Civil()
		return fmt.Sprintf("R%04d-%02d", ey, em)
	}
	return p.Start.String() + "-" + p.End.String()
}

// financialQuarterOf is the quarter of its financial year that d falls
// in: 1 for April to June.
func financialQuarterOf(d Date) int { return (d.Month()+8)%12/3 + 1 }

// String returns the label, or for a period made without one the label
// its constructor would have given it.
func (p Period) String() string {
	if p.Label != "" {
		return p.Label
	}
	return p.again(p.Start, p.End).Label
}

// Contains reports whether day d falls within the period.
func (p Period) Contains(d Date) bool { return d >= p.Start && d <= p.End }

// Previous returns the period of the same kind that ends the day before p
// starts: the collection year before, the quarter or month before, the 12
// months before (the same as YearEarlier for a rolling 12 months, since
// two rolling periods a month apart overlap), or for a range as many
// whole months before when it is whole months, and as many days before
// otherwise.
func (p Period) Previous() Period {
	if p.Kind == KindRange && !p.wholeMonths() {
		days := int(p.End - p.Start)
		return Range(p.Start.AddDays(-days-1), p.Start.AddDays(-1))
	}
	months := p.monthCount()
	return p.again(p.Start.AddMonths(-months), p.Start.AddDays(-1))
}

// YearEarlier returns the period of the same kind a year before p: the
// collection year before, the same quarter, month or 12 months of the
// year before, or for a range the same days of the year before (a range
// ending at a month's end, 29 February included, ends at that month's
// end).
func (p Period) YearEarlier() Period {
	end := p.End.AddMonths(-12)
	if p.End == p.End.MonthEnd() {
		end = end.MonthEnd()
	}
	return p.again(p.Start.AddMonths(-12), end)
}

// again returns the period of p's kind that starts on start and ends on
// end, labelled as its constructor labels it.
func (p Period) again(start, end Date) Period {
	y, m, _ := start.Civil()
	ey, em, _ := end.Civil()
	switch p.Kind {
	case KindCollectionYear:
		return YearOf(start).Period()
	case KindFinancialQuarter:
		return FinancialQuarter(YearOf(start), financialQuarterOf(start))
	case KindCalendarQuarter:
		return CalendarQuarter(y, (m+2)/3)
	case KindMonth:
		return Month(y, m)
	case KindRolling12:
		return Rolling(ey, em)
	}
	return Range(start, end)
}

// wholeMonths reports whether the period starts on the first of a month
// and ends on the last day of one.
func (p Period) wholeMonths() bool {
	return p.Start.Day() == 1 && p.End == p.End.MonthEnd() && p.End >= p.Start
}

// monthCount is how many calendar months the period touches.
func (p Period) monthCount() int {
	sy, sm, _ := p.Start.Civil()
	ey, em, _ := p.End.Civil()
	return (ey-sy)*12 + em - sm + 1
}

// Months returns the calendar months the period touches, oldest first:
// the 12 of a collection year, the 3 of a quarter, and for a range every
// month any of its days fall in.
func (p Period) Months() []Period {
	if p.End < p.Start {
		return nil
	}
	n := p.monthCount()
	out := make([]Period, n)
	y, m, _ := p.Start.Civil()
	for i := range out {
		out[i] = Month(y, m)
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

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

// MonthStart returns the first day of d's month.
func (d Date) MonthStart() Date {
	y, m, _ := d.Civil()
	return fromCivil(y, m, 1)
}

// MonthEnd returns the last day of d's month.
func (d Date) MonthEnd() Date {
	y, m, _ := d.Civil()
	return fromCivil(y, m, daysIn(y, m))
}

// LatestMonthEnd returns the last day of a month on or before d: d itself
// when it ends its month, otherwise the end of the month before.
func (d Date) LatestMonthEnd() Date {
	if e := d.MonthEnd(); e == d {
		return d
	}
	return d.MonthStart() - 1
}
