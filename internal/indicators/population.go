package indicators

import "github.com/village-uk/village/calendar"

// Population gives the authority's population aged 0 to 17 on a day: the
// ONS mid-year estimate the DfE uses for rates per 10,000 children. ok is
// false when no estimate is known for that day.
type Population interface {
	Aged0to17(on calendar.Date) (n int, ok bool)
}

// MidYear holds ONS mid-year estimates of the 0-17 population, by the
// calendar year of their 30 June.
type MidYear map[int]int

// Add adds count children (of one sex and age, say) to the estimate for
// mid-year year.
func (m MidYear) Add(year, count int) { m[year] += count }

// Aged0to17 returns the estimate for the latest 30 June on or before the
// day (mid-2025 for 31 March 2026), as the synthetic generator does; ok is
// false when there is none. Which mid-year the DfE divides each 31 March
// by is not confirmed in the spec.
func (m MidYear) Aged0to17(on calendar.Date) (int, bool) {
	y := on.Year()
	if on < calendar.NewDate(y, 6, 30) {
		y--
	}
	n, ok := m[y]
	return n, ok && n > 0
}
