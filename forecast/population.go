package forecast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/village-uk/village/ssda903"
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
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header row: %w", name, err)
	}
	age := -1
	years := map[int]int{} // column → mid-year
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		switch {
		case h == "age":
			age = i
		case strings.HasPrefix(h, "population_"):
			y, err := strconv.Atoi(strings.TrimPrefix(h, "population_"))
			if err != nil {
				return nil, fmt.Errorf("%s:1: column %d %q: expected population_ and a year", name, i+1, header[i])
			}
			years[i] = y
		}
	}
	if age < 0 || len(years) == 0 {
		return nil, fmt.Errorf("%s:1: expected an age column and population_YYYY columns, as the ONS mid-year estimates have", name)
	}
	p := Population{}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		a, err := strconv.Atoi(strings.TrimSpace(record[age]))
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: age %q: expected a whole number", name, line, age+1, record[age])
		}
		if a < 0 || a >= adultAge {
			continue
		}
		for col, y := range years {
			n, err := strconv.Atoi(strings.TrimSpace(record[col]))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s:%d:%d: %s %q: expected a whole number", name, line, col+1, header[col], record[col])
			}
			counts := p[y]
			counts[BandOf(a)] += float64(n)
			p[y] = counts
		}
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
func (p Population) On(d ssda903.Date) [Bands]float64 {
	years := make([]int, 0, len(p))
	for y := range p {
		years = append(years, y)
	}
	sort.Ints(years)
	y := d.Year()
	if d < ssda903.NewDate(y, 6, 30) {
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
