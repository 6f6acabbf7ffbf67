package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
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

// insertEntry adds an entry to the chain; the database assigns its id,
// the chain its seq and hashes.
const insertEntry = "INSERT INTO audit (seq, at, who, identified_by, from_address, action, subject, reason, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"

// Audit records an access or an event. Who and Action are required, and
// Reason whenever Subject names a child: a view of a child's record
// without a reason is not allowed.
func (s *Store) Audit(ctx context.Context, a Access) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := s.appendAll(ctx, []Access{a}); err != nil {
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
	if err := s.appendAll(ctx, accesses); err != nil {
		return fmt.Errorf("recording %d accesses in the audit log of %s: %w", len(accesses), s.where, err)
	}
	return nil
}

// appendAll adds the accesses to the end of the chain in one transaction,
// holding the chain's head so that no other writer appends meanwhile.
func (s *Store) appendAll(ctx context.Context, accesses []Access) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // after Commit, a no-op
	if err := s.appendTx(ctx, tx, accesses); err != nil {
		return err
	}
	return tx.Commit()
}

// appendTx adds the accesses to the end of the chain inside tx, so that a
// change and its audit entry are kept together or not at all.
func (s *Store) appendTx(ctx context.Context, tx *sql.Tx, accesses []Access) error {
	head, err := s.lockHead(ctx, tx)
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, insertEntry)
	if err != nil {
		return err
	}
	defer stmt.Close()
	now := time.Now()
	for i, a := range accesses {
		if a.At.IsZero() {
			a.At = now
		}
		e := Entry{Seq: head.Seq + 1, At: timeText(a.At), Who: a.Who, IdentifiedBy: a.IdentifiedBy, From: a.From,
			Action: a.Action, Subject: a.Subject, Reason: a.Reason, PrevHash: head.Hash}
		e.Hash = e.computeHash()
		if err := insertChained(ctx, stmt, e); err != nil {
			return fmt.Errorf("entry %d of %d: %w", i+1, len(accesses), err)
		}
		head = ChainHead{Seq: e.Seq, Hash: e.Hash}
	}
	return s.setHead(ctx, tx, head)
}

// insertChained writes e with the prepared insertEntry.
func insertChained(ctx context.Context, stmt *sql.Stmt, e Entry) error {
	_, err := stmt.ExecContext(ctx, e.Seq, e.At, e.Who, e.IdentifiedBy, e.From, e.Action, e.Subject, e.Reason, e.PrevHash, e.Hash)
	return err
}

// MaxReasonLength is at most how many characters a reason may have: a
// sentence or two says why, and a bound stops one request from filling
// the store (a 1 MB reason on a figure of 113 children once added 114 MB).
const MaxReasonLength = 500

// check says which of the required fields an access lacks: who and
// action always, and a reason for any entry that names a child; and
// refuses a reason longer than MaxReasonLength.
func (a Access) check() error {
	if n := utf8.RuneCountInString(a.Reason); n > MaxReasonLength {
		return fmt.Errorf("audit entry's reason has %d characters; at most %d are kept", n, MaxReasonLength)
	}
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
	rows, err := s.read.QueryContext(ctx, "SELECT at, who, identified_by, from_address, action, subject, reason FROM audit ORDER BY seq, id")
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
