package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// shareLimits are a share's normal-approximation limits around 10%.
func shareLimits(n float64) (float64, float64, float64, float64) {
	sd := math.Sqrt(0.1*0.9/n) * 100
	return math.Max(0, 10-1.96*sd), 10 + 1.96*sd, math.Max(0, 10-3.09*sd), 10 + 3.09*sd
}

func TestFunnel(t *testing.T) {
	f := Funnel{ID: "funnel-x", Title: "3 or more placements <test>", Unit: "%", XTitle: "children looked after", Centre: 10,
		Limits: shareLimits, Own: FunnelPoint{Label: "Villageshire", X: 400, Y: 16},
		Others: []FunnelPoint{{"A", 300, 10}, {"B", 1200, 9}, {"C", 80, 14}}}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`class="village-own"`, "&lt;test&gt;", `class="village-limit998"`, "Funnel plot: 3 authorities"} {
		if !strings.Contains(out, want) {
			t.Errorf("the funnel plot has no %s", want)
		}
	}
	if strings.Count(out, `class="village-other"`) != 3 {
		t.Error("not every other authority is drawn")
	}
	checkGolden(t, "funnel.golden.svg", buf.Bytes())
	if err := (Funnel{Limits: shareLimits}).Write(&buf); err == nil {
		t.Error("a funnel plot with no denominator drawn")
	}
}

func TestLines(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	c := Lines{ID: "series", Title: "Against England", Unit: "%", Labels: []string{"2023/24", "2024/25", "2025/26"},
		Series: []Line{{Name: "Villageshire", Values: []*float64{v(9), nil, v(11)}}, {Name: "England", Values: []*float64{v(10), v(10), v(10)}, Dash: true}}}
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// The authority's line is broken where it has no value: two moves.
	if got := strings.Count(buf.String(), `d="M`); got != 2 || strings.Count(buf.String(), "M") < 3 {
		t.Errorf("paths %d", got)
	}
	checkGolden(t, "lines.golden.svg", buf.Bytes())
	if err := (Lines{Labels: []string{"a"}}).Write(&buf); err == nil {
		t.Error("a chart of nothing drawn")
	}
}
