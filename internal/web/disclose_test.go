package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/indicators"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/synth"
)

// exactText is a value as analysts see it.
func exactText(ind *indicators.Indicator, v indicators.Value) string {
	return indicators.Show(ind, v, false)
}

// groupsOf is a breakdown's groups with their exact figures.
func groupsOf(ind *indicators.Indicator, set *journey.Set, p calendar.Period, by indicators.By) []indicators.Group {
	return indicators.Breakdown(ind, set, p, by, disclose.Exact).Groups
}

// apiValueOf is a value alone in the API, in the server's mode.
func (s *Server) apiValueOf(ind *indicators.Indicator, p calendar.Period, v indicators.Value) apiValue {
	return s.apiValue(ind, p, v, indicators.Publish(ind, v, s.policy()))
}

// changeOf is the change between two values alone, in the server's mode.
func (s *Server) changeOf(ind *indicators.Indicator, now, then indicators.Value) string {
	return s.change(ind, now, then, indicators.Publish(ind, now, s.policy()), indicators.Publish(ind, then, s.policy()))
}

// TestFanTableIsTheResults draws every series of a real forecast as the
// forecast page does and checks that each row of its data table gives the
// Result's figures for that month, rounded: the history's observed count,
// the projection's median and intervals.
func TestFanTableIsTheResults(t *testing.T) {
	end := calendar.NewDate(2026, 3, 31)
	res, err := synth.Generate(synth.Config{Children: 200, Years: 3, Until: end, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	set, err := journey.Build(res.Returns)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := forecast.Forecast(set, forecast.Options{DataEnd: end, Years: 2, Simulations: 100, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{}
	row := regexp.MustCompile(`<tr[^>]*><th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>`)
	interval := func(lo, hi float64) string { return chart.Whole(lo) + " to " + chart.Whole(hi) }
	series := append([]forecast.Series{fc.Baseline.Total}, fc.Baseline.ByCategory...)
	for _, sr := range append(series, fc.Baseline.ByBand...) {
		for _, step := range []int{3, 12} {
			var buf bytes.Buffer
			if err := (chart.Fan{ID: sr.Key, Title: sr.Label, Unit: "children", Series: s.fanSeries(sr), Step: step}).Write(&buf); err != nil {
				t.Fatal(err)
			}
			want := map[string][4]string{}
			for _, p := range sr.History {
				want[chart.LongDate(p.Date)] = [4]string{chart.Whole(p.Value), "", "", ""}
			}
			for _, iv := range sr.Forecast {
				want[chart.LongDate(iv.Date)] = [4]string{"", chart.Whole(iv.Median), interval(iv.P25, iv.P75), interval(iv.P5, iv.P95)}
			}
			rows := row.FindAllStringSubmatch(buf.String(), -1)
			// 36 months of history a year apart: 3 rows; 24 months every
			// step months.
			if wantRows := 3 + 24/step; len(rows) != wantRows {
				t.Errorf("%s, every %d months: %d rows, want %d", sr.Key, step, len(rows), wantRows)
			}
			for _, r := range rows {
				if got := [4]string{r[2], r[3], r[4], r[5]}; got != want[r[1]] {
					t.Errorf("%s, %s: table %q, Result %q", sr.Key, r[1], got, want[r[1]])
				}
			}
		}
	}
}

// TestPublishableNothingRecoverable reads every indicator's JSON, as a
// reader of the publishable pages would, and works out from the published
// numbers alone what it can: no group publishes 1 to 5 children, no
// published share leaves out 1 to 5 children, and no suppressed group's
// children are the published total less the other published groups.
// Before secondary suppression it failed (on the data, 2 mothers
// in care aged 10-15 were 13 less the 11 aged 16-17).
func TestPublishableNothingRecoverable(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Publishable: true}).Handler()
	checked := 0
	for _, ind := range indicators.All() {
		_, body := fetch(t, h, http.MethodGet, "/api/indicators/"+ind.ID, nil)
		var got apiIndicatorOut
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%s: %v", ind.ID, err)
		}
		all := append([]apiValue{got.Value}, append(got.Months, got.Breakdowns...)...)
		if got.Previous != nil {
			all = append(all, *got.Previous)
		}
		for _, v := range all {
			if v.Numerator != nil && *v.Numerator >= 1 && *v.Numerator <= 5 {
				t.Errorf("%s %s %s %s: %d children published", ind.ID, v.Period, v.By, v.Group, *v.Numerator)
			}
			if ind.Unit == indicators.Percent && v.Numerator != nil && v.Denominator != nil {
				if rest := *v.Denominator - *v.Numerator; rest >= 1 && rest <= 5 {
					t.Errorf("%s %s %s %s: %d of %d published, leaving out %d", ind.ID, v.Period, v.By, v.Group, *v.Numerator, *v.Denominator, rest)
				}
			}
		}
		if got.Value.Numerator == nil {
			continue // no total to work from
		}
		total := *got.Value.Numerator
		published := map[string]int{}
		for _, v := range got.Breakdowns {
			if v.Numerator != nil {
				published[v.By] += *v.Numerator
			}
		}
		for _, by := range indicators.AllBreakdowns() {
			for _, g := range groupsOf(ind, a.set, a.period, by) {
				var shown *apiValue
				for i, v := range got.Breakdowns {
					if v.By == by.String() && v.Group == g.Label {
						shown = &got.Breakdowns[i]
					}
				}
				if shown == nil {
					t.Fatalf("%s by %s: no group %s in the JSON", ind.ID, by, g.Label)
				}
				checked++
				if n := g.Value.Numerator; shown.Numerator == nil && n != 0 && n == total-published[by.String()] {
					t.Errorf("%s by %s, %s: suppressed, yet %d children is the total %d less the published groups",
						ind.ID, by, g.Label, n, total)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no breakdown checked")
	}
}

// TestPackNothingRecoverable reads the publishable pack's counts as a
// reader would: no suppressed group is the published total less the other
// published groups, and every count of 1 to 5 is suppressed.
func TestPackNothingRecoverable(t *testing.T) {
	a := synthetic(t)
	q := calendar.CalendarQuarter(2026, 1)
	m := pack.Pack{Set: a.set, Population: a.pop, Quarter: q, Publishable: true}.Model()
	for _, s := range m.Sections {
		if s.Indicator.Unit != indicators.Children {
			continue
		}
		total, err := strconv.Atoi(s.NowText)
		if err != nil {
			continue // suppressed or not known: no total to work from
		}
		exact := map[string]int{}
		for _, by := range indicators.AllBreakdowns() {
			for _, g := range groupsOf(s.Indicator, a.set, q, by) {
				exact[by.String()+"/"+g.Label] = g.Value.Numerator
			}
		}
		for _, b := range s.Breakdowns {
			published := 0
			for _, g := range b.Groups {
				if n, err := strconv.Atoi(g.Text); err == nil {
					published += n
					if n >= 1 && n <= 5 {
						t.Errorf("%s by %s, %s: %d published", s.Indicator.ID, b.By, g.Label, n)
					}
				}
			}
			for _, g := range b.Groups {
				if _, err := strconv.Atoi(g.Text); err != nil {
					if n := exact[b.By+"/"+g.Label]; n != 0 && n == total-published {
						t.Errorf("%s by %s, %s: suppressed, yet %d is the total %d less the published groups", s.Indicator.ID, b.By, g.Label, n, total)
					}
				}
			}
		}
	}
}
