package indicators

import (
	"bytes"
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/internal/synth"
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
	res, err := synth.Generate(synth.Config{Children: 3000, Years: 6, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var csv bytes.Buffer
	if err := res.WritePostcodesCSV(&csv); err != nil {
		t.Fatal(err)
	}
	dir, err := postcode.Read("postcodes.csv", &csv)
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.BuildWith(res.Returns, journey.Options{Postcodes: dir})
	if err != nil {
		t.Fatal(err)
	}
	pop := populationOf(res.Population)
	p := res.Report.Year.Period()

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
	// The generator's own figures, and how far each indicator may be
	// from them. It counts placements at changes of carer, as the journey
	// does, but has no adoption rule in long-term stability (2 children
	// here). Its children's homes are K1 and K2 only, R and S codes
	// among its other placements; its distance share is of those within
	// 20 miles, the complement of more than 20. Its A2 does not count a
	// match before the order as 0 days.
	for _, m := range []struct {
		id, measure string
		tolerance   float64
		complement  bool
	}{
		{"placements_3plus", "3 or more placements in the year", 0.05, false},
		{"long_term_stability", "long-term stability", 0.5, false},
		{"placed_foster_share", "placed in foster care", 0.05, false},
		{"placed_adoption_share", "placed for adoption", 0.05, false},
		{"placed_parents_share", "placed with parents", 0.05, false},
		{"placed_independent_share", "placed in supported or independent living", 0.05, false},
		{"placed_residential_share", "placed in children's homes or secure homes", 2, false},
		{"placed_out_of_area_share", "placed outside the authority", 1, false},
		{"placed_20_miles_share", "placed within 20 miles of home", 1, true},
		{"adoption_a1_days", "days from entry to placed for adoption", 5, false},
		{"adoption_a2_days", "days from placement order to match", 10, false},
	} {
		v := Find(m.id).Compute(set, p, pop)
		want := reportFigure(res.Report, m.measure)
		if m.complement {
			want = 100 - want
		}
		t.Logf("%-26s %7.1f (%d/%d); the synthetic report: %7.1f", m.id, v.Value, v.Numerator, v.Denominator, want)
		if !v.Known || math.Abs(v.Value-want) > m.tolerance {
			t.Errorf("%s = %.2f (known %v), the synthetic report says %.2f (±%v)", m.id, v.Value, v.Known, want, m.tolerance)
		}
	}
	for _, ind := range All() {
		v := ind.Compute(set, p, pop)
		t.Logf("%-22s %8.1f  %d/%d", ind.ID, v.Value, v.Numerator, v.Denominator)
	}
}

// reportFigure returns the synthetic report's value for a measure, or -1.
func reportFigure(r *synth.Report, name string) float64 {
	for _, m := range r.Measures {
		if m.Name == name {
			return m.Value
		}
	}
	return -1
}
