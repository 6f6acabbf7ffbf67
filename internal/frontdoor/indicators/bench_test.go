package indicators

import (
	"fmt"
	"testing"

	"github.com/village-uk/village/internal/frontdoor"
	lac "github.com/village-uk/village/internal/indicators"
)

// BenchmarkComputeAll computes every indicator over the hand-built
// children copied 5,000 times (30,000 children, about the censuses of an
// authority of average size).
func BenchmarkComputeAll(b *testing.B) {
	base := front()
	set := &frontdoor.Set{First: base.First, Last: base.Last}
	for i := range 5_000 {
		for _, c := range base.Children {
			copied := *c
			copied.ID = fmt.Sprintf("%s%05d", c.ID, i)
			set.Children = append(set.Children, &copied)
		}
	}
	in := Input{Year: 2026, Front: set, Care: care(2027), Population: lac.MidYear{2025: 50_000_000}}
	b.ResetTimer()
	for b.Loop() {
		if f := ComputeAll(in); len(f) != len(all) {
			b.Fatal("a figure missing")
		}
	}
}
