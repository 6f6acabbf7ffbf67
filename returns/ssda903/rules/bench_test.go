package rules_test

import (
	"sync"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/refdata/postcode"
	"github.com/village-uk/village/internal/synth"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/returns/ssda903/rules"
)

var (
	nationalOnce sync.Once
	nationalRes  *synth.Result
	nationalDir  *postcode.Directory
)

// BenchmarkValidate validates a national-scale 2025/26 return (about
// 100,000 episodes and every other table) with last year's return and the
// postcode directory against the whole 2025/26 rule set: typing the tables
// and indexing them by child, deriving the placement fields, and running
// every rule.
func BenchmarkValidate(b *testing.B) {
	nationalOnce.Do(func() {
		res, err := synth.Generate(synth.Config{Children: 42000, Years: 2, Until: calendar.NewDate(2026, 3, 31), Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		nationalRes = res
		_, nationalDir = postcodesOf(b, res)
	})
	ret := nationalRes.Returns[len(nationalRes.Returns)-1]
	set := rules.Rules().For(ret.Year)
	var failures int
	b.ReportAllocs()
	for b.Loop() {
		rep := rules.Run(rules.NewInput(ret, nationalDir, nil), set)
		failures = len(rep.Failures)
	}
	b.ReportMetric(float64(ret.Table(ssda903.Episodes).Len()), "episodes")
	b.ReportMetric(float64(len(set)), "rules")
	b.ReportMetric(float64(failures), "failures")
}
