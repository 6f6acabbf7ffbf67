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

// TestLimitsByHand recomputes the exact funnel limits by hand, on counts
// small enough to sum.
func TestLimitsByHand(t *testing.T) {
	// A rate: 2 per 10,000 of a population of 10,000, so a Poisson count
	// with mean 2. F(4) = e⁻²(1 + 2 + 2 + 4/3 + 2/3) = 7e⁻² = 0.947347,
	// F(5) = F(4) + e⁻²·32/120 = 0.983436. The 97.5% point: r = 5, a =
	// (0.983436 − 0.975)/(0.983436 − 0.947347) = 0.233756, so the upper
	// 95% limit is 5 − 0.233756 = 4.766244 in 10,000: 4.766244 per 10,000.
	// The 2.5% point: F(0) = e⁻² = 0.135335 ≥ 0.025, so r = 0 and the limit
	// is below 0: 0.
	rate := Limits(published.Rate, 2, 10000)
	// A share: 10% of 10 children, a binomial count. P(0..5) = 0.3486784401,
	// 0.387420489, 0.1937102445, 0.057395628, 0.011160261, 0.0014880348;
	// F(2) = 0.9298091736, F(3) = 0.9872048016, F(4) = 0.9983650626,
	// F(5) = 0.9998530974. Upper 95%: r = 3, a = (0.9872048016 − 0.975)/
	// 0.057395628 = 0.212647, (3 − 0.212647)/10 = 27.87353%. Upper 99.8%:
	// r = 5, a = (0.9998530974 − 0.999)/0.0014880348 = 0.573300, so
	// 44.26700%. Both lower limits are below 0: 0.
	share := Limits(published.Share, 10, 10)
	tests := []struct {
		name      string
		got, want []float64
	}{
		{"rate", []float64{rate.Upper95, rate.Lower95, rate.Lower998}, []float64{4.766244, 0, 0}},
		{"share", []float64{share.Upper95, share.Upper998, share.Lower95, share.Lower998}, []float64{27.87353, 44.26700, 0, 0}},
	}
	for _, tt := range tests {
		for i := range tt.want {
			if math.Abs(tt.got[i]-tt.want[i]) > 1e-4 {
				t.Errorf("%s: limit %d is %v, want %v", tt.name, i, tt.got[i], tt.want[i])
			}
		}
	}
}

// TestLimitsAgainstSums checks the exact limits on larger counts against
// the cumulative probabilities summed term by term, and that they come
// close to the normal approximation where many are expected.
func TestLimitsAgainstSums(t *testing.T) {
	// 67 per 10,000 of 6,700: a Poisson count with mean 44.89.
	mean := 44.89
	terms := []float64{math.Exp(-mean)}
	for k := 1; k < 200; k++ {
		terms = append(terms, terms[k-1]*mean/float64(k))
	}
	f := Limits(published.Rate, 67, 6700)
	for _, c := range []struct {
		q, got float64
	}{{0.025, f.Lower95}, {0.975, f.Upper95}, {0.001, f.Lower998}, {0.999, f.Upper998}} {
		cum, r := 0.0, 0
		for ; cum+terms[r] < c.q; r++ {
			cum += terms[r]
		}
		want := (float64(r) - (cum+terms[r]-c.q)/terms[r]) / 6700 * 10000
		if math.Abs(c.got-want) > 1e-6 {
			t.Errorf("limit at %v: %v; summed, %v", c.q, c.got, want)
		}
		// The normal approximation, 67 ± z·10, is within 2 per 10,000.
		z := map[float64]float64{0.025: -1.959964, 0.975: 1.959964, 0.001: -3.090232, 0.999: 3.090232}[c.q]
		if math.Abs(c.got-(67+z*10)) > 2 {
			t.Errorf("limit at %v: %v, far from the normal approximation's %v", c.q, c.got, 67+z*10)
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
	// Centre 6,700 / 1,000,000 × 10,000 = 67; limits as in
	// TestLimitsAgainstSums: 100 is above the upper 99.8% limit, 99.26.
	if c.Funnel == nil || !near(c.Funnel.Upper998, Limits(published.Rate, 67, 6700).Upper998) || c.Funnel.Upper998 > 99.3 ||
		c.Outside != "high" || c.Outside95 != "high" {
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
	// 12% of 400 is within the 95% limits, 7.03 to 12.91.
	if c.Outside != "" || c.Outside95 != "" || !near(c.Funnel.Upper95, Limits(published.Share, 10, 400).Upper95) || c.Funnel.Upper95 < 12.9 {
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
