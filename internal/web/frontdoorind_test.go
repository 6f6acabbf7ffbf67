package web

import (
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with the file under testdata, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; got\n%s", name, got)
	}
}

// TestFrontDoorAPIGolden checks the front door's JSON for the synthetic
// censuses, for analysts and publishable, against golden files: the
// overview, a count with breakdowns by age, sex and disability, the
// categories of abuse (withheld when publishable), and a figure the
// returns cannot give.
func TestFrontDoorAPIGolden(t *testing.T) {
	a := synthetic(t)
	front := syntheticFront(t, a)
	for _, publishable := range []bool{false, true} {
		h := newServer(t, a, Options{Store: fakeStore(), Front: front, Publishable: publishable}).Handler()
		mode := map[bool]string{false: "exact", true: "publishable"}[publishable]
		for _, c := range []struct{ name, path string }{
			{"overview", "/api/front-door"},
			{"cin_end", "/api/front-door/cin_end"},
			{"cin_referrals", "/api/front-door/cin_referrals?period=2025/26%20Q3"},
			{"cp_by_category", "/api/front-door/cp_by_category"},
			{"referral_to_care_12m", "/api/front-door/referral_to_care_12m"},
		} {
			code, body := fetch(t, h, http.MethodGet, c.path, nil)
			if code != http.StatusOK || !strings.Contains(body, `"mode": "`+mode+`"`) {
				t.Errorf("%s %s: %d\n%s", mode, c.path, code, body)
				continue
			}
			golden(t, "frontdoor-"+c.name+"-"+mode+".json", body)
		}
	}
}

// TestFrontDoorAPIRefuses checks the answers to what cannot be given.
func TestFrontDoorAPIRefuses(t *testing.T) {
	a := synthetic(t)
	with := newServer(t, a, Options{Store: fakeStore(), Front: frontDoorSet("A", "B")}).Handler()
	without := newServer(t, a, Options{Store: fakeStore()}).Handler()
	for _, c := range []struct {
		name string
		h    http.Handler
		path string
		code int
		want string
	}{
		{"no such indicator", with, "/api/front-door/nothing", http.StatusNotFound, "no front-door indicator nothing"},
		{"no such page", with, "/front-door/nothing", http.StatusNotFound, "Page not found"},
		{"a bad period", with, "/api/front-door?period=soon", http.StatusBadRequest, "period: expected"},
		{"a bad period, page", with, "/front-door/cin_end?period=soon", http.StatusBadRequest, "Period not recognised"},
		{"no census", without, "/api/front-door", http.StatusNotFound, "no children in need census is loaded"},
		{"no census, indicator", without, "/api/front-door/cin_end", http.StatusNotFound, "no children in need census is loaded"},
	} {
		code, body := fetch(t, c.h, http.MethodGet, c.path, nil)
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want %d with %q\n%s", c.name, code, c.code, c.want, body)
		}
	}
}

// TestFrontDoorOverviewIndicators checks the CIN indicators on
// /front-door: each linked to its page, the year before and the
// direction of travel, a quarter shown for the collection year it ends
// in, and a figure the returns cannot give shown as not available with
// its reason, never 0.
func TestFrontDoorOverviewIndicators(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Front: frontDoorSet("A", "B")}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/front-door?period=2025/26%20Q3", nil)
	for _, want := range []string{
		`<a class="govuk-link" href="/front-door/cp_plans_end?period=2025%2F26%20Q3">Children on a child protection plan at 31 March</a>`,
		`Children in need indicators, 2025/26`,
		`shown for the collection year 2025/26, which Q3 2025/26`,
		// A: one plan open on 31 March 2025, B's on 31 March 2026.
		`<td class="govuk-table__cell govuk-table__cell--numeric">1</td><td class="govuk-table__cell govuk-table__cell--numeric">1</td><td class="govuk-table__cell">No change</td>`,
		// Neither child is in the 903's journeys for 2026/27, so no
		// 12 months after 2025/26 to come into care in.
		`needs SSDA903 returns from 2025/26 to 2026/27`,
		`href="/api/front-door?period=2025%2F26%20Q3"`,
		`aria-current="true">Front door</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in\n%s", want, body)
		}
	}
	if code != http.StatusOK || strings.Count(body, `href="/front-door/`) != len(cinind.All()) {
		t.Errorf("%d, %d indicator links, want %d", code, strings.Count(body, `href="/front-door/`), len(cinind.All()))
	}
	checkAccessible(t, "/front-door", body)
}

