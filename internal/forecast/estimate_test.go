package forecast

import (
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// day parses DD/MM/YYYY or fails.
func day(tb testing.TB, s string) calendar.Date {
	tb.Helper()
	d, ok := calendar.ParseDate(s)
	if !ok {
		tb.Fatalf("bad date %q", s)
	}
	return d
}

// episode is an Episodes row as the journey keeps it; end "" is open.
func episode(tb testing.TB, start, end, place, provider, rec string) journey.Episode {
	e := journey.Episode{Start: day(tb, start), Place: place, Provider: provider, REC: rec, Open: end == ""}
	if end != "" {
		e.End = day(tb, end)
	}
	return e
}

// period chains episodes into a period of care, ending as its last does.
func period(eps ...journey.Episode) journey.Period {
	last := eps[len(eps)-1]
	p := journey.Period{Start: eps[0].Start, End: last.End, Open: last.Open, Episodes: eps}
	if !last.Open {
		p.EndReason = last.REC
	}
	return p
}

// kid is a child with a date of birth ("" for none) and periods.
func kid(tb testing.TB, id, dob string, periods ...journey.Period) *journey.Child {
	c := &journey.Child{ID: id, Periods: periods}
	if dob != "" {
		c.DOB, c.HasDOB = day(tb, dob), true
	}
	return c
}

// TestEstimateByHand checks counts and exposure worked out by hand on a
// reference window of 1 April 2024 to 31 March 2025 (365 days), the data
// ending on its last day.
func TestEstimateByHand(t *testing.T) {
	shortBreak := period(episode(t, "01/06/2024", "03/06/2024", "K2", "PR1", "E8"))
	shortBreak.ShortBreak = true
	set := &journey.Set{Children: []*journey.Child{
		// A, 9 at the start, 10 on 1 January 2025: in-house fostering until
		// 1 July 2024 (91 days in the window), then a children's home, 184
		// days aged 9 and 90 days aged 10.
		kid(t, "A", "01/01/2015", period(
			episode(t, "01/01/2024", "01/07/2024", "U4", "PR1", "X1"),
			episode(t, "01/07/2024", "", "K2", "PR4", ""))),
		// B, a baby, enters on 1 August 2024 with an agency foster carer and
		// goes home on 1 November 2024: 92 days.
		kid(t, "B", "15/06/2024", period(episode(t, "01/08/2024", "01/11/2024", "U6", "PR4", "E4A"))),
		// C turns 18 on 10 February 2025 in supported accommodation and
		// leaves that day: 315 days, ageing out, not an exit at a rate.
		kid(t, "C", "10/02/2007", period(episode(t, "01/01/2023", "10/02/2025", "P2", "", "E17"))),
		// D has no date of birth.
		kid(t, "D", "", period(episode(t, "01/01/2024", "", "U4", "PR1", ""))),
		// E, 12, enters with an agency carer on 1 May 2024, spends 9 days in
		// hospital (T1, the agency placement's category) and leaves on a
		// special guardianship order on 1 September 2024: 123 days.
		kid(t, "E", "01/01/2012", period(
			episode(t, "01/05/2024", "01/06/2024", "U4", "PR4", "X1"),
			episode(t, "01/06/2024", "10/06/2024", "T1", "", "X1"),
			episode(t, "10/06/2024", "01/09/2024", "U4", "PR4", "E45"))),
		// F is on short breaks only: not counted.
		kid(t, "F", "01/01/2014", shortBreak),
		// G left before the window: not counted.
		kid(t, "G", "01/01/2014", period(episode(t, "01/01/2023", "01/02/2023", "U4", "PR1", "E4A"))),
	}}
	from, to := day(t, "01/04/2024"), day(t, "31/03/2025")
	r, err := Estimate(set, EstimateOptions{From: from, To: to, DataEnd: to})
	if err != nil {
		t.Fatal(err)
	}
	months := func(days float64) float64 { return days / daysPerMonth }
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v; want %v", what, got, want)
		}
	}
	near("window months", r.Months, months(365))
	near("in-house 5-9", r.Exposure[Age5to9][FosterInHouse], months(91))
	near("homes 5-9", r.Exposure[Age5to9][ChildrensHomeExternal], months(184))
	near("homes 10-15", r.Exposure[Age10to15][ChildrensHomeExternal], months(90))
	near("agency 0-4", r.Exposure[Age0to4][FosterAgency], months(92))
	near("supported 16-17", r.Exposure[Age16to17][Supported], months(315))
	near("agency 10-15", r.Exposure[Age10to15][FosterAgency], months(123))
	total := 0.0
	for b := range r.Exposure {
		for c := range r.Exposure[b] {
			total += r.Exposure[b][c]
		}
	}
	near("all exposure", total, months(91+184+90+92+315+123))

	if r.Moves[Age5to9][FosterInHouse][ChildrensHomeExternal] != 1 {
		t.Errorf("moves 5-9 in-house to homes = %d; want 1", r.Moves[Age5to9][FosterInHouse][ChildrensHomeExternal])
	}
	if r.Exits[Age0to4][FosterAgency][ExitHome] != 1 || r.Exits[Age10to15][FosterAgency][ExitSGO] != 1 {
		t.Errorf("exits: baby home %d, SGO %d; want 1 and 1", r.Exits[Age0to4][FosterAgency][ExitHome], r.Exits[Age10to15][FosterAgency][ExitSGO])
	}
	if r.AgedOut[Supported] != 1 {
		t.Errorf("aged out from supported = %d; want 1", r.AgedOut[Supported])
	}
	if r.Entries != [Bands]int{1, 0, 1, 0} {
		t.Errorf("entries by band = %v; want [1 0 1 0]", r.Entries)
	}
	if r.EntryCategory[Age0to4][FosterAgency] != 1 || r.EntryCategory[Age10to15][FosterAgency] != 1 {
		t.Errorf("entry categories = %v", r.EntryCategory)
	}
	if r.NoDOB != 1 || r.Children != 4 {
		t.Errorf("children %d, without DOB %d; want 4 and 1", r.Children, r.NoDOB)
	}
	// without a population, the entry rate is entries a month: 1 ÷ 11.99
	rate, se := r.EntryRate(Age0to4)
	near("entry rate 0-4", rate, 1/months(365))
	near("entry SE 0-4", se, 1/months(365))
	// the move rate is 1 move in 91 days of in-house fostering aged 5-9
	rate, _ = r.MoveRate(Age5to9, FosterInHouse, ChildrensHomeExternal)
	near("move rate", rate, 1/months(91))
	rate, _ = r.ExitRate(Age0to4, FosterAgency, ExitHome)
	near("exit rate", rate, 1/months(92))

	// who is looked after on the last day, and in what
	stock, missing := StockOn(set, to)
	if len(stock) != 1 || stock[0].Category != ChildrensHomeExternal || missing != 1 {
		t.Errorf("stock on %s = %v, %d missing; want A in a children's home and D missing", to, stock, missing)
	}
}

