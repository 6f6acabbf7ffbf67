package synth

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
)

// A region is several fictional authorities generated together, as a
// regional store (issue 21) holds them: each is one authority as Generate
// makes it, with its own code, size and seed, and a few children each
// year have their care taken over by another member (REC E3 in the first,
// a new period of care in the second, under a new LA child ID but with
// the same UPN, date of birth, sex and ethnicity), so that linking
// children across the members can be tested against the movers recorded.

// Streams of the region's own draws, after those of random.go.
const (
	streamRegion uint64 = 64 + iota
	streamRegionMovers
)

// Limits and defaults of a region.
const (
	maxAuthorities = 99 // the UPN's authority digits 701 to 799 (regionUPN)

	// DefaultMoverShare is the share of an authority's starts to care in
	// a year that it hands over to another member: an assumption
	// (PARAMETERS.md).
	DefaultMoverShare = 0.015

	// Authority sizes are 0.4 to 2.5 times the average (sizeFactor).
	smallestFactor, largestFactor = 0.4, 2.5

	// moverAgeLimit: children are handed over before their 16th
	// birthday, so that no care leaver's follow-up is split between two
	// authorities.
	moverAgeLimit = 16
)

// RegionConfig says what region to generate.
type RegionConfig struct {
	Authorities int           // the members, 1 to 99
	Children    int           // the average member's children looked after at the last 31 March
	Years       int           // collection years to emit
	Until       calendar.Date // as Config.Until
	Seed        uint64
	ErrorRate   float64 // as Config.ErrorRate, for every member
	MoverShare  float64 // the share of starts handed over each year; 0 for none
}

// Authority is one member of a region.
type Authority struct {
	Code     string // GSS code, E06850001 for the first
	Name     string // "Synthetic authority 01"
	Children int    // its target size, Config.Children
	Seed     uint64 // its Config.Seed, derived from the region's
	UPN      string // the authority digits of its children's UPNs
}

// Mover is one child whose care a member took over from another: the
// episode in the first ends with REC E3 on Date, and an episode in the
// second starts on Date.
type Mover struct {
	FromLA, FromChild string // GSS code and LA child ID in the authority handing over
	ToLA, ToChild     string // the same in the authority taking over
	Date              calendar.Date
}

// Region is the simulated region: its members and the movers between
// them. Emit writes each member's returns.
//
// A region at scale (30 members, ten years) is too large to hold as
// simulated children: NewRegion simulates each member, keeps only what
// choosing movers needs (candidate), and decides the hand-overs; Emit
// simulates each member again, which gives the same children, and
// applies them.
type Region struct {
	Authorities []Authority
	Movers      []Mover // by date, then sending authority and child
	KeyText     string  // the region's shared pseudonym key, as a key file holds it

	configs    []Config
	sims       []*sim
	handedOver []map[int]calendar.Date // per member: the day each child handed over (by index) leaves
	takenOver  [][]*child              // per member: the children it takes over, in the order taken
}

// candidate is what choosing a child to hand over needs of them: who
// they are and when their last period of care starts and ends.
type candidate struct {
	index                      int
	id, ethnic, upn, noUPN     string
	dob, start, end            calendar.Date
	male, earlyUPN, unknownSex bool
}

// check validates the region's configuration.
func (cfg RegionConfig) check() error {
	var errs []error
	if cfg.Authorities < 1 || cfg.Authorities > maxAuthorities {
		errs = append(errs, fmt.Errorf("Authorities must be between 1 and %d, not %d", maxAuthorities, cfg.Authorities))
	}
	if cfg.Children < 1 || cfg.Children > maxChildren {
		errs = append(errs, fmt.Errorf("Children (the average member's) must be between 1 and %d, not %d", maxChildren, cfg.Children))
	}
	if !(cfg.MoverShare >= 0 && cfg.MoverShare <= 0.5) { // also rejects NaN
		errs = append(errs, fmt.Errorf("MoverShare must be between 0 and 0.5, not %v", cfg.MoverShare))
	}
	return errors.Join(errs...)
}

// NewRegion simulates every member of the region and hands children over
// between them. The same configuration always gives the same region.
func NewRegion(cfg RegionConfig) (*Region, error) {
	if err := cfg.check(); err != nil {
		return nil, fmt.Errorf("synth: region: %w", err)
	}
	g := &Region{Authorities: members(cfg), KeyText: partnersKey(cfg.Seed)}
	for _, a := range g.Authorities {
		c, err := Config{Children: a.Children, Years: cfg.Years, Until: cfg.Until, Seed: a.Seed,
			ErrorRate: cfg.ErrorRate, LA: a.Code}.check()
		if err != nil {
			return nil, fmt.Errorf("synth: region: %s: %w", a.Name, err)
		}
		g.configs = append(g.configs, c)
	}
	pools := make([][]*candidate, len(g.configs))
	starts := make([]map[calendar.Year]int, len(g.configs))
	next := make([]int, len(g.configs)) // the next free child index of each member
	for i, c := range g.configs {
		s := newSim(c)
		children := g.simulate(i, s)
		pools[i], starts[i], next[i] = candidates(s, children), startsByYear(children), freeIndex(children)
		g.sims = append(g.sims, s)
		g.handedOver = append(g.handedOver, map[int]calendar.Date{})
	}
	g.takenOver = make([][]*child, len(g.configs))
	g.handOver(cfg.MoverShare, cfg.Seed, pools, starts, next)
	return g, nil
}

