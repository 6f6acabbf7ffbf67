package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// Register is the partnership's decision register as the command line and
// the pages use it: recording a decision names the leads who must be told
// from its cohorts, sends each a notice, and counts each cohort from what
// Village holds. Every change is audited by the store.
type Register struct {
	Store *store.Decisions
	// Users says who may be a lead: a lead must be a user. Nil skips the
	// check (tests of the register alone).
	Users interface {
		User(ctx context.Context, name string) (people.User, error)
	}
	Notifier decisions.Notifier // nil tells no one beyond the register
	Now      func() time.Time   // nil for time.Now
}

// InvalidError is a change the register refused for what was given: a
// decision or acknowledgement that fails its check.
type InvalidError struct{ Err error }

func (e InvalidError) Error() string { return e.Err.Error() }
func (e InvalidError) Unwrap() error { return e.Err }

// Errors of the register.
var (
	ErrMayNotRecord = errors.New("this role may not change the decision register")
	ErrNotALead     = errors.New("only a lead the decision was sent to may acknowledge it")
)

func (r *Register) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// by is the actor as the store's audit entries name them.
func by(a Actor, from string) store.By {
	return store.By{Who: a.Name, IdentifiedBy: a.IdentifiedBy, From: from}
}

// mayChange says whether the actor may change the register: anyone
// signed in with a role, except an auditor, whose role is to read the log.
func mayChange(a Actor) error {
	if err := a.check(); err != nil {
		return err
	}
	if role := people.Role(a.Role); role == people.Auditor || a.Role != "" && !slices.Contains(people.Roles, role) {
		return fmt.Errorf("%s as %s: %w", a.Name, a.Role, ErrMayNotRecord)
	}
	return nil
}

// AddAgency keeps an agency; administrators set the partnership up.
func (r *Register) AddAgency(ctx context.Context, a Actor, from string, ag decisions.Agency) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	return r.Store.AddAgency(ctx, ag, by(a, from))
}

// AddLead keeps a lead, who must be a user.
func (r *Register) AddLead(ctx context.Context, a Actor, from string, l decisions.Lead) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	if r.Users != nil {
		if _, err := r.Users.User(ctx, l.User); err != nil {
			return fmt.Errorf("lead %s: a lead must be a user (village users add): %w", l.User, err)
		}
	}
	return r.Store.PutLead(ctx, l, by(a, from))
}

// mayAdminister says whether the actor may set the partnership up: an
// administrator, or the one person at this machine (no role).
func mayAdminister(a Actor) error {
	if err := a.check(); err != nil {
		return err
	}
	if a.Role != "" && people.Role(a.Role) != people.Administrator {
		return fmt.Errorf("%s as %s: only an administrator sets up agencies and leads: %w", a.Name, a.Role, ErrMayNotRecord)
	}
	return nil
}

// Recorded is a decision as it was recorded: its cohorts counted and the
// leads told.
type Recorded struct {
	Decision decisions.Decision
	Impacts  []Impact
	ToNotify []decisions.Lead
	// NotifyErr says which notices the Notifier could not send; the
	// decision and its notices are kept all the same.
	NotifyErr error
}

// Record keeps a new decision (proposed or decided, by default decided),
// sends a notice to each lead of its cohorts, due in
// decisions.NoticeDays working days, and counts its cohorts from h under
// the actor's policy.
func (r *Register) Record(ctx context.Context, a Actor, from string, d decisions.Decision, h Holdings) (Recorded, error) {
	if err := mayChange(a); err != nil {
		return Recorded{}, err
	}
	if d.Status == "" {
		d.Status = decisions.Decided
	}
	if err := d.Check(); err != nil {
		return Recorded{}, InvalidError{err}
	}
	if d.Status != decisions.Proposed && d.Status != decisions.Decided {
		return Recorded{}, InvalidError{fmt.Errorf("status %s: a decision is recorded as proposed or decided, and moved on afterwards", d.Status)}
	}
	leads, err := r.Store.Leads(ctx)
	if err != nil {
		return Recorded{}, err
	}
	now := r.now()
	d.Recorded = now
	tell := decisions.ToNotify(d.Cohorts, leads)
	notices := make([]decisions.Notice, len(tell))
	due := decisions.DueOn(calendar.DateOf(now))
	for i, l := range tell {
		notices[i] = decisions.Notice{Title: d.Title, Lead: l.User, Due: due, State: decisions.Open}
	}
	id, err := r.Store.Record(ctx, d, notices, by(a, from))
	if err != nil {
		return Recorded{}, err
	}
	d.ID, d.RecordedBy = id, a.Name
	rec := Recorded{Decision: d, Impacts: h.Impacts(d, PolicyFor(a)), ToNotify: tell}
	if r.Notifier != nil {
		var errs []error
		for _, n := range notices {
			n.Decision = id
			if err := r.Notifier.Notify(ctx, n); err != nil {
				errs = append(errs, fmt.Errorf("telling %s of decision %d: %w", n.Lead, id, err))
			}
		}
		rec.NotifyErr = errors.Join(errs...)
	}
	return rec, nil
}

