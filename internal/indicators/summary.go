package indicators

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/refdata/england"
)

// Authority is the local authority a summary is for: its GSS code, as the
// returns give it, and its name when one was given (the names of the codes
// are not held here).
type Authority struct {
	Code, Name string
}

// String names the authority as a heading does: "Name (E09000001)", the
// code alone, or "The authority" when neither is known.
func (a Authority) String() string {
	switch {
	case a.Name != "" && a.Code != "":
		return a.Name + " (" + a.Code + ")"
	case a.Name != "":
		return a.Name
	case a.Code != "":
		return a.Code
	}
	return "The authority"
}

// Summary is a director's first page: the authority, the date its figures
// are as at, the key measures over the 12 months to then, each with its
// trend and England's figure, and what changed most against a year
// earlier, in words.
type Summary struct {
	Authority   Authority
	AsAt        string // the last day the figures cover: "31 March 2026"
	Year        string // the 12 months the figures are for: "12 months to 31 March 2026"
	YearEarlier string // the 12 months a year before
	Publishable bool
	Measures    []KeyMeasure
	// Sources name where England's figures come from, each once:
	// "DfE, ..., 2025 release, for the year to 31 March 2025".
	Sources []string
	// Changes are at most three sentences on the largest moves against a
	// year earlier, largest first; a measure without a figure for a year
	// earlier, or whose figures are suppressed, has none.
	Changes []string
}

// KeyMeasure is one key measure of a summary, its figures as published
// under the summary's policy.
type KeyMeasure struct {
	Indicator *Indicator
	Name      string // short: "Children looked after"
	Now       string // the 12 months to the as-at date
	Rate      string // per 10,000 children aged 0-17, for a count that has one; "" otherwise
	Before    string // a year earlier
	// Trend is the measure over the 12 months to each month end of the
	// last year (or, for a measure known only for years to 31 March, each
	// such year), as published; empty when any of them is suppressed,
	// so that the line cannot show what the figures hide.
	Trend     []TrendPoint
	TrendName string // what the trend shows, for its accessible name
	England   *EnglandFigure
}

// TrendPoint is one point of a key measure's trend.
type TrendPoint struct {
	Label string  `json:"label"` // the period's last month: "March 2026"
	Value float64 `json:"value"`
	Text  string  `json:"shown"` // as published
}

// EnglandFigure is England's published figure beside a key measure.
type EnglandFigure struct {
	Value   string // "81,770"
	Rate    string // per 10,000, for a count with one; "" otherwise
	Year    string // "year to 31 March 2025"
	Source  string
	Edition string
}

// keyMeasures are the summary's measures, in order: the indicator, its
// rate per 10,000 when it has one, and its short name.
var keyMeasures = []struct{ id, rate, name string }{
	{"cla_end", "cla_rate_per_10k", "Children looked after"},
	{"starts", "starts_rate_per_10k", "Children who started to be looked after"},
	{"ceased", "", "Children who ceased to be looked after"},
	{"placements_3plus", "", "Looked after with 3 or more placements in the year"},
	{"long_term_stability", "", "Long-term placement stability"},
	{"placed_out_of_area_share", "", "Placed outside the authority's area"},
	{"placed_20_miles_share", "", "Placed more than 20 miles from home"},
	{"care_leavers_eet_share", "", "Care leavers aged 17 to 21 in education, employment or training"},
}

// maxChanges is how many sentences on what changed a summary gives.
const maxChanges = 3

// SummaryOf is what a summary is computed from.
type SummaryOf struct {
	Set        *journey.Set
	Population Population // for rates; nil when not known
	// Period's last month ends the 12 months the summary is for.
	Period calendar.Period
	// Covered is the time the loaded returns cover: a figure for a period
	// starting before it is not given (a year earlier, a trend's point).
	// When zero it is the span of Set's returns (Set.Span); a set built
	// from no returns covers nothing earlier, so no trend or change is
	// given.
	Covered   calendar.Period
	Authority Authority
	Policy    disclose.Policy
	// Value computes an indicator for a period; Compute when nil. A
	// server passes its cache of values, which need no children's IDs.
	Value func(*Indicator, calendar.Period) Value
}

