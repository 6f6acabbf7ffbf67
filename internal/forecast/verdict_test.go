package forecast

import (
	"bytes"
	"strings"
	"testing"
)

// backtestOf is a backtest of the given series, with its summary as
// RunBacktest would average it.
func backtestOf(series ...BacktestSeries) *Backtest {
	bt := &Backtest{Cut: "2025-03-31", WindowFrom: "2023-04-01", WindowTo: "2025-03-31", Months: 12, TrendFrom: 24, Series: series}
	for _, sr := range series {
		if sr.Included {
			bt.Summary.ModelMAPE += sr.ModelMAPE
			bt.Summary.NoChangeMAPE += sr.NoChangeMAPE
			bt.Summary.TrendMAPE += sr.TrendMAPE
			bt.Summary.Series++
		}
	}
	return bt
}

// TestVerdicts checks that each series' verdict says what its errors
// show, compared as they are shown (to one decimal), and that the
// headline never says "better than both" when a series did not.
func TestVerdicts(t *testing.T) {
	total := BacktestSeries{Key: "total", Label: "Children looked after", Included: true, MeanActual: 300, ModelMAPE: 0.8, NoChangeMAPE: 0.6, TrendMAPE: 1.1}
	foster := BacktestSeries{Key: "fostering_in_house", Label: "Fostering (in-house)", Included: true, MeanActual: 120, ModelMAPE: 2.0, NoChangeMAPE: 4.0, TrendMAPE: 3.0}
	homes := BacktestSeries{Key: "childrens_home", Label: "Children's homes", Included: true, MeanActual: 30, ModelMAPE: 5.0, NoChangeMAPE: 6.0, TrendMAPE: 4.96}
	tie := BacktestSeries{Key: "kinship", Label: "Kinship fostering", Included: true, MeanActual: 20, ModelMAPE: 3.04, NoChangeMAPE: 2.96, TrendMAPE: 9}
	few := BacktestSeries{Key: "secure_other", Label: "Secure and other residential", Included: false, MeanActual: 2, ModelMAPE: 50, NoChangeMAPE: 10, TrendMAPE: 10}
	for _, c := range []struct {
		name     string
		bt       *Backtest
		want     []string
		headline string
	}{
		{"the total no better than no change, a category better than both", backtestOf(total, foster, few), []string{
			"For the total looked after the model's error was 0.8%, against 0.6% for assuming no change and 1.1% for a straight line: no better than assuming no change.",
			"For fostering (in-house) the model's error was 2.0%, against 4.0% for assuming no change and 3.0% for a straight line: better than both simple forecasts.",
		}, "better than both simple forecasts for fostering (in-house), but no better than a simple forecast for the total looked after."},
		{"a straight line within rounding is no better", backtestOf(homes), []string{
			"For children's homes the model's error was 5.0%, against 6.0% for assuming no change and 5.0% for a straight line: no better than a straight line.",
		}, "no better than a simple forecast (no change, or a straight line) for the total or for any category tested."},
		{"equal once rounded is no better", backtestOf(tie), []string{
			"For kinship fostering the model's error was 3.0%, against 3.0% for assuming no change and 9.0% for a straight line: no better than assuming no change.",
		}, "no better than a simple forecast"},
		{"better than both everywhere", backtestOf(foster), []string{
			"For fostering (in-house) the model's error was 2.0%, against 4.0% for assuming no change and 3.0% for a straight line: better than both simple forecasts.",
		}, "better than both simple forecasts (no change, and a straight line) for the total and for every category tested."},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			vs := c.bt.Verdicts()
			for _, v := range vs {
				got = append(got, v.Sentence())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("verdicts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if h := Headline(vs); !strings.Contains(h, c.headline) {
				t.Errorf("headline %q lacks %q", h, c.headline)
			}
			var text bytes.Buffer
			if err := c.bt.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			for _, w := range append(c.want, Headline(vs)) {
				if !strings.Contains(text.String(), w) {
					t.Errorf("the text lacks %q:\n%s", w, text.String())
				}
			}
			rows := (&Result{Backtest: c.bt}).backtestRows()
			var cells []string
			for _, r := range rows {
				for _, cell := range r {
					if s, ok := cell.(string); ok {
						cells = append(cells, s)
					}
				}
			}
			for _, w := range append(c.want, Headline(vs)) {
				if !strings.Contains(strings.Join(cells, "\n"), w) {
					t.Errorf("the Backtest sheet lacks %q", w)
				}
			}
		})
	}
}