// simulate simulates member i's children, their UPNs the member's. The
// same member always gives the same children.
func (g *Region) simulate(i int, s *sim) []*child {
	children := s.simulate()
	for _, k := range children {
		k.upn = regionUPN(k.upn, g.Authorities[i].UPN)
	}
	return children
}

// members draws the region's authorities: their sizes, 0.4 to 2.5 times
// the average with more small than large ones, scaled so that they
// average cfg.Children, and their seeds.
func members(cfg RegionConfig) []Authority {
	r := newRNG(cfg.Seed, streamRegion, 0)
	out := make([]Authority, cfg.Authorities)
	factors := make([]float64, len(out))
	total := 0.0
	for i := range out {
		factors[i] = sizeFactor(r.Float64())
		total += factors[i]
		out[i] = Authority{Code: fmt.Sprintf("E06%06d", 850001+i), Name: fmt.Sprintf("Synthetic authority %02d", i+1),
			Seed: r.Uint64(), UPN: strconv.Itoa(701 + i)}
	}
	scale := float64(cfg.Children) * float64(len(out)) / total
	for i := range out {
		out[i].Children = max(1, int(math.Round(factors[i]*scale)))
	}
	return out
}

// sizeFactor turns a uniform draw u into an authority's size against the
// average: 0.4 + 2.1u^2.5, from 0.4 to 2.5 with mean 1 (the mean of u^2.5
// is 1/3.5), skewed as England's authorities are, many small and a few
// large.
func sizeFactor(u float64) float64 {
	return smallestFactor + (largestFactor-smallestFactor)*math.Pow(u, 2.5)
}

// regionUPN gives a UPN the authority digits of a member (701 to 799, no
// English authority's number), with its check letter made again, so
// that no two members' children share a UPN.
func regionUPN(upn, digits string) string {
	rest := digits + upn[4:]
	return upnCheckLetter(rest) + rest
}

// handOver picks, year by year and member by member, the children whose
// care another member takes over: on average share of the member's
// starts that year. Children handed over, and those taken over, are
// never picked again.
func (g *Region) handOver(share float64, seed uint64, pools [][]*candidate, starts []map[calendar.Year]int, next []int) {
	if share == 0 || len(g.sims) < 2 {
		return
	}
	r := newRNG(seed, streamRegionMovers, 0)
	moved := map[*candidate]bool{}
	s0 := g.sims[0]
	for y := s0.first; y <= s0.last; y++ {
		for a, s := range g.sims {
			movable := inCare(pools[a], y, moved)
			for range r.poisson(share * float64(starts[a][y])) {
				if len(movable) == 0 {
					break
				}
				j := r.IntN(len(movable))
				c := movable[j]
				movable[j] = movable[len(movable)-1]
				movable = movable[:len(movable)-1]
				d, ok := handOverDay(s, c, y, r)
				if !ok {
					continue
				}
				to := r.IntN(len(g.sims) - 1)
				if to >= a {
					to++
				}
				k := g.takeOver(to, next[to], c, d)
				next[to]++
				moved[c] = true
				g.handedOver[a][c.index] = d
				g.takenOver[to] = append(g.takenOver[to], k)
				g.Movers = append(g.Movers, Mover{FromLA: s.la, FromChild: c.id, ToLA: g.sims[to].la, ToChild: k.id, Date: d})
			}
		}
	}
	slices.SortFunc(g.Movers, func(x, y Mover) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.FromLA, y.FromLA), cmp.Compare(x.FromChild, y.FromChild))
	})
}

// freeIndex returns the child index after every index the simulation
// gave (short-break children's apart), for the children taken over.
func freeIndex(children []*child) int {
	n := 0
	for _, c := range children {
		if c.index < shortBreakIndex {
			n = max(n, c.index+1)
		}
	}
	return n
}

// startsByYear counts the periods of care (short breaks apart) starting
// in each collection year.
func startsByYear(children []*child) map[calendar.Year]int {
	out := map[calendar.Year]int{}
	for _, c := range children {
		for _, p := range c.periods {
			if !p.shortBreak {
				out[calendar.YearOf(p.start)]++
			}
		}
	}
	return out
}

// candidates lists the children whose care could be handed over in some
// emitted year: in their last period of care then, neither a short break
// nor with an adoption plan, and not unaccompanied asylum seekers (whose
// transfers follow the national scheme, which the single authority
// already models as E3 to outside the region).
func candidates(s *sim, children []*child) []*candidate {
	var out []*candidate
	for _, c := range children {
		if len(c.periods) == 0 || c.uasc {
			continue
		}
		p := c.periods[len(c.periods)-1]
		if p.shortBreak || p.adoption != nil || len(p.episodes) == 0 || p.end <= s.first.Start() {
			continue
		}
		out = append(out, &candidate{index: c.index, id: c.id, ethnic: c.ethnic, upn: c.upn, noUPN: c.noUPN,
			dob: c.dob, start: p.start, end: p.end, male: c.male, earlyUPN: c.earlyUPN, unknownSex: c.unknownSex})
	}
	return out
}

