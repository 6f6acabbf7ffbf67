package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestParseEffect(t *testing.T) {
	tests := []struct {
		text string
		want Effect
		err  string
	}{
		{"starts:-20%@2024-07-01", Effect{"starts", -0.2, calendar.NewDate(2024, 7, 1)}, ""},
		{" moves:+15%@2025-01-31 ", Effect{"moves", 0.15, calendar.NewDate(2025, 1, 31)}, ""},
		{"starts:-20@2024-07-01", Effect{}, `change "-20": expected a percentage`},
		{"starts:-100%@2024-07-01", Effect{}, "more than -100%"},
		{"starts:abc%@2024-07-01", Effect{}, "expected a percentage"},
		{"starts:-20%@01/07/2024", Effect{}, `date "01/07/2024": expected YYYY-MM-DD`},
		{"starts:-20%@2024-02-30", Effect{}, "expected YYYY-MM-DD"},
		{"entries:-20%@2024-07-01", Effect{}, `series "entries" not known`},
		{"ceases:-20%@2024-07-01", Effect{}, "cannot change ceases from a date"},
		{"starts-20%", Effect{}, "expected SERIES:CHANGE%@YYYY-MM-DD"},
		{"", Effect{}, "expected SERIES:CHANGE%@YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseEffect(tt.text)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
			if again, err := ParseEffect(got.String()); err != nil || again != got {
				t.Errorf("%q read back as %+v, %v", got.String(), again, err)
			}
		})
	}
	list, err := ParseEffects("starts:-20%@2024-07-01,moves:+10%@2025-01-01")
	if err != nil || len(list) != 2 {
		t.Errorf("two effects read as %+v, %v", list, err)
	}
	if _, err := ParseEffects("starts:-20%@2024-07-01,bad"); err == nil {
		t.Error("a bad second effect was accepted")
	}
}

func TestFactorOn(t *testing.T) {
	effects := []Effect{{"starts", -0.2, 100}, {"starts", 0.5, 200}, {"moves", 1, 50}}
	for _, tt := range []struct {
		d    calendar.Date
		want float64
	}{{99, 1}, {100, 0.8}, {199, 0.8}, {200, 1.2000000000000002}} {
		if got := factorOn(effects, "starts", tt.d); got != tt.want {
			t.Errorf("factor on day %d %v, want %v", tt.d, got, tt.want)
		}
	}
	if got := nextChange(effects, "moves", 10, 90); got != 50 {
		t.Errorf("next change %d, want 50", got)
	}
	if got := nextChange(effects, "moves", 50, 90); got != 90 {
		t.Errorf("next change from the day itself %d, want 90", got)
	}
}

func TestEffectsChangeTheWorld(t *testing.T) {
	cfg := Config{Children: 400, Years: 3, Until: until2026, Seed: 3}
	base, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Effects = "starts:-50%@2024-04-01"
	halved, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Starts in the last two collection years: about half as many.
	count := func(r *Result) int {
		n := 0
		for _, c := range r.Returns[1:] {
			n += c.Table("Episodes").Len()
		}
		return n
	}
	if b, h := count(base), count(halved); float64(h) > 0.8*float64(b) {
		t.Errorf("episodes after halving starts %d, without %d", h, b)
	}
	var out bytes.Buffer
	if err := halved.WriteEffectsCSV(&out); err != nil {
		t.Fatal(err)
	}
	want := "effect,series,change,from,what_changed\nstarts:-50%@2024-04-01,starts,-0.5,2024-04-01," +
		"the rate at which children first enter care"
	if !strings.HasPrefix(out.String(), want) || !strings.Contains(out.String(), "multiplied by 0.5 from 1 April 2024") {
		t.Errorf("effects.csv:\n%s", out.String())
	}
	if _, err := Generate(Config{Children: 10, Years: 1, Until: until2026, Effects: "starts:x"}); err == nil {
		t.Error("a bad effect was accepted")
	}
}

func FuzzParseEffect(f *testing.F) {
	for _, s := range []string{"starts:-20%@2024-07-01", "moves:+1e2%@2025-01-01", "ceases:1%@2020-01-01", ":%@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEffect(s)
		if err != nil {
			return
		}
		if !(e.Change > -1 && e.Change <= 9) {
			t.Errorf("%q gave change %v", s, e.Change)
		}
		if again, err := ParseEffect(e.String()); err != nil || again.Series != e.Series || again.From != e.From {
			t.Errorf("%q: %q read back as %+v, %v", s, e.String(), again, err)
		}
	})
}
