package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
)

// failuresPage is a rule's failures in a year: how many, and, once a
// reason is given and every child's access recorded, each failing row
// with its child. Explanations name children's values, so the rows are
// behind the same gate as the IDs.
type failuresPage struct {
	Code, Message, Year string
	RuleHref            string
	Failures, Children  int
	Rows                []failureRow
	Shown               bool // the reason was recorded and the rows are shown
	reasonForm               // Back is the id of the year's section of the validation page
}

// failureRow is one failure as the page lists it.
type failureRow struct {
	Where, Child, Fields, Explanation string
}

// validationFailures lists a rule's failing rows and children in a year.
// GET shows the counts and the form; POST with a reason writes one audit
// entry per child, all in one transaction, and only then shows the rows.
func (s *Server) validationFailures(w http.ResponseWriter, r *http.Request) {
	if s.Publishable {
		s.problem(w, http.StatusForbidden, "Not available in publishable mode",
			"The rows and children behind a rule's failures are for analysts only, and this server shows publishable figures.")
		return
	}
	who, known := app.ActorFrom(r.Context())
	if !known {
		s.problem(w, http.StatusUnauthorized, "Sign in to see the failing rows",
			"Seeing the children behind a rule's failures is written to the audit log with your name, and this request did not say who you are. Sign in through your organisation's login, or ask whoever runs Village.")
		return
	}
	if s.Store == nil {
		s.problem(w, http.StatusNotFound, "No validation to show", s.validationProblem)
		return
	}
	v := s.returnAsked(w, r)
	if v == nil {
		return
	}
	code := r.PathValue("code")
	y, err := calendar.ParseYear(r.URL.Query().Get("year"))
	if err != nil {
		s.problem(w, http.StatusBadRequest, "Year not recognised", "Give the collection year as 2025/26.")
		return
	}
	stored, err := v.storedFailures(r.Context(), s.Store, y)
	if err != nil {
		s.Log.Error("reading failures", "year", y.String(), "err", err)
		s.problem(w, http.StatusInternalServerError, "The failures cannot be read", "The store could not be read. Try again, or ask whoever runs Village to check it.")
		return
	}
	var failures []store.Failure
	var children []string
	seen := map[string]bool{}
	for _, f := range stored {
		if !strings.EqualFold(f.Rule, code) {
			continue
		}
		failures = append(failures, f)
		if f.Child != "" && !seen[f.Child] {
			seen[f.Child] = true
			children = append(children, f.Child)
		}
	}
	if len(failures) == 0 {
		text := "Rule " + code + " found no failures in " + v.heading(y) + "."
		s.problem(w, http.StatusNotFound, "No failures", text)
		return
	}
	code = failures[0].Rule
	p := failuresPage{Code: code, Year: v.heading(y), Failures: len(failures), Children: len(children),
		reasonForm: reasonForm{Action: r.URL.Path + "?" + r.URL.RawQuery}}
	if info := v.rules.Rule(code, y); info != nil {
		p.Message, p.RuleHref = info.Message, ruleHref(code, y)
	}
	p.Back = v.anchor(y)
	title := "Failures of rule " + code + ", " + v.heading(y)
	crumbs := []crumb{{"Validation", "/validation"}}
	if !s.reasonGiven(w, r, &p.reasonForm, "Enter why you need to see these rows and children", "failures.html",
		page{Title: title, Nav: "validation", Crumbs: crumbs, Content: &p}) {
		return
	}
	action := fmt.Sprintf("view failures of rule %s %s", code, v.heading(y))
	if err := app.RecordAccess(r.Context(), s.Store, who, action, children, p.Reason); errors.Is(err, app.ErrTooManyChildren) {
		s.tooManyChildren(w)
		return
	} else if err != nil {
		s.Log.Error("recording a view of failures in the audit log", "rule", code, "year", y.String(), "err", err)
		s.problem(w, http.StatusInternalServerError, "The rows cannot be shown",
			"Viewing these children's rows could not be recorded in the audit log, so they are not shown. Try again, or ask whoever runs Village to check the store.")
		return
	}
	p.Shown = true
	for _, f := range failures {
		p.Rows = append(p.Rows, failureRow{Where: v.location(f), Child: f.Child, Fields: fieldsText(f.Fields), Explanation: f.Explanation})
	}
	s.render(w, http.StatusOK, "failures.html", page{Title: title, Nav: "validation", Crumbs: crumbs, Content: p})
}

// storedLocation says where a stored failure's row is: "header.csv:104
// (Header)", or the table and data row when the file is not known.
func storedLocation(f store.Failure) string {
	table := string(f.Table)
	if f.LastYear {
		table += " (last year)"
	}
	if f.File == "" || f.Line == 0 {
		return table + " row " + strconv.Itoa(f.Row)
	}
	return fmt.Sprintf("%s:%d (%s)", f.File, f.Line, table)
}

// fieldsText writes a failure's fields as "DECOM=01/04/2025; DEC=", by name.
func fieldsText(fields map[string]string) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + "=" + fields[name]
	}
	return strings.Join(parts, "; ")
}

// rulesIndex lists a year's rules: each with its message, whose rule it
// is and what it needs, linking to its page.
func (s *Server) rulesIndex(w http.ResponseWriter, r *http.Request) {
	y, ok := ruleYear(r)
	if !ok {
		s.problem(w, http.StatusBadRequest, "Year not recognised", "Give the collection year as 2025/26.")
		return
	}
	var rows []rulesIndexRow
	for _, info := range rulebook.Rules(y) {
		rows = append(rows, rulesIndexRow{Code: info.Code, Href: ruleHref(info.Code, y), Message: info.Message,
			Origin: info.Origin.String(), Needs: info.NeedsText()})
	}
	var years []ruleLink
	for _, ry := range rulebook.Years() {
		years = append(years, ruleLink{Code: ry.String(), Href: "/rules?" + url.Values{"year": {ry.String()}}.Encode()})
	}
	s.render(w, http.StatusOK, "rules.html", page{Title: "Validation rules for " + y.String(), Nav: "validation",
		Crumbs: []crumb{{"Validation", "/validation"}}, Content: map[string]any{"Year": y.String(), "Rules": rows,
			"Years": years, "Complete": rulebook.Complete(y), "CIN": cinRulesOf(y)}})
}

// rulesIndexRow is one rule in the index.
type rulesIndexRow struct {
	Code, Href, Message, Origin, Needs string
}
