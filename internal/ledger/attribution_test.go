package ledger

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

const tolerance = 1e-6

// claimsOf builds the claims of programmes in order from a value for
// every set of programmes (a bit mask of their indices).
func claimsOf(value func(set uint) float64, order []int) Claims {
	var c Claims
	set := uint(0)
	for _, p := range order {
		c.Gross = append(c.Gross, value(1<<p))
		set |= 1 << p
		c.Prefix = append(c.Prefix, value(set))
	}
	return c
}

// checkInvariants checks the promises of Attribute for one set of claims.
func checkInvariants(t *testing.T, c Claims, net []float64, name string) {
	t.Helper()
	sumGross, sumNet := 0.0, 0.0
	for i, g := range c.Gross {
		sumGross += g
		sumNet += net[i]
		if net[i] < -tolerance || net[i] > max(0, g)+tolerance {
			t.Errorf("%s: programme %d nets %v on a gross of %v; expected 0 to its gross", name, i, net[i], g)
		}
	}
	if sumNet > sumGross+tolerance && sumNet > tolerance {
		t.Errorf("%s: the nets add up to %v, more than the sum of gross, %v", name, sumNet, sumGross)
	}
	if sumNet > max(0, c.Combined())+tolerance {
		t.Errorf("%s: the nets add up to %v, more than all together avoid, %v", name, sumNet, c.Combined())
	}
	if math.Abs(sumNet-c.Bookable()) > tolerance {
		t.Errorf("%s: the nets add up to %v, not the bookable total %v", name, sumNet, c.Bookable())
	}
	if comb := c.Combined(); comb >= 0 && comb <= sumGross && math.Abs(sumNet-comb) > tolerance {
		t.Errorf("%s: the nets add up to %v, not the combined total %v", name, sumNet, comb)
	}
}

func TestAttribute(t *testing.T) {
	cases := []struct {
		name  string
		c     Claims
		split Split
		want  []float64
	}{
		{"apart", Claims{Gross: []float64{100, 50}, Prefix: []float64{100, 150}}, ByPrecedence, []float64{100, 50}},
		{"overlap, first claims", Claims{Gross: []float64{100, 50}, Prefix: []float64{100, 120}}, ByPrecedence, []float64{100, 20}},
		{"overlap, other first", Claims{Gross: []float64{50, 100}, Prefix: []float64{50, 120}}, ByPrecedence, []float64{50, 70}},
		{"overlap, even", Claims{Gross: []float64{100, 50}, Prefix: []float64{100, 120}}, Even, []float64{85, 35}},
		{"even, small claim gives all", Claims{Gross: []float64{100, 10}, Prefix: []float64{100, 70}}, Even, []float64{70, 0}},
		{"synergy is not booked", Claims{Gross: []float64{100, 50}, Prefix: []float64{100, 180}}, ByPrecedence, []float64{100, 50}},
		{"a later increment above its claim", Claims{Gross: []float64{100, 2, 10}, Prefix: []float64{100, 105, 108}}, ByPrecedence, []float64{100, 2, 6}},
		{"a programme that costs more", Claims{Gross: []float64{100, -20}, Prefix: []float64{100, 85}}, ByPrecedence, []float64{80, 0}},
		{"together they cost more", Claims{Gross: []float64{-5, -20}, Prefix: []float64{-5, -30}}, Even, []float64{0, 0}},
		{"one programme", Claims{Gross: []float64{40}, Prefix: []float64{40}}, Even, []float64{40}},
		{"none", Claims{}, ByPrecedence, []float64{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Attribute(c.c, c.split)
			if len(got) != len(c.want) {
				t.Fatalf("%d nets; expected %d", len(got), len(c.want))
			}
			for i := range got {
				if math.Abs(got[i]-c.want[i]) > tolerance {
					t.Errorf("nets %v; expected %v", got, c.want)
					break
				}
			}
			checkInvariants(t, c.c, got, c.name)
		})
	}
}

// TestAttributeProperties draws random sets of programmes, each set of
// them avoiding a random amount (mostly less than the sum of their own
// claims, sometimes more, sometimes a loss), and checks the invariants
// under both splits and every order of precedence tried: the order
// changes the split but not the total.
func TestAttributeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 4))
	for trial := range 2000 {
		n := 1 + r.IntN(6)
		own := make([]float64, n)
		for i := range own {
			own[i] = math.Round(r.Float64()*1000 - 100)
		}
		values := map[uint]float64{0: 0}
		value := func(set uint) float64 {
			if v, ok := values[set]; ok {
				return v
			}
			sum := 0.0
			for i := range n {
				if set&(1<<i) != 0 {
					sum += own[i]
				}
			}
			if set&(set-1) != 0 { // two or more: overlap, or now and then synergy
				sum *= 0.5 + 0.7*r.Float64()
			}
			values[set] = math.Round(sum)
			return values[set]
		}
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		var totals []float64
		for range 4 {
			r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
			c := claimsOf(value, order)
			for _, split := range []Split{ByPrecedence, Even} {
				net := Attribute(c, split)
				checkInvariants(t, c, net, string(split))
				total := 0.0
				for _, v := range net {
					total += v
				}
				totals = append(totals, total)
				pounds := wholePounds(net, c.Bookable())
				var sum int64
				for i, p := range pounds {
					sum += p
					if p < 0 || float64(p) > max(0, c.Gross[i])+tolerance {
						t.Fatalf("trial %d: %d whole pounds on a gross of %v", trial, p, c.Gross[i])
					}
				}
				if sum != int64(math.Round(c.Bookable())) {
					t.Fatalf("trial %d: whole pounds add up to %d, not %v", trial, sum, c.Bookable())
				}
			}
		}
		for _, v := range totals[1:] {
			if math.Abs(v-totals[0]) > tolerance {
				t.Fatalf("trial %d: the total booked depends on the order or split: %v", trial, totals)
			}
		}
		if t.Failed() {
			t.Fatalf("trial %d: own claims %v, values %v", trial, own, values)
		}
	}
}

func TestWholePounds(t *testing.T) {
	got := wholePounds([]float64{33.5, 33.5, 33}, 100)
	if slices.Index(got, 34) < 0 || got[0]+got[1]+got[2] != 100 {
		t.Errorf("wholePounds = %v; expected 100 in all", got)
	}
}
