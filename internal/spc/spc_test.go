package spc

import (
	"math"
	"reflect"
	"testing"
)

func TestLimits(t *testing.T) {
	// Mean 10; moving ranges 2, 2, 2, 1: mean 1.75; limits 10 ± 4.655.
	c := New([]float64{9, 11, 9, 11, 10})
	if c.Mean != 10 || c.MeanRange != 1.75 || math.Abs(c.Upper-14.655) > 1e-9 || math.Abs(c.Lower-5.345) > 1e-9 {
		t.Errorf("mean %v, mean range %v, limits %v to %v", c.Mean, c.MeanRange, c.Lower, c.Upper)
	}
	if !c.TooFewToUse {
		t.Error("5 points should be too few for limits")
	}
	if len(New(nil).Signals) != 0 {
		t.Error("an empty series has signals")
	}
}

func TestSignals(t *testing.T) {
	flat := []float64{10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9}
	tests := []struct {
		name   string
		values []float64
		want   []Signal
	}{
		{"common cause only", flat, nil},
		// A spike: mean rises to 11.67, mean range 2.91 → limits 3.9 to 19.4;
		// 30 is outside; 30 is also beyond two-thirds with... only one point.
		{"a point outside", append(append([]float64{}, flat[:6]...), 30, 10, 11, 9, 10, 11), []Signal{{OutsideLimits, 6, 6, true}}},
		// Seven points above the mean of 12.25 from index 5.
		{"a shift", []float64{10, 10, 10, 10, 10, 14, 14.5, 14, 14.5, 14, 14.5, 14}, []Signal{{Shift, 5, 11, true}}},
		// Points 2..8 rise every step (7 points, 6 rises).
		{"a trend", []float64{10, 11, 10, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 10, 11, 10}, []Signal{{Trend, 2, 8, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(tt.values).Signals
			var picked []Signal
			for _, s := range got {
				if len(tt.want) == 0 || s.Rule == tt.want[0].Rule {
					picked = append(picked, s)
				}
			}
			if !reflect.DeepEqual(picked, tt.want) {
				t.Errorf("signals %+v, want %+v (chart %+v)", got, tt.want, New(tt.values))
			}
		})
	}
}

func TestNearLimit(t *testing.T) {
	// Mean 10.76, mean moving range 1.38: upper limit 14.43, two-thirds of
	// the way to it 13.21; 13.3 and 13.5 lie between, two of three points.
	values := []float64{10, 10.5, 10, 10.5, 10, 10.5, 10, 10.5, 13.3, 10.5, 13.5, 10}
	c := New(values)
	high := c.Mean + 2.0/3.0*(c.Upper-c.Mean)
	if !(13.3 > high && 13.5 < c.Upper) {
		t.Fatalf("test data no longer straddles the zone: mean %.2f, two-thirds %.2f, upper %.2f", c.Mean, high, c.Upper)
	}
	var near []Signal
	for _, s := range c.Signals {
		if s.Rule == NearLimit {
			near = append(near, s)
		}
	}
	if want := []Signal{{NearLimit, 8, 10, true}}; !reflect.DeepEqual(near, want) {
		t.Errorf("near-limit signals %+v, want %+v", near, want)
	}
}
