package synth

import (
	"errors"
	"fmt"
	"regexp"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// DefaultLA is the GSS code of the fictional authority when Config.LA is
// blank.
const DefaultLA = "E06000999"

// Config says what to generate.
type Config struct {
	Children  int           // target number looked after at the last 31 March (e.g. 3000)
	Years     int           // number of collection years to emit (e.g. 6)
	Until     calendar.Date // the simulation ends here; the last emitted year is the collection year containing Until
	Seed      uint64
	ErrorRate float64 // share of eligible rows given a data-entry mistake; 0 for clean returns
	LA        string  // GSS code of the fictional authority; DefaultLA if blank

	// EntryFactor, when not 0, scales the rate at which children first
	// enter care (UASC included; returns to care follow from earlier
	// leavers) from the day EntryChangeFrom: 0.8 is a fifth fewer, as a
	// reception-into-care panel might achieve. It gives the forecast's
	// tests a known change to recover. 0 (the default) is no change.
	EntryFactor     float64
	EntryChangeFrom calendar.Date

	// Effects are known changes to the world from a date (effects.go),
	// written as ParseEffect reads them and separated by commas
	// ("starts:-20%@2024-07-01,moves:+10%@2025-01-01"): starts or moves
	// multiplied, so that an evaluation can be tested on them. Text keeps
	// Config comparable.
	Effects string
}

// Result is what Generate produces.
type Result struct {
	Returns    []*ssda903.Return // oldest first, one per collection year
	Population []PopulationRow   // 0-17 population by mid-year, sex and single year of age
	Postcodes  []PostcodeRow     // the synthetic postcode directory
	Providers  []ProviderRow     // the Ofsted-registered providers the authority places with
	Injected   []InjectedError   // the mistakes ErrorRate introduced; empty when it is 0
	Report     *Report           // the last year's figures against England's
	Truth      *Truth            // the rates the simulation was given, for models' tests
	Effects    []Effect          // the known changes made (Config.Effects)

	cin *cinLater // the children in need censuses (CIN), made when first asked for
}

// Limits on the configuration.
const (
	maxChildren = 200_000
	maxYears    = 40
)

// gssCode matches the GSS code of an English upper-tier authority:
// unitary (E06), metropolitan district (E08), London borough (E09) or
// county (E10).
var gssCode = regexp.MustCompile(`^E(06|08|09|10)\d{6}$`)

// check validates the configuration and fills in defaults.
func (cfg Config) check() (Config, error) {
	var errs []error
	if cfg.Children < 1 || cfg.Children > maxChildren {
		errs = append(errs, fmt.Errorf("Children must be between 1 and %d, not %d", maxChildren, cfg.Children))
	}
	if cfg.Years < 1 || cfg.Years > maxYears {
		errs = append(errs, fmt.Errorf("Years must be between 1 and %d, not %d", maxYears, cfg.Years))
	}
	if y := cfg.Until.Year(); y < 2000 || y > 2100 {
		errs = append(errs, fmt.Errorf("Until must be a date from 2000 to 2100, not %s", cfg.Until))
	}
	if !(cfg.ErrorRate >= 0 && cfg.ErrorRate <= 1) { // also rejects NaN
		errs = append(errs, fmt.Errorf("ErrorRate must be between 0 and 1, not %v", cfg.ErrorRate))
	}
	if !(cfg.EntryFactor >= 0 && cfg.EntryFactor <= 10) { // also rejects NaN
		errs = append(errs, fmt.Errorf("EntryFactor must be between 0 and 10, not %v", cfg.EntryFactor))
	}
	if _, err := ParseEffects(cfg.Effects); err != nil {
		errs = append(errs, err)
	}
	if cfg.LA == "" {
		cfg.LA = DefaultLA
	}
	if !gssCode.MatchString(cfg.LA) {
		errs = append(errs, fmt.Errorf("LA must be the GSS code of an English authority, such as %s, not %q", DefaultLA, cfg.LA))
	}
	return cfg, errors.Join(errs...)
}

// Generate simulates the children looked after by one fictional authority
// and returns its SSDA903 returns for the configured years, with the
// population, postcode directory and report that go with them. The same
// configuration always gives the same result.
func Generate(cfg Config) (*Result, error) {
	cfg, err := cfg.check()
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	s := newSim(cfg)
	return s.result(cfg, s.simulate()), nil
}

// result emits the simulated children's returns and everything that goes
// with them.
func (s *sim) result(cfg Config, children []*child) *Result {
	res := &Result{
		Returns:    s.emitAll(children),
		Population: s.pop.rows(s.la, int(s.first)-1, int(s.last)-1),
		Postcodes:  s.dir.rows,
		Providers:  s.providerRows(),
	}
	res.Injected = inject(res.Returns, cfg.ErrorRate, s.seed)
	res.cin = &cinLater{s: s, children: children, rate: cfg.ErrorRate}
	res.Report = s.report(children)
	res.Truth = s.truth()
	res.Effects = s.effects
	return res
}

// emitAll builds every year's return, in parallel, oldest first, each
// linked to the year before.
func (s *sim) emitAll(children []*child) []*ssda903.Return {
	n := int(s.last-s.first) + 1
	out := make([]*ssda903.Return, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = s.emit(children, s.first+calendar.Year(i))
		}()
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		out[i].Last = out[i-1]
	}
	return out
}
