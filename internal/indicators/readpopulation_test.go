package indicators

import (
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

func TestReadPopulation(t *testing.T) {
	data := "ladcode,laname,country,sex,age,population_2024,population_2025\n" +
		"E06000999,Villageshire,E,1,0,100,110\nE06000999,Villageshire,E,2,17,50,55\nE06000999,Villageshire,E,1,18,999,999\n"
	m, err := ReadPopulation("pop.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := m.Aged0to17(calendar.NewDate(2026, 3, 31)); !ok || n != 165 {
		t.Errorf("31/03/2026: %d, %v; want mid-2025's 165", n, ok)
	}
	if n, ok := m.Aged0to17(calendar.NewDate(2025, 3, 31)); !ok || n != 150 {
		t.Errorf("31/03/2025: %d, %v; want mid-2024's 150", n, ok)
	}
	bad := []struct{ data, want string }{
		{"", "pop.csv: cannot read the header row: EOF"},
		{"ladcode,sex\n", "pop.csv:1: expected an age column and population_YYYY columns, as the ONS mid-year estimates have"},
		{"age,population_2025\nten,5\n", `pop.csv:2:1: age "ten": expected a whole number`},
		{"age,population_2025\n3,many\n", `pop.csv:2:2: population_2025 "many": expected a whole number`},
	}
	for _, b := range bad {
		if _, err := ReadPopulation("pop.csv", strings.NewReader(b.data)); err == nil || err.Error() != b.want {
			t.Errorf("ReadPopulation(%q) error %v, want %s", b.data, err, b.want)
		}
	}
}
