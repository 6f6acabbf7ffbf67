// Package ledger is the savings ledger: for each programme of
// interventions, the placement weeks and pounds its forecast scenario
// avoids against one baseline forecast, attributed so that each avoided
// pound belongs to one programme (by a declared order of precedence, or
// an even split of the overlap), by financial quarter against the
// programmes' savings targets. METHOD.md explains it for a finance
// officer. It holds figures about programmes, never about a child.
package ledger

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/journey"
)

// Method is METHOD.md, the ledger's method for a finance officer.
//
//go:embed METHOD.md
var Method string

// Options say how to build the ledger.
type Options struct {
	// Forecast are the forecast's options (DataEnd is required); Years
	// defaults to 3 and Simulations to 200 (each programme needs two
	// runs). Scenario and RecentEntries must not be set.
	Forecast forecast.Options
	Split    Split
}

// Limits of the ledger.
const (
	MaxProgrammes      = 20
	defaultYears       = 3
	defaultSimulations = 200
)

// Ledger is the savings ledger, as the pages, JSON, workbook and pack
// render it. Money is in whole pounds.
type Ledger struct {
	DataEnd     string          `json:"data_end"`         // the last day of the data
	Start       string          `json:"projection_start"` // the first day projected
	Split       Split           `json:"split"`            // precedence or even
	Simulations int             `json:"simulations"`
	Seed        uint64          `json:"seed"`
	Inflation   float64         `json:"inflation"`
	Programmes  []Programme     `json:"programmes"`
	Quarters    []Quarter       `json:"quarters"`
	Total       Total           `json:"total"`
	Costs       []forecast.Cost `json:"unit_costs"`
	Notes       []string        `json:"notes"`
	// ChildLevel is false: the ledger holds no figure about a child, so
	// nothing in it needs suppressing.
	ChildLevel bool `json:"child_level_data"`
}

// Programme is one programme's line: its interventions, what it avoids
// alone (gross) and what the ledger books to it (net).
type Programme struct {
	Name          string   `json:"name"`
	Rank          int      `json:"rank"` // 0 unranked
	Order         int      `json:"order"`
	Interventions []string `json:"interventions"`
	AnnualCost    int64    `json:"annual_cost"`
	// Basis says how its savings are measured: against the baseline
	// forecast, from the projection's start.
	Basis  string `json:"basis"`
	Gross  Money  `json:"gross"`
	Net    Money  `json:"net"`
	Target int64  `json:"target"` // the sum of its targets over the quarters shown
	// Weeks are the placement weeks its scenario alone changes, by
	// category: positive avoided, negative added (a step-down adds
	// fostering weeks as it avoids children's home weeks).
	Weeks []CategoryWeeks `json:"weeks_avoided"`
	// InterventionIDs are the register's ids of Interventions, in the
	// same order. The ledger carries no evaluation: an evaluation is of an
	// intervention on each of its series, not of a programme, and is at
	// /api/interventions/{id} (its "evaluation") and `village evaluate
	// --intervention NAME`; these ids lead to it.
	InterventionIDs []int64 `json:"intervention_ids"`
}

// Money is pounds avoided over the quarters shown: the figure the ledger
// uses, and the 90% interval over the simulations (the 5th and 95th
// percentiles), worked out simulation by simulation.
type Money struct {
	Pounds int64 `json:"pounds"`
	P5     int64 `json:"p5"`
	P95    int64 `json:"p95"`
}

// CategoryWeeks are placement weeks in one category.
type CategoryWeeks struct {
	Key   string  `json:"category"`
	Label string  `json:"label"`
	Weeks float64 `json:"weeks"`
}

// Quarter is one financial quarter of the trajectory.
type Quarter struct {
	Quarter string `json:"quarter"` // 2026/27 Q1
	Months  int    `json:"months"`  // projected months in it
	// Gross, Net and Target are by programme, in the programmes' order.
	Gross    []int64 `json:"gross"`
	Net      []int64 `json:"net"`
	Target   []int64 `json:"target"`
	Combined int64   `json:"combined"` // what all the programmes avoid together
	Overlap  int64   `json:"overlap"`  // the sum of gross less combined
	Bookable int64   `json:"bookable"` // the net total finance can book
	// NetP5 and NetP95 are the 90% interval of the bookable total.
	NetP5            int64 `json:"net_p5"`
	NetP95           int64 `json:"net_p95"`
	TargetTotal      int64 `json:"target_total"`
	CumulativeNet    int64 `json:"cumulative_net"`
	CumulativeTarget int64 `json:"cumulative_target"`
}

