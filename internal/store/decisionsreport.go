package store

import (
	"context"
	"fmt"
	"time"

	"github.com/village-uk/village/internal/decisions"
)

// AllAcknowledgements returns every decision's acknowledgements, by
// decision and then oldest first, for the register's exports and yearly
// report.
func (m *Decisions) AllAcknowledgements(ctx context.Context) ([]decisions.Acknowledgement, error) {
	rows, err := m.s.read.QueryContext(ctx, "SELECT decision_id, lead, response, comment, at FROM acknowledgements ORDER BY decision_id, id")
	if err != nil {
		return nil, fmt.Errorf("reading the acknowledgements of %s: %w", m.s.where, err)
	}
	defer rows.Close()
	var out []decisions.Acknowledgement
	for rows.Next() {
		var (
			a        decisions.Acknowledgement
			response string
			at       any
		)
		if err := rows.Scan(&a.Decision, &a.Lead, &response, &a.Comment, &at); err != nil {
			return nil, fmt.Errorf("reading the acknowledgements of %s: %w", m.s.where, err)
		}
		a.Response = decisions.Response(response)
		if a.At, err = timeOf(at); err != nil {
			return nil, fmt.Errorf("decision %d's acknowledgement by %s: %w", a.Decision, a.Lead, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AuditView writes to the audit log that someone viewed or exported the
// register as a whole, such as "export decision register (agency=health)":
// an event naming no child.
func (m *Decisions) AuditView(ctx context.Context, action string, by By) error {
	return m.s.Audit(ctx, Access{At: time.Now(), Who: by.Who, IdentifiedBy: by.IdentifiedBy, From: by.From, Action: action})
}
