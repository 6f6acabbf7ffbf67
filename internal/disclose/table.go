package disclose

import "slices"

// Measure is one quantity of a breakdown, counted for each group and in
// total: the children counted, the children a share is of, the children
// a share leaves out, the episodes of the children counted.
type Measure struct {
	Total  int
	Groups []int // one for each group of the table, in its order
	// Small says that a group's figure of 1 to 5 in this measure is itself
	// to be suppressed (primary suppression): true for counts of
	// children, false for counts of what children did (episodes).
	Small bool
	// Alone says that the measure is published elsewhere as a table of its
	// own (the children a share is of are another indicator's breakdown):
	// the cells that table suppresses are suppressed here first, so the two
	// tables never publish what the other hides.
	Alone bool
}

// Protection is what Table decides: for each group whether it is shown,
// and the same for the total.
type Protection struct {
	Groups []Why
	Total  Why
}

// Hidden reports whether any cell of the table is suppressed.
func (p Protection) Hidden() bool {
	for _, w := range p.Groups {
		if w != Shown {
			return true
		}
	}
	return p.Total != Shown
}

// Table decides which groups of a breakdown (and whether its total) may be
// published. Each group is a row of the table; every measure is a column
// whose groups add up to its total, or to less when some children are in
// no group shown (the remainder: "not known" left out, say). A suppressed
// row hides all its measures.
//
// The algorithm, deterministic for the same table:
//
//  1. Primary: a row is suppressed when any measure with Small is 1 to 5
//     in it; the total, when a Small measure's total is 1 to 5 (and then
//     step 3 is not needed: with the total suppressed there is no sum to
//     work from).
//  2. Each measure with Alone is protected on its own first (step 3 with
//     that measure only), so this table suppresses at least what that
//     measure's own table does.
//  3. Secondary, for every measure in turn until none needs more: the
//     unpublished part of the total (the total less the published rows)
//     is shared by the hidden members: the suppressed rows that are not
//     empty (an empty row, 0 in every measure, is a group with no
//     children and hides nothing) and, when not zero, the remainder. It
//     is safe when there are no hidden members, when the only one is a
//     remainder that is not itself small, when their sum is 0 (all are
//     zero, which the total already says), or when at least two of them
//     are not zero and their sum is more than their number. Then no
//     member equals the sum (a reader may know which are zero: a share's
//     numerator of 0 can be published as a count in another table), and
//     none is pinned at 1 should a reader take every suppressed cell to be
//     at least 1. Otherwise the row with the smallest non-zero value of
//     that measure not yet suppressed is suppressed (the first in the
//     table's order on a tie); failing that the first row left that is not
//     empty.
//  4. When every row that holds anyone is suppressed and a member could
//     still be worked out, the empty rows are suppressed too, so that
//     nobody can tell which groups hold the children. The total stays:
//     it is the headline that every breakdown and the trend share. Only
//     when no row is empty and a measure is 1 in every row (each group
//     holds one child) is the total suppressed.
//
// Not done: relations between tables other than Alone (two breakdowns of
// the same total share it, but each hides its own rows; a share's
// numerator published as a count indicator of its own is not made to hide
// what the share's table hides), between periods (a year less its first
// three quarters), and groups that overlap (a measure whose groups add up
// to more than its total is left to primary suppression).
func (p Policy) Table(measures []Measure) Protection {
	n := 0
	for _, m := range measures {
		n = max(n, len(m.Groups))
	}
	out := Protection{Groups: make([]Why, n)}
	if p != Publishable {
		return out
	}
	for _, m := range measures {
		if m.Small && p.Small(m.Total) {
			out.Total = Primary
		}
		for i, v := range m.Groups {
			if m.Small && p.Small(v) {
				out.Groups[i] = Primary
			}
		}
	}
	primaryTotal := out.Total != Shown
	for _, m := range measures {
		if m.Alone {
			// As the measure's own table would: only its small cells, then
			// its own secondary suppression.
			own := Protection{Groups: make([]Why, n)}
			if p.Small(m.Total) {
				own.Total = Primary // no sum to work from
			}
			for i, v := range m.Groups {
				if p.Small(v) {
					own.Groups[i] = Primary
				}
			}
			protect(&own, []Measure{m})
			for i, w := range own.Groups {
				if w != Shown && out.Groups[i] == Shown {
					out.Groups[i] = Secondary
				}
			}
			if own.Total != Shown && !primaryTotal {
				out.Total = Secondary
			}
		}
	}
	if !primaryTotal {
		protect(&out, measures)
	}
	return out
}

