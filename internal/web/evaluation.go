package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/evaluate"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/present/chart"
	"github.com/village-uk/village/internal/spc"
)

// evaluationCache holds the evaluations worked out, by series, start and
// expected effect: a Server shows one version of the store (a load builds
// a new one), so they hold until it is replaced.
type evaluationCache struct {
	mu sync.Mutex
	m  map[evaluationKey]evaluate.Result
}

type evaluationKey struct {
	series   string
	start    calendar.Date
	expected float64
}

// maxEvaluations bounds the cache: past it, it starts afresh.
const maxEvaluations = 500

// Evaluation verdicts, as the page and the JSON name them.
const (
	verdictDetected   = "change detected"
	verdictNone       = "no change detected"
	verdictTooEarly   = "too early to tell"
	verdictNotCounted = "not a series Village counts"
	verdictCannot     = "cannot be evaluated"
)

// seriesEvaluationJSON is the evaluation of one of an intervention's
// series: its verdict and, when there is one, the estimate in the shape
// `village evaluate --format json` gives; or why there is none.
type seriesEvaluationJSON struct {
	Series   string           `json:"series"`
	Title    string           `json:"title"`
	Verdict  string           `json:"verdict"`
	Reason   string           `json:"reason,omitempty"`
	Estimate *evaluate.Report `json:"estimate,omitempty"`
}

// evaluationOf evaluates the intervention on each of its series, from the
// server's journeys, with its expected effect (or a 20% fall).
func (s *Server) evaluationOf(iv interventions.Intervention) []evaluate.Result {
	expected := evaluate.DefaultExpected
	if iv.HasEffect && iv.Effect != 0 {
		expected = iv.Effect
	}
	out := make([]evaluate.Result, len(iv.Series))
	for i, id := range iv.Series {
		out[i] = s.evaluated(id, iv.Start, expected)
	}
	return out
}

// evaluated is the evaluation of one series, from the cache or worked
// out. Two requests at once may both work it out: the result is the same.
func (s *Server) evaluated(id string, start calendar.Date, expected float64) evaluate.Result {
	k := evaluationKey{id, start, expected}
	c := &s.evaluations
	c.mu.Lock()
	r, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return r
	}
	r = evaluate.Each(s.Set, start, []string{id}, expected)[0]
	c.mu.Lock()
	if c.m == nil || len(c.m) >= maxEvaluations {
		c.m = map[evaluationKey]evaluate.Result{}
	}
	c.m[k] = r
	c.mu.Unlock()
	return r
}

// verdictOf names what the evaluation found: a change, none though one
// of the size expected would have shown by now, too early to tell, or
// why there is no evaluation.
func verdictOf(r evaluate.Result) string {
	switch {
	case errors.Is(r.Err, evaluate.ErrNotCounted):
		return verdictNotCounted
	case errors.Is(r.Err, evaluate.ErrTooEarly):
		return verdictTooEarly
	case r.Err != nil:
		return verdictCannot
	case r.Est.Detected:
		return verdictDetected
	case r.Est.MonthsToDetect == 0 || r.Est.MonthsObserved < r.Est.MonthsToDetect:
		return verdictTooEarly
	}
	return verdictNone
}

// evaluationJSON is the evaluations as the API gives them.
func evaluationJSON(results []evaluate.Result) []seriesEvaluationJSON {
	out := make([]seriesEvaluationJSON, 0, len(results))
	for _, r := range results {
		e := seriesEvaluationJSON{Series: r.ID, Title: interventions.SeriesLabel(r.ID), Verdict: verdictOf(r)}
		if r.Err != nil {
			e.Reason = r.Err.Error()
		} else {
			rep := evaluate.ReportOf(r.Series, r.Est)
			e.Estimate = &rep
		}
		out = append(out, e)
	}
	return out
}

// seriesEvaluationView is one series' evaluation as the page shows it.
type seriesEvaluationView struct {
	ID, Title, Verdict, Words, Reason string
	Effect, Interval, Observed        string
	Detect                            string
	Before, After                     template.HTML // the re-based chart: limits before the start, and from it
}

