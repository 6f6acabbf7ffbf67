package placements

import (
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/returns/ssda903"
)

// grid is a postcode directory for tests: HM1 1AA is home, in the
// authority E06000999; NR1 1AA is 10.0 miles east in E10000002; FA1 1AA
// is 30.0 miles north in E10000001; IN1 1AA is 30.0 miles south but in
// the authority.
type grid map[string][3]float64

var areas = map[float64]string{0: "E06000999", 1: "E10000001", 2: "E10000002"}

func (g grid) Lookup(postcode string) (string, float64, float64, bool) {
	p, ok := g[postcode]
	return areas[p[2]], p[0], p[1], ok
}

var directory = grid{
	"HM1 1AA": {400000, 300000, 0},
	"NR1 1AA": {416093, 300000, 2},
	"FA1 1AA": {400000, 348279, 1},
	"IN1 1AA": {400000, 251721, 0},
}

// episode writes an Episodes row with a carer, home HM1 1AA and the
// placement's postcode; a dec of "" leaves it open.
func episode(r *ssda903.Return, child, decom, dec, rne, place, carer, post, rec string) {
	provider := "PR1"
	if carer == "" {
		provider = ""
	}
	r.Ensure(ssda903.Episodes).Add(child, decom, rne, "C2", "N1", place, provider, dec, rec, "", "HM1 1AA", post, carer)
}

func header(r *ssda903.Return, child, dob string) {
	r.Ensure(ssda903.Header).Add(child, "M", dob, "WBRI", "UN1", "", "")
}

// attentionSet is the case TestAttention checks by hand, on 31/03/2026:
//
//	C1  aged 15, Z11 since 01/02/2026, 10.0 miles away out of the
//	    authority: unregistered only.
//	C2  aged 12, U4 30.0 miles away in E10000001: far away.
//	C3  aged 12, U4 30.0 miles away but in the authority: not listed.
//	C4  aged 9, new carers on 01/06, 01/09 and 01/12/2025: 3 moves.
//	C5  turns 18 on 30/06/2026, within 3 months: ending soon; also Z11,
//	    but 17, so not unregistered.
//	C6  turns 18 on 01/07/2026, after 3 months: not listed.
//	C7  aged 15 in Z11 but left care on 31/03/2026: not listed.
func attentionSet(t *testing.T) *journey.Set {
	t.Helper()
	r := ssda903.NewReturn(2026, "E06000999")
	for _, h := range [][2]string{{"C1", "01/06/2010"}, {"C2", "01/01/2014"}, {"C3", "01/01/2014"}, {"C4", "01/01/2017"},
		{"C5", "30/06/2008"}, {"C6", "01/07/2008"}, {"C7", "01/01/2011"}} {
		header(r, h[0], h[1])
	}
	episode(r, "C1", "01/02/2026", "", "S", "Z11", "", "NR1 1AA", "")
	episode(r, "C2", "01/05/2025", "", "S", "U4", "SC1", "FA1 1AA", "")
	episode(r, "C3", "01/05/2025", "", "S", "U4", "SC2", "IN1 1AA", "")
	episode(r, "C4", "01/05/2025", "01/06/2025", "S", "U1", "SC3", "NR1 1AA", "X1")
	episode(r, "C4", "01/06/2025", "01/09/2025", "P", "U1", "SC4", "NR1 1AA", "X1")
	episode(r, "C4", "01/09/2025", "01/12/2025", "P", "U1", "SC5", "NR1 1AA", "X1")
	episode(r, "C4", "01/12/2025", "", "P", "U1", "SC6", "NR1 1AA", "")
	episode(r, "C5", "01/05/2025", "", "S", "Z11", "", "NR1 1AA", "")
	episode(r, "C6", "01/05/2025", "", "S", "U4", "SC7", "NR1 1AA", "")
	episode(r, "C7", "01/05/2025", "31/03/2026", "S", "Z11", "", "NR1 1AA", "E13")
	set, err := journey.BuildWith([]*ssda903.Return{r}, journey.Options{Postcodes: directory})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestAttention(t *testing.T) {
	d, _ := calendar.ParseDate("31/03/2026")
	l := Attention(attentionSet(t), d)
	want := map[string][]Reason{"C1": {Unregistered}, "C2": {FarAway}, "C4": {Moves}, "C5": {EndingSoon}}
	if len(l.Children) != len(want) {
		t.Errorf("listed %d children, want %d: %v", len(l.Children), len(want), l.IDs())
	}
	for _, c := range l.Children {
		if !slices.Equal(c.Reasons, want[c.ID]) {
			t.Errorf("%s listed for %v, want %v", c.ID, c.Reasons, want[c.ID])
		}
	}
	for _, r := range Reasons {
		if l.Counts[r] != 1 {
			t.Errorf("%d children %s, want 1", l.Counts[r], r)
		}
	}
	if !l.Located {
		t.Error("the list says placements were not located")
	}
}
