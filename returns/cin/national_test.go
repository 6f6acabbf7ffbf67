package cin_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/cin/rules"
)

var (
	nationalOnce sync.Once
	nationalData []byte
)

// BenchmarkReadValidate reads a generated national census (about 400,000
// children, about 500 MB of XML) and validates it against every 2025/26
// rule, as "village validate" does once the file is in memory. Before
// timing it does so once to measure memory: peak-MB is the most the heap
// held above the generated file, sampled every millisecond.
func BenchmarkReadValidate(b *testing.B) {
	nationalOnce.Do(func() { nationalData = cin.GenerateCensus(cin.BenchChildren) })
	data := nationalData
	var failures int
	peak := cin.HeapPeak(func() { failures = readValidate(b, data) })
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		readValidate(b, data)
	}
	b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(failures), "failures")
}

// readValidate reads the census in data and validates it, returning the
// number of failures.
func readValidate(b *testing.B, data []byte) int {
	tables, problems, err := cin.ReadXML("national.xml", cin.WholeReader(data))
	if err != nil {
		b.Fatal(err)
	}
	if n := tables[cin.ChildIdentifiers].Len(); n != cin.BenchChildren {
		b.Fatalf("read %d children, want %d", n, cin.BenchChildren)
	}
	r := returns.NewReturn(cin.Collection, 2026, "")
	r.Tables, r.Problems = tables, problems
	return len(rules.Validate(r).Failures)
}

// TestNationalTemplateValid checks the benchmark's children are valid, but
// for the query on the census's disability codes as a whole.
func TestNationalTemplateValid(t *testing.T) {
	data := cin.GenerateCensus(10)
	tables, problems, err := cin.ReadXML("national.xml", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("reading the template: %v", problems[0])
	}
	r := returns.NewReturn(cin.Collection, 2026, "")
	r.Tables = tables
	for _, f := range rules.Validate(r).Failures {
		if f.Rule.Code != "2887Q" {
			t.Errorf("rule %s fails %s row %d: %s", f.Rule.Code, f.Table, f.Row, f.Explanation)
		}
	}
}