// Summarise computes the summary of the 12 months ending with the last
// month of Period. A measure whose figure for the year cannot be
// computed, such as the out-of-area share without placement postcodes, is
// left out.
func (in SummaryOf) Summarise() *Summary {
	if in.Value == nil {
		in.Value = func(ind *Indicator, p calendar.Period) Value { return ind.Compute(in.Set, p, in.Population) }
	}
	if in.Covered == (calendar.Period{}) {
		in.Covered, _ = in.Set.Span()
	}
	year := calendar.Rolling(in.Period.End.Year(), in.Period.End.Month())
	before := year.YearEarlier()
	s := &Summary{Authority: in.Authority, AsAt: year.End.Long(), Year: "12 months to " + year.End.Long(),
		YearEarlier: "12 months to " + before.End.Long(), Publishable: in.Policy == disclose.Publishable}
	measures := make([]*KeyMeasure, len(keyMeasures))
	moves := make([]move, len(keyMeasures))
	var wg sync.WaitGroup
	for i := range keyMeasures {
		wg.Go(func() { measures[i], moves[i] = in.measure(i, year, before) })
	}
	wg.Wait()
	for _, m := range measures {
		if m == nil {
			continue
		}
		s.Measures = append(s.Measures, *m)
		if e := m.England; e != nil {
			if source := e.Source + ", " + e.Edition + ", for the " + e.Year; !slices.Contains(s.Sources, source) {
				s.Sources = append(s.Sources, source)
			}
		}
	}
	moves = slices.DeleteFunc(moves, func(m move) bool { return m.text == "" })
	slices.SortStableFunc(moves, func(x, y move) int { return cmp.Compare(y.size, x.size) })
	for _, mv := range moves[:min(maxChanges, len(moves))] {
		s.Changes = append(s.Changes, mv.text)
	}
	return s
}

// move is a measure's change against a year earlier, in words, with its
// size for ranking; the zero move when there is none to tell.
type move struct {
	size float64
	text string
}

// measure computes key measure i over year and a year earlier, or nil
// when its figure for year is not known.
func (in SummaryOf) measure(i int, year, before calendar.Period) (*KeyMeasure, move) {
	k := keyMeasures[i]
	ind := Find(k.id)
	now := in.Value(ind, year)
	if !now.Known {
		return nil, move{}
	}
	shown := Headline(ind, in.Set, year, now, in.Policy).Value
	m := &KeyMeasure{Indicator: ind, Name: k.name, Now: shown.Text(), Before: disclose.NotKnownText,
		TrendName: k.name + ", the 12 months to each month end", England: englandFigure(k.id, k.rate, year)}
	if k.rate != "" {
		rate := Find(k.rate)
		if v := in.Value(rate, year); v.Known {
			m.Rate = Headline(rate, in.Set, year, v, in.Policy).Value.Text()
		}
	}
	m.Trend = in.trend(ind, year)
	if in.Covered.Start == 0 || before.Start < in.Covered.Start {
		return m, move{}
	}
	then := in.Value(ind, before)
	was := Headline(ind, in.Set, before, then, in.Policy).Value
	m.Before = was.Text()
	if !then.Known || was.Suppressed() || shown.Suppressed() || then.Value == now.Value {
		return m, move{}
	}
	size, text := changeOf(ind, k.name, now.Value, then.Value, shown.Text(), was.Text())
	return m, move{size, text}
}

