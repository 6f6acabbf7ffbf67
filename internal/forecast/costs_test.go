package forecast

import (
	"bytes"
	"math"
	"strings"
	"testing"
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
		years, spend := spending(out, cal, Options{Costs: &costs, Inflation: tt.inflation}, nil)
		if len(years) != 2 || years[0].months != 12 || years[1].months != 1 {
			t.Fatalf("financial years %+v; want 2026/27 with 12 months and 2027/28 with 1", years)
		}
		for y := range 2 {
			if math.Abs(spend[0][y]-tt.want[y]) > 1e-6 {
				t.Errorf("inflation %v, %s: spend %v; want %v", tt.inflation, FinancialYearLabel(years[y].start), spend[0][y], tt.want[y])
			}
		}
	}
	// a scenario raising the cost by 10% from October (month 6): 182 days
	// (October to March) at £110 a day and 183 at £100
	sc := &engine{scenario: &Scenario{UnitCostChange: map[Category]float64{ChildrensHomeExternal: 10}}, from: 6}
	_, spend := spending(out, cal, Options{Costs: &costs}, sc)
	if want := 182.0*110 + 183*100; math.Abs(spend[0][0]-want) > 1e-6 {
		t.Errorf("with the scenario's price rise: %v; want %v", spend[0][0], want)
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
