package evaluate

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/spc"
)

// rebasedChart is the series' XmR chart re-based at the first month
// after the start: the limits from the months before it, then limits
// recomputed from the months from it (the month of transition, when the
// start is not a month's first day, is with the months before). A series
// with an exposure is charted as its rate (or mean), without the months
// that have no exposure.
func rebasedChart(s Series, firstAfter calendar.Date) Chart {
	var c Chart
	at := -1
	for i, m := range s.Months {
		v := s.Counts[i]
		if s.Exposure != nil {
			if s.Exposure[i] == 0 {
				continue
			}
			v /= s.Exposure[i]
		}
		if at < 0 && m.Start >= firstAfter {
			at = len(c.Values)
		}
		c.Months = append(c.Months, m.Label)
		c.Values = append(c.Values, v)
	}
	if at < 0 {
		at = len(c.Values)
	}
	better := spc.Neither
	if s.LowerIsBetter {
		better = spc.LowerIsBetter
	}
	before, after := spc.Rebased(c.Values, at, better)
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
