package forecast

import (
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// TestDurationOf: the pieces of time in care change on the day 3, 12 and
// 36 calendar months after the period started, the month's last day when
// the month is shorter.
func TestDurationOf(t *testing.T) {
	for _, c := range []struct {
		start, on string
		want      Duration
	}{
		{"15/01/2024", "15/01/2024", Under3Months},
		{"15/01/2024", "14/04/2024", Under3Months},
		{"15/01/2024", "15/04/2024", Months3to12},
		{"15/01/2024", "14/01/2025", Months3to12},
		{"15/01/2024", "15/01/2025", Months12to36},
		{"15/01/2024", "14/01/2027", Months12to36},
		{"15/01/2024", "15/01/2027", Months36Plus},
		{"31/01/2024", "29/04/2024", Under3Months}, // April has 30 days: 3 months on the 30th
		{"31/01/2024", "30/04/2024", Months3to12},
		{"29/02/2024", "27/02/2025", Months3to12}, // no 29 February in 2025: a year on the 28th
		{"29/02/2024", "28/02/2025", Months12to36},
		{"15/11/2024", "15/02/2025", Months3to12}, // across a new year
	} {
		if got := DurationOf(day(t, c.start), day(t, c.on)); got != c.want {
			t.Errorf("started %s, on %s: %s; want %s", c.start, c.on, got.Key(), c.want.Key())
		}
	}
}

// TestEstimateByDuration: one child, 14 throughout, in care from 1
// January 2024, in in-house fostering until 31 May 2024, then agency
// fostering until going home on 1 March 2025 (last day in care 28
// February). In the window 1 April 2024 to 31 March 2025 the child is
// 3-12 months into care from 1 April (3 months after 1 January) and 12-36
// months from 1 January 2025: in-house 1 April to 31 May, 61 days at
// 3-12 months; agency 1 June to 31 December, 214 days at 3-12 months, and
// 1 January to 28 February, 59 days at 12-36 months. The move (on its
// last day in in-house care, 31 May) is at 3-12 months, the exit (28
// February) at 12-36 months: a rate of 1 ÷ (59 ÷ 30.44) ≈ 0.516 a month.
func TestEstimateByDuration(t *testing.T) {
	set := &journey.Set{Children: []*journey.Child{
		kid(t, "A", "01/01/2010", period(
			episode(t, "01/01/2024", "01/06/2024", "U4", "PR1", "X1"),
			episode(t, "01/06/2024", "01/03/2025", "U6", "PR4", "E4A"),
		)),
	}}
	r, err := Estimate(set, EstimateOptions{From: day(t, "01/04/2024"), To: day(t, "31/03/2025"), DataEnd: day(t, "31/03/2025")})
	if err != nil {
		t.Fatal(err)
	}
	b := Age10to15
	for _, c := range []struct {
		k    Duration
		cat  Category
		days float64
	}{
		{Months3to12, FosterInHouse, 61},
		{Months3to12, FosterAgency, 214},
		{Months12to36, FosterAgency, 59},
		{Under3Months, FosterInHouse, 0},
		{Months12to36, FosterInHouse, 0},
	} {
		if got, want := r.DurationExposure[b][c.k][c.cat], c.days/daysPerMonth; math.Abs(got-want) > 1e-9 {
			t.Errorf("%s, %s: %.4f child-months; want %.4f (%v days)", c.k.Key(), c.cat.Key(), got, want, c.days)
		}
	}
	if r.DurationMoves[b][Months3to12][FosterInHouse][FosterAgency] != 1 || r.Moves[b][FosterInHouse][FosterAgency] != 1 {
		t.Errorf("move not counted at 3-12 months: %v", r.DurationMoves[b][Months3to12][FosterInHouse])
	}
	if r.DurationExits[b][Months12to36][FosterAgency][ExitHome] != 1 || r.Exits[b][FosterAgency][ExitHome] != 1 {
		t.Errorf("exit not counted at 12-36 months: %v", r.DurationExits[b][Months12to36][FosterAgency])
	}
	if got, _ := r.ExitRateByDuration(b, Months12to36, FosterAgency, ExitHome); math.Abs(got-daysPerMonth/59) > 1e-12 {
		t.Errorf("exit rate at 12-36 months %v; want %v", got, daysPerMonth/59)
	}
	// the sums over pieces are the rates over all times in care
	if got, want := r.Exposure[b][FosterAgency], 273/daysPerMonth; math.Abs(got-want) > 1e-9 {
		t.Errorf("agency exposure %v; want %v", got, want)
	}
}

// TestEntryDispersion works out the dispersion of monthly entries by hand
// over January to June 2024 (182 days; June has 30).
func TestEntryDispersion(t *testing.T) {
	from, to := day(t, "01/01/2024"), day(t, "30/06/2024")
	june := day(t, "15/06/2024")
	var oneEach []calendar.Date
	for m := 1; m <= 6; m++ {
		oneEach = append(oneEach, calendar.NewDate(2024, m, 10))
	}
	for _, c := range []struct {
		name     string
		starts   []calendar.Date
		from, to calendar.Date
		want     float64
	}{
		// six entries, all in June: expected 6 × 30 ÷ 182 there; the sum of
		// (count - expected)² ÷ expected is 36 ÷ (180 ÷ 182) - 6 = 30.4,
		// over 5 degrees of freedom: 6.08
		{"all in one month", []calendar.Date{june, june, june, june, june, june}, from, to, 6.08},
		// one a month is less variable than chance: 1, never less
		{"one a month", oneEach, from, to, 1},
		{"no entries", nil, from, to, 1},
		// five whole months are too few to tell
		{"too few months", []calendar.Date{june, june}, day(t, "01/02/2024"), to, 1},
	} {
		if got := entryDispersion(c.starts, c.from, c.to); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: %v; want %v", c.name, got, c.want)
		}
	}
}

