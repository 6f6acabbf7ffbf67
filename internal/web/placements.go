package web

import (
	"fmt"
	"net/http"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/placements"
)

// attentionPage is the placements needing attention: how many children
// each reason lists, the form for the reason, and, once the reason is
// given and every access recorded, the children.
type attentionPage struct {
	Day     string
	List    placements.List
	Reasons []attentionReason
	Shown   bool // the reason is given and recorded: the children are shown
	reasonForm
}

// attentionReason is one reason with its definition and how many
// children it lists.
type attentionReason struct {
	Text, Definition string
	Count            int
}

// Hint is the form's example of a reason.
func (attentionPage) Hint() string { return "daily placements meeting" }

// placementsAttention is the daily list of children whose placement needs
// attention now, for analysts: GET shows the counts and the form; POST
// with a reason writes one audit entry per child listed, all in one
// transaction, and only then shows them.
func (s *Server) placementsAttention(w http.ResponseWriter, r *http.Request) {
	who, ok := s.drillAllowed(w, r)
	if !ok {
		return
	}
	span, ok := s.Set.Span()
	if !ok {
		s.problem(w, http.StatusNotFound, "No returns loaded", "No SSDA903 return is loaded, so no placement can be listed.")
		return
	}
	l := placements.Attention(s.Set, span.End)
	c := attentionPage{Day: span.End.Long(), List: l, reasonForm: reasonForm{Action: r.URL.Path, Back: "/sufficiency"}}
	for _, reason := range placements.Reasons {
		c.Reasons = append(c.Reasons, attentionReason{Text: reason.String(), Definition: reason.Definition(), Count: l.Counts[reason]})
	}
	title := "Placements needing attention"
	p := page{Title: title, Nav: "sufficiency", Content: &c}
	if !s.reasonGiven(w, r, &c.reasonForm, missingReason, "attention.html", p) {
		return
	}
	if err := app.RecordAccess(r.Context(), s.Store, who, placements.Action(span.End), l.IDs(), c.Reason); err != nil {
		s.Log.Error("recording a view of the placements needing attention in the audit log", "err", err)
		s.problem(w, http.StatusInternalServerError, "The list cannot be shown",
			fmt.Sprintf("Viewing these %d children could not be recorded in the audit log, so they are not shown. Try again, or ask whoever runs Village to check the store.", len(l.Children)))
		return
	}
	c.Shown = true
	s.render(w, http.StatusOK, "attention.html", p)
}
