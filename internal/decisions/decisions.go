// Package decisions is the partnership's register of decisions that affect
// shared cohorts of children: the agencies of the partnership, the people
// who lead for each cohort, the cohorts themselves, each decision with its
// status, and the notices and acknowledgements by which the leads are
// told. It is the domain only: it stores nothing and serves nothing (the
// store's decisions module keeps the register; internal/app counts each
// cohort; the web serves it).
//
// The point of the register is that no partner is surprised: when one
// agency decides something that affects children another agency also
// serves, the leads for those children are named from the cohorts, told,
// and asked to acknowledge.
package decisions

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/village-uk/village/calendar"
)

// Agency is one of the partnership's agencies.
type Agency struct {
	ID   string // short and lower case, such as "health"
	Name string // such as "Integrated care board and health providers"
}

// DefaultAgencies are the agencies of a typical safeguarding partnership:
// the three statutory partners (the council, health and police) and those
// the partnership works with. An administrator adds them to a store with
// `village agencies add`; the list here is what `--defaults` adds.
var DefaultAgencies = []Agency{
	{ID: "childrens_services", Name: "Children's services"},
	{ID: "education", Name: "Education and SEND"},
	{ID: "health", Name: "Integrated care board and health providers"},
	{ID: "police", Name: "Police"},
	{ID: "schools", Name: "Schools"},
	{ID: "voluntary", Name: "Voluntary sector"},
}

// Check says what is wrong with the agency: an id that is not lower-case
// letters, digits and underscores, or a blank name.
func (a Agency) Check() error {
	var errs []error
	if !isID(a.ID) {
		errs = append(errs, fmt.Errorf("agency id %q: expected lower-case letters, digits and underscores, such as health", a.ID))
	}
	if strings.TrimSpace(a.Name) == "" {
		errs = append(errs, fmt.Errorf("agency %s: the name is blank", a.ID))
	}
	return errors.Join(errs...)
}

// isID reports whether s is a short identifier: 1 to 40 lower-case
// letters, digits and underscores.
func isID(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Lead is a signed-in user who leads, for an agency, on some cohorts: the
// Director of Children's Services, the Virtual School Head, the designated
// doctor or nurse for children in care, the SEND lead, a safeguarding
// partner's lead. A decision affecting any of their cohorts is theirs to
// know about.
type Lead struct {
	User    string   // the user's name, as they sign in
	Agency  string   // an Agency's id
	Title   string   // such as "Virtual School Head"
	Cohorts []string // base cohort ids, such as looked_after
}

// Check says what is wrong with the lead.
func (l Lead) Check() error {
	var errs []error
	if strings.TrimSpace(l.User) == "" {
		errs = append(errs, errors.New("lead: the user name is blank"))
	}
	if !isID(l.Agency) {
		errs = append(errs, fmt.Errorf("lead %s: agency %q: expected an agency's id, such as health", l.User, l.Agency))
	}
	if len(l.Cohorts) == 0 {
		errs = append(errs, fmt.Errorf("lead %s: no cohorts: expected at least one of %s", l.User, strings.Join(Bases, ", ")))
	}
	for _, c := range l.Cohorts {
		if !slices.Contains(Bases, c) {
			errs = append(errs, fmt.Errorf("lead %s: cohort %q: expected one of %s", l.User, c, strings.Join(Bases, ", ")))
		}
	}
	return errors.Join(errs...)
}

// ToNotify are the leads who must be told of a decision affecting the
// cohorts: each lead who leads for the base of any of them, once, by user
// name.
func ToNotify(cohorts []Cohort, leads []Lead) []Lead {
	var out []Lead
	for _, l := range leads {
		if slices.ContainsFunc(cohorts, func(c Cohort) bool { return slices.Contains(l.Cohorts, c.Base) }) &&
			!slices.ContainsFunc(out, func(o Lead) bool { return o.User == l.User }) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b Lead) int { return strings.Compare(a.User, b.User) })
	return out
}

// Status is where a decision stands.
type Status string

// The statuses, in the order a decision usually passes through them.
const (
	Proposed Status = "proposed"
	Decided  Status = "decided"
	InEffect Status = "in_effect"
	Reviewed Status = "reviewed"
)

// Statuses are every status, in order.
var Statuses = []Status{Proposed, Decided, InEffect, Reviewed}

// next are the statuses each status may move to: forward, with a decision
// that never took effect reviewed straight after it was decided, and a
// proposal withdrawn by being reviewed.
var next = map[Status][]Status{
	Proposed: {Decided, Reviewed},
	Decided:  {InEffect, Reviewed},
	InEffect: {Reviewed},
	Reviewed: {},
}

// ParseStatus reads a status as the constants spell it ("in effect" is
// read as in_effect).
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_"))
	if _, ok := next[st]; !ok {
		return "", fmt.Errorf("status %q: expected one of proposed, decided, in_effect, reviewed", s)
	}
	return st, nil
}

// CanMove reports whether a decision may move from the status to to.
func (s Status) CanMove(to Status) bool { return slices.Contains(next[s], to) }

