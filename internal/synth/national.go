package synth

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/published"
)

// Synthetic national tables: England, its 9 regions and 153 authorities
// (the synthetic area among them) in the DfE's published layout
// (internal/refdata/published), so that the comparisons with England, the
// region and the statistical neighbours run without the real files.
//
// What each figure is calibrated to (analytics-and-demand.md §3, the 2025
// releases; years after 2025 keep the 2025 figures, years before 2023
// the 2023 ones):
//
//   - 0-17 population: England's ONS estimates the DfE divides by
//     (11,901,267 in 2023, 12,059,476 in 2024, 12,183,016 in 2025), shared
//     out unevenly (a lognormal, two authorities as small as the City of
//     London and the Isles of Scilly).
//   - Children looked after at 31 March: England's rate (70, 69 and 67 per
//     10,000), the authorities' rates spread from 27 to 184 per 10,000
//     (Richmond upon Thames and Blackpool in 2025), the spread's skew
//     solved so that England's total comes out at its rate.
//   - Starts: England's rate (28, 27, 26 per 10,000), each authority's
//     following its looked-after rate with noise.
//   - 3 or more placements in the year: 11%, 11%, 10% of those looked
//     after at 31 March; long-term stability: 68%, 68%, 69% of the
//     under-16s looked after 2.5 years or more, who are 35% of those
//     looked after.
//   - Referrals: 519 per 10,000 children (632,830 in 2025), re-referrals
//     within 12 months 22.4%, 22.4%, 22.6%.
//
// As the DfE publishes them: national and regional counts rounded to the
// nearest 10, authorities' counts unrounded, rates and stability
// percentages whole numbers, referral percentages to one decimal place;
// a count of 1 to 5 and the figures that would reveal it are c, and the
// two smallest authorities' figures are all c.

// NationalConfig says what national tables to make.
type NationalConfig struct {
	Seed  uint64
	Years []calendar.Year // the years ending 31 March to write
	LA    string          // the synthetic area's GSS code
	// Area holds the synthetic area's own figures, by indicator and year,
	// from its returns; a figure not there is written x.
	Area map[string]map[calendar.Year]AreaFigure
}

// AreaFigure is one of the synthetic area's figures: the count and what
// it is of (the population for a rate).
type AreaFigure struct{ Numerator, Denominator int }

// AreaOldCode is the synthetic area's old_la_code in the tables.
const AreaOldCode = "999"

// streamNational is the random stream of the national tables.
const streamNational uint64 = 1 << 20

// region is one of England's nine regions and how many authorities it has.
type region struct {
	code, name  string
	authorities int
}

var regions = []region{
	{"E12000001", "North East", 12}, {"E12000002", "North West", 24}, {"E12000003", "Yorkshire and The Humber", 15},
	{"E12000004", "East Midlands", 10}, {"E12000005", "West Midlands", 14}, {"E12000006", "East of England", 11},
	{"E12000007", "London", 33}, {"E12000008", "South East", 19}, {"E12000009", "South West", 15},
}

// nationalTarget is England's published figures for a year.
type nationalTarget struct {
	population                   int
	claRate, startsRate          float64
	threePlus, stable, reReferal float64 // shares
}

var nationalTargets = map[calendar.Year]nationalTarget{
	2023: {11_901_267, 70, 28, 0.11, 0.68, 0.224},
	2024: {12_059_476, 69, 27, 0.11, 0.68, 0.224},
	2025: {12_183_016, 67, 26, 0.10, 0.69, 0.226},
}

const (
	lowestRate      = 27.0  // per 10,000: the lowest authority's looked-after rate
	highestRate     = 184.0 // and the highest's
	longTermShare   = 0.351 // under-16s looked after 2.5 years or more, of those looked after (28,710 of 81,770)
	referralRate    = 519.0 // per 10,000
	authorityCount  = 153
	tinyAuthorities = 2 // as small as the City of London and the Isles of Scilly, their figures all c
)

func targetFor(y calendar.Year) nationalTarget {
	first, last := calendar.Year(2023), calendar.Year(2025)
	t := nationalTargets[min(max(y, first), last)]
	if y > last { // the population grows on at 2024-25's pace
		t.population += int(y-last) * (nationalTargets[last].population - nationalTargets[last-1].population)
	}
	return t
}

