package synth

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// CarerRow is one household of the synthetic authority's own foster
// carers, in the layout of Village's carers file (package placements
// reads it): a pseudonymous reference, the day of approval, approved
// places, the ages approved for, the type and the postcode district.
type CarerRow struct {
	Ref            string
	Approved       calendar.Date
	Places         int
	AgeFrom, AgeTo int
	Type           string // mainstream, kinship, short_break or parent_and_child
	District       string
}

// streamCarers is the carers' random stream, apart from the simulation's.
const streamCarers uint64 = 100

// carerAges are the age ranges households are approved for, with their
// weights: most take any age, some only younger or older children.
var carerAges = []struct{ from, to, weight int }{{0, 17, 50}, {0, 10, 25}, {5, 17, 15}, {11, 17, 10}}

// Carers returns the synthetic authority's own foster carers at the end
// of the last return: about one household of 1 or 2 places for every 1.75
// children then in in-house foster care (mainstream, with a few parent and
// child and short break carers), and one for 9 in 10 children with kinship
// carers (the rest with carers not yet approved), so that the sufficiency
// page shows a gap, as most authorities' statements do.
func (r *Result) Carers(seed uint64) []CarerRow {
	if len(r.Returns) == 0 {
		return nil
	}
	last := r.Returns[len(r.Returns)-1]
	inHouse, kinship := fostered(last)
	districts := r.homeDistricts(last.LA)
	if len(districts) == 0 {
		return nil
	}
	g := newRNG(seed, streamCarers, 0)
	end := last.Year.End()
	var out []CarerRow
	add := func(kind string, places int) {
		ages := carerAges[g.weighted(len(carerAges), func(i int) int { return carerAges[i].weight })]
		out = append(out, CarerRow{Ref: "FC" + strconv.Itoa(1000+len(out)), Approved: end.AddDays(-g.between(30, 15*365)),
			Places: places, AgeFrom: ages.from, AgeTo: ages.to, Type: kind, District: districts[g.IntN(len(districts))]})
	}
	for range max(5, inHouse*4/7) {
		add("mainstream", g.between(1, 2))
	}
	for range max(1, inHouse/20) {
		add("parent_and_child", 1)
		add("short_break", g.between(1, 2))
	}
	for range kinship * 9 / 10 {
		add("kinship", 1)
		out[len(out)-1].AgeFrom, out[len(out)-1].AgeTo = 0, 17
	}
	return out
}

// weighted draws an index from 0 to n-1 with the weights given.
func (r *rng) weighted(n int, weight func(int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	x := r.IntN(total)
	for i := range n {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	return n - 1
}

// fostered counts the children in the return's open episodes with the
// authority's own foster carers (U4-U6 not from a private or voluntary
// provider) and with kinship carers (U1-U3).
func fostered(ret *ssda903.Return) (inHouse, kinship int) {
	t := ret.Table(ssda903.Episodes)
	for i := range t.Len() {
		if t.Get(i, "DEC") != "" {
			continue
		}
		switch place, provider := t.Get(i, "PLACE"), t.Get(i, "PLACE_PROVIDER"); place {
		case "U1", "U2", "U3":
			kinship++
		case "U4", "U5", "U6":
			if provider != "PR4" && provider != "PR5" {
				inHouse++
			}
		}
	}
	return inHouse, kinship
}

// homeDistricts returns the postcode districts of the authority, in the
// directory's order.
func (r *Result) homeDistricts(la string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range r.Postcodes {
		outward, _, _ := strings.Cut(p.Postcode, " ")
		if p.LA == la && !seen[outward] {
			seen[outward] = true
			out = append(out, outward)
		}
	}
	return out
}

// WriteCarersCSV writes carers in the carers file's layout.
func WriteCarersCSV(w io.Writer, carers []CarerRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"carer", "approved", "places", "age_from", "age_to", "type", "district"})
	for _, c := range carers {
		cw.Write([]string{c.Ref, c.Approved.String(), strconv.Itoa(c.Places), strconv.Itoa(c.AgeFrom),
			strconv.Itoa(c.AgeTo), c.Type, c.District})
	}
	cw.Flush()
	return cw.Error()
}
