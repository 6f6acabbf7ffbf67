package chart

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// Funnel is a funnel plot: each authority's value against its
// denominator (its population for a rate, its children for a share), the
// authority of the page marked apart, with England's value as a line and
// the 95% and 99.8% limits around it as curves that narrow as the
// denominator grows. A point outside the outer curves differs from
// England's value by more than chance alone would make it at that size.
type Funnel struct {
	ID     string // unique on its page; "funnel" when blank
	Title  string
	Unit   string // of the values: "%" or "per 10,000 children aged 0-17"
	XTitle string // what the denominator is: "children aged 0-17", "children looked after"
	Centre float64
	// Limits gives the limits at a denominator of n: lower and upper 95%,
	// lower and upper 99.8%.
	Limits func(n float64) (lower95, upper95, lower998, upper998 float64)
	Others []FunnelPoint // the other authorities with a value and a denominator
	Own    FunnelPoint   // the authority of the page
}

// FunnelPoint is one authority on a funnel plot.
type FunnelPoint struct {
	Label string
	X, Y  float64
}

// funnelSize is the drawing's size and the plot's edges, in SVG units.
const (
	funnelWidth, funnelHeight = 640.0, 380.0
	funnelLeft, funnelRight   = 64.0, 610.0
	funnelTop, funnelBottom   = 20.0, 300.0
	funnelSteps               = 80 // points along each curve
)

