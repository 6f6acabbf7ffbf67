package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/frontdoor"
	"github.com/village-uk/village/internal/journey"
)

// journeyPage is one child's journey through care, behind the same gate
// as the drill-down: it is reached only by POST, from a drill-down's list
// of IDs, with the reason given there, which the view is recorded with in
// the audit log before the journey is shown. The ID travels in the form,
// not the address, so that no access log holds it.
type journeyPage struct {
	ID      string
	Reason  string // as given on the drill-down
	Back    string // the drill-down it came from, or the overview
	Born    string
	Sex     string
	Ethnic  string
	UASC    bool
	Periods []journeyPeriod
	Front   *frontDoorChild // the child's front door from the CIN censuses
	InCare  bool            // an SSDA903 return has the child
}

type journeyPeriod struct {
	Title       string // "Period of care 1" or "Short breaks 2"
	Span        string // "1 April 2024 to 3 May 2025 (age 7)"
	Ended       string // the REC of its last episode, or ""
	Legal       []journeyRow
	Placements  []journeyRow
	Temporaries int
}

type journeyRow struct{ Code, Span string }

// childJourney is POST /children: one child's journey, audited.
func (s *Server) childJourney(w http.ResponseWriter, r *http.Request) {
	if s.Publishable {
		s.problem(w, http.StatusForbidden, "Not available in publishable mode",
			"A child's journey is for analysts only, and this server shows publishable figures.")
		return
	}
	who, known := app.ActorFrom(r.Context())
	if !known {
		s.problem(w, http.StatusUnauthorized, "Sign in to see a child's journey",
			"Seeing a child's journey is written to the audit log with your name, and this request did not say who you are. Sign in through your organisation's login, or ask whoever runs Village.")
		return
	}
	p := journeyPage{ID: r.PostFormValue("id"), Reason: strings.TrimSpace(r.PostFormValue("reason")), Back: localBack(r.PostFormValue("back"))}
	title := "A child's journey through care"
	crumbs := []crumb{{"Overview", "/"}}
	if p.ID == "" || p.Reason == "" {
		s.problem(w, http.StatusBadRequest, "Choose a child from a drill-down",
			"A child's journey is shown from the list of IDs behind a figure, once you have said why you need them. Go to an indicator, choose See the IDs, and give your reason.")
		return
	}
	var log app.AuditLog
	if s.Store != nil {
		log = s.Store
	}
	c, err := app.ViewChild(r.Context(), log, s.Set, who, p.ID, p.Reason)
	// The view is recorded before the child is looked up, in either return.
	front := s.Front.Child(p.ID)
	switch {
	case errors.Is(err, app.ErrNoChild) && front != nil:
		p.fillFront(front)
	case errors.Is(err, app.ErrNoChild):
		s.problem(w, http.StatusNotFound, "Child not found", "No child in the loaded returns has that ID.")
		return
	case err != nil:
		// The error names no child, so may be logged.
		s.Log.Error("recording a view of a child's journey in the audit log", "err", err)
		s.problem(w, http.StatusInternalServerError, "The journey cannot be shown",
			"Viewing this child's journey could not be recorded in the audit log, so it is not shown. Try again, or ask whoever runs Village to check the store.")
		return
	}
	if c != nil {
		p.fill(c)
	}
	p.Front = frontDoorOf(frontdoor.Join(p.ID, front, c), s.Front)
	s.render(w, http.StatusOK, "journey.html", page{Title: title, Nav: "overview", Crumbs: crumbs, Content: p})
}

// localBack is the address to go back to when it is a page of this
// server, else the overview: a link must not lead off the site.
func localBack(back string) string {
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.Contains(back, `\`) {
		return "/"
	}
	return back
}

// fill puts the child's journey on the page: the codes and dates as the
// returns give them.
func (p *journeyPage) fill(c *journey.Child) {
	p.InCare = true
	p.Sex, p.Ethnic, p.UASC = orNotRecorded(c.Sex), orNotRecorded(c.Ethnic), c.UASC
	p.Born = "not known"
	if c.HasDOB {
		p.Born = c.DOB.Long()
	}
	for i, q := range c.Periods {
		jp := journeyPeriod{Title: "Period of care " + strconv.Itoa(i+1), Span: span(q.Start, q.End, q.Open)}
		if q.ShortBreak {
			jp.Title = "Short breaks " + strconv.Itoa(i+1)
		}
		if age := c.AgeOn(q.Start); age >= 0 {
			jp.Span += " (aged " + strconv.Itoa(age) + " at the start)"
		}
		if !q.Open {
			jp.Ended = orNotRecorded(q.EndReason)
		}
		for _, l := range q.LegalStatuses {
			jp.Legal = append(jp.Legal, journeyRow{Code: l.LS, Span: span(l.Start, l.End, l.Open)})
		}
		for _, pl := range q.Placements {
			jp.Placements = append(jp.Placements, journeyRow{Code: pl.Place, Span: span(pl.Start, pl.End, pl.Open)})
			jp.Temporaries += len(pl.Temporary)
		}
		p.Periods = append(p.Periods, jp)
	}
}

// fillFront puts on the page what the CIN census says of a child that
// no SSDA903 return has.
func (p *journeyPage) fillFront(c *frontdoor.Child) {
	p.Sex, p.Ethnic = orNotRecorded(c.Sex), "not recorded"
	p.Born = "not known"
	if c.HasDOB {
		p.Born = c.DOB.Long()
	}
}

// span writes a time from start to end in words, or "from start" while
// it is open.
func span(start, end calendar.Date, open bool) string {
	if open {
		return "from " + start.Long()
	}
	return start.Long() + " to " + end.Long()
}

func orNotRecorded(s string) string {
	if s == "" {
		return "not recorded"
	}
	return s
}
