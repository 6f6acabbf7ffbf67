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
// repeated reminder is better than none.
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
		if a.Kind == Escalate && len(r.Policy.Chairs) == 0 {
			errs = append(errs, fmt.Errorf("notify: %s: no chairs' addresses to escalate to", a.Key))
			continue
		}
		if err := r.Sender.Send(ctx, Message(a, r.Policy.Chairs)); err != nil {
			errs = append(errs, fmt.Errorf("notify: %s: %w", a.Key, err))
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

func (r Runner) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}
