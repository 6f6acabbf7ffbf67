package evaluate

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/village-uk/village/calendar"
)

// months returns n consecutive calendar months from year-month.
func months(year, month, n int) []calendar.Period {
	out := make([]calendar.Period, n)
	for i := range out {
		out[i] = calendar.Month(year+(month-1+i)/12, (month-1+i)%12+1)
	}
	return out
}

// world describes a simulated monthly series: a level, a yearly trend, a
// seasonal swing, a step at a month, and the negative binomial's shape
// (0 for Poisson).
type world struct {
	level, trend, season, step float64
	before, after              int
	theta                      float64
}

// series draws the world's counts with the seed, from January 2021.
func (w world) series(seed uint64) Series {
	src := rand.NewPCG(seed, 17)
	s := Series{ID: "starts", Months: months(2021, 1, w.before+w.after)}
	for i, m := range s.Months {
		mu := w.level * math.Exp(w.trend*float64(i)/12) * (1 + w.season*math.Cos(2*math.Pi*float64(m.Start.Month())/12))
		if i >= w.before {
			mu *= 1 + w.step
		}
		if w.theta > 0 { // a gamma-mixed Poisson is negative binomial
			mu = distuv.Gamma{Alpha: w.theta, Beta: w.theta / mu, Src: src}.Rand()
		}
		s.Counts = append(s.Counts, distuv.Poisson{Lambda: mu, Src: src}.Rand())
	}
	return s
}

// startOf is the first day of the world's first month after the start.
func (w world) startOf(s Series) calendar.Date { return s.Months[w.before].Start }

func TestKnownStepIsFound(t *testing.T) {
	tests := []struct {
		name string
		w    world
		// want says whether each seed's interval should hold the true
		// step and exclude 0; at least 17 of 20 seeds must.
		holdsTruth, excludesZero bool
	}{
		{"a 20% fall, Poisson", world{level: 40, trend: 0.03, season: 0.15, step: -0.20, before: 48, after: 24}, true, true},
		{"a 20% fall, over-dispersed", world{level: 60, trend: -0.02, season: 0.1, step: -0.20, before: 48, after: 24, theta: 60}, true, true},
		{"no change", world{level: 40, trend: 0.03, season: 0.15, before: 36, after: 18}, true, false},
		{"no change, short history", world{level: 25, trend: 0, season: 0.1, before: 20, after: 12}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			holds, excludes := 0, 0
			for seed := range uint64(20) {
				s := tt.w.series(seed)
				e, err := Evaluate(s, tt.w.startOf(s), 0)
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				if e.CILow <= tt.w.step && tt.w.step <= e.CIHigh {
					holds++
				}
				if e.Detected {
					excludes++
				}
			}
			if tt.holdsTruth && holds < 17 {
				t.Errorf("the interval held the true change %v in %d of 20 seeds", tt.w.step, holds)
			}
			if tt.excludesZero && excludes < 17 {
				t.Errorf("the interval excluded no change in %d of 20 seeds", excludes)
			}
			if !tt.excludesZero && excludes > 3 {
				t.Errorf("the interval excluded no change in %d of 20 seeds with no change", excludes)
			}
		})
	}
}

func TestOverDispersionChoosesTheModel(t *testing.T) {
	poisson := world{level: 30, trend: 0.02, season: 0.1, before: 36, after: 12}
	nb := poisson
	nb.theta = 8
	for _, tt := range []struct {
		w    world
		want string
	}{{poisson, "poisson"}, {nb, "negative binomial"}} {
		s := tt.w.series(5)
		e, err := Evaluate(s, tt.w.startOf(s), 0)
		if err != nil {
			t.Fatal(err)
		}
		if e.Model != tt.want {
			t.Errorf("theta %v: model %q (dispersion %.2f), want %q", tt.w.theta, e.Model, e.Dispersion, tt.want)
		}
		if tt.want == "negative binomial" && (e.Theta < 2 || e.Theta > 30) {
			t.Errorf("theta estimated %.2f, true 8", e.Theta)
		}
	}
}

func TestMonthsToDetectFallsAsTheEffectGrows(t *testing.T) {
	w := world{level: 15, trend: 0.02, season: 0.1, before: 36, after: 2}
	s := w.series(1)
	prev := MaxMonths + 1
	for _, effect := range []float64{-0.15, -0.2, -0.3, -0.4, -0.6} {
		e, err := Evaluate(s, w.startOf(s), effect)
		if err != nil {
			t.Fatal(err)
		}
		got := e.MonthsToDetect
		if got == 0 {
			got = MaxMonths + 1
		}
		if got >= prev && got <= MaxMonths {
			t.Errorf("a %v change needs %d months, no fewer than a smaller change's %d", effect, got, prev)
		}
		prev = got
	}
	if prev > 6 {
		t.Errorf("a 60%% fall in 15 a month needs %d months", prev)
	}
	// A rise is detected as a fall is.
	if e, _ := Evaluate(s, w.startOf(s), 0.4); e.MonthsToDetect == 0 || e.MonthsToDetect > 36 {
		t.Errorf("a 40%% rise needs %d months", e.MonthsToDetect)
	}
}

