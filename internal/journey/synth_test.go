package journey

import (
	"reflect"
	"slices"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
)

// generate makes synthetic returns or fails.
func generate(tb testing.TB, cfg synth.Config) []*ssda903.Return {
	tb.Helper()
	res, err := synth.Generate(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Returns
}

// TestSynthetic builds the journeys of six years of a synthetic authority
// and checks what must hold of any journey, and that they agree with the
// latest return on who is looked after on its last day.
func TestSynthetic(t *testing.T) {
	end := calendar.NewDate(2026, 3, 31)
	returns := generate(t, synth.Config{Children: 500, Years: 6, Until: end, Seed: 3})
	s := mustBuild(t, returns...)
	checkInvariants(t, s)

	got := 0
	for _, c := range s.Children {
		if c.LookedAfterOn(end) {
			got++
		}
	}
	latest := returns[len(returns)-1]
	if want := lookedAfterIn(latest, end); got != want || got == 0 {
		t.Errorf("%d children looked after on %s from the journeys, %d in the %s return", got, end, want, latest.Year)
	}
	t.Logf("%d children, %d looked after on %s; repairs: %v", len(s.Children), got, end, counts(&s.Repairs))

	// Clean synthetic returns need nothing repaired: only the copies that
	// a longitudinal return carries from year to year go.
	for k, n := range counts(&s.Repairs) {
		if k != DuplicateDropped && k != ClosedByNextYear {
			t.Errorf("%d repairs of kind %q on clean synthetic returns", n, k)
		}
	}

	// The order of the returns does not matter.
	reversed := slices.Clone(returns)
	slices.Reverse(reversed)
	if !reflect.DeepEqual(mustBuild(t, reversed...), s) {
		t.Error("the returns in reverse order give other journeys")
	}

	checkCareLeavers(t, s, latest, returns[0].Year)
}

// lookedAfterIn counts the children with an episode other than a short
// break open on day d in one return: started by d, and with no DEC or a
// DEC after d.
func lookedAfterIn(r *ssda903.Return, d calendar.Date) int {
	t := r.Table(ssda903.Episodes)
	child, decom, dec, ls := index(t, "CHILD"), index(t, "DECOM"), index(t, "DEC"), index(t, "LS")
	seen := map[string]bool{}
	for _, row := range t.Rows {
		start, ok := calendar.ParseDate(cell(row, decom))
		if !ok || start > d || cell(row, ls) == "V3" || cell(row, ls) == "V4" {
			continue
		}
		if end, ok := calendar.ParseDate(cell(row, dec)); ok && end <= d {
			continue
		}
		seen[cell(row, child)] = true
	}
	return len(seen)
}

// checkCareLeavers checks that every child the generator followed up as a
// care leaver (an OC3 row in the latest return) was an eligible child who
// had left care on the birthday followed up, when all their time in care
// since 14 falls in the loaded years (from the start of year first).
func checkCareLeavers(t *testing.T, s *Set, latest *ssda903.Return, first calendar.Year) {
	t.Helper()
	oc3 := latest.Table(ssda903.OC3)
	child := index(oc3, "CHILD")
	checked, leavers := 0, 0
	for _, row := range oc3.Rows {
		c := s.Child(cell(row, child))
		if c == nil || !c.HasDOB || c.DOB.AddYears(14) < first.Start() {
			continue
		}
		birthday, ok := birthdayIn(c, latest.Year)
		if !ok {
			t.Errorf("child %s has OC3 data but no 17th to 21st birthday in %s", c.ID, latest.Year)
			continue
		}
		checked++
		if _, ok := c.eligibleLeaver(birthday); !ok {
			t.Errorf("child %s, followed up on their birthday %s, is not an eligible child who left care: %s", c.ID, birthday, describe(c))
		}
		if c.CareLeaver(birthday) {
			leavers++
		}
	}
	if checked == 0 {
		t.Error("no care leaver could be checked")
	}
	t.Logf("%d OC3 children checked; %d of them relevant or former relevant children (the rest went home)", checked, leavers)
}

// birthdayIn returns the child's 17th to 21st birthday that falls in year y.
func birthdayIn(c *Child, y calendar.Year) (calendar.Date, bool) {
	for age := 17; age <= 21; age++ {
		if d := c.DOB.AddYears(age); y.Contains(d) {
			return d, true
		}
	}
	return 0, false
}

// BenchmarkBuild builds ten years of journeys of an authority with about
// 2,000 children in care; the target is under a second.
func BenchmarkBuild(b *testing.B) {
	returns := generate(b, synth.Config{Children: 2000, Years: 10, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
	rows := 0
	for _, r := range returns {
		rows += r.Table(ssda903.Episodes).Len()
	}
	b.ReportAllocs()
	var s *Set
	for b.Loop() {
		var err error
		if s, err = Build(returns); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(len(s.Children)), "children")
}

// TestSyntheticMistakes builds journeys from synthetic returns with
// realistic data-entry mistakes injected: whatever they break, the
// journeys still hold together and every repair is counted.
func TestSyntheticMistakes(t *testing.T) {
	returns := generate(t, synth.Config{Children: 300, Years: 4, Until: calendar.NewDate(2026, 3, 31), Seed: 5, ErrorRate: 0.05})
	s := mustBuild(t, returns...)
	checkInvariants(t, s)
	t.Logf("repairs: %v", counts(&s.Repairs))
}
