package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// auditReader is what the audit page needs of the store: *store.Store
// has it.
type auditReader interface {
	AuditLog(ctx context.Context) ([]store.Access, error)
}

// auditPerPage is how many entries the audit page shows at a time.
const auditPerPage = 50

// auditView is the audit page's content: one page of entries, newest
// first.
type auditView struct {
	Entries      []auditRow
	Total        int
	Page, Pages  int
	Newer, Older string // links to the pages either side; blank at the ends
	First, Last  int    // the entries shown, counting from the newest
	Unavailable  string // why there is no log to show, if so
}

type auditRow struct {
	At, Who, IdentifiedBy, From, Action, Subject, Reason string
}

// auditPage lists the audit log, newest first, a page at a time, for
// auditors.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	v := auditView{}
	log, ok := s.Store.(auditReader)
	if !ok {
		v.Unavailable = "This server keeps no audit log it can show."
		s.render(w, http.StatusOK, "audit.html", page{Title: "Audit log", Content: v})
		return
	}
	entries, err := log.AuditLog(r.Context())
	if err != nil {
		s.Log.Error("reading the audit log", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "The audit log could not be read.")
		return
	}
	v.Total = len(entries)
	v.Pages = max(1, (v.Total+auditPerPage-1)/auditPerPage)
	v.Page = 1
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n >= 1 && n <= v.Pages {
		v.Page = n
	}
	v.First = (v.Page-1)*auditPerPage + 1
	v.Last = min(v.Total, v.Page*auditPerPage)
	for i := v.Total - v.First; i >= v.Total-v.Last; i-- {
		a := entries[i]
		v.Entries = append(v.Entries, auditRow{At: a.At.UTC().Format(time.DateTime), Who: a.Who, IdentifiedBy: a.IdentifiedBy,
			From: a.From, Action: a.Action, Subject: a.Subject, Reason: a.Reason})
	}
	if v.Page > 1 {
		v.Newer = "/audit?page=" + strconv.Itoa(v.Page-1)
	}
	if v.Page < v.Pages {
		v.Older = "/audit?page=" + strconv.Itoa(v.Page+1)
	}
	s.render(w, http.StatusOK, "audit.html", page{Title: "Audit log", Content: v})
}

// peopleView is the list of users' content.
type peopleView struct {
	Users       []people.User
	Unavailable string
}

// peoplePage lists the users, for administrators. Changes are made with
// village users.
func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) {
	v := peopleView{}
	if s.Identity.Accounts == nil {
		v.Unavailable = "This server does not sign people in: it is for the one person using this machine."
		s.render(w, http.StatusOK, "people.html", page{Title: "People", Content: v})
		return
	}
	users, err := s.Identity.Accounts.Users(r.Context())
	if err != nil {
		s.Log.Error("listing the users", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "The users could not be listed.")
		return
	}
	v.Users = users
	s.render(w, http.StatusOK, "people.html", page{Title: "People", Content: v})
}
