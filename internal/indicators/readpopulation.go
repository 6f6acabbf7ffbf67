package indicators

import (
	"io"

	"github.com/village-uk/village/internal/refdata/population"
)

// ReadPopulation reads ONS mid-year estimates in the long layout of the
// ONS MYEB files: one row per area, sex and single year of age, with a
// population_YYYY column per mid-year (ladcode, laname, country, sex, age,
// population_2020, ...). Ages 0 to 17 are summed for each mid-year; other
// ages are ignored. A file covering several areas is summed over them, so
// give it the authority's rows only.
func ReadPopulation(name string, r io.Reader) (MidYear, error) {
	m := MidYear{}
	err := population.Read(name, r, func(year, age, count int) {
		if age <= 17 {
			m.Add(year, count)
		}
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}
