package returns

import "github.com/village-uk/village/calendar"

// YearOfDates returns the latest collection year in which at least one in
// a hundred of the dates in the table's columns fall, each read with
// parse, so that one mistyped date cannot move it; false when the table
// has no date there.
func YearOfDates(t *Table, parse func(string) (calendar.Date, bool), columns ...string) (calendar.Year, bool) {
	if t.Len() == 0 {
		return 0, false
	}
	counts := map[calendar.Year]int{}
	total := 0
	for _, column := range columns {
		c := t.Schema.Index(column)
		for _, row := range t.Rows {
			if d, ok := parse(row.Values[c]); ok {
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
