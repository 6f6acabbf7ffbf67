package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/mail"
)

// Outbox remembers which actions were sent; the decision register keeps
// it beside the notices.
type Outbox interface {
	// Sent reports whether the action with key was sent.
	Sent(ctx context.Context, key string) (bool, error)
	// MarkSent records that the action with key was sent at at.
	MarkSent(ctx context.Context, key string, at time.Time) error
}

// Claimer is an Outbox that can claim an action before sending it, so
// that two runners at once (two servers on one database) send it once:
// Claim answers true to one of them only. The store's outbox is one.
type Claimer interface {
	Outbox
	// Claim takes the action with key for this runner at at, and reports
	// whether it did: false when it is sent or another runner has it.
	Claim(ctx context.Context, key string, at time.Time) (bool, error)
	// Release lets a claimed action go unsent, to be tried again.
	Release(ctx context.Context, key string) error
}

// Runner sends what is due.
type Runner struct {
	Policy Policy
	Sender mail.Sender
	Outbox Outbox
	// Now is the clock; its location decides what day it is
	// (time.Now when nil).
	Now func() time.Time
}

// Run sends the actions due now for the notices that Outbox has not
// recorded as sent, recording each after it is sent, and returns how
// many it sent. A failure to send one does not stop the others; the
// errors are joined, and what failed is due again on the next run. A
// message sent whose recording fails may be sent again next run: a
// repeated reminder is better than none. When Outbox is a Claimer, each
// action is claimed before it is sent and released if sending fails, so
// that runners at once do not both send it. A notice to a lead without
// an address (To blank) is not emailed to them, nor are its reminders;
// it is escalated all the same.
func (r Runner) Run(ctx context.Context, notices []Notice) (sent int, err error) {
	now := r.now()
	var errs []error
	for _, a := range r.Policy.Due(calendar.DateOf(now), notices) {
		done, err := r.Outbox.Sent(ctx, a.Key)
		if err != nil {
			return sent, fmt.Errorf("notify: asking whether %s was sent: %w", a.Key, err)
		}
		if done {
			continue
		}
		if a.Kind != Escalate && a.Notice.To == "" {
			continue // the lead has no address: they see it in the service, and the chairs are told if it goes unanswered
		}
		if a.Kind == Escalate && len(r.Policy.Chairs) == 0 {
			errs = append(errs, fmt.Errorf("notify: %s: no chairs' addresses to escalate to", a.Key))
			continue
		}
		mine, err := r.claim(ctx, a.Key, now)
		if err != nil {
			return sent, err
		}
		if !mine {
			continue
		}
		if err := r.Sender.Send(ctx, Message(a, r.Policy.Chairs)); err != nil {
			errs = append(errs, fmt.Errorf("notify: %s: %w", a.Key, err), r.release(a.Key))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		sent++
		if err := r.Outbox.MarkSent(ctx, a.Key, now); err != nil {
			return sent, fmt.Errorf("notify: recording %s as sent: %w", a.Key, err)
		}
	}
	return sent, errors.Join(errs...)
}

// claim claims the action when the outbox is a Claimer; otherwise every
// action not sent is this runner's.
func (r Runner) claim(ctx context.Context, key string, now time.Time) (bool, error) {
	c, ok := r.Outbox.(Claimer)
	if !ok {
		return true, nil
	}
	mine, err := c.Claim(ctx, key, now)
	if err != nil {
		return false, fmt.Errorf("notify: claiming %s: %w", key, err)
	}
	return mine, nil
}

// release lets go of a claimed action whose send failed. It does not use
// the run's context, which may be why the send failed.
func (r Runner) release(key string) error {
	c, ok := r.Outbox.(Claimer)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Release(ctx, key); err != nil {
		return fmt.Errorf("notify: releasing %s after a failed send: %w", key, err)
	}
	return nil
}

func (r Runner) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}
