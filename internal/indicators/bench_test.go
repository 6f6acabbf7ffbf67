package indicators

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
)

// benchSet is ten years of a 3,000-child synthetic authority.
func benchSet(b *testing.B) *journey.Set {
	b.Helper()
	res, err := synth.Generate(synth.Config{Children: 3000, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// BenchmarkAll computes every indicator for one collection year.
func BenchmarkAll(b *testing.B) {
	set := benchSet(b)
	p := calendar.Year(2026).Period()
	pop := MidYear{2025: 450000}
	b.ResetTimer()
	for b.Loop() {
		for _, ind := range all {
			ind.Compute(set, p, pop)
		}
	}
}

// BenchmarkAllBreakdowns computes every indicator for one collection year
// by every characteristic, as a pack does.
func BenchmarkAllBreakdowns(b *testing.B) {
	set := benchSet(b)
	p := calendar.Year(2026).Period()
	b.ResetTimer()
	for b.Loop() {
		for _, ind := range all {
			for _, by := range AllBreakdowns() {
				Breakdown(ind, set, p, by, disclose.Publishable)
			}
		}
	}
}
