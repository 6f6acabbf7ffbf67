package forecast

import (
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestReadScenario(t *testing.T) {
	file := `name: Panel
from: 2026-07-01
entry_change_percent: -15
entry_change_percent_by_band:
  10-15: -20
step_down_residential_share_per_year: 0.1
step_down_to: fostering_agency
permanence_exit_change_percent: 25
unit_cost_change_percent:
  all: 3
  childrens_home: 5
`
	sc, err := ReadScenario("panel.yaml", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "Panel" || ISO(sc.From) != "2026-07-01" || sc.StepDownShare != 0.1 || sc.StepDownTo != FosterAgency || sc.PermanenceChangePercent != 25 {
		t.Errorf("read %+v", sc)
	}
	if sc.entryFactor(Age10to15) != 0.8 || sc.entryFactor(Age0to4) != 0.85 {
		t.Errorf("entry factors %v, %v; want 0.8 for 10-15 and 0.85 for the rest", sc.entryFactor(Age10to15), sc.entryFactor(Age0to4))
	}
	// childrens_home, the key before homes were split, names both kinds
	if sc.costFactor(ChildrensHomeInHouse) != 1.05 || sc.costFactor(ChildrensHomeExternal) != 1.05 || sc.costFactor(Kinship) != 1.03 {
		t.Errorf("cost factors %v, %v, %v; want 1.05 for both kinds of home and 1.03 for kinship",
			sc.costFactor(ChildrensHomeInHouse), sc.costFactor(ChildrensHomeExternal), sc.costFactor(Kinship))
	}
	if _, err := ReadScenario("s.yaml", strings.NewReader("from: 01/07/2026\n")); err != nil {
		t.Errorf("DD/MM/YYYY date: %v", err)
	}
}

func TestReadScenarioErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"name: x\n", []string{"s.yaml:1: from: missing"}},
		{"", []string{"s.yaml: the file is empty"}},
		{"from: [1, 2\n", []string{"s.yaml: not YAML"}},
		{"- a\n- b\n", []string{"s.yaml:1: expected fields"}},
		{"from: 2026-02-30\n", []string{`s.yaml:1: from: "2026-02-30": expected a date`}},
		{"from: 2026-07-01\nentry_change: -10\n", []string{"s.yaml:2: entry_change: not a scenario field"}},
		{"from: 2026-07-01\nentry_change_percent: lots\n", []string{`s.yaml:2: entry_change_percent: "lots": expected a number`}},
		{"from: 2026-07-01\nentry_change_percent: -150\n", []string{"s.yaml:2: entry_change_percent: -150: a change in percent cannot be below -100"}},
		{"from: 2026-07-01\nentry_change_percent_by_band:\n  11-15: -10\n", []string{"s.yaml:3: entry_change_percent_by_band.11-15: expected an age band"}},
		{"from: 2026-07-01\nstep_down_residential_share_per_year: 10\n", []string{"s.yaml:2: step_down_residential_share_per_year: expected a share"}},
		{"from: 2026-07-01\nstep_down_to: childrens_home\n", []string{"s.yaml:2: step_down_to: expected fostering_in_house"}},
		{"from: 2026-07-01\nunit_cost_change_percent:\n  castles: 5\n", []string{"s.yaml:3: unit_cost_change_percent.castles: expected all or a category"}},
		{"from: 2026-07-01\nfrom: 2026-08-01\n", []string{"s.yaml:2: from: given twice"}},
		{"from: 2026-07-01\nunit_cost_change_percent: 5\n", []string{"s.yaml:2: unit_cost_change_percent: expected a list of name: value lines"}},
		// every error at once
		{"name: x\nbad: 1\nentry_change_percent: x\n", []string{"s.yaml:2: bad:", "s.yaml:3: entry_change_percent:", "from: missing"}},
	}
	for _, tt := range tests {
		_, err := ReadScenario("s.yaml", strings.NewReader(tt.file))
		if err == nil {
			t.Errorf("%q: no error", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: error %q does not say %q", tt.file, err, w)
			}
		}
	}
}

