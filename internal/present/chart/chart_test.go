package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/spc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// series is a series of the values, labelled as months from January 2023.
func series(title string, better spc.Direction, values ...float64) spc.Series {
	s := spc.Series{Title: title, Period: "month", Better: better}
	for i, v := range values {
		s.Points = append(s.Points, spc.Point{Label: fmt.Sprintf("%d-%02d", 2023+i/12, i%12+1), Value: v, Known: true})
	}
	return s
}

func sample() SPC {
	return SPC{Unit: "children", Series: series("Children who started to be looked after", spc.LowerIsBetter,
		30, 28, 31, 29, 30, 32, 27, 29, 31, 30, 28, 60, 29, 30)}
}

// stock is a count of about 3,000 children that changes by a few a month
// and rises for a while: as children looked after do.
func stock() SPC {
	s := series("Children looked after at the end of the period", spc.Neither,
		2960, 2955, 2962, 2958, 2950, 2944, 2939, 2930, 2925, 2919, 2924, 2931, 2940, 2948, 2957, 2963, 2970,
		2978, 2985, 2991, 2998, 3005, 3001, 2996, 2990, 2993, 2989, 2995, 3000, 2997, 2992, 2988, 2985, 2990, 2994, 2991)
	s.Autocorrelated = "a count on the period's last day"
	return SPC{ID: "chart-cla_end", Unit: "children", Series: s}
}

// share is a percentage with no point beyond its limits, and a rise that
// is an improvement.
func share() SPC {
	return SPC{ID: "chart-share", Unit: "%", Series: series("Share of children ceasing who left care to permanence", spc.HigherIsBetter,
		21.5, 23.1, 22.4, 20.9, 22.8, 21.7, 22.2, 23.9, 24.6, 25.2, 25.8, 26.3, 27.1, 24.2, 23.5)}
}

// TestGolden draws charts and compares them with the golden files; the
// output must be well-formed XML with a data table whose rows carry the
// values and the signals.
func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		chart  SPC
		golden string
		want   []string
	}{
		{"one point beyond a limit", sample(), "spc.golden.html", []string{
			`<th scope="row">2023-12</th><td>60</td><td>signal 1 (concern): above the process limits</td>`,
			`role="img"`, `<caption>`, "1 special-cause signal: concern.", `class="concern"`, `fill="#d55e00"`,
			`<g class="legend">`, ">Improvement</text>", ">Concern</text>", ">Process limits</text>", ">Mean</text>", ">Data</text>",
			// Counts are whole; the mean and limits of small counts have a decimal.
			">Mean 31.7</text>", "process limits 14.1 to 49.3"}},
		{"a stock", stock(), "spc-stock.golden.html", []string{
			// Thousands separated, whole, the mean labelled, the scale from 0.
			"<td>2,919</td>", ">Mean 2,970</text>", `dy="4" font-size="12" text-anchor="end" fill="#0b0c0c">0</text>`,
			">3,000</text>", "Special cause (neither better nor worse)", `class="neutral"`, "Caution:</strong> Children looked after at the end of the period is a count"}},
		{"a share", share(), "spc-share.golden.html", []string{
			"<td>21.5%</td>", "Improvement", `class="improvement"`, `fill="#1d70b8"`, ">Per cent</text>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.chart.Write(&buf); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.golden, buf.Bytes())
			out := buf.String()
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
			if strings.Contains(out, ".0<") || regexp.MustCompile(`[0-9]{4}\.`).MatchString(out) && tt.chart.Unit == "children" {
				t.Errorf("a count is shown with a decimal point")
			}
		})
	}
}

// TestOneSignalCount checks that the caption's count, the notes and the
// coloured points come from one list of signals: the caption counts as
// many as the notes number, and every coloured point names a signal the
// notes have.
func TestOneSignalCount(t *testing.T) {
	for _, c := range []SPC{sample(), stock(), share()} {
		var buf bytes.Buffer
		if err := c.Write(&buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		notes := c.Series.Read().Notes(0)
		n := spc.Signals(notes)
		caption := regexp.MustCompile(`(\d+) special-cause signals?`).FindStringSubmatch(out)
		if n == 0 && !strings.Contains(out, "No special-cause signal") || n > 0 && (caption == nil || caption[1] != fmt.Sprint(n)) {
			t.Errorf("%s: caption %q, %d signal notes", c.Series.Title, caption, n)
		}
		numbers := map[string]bool{}
		for _, note := range notes {
			if note.Signal() {
				numbers[fmt.Sprint(note.Number)] = true
			}
		}
		used := map[string]bool{}
		for _, m := range regexp.MustCompile(`signal (\d+) \(`).FindAllStringSubmatch(out, -1) {
			used[m[1]] = true
			if !numbers[m[1]] {
				t.Errorf("%s: a point names signal %s, which no note has", c.Series.Title, m[1])
			}
		}
		if len(used) != n {
			t.Errorf("%s: points name %d signals, the notes %d", c.Series.Title, len(used), n)
		}
		if coloured := strings.Count(out, `<circle class="improvement"`) + strings.Count(out, `<circle class="concern"`) +
			strings.Count(out, `<circle class="neutral"`); (coloured > 0) != (n > 0) {
			t.Errorf("%s: %d coloured points, %d signals", c.Series.Title, coloured, n)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		v        float64
		decimals int
		want     string
	}{{2919, 0, "2,919"}, {2919.4, 0, "2,919"}, {1234567.25, 1, "1,234,567.3"}, {65.25, 1, "65.3"}, {-3.24, 1, "−3.2"}, {0, 1, "0.0"}} {
		if got := number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("number(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}

// checkGolden compares a chart's output with the golden file of that name
// in testdata, rewriting the file first with -update, and checks that the
// output is well-formed XML.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test -update and review the diff", golden)
	}
	wellFormed(t, got)
}

// wellFormed checks that a chart's output is well-formed XML.
func wellFormed(t *testing.T, out []byte) {
	t.Helper()
	if err := xml.Unmarshal(out, new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
}

func TestEscapesText(t *testing.T) {
	c := SPC{Unit: "%", Series: spc.Series{Title: `<script>alert(1)</script>`, Points: []spc.Point{{Label: "a&b", Value: 1, Known: true}}}}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") || !strings.Contains(buf.String(), "a&amp;b") {
		t.Errorf("text not escaped:\n%s", buf.String())
	}
}

// BenchmarkSPC draws a 36-month chart of a stock, with its signals.
func BenchmarkSPC(b *testing.B) {
	c := stock()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := c.Write(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