// inCare lists the candidates in care during year y and not moved before.
func inCare(pool []*candidate, y calendar.Year, moved map[*candidate]bool) []*candidate {
	var out []*candidate
	for _, c := range pool {
		if c.start < y.End() && c.end > y.Start() && !moved[c] {
			out = append(out, c)
		}
	}
	return out
}

// handOverDay picks the day in year y on which the child's care is handed
// over: after the period's first day and before its last, before the
// child turns 16, before the year's last day (so that the child is not
// counted as looked after all year by the authority handing over) and
// before the simulation ends.
func handOverDay(s *sim, c *candidate, y calendar.Year, r *rng) (calendar.Date, bool) {
	lo := max(c.start+1, y.Start())
	hi := min(c.end-1, y.End()-1, s.until-1, addYears(c.dob, moverAgeLimit)-1)
	if hi < lo {
		return 0, false
	}
	return lo + calendar.Date(r.IntN(int(hi-lo)+1)), true
}

// handOverOn ends the child's last period of care on day d, care taken by
// another authority (E3): the episode open on d ends then, later ones
// never happen, and nor do missing spells, deprivation of liberty orders,
// social worker episodes or a baby after it.
func handOverOn(c *child, d calendar.Date) {
	p := c.periods[len(c.periods)-1]
	i := 0
	for i < len(p.episodes)-1 && p.episodes[i].end < d {
		i++
	}
	p.episodes = p.episodes[:i+1]
	ep := &p.episodes[i]
	ep.end, ep.rec, ep.reason = d, "E3", ""
	p.end, p.rec = d, "E3"
	p.missing = clipSpells(p.missing, d)
	p.dolo = clipSpells(p.dolo, d)
	c.social = truncateSocial(c.social, d)
	if c.babyDOB >= d {
		c.babyDOB = 0
	}
}

// clipSpells drops the spells starting on or after d and ends the others
// by d.
func clipSpells(spells []spell, d calendar.Date) []spell {
	out := spells[:0]
	for _, sp := range spells {
		if sp.start < d {
			sp.end = min(sp.end, d)
			out = append(out, sp)
		}
	}
	return out
}

// takeOver makes the child as member a receives them on day d: a new
// life in a's care from d, simulated as any child starting care there at
// that age, under an LA child ID of a's, with the UPN, date of birth,
// sex and ethnicity the child had.
func (g *Region) takeOver(a, index int, from *candidate, d calendar.Date) *child {
	s := g.sims[a]
	k := s.live(index, entry{date: d, ageDays: int(d - from.dob), male: from.male}, newRNG(s.seed, streamChild, 0))
	k.ethnic, k.upn, k.earlyUPN, k.noUPN, k.unknownSex = from.ethnic, from.upn, from.earlyUPN, from.noUPN, from.unknownSex
	return k
}

// Emit emits each member's returns in turn, first member first, and
// passes them to write with the member: it simulates the member again,
// hands over and takes over its movers, and lets it go once written, so
// that one member at a time is in memory. It may be called only once.
func (g *Region) Emit(write func(Authority, *Result) error) error {
	if len(g.sims) > 0 && g.sims[0] == nil {
		return errors.New("synth: region: already emitted")
	}
	for i, a := range g.Authorities {
		s := g.sims[i]
		children := g.simulate(i, s)
		for _, c := range children {
			if d, ok := g.handedOver[i][c.index]; ok {
				handOverOn(c, d)
			}
		}
		res := s.result(g.configs[i], append(children, g.takenOver[i]...))
		g.sims[i], g.takenOver[i] = nil, nil
		if err := write(a, res); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes the region's membership, region.csv: code,name.
func (g *Region) WriteCSV(w io.Writer) error {
	rows := [][]string{{"code", "name"}}
	for _, a := range g.Authorities {
		rows = append(rows, []string{a.Code, a.Name})
	}
	return writeCSV(w, "region.csv", rows)
}

// WriteMoversCSV writes the movers, movers.csv: from_la, from_child,
// to_la, to_child, date (DD/MM/YYYY), the synthetic IDs a test of linking
// across members checks against.
func (g *Region) WriteMoversCSV(w io.Writer) error {
	rows := [][]string{{"from_la", "from_child", "to_la", "to_child", "date"}}
	for _, m := range g.Movers {
		rows = append(rows, []string{m.FromLA, m.FromChild, m.ToLA, m.ToChild, m.Date.String()})
	}
	return writeCSV(w, "movers.csv", rows)
}

// writeCSV writes rows as CSV, naming the file in an error.
func writeCSV(w io.Writer, name string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
