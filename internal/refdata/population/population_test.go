package population

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func read(data string) ([]string, error) {
	var got []string
	err := Read("pop.csv", strings.NewReader(data), func(year, age, n int) {
		got = append(got, fmt.Sprintf("%d/%d=%d", year, age, n))
	})
	return got, err
}

func TestRead(t *testing.T) {
	// Columns in any order and case, a byte-order mark, and each row
	// passed on once a mid-year, in the file's order.
	got, err := read("\uFEFFladcode,AGE,sex,population_2024\nE06000999,0,1,100\nE06000999,17,2,50\nE06000999,18,1,999\n")
	want := []string{"2024/0=100", "2024/17=50", "2024/18=999"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
}

// TestReadYears: several mid-years are passed on, and checked, in the
// file's order of columns, every time.
func TestReadYears(t *testing.T) {
	for range 20 {
		got, err := read("age,population_2025,population_2024,population_2023\n0,1,2,3\n")
		want := []string{"2025/0=1", "2024/0=2", "2023/0=3"}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("got %v, %v; want %v", got, err, want)
		}
		_, err = read("age,population_2025,population_2024\n0,x,y\n")
		if want := `pop.csv:2:2: population_2025 "x": expected a whole number`; err == nil || err.Error() != want {
			t.Fatalf("error %v, want %s", err, want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	bad := []struct{ data, want string }{
		{"", "pop.csv: cannot read the header row: EOF"},
		{"ladcode,sex\n", "pop.csv:1: expected an age column and population_YYYY columns, as the ONS mid-year estimates have"},
		{"age,population_20x5\n", `pop.csv:1: column 2 "population_20x5": expected population_ and a year`},
		{"age,population_2025\nten,5\n", `pop.csv:2:1: age "ten": expected a whole number`},
		{"age,population_2025\n-1,5\n", `pop.csv:2:1: age "-1": expected a whole number`},
		{"age,population_2025\n3,many\n", `pop.csv:2:2: population_2025 "many": expected a whole number`},
		{"age,population_2025\n3,-4\n", `pop.csv:2:2: population_2025 "-4": expected a whole number`},
		{"age,population_2025\n3\n", "pop.csv: record on line 2: wrong number of fields"},
	}
	for _, b := range bad {
		if _, err := read(b.data); err == nil || err.Error() != b.want {
			t.Errorf("Read(%q) error %v, want %s", b.data, err, b.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("ladcode,age,population_2024\nE1,0,100\nE1,17,50\n")
	f.Add("age,population_2025\nten,5\n")
	f.Fuzz(func(t *testing.T, data string) {
		_ = Read("fuzz.csv", strings.NewReader(data), func(year, age, n int) {
			if age < 0 || n < 0 {
				t.Fatalf("passed on age %d, count %d", age, n)
			}
		})
	})
}
