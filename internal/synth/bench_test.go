package synth

import (
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
