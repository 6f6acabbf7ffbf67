package store

import (
	"context"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// withPreProceedings adds the pre-proceedings module to a census made by
// census: the first child's referral has two blocks, one led to a court
// application; the second child's has one still open.
func withPreProceedings(r *returns.Return) *returns.Return {
	t := r.Ensure(cin.PreProceedings)
	t.File = "/data/cin/" + r.Year.String() + "/census.xml"
	start := r.Year.Start()
	date := func(days int) string { return start.AddDays(days).Time().Format("2006-01-02") }
	t.Rows = append(t.Rows,
		returns.Row{Line: 900, Values: []string{"CIN0001", "1", date(20), date(25), "1", "1", date(40), "2", date(120), "A", date(130), date(131)}},
		returns.Row{Line: 912, Values: []string{"CIN0001", "1", date(200), "", "0", "", "", "", "", "", "", ""}},
		returns.Row{Line: 930, Values: []string{"CIN0002", "1", date(60), date(61), " 1", "", date(75), "0", "", "", "", ""}})
	return r
}

// TestCINPreProceedings stores a 2026/27 census with the module beside a
// 2025/26 one without it, reads both back exactly, then amends a block's
// outcome and reads the amendment back.
func TestCINPreProceedings(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		s := e.open(t)
		before, with := census(2026, 3), withPreProceedings(census(2027, 3))
		if _, err := s.CIN().Load(ctx, []*returns.Return{before, with}, LoadSource{By: "tester"}); err != nil {
			t.Fatal(err)
		}
		for _, want := range []*returns.Return{before, with} {
			got, err := s.CIN().Return(ctx, want.Year)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffReturns(want, got); d != "" {
				t.Errorf("%s read back differs:\n%s", want.Year, d)
			}
		}
		amended := cloneCensus(with)
		pp := amended.Table(cin.PreProceedings)
		pp.Rows[1].Values[pp.Schema.Index("PPOutcome")] = "B"
		sum, err := s.CIN().Load(ctx, []*returns.Return{amended}, LoadSource{By: "tester"})
		if err != nil {
			t.Fatal(err)
		}
		if got := sum.ByTable[cin.PreProceedings]; got.Replaced != 1 || got.Unchanged != 2 {
			t.Errorf("amending one block counted %+v; want 1 replaced, 2 unchanged", got)
		}
		only, err := s.CIN().ReturnTables(ctx, calendar.Year(2027), cin.PreProceedings)
		if err != nil {
			t.Fatal(err)
		}
		if got := only.Table(cin.PreProceedings).Get(1, "PPOutcome"); got != "B" {
			t.Errorf("amended PPOutcome read back as %q, want B", got)
		}
	})
}
