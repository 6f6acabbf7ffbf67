package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// syntheticFront is the front door of the synthetic authority's CIN
// censuses, read back from their XML as a load would.
func syntheticFront(t testing.TB, a authority) *frontdoor.Set {
	var censuses []*returns.Return
	for _, c := range a.res.CIN() {
		var b bytes.Buffer
		if err := c.WriteXML(&b); err != nil {
			t.Fatal(err)
		}
		tables, _, err := cin.ReadXML("cin-census.xml", &b)
		if err != nil {
			t.Fatal(err)
		}
		r := returns.NewReturn(cin.Collection, c.Year, "")
		r.Tables = tables
		censuses = append(censuses, r)
	}
	return frontdoor.Build(censuses)
}

// frontDoorSet is a small front door of two census years: a child with
// a referral in 2024/25 whose plan is open across 31 March 2025 and ends
// in 2025/26, and a second child, whose ID is other, with a referral in
// 2025/26 and two plans, one open at 31 March 2026.
func frontDoorSet(first, other string) *frontdoor.Set {
	d := calendar.NewDate
	plan := func(start, end calendar.Date, open bool) frontdoor.ProtectionPlan {
		return frontdoor.ProtectionPlan{Span: frontdoor.Span{Start: start, End: end, Open: open}, InitialCategory: "NEG"}
	}
	a := &frontdoor.Child{ID: first, Referrals: []frontdoor.Referral{{
		Start: d(2024, 5, 1), End: d(2025, 6, 30), Source: "1A", Need: "N1", ClosureReason: "RC1",
		Assessments: []frontdoor.Assessment{{Start: d(2024, 5, 2), Authorised: d(2024, 6, 1), Done: true}},
		Section47s:  []frontdoor.Section47{{Start: d(2024, 5, 3), Conference: d(2024, 5, 20), HeldICPC: true}},
		Plans:       []frontdoor.ProtectionPlan{plan(d(2024, 5, 20), d(2025, 6, 1), false)},
	}}}
	b := &frontdoor.Child{ID: other, Referrals: []frontdoor.Referral{{
		Start: d(2025, 9, 1), Open: true, Source: "2B", Need: "N2",
		Assessments: []frontdoor.Assessment{{Start: d(2025, 9, 2)}, {Start: d(2026, 1, 5)}},
		Plans:       []frontdoor.ProtectionPlan{plan(d(2025, 10, 1), d(2025, 12, 1), false), plan(d(2026, 2, 1), 0, true)},
	}}}
	s := &frontdoor.Set{First: 2025, Last: 2026, Children: []*frontdoor.Child{a, b}}
	if b.ID < a.ID {
		s.Children = []*frontdoor.Child{b, a}
	}
	return s
}