// authority is one synthetic authority.
type authority struct {
	area  published.Area
	share float64 // of England's population
	z     float64 // its place in the spread of looked-after rates, 0 to 1
	other float64 // a second trait, for neighbours
	area0 bool    // the synthetic area
}

// NationalTables are the synthetic tables, ready to write.
type NationalTables struct {
	cla, stability, referrals []published.Row
	neighbours                published.Neighbours
	names                     map[string]string
}

// National makes the synthetic national tables.
func National(cfg NationalConfig) (*NationalTables, error) {
	if len(cfg.Years) == 0 {
		return nil, fmt.Errorf("synth: national tables need at least one year")
	}
	if cfg.LA == "" {
		cfg.LA = DefaultLA
	}
	r := newRNG(cfg.Seed, streamNational, 0)
	las := authorities(r, cfg.LA)
	t := &NationalTables{names: map[string]string{}}
	for _, a := range las {
		t.names[a.area.OldCode] = a.area.Name
	}
	var last []laYear
	for _, y := range cfg.Years {
		last = t.year(r, las, y, cfg.Area)
	}
	placeArea(las, last)
	t.neighbours = nearest(las)
	return t, nil
}

// authorities makes England's 153 authorities, the synthetic area first
// in the North East.
func authorities(r *rng, code string) []authority {
	var out []authority
	n := 0
	for _, reg := range regions {
		for i := range reg.authorities {
			a := authority{z: r.Float64(), other: r.Float64(), share: math.Exp(0.6 * r.NormFloat64())}
			a.area = published.Area{Level: published.LocalAuthority, Region: reg.code, RegionName: reg.name}
			if n == 0 {
				a.area0 = true
				a.area.Code, a.area.OldCode, a.area.Name = code, AreaOldCode, LAName
			} else {
				a.area.Code = fmt.Sprintf("E06%06d", 800000+n)
				a.area.OldCode = strconv.Itoa(100 + n)
				a.area.Name = fmt.Sprintf("%s %d", reg.name, i+1)
			}
			out = append(out, a)
			n++
		}
	}
	// The two smallest, as the City of London and the Isles of Scilly.
	out[len(out)-1].share, out[len(out)-2].share = 0.002, 0.004
	return out
}

// placeArea gives the synthetic area the place in the spread of the
// authority whose looked-after rate in the last year is nearest its own,
// so that its neighbours are authorities like it.
func placeArea(las []authority, last []laYear) {
	rate := func(c laYear) float64 { return float64(c.cla) / float64(max(c.pop, 1)) }
	if last[0].pop == 0 {
		return
	}
	best := 1
	for i := 2; i < len(las)-tinyAuthorities; i++ {
		if math.Abs(rate(last[i])-rate(last[0])) < math.Abs(rate(last[best])-rate(last[0])) {
			best = i
		}
	}
	las[0].z, las[0].other = las[best].z, las[best].other
}

// nearest gives each authority its ten nearest by its two traits.
func nearest(las []authority) published.Neighbours {
	out := published.Neighbours{}
	for _, a := range las {
		others := slices.Clone(las)
		others = slices.DeleteFunc(others, func(b authority) bool { return b.area.OldCode == a.area.OldCode })
		dist := func(b authority) float64 { return math.Hypot(a.z-b.z, 0.5*(a.other-b.other)) }
		slices.SortStableFunc(others, func(b, c authority) int { return cmp.Compare(dist(b), dist(c)) })
		for _, b := range others[:published.NeighbourCount] {
			out[a.area.OldCode] = append(out[a.area.OldCode], b.area.OldCode)
		}
	}
	return out
}

// laYear is one authority's counts for a year.
type laYear struct {
	// known says which of the area's figures it has (nil: all of them);
	// hidden is true for an authority whose figures are all c.
	known                                         map[string]bool
	hidden                                        bool
	pop, cla, starts, threePlus, longTerm, stable int
	referrals, reReferrals                        int
}

