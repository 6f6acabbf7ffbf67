package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Access is one entry of the audit log: someone viewed a child's record,
// or, with no Subject, an event such as a sign-in or a change of users.
type Access struct {
	At           time.Time
	Who          string
	IdentifiedBy string // how Who was identified, such as "the operating-system user"; may be blank
	From         string // where from: the client's address, or "command line"; may be blank
	Action       string // what was done, such as "view journey" or "sign in"
	Subject      string // whose record: the child's ID; blank for an event that names no child
	Reason       string // why; required whenever Subject names a child
}

// insertAccess adds an entry to the log; the database assigns its id.
const insertAccess = "INSERT INTO audit (at, who, identified_by, from_address, action, subject, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)"

// Audit records an access or an event. Who and Action are required, and
// Reason whenever Subject names a child: a view of a child's record
// without a reason is not allowed.
func (s *Store) Audit(ctx context.Context, a Access) error {
	if err := a.check(); err != nil {
		return err
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	if _, err := s.db.ExecContext(ctx, insertAccess, timeText(a.At), a.Who, a.IdentifiedBy, a.From, a.Action, a.Subject, a.Reason); err != nil {
		return fmt.Errorf("recording an access in the audit log of %s: %w", s.where, err)
	}
	return nil
}

// AuditAll records several accesses in one transaction: all of them or,
// if any lacks who, action, subject or reason or cannot be written, none.
// A page that shows many children's IDs at once records one entry per
// child this way, before it shows any. Errors say which entry failed by
// its place in the list, never by the child's ID.
func (s *Store) AuditAll(ctx context.Context, accesses []Access) error {
	for i, a := range accesses {
		if err := a.check(); err != nil {
			return fmt.Errorf("audit entry %d of %d: %w", i+1, len(accesses), err)
		}
	}
	if len(accesses) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("recording %d accesses in the audit log of %s: %w", len(accesses), s.where, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	stmt, err := tx.PrepareContext(ctx, insertAccess)
	if err != nil {
		return fmt.Errorf("recording %d accesses in the audit log of %s: %w", len(accesses), s.where, err)
	}
	defer stmt.Close()
	now := time.Now()
	for i, a := range accesses {
		if a.At.IsZero() {
			a.At = now
		}
		if _, err := stmt.ExecContext(ctx, timeText(a.At), a.Who, a.IdentifiedBy, a.From, a.Action, a.Subject, a.Reason); err != nil {
			return fmt.Errorf("recording access %d of %d in the audit log of %s: %w", i+1, len(accesses), s.where, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("recording %d accesses in the audit log of %s: %w", len(accesses), s.where, err)
	}
	return nil
}

// check says which of the required fields an access lacks: who and
// action always, and a reason for any entry that names a child.
func (a Access) check() error {
	var missing []string
	required := []struct{ name, value string }{{"who", a.Who}, {"action", a.Action}}
	if strings.TrimSpace(a.Subject) != "" {
		required = append(required, struct{ name, value string }{"reason", a.Reason})
	}
	for _, f := range required {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("audit entry lacks %s", strings.Join(missing, ", "))
	}
	return nil
}

// AuditLog returns the audit log, oldest first.
func (s *Store) AuditLog(ctx context.Context) ([]Access, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT at, who, identified_by, from_address, action, subject, reason FROM audit ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("reading the audit log of %s: %w", s.where, err)
	}
	defer rows.Close()
	var out []Access
	for rows.Next() {
		var a Access
		var at any
		if err := rows.Scan(&at, &a.Who, &a.IdentifiedBy, &a.From, &a.Action, &a.Subject, &a.Reason); err != nil {
			return nil, err
		}
		t, err := timeOf(at)
		if err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		a.At = t
		out = append(out, a)
	}
	return out, errors.Join(rows.Err())
}

// timeOf reads a time column: PostgreSQL gives a time.Time, SQLite the
// RFC 3339 text it was written as.
func timeOf(v any) (time.Time, error) {
	switch t := v.(type) {
	case time.Time:
		return t.UTC(), nil
	case string:
		parsed, err := time.Parse(time.RFC3339Nano, t)
		if err != nil {
			return time.Time{}, fmt.Errorf("time %q: %w", t, err)
		}
		return parsed.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("a %T is not a time", v)
}

// timeText is how times are stored in both engines: RFC 3339 in UTC.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
