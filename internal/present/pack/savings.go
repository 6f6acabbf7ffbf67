package pack

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/present/sheet"
)

// Savings is the pack's savings section: the savings ledger's programmes
// and its trajectory by financial quarter against the targets, as the
// caller worked them out (internal/ledger); the pack draws what it is
// given. Money is in whole pounds. The ledger holds no figure about a
// child, so nothing in it is suppressed.
type Savings struct {
	Split      string // "the order of precedence" or "an even split of the overlap"
	DataEnd    string // the day the baseline forecast starts from, in words
	Programmes []SavingsProgramme
	Quarters   []SavingsQuarter
	// Gross, Combined, Overlap and Net are the totals over the quarters:
	// the sum of the programmes' own claims, what they avoid together,
	// what adding the claims would count twice, and what finance can book.
	Gross, Combined, Overlap, Net int64
	NetP5, NetP95                 int64 // the net total's 90% interval
	Target                        int64
	Notes                         []string
	// Chart is the trajectory drawn as SVG; Model fills it in.
	Chart template.HTML
}

// SavingsProgramme is one programme's line of the ledger.
type SavingsProgramme struct {
	Name          string
	Gross, Net    int64
	NetP5, NetP95 int64
	Target        int64
	Basis         string
}

// SavingsQuarter is one financial quarter of the trajectory.
type SavingsQuarter struct {
	Quarter                         string // 2026/27 Q1
	Months                          int    // projected months in it
	Net, NetP5, NetP95, Target      int64
	CumulativeNet, CumulativeTarget int64
}

// savingsSheet is the savings section's sheet.
const savingsSheet = "Savings"

// savingsTemplate is the savings section of the HTML pack.
const savingsTemplate = `<section class="indicator" id="savings" aria-labelledby="savings-heading">
<h2 id="savings-heading">Savings: the programmes against their targets</h2>
<p>What each programme's forecast scenario avoids in placement costs against one baseline forecast from {{.DataEnd}}, booked so that each avoided pound belongs to one programme, by {{.Split}}. The net total is what finance can book: {{pounds .Net}} (90% interval {{pounds .NetP5}} to {{pounds .NetP95}}) against targets of {{pounds .Target}}; adding up each programme's own claim ({{pounds .Gross}}) would count {{pounds .Overlap}} twice.</p>
{{.Chart}}
<table class="headlines">
<caption>Programmes: gross (alone), net (booked) and target</caption>
<thead><tr><th scope="col">Programme</th><th scope="col" class="number">Gross</th><th scope="col" class="number">Net</th><th scope="col" class="number">Net, 90% interval</th><th scope="col" class="number">Target</th><th scope="col">Basis</th></tr></thead>
<tbody>
{{range .Programmes}}<tr><th scope="row">{{.Name}}</th><td class="number">{{pounds .Gross}}</td><td class="number">{{pounds .Net}}</td><td class="number">{{pounds .NetP5}} to {{pounds .NetP95}}</td><td class="number">{{pounds .Target}}</td><td>{{.Basis}}</td></tr>
{{end}}</tbody>
</table>
<table class="headlines">
<caption>Trajectory by financial quarter: net booked against target</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col" class="number">Net</th><th scope="col" class="number">90% interval</th><th scope="col" class="number">Target</th><th scope="col" class="number">Cumulative net</th><th scope="col" class="number">Cumulative target</th></tr></thead>
<tbody>
{{range .Quarters}}<tr><th scope="row">{{.Quarter}}{{if lt .Months 3}} ({{.Months}} months){{end}}</th><td class="number">{{pounds .Net}}</td><td class="number">{{pounds .NetP5}} to {{pounds .NetP95}}</td><td class="number">{{pounds .Target}}</td><td class="number">{{pounds .CumulativeNet}}</td><td class="number">{{pounds .CumulativeTarget}}</td></tr>
{{end}}</tbody>
</table>
{{range .Notes}}<p class="hint">{{.}}</p>
{{end}}</section>
`

// The savings section joins the pack's template.
var _ = template.Must(page.New("savings").Funcs(template.FuncMap{"pounds": PoundsText}).Parse(savingsTemplate))

// PoundsText writes whole pounds with commas and the sign before the
// pound sign: £1,234,567, -£20,000.
func PoundsText(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprint(v)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "£" + b.String()
}

