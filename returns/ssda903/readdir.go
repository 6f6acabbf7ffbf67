package ssda903

import "github.com/village-uk/village/calendar"

// InferYear returns the collection year a return covers: the latest year
// in which at least one in a hundred of its episode start and end dates
// fall, so that one mistyped date cannot move it.
func InferYear(r *Return) (calendar.Year, bool) {
	t := r.Table(Episodes)
	if t.Len() == 0 {
		return 0, false
	}
	counts := map[calendar.Year]int{}
	total := 0
	for _, column := range []string{"DECOM", "DEC"} {
		c := t.Schema.Index(column)
		for _, row := range t.Rows {
			if d, ok := calendar.ParseDate(row.Values[c]); ok {
				counts[calendar.YearOf(d)]++
				total++
			}
		}
	}
	var best calendar.Year
	for y, n := range counts {
		if n*100 >= total && y > best {
			best = y
		}
	}
	return best, best != 0
}
