// Package benchmark puts an authority's own indicators beside the DfE's
// published figures for England, its region and its ten statistical
// neighbours (read by internal/refdata/published), with its rank and
// quartile among the authorities and a funnel plot's limits, so that an
// authority is flagged only where its figure lies further from England's
// than chance alone would take a figure of its size.
//
// Choices, stated once:
//
//   - The year compared is the latest year the tables hold for which the
//     authority's own figure is known (else the tables' latest year); its
//     own figure is computed from its returns for the same collection
//     year (the DfE's "year ending 31 March").
//   - Rank: 1 is the highest value, among the authorities with a published
//     value that year (the authority's own row replaced by its own
//     figure); ties share the better rank. Quartile 1 is the highest
//     quarter: the rank's quarter of the authorities ranked.
//   - A published cell that is suppressed or not available (c, x, z, k, u,
//     low, blank) is never a number. England's or the region's figure
//     suppressed is absent, with the reason. The neighbours' mean and
//     range are over the neighbours with a value, and say how many were
//     left out; with none, they are absent. No suppressed value is ever
//     worked back from others.
//   - Funnel limits are around England's value: its numerator over its
//     denominator when both are published (unrounded), else its published
//     value. They are exact, as Spiegelhalter (2005, "Funnel plots for
//     comparing institutional performance", appendix A.1.1) gives them:
//     for a rate per 10,000 of a population n, from the Poisson count
//     with mean p·n (p the rate per child); for a share of n children,
//     from the binomial count of n trials with chance p. The limit at
//     probability q (0.025 and 0.975 for 95%, 0.001 and 0.999 for 99.8%)
//     is (r − a)/n, r being the smallest count whose cumulative
//     probability F(r) reaches q and a = (F(r) − q)/(F(r) − F(r−1)), which
//     interpolates between counts so that the limits move smoothly with
//     n. A lower limit below 0 is 0. Unlike the normal approximation,
//     they stay right where few are expected (below about 10).
//   - Outside is "high" or "low" only beyond the 99.8% limits (Outside95
//     says the same of the 95% limits).
package benchmark

import (
	"math"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/refdata/published"
)

// z values of the two-sided limits.
const (
	z95  = 1.959963984540054
	z998 = 3.090232306167813
)

// Own is the authority's own figure for a year, from its returns.
type Own struct {
	Year        calendar.Year
	Value       float64 // the rate per 10,000 or the percentage
	Numerator   int
	Denominator int // the population of a rate, the children a share is of
	Known       bool
}

// Figure is a published or computed figure: a value, or why there is none.
type Figure struct {
	Value  *float64 `json:"value"`            // nil when not known or suppressed
	Text   string   `json:"text"`             // as shown: the value, c, x or the DfE's symbol
	Reason string   `json:"reason,omitempty"` // why there is no value
}

// Neighbours is the neighbours' mean and range.
type Neighbours struct {
	Mean    Figure   `json:"mean"`
	Min     *float64 `json:"min"`
	Max     *float64 `json:"max"`
	Count   int      `json:"count"`    // neighbours with a value, the mean is over
	LeftOut int      `json:"left_out"` // neighbours without one: suppressed, not available or not in the tables
	Names   []string `json:"names,omitempty"`
}

// Funnel is the limits around England's value for the authority's
// denominator.
type Funnel struct {
	Centre   float64 `json:"centre"`
	Lower95  float64 `json:"lower95"`
	Upper95  float64 `json:"upper95"`
	Lower998 float64 `json:"lower998"`
	Upper998 float64 `json:"upper998"`
}

// Point is one year of the time series.
type Point struct {
	Year       string   `json:"year"`
	Own        *float64 `json:"value"`
	England    *float64 `json:"england"`
	Neighbours *float64 `json:"neighbours_mean"`
}

// Comparison is one indicator of the authority beside the published figures.
type Comparison struct {
	ID        string
	Unit      published.Unit
	Year      calendar.Year
	Authority published.Area // Name and Region known only when the authority is in the tables
	// Own is the authority's value as the policy publishes it;
	// Denominator is nil when it is not known or the value is suppressed
	// (a share's denominator could reveal a small number).
	Own         disclose.Cell
	Denominator *int
	England     Figure
	Region      Figure
	RegionName  string
	Neighbours  Neighbours
	// Rank and Of: 1 is the highest of Of authorities with a value; 0
	// when the authority's own value is not given.
	Rank, Of, Quartile int
	Funnel             *Funnel // nil without England's value or the authority's denominator
	Outside            string  // "high", "low" or "": beyond the 99.8% limits
	Outside95          string  // the same for the 95% limits
	Series             []Point
	// Others are the other authorities with a published value and
	// denominator that year, for the funnel plot.
	Others   []Other
	Source   published.Source // the file and release of England's figure
	Measured published.Measured
}

