package pack

import (
	"io"
	"testing"

	"github.com/village-uk/village/calendar"
)

// BenchmarkPack builds the whole pack, computing every indicator, its
// 36-month series and its breakdowns each time, for an authority of about
// 1,000 children looked after with 10 years of history: the issue asks for
// under 5 s.
func BenchmarkPack(b *testing.B) {
	set, pop := authority(b, 1000, 10)
	covered := calendar.Period{Start: calendar.Year(2017).Start(), End: calendar.Year(2026).End()}
	writers := []struct {
		name  string
		write func(*Model, io.Writer) error
	}{
		{"xlsx", (*Model).WriteXLSX},
		{"html", (*Model).WriteHTML},
	}
	for _, full := range []bool{false, true} {
		p := Pack{Set: set, Population: pop, Quarter: quarter(b, "2026Q1"), Covered: covered, Full: full}
		for _, w := range writers {
			b.Run(map[bool]string{false: "default ", true: "full "}[full]+w.name, func(b *testing.B) {
				for b.Loop() {
					if err := w.write(p.Model(), io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
