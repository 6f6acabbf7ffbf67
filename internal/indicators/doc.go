// Package indicators computes the standard looked-after-children
// indicators over the journeys of package journey, for a reporting period
// (a calendar.Period: a collection year, a financial or calendar quarter,
// a month, the rolling 12 months to a month's end, or a range of days).
//
// Definitions follow the DfE's statistical release "Children looked after
// in England including adoptions", as shared/spec/indicators.md sets them
// out. The counting rules that apply everywhere:
//
//   - Short breaks (LS V3 or V4) are left out of every count: the journey
//     keeps them as periods of their own, marked ShortBreak, and no
//     indicator reads those periods.
//   - A child is looked after on a day when a period of care, other than
//     short breaks, started on or before it and had not ended by it
//     (journey.Child.LookedAfterOn). A period ending on the day does not
//     count: a child whose DEC is 31/03/2026 is not looked after at
//     31 March 2026, as the DfE counts, and is counted among the ceases.
//   - A start is a period of care, other than short breaks, that began in
//     the period; a cease is one that ended in it. Children are counted
//     once each however many times they started or ceased.
//   - Ages are exact ages on the period's last day.
//
// Every Value lists the IDs of the children counted (the numerator), for
// the analyst's drill-down; those IDs must be shown only where the
// child's ID may be.
package indicators
