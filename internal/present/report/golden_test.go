package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/validate"
)

var update = flag.Bool("update", false, "rewrite golden files")

// awkwardReport is a report whose values test the writers' escaping and
// their empty cases: markup, quotes, non-ASCII text, invalid UTF-8, a
// formula-like child, fields in no order, a row without a line, a row in
// last year's return, a required table missing.
func awkwardReport() *validate.Report {
	rep := sampleReport()
	r3 := &validate.Info{Code: "503A", Message: `The reason for new episode <RNE> & "its" ‘start’`}
	rep.Missing = []validate.Table{"OC3"}
	rep.Skipped = append(rep.Skipped, validate.Skip{Rule: r3, Reason: "needs last year's return"})
	rep.Failures = append(rep.Failures,
		validate.Failure{Rule: r3, Table: "Episodes", Row: 12, File: "2025-26/episodes.csv", Line: 13, Child: "A\u2028B",
			Fields:      []validate.FieldValue{{Name: "RNE", Value: "<S>"}, {Name: "DECOM", Value: "01/04/2025"}, {Name: "LS", Value: "\xff"}},
			Explanation: "RNE is \"<S>\" & DECOM is 01/04/2025;\ta tab, a\nnew line"},
		validate.Failure{Rule: r3, Table: "Episodes", Last: true, Row: 3, Child: "", Explanation: ""},
	)
	return rep
}

// TestGolden checks that every format writes the same bytes as before for
// a sample and an awkward report, and for one with no failures; run with
// -update to rewrite testdata/*.golden.
func TestGolden(t *testing.T) {
	empty := &validate.Report{Year: 2026}
	cases := []struct {
		name string
		rep  *validate.Report
		la   string
	}{
		{"sample", sampleReport(), "E06000999"},
		{"awkward", awkwardReport(), ""},
		{"empty", empty, ""},
	}
	for _, c := range cases {
		for _, ext := range []string{".csv", ".json"} {
			t.Run(c.name+ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Write(&buf, "out"+ext, c.rep, c.la); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", c.name+ext+".golden")
				if *update {
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s differs from %s:\n%s", c.name+ext, path, buf.String())
				}
			})
		}
	}
}
