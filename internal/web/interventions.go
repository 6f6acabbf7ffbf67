package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/evaluate"
	"github.com/village-uk/village/internal/forecast"
	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/ledger"
	"github.com/village-uk/village/internal/present/pack"
	"github.com/village-uk/village/internal/store"
)

// interventionRoutes are the interventions register's and the savings
// ledger's pages and API.
func (s *Server) interventionRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/interventions", s.apiInterventions)
	mux.HandleFunc("POST /api/interventions", s.apiAddIntervention)
	mux.HandleFunc("GET /api/interventions/{id}", s.apiIntervention)
	mux.HandleFunc("GET /interventions", s.interventionsPage)
	mux.HandleFunc("GET /interventions/new", s.newInterventionPage)
	mux.HandleFunc("POST /interventions", s.addInterventionForm)
	mux.HandleFunc("GET /interventions/{id}", s.interventionPage)
	mux.HandleFunc("GET /savings", s.savingsPage)
	mux.HandleFunc("GET /savings/method", s.savingsMethod)
	mux.HandleFunc("GET /api/savings", s.apiSavings)
}

// interventionStore is what the register needs of the store:
// *store.Store has it.
type interventionStore interface {
	Interventions() *store.Interventions
}

// interventionsOf is the register on the server's store and the actor,
// if the server keeps one and the actor may use it.
func (s *Server) interventionsOf(w http.ResponseWriter, r *http.Request, asJSON bool) (*app.Interventions, app.Actor, bool) {
	st, ok := s.Store.(interventionStore)
	if !ok {
		s.refuse(w, asJSON, http.StatusServiceUnavailable, "No interventions register", "This server keeps no store for the interventions register.",
			"this server keeps no store for the interventions register")
		return nil, app.Actor{}, false
	}
	who, ok := app.ActorFrom(r.Context())
	if !ok {
		s.refuse(w, asJSON, http.StatusUnauthorized, "Sign in to see this page", "This request did not say who you are.", "sign in first")
		return nil, app.Actor{}, false
	}
	if err := app.MayUseInterventions(who); err != nil {
		s.refuse(w, asJSON, http.StatusForbidden, "You cannot see this page",
			"The interventions register and the savings ledger are for analysts and managers: savings are finance-sensitive.", err.Error())
		return nil, app.Actor{}, false
	}
	return &app.Interventions{Store: st.Interventions()}, who, true
}

// interventionRefused answers a change or a look-up the register refused.
func (s *Server) interventionRefused(w http.ResponseWriter, r *http.Request, asJSON bool, err error) {
	switch {
	case errors.Is(err, store.ErrNoIntervention):
		s.refuse(w, asJSON, http.StatusNotFound, "No such intervention", err.Error(), err.Error())
	case errors.Is(err, store.ErrNameTaken), errors.As(err, new(app.InvalidError)):
		s.refuse(w, asJSON, http.StatusBadRequest, "The intervention was not recorded", err.Error(), err.Error())
	default:
		s.Log.Error("using the interventions register", "err", err)
		s.refuse(w, asJSON, http.StatusInternalServerError, "Sorry, there is a problem", "The interventions register could not be read or changed.",
			"the interventions register could not be read or changed")
	}
}

// interventionInput is an intervention as the API and the form take it.
type interventionInput struct {
	Name       string   `json:"name"`
	Start      string   `json:"start"` // 2026-07-01 or 01/07/2026
	End        string   `json:"end"`   // blank while it runs
	Series     []string `json:"series"`
	Cohort     string   `json:"cohort"`
	Effect     *float64 `json:"effect"`      // a fraction, -0.20; null for none
	AnnualCost int64    `json:"annual_cost"` // whole pounds
	Programme  string   `json:"programme"`
	Rank       int      `json:"rank"`
	Scenario   string   `json:"scenario"` // forecast scenario fields, YAML
}

// intervention reads the input, saying every field that is wrong.
func (in interventionInput) intervention() (interventions.Intervention, error) {
	iv := interventions.Intervention{Name: strings.TrimSpace(in.Name), Series: nonBlank(in.Series), Cohort: strings.TrimSpace(in.Cohort),
		AnnualCost: in.AnnualCost, Programme: strings.TrimSpace(in.Programme), Rank: in.Rank, Scenario: in.Scenario}
	var errs []error
	if d, ok := parseDay(in.Start); ok {
		iv.Start = d
	} else {
		errs = append(errs, fmt.Errorf("start %q: expected a date such as 2026-07-01 or 01/07/2026", in.Start))
	}
	if strings.TrimSpace(in.End) != "" {
		d, ok := parseDay(in.End)
		if !ok {
			errs = append(errs, fmt.Errorf("end %q: expected a date such as 2027-03-31, or blank while it runs", in.End))
		}
		iv.End = d
	}
	if in.Effect != nil {
		iv.Effect, iv.HasEffect = *in.Effect, true
	}
	if err := errors.Join(errs...); err != nil {
		return iv, err
	}
	return iv, iv.Check()
}