// Write draws the funnel plot as an SVG element.
func (f Funnel) Write(w io.Writer) error {
	id := f.ID
	if id == "" {
		id = "funnel"
	}
	maxX := f.Own.X
	ys := []float64{f.Own.Y, f.Centre}
	for _, p := range f.Others {
		maxX = math.Max(maxX, p.X)
		ys = append(ys, p.Y)
	}
	maxX *= 1.05
	if maxX <= 0 {
		return fmt.Errorf("chart: a funnel plot needs a denominator above 0")
	}
	_, hi95, lo998, hi998 := f.Limits(maxX)
	ys = append(ys, hi95, lo998, hi998)
	lo, hi := minOf(ys), maxOf(ys)
	pad := (hi - lo) * 0.08
	lo, hi = math.Max(0, lo-pad), hi+pad
	if hi <= lo {
		hi = lo + 1
	}
	x := func(v float64) float64 { return funnelLeft + v/maxX*(funnelRight-funnelLeft) }
	y := func(v float64) float64 {
		v = math.Min(hi, math.Max(lo, v))
		return funnelBottom - (v-lo)/(hi-lo)*(funnelBottom-funnelTop)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="village-funnel" id="%s" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %g %g" width="100%%" xmlns="http://www.w3.org/2000/svg">`,
		id, id, id, funnelWidth, funnelHeight)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, html.EscapeString(f.Title))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, html.EscapeString(f.describe()))
	f.axes(&b, lo, hi, maxX, x, y)
	curve := func(pick func(a, b, c, d float64) float64, dash, class string) {
		var path strings.Builder
		for i := 1; i <= funnelSteps; i++ {
			n := maxX * float64(i) / funnelSteps
			a, b, c, d := f.Limits(n)
			cmd := "L"
			if i == 1 {
				cmd = "M"
			}
			fmt.Fprintf(&path, "%s%s %s ", cmd, f1(x(n)), f1(y(pick(a, b, c, d))))
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s" fill="none" stroke="%s" stroke-width="1.5"%s/>`, class, strings.TrimSpace(path.String()), colourCommon, dash)
	}
	curve(func(a, _, _, _ float64) float64 { return a }, ` stroke-dasharray="4 3"`, "village-limit95")
	curve(func(_, b, _, _ float64) float64 { return b }, ` stroke-dasharray="4 3"`, "village-limit95")
	curve(func(_, _, c, _ float64) float64 { return c }, "", "village-limit998")
	curve(func(_, _, _, d float64) float64 { return d }, "", "village-limit998")
	fmt.Fprintf(&b, `<line class="village-centre" x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2"/>`,
		f1(funnelLeft), f1(funnelRight), f1(y(f.Centre)), f1(y(f.Centre)), colourText)
	for _, p := range f.Others {
		fmt.Fprintf(&b, `<circle class="village-other" cx="%s" cy="%s" r="3" fill="%s" fill-opacity="0.5"><title>%s</title></circle>`,
			f1(x(p.X)), f1(y(p.Y)), colourGrid, html.EscapeString(p.Label))
	}
	fmt.Fprintf(&b, `<circle class="village-own" cx="%s" cy="%s" r="6" fill="%s" stroke="%s" stroke-width="2"><title>%s</title></circle>`,
		f1(x(f.Own.X)), f1(y(f.Own.Y)), colourImprovement, colourText, html.EscapeString(f.Own.Label))
	f.key(&b)
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// describe says what the plot shows, for a screen reader.
func (f Funnel) describe() string {
	return fmt.Sprintf("Funnel plot: %d authorities' values (%s) against their %s, with England's value %s as a line and its 95%% (dashed) "+
		"and 99.8%% (solid) limits. %s is marked: %s at %s.", len(f.Others), f.Unit, f.XTitle, number(f.Centre, 1), f.Own.Label,
		number(f.Own.Y, 1), number(f.Own.X, 0))
}

// axes draws the axes with their ticks and titles.
func (f Funnel) axes(b *strings.Builder, lo, hi, maxX float64, x, y func(float64) float64) {
	fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, f1(funnelLeft), f1(funnelRight), f1(funnelBottom), f1(funnelBottom), colourText)
	fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, f1(funnelLeft), f1(funnelLeft), f1(funnelTop), f1(funnelBottom), colourText)
	for i := 0; i <= 4; i++ {
		v := lo + (hi-lo)*float64(i)/4
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" font-size="12" fill="%s">%s</text>`, f1(funnelLeft-6), f1(y(v)+4), colourText, number(v, 1))
		n := maxX * float64(i) / 4
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="12" fill="%s">%s</text>`, f1(x(n)), f1(funnelBottom+16), colourText, number(n, 0))
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="12" fill="%s">%s</text>`, f1((funnelLeft+funnelRight)/2), f1(funnelBottom+34),
		colourText, html.EscapeString(f.XTitle))
	fmt.Fprintf(b, `<text x="12" y="%s" font-size="12" fill="%s" transform="rotate(-90 12 %s)" text-anchor="middle">%s</text>`,
		f1((funnelTop+funnelBottom)/2), colourText, f1((funnelTop+funnelBottom)/2), html.EscapeString(f.Unit))
}

// key draws the legend under the plot.
func (f Funnel) key(b *strings.Builder) {
	ky := funnelBottom + 62
	fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="6" fill="%s" stroke="%s" stroke-width="2"/><text x="%s" y="%s" font-size="12" fill="%s">%s</text>`,
		f1(funnelLeft+6), f1(ky), colourImprovement, colourText, f1(funnelLeft+18), f1(ky+4), colourText, html.EscapeString(f.Own.Label))
	fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="3" fill="%s"/><text x="%s" y="%s" font-size="12" fill="%s">other authorities</text>`,
		f1(funnelLeft+186), f1(ky), colourGrid, f1(funnelLeft+196), f1(ky+4), colourText)
	fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2"/><text x="%s" y="%s" font-size="12" fill="%s">England</text>`,
		f1(funnelLeft+316), f1(funnelLeft+340), f1(ky), f1(ky), colourText, f1(funnelLeft+346), f1(ky+4), colourText)
	fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-dasharray="4 3"/><text x="%s" y="%s" font-size="12" fill="%s">95%%</text>`,
		f1(funnelLeft+406), f1(funnelLeft+430), f1(ky), f1(ky), colourCommon, f1(funnelLeft+436), f1(ky+4), colourText)
	fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/><text x="%s" y="%s" font-size="12" fill="%s">99.8%% limits</text>`,
		f1(funnelLeft+466), f1(funnelLeft+490), f1(ky), f1(ky), colourCommon, f1(funnelLeft+496), f1(ky+4), colourText)
}

