package journey_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// BenchmarkBuildFromStore reads every year of a store holding ten years of
// an authority of 6,500 children looked after (about 150,000 episodes in
// all) from SQLite and builds every child's journey: what the pages and
// the forecasts will do on start-up.
func BenchmarkBuildFromStore(b *testing.B) {
	res, err := synth.Generate(synth.Config{Children: 6500, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Load(ctx, res.Returns, store.LoadSource{}); err != nil {
		b.Fatal(err)
	}
	episodes := 0
	for _, r := range res.Returns {
		episodes += r.Table(ssda903.Episodes).Len()
	}
	var children int
	b.ReportAllocs()
	for b.Loop() {
		returns, err := s.Returns(ctx, journey.Tables...)
		if err != nil {
			b.Fatal(err)
		}
		set, err := journey.Build(returns)
		if err != nil {
			b.Fatal(err)
		}
		children = len(set.Children)
	}
	b.ReportMetric(float64(episodes), "episodes")
	b.ReportMetric(float64(children), "children")
}
