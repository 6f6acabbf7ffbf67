package ssda903_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/folder"
)

// nationalChildren sizes a synthetic authority whose latest return has
// about 100,000 episodes with all its other tables: national scale.
const nationalChildren = 42000

var (
	nationalOnce sync.Once
	nationalDir  string
	nationalErr  error
)

// national writes the latest year of a national-scale synthetic return as
// CSV (dir/csv) and XML (dir/xml/ssda903.xml), once per test process.
func national(b *testing.B) string {
	b.Helper()
	nationalOnce.Do(func() {
		nationalDir, nationalErr = os.MkdirTemp("", "village-bench-")
		if nationalErr != nil {
			return
		}
		res, err := synth.Generate(synth.Config{Children: nationalChildren, Years: 1, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
		if err != nil {
			nationalErr = err
			return
		}
		r := res.Returns[len(res.Returns)-1]
		if nationalErr = folder.WriteCSV(filepath.Join(nationalDir, "csv"), r); nationalErr != nil {
			return
		}
		nationalErr = folder.WriteXML(filepath.Join(nationalDir, "xml", "ssda903.xml"), r)
	})
	if nationalErr != nil {
		b.Fatal(nationalErr)
	}
	return nationalDir
}

func benchmarkRead(b *testing.B, sub string) {
	dir := filepath.Join(national(b), sub)
	var episodes int
	b.ReportAllocs()
	for b.Loop() {
		r, err := folder.Read(dir, 2026, "")
		if err != nil {
			b.Fatal(err)
		}
		episodes = r.Table(ssda903.Episodes).Len()
	}
	b.ReportMetric(float64(episodes), "episodes")
}

// BenchmarkReadCSV reads a national-scale return (about 100,000 episodes
// and every other table) from its CSV files.
func BenchmarkReadCSV(b *testing.B) { benchmarkRead(b, "csv") }

// BenchmarkReadXML reads the same return from one EXPSSDA903 XML file.
func BenchmarkReadXML(b *testing.B) { benchmarkRead(b, "xml") }
