package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/internal/store"
)

// auditReader is what the audit page needs of the store: *store.Store
// has it.
type auditReader interface {
	AuditPage(ctx context.Context, q store.AuditQuery) ([]store.Entry, bool, error)
	VerifyAudit(ctx context.Context) (store.ChainHead, error)
}

// auditPerPage is how many entries the audit page shows at a time.
const auditPerPage = 50

// auditView is the audit page's content: one page of entries, newest
// first, the filters that chose them, and whether the chain verifies.
type auditView struct {
	Entries      []auditRow
	Filter       auditFilter
	Error        string // what is wrong with a filter, if anything
	Chain        string // "intact up to entry N", or where it breaks
	Broken       bool
	Newer, Older string // links to the pages either side; blank at the ends
	Unavailable  string // why there is no log to show, if so
}

// ErrorField is the id of the input an Error is about.
func (auditView) ErrorField() string { return "from" }

type auditRow struct {
	Seq                                                  int64
	At, Who, IdentifiedBy, From, Action, Subject, Reason string
}

// auditFilter is the filters of the audit page as typed: dates as
// YYYY-MM-DD, the "to" date included.
type auditFilter struct{ From, To, Who, Action string }

// auditDate is how the audit page's dates are typed.
const auditDate = "2006-01-02"

// auditQuery reads the page's filters and place from the request.
func auditQuery(r *http.Request) (store.AuditQuery, auditFilter, error) {
	v := r.URL.Query()
	f := auditFilter{From: strings.TrimSpace(v.Get("from")), To: strings.TrimSpace(v.Get("to")),
		Who: strings.TrimSpace(v.Get("who")), Action: strings.TrimSpace(v.Get("action"))}
	q := store.AuditQuery{Who: f.Who, Action: f.Action, Limit: auditPerPage}
	q.Before, _ = strconv.ParseInt(v.Get("before"), 10, 64)
	q.After, _ = strconv.ParseInt(v.Get("after"), 10, 64)
	var errs []error
	if f.From != "" {
		t, err := time.Parse(auditDate, f.From)
		if err != nil {
			errs = append(errs, errors.New("enter the date from as YYYY-MM-DD, such as 2026-12-01"))
		}
		q.From = t
	}
	if f.To != "" {
		t, err := time.Parse(auditDate, f.To)
		if err != nil {
			errs = append(errs, errors.New("enter the date to as YYYY-MM-DD, such as 2026-12-31"))
		} else {
			q.To = t.AddDate(0, 0, 1) // the whole of the last day
		}
	}
	return q, f, errors.Join(errs...)
}

// link is the address of another page of the log under the same filters.
func (f auditFilter) link(place string, seq int64) string {
	v := url.Values{place: {strconv.FormatInt(seq, 10)}}
	for name, value := range map[string]string{"from": f.From, "to": f.To, "who": f.Who, "action": f.Action} {
		if value != "" {
			v.Set(name, value)
		}
	}
	return "/audit?" + v.Encode()
}

// auditPage lists the audit log for auditors, newest first, a page at a
// time as the store reads it, filtered by date, person and action, with
// each entry's from-address and whether the chain verifies.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	v := auditView{}
	log, ok := s.Store.(auditReader)
	if !ok {
		v.Unavailable = "This server keeps no audit log it can show."
		s.render(w, http.StatusOK, "audit.html", page{Title: "Audit log", Content: v})
		return
	}
	q, filter, err := auditQuery(r)
	v.Filter = filter
	status := http.StatusOK
	if err != nil {
		v.Error, status = err.Error(), http.StatusBadRequest
		q = store.AuditQuery{Limit: auditPerPage}
	}
	entries, more, err := log.AuditPage(r.Context(), q)
	if err != nil {
		s.Log.Error("reading the audit log", "err", err)
		s.problem(w, http.StatusInternalServerError, "Sorry, there is a problem", "The audit log could not be read.")
		return
	}
	for _, e := range entries {
		v.Entries = append(v.Entries, auditRow{Seq: e.Seq, At: shownTime(e.At), Who: e.Who, IdentifiedBy: e.IdentifiedBy,
			From: e.From, Action: e.Action, Subject: e.Subject, Reason: e.Reason})
	}
	v.Newer, v.Older = pageLinks(q, filter, entries, more)
	v.Chain, v.Broken = s.chainState(r.Context(), log)
	s.render(w, status, "audit.html", page{Title: "Audit log", Content: v})
}

// pageLinks are the links to the newer and older pages beside a page of
// entries read with q, which found more beyond it if more.
func pageLinks(q store.AuditQuery, f auditFilter, entries []store.Entry, more bool) (newer, older string) {
	if len(entries) == 0 {
		return "", ""
	}
	first, last := entries[0].Seq, entries[len(entries)-1].Seq
	backwards := q.Before == 0 && q.After > 0 // asked for newer entries
	if q.Before > 0 || (backwards && more) {
		newer = f.link("after", first)
	}
	if more || backwards {
		older = f.link("before", last)
	}
	return newer, older
}

// chainState says whether the audit chain verifies, in words: intact up
// to its last entry, or where it breaks.
func (s *Server) chainState(ctx context.Context, log auditReader) (string, bool) {
	head, err := log.VerifyAudit(ctx)
	var b *store.ChainBreak
	switch {
	case errors.As(err, &b):
		return "The chain is broken: " + b.Error() + ".", true
	case err != nil:
		s.Log.Error("verifying the audit chain", "err", err)
		return "The chain could not be checked: the audit log could not be read.", true
	case head.Seq == 0:
		return "The chain is empty.", false
	}
	return "The chain verifies: intact up to entry " + strconv.FormatInt(head.Seq, 10) + ".", false
}

// shownTime is a stored time as the page shows it, in UTC to the second,
// or as stored if it cannot be read.
func shownTime(at string) string {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return at
	}
	return t.UTC().Format(time.DateTime)
}
