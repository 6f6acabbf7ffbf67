package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
)

// registerView is the register page: the filters and the decisions they
// keep.
type registerView struct {
	Filter   app.Filter
	Agencies []decisions.Agency
	Bases    []option
	Statuses []option
	Entries  []app.Entry
	Problem  string
	Yours    noticesView // the signed-in person's notices (notices.go)
}

// option is one choice of a select, radio or checkbox.
type option struct {
	Value, Label string
	Chosen       bool
}

// decisionsPage lists the register, narrowed by the filters.
func (s *Server) decisionsPage(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.register(w, r, false)
	if !ok {
		return
	}
	f, err := filterOf(r)
	v := registerView{Filter: f}
	if err != nil {
		v.Problem, f = err.Error(), app.Filter{}
	}
	if v.Agencies, err = reg.Agencies(r.Context()); err == nil {
		v.Entries, err = reg.List(r.Context(), f)
	}
	if err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	for _, b := range decisions.Bases {
		v.Bases = append(v.Bases, option{Value: b, Label: decisions.BaseName(b), Chosen: b == f.Cohort})
	}
	for _, st := range decisions.Statuses {
		v.Statuses = append(v.Statuses, option{Value: string(st), Label: st.Label(), Chosen: st == f.Status})
	}
	v.Yours = s.noticesOf(r, reg, who)
	s.render(w, http.StatusOK, "decisions.html", page{Title: "Decision register", Nav: "decisions", JSON: "/api/decisions", Content: v, Waiting: len(v.Yours.Waiting)})
}

// formView is the form to record a decision, with what was entered and
// what was wrong with it.
type formView struct {
	In       decisionInput
	Agencies []decisions.Agency
	Bases    []option
	Statuses []option
	Other    string // qualified cohorts, one a line
	Send     string // the entered counts
	Early    string
	Errors   []string
}

// newDecisionPage shows the form to record a decision.
func (s *Server) newDecisionPage(w http.ResponseWriter, r *http.Request) {
	s.showForm(w, r, http.StatusOK, decisionInput{Status: string(decisions.Decided)}, "", nil)
}

func (s *Server) showForm(w http.ResponseWriter, r *http.Request, status int, in decisionInput, other string, errs []string) {
	reg, _, ok := s.register(w, r, false)
	if !ok {
		return
	}
	v := formView{In: in, Other: other, Errors: errs}
	agencies, err := reg.Agencies(r.Context())
	if err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	v.Agencies = agencies
	for _, b := range decisions.Bases {
		v.Bases = append(v.Bases, option{Value: b, Label: decisions.BaseName(b), Chosen: slices.Contains(in.Cohorts, b)})
	}
	for _, st := range []decisions.Status{decisions.Proposed, decisions.Decided} {
		v.Statuses = append(v.Statuses, option{Value: string(st), Label: st.Label(), Chosen: string(st) == in.Status})
	}
	if n, ok := in.Counts["send"]; ok {
		v.Send = strconv.Itoa(n)
	}
	if n, ok := in.Counts["early_help"]; ok {
		v.Early = strconv.Itoa(n)
	}
	crumbs := []crumb{{Text: "Decision register", Href: "/decisions"}}
	s.render(w, status, "decisionnew.html", page{Title: "Record a decision", Nav: "decisions", Crumbs: crumbs, Content: v})
}

