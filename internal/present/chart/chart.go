// Package chart draws statistical process control charts as SVG on the
// server, with a data table beside each, so that pages print and need no
// JavaScript, and a screen reader has the numbers.
package chart

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/village-uk/village/internal/spc"
)

// SPC is an XmR chart of a series, in the NHS England "Making Data Count"
// style: the points in grey, joined; the mean and the process limits
// labelled with their values; special causes in blue (improvement), orange
// (concern) or purple (neither, for a series with no good direction); a
// y-axis from zero, so that a change of a few per cent looks like one, and
// a legend. Every signal it counts, colours and lists in its data table
// is one of spc's Chart.Signals, numbered as spc.Reading.Notes numbers them.
type SPC struct {
	ID     string // unique on its page, for the accessible names; "spc" when blank
	Unit   string // of the values: "children", "%"
	Series spc.Series
}

// Colours, from the GOV.UK palette, each at least 3:1 against white as
// WCAG 2.1 (1.4.11, non-text contrast) asks of the marks a reader needs.
// Making Data Count's blue and orange for improvement and concern are
// darkened to reach it: its orange is 3.3:1 and its blue 2.5:1.
const (
	colourText        = "#0b0c0c" // 19.0:1
	colourCommon      = "#505a5f" // common cause: 7.1:1
	colourImprovement = "#1d70b8" // 5.2:1
	colourConcern     = "#d55e00" // 3.9:1, an orange that stays apart from the blue for colour-blind readers
	colourNeutral     = "#4c2c92" // 10.1:1
	colourGrid        = "#b1b4b6" // the grid is decoration, not a mark
)

// Size of the drawing, in SVG units.
const (
	width, height   = 720.0, 350.0
	left, right     = 64.0, 600.0 // the plot's edges; the mean and limits are labelled right of it
	top, plotBottom = 30.0, 250.0
	xLabelY         = 268.0
	legendY         = 300.0
	fontWidth       = 6.5 // an average character of 12px Arial, for laying out labels
)

// Write draws the chart as an SVG element followed by its data table.
func (c SPC) Write(w io.Writer) error {
	return page.Execute(w, c.view(c.Series.Read()))
}

type view struct {
	ID, Title, Unit, Summary string
	Caveat                   string
	Width, Height            float64
	Left, Right, PlotBottom  string
	Path                     string
	Dots                     template.HTML // the points, as circle elements
	Rows                     template.HTML // the data table's rows
	XTicks                   []tick
	YTicks                   []tick
	Lines                    []refLine
	Legend                   []spcKey
	AxisTitle                string
}

type tick struct {
	X, Y  string
	Label string
}

// refLine is the mean or a process limit, with its label right of the plot.
type refLine struct {
	Class, Y, LabelY, Label, Dash string
}

type spcKey struct {
	Kind, Label  string
	X, TextX, Y  string
	LineY, DotX  string
	Fill, Stroke string
}

// scale maps values to the plot.
type scale struct {
	lo, hi float64
	n      int
}

func (s scale) y(v float64) float64 {
	return plotBottom - (v-s.lo)/(s.hi-s.lo)*(plotBottom-top)
}

func (s scale) x(i int) float64 {
	if s.n < 2 {
		return (left + right) / 2
	}
	return left + float64(i)/float64(s.n-1)*(right-left)
}

