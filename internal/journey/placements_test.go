package journey

import (
	"strings"
	"testing"

	"github.com/village-uk/village/returns/ssda903"
)

// TestSameCarer checks that a placement is a time with one carer: the RNE
// decides, not the placement fields.
func TestSameCarer(t *testing.T) {
	tests := []struct {
		name string
		eps  []line
		want string
	}{
		{
			// U6 → U4 with the same carers (T), then an adoption
			// placement with them (U, with the placement order): one
			// placement, whose PLACE is its first episode's.
			name: "change of type with the same carer",
			eps: []line{
				ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U6/a", "X1"),
				ep("1", "01/07/2023", "01/10/2023", "T", "C2", "U4/a", "X1"),
				ep("1", "01/10/2023", "", "U", "E1", "A5/a2", ""),
			},
			want: "01/05/2023-open: U6/a; C2, E1",
		},
		{
			// P and B change the carer, even when the fields did not
			// change (the carer is what the RNE says).
			name: "change of carer",
			eps: []line{
				ep("1", "01/05/2023", "01/07/2023", "S", "C1", "U6/a", "X1"),
				ep("1", "01/07/2023", "01/10/2023", "B", "C2", "U6/b", "X1"),
				ep("1", "01/10/2023", "", "P", "C2", "U6/b", ""),
			},
			want: "01/05/2023-open: U6/a, U6/b, U6/b; C1, C2",
		},
		{
			// A blank or unknown RNE falls back on the fields.
			name: "unknown RNE",
			eps: []line{
				ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U6/a", "X1"),
				ep("1", "01/07/2023", "01/10/2023", "", "C2", "U6/a", "X1"),
				ep("1", "01/10/2023", "", "Q", "C2", "U4/b", ""),
			},
			want: "01/05/2023-open: U6/a, U4/b; C2",
		},
		{
			// A temporary move not followed by a return is a placement,
			// and moving on from it is a new one even with RNE T.
			name: "out of a temporary move",
			eps: []line{
				ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U6/a", "X1"),
				ep("1", "01/07/2023", "05/07/2023", "T", "C2", "T1", "X1"),
				ep("1", "05/07/2023", "", "T", "C2", "U6/b", ""),
			},
			want: "01/05/2023-open: U6/a, T1, U6/b; C2",
		},
		{
			// A temporary move with the child back with the same carer
			// stays inside the placement, whatever the RNE of the return.
			name: "temporary move and back",
			eps: []line{
				ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U6/a", "X1"),
				ep("1", "01/07/2023", "05/07/2023", "T", "C2", "T3", "X1"),
				ep("1", "05/07/2023", "", "T", "C2", "U6/a", ""),
			},
			want: "01/05/2023-open: U6/a(T3); C2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustBuild(t, ret(2024, tt.eps...))
			if got := describe(s.Child("1")); got != tt.want {
				t.Errorf("journey\n got %s\nwant %s", got, tt.want)
			}
			checkInvariants(t, s)
		})
	}
}

// grid is a postcode directory for tests.
type grid map[string]struct {
	la   string
	e, n float64
}

func (g grid) Lookup(postcode string) (string, float64, float64, bool) {
	p, ok := g[postcode]
	return p.la, p.e, p.n, ok
}

// TestLocate checks the placement's authority and distance from home.
func TestLocate(t *testing.T) {
	// The test episodes have HOME_POST ZZ9 9ZZ and, with a carer, PL_POST
	// ZZ1 1ZZ. Home at (400000, 300000) in the authority E06000999; the
	// placement 30 km east and 40 km north, 50 km away in E10000001:
	// 50,000 / 1,609.3 = 31.069... miles, 31.1 to one decimal place.
	g := grid{
		"ZZ9 9ZZ": {"E06000999", 400000, 300000},
		"ZZ1 1ZZ": {"E10000001", 430000, 340000},
	}
	returns := []*ssda903.Return{ret(2024,
		ep("1", "01/05/2023", "01/07/2023", "S", "C2", "U6/a", "X1"),
		ep("1", "01/07/2023", "", "P", "C2", "T1", ""))}
	s, err := BuildWith(returns, Options{Postcodes: g})
	if err != nil {
		t.Fatal(err)
	}
	pls := s.Child("1").Periods[0].Placements
	if len(pls) != 2 {
		t.Fatalf("%d placements, want 2", len(pls))
	}
	if p := pls[0]; !p.HasLocation || !p.OutOfArea || p.LA != "E10000001" || !p.HasDistance || p.Miles != 31.1 {
		t.Errorf("first placement located %+v, want E10000001, out of area, 31.1 miles", p)
	}
	// T1 has no PL_POST: nothing is known.
	if p := pls[1]; p.HasLocation || p.HasDistance || p.LA != "" {
		t.Errorf("temporary move located %+v, want nothing known", p)
	}
	// Inside the authority, and without a directory.
	g["ZZ1 1ZZ"] = struct {
		la   string
		e, n float64
	}{"E06000999", 400000, 300000}
	s, _ = BuildWith(returns, Options{Postcodes: g})
	if p := s.Child("1").Periods[0].Placements[0]; !p.HasLocation || p.OutOfArea || !p.HasDistance || p.Miles != 0 {
		t.Errorf("placement at home located %+v, want in area, 0 miles", p)
	}
	s = mustBuild(t, returns...)
	if p := s.Child("1").Periods[0].Placements[0]; p.HasLocation || p.HasDistance {
		t.Errorf("Build located %+v without postcodes", p)
	}
}

