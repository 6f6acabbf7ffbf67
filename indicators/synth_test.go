package indicators

import (
	"testing"

	"github.com/village-uk/village/journey"
	"github.com/village-uk/village/ssda903"
	"github.com/village-uk/village/synth"
)

// populationOf turns the synthetic ONS mid-year estimates (one row per
// sex and single year of age) into a Population.
func populationOf(rows []synth.PopulationRow) MidYear {
	m := MidYear{}
	for _, r := range rows {
		if r.Age >= 0 && r.Age <= 17 {
			m.Add(r.Year, r.Count)
		}
	}
	return m
}

// TestSynthetic checks cla_end against the synthetic generator's own
// count of the children looked after at 31 March, and the rate against
// England's band.
func TestSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("six years of a 3,000-child authority")
	}
	res, err := synth.Generate(synth.Config{Children: 3000, Years: 6, Until: ssda903.NewDate(2026, 3, 31), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	pop := populationOf(res.Population)
	p := Year(res.Report.Year)

	var reported float64 = -1
	for _, m := range res.Report.Measures {
		if m.Name == "children looked after at 31 March" {
			reported = m.Value
		}
	}
	if reported < 0 {
		t.Fatal("the synthetic report has no count of children looked after at 31 March")
	}
	cla := Find("cla_end").Compute(set, p, pop)
	if float64(cla.Numerator) != reported || cla.Value != reported {
		t.Errorf("cla_end %s = %v, the synthetic report says %v", p, cla.Value, reported)
	}
	rate := Find("cla_rate_per_10k").Compute(set, p, pop)
	if !rate.Known || rate.Value < 60 || rate.Value > 80 {
		t.Errorf("cla_rate_per_10k %s = %.1f (known %v, population %d), want 60 to 80", p, rate.Value, rate.Known, rate.Denominator)
	}
	for _, ind := range All() {
		v := ind.Compute(set, p, pop)
		t.Logf("%-22s %8.1f  %d/%d", ind.ID, v.Value, v.Numerator, v.Denominator)
	}
}
