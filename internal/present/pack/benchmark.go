package pack

import (
	"strconv"

	"github.com/village-uk/village/internal/benchmark"
)

// Benchmark is the pack's comparison with England, the region and the
// statistical neighbours, from the DfE's published tables.
type Benchmark struct {
	Method string
	Rows   []BenchmarkRow
	Notes  []string // each indicator's notes, prefixed with its title
	Source string   // the files and releases the figures come from
}

// BenchmarkRow is one indicator against England, its region and neighbours.
type BenchmarkRow struct {
	ID, Title, Year, Unit                  string
	Value, England, Region, Neighbours     string
	Range, Rank, Quartile, Limits, Outside string
}

// benchmarkOf compares the authority with the published tables; nil
// without tables.
func (p Pack) benchmarkOf() *Benchmark {
	if p.National == nil {
		return nil
	}
	own := benchmark.OwnFigures(benchmark.Returns{Care: p.Set, Front: p.Front, Population: p.Population})
	b := &Benchmark{Method: benchmark.Method}
	sources := map[string]bool{}
	for _, c := range benchmark.CompareAll(p.National, p.Authority.Code, "", own, p.policy()) {
		v := c.View()
		row := BenchmarkRow{ID: v.ID, Title: v.Title, Year: v.Year, Unit: v.Unit, Value: v.ValueText, England: benchmark.Text(v.England),
			Region: benchmark.Text(v.Region), Neighbours: benchmark.Text(v.NeighboursMean), Outside: outsideText(v)}
		if v.NeighboursMin != nil {
			row.Range = benchmark.Text(v.NeighboursMin) + " to " + benchmark.Text(v.NeighboursMax)
		}
		if v.Rank != nil {
			row.Rank, row.Quartile = strconv.Itoa(*v.Rank)+" of "+strconv.Itoa(*v.Of), strconv.Itoa(*v.Quartile)
		}
		if f := v.Funnel; f != nil {
			row.Limits = benchmark.Text(&f.Lower998) + " to " + benchmark.Text(&f.Upper998)
		}
		b.Rows = append(b.Rows, row)
		for _, n := range v.Notes {
			b.Notes = append(b.Notes, v.Title+": "+n)
		}
		if src := v.Source.File + " (" + v.Source.Release + ")"; !sources[src] {
			sources[src] = true
			if b.Source != "" {
				b.Source += "; "
			}
			b.Source += src
		}
	}
	return b
}

// outsideText says where the value lies against the funnel.
func outsideText(v benchmark.View) string {
	switch {
	case v.Funnel == nil:
		return "not known"
	case v.Outside != "":
		return v.Outside + " (outside the 99.8% limits)"
	case v.Outside95 != "":
		return "within (outside the 95% limits only)"
	}
	return "within"
}
