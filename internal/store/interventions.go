package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/interventions"
)

// Interventions keeps the register of interventions and the savings
// targets of their programmes (the interventions module's tables). Every
// change is written to the audit log, as an event naming no child, in
// the same transaction, and to the intervention's timeline. Get it with
// Store.Interventions.
type Interventions struct{ s *Store }

// Interventions returns the store's interventions module.
func (s *Store) Interventions() *Interventions { return &Interventions{s: s} }

// Errors of the interventions module.
var (
	ErrNoIntervention = errors.New("no such intervention")
	ErrNameTaken      = errors.New("an intervention of that name is in the register already")
)

// InterventionChange is one entry of an intervention's timeline.
type InterventionChange struct {
	At   time.Time
	Who  string
	What string
}

// Add keeps a new intervention and returns its id; a name already kept
// is refused with ErrNameTaken.
func (m *Interventions) Add(ctx context.Context, iv interventions.Intervention, by By) (int64, error) {
	if err := iv.Check(); err != nil {
		return 0, err
	}
	var id int64
	err := m.s.inAuditedTx(ctx, by, "adding intervention "+iv.Name, func(tx *sql.Tx, now time.Time) ([]string, error) {
		var err error
		id, _, err = m.put(ctx, tx, iv, by, now, false)
		if err != nil {
			return nil, err
		}
		return []string{fmt.Sprintf("add intervention %d", id)}, nil
	})
	return id, err
}

// Import keeps a file's interventions and targets in one transaction:
// an intervention whose name is kept already replaces it. It returns how
// many were added and how many replaced.
func (m *Interventions) Import(ctx context.Context, f interventions.File, by By) (added, replaced int, err error) {
	for _, iv := range f.Interventions {
		if err := iv.Check(); err != nil {
			return 0, 0, fmt.Errorf("intervention %q: %w", iv.Name, err)
		}
	}
	for _, t := range f.Targets {
		if err := t.Check(); err != nil {
			return 0, 0, err
		}
	}
	err = m.s.inAuditedTx(ctx, by, "importing interventions", func(tx *sql.Tx, now time.Time) ([]string, error) {
		var actions []string
		for _, iv := range f.Interventions {
			id, existed, err := m.put(ctx, tx, iv, by, now, true)
			if err != nil {
				return nil, err
			}
			if existed {
				replaced++
				actions = append(actions, fmt.Sprintf("replace intervention %d", id))
			} else {
				added++
				actions = append(actions, fmt.Sprintf("add intervention %d", id))
			}
		}
		for _, t := range f.Targets {
			if err := m.putTarget(ctx, tx, t); err != nil {
				return nil, err
			}
			actions = append(actions, "set savings target of "+t.Programme+" for "+t.Quarter.String())
		}
		return actions, nil
	})
	return added, replaced, err
}

