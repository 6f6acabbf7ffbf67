package spc

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

func TestLimits(t *testing.T) {
	// Mean 10; moving ranges 2, 2, 2, 1: mean 1.75; limits 10 ± 4.655.
	c := New([]float64{9, 11, 9, 11, 10}, Neither)
	if c.Mean != 10 || c.MeanRange != 1.75 || math.Abs(c.Upper-14.655) > 1e-9 || math.Abs(c.Lower-5.345) > 1e-9 {
		t.Errorf("mean %v, mean range %v, limits %v to %v", c.Mean, c.MeanRange, c.Lower, c.Upper)
	}
	if !c.TooFewToUse {
		t.Error("5 points should be too few for limits")
	}
	if len(New(nil, Neither).Signals) != 0 {
		t.Error("an empty series has signals")
	}
	// A flat series (a yearly figure drawn monthly, say) has limits on
	// its mean and no signal: no point is beyond them or off the mean.
	if s := New(make([]float64, 36), HigherIsBetter).Signals; len(s) != 0 {
		t.Errorf("a flat series has signals %+v", s)
	}
}

// flat is common-cause variation about 10.5: moving ranges of 1 and 2.
var flat = []float64{10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9}

// with returns flat with values written over it from index at.
func with(at int, values ...float64) []float64 {
	out := slices.Clone(flat)
	out = append(out, flat...)
	copy(out[at:], values)
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		rule   Rule
		want   []Signal // the signals of rule
	}{
		{"common cause only", flat, 0, nil},
		// 30 is beyond the upper limit (about 16); one signal.
		{"a point outside", with(6, 30), OutsideLimits, []Signal{{OutsideLimits, 6, 6, []int{6}, true, Neutral}}},
		// Three points in a row beyond the limit are one signal.
		{"a run outside is one signal", with(6, 30, 31, 30), OutsideLimits, []Signal{{OutsideLimits, 6, 8, []int{6, 7, 8}, true, Neutral}}},
		// Six points above the mean are common cause; seven are a shift.
		{"a shift of 6 points is none", with(6, 12, 12.5, 12, 12.5, 12, 12.5), Shift, nil},
		{"a shift of 7 points", with(7, 12, 12.5, 12, 12.5, 12, 12.5, 12), Shift,
			[]Signal{{Shift, 7, 13, []int{7, 8, 9, 10, 11, 12, 13}, true, Neutral}}},
		// Six points each higher than the last (5 steps) are common
		// cause; seven (6 steps) are a trend.
		{"a trend of 6 points is none", with(5, 9.6, 9.8, 10, 10.2, 10.4, 10.6), Trend, nil},
		{"a trend of 7 points", with(5, 9.6, 9.8, 10, 10.2, 10.4, 10.6, 10.8), Trend,
			[]Signal{{Trend, 5, 11, []int{5, 6, 7, 8, 9, 10, 11}, true, Neutral}}},
		{"a falling trend of 7 points", with(5, 11.1, 10.9, 10.7, 10.5, 10.3, 10.1, 9.9), Trend,
			[]Signal{{Trend, 5, 11, []int{5, 6, 7, 8, 9, 10, 11}, false, Neutral}}},
		// A repeated value breaks a trend.
		{"a level step breaks a trend", with(5, 9.6, 9.8, 10, 10, 10.2, 10.4, 10.6), Trend, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.values, Neither)
			var got []Signal
			for _, s := range c.Signals {
				if tt.rule == 0 || s.Rule == tt.rule {
					got = append(got, s)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("signals %+v, want %+v (mean %.2f, limits %.2f to %.2f)", got, tt.want, c.Mean, c.Lower, c.Upper)
			}
		})
	}
}

func TestNearLimit(t *testing.T) {
	// The flat series twice has mean 10 and mean moving range 1.57:
	// limits 5.83 and 14.17, 2 sigma 12.78 and 7.22. Each case writes
	// three points over it from index 12 (the mean barely moves).
	tests := []struct {
		name   string
		three  []float64
		want   []Signal
		beyond bool // a point of the three is beyond the limit
	}{
		{"two of three close", []float64{13.9, 11, 14}, []Signal{{NearLimit, 12, 14, []int{12, 14}, true, Concern}}, false},
		{"two of three close, low", []float64{6.5, 9, 6.4}, []Signal{{NearLimit, 12, 14, []int{12, 14}, false, Improvement}}, false},
		{"one close", []float64{13.9, 11, 11}, nil, false},
		// The middle point below the mean: not three on one side.
		{"across the mean", []float64{13.9, 10, 14}, nil, false},
		// A point beyond the limit is its own signal, not a close one.
		{"one close and one beyond", []float64{13.9, 11, 16}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := with(12, tt.three...)
			c := New(values, LowerIsBetter)
			high, low := c.Mean+2.0/3.0*(c.Upper-c.Mean), c.Mean-2.0/3.0*(c.Mean-c.Lower)
			for _, v := range tt.three {
				if v > high && v < c.Upper && v < high+0.2 || v < low && v > c.Lower && v > low-0.2 {
					t.Fatalf("%v is too near 2 sigma (%.2f, %.2f) for the test to be sure", v, low, high)
				}
			}
			var near []Signal
			outside := false
			for _, s := range c.Signals {
				switch s.Rule {
				case NearLimit:
					near = append(near, s)
				case OutsideLimits:
					outside = true
				}
			}
			if !reflect.DeepEqual(near, tt.want) {
				t.Errorf("near-limit signals %+v, want %+v (mean %.2f, 2 sigma %.2f to %.2f, limits %.2f to %.2f)",
					near, tt.want, c.Mean, low, high, c.Lower, c.Upper)
			}
			if outside != tt.beyond {
				t.Errorf("a point beyond the limits: %v, want %v", outside, tt.beyond)
			}
		})
	}
}

func TestMeaning(t *testing.T) {
	values := with(6, 30) // one point above the upper limit
	for better, want := range map[Direction]Variation{Neither: Neutral, HigherIsBetter: Improvement, LowerIsBetter: Concern} {
		c := New(values, better)
		if len(c.Signals) != 1 || c.Signals[0].Meaning != want {
			t.Errorf("direction %d: signals %+v, want one %v", better, c.Signals, want)
		}
		marks := c.Marks()
		for i, m := range marks {
			if m.Special() != (i == 6) || i == 6 && (m.Meaning != want || !reflect.DeepEqual(m.Signals, []int{0})) {
				t.Errorf("direction %d: point %d marked %+v", better, i, m)
			}
		}
	}
}
