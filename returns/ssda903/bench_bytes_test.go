package ssda903_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// benchmarkBytes reads one file of the national-scale return from memory,
// so that the figure is the reader's alone, without the disk or the
// folder's goroutines.
func benchmarkBytes(b *testing.B, file string, read func([]byte) error) {
	data, err := os.ReadFile(filepath.Join(national(b), file))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := read(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadEpisodesCSV reads the national-scale episodes file.
func BenchmarkReadEpisodesCSV(b *testing.B) {
	benchmarkBytes(b, filepath.Join("csv", "episodes.csv"), func(data []byte) error {
		_, _, err := ssda903.ReadCSV("episodes.csv", bytes.NewReader(data))
		return err
	})
}

// BenchmarkReadXMLBytes reads the national-scale XML file.
func BenchmarkReadXMLBytes(b *testing.B) {
	benchmarkBytes(b, filepath.Join("xml", "ssda903.xml"), func(data []byte) error {
		_, _, err := ssda903.ReadXML("ssda903.xml", bytes.NewReader(data))
		return err
	})
}
