package synth

import (
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// sim holds what every child's simulation shares: the calendar, the
// geography and the providers. It is read-only once built, so children
// can be simulated in parallel.
type sim struct {
	seed      uint64
	la        string
	until     calendar.Date
	horizon   calendar.Date // nothing is simulated from this day on
	first     calendar.Year
	last      calendar.Year
	start     calendar.Date // the first day of the burn-in
	keepFrom  calendar.Date // children who left care before this are dropped
	children  int
	pop       *population
	dir       *directory
	homes     []*carer // children's homes (K2)
	secure    []*carer // secure children's homes (K1)
	supported []*carer // supported accommodation (H5, K3)
	respite   *carer   // the authority's short-break unit
	workers   []string // social worker IDs
	valid     map[calendar.Year]map[string]bool
	dates     []string // DD/MM/YYYY for every day from dateBase
	dateBase  calendar.Date

	entryFactor     float64       // scales first entries from entryChangeFrom; 1 for no change
	entryChangeFrom calendar.Date // see Config.EntryFactor
	effects         []Effect      // see Config.Effects
}

// burnIn is how long before the first emitted year the simulation starts:
// longer than any child can be looked after, so the stock has settled.
const burnIn = 19

func newSim(cfg Config) *sim {
	last := calendar.YearOf(cfg.Until)
	first := last - calendar.Year(cfg.Years-1)
	s := &sim{
		seed:     cfg.Seed,
		la:       cfg.LA,
		until:    cfg.Until,
		horizon:  cfg.Until + 1,
		first:    first,
		last:     last,
		start:    addYears(first.Start(), -burnIn),
		keepFrom: addYears(first.Start(), -5),
		children: cfg.Children,
		pop:      newPopulation(cfg.Children, midYearFor(last.End())),
	}
	s.entryFactor = 1
	s.effects, _ = ParseEffects(cfg.Effects) // checked by Config.check
	if cfg.EntryFactor != 0 {
		s.entryFactor, s.entryChangeFrom = cfg.EntryFactor, cfg.EntryChangeFrom
	}
	r := newRNG(s.seed, streamDirectory, 0)
	s.dir = newDirectory(s.la, r)
	s.buildProviders(r)
	s.buildCodeCache()
	s.buildDates()
	return s
}

// buildDates formats every day the returns can mention once, as
// formatting dates is much of the cost of writing large returns.
func (s *sim) buildDates() {
	s.dateBase = addYears(s.start, -20)
	n := int(addYears(s.horizon, 2) - s.dateBase)
	s.dates = make([]string, n)
	for i := range s.dates {
		s.dates[i] = (s.dateBase + calendar.Date(i)).String()
	}
}

// date formats a date as DD/MM/YYYY.
func (s *sim) date(d calendar.Date) string {
	if i := int(d - s.dateBase); i >= 0 && i < len(s.dates) {
		return s.dates[i]
	}
	return d.String()
}

// buildCodeCache records which PLACE codes are valid in each year, so
// that the placement codes follow the DfE's code list as it changes.
func (s *sim) buildCodeCache() {
	s.valid = map[calendar.Year]map[string]bool{}
	for y := calendar.YearOf(s.start); y <= s.last+1; y++ {
		m := map[string]bool{}
		for _, c := range ssda903.Codes("PLACE", y) {
			m[c] = true
		}
		s.valid[y] = m
	}
}

// placeValid reports whether a PLACE code is valid on day d.
func (s *sim) placeValid(code string, d calendar.Date) bool {
	m := s.valid[calendar.YearOf(d)]
	if m == nil {
		return ssda903.ValidCode("PLACE", code, calendar.YearOf(d))
	}
	return m[code]
}

// buildProviders makes the fixed set of homes and supported accommodation
// the authority uses, each with an Ofsted URN.
func (s *sim) buildProviders(r *rng) {
	n := max(minimumHomeProviders, s.children*homeProvidersPer1000/1000)
	urns := map[string]bool{}
	urn := func() string {
		for {
			u := fmt.Sprintf("SC%06d", r.IntN(1000000))
			if !urns[u] {
				urns[u] = true
				return u
			}
		}
	}
	for i := 0; i < n; i++ {
		s.homes = append(s.homes, s.provider(r, urn(), homeOwners.draw(r), homesInside))
	}
	for i := 0; i < max(3, n/20); i++ {
		s.secure = append(s.secure, s.provider(r, urn(), secureOwners.draw(r), secureInside))
	}
	for i := 0; i < max(6, n/2); i++ {
		s.supported = append(s.supported, s.provider(r, urn(), supportedOwners.draw(r), supportedInside))
	}
	s.respite = &carer{provider: "PR1", urn: urn(), post: s.dir.home(r)}
	for i := 0; i < max(10, s.children*socialWorkersPer1000/1000); i++ {
		s.workers = append(s.workers, "SW"+strconv.Itoa(100000+i*7+r.IntN(7)))
	}
}

// provider makes one provider. Own-authority provision is always inside
// the authority (DfE rule 1015), another authority's always outside.
func (s *sim) provider(r *rng, urn, code string, inside float64) *carer {
	post := s.dir.outside(r)
	if code == "PR1" || (code != "PR2" && r.chance(inside)) { // another authority's provision is in that authority (rule 229)
		post = s.dir.home(r)
	}
	return &carer{provider: code, urn: urn, post: post}
}

// entry is a child's first start in care.
type entry struct {
	date    calendar.Date
	ageDays int
	male    bool
	uasc    bool
}

// entries draws the stream of first entries to care, day by day: a
// Poisson number at each age, the age-specific rate times the population.
func (s *sim) entries() []entry {
	r := newRNG(s.seed, streamEntries, 0)
	perDay, uascPerDay := firstEntryRates(s.pop)
	uascAges := choices[int](12, uascAgeShare[12], 13, uascAgeShare[13], 14, uascAgeShare[14],
		15, uascAgeShare[15], 16, uascAgeShare[16], 17, uascAgeShare[17])
	var out []entry
	for d := s.start; d < s.horizon; d++ {
		total := s.pop.total(d)
		if d >= s.entryChangeFrom {
			total *= s.entryFactor
		}
		total *= factorOn(s.effects, "starts", d)
		for age := range perDay {
			n := r.poisson(perDay[age] * total * s.pop.ageShare[age])
			for range n {
				out = append(out, entry{date: d, ageDays: ageInDays(r, age), male: r.chance(otherMaleShare)})
			}
		}
		n := r.poisson(uascPerDay * total)
		for range n {
			out = append(out, entry{date: d, ageDays: ageInDays(r, uascAges.draw(r)), male: r.chance(uascMaleShare), uasc: true})
		}
	}
	return out
}

// ageInDays picks an age in days within a year of age. Many babies come
// into care at birth.
func ageInDays(r *rng, age int) int {
	if age == 0 && r.chance(newbornShare) {
		return r.IntN(7)
	}
	lo := age * 365
	if age >= 17 {
		return lo + r.IntN(350) // not on the eve of the 18th birthday
	}
	return lo + r.IntN(365)
}

// simulate runs every child's life, in parallel, and keeps those who can
// appear in an emitted return.
func (s *sim) simulate() []*child {
	entries := s.entries()
	out := make([]*child, len(entries))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	const chunk = 512
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := newRNG(s.seed, streamChild, 0)
			for from := range next {
				for i := from; i < min(from+chunk, len(entries)); i++ {
					out[i] = s.live(i, entries[i], r)
				}
			}
		}()
	}
	for from := 0; from < len(entries); from += chunk {
		next <- from
	}
	close(next)
	wg.Wait()
	kept := out[:0]
	for _, c := range out {
		if c != nil {
			kept = append(kept, c)
		}
	}
	kept = append(kept, s.shortBreakChildren()...)
	return kept
}

// ProviderRow is one Ofsted-registered provider of the synthetic area, as
// an Ofsted providers list gives it.
type ProviderRow struct {
	URN          string
	PlaceCodes   []string // the placement types it provides
	ProviderCode string   // PLACE_PROVIDER
	Postcode     string
	LA           string // GSS code of the authority its postcode is in
}

// providerRows lists the registered providers: children's homes (K2, also
// taking short breaks), secure homes (K1) and supported accommodation (K3,
// before 2024/25 H5). None has closed.
func (s *sim) providerRows() []ProviderRow {
	var out []ProviderRow
	add := func(carers []*carer, codes ...string) {
		for _, c := range carers {
			row := s.dir.rows[c.post]
			out = append(out, ProviderRow{URN: c.urn, PlaceCodes: codes, ProviderCode: c.provider, Postcode: row.Postcode, LA: row.LA})
		}
	}
	add(s.homes, "K2")
	add([]*carer{s.respite}, "K2")
	add(s.secure, "K1")
	add(s.supported, "K3", "H5")
	return out
}
