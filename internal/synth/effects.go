package synth

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
)

// Effect is a known change to the synthetic world, for testing a method
// that should find it (and not find one that is not there): from the day
// From, the rate behind a series is multiplied by 1 + Change. Several
// effects on one series multiply.
type Effect struct {
	Series string        // "starts" or "moves"
	Change float64       // -0.2 is a 20% fall
	From   calendar.Date // the first day changed
}

// EffectForm is how ParseEffect reads an effect, for messages and help.
const EffectForm = "SERIES:CHANGE%@YYYY-MM-DD, such as starts:-20%@2024-07-01 (series: starts, moves)"

// effectSeries are the series the simulation can change from a date, and
// what the change multiplies.
var effectSeries = map[string]string{
	"starts": "the rate at which children first enter care (unaccompanied asylum-seeking children included; " +
		"returns to care follow from earlier leavers)",
	"moves": "the rate of unplanned placement moves (breakdowns; planned moves at the end of short placements are not changed)",
}

// notEffectSeries say why a series the evaluation knows cannot be changed.
var notEffectSeries = map[string]string{
	"ceases": "the simulation draws how long each child stays when care starts, not a rate of ceasing, so it cannot change ceases from a date",
}

// ParseEffect reads an effect written SERIES:CHANGE%@YYYY-MM-DD
// ("starts:-20%@2024-07-01").
func ParseEffect(text string) (Effect, error) {
	series, rest, ok := strings.Cut(strings.TrimSpace(text), ":")
	change, day, ok2 := strings.Cut(rest, "@")
	if !ok || !ok2 {
		return Effect{}, fmt.Errorf("effect %q: expected %s", text, EffectForm)
	}
	if why, ok := notEffectSeries[series]; ok {
		return Effect{}, fmt.Errorf("effect %q: %s", text, why)
	}
	if _, ok := effectSeries[series]; !ok {
		return Effect{}, fmt.Errorf("effect %q: series %q not known; expected starts or moves", text, series)
	}
	pct, ok := strings.CutSuffix(change, "%")
	v, err := strconv.ParseFloat(pct, 64)
	if !ok || err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Effect{}, fmt.Errorf("effect %q: change %q: expected a percentage such as -20%% or +15%%", text, change)
	}
	if v <= -100 || v > 900 {
		return Effect{}, fmt.Errorf("effect %q: change %s: expected more than -100%% and at most +900%%", text, change)
	}
	from, ok := calendar.ParseISODate(day)
	if !ok {
		return Effect{}, fmt.Errorf("effect %q: date %q: expected YYYY-MM-DD", text, day)
	}
	return Effect{Series: series, Change: v / 100, From: from}, nil
}

// String writes the effect as ParseEffect reads it.
func (e Effect) String() string {
	return fmt.Sprintf("%s:%+g%%@%s", e.Series, math.Round(e.Change*1e6)/1e4, isoDate(e.From))
}

// ParseEffects reads effects separated by commas; "" is none.
func ParseEffects(text string) ([]Effect, error) {
	var out []Effect
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	for part := range strings.SplitSeq(text, ",") {
		e, err := ParseEffect(part)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// factorOn is the product of the effects on series in force on day d.
func factorOn(effects []Effect, series string, d calendar.Date) float64 {
	f := 1.0
	for _, e := range effects {
		if e.Series == series && d >= e.From {
			f *= 1 + e.Change
		}
	}
	return f
}

// nextChange returns the first day after t and before until on which an
// effect on series begins, or until: a rate must be re-read then.
func nextChange(effects []Effect, series string, t, until calendar.Date) calendar.Date {
	for _, e := range effects {
		if e.Series == series && e.From > t && e.From < until {
			until = e.From
		}
	}
	return until
}

// WriteEffectsCSV writes effects.csv: each effect, the day it began, and
// what it changed in the simulation.
func (r *Result) WriteEffectsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"effect", "series", "change", "from", "what_changed"})
	for _, e := range r.Effects {
		cw.Write([]string{e.String(), e.Series, strconv.FormatFloat(e.Change, 'f', -1, 64), isoDate(e.From),
			fmt.Sprintf("%s multiplied by %s from %s", effectSeries[e.Series], strconv.FormatFloat(1+e.Change, 'f', -1, 64), e.From.Long())})
	}
	cw.Flush()
	return cw.Error()
}