// TestFrontDoorIndicatorPage checks an indicator's page: definition,
// numerator and denominator, every census year, the chart when every
// year is shown, and the breakdowns in each mode.
func TestFrontDoorIndicatorPage(t *testing.T) {
	a := synthetic(t)
	front := syntheticFront(t, a)
	for _, c := range []struct {
		name        string
		path        string
		publishable bool
		want        []string
		notWant     string
	}{
		{"referrals", "/front-door/cin_referrals", false, []string{"Numerator", "referrals made in the year", "By source",
			`<svg`, "2022/23", "2025/26"}, "Denominator</dt>"},
		{"a share", "/front-door/assessments_45wd_share", false, []string{"Denominator", "assessments completed in the year"}, "Breakdowns"},
		{"categories, exact", "/front-door/cp_by_category", false, []string{"By category", "NEG"}, categoryWithheld},
		{"categories, publishable", "/front-door/cp_by_category", true, []string{"By category", categoryWithheld}, "NEG</th>"},
		{"in need, publishable", "/front-door/cin_end", true, []string{"By age", "By sex", "By disability", "16 and over"}, ""},
	} {
		h := newServer(t, a, Options{Store: fakeStore(), Front: front, Publishable: c.publishable}).Handler()
		code, body := fetch(t, h, http.MethodGet, c.path, nil)
		if code != http.StatusOK || (c.notWant != "" && strings.Contains(body, c.notWant)) {
			t.Errorf("%s: %d, or has %q\n%s", c.name, code, c.notWant, body)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in\n%s", c.name, w, body)
			}
		}
		checkAccessible(t, c.path, body)
	}
}

// TestFrontDoorPublishable checks that in publishable mode the front
// door's JSON shows no count of 1 to 5 anywhere, and that no breakdown
// leaves a single group suppressed beside a published total, which the
// total and the other groups would give away.
func TestFrontDoorPublishable(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Front: syntheticFront(t, a), Publishable: true}).Handler()
	type value struct {
		Shown     string `json:"shown"`
		Numerator *int   `json:"numerator"`
	}
	small := func(n *int) bool { return n != nil && *n >= 1 && *n <= 5 }
	suppressedSeen := false
	for _, ind := range cinind.All() {
		for _, year := range []string{"2023/24", "2024/25", "2025/26"} {
			_, body := fetch(t, h, http.MethodGet, "/api/front-door/"+ind.ID+"?period="+year, nil)
			var out struct {
				Value      value   `json:"value"`
				Years      []value `json:"years"`
				Breakdowns []struct {
					value
					By string `json:"by"`
				} `json:"breakdowns"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatalf("%s: %v\n%s", ind.ID, err, body)
			}
			for _, v := range append(out.Years, out.Value) {
				if small(v.Numerator) {
					t.Errorf("%s %s: a numerator of %d is shown", ind.ID, year, *v.Numerator)
				}
			}
			hidden := map[string]int{}
			for _, b := range out.Breakdowns {
				if small(b.Numerator) || (ind.Unit == "children" && b.Shown >= "1" && b.Shown <= "5" && len(b.Shown) == 1) {
					t.Errorf("%s %s by %s: %s shown", ind.ID, year, b.By, b.Shown)
				}
				if b.Shown == "c" {
					hidden[b.By]++
					suppressedSeen = true
				}
			}
			for by, n := range hidden {
				if n == 1 && out.Value.Shown != "c" {
					t.Errorf("%s %s by %s: one group suppressed beside the total %s", ind.ID, year, by, out.Value.Shown)
				}
			}
		}
	}
	if !suppressedSeen {
		t.Error("nothing was suppressed: the test shows nothing")
	}
}

// TestCINFigureCache checks that the figures of the years loaded (and
// the year before the first) are kept once computed, and those of other
// years are not, so that asking for years at random fills no memory.
func TestCINFigureCache(t *testing.T) {
	s := newServer(t, synthetic(t), Options{Store: fakeStore(), Front: frontDoorSet("A", "B")})
	for _, c := range []struct {
		year int
		kept bool
	}{{2024, true}, {2025, true}, {2026, true}, {2023, false}, {2040, false}} {
		y := calendar.Year(c.year)
		first := s.cinFigures(y)
		_, kept := s.frontDoorCache.years[y]
		if kept != c.kept || len(first) != len(cinind.All()) {
			t.Errorf("%d: kept %v, want %v; %d figures", c.year, kept, c.kept, len(first))
		}
		if c.kept && &s.cinFigures(y)[0] != &first[0] {
			t.Errorf("%d: computed again", c.year)
		}
		if got := s.cinFigure(cinind.ByID("cin_referrals"), y); got.Indicator.ID != "cin_referrals" || got.Value.Numerator != first[0].Value.Numerator {
			t.Errorf("%d: cinFigure gives %+v, want %+v", c.year, got, first[0])
		}
	}
}
