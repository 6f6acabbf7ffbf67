package forecast

import (
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/synth"
)

// BenchmarkSimulate runs the brief's target: 1,000 simulations of five
// years for an authority of about 1,000 children looked after.
func BenchmarkSimulate(b *testing.B) { benchmarkSimulate(b, syntheticAuthority(b)) }

// benchmarkSimulate runs 1,000 simulations of 60 months of authority a.
func benchmarkSimulate(b *testing.B, a synthetic) {
	start := a.dataEnd.LatestMonthEnd()
	rates, err := Estimate(a.set, EstimateOptions{From: start.AddYears(-2) + 1, To: start, DataEnd: a.dataEnd, Population: a.pop})
	if err != nil {
		b.Fatal(err)
	}
	rates.Drift = EstimateDrift(a.set, firstDay(a.set), start, a.dataEnd, a.pop)
	stock, _ := StockOn(a.set, start)
	cal := newCalendar(start, 60)
	e := &engine{rates: rates, cal: cal, stock: stock, seed: 1}
	for m := range cal.ends {
		e.pop = append(e.pop, a.pop.On(cal.starts[m]+14))
	}
	b.ReportMetric(float64(len(stock)), "children")
	b.ResetTimer()
	for range b.N {
		e.run(1000, 0)
	}
}

// BenchmarkForecast is the whole forecast: estimation, the 1,000
// simulations of five years and their summaries.
func BenchmarkForecast(b *testing.B) {
	a := syntheticAuthority(b)
	b.ResetTimer()
	for range b.N {
		if _, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

var regionOnce = authorityOnce(synth.Config{Children: 12000, Years: 6, Until: calendar.NewDate(2026, 3, 31), Seed: 11})

// BenchmarkSimulateRegion is the target for a region: 12,000
// children looked after, 1,000 simulations of 60 months.
func BenchmarkSimulateRegion(b *testing.B) { benchmarkSimulate(b, regionAuthority(b)) }

// regionAuthority returns six years of a synthetic region of about
// 12,000 children looked after, built once.
func regionAuthority(tb testing.TB) synthetic { return regionOnce(tb) }

// BenchmarkForecastRegion is the whole forecast for a region.
func BenchmarkForecastRegion(b *testing.B) {
	a := regionAuthority(b)
	b.ResetTimer()
	for range b.N {
		if _, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBacktest is the whole backtest of an authority of about 1,000
// children looked after with six years of returns: six cut-offs, each
// estimated, simulated 1,000 times over 12 months and compared.
func BenchmarkBacktest(b *testing.B) {
	a := syntheticAuthority(b)
	b.ResetTimer()
	for range b.N {
		if _, err := RunBacktest(a.set, BacktestOptions{DataEnd: a.dataEnd, Population: a.pop, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareRegion is the work before the first simulation for a
// region: the rates, the children at the start and the history.
func BenchmarkPrepareRegion(b *testing.B) {
	a := regionAuthority(b)
	b.ResetTimer()
	for range b.N {
		if _, err := Forecast(a.set, Options{DataEnd: a.dataEnd, Population: a.pop, Seed: 1, Simulations: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
