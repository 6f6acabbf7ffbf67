package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/store"
)

// newRegisterServer is a sign-in server whose store has the default
// agencies and one lead: the user "partner" (police) for children looked
// after.
func newRegisterServer(t *testing.T) *signInServer {
	t.Helper()
	s := newSignInServer(t, Identity{})
	ctx := context.Background()
	by := store.By{Who: "it.admin", From: app.FromCommandLine}
	m := s.store.Decisions()
	for _, a := range decisions.DefaultAgencies {
		if err := m.AddAgency(ctx, a, by); err != nil {
			t.Fatal(err)
		}
	}
	lead := decisions.Lead{User: "partner", Agency: "police", Title: "Safeguarding lead", Cohorts: []string{"looked_after"}}
	if err := m.PutLead(ctx, lead, by); err != nil {
		t.Fatal(err)
	}
	return s
}

// postJSON sends body as JSON with the bearer token.
func (s *signInServer) postJSON(path, token, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec
}

const decisionBody = `{"title": "Fewer CAMHS slots", "agency": "health", "decided": "2026-11-02", "effective": "2026-12-01",
	"summary": "Two clinics merge.", "cohorts": ["looked_after", "looked_after:age=10-15", "send"], "counts": {"send": 3}}`

// TestDecisionAPI records a decision under a token, reads it back as an
// analyst and as a partner, and has the lead acknowledge it; each refusal
// is the status the API promises.
func TestDecisionAPI(t *testing.T) {
	s := newRegisterServer(t)
	tokens := map[string]string{}
	for _, role := range []string{"analyst", "manager", "partner", "auditor"} {
		tokens[role], _ = s.token(t, role, time.Hour)
	}
	rec := s.postJSON("/api/decisions", tokens["analyst"], decisionBody)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/decisions: %d %s", rec.Code, rec.Body)
	}
	var made decisionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &made); err != nil {
		t.Fatal(err)
	}
	want := 0
	span, _ := synthetic(t).set.Span()
	for _, c := range synthetic(t).set.Children {
		if c.LookedAfterOn(span.End) {
			want++
		}
	}
	if made.ID == 0 || len(made.Cohorts) != 3 || made.Cohorts[0].Count == nil || *made.Cohorts[0].Count != want {
		t.Fatalf("recorded %+v; want looked_after = %d", made, want)
	}
	if c := made.Cohorts[2]; !c.Entered || c.Count == nil || *c.Count != 3 {
		t.Errorf("send = %+v, want the entered 3", c)
	}
	if len(made.ToNotify) != 1 || made.ToNotify[0].User != "partner" {
		t.Errorf("to_notify = %+v, want the partner", made.ToNotify)
	}
	path := "/api/decisions/" + strconv.FormatInt(made.ID, 10)

	refusals := []struct {
		name, role, path, body string
		want                   int
	}{
		{"an auditor may not record", "auditor", "/api/decisions", decisionBody, http.StatusForbidden},
		{"a cohort that is not one", "manager", "/api/decisions", strings.Replace(decisionBody, `"send"]`, `"everyone"]`, 1), http.StatusBadRequest},
		{"a date that is not one", "manager", "/api/decisions", strings.Replace(decisionBody, "2026-11-02", "2 Nov", 1), http.StatusBadRequest},
		{"an agency not kept", "manager", "/api/decisions", strings.Replace(decisionBody, `"health"`, `"nhs"`, 1), http.StatusBadRequest},
		{"not JSON", "manager", "/api/decisions", "title=x", http.StatusBadRequest},
		{"a field not known", "manager", "/api/decisions", `{"titel": "x"}`, http.StatusBadRequest},
		{"not a lead it was sent to", "manager", path + "/acknowledgements", `{"response": "supports"}`, http.StatusForbidden},
		{"a response not known", "partner", path + "/acknowledgements", `{"response": "maybe"}`, http.StatusBadRequest},
		{"no such decision", "partner", "/api/decisions/999/acknowledgements", `{"response": "supports"}`, http.StatusForbidden},
	}
	for _, tt := range refusals {
		if rec := s.postJSON(tt.path, tokens[tt.role], tt.body); rec.Code != tt.want {
			t.Errorf("%s: %d %s, want %d", tt.name, rec.Code, rec.Body, tt.want)
		}
	}
	if rec := s.do(http.MethodGet, "/api/decisions/999", "", nil, "Authorization", "Bearer "+tokens["manager"]); rec.Code != http.StatusNotFound {
		t.Errorf("GET no such decision: %d, want 404", rec.Code)
	}
	if rec := s.do(http.MethodGet, path, "", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("GET without a token: %d, want 401", rec.Code)
	}

	if rec := s.postJSON(path+"/acknowledgements", tokens["partner"], `{"response": "concerns", "comment": "Placements out of area."}`); rec.Code != http.StatusCreated {
		t.Fatalf("the lead's acknowledgement: %d %s", rec.Code, rec.Body)
	}
	rec = s.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+tokens["partner"])
	var seen decisionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &seen); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("GET as the partner: %d %v %s", rec.Code, err, rec.Body)
	}
	if seen.Acknowledged != 1 || len(seen.Acknowledgements) != 1 || seen.Acknowledgements[0].Response != "concerns" || len(seen.Timeline) != 2 {
		t.Errorf("after acknowledging: %+v", seen)
	}
	assertPublishable(t, seen)
	if c := seen.Cohorts[2]; c.Count != nil || c.CountText != "c" {
		t.Errorf("a partner sees the entered send count of 3 as %+v, want c", c)
	}
	moves := []struct {
		role, status string
		want         int
	}{
		{"manager", "proposed", http.StatusBadRequest},
		{"manager", "finished", http.StatusBadRequest},
		{"auditor", "in_effect", http.StatusForbidden},
		{"manager", "in_effect", http.StatusOK},
		{"partner", "reviewed", http.StatusOK},
		{"manager", "in_effect", http.StatusBadRequest},
	}
	for _, m := range moves {
		if rec := s.postJSON(path+"/status", tokens[m.role], `{"status": "`+m.status+`"}`); rec.Code != m.want {
			t.Errorf("%s moving the decision to %s: %d %s, want %d", m.role, m.status, rec.Code, rec.Body, m.want)
		}
	}
	if !strings.Contains(strings.Join(auditActionsOf(t, s.store), "|"), "acknowledge decision "+strconv.FormatInt(made.ID, 10)) {
		t.Error("the acknowledgement is not in the audit log")
	}
}

