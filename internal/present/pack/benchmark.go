package pack

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/benchmark"
	"github.com/village-uk/village/internal/present/sheet"
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
	View                                   benchmark.View // the figures as numbers, for the workbook
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
			Region: benchmark.Text(v.Region), Neighbours: benchmark.Text(v.NeighboursMean), Outside: outsideText(v), View: v}
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

// benchmarkSheet is the workbook's sheet of the comparison.
const benchmarkSheet = "Compared with England"

// writeBenchmark writes the comparison's sheet: what it is, then one row
// an indicator, its figures as numbers (an empty cell where there is
// none, its text beside the authority's own).
func (m *Model) writeBenchmark(f *excelize.File, st *sheet.Styles) error {
	b := m.Benchmark
	intro := [][]any{{"Compared with England, the region and neighbours"}, {m.Mode},
		{"Rank 1 is the highest value; quartile 1 the highest quarter. " + b.Method}, {"Source: " + b.Source + "."}}
	if err := sheet.WriteRows(f, benchmarkSheet, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, benchmarkSheet, "A1"); err != nil {
		return err
	}
	number := func(v *float64) any {
		if v == nil {
			return nil
		}
		return *v
	}
	whole := func(n *int) any {
		if n == nil {
			return nil
		}
		return *n
	}
	var rows [][]any
	for _, r := range b.Rows {
		v := r.View
		var limits [4]any
		if fn := v.Funnel; fn != nil {
			limits = [4]any{fn.Lower95, fn.Upper95, fn.Lower998, fn.Upper998}
		}
		rows = append(rows, []any{v.Title, v.Year, v.Unit, number(v.Value), v.ValueText, number(v.England), number(v.Region),
			number(v.NeighboursMean), number(v.NeighboursMin), number(v.NeighboursMax), v.NeighboursLeftOut, whole(v.Rank), whole(v.Of),
			whole(v.Quartile), limits[0], limits[1], limits[2], limits[3], r.Outside, v.ID, v.Source.File, v.Source.Release})
	}
	columns := []sheet.Column{{Heading: "Indicator", Width: 50}, {Heading: "Year"}, {Heading: "Unit", Width: 14},
		{Heading: "The authority", Format: sheet.Rate}, {Heading: "As shown"}, {Heading: "England", Format: sheet.Rate},
		{Heading: "Region", Format: sheet.Rate}, {Heading: "Neighbours' mean", Format: sheet.Rate}, {Heading: "Neighbours' lowest", Format: sheet.Rate},
		{Heading: "Neighbours' highest", Format: sheet.Rate}, {Heading: "Neighbours left out"}, {Heading: "Rank"}, {Heading: "Of"},
		{Heading: "Quartile"}, {Heading: "Lower 95%", Format: sheet.Rate}, {Heading: "Upper 95%", Format: sheet.Rate},
		{Heading: "Lower 99.8%", Format: sheet.Rate}, {Heading: "Upper 99.8%", Format: sheet.Rate}, {Heading: "Against the funnel", Width: 30},
		{Heading: "ID", Width: 28}, {Heading: "File", Width: 30}, {Heading: "Release", Width: 40}}
	first := len(intro) + 2
	if err := st.WriteTable(sheet.Table{Sheet: benchmarkSheet, Name: "Benchmark", Row: first, Columns: columns, Rows: rows}); err != nil {
		return err
	}
	return sheet.Freeze(f, benchmarkSheet, first)
}
