package rules

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// TestGoodChildrenPass runs every rule of each year over good children:
// none may fail, and none may be skipped.
func TestGoodChildrenPass(t *testing.T) {
	for _, y := range []calendar.Year{2024, 2025, 2026, 2027} {
		kids := []kid{goodKid("A1"), goodKid("A2"), goodKid("A3")}
		// Eight disability codes in use, two children with several, for
		// the queries on the census as a whole (2887Q, 2888Q).
		for i, codes := range [][]string{{"MOB", "HAND", "PC", "INC"}, {"COMM", "LD", "HEAR", "VIS"}} {
			k := kids[i+1]
			k.set(cin.Disabilities, 0, "Disability="+codes[0])
			for _, code := range codes[1:] {
				k.add(cin.Disabilities, "Disability="+code)
			}
		}
		if y < 2025 {
			for _, k := range kids {
				k.set(cin.ChildIdentifiers, 0, "Sex=", "GenderCurrent=2")
			}
		}
		for _, k := range kids {
			shift(k, int(y)-2026)
		}
		rep := Validate(census(y, kids...))
		for _, f := range rep.Failures {
			t.Errorf("%s: rule %s fails %s row %d: %s", y, f.Rule.Code, f.Table, f.Row, f.Explanation)
		}
		for _, s := range rep.Skipped {
			t.Errorf("%s: rule %s skipped: %s", y, s.Rule.Code, s.Reason)
		}
		if len(rep.Ran) < 20 {
			t.Errorf("%s: only %d rules ran", y, len(rep.Ran))
		}
	}
}

// shift moves every date of the kid by 52 weeks a year, so that each
// keeps its day of the week.
func shift(k kid, years int) {
	for _, rows := range k {
		for _, r := range rows {
			for name, v := range r {
				if d, ok := calendar.ParseISODate(v); ok {
					r[name] = iso(d.AddDays(364 * years))
				}
			}
		}
	}
}

func TestIsQuery(t *testing.T) {
	for code, want := range map[string]bool{"8670Q": true, "8670q": true, "8670": false, "100": false} {
		if IsQuery(code) != want {
			t.Errorf("IsQuery(%q) = %v", code, !want)
		}
	}
}

// TestRulesDocumented checks every rule has a code, a message and reads a
// table.
func TestRulesDocumented(t *testing.T) {
	for _, r := range Rules().All() {
		if r.Code == "" || r.Message == "" || len(r.Tables) == 0 || r.Check == nil {
			t.Errorf("rule %q lacks a code, message, tables or check", r.Code)
		}
	}
}