// assertPublishable fails when the decision shows a count of 1 to 5, or
// suppresses nothing (then the test shows nothing).
func assertPublishable(t *testing.T, d decisionJSON) {
	t.Helper()
	small := func(n *int) bool { return n != nil && *n >= 1 && *n <= 5 }
	hidden := 0
	for _, c := range d.Cohorts {
		if small(c.Count) {
			t.Errorf("a partner sees %s = %d", c.ID, *c.Count)
		}
		for _, b := range c.Breakdowns {
			for _, g := range b.Groups {
				if small(g.Count) {
					t.Errorf("a partner sees %s, %s %s = %d", c.ID, b.Name, g.Label, *g.Count)
				}
				if g.CountText == "c" {
					hidden++
				}
			}
		}
	}
	if hidden == 0 {
		t.Error("nothing was suppressed for the partner; the test shows nothing")
	}
}

func auditActionsOf(t *testing.T, st *store.Store) []string {
	t.Helper()
	log, err := st.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, a.Action)
	}
	return out
}

// TestDecisionPages records a decision through the form, lists it with
// the filters, and has the lead acknowledge it through the page.
func TestDecisionPages(t *testing.T) {
	s := newRegisterServer(t)
	manager := s.session(t, "manager")
	if rec := s.do(http.MethodGet, "/decisions/new", manager, nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Record the decision") {
		t.Fatalf("GET /decisions/new: %d", rec.Code)
	}
	form := url.Values{"title": {"Close the Eastside clinic"}, "agency": {"health"}, "decided": {"02/11/2026"}, "effective": {"2026-12-01"},
		"cohorts": {"looked_after", "send"}, "count_send": {"40"}, "status": {"decided"}, "other_cohorts": {"looked_after:placement=K2"}}
	bad := url.Values{"title": {""}, "agency": {"health"}, "decided": {"soon"}, "effective": {"2026-12-01"}}
	if rec := s.do(http.MethodPost, "/decisions", manager, bad); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "decided &#34;soon&#34;") {
		t.Errorf("a bad form: %d, want 400 saying what was wrong\n%s", rec.Code, rec.Body)
	}
	rec := s.do(http.MethodPost, "/decisions", manager, form)
	where := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(where, "/decisions/") {
		t.Fatalf("POST /decisions: %d %s\n%s", rec.Code, where, rec.Body)
	}
	filters := []struct {
		query string
		shown bool
	}{
		{"", true}, {"?agency=health", true}, {"?agency=police", false}, {"?cohort=send", true}, {"?cohort=cp_plan", false},
		{"?status=decided", true}, {"?status=reviewed", false}, {"?unacknowledged=1", true},
	}
	for _, f := range filters {
		rec := s.do(http.MethodGet, "/decisions"+f.query, manager, nil)
		if got := strings.Contains(rec.Body.String(), "Close the Eastside clinic"); rec.Code != http.StatusOK || got != f.shown {
			t.Errorf("GET /decisions%s: %d, listed %v, want %v", f.query, rec.Code, got, f.shown)
		}
	}
	if rec := s.do(http.MethodGet, "/decisions", s.session(t, "auditor"), nil); rec.Code != http.StatusForbidden {
		t.Errorf("an auditor's register: %d, want 403", rec.Code)
	}
	partner := s.session(t, "partner")
	page := s.do(http.MethodGet, where, partner, nil).Body.String()
	if !strings.Contains(page, `id="acknowledge"`) || !strings.Contains(page, "entered by the recorder") {
		t.Errorf("the lead's page lacks the acknowledge form or the entered count")
	}
	if strings.Contains(s.do(http.MethodGet, where, manager, nil).Body.String(), `id="acknowledge"`) {
		t.Error("a manager who is no lead is offered the acknowledge form")
	}
	rec = s.do(http.MethodPost, where+"/acknowledgements", partner, url.Values{"response": {"supports"}, "comment": {"Agreed at the board."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("acknowledging: %d %s", rec.Code, rec.Body)
	}
	page = s.do(http.MethodGet, where, manager, nil).Body.String()
	if !strings.Contains(page, "Agreed at the board.") || !strings.Contains(page, "Acknowledged") {
		t.Error("the acknowledgement is not on the decision's page")
	}
	if rec := s.do(http.MethodGet, "/decisions?unacknowledged=1", manager, nil); strings.Contains(rec.Body.String(), "Close the Eastside clinic") {
		t.Error("an acknowledged decision is listed as unacknowledged")
	}
}

// FuzzDecisionInput: any body is read as a decision or refused with an
// error, never a panic; a decision read passes its own check or says why.
func FuzzDecisionInput(f *testing.F) {
	f.Add(decisionBody)
	f.Add(`{"title": "x", "agency": "health", "decided": "31/02/2026", "effective": "2026-13-01", "cohorts": ["send:age=0-4"], "counts": {"send": -1}}`)
	f.Fuzz(func(t *testing.T, body string) {
		var in decisionInput
		if json.Unmarshal([]byte(body), &in) != nil {
			return
		}
		d, err := in.decision()
		if err != nil {
			return
		}
		if d.Status == "" {
			d.Status = decisions.Decided
		}
		_ = d.Check() // must not panic
	})
}