func (c SPC) view(r *spc.Reading) view {
	x := r.Chart
	id := c.ID
	if id == "" {
		id = "spc"
	}
	format := formats(x.Values)
	pct := ""
	if c.Unit == "%" {
		pct = "%"
	}
	v := view{ID: id, Title: c.Series.Title, Unit: c.Unit, Width: width, Height: height, Caveat: r.Caveat(),
		Left: f(left), Right: f(right), PlotBottom: f(plotBottom), AxisTitle: axisTitle(c.Unit)}

	// The scale starts at zero for figures that cannot be negative:
	// counts, rates, shares and days. A scale from the lowest point
	// makes a change of 3% fill the chart.
	lo, hi := math.Min(0, minOf(x.Values)), math.Max(x.Upper, maxOf(x.Values))
	if len(x.Values) == 0 {
		lo, hi = 0, 1
	}
	lo, hi, step := niceScale(lo, hi, 5)
	if hi-lo < 1 && step >= 1 { // niceScale works in steps of at least 1
		hi = lo + step
	}
	s := scale{lo: lo, hi: hi, n: len(x.Values)}
	for t := lo; t <= hi+step/2; t += step {
		v.YTicks = append(v.YTicks, tick{Y: f(s.y(t)), Label: number(t, tickDecimals(step)) + pct})
	}

	v.Lines = c.lines(x, s, format, pct)
	// The points and the table's rows are many: they are written here,
	// every text escaped, rather than field by field by the template.
	marks := x.Marks()
	described := make([]string, len(x.Signals))
	for n, sig := range x.Signals {
		described[n] = fmt.Sprintf("signal %d (%s): %s", n+1, sig.Meaning, describe(sig))
	}
	var path, dots, rows strings.Builder
	path.Grow(16 * len(x.Values))
	dots.Grow(160 * len(x.Values))
	rows.Grow(80 * len(x.Values))
	for i, value := range x.Values {
		px, py := f(s.x(i)), f(s.y(value))
		if i == 0 {
			path.WriteString("M" + px + " " + py)
		} else {
			path.WriteString(" L" + px + " " + py)
		}
		shown := number(value, format.values) + pct
		radius, fill, class, note := "3.5", colourCommon, "common", ""
		if m := marks[i]; m.Special() {
			radius, fill, class = "5.5", colourOf(m.Meaning), className(m.Meaning)
			parts := make([]string, len(m.Signals))
			for j, n := range m.Signals {
				parts[j] = described[n]
			}
			note = strings.Join(parts, "; ")
		}
		title := r.Labels[i] + ": " + shown
		if note != "" {
			title += ", " + note
		}
		dots.WriteString(`<circle class="` + class + `" cx="` + px + `" cy="` + py + `" r="` + radius + `" fill="` + fill +
			`" stroke="#ffffff" stroke-width="1"><title>` + template.HTMLEscapeString(title) + "</title></circle>\n")
		rows.WriteString(`<tr><th scope="row">` + template.HTMLEscapeString(r.Labels[i]) + "</th><td>" + template.HTMLEscapeString(shown) +
			"</td><td>" + template.HTMLEscapeString(note) + "</td></tr>\n")
	}
	v.Path, v.Dots, v.Rows = path.String(), template.HTML(dots.String()), template.HTML(rows.String())
	v.XTicks = xTicks(r.Labels, s)
	v.Legend = legend(x.Better)
	v.Summary = summary(x, format, pct)
	return v
}

// lines are the mean and the process limits, each labelled with its value
// right of the plot; a limit beyond the scale (a lower limit below zero) is
// not drawn, and the summary says so. Labels closer than a line of text
// are moved apart.
func (c SPC) lines(x *spc.Chart, s scale, format numberFormat, pct string) []refLine {
	if len(x.Values) == 0 {
		return nil
	}
	type line struct {
		class, name, dash string
		value             float64
	}
	var out []refLine
	for _, l := range []line{{"limit", "Upper limit", "6 4", x.Upper}, {"mean", "Mean", "", x.Mean}, {"limit", "Lower limit", "6 4", x.Lower}} {
		if l.value < s.lo || l.value > s.hi {
			continue
		}
		y := s.y(l.value)
		out = append(out, refLine{Class: l.class, Y: f(y), LabelY: f(y), Dash: l.dash, Label: l.name + " " + number(l.value, format.lines) + pct})
	}
	// Spread the labels (top to bottom) at least 14 units apart.
	const gap = 14.0
	ys := make([]float64, len(out))
	for i := range out {
		ys[i], _ = strconv.ParseFloat(out[i].LabelY, 64)
		ys[i] += 4 // the text's baseline, for 12px text centred on the line
		if i > 0 && ys[i] < ys[i-1]+gap {
			ys[i] = ys[i-1] + gap
		}
	}
	for i := range out {
		out[i].LabelY = f(ys[i])
	}
	return out
}

// numberFormat is how many decimals values and the lines are shown with.
type numberFormat struct{ values, lines int }

// formats shows counts (every value whole) as whole numbers, and their
// mean and limits to one decimal only when they are under 100; other
// figures to one decimal.
func formats(values []float64) numberFormat {
	for _, v := range values {
		if v != math.Trunc(v) {
			return numberFormat{values: 1, lines: 1}
		}
	}
	if maxOf(values) >= 100 {
		return numberFormat{}
	}
	return numberFormat{values: 0, lines: 1}
}