// PolicyFor is how figures are shown to the actor: publishable for a
// partner (and any role that may not see exact figures), exact otherwise.
func PolicyFor(a Actor) disclose.Policy {
	if a.Role == "" {
		return disclose.Exact // the one person at this machine, an analyst
	}
	return disclose.PolicyOf(!people.Role(a.Role).May(people.ExactFigures))
}

// Acknowledge keeps the actor's response to a decision that sent them a
// notice.
func (r *Register) Acknowledge(ctx context.Context, a Actor, from string, id int64, response decisions.Response, comment string) error {
	if err := mayChange(a); err != nil {
		return err
	}
	ack := decisions.Acknowledgement{Decision: id, Lead: a.Name, Response: response, Comment: comment, At: r.now()}
	if err := ack.Check(); err != nil {
		return InvalidError{err}
	}
	if err := r.Store.Acknowledge(ctx, ack, by(a, from)); err != nil {
		if errors.Is(err, store.ErrNoNotice) {
			return fmt.Errorf("decision %d: %w", id, errors.Join(ErrNotALead, err))
		}
		return err
	}
	return nil
}

// SetStatus moves a decision on (decided, in effect, reviewed).
func (r *Register) SetStatus(ctx context.Context, a Actor, from string, id int64, to decisions.Status) error {
	if err := mayChange(a); err != nil {
		return err
	}
	return r.Store.SetStatus(ctx, id, to, by(a, from))
}

// View is one decision with everything the register shows of it.
type View struct {
	Decision         decisions.Decision
	Impacts          []Impact
	Notices          []decisions.Notice
	Acknowledgements []decisions.Acknowledgement
	Timeline         []decisions.Change
	// Overdue are the open notices past their due date.
	Overdue []decisions.Notice
}

// Decision returns the decision with the id, its cohorts counted from h
// under the actor's policy.
func (r *Register) Decision(ctx context.Context, a Actor, id int64, h Holdings) (View, error) {
	d, err := r.Store.Decision(ctx, id)
	if err != nil {
		return View{}, err
	}
	v := View{Decision: d, Impacts: h.Impacts(d, PolicyFor(a))}
	if v.Notices, err = r.Store.Notices(ctx, id); err != nil {
		return View{}, err
	}
	if v.Acknowledgements, err = r.Store.Acknowledgements(ctx, id); err != nil {
		return View{}, err
	}
	if v.Timeline, err = r.Store.Timeline(ctx, id); err != nil {
		return View{}, err
	}
	today := calendar.DateOf(r.now())
	for _, n := range v.Notices {
		if n.State == decisions.Open && n.Due < today {
			v.Overdue = append(v.Overdue, n)
		}
	}
	return v, nil
}

// Filter narrows the register; a blank field narrows nothing.
type Filter struct {
	Agency         string
	Cohort         string // a base cohort, such as looked_after, matching its qualified cohorts too
	Status         decisions.Status
	Unacknowledged bool // only decisions with a notice not yet acknowledged
}

// Entry is one decision of the register with its notices' state.
type Entry struct {
	Decision     decisions.Decision
	Notices      int
	Acknowledged int
}

// List returns the register's decisions the filter keeps, newest decided
// first.
func (r *Register) List(ctx context.Context, f Filter) ([]Entry, error) {
	all, err := r.Store.List(ctx)
	if err != nil {
		return nil, err
	}
	notices, err := r.Store.Notices(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, d := range all {
		e := Entry{Decision: d}
		for _, n := range notices {
			if n.Decision == d.ID {
				e.Notices++
				if n.State == decisions.Acknowledged {
					e.Acknowledged++
				}
			}
		}
		if f.keeps(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f Filter) keeps(e Entry) bool {
	d := e.Decision
	switch {
	case f.Agency != "" && d.Agency != f.Agency,
		f.Status != "" && d.Status != f.Status,
		f.Unacknowledged && e.Acknowledged == e.Notices,
		f.Cohort != "" && !slices.ContainsFunc(d.Cohorts, func(c decisions.Cohort) bool { return c.Base == f.Cohort || c.ID() == f.Cohort }):
		return false
	}
	return true
}

// Agencies and Leads list the partnership's set-up.
func (r *Register) Agencies(ctx context.Context) ([]decisions.Agency, error) {
	return r.Store.Agencies(ctx)
}

// Leads lists the leads.
func (r *Register) Leads(ctx context.Context) ([]decisions.Lead, error) { return r.Store.Leads(ctx) }

// AddChair marks a user as one of the partnership's chairs, who are told
// when a notice is unacknowledged by its due date; administrators do it.
func (r *Register) AddChair(ctx context.Context, a Actor, from, user string) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	if r.Users != nil {
		if _, err := r.Users.User(ctx, user); err != nil {
			return fmt.Errorf("chair %s: a chair must be a user (village users add): %w", user, err)
		}
	}
	return r.Store.AddChair(ctx, user, by(a, from))
}

// RemoveChair stops a user being a chair.
func (r *Register) RemoveChair(ctx context.Context, a Actor, from, user string) error {
	if err := mayAdminister(a); err != nil {
		return err
	}
	return r.Store.RemoveChair(ctx, user, by(a, from))
}

// Chairs lists the chairs' user names.
func (r *Register) Chairs(ctx context.Context) ([]string, error) { return r.Store.Chairs(ctx) }
