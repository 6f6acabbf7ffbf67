package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/store"
)

// decisionRoutes are the decision register's pages and API.
func (s *Server) decisionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/decisions", s.apiDecisions)
	mux.HandleFunc("POST /api/decisions", s.apiRecordDecision)
	mux.HandleFunc("GET /api/decisions/{id}", s.apiDecision)
	mux.HandleFunc("POST /api/decisions/{id}/acknowledgements", s.apiAcknowledge)
	mux.HandleFunc("POST /api/decisions/{id}/status", s.apiSetStatus)
	mux.HandleFunc("GET /decisions", s.decisionsPage)
	mux.HandleFunc("GET /decisions/new", s.newDecisionPage)
	mux.HandleFunc("POST /decisions", s.recordDecisionForm)
	mux.HandleFunc("GET /decisions/{id}", s.decisionPage)
	mux.HandleFunc("POST /decisions/{id}/acknowledgements", s.acknowledgeForm)
	mux.HandleFunc("POST /decisions/{id}/status", s.statusForm)
}

// decisionStore is what the register needs of the store: *store.Store
// has it.
type decisionStore interface {
	Decisions() *store.Decisions
}

// register is the decision register on the server's store, and whether
// there is one; the actor must not be an auditor, whose role is the log.
func (s *Server) register(w http.ResponseWriter, r *http.Request, asJSON bool) (*app.Register, app.Actor, bool) {
	st, ok := s.Store.(decisionStore)
	if !ok {
		s.refuse(w, asJSON, http.StatusServiceUnavailable, "No decision register", "This server keeps no store for the decision register.",
			"this server keeps no store for the decision register")
		return nil, app.Actor{}, false
	}
	who, ok := app.ActorFrom(r.Context())
	if !ok {
		s.refuse(w, asJSON, http.StatusUnauthorized, "Sign in to see this page", "This request did not say who you are.", "sign in first")
		return nil, app.Actor{}, false
	}
	if who.Role == "auditor" {
		s.refuse(w, asJSON, http.StatusForbidden, "You cannot see this page",
			"Your role (auditor) is the audit log; the decision register is for the partnership.", "the role auditor may not use the decision register")
		return nil, app.Actor{}, false
	}
	return &app.Register{Store: st.Decisions(), Notifier: s.Notifier, Now: s.Now}, who, true
}

// holdings are what the server holds to count cohorts.
func (s *Server) holdings() app.Holdings { return app.Holdings{Care: s.Set, Front: s.Front} }

// decisionInput is a decision as the API and the form take it.
type decisionInput struct {
	Title     string         `json:"title"`
	Agency    string         `json:"agency"`
	Decided   string         `json:"decided"`   // 2026-11-02 or 02/11/2026
	Effective string         `json:"effective"` // likewise
	Summary   string         `json:"summary"`
	Services  []string       `json:"services"`
	Cohorts   []string       `json:"cohorts"` // ids, such as looked_after or looked_after:age=10-15
	Status    string         `json:"status"`  // proposed or decided (the default)
	Review    string         `json:"review"`  // a date, or blank
	Links     []string       `json:"links"`
	Counts    map[string]int `json:"counts"` // counts entered for cohorts Village cannot count, such as send
}

// decision reads the input, saying every field that is wrong.
func (in decisionInput) decision() (decisions.Decision, error) {
	var errs []error
	date := func(field, text string) calendar.Date {
		d, ok := parseDay(text)
		if !ok {
			errs = append(errs, fmt.Errorf("%s %q: expected a date such as 2026-11-02 or 02/11/2026", field, text))
		}
		return d
	}
	d := decisions.Decision{Title: strings.TrimSpace(in.Title), Agency: strings.TrimSpace(in.Agency), Summary: strings.TrimSpace(in.Summary),
		Services: nonBlank(in.Services), Links: nonBlank(in.Links), Entered: in.Counts}
	d.Decided = date("decided", in.Decided)
	d.Effective = date("effective", in.Effective)
	if strings.TrimSpace(in.Review) != "" {
		d.Review, d.HasReview = date("review", in.Review), true
	}
	if in.Status != "" {
		st, err := decisions.ParseStatus(in.Status)
		errs = append(errs, err)
		d.Status = st
	}
	cohorts, err := decisions.ParseCohorts(nonBlank(in.Cohorts))
	errs = append(errs, err)
	d.Cohorts = cohorts
	if err := errors.Join(errs...); err != nil {
		return d, err
	}
	return d, nil
}