// protect suppresses further rows (or the total) until every measure is
// safe: step 3 of Table.
func protect(out *Protection, measures []Measure) {
	for out.Total == Shown {
		unsafe := -1
		for j, m := range measures {
			if !safe(out, measures, m) {
				unsafe = j
				break
			}
		}
		if unsafe < 0 {
			return
		}
		if i := nextToHide(out, measures, measures[unsafe]); i >= 0 {
			out.Groups[i] = Secondary
			continue
		}
		// Every group that holds anyone is suppressed. Suppressing the empty
		// ones too, nobody can tell which groups hold the children; with no
		// empty one, the total is suppressed only when each group would be
		// pinned at 1.
		if !hideEmpty(out) && pinned(measures) {
			out.Total = Secondary
		}
		return
	}
}

// hideEmpty suppresses every row still shown, and reports whether there
// was one.
func hideEmpty(out *Protection) bool {
	hid := false
	for i, w := range out.Groups {
		if w == Shown {
			out.Groups[i], hid = Secondary, true
		}
	}
	return hid
}

// pinned reports whether, with every row suppressed, a measure is 1 in
// every row and they add up to the total, so that a reader taking each to
// be at least 1 would know each is 1. (Were any 0, a reader reasoning so
// would be wrong.)
func pinned(measures []Measure) bool {
	for _, m := range measures {
		if m.Total == len(m.Groups) && !slices.ContainsFunc(m.Groups, func(v int) bool { return v != 1 }) {
			return true
		}
	}
	return false
}

// empty reports whether row i is 0 in every measure: a group with no
// children, which a reader may know from elsewhere, so that suppressing it
// hides nothing.
func empty(measures []Measure, i int) bool {
	for _, m := range measures {
		if i < len(m.Groups) && m.Groups[i] != 0 {
			return false
		}
	}
	return true
}

// safe reports whether no hidden member of the measure can be worked out
// from its published total and published rows.
func safe(out *Protection, measures []Measure, m Measure) bool {
	published, hidden, nonZero, sum := 0, 0, 0, 0
	for i, v := range m.Groups {
		switch {
		case out.Groups[i] == Shown:
			published += v
		case !empty(measures, i):
			hidden++
			sum += v
			if v != 0 {
				nonZero++
			}
		}
	}
	remainder := m.Total - published - sum
	switch {
	case remainder < 0:
		return true // the groups overlap: no sum to work from
	case remainder > 0 && hidden == 0:
		// Only what no group holds is unpublished: it must not be small.
		return !m.Small || remainder < smallest || remainder > largest
	case remainder > 0:
		hidden, nonZero, sum = hidden+1, nonZero+1, sum+remainder
	}
	return hidden == 0 || sum == 0 || (nonZero >= 2 && sum > hidden)
}

// nextToHide returns the row to suppress next for the measure: the
// smallest non-zero value not yet suppressed (the first on a tie), or the
// first row left that is not empty, or -1 when there is none.
func nextToHide(out *Protection, measures []Measure, m Measure) int {
	best, first := -1, -1
	for i, w := range out.Groups {
		if w != Shown || empty(measures, i) {
			continue
		}
		if first < 0 {
			first = i
		}
		if v := m.Groups[i]; v != 0 && (best < 0 || v < m.Groups[best]) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	return first
}
