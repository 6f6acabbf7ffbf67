package indicators

import "testing"

func TestPublishable(t *testing.T) {
	count := &Indicator{Unit: Children}
	rate := &Indicator{Unit: Per10k}
	share := &Indicator{Unit: Percent}
	episodes := &Indicator{Unit: Episodes}
	tests := []struct {
		ind         *Indicator
		v           Value
		exact, publ string
	}{
		{count, Value{Value: 0, Known: true}, "0", "0"},
		{count, Value{Value: 3, Numerator: 3, Known: true}, "3", "c"},
		{count, Value{Value: 5, Numerator: 5, Known: true}, "5", "c"},
		{count, Value{Value: 6, Numerator: 6, Known: true}, "6", "6"},
		{rate, Value{Value: 0.3, Numerator: 4, Denominator: 120000, Known: true}, "0.3", "c"},
		{rate, Value{Value: 66.04, Numerator: 2977, Denominator: 450000, Known: true}, "66.0", "66.0"},
		{rate, Value{Known: false}, "x", "x"},
		// A share of 1 to 5 children is suppressed even when none count.
		{share, Value{Value: 0, Numerator: 0, Denominator: 5, Known: true}, "0.0", "c"},
		{share, Value{Value: 0, Numerator: 0, Denominator: 6, Known: true}, "0.0", "0.0"},
		{share, Value{Value: 100, Numerator: 6, Denominator: 6, Known: true}, "100.0", "100.0"},
		{episodes, Value{Value: 14, Numerator: 6, Known: true}, "14", "14"},
		{episodes, Value{Value: 14, Numerator: 2, Known: true}, "14", "c"},
	}
	for _, tt := range tests {
		if got := Exact(tt.ind, tt.v); got != tt.exact {
			t.Errorf("Exact(%+v) = %s, want %s", tt.v, got, tt.exact)
		}
		if got := Publishable(tt.ind, tt.v); got != tt.publ {
			t.Errorf("Publishable(%+v) = %s, want %s", tt.v, got, tt.publ)
		}
	}
}
