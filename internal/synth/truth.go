package synth

import "github.com/village-uk/village/calendar"

// Truth is what the generator was told, in the terms of a model that
// learns rates from the returns, so that a model's tests can check that it
// recovers them. Rates are a month, per child.
type Truth struct {
	// FirstEntryRate is the expected number of first entries to care a
	// month per child of each single year of age (0 to 17) in the
	// population, unaccompanied asylum-seeking children included, before
	// EntryChangeFrom; FirstEntryRateAfter is the same from it (equal
	// without a change). Returns to care are not in it: they follow from
	// earlier leavers, at no fixed rate.
	FirstEntryRate      [18]float64
	FirstEntryRateAfter [18]float64
	EntryChangeFrom     calendar.Date // 0 without a change

	// PopulationShare is each single year of age's share of the 0-17
	// population, the same in every year, to weight FirstEntryRate over
	// a band of ages.
	PopulationShare [18]float64

	// LongTermLeaveRate is the constant hazard with which a child in
	// long-term care (on a care order, or accommodated for the long
	// term) leaves it, by age on the day: leaves care, or, for a child
	// on a care order going home, is first placed with parents. Other
	// routes (proceedings, adoption, short stays, unaccompanied
	// children) follow durations, not constant hazards; after three years
	// in a period of care nearly every child left is in long-term care.
	LongTermLeaveRate [18]float64
}

// daysPerMonth is the average length of a month.
const daysPerMonth = 365.25 / 12

// truth returns what the simulation was told.
func (s *sim) truth() *Truth {
	t := &Truth{PopulationShare: s.pop.ageShare}
	perDay, uascPerDay := firstEntryRates(s.pop)
	factor := 1.0
	if s.entryFactor != 1 {
		factor, t.EntryChangeFrom = s.entryFactor, s.entryChangeFrom
	}
	for age := range t.FirstEntryRate {
		rate := (perDay[age] + uascPerDay*uascAgeShare[age]/s.pop.ageShare[age]) * daysPerMonth
		t.FirstEntryRate[age] = rate
		t.FirstEntryRateAfter[age] = rate * factor
		t.LongTermLeaveRate[age] = longTermHazard[ageBand(age)] / 12
	}
	return t
}

// firstEntryRates returns the rates of first entry to care a day: per
// child of each age, other than unaccompanied asylum-seeking children,
// and per child aged 0-17 for them (spread over ages by uascAgeShare).
func firstEntryRates(pop *population) (perDay [18]float64, uascPerDay float64) {
	for age := range perDay {
		uasc := uascShareOfStarts * uascAgeShare[age]
		share := max(0, startAgeShare[age]-uasc)
		// a rate per child of that age, so entries follow the population
		perDay[age] = startsPer10k / 10000 * (1 - reentryShare) * share / pop.ageShare[age] / 365.25
	}
	return perDay, startsPer10k / 10000 * uascShareOfStarts / 365.25
}