// interventionJSON is an intervention as the API gives it.
type interventionJSON struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	Start      string   `json:"start"`
	End        string   `json:"end,omitempty"`
	Series     []string `json:"series"`
	Cohort     string   `json:"cohort"`
	Effect     *float64 `json:"effect"`
	AnnualCost int64    `json:"annual_cost"`
	Programme  string   `json:"programme"`
	Rank       int      `json:"rank"`
	Scenario   string   `json:"scenario"`
	RecordedBy string   `json:"recorded_by"`
	Recorded   string   `json:"recorded"`
	// Evaluation is the evaluation of the intervention on each of its
	// series, from the server's journeys; only one intervention's answer
	// carries it, the register's list does not.
	Evaluation []seriesEvaluationJSON `json:"evaluation,omitempty"`
	Timeline   []changeJSON           `json:"timeline,omitempty"`
}

func toJSON(iv interventions.Intervention) interventionJSON {
	out := interventionJSON{ID: iv.ID, Name: iv.Name, Start: forecast.ISO(iv.Start), Series: iv.Series, Cohort: iv.Cohort, AnnualCost: iv.AnnualCost,
		Programme: iv.ProgrammeName(), Rank: iv.Rank, Scenario: iv.Scenario, RecordedBy: iv.RecordedBy, Recorded: iv.Recorded.UTC().Format(time.RFC3339)}
	if iv.End != 0 {
		out.End = forecast.ISO(iv.End)
	}
	if iv.HasEffect {
		e := iv.Effect
		out.Effect = &e
	}
	return out
}

func (s *Server) apiInterventions(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, true)
	if !ok {
		return
	}
	list, err := reg.List(r.Context(), who)
	if err != nil {
		s.interventionRefused(w, r, true, err)
		return
	}
	out := []interventionJSON{}
	for _, iv := range list {
		out = append(out, toJSON(iv))
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"interventions": out, "known_series": interventions.Known})
}

func (s *Server) apiAddIntervention(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, true)
	if !ok {
		return
	}
	var in interventionInput
	if !s.decodeBody(w, r, &in, "an intervention") {
		return
	}
	iv, err := in.intervention()
	if err != nil {
		s.interventionRefused(w, r, true, app.InvalidError{Err: err})
		return
	}
	id, err := reg.Add(r.Context(), who, clientAddress(r), iv)
	if err != nil {
		s.interventionRefused(w, r, true, err)
		return
	}
	w.Header().Set("Location", "/api/interventions/"+strconv.FormatInt(id, 10))
	s.writeJSON(w, http.StatusCreated, map[string]any{"id": id})
}

// interventionAsked is the intervention the path names, with its
// timeline, and its evaluation on each of its series.
func (s *Server) interventionAsked(w http.ResponseWriter, r *http.Request, asJSON bool) (interventionJSON, []evaluate.Result, bool) {
	reg, who, ok := s.interventionsOf(w, r, asJSON)
	if !ok {
		return interventionJSON{}, nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.refuse(w, asJSON, http.StatusNotFound, "No such intervention", "Interventions are numbered from 1.", "no such intervention")
		return interventionJSON{}, nil, false
	}
	iv, timeline, err := reg.Intervention(r.Context(), who, id)
	if err != nil {
		s.interventionRefused(w, r, asJSON, err)
		return interventionJSON{}, nil, false
	}
	out := toJSON(iv)
	for _, c := range timeline {
		out.Timeline = append(out.Timeline, changeJSON{At: c.At.UTC().Format(time.RFC3339), Who: c.Who, What: c.What})
	}
	results := s.evaluationOf(iv)
	out.Evaluation = evaluationJSON(results)
	return out, results, true
}

func (s *Server) apiIntervention(w http.ResponseWriter, r *http.Request) {
	if out, _, ok := s.interventionAsked(w, r, true); ok {
		s.writeJSON(w, http.StatusOK, out)
	}
}

// interventionsView is the register's page.
type interventionsView struct {
	Interventions []interventions.Intervention
}

func (s *Server) interventionsPage(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, false)
	if !ok {
		return
	}
	list, err := reg.List(r.Context(), who)
	if err != nil {
		s.interventionRefused(w, r, false, err)
		return
	}
	s.render(w, http.StatusOK, "interventions.html", page{Title: "Interventions", JSON: "/api/interventions", Content: interventionsView{Interventions: list}})
}

