package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/ssda903"
)

// large is the benchmark's authority: 2,000 children looked after at the
// last 31 March, ten years of returns. Synth's model gives it about 47,000
// episodes in all (194,000 rows in every table).
var large = synth.Config{Children: 2000, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 9}

// larger has about 150,000 episodes in ten years (629,000 rows), the
// volume issue 4 has in mind.
var larger = synth.Config{Children: 6500, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 9}

// BenchmarkLoad loads ten years of a synthetic authority into an empty
// database, each iteration a new one: the first load of a council's
// history. Targets: under 10 s for SQLite, under 5 s for PostgreSQL.
//
//	go test ./store -run XXX -bench Load -benchtime 3x
func BenchmarkLoad(b *testing.B) {
	for _, cfg := range []synth.Config{large, larger} {
		returns := synthetic(b, cfg)
		rows, episodes := rowsIn(returns...), 0
		for _, r := range returns {
			episodes += r.Table(ssda903.Episodes).Len()
		}
		for _, e := range engines() {
			b.Run(fmt.Sprintf("%s/children=%d", e.name, cfg.Children), func(b *testing.B) {
				if e.skip != "" {
					b.Skip(e.skip)
				}
				b.Logf("%d years, %d episodes, %d rows in all", len(returns), episodes, rows)
				for b.Loop() {
					b.StopTimer()
					s := e.open(b)
					b.StartTimer()
					sum, err := s.Load(context.Background(), returns, LoadSource{LA: synth.DefaultLA})
					if err != nil {
						b.Fatal(err)
					}
					if sum.Inserted != rows {
						b.Fatalf("inserted %d rows, want %d", sum.Inserted, rows)
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

// BenchmarkReload loads the same ten years again into a database that
// has them: the cost of finding that nothing changed.
func BenchmarkReload(b *testing.B) {
	returns := synthetic(b, large)
	for _, e := range engines() {
		b.Run(e.name, func(b *testing.B) {
			if e.skip != "" {
				b.Skip(e.skip)
			}
			s := e.open(b)
			if _, err := s.Load(context.Background(), returns, LoadSource{}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				sum, err := s.Load(context.Background(), returns, LoadSource{})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Changed() {
					b.Fatalf("reload changed rows: %+v", sum)
				}
			}
		})
	}
}

// BenchmarkAuditAll records the drill-down to 25 children, one entry
// each in one transaction, into a log that grows as it runs.
func BenchmarkAuditAll(b *testing.B) {
	batch := make([]Access, 25)
	for i := range batch {
		batch[i] = Access{Who: "analyst", Action: "view IDs behind indicator cla_end 2025/26 [all children counted]",
			Subject: fmt.Sprintf("C%04d", i), Reason: "benchmark"}
	}
	for _, e := range engines() {
		b.Run(e.name, func(b *testing.B) {
			if e.skip != "" {
				b.Skip(e.skip)
			}
			s := e.open(b)
			for b.Loop() {
				if err := s.AuditAll(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadCIN loads four CIN censuses of 20,000 children each (a
// large authority's front door; about 12 rows a child, 933,000 in all)
// into an empty database, then loads them again unchanged, reporting the
// seconds each load took.
//
//	go test ./internal/store -run XXX -bench LoadCIN -benchtime 1x
func BenchmarkLoadCIN(b *testing.B) {
	var censuses []*returns.Return
	for y := calendar.Year(2023); y <= 2026; y++ {
		censuses = append(censuses, census(y, 20_000))
	}
	rows := rowsIn(censuses...)
	for _, e := range engines() {
		b.Run(e.name, func(b *testing.B) {
			if e.skip != "" {
				b.Skip(e.skip)
			}
			var first, second time.Duration
			for b.Loop() {
				b.StopTimer()
				s := e.open(b)
				b.StartTimer()
				start := time.Now()
				sum, err := s.CIN().Load(context.Background(), censuses, LoadSource{})
				if err != nil {
					b.Fatal(err)
				}
				first += time.Since(start)
				start = time.Now()
				again, err := s.CIN().Load(context.Background(), censuses, LoadSource{})
				if err != nil {
					b.Fatal(err)
				}
				second += time.Since(start)
				if sum.Inserted != rows || again.Unchanged != rows {
					b.Fatalf("inserted %d and then left %d unchanged; want %d", sum.Inserted, again.Unchanged, rows)
				}
			}
			b.ReportMetric(first.Seconds()/float64(b.N), "load-s")
			b.ReportMetric(second.Seconds()/float64(b.N), "reload-s")
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