// parseDay reads a date written 2026-11-02 or 02/11/2026.
func parseDay(text string) (calendar.Date, bool) {
	text = strings.TrimSpace(text)
	if d, ok := calendar.ParseISODate(text); ok {
		return d, true
	}
	return calendar.ParseDate(text)
}

// nonBlank are the items that are not blank, trimmed.
func nonBlank(items []string) []string {
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// apiRecordDecision records a decision given as JSON and answers 201 with
// its id, each cohort counted and the leads to notify.
func (s *Server) apiRecordDecision(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.register(w, r, true)
	if !ok {
		return
	}
	var in decisionInput
	if !s.decodeBody(w, r, &in, "a decision") {
		return
	}
	d, err := in.decision()
	if err != nil {
		s.jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	rec, err := reg.Record(r.Context(), who, clientAddress(r), d, s.holdings())
	if err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	s.logNotifyErr(rec)
	s.writeJSON(w, http.StatusCreated, decisionJSONOf(app.View{Decision: rec.Decision, Impacts: rec.Impacts}, rec.ToNotify))
}

// logNotifyErr logs the notices a Notifier could not send: the decision
// is kept, and its leads see the notice when they sign in.
func (s *Server) logNotifyErr(rec app.Recorded) {
	if rec.NotifyErr != nil {
		s.Log.Error("telling the leads of a decision", "decision", rec.Decision.ID, "err", rec.NotifyErr)
	}
}

// decisionRefused answers a change the register refused: 403 for a role
// that may not make it, 404 for no such decision, 400 for anything wrong
// with what was sent.
func (s *Server) decisionRefused(w http.ResponseWriter, r *http.Request, asJSON bool, err error) {
	status := http.StatusBadRequest
	switch {
	case errors.Is(err, app.ErrMayNotRecord), errors.Is(err, app.ErrNotALead):
		status = http.StatusForbidden
	case errors.Is(err, store.ErrNoDecision):
		status = http.StatusNotFound
	case errors.Is(err, store.ErrNoAgency), errors.Is(err, store.ErrStatus):
		status = http.StatusBadRequest
	case errors.As(err, new(app.InvalidError)):
		status = http.StatusBadRequest
	default:
		s.Log.Error("changing the decision register", "err", err)
		s.refuse(w, asJSON, http.StatusInternalServerError, "Sorry, there is a problem", "The decision register could not be changed.",
			"the decision register could not be changed")
		return
	}
	s.refuse(w, asJSON, status, "The decision was not recorded", err.Error(), err.Error())
}

// decisionAsked is the register and actor as register gives them, and
// the decision the route's {id} names; a request for no decision gets 404.
func (s *Server) decisionAsked(w http.ResponseWriter, r *http.Request, asJSON bool) (*app.Register, app.Actor, int64, bool) {
	reg, who, ok := s.register(w, r, asJSON)
	if !ok {
		return nil, who, 0, false
	}
	id, ok := decisionID(r)
	if !ok {
		s.refuse(w, asJSON, http.StatusNotFound, "Page not found", "There is no such decision.", "no such decision")
		return nil, who, 0, false
	}
	return reg, who, id, true
}

// decodeBody reads the request's JSON body into v, refusing fields v does
// not have; a body that is not what is an answered 400.
func (s *Server) decodeBody(w http.ResponseWriter, r *http.Request, v any, what string) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		s.jsonError(w, http.StatusBadRequest, "the body is not "+what+" as JSON: "+err.Error())
		return false
	}
	return true
}

// decisionID reads the {id} of the route.
func decisionID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// apiDecision answers one decision with its cohorts counted, notices,
// acknowledgements and timeline.
func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, true)
	if !ok {
		return
	}
	v, err := reg.Decision(r.Context(), who, id, s.holdings())
	if err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	leads, err := reg.Leads(r.Context())
	if err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	s.writeJSON(w, http.StatusOK, decisionJSONOf(v, decisions.ToNotify(v.Decision.Cohorts, leads)))
}

