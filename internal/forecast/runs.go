package forecast

import (
	"errors"
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// SpendRuns are projections of spend for a savings ledger: the baseline
// and one run for each combination of scenarios asked for, all from the
// same rates and the same random numbers, so that the difference between
// two runs is the scenarios' effect simulation by simulation, not chance.
type SpendRuns struct {
	Result    *Result         // the forecast's summary of the baseline (no scenario)
	MonthEnds []calendar.Date // the projected months' last days
	Sims      int
	Baseline  *RunSpend
	Runs      []*RunSpend // one for each combination, in the order asked
}

// RunSpend is one projection's spend and placement weeks month by month.
type RunSpend struct {
	// Pounds[s×months+m] is simulation s's spend in month m: child-weeks
	// in each category × its weekly cost in that financial year's prices,
	// with each scenario's change of unit costs from its start.
	Pounds []float64
	// Weeks[m][c] is the mean over the simulations of the placement weeks
	// spent in category c in month m.
	Weeks [][Categories]float64
}

// Spend is simulation s's spend in month m.
func (r *RunSpend) Spend(s, m int) float64 { return r.Pounds[s*len(r.Weeks)+m] }

// ProjectSpends projects the baseline and, for each combination of
// scenarios, a run with every scenario of the combination applied from
// its own start (From), one on top of another. An empty combination is
// the baseline again.
func ProjectSpends(set *journey.Set, opts Options, combinations [][]*Scenario) (*SpendRuns, error) {
	if opts.Scenario != nil || opts.RecentEntries {
		return nil, errors.New("projecting spends: the scenarios are given as combinations, not in the options")
	}
	p, res, err := prepare(set, opts)
	if err != nil {
		return nil, err
	}
	for i, combo := range combinations {
		for j, sc := range combo {
			if sc == nil {
				return nil, fmt.Errorf("projecting spends: combination %d, scenario %d: missing", i+1, j+1)
			}
		}
	}
	e, cal, base, baseline, _ := p.baseline()
	res.Baseline = baseline
	out := &SpendRuns{Result: res, MonthEnds: cal.ends, Sims: p.opts.Simulations, Baseline: runSpend(base, cal, p.opts, nil)}
	for _, combo := range combinations {
		if len(combo) == 0 {
			out.Runs = append(out.Runs, out.Baseline)
			continue
		}
		sc := *e
		sc.scenario, sc.from = combo[0], max(0, cal.month(combo[0].From))
		sc.later = nil
		for _, later := range combo[1:] {
			sc.later = append(sc.later, stage{scenario: later, from: max(0, cal.month(later.From))})
		}
		alt := sc.run(p.opts.Simulations, p.opts.Workers)
		out.Runs = append(out.Runs, runSpend(alt, cal, p.opts, sc.staged))
	}
	return out, nil
}

// runSpend works out a run's spend month by month, simulation by
// simulation, and its mean placement weeks, with the stages' changes of
// unit costs from their starts.
func runSpend(out *outputs, cal *projectionMonths, opts Options, stages []stage) *RunSpend {
	r := &RunSpend{Pounds: make([]float64, out.sims*out.months), Weeks: make([][Categories]float64, out.months)}
	var weekly [Categories]float64
	for m := range out.months {
		fy := financialYear(cal.ends[m])
		for c := range Category(Categories) {
			weekly[c] = opts.Costs.weeklyIn(c, fy, opts.Inflation)
			for _, st := range stages {
				if m >= st.from {
					weekly[c] *= st.scenario.costFactor(c)
				}
			}
		}
		for s := range out.sims {
			at := (s*out.months + m) * Categories
			total := 0.0
			for c, v := range out.occupied[at : at+Categories] {
				weeks := float64(v) * float64(cal.days[m]) / 7
				total += weeks * weekly[c]
				r.Weeks[m][c] += weeks / float64(out.sims)
			}
			r.Pounds[s*out.months+m] = total
		}
	}
	return r
}
