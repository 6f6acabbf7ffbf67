package forecast

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestDefaultCosts(t *testing.T) {
	c := DefaultCosts()
	for cat := range Category(Categories) {
		if c[cat].Source == "" || c[cat].YearText == "" || c[cat].Key != cat.Key() {
			t.Errorf("%s: default cost %+v has no source or year", cat.Key(), c[cat])
		}
	}
	var buf bytes.Buffer
	if err := WriteDefaultCosts(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCosts("costs.csv", &buf)
	if err != nil || back != c {
		t.Errorf("written costs read back differently: %v", err)
	}
}

func TestReadCostsErrors(t *testing.T) {
	file := "category,weekly_cost,year,source\n" +
		"fostering_in_house,abc,2024/25,x\n" +
		"kinship,500,2024,x\n" +
		"castle,500,2024/25,x\n" +
		"kinship,500,2024/25,x\n"
	_, err := ReadCosts("c.csv", strings.NewReader(file))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`c.csv:2: weekly_cost "abc"`, `c.csv:3: year "2024"`, `c.csv:4: category "castle"`, "c.csv:5: category kinship given twice", "no row for category childrens_home"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// TestReadCostsSingleHomeRow: a costs file written before children's
// homes were split, with one childrens_home row, still reads, giving both
// kinds of home its cost and saying so; a file that gives both the old
// row and a new one is refused.
func TestReadCostsSingleHomeRow(t *testing.T) {
	var old strings.Builder
	for _, line := range strings.SplitAfter(string(defaultCosts), "\n") {
		switch {
		case strings.HasPrefix(line, "childrens_home_in_house,"):
			old.WriteString("childrens_home,4000,2023/24,council figure\n")
		case strings.HasPrefix(line, "childrens_home_external,"):
		default:
			old.WriteString(line)
		}
	}
	costs, err := ReadCosts("old.csv", strings.NewReader(old.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Category{ChildrensHomeInHouse, ChildrensHomeExternal} {
		if got := costs[c]; got.Weekly != 4000 || got.Year != 2023 || got.Key != c.Key() || got.Source != "council figure" {
			t.Errorf("%s: %+v; want the childrens_home row's £4,000 in 2023/24 prices", c.Key(), got)
		}
	}
	if !costs.SharedHomeCost() {
		t.Error("SharedHomeCost is false for a file with one childrens_home row")
	}
	if d := DefaultCosts(); d.SharedHomeCost() {
		t.Error("SharedHomeCost is true for the default costs")
	}
	both := old.String() + "childrens_home_external,5000,2023/24,x\n"
	if _, err := ReadCosts("both.csv", strings.NewReader(both)); err == nil || !strings.Contains(err.Error(), "both.csv:11: category childrens_home_external given twice") {
		t.Errorf("old and new rows together: error %v; want childrens_home_external given twice", err)
	}
}

// TestSpendByHand: one child in a children's home for the whole of
// 2026/27 at £700 a week in 2025/26 prices costs 365 ÷ 7 × £700 =
// £36,500 without inflation and £40,150 with 10% (one year's uplift).
func TestSpendByHand(t *testing.T) {
	costs := DefaultCosts()
	costs[ChildrensHomeExternal].Weekly, costs[ChildrensHomeExternal].Year = 700, 2025
	cal := newCalendar(day(t, "31/03/2026"), 13) // April 2026 to April 2027
	out := newOutputs(1, 13)
	for m := range 13 {
		out.occupied[m*Categories+int(ChildrensHomeExternal)] = 1
	}
	for _, tt := range []struct {
		inflation float64
		want      [2]float64
	}{
		{0, [2]float64{36500, 30 * 100}},          // April 2027: 30 days at £100 a day
		{0.1, [2]float64{40150, 30 * 100 * 1.21}}, // 2027/28 is two years on
	} {
		sp := spending(out, cal, Options{Costs: &costs, Inflation: tt.inflation}, nil)
		if len(sp.years) != 2 || sp.years[0].months != 12 || sp.years[1].months != 1 {
			t.Fatalf("financial years %+v; want 2026/27 with 12 months and 2027/28 with 1", sp.years)
		}
		for y := range 2 {
			if got := sp.total(0, y); math.Abs(got-tt.want[y]) > 1e-6 {
				t.Errorf("inflation %v, %s: spend %v; want %v", tt.inflation, FinancialYearLabel(sp.years[y].start), got, tt.want[y])
			}
			if got := sp.of(0, y)[ChildrensHomeExternal]; math.Abs(got-tt.want[y]) > 1e-6 {
				t.Errorf("inflation %v, %s: spend on external homes %v; want %v", tt.inflation, FinancialYearLabel(sp.years[y].start), got, tt.want[y])
			}
		}
	}
	// a scenario raising the cost by 10% from October (month 6): 182 days
	// (October to March) at £110 a day and 183 at £100
	sc := &engine{scenario: &Scenario{UnitCostChange: map[Category]float64{ChildrensHomeExternal: 10}}, from: 6}
	sp := spending(out, cal, Options{Costs: &costs}, sc)
	if want := 182.0*110 + 183*100; math.Abs(sp.total(0, 0)-want) > 1e-6 {
		t.Errorf("with the scenario's price rise: %v; want %v", sp.total(0, 0), want)
	}
}

// TestSpendByCategoryAddsUp: on made-up occupancy, each simulation's
// spend by category adds up to its spend in total, which is child-months
// × weekly cost worked out again here; the categories' means add up to
// the total's mean (their medians need not add up); and a scenario's
// difference by category adds up to the difference in total.
func TestSpendByCategoryAddsUp(t *testing.T) {
	const sims, months = 40, 27 // April 2026 to June 2028: three financial years, the last partial
	costs := DefaultCosts()
	cal := newCalendar(day(t, "31/03/2026"), months)
	base, alt := newOutputs(sims, months), newOutputs(sims, months)
	r := rand.New(rand.NewPCG(7, 0))
	for i := range base.occupied {
		base.occupied[i] = float32(r.Float64() * 30)
		alt.occupied[i] = float32(r.Float64() * 30)
	}
	opts := Options{Costs: &costs, Inflation: 0.03}
	sp := spending(base, cal, opts, nil)
	if len(sp.years) != 3 {
		t.Fatalf("%d financial years; want 3", len(sp.years))
	}
	for s := range sims {
		hand := make([]float64, len(sp.years))
		for m := range months {
			y := financialYear(cal.ends[m]) - 2026
			for c := range Category(Categories) {
				hand[y] += float64(base.occupied[(s*months+m)*Categories+int(c)]) * costs.weeklyIn(c, 2026+y, 0.03) * float64(cal.days[m]) / 7
			}
		}
		for y := range sp.years {
			sum := 0.0
			for _, v := range sp.of(s, y) {
				sum += v
			}
			if !near(sum, hand[y], 1e-9) || !near(sp.total(s, y), hand[y], 1e-9) {
				t.Fatalf("simulation %d, year %d: categories add up to %v, total %v; by hand %v", s, y, sum, sp.total(s, y), hand[y])
			}
		}
	}
	checkSums := func(what string, total []YearSpend, byCategory []CategorySpend) {
		t.Helper()
		if len(byCategory) != Categories {
			t.Fatalf("%s: %d categories; want %d", what, len(byCategory), Categories)
		}
		for y, ys := range total {
			sum := 0.0
			for c, cs := range byCategory {
				if cs.Key != Category(c).Key() || cs.Years[y].Year != ys.Year {
					t.Fatalf("%s: category %d is %s in %s; want %s in %s", what, c, cs.Key, cs.Years[y].Year, Category(c).Key(), ys.Year)
				}
				if v := cs.Years[y]; !(v.P5 <= v.P25 && v.P25 <= v.Median && v.Median <= v.P75 && v.P75 <= v.P95) {
					t.Errorf("%s, %s, %s: quantiles out of order %+v", what, cs.Key, ys.Year, v)
				}
				sum += cs.Years[y].Mean
			}
			if !near(sum, ys.Mean, 1e-9) {
				t.Errorf("%s, %s: the categories' means add up to %v; the total's mean is %v", what, ys.Year, sum, ys.Mean)
			}
		}
	}
	total, byCategory := spendSummaries(sp)
	checkSums("baseline", total, byCategory)
	if total[0].Mean <= 0 || byCategory[WithParents].Years[0].Mean != 0 {
		t.Errorf("mean spend %v in total and %v placed with parents; want more than 0 and 0", total[0].Mean, byCategory[WithParents].Years[0].Mean)
	}
	diff := spending(alt, cal, opts, nil)
	diff.subtract(sp)
	total, byCategory = spendSummaries(diff)
	checkSums("difference", total, byCategory)
}

// near reports whether a and b agree within a relative tolerance.
func near(a, b, tolerance float64) bool {
	return math.Abs(a-b) <= tolerance*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestSpendFromCounts: the spend in each whole financial year, worked
// out again by hand from the projected children in each category at each
// month end (the mean of the month ends either side of a month, × weekly
// cost × days ÷ 7), is within 0.8% of the forecast's, for the median and
// for the mean; and the categories' means add up to the total's, in the
// baseline, the scenario and the difference between them.
func TestSpendFromCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("forecasts a synthetic authority")
	}
	a := syntheticAuthority(t)
	sc := &Scenario{Name: "homes", From: day(t, "01/07/2026"), StepDownShare: 0.2, StepDownTo: FosterInHouse}
	costs := DefaultCosts()
	res, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Years: 3, Simulations: 300, Seed: 4, Costs: &costs, Inflation: 0.02, Scenario: sc})
	if err != nil {
		t.Fatal(err)
	}
	p := res.Baseline
	for y, ys := range p.Spend {
		if ys.Months != 12 {
			continue
		}
		fy := 2026 + y
		hand := 0.0
		for c, sr := range p.ByCategory {
			weekly := costs.weeklyIn(Category(c), fy, 0.02)
			for m := y * 12; m < y*12+12; m++ {
				before := sr.History[len(sr.History)-1].Value
				if m > 0 {
					before = sr.Forecast[m-1].Median
				}
				end, _ := ParseDate(sr.Forecast[m].Date)
				y, mo, _ := end.Civil()
				days := float64(end - calendar.NewDate(y, mo, 1) + 1)
				hand += (before + sr.Forecast[m].Median) / 2 * weekly * days / 7
			}
		}
		// the by-hand figure adds up the categories' median counts; the
		// spends are right-skewed (rates drift, and the dearest placements
		// are few), so the mean spend lies a little above the median and
		// is allowed a wider margin
		for _, check := range []struct {
			what      string
			got, part float64
		}{{"median", ys.Median, 0.008}, {"mean", ys.Mean, 0.015}} {
			if math.Abs(check.got-hand) > check.part*hand {
				t.Errorf("%s: %s spend %.0f; by hand from the counts %.0f (%.2f%% apart)", ys.Year, check.what, check.got, hand, 100*(check.got-hand)/hand)
			}
		}
		t.Logf("%s: median %.0f, mean %.0f, by hand %.0f", ys.Year, ys.Median, ys.Mean, hand)
	}
	for what, proj := range map[string]*Projection{"baseline": p, "scenario": res.Scenario.Projection, "difference": res.Scenario.Difference} {
		for y, ys := range proj.Spend {
			sum := 0.0
			for _, cs := range proj.SpendByCategory {
				sum += cs.Years[y].Mean
			}
			if !near(sum, ys.Mean, 1e-9) {
				t.Errorf("%s, %s: the categories' means add up to %v; the total's mean is %v", what, ys.Year, sum, ys.Mean)
			}
		}
	}
	homes := res.Scenario.Difference.SpendByCategory[ChildrensHomeExternal].Years[1]
	if homes.Mean >= 0 {
		t.Errorf("stepping children down from homes changed the spend on external homes in 2027/28 by %.0f; want less than 0", homes.Mean)
	}
}

// FuzzReadCosts checks that no file makes ReadCosts panic, and that a
// file it accepts gives every category a cost it can use.
func FuzzReadCosts(f *testing.F) {
	f.Add(defaultCosts)
	f.Add([]byte("category,weekly_cost,year,source\nkinship,£1,200.50,2024/25,x\n"))
	f.Add([]byte("\uFEFFsource,year,weekly_cost,category\n\"a\nb\",2024/25,NaN,childrens_home\n"))
	f.Add([]byte("category,weekly_cost,year,source\nkinship\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		costs, err := ReadCosts("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for c := range Category(Categories) {
			if w := costs[c].Weekly; w < 0 || math.IsNaN(w) || math.IsInf(w, 0) || costs[c].Key != c.Key() {
				t.Fatalf("accepted %+v for %s", costs[c], c.Key())
			}
		}
	})
}