// changeOf says in words how a measure moved from then to now, and how
// large the move is for ranking: the change as a share of then (or of 1
// when then is 0).
func changeOf(ind *Indicator, name string, now, then float64, nowText, thenText string) (float64, string) {
	word := "down"
	if now > then {
		word = "up"
	}
	size := math.Abs(now-then) / math.Max(math.Abs(then), 1)
	var by string
	switch ind.Unit {
	case Percent:
		by = fmt.Sprintf("%s percentage points", formatOne(math.Abs(now-then)))
		nowText, thenText = nowText+"%", thenText+"%"
	case Children:
		by = fmt.Sprintf("%d, %s%%", int(math.Round(math.Abs(now-then))), formatOne(100*size))
	default:
		by = formatOne(100*size) + "%"
	}
	better := ""
	switch {
	case ind.Direction == HigherIsBetter && now > then, ind.Direction == LowerIsBetter && now < then:
		better = ", which is better"
	case ind.Direction != Neither:
		better = ", which is worse"
	}
	return size, fmt.Sprintf("%s: %s by %s, from %s a year earlier to %s%s.", name, word, by, thenText, nowText, better)
}

// formatOne writes a number with one decimal place.
func formatOne(v float64) string { return fmt.Sprintf("%.1f", v) }

// trend is the measure over the 12 months to each of the last 12 month
// ends, or, when fewer than two of those are known (a measure counted
// only for years to 31 March), over each covered year to the same month.
// Periods starting before Covered are left out, and so is the whole
// trend when the policy suppresses any point of it.
func (in SummaryOf) trend(ind *Indicator, year calendar.Period) []TrendPoint {
	last := calendar.Month(year.End.Year(), year.End.Month())
	first := calendar.Month(year.End.AddMonths(-11).Year(), year.End.AddMonths(-11).Month())
	points := in.trendOver(ind, Rollings(first, last))
	if points != nil && len(points) < 2 {
		var years []calendar.Period
		for k := 4; k >= 0; k-- {
			years = append(years, calendar.Rolling(year.End.Year()-k, year.End.Month()))
		}
		points = in.trendOver(ind, years)
	}
	return points
}

// trendOver computes the points of a trend over periods, leaving out
// those not covered or not known; nil when any is suppressed.
func (in SummaryOf) trendOver(ind *Indicator, periods []calendar.Period) []TrendPoint {
	points := []TrendPoint{}
	for _, p := range periods {
		if in.Covered.Start == 0 || p.Start < in.Covered.Start {
			continue
		}
		v := in.Value(ind, p)
		if !v.Known {
			continue
		}
		shown := Headline(ind, in.Set, p, v, in.Policy).Value
		if shown.Suppressed() {
			return nil
		}
		points = append(points, TrendPoint{Label: calendar.Month(p.End.Year(), p.End.Month()).Label, Value: v.Value, Text: shown.Text()})
	}
	return points
}

// englandFigure is England's latest published figure for the measure
// for a year ending 31 March no later than the summary's year, or nil.
func englandFigure(id, rateID string, year calendar.Period) *EnglandFigure {
	ending := calendar.YearOf(year.End)
	f, ok := england.Latest(id, int(ending))
	if !ok {
		return nil
	}
	e := &EnglandFigure{Value: f.Text(), Year: fmt.Sprintf("year to 31 March %d", f.Year), Source: f.Source, Edition: f.Edition}
	if rateID != "" {
		if r, ok := england.Latest(rateID, f.Year); ok && r.Year == f.Year {
			e.Rate = r.Text()
		}
	}
	return e
}

// KeyMeasureIDs are the indicators a summary reports on, in its order:
// those a short pack gives a page each. The rates beside two of them are
// not among them.
func KeyMeasureIDs() []string {
	var ids []string
	for _, k := range keyMeasures {
		ids = append(ids, k.id)
	}
	return ids
}

// WithUnit writes a figure of the measure as shown with its unit's sign:
// "7.4%" for a percentage, but c and x as they are.
func (m KeyMeasure) WithUnit(shown string) string {
	if m.Indicator.Unit == Percent && shown != disclose.SuppressedText && shown != disclose.NotKnownText {
		return shown + "%"
	}
	return shown
}
