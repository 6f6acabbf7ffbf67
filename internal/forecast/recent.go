package forecast

import (
	"fmt"
	"math"

	"github.com/village-uk/village/calendar"
)

// recentMonths is how many of the entries' window's last months are
// compared with the months before them for a late change in entries.
const recentMonths = 6

// minEarlierMonths is the fewest months of the entries' window before the
// recent ones that the comparison needs.
const minEarlierMonths = 3

// lateChangeLevel is the two-sided significance level at which a late
// change in entries is reported and offered as a scenario.
const lateChangeLevel = 0.05

// RecentEntries compares the entry rate of the entries' window's last six
// months with that of the months before them, to say when entries have
// changed late in the window beyond chance: the forecast's rate, over the
// whole entries' window, then takes in only part of the change.
//
// The test is conditional on the window's entries: with n₀ entries in
// exposure x₀ before and n₁ in x₁ after (child-months of the population,
// or months without a population), if the rate did not change n₁ given
// n = n₀ + n₁ is binomial with share p = x₁ ÷ (x₀ + x₁). Entries vary more
// than that from month to month (siblings coming into care together), so
// the variance n p (1 − p) is multiplied by the window's over-dispersion
// φ (Rates.EntryDispersion, at least 1), and z = (n₁ − n p) ÷ √(n p (1 −
// p) φ) is compared with the normal distribution, two-sided. φ is
// measured over the whole reference window, a late change included,
// which makes the test conservative.
type RecentEntries struct {
	Months        int     `json:"months"`         // the recent months compared
	From          string  `json:"from"`           // their first day
	Entries       int     `json:"entries"`        // in the recent months
	Earlier       int     `json:"earlier"`        // in the months of the entries' window before them
	EarlierMonths int     `json:"earlier_months"` // how many months those are
	Rate          float64 `json:"rate"`           // a month per child in the population (or a month), in the recent months
	WindowRate    float64 `json:"window_rate"`    // the same in the months of the entries' window before them
	BaselineRate  float64 `json:"baseline_rate"`  // over the whole entries' window: the forecast's rate
	Ratio         float64 `json:"ratio"`          // Rate ÷ WindowRate
	RatioSE       float64 `json:"ratio_se"`       // its standard error, over-dispersion allowed for
	Dispersion    float64 `json:"dispersion"`     // φ
	PValue        float64 `json:"p_value"`        // two-sided
	Significant   bool    `json:"significant"`    // PValue < 0.05
	// Scenario is the recent rate as a scenario from the start: entries
	// changed by Rate ÷ BaselineRate − 1, as the baseline already takes in
	// the recent months at their share of the entries' window.
	Scenario *Scenario `json:"scenario"`
}

// recentEntries compares the last recentMonths of the entries' window
// with the months before them; nil when the window has too few months or
// no entries before them. start is the forecast's start, from which the
// scenario applies.
func recentEntries(r *Rates, pop Population, start calendar.Date) *RecentEntries {
	from := (r.To + 1).AddMonths(-recentMonths)
	if from.AddMonths(-minEarlierMonths) < r.EntryFrom {
		return nil
	}
	x0, x1 := populationMonths(pop, r.EntryFrom, from-1), populationMonths(pop, from, r.To)
	var n0, n1 int
	for _, d := range r.entryDays {
		if d >= from {
			n1++
		} else {
			n0++
		}
	}
	if n0 == 0 || x0 <= 0 || x1 <= 0 {
		return nil
	}
	n, p, phi := float64(n0+n1), x1/(x0+x1), max(1, r.EntryDispersion)
	z := (float64(n1) - n*p) / math.Sqrt(n*p*(1-p)*phi)
	re := &RecentEntries{
		Months: recentMonths, From: ISO(from), Entries: n1, Earlier: n0, EarlierMonths: ordinal(from) - ordinal(r.EntryFrom),
		Rate: float64(n1) / x1, WindowRate: float64(n0) / x0, BaselineRate: n / (x0 + x1),
		Dispersion: phi, PValue: math.Erfc(math.Abs(z) / math.Sqrt2),
	}
	re.Ratio = re.Rate / re.WindowRate
	// the log ratio's variance is φ (1/n₁ + 1/n₀); with no recent entries
	// it is taken at half an entry
	re.RatioSE = re.Ratio * math.Sqrt(phi*(1/max(float64(n1), priorEvents)+1/float64(n0)))
	re.Significant = re.PValue < lateChangeLevel
	re.Scenario = &Scenario{
		Name:               fmt.Sprintf("Entries at the last %d months' rate", recentMonths),
		From:               start + 1,
		EntryChangePercent: (re.Rate/re.BaselineRate - 1) * 100,
		StepDownTo:         FosterInHouse,
	}
	return re
}

// populationMonths is the exposure of the entry rates from from to to,
// both days included: child-months of the population over every band, or
// months without a population.
func populationMonths(pop Population, from, to calendar.Date) float64 {
	if len(pop) == 0 {
		return float64(to-from+1) / daysPerMonth
	}
	x := 0.0
	for d := from; d <= to; d++ {
		for _, n := range pop.On(d) {
			x += n / daysPerMonth
		}
	}
	return x
}

// note says what the comparison found, when it is beyond chance.
func (re *RecentEntries) note(populationBased bool) string {
	rate := func(v float64) string {
		if populationBased {
			return fmt.Sprintf("%.1f a year per 10,000 children", v*12*10_000)
		}
		return fmt.Sprintf("%.1f a month", v)
	}
	change := "rose"
	if re.Ratio < 1 {
		change = "fell"
	}
	return fmt.Sprintf("Entries %s late in the window: %s in the last %d months against %s in the %d months before them, %.2f times the rate (p = %.3f, allowing for entries varying %.1f times as much as chance alone). "+
		"The baseline takes in the last year's rate, %s; to see the forecast at the recent rate (entries %+.0f%%), run village forecast --recent-entries.",
		change, rate(re.Rate), re.Months, rate(re.WindowRate), re.EarlierMonths, re.Ratio, re.PValue, re.Dispersion, rate(re.BaselineRate), re.Scenario.EntryChangePercent)
}
