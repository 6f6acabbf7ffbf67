package forecast

import (
	"math"
	"testing"

	"github.com/village-uk/village/synth"
)

// TestSynthEntryChange: the synthetic generator with 40% fewer first
// entries from 1 April 2023. The entry rate per child in the population
// estimated on the two years after the change, over the two years before
// it, should be 0.6 for first entries; returns to care (about 8.5% of
// starts in the generator, from children who left before the change) are
// not cut at first, so the ratio of all entries lies between 0.6 and
// 0.6 + 0.085 × 0.4 ≈ 0.63, widened by 3 standard errors of the ratio
// (√(1/before + 1/after) on the log scale).
func TestSynthEntryChange(t *testing.T) {
	if testing.Short() {
		t.Skip("generates six years of a synthetic authority")
	}
	end := day(t, "31/03/2026")
	a, err := generate(synth.Config{Children: 600, Years: 6, Until: end, Seed: 5, EntryFactor: 0.6, EntryChangeFrom: day(t, "01/04/2023")})
	if err != nil {
		t.Fatal(err)
	}
	rate := func(from, to string) (entries int, perChild float64) {
		r, err := Estimate(a.set, EstimateOptions{From: day(t, from), To: day(t, to), DataEnd: end, Population: a.pop})
		if err != nil {
			t.Fatal(err)
		}
		exposure := 0.0
		for b := range Bands {
			entries += r.Entries[b]
			exposure += r.EntryExposure[b]
		}
		return entries, float64(entries) / exposure
	}
	n1, before := rate("01/04/2021", "31/03/2023")
	n2, after := rate("01/04/2024", "31/03/2026")
	ratio := after / before
	se := math.Sqrt(1/float64(n1) + 1/float64(n2))
	lo, hi := 0.6*math.Exp(-3*se), (0.6+0.085*0.4)*math.Exp(3*se)
	t.Logf("entries %d before, %d after; ratio %.3f, allowed %.3f to %.3f", n1, n2, ratio, lo, hi)
	if ratio < lo || ratio > hi {
		t.Errorf("entry rate after the change ÷ before = %.3f; want %.3f to %.3f", ratio, lo, hi)
	}
}
