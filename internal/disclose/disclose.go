// Package disclose is the one place that decides what may be published.
//
// Analysts see exact figures (Exact). Figures for circulation (Publishable)
// follow the DfE's and the ONS's disclosure guidance:
//
//   - Primary suppression: a count of 1 to 5 children is suppressed; 0 is
//     shown.
//   - Derived figures: a share, rate, mean or median is suppressed when any
//     count it derives from is. A share is suppressed too when its
//     denominator is 1 to 5 (none of three is as telling as all three) or
//     when the complement of its numerator in its denominator is 1 to 5
//     (97 of 100 reveals the 3 who were not).
//   - Secondary suppression: in a table of groups that add up to a total
//     (a breakdown), more cells are suppressed so that no suppressed cell
//     can be worked out from the published total and the other published
//     cells (Policy.Table).
//
// How a figure is shown is decided here too: Cell.Text gives "c" for a
// suppressed figure and "x" for one not known, Cell.JSON gives null, and
// Cell.Reason says why in words. Nothing else compares text to "c".
package disclose

import (
	"math"
	"strconv"
)

// Policy says who the figures are for.
type Policy int

const (
	Exact       Policy = iota // analysts: every figure as it is
	Publishable               // circulation: small numbers and what reveals them suppressed
)

// PolicyOf returns Publishable when publishable is true, Exact otherwise.
func PolicyOf(publishable bool) Policy {
	if publishable {
		return Publishable
	}
	return Exact
}

func (p Policy) String() string {
	if p == Publishable {
		return "publishable"
	}
	return "exact"
}

// smallest and largest are the counts primary suppression hides.
const (
	smallest = 1
	largest  = 5
)

// Small reports whether the policy suppresses a count of n children:
// 1 to 5, when publishable.
func (p Policy) Small(n int) bool { return p == Publishable && n >= smallest && n <= largest }

// Why is why a cell is not shown.
type Why int

const (
	Shown     Why = iota // published as it is
	Primary              // a count of 1 to 5, or a figure that reveals one
	Secondary            // published, it would let a suppressed cell be worked out
	Derived              // worked out from a suppressed cell
)

func (w Why) String() string {
	switch w {
	case Primary:
		return "primary"
	case Secondary:
		return "secondary"
	case Derived:
		return "derived from a suppressed figure"
	}
	return "shown"
}

// Cell is one figure as the policy lets it be published.
type Cell struct {
	Value    float64
	Decimals int  // decimal places shown: 0 for counts
	Known    bool // false when the figure cannot be computed
	Why      Why  // Shown, or why the figure is suppressed
}

// SuppressedText and NotKnownText are how text, CSV and the pages show a
// suppressed figure and one that is not known, as the DfE does.
const (
	SuppressedText = "c"
	NotKnownText   = "x"
)

// reason is what the JSON says of every suppressed figure. It does not
// say whether the suppression was primary or secondary: knowing that a
// cell was suppressed only to protect another (and so is over 5) would
// narrow down the other.
const reason = "suppressed: a count of 1 to 5 children, or a figure from which one could be worked out"

// Suppressed reports whether the cell is not published.
func (c Cell) Suppressed() bool { return c.Why != Shown }

// Text writes the cell for text, CSV and the pages: x when not known, c
// when suppressed, otherwise the value with its decimals.
func (c Cell) Text() string {
	switch {
	case !c.Known:
		return NotKnownText
	case c.Suppressed():
		return SuppressedText
	case c.Decimals == 0:
		return strconv.Itoa(int(math.Round(c.Value)))
	}
	return strconv.FormatFloat(c.Value, 'f', c.Decimals, 64)
}

// JSON returns the value for JSON: nil (null) when not known or
// suppressed.
func (c Cell) JSON() *float64 {
	if !c.Known || c.Suppressed() {
		return nil
	}
	v := c.Value
	return &v
}

// Count returns the count for JSON: nil (null) when suppressed.
func (c Cell) Count() *int {
	if c.Suppressed() {
		return nil
	}
	n := int(math.Round(c.Value))
	return &n
}

// Reason says why the cell is not given, for JSON beside its null: "" when
// it is shown or simply not known.
func (c Cell) Reason() string {
	if c.Suppressed() {
		return reason
	}
	return ""
}

// Hide returns the cell suppressed for why, unless it is already.
func (c Cell) Hide(why Why) Cell {
	if !c.Suppressed() {
		c.Why = why
	}
	return c
}

// Count returns a count of children as the policy publishes it: 1 to 5
// suppressed when publishable.
func (p Policy) Count(n int) Cell {
	c := Cell{Value: float64(n), Known: true}
	if p.Small(n) {
		c.Why = Primary
	}
	return c
}

// Number returns a figure derived from counts of children (a rate, a mean,
// a median, a count of episodes of the children counted): suppressed
// when any count it derives from is 1 to 5. Counts of 0 suppress nothing.
func (p Policy) Number(value float64, decimals int, known bool, from ...int) Cell {
	c := Cell{Value: value, Decimals: decimals, Known: known}
	for _, n := range from {
		if p.Small(n) {
			c.Why = Primary
		}
	}
	return c
}

// Share returns a share (a percentage) of den children of whom num count:
// suppressed when num, den or the complement den−num is 1 to 5, since any
// of them, published or worked out from what is, would reveal a small
// number of children.
func (p Policy) Share(value float64, decimals int, known bool, num, den int) Cell {
	return p.Number(value, decimals, known, num, den, den-num)
}
