package evaluate

import (
	"github.com/village-uk/village/internal/spc"
)

// rebasedChart is the series' XmR chart re-based at index at: the limits
// from the months before it, then limits recomputed from the months from
// it (the month of transition, when the start is not a month's first day,
// is with the months before).
func rebasedChart(s Series, at int) Chart {
	c := Chart{Values: s.Counts}
	for _, m := range s.Months {
		c.Months = append(c.Months, m.Label)
	}
	better := spc.Neither
	if s.LowerIsBetter {
		better = spc.LowerIsBetter
	}
	before, after := spc.Rebased(s.Counts, at, better)
	c.Phases = append(c.Phases, phaseOf(before, 0))
	if after != nil {
		c.Phases = append(c.Phases, phaseOf(after, at))
	}
	return c
}

// phaseOf is a chart of the months from first as a phase.
func phaseOf(c *spc.Chart, first int) Phase {
	p := Phase{First: first, Last: first + len(c.Values) - 1, Mean: c.Mean, Upper: c.Upper,
		Lower: max(c.Lower, 0), TrialLimits: c.TooFewToUse}
	for _, s := range c.Signals {
		sig := Signal{Rule: s.Rule.Name(), Meaning: s.Meaning.String()}
		for _, i := range s.Points {
			sig.Points = append(sig.Points, first+i)
		}
		p.Signals = append(p.Signals, sig)
	}
	return p
}
