package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
)

// Decisions keeps the partnership's decision register: agencies, leads,
// decisions with their cohorts, notices, acknowledgements and each
// decision's timeline (the decisions module's tables). Every change is
// written to the audit log, as an event naming no child, in the same
// transaction. Get it with Store.Decisions.
type Decisions struct{ s *Store }

// Decisions returns the store's decisions module.
func (s *Store) Decisions() *Decisions { return &Decisions{s: s} }

// Errors of the decisions module.
var (
	ErrNoDecision = errors.New("no such decision")
	ErrNoAgency   = errors.New("no such agency")
	ErrNoNotice   = errors.New("the decision sent no notice to this lead")
	ErrStatus     = errors.New("a decision cannot move to that status from where it stands")
)

// By is who makes a change, as the audit log records them: Who, and
// IdentifiedBy and From when known. The module fills in the action.
type By = Access

// change runs write in a transaction, then adds to the decision's
// timeline (when decision is not 0) and to the audit log, all or nothing.
func (m *Decisions) change(ctx context.Context, by By, action string, write func(tx *sql.Tx) (decision int64, what string, err error)) (int64, error) {
	var id int64
	err := m.s.inAuditedTx(ctx, by, action, func(tx *sql.Tx, now time.Time) ([]string, error) {
		var what string
		var err error
		if id, what, err = write(tx); err != nil {
			return nil, err
		}
		if id != 0 {
			_, err := tx.ExecContext(ctx, "INSERT INTO decision_changes (decision_id, at, who, what) VALUES ($1, $2, $3, $4)",
				id, fixedText(now), by.Who, what)
			if err != nil {
				return nil, fmt.Errorf("%s: adding to decision %d's timeline in %s: %w", action, id, m.s.where, err)
			}
		}
		return []string{strings.ReplaceAll(action, "{id}", fmt.Sprint(id))}, nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// AddAgency keeps an agency, or renames one already kept.
func (m *Decisions) AddAgency(ctx context.Context, a decisions.Agency, by By) error {
	if err := a.Check(); err != nil {
		return err
	}
	_, err := m.change(ctx, by, "add agency "+a.ID, func(tx *sql.Tx) (int64, string, error) {
		_, err := tx.ExecContext(ctx, "INSERT INTO agencies (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name", a.ID, a.Name)
		if err != nil {
			return 0, "", fmt.Errorf("adding agency %s to %s: %w", a.ID, m.s.where, err)
		}
		return 0, "", nil
	})
	return err
}

// Agencies returns the agencies, by id.
func (m *Decisions) Agencies(ctx context.Context) ([]decisions.Agency, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT id, name FROM agencies ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("reading the agencies of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Agency
	for rows.Next() {
		var a decisions.Agency
		if err := rows.Scan(&a.ID, &a.Name); err != nil {
			return nil, fmt.Errorf("reading the agencies of %s: %w", m.s.where, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// hasAgency says whether the agency is kept, inside tx.
func hasAgency(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM agencies WHERE id = $1", id).Scan(&n)
	return n > 0, err
}

// PutLead keeps a lead, replacing what was kept for the same user. The
// lead's agency must be kept already.
func (m *Decisions) PutLead(ctx context.Context, l decisions.Lead, by By) error {
	if err := l.Check(); err != nil {
		return err
	}
	_, err := m.change(ctx, by, "set lead "+l.User, func(tx *sql.Tx) (int64, string, error) {
		if ok, err := hasAgency(ctx, tx, l.Agency); err != nil || !ok {
			return 0, "", errors.Join(fmt.Errorf("lead %s: agency %s: %w", l.User, l.Agency, ErrNoAgency), err)
		}
		steps := []struct {
			query string
			args  []any
		}{
			{"DELETE FROM lead_cohorts WHERE user_name = $1", []any{l.User}},
			{"DELETE FROM leads WHERE user_name = $1", []any{l.User}},
			{"INSERT INTO leads (user_name, agency, title) VALUES ($1, $2, $3)", []any{l.User, l.Agency, l.Title}},
		}
		for _, c := range l.Cohorts {
			steps = append(steps, struct {
				query string
				args  []any
			}{"INSERT INTO lead_cohorts (user_name, cohort) VALUES ($1, $2)", []any{l.User, c}})
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
				return 0, "", fmt.Errorf("keeping lead %s in %s: %w", l.User, m.s.where, err)
			}
		}
		return 0, "", nil
	})
	return err
}

// Leads returns the leads, by user name, each with their cohorts.
func (m *Decisions) Leads(ctx context.Context) ([]decisions.Lead, error) {
	rows, err := m.s.read.QueryContext(ctx, `SELECT l.user_name, l.agency, l.title, c.cohort
		FROM leads l JOIN lead_cohorts c ON c.user_name = l.user_name ORDER BY l.user_name, c.cohort`)
	if err != nil {
		return nil, fmt.Errorf("reading the leads of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Lead
	for rows.Next() {
		var l decisions.Lead
		var cohort string
		if err := rows.Scan(&l.User, &l.Agency, &l.Title, &cohort); err != nil {
			return nil, fmt.Errorf("reading the leads of %s: %w", m.s.where, err)
		}
		if n := len(out); n > 0 && out[n-1].User == l.User {
			out[n-1].Cohorts = append(out[n-1].Cohorts, cohort)
			continue
		}
		l.Cohorts = []string{cohort}
		out = append(out, l)
	}
	return out, rows.Err()
}

// Record keeps a new decision, with its cohorts and a notice for each
// lead in notices, and returns its id. The deciding agency must be kept.
func (m *Decisions) Record(ctx context.Context, d decisions.Decision, notices []decisions.Notice, by By) (int64, error) {
	if err := d.Check(); err != nil {
		return 0, err
	}
	if d.Recorded.IsZero() {
		d.Recorded = time.Now()
	}
	return m.change(ctx, by, "record decision {id}", func(tx *sql.Tx) (int64, string, error) {
		if ok, err := hasAgency(ctx, tx, d.Agency); err != nil || !ok {
			return 0, "", errors.Join(fmt.Errorf("decision's agency %s: %w", d.Agency, ErrNoAgency), err)
		}
		review := ""
		if d.HasReview {
			review = isoDate(d.Review)
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO decisions (title, agency, decided, effective, summary, services, status, review, links, recorded_by, recorded)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			d.Title, d.Agency, isoDate(d.Decided), isoDate(d.Effective), d.Summary, strings.Join(d.Services, "\n"),
			string(d.Status), review, strings.Join(d.Links, "\n"), by.Who, fixedText(d.Recorded)).Scan(&id)
		if err != nil {
			return 0, "", fmt.Errorf("recording a decision in %s: %w", m.s.where, err)
		}
		if err := insertCohorts(ctx, tx, id, d); err != nil {
			return 0, "", fmt.Errorf("recording decision %d's cohorts in %s: %w", id, m.s.where, err)
		}
		for _, n := range notices {
			_, err := tx.ExecContext(ctx, "INSERT INTO notices (decision_id, lead, due, state) VALUES ($1, $2, $3, $4)",
				id, n.Lead, isoDate(n.Due), string(decisions.Open))
			if err != nil {
				return 0, "", fmt.Errorf("recording decision %d's notice to %s in %s: %w", id, n.Lead, m.s.where, err)
			}
		}
		return id, "recorded, " + d.Status.Label(), nil
	})
}

func insertCohorts(ctx context.Context, tx *sql.Tx, id int64, d decisions.Decision) error {
	for i, c := range d.Cohorts {
		var entered any
		if n, ok := d.Entered[c.ID()]; ok {
			entered = n
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO decision_cohorts (decision_id, place, cohort, entered) VALUES ($1, $2, $3, $4)",
			id, i, c.ID(), entered)
		if err != nil {
			return err
		}
	}
	return nil
}

// SetStatus moves a decision to another status, if it may move there
// (decisions.Status.CanMove), or refuses with ErrStatus.
func (m *Decisions) SetStatus(ctx context.Context, id int64, to decisions.Status, by By) error {
	_, err := m.change(ctx, by, "set status of decision {id}", func(tx *sql.Tx) (int64, string, error) {
		var from string
		if err := tx.QueryRowContext(ctx, "SELECT status FROM decisions WHERE id = $1", id).Scan(&from); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return 0, "", fmt.Errorf("decision %d: %w", id, ErrNoDecision)
			}
			return 0, "", fmt.Errorf("reading decision %d in %s: %w", id, m.s.where, err)
		}
		if !decisions.Status(from).CanMove(to) {
			return 0, "", fmt.Errorf("decision %d is %s; moving it to %s: %w", id, from, to, ErrStatus)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE decisions SET status = $2 WHERE id = $1", id, string(to)); err != nil {
			return 0, "", fmt.Errorf("changing decision %d's status in %s: %w", id, m.s.where, err)
		}
		return id, "status " + decisions.Status(from).Label() + " → " + to.Label(), nil
	})
	return err
}

// Acknowledge keeps a lead's response to a decision that sent them a
// notice (ErrNoNotice otherwise), and marks the notice acknowledged. A
// lead may respond again; each response is kept.
func (m *Decisions) Acknowledge(ctx context.Context, a decisions.Acknowledgement, by By) error {
	if err := a.Check(); err != nil {
		return err
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	_, err := m.change(ctx, by, "acknowledge decision {id}", func(tx *sql.Tx) (int64, string, error) {
		res, err := tx.ExecContext(ctx, "UPDATE notices SET state = $3 WHERE decision_id = $1 AND lead = $2",
			a.Decision, a.Lead, string(decisions.Acknowledged))
		if err != nil {
			return 0, "", fmt.Errorf("marking decision %d's notice to %s in %s: %w", a.Decision, a.Lead, m.s.where, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, "", fmt.Errorf("decision %d, lead %s: %w", a.Decision, a.Lead, ErrNoNotice)
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO acknowledgements (decision_id, lead, response, comment, at) VALUES ($1, $2, $3, $4, $5)",
			a.Decision, a.Lead, string(a.Response), a.Comment, fixedText(a.At))
		if err != nil {
			return 0, "", fmt.Errorf("keeping %s's acknowledgement of decision %d in %s: %w", a.Lead, a.Decision, m.s.where, err)
		}
		return a.Decision, "acknowledged by " + a.Lead + ": " + a.Response.Label(), nil
	})
	return err
}

const decisionColumns = "id, title, agency, decided, effective, summary, services, status, review, links, recorded_by, recorded"

// Decision returns the decision with the id, or ErrNoDecision.
func (m *Decisions) Decision(ctx context.Context, id int64) (decisions.Decision, error) {
	ds, err := m.decisions(ctx, " WHERE id = $1", id)
	if err != nil {
		return decisions.Decision{}, err
	}
	if len(ds) == 0 {
		return decisions.Decision{}, fmt.Errorf("decision %d: %w", id, ErrNoDecision)
	}
	return ds[0], nil
}

// List returns every decision, newest decided first.
func (m *Decisions) List(ctx context.Context) ([]decisions.Decision, error) {
	return m.decisions(ctx, " ORDER BY decided DESC, id DESC")
}

func (m *Decisions) decisions(ctx context.Context, where string, args ...any) ([]decisions.Decision, error) {
	tx, err := m.s.read.BeginTx(ctx, m.s.dialect.readOptions())
	if err != nil {
		return nil, fmt.Errorf("reading the decisions of %s: %w", m.s.where, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT "+decisionColumns+" FROM decisions"+where, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the decisions of %s: %w", m.s.where, err)
	}
	var out []decisions.Decision
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading the decisions of %s: %w", m.s.where, err)
		}
		out = append(out, d)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("reading the decisions of %s: %w", m.s.where, err)
	}
	for i := range out {
		if err := readCohorts(ctx, tx, &out[i]); err != nil {
			return nil, fmt.Errorf("reading decision %d's cohorts in %s: %w", out[i].ID, m.s.where, err)
		}
	}
	return out, nil
}

// scanDecision reads one row of decisionColumns.
func scanDecision(rows *sql.Rows) (decisions.Decision, error) {
	var (
		d                                  decisions.Decision
		decided, effective, review, status string
		services, links                    string
		recorded                           any
	)
	err := rows.Scan(&d.ID, &d.Title, &d.Agency, &decided, &effective, &d.Summary, &services, &status, &review, &links, &d.RecordedBy, &recorded)
	if err != nil {
		return d, err
	}
	d.Status = decisions.Status(status)
	d.Services, d.Links = lines(services), lines(links)
	var ok [3]bool
	d.Decided, ok[0] = calendar.ParseISODate(decided)
	d.Effective, ok[1] = calendar.ParseISODate(effective)
	ok[2] = true
	if review != "" {
		d.Review, ok[2] = calendar.ParseISODate(review)
		d.HasReview = true
	}
	if ok != [3]bool{true, true, true} {
		return d, fmt.Errorf("decision %d: a date is not in the form 2006-01-02", d.ID)
	}
	if d.Recorded, err = timeOf(recorded); err != nil {
		return d, fmt.Errorf("decision %d: %w", d.ID, err)
	}
	return d, nil
}

// isoDate writes a date as the module keeps it, 2006-01-02, so that
// text order is date order.
func isoDate(d calendar.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

// lines splits text kept one item a line; blank text is no items.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// readCohorts reads d's cohorts and entered counts.
func readCohorts(ctx context.Context, tx *sql.Tx, d *decisions.Decision) error {
	rows, err := tx.QueryContext(ctx, "SELECT cohort, entered FROM decision_cohorts WHERE decision_id = $1 ORDER BY place", d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id      string
			entered sql.NullInt64
		)
		if err := rows.Scan(&id, &entered); err != nil {
			return err
		}
		c, err := decisions.ParseCohort(id)
		if err != nil {
			return err
		}
		d.Cohorts = append(d.Cohorts, c)
		if entered.Valid {
			if d.Entered == nil {
				d.Entered = map[string]int{}
			}
			d.Entered[id] = int(entered.Int64)
		}
	}
	return rows.Err()
}

// Notices returns the decision's notices, or every decision's when id is
// 0, by decision and lead.
func (m *Decisions) Notices(ctx context.Context, id int64) ([]decisions.Notice, error) {
	query := "SELECT n.id, n.decision_id, d.title, n.lead, n.due, n.state FROM notices n JOIN decisions d ON d.id = n.decision_id"
	args := []any{}
	if id != 0 {
		query += " WHERE n.decision_id = $1"
		args = append(args, id)
	}
	rows, err := m.s.read.QueryContext(ctx, query+" ORDER BY n.decision_id, n.lead", args...)
	if err != nil {
		return nil, fmt.Errorf("reading notices in %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Notice
	for rows.Next() {
		var (
			n          decisions.Notice
			due, state string
		)
		if err := rows.Scan(&n.ID, &n.Decision, &n.Title, &n.Lead, &due, &state); err != nil {
			return nil, fmt.Errorf("reading notices in %s: %w", m.s.where, err)
		}
		var ok bool
		if n.Due, ok = calendar.ParseISODate(due); !ok {
			return nil, fmt.Errorf("notice %d: due date %q is not in the form 2006-01-02", n.ID, due)
		}
		n.State = decisions.NoticeState(state)
		out = append(out, n)
	}
	return out, rows.Err()
}

// Acknowledgements returns the decision's acknowledgements, oldest first.
func (m *Decisions) Acknowledgements(ctx context.Context, id int64) ([]decisions.Acknowledgement, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT lead, response, comment, at FROM acknowledgements WHERE decision_id = $1 ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("reading decision %d's acknowledgements in %s: %w", id, m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Acknowledgement
	for rows.Next() {
		a := decisions.Acknowledgement{Decision: id}
		var (
			response string
			at       any
		)
		if err := rows.Scan(&a.Lead, &response, &a.Comment, &at); err != nil {
			return nil, fmt.Errorf("reading decision %d's acknowledgements in %s: %w", id, m.s.where, err)
		}
		a.Response = decisions.Response(response)
		if a.At, err = timeOf(at); err != nil {
			return nil, fmt.Errorf("decision %d's acknowledgement by %s: %w", id, a.Lead, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Timeline returns the decision's changes, oldest first.
func (m *Decisions) Timeline(ctx context.Context, id int64) ([]decisions.Change, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT at, who, what FROM decision_changes WHERE decision_id = $1 ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("reading decision %d's timeline in %s: %w", id, m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Change
	for rows.Next() {
		var (
			c  decisions.Change
			at any
		)
		if err := rows.Scan(&at, &c.Who, &c.What); err != nil {
			return nil, fmt.Errorf("reading decision %d's timeline in %s: %w", id, m.s.where, err)
		}
		if c.At, err = timeOf(at); err != nil {
			return nil, fmt.Errorf("decision %d's timeline: %w", id, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
