package journey

import (
	"fmt"

	"github.com/village-uk/village/calendar"
)

// Coverage is how much of a period the set's returns cover (Set.Span).
// A set that does not know its span covers every period.
type Coverage struct {
	Asked       calendar.Period // the period asked for
	First, Last calendar.Year   // the first and last returns' years; zero when not known
	// Span is the days the returns cover (Set.Span's), without its label,
	// which is not needed here: Cover runs for every figure of a page.
	Span struct{ Start, End calendar.Date }
}

// Cover returns how much of period p the returns cover.
func (s *Set) Cover(p calendar.Period) Coverage {
	c := Coverage{Asked: p}
	if s.First > 0 && s.Last > 0 {
		c.First, c.Last = s.First, s.Last
		c.Span.Start, c.Span.End = s.First.Start(), s.Last.End()
	}
	return c
}

func (c Coverage) known() bool { return c.First > 0 }

// None reports whether the returns cover no day of the period.
func (c Coverage) None() bool {
	return c.known() && (c.Asked.End < c.Span.Start || c.Asked.Start > c.Span.End)
}

// Whole reports whether the returns cover every day of the period.
func (c Coverage) Whole() bool {
	return !c.known() || c.Asked.Start >= c.Span.Start && c.Asked.End <= c.Span.End
}

// Partly reports whether the returns cover some days of the period but
// not all.
func (c Coverage) Partly() bool { return !c.None() && !c.Whole() }

// Range says which years the returns cover: "2020/21 to 2025/26", or
// "2025/26" for one.
func (c Coverage) Range() string {
	if c.First == c.Last {
		return c.First.String()
	}
	return c.First.String() + " to " + c.Last.String()
}

// Err is nil unless the returns cover no day of the period; then it says
// so: "no data for 2026/27: the returns cover 2020/21 to 2025/26".
func (c Coverage) Err() error {
	if !c.None() {
		return nil
	}
	return fmt.Errorf("no data for %s: the returns cover %s", c.Asked.Label, c.Range())
}

// Note says how a period partly covered is covered, "partly covered: the
// returns start on 1 April 2020" (or end on a day, or both); "" for a
// period wholly covered or not at all.
func (c Coverage) Note() string {
	if !c.Partly() {
		return ""
	}
	var parts []string
	if c.Asked.Start < c.Span.Start {
		parts = append(parts, "start on "+c.Span.Start.Long())
	}
	if c.Asked.End > c.Span.End {
		parts = append(parts, "end on "+c.Span.End.Long())
	}
	note := "partly covered: the returns " + parts[0]
	if len(parts) == 2 {
		note += " and " + parts[1]
	}
	return note + "; figures are for the days they cover"
}

// Covered returns the days of the period the returns cover, under the
// period's label and kind: the period itself when it is wholly covered.
// Figures for a period partly covered are computed over these days only,
// since before the first return or after the last nothing is known. For a
// period not covered at all it returns the period.
func (c Coverage) Covered() calendar.Period {
	if c.Whole() || c.None() {
		return c.Asked
	}
	p := c.Asked
	p.Start, p.End = max(p.Start, c.Span.Start), min(p.End, c.Span.End)
	return p
}
