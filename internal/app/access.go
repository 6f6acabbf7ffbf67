package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/village-uk/village/internal/journey"
	"github.com/village-uk/village/internal/store"
)

// AuditLog is where accesses to children's records are written:
// *store.Store is one.
type AuditLog interface {
	// AuditAll records the accesses in one transaction, all or none.
	AuditAll(ctx context.Context, accesses []store.Access) error
}

// Children finds a child's journey by ID: *journey.Set is one.
type Children interface {
	Child(id string) *journey.Child
}

// ErrNoChild is the error of ViewChild when there is no child with the ID
// asked for. It does not repeat the ID.
var ErrNoChild = errors.New("no child with that ID")

// ErrNoReason is the error of a view of children's records without a
// reason, which the audit log needs.
var ErrNoReason = errors.New("no reason given for viewing the record; it is written to the audit log")

// ErrReasonTooLong is the error of a view whose reason is longer than
// store.MaxReasonLength characters.
var ErrReasonTooLong = fmt.Errorf("the reason is too long: at most %d characters are kept in the audit log", store.MaxReasonLength)

// MaxChildrenPerRequest is at most how many children's IDs one request
// may show. The largest figure a council's looked-after children give is
// a few thousand (England's largest authorities look after about 2,000 at
// a time, and count a few hundred more over a year); 5,000 covers any of
// those with room, while one request's audit entries stay a few
// megabytes. A larger group is narrowed with a breakdown.
const MaxChildrenPerRequest = 5000

// ErrTooManyChildren is the error of a request for more than
// MaxChildrenPerRequest children's IDs.
var ErrTooManyChildren = fmt.Errorf("too many children for one request: at most %d IDs are shown at once", MaxChildrenPerRequest)

// ViewAction is the audit log's action for a view of one child's journey.
const ViewAction = "view journey"

// ViewChild returns the journey of the child with the ID, for who, giving
// reason. The view is written to the audit log first, whether or not the
// child is found, and if it cannot be written nothing is returned.
func ViewChild(ctx context.Context, log AuditLog, children Children, who Actor, id, reason string) (*journey.Child, error) {
	if err := record(ctx, log, who, ViewAction, []string{id}, reason); err != nil {
		return nil, err
	}
	c := children.Child(id)
	if c == nil {
		return nil, ErrNoChild
	}
	return c, nil
}

// RecordAccess records that who is about to see the IDs of the children
// in ids, for action (such as "view IDs behind indicator cla_end 2025/26
// [all children counted]"), giving reason: one audit entry per child, all
// in one transaction. Only once it returns nil may the IDs be shown.
func RecordAccess(ctx context.Context, log AuditLog, who Actor, action string, ids []string, reason string) error {
	return record(ctx, log, who, action, ids, reason)
}

// record writes one audit entry per ID, all or none. Its errors count the
// children but never name one.
func record(ctx context.Context, log AuditLog, who Actor, action string, ids []string, reason string) error {
	if err := who.check(); err != nil {
		return err
	}
	if strings.TrimSpace(reason) == "" {
		return ErrNoReason
	}
	if utf8.RuneCountInString(reason) > store.MaxReasonLength {
		return ErrReasonTooLong
	}
	if len(ids) > MaxChildrenPerRequest {
		return ErrTooManyChildren
	}
	if log == nil {
		return errors.New("no audit log to record the access in, so it is refused")
	}
	accesses := make([]store.Access, len(ids))
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return fmt.Errorf("child %d of %d has no ID, so no access is recorded", i+1, len(ids))
		}
		accesses[i] = store.Access{Who: who.Name, IdentifiedBy: who.IdentifiedBy, Action: action, Subject: id, Reason: reason}
	}
	if err := log.AuditAll(ctx, accesses); err != nil {
		return fmt.Errorf("recording %s's access to %d children's records: %w", who.Name, len(ids), err)
	}
	return nil
}
