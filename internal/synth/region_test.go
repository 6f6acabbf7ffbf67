package synth

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// regionCase is the small region the tests look at: movers far more
// common than the default, so that every invariant is tried many times.
var regionCase = RegionConfig{Authorities: 4, Children: 250, Years: 3, Until: until2026, Seed: 5, MoverShare: 0.1}

// emittedRegion is a region with each member's returns by code.
type emittedRegion struct {
	*Region
	returns map[string][]*ssda903.Return
}

func newEmittedRegion(t *testing.T, cfg RegionConfig) emittedRegion {
	t.Helper()
	g, err := NewRegion(cfg)
	if err != nil {
		t.Fatalf("NewRegion(%+v): %v", cfg, err)
	}
	out := emittedRegion{Region: g, returns: map[string][]*ssda903.Return{}}
	err = g.Emit(func(a Authority, res *Result) error {
		out.returns[a.Code] = res.Returns
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// bytes writes everything the region is: its members, movers and every
// member's returns.
func (g emittedRegion) bytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := g.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if err := g.WriteMoversCSV(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString(g.KeyText)
	for _, a := range g.Authorities {
		b.Write(csvBytes(t, &Result{Returns: g.returns[a.Code]}))
	}
	return b.Bytes()
}

func TestRegionDeterministic(t *testing.T) {
	a := newEmittedRegion(t, regionCase).bytes(t)
	if b := newEmittedRegion(t, regionCase).bytes(t); !bytes.Equal(a, b) {
		t.Error("the same configuration gave different regions")
	}
	other := regionCase
	other.Seed++
	if c := newEmittedRegion(t, other).bytes(t); bytes.Equal(a, c) {
		t.Error("different seeds gave the same region")
	}
}

// episodeRow is one row of a member's Episodes table, with the child's
// Header row of the same return.
type episodeRow struct {
	ret      *ssda903.Return
	episodes int // row in Episodes
	header   int // row in Header
}

func (r episodeRow) episode(column string) string {
	return r.ret.Table(ssda903.Episodes).Get(r.episodes, column)
}

func (r episodeRow) child(column string) string {
	return r.ret.Table(ssda903.Header).Get(r.header, column)
}

// find returns the episode row of child in the member's returns whose
// column holds date, with the child's Header row.
func (g emittedRegion) find(la, child, column, date string) (episodeRow, bool) {
	for _, ret := range g.returns[la] {
		eps, head := ret.Table(ssda903.Episodes), ret.Table(ssda903.Header)
		for i := range eps.Len() {
			if eps.Get(i, "CHILD") != child || eps.Get(i, column) != date {
				continue
			}
			for j := range head.Len() {
				if head.Get(j, "CHILD") == child {
					return episodeRow{ret, i, j}, true
				}
			}
		}
	}
	return episodeRow{}, false
}

func TestMoverInvariants(t *testing.T) {
	g := newEmittedRegion(t, regionCase)
	if len(g.Movers) < 20 {
		t.Fatalf("only %d movers; the test needs more to mean anything", len(g.Movers))
	}
	checks := []struct {
		name string
		ok   func(m Mover, from, to episodeRow) bool
	}{
		{"the episode handed over ends with REC E3", func(_ Mover, from, _ episodeRow) bool { return from.episode("REC") == "E3" }},
		{"the episode taken over starts a period of care (RNE S)", func(_ Mover, _, to episodeRow) bool { return to.episode("RNE") == "S" }},
		{"between two members", func(m Mover, _, _ episodeRow) bool { return m.FromLA != m.ToLA }},
		{"distinct child IDs", func(m Mover, _, _ episodeRow) bool { return m.FromChild != m.ToChild }},
		{"the same UPN", func(_ Mover, from, to episodeRow) bool { return from.child("UPN") == to.child("UPN") }},
		{"the same date of birth", func(_ Mover, from, to episodeRow) bool { return from.child("DOB") == to.child("DOB") }},
		{"the same sex", func(_ Mover, from, to episodeRow) bool { return from.child("SEX") == to.child("SEX") }},
		{"the same ethnicity", func(_ Mover, from, to episodeRow) bool { return from.child("ETHNIC") == to.child("ETHNIC") }},
		{"under 16 on the day", func(m Mover, from, _ episodeRow) bool {
			return m.Date < addYears(mustDate(from.child("DOB")), moverAgeLimit)
		}},
	}
	for _, m := range g.Movers {
		date := m.Date.String()
		from, ok := g.find(m.FromLA, m.FromChild, "DEC", date)
		if !ok {
			t.Errorf("mover %+v: no episode of the child handed over ends on %s", m, date)
			continue
		}
		to, ok := g.find(m.ToLA, m.ToChild, "DECOM", date)
		if !ok {
			t.Errorf("mover %+v: no episode of the child taken over starts on %s", m, date)
			continue
		}
		for _, c := range checks {
			if !c.ok(m, from, to) {
				t.Errorf("mover %+v: not %s", m, c.name)
			}
		}
	}
}

// mustDate reads a date the return wrote, 0 if it is not one.
func mustDate(s string) calendar.Date {
	d, _ := calendar.ParseDate(s)
	return d
}

// TestRegionUPNs checks that the members' children share no UPN but
// the movers', whom the UPN links across members.
func TestRegionUPNs(t *testing.T) {
	g := newEmittedRegion(t, regionCase)
	moved := map[string]bool{} // "LA child" of the children taken over
	for _, m := range g.Movers {
		moved[m.ToLA+" "+m.ToChild] = true
	}
	owner := map[string]string{} // UPN: the first "LA child" with it
	for _, a := range g.Authorities {
		for _, ret := range g.returns[a.Code] {
			head := ret.Table(ssda903.Header)
			for i := range head.Len() {
				upn, who := head.Get(i, "UPN"), a.Code+" "+head.Get(i, "CHILD")
				if strings.HasPrefix(upn, "UN") || moved[who] {
					continue
				}
				if was, ok := owner[upn]; ok && was != who {
					t.Fatalf("%s and %s share a UPN", was, who)
				}
				owner[upn] = who
			}
		}
	}
}

func TestRegionMembers(t *testing.T) {
	for _, cfg := range []RegionConfig{
		{Authorities: 1, Children: 1000, Seed: 1},
		{Authorities: 7, Children: 3000, Seed: 2},
		{Authorities: 30, Children: 2500, Seed: 3},
		{Authorities: 99, Children: 400, Seed: 4},
	} {
		t.Run(fmt.Sprint(cfg.Authorities), func(t *testing.T) {
			members := members(cfg)
			if len(members) != cfg.Authorities {
				t.Fatalf("%d members, want %d", len(members), cfg.Authorities)
			}
			seen := map[string]bool{}
			total := 0
			for _, a := range members {
				for _, v := range []string{a.Code, a.Name, a.UPN} {
					if seen[v] {
						t.Errorf("%q used twice", v)
					}
					seen[v] = true
				}
				if !gssCode.MatchString(a.Code) {
					t.Errorf("%s is not a GSS code", a.Code)
				}
				total += a.Children
			}
			// The sizes average Children, each rounded.
			if mean := float64(total) / float64(len(members)); math.Abs(mean-float64(cfg.Children)) > 0.5 {
				t.Errorf("the members average %.1f children, want %d", mean, cfg.Children)
			}
		})
	}
	for _, u := range []float64{0, 0.25, 0.5, 0.999, 1} {
		if f := sizeFactor(u); f < smallestFactor || f > largestFactor {
			t.Errorf("sizeFactor(%v) = %v, outside %v to %v", u, f, smallestFactor, largestFactor)
		}
	}
}

func TestRegionCSVGolden(t *testing.T) {
	g, err := NewRegion(RegionConfig{Authorities: 12, Children: 20, Years: 1, Until: until2026, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "region.csv")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("region.csv differs from %s (go test -update to accept):\n%s", golden, b.String())
	}
}

func TestRegionConfigErrors(t *testing.T) {
	for _, cfg := range []RegionConfig{
		{Authorities: 0, Children: 100, Years: 1, Until: until2026},
		{Authorities: 100, Children: 100, Years: 1, Until: until2026},
		{Authorities: 3, Children: 100, Years: 1, Until: until2026, MoverShare: -0.1},
		{Authorities: 3, Children: 100, Years: 1, Until: until2026, MoverShare: math.NaN()},
		{Authorities: 3, Children: 0, Years: 1, Until: until2026},
		{Authorities: 3, Children: 100, Years: 0, Until: until2026},
	} {
		if _, err := NewRegion(cfg); err == nil {
			t.Errorf("NewRegion(%+v) gave no error", cfg)
		}
	}
}

func TestHandOverOn(t *testing.T) {
	day := func(n int) calendar.Date { return calendar.NewDate(2025, 1, 1) + calendar.Date(n) }
	newChild := func() *child {
		p := &period{start: day(0), end: day(100), rec: "E4A",
			episodes: []episode{{start: day(0), end: day(30), rec: "X1", reason: "CHILD"}, {start: day(30), end: day(60), rec: "X1"}, {start: day(60), end: day(100), rec: "E4A"}},
			missing:  []spell{{start: day(10), end: day(12)}, {start: day(40), end: day(45)}, {start: day(70), end: day(71)}},
			dolo:     []spell{{start: day(65), end: day(90)}}}
		return &child{periods: []*period{p}, babyDOB: day(80),
			social: []swEpisode{{start: day(-10), end: day(50)}, {start: day(50), end: day(110)}}}
	}
	for _, tc := range []struct {
		day                             int
		episodes, missing, dolo, social int
		lastStart                       int
		baby                            bool
	}{
		{day: 1, episodes: 1, missing: 0, dolo: 0, social: 1, lastStart: 0, baby: false},
		{day: 30, episodes: 1, missing: 1, dolo: 0, social: 1, lastStart: 0, baby: false},
		{day: 42, episodes: 2, missing: 2, dolo: 0, social: 1, lastStart: 30, baby: false},
		{day: 85, episodes: 3, missing: 3, dolo: 1, social: 2, lastStart: 60, baby: true},
	} {
		c := newChild()
		d := day(tc.day)
		handOverOn(c, d)
		p := c.periods[0]
		last := p.episodes[len(p.episodes)-1]
		switch {
		case p.end != d || p.rec != "E3":
			t.Errorf("day %d: the period ends %s with %s, want %s with E3", tc.day, p.end, p.rec, d)
		case len(p.episodes) != tc.episodes || last.start != day(tc.lastStart) || last.end != d || last.rec != "E3" || last.reason != "":
			t.Errorf("day %d: %d episodes, the last %+v; want %d, the last from day %d to %s with E3", tc.day, len(p.episodes), last, tc.episodes, tc.lastStart, d)
		case len(p.missing) != tc.missing || len(p.dolo) != tc.dolo || len(c.social) != tc.social:
			t.Errorf("day %d: %d missing, %d DoLo, %d social worker episodes; want %d, %d, %d", tc.day, len(p.missing), len(p.dolo), len(c.social), tc.missing, tc.dolo, tc.social)
		case (c.babyDOB != 0) != tc.baby:
			t.Errorf("day %d: baby born %s, want a baby %v", tc.day, c.babyDOB, tc.baby)
		}
		for _, sp := range append(p.missing, p.dolo...) {
			if sp.end > d {
				t.Errorf("day %d: a spell ends %s, after the hand-over", tc.day, sp.end)
			}
		}
	}
}

func TestRegionEmitOnce(t *testing.T) {
	g, err := NewRegion(RegionConfig{Authorities: 2, Children: 20, Years: 1, Until: until2026, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	none := func(Authority, *Result) error { return nil }
	if err := g.Emit(none); err != nil {
		t.Fatal(err)
	}
	if err := g.Emit(none); err == nil {
		t.Error("a second Emit gave no error")
	}
}