// Label is the status in words, for pages.
func (s Status) Label() string {
	if s == InEffect {
		return "In effect"
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// Decision is one decision recorded in the register.
type Decision struct {
	ID        int64 // given by the store; 0 until recorded
	Title     string
	Agency    string        // the deciding agency's id
	Decided   calendar.Date // when it was (or is to be) decided
	Effective calendar.Date // when it takes effect
	Summary   string
	Services  []string // the services it affects, in words
	Cohorts   []Cohort
	Status    Status
	Review    calendar.Date // when it is to be reviewed, if HasReview
	HasReview bool
	Links     []string // papers, minutes: https addresses
	// Entered are the counts the recorder gave for cohorts Village cannot
	// count, by cohort id.
	Entered    map[string]int
	RecordedBy string
	Recorded   time.Time
}

// Bounds on what a decision holds, so that one request cannot fill the
// store.
const (
	MaxTitle   = 200
	MaxSummary = 4000
	MaxItems   = 20 // services, cohorts or links
)

// Check says everything that is wrong with the decision, each on its own,
// with the field and what was expected.
func (d Decision) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if t := strings.TrimSpace(d.Title); t == "" || utf8.RuneCountInString(t) > MaxTitle {
		bad("title: expected 1 to %d characters, not %d", MaxTitle, utf8.RuneCountInString(t))
	}
	if !isID(d.Agency) {
		bad("agency %q: expected an agency's id, such as health", d.Agency)
	}
	if d.Effective < d.Decided {
		bad("effective %s: expected on or after the decided date %s", d.Effective, d.Decided)
	}
	if d.HasReview && d.Review < d.Decided {
		bad("review %s: expected on or after the decided date %s", d.Review, d.Decided)
	}
	if n := utf8.RuneCountInString(d.Summary); n > MaxSummary {
		bad("summary: expected at most %d characters, not %d", MaxSummary, n)
	}
	if _, ok := next[d.Status]; !ok {
		bad("status %q: expected one of proposed, decided, in_effect, reviewed", d.Status)
	}
	if len(d.Cohorts) == 0 {
		bad("cohorts: none given; expected at least one, such as looked_after")
	}
	for name, n := range map[string]int{"services": len(d.Services), "cohorts": len(d.Cohorts), "links": len(d.Links)} {
		if n > MaxItems {
			bad("%s: %d given; expected at most %d", name, n, MaxItems)
		}
	}
	for _, l := range d.Links {
		if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
			bad("link %q: expected an address starting https://", l)
		}
	}
	errs = append(errs, d.checkEntered()...)
	return errors.Join(errs...)
}

// checkEntered says what is wrong with the entered counts: one for a
// cohort the decision does not name, one for a cohort Village counts
// itself, or one below zero.
func (d Decision) checkEntered() []error {
	var errs []error
	for id, n := range d.Entered {
		i := slices.IndexFunc(d.Cohorts, func(c Cohort) bool { return c.ID() == id })
		switch {
		case i < 0:
			errs = append(errs, fmt.Errorf("count for %s: the decision names no such cohort", id))
		case d.Cohorts[i].Countable():
			errs = append(errs, fmt.Errorf("count for %s: Village counts this cohort itself; give counts only for %s", id, strings.Join(entered, ", ")))
		case n < 0:
			errs = append(errs, fmt.Errorf("count for %s: %d; expected 0 or more", id, n))
		}
	}
	return errs
}

// Notifier tells a lead of a notice: by email, or in the service. The
// register calls it once for each lead when a decision is recorded.
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// NoNotifier tells no one: the notices are still in the register, for the
// leads to see when they sign in.
type NoNotifier struct{}

// Notify does nothing.
func (NoNotifier) Notify(context.Context, Notice) error { return nil }

// NoticeState is where a notice stands.
type NoticeState string

// The states of a notice.
const (
	Open         NoticeState = "open"         // told, not yet acknowledged
	Acknowledged NoticeState = "acknowledged" // the lead has responded
)

// Notice is a lead's being told of a decision, and asked to acknowledge it
// by Due.
type Notice struct {
	ID       int64
	Decision int64
	Title    string // the decision's title, for the message
	Lead     string // the lead's user name
	Due      calendar.Date
	State    NoticeState
}

// NoticeDays are the working days a lead has to acknowledge a decision.
const NoticeDays = 10

// DueOn is when a notice sent on the day is due: NoticeDays working days
// later.
func DueOn(sent calendar.Date) calendar.Date { return calendar.AddWorkingDays(sent, NoticeDays) }

// Response is a lead's answer to a notice.
type Response string

// The responses.
const (
	Supports        Response = "supports"
	Concerns        Response = "concerns"
	NeedsDiscussion Response = "needs_discussion"
)

// Responses are every response, in order.
var Responses = []Response{Supports, Concerns, NeedsDiscussion}

// ParseResponse reads a response as the constants spell it.
func ParseResponse(s string) (Response, error) {
	r := Response(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Responses, r) {
		return "", fmt.Errorf("response %q: expected supports, concerns or needs_discussion", s)
	}
	return r, nil
}

// Label is the response in words, for pages.
func (r Response) Label() string {
	switch r {
	case Supports:
		return "Supports"
	case Concerns:
		return "Has concerns"
	case NeedsDiscussion:
		return "Needs discussion"
	}
	return string(r)
}

// Acknowledgement is a lead's response to a decision.
type Acknowledgement struct {
	Decision int64
	Lead     string
	Response Response
	Comment  string
	At       time.Time
}

// MaxComment bounds an acknowledgement's comment.
const MaxComment = 2000

// Check says what is wrong with the acknowledgement.
func (a Acknowledgement) Check() error {
	var errs []error
	if _, err := ParseResponse(string(a.Response)); err != nil {
		errs = append(errs, err)
	}
	if n := utf8.RuneCountInString(a.Comment); n > MaxComment {
		errs = append(errs, fmt.Errorf("comment: expected at most %d characters, not %d", MaxComment, n))
	}
	if strings.TrimSpace(a.Lead) == "" {
		errs = append(errs, errors.New("acknowledgement: no lead named"))
	}
	return errors.Join(errs...)
}

// Change is one line of a decision's timeline.
type Change struct {
	At   time.Time
	Who  string
	What string // such as "recorded", "status decided → in_effect", "acknowledged by j.vsh: supports"
}
