package spc

import (
	"fmt"
	"strings"
)

// Point is one point of a series: its label (a month, quarter or year) and
// its value, when known.
type Point struct {
	Label string
	Value float64
	Known bool
}

// Series is a series to chart and describe: what it is, the points, which
// way is better, and whether each point is much like the one before.
type Series struct {
	Title  string // "Children who started to be looked after"
	Period string // what one point is, in the singular: "month", "quarter", "year"
	Points []Point
	Better Direction
	// Autocorrelated says why each point is much like the one before, as
	// "a count on the period's last day", for a stock or a rolling share;
	// "" for a flow. indicators.md ("Statistical process control",
	// autocorrelated series): such a series' moving ranges are small, so
	// most of its points fall outside its limits and its signals mislead;
	// it is charted with that caveat beside the chart.
	Autocorrelated string
}

// Reading is a series' control chart over its known points, with each
// point's place in the series.
type Reading struct {
	Series Series
	Chart  *Chart
	Labels []string // each chart value's label
	Index  []int    // each chart value's point in Series.Points
}

// Read computes the control chart of the series' known points; unknown
// points are left out.
func (s Series) Read() *Reading {
	r := &Reading{Series: s}
	var values []float64
	for i, p := range s.Points {
		if p.Known {
			values = append(values, p.Value)
			r.Labels = append(r.Labels, p.Label)
			r.Index = append(r.Index, i)
		}
	}
	r.Chart = New(values, s.Better)
	return r
}

// Note is one line of a chart in words: a special cause, numbered as the
// chart numbers it, or a caution about the chart as a whole (Number 0).
type Note struct {
	Text    string
	Number  int // the signal's number on the chart, from 1; 0 for a caution
	Meaning Variation
}

// Signal reports whether the note is a special cause rather than a
// caution.
func (n Note) Signal() bool { return n.Number > 0 }

// Tag names what the note is, for the tag beside it: "Improvement",
// "Concern", "Special cause" or "Caution".
func (n Note) Tag() string {
	switch {
	case !n.Signal():
		return "Caution"
	case n.Meaning == Improvement:
		return "Improvement"
	case n.Meaning == Concern:
		return "Concern"
	}
	return "Special cause"
}

// Signals is the number of special causes among notes.
func Signals(notes []Note) int {
	n := 0
	for _, note := range notes {
		if note.Signal() {
			n++
		}
	}
	return n
}

// Texts is the notes' words.
func Texts(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Text
	}
	return out
}

// Notes describes the chart in words: its cautions (too few points; a
// stock or rolling share), then one note for each signal of Chart.Signals,
// in the same order and with the same numbers, as "Starts was above the
// mean for 8 months (Jul 2025 to Feb 2026): concern." Signals that ended
// before point since (an index into Series.Points) are left out, and so
// is the caution about too few points.
func (r *Reading) Notes(since int) []Note {
	var notes []Note
	if r.Chart.TooFewToUse && since == 0 {
		notes = append(notes, Note{Text: fmt.Sprintf("Fewer than %d %ss of figures: too few for the process limits to mean much.",
			minPoints, r.period())})
	}
	if r.Chart.Sparse() && since == 0 {
		notes = append(notes, Note{Text: fmt.Sprintf("%s is a small count (a mean of %.1f a %s), which varies a lot by chance: "+
			"its limits are a rough guide, and one %s's figure says little.", r.Series.Title, r.Chart.Mean, r.period(), r.period())})
	}
	if caveat := r.Caveat(); caveat != "" {
		notes = append(notes, Note{Text: caveat})
	}
	for n, s := range r.Chart.Signals {
		if r.Index[s.Last] >= since {
			notes = append(notes, Note{Text: r.note(s), Number: n + 1, Meaning: s.Meaning})
		}
	}
	return notes
}

// Caveat is the warning a stock or rolling share's chart carries beside
// it, "" for a flow.
func (r *Reading) Caveat() string {
	why := r.Series.Autocorrelated
	if why == "" {
		return ""
	}
	p := r.period()
	return fmt.Sprintf("%s is %s, so each %s's figure is much like the last: its moving ranges are small, its process limits narrow, "+
		"and points outside them and long runs are expected. Read its signals as changes of level over several %ss, not as events; "+
		"the flows (starts and ceases) show change %s by %s.", r.Series.Title, why, p, p, p, p)
}

// period is what one point is: "month" unless the series says.
func (r *Reading) period() string {
	if r.Series.Period == "" {
		return "month"
	}
	return r.Series.Period
}

// note is one signal in words.
func (r *Reading) note(s Signal) string {
	labels, title, unit := r.Labels, r.Series.Title, r.period()+"s"
	span := fmt.Sprintf("%s to %s", labels[s.First], labels[s.Last])
	if s.First == s.Last {
		span = labels[s.First]
	}
	n := s.Last - s.First + 1
	above := map[bool]string{true: "above", false: "below"}[s.High]
	var text string
	switch s.Rule {
	case OutsideLimits:
		text = fmt.Sprintf("%s was %s the upper process limit in %s", title, above, span)
		if !s.High {
			text = fmt.Sprintf("%s was below the lower process limit in %s", title, span)
		}
		if n > 1 {
			text = fmt.Sprintf("%s was %s the %s process limit for %d %s in a row (%s)", title, above,
				map[bool]string{true: "upper", false: "lower"}[s.High], n, unit, span)
		}
	case Shift:
		text = fmt.Sprintf("%s was %s the mean for %d %s in a row (%s)", title, above, n, unit, span)
	case Trend:
		dir := map[bool]string{true: "rose", false: "fell"}[s.High]
		text = fmt.Sprintf("%s %s for %d %s in a row (%s)", title, dir, n, unit, span)
	case NearLimit:
		side := map[bool]string{true: "upper", false: "lower"}[s.High]
		text = fmt.Sprintf("%s was close to its %s process limit in %d of %d %s (%s)", title, side, len(s.Points), n, unit, span)
	default:
		text = fmt.Sprintf("%s: signal %d in %s", title, s.Rule, span)
	}
	return text + ": " + meaningWords(s.Meaning) + "."
}

// meaningWords is a signal's meaning as a note ends with it.
func meaningWords(v Variation) string {
	if v == Neutral {
		return "a special cause, neither better nor worse in itself"
	}
	return strings.ToLower(v.String())
}