func TestMonthsToDetectAgainstTheWorkedExample(t *testing.T) {
	// analytics-and-demand.md §4.4, version (b): 17.6 a month, known
	// from 36 months, with a level change only and no trend: a 20% fall
	// needs 13 months, a 40% fall 2. This model also estimates the trend
	// and the season, which cost months: never fewer than the example's.
	s := Series{ID: "flat", Months: months(2021, 1, 37)}
	for range s.Months {
		s.Counts = append(s.Counts, 17.6)
	}
	start := s.Months[36].Start
	for _, tt := range []struct {
		effect   float64
		min, max int // 0 as max: not within MaxMonths
	}{{-0.2, 13, 0}, {-0.4, 2, 12}} {
		e, err := Evaluate(s, start, tt.effect)
		if err != nil {
			t.Fatal(err)
		}
		if tt.max == 0 && e.MonthsToDetect != 0 || tt.max > 0 && (e.MonthsToDetect < tt.min || e.MonthsToDetect > tt.max) {
			t.Errorf("a %v change: months to detect %d, want %d to %d", tt.effect, e.MonthsToDetect, tt.min, tt.max)
		}
		if tt.max > 0 {
			if want := start.AddMonths(e.MonthsToDetect).AddDays(-1); e.DetectBy != want {
				t.Errorf("detect by %v, want %v", e.DetectBy, want)
			}
		} else if e.DetectBy != 0 || !strings.Contains(e.Words, "would not be detectable with 80% power within 60 months") {
			t.Errorf("detect by %v, words %q", e.DetectBy, e.Words)
		}
	}
}

func TestRefusals(t *testing.T) {
	base := world{level: 10, before: 24, after: 6}.series(1)
	zeros := Series{ID: "zeros", Months: months(2021, 1, 30), Counts: make([]float64, 30)}
	gap := Series{ID: "gap", Months: append(months(2021, 1, 12), months(2022, 6, 12)...), Counts: make([]float64, 24)}
	quarter := Series{ID: "q", Months: []calendar.Period{calendar.CalendarQuarter(2021, 1)}, Counts: []float64{1}}
	negative := Series{ID: "neg", Months: months(2021, 1, 2), Counts: []float64{1, -1}}
	short := Series{ID: "short", Months: months(2021, 1, 3), Counts: []float64{1}}
	tests := []struct {
		name     string
		s        Series
		start    calendar.Date
		expected float64
		want     string
	}{
		{"11 months before", base, calendar.NewDate(2021, 12, 1), 0, "11 months with a figure before the start; at least 12"},
		{"none after", base, calendar.NewDate(2023, 7, 1), 0, "no whole month from the start"},
		{"all zeros", zeros, calendar.NewDate(2022, 6, 1), 0, "every month is 0"},
		{"months not consecutive", gap, calendar.NewDate(2022, 1, 1), 0, "2022-06 follows 2021-12"},
		{"not months", quarter, calendar.NewDate(2022, 1, 1), 0, "not a calendar month"},
		{"a negative count", negative, calendar.NewDate(2022, 1, 1), 0, "2021-02 is -1"},
		{"values and months differ", short, calendar.NewDate(2022, 1, 1), 0, "3 months but 1 values"},
		{"an effect of -100%", base, calendar.NewDate(2023, 1, 1), -1, "must be a fraction above -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Evaluate(tt.s, tt.start, tt.expected)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	if _, err := Evaluate(zeros, calendar.NewDate(2022, 6, 1), 0); !errors.Is(err, errSeries) {
		t.Errorf("refusal %v does not wrap errSeries", err)
	}
}

func TestMidMonthStartLeavesTheMonthOut(t *testing.T) {
	w := world{level: 30, season: 0.1, step: -0.3, before: 36, after: 12}
	s := w.series(2)
	e, err := Evaluate(s, s.Months[35].Start.AddDays(14), 0)
	if err != nil {
		t.Fatal(err)
	}
	if e.MonthsBefore != 35 || e.MonthsObserved != 12 {
		t.Errorf("%d months before and %d after, want 35 and 12", e.MonthsBefore, e.MonthsObserved)
	}
	if len(e.Chart.Phases) != 2 || e.Chart.Phases[1].First != 36 || e.Chart.Phases[0].Last != 35 {
		t.Errorf("chart phases %+v", e.Chart.Phases)
	}
}

func TestAutocorrelation(t *testing.T) {
	// Independent counts have residuals about as autocorrelated as
	// chance allows; counts about a wandering level much more so.
	w := world{level: 60, before: 48, after: 24}
	independent := w.series(4)
	wandering := w.series(4)
	src := rand.NewPCG(4, 4)
	level := 0.0
	for i := range wandering.Counts {
		level += distuv.Normal{Mu: 0, Sigma: 0.08, Src: src}.Rand()
		wandering.Counts[i] = distuv.Poisson{Lambda: 60 * math.Exp(level), Src: src}.Rand()
	}
	for _, tt := range []struct {
		s     Series
		above bool
	}{{independent, false}, {wandering, true}} {
		e, err := Evaluate(tt.s, w.startOf(tt.s), 0)
		if err != nil {
			t.Fatal(err)
		}
		if above := e.Autocorrelation > e.AutocorrelationLimit; above != tt.above {
			t.Errorf("autocorrelation %.2f against %.2f: above %v, want %v", e.Autocorrelation, e.AutocorrelationLimit, above, tt.above)
		}
	}
}
