package frontdoor

import (
	"fmt"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
)

// BenchmarkBuild reconciles four censuses of 20,000 children, each child
// with a referral carried from one census to the next and a new one each
// year, with an assessment, a section 47 and a protection plan.
func BenchmarkBuild(b *testing.B) {
	var censuses []*returns.Return
	for y := calendar.Year(2023); y <= 2026; y++ {
		t := rows{}
		for i := range 20_000 {
			id := fmt.Sprintf("C%06d", i)
			t[cin.ChildIdentifiers] = append(t[cin.ChildIdentifiers], []string{id, "", "", "", "2015-01-01"})
			for n, start := range []calendar.Date{y.Start().AddDays(-100 + i%50), y.Start().AddDays(100 + i%50)} {
				ref := fmt.Sprint(n + 1)
				d := start.Time().Format("2006-01-02")
				t[cin.CINdetails] = append(t[cin.CINdetails], []string{id, ref, d, "1A", "N1", "", "", "", "0"})
				t[cin.Assessments] = append(t[cin.Assessments], []string{id, ref, "1", d, "", d})
				t[cin.Section47] = append(t[cin.Section47], []string{id, ref, d, "", d, ""})
				t[cin.ChildProtectionPlans] = append(t[cin.ChildProtectionPlans], []string{id, ref, "1", d, "", "PHY", "PHY", "0"})
			}
		}
		censuses = append(censuses, census(y, t))
	}
	b.ResetTimer()
	for b.Loop() {
		s := Build(censuses)
		if len(s.Children) != 20_000 {
			b.Fatalf("%d children; want 20,000", len(s.Children))
		}
	}
}