// evaluationViews are the evaluations as the page shows them, each with
// its control chart re-based at the start: two charts drawn as the
// indicator pages draw theirs, the second with limits from the months
// from the start alone.
func (s *Server) evaluationViews(results []evaluate.Result) []seriesEvaluationView {
	var out []seriesEvaluationView
	for _, r := range results {
		v := seriesEvaluationView{ID: r.ID, Title: interventions.SeriesLabel(r.ID), Verdict: capitalFirst(verdictOf(r))}
		if r.Err != nil {
			v.Reason = r.Err.Error()
			out = append(out, v)
			continue
		}
		e := r.Est
		v.Words = capitalFirst(e.Words) + "."
		v.Effect = fmt.Sprintf("%+.1f%%", e.Effect*100)
		v.Interval = fmt.Sprintf("%+.1f%% to %+.1f%%", e.CILow*100, e.CIHigh*100)
		v.Observed = fmt.Sprintf("%d (and %d before the start)", e.MonthsObserved, e.MonthsBefore)
		v.Detect = fmt.Sprintf("More than %d for a change of %+.0f%%", evaluate.MaxMonths, e.Expected*100)
		if e.MonthsToDetect > 0 {
			v.Detect = fmt.Sprintf("%d for a change of %+.0f%%, by %s", e.MonthsToDetect, e.Expected*100, e.DetectBy.Long())
		}
		v.Before, v.After = s.rebasedCharts(r)
		out = append(out, v)
	}
	return out
}

// rebasedCharts draws the phases of the evaluation's re-based chart, each
// as its own control chart.
func (s *Server) rebasedCharts(r evaluate.Result) (before, after template.HTML) {
	better := spc.Neither
	if r.Series.LowerIsBetter {
		better = spc.LowerIsBetter
	}
	unit := "count"
	if r.Series.Exposure != nil {
		unit = "mean days" // days to permanence, the only series over an exposure
	}
	c := r.Est.Chart
	draw := func(p evaluate.Phase, part, when string) template.HTML {
		series := spc.Series{Title: r.Series.Title + ", " + when, Period: "month", Better: better}
		for i := p.First; i <= p.Last; i++ {
			series.Points = append(series.Points, spc.Point{Label: c.Months[i], Value: c.Values[i], Known: true})
		}
		var svg bytes.Buffer
		if err := (chart.SPC{ID: "evaluation-" + r.ID + "-" + part, Unit: unit, Series: series}).Write(&svg); err != nil {
			s.Log.Error("drawing an evaluation's chart", "series", r.ID, "err", err)
			return ""
		}
		return template.HTML(svg.String())
	}
	if len(c.Phases) > 0 {
		before = draw(c.Phases[0], "before", "before the start")
	}
	if len(c.Phases) > 1 {
		after = draw(c.Phases[1], "after", "from the start, limits re-based")
	}
	return before, after
}

// capitalFirst upper-cases the first letter.
func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// evaluationNote is an intervention's evaluation in a few words, beside
// its programme in the savings ledger, with a link to the whole.
type evaluationNote struct {
	Name, Href, Text string
}

// evaluationNotes are the notes of the interventions with the ids, in
// their order; an id the register no longer holds is left out.
func (s *Server) evaluationNotes(ids []int64, byID map[int64]interventions.Intervention) []evaluationNote {
	var out []evaluationNote
	for _, id := range ids {
		iv, ok := byID[id]
		if !ok {
			continue
		}
		var parts []string
		for _, r := range s.evaluationOf(iv) {
			part := r.ID + ": " + verdictOf(r)
			if r.Err == nil && r.Est.Detected {
				part += fmt.Sprintf(", %+.0f%% (95%% interval %+.0f%% to %+.0f%%)", r.Est.Effect*100, r.Est.CILow*100, r.Est.CIHigh*100)
			}
			parts = append(parts, part)
		}
		out = append(out, evaluationNote{Name: iv.Name, Href: fmt.Sprintf("/interventions/%d#evaluation", id), Text: strings.Join(parts, "; ")})
	}
	return out
}
