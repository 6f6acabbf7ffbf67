// Package notify decides which notices, reminders and escalations about a
// decision are due, and sends them.
//
// A notice tells one lead of a decision that affects the children they
// lead for, and asks for an acknowledgement by a due date. Policy.Due
// is a pure function of the day and the notices: the notice itself as
// soon as it is issued, a reminder a set number of working days before
// the due date (3 by default, as calendar.AddWorkingDays counts them)
// while it is unacknowledged, and on the due date, still
// unacknowledged, an escalation to the partnership's chairs. Each
// Action has a Key; Runner sends each due action once, asking an Outbox
// (the decision register's) whether its key was sent and telling it when
// it is.
//
// Messages name the decision, its agency and dates, and the cohorts
// affected with their counts, never a child: email leaves Village, so
// counts of 1 to 5 children are suppressed as for circulation.
package notify

import (
	"slices"
	"strconv"

	"github.com/village-uk/village/calendar"
)

// Kind is what an action sends.
type Kind int

const (
	SendNotice Kind = iota // the notice to its lead
	Remind                 // a reminder to the lead before the due date
	Escalate               // to the chairs, unacknowledged on the due date
)

func (k Kind) String() string {
	switch k {
	case Remind:
		return "reminder"
	case Escalate:
		return "escalation"
	}
	return "notice"
}

// Cohort is one cohort a decision affects, with how many children
// Village holds in it now. Known is false when Village cannot count it.
type Cohort struct {
	Name     string // "Children looked after"
	Children int
	Known    bool
}

// Notice is one lead's notice of one decision.
type Notice struct {
	ID        string // the register's id for the notice, unique and stable
	Decision  string // the decision's title
	Agency    string // the deciding agency
	Decided   calendar.Date
	Effective calendar.Date
	Cohorts   []Cohort
	Lead      string // the lead's name, for the greeting
	To        string // the lead's email address
	Issued    calendar.Date
	Due       calendar.Date // acknowledge by this day
	// Acknowledged is true once the lead has responded.
	Acknowledged bool
	// Link is the page where the lead reads the decision and responds.
	Link string
}

// Policy is the cadence of reminders and who is told when a notice is
// overdue.
type Policy struct {
	// RemindBefore lists when to remind, in working days before the due
	// date; nil means DefaultRemindBefore. A reminder whose day is not
	// after the day the notice was issued is not sent: the notice itself
	// is fresh.
	RemindBefore []int
	// Chairs are the addresses of the partnership's chairs, who get the
	// escalations.
	Chairs []string
}

// DefaultRemindBefore is one reminder, three working days before the
// due date.
var DefaultRemindBefore = []int{3}

// Action is one message due to be sent.
type Action struct {
	// Key identifies the action among all ever sent: "notice/ID",
	// "reminder/ID/3" (3 working days before), "escalation/ID".
	Key    string
	Kind   Kind
	Notice Notice
	// Before is, for a reminder, how many working days before the due
	// date it is.
	Before int
}

// Due returns the actions due on day today for the notices, in the
// notices' order, each notice's in the order notice, reminders (earliest
// first), escalation. It returns every action due, sent or not: the
// Runner skips those whose Key is sent. Nothing is due for an
// acknowledged notice. A notice is due from its issue date; a reminder from its day until the day before the due date, while
// the notice is unacknowledged; the escalation from the due date on, if
// the notice is still unacknowledged.
func (p Policy) Due(today calendar.Date, notices []Notice) []Action {
	var out []Action
	for _, n := range notices {
		// An acknowledged notice needs nothing more, not even its email:
		// the lead has read it in Village.
		if today < n.Issued || n.Acknowledged {
			continue
		}
		out = append(out, Action{Key: "notice/" + n.ID, Kind: SendNotice, Notice: n})
		if today >= n.Due {
			out = append(out, Action{Key: "escalation/" + n.ID, Kind: Escalate, Notice: n})
			continue
		}
		for _, before := range p.remindBefore() {
			day := calendar.AddWorkingDays(n.Due, -before)
			if day > n.Issued && day <= today {
				out = append(out, Action{Key: "reminder/" + n.ID + "/" + strconv.Itoa(before), Kind: Remind, Notice: n, Before: before})
			}
		}
	}
	return out
}

// remindBefore returns the reminders' working days before the due date,
// furthest first, without repeats or days not before it.
func (p Policy) remindBefore() []int {
	days := p.RemindBefore
	if days == nil {
		days = DefaultRemindBefore
	}
	days = slices.DeleteFunc(slices.Clone(days), func(d int) bool { return d < 1 })
	slices.Sort(days)
	slices.Reverse(days)
	return slices.Compact(days)
}
