package spc

import (
	"fmt"
	"reflect"
	"testing"
)

func TestNotes(t *testing.T) {
	points := func(values ...float64) []Point {
		out := make([]Point, len(values))
		for i, v := range values {
			out[i] = Point{Label: fmt.Sprintf("m%d", i+1), Value: v, Known: true}
		}
		return out
	}
	tests := []struct {
		name    string
		points  []Point
		better  Direction
		stock   string
		since   int
		want    []string
		signals int // numbered notes
	}{
		{
			// Mean 362/14 = 25.9 and points 6-14 (nine of them) are
			// above it. Mean moving range 61/13 = 4.7, so the limits are
			// 13.4 and 38.3 and two-thirds of the way to them 17.5 and
			// 34.2: nothing else.
			name:    "shift",
			points:  points(20, 30, 20, 30, 20, 30, 26, 27, 26, 27, 26, 27, 26, 27),
			better:  LowerIsBetter,
			want:    []string{"Starts was above the mean for 9 months in a row (m6 to m14): concern."},
			signals: 1,
		},
		{
			name:   "shift ended before since",
			points: points(20, 30, 20, 30, 20, 30, 26, 27, 26, 27, 26, 27, 26, 27),
			since:  14,
		},
		{
			// Twelve flat points then a jump: mean 102/13 = 7.8, mean
			// moving range 50/12, upper limit 18.9. The jump is outside
			// it, and the twelve fours are a run below the mean.
			name:   "outside",
			points: points(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 54),
			better: HigherIsBetter,
			want: []string{
				"Starts was above the upper process limit in m13: improvement.",
				"Starts was below the mean for 12 months in a row (m1 to m12): concern.",
			},
			signals: 2,
		},
		{
			// Twelve points of 10 and 12, then three of 30: mean 222/15 =
			// 14.8, mean moving range 40/14 = 2.86, limits 7.2 and 22.4.
			// The three 30s in a row beyond the upper limit make one
			// note, not three, and do not count as close to it; the
			// first twelve are below the mean.
			name:   "outside, merged",
			points: points(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 30, 30, 30),
			want: []string{
				"Starts was above the upper process limit for 3 months in a row (m13 to m15): a special cause, neither better nor worse in itself.",
				"Starts was below the mean for 12 months in a row (m1 to m12): a special cause, neither better nor worse in itself.",
			},
			signals: 2,
		},
		{
			// Seven points each higher than the last (six rises); too
			// few points for limits. Mean 14, mean moving range 1: limits
			// 11.34 and 16.66, so the first and last are beyond them.
			name:   "trend",
			points: points(11, 12, 13, 14, 15, 16, 17),
			better: HigherIsBetter,
			want: []string{
				"Fewer than 12 months of figures: too few for the process limits to mean much.",
				"Starts was below the lower process limit in m1: concern.",
				"Starts was above the upper process limit in m7: improvement.",
				"Starts rose for 7 months in a row (m1 to m7): improvement.",
			},
			signals: 3,
		},
		{
			// Six points each higher than the last are not a trend.
			name:   "no trend in 6",
			points: points(1, 2, 3, 4, 5, 6),
			since:  1,
		},
		{
			// An unknown point is left out of the chart: six known rises
			// are still a run of seven. Its first point is left out by
			// since (it ended before m2), its last is beyond the limit.
			name: "unknown left out",
			points: append(points(1, 2, 3), Point{Label: "gap"}, Point{Label: "m5", Value: 4, Known: true},
				Point{Label: "m6", Value: 5, Known: true}, Point{Label: "m7", Value: 6, Known: true}, Point{Label: "m8", Value: 7, Known: true}),
			since: 1,
			want: []string{"Starts was above the upper process limit in m8: a special cause, neither better nor worse in itself.",
				"Starts rose for 7 months in a row (m1 to m8): a special cause, neither better nor worse in itself."},
			signals: 2,
		},
		{
			// Mean 10, mean moving range 1.57 before the last three: two
			// of them close to the upper limit, the middle one above the
			// mean too.
			name:    "close to a limit",
			points:  points(10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 13.9, 11, 14),
			better:  HigherIsBetter,
			want:    []string{"Starts was close to its upper process limit in 2 of 3 months (m22 to m24): improvement."},
			signals: 1,
		},
		{
			// Counts of about 1 a month: too sparse for limits to mean much.
			name:   "sparse",
			points: points(1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0),
			want: []string{"Starts is a small count (a mean of 1.0 a month), which varies a lot by chance: its limits are a rough guide, " +
				"and one month's figure says little."},
		},
		{
			name:   "a stock carries its caveat",
			points: points(10.5, 12, 10.5, 12, 10.5, 12, 10.5, 12, 10.5, 12, 10.5, 12),
			stock:  "a count on the period's last day",
			want: []string{"Starts is a count on the period's last day, so each month's figure is much like the last: its moving ranges are small, " +
				"its process limits narrow, and points outside them and long runs are expected. Read its signals as changes of level over " +
				"several months, not as events; the flows (starts and ceases) show change month by month."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Series{Title: "Starts", Period: "month", Points: tt.points, Better: tt.better, Autocorrelated: tt.stock}.Read()
			notes := r.Notes(tt.since)
			if got := Texts(notes); !reflect.DeepEqual(got, tt.want) && (len(got) > 0 || len(tt.want) > 0) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if got := Signals(notes); got != tt.signals {
				t.Errorf("%d signals, want %d", got, tt.signals)
			}
			// The notes are the chart's signals, numbered as it numbers them.
			if tt.since == 0 && Signals(notes) != len(r.Chart.Signals) {
				t.Errorf("%d signal notes for %d signals", Signals(notes), len(r.Chart.Signals))
			}
		})
	}
}
