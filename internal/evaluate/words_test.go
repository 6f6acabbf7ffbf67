package evaluate

import (
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestWords(t *testing.T) {
	july := calendar.NewDate(2024, 7, 1)
	tests := []struct {
		name string
		e    Estimate
		want string
	}{
		{"a fall found", Estimate{Effect: -0.183, CILow: -0.26, CIHigh: -0.09, Detected: true},
			"a fall of 18% (95% interval 9% to 26%) since July 2024"},
		{"a rise found", Estimate{Effect: 0.12, CILow: 0.031, CIHigh: 0.22, Detected: true},
			"a rise of 12% (95% interval 3% to 22%) since July 2024"},
		{"too early", Estimate{Effect: -0.05, CILow: -0.2, CIHigh: 0.12, Expected: -0.2, MonthsObserved: 2,
			MonthsToDetect: 14, DetectBy: calendar.NewDate(2025, 8, 31)},
			"not yet detectable: with this series' noise, a 20% fall would be detectable with 80% power after 14 months " +
				"(by August 2025); so far, over 2 months, a fall of 5% (95% interval a fall of 20% to a rise of 12%) since July 2024"},
		{"never within the horizon", Estimate{Effect: 0.004, CILow: -0.3, CIHigh: 0.4, Expected: 0.1, MonthsObserved: 1},
			"not yet detectable: with this series' noise, a 10% rise would not be detectable with 80% power within 60 months; " +
				"so far, over 1 month, no change (95% interval a fall of 30% to a rise of 40%) since July 2024"},
		{"enough months, nothing found", Estimate{Effect: -0.02, CILow: -0.1, CIHigh: 0.07, Expected: -0.2, MonthsObserved: 20,
			MonthsToDetect: 12, DetectBy: calendar.NewDate(2025, 6, 30)},
			"no change detected: after 20 months, a 20% fall would have been detectable with 80% power (from 12 months); " +
				"a fall of 2% (95% interval a fall of 10% to a rise of 7%) since July 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := words(tt.e, july); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