// interventionFormView is the form to add an intervention, with what was
// entered and what was wrong with it.
type interventionFormView struct {
	In                   interventionInput
	Series, Effect, Cost string
	Known                []interventions.Series
	Errors               []string
}

func (s *Server) newInterventionPage(w http.ResponseWriter, r *http.Request) {
	if _, _, ok := s.interventionsOf(w, r, false); !ok {
		return
	}
	s.showInterventionForm(w, http.StatusOK, interventionFormView{})
}

func (s *Server) showInterventionForm(w http.ResponseWriter, status int, v interventionFormView) {
	v.Known = interventions.Known
	s.render(w, status, "interventionnew.html", page{Title: "Add an intervention", Crumbs: []crumb{{Text: "Interventions", Href: "/interventions"}}, Content: v})
}

// addInterventionForm keeps the intervention the form sent and goes to
// it, or shows the form again with what was wrong.
func (s *Server) addInterventionForm(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, false)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.problem(w, http.StatusBadRequest, "The form could not be read", err.Error())
		return
	}
	f := r.PostForm
	v := interventionFormView{Series: f.Get("series"), Effect: f.Get("effect"), Cost: f.Get("annual_cost"),
		In: interventionInput{Name: f.Get("name"), Start: f.Get("start"), End: f.Get("end"), Cohort: f.Get("cohort"),
			Programme: f.Get("programme"), Scenario: f.Get("scenario"), Series: app.SplitList(f.Get("series"))}}
	var errs []error
	if t := strings.TrimSpace(v.Effect); t != "" {
		e, err := interventions.ParseEffect(t)
		errs = append(errs, prefixed("effect", err))
		v.In.Effect = &e
	}
	if t := strings.TrimSpace(v.Cost); t != "" {
		c, err := interventions.Pounds(t)
		errs = append(errs, prefixed("annual cost", err))
		v.In.AnnualCost = c
	}
	if t := strings.TrimSpace(f.Get("rank")); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			errs = append(errs, fmt.Errorf("rank %q: expected a whole number, 1 to claim first", t))
		}
		v.In.Rank = n
	}
	iv, err := v.In.intervention()
	errs = append(errs, err)
	if err := errors.Join(errs...); err == nil {
		id, err := reg.Add(r.Context(), who, clientAddress(r), iv)
		if err == nil {
			http.Redirect(w, r, "/interventions/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
		errs = append(errs, err)
	}
	for _, e := range errs {
		if e != nil {
			v.Errors = append(v.Errors, strings.Split(e.Error(), "\n")...)
		}
	}
	s.showInterventionForm(w, http.StatusBadRequest, v)
}

// prefixed names the field an error is about, or is nil.
func prefixed(field string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", field, err)
}

// interventionView is one intervention's page.
type interventionView struct {
	interventionJSON
	SeriesLabels []string
	EffectText   string
	CostText     string
	Evaluations  []seriesEvaluationView
}

func (s *Server) interventionPage(w http.ResponseWriter, r *http.Request) {
	iv, results, ok := s.interventionAsked(w, r, false)
	if !ok {
		return
	}
	v := interventionView{interventionJSON: iv, CostText: pack.PoundsText(iv.AnnualCost), Evaluations: s.evaluationViews(results)}
	for _, id := range iv.Series {
		v.SeriesLabels = append(v.SeriesLabels, interventions.SeriesLabel(id)+" ("+id+")")
	}
	if iv.Effect != nil {
		v.EffectText = fmt.Sprintf("%+.0f%%", *iv.Effect*100)
	}
	s.render(w, http.StatusOK, "intervention.html", page{Title: iv.Name, Crumbs: []crumb{{Text: "Interventions", Href: "/interventions"}},
		JSON: "/api/interventions/" + strconv.FormatInt(iv.ID, 10), Content: v})
}

// ledgerOf builds the savings ledger from the register, with the
// server's forecast options (population, costs, inflation) and the
// ledger's defaults for the rest; nil when the register is empty. It is
// worked out on each request: a few seconds for a large authority.
func (s *Server) ledgerOf(r *http.Request, reg *app.Interventions, who app.Actor) (*ledger.Ledger, error) {
	split, ok := ledger.ParseSplit(r.URL.Query().Get("split"))
	if !ok {
		return nil, app.InvalidError{Err: fmt.Errorf("split %q: expected precedence or even", r.URL.Query().Get("split"))}
	}
	list, err := reg.List(r.Context(), who)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}
	targets, err := reg.Targets(r.Context(), who)
	if err != nil {
		return nil, err
	}
	opts := forecast.Options{Seed: 1, Inflation: 0.03}
	if f := s.Forecast; f != nil {
		opts = forecast.Options{DataEnd: f.DataEnd, Population: f.Population, Costs: f.Costs, Inflation: f.Inflation, Seed: f.Seed, Workers: f.Workers}
	}
	if opts.DataEnd == 0 {
		// a server that does not forecast: the data's end is its span's
		span, ok := s.Set.Span()
		if !ok {
			return nil, app.InvalidError{Err: errors.New("the journeys cover no time, so there is nothing to forecast the ledger from")}
		}
		opts.DataEnd = span.End
	}
	l, err := ledger.Build(s.Set, list, targets, ledger.Options{Forecast: opts, Split: split})
	if err != nil {
		return nil, app.InvalidError{Err: err}
	}
	return l, nil
}

