package population

import (
	"strings"
	"testing"
)

// TestByArea checks that each area's file holds the header and its own
// rows at the lines they had, an area without rows has no file, and the
// errors name the file and line.
func TestByArea(t *testing.T) {
	data := "ladcode,sex,age,population_2025\nE06000011,1,0,5\nE06000012,1,0,7\nE06000011,2,0,6\n"
	files, err := ByArea("pop.csv", []byte(data), []string{"E06000011", "E06000099"})
	if err != nil {
		t.Fatal(err)
	}
	want := "ladcode,sex,age,population_2025\nE06000011,1,0,5\n\nE06000011,2,0,6\n"
	if got := string(files["E06000011"]); got != want {
		t.Errorf("E06000011's file is %q, want %q", got, want)
	}
	if _, ok := files["E06000099"]; ok || len(files) != 1 {
		t.Errorf("files for %d areas, want only E06000011's", len(files))
	}
	for _, tc := range []struct{ data, want string }{
		{"sex,age\n1,0\n", "pop.csv:1: expected a ladcode column"},
		{"age,ladcode\n0\n", "pop.csv:2: 1 columns, expected at least 2 (ladcode)"},
		{"", "pop.csv: cannot read the header row"},
	} {
		if _, err := ByArea("pop.csv", []byte(tc.data), []string{"E06000011"}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.data, err, tc.want)
		}
	}
}
