package chart

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/internal/disclose"
)

// Series is what a fan chart draws: what happened, then the projection.
// The caller builds it from whatever projected (a forecast), having asked
// the disclosure policy how each observed count may be published.
type Series struct {
	History  []Observed
	Forecast []Band
}

// Observed is one observed month end: a count as the disclosure policy
// lets it be published. A suppressed count is left out of the line and
// shown as the policy writes it in the table.
type Observed struct {
	Date  string // YYYY-MM-DD
	Count disclose.Cell
}

// Band is one projected month: the median and the 50% and 90% intervals.
// Projections are modelled, not counts of children, and are drawn as they
// are.
type Band struct {
	Date                      string // YYYY-MM-DD
	P5, P25, Median, P75, P95 float64
}

// Fan is a fan chart of one forecast series: what happened as a solid
// line, then the projection as nested bands, the 90% interval lighter and
// the 50% darker, with the median dashed through them, so that the
// projection is never a line without its range. A data table follows the
// drawing.
type Fan struct {
	ID     string // unique on its page, for the accessible names; "fan" when blank
	Title  string // the series, as "Children looked after"
	Unit   string // what is counted, as "children"
	Series Series // the history and the projection
	// Scenario, when set, is drawn over the projection (its median and
	// 90% interval) and given in the table; its summary names it
	// ScenarioName. Its history is not drawn.
	Scenario     *Series
	ScenarioName string
	// Step is the months between the projected rows of the data table:
	// 3 for every quarter from the start, 12 for every year (the default
	// is 3). The history is given a year apart, back from the start.
	Step int
	// Small draws a smaller chart, for two side by side.
	Small bool
}

// fanSize is a fan chart's drawing, in SVG units.
type fanSize struct {
	width, height, left, right, top, plotBottom float64
}

var (
	largeFan = fanSize{width: 720, height: 330, left: 60, right: 35, top: 20, plotBottom: 250}
	smallFan = fanSize{width: 440, height: 330, left: 50, right: 35, top: 20, plotBottom: 240}
)

// Write draws the chart as an SVG element followed by its data table.
func (c Fan) Write(w io.Writer) error {
	v, err := c.view()
	if err != nil {
		return err
	}
	return fanPage.Execute(w, v)
}

type fanView struct {
	ID, Title, Unit, Summary             string
	Width, Height                        float64
	Grid                                 []gridLine
	Years                                []tick
	StartX, Top, PlotBottom, Left, Right string
	TickEnd                              string
	HasScenario, Small                   bool
	LabelY                               string
	History                              string // the observed line's path
	Outer, Inner, Median                 string // the 90% and 50% bands' polygons and the median's path
	ScenarioOuter, ScenarioMedian        string
	Legend                               []legendItem
	Rows                                 []fanRow
}

type gridLine struct{ Y, Label string }

type legendItem struct {
	X, TextX, Y, LineY, BoxY string
	Kind                     string // line, dashed, outer, inner, scenario, scenario-band
	Label                    string
}

type fanRow struct {
	Date, Observed, Median, Inner, Outer string
	ScenarioMedian, ScenarioOuter        string
	Projected                            bool
}

// month is a month end's place in time: months since year 0.
func month(date string) (int, time.Time, error) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0, t, fmt.Errorf("date %q: expected YYYY-MM-DD", date)
	}
	return t.Year()*12 + int(t.Month()) - 1, t, nil
}