// TestStepDownFromBothHomes: the step-down moves children out of in-house
// and external children's homes alike, and out of nothing else.
func TestStepDownFromBothHomes(t *testing.T) {
	sc := &Scenario{StepDownShare: 0.1, StepDownTo: Kinship}
	got := sc.apply(&table{})
	want := -math.Log1p(-0.1) / 12
	for c := range Category(Categories) {
		h := got.hazard[stateOf(Age10to15, Months36Plus, c)][Kinship]
		home := c == ChildrensHomeInHouse || c == ChildrensHomeExternal
		if home && math.Abs(h-want) > 1e-15 || !home && h != 0 {
			t.Errorf("step-down hazard from %s = %v; want %v for children's homes and 0 otherwise", c.Key(), h, want)
		}
	}
}

// FuzzReadScenario checks that no file makes ReadScenario panic, and that
// a scenario it accepts is one the model can apply.
func FuzzReadScenario(f *testing.F) {
	f.Add([]byte("name: Panel\nfrom: 2026-07-01\nentry_change_percent: -15\nentry_change_percent_by_band:\n  10-15: -20\n" +
		"step_down_residential_share_per_year: 0.1\nstep_down_to: kinship\npermanence_exit_change_percent: 25\n" +
		"unit_cost_change_percent:\n  all: 3\n  childrens_home: 5\n"))
	f.Add([]byte("from: 01/07/2026\n"))
	f.Add([]byte("from: [1, 2\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("from: &a 2026-07-01\nname: *a\nunit_cost_change_percent: {all: .inf}\n"))
	f.Add([]byte("from: 2026-07-01\nrates:\n  - kind: exit\n    to: adoption\n    multiply: 1.25\n" +
		"  - kind: move\n    from: childrens_home\n    to: fostering_agency\n    band: 10-15\n    duration: 12-36m\n    add: 0.002\n" +
		"  - kind: entry\n    band: 0-4\n    multiply: 0\n    add: -0.5\n"))
	f.Add([]byte("from: 2026-07-01\nrates:\n  - {kind: move, multiply: 1000}\n  - {kind: move, multiply: 1000}\n  - {kind: move, add: -1000}\n"))
	f.Add([]byte("from: 2026-07-01\nrates: [{kind: aged}, 5, {kind: exit, to: aged_18, add: .nan}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ReadScenario("fuzz.yaml", strings.NewReader(string(data)))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if sc == nil || sc.From == 0 || !(sc.StepDownShare >= 0 && sc.StepDownShare < 1) {
			t.Fatalf("accepted %+v", sc)
		}
		for b := range Band(Bands) {
			if f := sc.entryFactor(b); !(f >= 0) || math.IsInf(f, 0) {
				t.Fatalf("accepted an entry factor of %v for %s", f, b.Label())
			}
		}
		got := sc.apply(evenTable())
		for b, r := range got.entry {
			if !(r >= 0) || math.IsInf(r, 0) {
				t.Fatalf("applied, an entry rate of %v for %s", r, Band(b).Label())
			}
		}
		for s := range got.hazard {
			total := 0.0
			for _, h := range got.hazard[s] {
				total += h
			}
			if !(total >= 0) || math.IsInf(total, 0) {
				t.Fatalf("applied, state %d has a total rate of %v", s, total)
			}
		}
	})
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		text string
		want string // ISO, or "" when not a date
	}{
		{"01/07/2026", "2026-07-01"},
		{"1/7/2026", "2026-07-01"}, // calendar.ParseDate takes one-digit days and months
		{"2026-07-01", "2026-07-01"},
		{"2024-02-29", "2024-02-29"},
		{"2026-02-30", ""}, // no such day
		{"2024-13-01", ""},
		{"July 2026", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.text)
		got := ""
		if ok {
			got = ISO(d)
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// BenchmarkScenarioApply is the cost of a scenario in each simulation:
// changing a drawn table's rates.
func BenchmarkScenarioApply(b *testing.B) {
	a := syntheticAuthority(b)
	start := a.dataEnd.LatestMonthEnd()
	rates, err := Estimate(a.set, EstimateOptions{From: start.AddYears(-2) + 1, To: start, DataEnd: a.dataEnd, Population: a.pop})
	if err != nil {
		b.Fatal(err)
	}
	base := drawTable(rates, newRNG(1, 0))
	sc := &Scenario{EntryChangePercent: -15, EntryChangeByBand: map[Band]float64{Age10to15: -20}, StepDownShare: 0.1,
		StepDownTo: FosterInHouse, PermanenceChangePercent: 25}
	b.ResetTimer()
	for range b.N {
		sc.apply(base)
	}
}

// evenTable is a table in which every move and exit has a monthly rate
// of 0.01 and every band 0.001 entries a month.
func evenTable() *table {
	t := &table{}
	for s := range states {
		for d := range destinations {
			if d != s%Categories {
				t.hazard[s][d] = 0.01
			}
		}
	}
	for b := range t.entry {
		t.entry[b] = 0.001
	}
	t.finish()
	return t
}

func TestReadScenarioRates(t *testing.T) {
	tests := []struct {
		name, file string
		want       []RateChange
	}{
		{"an exit reason", "- kind: exit\n  to: adoption\n  multiply: 1.25\n",
			[]RateChange{{Kind: "exit", To: "adoption", Multiply: new(1.25)}}},
		{"a move, narrowed every way", "- kind: move\n  from: childrens_home\n  to: fostering_agency\n  band: 10-15\n  duration: 12-36m\n  add: 0.002\n",
			[]RateChange{{Kind: "move", From: "childrens_home", To: "fostering_agency", Band: "10-15", Duration: "12-36m", Add: 0.002}}},
		{"both, a multiplier of 0", "- {kind: entry, band: 0-4, multiply: 0, add: 0.5}\n",
			[]RateChange{{Kind: "entry", Band: "0-4", Multiply: new(0.0), Add: 0.5}}},
		{"several, a negative addition", "- {kind: exit, add: -0.001}\n- {kind: move, from: kinship, multiply: 2}\n",
			[]RateChange{{Kind: "exit", Add: -0.001}, {Kind: "move", From: "kinship", Multiply: new(2.0)}}},
		{"an exit from a category to a reason", "- {kind: exit, from: supported, to: other, multiply: 0.5}\n",
			[]RateChange{{Kind: "exit", From: "supported", To: "other", Multiply: new(0.5)}}},
	}
	for _, tt := range tests {
		file := "from: 2026-07-01\nrates:\n" + indent(tt.file)
		sc, err := ReadScenario("s.yaml", strings.NewReader(file))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(sc.Rates, tt.want) {
			t.Errorf("%s: read %s; want %s", tt.name, describeAll(sc.Rates), describeAll(tt.want))
		}
	}
}

func indent(lines string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(lines, "\n"), "\n", "\n  ") + "\n"
}

func describeAll(changes []RateChange) string {
	var out []string
	for _, c := range changes {
		out = append(out, c.Describe())
	}
	return strings.Join(out, " ")
}

// TestReadScenarioRateErrors checks each error of a rates list, whole.
func TestReadScenarioRateErrors(t *testing.T) {
	cats := categoryKeys()
	tests := []struct {
		rates string // from line 3, after "from:" and "rates:"
		want  string
	}{
		{"", "s.yaml:2: rates: expected a list of changes, each starting \"- kind:\", not \"\""},
		{"  kind: exit\n", "s.yaml:3: rates: expected a list of changes, each starting \"- kind:\", not a set of fields"},
		{"  - 5\n", `s.yaml:3: rates[1]: expected fields such as kind: and multiply:, not "5"`},
		{"  - multiply: 2\n", "s.yaml:3: rates[1].kind: missing; expected entry, move or exit"},
		{"  - {kind: ageing, multiply: 2}\n", `s.yaml:3: rates[1].kind: "ageing": expected entry, move or exit (leaving care at 18 and moving age band cannot be changed)`},
		{"  - {kind: [exit], multiply: 2}\n", "s.yaml:3: rates[1].kind: expected text, not a list"},
		{"  - {kind: exit}\n", "s.yaml:3: rates[1]: expected multiply:, add: or both"},
		{"  - {kind: exit, multiply: 2, rate: 3}\n", "s.yaml:3: rates[1].rate: not a field of a rate change; expected kind, band, duration, from, to, multiply, add"},
		{"  - {kind: exit, multiply: 2, multiply: 3}\n", "s.yaml:3: rates[1].multiply: given twice"},
		{"  - {kind: exit, band: 11-15, multiply: 2}\n", `s.yaml:3: rates[1].band: "11-15": expected an age band: 0-4, 5-9, 10-15 or 16-17`},
		{"  - {kind: exit, duration: 2y, multiply: 2}\n", `s.yaml:3: rates[1].duration: "2y": expected a time in care: 0-3m, 3-12m, 12-36m or 36m+`},
		{"  - {kind: move, from: castles, multiply: 2}\n", `s.yaml:3: rates[1].from: "castles": expected a category: ` + cats},
		{"  - {kind: move, to: home, multiply: 2}\n", `s.yaml:3: rates[1].to: "home": expected a category: ` + cats},
		{"  - {kind: move, from: kinship, to: kinship, multiply: 2}\n", `s.yaml:3: rates[1].to: "kinship": the same as from; a move is to another category`},
		{"  - {kind: exit, to: kinship, multiply: 2}\n", `s.yaml:3: rates[1].to: "kinship": expected an exit reason: home, adoption, sgo_cao or other`},
		{"  - {kind: exit, to: aged_18, multiply: 0}\n", `s.yaml:3: rates[1].to: "aged_18": leaving care at 18 cannot be changed; expected an exit reason: home, adoption, sgo_cao or other`},
		{"  - {kind: entry, duration: 0-3m, multiply: 2}\n", "s.yaml:3: rates[1].duration: not for entries; an entry rate is chosen by band only"},
		{"  - {kind: entry, from: kinship, multiply: 2}\n", "s.yaml:3: rates[1].from: not for entries; an entry rate is chosen by band only"},
		{"  - {kind: entry, multiply: -0.5}\n", "s.yaml:3: rates[1].multiply: -0.5: expected a multiplier from 0 (none left) to 1000"},
		{"  - {kind: entry, multiply: lots}\n", `s.yaml:3: rates[1].multiply: "lots": expected a number`},
		{"  - {kind: entry, add: 2000}\n", "s.yaml:3: rates[1].add: 2000: expected an addition a month from -1000 to 1000"},
		{"  - {kind: entry, add: .nan}\n", `s.yaml:3: rates[1].add: ".nan": expected a number`},
		// the second change, on its own lines
		{"  - {kind: entry, multiply: 2}\n  - kind: move\n    add: x\n", `s.yaml:5: rates[2].add: "x": expected a number`},
	}
	for _, tt := range tests {
		_, err := ReadScenario("s.yaml", strings.NewReader("from: 2026-07-01\nrates:\n"+tt.rates))
		if err == nil {
			t.Errorf("%q: no error; want %q", tt.rates, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("%q:\nerror %q\nwant  %q", tt.rates, err, tt.want)
		}
	}
}

// TestApplyRates checks which rates each change selects, and that
// multipliers apply before additions whatever their order, with a floor
// at 0.
func TestApplyRates(t *testing.T) {
	home := Categories + int(ExitHome)
	agency := int(FosterAgency)
	residential, _ := categorySet(residentialKey)
	tests := []struct {
		name    string
		changes []RateChange
		hazard  func(b Band, k Duration, c Category, d int) float64 // the rate wanted; the table has 0.01
		entry   [Bands]float64                                      // the table has 0.001
	}{
		{"no exits home at 10-15", []RateChange{{Kind: "exit", To: "home", Band: "10-15", Multiply: new(0.0)}},
			func(b Band, k Duration, c Category, d int) float64 {
				return pick(b == Age10to15 && d == home, 0, 0.01)
			}, [Bands]float64{0.001, 0.001, 0.001, 0.001}},
		{"step down after a year", []RateChange{{Kind: "move", From: "childrens_home", To: "fostering_agency", Duration: "12-36m", Add: 0.002}},
			func(b Band, k Duration, c Category, d int) float64 {
				return pick(residential&(1<<c) != 0 && d == agency && k == Months12to36, 0.012, 0.01)
			}, [Bands]float64{0.001, 0.001, 0.001, 0.001}},
		{"multiply before adding, in any order", []RateChange{
			{Kind: "move", From: "kinship", Add: 0.005}, {Kind: "move", Multiply: new(2.0)}, {Kind: "move", From: "kinship", Multiply: new(3.0)}},
			func(b Band, k Duration, c Category, d int) float64 {
				switch {
				case d >= Categories:
					return 0.01
				case c == Kinship:
					return 0.01*6 + 0.005
				}
				return 0.02
			}, [Bands]float64{0.001, 0.001, 0.001, 0.001}},
		// the additions are summed before the floor: other exits are
		// 0.01 - 0.05 + 0.045, the rest 0.01 - 0.05, floored
		{"floored at 0", []RateChange{{Kind: "exit", Add: -0.05}, {Kind: "exit", To: "other", Add: 0.045}},
			func(b Band, k Duration, c Category, d int) float64 {
				switch {
				case d < Categories:
					return 0.01
				case d == Categories+int(ExitOther):
					return 0.005
				}
				return 0
			}, [Bands]float64{0.001, 0.001, 0.001, 0.001}},
		{"moves to a category from every other", []RateChange{{Kind: "move", To: "kinship", Multiply: new(0.5)}},
			func(b Band, k Duration, c Category, d int) float64 {
				return pick(d == int(Kinship), 0.005, 0.01)
			}, [Bands]float64{0.001, 0.001, 0.001, 0.001}},
		{"entries", []RateChange{{Kind: "entry", Band: "0-4", Multiply: new(0.5)}, {Kind: "entry", Add: 0.0001}},
			func(b Band, k Duration, c Category, d int) float64 { return 0.01 },
			[Bands]float64{0.0006, 0.0011, 0.0011, 0.0011}},
	}
	for _, tt := range tests {
		got := (&Scenario{Rates: tt.changes}).apply(evenTable())
		for b := range Band(Bands) {
			if math.Abs(got.entry[b]-tt.entry[b]) > 1e-12 {
				t.Errorf("%s: %s entry rate %v; want %v", tt.name, b.Key(), got.entry[b], tt.entry[b])
			}
			for k := range Duration(Durations) {
				for c := range Category(Categories) {
					for d := range destinations {
						want := tt.hazard(b, k, c, d)
						if d == int(c) {
							want = 0 // no move to where the child is
						}
						if h := got.hazard[stateOf(b, k, c)][d]; math.Abs(h-want) > 1e-12 {
							t.Errorf("%s: %s, %s, %s to %d: rate %v; want %v", tt.name, b.Key(), k.Key(), c.Key(), d, h, want)
						}
					}
				}
			}
		}
		again := *got
		again.finish()
		if again != *got {
			t.Errorf("%s: what the table works out from its rates was not worked out again", tt.name)
		}
	}
}

func pick(cond bool, yes, no float64) float64 {
	if cond {
		return yes
	}
	return no
}

// TestScenarioShorthand: each field that changes rates gives the same
// table as the rates change it stands for.
func TestScenarioShorthand(t *testing.T) {
	tests := []struct {
		name      string
		shorthand Scenario
		rates     []RateChange
	}{
		{"entries", Scenario{EntryChangePercent: -15}, []RateChange{{Kind: "entry", Multiply: new(0.85)}}},
		{"entries by band", Scenario{EntryChangePercent: -15, EntryChangeByBand: map[Band]float64{Age10to15: -20}}, []RateChange{
			{Kind: "entry", Band: "0-4", Multiply: new(0.85)}, {Kind: "entry", Band: "5-9", Multiply: new(0.85)},
			{Kind: "entry", Band: "10-15", Multiply: new(0.8)}, {Kind: "entry", Band: "16-17", Multiply: new(0.85)}}},
		{"permanence", Scenario{PermanenceChangePercent: 25}, []RateChange{
			{Kind: "exit", To: "adoption", Multiply: new(1.25)}, {Kind: "exit", To: "sgo_cao", Multiply: new(1.25)}}},
		{"step-down", Scenario{StepDownShare: 0.2, StepDownTo: FosterAgency}, []RateChange{
			{Kind: "move", From: "childrens_home", To: "fostering_agency", Add: -math.Log1p(-0.2) / 12}}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	base := &table{}
	for s := range states {
		for d := range destinations {
			if d != s%Categories {
				base.hazard[s][d] = r.Float64() / 50
			}
		}
	}
	for b := range base.entry {
		base.entry[b] = r.Float64() / 1000
	}
	base.finish()
	for _, tt := range tests {
		short, long := tt.shorthand.apply(base), (&Scenario{Rates: tt.rates}).apply(base)
		if *short != *long {
			t.Errorf("%s: the shorthand and its rates give different tables", tt.name)
		}
		if *short == *base {
			t.Errorf("%s: changed nothing", tt.name)
		}
	}
}

// TestExitsRemoved: a multiplier of 0 on exits home leaves no child
// going home in any simulation, while the other exits go on as before.
func TestExitsRemoved(t *testing.T) {
	start := day(t, "31/03/2026")
	rates := &Rates{Months: 24}
	for b := range Band(Bands) {
		rates.Exposure[b][Kinship] = 2400
		rates.Exits[b][Kinship][ExitHome] = 48 // 0.02 a month
		rates.Exits[b][Kinship][ExitOther] = 48
	}
	var stock []Starter
	for range 500 {
		stock = append(stock, Starter{DOB: day(t, "01/01/2014"), Category: Kinship, Began: start})
	}
	exits := func(sc *Scenario) (home, other float32) {
		e := &engine{rates: rates, cal: newCalendar(start, 12), stock: stock, seed: 7, scenario: sc}
		out := e.run(200, 0)
		for i := 0; i < len(out.exits); i += exitKinds {
			home += out.exits[i+int(ExitHome)]
			other += out.exits[i+int(ExitOther)]
		}
		return home, other
	}
	baseHome, baseOther := exits(nil)
	home, other := exits(&Scenario{Rates: []RateChange{{Kind: "exit", To: "home", Multiply: new(0.0)}}})
	// 200 simulations × 500 children × (1 - e^(-0.48)) × ½ ≈ 19,000 of each
	if baseHome < 15000 || baseOther < 15000 {
		t.Fatalf("baseline: %v exits home and %v for other reasons; want about 19,000 of each", baseHome, baseOther)
	}
	if home != 0 {
		t.Errorf("%v exits home with exits home multiplied by 0; want none", home)
	}
	// with no exits home the children stay to leave for other reasons:
	// 500 × (1 - e^(-0.24)) ≈ 107 a simulation instead of ≈ 95
	if per := other / 200; math.Abs(float64(per)-107) > 5 {
		t.Errorf("%v exits for other reasons a simulation; want about 107", per)
	}
}

// TestMoveAddedByHand: with no other flows, adding 0.02 a month to the
// moves from kinship to agency fostering of children aged 10-15 moves
// 1 - e^(-0.24) of them, about 213 of 1,000, in twelve months; a change
// selecting 0-4 changes nothing.
func TestMoveAddedByHand(t *testing.T) {
	start := day(t, "31/03/2026")
	var stock []Starter
	for range 1000 {
		stock = append(stock, Starter{DOB: day(t, "01/01/2014"), Category: Kinship, Began: start}) // 12 to 13 in the year
	}
	sc := &Scenario{Name: "more agency", From: day(t, "01/04/2026"), StepDownTo: FosterInHouse, Rates: []RateChange{
		{Kind: "move", From: "kinship", To: "fostering_agency", Band: "10-15", Add: 0.02},
		{Kind: "move", From: "kinship", Band: "0-4", Add: 0.5},
	}}
	p := &plan{set: emptySet(), rates: &Rates{}, stock: stock, start: start, opts: Options{Years: 1, Simulations: 200, Seed: 5, Scenario: sc, History: 1, Costs: defaultCostsPtr()}}
	_, comp := p.project()
	kinship := comp.Projection.ByCategory[Kinship].Forecast[11]
	agency := comp.Projection.ByCategory[FosterAgency].Forecast[11]
	moved := agency.Median
	// binomial: ±√(1000 × 0.213 × 0.787) = ±13; the median of 200 runs is within a few
	if want := 1000 * -math.Expm1(-0.24); math.Abs(moved-want) > 5 || math.Abs(kinship.Median-(1000-want)) > 5 {
		t.Errorf("after a year: %v in kinship, %v in agency fostering; want about %.0f and %.0f", kinship.Median, moved, 1000-want, want)
	}
	if d := comp.Difference.ByCategory[FosterAgency].Forecast[11].Median; d != moved {
		t.Errorf("difference in agency fostering %v; want %v, as the baseline has no moves", d, moved)
	}
}

// TestEntryMultiplier: a rates change multiplying entries by 0.5 gives
// the same forecast as entry_change_percent: -50.
func TestEntryMultiplier(t *testing.T) {
	r := tenEntriesAMonth()
	start := day(t, "31/03/2026")
	project := func(sc *Scenario) *Comparison {
		p := &plan{set: emptySet(), rates: r, start: start, opts: Options{Years: 1, Simulations: 300, Seed: 3, Scenario: sc, History: 1, Costs: defaultCostsPtr()}}
		_, comp := p.project()
		return comp
	}
	from := day(t, "01/07/2026")
	old := project(&Scenario{Name: "half", From: from, EntryChangePercent: -50, StepDownTo: FosterInHouse})
	now := project(&Scenario{Name: "half", From: from, StepDownTo: FosterInHouse, Rates: []RateChange{{Kind: "entry", Multiply: new(0.5)}}})
	if !reflect.DeepEqual(old.Projection, now.Projection) || !reflect.DeepEqual(old.Difference, now.Difference) {
		t.Error("multiplying entries by 0.5 and entry_change_percent: -50 give different forecasts")
	}
	if d := now.Difference.Total.Forecast[11].Median; d > -30 {
		t.Errorf("difference after a year %v; want about -45", d)
	}
}

// TestScenarioDocs checks the three places the scenario file format is
// written down, the README, the method (served at /forecast/method) and
// the forecast command's help: each has an example that ReadScenario
// reads, with a rates list, and names every field; the mistake they
// quote is the one ReadScenario gives.
func TestScenarioDocs(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help := ScenarioHelp()
	example, _, _ := strings.Cut(strings.SplitN(help, "\n\n", 3)[1], "\n\n")
	docs := []struct{ name, text, example string }{
		{"README.md", section(string(readme), "## Scenario files"), ""},
		{"METHOD.md", section(Method, "## Scenarios"), ""},
		{"forecast -h", help, example},
	}
	for i := range docs[:2] {
		_, block, _ := strings.Cut(docs[i].text, "```yaml\n")
		docs[i].example, _, _ = strings.Cut(block, "```")
	}
	for _, d := range docs {
		sc, err := ReadScenario("panel.yaml", strings.NewReader(d.example))
		if err != nil {
			t.Errorf("%s: its example: %v", d.name, err)
		} else if len(sc.Rates) == 0 {
			t.Errorf("%s: its example has no rates list:\n%s", d.name, d.example)
		}
		for _, field := range append(slices.Clone(scenarioFields), rateFields...) {
			name := "| `" + field + "` |" // a row of the table of fields
			if d.name == "forecast -h" {
				name = field + ":"
			}
			if !strings.Contains(d.text, name) {
				t.Errorf("%s does not say what %s is", d.name, field)
			}
		}
		if d.name == "forecast -h" {
			continue
		}
		_, err = ReadScenario("panel.yaml", strings.NewReader(strings.Replace(d.example, "to: adoption", "to: aged_18", 1)))
		if err == nil || !strings.Contains(d.text, "`"+err.Error()+"`") {
			t.Errorf("%s does not quote the mistake ReadScenario finds with to: aged_18, %v", d.name, err)
		}
	}
	if !strings.Contains(help, categoryKeys()) {
		t.Errorf("forecast -h does not list the categories, %s", categoryKeys())
	}
}

// section returns a Markdown document's section from its heading to the
// next heading of the same level.
func section(doc, heading string) string {
	_, rest, ok := strings.Cut(doc, "\n"+heading+"\n")
	if !ok {
		return ""
	}
	level := heading[:strings.Index(heading, " ")+1]
	text, _, _ := strings.Cut(rest, "\n"+level)
	return text
}

// TestScenarioSheetRates: the workbook's Scenario sheet lists each
// change of rates in words.
func TestScenarioSheetRates(t *testing.T) {
	sc := &Scenario{Name: "Fewer exits home", Rates: []RateChange{{Kind: "exit", To: "home", Band: "16-17", Multiply: new(0.5)}}}
	res := &Result{Baseline: &Projection{}, Scenario: &Comparison{Scenario: sc, Projection: &Projection{}, Difference: &Projection{}}}
	want := []any{"Change of rates", "Leaving care (returned home), aged 16–17: rate × 0.5."}
	for _, row := range res.scenarioRows() {
		if reflect.DeepEqual(row, want) {
			return
		}
	}
	t.Errorf("the Scenario sheet lacks the row %q:\n%v", want, res.scenarioRows())
}