// put inserts an intervention or, when replace is true and its name is
// kept, replaces it, adding to its timeline.
func (m *Interventions) put(ctx context.Context, tx *sql.Tx, iv interventions.Intervention, by By, now time.Time, replace bool) (id int64, existed bool, err error) {
	err = tx.QueryRowContext(ctx, "SELECT id FROM interventions WHERE name = $1", iv.Name).Scan(&id)
	switch {
	case err == nil:
		existed = true
	case !errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("looking for intervention %q in %s: %w", iv.Name, m.s.where, err)
	}
	if existed && !replace {
		return 0, false, fmt.Errorf("intervention %q: %w", iv.Name, ErrNameTaken)
	}
	end := ""
	if iv.End != 0 {
		end = isoDate(iv.End)
	}
	var effect any
	if iv.HasEffect {
		effect = iv.Effect
	}
	args := []any{iv.Name, isoDate(iv.Start), end, strings.Join(iv.Series, "\n"), iv.Cohort, effect, iv.AnnualCost,
		iv.Programme, iv.Scenario, iv.Rank, by.Who, fixedText(now)}
	what := "added"
	if existed {
		what = "replaced from a file"
		_, err = tx.ExecContext(ctx, `UPDATE interventions SET name = $1, start_date = $2, end_date = $3, series = $4, cohort = $5, effect = $6,
			annual_cost = $7, programme = $8, scenario = $9, precedence = $10, recorded_by = $11, recorded = $12 WHERE id = $13`, append(args, id)...)
	} else {
		err = tx.QueryRowContext(ctx, `INSERT INTO interventions (name, start_date, end_date, series, cohort, effect, annual_cost, programme, scenario, precedence, recorded_by, recorded)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, args...).Scan(&id)
	}
	if err != nil {
		return 0, false, fmt.Errorf("keeping intervention %q in %s: %w", iv.Name, m.s.where, err)
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO intervention_changes (intervention_id, at, who, what) VALUES ($1, $2, $3, $4)", id, fixedText(now), by.Who, what)
	if err != nil {
		return 0, false, fmt.Errorf("adding to intervention %d's timeline in %s: %w", id, m.s.where, err)
	}
	return id, existed, nil
}

// SetTarget keeps a programme's savings target for a quarter, replacing
// the one kept before.
func (m *Interventions) SetTarget(ctx context.Context, t interventions.Target, by By) error {
	if err := t.Check(); err != nil {
		return err
	}
	return m.s.inAuditedTx(ctx, by, "setting a savings target", func(tx *sql.Tx, _ time.Time) ([]string, error) {
		if err := m.putTarget(ctx, tx, t); err != nil {
			return nil, err
		}
		return []string{"set savings target of " + t.Programme + " for " + t.Quarter.String()}, nil
	})
}

func (m *Interventions) putTarget(ctx context.Context, tx *sql.Tx, t interventions.Target) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO savings_targets (programme, quarter, pounds) VALUES ($1, $2, $3)
		ON CONFLICT (programme, quarter) DO UPDATE SET pounds = excluded.pounds`, t.Programme, t.Quarter.String(), t.Pounds)
	if err != nil {
		return fmt.Errorf("keeping the savings target of %s for %s in %s: %w", t.Programme, t.Quarter, m.s.where, err)
	}
	return nil
}

// Targets returns the savings targets by programme and quarter.
func (m *Interventions) Targets(ctx context.Context) ([]interventions.Target, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT programme, quarter, pounds FROM savings_targets ORDER BY programme, quarter")
	if err != nil {
		return nil, fmt.Errorf("reading the savings targets of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []interventions.Target
	for rows.Next() {
		var (
			t       interventions.Target
			quarter string
		)
		if err := rows.Scan(&t.Programme, &quarter, &t.Pounds); err != nil {
			return nil, fmt.Errorf("reading the savings targets of %s: %w", m.s.where, err)
		}
		if t.Quarter, err = interventions.ParseQuarter(quarter); err != nil {
			return nil, fmt.Errorf("the savings targets of %s: %w", m.s.where, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// List returns every intervention, by start and name.
func (m *Interventions) List(ctx context.Context) ([]interventions.Intervention, error) {
	return m.query(ctx, "")
}

// Intervention returns one intervention, or ErrNoIntervention.
func (m *Interventions) Intervention(ctx context.Context, id int64) (interventions.Intervention, error) {
	out, err := m.query(ctx, "WHERE id = $1", id)
	if err != nil {
		return interventions.Intervention{}, err
	}
	if len(out) == 0 {
		return interventions.Intervention{}, fmt.Errorf("intervention %d: %w", id, ErrNoIntervention)
	}
	return out[0], nil
}

func (m *Interventions) query(ctx context.Context, where string, args ...any) ([]interventions.Intervention, error) {
	rows, err := m.s.read.QueryContext(ctx, `SELECT id, name, start_date, end_date, series, cohort, effect, annual_cost, programme, scenario, precedence, recorded_by, recorded
		FROM interventions `+where+` ORDER BY start_date, name`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the interventions of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []interventions.Intervention
	for rows.Next() {
		var (
			iv              interventions.Intervention
			start, end, ser string
			effect          sql.NullFloat64
			recorded        any
		)
		if err := rows.Scan(&iv.ID, &iv.Name, &start, &end, &ser, &iv.Cohort, &effect, &iv.AnnualCost, &iv.Programme, &iv.Scenario, &iv.Rank, &iv.RecordedBy, &recorded); err != nil {
			return nil, fmt.Errorf("reading the interventions of %s: %w", m.s.where, err)
		}
		var ok bool
		if iv.Start, ok = calendar.ParseISODate(start); !ok {
			return nil, fmt.Errorf("intervention %d in %s: start %q is not a date", iv.ID, m.s.where, start)
		}
		if end != "" {
			if iv.End, ok = calendar.ParseISODate(end); !ok {
				return nil, fmt.Errorf("intervention %d in %s: end %q is not a date", iv.ID, m.s.where, end)
			}
		}
		iv.Series = lines(ser)
		iv.Effect, iv.HasEffect = effect.Float64, effect.Valid
		if iv.Recorded, err = timeOf(recorded); err != nil {
			return nil, fmt.Errorf("intervention %d: %w", iv.ID, err)
		}
		out = append(out, iv)
	}
	return out, rows.Err()
}

// Timeline returns the intervention's changes, oldest first.
func (m *Interventions) Timeline(ctx context.Context, id int64) ([]InterventionChange, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT at, who, what FROM intervention_changes WHERE intervention_id = $1 ORDER BY id", id)
	if err != nil {
		return nil, fmt.Errorf("reading intervention %d's timeline in %s: %w", id, m.s.where, err)
	}
	defer rows.Close()
	var out []InterventionChange
	for rows.Next() {
		var (
			c  InterventionChange
			at any
		)
		if err := rows.Scan(&at, &c.Who, &c.What); err != nil {
			return nil, fmt.Errorf("reading intervention %d's timeline in %s: %w", id, m.s.where, err)
		}
		if c.At, err = timeOf(at); err != nil {
			return nil, fmt.Errorf("intervention %d's timeline: %w", id, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
