package pack

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/indicators"
	"github.com/village-uk/village/journey"
	"github.com/village-uk/village/ssda903"
	"github.com/village-uk/village/synth"
)

func TestWriteXLSX(t *testing.T) {
	res, err := synth.Generate(synth.Config{Children: 500, Years: 5, Until: ssda903.NewDate(2026, 3, 31), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	pop := indicators.MidYear{}
	for _, row := range res.Population {
		pop.Add(row.Year, row.Count)
	}
	q, _ := indicators.ParsePeriod("2026Q1")
	var buf bytes.Buffer
	if err := (Pack{Set: set, Population: pop, Quarter: q}).WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 2+len(indicators.All()) || sheets[0] != "Contents" || sheets[1] != "Headlines" {
		t.Errorf("sheets %v", sheets)
	}
	want := indicators.Exact(indicators.Find("cla_end"), indicators.Find("cla_end").Compute(set, q, pop))
	if got, _ := f.GetCellValue("Headlines", "C2"); got != want {
		t.Errorf("headline cla_end %q, want %q", got, want)
	}
	rows, err := f.GetRows(sheets[2])
	if err != nil || len(rows) < 40 || !strings.Contains(rows[1][0], "DfE") {
		t.Errorf("first indicator sheet: %d rows, %v", len(rows), err)
	}
}

func TestSignalNotes(t *testing.T) {
	ind := &indicators.Indicator{Title: "Starts per 10,000", Unit: indicators.Per10k}
	var months []indicators.Period
	var series []indicators.Value
	values := []float64{20, 21, 20, 21, 20, 21, 25, 25.5, 25, 25.5, 25, 25.5, 25, 25.5}
	for i, v := range values {
		months = append(months, indicators.Month(2025, 1+i%12))
		series = append(series, indicators.Value{Value: v, Known: true})
	}
	notes := strings.Join(signalNotes(ind, months, series, 0), " ")
	if !strings.Contains(notes, "Starts per 10,000 was above the mean for 8 months") {
		t.Errorf("notes: %s", notes)
	}
	if late := signalNotes(ind, months, series, len(months)); len(late) != 0 {
		t.Errorf("notes of signals ending before the cut-off: %v", late)
	}
}
