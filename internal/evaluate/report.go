package evaluate

import (
	"errors"
	"fmt"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/journey"
)

// Report is an evaluation as the command's JSON and the API give it. A
// figure that is not known (months to detect beyond MaxMonths, a change
// in slope before six months) is absent.
type Report struct {
	Series      string   `json:"series"`
	Title       string   `json:"title"`
	Start       string   `json:"start"`
	Model       string   `json:"model"`
	Seasonality string   `json:"seasonality"`
	Dispersion  float64  `json:"dispersion"`
	Theta       *float64 `json:"theta,omitempty"`
	// Autocorrelation is the lag-1 autocorrelation of the residuals;
	// above AutocorrelationLimit the intervals are likely too narrow.
	Autocorrelation      float64     `json:"residual_autocorrelation"`
	AutocorrelationLimit float64     `json:"residual_autocorrelation_limit"`
	Effect               float64     `json:"effect"`
	CILow                float64     `json:"ci_low"`
	CIHigh               float64     `json:"ci_high"`
	PValue               float64     `json:"p_value"`
	SlopeChange          *float64    `json:"slope_change,omitempty"`
	SlopeCILow           *float64    `json:"slope_ci_low,omitempty"`
	SlopeCIHigh          *float64    `json:"slope_ci_high,omitempty"`
	SlopePValue          *float64    `json:"slope_p_value,omitempty"`
	MonthsBefore         int         `json:"months_before"`
	MonthsObserved       int         `json:"months_observed"`
	Expected             float64     `json:"expected"`
	MonthsToDetect       *int        `json:"months_to_detect"`
	DetectBy             *string     `json:"detect_by"`
	Detected             bool        `json:"detected"`
	Words                string      `json:"words"`
	Chart                ChartReport `json:"chart"`
}

// ChartReport is the re-based control chart of a Report.
type ChartReport struct {
	Months []string      `json:"months"`
	Values []float64     `json:"values"`
	Phases []PhaseReport `json:"phases"`
}

// PhaseReport is one phase of a ChartReport, its months named.
type PhaseReport struct {
	From        string         `json:"from"`
	To          string         `json:"to"`
	Mean        float64        `json:"mean"`
	Upper       float64        `json:"upper"`
	Lower       float64        `json:"lower"`
	TrialLimits bool           `json:"trial_limits"`
	Signals     []SignalReport `json:"signals"`
}

// SignalReport is one special cause of a PhaseReport, its months named.
type SignalReport struct {
	Rule    string   `json:"rule"`
	Months  []string `json:"months"`
	Meaning string   `json:"meaning"`
}

// ReportOf is the estimate on the series as a Report.
func ReportOf(s Series, e Estimate) Report {
	out := Report{Series: s.ID, Title: s.Title, Start: isoDay(e.Start), Model: e.Model, Seasonality: e.Seasonality,
		Dispersion: e.Dispersion, Autocorrelation: e.Autocorrelation, AutocorrelationLimit: e.AutocorrelationLimit,
		Effect: e.Effect, CILow: e.CILow, CIHigh: e.CIHigh, PValue: e.PValue,
		MonthsBefore: e.MonthsBefore, MonthsObserved: e.MonthsObserved, Expected: e.Expected, Detected: e.Detected, Words: e.Words}
	if e.Theta > 0 {
		out.Theta = &e.Theta
	}
	if e.HasSlope {
		out.SlopeChange, out.SlopeCILow, out.SlopeCIHigh, out.SlopePValue = &e.SlopeChange, &e.SlopeLow, &e.SlopeHigh, &e.SlopePValue
	}
	if e.MonthsToDetect > 0 {
		by := isoDay(e.DetectBy)
		out.MonthsToDetect, out.DetectBy = &e.MonthsToDetect, &by
	}
	out.Chart = ChartReport{Months: e.Chart.Months, Values: e.Chart.Values, Phases: []PhaseReport{}}
	for _, p := range e.Chart.Phases {
		pr := PhaseReport{From: e.Chart.Months[p.First], To: e.Chart.Months[p.Last], Mean: p.Mean, Upper: p.Upper, Lower: p.Lower,
			TrialLimits: p.TrialLimits, Signals: []SignalReport{}}
		for _, sig := range p.Signals {
			sr := SignalReport{Rule: sig.Rule, Meaning: sig.Meaning}
			for _, i := range sig.Points {
				sr.Months = append(sr.Months, e.Chart.Months[i])
			}
			pr.Signals = append(pr.Signals, sr)
		}
		out.Chart.Phases = append(out.Chart.Phases, pr)
	}
	return out
}

// isoDay writes a day as YYYY-MM-DD.
func isoDay(d calendar.Date) string { return d.Time().Format(time.DateOnly) }

// Result is the evaluation of one of an intervention's series: its
// estimate, or why there is none (Err).
type Result struct {
	ID     string // the series' id
	Series Series
	Est    Estimate
	Err    error
}

// ErrNotCounted says a series is not one Village counts (a local series
// named in the register), so it cannot be evaluated here.
var ErrNotCounted = errors.New("not a series Village counts")

// Each evaluates an intervention that started on start on each of its
// series in turn, with the expected effect (0 for DefaultExpected). A
// series that cannot be evaluated (not counted, too few months) has its
// Err; the others go on.
func Each(set *journey.Set, start calendar.Date, ids []string, expected float64) []Result {
	out := make([]Result, 0, len(ids))
	for _, id := range ids {
		r := Result{ID: id}
		switch {
		case FindKind(id) == nil:
			r.Err = fmt.Errorf("series %s: %w; `village evaluate --list` gives those it does", id, ErrNotCounted)
		default:
			r.Series, r.Err = FromJourneys(set, id)
			if r.Err == nil {
				r.Est, r.Err = Evaluate(r.Series, start, expected)
			}
		}
		out = append(out, r)
	}
	return out
}
