package pack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/refdata/published"
)

// nationalTables are a year of published rates: England's, the North
// East's, the authority's and two neighbours', one suppressed.
func nationalTables() *published.Tables {
	known := func(v float64) published.Cell { return published.Cell{Value: v, Known: true} }
	c := published.Cell{Symbol: "c", Reason: "suppressed by the DfE to protect confidentiality"}
	fig := func(a published.Area, v, num, den published.Cell) published.Figure {
		return published.Figure{ID: "cla_rate_per_10k", Unit: published.Rate, Year: 2026, Area: a, Value: v, Numerator: num, Denominator: den,
			Source: published.Source{File: "cla.csv", Release: "test release"}}
	}
	la := func(old, code string) published.Area {
		return published.Area{Level: published.LocalAuthority, Code: code, OldCode: old, Name: "LA " + old, Region: "E12000001"}
	}
	return &published.Tables{
		Neighbours: published.Neighbours{"999": {"101", "102"}},
		Figures: []published.Figure{
			fig(published.Area{Level: published.National, Code: "E92000001"}, known(67), known(81770), known(12183016)),
			fig(published.Area{Level: published.Regional, Code: "E12000001", Name: "North East"}, known(114), known(6110), known(535227)),
			fig(la("999", "E06000999"), known(70), known(300), known(43000)),
			fig(la("101", "E06800001"), known(90), known(300), known(33000)),
			fig(la("102", "E06800002"), c, c, known(2000)),
		},
	}
}

func TestBenchmarkInPack(t *testing.T) {
	set, pop := authority(t, 300, 2)
	q := quarter(t, "2025/26 Q4")
	p := Pack{Set: set, Population: pop, Quarter: q, National: nationalTables(), Authority: indicators.Authority{Code: "E06000999"}}
	m := p.Model()
	if m.Benchmark == nil || len(m.Benchmark.Rows) != 1 {
		t.Fatalf("benchmark %+v", m.Benchmark)
	}
	r := m.Benchmark.Rows[0]
	if r.England != "67" || r.Region != "114" || r.Neighbours != "90" || r.Rank == "" || r.Limits == "" || r.Value == "x" {
		t.Errorf("row %+v", r)
	}
	var html bytes.Buffer
	if err := m.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="benchmark"`, "Compared with England, the region and neighbours", "cla.csv (test release)",
		"1 left out, their figures suppressed or not available"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the pack has no %q", want)
		}
	}
	var book bytes.Buffer
	if err := m.WriteXLSX(&book); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if england, _ := f.GetCellValue(benchmarkSheet, "F7"); england != "67.0" {
		t.Errorf("the workbook's England figure %q, want 67.0", england)
	}
	if (Pack{Set: set, Population: pop, Quarter: q}).Model().Benchmark != nil {
		t.Error("a comparison without published tables")
	}
}