// Other is another authority's published value and denominator.
type Other struct {
	Name               string
	Value, Denominator float64
}

// Compare compares the authority (by its GSS code) on the indicator, with
// own its figures by year. ok is false when the tables hold nothing for
// the indicator.
func Compare(t *published.Tables, id, authority string, own []Own, policy disclose.Policy) (Comparison, bool) {
	years := t.Years(id)
	m, found := published.Find(id)
	if len(years) == 0 || !found {
		return Comparison{}, false
	}
	year := years[len(years)-1]
	for _, y := range slices.Backward(years) {
		if o, ok := ownOf(own, y); ok && o.Known {
			year = y
			break
		}
	}
	c := Comparison{ID: id, Unit: m.Unit, Year: year, Measured: m, Authority: published.Area{Code: authority}}
	if a, ok := t.Authority(authority); ok {
		c.Authority = a
	}
	figs := t.Of(id, year)
	o, _ := ownOf(own, year)
	c.Own = cellOf(m.Unit, o, policy)
	if o.Known && !c.Own.Suppressed() && o.Denominator > 0 {
		d := o.Denominator
		c.Denominator = &d
	}
	c.England, c.Source = englandOf(figs)
	c.Region, c.RegionName = regionOf(figs, c.Authority.Region)
	c.Neighbours = neighboursOf(t, figs, c.Authority.OldCode)
	c.rank(figs)
	c.funnel(figs)
	for _, f := range figs {
		if f.Area.Level == published.LocalAuthority && f.Area.Code != authority && f.Value.Known && f.Denominator.Known && f.Denominator.Value > 0 {
			c.Others = append(c.Others, Other{Name: f.Area.Name, Value: f.Value.Value, Denominator: f.Denominator.Value})
		}
	}
	for _, y := range years {
		c.Series = append(c.Series, pointOf(t, id, y, own, c.Authority.OldCode, m.Unit, policy))
	}
	return c, true
}

// ownOf returns the authority's figure for the year.
func ownOf(own []Own, y calendar.Year) (Own, bool) {
	for _, o := range own {
		if o.Year == y {
			return o, true
		}
	}
	return Own{}, false
}

// cellOf publishes the authority's own figure: a rate is suppressed when
// its count is, a share when its numerator, denominator or their
// difference is.
func cellOf(u published.Unit, o Own, policy disclose.Policy) disclose.Cell {
	if u == published.Share {
		return policy.Share(o.Value, 1, o.Known, o.Numerator, o.Denominator)
	}
	return policy.Number(o.Value, 1, o.Known, o.Numerator)
}

// figureOf turns a published cell into a Figure.
func figureOf(c published.Cell) Figure {
	if !c.Known {
		text := c.Symbol
		if text == "" {
			text = disclose.NotKnownText
		}
		return Figure{Text: text, Reason: c.Reason}
	}
	v := c.Value
	return Figure{Value: &v, Text: formatValue(v)}
}

// absent is a figure the tables do not have.
func absent(reason string) Figure { return Figure{Text: disclose.NotKnownText, Reason: reason} }

// englandOf returns England's figure and its source.
func englandOf(figs []published.Figure) (Figure, published.Source) {
	for _, f := range figs {
		if f.Area.Level == published.National {
			return figureOf(f.Value), f.Source
		}
	}
	return absent("the tables have no row for England"), published.Source{}
}

// regionOf returns the region's figure and name.
func regionOf(figs []published.Figure, region string) (Figure, string) {
	if region == "" {
		return absent("the authority is not in the tables, so its region is not known"), ""
	}
	for _, f := range figs {
		if f.Area.Level == published.Regional && f.Area.Code == region {
			return figureOf(f.Value), f.Area.Name
		}
	}
	return absent("the tables have no row for the region " + region), ""
}

// localValue returns the published value of the authority with the old
// code, and whether it has one.
func localValue(figs []published.Figure, old string) (float64, string, bool) {
	for _, f := range figs {
		if f.Area.Level == published.LocalAuthority && f.Area.OldCode == old {
			return f.Value.Value, f.Area.Name, f.Value.Known
		}
	}
	return 0, "", false
}

