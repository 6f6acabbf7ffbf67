package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/refdata/population"
)

// readRegionPopulation reads the ONS mid-year estimates of several areas
// from the file at path (the long layout village indicators --population
// reads, with its ladcode column) and returns each of codes' 0-17
// population. A member the file has no row of has none: its rates are not
// known. No path gives none at all.
func readRegionPopulation(path string, codes []string) (map[string]indicators.Population, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the population: %w", err)
	}
	return splitPopulation(path, data, codes)
}

// splitPopulation reads data, the estimates of several areas, as each of
// codes' own file (population.ByArea), so that an error names the line of
// the file as it is.
func splitPopulation(name string, data []byte, codes []string) (map[string]indicators.Population, error) {
	files, err := population.ByArea(name, data, codes)
	if err != nil {
		return nil, err
	}
	out := map[string]indicators.Population{}
	for code, text := range files {
		pop, err := indicators.ReadPopulation(name, bytes.NewReader(text))
		if err != nil {
			return nil, err
		}
		out[code] = pop
	}
	return out, nil
}