func TestCountFrontDoor(t *testing.T) {
	got := countFrontDoor(frontDoorSet("A", "B"))
	want := map[calendar.Year]frontDoorCounts{
		2025: {referrals: 1, assessments: 1, section47s: 1, plansBegun: 1, plansOpen: 1},
		2026: {referrals: 1, assessments: 2, section47s: 0, plansBegun: 2, plansOpen: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d years, want %d", len(got), len(want))
	}
	for y, w := range want {
		if g := got[y]; g == nil || *g != w {
			t.Errorf("%s: %+v, want %+v", y, g, w)
		}
	}
	if n := countFrontDoor(&frontdoor.Set{}); len(n) != 0 {
		t.Errorf("no census: %v", n)
	}
}

// TestFrontDoorPage checks the page's counts, exact for analysts and
// suppressed when publishable, the overview's link to it, and what it
// says when no census is loaded.
func TestFrontDoorPage(t *testing.T) {
	a := synthetic(t)
	front := frontDoorSet("A", "B")
	for _, c := range []struct {
		name        string
		publishable bool
		row         string
	}{
		{"exact", false, `<th scope="row" class="govuk-table__header">2025/26</th><td class="govuk-table__cell govuk-table__cell--numeric">1</td><td class="govuk-table__cell govuk-table__cell--numeric">2</td><td class="govuk-table__cell govuk-table__cell--numeric">0</td>`},
		{"publishable", true, `<th scope="row" class="govuk-table__header">2025/26</th><td class="govuk-table__cell govuk-table__cell--numeric">c</td><td class="govuk-table__cell govuk-table__cell--numeric">c</td><td class="govuk-table__cell govuk-table__cell--numeric">0</td>`},
	} {
		h := newServer(t, a, Options{Store: fakeStore(), Front: front, Publishable: c.publishable}).Handler()
		code, body := fetch(t, h, http.MethodGet, "/front-door", nil)
		if code != http.StatusOK || !strings.Contains(body, c.row) || !strings.Contains(body, "2024/25 to 2025/26") {
			t.Errorf("%s: %d\n%s", c.name, code, body)
		}
		checkAccessible(t, "/front-door", body)
		if _, body := fetch(t, h, http.MethodGet, "/", nil); !strings.Contains(body, `href="/front-door"`) {
			t.Errorf("%s: the overview does not link to the front door", c.name)
		}
	}
	// The synthetic censuses, as the shared server shows them: every year.
	if code, body := get(t, "/front-door"); code != http.StatusOK || strings.Count(body, `<th scope="row" class="govuk-table__header">20`) != 4 {
		t.Errorf("the synthetic censuses: %d\n%s", code, body)
	}
	h := newServer(t, a, Options{Store: fakeStore()}).Handler()
	if code, body := fetch(t, h, http.MethodGet, "/front-door", nil); code != http.StatusOK || !strings.Contains(body, "No children in need census is loaded") {
		t.Errorf("no census: %d\n%s", code, body)
	}
	if _, body := fetch(t, h, http.MethodGet, "/", nil); strings.Contains(body, `href="/front-door"`) {
		t.Error("the overview links to the front door with no census loaded")
	}
}

// TestChildFrontDoor checks that a child's page shows the front door
// beside the journey through care, shows a child only the census has,
// and records each view in the audit log first, as for the journey.
func TestChildFrontDoor(t *testing.T) {
	a := synthetic(t)
	inCare := a.res.Returns[len(a.res.Returns)-1].Table("Header").Rows[0].Values[0]
	if a.set.Child(inCare) == nil {
		t.Fatal("the child has no journey")
	}
	st := fakeStore()
	h := newServer(t, a, Options{Store: st, Front: frontDoorSet(inCare, "FRONT-ONLY")}).Handler()
	for _, c := range []struct {
		id      string
		code    int
		want    []string
		notWant string
		audited int
	}{
		{inCare, http.StatusOK, []string{"Period of care 1: ", "The front door", "Referral 1: 1 May 2024 to 30 June 2025", "Section 47 enquiry: 3 May 2024, initial conference 20 May 2024", "From referral to care, in date order"}, "Not looked after", 1},
		{"FRONT-ONLY", http.StatusOK, []string{"The front door", "Referral 1: from 1 September 2025", "Not looked after in the SSDA903 returns loaded"}, "Period of care", 2},
		{"NOWHERE", http.StatusNotFound, []string{"Child not found"}, "The front door", 3},
	} {
		form := url.Values{"id": {c.id}, "reason": {"checking the front door"}, "back": {"/front-door"}}
		code, body := fetch(t, h, http.MethodPost, "/children", form)
		if code != c.code || strings.Contains(body, c.notWant) {
			t.Errorf("%s: %d\n%s", c.id, code, body)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q in\n%s", c.id, w, body)
			}
		}
		if code == http.StatusOK {
			checkAccessible(t, "/children", body)
		}
		st.mu.Lock()
		n, last := len(st.audit), st.audit[len(st.audit)-1]
		st.mu.Unlock()
		if n != c.audited || last.Subject != c.id || last.Reason != "checking the front door" {
			t.Errorf("%s: %d audit entries, the last %+v", c.id, n, last)
		}
	}
}
