package forecast

import (
	"fmt"
	"math"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// truth is a generator with known rates: children enter care at a known
// rate per child in the population by age band (scaled by entryFactor
// from changeFrom), start in a known category, and move and leave at
// known monthly hazards by band and category, day by day, until their
// 18th birthday. It writes journeys as the journey package builds them.
type truth struct {
	pop        [Bands]float64 // children in each band, constant
	entry      [Bands]float64 // entries a month per child
	start      [Bands][Categories]float64
	hazard     [Bands][Categories][destinations]float64 // a month
	entryFact  float64
	changeFrom calendar.Date
}

// knownTruth is an authority of about 1,000 children looked after, with
// a third fewer entries from changeFrom. Secure and other residential is
// never used: a zero-count category.
func knownTruth(changeFrom calendar.Date) *truth {
	t := &truth{pop: [Bands]float64{25000, 25000, 30000, 10000}, entryFact: 0.67, changeFrom: changeFrom}
	t.entry = [Bands]float64{14.0 / 25000, 6.0 / 25000, 12.0 / 30000, 8.0 / 10000}
	t.start[Age0to4] = [Categories]float64{0.5, 0.3, 0.2}
	t.start[Age5to9] = [Categories]float64{0.4, 0.3, 0.2, 0, 0.1}
	t.start[Age10to15] = [Categories]float64{0.3, 0.3, 0.1, 0.05, 0.15, 0, 0.1}
	t.start[Age16to17] = [Categories]float64{0, 0.3, 0, 0.05, 0.15, 0.4, 0, 0, 0.1}
	exit := func(reason Exit) int { return Categories + int(reason) }
	for b := range Bands {
		h := &t.hazard[b]
		h[FosterInHouse][FosterAgency] = 0.005
		h[FosterInHouse][ChildrensHomeExternal] = 0.003
		h[FosterInHouse][Kinship] = 0.002
		h[FosterAgency][FosterInHouse] = 0.004
		h[FosterAgency][ChildrensHomeExternal] = 0.004
		h[Kinship][FosterInHouse] = 0.003
		h[ChildrensHomeExternal][FosterAgency] = 0.01
		h[ChildrensHomeInHouse][FosterInHouse] = 0.01
		h[ChildrensHomeInHouse][ChildrensHomeExternal] = 0.005
		h[Supported][ChildrensHomeExternal] = 0.005
		h[WithParents][FosterInHouse] = 0.01
		h[Adoption][FosterInHouse] = 0.002
		h[Unregistered][ChildrensHomeExternal] = 0.05
		for c := range Categories - 1 {
			h[c][exit(ExitHome)] = 0.012
			h[c][exit(ExitOther)] = 0.004
		}
		h[WithParents][exit(ExitHome)] = 0.05
		h[Adoption][exit(ExitHome)] = 0
		h[Kinship][exit(ExitSGO)] = 0.02
		h[FosterInHouse][exit(ExitSGO)] = 0.004
	}
	t.hazard[Age0to4][FosterInHouse][Adoption] = 0.02
	t.hazard[Age0to4][Adoption][exit(ExitAdoption)] = 0.12
	t.hazard[Age5to9][Adoption][exit(ExitAdoption)] = 0.08
	t.hazard[Age16to17][ChildrensHomeExternal][Supported] = 0.03
	return t
}

// codes gives each category a PLACE and PLACE_PROVIDER.
var codes = [Categories][2]string{{"U4", "PR1"}, {"U6", "PR4"}, {"U1", "PR1"}, {"K2", "PR1"}, {"K2", "PR4"}, {"K3", "PR4"}, {"P1", "PR0"}, {"A5", "PR1"}, {"Z11", "PR4"}, {"K1", "PR1"}}

var exitCodes = [ExitReasons]string{"E4A", "E11", "E45", "E8"}

// generate simulates from 20 years before dataEnd, day by day, and keeps
// the children looked after in the last ten years.
func (t *truth) generate(seed uint64, dataEnd calendar.Date) *journey.Set {
	r := newRNG(seed, 0)
	set := &journey.Set{}
	for d := dataEnd.AddYears(-20); d <= dataEnd; d++ {
		factor := 1.0
		if d >= t.changeFrom {
			factor = t.entryFact
		}
		for b := range Band(Bands) {
			for range r.poisson(t.entry[b] * factor * t.pop[b] / daysPerMonth) {
				from, to := bandInfo[b].From*365, adultAge*365-30
				if int(b)+1 < Bands {
					to = bandInfo[b+1].From * 365
				}
				dob := d - calendar.Date(from+r.intN(to-from))
				if calendar.AgeOn(dob, d) >= adultAge || BandOf(calendar.AgeOn(dob, d)) != b {
					continue
				}
				v, c := r.uniform(), Category(0)
				for acc := t.start[b][0]; v >= acc && c < Category(Categories-1); acc += t.start[b][c] {
					c++
				}
				child := t.live(r, dob, d, c, dataEnd)
				if child.Periods[0].Open || child.Periods[0].End > dataEnd.AddYears(-10) {
					child.ID = fmt.Sprintf("C%07d", len(set.Children))
					set.Children = append(set.Children, child)
				}
			}
		}
	}
	return set
}

// live runs one period of care from day d in category c.
func (t *truth) live(r *rng, dob, d calendar.Date, c Category, dataEnd calendar.Date) *journey.Child {
	child := &journey.Child{DOB: dob, HasDOB: true}
	adult := dob.AddYears(adultAge)
	p := journey.Period{Start: d}
	ep := journey.Episode{Start: d, Place: codes[c][0], Provider: codes[c][1]}
	for ; ; d++ {
		if d > dataEnd {
			ep.Open, p.Open = true, true
			break
		}
		if d == adult {
			ep.End, ep.REC = d, "E17"
			p.End, p.EndReason = d, "E17"
			break
		}
		b := BandOf(calendar.AgeOn(dob, d))
		h := &t.hazard[b][c]
		total := 0.0
		for _, v := range h {
			total += v
		}
		if r.uniform() >= total/daysPerMonth {
			continue
		}
		v, dest := r.uniform()*total, 0
		for acc := h[0]; v >= acc && dest < destinations-1; acc += h[dest] {
			dest++
		}
		if dest >= Categories {
			ep.End, ep.REC = d+1, exitCodes[dest-Categories]
			p.End, p.EndReason = d+1, ep.REC
			break
		}
		ep.End, ep.REC = d+1, "X1"
		p.Episodes = append(p.Episodes, ep)
		c = Category(dest)
		ep = journey.Episode{Start: d + 1, Place: codes[c][0], Provider: codes[c][1]}
	}
	p.Episodes = append(p.Episodes, ep)
	child.Periods = []journey.Period{p}
	return child
}

// TestRecoversKnownRates generates journeys with known rates and a third
// fewer entries from April 2023, and checks that the rates estimated on
// the two years before and after the change are the generator's, within
// what the sample size allows: 4.5 standard errors (√(rate × exposure) ÷
// exposure, the Poisson error of the true rate) for each move and exit
// expected to happen 10 times or more, which over the few hundred rates
// compared leaves under a 1% chance of a false alarm, and a generous
// Poisson bound on the count for rarer ones; 3 standard errors for the
// eight entry rates.
func TestRecoversKnownRates(t *testing.T) {
	end := day(t, "31/03/2026")
	change := day(t, "01/04/2023")
	tr := knownTruth(change)
	set := tr.generate(42, end)
	pop := Population{}
	for y := 2000; y <= 2026; y++ {
		pop[y] = tr.pop
	}
	for _, w := range []struct {
		from, to string
		factor   float64
	}{{"01/04/2021", "31/03/2023", 1}, {"01/04/2024", "31/03/2026", tr.entryFact}} {
		r, err := Estimate(set, EstimateOptions{From: day(t, w.from), To: day(t, w.to), DataEnd: end, Population: pop})
		if err != nil {
			t.Fatal(err)
		}
		for b := range Band(Bands) {
			want := tr.entry[b] * w.factor
			got, _ := r.EntryRate(b)
			se := math.Sqrt(want*r.EntryExposure[b]) / r.EntryExposure[b]
			if math.Abs(got-want) > 3*se {
				t.Errorf("%s to %s, band %s: entry rate %.3g; want %.3g ± %.2g", w.from, w.to, b.Key(), got, want, 3*se)
			}
		}
		compared := 0
		for b := range Band(Bands) {
			for c := range Category(Categories) {
				x := r.Exposure[b][c]
				for d := range destinations {
					if d == int(c) {
						continue
					}
					want := tr.hazard[b][c][d]
					var got float64
					if d < Categories {
						got, _ = r.MoveRate(b, c, Category(d))
					} else {
						got, _ = r.ExitRate(b, c, Exit(d-Categories))
					}
					if x == 0 {
						if got != 0 {
							t.Errorf("no exposure in %s %s but a rate %v", b.Key(), c.Key(), got)
						}
						continue
					}
					compared++
					expected := want * x
					if expected < 10 { // too few for the normal approximation: a generous Poisson bound on the count
						if n := float64(events(r, b, c, d)); n > expected+5*math.Sqrt(expected)+3 {
							t.Errorf("%s to %s, %s %s → %d: %v events; want about %.1f", w.from, w.to, b.Key(), c.Key(), d, n, expected)
						}
						continue
					}
					se := math.Sqrt(expected) / x
					if math.Abs(got-want) > 4.5*se {
						t.Errorf("%s to %s, %s %s → %d: rate %.4f; want %.4f ± %.4f (%d events in %.0f child-months)",
							w.from, w.to, b.Key(), c.Key(), d, got, want, 4.5*se, events(r, b, c, d), x)
					}
				}
			}
		}
		if r.Exposure[Age10to15][SecureOther] != 0 || compared < 200 {
			t.Errorf("compared %d rates; secure exposure %v", compared, r.Exposure[Age10to15][SecureOther])
		}
	}
}

// TestBacktestBeatsNaive: on ten histories generated from the same known
// truth, each fitted on the two years after the change and projected over
// the following year (one cut-off: an earlier one's window would straddle
// the change) while the number looked after is still falling towards its
// new level, the model's mean error beats both naive forecasts', for the
// total and over the summary's series, and its 90% intervals hold the
// truth about nine months in ten. One history can go
// either way (the entries of a two-year window are themselves a sample),
// so the test averages over ten.
func TestBacktestBeatsNaive(t *testing.T) {
	end := day(t, "31/03/2026")
	tr := knownTruth(day(t, "01/04/2023"))
	pop := Population{}
	for y := 2000; y <= 2026; y++ {
		pop[y] = tr.pop
	}
	const histories = 10
	var model, none, trend, totalModel, totalNone, totalTrend, coverage float64
	for seed := range uint64(histories) {
		bt, err := RunBacktest(tr.generate(seed+1, end), BacktestOptions{DataEnd: end, Population: pop, Seed: 1, Simulations: 200, MaxCuts: 1})
		if err != nil {
			t.Fatal(err)
		}
		s, total := bt.Summary, bt.Series[0]
		model, none, trend = model+s.ModelMAPE/histories, none+s.NoChangeMAPE/histories, trend+s.TrendMAPE/histories
		totalModel += total.ModelMAPE / histories
		totalNone += total.NoChangeMAPE / histories
		totalTrend += total.TrendMAPE / histories
		coverage += s.Coverage90 / histories
	}
	t.Logf("mean over %d histories: model %.1f%%, no change %.1f%%, straight line %.1f%%; total %.1f%%, %.1f%%, %.1f%%; 90%% coverage %.2f",
		histories, model, none, trend, totalModel, totalNone, totalTrend, coverage)
	if !(model < none && model < trend) {
		t.Errorf("model MAPE %.1f%% does not beat no change %.1f%% and the straight line %.1f%%", model, none, trend)
	}
	if !(totalModel < totalNone && totalModel < totalTrend) {
		t.Errorf("total: model %.1f%%, no change %.1f%%, straight line %.1f%%", totalModel, totalNone, totalTrend)
	}
	if coverage < 0.8 {
		t.Errorf("90%% intervals held the truth %.0f%% of the time; want about 90%%", coverage*100)
	}
}
