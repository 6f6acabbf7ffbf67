package benchmark

import (
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/refdata/published"
)

func known(v float64) published.Cell { return published.Cell{Value: v, Known: true} }

var suppressed = published.Cell{Symbol: "c", Reason: "suppressed by the DfE to protect confidentiality"}

var (
	england = published.Area{Level: published.National, Code: "E92000001", Name: "England"}
	north   = published.Area{Level: published.Regional, Code: "E12000001", Name: "North East", Region: "E12000001"}
)

func la(old, code, name string) published.Area {
	return published.Area{Level: published.LocalAuthority, Code: code, OldCode: old, Name: name, Region: "E12000001", RegionName: "North East"}
}

func fig(id string, u published.Unit, y calendar.Year, a published.Area, v, num, den published.Cell) published.Figure {
	return published.Figure{ID: id, Unit: u, Year: y, Area: a, Value: v, Numerator: num, Denominator: den,
		Source: published.Source{File: "t.csv", Release: "test"}}
}

// tables: England at 67 per 10,000 (6,700 of 1,000,000) and 10% (8,500 of
// 85,000); the authority 999 with neighbours 801 (164), 802 (c) and 803
// (50); 804 (80) is no neighbour.
func tables() *published.Tables {
	r, s := published.Rate, published.Share
	rate := "cla_rate_per_10k"
	share := "placements_3plus"
	t := &published.Tables{Neighbours: published.Neighbours{"999": {"801", "802", "803"}}}
	for _, y := range []calendar.Year{2024, 2025} {
		t.Figures = append(t.Figures,
			fig(rate, r, y, england, known(67), known(6700), known(1_000_000)),
			fig(rate, r, y, north, known(114), known(6110), known(535227)),
			fig(rate, r, y, la("999", "E06000999", "Synthshire"), known(101), known(68), known(6700)),
			fig(rate, r, y, la("801", "E06000801", "A"), known(164), known(334), known(20417)),
			fig(rate, r, y, la("802", "E06000802", "B"), suppressed, suppressed, known(3000)),
			fig(rate, r, y, la("803", "E06000803", "C"), known(50), known(300), known(60000)),
			fig(rate, r, y, la("804", "E06000804", "D"), known(80), known(400), known(50000)),
			fig(share, s, y, england, known(10), known(8500), known(85000)),
			fig(share, s, y, north, suppressed, suppressed, known(6000)),
			fig(share, s, y, la("801", "E06000801", "A"), suppressed, suppressed, known(30)),
			fig(share, s, y, la("802", "E06000802", "B"), suppressed, suppressed, known(20)),
			fig(share, s, y, la("803", "E06000803", "C"), suppressed, suppressed, known(25)),
		)
	}
	return t
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-5 }

// TestLimitsByHand recomputes the funnel's limits by hand.
func TestLimitsByHand(t *testing.T) {
	// A rate: England 67 per 10,000, so p = 0.0067 a child; the
	// authority's population n = 6,700. The Poisson count's normal
	// approximation: sd = sqrt(p/n) = sqrt(0.0067/6700) = sqrt(1e-6) = 0.001.
	// 95%: (0.0067 ± 1.959964 × 0.001) × 10,000 = 67 ± 19.59964 = 47.40036 and 86.59964.
	// 99.8%: 67 ± 3.090232 × 10 = 36.09768 and 97.90232.
	rate := Limits(published.Rate, 67, 6700)
	// A share: England 10%, so p = 0.1; the authority's 400 children.
	// The binomial's normal approximation: sd = sqrt(0.1 × 0.9 / 400) =
	// sqrt(0.000225) = 0.015. 95%: (0.1 ± 1.959964 × 0.015) × 100 =
	// 10 ± 2.939946 = 7.060054 and 12.939946. 99.8%: 10 ± 4.635348 =
	// 5.364652 and 14.635348.
	share := Limits(published.Share, 10, 400)
	// A share so small that the lower limit would be below 0: 1% of 50
	// children: sd = sqrt(0.01 × 0.99 / 50) = 0.014071; 0.01 − 1.959964 ×
	// 0.014071 < 0, so 0.
	floor := Limits(published.Share, 1, 50)
	tests := []struct {
		name      string
		got, want []float64
	}{
		{"rate", []float64{rate.Lower95, rate.Upper95, rate.Lower998, rate.Upper998}, []float64{47.40036, 86.59964, 36.09768, 97.90232}},
		{"share", []float64{share.Lower95, share.Upper95, share.Lower998, share.Upper998}, []float64{7.060054, 12.939946, 5.364652, 14.635348}},
		{"share floored", []float64{floor.Lower95, floor.Lower998}, []float64{0, 0}},
	}
	for _, tt := range tests {
		for i := range tt.want {
			if math.Abs(tt.got[i]-tt.want[i]) > 1e-5 {
				t.Errorf("%s: limit %d is %v, want %v", tt.name, i, tt.got[i], tt.want[i])
			}
		}
	}
}