// year adds a year's rows for England, the regions and the authorities.
func (t *NationalTables) year(r *rng, las []authority, y calendar.Year, own map[string]map[calendar.Year]AreaFigure) []laYear {
	target := targetFor(y)
	counts := make([]laYear, len(las))
	areaPop, areaCLA := 0, 0
	if f, ok := own["cla_rate_per_10k"][y]; ok {
		areaPop, areaCLA = f.Denominator, f.Numerator
	}
	shares := 0.0
	for _, a := range las[1:] {
		shares += a.share
	}
	rest := target.population - areaPop
	rates := claRates(las, y, r, float64(target.claRate)*float64(target.population)/10000-float64(areaCLA), rest, shares)
	starts, referrals := make([]float64, len(las)), make([]float64, len(las))
	for i, a := range las {
		c := &counts[i]
		if a.area0 {
			*c = areaCounts(own, y, target)
			continue
		}
		c.pop = int(math.Round(float64(rest) * a.share / shares))
		c.cla = int(math.Round(rates[i] * float64(c.pop) / 10000))
		starts[i] = float64(c.cla) * noise(r, 0.2)
		referrals[i] = float64(c.pop) * noise(r, 0.25)
	}
	// Starts and referrals scaled so that England's come out at its rates.
	startsScale := scale(starts, target.startsRate*float64(target.population)/10000-float64(counts[0].starts))
	referralsScale := scale(referrals, referralRate*float64(target.population)/10000-float64(counts[0].referrals))
	for i := 1; i < len(las); i++ {
		c := &counts[i]
		c.starts = int(math.Round(starts[i] * startsScale))
		c.threePlus = binomial(r, c.cla, target.threePlus*noise(r, 0.2))
		c.longTerm = binomial(r, c.cla, longTermShare)
		c.stable = binomial(r, c.longTerm, min(1, target.stable*noise(r, 0.05)))
		c.referrals = int(math.Round(referrals[i] * referralsScale))
		c.reReferrals = binomial(r, c.referrals, min(0.9, target.reReferal*noise(r, 0.2)))
	}
	t.addRows(y, published.Area{Level: published.National, Code: "E92000001", Name: "England"}, sum(counts, nil), true)
	for _, reg := range regions {
		in := func(i int) bool { return las[i].area.Region == reg.code }
		t.addRows(y, published.Area{Level: published.Regional, Code: reg.code, Name: reg.name, Region: reg.code, RegionName: reg.name}, sum(counts, in), true)
	}
	for i, a := range las {
		c := counts[i]
		c.hidden = i >= len(las)-tinyAuthorities // all c, as the DfE publishes the smallest
		t.addRows(y, a.area, c, false)
	}
	return counts
}

// areaCounts turns the synthetic area's own figures into its row.
func areaCounts(own map[string]map[calendar.Year]AreaFigure, y calendar.Year, target nationalTarget) laYear {
	c := laYear{known: map[string]bool{}}
	get := func(id string) (AreaFigure, bool) {
		f, ok := own[id][y]
		c.known[id] = ok
		return f, ok
	}
	if f, ok := get("cla_rate_per_10k"); ok {
		c.cla, c.pop = f.Numerator, f.Denominator
	}
	if f, ok := get("starts_rate_per_10k"); ok {
		c.starts = f.Numerator
		c.pop = max(c.pop, f.Denominator)
	}
	if f, ok := get("placements_3plus"); ok {
		c.threePlus = f.Numerator
	}
	if f, ok := get("long_term_stability"); ok {
		c.stable, c.longTerm = f.Numerator, f.Denominator
	}
	if f, ok := get("re_referrals_12m_share"); ok {
		c.reReferrals, c.referrals = f.Numerator, f.Denominator
	}
	return c
}

