package published

import (
	"math"
	"strings"
	"testing"
)

// FuzzReadTable: any input gives figures or an error, never a panic; a
// figure read is either a finite number of 0 or more or a symbol with no
// value, never both.
func FuzzReadTable(f *testing.F) {
	f.Add(claTable)
	f.Add(claHeader + "2025,Reporting year,National,E92000001,England,,,,,,Children looked after at 31 March each year,1,k,u\n")
	f.Add(claHeader + "202425,Financial year,Local authority,E92000001,England,E1,R,1,A,E06000001,Children starting to be looked after each year,,x,z\n")
	f.Fuzz(func(t *testing.T, text string) {
		figs, err := ReadTable("fuzz.csv", "", strings.NewReader(text))
		if err != nil {
			if figs != nil {
				t.Fatal("figures returned with an error")
			}
			return
		}
		for _, fig := range figs {
			for _, c := range []Cell{fig.Value, fig.Numerator, fig.Denominator} {
				if c.Known && (math.IsNaN(c.Value) || math.IsInf(c.Value, 0) || c.Value < 0 || c.Reason != "") {
					t.Fatalf("a known cell %+v", c)
				}
				if !c.Known && (c.Value != 0 || c.Reason == "") {
					t.Fatalf("a cell not known with a value or without a reason: %+v", c)
				}
			}
		}
	})
}

// FuzzReadNeighbours: any input gives a list or an error, never a panic;
// each authority has ten distinct neighbours, none itself.
func FuzzReadNeighbours(f *testing.F) {
	f.Add("old_la_code,la_name,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n805,H,807,394,393,890,806,390,840,876,372,340\n")
	f.Fuzz(func(t *testing.T, text string) {
		n, err := ReadNeighbours("fuzz.csv", strings.NewReader(text))
		if err != nil {
			return
		}
		for code, list := range n {
			seen := map[string]bool{code: true}
			for _, c := range list {
				if seen[c] {
					t.Fatalf("%s: neighbour %s twice or itself", code, c)
				}
				seen[c] = true
			}
			if len(list) != NeighbourCount {
				t.Fatalf("%s: %d neighbours", code, len(list))
			}
		}
	})
}
