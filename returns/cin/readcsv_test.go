package cin

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/village-uk/village/returns"
)

// TestCSVRoundTrip writes every table of the small census (and the
// PreProceedings table of the 2026/27 one) as CSV, reads
// each file back with Collection.ReadCSV, which must recognise the table
// by its headers alone, and compares the rows. The Assessments table's
// AssessmentFactors is not in the CSV layout (AssessmentFactorsList holds
// the factors), so it comes back blank.
func TestCSVRoundTrip(t *testing.T) {
	small, _ := readFile(t, filepath.Join("testdata", "small.xml"))
	// The small census has no pre-proceedings; the 2026/27 one has.
	module, _ := readFile(t, filepath.Join("testdata", "preproceedings.xml"))
	for _, s := range Schemas {
		want := small[s.Name]
		if s.Name == PreProceedings {
			// Its first two rows; the third holds values the CSV reader
			// reports, as the XML reader does.
			want = &returns.Table{Schema: s, File: want.File, Rows: module[s.Name].Rows[:2]}
		}
		var buf bytes.Buffer
		if err := returns.WriteCSV(&buf, want); err != nil {
			t.Fatal(err)
		}
		got, problems, err := Collection.ReadCSV("any-name.csv", &buf)
		if err != nil {
			t.Errorf("%s: %v", s.Name, err)
			continue
		}
		if len(problems) > 0 {
			t.Errorf("%s: problems %v", s.Name, problems)
		}
		if got.Name() != s.Name {
			t.Errorf("the CSV of %s was read as %s", s.Name, got.Name())
			continue
		}
		if got.Len() != want.Len() {
			t.Errorf("%s: %d rows back, wrote %d", s.Name, got.Len(), want.Len())
			continue
		}
		for i, r := range want.Rows {
			values := slices.Clone(r.Values)
			for c, col := range s.Columns {
				if col.Optional {
					values[c] = ""
				}
			}
			if !slices.Equal(got.Rows[i].Values, values) {
				t.Errorf("%s row %d: read back %q, wrote %q", s.Name, i, got.Rows[i].Values, values)
			}
		}
	}
}