// SavingsChart draws the trajectory: the cumulative net saving by
// quarter as a line, with the 90% interval of each quarter's net added
// to the cumulative figure before it as a band, and the cumulative
// target as a dashed line; a data table is the table beside it.
func SavingsChart(s *Savings) template.HTML {
	if s == nil || len(s.Quarters) == 0 {
		return ""
	}
	const width, height, left, right, top, bottom = 640.0, 260.0, 80.0, 16.0, 16.0, 40.0
	top_ := 1.0
	for _, q := range s.Quarters {
		top_ = max(top_, float64(q.CumulativeNet-q.Net+q.NetP95), float64(q.CumulativeNet), float64(q.CumulativeTarget))
	}
	low := 0.0
	for _, q := range s.Quarters {
		low = min(low, float64(q.CumulativeNet-q.Net+q.NetP5))
	}
	top_, low = niceCeil(top_), -niceCeil(-low)
	n := len(s.Quarters)
	x := func(i int) float64 {
		if n == 1 {
			return left + (width-left-right)/2
		}
		return left + float64(i)*(width-left-right)/float64(n-1)
	}
	y := func(v float64) float64 { return top + (height-top-bottom)*(1-(v-low)/(top_-low)) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="savings-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="savings-chart-title"><title id="savings-chart-title">Cumulative net savings against the cumulative target, by financial quarter, from %s to %s</title>`,
		width, height, template.HTMLEscapeString(s.Quarters[0].Quarter), template.HTMLEscapeString(s.Quarters[n-1].Quarter))
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#0b0c0c"/>`, left, y(0), width-right, y(0))
	for _, v := range []float64{low, (low + top_) / 2, top_} {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11">%s</text>`, left-6, y(v)+4, PoundsText(int64(v)))
	}
	var band, net, target []string
	for i, q := range s.Quarters {
		band = append(band, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(q.CumulativeNet-q.Net+q.NetP95))))
		net = append(net, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(q.CumulativeNet))))
		target = append(target, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(q.CumulativeTarget))))
	}
	for i := n - 1; i >= 0; i-- {
		q := s.Quarters[i]
		band = append(band, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(q.CumulativeNet-q.Net+q.NetP5))))
	}
	fmt.Fprintf(&b, `<polygon points="%s" fill="#d2e2f1"><title>90%% interval of each quarter's net saving</title></polygon>`, strings.Join(band, " "))
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"><title>Cumulative target</title></polyline>`, strings.Join(target, " "))
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="#1d70b8" stroke-width="3"><title>Cumulative net saving</title></polyline>`, strings.Join(net, " "))
	for i, q := range s.Quarters {
		if step := max(1, (n+5)/6); i%step == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11">%s</text>`, x(i), height-bottom+16, template.HTMLEscapeString(q.Quarter))
		}
	}
	fmt.Fprintf(&b, `<g class="legend" font-size="11"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#1d70b8" stroke-width="3"/><text x="%.1f" y="%.1f">Cumulative net saving</text>`+
		`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"/><text x="%.1f" y="%.1f">Cumulative target</text></g>`,
		left+8, top+6, left+32, top+6, left+38, top+10, left+190, top+6, left+214, top+6, left+220, top+10)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// writeSavings writes the savings section's sheet: the programmes, then
// the trajectory by quarter.
func (m *Model) writeSavings(f *excelize.File, st *sheet.Styles) error {
	s := m.Savings
	intro := [][]any{{"Savings: the programmes against their targets"},
		{"Against one baseline forecast from " + s.DataEnd + ", each avoided pound booked to one programme, by " + s.Split + ". Whole pounds; no figure about a child, so nothing is suppressed."}}
	if err := sheet.WriteRows(f, savingsSheet, intro); err != nil {
		return err
	}
	if err := boldCell(f, st, savingsSheet, "A1"); err != nil {
		return err
	}
	var programmes [][]any
	for _, p := range s.Programmes {
		programmes = append(programmes, []any{p.Name, p.Gross, p.Net, p.NetP5, p.NetP95, p.Target, p.Basis})
	}
	programmes = append(programmes, []any{"Net total", s.Gross, s.Net, s.NetP5, s.NetP95, s.Target, "Overlap (counted twice if claims were added): " + PoundsText(s.Overlap)})
	money := sheet.Column{Format: sheet.Count}
	named := func(c sheet.Column, heading string) sheet.Column { c.Heading = heading; return c }
	first := len(intro) + 2
	err := st.WriteTable(sheet.Table{Sheet: savingsSheet, Name: "SavingsProgrammes", Row: first, Rows: programmes, Columns: []sheet.Column{
		{Heading: "Programme", Width: 30}, named(money, "Gross (£)"), named(money, "Net (£)"), named(money, "Net, 5th percentile (£)"),
		named(money, "Net, 95th percentile (£)"), named(money, "Target (£)"), {Heading: "Basis", Width: 80}}})
	if err != nil {
		return err
	}
	var quarters [][]any
	for _, q := range s.Quarters {
		quarters = append(quarters, []any{q.Quarter, q.Months, q.Net, q.NetP5, q.NetP95, q.Target, q.CumulativeNet, q.CumulativeTarget})
	}
	return st.WriteTable(sheet.Table{Sheet: savingsSheet, Name: "SavingsQuarters", Row: first + len(programmes) + 3, Rows: quarters, Columns: []sheet.Column{
		{Heading: "Quarter", Width: 14}, {Heading: "Months"}, named(money, "Net (£)"), named(money, "Net, 5th percentile (£)"), named(money, "Net, 95th percentile (£)"),
		named(money, "Target (£)"), named(money, "Cumulative net (£)"), named(money, "Cumulative target (£)")}})
}

// niceCeil rounds v up to a round multiple of a power of ten, for the
// chart's scale; 0 and below stay as they are.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