func (c Fan) view() (fanView, error) {
	s := c.Series
	if len(s.Forecast) == 0 {
		return fanView{}, fmt.Errorf("fan chart %q: no projected months", c.Title)
	}
	if c.Scenario != nil && len(c.Scenario.Forecast) != len(s.Forecast) {
		return fanView{}, fmt.Errorf("fan chart %q: the scenario has %d projected months, the baseline %d", c.Title, len(c.Scenario.Forecast), len(s.Forecast))
	}
	size := largeFan
	if c.Small {
		size = smallFan
	}
	step := c.Step
	if step <= 0 {
		step = 3
	}
	id := c.ID
	if id == "" {
		id = "fan"
	}
	// The months drawn, from the first observed to the last projected.
	first := s.Forecast[0].Date
	if len(s.History) > 0 {
		first = s.History[0].Date
	}
	m0, _, err := month(first)
	if err != nil {
		return fanView{}, err
	}
	mEnd, _, err := month(s.Forecast[len(s.Forecast)-1].Date)
	if err != nil {
		return fanView{}, err
	}
	span := float64(max(1, mEnd-m0))
	xOfMonth := func(m int) float64 {
		return size.left + float64(m-m0)/span*(size.width-size.left-size.right)
	}
	xOf := func(date string) float64 {
		m, _, _ := month(date) // every date was parsed once already
		return xOfMonth(m)
	}
	for _, p := range s.History {
		if _, _, err := month(p.Date); err != nil {
			return fanView{}, err
		}
	}
	for _, iv := range s.Forecast {
		if _, _, err := month(iv.Date); err != nil {
			return fanView{}, err
		}
	}

	// The vertical scale: every value drawn, on round ticks.
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for _, p := range s.History {
		if !p.Count.Suppressed() {
			see(p.Count.Value)
		}
	}
	for _, iv := range s.Forecast {
		see(iv.P5)
		see(iv.P95)
	}
	if c.Scenario != nil {
		for _, iv := range c.Scenario.Forecast {
			see(iv.P5)
			see(iv.P95)
		}
	}
	lo, hi, tickStep := niceScale(lo, hi, 5)
	yOf := func(v float64) float64 {
		return size.top + (hi-v)/(hi-lo)*(size.plotBottom-size.top)
	}

	v := fanView{ID: id, Title: c.Title, Unit: c.Unit, Width: size.width, Height: size.height,
		Top: f(size.top), PlotBottom: f(size.plotBottom), Left: f(size.left), Right: f(size.width - size.right),
		LabelY: f(size.top + 12), TickEnd: f(size.plotBottom + 5), HasScenario: c.Scenario != nil, Small: c.Small}
	for t := lo; t <= hi+tickStep/2; t += tickStep {
		v.Grid = append(v.Grid, gridLine{Y: f(yOf(t)), Label: whole(t)})
	}
	// A label at each 31 March, the end of a financial year, as far
	// apart as fits.
	every := 1
	if years := float64(mEnd-m0) / 12; years > 0 {
		every = max(1, int(math.Ceil(years/float64(map[bool]int{true: 5, false: 9}[c.Small]))))
	}
	for m := m0; m <= mEnd; m++ {
		if m%12 == 2 && (m/12)%every == 0 {
			v.Years = append(v.Years, tick{X: f(xOfMonth(m)), Label: "Mar " + strconv.Itoa(m/12)})
		}
	}

	// The observed line, broken where a value is hidden.
	var path strings.Builder
	pen := false
	for _, p := range s.History {
		if p.Count.Suppressed() {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
			if path.Len() > 0 {
				path.WriteByte(' ')
			}
		} else {
			path.WriteByte(' ')
		}
		fmt.Fprintf(&path, "%s%s %s", cmd, f(xOf(p.Date)), f(yOf(p.Count.Value)))
		pen = true
	}
	v.History = path.String()

	// The projection leaves from the last observed point, so that the fan
	// opens from what is known.
	var anchor *Observed
	if n := len(s.History); n > 0 && !s.History[n-1].Count.Suppressed() {
		anchor = &s.History[n-1]
	}
	start := xOf(s.Forecast[0].Date)
	if n := len(s.History); n > 0 {
		start = xOf(s.History[n-1].Date)
	}
	v.StartX = f(start)
	band := func(series []Band, upper, lower func(Band) float64) string {
		var b strings.Builder
		if anchor != nil {
			fmt.Fprintf(&b, "%s,%s ", f(xOf(anchor.Date)), f(yOf(anchor.Count.Value)))
		}
		for _, iv := range series {
			fmt.Fprintf(&b, "%s,%s ", f(xOf(iv.Date)), f(yOf(upper(iv))))
		}
		for i := len(series) - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "%s,%s", f(xOf(series[i].Date)), f(yOf(lower(series[i]))))
			if i > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	line := func(series []Band) string {
		var b strings.Builder
		cmd := "M"
		if anchor != nil {
			fmt.Fprintf(&b, "M%s %s", f(xOf(anchor.Date)), f(yOf(anchor.Count.Value)))
			cmd = " L"
		}
		for _, iv := range series {
			fmt.Fprintf(&b, "%s%s %s", cmd, f(xOf(iv.Date)), f(yOf(iv.Median)))
			cmd = " L"
		}
		return b.String()
	}
	p5 := func(iv Band) float64 { return iv.P5 }
	p95 := func(iv Band) float64 { return iv.P95 }
	v.Outer = band(s.Forecast, p95, p5)
	v.Inner = band(s.Forecast, func(iv Band) float64 { return iv.P75 }, func(iv Band) float64 { return iv.P25 })
	v.Median = line(s.Forecast)
	if c.Scenario != nil {
		v.ScenarioOuter = band(c.Scenario.Forecast, p95, p5)
		v.ScenarioMedian = line(c.Scenario.Forecast)
	}
	v.Legend = c.legend(size)
	v.Rows = c.rows(step)
	v.Summary = c.summary()
	return v, nil
}

