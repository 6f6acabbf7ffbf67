package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/village-uk/village/internal/interventions"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// Interventions is the register of interventions and savings targets as
// the command line, the API and the pages use it. Analysts and managers
// record (and the one person at a machine, who has no role); the
// savings they lead to are finance-sensitive, so partners, auditors and
// administrators neither record nor read them. Every change is audited
// by the store with the actor.
type Interventions struct {
	Store *store.Interventions
}

// ErrMayNotUseInterventions refuses a role the register is not for.
var ErrMayNotUseInterventions = errors.New("only analysts and managers use the interventions register and the savings ledger")

// MayUseInterventions says whether the actor may record in, and read,
// the interventions register and the savings ledger.
func MayUseInterventions(a Actor) error {
	if err := a.check(); err != nil {
		return err
	}
	switch people.Role(a.Role) {
	case "", people.Analyst, people.Manager:
		return nil
	}
	return fmt.Errorf("%s as %s: %w", a.Name, a.Role, ErrMayNotUseInterventions)
}

// Add keeps a new intervention and returns its id.
func (r *Interventions) Add(ctx context.Context, a Actor, from string, iv interventions.Intervention) (int64, error) {
	if err := MayUseInterventions(a); err != nil {
		return 0, err
	}
	if err := iv.Check(); err != nil {
		return 0, InvalidError{err}
	}
	return r.Store.Add(ctx, iv, by(a, from))
}

// Import keeps a register file's interventions and targets, all or none.
func (r *Interventions) Import(ctx context.Context, a Actor, from string, f interventions.File) (added, replaced int, err error) {
	if err := MayUseInterventions(a); err != nil {
		return 0, 0, err
	}
	return r.Store.Import(ctx, f, by(a, from))
}

// SetTarget keeps a programme's savings target for a quarter.
func (r *Interventions) SetTarget(ctx context.Context, a Actor, from string, t interventions.Target) error {
	if err := MayUseInterventions(a); err != nil {
		return err
	}
	if err := t.Check(); err != nil {
		return InvalidError{err}
	}
	return r.Store.SetTarget(ctx, t, by(a, from))
}

// List returns the interventions, for an actor who may read them.
func (r *Interventions) List(ctx context.Context, a Actor) ([]interventions.Intervention, error) {
	if err := MayUseInterventions(a); err != nil {
		return nil, err
	}
	return r.Store.List(ctx)
}

// Intervention returns one intervention with its timeline.
func (r *Interventions) Intervention(ctx context.Context, a Actor, id int64) (interventions.Intervention, []store.InterventionChange, error) {
	if err := MayUseInterventions(a); err != nil {
		return interventions.Intervention{}, nil, err
	}
	iv, err := r.Store.Intervention(ctx, id)
	if err != nil {
		return iv, nil, err
	}
	timeline, err := r.Store.Timeline(ctx, id)
	return iv, timeline, err
}

// Targets returns the savings targets.
func (r *Interventions) Targets(ctx context.Context, a Actor) ([]interventions.Target, error) {
	if err := MayUseInterventions(a); err != nil {
		return nil, err
	}
	return r.Store.Targets(ctx)
}
