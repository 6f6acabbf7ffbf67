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
		name   string
		points []Point
		since  int
		want   []string
	}{
		{
			// Mean 362/14 = 25.9 and points 6-14 (nine of them) are
			// above it. Mean moving range 61/13 = 4.7, so the limits are
			// 13.4 and 38.3 and two-thirds of the way to them 17.5 and
			// 34.2: nothing else.
			name:   "shift",
			points: points(20, 30, 20, 30, 20, 30, 26, 27, 26, 27, 26, 27, 26, 27),
			want:   []string{"Starts was above the mean for 9 months (m6 to m14)."},
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
			want: []string{
				"Starts was above the process limits in m13.",
				"Starts was below the mean for 12 months (m1 to m12).",
			},
		},
		{
			// Twelve points of 10 and 12, then three of 30: mean 222/15 =
			// 14.8, mean moving range 40/14 = 2.86, limits 7.2 and 22.4.
			// The three 30s in a row outside the upper limit make one
			// note, not three; they are also beyond two-thirds of the way
			// to it (19.9), two of the three from m12; the first twelve are
			// below the mean.
			name:   "outside, merged",
			points: points(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 30, 30, 30),
			want: []string{
				"Starts was above the process limits for 3 months in a row (m13 to m15).",
				"Starts was below the mean for 12 months (m1 to m12).",
				"Starts was close to its upper limit in two or more of every three months (m12 to m14).",
			},
		},
		{
			// Six points each higher than the last (five rises); too few
			// points for limits.
			name:   "trend",
			points: points(1, 2, 3, 4, 5, 6),
			want: []string{
				"Fewer than 12 months of figures: too few for the control limits to mean much.",
				"Starts rose for 6 months in a row (m1 to m6).",
			},
		},
		{
			// An unknown point is left out of the chart: five known rises
			// are still a run of six.
			name: "unknown left out",
			points: append(points(1, 2, 3), Point{Label: "gap"}, Point{Label: "m5", Value: 4, Known: true},
				Point{Label: "m6", Value: 5, Known: true}, Point{Label: "m7", Value: 6, Known: true}),
			since: 1,
			want:  []string{"Starts rose for 6 months in a row (m1 to m7)."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Notes("Starts", "months", tt.points, tt.since)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
