package spc

// Rebased returns the chart of values re-based at index at, as Making Data
// Count re-bases a chart at a known change (the start of a panel, say):
// one chart of the points before it, with the limits from them, and one
// of the points from it, with the limits recomputed from those alone. Each
// chart's signals index its own points. The second is nil when at is not
// before the end; the first has no points when at is 0 or less.
func Rebased(values []float64, at int, better Direction) (before, after *Chart) {
	at = max(0, min(at, len(values)))
	before = New(values[:at:at], better)
	if at < len(values) {
		after = New(values[at:], better)
	}
	return before, after
}

// Name is how a page or a file names the rule.
func (r Rule) Name() string {
	switch r {
	case OutsideLimits:
		return "outside limits"
	case Shift:
		return "shift"
	case Trend:
		return "trend"
	case NearLimit:
		return "two of three near a limit"
	}
	return "unknown rule"
}
