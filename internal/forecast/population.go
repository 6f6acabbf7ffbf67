package forecast

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/population"
)

// Population holds ONS mid-year estimates of the authority's children by
// age band, by the calendar year of their 30 June.
type Population map[int][Bands]float64

// ReadPopulation reads ONS mid-year estimates in the long layout of the
// ONS MYEB files, as indicators.ReadPopulation does (ladcode, laname,
// country, sex, age, population_2020, ...), but keeps the count of each
// age band rather than the 0-17 total. Ages 18 and over are ignored; rows
// of several areas are summed, so give it the authority's rows only.
func ReadPopulation(name string, r io.Reader) (Population, error) {
	p := Population{}
	err := population.Read(name, r, func(year, age, count int) {
		if age < adultAge {
			counts := p[year]
			counts[BandOf(age)] += float64(count)
			p[year] = counts
		}
	})
	if err != nil {
		return nil, err
	}
	if len(p) == 0 {
		return nil, fmt.Errorf("%s: no rows for ages 0 to 17", name)
	}
	return p, nil
}

// On returns the children of each band on day d: the estimate for the
// latest 30 June on or before it. Before the first estimate the first is
// used; after the last, the last is carried forward with its band's
// average yearly growth over up to three years before it, so that entries
// keep pace with a growing or shrinking population.
func (p Population) On(d calendar.Date) [Bands]float64 {
	years := make([]int, 0, len(p))
	for y := range p {
		years = append(years, y)
	}
	sort.Ints(years)
	y := d.Year()
	if d < calendar.NewDate(y, 6, 30) {
		y--
	}
	if v, ok := p[y]; ok {
		return v
	}
	first, last := years[0], years[len(years)-1]
	if y < first {
		return p[first]
	}
	if y < last { // a gap in the years given: the latest before it
		for i := len(years) - 1; i >= 0; i-- {
			if years[i] < y {
				return p[years[i]]
			}
		}
	}
	base := p[last]
	back := last - 3
	for back < last && p.missing(back) {
		back++
	}
	if back == last {
		return base
	}
	var out [Bands]float64
	for b := range out {
		growth := 1.0
		if earlier := p[back][b]; earlier > 0 {
			growth = math.Pow(base[b]/earlier, 1/float64(last-back))
		}
		out[b] = base[b] * math.Pow(growth, float64(y-last))
	}
	return out
}

func (p Population) missing(year int) bool {
	_, ok := p[year]
	return !ok
}