// Total is the ledger's totals over the quarters shown.
type Total struct {
	Gross    int64 `json:"gross"`    // the sum of the programmes' own claims
	Combined Money `json:"combined"` // what they avoid together
	Overlap  int64 `json:"overlap"`  // gross less combined: what would be counted twice
	Net      Money `json:"net"`      // the total finance can book
	Target   int64 `json:"target"`
	// Unclaimed is what the programmes avoid together beyond the sum of
	// their own claims, which no programme claims and the ledger does
	// not book.
	Unclaimed int64 `json:"unclaimed"`
}

// programmeOf is a programme being built: its interventions and their
// scenarios.
type programmeOf struct {
	name       string
	rank       int
	cost       int64
	names      []string
	ids        []int64
	scenarios  []*forecast.Scenario
	starts     []calendar.Date
	noScenario []string
}

// programmes groups the interventions by programme, in the order of
// precedence: ranked programmes by rank (a programme's rank is its
// interventions' best), then unranked ones, each by name.
func programmes(ivs []interventions.Intervention) ([]*programmeOf, error) {
	byName := map[string]*programmeOf{}
	var out []*programmeOf
	var errs []error
	for _, iv := range ivs {
		name := iv.ProgrammeName()
		p := byName[name]
		if p == nil {
			p = &programmeOf{name: name}
			byName[name] = p
			out = append(out, p)
		}
		if iv.Rank > 0 && (p.rank == 0 || iv.Rank < p.rank) {
			p.rank = iv.Rank
		}
		p.cost += iv.AnnualCost
		p.names = append(p.names, iv.Name)
		p.ids = append(p.ids, iv.ID)
		sc, err := iv.ForecastScenario()
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("intervention %q: %w", iv.Name, err))
		case sc == nil:
			p.noScenario = append(p.noScenario, iv.Name)
		default:
			sc.Name = iv.Name
			p.scenarios = append(p.scenarios, sc)
			p.starts = append(p.starts, iv.Start)
		}
	}
	if len(out) > MaxProgrammes {
		errs = append(errs, fmt.Errorf("%d programmes: the ledger takes at most %d", len(out), MaxProgrammes))
	}
	slices.SortStableFunc(out, func(a, b *programmeOf) int {
		ra, rb := a.rank, b.rank
		if ra == 0 {
			ra = math.MaxInt
		}
		if rb == 0 {
			rb = math.MaxInt
		}
		if ra != rb {
			return cmpInt(ra, rb)
		}
		return strings.Compare(a.name, b.name)
	})
	return out, errors.Join(errs...)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// combination is the scenarios of a set of programmes in one order,
