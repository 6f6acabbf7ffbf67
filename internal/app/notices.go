package app

import (
	"context"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/notify"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// Waiting returns the notices the actor, as a lead, is still to
// acknowledge, by due date.
func (r *Register) Waiting(ctx context.Context, a Actor) ([]decisions.Notice, error) {
	return r.Store.WaitingFor(ctx, a.Name)
}

// Escalated returns, when the actor is one of the partnership's chairs,
// the notices escalated to the chairs today: unacknowledged on or after
// their due date, as package notify escalates them. It answers nil for
// anyone else.
func (r *Register) Escalated(ctx context.Context, a Actor) ([]decisions.Notice, bool, error) {
	chairs, err := r.Store.Chairs(ctx)
	if err != nil || !slices.Contains(chairs, a.Name) {
		return nil, false, err
	}
	ns, err := r.Store.Escalations(ctx, calendar.DateOf(r.now()))
	return ns, true, err
}

// Today is the register's day, by its clock.
func (r *Register) Today() calendar.Date { return calendar.DateOf(r.now()) }

// Directory of users' addresses, for the chaser: *store.People is one.
type addressBook interface {
	Users(ctx context.Context) ([]people.User, error)
}

// Chaser sends the register's notices, reminders and escalations by
// email: it reads the unacknowledged notices from the store, with each
// lead's and chair's address from the users, counts each decision's
// cohorts, and hands them to a notify.Runner, whose Outbox is the
// store's, so that each is sent once.
type Chaser struct {
	Store *store.Decisions
	Users addressBook
	// Holdings are what Village holds now, to count the cohorts; nil
	// counts none (the messages then say "not counted in Village").
	Holdings func() Holdings
	// Link is the pages' address, such as https://village.council.gov.uk;
	// each message links to Link + /decisions/ID.
	Link   string
	Runner notify.Runner // Policy.Chairs and Outbox are filled in each run
	Log    *slog.Logger
	// Wake, when set, runs Every at once rather than at the next tick:
	// Waker sends on it as a decision is recorded, so that its notices go
	// out within moments.
	Wake <-chan struct{}
}

// Waker is a decisions.Notifier that wakes a Chaser (its Wake): a
// decision recorded has its notices emailed at once. It never blocks:
// wakings while one is waiting count as one.
type Waker chan struct{}

// NewWaker returns a Waker to give the register as its Notifier and the
// Chaser as its Wake.
func NewWaker() Waker { return make(Waker, 1) }

// Notify wakes the chaser.
func (w Waker) Notify(context.Context, decisions.Notice) error {
	select {
	case w <- struct{}{}:
	default:
	}
	return nil
}

// Round is what one run of the chaser found and did.
type Round struct {
	Notices   int // unacknowledged notices
	NoAddress int // of them, to leads without an email address
	Sent      int
}

// Run sends what is due now, once.
func (c *Chaser) Run(ctx context.Context) (Round, error) {
	notices, noAddress, err := c.Notices(ctx)
	if err != nil {
		return Round{}, err
	}
	chairs, err := c.chairAddresses(ctx)
	if err != nil {
		return Round{}, err
	}
	r := c.Runner
	r.Policy.Chairs = chairs
	r.Outbox = c.Store.Outbox()
	round := Round{Notices: len(notices), NoAddress: noAddress}
	round.Sent, err = r.Run(ctx, notices)
	return round, err
}

// Every runs the chaser now and then every interval until ctx is done,
// logging what each run sent and what failed: counts, never an address.
func (c *Chaser) Every(ctx context.Context, interval time.Duration) {
	log := c.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	noAddress := 0
	for {
		round, err := c.Run(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("sending the decision register's notices", "sent", round.Sent, "err", redactAddresses(err.Error()))
		case round.Sent > 0:
			log.Info("sent the decision register's notices", "sent", round.Sent)
		}
		if round.NoAddress > 0 && round.NoAddress != noAddress {
			log.Warn("leads without an email address see their notices only in the service (village users set-email)", "notices", round.NoAddress)
		}
		noAddress = round.NoAddress
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-c.Wake:
		}
	}
}

// Notices are the register's unacknowledged notices as package notify
// sends them, and how many go to a lead without an address (they are
// only escalated).
func (c *Chaser) Notices(ctx context.Context) ([]notify.Notice, int, error) {
	open, byID, err := c.Store.Outstanding(ctx)
	if err != nil {
		return nil, 0, err
	}
	addresses, names, err := c.addresses(ctx)
	if err != nil {
		return nil, 0, err
	}
	agencies, err := c.Store.Agencies(ctx)
	if err != nil {
		return nil, 0, err
	}
	var h Holdings
	if c.Holdings != nil {
		h = c.Holdings()
	}
	out := make([]notify.Notice, 0, len(open))
	noAddress := 0
	for _, n := range open {
		d := byID[n.Decision]
		to := addresses[n.Lead]
		if to == "" {
			noAddress++
		}
		out = append(out, notify.Notice{ID: strconv.FormatInt(n.ID, 10), Decision: d.Title, Agency: agencyName(agencies, d.Agency),
			Decided: d.Decided, Effective: d.Effective, Cohorts: cohortsOf(h, d), Lead: firstNonBlank(names[n.Lead], n.Lead), To: to,
			Issued: calendar.DateOf(d.Recorded), Due: n.Due, Link: strings.TrimSuffix(c.Link, "/") + "/decisions/" + strconv.FormatInt(d.ID, 10)})
	}
	return out, noAddress, nil
}

// addresses are the users' email addresses and names to greet them by.
func (c *Chaser) addresses(ctx context.Context) (map[string]string, map[string]string, error) {
	users, err := c.Users.Users(ctx)
	if err != nil {
		return nil, nil, err
	}
	addresses, names := map[string]string{}, map[string]string{}
	for _, u := range users {
		if !u.Disabled {
			addresses[u.Name], names[u.Name] = u.Email, u.DisplayName
		}
	}
	return addresses, names, nil
}

// chairAddresses are the chairs' email addresses; a chair without one is
// told only in the service.
func (c *Chaser) chairAddresses(ctx context.Context) ([]string, error) {
	chairs, err := c.Store.Chairs(ctx)
	if err != nil {
		return nil, err
	}
	addresses, _, err := c.addresses(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, ch := range chairs {
		if a := addresses[ch]; a != "" {
			out = append(out, a)
		}
	}
	return out, nil
}

// cohortsOf counts the decision's cohorts exactly: notify.Message
// suppresses what may not be circulated.
func cohortsOf(h Holdings, d decisions.Decision) []notify.Cohort {
	var out []notify.Cohort
	for _, im := range h.Impacts(d, disclose.Exact) {
		c := notify.Cohort{Name: im.Cohort.Name()}
		if n := im.Count.Count(); im.Count.Known && n != nil {
			c.Children, c.Known = *n, true
		}
		out = append(out, c)
	}
	return out
}

// anAddress is anything shaped like an email address.
var anAddress = regexp.MustCompile(`[^\s<>"',;:()]+@[^\s<>"',;:()]+`)

// redactAddresses takes the email addresses out of a mail server's error
// (RCPT TO names one) before it is logged: the log names no one's address.
func redactAddresses(text string) string { return anAddress.ReplaceAllString(text, "[an address]") }

func agencyName(agencies []decisions.Agency, id string) string {
	if i := slices.IndexFunc(agencies, func(a decisions.Agency) bool { return a.ID == id }); i >= 0 {
		return agencies[i].Name
	}
	return id
}

func firstNonBlank(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
