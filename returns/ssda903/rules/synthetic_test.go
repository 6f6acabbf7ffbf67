package rules_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/ofsted"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903/rules"
)

// generate makes a synthetic authority up to 31 March 2027, so that both
// supported collection years are in it, and its postcode directory.
func generate(t testing.TB, seed uint64, errorRate float64) (*synth.Result, *postcode.Directory) {
	t.Helper()
	res, err := synth.Generate(synth.Config{Children: 1500, Years: 8, Until: calendar.NewDate(2027, 3, 31),
		Seed: seed, ErrorRate: errorRate, LA: synth.DefaultLA})
	if err != nil {
		t.Fatal(err)
	}
	return postcodesOf(t, res)
}

// postcodesOf reads the synthetic authority's postcode directory.
func postcodesOf(t testing.TB, res *synth.Result) (*synth.Result, *postcode.Directory) {
	t.Helper()
	var buf bytes.Buffer
	if err := res.WritePostcodesCSV(&buf); err != nil {
		t.Fatal(err)
	}
	dir, err := postcode.Read("postcodes.csv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	return res, dir
}

// providersOf writes the synthetic area's providers as an Ofsted list and
// reads it back, as a council would give it to validate.
func providersOf(t testing.TB, res *synth.Result, dir *postcode.Directory) *ofsted.List {
	t.Helper()
	list := make([]rules.Provider, len(res.Providers))
	for i, p := range res.Providers {
		list[i] = rules.Provider{URN: p.URN, PlaceCodes: p.PlaceCodes, ProviderCodes: []string{p.ProviderCode}, Postcode: p.Postcode}
	}
	var buf bytes.Buffer
	if err := ofsted.Write(&buf, list); err != nil {
		t.Fatal(err)
	}
	l := ofsted.New()
	if err := l.Add("providers.xlsx", &buf, dir); err != nil {
		t.Fatal(err)
	}
	return l
}

// validate runs year y's rule set over the synthetic return for y, with
// every earlier year attached, the postcode directory and the providers.
func validate(t testing.TB, res *synth.Result, dir *postcode.Directory, y calendar.Year) *rules.Report {
	t.Helper()
	providers := providersOf(t, res, dir)
	for _, r := range res.Returns {
		if r.Year == y {
			return rules.Run(rules.NewInput(r, dir, providers), rules.Rules().For(y))
		}
	}
	t.Fatalf("no synthetic return for %s", y)
	return nil
}

// TestCleanSyntheticReturnsPassEveryDfERule: a synthetic return without
// injected mistakes breaks no DfE rule, in either supported year. The
// generator and the rules are written apart, so this holds each to the
// other.
func TestCleanSyntheticReturnsPassEveryDfERule(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		res, dir := generate(t, seed, 0)
		for _, y := range rules.Rules().Years() {
			rep := validate(t, res, dir, y)
			var lines []string
			for _, f := range rep.Failures {
				if f.Rule.Origin == rules.DfE || strings.HasPrefix(f.Rule.Code, "VIL") {
					lines = append(lines, fmt.Sprintf("%s %s row %d: %s", f.Rule.Code, f.Table, f.Row, f.Explanation))
				}
			}
			if len(lines) > 0 {
				t.Errorf("seed %d, %s: %d failures on a clean return, first:\n%s", seed, y, len(lines), strings.Join(lines[:min(20, len(lines))], "\n"))
			}
			for _, s := range rep.Skipped {
				if !(s.Rule.Code == "706" && y == 2027) {
					t.Errorf("seed %d, %s: rule %s skipped: %s", seed, y, s.Rule.Code, s.Reason)
				}
			}
		}
	}
}

// TestInjectedMistakesAreFound: every data-entry mistake the generator
// injects is reported by the rule meant to catch it, on the row it was put.
func TestInjectedMistakesAreFound(t *testing.T) {
	res, dir := generate(t, 3, 0.02)
	checked := 0
	for _, y := range rules.Rules().Years() {
		rep := validate(t, res, dir, y)
		found := map[string]bool{}
		for _, f := range rep.Failures {
			if !f.Last {
				found[fmt.Sprintf("%s/%s/%d", f.Rule.Code, f.Table, f.Row)] = true
			}
		}
		for _, inj := range res.Injected {
			if inj.Year != y {
				continue
			}
			checked++
			if !found[fmt.Sprintf("%s/%s/%d", inj.Rule, inj.Table, inj.Row)] {
				t.Errorf("%s: %s in %s row %d (%s %q → %q) not reported by rule %s",
					y, inj.Kind, inj.Table, inj.Row, inj.Field, inj.Was, inj.Now, inj.Rule)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d injected mistakes in the supported years; the test needs more to mean anything", checked)
	}
}
