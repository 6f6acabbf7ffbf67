package evaluate

import (
	"fmt"
	"math"

	"github.com/village-uk/village/calendar"
)

// words says what the estimate means: the change found, with its
// interval, since the start; or, when the interval holds no change, how
// long before the expected change could be seen.
func words(e Estimate, firstAfter calendar.Date) string {
	since := monthYear(firstAfter)
	found := fmt.Sprintf("%s (95%% interval %s) since %s", change(e.Effect), interval(e.Effect, e.CILow, e.CIHigh), since)
	if e.Detected {
		return found
	}
	expected := fmt.Sprintf("a %s %s", percent(math.Abs(e.Expected)), fallOrRise(e.Expected))
	months := plural(e.MonthsObserved, "month")
	switch {
	case e.MonthsToDetect == 0:
		return fmt.Sprintf("not yet detectable: with this series' noise, %s would not be detectable with 80%% power within %d months; "+
			"so far, over %s, %s", expected, MaxMonths, months, found)
	case e.MonthsObserved < e.MonthsToDetect:
		return fmt.Sprintf("not yet detectable: with this series' noise, %s would be detectable with 80%% power after %s (by %s); "+
			"so far, over %s, %s", expected, plural(e.MonthsToDetect, "month"), monthYear(e.DetectBy), months, found)
	}
	return fmt.Sprintf("no change detected: after %s, %s would have been detectable with 80%% power (from %s); %s",
		months, expected, plural(e.MonthsToDetect, "month"), found)
}

// change words a relative change: "a fall of 18%", "a rise of 4%", "no
// change".
func change(x float64) string {
	if math.Round(x*100) == 0 {
		return "no change"
	}
	return fmt.Sprintf("a %s of %s", fallOrRise(x), percent(math.Abs(x)))
}

// interval words the interval of a change: for a fall, as falls from the
// smaller to the larger ("9% to 26%") when the whole interval is a fall;
// for a rise likewise; otherwise signed ("a fall of 12% to a rise of 5%").
func interval(x, low, high float64) string {
	switch {
	case high < 0:
		return percent(-high) + " to " + percent(-low)
	case low > 0:
		return percent(low) + " to " + percent(high)
	}
	return change(low) + " to " + change(high)
}

// fallOrRise names the direction of a change.
func fallOrRise(x float64) string {
	if x < 0 {
		return "fall"
	}
	return "rise"
}

// percent writes a fraction as a whole percentage: 0.183 is "18%".
func percent(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

// monthYear writes the month of a day: "July 2024".
func monthYear(d calendar.Date) string {
	return d.Time().Format("January 2006")
}

// plural writes a count of things: "1 month", "14 months".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