// observed writes an observed count as the table and summary show it: a
// whole number, or as the disclosure policy writes a suppressed one.
func observed(p Observed) string {
	if p.Count.Suppressed() {
		return p.Count.Text()
	}
	return whole(p.Count.Value)
}

// legend lays out the key below the year labels, in one row.
func (c Fan) legend(size fanSize) []legendItem {
	items := []legendItem{{Kind: "line", Label: "What happened"}, {Kind: "dashed", Label: "Median"},
		{Kind: "inner", Label: "50% interval"}, {Kind: "outer", Label: "90% interval"}}
	if c.Scenario != nil {
		items = append(items, legendItem{Kind: "scenario", Label: "Scenario median"}, legendItem{Kind: "scenario-band", Label: "Scenario 90%"})
	}
	// A second row when they do not fit in one.
	x, y := size.left, size.plotBottom+45
	for i := range items {
		width := 30 + 6.5*float64(len(items[i].Label)) + 16
		if x+width > size.width && i > 0 {
			x, y = size.left, y+25
		}
		items[i].X, items[i].TextX = f(x), f(x+24)
		items[i].Y, items[i].LineY, items[i].BoxY = f(y), f(y-4), f(y-9)
		x += width
	}
	return items
}

// rows are the data table: the history a year apart back from the start,
// then the projection every step months and its last month.
func (c Fan) rows(step int) []fanRow {
	s := c.Series
	var out []fanRow
	n := len(s.History)
	var back []fanRow
	for i := n - 1; i >= 0; i -= 12 {
		p := s.History[i]
		back = append(back, fanRow{Date: longDate(p.Date), Observed: observed(p)})
	}
	for i := len(back) - 1; i >= 0; i-- {
		out = append(out, back[i])
	}
	for m := range s.Forecast {
		if (m+1)%step != 0 && m != len(s.Forecast)-1 {
			continue
		}
		iv := s.Forecast[m]
		r := fanRow{Date: longDate(iv.Date), Median: whole(iv.Median), Inner: interval(iv.P25, iv.P75),
			Outer: interval(iv.P5, iv.P95), Projected: true}
		if c.Scenario != nil {
			sc := c.Scenario.Forecast[m]
			r.ScenarioMedian, r.ScenarioOuter = whole(sc.Median), interval(sc.P5, sc.P95)
		}
		out = append(out, r)
	}
	return out
}