// claRates gives each authority but the area its looked-after rate for
// the year: spread from 27 to 184 per 10,000 by its place z (with a
// little noise from year to year), the spread's skew k solved by
// bisection so that the authorities' children add up to want.
func claRates(las []authority, y calendar.Year, r *rng, want float64, rest int, shares float64) []float64 {
	zs := make([]float64, len(las))
	for i, a := range las {
		zs[i] = min(1, max(0, a.z+0.02*r.NormFloat64()))
	}
	lo, hi := math.Log(lowestRate), math.Log(highestRate)
	// The lowest and the highest authority (but the area) sit at the ends.
	minZ, maxZ := 1.0, 0.0
	for i := 1; i < len(las); i++ {
		minZ, maxZ = min(minZ, zs[i]), max(maxZ, zs[i])
	}
	rates := func(k float64) ([]float64, float64) {
		out := make([]float64, len(las))
		total := 0.0
		for i := 1; i < len(las); i++ {
			u := (zs[i] - minZ) / (maxZ - minZ)
			out[i] = math.Exp(lo + math.Pow(u, k)*(hi-lo))
			total += out[i] * float64(rest) * las[i].share / shares / 10000
		}
		return out, total
	}
	a, b := 0.05, 20.0 // a larger k, fewer children
	for range 60 {
		k := (a + b) / 2
		if _, total := rates(k); total > want {
			a = k
		} else {
			b = k
		}
	}
	out, _ := rates((a + b) / 2)
	return out
}

// noise is a lognormal factor of mean 1, its logarithm's spread s.
func noise(r *rng, s float64) float64 { return math.Exp(s*r.NormFloat64() - s*s/2) }

// scale returns the factor that brings the values' sum to want.
func scale(values []float64, want float64) float64 {
	total := 0.0
	for _, v := range values {
		total += v
	}
	if total <= 0 || want <= 0 {
		return 1
	}
	return want / total
}

// binomial draws the number of successes in n trials of chance p.
func binomial(r *rng, n int, p float64) int {
	k := 0
	for range n {
		if r.chance(p) {
			k++
		}
	}
	return k
}

// sum adds the counts of the authorities in (all when nil).
func sum(counts []laYear, in func(int) bool) laYear {
	var s laYear
	for i, c := range counts {
		if in != nil && !in(i) {
			continue
		}
		s.pop += c.pop
		s.cla += c.cla
		s.starts += c.starts
		s.threePlus += c.threePlus
		s.longTerm += c.longTerm
		s.stable += c.stable
		s.referrals += c.referrals
		s.reReferrals += c.reReferrals
	}
	return s
}

// Filter values and symbols written.
const (
	suppressedCell   = "c"
	notAvailableCell = "x"
)

// addRows adds one area's rows to the three tables; aggregate rows are
// England's and the regions', their counts rounded to the nearest 10.
func (t *NationalTables) addRows(y calendar.Year, a published.Area, c laYear, aggregate bool) {
	w := cellWriter{c: c, aggregate: aggregate}
	row := func(cells map[string]string) published.Row { return published.Row{Year: y, Area: a, Cells: cells} }
	pop := strconv.Itoa(c.pop) // populations are published unrounded
	if s := w.missing("cla_rate_per_10k"); s != "" {
		pop = s
	}
	t.cla = append(t.cla,
		row(map[string]string{"population_count": claAt31, "population_estimate": pop,
			"number": w.count(c.cla, "cla_rate_per_10k"), "rate_per_10000": w.rate(c.cla, c.pop, "cla_rate_per_10k")}),
		row(map[string]string{"population_count": claStart, "population_estimate": pop,
			"number": w.count(c.starts, "starts_rate_per_10k"), "rate_per_10000": w.rate(c.starts, c.pop, "starts_rate_per_10k")}))
	threeNum, threePct := w.share(c.threePlus, c.cla, 0, "placements_3plus")
	stableNum, stablePct := w.share(c.stable, c.longTerm, 0, "long_term_stability")
	t.stability = append(t.stability,
		row(map[string]string{"cla_group": "CLA on 31 March", "placement_stability": "Total children",
			"children_count": w.count(c.cla, "placements_3plus"), "children_percent": "100"}),
		row(map[string]string{"cla_group": "CLA on 31 March", "placement_stability": "With 3 or more placements during the year",
			"children_count": threeNum, "children_percent": threePct}),
		row(map[string]string{"cla_group": longTermGroup, "placement_stability": "Total children",
			"children_count": w.count(c.longTerm, "long_term_stability"), "children_percent": "100"}),
		row(map[string]string{"cla_group": longTermGroup, "placement_stability": "Living with the same carer for at least 2 years",
			"children_count": stableNum, "children_percent": stablePct}))
	reNum, rePct := w.share(c.reReferrals, c.referrals, 1, "re_referrals_12m_share")
	cells := map[string]string{"category": "Referrals and Re-referrals", "referral_count": w.count(c.referrals, "re_referrals_12m_share"),
		"rereferral_count": reNum, "rereferral_percent": rePct}
	for _, col := range []string{"no_further_action_count", "no_further_action_percent", "not_in_need_count", "not_in_need_percent",
		"referral_child_count", "rereferral_child_count", "rereferral_child_percent"} {
		cells[col] = notAvailableCell
	}
	t.referrals = append(t.referrals, row(cells))
}