// TestAuthority checks how the authority placements are in or out of is
// known: from the returns, inferred from the children's home postcodes,
// or not at all, and that the note says which and what is missing.
func TestAuthority(t *testing.T) {
	// Two children live in E06000999, one in E10000002; all are placed in
	// E10000001.
	g := grid{
		"ZZ9 9ZZ": {"E06000999", 400000, 300000},
		"ZZ1 1ZZ": {"E10000001", 430000, 340000},
	}
	tests := []struct {
		name      string
		la        string
		opts      Options
		want      Authority
		outOfArea bool
		note      string
	}{
		{"named by the returns", "E06000999", Options{Postcodes: g}, Authority{Code: "E06000999", Located: true}, true, ""},
		{"inferred from home postcodes", "", Options{Postcodes: g}, Authority{Code: "E06000999", Inferred: true, Located: true}, true,
			"The authority, E06000999, was inferred from the postcode directory"},
		{"no directory", "", Options{}, Authority{}, false, "no postcode directory was given (--postcodes) to locate placements, and the returns do not name their authority"},
		{"no directory, authority named", "E06000999", Options{}, Authority{Code: "E06000999"}, false, "Not known: no postcode directory was given (--postcodes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ret(2024,
				ep("1", "01/05/2023", "", "S", "C2", "U6/a", "X1"),
				ep("2", "01/05/2023", "", "S", "C2", "U6/a", "X1"),
				ep("3", "01/05/2023", "", "S", "C2", "U6/a", "X1"))
			r.LA = tt.la
			episodes := r.Table(ssda903.Episodes)
			home := index(episodes, "HOME_POST")
			for i := range episodes.Rows {
				episodes.Rows[i].Values[home] = map[int]string{0: "ZZ9 9ZZ", 1: "ZZ9 9ZZ", 2: "ZZ8 8ZZ"}[i]
			}
			g["ZZ8 8ZZ"] = struct {
				la   string
				e, n float64
			}{"E10000002", 0, 0}
			s, err := BuildWith([]*ssda903.Return{r}, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if s.Authority != tt.want {
				t.Errorf("authority %+v, want %+v", s.Authority, tt.want)
			}
			if p := s.Child("1").Periods[0].Placements[0]; p.HasLocation != tt.outOfArea || p.OutOfArea != tt.outOfArea {
				t.Errorf("placement %+v, want out of area %v", p, tt.outOfArea)
			}
			if note := s.Authority.Note(); !strings.Contains(note, tt.note) || (tt.note == "") != (note == "") {
				t.Errorf("note %q, want %q", note, tt.note)
			}
		})
	}
	// A directory holding no child's home postcode: the note says to give
	// the authority.
	r := ret(2024, ep("1", "01/05/2023", "", "S", "C2", "U6/a", "X1"))
	r.LA = ""
	s, _ := BuildWith([]*ssda903.Return{r}, Options{Postcodes: grid{}})
	if note := s.Authority.Note(); !strings.Contains(note, "no child's home postcode (HOME_POST) is in the postcode directory") || !strings.Contains(note, "--la") {
		t.Errorf("note %q, want it to say the directory has no home postcode and to give --la", note)
	}
}

func TestMiles(t *testing.T) {
	// 16,093 m is 10 miles; 1 km is 0.62 miles, 0.6 to one decimal.
	if got := Miles(0, 0, 16093, 0); got != 10 {
		t.Errorf("Miles 16,093 m = %v, want 10", got)
	}
	if got := Miles(0, 1000, 0, 0); got != 0.6 {
		t.Errorf("Miles 1,000 m = %v, want 0.6", got)
	}
}