// recordDecisionForm records the decision the form sent, and goes to it;
// or shows the form again with what was wrong.
func (s *Server) recordDecisionForm(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.register(w, r, false)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.problem(w, http.StatusBadRequest, "The form could not be read", err.Error())
		return
	}
	f := r.PostForm
	other := f.Get("other_cohorts")
	in := decisionInput{Title: f.Get("title"), Agency: f.Get("agency"), Decided: f.Get("decided"), Effective: f.Get("effective"),
		Summary: f.Get("summary"), Services: strings.Split(f.Get("services"), "\n"), Status: f.Get("status"), Review: f.Get("review"),
		Links: strings.Split(f.Get("links"), "\n"), Cohorts: append(f["cohorts"], strings.Split(other, "\n")...)}
	var errs []string
	for _, c := range []string{"send", "early_help"} {
		text := strings.TrimSpace(f.Get("count_" + c))
		if text == "" || !slices.Contains(in.Cohorts, c) {
			continue
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			errs = append(errs, "count for "+c+": "+strconv.Quote(text)+": expected a whole number")
			continue
		}
		if in.Counts == nil {
			in.Counts = map[string]int{}
		}
		in.Counts[c] = n
	}
	d, err := in.decision()
	if err == nil && errs == nil {
		var rec app.Recorded
		if rec, err = reg.Record(r.Context(), who, clientAddress(r), d, s.holdings()); err == nil {
			s.logNotifyErr(rec)
			http.Redirect(w, r, "/decisions/"+strconv.FormatInt(rec.Decision.ID, 10), http.StatusSeeOther)
			return
		}
	}
	if err != nil {
		errs = append(errs, strings.Split(err.Error(), "\n")...)
	}
	s.showForm(w, r, http.StatusBadRequest, in, other, errs)
}

// decisionView is one decision's page.
type decisionView struct {
	app.View
	Agency    string
	ToNotify  []decisions.Lead
	CanAnswer bool // the person signed in was sent a notice
	Responses []option
	Overdue   map[string]bool
	Next      []option // the statuses the decision may move to
}

// decisionPage shows one decision: the record, its impact, the leads to
// tell, their acknowledgements and the timeline, with the form to
// acknowledge it for a lead it was sent to.
func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, false)
	if !ok {
		return
	}
	v, err := reg.Decision(r.Context(), who, id, s.holdings())
	if err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	leads, err := reg.Leads(r.Context())
	if err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	view := decisionView{View: v, Agency: v.Decision.Agency, ToNotify: decisions.ToNotify(v.Decision.Cohorts, leads), Overdue: map[string]bool{}}
	if agencies, err := reg.Agencies(r.Context()); err == nil {
		if i := slices.IndexFunc(agencies, func(a decisions.Agency) bool { return a.ID == v.Decision.Agency }); i >= 0 {
			view.Agency = agencies[i].Name
		}
	}
	view.CanAnswer = slices.ContainsFunc(v.Notices, func(n decisions.Notice) bool { return n.Lead == who.Name })
	for _, resp := range decisions.Responses {
		view.Responses = append(view.Responses, option{Value: string(resp), Label: resp.Label()})
	}
	for _, st := range decisions.Statuses {
		if v.Decision.Status.CanMove(st) {
			view.Next = append(view.Next, option{Value: string(st), Label: st.Label()})
		}
	}
	for _, n := range v.Overdue {
		view.Overdue[n.Lead] = true
	}
	crumbs := []crumb{{Text: "Decision register", Href: "/decisions"}}
	s.render(w, http.StatusOK, "decision.html", page{Title: v.Decision.Title, Nav: "decisions", Crumbs: crumbs,
		JSON: "/api/decisions/" + strconv.FormatInt(id, 10), Content: view})
}

// acknowledgeForm keeps the signed-in lead's response from the form.
func (s *Server) acknowledgeForm(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, false)
	if !ok {
		return
	}
	response, err := decisions.ParseResponse(r.PostFormValue("response"))
	if err != nil {
		err = app.InvalidError{Err: err}
	} else {
		err = reg.Acknowledge(r.Context(), who, clientAddress(r), id, response, r.PostFormValue("comment"))
	}
	if err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	http.Redirect(w, r, "/decisions/"+strconv.FormatInt(id, 10)+"#acknowledgements", http.StatusSeeOther)
}

// statusForm moves the decision to the status the form sent.
func (s *Server) statusForm(w http.ResponseWriter, r *http.Request) {
	reg, who, id, ok := s.decisionAsked(w, r, false)
	if !ok {
		return
	}
	if err := s.setStatus(r, reg, who, id, r.PostFormValue("status")); err != nil {
		s.decisionRefused(w, r, false, err)
		return
	}
	http.Redirect(w, r, "/decisions/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
