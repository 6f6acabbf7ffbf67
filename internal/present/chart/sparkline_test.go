package chart

import (
	"strings"
	"testing"
)

func TestSparkline(t *testing.T) {
	tests := []struct {
		name  string
		line  Sparkline
		wants []string
	}{
		{"none", Sparkline{Name: "x", Points: []Point{{"2025-03", 1}}}, nil},
		{"named", Sparkline{ID: "spark-cla", Name: "Children <looked after>", Points: []Point{{"2025-03", 10}, {"2025-04", 12}, {"2025-05", 11}},
			Texts: []string{"10", "12", "11"}},
			[]string{`<svg role="img" aria-labelledby="spark-cla-title"`, `<title id="spark-cla-title">Children &lt;looked after&gt;: 2025-03 10, 2025-05 11</title>`, `<path d="M2.0 22.0 L48.0 2.0 L94.0 12.0"`}},
		{"flat", Sparkline{Name: "n", Points: []Point{{"a", 5}, {"b", 5}}}, []string{`M2.0 12.0 L94.0 12.0`, `>n: a 5, b 5</title>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(tt.line.SVG())
			if tt.wants == nil && got != "" {
				t.Fatalf("drew %s for one point", got)
			}
			for _, w := range tt.wants {
				if !strings.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, got)
				}
			}
		})
	}
}
