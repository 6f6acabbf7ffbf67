package synth

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/village-uk/village/calendar"
)

// Measure is one figure of the synthetic authority's last year with the
// band England's figures suggest for it.
type Measure struct {
	Name      string
	Value     float64
	Low, High float64 // the reference band, inclusive
	Unit      string  // "%", "children", "per 10,000", "days"
	Source    string  // the reference figure the band is built on
}

// InBand reports whether the value lies within the reference band.
func (m Measure) InBand() bool { return m.Value >= m.Low && m.Value <= m.High }

// Report holds the measures of the last emitted year.
type Report struct {
	Year     calendar.Year
	Measures []Measure
}

// Write prints the report as a text table: each measure with its value,
// its band and whether it is within it.
func (r *Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Synthetic authority, %s, against England\n", r.Year)
	fmt.Fprintln(tw, "measure\tvalue\tband\t\tsource")
	for _, m := range r.Measures {
		status := "ok"
		if !m.InBand() {
			status = "OUT OF BAND"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s to %s\t%s\t%s\n", m.Name, format(m.Value, m.Unit),
			format(m.Low, m.Unit), format(m.High, m.Unit), status, m.Source)
	}
	return tw.Flush()
}

func format(v float64, unit string) string {
	switch unit {
	case "%":
		return fmt.Sprintf("%.1f%%", v)
	case "children":
		return fmt.Sprintf("%.0f", v)
	case "days":
		return fmt.Sprintf("%.0f days", v)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}

// Sources of the reference bands.
const (
	srcStock     = "DfE CLA 2025: 81,770 looked after at 31 March, 67 per 10,000 (2023 70, 2024 69)"
	srcStarts    = "DfE CLA 2025: 32,270 started, 26 per 10,000 (2023 28, 2024 27)"
	srcStockAge  = "DfE CLA 2023-2025, CLA at 31 March by age"
	srcStartAge  = "DfE CLA 2023-2025, age on starting"
	srcPlacement = "DfE CLA 2023-2025, CLA at 31 March by placement"
	srcLegal     = "DfE CLA 2023-2025, CLA at 31 March by legal status"
	srcUASC      = "DfE CLA 2024-2025: UASC 7,380 (9%) and 6,540 (8%) at 31 March"
	srcCeased    = "DfE CLA 2024-2025, ceased by reason"
	srcStability = "DfE CLA 2023-2025: 3+ placements in the year 10-11%"
	srcLongTerm  = "DfE CLA 2023-2025: under 16, 2.5+ years, same carer 2+ years, 68-69%"
	srcMissing   = "DfE CLA ~2024: about 10% of children looked after in the year went missing"
	srcAdoption  = "Adoption scorecard A1 ~450-480 days; DfE 2025 entry to placed 1y7m"
	srcMatch     = "Adoption scorecard A2 ~180-200 days"
	srcSex       = "DfE CLA 2024-2025: 57% and 56% male at 31 March; 60-61% of starters"
	srcStartLS   = "DfE CLA 2023-2025, legal status on starting"
	srcLocality  = "DfE CLA 2023-2025: 44-45% placed outside the LA boundary"
	srcDistance  = "DfE CLA 2024-2025: 15-16% of new placements outside the LA and over 20 miles"
	srcKinship   = "Sufficiency survey Sept 2024: kinship 15.6% of all placements, about a quarter of fostering"
)

// tally counts children with some property among a total.
type tally struct{ n, of int }

func (t *tally) add(yes bool) {
	t.of++
	if yes {
		t.n++
	}
}

func (t tally) percent() float64 {
	if t.of == 0 {
		return 0
	}
	return 100 * float64(t.n) / float64(t.of)
}

// figures are the counts behind the report.
type figures struct {
	stock, starts, ceases int
	stockAge, startAge    [bands]int
	place                 map[string]int
	legal                 map[string]int
	ceased                map[string]int
	startLS               map[string]int
	uasc, male            tally
	uascStarts, maleStart tally
	threePlus, missing    tally
	stability             tally
	outside, near, kin    tally
	toPlaced, toMatch     []float64
}

// report measures the last emitted year.
func (s *sim) report(children []*child) *Report {
	from, to := s.last.Start(), min(s.last.End(), s.until)
	f := &figures{place: map[string]int{}, legal: map[string]int{}, ceased: map[string]int{}, startLS: map[string]int{}}
	for _, c := range children {
		f.count(s, c, from, to)
	}
	pop := s.pop.total(calendar.NewDate(midYearFor(to), 6, 30))
	return &Report{Year: s.last, Measures: f.measures(s.children, pop)}
}

// count adds one child to the figures.
func (f *figures) count(s *sim, c *child, from, to calendar.Date) {
	var inYear, started, ceased *period
	for _, p := range c.periods {
		if p.shortBreak || p.start > to || p.end < from {
			continue
		}
		if p.end > from {
			inYear = p
		}
		if p.start >= from && started == nil {
			started = p
		}
		if p.end <= to {
			ceased = p
		}
	}
	if inYear == nil && ceased == nil {
		return
	}
	if started != nil {
		f.countStart(c, started)
	}
	if ceased != nil {
		f.ceases++
		f.ceased[ceased.rec]++
		if a := ceased.adoption; a != nil && (ceased.rec == "E11" || ceased.rec == "E12") {
			f.toPlaced = append(f.toPlaced, float64(a.placed-ceased.start))
			if a.order != 0 {
				f.toMatch = append(f.toMatch, float64(a.match-a.order))
			}
		}
	}
	f.missing.add(wentMissing(c, from, to))
	if last := c.periods[len(c.periods)-1]; !last.shortBreak && last.start <= to && last.end > to {
		f.countStock(s, c, last, from, to)
	}
}

// countStart adds a child who started to be looked after.
func (f *figures) countStart(c *child, p *period) {
	f.starts++
	f.startAge[ageBand(ageOn(c.dob, p.start))]++
	f.startLS[p.episodes[0].ls]++
	f.uascStarts.add(c.uasc)
	f.maleStart.add(c.male)
}

// countStock adds a child looked after at the end of the year.
func (f *figures) countStock(s *sim, c *child, p *period, from, to calendar.Date) {
	f.stock++
	age := ageOn(c.dob, to)
	f.stockAge[ageBand(age)]++
	f.uasc.add(c.uasc)
	f.male.add(c.male)
	cur := current(p, to)
	f.place[placeGroup(cur.place)]++
	f.legal[legalGroup(cur.ls)]++
	f.threePlus.add(placementsIn(c, from, to) >= 3)
	if age < 16 && to-p.start >= 913 {
		f.stability.add(to-carerSince(p, to) >= 730)
	}
	if post := cur.placePost(); post >= 0 {
		f.outside.add(!s.dir.isHome(post))
		if p.home >= 0 {
			f.near.add(s.dir.miles(p.home, post) < 20)
		}
	}
	if fostering(cur.place) {
		f.kin.add(cur.place == "U1" || cur.place == "U2" || cur.place == "U3")
	}
}

// current returns the episode open on day d.
func current(p *period, d calendar.Date) *episode {
	for i := len(p.episodes) - 1; i >= 0; i-- {
		if p.episodes[i].start <= d {
			return &p.episodes[i]
		}
	}
	return &p.episodes[0]
}

// carerSince returns when the child began living with the carers they
// have on day d, counting changes of placement type with the same carers
// and temporary moves away as the same placement.
func carerSince(p *period, d calendar.Date) calendar.Date {
	i := len(p.episodes) - 1
	for i > 0 && p.episodes[i].start > d {
		i--
	}
	who := p.episodes[i].carer
	since := p.episodes[i].start
	for j := i - 1; j >= 0; j-- {
		ep := &p.episodes[j]
		if ep.temporary() {
			continue
		}
		if ep.carer != who {
			break
		}
		since = ep.start
	}
	return since
}

// placementsIn counts the placements a child had during the year: a new
// one at each change of carers, not counting temporary moves.
func placementsIn(c *child, from, to calendar.Date) int {
	n := 0
	var last *carer
	for _, p := range c.periods {
		if p.shortBreak || p.start > to || p.end <= from {
			continue
		}
		for i := range p.episodes {
			ep := &p.episodes[i]
			if ep.start > to || ep.end <= from || ep.temporary() {
				continue
			}
			if ep.carer != last {
				n++
				last = ep.carer
			}
		}
		last = nil
	}
	return n
}

// wentMissing reports whether a child was missing or away at some time in
// the year.
func wentMissing(c *child, from, to calendar.Date) bool {
	for _, p := range c.periods {
		for _, m := range p.missing {
			if m.start <= to && m.end >= from {
				return true
			}
		}
	}
	return false
}

func fostering(place string) bool { return len(place) == 2 && place[0] == 'U' }

// placeGroup groups PLACE codes as the DfE's placement table does.
func placeGroup(place string) string {
	switch place {
	case "U1", "U2", "U3", "U4", "U5", "U6":
		return "foster"
	case "K1", "K2":
		return "homes"
	case "K3", "H5", "P2":
		return "supported"
	case "P1":
		return "parents"
	case "A3", "A4", "A5", "A6":
		return "adoption"
	}
	return "other"
}

// legalGroup groups legal statuses as the DfE's table does.
func legalGroup(ls string) string {
	switch ls {
	case "C1", "C2":
		return "care order"
	case "E1", "D1":
		return "placement order"
	case "V2":
		return "s20"
	}
	return "other"
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total / float64(len(xs))
}

// measures turns the counts into measures with their bands.
func (f *figures) measures(target int, pop float64) []Measure {
	pct := func(name string, v, lo, hi float64, src string) Measure {
		return Measure{Name: name, Value: v, Low: lo, High: hi, Unit: "%", Source: src}
	}
	m := []Measure{
		{Name: "children looked after at 31 March", Value: float64(f.stock),
			Low: 0.9 * float64(target), High: 1.1 * float64(target), Unit: "children", Source: srcStock},
		{Name: "looked after per 10,000 children", Value: float64(f.stock) / pop * 10000,
			Low: 60, High: 80, Unit: "per 10,000", Source: srcStock},
		{Name: "started per 10,000 children", Value: float64(f.starts) / pop * 10000,
			Low: 22, High: 32, Unit: "per 10,000", Source: srcStarts},
	}
	stockBands := [bands][2]float64{{2, 7}, {9, 16}, {14, 22}, {32, 44}, {20, 32}}
	for b, band := range stockBands {
		m = append(m, pct("looked after at 31 March aged "+bandNames[b], share(f.stockAge[b], f.stock), band[0], band[1], srcStockAge))
	}
	startBands := [bands][2]float64{{11, 21}, {10, 19}, {10, 19}, {21, 33}, {21, 33}}
	for b, band := range startBands {
		m = append(m, pct("started aged "+bandNames[b], share(f.startAge[b], f.starts), band[0], band[1], srcStartAge))
	}
	m = append(m,
		pct("placed in foster care", share(f.place["foster"], f.stock), 60, 75, srcPlacement),
		pct("placed in children's homes or secure homes", share(f.place["homes"], f.stock), 7, 15, srcPlacement),
		pct("placed in supported or independent living", share(f.place["supported"], f.stock), 5, 13, srcPlacement),
		pct("placed with parents", share(f.place["parents"], f.stock), 3, 9, srcPlacement),
		pct("placed for adoption", share(f.place["adoption"], f.stock), 1, 5, srcPlacement),
		pct("other placements", share(f.place["other"], f.stock), 0, 7, srcPlacement),
		pct("on a care order (C1, C2)", share(f.legal["care order"], f.stock), 65, 82, srcLegal),
		pct("accommodated under s20 (V2)", share(f.legal["s20"], f.stock), 12, 25, srcLegal),
		pct("on a placement order (E1, D1)", share(f.legal["placement order"], f.stock), 3, 9, srcLegal),
		pct("UASC among those looked after", f.uasc.percent(), 5, 13, srcUASC),
		pct("male among those looked after", f.male.percent(), 50, 62, srcSex),
		pct("ceased: returned home (E4A, E4B)", share(f.ceased["E4A"]+f.ceased["E4B"], f.ceases), 14, 26, srcCeased),
		pct("ceased: special guardianship (E45-E48)", share(f.ceased["E45"]+f.ceased["E46"]+f.ceased["E47"]+f.ceased["E48"], f.ceases), 8, 16, srcCeased),
		pct("ceased: adopted (E11, E12)", share(f.ceased["E11"]+f.ceased["E12"], f.ceases), 5, 13, srcCeased),
		pct("ceased: 18+ or independent (E17, E5, E6)", share(f.ceased["E17"]+f.ceased["E5"]+f.ceased["E6"], f.ceases), 25, 40, srcCeased),
		pct("3 or more placements in the year", f.threePlus.percent(), 6, 14, srcStability),
		pct("long-term stability", f.stability.percent(), 55, 85, srcLongTerm),
		pct("missing or away in the year", f.missing.percent(), 6, 14, srcMissing),
		Measure{Name: "days from entry to placed for adoption", Value: mean(f.toPlaced), Low: 350, High: 560, Unit: "days", Source: srcAdoption},
		Measure{Name: "days from placement order to match", Value: mean(f.toMatch), Low: 120, High: 260, Unit: "days", Source: srcMatch},
		pct("UASC among starters", f.uascStarts.percent(), 15, 29, srcUASC),
		pct("male among starters", f.maleStart.percent(), 54, 66, srcSex),
		pct("started under s20 (V2)", share(f.startLS["V2"], f.starts), 47, 67, srcStartLS),
		pct("started on an interim care order (C1)", share(f.startLS["C1"], f.starts), 22, 40, srcStartLS),
		pct("placed outside the authority", f.outside.percent(), 33, 55, srcLocality),
		pct("placed within 20 miles of home", f.near.percent(), 68, 90, srcDistance),
		pct("kinship among foster placements", f.kin.percent(), 15, 35, srcKinship),
	)
	return m
}
