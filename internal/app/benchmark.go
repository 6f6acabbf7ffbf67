package app

import (
	"context"
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/internal/synth"
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

// SyntheticNational makes synthetic national tables (synth.National)
// around the authority's own figures, for the years its returns give
// children looked after at 31 March, oldest first.
func SyntheticNational(own map[string][]benchmark.Own, la string, seed uint64) (*synth.NationalTables, []calendar.Year, error) {
	area := map[string]map[calendar.Year]synth.AreaFigure{}
	var years []calendar.Year
	for _, o := range own["cla_rate_per_10k"] {
		years = append(years, o.Year)
	}
	if len(years) == 0 {
		return nil, nil, fmt.Errorf("national tables: the returns give no year's children looked after at 31 March to build them around")
	}
	for id, list := range own {
		for _, o := range list {
			if !o.Known {
				continue
			}
			if area[id] == nil {
				area[id] = map[calendar.Year]synth.AreaFigure{}
			}
			area[id][o.Year] = synth.AreaFigure{Numerator: o.Numerator, Denominator: o.Denominator}
		}
	}
	tabs, err := synth.National(synth.NationalConfig{Seed: seed, Years: years, LA: la, Area: area})
	return tabs, years, err
}
