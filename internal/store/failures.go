package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
	"github.com/village-uk/village/validate"
)

// Failure is one validation failure as the store keeps it: the rule, the
// row it points at and why, in plain words.
type Failure struct {
	Rule        string
	Origin      string // "DfE" or "Village"
	Table       ssda903.TableName
	LastYear    bool   // the row is in last year's return
	Row         int    // 1-based position of the row in its table
	File        string // the file the row was read from, when known
	Line        int    // the row's line in File, the header being line 1; 0 when not known
	Child       string
	Fields      map[string]string
	Explanation string
}

// saveFailures replaces the stored failures of kind k's year y with
// failures, inside the load's transaction.
func (s *Store) saveFailures(ctx context.Context, tx *sql.Tx, k *kind, la string, y calendar.Year, failures []Failure, loadID int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+k.failures+" WHERE la = $1 AND year = $2", la, int(y)); err != nil {
		return fmt.Errorf("clearing %s's failures: %w", y, err)
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+k.failures+" (year, position, rule, origin, table_name, last_year, row_number, child, fields, explanation, load_id, file_name, line_number, la) "+
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, f := range failures {
		fields, _ := json.Marshal(f.Fields) // a map of strings always marshals
		last := 0
		if f.LastYear {
			last = 1
		}
		if _, err := stmt.ExecContext(ctx, int(y), i+1, f.Rule, f.Origin, string(f.Table), last, f.Row, f.Child,
			string(fields), f.Explanation, loadID, f.File, f.Line, la); err != nil {
			return fmt.Errorf("storing %s's failure %d (rule %s): %w", y, i+1, f.Rule, err)
		}
	}
	return nil
}

// Failures returns the validation failures stored for year y, in the
// order validation reported them.
func (s *Store) Failures(ctx context.Context, y calendar.Year) ([]Failure, error) {
	return s.failures(ctx, ssda903Kind, y)
}

// failures returns the validation failures stored for kind k's year y.
func (s *Store) failures(ctx context.Context, k *kind, y calendar.Year) ([]Failure, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s's failures from %s: %w", y, s.where, err)
	}
	out, err := readFailures(ctx, s.read, k, la, y)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s's failures from %s: %w", y, s.where, err)
	}
	return out, nil
}

