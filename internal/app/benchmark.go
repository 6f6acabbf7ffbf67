package app

import (
	"context"
	"fmt"

	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// OwnFromFolder reads the returns in dir (a folder of year folders, as
// village synth writes them) as load reads them, and computes the
// authority's figures that have a published counterpart, for each year.
func OwnFromFolder(dir, la string, pop indicators.Population) (map[string][]benchmark.Own, error) {
	rets, _, err := readYears([]string{dir}, la, false)
	if err != nil {
		return nil, err
	}
	care, err := journey.Build(rets)
	if err != nil {
		return nil, fmt.Errorf("building journeys from %s: %w", dir, err)
	}
	in := benchmark.Returns{Care: care, Population: pop}
	censuses, _, err := readCINYears([]string{dir}, la, false)
	if err != nil {
		return nil, err
	}
	if len(censuses) > 0 {
		in.Front = frontdoor.Build(censuses)
	}
	return benchmark.OwnFigures(in), nil
}

// OwnFromStore computes the authority's figures that have a published
// counterpart from the store: care is its journeys, as the pages build them.
func OwnFromStore(ctx context.Context, s *store.Store, care *journey.Set, pop indicators.Population) (map[string][]benchmark.Own, error) {
	in := benchmark.Returns{Care: care, Population: pop}
	censuses, err := s.CIN().Returns(ctx)
	if err != nil {
		return nil, err
	}
	if len(censuses) > 0 {
		in.Front = frontdoor.Build(censuses)
	}
	return benchmark.OwnFigures(in), nil
}
