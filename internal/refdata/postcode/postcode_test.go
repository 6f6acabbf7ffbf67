package postcode

import (
	"strings"
	"testing"
)

const sample = `pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,oseast1m,osnrth1m,ctry
EG1 4AB,EG1  4AB,EG1 4AB,199901,,E99999999,E06000999,430000,330000,E92000001
EJ2 1CD,EJ2  1CD,EJ2 1CD,199901,,E10000099,E07000990,436000,338000,E92000001
EQ3 9ZZ,EQ3  9ZZ,EQ3 9ZZ,199901,201001,,E06000998,,,E92000001
EW4 1AA,EW4  1AA,EW4 1AA,199901,,,W06000001,300000,200000,W92000004
`

func TestRead(t *testing.T) {
	d, err := Read("pc.csv", strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 3 {
		t.Errorf("%d postcodes with grid references, want 3", d.Len())
	}
	tests := []struct {
		postcode, la string
		ok           bool
	}{
		{"EG1 4AB", "E06000999", true},
		{"eg14ab", "E06000999", true},
		{" EG1  4AB ", "E06000999", true},
		{"EJ2 1CD", "E10000099", true}, // a district in a county: the county is the upper tier
		{"EQ3 9ZZ", "", false},         // no grid reference
		{"EW4 1AA", "WAL", true},
		{"ZZ9 9ZZ", "", false},
	}
	for _, tt := range tests {
		la, _, _, ok := d.Lookup(tt.postcode)
		if la != tt.la || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.postcode, la, ok, tt.la, tt.ok)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"", "pc.csv: cannot read the header row: EOF"},
		{"postcode,oslaua\n", "pc.csv:1: no pcd or pcds column; expected the ONS Postcode Directory's column names"},
		{"pcd,oslaua,oseast1m\n", "pc.csv:1: no osnrth1m column; expected the ONS Postcode Directory's column names"},
		{"pcd,oslaua,oseast1m,osnrth1m\nEG1 4AB,E06000999,43x,1\n", `pc.csv:2: oseast1m "43x": expected a grid easting in metres`},
	}
	for _, tt := range tests {
		_, err := Read("pc.csv", strings.NewReader(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Read(%q) error %v, want %s", tt.data, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("pcds,oslaua,oseast1m,osnrth1m\n\"A\nB\",x,1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read("fuzz.csv", strings.NewReader(string(data)))
		if err == nil && d == nil {
			t.Fatal("nil directory without an error")
		}
	})
}
