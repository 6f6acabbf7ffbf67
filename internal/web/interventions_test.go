package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const panelBody = `{"name": "Reception panel", "start": "2026-04-01", "series": ["starts", "starts_age_10_15"], "cohort": "edge of care",
	"effect": -0.2, "annual_cost": 120000, "programme": "Front door", "rank": 1, "scenario": "entry_change_percent: -15"}`

const edgeBody = `{"name": "Edge of care service", "start": "2026-07-01", "series": ["starts_age_10_15"], "programme": "Edge of care", "rank": 2,
	"scenario": "entry_change_percent_by_band:\n  10-15: -30\n"}`

// TestInterventionsAPI adds interventions under tokens and reads them
// and the savings ledger back; partners, auditors and administrators
// are refused, and a bad intervention is refused with what is wrong.
func TestInterventionsAPI(t *testing.T) {
	s := newSignInServer(t, Identity{})
	tokens := map[string]string{}
	for _, role := range []string{"analyst", "manager", "partner", "auditor", "administrator"} {
		tokens[role], _ = s.token(t, role, time.Hour)
	}
	get := func(path, role string) (int, string) {
		rec := s.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+tokens[role])
		return rec.Code, rec.Body.String()
	}
	if code, body := get("/api/savings", "analyst"); code != http.StatusNotFound || !strings.Contains(body, "no interventions") {
		t.Errorf("the ledger of an empty register: %d %s", code, body)
	}
	if rec := s.postJSON("/api/interventions", tokens["analyst"], panelBody); rec.Code != http.StatusCreated || rec.Header().Get("Location") != "/api/interventions/1" {
		t.Fatalf("POST /api/interventions: %d %s", rec.Code, rec.Body)
	}
	if rec := s.postJSON("/api/interventions", tokens["manager"], edgeBody); rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/interventions as a manager: %d %s", rec.Code, rec.Body)
	}
	refusals := []struct {
		role, body string
		code       int
		want       string
	}{
		{"partner", edgeBody, http.StatusForbidden, ""},
		{"auditor", edgeBody, http.StatusForbidden, ""},
		{"administrator", edgeBody, http.StatusForbidden, ""},
		{"analyst", panelBody, http.StatusBadRequest, "in the register already"},
		{"analyst", `{"name": "X", "start": "soon", "series": []}`, http.StatusBadRequest, `start \"soon\"`},
		{"analyst", `{"name": "X", "start": "2026-04-01", "series": ["starts"], "scenario": "entries: 5"}`, http.StatusBadRequest, "not a scenario field"},
		{"analyst", `{"name": "X", "colour": "red"}`, http.StatusBadRequest, "unknown field"},
	}
	for _, c := range refusals {
		rec := s.postJSON("/api/interventions", tokens[c.role], c.body)
		if rec.Code != c.code || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("POST as %s %s: %d %s; expected %d saying %q", c.role, c.body, rec.Code, rec.Body, c.code, c.want)
		}
	}
	code, body := get("/api/interventions/1", "manager")
	var one interventionJSON
	if err := json.Unmarshal([]byte(body), &one); err != nil || code != http.StatusOK {
		t.Fatalf("GET /api/interventions/1: %d %s", code, body)
	}
	if one.Name != "Reception panel" || one.Effect == nil || *one.Effect != -0.2 || one.RecordedBy != "analyst" || len(one.Timeline) != 1 || one.Programme != "Front door" {
		t.Errorf("intervention 1 read back as %+v", one)
	}
	if code, body := get("/api/interventions", "analyst"); code != http.StatusOK || !strings.Contains(body, "Edge of care service") || !strings.Contains(body, "known_series") {
		t.Errorf("GET /api/interventions: %d %.300s", code, body)
	}
	for _, path := range []string{"/api/interventions", "/api/interventions/1", "/api/savings"} {
		if code, _ := get(path, "partner"); code != http.StatusForbidden {
			t.Errorf("GET %s as a partner: %d; expected 403", path, code)
		}
	}
	if code, _ := get("/api/interventions/9", "analyst"); code != http.StatusNotFound {
		t.Errorf("GET /api/interventions/9: %d", code)
	}
	code, body = get("/api/savings?split=even", "analyst")
	if code != http.StatusOK {
		t.Fatalf("GET /api/savings: %d %s", code, body)
	}
	var l struct {
		Split      string
		Programmes []struct {
			Name  string
			Gross struct{ Pounds int64 }
			Net   struct{ Pounds int64 }
		}
		Total struct {
			Net     struct{ Pounds int64 }
			Overlap int64
		}
	}
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	if l.Split != "even" || len(l.Programmes) != 2 || l.Programmes[0].Net.Pounds+l.Programmes[1].Net.Pounds != l.Total.Net.Pounds ||
		l.Programmes[0].Net.Pounds > l.Programmes[0].Gross.Pounds || l.Total.Overlap <= 0 {
		t.Errorf("the ledger: %+v", l)
	}
	if code, _ := get("/api/savings?split=half", "analyst"); code != http.StatusBadRequest {
		t.Errorf("split=half: %d", code)
	}
}

// TestInterventionForm sends the form with mistakes, then right: the
// mistakes come back with what was entered, and the intervention is kept.
func TestInterventionForm(t *testing.T) {
	s := newSignInServer(t, Identity{})
	cookie := s.session(t, "manager")
	form := url.Values{"name": {"Step-down"}, "start": {"2026-10-01"}, "series": {"residential"}, "effect": {"a lot"}, "annual_cost": {"250000"},
		"rank": {"3"}, "scenario": {"step_down_residential_share_per_year: 0.15"}}
	rec := s.do(http.MethodPost, "/interventions", cookie, form)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "effect: &#34;a lot&#34;") || !strings.Contains(rec.Body.String(), `value="Step-down"`) {
		t.Fatalf("a bad effect: %d %.3000s", rec.Code, rec.Body)
	}
	form.Set("effect", "-10%")
	rec = s.do(http.MethodPost, "/interventions", cookie, form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/interventions/1" {
		t.Fatalf("the form: %d %s %.2000s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	rec = s.do(http.MethodGet, "/interventions/1", cookie, nil)
	for _, want := range []string{"Step-down", "-10%", "£250,000", "id=\"evaluation\"", "added by manager"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the intervention's page has no %q", want)
		}
	}
	if rec := s.do(http.MethodGet, "/interventions", cookie, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<a class="govuk-link" href="/interventions/1">Step-down</a>`) ||
		!strings.Contains(rec.Body.String(), "1 October 2026") {
		t.Errorf("/interventions: %d %.3000s", rec.Code, rec.Body)
	}
	if rec := s.do(http.MethodGet, "/interventions", s.session(t, "partner"), nil); rec.Code != http.StatusForbidden {
		t.Errorf("/interventions as a partner: %d", rec.Code)
	}
	if rec := s.do(http.MethodGet, "/savings/method", s.session(t, "partner"), nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "counts each saving once") {
		t.Errorf("/savings/method as a partner: %d", rec.Code)
	}
}
