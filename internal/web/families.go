package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/families"
)

// familiesLoaded reports whether a family-link file is loaded.
func (s *Server) familiesLoaded() bool { return s.Families != nil }

// familyRow is one recurrent care figure as the mode shows it. No row
// names a mother: each is a count, a share or a median.
type familyRow struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Unit       string   `json:"unit"`
	Definition string   `json:"definition"`
	Shown      string   `json:"shown"`
	Value      *float64 `json:"value"`
	Note       string   `json:"note,omitempty"`
}

// familiesNotLinked says why every figure is x when the 903's children
// were never pseudonymised.
const familiesNotLinked = "The returns' children are not linked to the family links: load the returns with the council's key (village load --key) to join them."

// recurrentCare finds recurrent care in p and its figures as the mode
// shows them; linked is false when the returns' children have no
// pseudonyms to join with.
func (s *Server) recurrentCare(p calendar.Period) (families.Result, []familyRow, bool, error) {
	res, linked, err := s.Families.Recurrent(s.Set, p)
	if err != nil {
		return res, nil, false, err
	}
	var rows []familyRow
	for _, f := range res.Figures(s.policy()) {
		row := familyRow{ID: f.ID, Title: f.Title, Unit: f.Unit, Definition: f.Definition, Shown: f.Value.Text(), Value: f.Value.JSON()}
		switch {
		case !linked:
			row.Shown, row.Value, row.Note = "x", nil, familiesNotLinked
		case f.ID == "recurrent_care_interval_median" && res.LeftOut > 0:
			row.Note = fmt.Sprintf("%s left out: their earlier sibling's care began before the first return loaded.", s.count(res.LeftOut))
		}
		rows = append(rows, row)
	}
	return res, rows, linked, nil
}

// familiesPage is /families.
type familiesPage struct {
	Period, Label string
	Loaded        bool
	Linked        bool
	Rows          []familyRow
	Drill         string // the analyst's drill-down to the children counted; "" for anyone else
}

// familiesPageOf is /families's content for the period asked.
func (s *Server) familiesPageOf(r *http.Request, p calendar.Period) (familiesPage, error) {
	c := familiesPage{Period: code(p), Label: p.Label, Loaded: s.familiesLoaded()}
	if !c.Loaded {
		return c, nil
	}
	res, rows, linked, err := s.recurrentCare(p)
	if err != nil {
		return c, err
	}
	c.Rows, c.Linked = rows, linked
	if linked && len(res.Children) > 0 && s.mayDrill(r) {
		c.Drill = "/families/children" + s.query(p)
	}
	return c, nil
}

// familiesHTML is GET /families: recurrent care in the period asked for,
// as the person's role may see it.
func (s *Server) familiesHTML(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodOrRefuse(w, r, false)
	if !ok {
		return
	}
	c, err := s.familiesPageOf(r, p)
	if err != nil {
		s.Log.Error("finding recurrent care", "err", err)
		s.problem(w, http.StatusInternalServerError, "Recurrent care cannot be shown", "The family links could not be joined to the returns' children.")
		return
	}
	json := ""
	if c.Loaded {
		json = "/api/families" + s.query(p)
	}
	s.render(w, http.StatusOK, "families.html", page{Title: "Recurrent care: mothers with a second or later child in care", Nav: "families",
		Crumbs: []crumb{{"Overview", "/" + s.query(p)}}, JSON: json, Content: c})
}

// apiFamilies is GET /api/families.
func (s *Server) apiFamilies(w http.ResponseWriter, r *http.Request) {
	p, ok := s.periodOrRefuse(w, r, true)
	if !ok {
		return
	}
	c, err := s.familiesPageOf(r, p)
	if err != nil {
		s.Log.Error("finding recurrent care", "err", err)
		s.jsonError(w, http.StatusInternalServerError, "the family links could not be joined to the returns' children")
		return
	}
	out := struct {
		Mode    string      `json:"mode"`
		Period  string      `json:"period"`
		Loaded  bool        `json:"loaded"`
		Linked  bool        `json:"linked"`
		Figures []familyRow `json:"figures"`
	}{Mode: s.mode(), Period: p.Label, Loaded: c.Loaded, Linked: c.Linked, Figures: c.Rows}
	if out.Figures == nil {
		out.Figures = []familyRow{}
	}
	s.writeJSON(w, http.StatusOK, out)
}

// familiesChildrenPage is the analyst's drill-down: the children counted
// in recurrent_care_mothers, each a second or later child of their
// mother to enter care, once the reason is given and recorded. It names
// no mother.
type familiesChildrenPage struct {
	Label    string
	Count    int
	Children []string
	Shown    bool
	reasonForm
}

// Hint is the form's example of a reason.
func (familiesChildrenPage) Hint() string { return "planning support for parents after a removal" }

// familiesAction is the audit log's action of viewing the children
// counted in recurrent care in a period.
func familiesAction(p calendar.Period) string {
	return "view recurrent care children " + code(p)
}

// familiesChildren is GET and POST /families/children: analysts only,
// each child shown written to the audit log with the reason first.
func (s *Server) familiesChildren(w http.ResponseWriter, r *http.Request) {
	who, ok := s.drillAllowed(w, r)
	if !ok {
		return
	}
	p, ok := s.periodOrRefuse(w, r, false)
	if !ok {
		return
	}
	if !s.familiesLoaded() {
		s.notFound(w, r)
		return
	}
	res, _, _, err := s.recurrentCare(p)
	if err != nil {
		s.Log.Error("finding recurrent care", "err", err)
		s.problem(w, http.StatusInternalServerError, "Recurrent care cannot be shown", "The family links could not be joined to the returns' children.")
		return
	}
	c := familiesChildrenPage{Label: p.Label, Count: len(res.Children), reasonForm: reasonForm{Action: r.URL.RequestURI(), Back: "/families" + s.query(p)}}
	title := "Children entering care after an earlier child of their mother"
	pg := page{Title: title, Nav: "families", Crumbs: []crumb{{"Overview", "/"}, {"Recurrent care", "/families" + s.query(p)}}, Content: &c}
	if !s.reasonGiven(w, r, &c.reasonForm, missingReason, "familieschildren.html", pg) {
		return
	}
	// The error names the children only by their number, so may be logged.
	if err := app.RecordAccess(r.Context(), s.Store, who, familiesAction(p), res.Children, c.Reason); errors.Is(err, app.ErrTooManyChildren) {
		s.tooManyChildren(w)
		return
	} else if err != nil {
		s.Log.Error("recording a view of the recurrent care children in the audit log", "err", err)
		s.problem(w, http.StatusInternalServerError, "The IDs cannot be shown",
			fmt.Sprintf("Viewing these %d children's IDs could not be recorded in the audit log, so they are not shown. Try again, or ask whoever runs Village to check the store.", len(res.Children)))
		return
	}
	c.Children, c.Shown = res.Children, true
	s.render(w, http.StatusOK, "familieschildren.html", pg)
}