// apiDecisions lists the register, with the page's filters.
func (s *Server) apiDecisions(w http.ResponseWriter, r *http.Request) {
	reg, _, ok := s.register(w, r, true)
	if !ok {
		return
	}
	f, err := filterOf(r)
	if err != nil {
		s.jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	entries, err := reg.List(r.Context(), f)
	if err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	out := struct {
		Decisions []decisionJSON `json:"decisions"`
	}{Decisions: []decisionJSON{}}
	for _, e := range entries {
		j := decisionJSONOf(app.View{Decision: e.Decision}, nil)
		j.Notices, j.Acknowledged, j.Cohorts, j.ToNotify = e.Notices, e.Acknowledged, nil, nil
		out.Decisions = append(out.Decisions, j)
	}
	s.writeJSON(w, http.StatusOK, out)
}

// filterOf reads the register's filters from the query.
func filterOf(r *http.Request) (app.Filter, error) {
	q := r.URL.Query()
	f := app.Filter{Agency: q.Get("agency"), Cohort: q.Get("cohort"), Unacknowledged: q.Get("unacknowledged") != ""}
	if st := q.Get("status"); st != "" {
		status, err := decisions.ParseStatus(st)
		if err != nil {
			return f, err
		}
		f.Status = status
	}
	return f, nil
}

// ackInput is an acknowledgement as the API takes it.
type ackInput struct {
	Response string `json:"response"`
	Comment  string `json:"comment"`
}

// apiAcknowledge keeps the signed-in lead's response to a decision.
func (s *Server) apiAcknowledge(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, true)
	if !ok {
		return
	}
	var in ackInput
	if !s.decodeBody(w, r, &in, "an acknowledgement") {
		return
	}
	response, err := decisions.ParseResponse(in.Response)
	if err != nil {
		err = app.InvalidError{Err: err}
	} else {
		err = reg.Acknowledge(r.Context(), who, clientAddress(r), id, response, in.Comment)
	}
	if err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	s.writeJSON(w, http.StatusCreated, map[string]any{"decision": id, "lead": who.Name, "response": response})
}

// apiSetStatus moves a decision on: JSON {"status": "in_effect"}.
func (s *Server) apiSetStatus(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, true)
	if !ok {
		return
	}
	var in struct {
		Status string `json:"status"`
	}
	if !s.decodeBody(w, r, &in, "a status") {
		return
	}
	if err := s.setStatus(r, reg, who, id, in.Status); err != nil {
		s.decisionRefused(w, r, true, err)
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"decision": id, "status": in.Status})
}

// setStatus reads the status and moves the decision to it.
func (s *Server) setStatus(r *http.Request, reg *app.Register, who app.Actor, id int64, text string) error {
	status, err := decisions.ParseStatus(text)
	if err != nil {
		return app.InvalidError{Err: err}
	}
	return reg.SetStatus(r.Context(), who, clientAddress(r), id, status)
}

// decisionJSON is a decision as the API answers it.
type decisionJSON struct {
	ID               int64        `json:"id"`
	Title            string       `json:"title"`
	Agency           string       `json:"agency"`
	Decided          string       `json:"decided"`
	Effective        string       `json:"effective"`
	Summary          string       `json:"summary"`
	Services         []string     `json:"services"`
	Status           string       `json:"status"`
	Review           string       `json:"review,omitempty"`
	Links            []string     `json:"links"`
	RecordedBy       string       `json:"recorded_by"`
	Recorded         string       `json:"recorded"`
	Cohorts          []cohortJSON `json:"cohorts,omitempty"`
	ToNotify         []leadJSON   `json:"to_notify,omitempty"`
	Notices          int          `json:"notices"`
	Acknowledged     int          `json:"acknowledged"`
	NoticeList       []noticeJSON `json:"notice_list,omitempty"`
	Acknowledgements []ackJSON    `json:"acknowledgements,omitempty"`
	Timeline         []changeJSON `json:"timeline,omitempty"`
}

type cohortJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Count is null when suppressed (CountText "c") or not known ("x").
	Count      *int            `json:"count"`
	CountText  string          `json:"count_text"`
	Reason     string          `json:"reason,omitempty"`
	Entered    bool            `json:"entered"`
	On         string          `json:"on,omitempty"`
	Breakdowns []breakdownJSON `json:"breakdowns,omitempty"`
}

type breakdownJSON struct {
	Name   string      `json:"name"`
	Groups []groupJSON `json:"groups"`
}

type groupJSON struct {
	Label     string `json:"label"`
	Count     *int   `json:"count"`
	CountText string `json:"count_text"`
}

type leadJSON struct {
	User    string   `json:"user"`
	Agency  string   `json:"agency"`
	Title   string   `json:"title"`
	Cohorts []string `json:"cohorts"`
}

type noticeJSON struct {
	Lead  string `json:"lead"`
	Due   string `json:"due"`
	State string `json:"state"`
}

type ackJSON struct {
	Lead     string `json:"lead"`
	Response string `json:"response"`
	Comment  string `json:"comment"`
	At       string `json:"at"`
}

type changeJSON struct {
	At   string `json:"at"`
	Who  string `json:"who"`
	What string `json:"what"`
}

// isoDay writes a date as the API does, 2026-11-02.
func isoDay(d calendar.Date) string { return d.Time().Format(time.DateOnly) }

// decisionJSONOf is the view as the API answers it.
func decisionJSONOf(v app.View, tell []decisions.Lead) decisionJSON {
	d := v.Decision
	j := decisionJSON{ID: d.ID, Title: d.Title, Agency: d.Agency, Decided: isoDay(d.Decided), Effective: isoDay(d.Effective),
		Summary: d.Summary, Services: orEmpty(d.Services), Status: string(d.Status), Links: orEmpty(d.Links), RecordedBy: d.RecordedBy,
		Recorded: d.Recorded.UTC().Format(time.RFC3339), ToNotify: []leadJSON{}}
	if d.HasReview {
		j.Review = isoDay(d.Review)
	}
	for _, im := range v.Impacts {
		j.Cohorts = append(j.Cohorts, cohortJSONOf(im))
	}
	for _, l := range tell {
		j.ToNotify = append(j.ToNotify, leadJSON{User: l.User, Agency: l.Agency, Title: l.Title, Cohorts: l.Cohorts})
	}
	for _, n := range v.Notices {
		j.Notices++
		if n.State == decisions.Acknowledged {
			j.Acknowledged++
		}
		j.NoticeList = append(j.NoticeList, noticeJSON{Lead: n.Lead, Due: isoDay(n.Due), State: string(n.State)})
	}
	for _, a := range v.Acknowledgements {
		j.Acknowledgements = append(j.Acknowledgements, ackJSON{Lead: a.Lead, Response: string(a.Response), Comment: a.Comment, At: a.At.UTC().Format(time.RFC3339)})
	}
	for _, c := range v.Timeline {
		j.Timeline = append(j.Timeline, changeJSON{At: c.At.UTC().Format(time.RFC3339), Who: c.Who, What: c.What})
	}
	return j
}

func cohortJSONOf(im app.Impact) cohortJSON {
	c := cohortJSON{ID: im.Cohort.ID(), Name: im.Cohort.Name(), Count: countOf(im.Count), CountText: im.Count.Text(),
		Reason: im.Count.Reason(), Entered: im.Entered}
	if im.Count.Known && !im.Entered {
		c.On = isoDay(im.On)
	}
	for _, b := range im.Breakdowns {
		bj := breakdownJSON{Name: b.Name}
		for _, g := range b.Groups {
			bj.Groups = append(bj.Groups, groupJSON{Label: g.Label, Count: countOf(g.Count), CountText: g.Count.Text()})
		}
		c.Breakdowns = append(c.Breakdowns, bj)
	}
	return c
}

// countOf is a count for JSON: null when suppressed or not known.
func countOf(c disclose.Cell) *int {
	if !c.Known {
		return nil
	}
	return c.Count()
}

func orEmpty(items []string) []string {
	if items == nil {
		return []string{}
	}
	return items
}
