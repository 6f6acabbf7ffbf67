package forecast

import (
	"math"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// lateChange forecasts a synthetic authority whose first entries change
// by factor (0 for none) from 1 October 2025, six months before its data
// ends, and returns the comparison of its recent entries.
func lateChange(t *testing.T, seed uint64, factor float64) (*Result, *RecentEntries) {
	t.Helper()
	end := calendar.NewDate(2026, 3, 31)
	cfg := synth.Config{Children: 800, Years: 3, Until: end, Seed: seed}
	if factor != 0 {
		cfg.EntryFactor, cfg.EntryChangeFrom = factor, calendar.NewDate(2025, 10, 1)
	}
	a, err := generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Forecast(a.set, Options{DataEnd: end, Population: a.pop, Simulations: 200, Seed: 1, Years: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.RecentEntries == nil {
		t.Fatal("no comparison of the recent entries")
	}
	return res, res.RecentEntries
}

// TestRecentEntries: an authority whose first entries rise by 40% six
// months before its data ends is flagged, and the scenario offered puts
// entries at the recent rate: the change over the months before is near
// 1.4 (within two standard errors; returns to care, about 8.5% of
// entries, do not rise at first, so the ratio of all entries is nearer
// 1.37), and the scenario's rate is the recent one. A steady authority is
// not flagged. The synthetic data and the test are deterministic given
// the seed, so the test cannot flake; the seeds are ones whose p-values
// lie far from the 5% threshold (at most 0.005 with the rise, at least
// 0.3 without, measured on seeds 1 to 12: the rise was flagged on 10 of
// the 12, the steady authority on 1, seed 7 at p = 0.018), so that a
// small change in the generator does not flip them, while a test that
// ignored the over-dispersion or the population, or compared the wrong
// months, would.
func TestRecentEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("generates synthetic authorities")
	}
	for _, seed := range []uint64{1, 2, 9, 10} {
		res, re := lateChange(t, seed, 1.4)
		t.Logf("seed %d, entries +40%%: %d against %d, ratio %.3f ± %.3f, φ %.2f, p %.4f, scenario %+.1f%%", seed, re.Entries, re.Earlier, re.Ratio, re.RatioSE, re.Dispersion, re.PValue, re.Scenario.EntryChangePercent)
		if !re.Significant || !hasNote(res, "village forecast --recent-entries") {
			t.Errorf("seed %d: a 40%% rise in entries is not flagged (p = %.4f)", seed, re.PValue)
		}
		if math.Abs(re.Ratio-1.4) > 2*re.RatioSE {
			t.Errorf("seed %d: recent ÷ earlier entry rate %.3f ± %.3f; want 1.4 within two standard errors", seed, re.Ratio, re.RatioSE)
		}
		if got := re.BaselineRate * (1 + re.Scenario.EntryChangePercent/100); math.Abs(got/re.Rate-1) > 1e-9 {
			t.Errorf("seed %d: the scenario's entry rate %.6g; want the recent rate %.6g", seed, got, re.Rate)
		}
		if f := re.Scenario.From; f != calendar.NewDate(2026, 4, 1) {
			t.Errorf("seed %d: the scenario starts on %s; want the start of the projection", seed, f)
		}
	}
	for _, seed := range []uint64{2, 4, 10, 12} {
		res, re := lateChange(t, seed, 0)
		t.Logf("seed %d, steady: %d against %d, ratio %.3f, p %.4f", seed, re.Entries, re.Earlier, re.Ratio, re.PValue)
		if re.Significant || hasNote(res, "--recent-entries") {
			t.Errorf("seed %d: steady entries are flagged (ratio %.3f, p = %.4f)", seed, re.Ratio, re.PValue)
		}
	}
}

// TestRecentEntriesScenario: Options.RecentEntries runs the recent rate
// as the scenario, and not beside another scenario.
func TestRecentEntriesScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("uses the synthetic authority")
	}
	a := syntheticAuthority(t)
	opts := Options{DataEnd: a.dataEnd, Population: a.pop, Simulations: 50, Years: 1, RecentEntries: true}
	res, err := Forecast(a.set, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Scenario == nil || res.Scenario.Scenario != res.RecentEntries.Scenario {
		t.Fatalf("the recent entries' scenario was not run: %+v", res.Scenario)
	}
	opts.Scenario = &Scenario{Name: "another"}
	if err := opts.Check(); err == nil || !strings.Contains(err.Error(), "one or the other") {
		t.Errorf("a scenario beside --recent-entries: error %v; want one saying to choose", err)
	}
}