func tickDecimals(step float64) int {
	if step >= 1 {
		return 0
	}
	return 1
}

// axisTitle names the values, above the y-axis.
func axisTitle(unit string) string {
	if unit == "%" {
		return "Per cent"
	}
	if unit == "" {
		return ""
	}
	return strings.ToUpper(unit[:1]) + unit[1:]
}

// xTicks labels the points, as many as fit without overlapping: every
// n-th from the first.
func xTicks(labels []string, s scale) []tick {
	if len(labels) == 0 {
		return nil
	}
	widest := 0
	for _, l := range labels {
		widest = max(widest, len(l))
	}
	every := 1
	if len(labels) > 1 {
		per := (right - left) / float64(len(labels)-1)
		every = max(1, int(math.Ceil((float64(widest)*fontWidth+12)/per)))
	}
	var out []tick
	for i := 0; i < len(labels); i += every {
		out = append(out, tick{X: f(s.x(i)), Label: labels[i]})
	}
	return out
}

// legend is the key below the x-axis: data, mean, process limits, and the
// colours of special causes the series can have.
func legend(better spc.Direction) []spcKey {
	items := []spcKey{{Kind: "data", Label: "Data", Stroke: colourCommon, Fill: colourCommon},
		{Kind: "line", Label: "Mean", Stroke: colourText}, {Kind: "dashed", Label: "Process limits", Stroke: colourCommon}}
	if better == spc.Neither {
		items = append(items, spcKey{Kind: "dot", Label: "Special cause (neither better nor worse)", Fill: colourNeutral})
	} else {
		items = append(items, spcKey{Kind: "dot", Label: "Improvement", Fill: colourImprovement},
			spcKey{Kind: "dot", Label: "Concern", Fill: colourConcern})
	}
	x, y := left, legendY
	for i := range items {
		w := 30 + fontWidth*float64(len(items[i].Label)) + 18
		if x+w > width && i > 0 {
			x, y = left, y+22
		}
		items[i].X, items[i].TextX, items[i].DotX = f(x), f(x+24), f(x+12)
		items[i].Y, items[i].LineY = f(y), f(y-4)
		x += w
	}
	return items
}

// summary is the chart in a sentence: its mean, limits and signals, as
// many as spc.Reading.Notes gives and of the same kinds.
func summary(x *spc.Chart, format numberFormat, pct string) string {
	if len(x.Values) == 0 {
		return "No figures to chart."
	}
	num := func(v float64) string { return number(v, format.lines) + pct }
	limits := fmt.Sprintf("process limits %s to %s", num(x.Lower), num(x.Upper))
	if x.Lower < 0 && minOf(x.Values) >= 0 {
		limits = fmt.Sprintf("upper process limit %s (the lower limit, %s, is below zero)", num(x.Upper), num(x.Lower))
	}
	out := fmt.Sprintf("Mean %s, %s. %s.", num(x.Mean), limits, signalCount(x))
	if x.TooFewToUse {
		out += " Fewer than 12 points: the limits are a guide only."
	}
	return out
}

// signalCount says how many special causes there are, and of which kind:
// "3 special-cause signals: 1 improvement, 2 concern".
func signalCount(x *spc.Chart) string {
	n := len(x.Signals)
	switch n {
	case 0:
		return "No special-cause signal"
	case 1:
		return "1 special-cause signal: " + x.Signals[0].Meaning.String()
	}
	counts := map[spc.Variation]int{}
	for _, s := range x.Signals {
		counts[s.Meaning]++
	}
	if x.Better == spc.Neither {
		return fmt.Sprintf("%d special-cause signals, neither improvement nor concern", n)
	}
	return fmt.Sprintf("%d special-cause signals: %d improvement, %d concern", n, counts[spc.Improvement], counts[spc.Concern])
}

// describe says what a signal means for one of its points, in words.
func describe(s spc.Signal) string {
	dir := map[bool]string{true: "above", false: "below"}[s.High]
	switch s.Rule {
	case spc.OutsideLimits:
		return dir + " the process limits"
	case spc.Shift:
		return "part of a run of points " + dir + " the mean"
	case spc.Trend:
		return "part of a run " + map[bool]string{true: "rising", false: "falling"}[s.High]
	case spc.NearLimit:
		return "close to the " + map[bool]string{true: "upper", false: "lower"}[s.High] + " limit, as another of three points is"
	}
	return ""
}

