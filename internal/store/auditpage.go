package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AuditQuery asks for one page of the audit chain: its entries newest
// first, up to Limit of them, filtered.
type AuditQuery struct {
	Before int64     // only entries before this one in the chain (its seq); 0 for from the newest
	After  int64     // only entries after this one, the page of newer ones; used when Before is 0
	From   time.Time // only entries made at or after this time (whole seconds); zero for no bound
	To     time.Time // only entries made before this time (whole seconds); zero for no bound
	Who    string    // only this person's entries; blank for anyone's
	Action string    // only entries of this action, such as "sign in"; blank for any
	Limit  int       // at most this many; 0 or less for 50
}

// boundText is a time bound as the stored times, RFC 3339 in UTC, compare
// with it as text: to the second, without the zone, so that every time
// in that second or later sorts at or after it.
func boundText(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") }

// AuditPage returns a page of the chain's entries, newest first, that
// match q, reading only that page from the store (the seq index keys
// it), and whether there are more beyond it in the direction asked.
// Entries with no place in the chain are not listed; VerifyAudit finds
// them.
func (s *Store) AuditPage(ctx context.Context, q AuditQuery) ([]Entry, bool, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	where, args := []string{"seq > 0"}, []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1))
	}
	order := "DESC"
	switch {
	case q.Before > 0:
		add("seq < ?", q.Before)
	case q.After > 0:
		add("seq > ?", q.After)
		order = "ASC" // the nearest newer entries, turned round below
	}
	if !q.From.IsZero() {
		add("at >= ?", boundText(q.From))
	}
	if !q.To.IsZero() {
		add("at < ?", boundText(q.To))
	}
	if q.Who != "" {
		add("who = ?", q.Who)
	}
	if q.Action != "" {
		add("action = ?", q.Action)
	}
	query := "SELECT " + entryColumns + " FROM audit WHERE " + strings.Join(where, " AND ") +
		" ORDER BY seq " + order + " LIMIT " + strconv.Itoa(limit+1)
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("reading a page of the audit log of %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, false, fmt.Errorf("reading a page of the audit log of %s: %w", s.where, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("reading a page of the audit log of %s: %w", s.where, err)
	}
	more := len(out) > limit
	out = out[:min(len(out), limit)]
	if order == "ASC" {
		slices.Reverse(out)
	}
	return out, more, nil
}