// Lines is a small line chart of a few series over the same years, such
// as an authority against England and its neighbours; a missing value
// breaks its line.
type Lines struct {
	ID     string
	Title  string
	Unit   string
	Labels []string // the x axis: one label a point
	Series []Line
}

// Line is one series of a Lines chart.
type Line struct {
	Name   string
	Values []*float64 // nil where there is no value
	Colour string     // "" for the next of the chart's colours
	Dash   bool
}

// Write draws the chart as an SVG element.
func (c Lines) Write(w io.Writer) error {
	id := c.ID
	if id == "" {
		id = "lines"
	}
	var ys []float64
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				ys = append(ys, *v)
			}
		}
	}
	if len(ys) == 0 || len(c.Labels) == 0 {
		return fmt.Errorf("chart: a line chart needs a value")
	}
	lo, hi := 0.0, maxOf(ys)*1.1
	if hi <= lo {
		hi = 1
	}
	x := func(i int) float64 {
		if len(c.Labels) == 1 {
			return (funnelLeft + funnelRight) / 2
		}
		return funnelLeft + 20 + float64(i)/float64(len(c.Labels)-1)*(funnelRight-funnelLeft-40)
	}
	y := func(v float64) float64 { return funnelBottom - (v-lo)/(hi-lo)*(funnelBottom-funnelTop) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="village-lines" id="%s" role="img" aria-labelledby="%s-title" viewBox="0 0 %g %g" width="100%%" xmlns="http://www.w3.org/2000/svg">`,
		id, id, funnelWidth, funnelHeight)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, html.EscapeString(c.Title))
	fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s"/>`, f1(funnelLeft), f1(funnelRight), f1(funnelBottom), f1(funnelBottom), colourText)
	for i := 0; i <= 4; i++ {
		v := lo + (hi-lo)*float64(i)/4
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" font-size="12" fill="%s">%s</text>`, f1(funnelLeft-6), f1(y(v)+4), colourText, number(v, 1))
	}
	for i, l := range c.Labels {
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="12" fill="%s">%s</text>`, f1(x(i)), f1(funnelBottom+16), colourText, html.EscapeString(l))
	}
	colours := []string{colourImprovement, colourText, colourConcern, colourNeutral}
	for k, s := range c.Series {
		colour := s.Colour
		if colour == "" {
			colour = colours[k%len(colours)]
		}
		dash := ""
		if s.Dash {
			dash = ` stroke-dasharray="6 4"`
		}
		var path strings.Builder
		cmd := "M"
		for i, v := range s.Values {
			if v == nil {
				cmd = "M"
				continue
			}
			fmt.Fprintf(&path, "%s%s %s ", cmd, f1(x(i)), f1(y(*v)))
			cmd = "L"
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s, %s: %s</title></circle>`, f1(x(i)), f1(y(*v)), colour,
				html.EscapeString(s.Name), html.EscapeString(c.Labels[i]), number(*v, 1))
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>`, strings.TrimSpace(path.String()), colour, dash)
		ky := funnelBottom + 44 + float64(k)*18
		fmt.Fprintf(&b, `<line x1="%s" x2="%s" y1="%s" y2="%s" stroke="%s" stroke-width="2"%s/><text x="%s" y="%s" font-size="12" fill="%s">%s</text>`,
			f1(funnelLeft), f1(funnelLeft+28), f1(ky), f1(ky), colour, dash, f1(funnelLeft+34), f1(ky+4), colourText, html.EscapeString(s.Name))
	}
	b.WriteString(`</svg>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// f1 writes an SVG coordinate to one decimal place.
func f1(v float64) string { return f(v) }