// summary says in one sentence where the series is and where it is going:
// "Children looked after: 932 on 31 Mar 2026; in 5 years 947 (90%
// interval 868 to 1,032)."
func (c Fan) summary() string {
	s := c.Series
	var b strings.Builder
	b.WriteString(c.Title + ": ")
	if n := len(s.History); n > 0 {
		p := s.History[n-1]
		fmt.Fprintf(&b, "%s on %s; ", observed(p), longDate(p.Date))
	}
	last := s.Forecast[len(s.Forecast)-1]
	fmt.Fprintf(&b, "in %s %s (90%% interval %s)", after(len(s.Forecast)), whole(last.Median), interval(last.P5, last.P95))
	if c.Scenario != nil {
		sc := c.Scenario.Forecast[len(s.Forecast)-1]
		fmt.Fprintf(&b, "; with %s, %s (90%% interval %s)", scenarioName(c.ScenarioName), whole(sc.Median), interval(sc.P5, sc.P95))
	}
	b.WriteString(".")
	return b.String()
}

func scenarioName(name string) string {
	if name == "" {
		return "the scenario"
	}
	return "the scenario " + strconv.Quote(name)
}

// after says how long the projection runs: "5 years", "18 months".
func after(months int) string {
	switch {
	case months == 12:
		return "1 year"
	case months%12 == 0:
		return strconv.Itoa(months/12) + " years"
	case months == 1:
		return "1 month"
	}
	return strconv.Itoa(months) + " months"
}

// interval writes a range of whole numbers: "868 to 1,032".
func interval(lo, hi float64) string { return whole(lo) + " to " + whole(hi) }

