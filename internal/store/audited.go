package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// inAuditedTx runs write in a transaction and writes the audit log's
// events for the actions it returns, by the person by names, all or
// nothing: a register's change and its record in the audit log are
// kept together or not at all. What names the change in errors.
func (s *Store) inAuditedTx(ctx context.Context, by By, what string, write func(tx *sql.Tx, now time.Time) (actions []string, err error)) error {
	if strings.TrimSpace(by.Who) == "" {
		return fmt.Errorf("%s: no one is named as making the change", what)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s in %s: %w", what, s.where, err)
	}
	defer tx.Rollback() // after Commit, a no-op
	now := time.Now()
	actions, err := write(tx, now)
	if err != nil {
		return err
	}
	var events []Access
	for _, a := range actions {
		events = append(events, Access{At: now, Who: by.Who, IdentifiedBy: by.IdentifiedBy, From: by.From, Action: a})
	}
	if err := s.appendTx(ctx, tx, events); err != nil {
		return fmt.Errorf("%s: writing the audit log of %s: %w", what, s.where, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s in %s: %w", what, s.where, err)
	}
	return nil
}
