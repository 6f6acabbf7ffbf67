package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/village-uk/village/calendar"
)

// LAName is the name of the fictional authority.
const LAName = "Villageshire"

// PopulationRow is one cell of the ONS mid-year estimate for the
// authority: the number of children of one sex and single year of age at
// 30 June of Year.
type PopulationRow struct {
	LACode string
	LAName string
	Year   int // calendar year of the mid-year estimate
	Sex    int // 1 male, 2 female, as ONS codes them
	Age    int // 0 to 17
	Count  int
}

// population is the authority's 0-17 population: a total that grows
// steadily and a nearly flat age structure.
type population struct {
	baseYear  int     // mid-year whose total is base
	base      float64 // children aged 0-17 at 30 June of baseYear
	ageShare  [18]float64
	maleShare float64
}

func newPopulation(children, baseYear int) *population {
	p := &population{
		baseYear:  baseYear,
		base:      float64(children) / (targetRatePer10k / 10000),
		maleShare: maleShareOfPopulation,
	}
	// Births in England have fallen since 2012, so the youngest single
	// years are a little smaller than the teenage ones.
	total := 0.0
	for age := range p.ageShare {
		p.ageShare[age] = 1 + ageGradient*(float64(age)-8.5)/8.5
		total += p.ageShare[age]
	}
	for age := range p.ageShare {
		p.ageShare[age] /= total
	}
	return p
}

// total returns the 0-17 population on day d, growing continuously.
func (p *population) total(d calendar.Date) float64 {
	mid := calendar.NewDate(p.baseYear, 6, 30)
	years := float64(d-mid) / 365.25
	return p.base * math.Pow(1+populationGrowth, years)
}

// rows returns the mid-year estimates for the calendar years from and to,
// rounded so that each year's cells add up to its rounded total.
func (p *population) rows(la string, from, to int) []PopulationRow {
	var out []PopulationRow
	for year := from; year <= to; year++ {
		total := p.total(calendar.NewDate(year, 6, 30))
		for sex := 1; sex <= 2; sex++ {
			share := p.maleShare
			if sex == 2 {
				share = 1 - share
			}
			for age := 0; age < 18; age++ {
				out = append(out, PopulationRow{
					LACode: la, LAName: LAName, Year: year, Sex: sex, Age: age,
					Count: int(math.Round(total * share * p.ageShare[age])),
				})
			}
		}
	}
	return out
}

// midYearFor returns the mid-year estimate the DfE would use for a rate at
// day d: the latest 30 June on or before it.
func midYearFor(d calendar.Date) int {
	y := yearOf(d)
	if d >= calendar.NewDate(y, 6, 30) {
		return y
	}
	return y - 1
}

// WritePopulationCSV writes the population in the long layout of the ONS
// mid-year estimates: one row per sex and single year of age, one column
// per mid-year.
func (r *Result) WritePopulationCSV(w io.Writer) error {
	years := map[int]bool{}
	var yearList []int
	type cell struct{ sex, age int }
	counts := map[cell]map[int]int{}
	var cells []cell
	la := ""
	for _, row := range r.Population {
		la = row.LACode
		if !years[row.Year] {
			years[row.Year] = true
			yearList = append(yearList, row.Year)
		}
		c := cell{row.Sex, row.Age}
		if counts[c] == nil {
			counts[c] = map[int]int{}
			cells = append(cells, c)
		}
		counts[c][row.Year] = row.Count
	}
	cw := csv.NewWriter(w)
	header := []string{"ladcode", "laname", "country", "sex", "age"}
	for _, y := range yearList {
		header = append(header, fmt.Sprintf("population_%d", y))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, c := range cells {
		record := []string{la, LAName, "E", strconv.Itoa(c.sex), strconv.Itoa(c.age)}
		for _, y := range yearList {
			record = append(record, strconv.Itoa(counts[c][y]))
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
