package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// benchReturn is a synthetic authority written once per test process for
// the validate benchmarks.
type benchReturn struct {
	once sync.Once
	dir  string
	err  error
}

var (
	// cleanNational is a national-scale return: about 100,000 episodes in
	// its latest year, last year's return, the postcode directory and the
	// Ofsted list; few failures.
	cleanNational benchReturn
	// messyReturn is a return as messy as a first upload can be: about
	// 19,000 episodes, every row of every table given a data-entry
	// mistake, with last year's return as messy; about 120,000 failures.
	messyReturn benchReturn
)

func (r *benchReturn) get(b *testing.B, cfg synth.Config) string {
	b.Helper()
	r.once.Do(func() {
		if r.dir, r.err = os.MkdirTemp("", "village-validate-bench-"); r.err != nil {
			return
		}
		res, err := synth.Generate(cfg)
		if err != nil {
			r.err = err
			return
		}
		r.err = writeSynth(r.dir, "csv", res, false)
	})
	if r.err != nil {
		b.Fatal(r.err)
	}
	return r.dir
}

// BenchmarkValidateCommand runs "village validate --out" as a user would,
// reading the files, validating them and writing the report: on a clean
// national-scale return, and on a messy return in each report format.
func BenchmarkValidateCommand(b *testing.B) {
	until := calendar.NewDate(2026, 3, 31)
	b.Run("clean-national-json", func(b *testing.B) {
		dir := cleanNational.get(b, synth.Config{Children: 42000, Years: 2, Until: until, Seed: 1})
		benchmarkValidate(b, dir, ".json", "--la", "E06000999",
			"--postcodes", filepath.Join(dir, "postcodes.csv"), "--providers", filepath.Join(dir, "providers.xlsx"))
	})
	for _, ext := range []string{".json", ".csv", ".xlsx"} {
		b.Run("messy-"+ext[1:], func(b *testing.B) {
			dir := messyReturn.get(b, synth.Config{Children: 8000, Years: 2, Until: until, Seed: 3, ErrorRate: 1})
			benchmarkValidate(b, dir, ext)
		})
	}
}

func benchmarkValidate(b *testing.B, dir, ext string, flags ...string) {
	out := filepath.Join(b.TempDir(), "failures"+ext)
	args := append(append([]string{"validate", "--out", out}, flags...), dir)
	b.ReportAllocs()
	for b.Loop() {
		e := &env{stdout: io.Discard, stderr: io.Discard}
		if code := runEnv(context.Background(), args, e); code == exitUnusable {
			b.Fatalf("village %v: exit status %d", args, code)
		}
	}
	if st, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB-written")
	}
}
