package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/benchmark"
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
	tabs, years, err := app.SyntheticNational(own, la, seed)
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