// TestEstimateWithPopulation: entries per child-month of the population.
// A band of 12,000 children over a 365-day window is 12,000 × 11.99
// child-months.
func TestEstimateWithPopulation(t *testing.T) {
	set := &journey.Set{Children: []*journey.Child{
		kid(t, "B", "15/06/2024", period(episode(t, "01/08/2024", "01/11/2024", "U6", "PR4", "E4A"))),
	}}
	pop := Population{2023: {12000, 12000, 14000, 5000}, 2024: {12000, 12000, 14000, 5000}}
	from, to := day(t, "01/04/2024"), day(t, "31/03/2025")
	r, err := Estimate(set, EstimateOptions{From: from, To: to, DataEnd: to, Population: pop})
	if err != nil {
		t.Fatal(err)
	}
	want := 1 / (12000 * 365 / daysPerMonth)
	if rate, _ := r.EntryRate(Age0to4); math.Abs(rate-want) > 1e-15 || !r.PopulationBased {
		t.Errorf("entry rate = %v; want %v", rate, want)
	}
}

// TestZeroCounts: a state with no events, and categories nobody was in,
// give rates of 0 and draws that are numbers, never NaN or infinite.
func TestZeroCounts(t *testing.T) {
	r := &Rates{}
	r.Exposure[Age0to4][FosterInHouse] = 100 // 100 child-months, nothing happened
	r.Exposure[Age5to9][FosterInHouse] = 50
	r.Moves[Age5to9][FosterInHouse][FosterAgency] = 5
	if rate, se := r.MoveRate(Age0to4, FosterInHouse, FosterAgency); rate != 0 || se != 0 {
		t.Errorf("rate with no events = %v ± %v; want 0", rate, se)
	}
	if rate, se := r.ExitRate(Age16to17, SecureOther, ExitHome); rate != 0 || se != 0 {
		t.Errorf("rate with no exposure = %v ± %v; want 0", rate, se)
	}
	for s := range 200 {
		tb := drawTable(r, newRNG(7, s))
		for st := range states {
			for d, h := range tb.hazard[st] {
				if math.IsNaN(h) || math.IsInf(h, 0) || h < 0 {
					t.Fatalf("draw %d: hazard[%d][%d] = %v", s, st, d, h)
				}
			}
			if math.IsNaN(tb.total[st]) || math.IsNaN(tb.cum[st][destinations-1]) {
				t.Fatalf("draw %d: state %d has NaN", s, st)
			}
		}
		// never seen in any band: 0
		if h := tb.hazard[stateOf(Age0to4, Under3Months, FosterInHouse)][Categories+int(ExitHome)]; h != 0 {
			t.Fatalf("exit never seen drawn as %v; want 0", h)
		}
		// seen in 5-9 only: small but positive for 0-4, drawn towards the all-ages rate
		if h := tb.hazard[stateOf(Age0to4, Under3Months, FosterInHouse)][FosterAgency]; !(h > 0 && h < 1) {
			t.Fatalf("move seen in another band drawn as %v; want a small positive rate", h)
		}
		for b := range Bands {
			if tb.entry[b] != 0 || tb.entryCum[b][Categories-1] != 1 {
				t.Fatalf("no entries: rate %v, cumulative %v", tb.entry[b], tb.entryCum[b])
			}
		}
	}
}
