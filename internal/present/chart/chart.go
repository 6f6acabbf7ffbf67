// Package chart draws statistical process control charts as SVG on the
// server, with a data table beside each, so that pages print and need no
// JavaScript, and a screen reader has the numbers.
package chart

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/village-uk/village/internal/spc"
)

// Point is one labelled value of a series.
type Point struct {
	Label string // the period, as "2025-07"
	Value float64
}

// SPC is an XmR chart of points with its title and unit.
type SPC struct {
	ID     string // unique on its page, for the accessible names; "spc" when blank
	Title  string
	Unit   string
	Points []Point
}

// Size of the drawing, in SVG units.
const (
	width, height          = 720.0, 300.0
	left, right, top, base = 60.0, 20.0, 20.0, 50.0
)

// Write draws the chart as an SVG element followed by its data table.
func (c SPC) Write(w io.Writer) error {
	values := make([]float64, len(c.Points))
	for i, p := range c.Points {
		values[i] = p.Value
	}
	x := spc.New(values)
	return page.Execute(w, c.view(x))
}

type view struct {
	ID, Title, Unit, Summary string
	Mean, Upper, Lower       string // y positions of the lines
	MeanValue                string
	Path                     string
	Dots                     []dot
	Rows                     []row
	Ticks                    []tick
	Width, Height            float64
}

type dot struct {
	X, Y   string
	Signal bool
}

type row struct {
	Label, Value, Note string
}

type tick struct {
	X     string
	Label string
}

func (c SPC) view(x *spc.Chart) view {
	lo, hi := math.Min(x.Lower, minOf(x.Values)), math.Max(x.Upper, maxOf(x.Values))
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	yOf := func(v float64) float64 { return top + (hi-v)/(hi-lo)*(height-top-base) }
	xOf := func(i int) float64 {
		if len(c.Points) < 2 {
			return left
		}
		return left + float64(i)/float64(len(c.Points)-1)*(width-left-right)
	}
	signalled := map[int]string{}
	for _, s := range x.Signals {
		for i := s.First; i <= s.Last; i++ {
			if signalled[i] == "" {
				signalled[i] = describe(s)
			}
		}
	}
	id := c.ID
	if id == "" {
		id = "spc"
	}
	v := view{ID: id, Title: c.Title, Unit: c.Unit, Width: width, Height: height,
		Mean: f(yOf(x.Mean)), Upper: f(yOf(x.Upper)), Lower: f(yOf(x.Lower)), MeanValue: f(x.Mean)}
	var path strings.Builder
	for i, p := range c.Points {
		px, py := f(xOf(i)), f(yOf(p.Value))
		if i == 0 {
			fmt.Fprintf(&path, "M%s %s", px, py)
		} else {
			fmt.Fprintf(&path, " L%s %s", px, py)
		}
		v.Dots = append(v.Dots, dot{X: px, Y: py, Signal: signalled[i] != ""})
		v.Rows = append(v.Rows, row{Label: p.Label, Value: f(p.Value), Note: signalled[i]})
		if i%max(1, len(c.Points)/8) == 0 {
			v.Ticks = append(v.Ticks, tick{X: px, Label: p.Label})
		}
	}
	v.Path = path.String()
	signals := fmt.Sprintf("%d special-cause signals", len(x.Signals))
	if len(x.Signals) == 1 {
		signals = "1 special-cause signal"
	}
	v.Summary = fmt.Sprintf("Mean %s, process limits %s to %s, %s.", f(x.Mean), f(x.Lower), f(x.Upper), signals)
	if x.TooFewToUse {
		v.Summary += " Fewer than 12 points: the limits are a guide only."
	}
	return v
}

// describe says what a signal means, in words.
func describe(s spc.Signal) string {
	dir := map[bool]string{true: "above", false: "below"}[s.High]
	switch s.Rule {
	case spc.OutsideLimits:
		return "outside the process limits (" + dir + ")"
	case spc.Shift:
		return "part of a run of points " + dir + " the mean"
	case spc.Trend:
		return "part of a run " + map[bool]string{true: "rising", false: "falling"}[s.High]
	case spc.NearLimit:
		return "two of three points near the " + map[bool]string{true: "upper", false: "lower"}[s.High] + " limit"
	}
	return ""
}

func f(v float64) string { return fmt.Sprintf("%.1f", v) }

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

var page = template.Must(template.New("spc").Parse(`<figure class="spc">
<svg role="img" aria-labelledby="{{.ID}}-title {{.ID}}-summary" viewBox="0 0 {{.Width}} {{.Height}}" xmlns="http://www.w3.org/2000/svg">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-summary">{{.Summary}}</desc>
<line class="limit" x1="60" x2="700" y1="{{.Upper}}" y2="{{.Upper}}" stroke="#505a5f" stroke-dasharray="6 4"/>
<line class="mean" x1="60" x2="700" y1="{{.Mean}}" y2="{{.Mean}}" stroke="#0b0c0c"/>
<line class="limit" x1="60" x2="700" y1="{{.Lower}}" y2="{{.Lower}}" stroke="#505a5f" stroke-dasharray="6 4"/>
<path d="{{.Path}}" fill="none" stroke="#1d70b8" stroke-width="2"/>
{{range .Dots}}<circle cx="{{.X}}" cy="{{.Y}}" r="{{if .Signal}}5{{else}}3{{end}}" fill="{{if .Signal}}#d4351c{{else}}#1d70b8{{end}}"/>
{{end}}{{range .Ticks}}<text x="{{.X}}" y="285" font-size="11" text-anchor="middle">{{.Label}}</text>
{{end}}</svg>
<figcaption>{{.Title}} ({{.Unit}}). {{.Summary}}</figcaption>
<table class="spc-data">
<caption>{{.Title}}: the data</caption>
<thead><tr><th scope="col">Period</th><th scope="col">{{.Unit}}</th><th scope="col">Signal</th></tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td><td>{{.Note}}</td></tr>
{{end}}</tbody>
</table>
</figure>
`))