// whole writes a number rounded to a whole one, its thousands separated
// by commas: 1031.6 is "1,032".
func whole(v float64) string {
	r := math.Round(v)
	if r == 0 {
		r = 0 // no "-0"
	}
	digits := strconv.FormatFloat(math.Abs(r), 'f', 0, 64)
	var b strings.Builder
	if r < 0 {
		b.WriteString("−")
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// Whole writes a number as the fan chart's tables do: rounded to a whole
// number with its thousands separated by commas.
func Whole(v float64) string { return whole(v) }

// longDate writes YYYY-MM-DD as "31 March 2026", the one style Village
// writes dates in for readers (calendar.Date.Long).
func longDate(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.Format("2 January 2006")
}

// LongDate writes a forecast's date, YYYY-MM-DD, as "31 March 2026".
func LongDate(date string) string { return longDate(date) }

// niceScale widens lo to hi to round ticks about n apart: multiples of 1,
// 2 or 5 times a power of ten, and at least 1, for counts of children.
func niceScale(lo, hi float64, n int) (float64, float64, float64) {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) || math.IsNaN(lo) || math.IsNaN(hi) {
		return 0, 1, 1
	}
	if hi-lo < 1 {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	power := math.Pow(10, math.Floor(math.Log10(raw)))
	step := power
	for _, m := range []float64{1, 2, 5, 10} {
		if m*power >= raw {
			step = m * power
			break
		}
	}
	step = math.Max(step, 1)
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if lo == hi {
		hi += step
	}
	return lo, hi, step
}

// fanPage draws a fan chart in the GOV.UK palette: text #0b0c0c, grey
// #505a5f, grid #b1b4b6, the bands one blue (#1d70b8) at two strengths,
// the lighter 90% band showing round the darker 50% band, the median
// (#003078) and the history dark enough to read over both, and a
// scenario in purple (#4c2c92).
var fanPage = template.Must(template.New("fan").Parse(`<figure class="village-fan{{if .Small}} village-fan--small{{end}}">
<svg role="img" aria-labelledby="{{.ID}}-title {{.ID}}-summary" viewBox="0 0 {{.Width}} {{.Height}}" xmlns="http://www.w3.org/2000/svg">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-summary">{{.Summary}}</desc>
{{range .Grid}}<line x1="{{$.Left}}" x2="{{$.Right}}" y1="{{.Y}}" y2="{{.Y}}" stroke="#b1b4b6" stroke-width="0.5"/>
<text x="{{$.Left}}" dx="-6" y="{{.Y}}" dy="4" font-size="12" text-anchor="end" fill="#0b0c0c">{{.Label}}</text>
{{end}}<polygon class="band-90" points="{{.Outer}}" fill="#1d70b8" fill-opacity="0.2"/>
<polygon class="band-50" points="{{.Inner}}" fill="#1d70b8" fill-opacity="0.45"/>
{{with .ScenarioOuter}}<polygon class="scenario-90" points="{{.}}" fill="#4c2c92" fill-opacity="0.15" stroke="#4c2c92" stroke-width="1" stroke-dasharray="2 3"/>
{{end}}<line class="start" x1="{{.StartX}}" x2="{{.StartX}}" y1="{{.Top}}" y2="{{.PlotBottom}}" stroke="#505a5f" stroke-dasharray="4 3"/>
<text x="{{.StartX}}" dx="-4" y="{{.LabelY}}" font-size="12" text-anchor="end" fill="#505a5f">History</text>
<text x="{{.StartX}}" dx="4" y="{{.LabelY}}" font-size="12" fill="#505a5f">Projection</text>
{{with .History}}<path class="history" d="{{.}}" fill="none" stroke="#0b0c0c" stroke-width="2"/>
{{end}}<path class="median" d="{{.Median}}" fill="none" stroke="#003078" stroke-width="2" stroke-dasharray="6 4"/>
{{with .ScenarioMedian}}<path class="scenario-median" d="{{.}}" fill="none" stroke="#4c2c92" stroke-width="2" stroke-dasharray="2 3"/>
{{end}}<line x1="{{.Left}}" x2="{{.Right}}" y1="{{.PlotBottom}}" y2="{{.PlotBottom}}" stroke="#505a5f"/>
{{range .Years}}<line x1="{{.X}}" x2="{{.X}}" y1="{{$.PlotBottom}}" y2="{{$.TickEnd}}" stroke="#505a5f"/>
<text x="{{.X}}" y="{{$.PlotBottom}}" dy="18" font-size="12" text-anchor="middle" fill="#0b0c0c">{{.Label}}</text>
{{end}}{{range .Legend}}<g class="key">{{if eq .Kind "line"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="#0b0c0c" stroke-width="2"/>{{else if eq .Kind "dashed"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="#003078" stroke-width="2" stroke-dasharray="6 4"/>{{else if eq .Kind "inner"}}<rect x="{{.X}}" y="{{.BoxY}}" width="24" height="10" fill="#1d70b8" fill-opacity="0.56"/>{{else if eq .Kind "outer"}}<rect x="{{.X}}" y="{{.BoxY}}" width="24" height="10" fill="#1d70b8" fill-opacity="0.2"/>{{else if eq .Kind "scenario"}}<line x1="{{.X}}" x2="{{.TextX}}" y1="{{.LineY}}" y2="{{.LineY}}" stroke="#4c2c92" stroke-width="2" stroke-dasharray="2 3"/>{{else}}<rect x="{{.X}}" y="{{.BoxY}}" width="24" height="10" fill="#4c2c92" fill-opacity="0.15" stroke="#4c2c92" stroke-dasharray="2 3"/>{{end}}<text x="{{.TextX}}" dx="4" y="{{.Y}}" font-size="12" fill="#0b0c0c">{{.Label}}</text></g>
{{end}}</svg>
<figcaption>{{.Title}} ({{.Unit}}). {{.Summary}} The darker band is the 50% interval, the lighter the 90% interval; the dashed line is the median.</figcaption>
<table class="fan-data">
<caption>{{.Title}}: the data</caption>
<thead><tr><th scope="col">Month end</th><th scope="col">What happened</th><th scope="col">Median</th><th scope="col">50% interval</th><th scope="col">90% interval</th>{{if .HasScenario}}<th scope="col">Scenario: median</th><th scope="col">Scenario: 90% interval</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Projected}} class="projected"{{end}}><th scope="row">{{.Date}}</th><td>{{.Observed}}</td><td>{{.Median}}</td><td>{{.Inner}}</td><td>{{.Outer}}</td>{{if $.HasScenario}}<td>{{.ScenarioMedian}}</td><td>{{.ScenarioOuter}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
</figure>
`))