const (
	claAt31       = "Children looked after at 31 March each year"
	claStart      = "Children starting to be looked after each year"
	longTermGroup = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
)

// cellWriter writes one area's cells as the DfE publishes them.
type cellWriter struct {
	c         laYear
	aggregate bool
}

// missing is the symbol for a figure the row does not give, or "".
func (w cellWriter) missing(id string) string {
	switch {
	case w.c.hidden:
		return suppressedCell
	case w.c.known != nil && !w.c.known[id]:
		return notAvailableCell
	}
	return ""
}

func small(n int) bool { return n >= 1 && n <= 5 }

// count writes a count: rounded to 10 in an aggregate, c when 1 to 5.
func (w cellWriter) count(n int, id string) string {
	if s := w.missing(id); s != "" {
		return s
	}
	if w.aggregate {
		return strconv.Itoa(int(math.Round(float64(n)/10)) * 10)
	}
	if small(n) {
		return suppressedCell
	}
	return strconv.Itoa(n)
}

// rate writes a rate per 10,000 as a whole number, c when its count is.
func (w cellWriter) rate(n, pop int, id string) string {
	if s := w.missing(id); s != "" {
		return s
	}
	if pop == 0 {
		return notAvailableCell
	}
	if !w.aggregate && small(n) {
		return suppressedCell
	}
	return strconv.Itoa(int(math.Round(float64(n) / float64(pop) * 10000)))
}

// share writes a numerator and its percentage of den, both c when the
// numerator, the denominator or the rest is 1 to 5.
func (w cellWriter) share(num, den, decimals int, id string) (string, string) {
	if s := w.missing(id); s != "" {
		return s, s
	}
	if den == 0 {
		return w.count(num, id), notAvailableCell
	}
	if !w.aggregate && (small(num) || small(den) || small(den-num)) {
		return suppressedCell, suppressedCell
	}
	return w.count(num, id), strconv.FormatFloat(float64(num)/float64(den)*100, 'f', decimals, 64)
}

// Write writes the tables into dir, with the neighbours list and
// releases.csv saying they are synthetic.
func (t *NationalTables) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name, table string
		rows        []published.Row
	}{
		{"cla_number_and_rate_per_10k_children.csv", "cla_number_and_rate_per_10k_children", t.cla},
		{"la_cla_placement_stability.csv", "la_cla_placement_stability", t.stability},
		{"c1_children_in_need_referrals_and_rereferrals.csv", "c1_children_in_need_referrals_and_rereferrals", t.referrals},
	}
	releases := "file,release\n"
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), func(w *os.File) error { return published.WriteTable(w, f.table, f.rows) }); err != nil {
			return err
		}
		releases += f.name + ",synthetic (village synth --national): not the DfE's figures\n"
	}
	if err := writeFile(filepath.Join(dir, neighboursFile), func(w *os.File) error {
		return published.WriteNeighbours(w, t.neighbours, t.names)
	}); err != nil {
		return err
	}
	releases += neighboursFile + ",synthetic (village synth --national): not the DfE's statistical neighbours\n"
	return os.WriteFile(filepath.Join(dir, published.ReleasesFile), []byte(releases), 0o644)
}

// neighboursFile is the statistical neighbours list's name.
const neighboursFile = "statistical_neighbours.csv"

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