func colourOf(v spc.Variation) string {
	switch v {
	case spc.Improvement:
		return colourImprovement
	case spc.Concern:
		return colourConcern
	}
	return colourNeutral
}

func className(v spc.Variation) string {
	switch v {
	case spc.Improvement:
		return "improvement"
	case spc.Concern:
		return "concern"
	}
	return "neutral"
}

// number writes v to decimals places, its thousands separated by commas:
// 2919 is "2,919", 65.25 to 1 place "65.3".
func number(v float64, decimals int) string {
	if decimals == 0 {
		return whole(v)
	}
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	text := strconv.FormatFloat(math.Abs(r), 'f', decimals, 64)
	integer, fraction, _ := strings.Cut(text, ".")
	n, _ := strconv.ParseFloat(integer, 64)
	out := whole(n) + "." + fraction
	if r < 0 {
		out = "−" + out
	}
	return out
}

func f(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

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
{{with .AxisTitle}}<text class="axis-title" x="{{$.Left}}" dx="-8" y="16" font-size="12" text-anchor="start" fill="#0b0c0c">{{.}}</text>
{{end}}{{range .YTicks}}<line class="grid" x1="{{$.Left}}" x2="{{$.Right}}" y1="{{.Y}}" y2="{{.Y}}" stroke="#b1b4b6" stroke-width="0.5"/>
<text x="{{$.Left}}" dx="-6" y="{{.Y}}" dy="4" font-size="12" text-anchor="end" fill="#0b0c0c">{{.Label}}</text>
{{end}}<line class="axis" x1="{{.Left}}" x2="{{.Right}}" y1="{{.PlotBottom}}" y2="{{.PlotBottom}}" stroke="#505a5f"/>
{{range .Lines}}<line class="{{.Class}}" x1="{{$.Left}}" x2="{{$.Right}}" y1="{{.Y}}" y2="{{.Y}}" stroke="{{if eq .Class "mean"}}#0b0c0c{{else}}#505a5f{{end}}" stroke-width="1.5"{{with .Dash}} stroke-dasharray="{{.}}"{{end}}/>
<text class="line-label" x="{{$.Right}}" dx="6" y="{{.LabelY}}" font-size="12" fill="#0b0c0c">{{.Label}}</text>
{{end}}{{with .Path}}<path class="data" d="{{.}}" fill="none" stroke="#505a5f" stroke-width="1.5"/>
{{end}}{{.Dots}}{{range .XTicks}}<line x1="{{.X}}" x2="{{.X}}" y1="{{$.PlotBottom}}" y2="255" stroke="#505a5f"/>
<text x="{{.X}}" y="268" font-size="12" text-anchor="middle" fill="#0b0c0c">{{.Label}}</text>
{{end}}<g class="legend">
{{range .Legend}}<g class="key">{{if eq .Kind "data"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="{{.Stroke}}" stroke-width="1.5"/><circle cx="{{.DotX}}" cy="{{.LineY}}" r="3.5" fill="{{.Fill}}"/>{{else if eq .Kind "line"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="{{.Stroke}}" stroke-width="1.5"/>{{else if eq .Kind "dashed"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="{{.Stroke}}" stroke-width="1.5" stroke-dasharray="6 4"/>{{else}}<circle cx="{{.DotX}}" cy="{{.LineY}}" r="5.5" fill="{{.Fill}}"/>{{end}}<text x="{{.TextX}}" dx="4" y="{{.Y}}" font-size="12" fill="#0b0c0c">{{.Label}}</text></g>
{{end}}</g>
</svg>
<figcaption>{{.Title}} ({{.Unit}}). {{.Summary}}{{with .Caveat}} <strong>Caution:</strong> {{.}}{{end}}</figcaption>
<table class="spc-data">
<caption>{{.Title}}: the data</caption>
<thead><tr><th scope="col">Period</th><th scope="col">{{.Unit}}</th><th scope="col">Signal</th></tr></thead>
<tbody>
{{.Rows}}</tbody>
</table>
</figure>
`))