// whatever the order of precedence (by start, then name), so that a set
// of programmes always makes the same run.
func combination(ps []*programmeOf) []*forecast.Scenario {
	var out []*forecast.Scenario
	for _, p := range ps {
		out = append(out, p.scenarios...)
	}
	slices.SortStableFunc(out, func(a, b *forecast.Scenario) int {
		if a.From != b.From {
			return cmpInt(int(a.From), int(b.From))
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Build projects the baseline and the programmes' scenarios, alone and
// together in the order of precedence, and works out the ledger.
func Build(set *journey.Set, ivs []interventions.Intervention, targets []interventions.Target, opts Options) (*Ledger, error) {
	split, ok := ParseSplit(string(opts.Split))
	if !ok {
		return nil, fmt.Errorf("split %q: expected precedence or even", opts.Split)
	}
	ps, err := programmes(ivs)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, errors.New("the register has no interventions: add some (village interventions add or import) before building the ledger")
	}
	fo := opts.Forecast
	if fo.Years == 0 {
		fo.Years = defaultYears
	}
	if fo.Simulations == 0 {
		fo.Simulations = defaultSimulations
	}
	// runs: each programme alone, then the first two, three ... all
	var combos [][]*forecast.Scenario
	for i := range ps {
		combos = append(combos, combination(ps[i:i+1]))
	}
	for k := 2; k <= len(ps); k++ {
		combos = append(combos, combination(ps[:k]))
	}
	runs, err := forecast.ProjectSpends(set, fo, combos)
	if err != nil {
		return nil, fmt.Errorf("forecasting the programmes: %w", err)
	}
	return assemble(ps, runs, targets, split, fo)
}

// assemble works the ledger out from the runs: runs.Runs[i] is
// programme i alone, and runs.Runs[n+k-2] the first k together.
func assemble(ps []*programmeOf, runs *forecast.SpendRuns, targets []interventions.Target, split Split, fo forecast.Options) (*Ledger, error) {
	n := len(ps)
	quarters := quartersOf(runs.MonthEnds)
	alone := func(i int) *forecast.RunSpend { return runs.Runs[i] }
	prefix := func(k int) *forecast.RunSpend { // the first k+1 together
		if k == 0 {
			return runs.Runs[0]
		}
		return runs.Runs[n+k-1]
	}
	// avoided[run][q][s]: pounds avoided in quarter q by simulation s
	avoided := func(r *forecast.RunSpend) [][]float64 {
		out := make([][]float64, len(quarters))
		for q, qr := range quarters {
			out[q] = make([]float64, runs.Sims)
			for s := range runs.Sims {
				for m := qr.first; m < qr.first+qr.months; m++ {
					out[q][s] += runs.Baseline.Spend(s, m) - r.Spend(s, m)
				}
			}
		}
		return out
	}
	grossBy := make([][][]float64, n)
	prefixBy := make([][][]float64, n)
	for i := range n {
		grossBy[i], prefixBy[i] = avoided(alone(i)), avoided(prefix(i))
	}
	l := &Ledger{DataEnd: forecast.ISO(fo.DataEnd), Start: forecast.ISO(monthStart(runs.MonthEnds[0])),
		Split: split, Simulations: runs.Sims, Seed: fo.Seed, Inflation: fo.Inflation, Costs: runs.Result.Costs}
	target := targetsBy(targets)
	// per simulation totals over the quarters, for the intervals
	grossSims := make([][]float64, n)
	netSims := make([][]float64, n)
	for i := range n {
		grossSims[i], netSims[i] = make([]float64, runs.Sims), make([]float64, runs.Sims)
	}
	combinedSims, bookSims := make([]float64, runs.Sims), make([]float64, runs.Sims)
	var cumNet, cumTarget int64
	for q, qr := range quarters {
		row := Quarter{Quarter: qr.quarter.String(), Months: qr.months}
		mean := Claims{}
		for i := range n {
			mean.Gross = append(mean.Gross, math.Round(meanOf(grossBy[i][q])))
			mean.Prefix = append(mean.Prefix, math.Round(meanOf(prefixBy[i][q])))
		}
		net := wholePounds(Attribute(mean, split), mean.Bookable())
		for i, p := range ps {
			row.Gross = append(row.Gross, int64(mean.Gross[i]))
			row.Net = append(row.Net, net[i])
			row.Target = append(row.Target, target[p.name][qr.quarter])
			row.TargetTotal += target[p.name][qr.quarter]
		}
		row.Combined, row.Bookable = int64(mean.Combined()), int64(mean.Bookable())
		row.Overlap = sum(row.Gross) - row.Combined
		cumNet += row.Bookable
		cumTarget += row.TargetTotal
		row.CumulativeNet, row.CumulativeTarget = cumNet, cumTarget
		books := make([]float64, runs.Sims)
		for s := range runs.Sims {
			c := Claims{}
			for i := range n {
				c.Gross = append(c.Gross, grossBy[i][q][s])
				c.Prefix = append(c.Prefix, prefixBy[i][q][s])
			}
			nets := Attribute(c, split)
			for i := range n {
				grossSims[i][s] += c.Gross[i]
				netSims[i][s] += nets[i]
			}
			books[s] = c.Bookable()
			combinedSims[s] += c.Combined()
			bookSims[s] += books[s]
		}
		row.NetP5, row.NetP95 = interval(books)
		l.Quarters = append(l.Quarters, row)
	}
	for i, p := range ps {
		pr := Programme{Name: p.name, Rank: p.rank, Order: i + 1, Interventions: p.names, InterventionIDs: p.ids, AnnualCost: p.cost, Basis: basis(p, fo.DataEnd)}
		for _, qr := range l.Quarters {
			pr.Gross.Pounds += qr.Gross[i]
			pr.Net.Pounds += qr.Net[i]
			pr.Target += qr.Target[i]
		}
		pr.Gross.P5, pr.Gross.P95 = interval(grossSims[i])
		pr.Net.P5, pr.Net.P95 = interval(netSims[i])
		pr.Weeks = weeksAvoided(runs.Baseline, alone(i))
		l.Programmes = append(l.Programmes, pr)
		l.Total.Gross += pr.Gross.Pounds
		l.Total.Target += pr.Target
	}
	for _, qr := range l.Quarters {
		l.Total.Combined.Pounds += qr.Combined
		l.Total.Net.Pounds += qr.Bookable
	}
	l.Total.Combined.P5, l.Total.Combined.P95 = interval(combinedSims)
	l.Total.Net.P5, l.Total.Net.P95 = interval(bookSims)
	l.Total.Overlap = l.Total.Gross - l.Total.Combined.Pounds
	l.Total.Unclaimed = max(0, l.Total.Combined.Pounds-l.Total.Net.Pounds)
	l.notes(ps, fo, runs)
	return l, nil
}

// monthStart is the first day of day d's month.
func monthStart(d calendar.Date) calendar.Date {
	y, m, _ := d.Civil()
	return calendar.NewDate(y, m, 1)
}

// basis says how a programme's savings are measured.
func basis(p *programmeOf, dataEnd calendar.Date) string {
	if len(p.scenarios) == 0 {
		return "No forecast scenario: nothing is counted until one is given."
	}
	text := "Forecast: its scenario against the baseline, from the projection's start."
	for i, start := range p.starts {
		if start <= dataEnd {
			text += fmt.Sprintf(" %s started on %s, before the data's end: what it avoided before the projection is for the evaluation against the pre-period trend, not counted here.", p.scenarios[i].Name, start.Long())
		}
	}
	return text
}

func (l *Ledger) notes(ps []*programmeOf, fo forecast.Options, runs *forecast.SpendRuns) {
	for _, p := range ps {
		for _, name := range p.noScenario {
			l.Notes = append(l.Notes, fmt.Sprintf("%s (programme %s) has no forecast scenario, so it avoids nothing in the ledger.", name, p.name))
		}
	}
	if l.Total.Unclaimed > 0 {
		l.Notes = append(l.Notes, fmt.Sprintf("Together the programmes avoid £%d more than the sum of their own claims: no programme claims it, and the ledger does not book it.", l.Total.Unclaimed))
	}
	l.Notes = append(l.Notes,
		fmt.Sprintf("Every programme is measured against one baseline: the forecast from %s with no programme, %d simulations, seed %d.", l.DataEnd, runs.Sims, fo.Seed),
		fmt.Sprintf("Each avoided pound is booked to one programme, by %s (see the method).", l.splitWords()),
		"The ledger holds figures about programmes, never about a child: nothing in it needs suppressing.")
	l.Notes = append(l.Notes, runs.Result.Notes...)
}

// quarterRange is a financial quarter's projected months.
type quarterRange struct {
	quarter       interventions.Quarter
	first, months int
}

// quartersOf groups the projected months by financial quarter.
func quartersOf(ends []calendar.Date) []quarterRange {
	var out []quarterRange
	for m, end := range ends {
		q := interventions.QuarterOf(end)
		if len(out) == 0 || out[len(out)-1].quarter != q {
			out = append(out, quarterRange{quarter: q, first: m})
		}
		out[len(out)-1].months++
	}
	return out
}

// targetsBy are the targets by programme and quarter.
func targetsBy(targets []interventions.Target) map[string]map[interventions.Quarter]int64 {
	out := map[string]map[interventions.Quarter]int64{}
	for _, t := range targets {
		if out[t.Programme] == nil {
			out[t.Programme] = map[interventions.Quarter]int64{}
		}
		out[t.Programme][t.Quarter] = t.Pounds
	}
	return out
}

// weeksAvoided are the mean placement weeks a run avoids against the
// baseline, by category, over the whole projection.
func weeksAvoided(base, run *forecast.RunSpend) []CategoryWeeks {
	var out []CategoryWeeks
	for c := range forecast.Category(forecast.Categories) {
		w := 0.0
		for m := range base.Weeks {
			w += base.Weeks[m][c] - run.Weeks[m][c]
		}
		out = append(out, CategoryWeeks{Key: c.Key(), Label: c.Label(), Weeks: math.Round(w*10) / 10})
	}
	return out
}

func meanOf(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	t := 0.0
	for _, v := range values {
		t += v
	}
	return t / float64(len(values))
}

func sum(values []int64) int64 {
	var t int64
	for _, v := range values {
		t += v
	}
	return t
}

// interval is the 5th and 95th percentiles of values, in whole pounds.
func interval(values []float64) (p5, p95 int64) {
	if len(values) == 0 {
		return 0, 0
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	at := func(q float64) int64 {
		h := q * float64(len(sorted)-1)
		lo := int(math.Floor(h))
		hi := min(lo+1, len(sorted)-1)
		return int64(math.Round(sorted[lo] + (h-float64(lo))*(sorted[hi]-sorted[lo])))
	}
	return at(0.05), at(0.95)
}
