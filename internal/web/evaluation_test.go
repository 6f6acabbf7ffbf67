package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/evaluate"
)

// panel2024Body is an intervention two years into the test authority's
// four, on two series Village counts and one it does not.
const panel2024Body = `{"name": "Panel 2024", "start": "2024-07-01", "series": ["starts", "moves", "local_panel_decisions"], "effect": -0.3}`

// TestInterventionEvaluation reads an intervention's evaluation through
// the API, its page and the savings ledger: each series evaluated, too
// early to tell, or not counted, each saying so.
func TestInterventionEvaluation(t *testing.T) {
	s := newSignInServer(t, Identity{})
	token, _ := s.token(t, "analyst", time.Hour)
	for _, body := range []string{panel2024Body, panelBody} {
		if rec := s.postJSON("/api/interventions", token, body); rec.Code != http.StatusCreated {
			t.Fatalf("POST /api/interventions: %d %s", rec.Code, rec.Body)
		}
	}
	var got [2]interventionJSON
	for i, path := range []string{"/api/interventions/1", "/api/interventions/2"} {
		rec := s.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+token)
		if err := json.Unmarshal(rec.Body.Bytes(), &got[i]); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %v %s", path, rec.Code, err, rec.Body)
		}
	}
	evaluated := got[0].Evaluation
	if len(evaluated) != 3 {
		t.Fatalf("three series, %d evaluations: %+v", len(evaluated), evaluated)
	}
	for i, want := range []struct{ series, reason string }{{"starts", ""}, {"moves", ""}, {"local_panel_decisions", "not a series Village counts"}} {
		e := evaluated[i]
		if e.Series != want.series || !strings.Contains(e.Reason, want.reason) || (want.reason == "") != (e.Estimate != nil) {
			t.Errorf("evaluation %d: %+v; want %s saying %q", i, e, want.series, want.reason)
			continue
		}
		if e.Estimate == nil {
			continue
		}
		est := e.Estimate
		if est.MonthsObserved != 21 || est.Expected != -0.3 || est.Words == "" || len(est.Chart.Phases) != 2 || est.Chart.Phases[1].From != "2024-07" ||
			!(est.CILow <= est.Effect && est.Effect <= est.CIHigh) {
			t.Errorf("%s: %+v", e.Series, est)
		}
		if (e.Verdict == verdictDetected) != est.Detected || (est.Detected && est.CILow < 0 && est.CIHigh > 0) {
			t.Errorf("%s: verdict %q, detected %v, interval %v to %v", e.Series, e.Verdict, est.Detected, est.CILow, est.CIHigh)
		}
	}
	for _, e := range got[1].Evaluation {
		if e.Verdict != verdictTooEarly || !strings.Contains(e.Reason, "no whole month from the start") {
			t.Errorf("an intervention after the data's end: %+v", e)
		}
	}
	cookie := s.session(t, "analyst")
	page := s.do(http.MethodGet, "/interventions/1", cookie, nil).Body.String()
	for _, want := range []string{`id="evaluation"`, `data-series="starts"`, "Change in level", "Months needed to detect the change expected",
		`aria-labelledby="evaluation-starts-before-title`, `aria-labelledby="evaluation-starts-after-title`, "not a series Village counts"} {
		if !strings.Contains(page, want) {
			t.Errorf("the intervention's page has no %q", want)
		}
	}
	if page := s.do(http.MethodGet, "/interventions/2", cookie, nil).Body.String(); !strings.Contains(page, "Too early to tell") {
		t.Errorf("the page of an intervention after the data's end does not say it is too early to tell")
	}
	savings := s.do(http.MethodGet, "/savings", cookie, nil).Body.String()
	for _, want := range []string{`<a class="govuk-link" href="/interventions/1#evaluation">Panel 2024</a> (starts: `, "local_panel_decisions: not a series Village counts",
		`<a class="govuk-link" href="/interventions/2#evaluation">Reception panel</a> (starts: too early to tell; starts_age_10_15: too early to tell)`} {
		if !strings.Contains(savings, want) {
			t.Errorf("the savings page has no %q", want)
		}
	}
}

// TestVerdictOf names each kind of evaluation.
func TestVerdictOf(t *testing.T) {
	tests := []struct {
		r    evaluate.Result
		want string
	}{
		{evaluate.Result{Err: fmt.Errorf("series x: %w", evaluate.ErrNotCounted)}, verdictNotCounted},
		{evaluate.Result{Err: fmt.Errorf("series x: %w", evaluate.ErrTooEarly)}, verdictTooEarly},
		{evaluate.Result{Err: errors.New("every month is 0")}, verdictCannot},
		{evaluate.Result{Est: evaluate.Estimate{Detected: true, MonthsObserved: 3, MonthsToDetect: 9}}, verdictDetected},
		{evaluate.Result{Est: evaluate.Estimate{MonthsObserved: 3, MonthsToDetect: 9}}, verdictTooEarly},
		{evaluate.Result{Est: evaluate.Estimate{MonthsObserved: 3}}, verdictTooEarly},
		{evaluate.Result{Est: evaluate.Estimate{MonthsObserved: 9, MonthsToDetect: 9}}, verdictNone},
	}
	for _, tt := range tests {
		if got := verdictOf(tt.r); got != tt.want {
			t.Errorf("%+v: %q; want %q", tt.r, got, tt.want)
		}
	}
}
