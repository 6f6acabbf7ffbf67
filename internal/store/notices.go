package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
)

// ErrNoChair is the error of removing a chair who is not one.
var ErrNoChair = errors.New("no such chair")

// AddChair marks the user as one of the partnership's chairs, who get the
// escalations; marking one twice changes nothing but the audit log.
func (m *Decisions) AddChair(ctx context.Context, user string, by By) error {
	if strings.TrimSpace(user) == "" {
		return errors.New("chair: the user name is blank")
	}
	_, err := m.change(ctx, by, "add chair "+user, func(tx *sql.Tx) (int64, string, error) {
		_, err := tx.ExecContext(ctx, "INSERT INTO chairs (user_name, added) VALUES ($1, $2) ON CONFLICT (user_name) DO NOTHING",
			user, fixedText(time.Now()))
		if err != nil {
			return 0, "", fmt.Errorf("adding chair %s to %s: %w", user, m.s.where, err)
		}
		return 0, "", nil
	})
	return err
}

// RemoveChair stops the user being a chair, or answers ErrNoChair.
func (m *Decisions) RemoveChair(ctx context.Context, user string, by By) error {
	_, err := m.change(ctx, by, "remove chair "+user, func(tx *sql.Tx) (int64, string, error) {
		res, err := tx.ExecContext(ctx, "DELETE FROM chairs WHERE user_name = $1", user)
		if err != nil {
			return 0, "", fmt.Errorf("removing chair %s from %s: %w", user, m.s.where, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, "", fmt.Errorf("chair %s: %w", user, ErrNoChair)
		}
		return 0, "", nil
	})
	return err
}

// Chairs returns the chairs' user names, in order.
func (m *Decisions) Chairs(ctx context.Context) ([]string, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT user_name FROM chairs ORDER BY user_name")
	if err != nil {
		return nil, fmt.Errorf("reading the chairs of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("reading the chairs of %s: %w", m.s.where, err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// Outstanding returns every notice not yet acknowledged, by decision and
// lead, each with its decision (cohorts and entered counts read): what
// the notices' runner chases.
func (m *Decisions) Outstanding(ctx context.Context) ([]decisions.Notice, map[int64]decisions.Decision, error) {
	all, err := m.Notices(ctx, 0)
	if err != nil {
		return nil, nil, err
	}
	var open []decisions.Notice
	byID := map[int64]decisions.Decision{}
	for _, n := range all {
		if n.State != decisions.Open {
			continue
		}
		open = append(open, n)
		if _, ok := byID[n.Decision]; ok {
			continue
		}
		d, err := m.Decision(ctx, n.Decision)
		if err != nil {
			return nil, nil, err
		}
		byID[n.Decision] = d
	}
	return open, byID, nil
}

// Outbox is the decision register's record of the emails sent about its
// notices (notify.Outbox and notify.Claimer). A runner claims an action
// by inserting its key before sending, so that of two runners at once
// only one sends it: the insert is the lock, and the database's unique
// key decides between them. Get it with Decisions.Outbox.
type Outbox struct {
	m *Decisions
	// Stale is how old a claim never marked sent may be before another
	// runner takes it over: the runner that claimed it stopped (a crash,
	// a restart) between claiming and sending. DefaultStale when 0.
	Stale time.Duration
}

// DefaultStale is long enough for any send to finish or fail (the mail
// package's timeout is 30 seconds), short enough that a crash delays a
// notice by one run or two.
const DefaultStale = 10 * time.Minute

// Outbox returns the register's outbox.
func (m *Decisions) Outbox() *Outbox { return &Outbox{m: m} }

// noticeOfKey is the notice id in an action's key, as package notify
// writes it ("notice/12", "reminder/12/3", "escalation/12"), and what
// the key sends.
func noticeOfKey(key string) (kind string, notice int64, err error) {
	parts := strings.Split(key, "/")
	if len(parts) >= 2 {
		notice, err = strconv.ParseInt(parts[1], 10, 64)
	}
	if len(parts) < 2 || err != nil || notice <= 0 {
		return "", 0, fmt.Errorf("outbox key %q: expected KIND/NOTICE-ID, such as notice/12", key)
	}
	return parts[0], notice, nil
}

// Sent reports whether the action with the key was sent.
func (o *Outbox) Sent(ctx context.Context, key string) (bool, error) {
	var sent string
	err := o.m.s.read.QueryRowContext(ctx, "SELECT sent FROM notify_outbox WHERE key = $1", key).Scan(&sent)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("asking %s whether %s was sent: %w", o.m.s.where, key, err)
	}
	return sent != "", nil
}

// Claim takes the action with the key for this runner, at the time at,
// and reports whether it did: false when another runner has claimed it
// (and has not let a claim go stale) or it was sent.
func (o *Outbox) Claim(ctx context.Context, key string, at time.Time) (bool, error) {
	_, notice, err := noticeOfKey(key)
	if err != nil {
		return false, err
	}
	res, err := o.m.s.db.ExecContext(ctx, "INSERT INTO notify_outbox (key, notice_id, claimed) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
		key, notice, fixedText(at))
	if err != nil {
		return false, fmt.Errorf("claiming %s in %s: %w", key, o.m.s.where, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	// Taken already: take over a claim gone stale, in one statement, so
	// that of two runners doing so only one's update matches.
	stale := o.Stale
	if stale <= 0 {
		stale = DefaultStale
	}
	res, err = o.m.s.db.ExecContext(ctx, "UPDATE notify_outbox SET claimed = $2 WHERE key = $1 AND sent = '' AND claimed < $3",
		key, fixedText(at), fixedText(at.Add(-stale)))
	if err != nil {
		return false, fmt.Errorf("taking over the stale claim of %s in %s: %w", key, o.m.s.where, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Release lets a claimed action go, unsent, so that the next run tries
// it again.
func (o *Outbox) Release(ctx context.Context, key string) error {
	if _, err := o.m.s.db.ExecContext(ctx, "DELETE FROM notify_outbox WHERE key = $1 AND sent = ''", key); err != nil {
		return fmt.Errorf("releasing %s in %s: %w", key, o.m.s.where, err)
	}
	return nil
}

// MarkSent records that the action with the key was sent at at, and
// adds it to its decision's timeline, in one transaction.
func (o *Outbox) MarkSent(ctx context.Context, key string, at time.Time) error {
	kind, notice, err := noticeOfKey(key)
	if err != nil {
		return err
	}
	s := o.m.s
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("recording %s as sent in %s: %w", key, s.where, err)
	}
	defer tx.Rollback()
	var decision int64
	var lead string
	if err := tx.QueryRowContext(ctx, "SELECT decision_id, lead FROM notices WHERE id = $1", notice).Scan(&decision, &lead); err != nil {
		return fmt.Errorf("recording %s as sent: reading notice %d in %s: %w", key, notice, s.where, err)
	}
	// An action a Runner without Claim sends has no row yet.
	_, err = tx.ExecContext(ctx, `INSERT INTO notify_outbox (key, notice_id, claimed, sent) VALUES ($1, $2, $3, $3)
		ON CONFLICT (key) DO UPDATE SET sent = excluded.sent`, key, notice, fixedText(at))
	if err != nil {
		return fmt.Errorf("recording %s as sent in %s: %w", key, s.where, err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO decision_changes (decision_id, at, who, what) VALUES ($1, $2, $3, $4)",
		decision, fixedText(at), "Village", sentWhat(kind, lead))
	if err != nil {
		return fmt.Errorf("recording %s in decision %d's timeline in %s: %w", key, decision, s.where, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("recording %s as sent in %s: %w", key, s.where, err)
	}
	return nil
}

// sentWhat is the timeline's line for an email of the kind about the
// lead's notice.
func sentWhat(kind, lead string) string {
	switch kind {
	case "reminder":
		return "reminder sent to " + lead
	case "escalation":
		return "escalated to the chairs: " + lead + " has not acknowledged"
	}
	return "notice emailed to " + lead
}

// WaitingFor returns the open notices sent to the lead, by due date:
// those the lead is still to acknowledge.
func (m *Decisions) WaitingFor(ctx context.Context, lead string) ([]decisions.Notice, error) {
	all, err := m.Notices(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []decisions.Notice
	for _, n := range all {
		if n.Lead == lead && n.State == decisions.Open {
			out = append(out, n)
		}
	}
	sortByDue(out)
	return out, nil
}

// Escalations returns the open notices due on or before today, by due
// date: those package notify escalates to the chairs.
func (m *Decisions) Escalations(ctx context.Context, today calendar.Date) ([]decisions.Notice, error) {
	all, err := m.Notices(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []decisions.Notice
	for _, n := range all {
		if n.State == decisions.Open && n.Due <= today {
			out = append(out, n)
		}
	}
	sortByDue(out)
	return out, nil
}

// sortByDue sorts notices by due date, keeping their order (by decision
// and lead) within a day.
func sortByDue(ns []decisions.Notice) {
	slices.SortStableFunc(ns, func(a, b decisions.Notice) int { return cmp.Compare(a.Due, b.Due) })
}

// EscalationsSent counts the escalations to the partnership's chairs sent for
// the notices of the decisions given (the yearly report's count; a
// claim never sent is not one).
func (m *Decisions) EscalationsSent(ctx context.Context, decisions []int64) (int, error) {
	total := 0
	for _, id := range decisions {
		var n int
		err := m.s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM notify_outbox o JOIN notices n ON n.id = o.notice_id
			WHERE n.decision_id = $1 AND o.key LIKE 'escalation/%' AND o.sent <> ''`, id).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("counting the escalations of decision %d in %s: %w", id, m.s.where, err)
		}
		total += n
	}
	return total, nil
}
