package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/synth"
)

// writeNational writes synthetic national tables into dir for the
// synthetic area whose returns are in out, its own figures computed from
// them (with out's population.csv) so that the area in the tables is the
// area of the returns.
func writeNational(w io.Writer, out, dir, la string, seed uint64) error {
	pop, err := readPopulation(filepath.Join(out, "population.csv"))
	if err != nil {
		return err
	}
	own, err := app.OwnFromFolder(out, la, pop)
	if err != nil {
		return err
	}
	return writeNationalOf(w, own, dir, la, seed)
}

// writeNationalOf writes synthetic national tables into dir around the
// area's own figures.
func writeNationalOf(w io.Writer, own map[string][]benchmark.Own, dir, la string, seed uint64) error {
	area, years := areaFigures(own)
	if len(years) == 0 {
		return fmt.Errorf("--national: the returns give no year's children looked after at 31 March to build the tables around")
	}
	tabs, err := synth.National(synth.NationalConfig{Seed: seed, Years: years, LA: la, Area: area})
	if err != nil {
		return err
	}
	if err := tabs.Write(dir); err != nil {
		return err
	}
	fmt.Fprintf(w, "Wrote synthetic national tables (England, 9 regions, 153 authorities with %s among them, %s to %s) and statistical neighbours to %s.\n",
		la, years[0], years[len(years)-1], dir)
	return nil
}

// areaFigures turns the area's own figures into what the synthetic
// national tables take, with the years they are for, oldest first.
func areaFigures(own map[string][]benchmark.Own) (map[string]map[calendar.Year]synth.AreaFigure, []calendar.Year) {
	out := map[string]map[calendar.Year]synth.AreaFigure{}
	var years []calendar.Year
	for _, o := range own["cla_rate_per_10k"] {
		years = append(years, o.Year)
	}
	for id, list := range own {
		for _, o := range list {
			if !o.Known {
				continue
			}
			if out[id] == nil {
				out[id] = map[calendar.Year]synth.AreaFigure{}
			}
			out[id][o.Year] = synth.AreaFigure{Numerator: o.Numerator, Denominator: o.Denominator}
		}
	}
	return out, years
}
