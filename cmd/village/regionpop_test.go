package main

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

// regionPopulation is two areas' estimates, and a third's no member asks for.
const regionPopulation = `ladcode,laname,country,sex,age,population_2024,population_2025
E06000011,One,E,1,0,100,110
E06000012,Two,E,1,0,200,210
E06000013,Three,E,1,0,900,900
E06000011,One,E,2,17,50,55
E06000011,One,E,2,18,999,999
`

// TestSplitPopulation checks each member gets its own rows' 0-17
// population, a member the file lacks none, and an error names the line
// of the whole file.
func TestSplitPopulation(t *testing.T) {
	pops, err := splitPopulation("pop.csv", []byte(regionPopulation), []string{"E06000011", "E06000012", "E06000099"})
	if err != nil {
		t.Fatal(err)
	}
	mid2025 := calendar.NewDate(2025, 9, 30)
	for _, tc := range []struct {
		code string
		want int
		ok   bool
	}{
		{"E06000011", 165, true},
		{"E06000012", 210, true},
		{"E06000099", 0, false},
	} {
		pop, found := pops[tc.code]
		if found != tc.ok {
			t.Errorf("%s: found %v, want %v", tc.code, found, tc.ok)
			continue
		}
		if !found {
			continue
		}
		if n, ok := pop.Aged0to17(mid2025); !ok || n != tc.want {
			t.Errorf("%s: %d aged 0-17 (%v), want %d", tc.code, n, ok, tc.want)
		}
	}
	for _, tc := range []struct{ data, want string }{
		{strings.Replace(regionPopulation, "E06000011,One,E,2,17,50,55", "E06000011,One,E,2,17,fifty,55", 1), "pop.csv:5:6"},
		{"laname,age,population_2024\nOne,0,5\n", "expected a ladcode column"},
		{"", "cannot read the header row"},
	} {
		if _, err := splitPopulation("pop.csv", []byte(tc.data), []string{"E06000011"}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.data, err, tc.want)
		}
	}
}

// FuzzSplitPopulation checks that no file makes the reader panic.
func FuzzSplitPopulation(f *testing.F) {
	f.Add([]byte(regionPopulation))
	f.Add([]byte("ladcode,age,population_2024\nE06000011,\"1\n2\",3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		splitPopulation("fuzz.csv", data, []string{"E06000011", "E06000012"})
	})
}
