package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/indicators"
)

// childrenPage is the drill-down's content: what is asked for, the form
// for the reason, and, once the reason is given and every access
// recorded, the IDs.
type childrenPage struct {
	Indicator *indicators.Indicator
	Period    string
	By, Group string // the breakdown's characteristic and group, or blank for all the children counted
	What      string // the figure, in words
	Count     int    // the children counted
	IDs       []string
	reasonForm
}

// reasonForm is the part of a drill-down's page that asks for the
// reason: the form's address, the reason as given, why it was refused,
// and the page to go back to (the figure's).
type reasonForm struct {
	Action string
	Reason string
	Error  string
	Back   string
}

// ErrorField is the id of the input an Error is about, for the error
// summary's link.
func (reasonForm) ErrorField() string { return "reason" }

// reasonGiven answers a drill-down's request until it gives a reason: a
// GET is shown the page p with the form; a POST without a reason is shown
// it again with missing as the error. It reports whether a POST gave one,
// now in form.Reason. p.Content must point to the page that embeds form,
// so that the page shows what is set here.
func (s *Server) reasonGiven(w http.ResponseWriter, r *http.Request, form *reasonForm, missing, template string, p page) bool {
	if r.Method != http.MethodPost {
		s.render(w, http.StatusOK, template, p)
		return false
	}
	form.Reason = strings.TrimSpace(r.PostFormValue("reason"))
	if form.Reason == "" {
		form.Error = missing
		p.Title = "Error: " + p.Title
		s.render(w, http.StatusBadRequest, template, p)
		return false
	}
	return true
}

// missingReason is the error of a drill-down to children's IDs without a
// reason.
const missingReason = "Enter why you need to see these children's IDs"

// Hint is the form's example of a reason.
func (childrenPage) Hint() string { return "checking the rise in starts in July against case records" }

// children is the drill-down to the IDs of the children behind a number.
// GET shows only the form; POST with a reason writes one audit entry per
// child, all in one transaction, and only then shows the IDs. Nothing else
// about the children is shown.
func (s *Server) children(w http.ResponseWriter, r *http.Request) {
	who, ok := s.drillAllowed(w, r)
	if !ok {
		return
	}
	ind, p, ok := s.indicatorAsked(w, r, false)
	if !ok {
		return
	}
	q := r.URL.Query()
	c := childrenPage{Indicator: ind, Period: p.Label, reasonForm: reasonForm{Action: r.URL.Path + "?" + r.URL.RawQuery,
		Back: "/indicators/" + url.PathEscape(ind.ID) + s.query(p)}}
	v, ok := s.valueFor(ind, p, q.Get("by"), q.Get("group"))
	if !ok {
		s.problem(w, http.StatusNotFound, "Group not found",
			fmt.Sprintf("%s has no breakdown by %q with a group %q.", ind.Title, q.Get("by"), q.Get("group")))
		return
	}
	c.By, c.Group, c.Count = q.Get("by"), q.Get("group"), len(v.Children)
	c.What = inWords(ind, p, c.By, c.Group)
	title := "Children behind a figure"
	crumbs := []crumb{{"Overview", "/" + s.query(p)}, {ind.Title, c.Back}}
	if !s.reasonGiven(w, r, &c.reasonForm, missingReason, "children.html", page{Title: title, Nav: "overview", Crumbs: crumbs, Content: &c}) {
		return
	}
	// The error names the children only by their number, so may be logged.
	if err := app.RecordAccess(r.Context(), s.Store, who, "view IDs behind indicator "+describe(ind, p, c.By, c.Group), v.Children, c.Reason); errors.Is(err, app.ErrTooManyChildren) {
		s.tooManyChildren(w)
		return
	} else if err != nil {
		s.Log.Error("recording a drill-down in the audit log", "indicator", ind.ID, "period", p.Label, "err", err)
		s.problem(w, http.StatusInternalServerError, "The IDs cannot be shown",
			"Viewing these children's IDs could not be recorded in the audit log, so they are not shown. Try again, or ask whoever runs Village to check the store.")
		return
	}
	c.IDs = v.Children
	s.render(w, http.StatusOK, "children.html", page{Title: title, Nav: "overview", Crumbs: crumbs, Content: c})
}

// valueFor computes the indicator for the period, over all the children or
// over the group of the breakdown by the characteristic named by.
func (s *Server) valueFor(ind *indicators.Indicator, p calendar.Period, by, group string) (indicators.Value, bool) {
	p, _ = s.periodFor(ind, p) // the children the page's figure counts
	if by == "" && group == "" {
		return ind.Compute(s.Set, p, s.Population), true
	}
	b, ok := byName(by)
	if !ok {
		return indicators.Value{}, false
	}
	for _, g := range indicators.Breakdown(ind, s.Set, p, b, s.policy()).Groups {
		if g.Label == group {
			return g.Value, true
		}
	}
	return indicators.Value{}, false
}

// inWords names a figure for the page: "‘Children looked after at the end
// of the period’ for 2025/26, age 10-15".
func inWords(ind *indicators.Indicator, p calendar.Period, by, group string) string {
	text := "‘" + ind.Title + "’ for " + p.Label
	if by != "" {
		text += ", " + by + " " + group
	}
	return text
}

// describe names a figure for the audit log, where tools read it: "cla_end
// 2025/26 [age 10-15]".
func describe(ind *indicators.Indicator, p calendar.Period, by, group string) string {
	if by == "" {
		return ind.ID + " " + p.Label + " [all children counted]"
	}
	return ind.ID + " " + p.Label + " [" + by + " " + group + "]"
}
