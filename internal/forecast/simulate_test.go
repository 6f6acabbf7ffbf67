package forecast

import (
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
)

// TestAgeing checks the simulation's month arithmetic against
// calendar.AgeOn for children born on every kind of day, 29 February
// included, over five years of month ends.
func TestAgeing(t *testing.T) {
	start := day(t, "31/03/2026")
	cal := newCalendar(start, 60)
	births := []string{"01/04/2008", "10/06/2008", "31/03/2009", "15/05/2021", "29/02/2024", "29/02/2016", "01/05/2016", "31/12/2010", "01/01/2011", "30/04/2021"}
	for _, b := range births {
		dob := day(t, b)
		k := cal.newSimChild(dob, start, FosterInHouse, -1)
		if want := BandOf(calendar.AgeOn(dob, start)); Band(k.band) != want {
			t.Errorf("born %s: band at the start %s; want %s", b, Band(k.band).Key(), want.Key())
		}
		for m := range 60 {
			age := calendar.AgeOn(dob, cal.ends[m])
			if got := cal.ageAt(&k, m); got != age {
				t.Errorf("born %s: age at %s = %d; want %d", b, ISO(cal.ends[m]), got, age)
			}
			// the birthday months say when the band changes and when the child turns 18
			if left := age >= adultAge; left != (int(k.adult) <= m) {
				t.Errorf("born %s: at %s aged %d, adult month %d", b, ISO(cal.ends[m]), age, k.adult)
			}
		}
	}
	// by hand: born 15/05/2021, 5 on 15/05/2026 (month 1, May 2026), 18 on
	// 15/05/2039: (2039 - 2026) × 12 + (May - April) = 157
	k := cal.newSimChild(day(t, "15/05/2021"), start, FosterInHouse, -1)
	if k.band != uint8(Age0to4) || k.nextBand != 1 || k.adult != 157 {
		t.Errorf("born 15/05/2021: band %d, next band in month %d, 18 in month %d; want 0, 1, 157", k.band, k.nextBand, k.adult)
	}
	// 29 February 2024: 5 on 1 March 2029 (no 29 February that year), so
	// still 4 at the end of February 2029
	k = cal.newSimChild(day(t, "29/02/2024"), start, FosterInHouse, -1)
	feb := cal.month(day(t, "28/02/2029"))
	if cal.ageAt(&k, feb) != 4 || cal.ageAt(&k, feb+1) != 5 || int(k.nextBand) != feb+1 {
		t.Errorf("born 29/02/2024: aged %d at the end of February 2029, %d of March; band changes in month %d, want %d",
			cal.ageAt(&k, feb), cal.ageAt(&k, feb+1), k.nextBand, feb+1)
	}
}

// TestSimulatedAgeing runs the simulation with no moves, exits or entries:
// a child turning 5 moves band on the birthday's month, and a child
// turning 18 leaves in that month, in every simulation.
func TestSimulatedAgeing(t *testing.T) {
	start := day(t, "31/03/2026")
	e := &engine{rates: &Rates{}, cal: newCalendar(start, 4), seed: 1, stock: []Starter{
		{DOB: day(t, "15/05/2021"), Category: Kinship, Began: start},               // 5 on 15 May 2026
		{DOB: day(t, "10/06/2008"), Category: ChildrensHomeExternal, Began: start}, // 18 on 10 June 2026
	}}
	out := e.run(20, 2)
	for s := range 20 {
		for m, want := range []struct {
			bands [Bands]float32
			homes float32
		}{
			{[Bands]float32{1, 0, 0, 1}, 1}, // April: 4 and 17
			{[Bands]float32{0, 1, 0, 1}, 1}, // May: 5 and 17
			{[Bands]float32{0, 1, 0, 0}, 0}, // June: 18, gone
			{[Bands]float32{0, 1, 0, 0}, 0},
		} {
			at := s*4 + m
			if got := [Bands]float32(out.byBand[at*Bands : (at+1)*Bands]); got != want.bands {
				t.Errorf("simulation %d, month %d: by band %v; want %v", s, m, got, want.bands)
			}
			if got := out.byCategory[at*Categories+int(ChildrensHomeExternal)]; got != want.homes {
				t.Errorf("simulation %d, month %d: %v in children's homes; want %v", s, m, got, want.homes)
			}
		}
		if got := out.exits[(s*4+2)*exitKinds+int(ExitAgedOut)]; got != 1 {
			t.Errorf("simulation %d: %v aged out in June; want 1", s, got)
		}
	}
}