// TestPieceMonths: a child looked after at the start (31 March 2026)
// whose period began on 20 January 2026 is 3 months in on 20 April, past
// the middle of April, so moves to the next piece from May (month 1); a
// year in on 20 January 2027, from February 2027 (month 10). One who
// began on 5 January reaches 3 months on 5 April: from April (month 0).
func TestPieceMonths(t *testing.T) {
	start := day(t, "31/03/2026")
	cal := newCalendar(start, 24)
	k := cal.newSimChild(day(t, "01/01/2012"), day(t, "20/01/2026"), FosterInHouse, -1)
	if k.piece != uint8(Under3Months) || k.nextPiece != 1 {
		t.Errorf("began 20/01/2026: piece %d, next in month %d; want 0 and 1", k.piece, k.nextPiece)
	}
	k.piece++
	if got := cal.pieceMonth(&k); got != 10 {
		t.Errorf("began 20/01/2026: 12-36 months from month %d; want 10", got)
	}
	k = cal.newSimChild(day(t, "01/01/2012"), day(t, "05/01/2026"), FosterInHouse, -1)
	if k.nextPiece != 0 {
		t.Errorf("began 05/01/2026: next piece in month %d; want 0", k.nextPiece)
	}
	k = cal.newSimChild(day(t, "01/01/2012"), day(t, "05/01/2016"), FosterInHouse, -1)
	if k.piece != uint8(Months36Plus) || int(k.nextPiece) < 24 {
		t.Errorf("began 05/01/2016: piece %d, next in month %d; want the last piece for good", k.piece, k.nextPiece)
	}
}

// TestDurationByHand: children aged 12 in in-house fostering leave at 1
// a month in their first 3 months in care (100 exits in 100 child-months)
// and never after 3 years (none in 1,000 child-months); nothing was seen
// in between. Of 1,000 children 1 month into care at the start, e^(-2) ≈
// 13.5% are left after two months (the rate drawn about 1 ± 0.1, so
// 135 ± 30); of 1,000 children 10 years into care, nearly all: their
// rate, half an event drawn towards the pooled rate of that piece, 0.5 ÷
// (1,000 + 0.5 ÷ (100.5 ÷ 1,100)) ≈ 0.0005, is about 0.5 ÷ 2,005 ≈
// 0.00025 a month, so about 3 leave in a year. From June the newer
// children are 3 to 12 months into care, where no time at risk was seen:
// they leave at the rate over all times in care, 100.5 ÷ 1,100 ≈ 0.091 a
// month, drawn with the weight of half an event, Gamma(½) × 0.183; after
// the seven months June to December, (1 + 7 × 0.183)^(-½) ≈ 0.66 of them
// are left on average (the mean of e^(-7 × rate) over the draws), so
// about 998 + 135 × 0.66 ≈ 1,087 at the end of December.
func TestDurationByHand(t *testing.T) {
	r := &Rates{Months: 24}
	r.DurationExposure[Age10to15][Under3Months][FosterInHouse] = 100
	r.DurationExits[Age10to15][Under3Months][FosterInHouse][ExitHome] = 100
	r.DurationExposure[Age10to15][Months36Plus][FosterInHouse] = 1000
	r.Exposure[Age10to15][FosterInHouse] = 1100
	r.Exits[Age10to15][FosterInHouse][ExitHome] = 100
	start := day(t, "31/03/2026")
	var stock []Starter
	for range 1000 {
		stock = append(stock, Starter{DOB: day(t, "01/01/2014"), Category: FosterInHouse, Began: day(t, "01/03/2026")})
		stock = append(stock, Starter{DOB: day(t, "02/01/2014"), Category: FosterInHouse, Began: day(t, "01/03/2016")})
	}
	e := &engine{rates: r, cal: newCalendar(start, 12), stock: stock, seed: 9}
	out := e.run(200, 2)
	var twoMonths, year float64
	for s := range 200 {
		twoMonths += float64(out.byCategory[(s*12+1)*Categories+int(FosterInHouse)]) / 200
		year += float64(out.byCategory[(s*12+8)*Categories+int(FosterInHouse)]) / 200
	}
	t.Logf("mean over 200 runs: %.1f after two months, %.1f at the end of December", twoMonths, year)
	// after two months: the long-stayers, about 1,000, and 135 new ones
	if want := 1000 + 1000*math.Exp(-2); math.Abs(twoMonths-want) > 35 {
		t.Errorf("after two months %.0f; want about %.0f", twoMonths, want)
	}
	if math.Abs(year-1087) > 35 {
		t.Errorf("at the end of December %.0f; want about 1,087", year)
	}
}
