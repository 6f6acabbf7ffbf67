package interventions

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func good() Intervention {
	return Intervention{Name: "Reception into care panel", Start: calendar.NewDate(2026, 7, 1), Series: []string{"starts"},
		Effect: -0.2, HasEffect: true, AnnualCost: 120000, Programme: "Front door", Rank: 1, Scenario: "entry_change_percent: -15"}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Intervention)
		want   string // in the error; "" for none
	}{
		{"good", func(*Intervention) {}, ""},
		{"blank name", func(iv *Intervention) { iv.Name = " " }, "name: blank"},
		{"no start", func(iv *Intervention) { iv.Start = 0 }, "start: missing"},
		{"end before start", func(iv *Intervention) { iv.End = calendar.NewDate(2026, 1, 1) }, "is before the start"},
		{"no series", func(iv *Intervention) { iv.Series = nil }, "series: none given"},
		{"bad series", func(iv *Intervention) { iv.Series = []string{"Starts!"} }, `"Starts!": expected an id`},
		{"local series", func(iv *Intervention) { iv.Series = []string{"edge_of_care_referrals"} }, ""},
		{"series twice", func(iv *Intervention) { iv.Series = []string{"starts", "starts"} }, "given twice"},
		{"effect -1", func(iv *Intervention) { iv.Effect = -1 }, "effect: -1"},
		{"negative cost", func(iv *Intervention) { iv.AnnualCost = -5 }, "annual_cost: -5"},
		{"negative rank", func(iv *Intervention) { iv.Rank = -1 }, "rank: -1"},
		{"bad scenario", func(iv *Intervention) { iv.Scenario = "entry_change: -15" }, "not a scenario field"},
		{"scenario with from", func(iv *Intervention) { iv.Scenario = "from: 2026-01-01" }, "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			iv := good()
			c.change(&iv)
			err := iv.Check()
			switch {
			case c.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v; expected one saying %q", err, c.want)
			}
		})
	}
}

func TestForecastScenario(t *testing.T) {
	sc, err := good().ForecastScenario()
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "Front door" || sc.From != calendar.NewDate(2026, 7, 1) || sc.EntryChangePercent != -15 {
		t.Errorf("scenario %q from %s, entries %v; expected Front door from 01/07/2026, -15", sc.Name, sc.From, sc.EntryChangePercent)
	}
	none := good()
	none.Scenario = ""
	if sc, err := none.ForecastScenario(); sc != nil || err != nil {
		t.Errorf("no scenario gave %v, %v", sc, err)
	}
}

func TestQuarters(t *testing.T) {
	cases := []struct {
		day  calendar.Date
		want string
	}{
		{calendar.NewDate(2026, 4, 1), "2026/27 Q1"},
		{calendar.NewDate(2026, 6, 30), "2026/27 Q1"},
		{calendar.NewDate(2026, 12, 31), "2026/27 Q3"},
		{calendar.NewDate(2027, 3, 31), "2026/27 Q4"},
		{calendar.NewDate(2099, 11, 1), "2099/00 Q3"},
	}
	for _, c := range cases {
		q := QuarterOf(c.day)
		if q.String() != c.want {
			t.Errorf("%s is in %s; expected %s", c.day, q, c.want)
		}
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Errorf("%s read back as %v, %v", q, back, err)
		}
		if QuarterOf(q.Start()) != q || QuarterOf(q.Next().Start()-1) != q {
			t.Errorf("%s does not run from %s to the day before %s", q, q.Start(), q.Next().Start())
		}
	}
	for _, bad := range []string{"", "2026 Q1", "2026/28 Q1", "2026/27 Q5", "Q1"} {
		if _, err := ParseQuarter(bad); err == nil {
			t.Errorf("%q read as a quarter", bad)
		}
	}
	if q, err := ParseQuarter("2026-27 q2"); err != nil || q != (Quarter{2026, 2}) {
		t.Errorf("2026-27 q2 read as %v, %v", q, err)
	}
}

func TestPoundsAndEffect(t *testing.T) {
	for text, want := range map[string]int64{"120000": 120000, "£120,000": 120000, "5.00": 5} {
		if got, err := Pounds(text); err != nil || got != want {
			t.Errorf("%q read as %d, %v; expected %d", text, got, err, want)
		}
	}
	for _, bad := range []string{"", "12.50", "12k", "1e6"} {
		if _, err := Pounds(bad); err == nil {
			t.Errorf("%q read as pounds", bad)
		}
	}
	for text, want := range map[string]float64{"-0.2": -0.2, "-20%": -0.2, " 15 % ": 0.15} {
		if got, err := ParseEffect(text); err != nil || got != want {
			t.Errorf("%q read as %v, %v; expected %v", text, got, err, want)
		}
	}
	if _, err := ParseEffect("-0.2x"); err == nil {
		t.Error("-0.2x read as an effect")
	}
}
