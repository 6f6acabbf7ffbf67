package spc

import "fmt"

// Point is one point of a series as Notes reads it: its label (a month or
// quarter) and its value, when known.
type Point struct {
	Label string
	Value float64
	Known bool
}

// Notes describes the control chart of points in words, counting in unit
// (say "months"), as "Starts per
// 10,000 was above the mean for 8 months (Jul 2025 to Feb 2026)", leaving
// out signals that ended before point since. Unknown points are left out
// of the chart. With since 0 it also warns when there are too few points
// for the limits to mean much.
func Notes(title, unit string, points []Point, since int) []string {
	var values []float64
	var labels []string
	var index []int // each value's point
	for i, p := range points {
		if p.Known {
			values = append(values, p.Value)
			labels = append(labels, p.Label)
			index = append(index, i)
		}
	}
	chart := New(values)
	var notes []string
	if chart.TooFewToUse && since == 0 {
		notes = append(notes, fmt.Sprintf("Fewer than %d %s of figures: too few for the control limits to mean much.", minPoints, unit))
	}
	var kept []Signal
	for _, s := range chart.Signals {
		if index[s.Last] >= since {
			kept = append(kept, s)
		}
	}
	for _, s := range merged(kept) {
		notes = append(notes, note(title, unit, s, labels))
	}
	return notes
}

// merged joins signals of the same rule and side that touch or overlap,
// so that nine months in a row outside the limits make one note, not nine.
// Signals come grouped by rule, each rule's in order.
func merged(signals []Signal) []Signal {
	var out []Signal
	for _, s := range signals {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if last.Rule == s.Rule && last.High == s.High && s.First <= last.Last+1 {
				last.Last = max(last.Last, s.Last)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// note is one signal in words.
func note(title, unit string, s Signal, labels []string) string {
	span := fmt.Sprintf("%s to %s", labels[s.First], labels[s.Last])
	if s.First == s.Last {
		span = labels[s.First]
	}
	n := s.Last - s.First + 1
	above := map[bool]string{true: "above", false: "below"}[s.High]
	switch s.Rule {
	case OutsideLimits:
		if n > 1 {
			return fmt.Sprintf("%s was %s the process limits for %d %s in a row (%s).", title, above, n, unit, span)
		}
		return fmt.Sprintf("%s was %s the process limits in %s.", title, above, span)
	case Shift:
		return fmt.Sprintf("%s was %s the mean for %d %s (%s).", title, above, n, unit, span)
	case Trend:
		dir := map[bool]string{true: "rose", false: "fell"}[s.High]
		return fmt.Sprintf("%s %s for %d %s in a row (%s).", title, dir, n, unit, span)
	case NearLimit:
		side := map[bool]string{true: "upper", false: "lower"}[s.High]
		return fmt.Sprintf("%s was close to its %s limit in two or more of every three %s (%s).", title, side, unit, span)
	}
	return fmt.Sprintf("%s: signal %d in %s.", title, s.Rule, span)
}