func TestCompare(t *testing.T) {
	own := []Own{
		{Year: 2024, Value: 90, Numerator: 60, Denominator: 6700, Known: true},
		{Year: 2025, Value: 100, Numerator: 67, Denominator: 6700, Known: true},
	}
	c, ok := Compare(tables(), "cla_rate_per_10k", "E06000999", own, disclose.Exact)
	if !ok {
		t.Fatal("no comparison")
	}
	if c.Year != 2025 || *c.Own.JSON() != 100 || *c.Denominator != 6700 {
		t.Errorf("year %d own %v of %v", c.Year, c.Own, c.Denominator)
	}
	if *c.England.Value != 67 || *c.Region.Value != 114 || c.RegionName != "North East" {
		t.Errorf("England %v region %v %s", c.England, c.Region, c.RegionName)
	}
	// The neighbours: 164 and 50, with 802 suppressed and left out.
	n := c.Neighbours
	if !near(*n.Mean.Value, 107) || *n.Min != 50 || *n.Max != 164 || n.Count != 2 || n.LeftOut != 1 {
		t.Errorf("neighbours %+v", n)
	}
	// Ranked among 164, 50 and 80 (802 suppressed; its own row replaced):
	// only 164 is higher, so 2nd of 4, in the second quarter.
	if c.Rank != 2 || c.Of != 4 || c.Quartile != 2 {
		t.Errorf("rank %d of %d, quartile %d", c.Rank, c.Of, c.Quartile)
	}
	// Centre 6,700 / 1,000,000 × 10,000 = 67; limits as in TestLimitsByHand:
	// 100 is above 97.90232.
	if c.Funnel == nil || !near(c.Funnel.Upper998, 97.90232) || c.Outside != "high" || c.Outside95 != "high" {
		t.Errorf("funnel %+v outside %q", c.Funnel, c.Outside)
	}
	if len(c.Series) != 2 || *c.Series[0].Own != 90 || *c.Series[0].England != 67 || !near(*c.Series[0].Neighbours, 107) {
		t.Errorf("series %+v", c.Series)
	}
	if c.Source.File != "t.csv" || c.Source.Release != "test" {
		t.Errorf("source %+v", c.Source)
	}
}

// TestSuppressedNeverANumber: where the tables have a suppressed cell, the
// comparison has no number.
func TestSuppressedNeverANumber(t *testing.T) {
	own := []Own{{Year: 2025, Value: 12, Numerator: 48, Denominator: 400, Known: true}}
	c, ok := Compare(tables(), "placements_3plus", "E06000999", own, disclose.Exact)
	if !ok {
		t.Fatal("no comparison")
	}
	// The authority is not in this table: no region known.
	if c.Region.Value != nil || c.Region.Reason == "" {
		t.Errorf("region %+v", c.Region)
	}
	// Every neighbour suppressed: no mean, no range, all three left out.
	if n := c.Neighbours; n.Mean.Value != nil || n.Min != nil || n.Max != nil || n.LeftOut != 3 || n.Mean.Reason == "" {
		t.Errorf("neighbours %+v", n)
	}
	// Ranked among no one else.
	if c.Rank != 1 || c.Of != 1 {
		t.Errorf("rank %d of %d", c.Rank, c.Of)
	}
	// 12% of 400 is within 7.06 to 12.94.
	if c.Outside != "" || c.Outside95 != "" || !near(c.Funnel.Upper95, 12.939946) {
		t.Errorf("funnel %+v outside %q", c.Funnel, c.Outside)
	}

	// England suppressed: no England, no funnel.
	tabs := tables()
	for i, f := range tabs.Figures {
		if f.Area.Level == published.National {
			tabs.Figures[i].Value, tabs.Figures[i].Numerator = suppressed, suppressed
		}
	}
	c, _ = Compare(tabs, "placements_3plus", "E06000999", own, disclose.Exact)
	if c.England.Value != nil || c.England.Text != "c" || c.Funnel != nil || c.Outside != "" {
		t.Errorf("England suppressed: %+v funnel %+v", c.England, c.Funnel)
	}
	for _, p := range c.Series {
		if p.England != nil || p.Neighbours != nil {
			t.Errorf("series point %+v has a number from suppressed cells", p)
		}
	}
}

// TestPublishableOwn: the authority's own small figure is suppressed, and
// so are its denominator, rank and funnel, which could reveal it.
func TestPublishableOwn(t *testing.T) {
	own := []Own{{Year: 2025, Value: 25, Numerator: 3, Denominator: 12, Known: true}}
	c, _ := Compare(tables(), "placements_3plus", "E06000999", own, disclose.Publishable)
	if !c.Own.Suppressed() || c.Own.JSON() != nil || c.Denominator != nil || c.Rank != 0 || c.Funnel != nil {
		t.Errorf("publishable: own %+v denominator %v rank %d funnel %+v", c.Own, c.Denominator, c.Rank, c.Funnel)
	}
	if c.Series[len(c.Series)-1].Own != nil {
		t.Error("the series shows the suppressed value")
	}
}

func TestNoTable(t *testing.T) {
	if _, ok := Compare(tables(), "ceased", "E06000999", nil, disclose.Exact); ok {
		t.Error("a comparison for an indicator the tables do not hold")
	}
}