// TestScenarioByHand: children enter at 10 a month (240 entries in 24
// months), aged 1, and nobody leaves, so the number looked after is the
// sum of the entries. Halving entries from July, the fourth month of the
// projection, takes half of nine months' entries, about 45 children, off
// the baseline by the end of March, all of them aged 0-4 in in-house
// fostering.
func TestScenarioByHand(t *testing.T) {
	r := tenEntriesAMonth()
	start := day(t, "31/03/2026")
	sc := &Scenario{Name: "half", From: day(t, "01/07/2026"), EntryChangePercent: -50, StepDownTo: FosterInHouse}
	res, err := Forecast(nil, Options{}) // the options are checked first
	if err == nil || res != nil {
		t.Fatal("a forecast without the data's end should fail")
	}
	p := &plan{set: emptySet(), rates: r, start: start, opts: Options{Years: 1, Simulations: 2000, Seed: 3, Scenario: sc, History: 1, Costs: defaultCostsPtr()}}
	base, comp := p.project()
	// months run April (0) to March (11); the scenario starts in July (3)
	m := 11
	// baseline: the entries of 12 months, (240 + ½) ÷ 24 ≈ 10.02 a month on
	// average over the rate's draws, scaled by each month's days ÷ 30.44
	wantBase := 10.02 * 365 / daysPerMonth
	if got := base.Total.Forecast[m].Median; math.Abs(got-wantBase) > 2 {
		t.Errorf("baseline after 12 months: median %v; want about %.1f", got, wantBase)
	}
	// difference: half of the entries from July to March, 275 days
	wantDiff := -0.5 * 10.02 * 275 / daysPerMonth
	if got := comp.Difference.Total.Forecast[m].Median; math.Abs(got-wantDiff) > 2 {
		t.Errorf("difference after 12 months: median %v; want about %.1f", got, wantDiff)
	}
	if got := comp.Difference.Total.Forecast[2]; got.P5 != 0 || got.P95 != 0 {
		t.Errorf("difference before the scenario starts: %+v; want 0", got)
	}
	// all in in-house fostering, aged 0-4
	if got := comp.Difference.ByCategory[FosterInHouse].Forecast[m].Median; math.Abs(got-wantDiff) > 2 {
		t.Errorf("in-house difference %v; want about %.1f", got, wantDiff)
	}
	if got := comp.Difference.ByBand[Age0to4].Forecast[m].Median; math.Abs(got-wantDiff) > 2 {
		t.Errorf("0-4 difference %v; want about %.1f", got, wantDiff)
	}
}

// TestStepDownByHand: with no other flows, stepping down 20% of children
// in children's homes a year leaves 80% of them after twelve months.
func TestStepDownByHand(t *testing.T) {
	start := day(t, "31/03/2026")
	var stock []Starter
	for range 1000 {
		stock = append(stock, Starter{DOB: day(t, "01/01/2014"), Category: ChildrensHomeExternal, Began: start})
	}
	sc := &Scenario{Name: "step down", From: day(t, "01/04/2026"), StepDownShare: 0.2, StepDownTo: FosterAgency}
	p := &plan{set: emptySet(), rates: &Rates{}, stock: stock, start: start, opts: Options{Years: 1, Simulations: 200, Seed: 5, Scenario: sc, History: 1, Costs: defaultCostsPtr()}}
	_, comp := p.project()
	homes := comp.Projection.ByCategory[ChildrensHomeExternal].Forecast[11]
	agency := comp.Projection.ByCategory[FosterAgency].Forecast[11]
	// binomial: 800 ± √(1000 × 0.2 × 0.8) = ±12.6; the median of 200 runs is within a few
	if math.Abs(homes.Median-800) > 5 || math.Abs(agency.Median-200) > 5 {
		t.Errorf("after a year: %v in homes, %v in agency fostering; want about 800 and 200", homes.Median, agency.Median)
	}
}

// tenEntriesAMonth are rates of 240 entries in 24 months, all aged 1 and
// in in-house fostering, and nothing else.
func tenEntriesAMonth() *Rates {
	r := &Rates{Months: 24}
	r.Entries[Age0to4] = 240
	r.EntryExposure = [Bands]float64{24, 24, 24, 24}
	r.EntryCategory[Age0to4][FosterInHouse] = 240
	r.entryAges[Age0to4] = []int32{365}
	return r
}
