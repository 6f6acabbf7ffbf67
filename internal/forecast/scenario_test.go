package forecast

import (
	"math"
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