// savingsView is the ledger's page, its money written out.
type savingsView struct {
	Ledger                                *ledger.Ledger
	Even                                  bool
	Rows                                  []savingsRow
	Quarters                              []quarterRow
	Chart                                 template.HTML
	Net, NetRange, Target, Gross, Overlap string
	Combined, CombinedRange, From, To     string
}

// quarterRow is a quarter of the trajectory as the page shows it.
type quarterRow struct {
	Quarter                                                      string
	Months                                                       int
	Overlap, Net, Range, Target, CumulativeNet, CumulativeTarget string
}

// savingsRow is a programme's line as the page shows it.
type savingsRow struct {
	ledger.Programme
	Gross, Net, GrossRange, NetRange, Target, Cost string
	Evaluations                                    []evaluationNote
}

func (s *Server) savingsPage(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, false)
	if !ok {
		return
	}
	l, err := s.ledgerOf(r, reg, who)
	if err != nil {
		s.interventionRefused(w, r, false, err)
		return
	}
	v := savingsView{Ledger: l}
	var byID map[int64]interventions.Intervention
	if l != nil {
		list, err := reg.List(r.Context(), who)
		if err != nil {
			s.interventionRefused(w, r, false, err)
			return
		}
		byID = map[int64]interventions.Intervention{}
		for _, iv := range list {
			byID[iv.ID] = iv
		}
	}
	if l != nil {
		v.Even = l.Split == ledger.Even
		v.Chart = pack.SavingsChart(l.PackSection())
		t := l.Total
		v.Net, v.NetRange, v.Target, v.Gross, v.Overlap = pack.PoundsText(t.Net.Pounds), t.Net.Range(), pack.PoundsText(t.Target), pack.PoundsText(t.Gross), pack.PoundsText(t.Overlap)
		v.Combined, v.CombinedRange = pack.PoundsText(t.Combined.Pounds), t.Combined.Range()
		v.From, v.To = l.Quarters[0].Quarter, l.Quarters[len(l.Quarters)-1].Quarter
		for _, q := range l.Quarters {
			v.Quarters = append(v.Quarters, quarterRow{Quarter: q.Quarter, Months: q.Months, Overlap: pack.PoundsText(q.Overlap), Net: pack.PoundsText(q.Bookable),
				Range: pack.PoundsText(q.NetP5) + " to " + pack.PoundsText(q.NetP95), Target: pack.PoundsText(q.TargetTotal),
				CumulativeNet: pack.PoundsText(q.CumulativeNet), CumulativeTarget: pack.PoundsText(q.CumulativeTarget)})
		}
		for _, p := range l.Programmes {
			v.Rows = append(v.Rows, savingsRow{Programme: p, Gross: pack.PoundsText(p.Gross.Pounds), Net: pack.PoundsText(p.Net.Pounds),
				GrossRange: p.Gross.Range(), NetRange: p.Net.Range(), Target: pack.PoundsText(p.Target), Cost: pack.PoundsText(p.AnnualCost),
				Evaluations: s.evaluationNotes(p.InterventionIDs, byID)})
		}
	}
	s.render(w, http.StatusOK, "savings.html", page{Title: "Savings ledger", JSON: "/api/savings", Content: v})
}

func (s *Server) apiSavings(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.interventionsOf(w, r, true)
	if !ok {
		return
	}
	l, err := s.ledgerOf(r, reg, who)
	if err != nil {
		s.interventionRefused(w, r, true, err)
		return
	}
	if l == nil {
		s.refuse(w, true, http.StatusNotFound, "No ledger", "The register has no interventions.", "the register has no interventions: add some first")
		return
	}
	s.writeJSON(w, http.StatusOK, l)
}

// savingsMethodTitle and savingsMethodBody are the ledger's METHOD.md
// rendered once.
var savingsMethodTitle, savingsMethodBody = markdown(ledger.Method)

func (s *Server) savingsMethod(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "savingsmethod.html", page{Title: savingsMethodTitle,
		Crumbs: []crumb{{"Savings ledger", "/savings"}}, Content: methodPage{Body: savingsMethodBody}})
}
