package ssda903

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
)

// InferYear returns the collection year a return covers: the latest year
// in which at least one in a hundred of its episode start and end dates
// fall, so that one mistyped date cannot move it.
func InferYear(r *Return) (calendar.Year, bool) {
	return returns.YearOfDates(r.Table(Episodes), calendar.ParseDate, "DECOM", "DEC")
}
