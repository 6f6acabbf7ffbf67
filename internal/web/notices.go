package web

import (
	"net/http"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
)

// noticeRoutes are the signed-in person's notices as JSON; the page shows
// them on /decisions.
func (s *Server) noticeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/notices", s.apiNotices)
}

// Holdings are what the server holds to count a decision's cohorts: the
// notices' chaser counts them for its emails from the server being
// served.
func (s *Server) Holdings() app.Holdings { return s.holdings() }

// noticesView is what the person signed in is waiting on: the notices
// sent to them still to acknowledge and, for a chair, the notices
// escalated to the chairs.
type noticesView struct {
	Waiting   []noticeRow
	Chair     bool
	Escalated []noticeRow
}

// noticeRow is one notice, marked overdue once its due date has passed.
type noticeRow struct {
	decisions.Notice
	Overdue bool
}

// noticesOf reads the actor's notices from the register; a failure to
// read them leaves the list empty rather than the register unshown, and
// is logged.
func (s *Server) noticesOf(r *http.Request, reg *app.Register, who app.Actor) noticesView {
	var v noticesView
	today := reg.Today()
	waiting, err := reg.Waiting(r.Context(), who)
	if err == nil {
		var escalated []decisions.Notice
		escalated, v.Chair, err = reg.Escalated(r.Context(), who)
		v.Escalated = rowsOf(escalated, today)
	}
	if err != nil {
		s.Log.Error("reading the notices of the person signed in", "err", err)
	}
	v.Waiting = rowsOf(waiting, today)
	return v
}

func rowsOf(ns []decisions.Notice, today calendar.Date) []noticeRow {
	out := make([]noticeRow, 0, len(ns))
	for _, n := range ns {
		out = append(out, noticeRow{Notice: n, Overdue: n.Due < today})
	}
	return out
}

// waitingJSON is a notice as /api/notices answers it.
type waitingJSON struct {
	Decision int64  `json:"decision"`
	Title    string `json:"title"`
	Lead     string `json:"lead"`
	Due      string `json:"due"`
	Overdue  bool   `json:"overdue"`
}

// apiNotices answers the notices the person is to acknowledge and, for a
// chair, those escalated.
func (s *Server) apiNotices(w http.ResponseWriter, r *http.Request) {
	reg, who, ok := s.register(w, r, true)
	if !ok {
		return
	}
	v := s.noticesOf(r, reg, who)
	out := struct {
		Waiting   []waitingJSON `json:"waiting"`
		Chair     bool          `json:"chair"`
		Escalated []waitingJSON `json:"escalated"`
	}{Waiting: jsonOfRows(v.Waiting), Chair: v.Chair, Escalated: jsonOfRows(v.Escalated)}
	s.writeJSON(w, http.StatusOK, out)
}

func jsonOfRows(rows []noticeRow) []waitingJSON {
	out := make([]waitingJSON, 0, len(rows))
	for _, n := range rows {
		out = append(out, waitingJSON{Decision: n.Decision, Title: n.Title, Lead: n.Lead, Due: isoDay(n.Due), Overdue: n.Overdue})
	}
	return out
}