// neighboursOf returns the mean and range of the neighbours with a value.
func neighboursOf(t *published.Tables, figs []published.Figure, old string) Neighbours {
	list, ok := t.Neighbours[old]
	if old == "" || !ok {
		return Neighbours{Mean: absent("the statistical neighbours list does not list the authority")}
	}
	var n Neighbours
	sum := 0.0
	for _, code := range list {
		v, name, known := localValue(figs, code)
		if name != "" {
			n.Names = append(n.Names, name)
		}
		if !known {
			n.LeftOut++
			continue
		}
		sum += v
		n.Count++
		if n.Min == nil || v < *n.Min {
			n.Min = &v
		}
		if n.Max == nil || v > *n.Max {
			n.Max = &v
		}
	}
	if n.Count == 0 {
		n.Mean = absent("no neighbour has a published value")
		return n
	}
	mean := sum / float64(n.Count)
	n.Mean = Figure{Value: &mean, Text: formatValue(mean)}
	return n
}

// rank ranks the authority's own value among the other authorities'
// published values.
func (c *Comparison) rank(figs []published.Figure) {
	v := c.Own.JSON()
	if v == nil {
		return
	}
	higher, of := 0, 1
	for _, f := range figs {
		if f.Area.Level != published.LocalAuthority || f.Area.Code == c.Authority.Code || !f.Value.Known {
			continue
		}
		of++
		if f.Value.Value > *v {
			higher++
		}
	}
	c.Rank, c.Of = higher+1, of
	c.Quartile = (4*c.Rank + of - 1) / of
}

// funnel works out the limits for the authority's denominator, and
// whether its value is outside them.
func (c *Comparison) funnel(figs []published.Figure) {
	centre, ok := centreOf(figs)
	if !ok || c.Denominator == nil {
		return
	}
	f := Limits(c.Unit, centre, *c.Denominator)
	c.Funnel = &f
	v := c.Own.JSON()
	if v == nil {
		return
	}
	c.Outside = outside(*v, f.Lower998, f.Upper998)
	c.Outside95 = outside(*v, f.Lower95, f.Upper95)
}

func outside(v, lower, upper float64) string {
	switch {
	case v > upper:
		return "high"
	case v < lower:
		return "low"
	}
	return ""
}

// centreOf returns England's value, unrounded from its numerator and
// denominator when both are published.
func centreOf(figs []published.Figure) (float64, bool) {
	for _, f := range figs {
		if f.Area.Level != published.National {
			continue
		}
		if f.Numerator.Known && f.Denominator.Known && f.Denominator.Value > 0 {
			scale := 100.0
			if f.Unit == published.Rate {
				scale = 10000
			}
			return f.Numerator.Value / f.Denominator.Value * scale, true
		}
		return f.Value.Value, f.Value.Known
	}
	return 0, false
}

// LimitsAt returns the limits of the comparison's funnel at a
// denominator of n: lower and upper 95%, lower and upper 99.8%.
func (c Comparison) LimitsAt(n float64) (float64, float64, float64, float64) {
	f := limits(c.Unit, c.Funnel.Centre, n)
	return f.Lower95, f.Upper95, f.Lower998, f.Upper998
}

// Limits returns the funnel's limits around centre (a rate per 10,000 or
// a percentage) for a denominator of n, exact (see the package's doc).
func Limits(u published.Unit, centre float64, n int) Funnel { return limits(u, centre, float64(n)) }

// pointOf is the year's point of the time series.
func pointOf(t *published.Tables, id string, y calendar.Year, own []Own, old string, u published.Unit, policy disclose.Policy) Point {
	figs := t.Of(id, y)
	p := Point{Year: y.String()}
	if o, ok := ownOf(own, y); ok {
		p.Own = cellOf(u, o, policy).JSON()
	}
	e, _ := englandOf(figs)
	p.England = e.Value
	p.Neighbours = neighboursOf(t, figs, old).Mean.Value
	return p
}

// formatValue writes a value with at most one decimal place.
func formatValue(v float64) string {
	r := math.Round(v*10) / 10
	decimals := 1
	if r == math.Trunc(r) {
		decimals = 0
	}
	return disclose.Cell{Value: r, Decimals: decimals, Known: true}.Text()
}

// Method says in a sentence how the limits are worked out.
const Method = "Funnel limits around England's value by the authority's denominator, exact " +
	"(from the Poisson count for rates per 10,000, the binomial for shares, as Spiegelhalter 2005), 95% and 99.8%; outside means beyond the 99.8% limits."
