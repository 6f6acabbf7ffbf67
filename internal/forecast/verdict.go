package forecast

import (
	"fmt"
	"strings"
)

// Verdict is what the backtest showed for one series, plainly: the
// model's error beside each simple forecast's, and whether the model did
// better than each. Errors are compared as they are shown, to one
// decimal, so that a verdict never contradicts the figures beside it.
type Verdict struct {
	Key, Label     string
	Model          float64 // mean absolute percentage error, percent
	NoChange       float64
	Trend          float64
	BeatsNoChange  bool
	BeatsTrend     bool
	MeanActual     float64 // children on average over the months compared, every cut-off's
	BetterThanBoth bool
}

// Verdicts are the backtest's verdicts for the series in its summary: the
// total first, then each category with enough children. Each is read over
// every cut-off together (Backtest.Series), not from the latest alone: a
// single year's comparison is too much at the mercy of chance.
func (bt *Backtest) Verdicts() []Verdict {
	var out []Verdict
	for _, sr := range bt.Series {
		if !sr.Included {
			continue
		}
		v := Verdict{Key: sr.Key, Label: sr.Label, Model: round1(sr.ModelMAPE), NoChange: round1(sr.NoChangeMAPE),
			Trend: round1(sr.TrendMAPE), MeanActual: sr.MeanActual}
		v.BeatsNoChange, v.BeatsTrend = v.Model < v.NoChange, v.Model < v.Trend
		v.BetterThanBoth = v.BeatsNoChange && v.BeatsTrend
		out = append(out, v)
	}
	return out
}

// Sentence says the verdict in a sentence, for example "For the total
// looked after the model's error was 0.8%, against 0.6% for assuming no
// change and 1.1% for a straight line: no better than assuming no change."
func (v Verdict) Sentence() string {
	return fmt.Sprintf("For %s the model's error was %.1f%%, against %.1f%% for assuming no change and %.1f%% for a straight line: %s.",
		v.name(), v.Model, v.NoChange, v.Trend, v.Outcome())
}

// Outcome is the verdict's conclusion alone: "better than both simple
// forecasts", "no better than assuming no change", "no better than a
// straight line" or "no better than either simple forecast".
func (v Verdict) Outcome() string {
	switch {
	case v.BetterThanBoth:
		return "better than both simple forecasts"
	case v.BeatsTrend:
		return "no better than assuming no change"
	case v.BeatsNoChange:
		return "no better than a straight line"
	default:
		return "no better than either simple forecast"
	}
}

// Headline says in one sentence what the backtest showed across the
// series in its summary: better than both simple forecasts for all of
// them, for none, or for which.
func Headline(verdicts []Verdict) string {
	var better, worse []string
	for _, v := range verdicts {
		if v.BetterThanBoth {
			better = append(better, v.name())
		} else {
			worse = append(worse, v.name())
		}
	}
	switch {
	case len(verdicts) == 0:
		return "No series had enough children to test the model on."
	case len(worse) == 0:
		return "In the backtest the model did better than both simple forecasts (no change, and a straight line) for the total and for every category tested."
	case len(better) == 0:
		return "In the backtest the model did no better than a simple forecast (no change, or a straight line) for the total or for any category tested."
	default:
		return fmt.Sprintf("In the backtest the model did better than both simple forecasts for %s, but no better than a simple forecast for %s.",
			list(better), list(worse))
	}
}

// name is the series as the middle of a sentence names it.
func (v Verdict) name() string {
	if v.Key == "total" {
		return "the total looked after"
	}
	return lowerFirst(v.Label)
}

// list joins names as English does: "a", "a and b", "a, b and c".
func list(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// lowerFirst lowers a label's first letter for the middle of a sentence
// ("Children looked after" → "children looked after"), leaving
// abbreviations ("UASC") as they are.
func lowerFirst(s string) string {
	if len(s) < 2 || s[1] < 'a' || s[1] > 'z' || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
