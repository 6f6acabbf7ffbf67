package synth

import (
	"io"
	"testing"
)

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Config{Children: 3000, Years: 6, Until: until2026, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGenerateNational(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Config{Children: 60000, Years: 6, Until: until2026, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCINCensus measures the CIN census alone: simulating the
// children in need of an area with 3,000 looked after, building six
// years' censuses and writing them.
func BenchmarkCINCensus(b *testing.B) {
	cfg, err := Config{Children: 3000, Years: 6, Until: until2026, Seed: 1}.check()
	if err != nil {
		b.Fatal(err)
	}
	s := newSim(cfg)
	children := s.simulate()
	b.ResetTimer()
	for b.Loop() {
		l := &cinLater{s: s, children: children}
		l.make()
		for _, c := range l.censuses {
			if err := c.WriteXML(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