// readFailures reads the validation failures stored for kind k's year y
// of authority la through q.
func readFailures(ctx context.Context, q querier, k *kind, la string, y calendar.Year) ([]Failure, error) {
	rows, err := q.QueryContext(ctx, "SELECT rule, origin, table_name, last_year, row_number, child, fields, explanation, file_name, line_number "+
		"FROM "+k.failures+" WHERE la = $1 AND year = $2 ORDER BY position", la, int(y))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Failure
	for rows.Next() {
		var f Failure
		var table, fields string
		var last int
		if err := rows.Scan(&f.Rule, &f.Origin, &table, &last, &f.Row, &f.Child, &fields, &f.Explanation, &f.File, &f.Line); err != nil {
			return nil, err
		}
		f.Table, f.LastYear = ssda903.TableName(table), last == 1
		if err := json.Unmarshal([]byte(fields), &f.Fields); err != nil {
			// The fields are not quoted: they are a child's values.
			return nil, fmt.Errorf("%s's failure of rule %s at %s row %d: its fields are not JSON: %w", y, f.Rule, f.Table, f.Row, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FailuresOf turns a validation report's failures into the store's, in
// the report's order.
func FailuresOf(rep *validate.Report) []Failure {
	out := make([]Failure, len(rep.Failures))
	for i, f := range rep.Failures {
		fields := make(map[string]string, len(f.Fields))
		for _, v := range f.Fields {
			fields[v.Name] = v.Value
		}
		out[i] = Failure{Rule: f.Rule.Code, Origin: f.Rule.Origin.String(), Table: f.Table, LastYear: f.Last, Row: f.Row,
			Child: f.Child, Fields: fields, Explanation: f.Explanation, File: f.File, Line: f.Line}
	}
	return out
}

// Skipped is a rule a load's validation did not run, and why.
type Skipped struct {
	Rule, Reason string
}

// SkippedOf returns the rules a validation report skipped, in its order.
func SkippedOf(rep *validate.Report) []Skipped {
	out := make([]Skipped, len(rep.Skipped))
	for i, sk := range rep.Skipped {
		out[i] = Skipped{Rule: sk.Rule.Code, Reason: sk.Reason}
	}
	return out
}

// saveSkipped replaces the stored skipped rules of kind k's year y,
// inside the load's transaction.
func (s *Store) saveSkipped(ctx context.Context, tx *sql.Tx, k *kind, la string, y calendar.Year, skipped []Skipped, loadID int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+k.skipped+" WHERE la = $1 AND year = $2", la, int(y)); err != nil {
		return fmt.Errorf("clearing %s's skipped rules: %w", y, err)
	}
	for i, sk := range skipped {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+k.skipped+" (year, position, rule, reason, load_id, la) VALUES ($1, $2, $3, $4, $5, $6)",
			int(y), i+1, sk.Rule, sk.Reason, loadID, la); err != nil {
			return fmt.Errorf("storing %s's skipped rule %s: %w", y, sk.Rule, err)
		}
	}
	return nil
}

// Skipped returns the rules the validation of year y's last load skipped,
// and why, in rule order.
func (s *Store) Skipped(ctx context.Context, y calendar.Year) ([]Skipped, error) {
	return s.skipped(ctx, ssda903Kind, y)
}

// skipped returns the rules the validation of kind k's year y skipped.
func (s *Store) skipped(ctx context.Context, k *kind, y calendar.Year) ([]Skipped, error) {
	la, err := s.authority(ctx, s.read)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s's skipped rules from %s: %w", y, s.where, err)
	}
	out, err := readSkipped(ctx, s.read, k, la, y)
	if err != nil {
		return nil, fmt.Errorf("store: reading %s's skipped rules from %s: %w", y, s.where, err)
	}
	return out, nil
}

// readSkipped reads the rules the validation of kind k's year y skipped
// through q.
func readSkipped(ctx context.Context, q querier, k *kind, la string, y calendar.Year) ([]Skipped, error) {
	rows, err := q.QueryContext(ctx, "SELECT rule, reason FROM "+k.skipped+" WHERE la = $1 AND year = $2 ORDER BY position", la, int(y))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Skipped
	for rows.Next() {
		var sk Skipped
		if err := rows.Scan(&sk.Rule, &sk.Reason); err != nil {
			return nil, err
		}
		out = append(out, sk)
	}
	return out, rows.Err()
}

// saveValidation stores year y's validation failures and skipped rules
// in the load's transaction, replacing those stored, unless they are the
// same, when it writes nothing: loading a year again as it was changes no
// row. It records that the year was validated, for a kind that keeps so.
func (s *Store) saveValidation(ctx context.Context, tx *sql.Tx, k *kind, la string, y calendar.Year, failures []Failure, skipped []Skipped, loadID int64) error {
	if k.validated != "" {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+k.validated+" (la, year) VALUES ($1, $2) ON CONFLICT ("+s.dialect.yearKey()+") DO NOTHING", la, int(y)); err != nil {
			return fmt.Errorf("recording that %s was validated: %w", y, err)
		}
	}
	oldFailures, err := readFailures(ctx, tx, k, la, y)
	if err != nil {
		return fmt.Errorf("reading %s's stored failures: %w", y, err)
	}
	oldSkipped, err := readSkipped(ctx, tx, k, la, y)
	if err != nil {
		return fmt.Errorf("reading %s's stored skipped rules: %w", y, err)
	}
	if sameFailures(oldFailures, failures) && slices.Equal(oldSkipped, skipped) {
		return nil
	}
	if err := s.saveFailures(ctx, tx, k, la, y, failures, loadID); err != nil {
		return err
	}
	return s.saveSkipped(ctx, tx, k, la, y, skipped, loadID)
}

// sameFailures reports whether two lists of failures are the same, in
// the same order; a failure without fields is the same as one with none.
func sameFailures(a, b []Failure) bool {
	return slices.EqualFunc(a, b, func(x, y Failure) bool {
		return x.Rule == y.Rule && x.Origin == y.Origin && x.Table == y.Table && x.LastYear == y.LastYear && x.Row == y.Row &&
			x.File == y.File && x.Line == y.Line && x.Child == y.Child && x.Explanation == y.Explanation && maps.Equal(x.Fields, y.Fields)
	})
}
