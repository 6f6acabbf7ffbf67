package forecast

import "github.com/village-uk/village/calendar"

// Duration is how long a child has been in the current period of care, in
// a few pieces: children who have just come into care leave much sooner
// than those who have been in care for years, and a rate averaged over
// them would keep the short stayers too long (especially children who
// come into care at 16 or 17 and, at an average rate, would stay until
// 18).
type Duration int

// The pieces of time in care.
const (
	Under3Months Duration = iota
	Months3to12
	Months12to36
	Months36Plus
	Durations int = iota
)

// durationInfo gives each piece's first month and names.
var durationInfo = [Durations]struct {
	From       int // months since the period of care started
	Key, Label string
}{
	{0, "0-3m", "under 3 months"},
	{3, "3-12m", "3 to 12 months"},
	{12, "12-36m", "1 to 3 years"},
	{36, "36m+", "3 years or more"},
}

// Key is the piece's name in files and JSON.
func (k Duration) Key() string { return durationInfo[k].Key }

// Label is the piece's name in tables.
func (k Duration) Label() string { return durationInfo[k].Label }

// DurationOf returns the piece of a period of care that started on start,
// on day d.
func DurationOf(start, d calendar.Date) Duration {
	k := Under3Months
	for int(k)+1 < Durations && d >= pieceEnd(start, k) {
		k++
	}
	return k
}

// pieceEnd returns the first day after piece k of a period of care that
// started on start; far in the future for the last piece.
func pieceEnd(start calendar.Date, k Duration) calendar.Date {
	if int(k)+1 >= Durations {
		return start + 1<<30
	}
	return start.AddMonths(durationInfo[k+1].From)
}
