// Package calendar is the vocabulary of days every part of Village
// shares: a Date (a day, as the returns write it, DD/MM/YYYY), a
// PartialDate (a day with parts unknown, as DATE_PERM allows), a Year (a
// collection year, 1 April to 31 March, which is also the financial
// year), a Period of a Kind (a collection year, a financial or calendar
// quarter, a month, a rolling 12 months or any range of days) that knows
// how it is written (Code), how it is read (ParsePeriod), its label for
// people, the period before it and the one a year earlier, and working
// days in England and Wales with the bank holidays as data.
//
// It imports nothing of Village's, so any return, analysis or page can
// use it without importing a return's package.
package calendar
