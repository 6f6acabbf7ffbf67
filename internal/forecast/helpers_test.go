package forecast

import (
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/synth"
)

// synthetic is a synthetic authority's journeys with its population.
type synthetic struct {
	set     *journey.Set
	pop     Population
	dataEnd calendar.Date
}

var syntheticOnce = authorityOnce(synth.Config{Children: 1000, Years: 6, Until: calendar.NewDate(2026, 3, 31), Seed: 11})

// syntheticAuthority returns six years of a synthetic authority of about
// 1,000 children looked after, built once for all the tests.
func syntheticAuthority(tb testing.TB) synthetic { return syntheticOnce(tb) }

// authorityOnce returns a function that generates the synthetic
// authority of cfg the first time it is called and returns the same one
// after.
func authorityOnce(cfg synth.Config) func(testing.TB) synthetic {
	var once sync.Once
	var area synthetic
	var err error
	return func(tb testing.TB) synthetic {
		tb.Helper()
		once.Do(func() { area, err = generate(cfg) })
		if err != nil {
			tb.Fatal(err)
		}
		return area
	}
}

// generate makes a synthetic authority and builds its journeys.
func generate(cfg synth.Config) (synthetic, error) {
	res, err := synth.Generate(cfg)
	if err != nil {
		return synthetic{}, err
	}
	return fromSynth(res, cfg.Until)
}

// fromSynth builds the journeys and population of a synthetic authority.
func fromSynth(res *synth.Result, dataEnd calendar.Date) (synthetic, error) {
	set, err := journey.Build(res.Returns)
	if err != nil {
		return synthetic{}, err
	}
	pop := Population{}
	for _, row := range res.Population {
		counts := pop[row.Year]
		counts[BandOf(row.Age)] += float64(row.Count)
		pop[row.Year] = counts
	}
	return synthetic{set: set, pop: pop, dataEnd: dataEnd}, nil
}

func emptySet() *journey.Set { return &journey.Set{} }

func defaultCostsPtr() *Costs {
	c := DefaultCosts()
	return &c
}
