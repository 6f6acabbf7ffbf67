package notify

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/internal/disclose"
	"github.com/village-uk/village/internal/mail"
)

// Message writes the email for action a. Chairs are the escalation's
// recipients.
func Message(a Action, chairs []string) mail.Message {
	n := a.Notice
	var b strings.Builder
	var m mail.Message
	switch a.Kind {
	case SendNotice:
		m = mail.Message{To: []string{n.To}, Subject: "Decision to note: " + n.Decision}
		fmt.Fprintf(&b, "Dear %s,\n\n%s has recorded a decision that affects children you lead for.\n\n", greeting(n.Lead), n.Agency)
		writeDecision(&b, n)
		fmt.Fprintf(&b, "Please read it and respond (supports, has concerns, or needs discussion) by %s:\n%s\n", n.Due.Long(), n.Link)
	case Remind:
		m = mail.Message{To: []string{n.To}, Subject: "Reminder: decision to note: " + n.Decision}
		fmt.Fprintf(&b, "Dear %s,\n\nYou have not yet responded to this decision by %s. Your response is due by %s.\n\n",
			greeting(n.Lead), n.Agency, n.Due.Long())
		writeDecision(&b, n)
		fmt.Fprintf(&b, "Please respond here:\n%s\n", n.Link)
	case Escalate:
		m = mail.Message{To: chairs, Subject: "Not acknowledged: " + n.Decision}
		fmt.Fprintf(&b, "To the chairs of the partnership,\n\n%s (%s) has not acknowledged the decision below, taken by %s. A response was due by %s.\n\n",
			greeting(n.Lead), n.To, n.Agency, n.Due.Long())
		writeDecision(&b, n)
		fmt.Fprintf(&b, "The decision and its responses:\n%s\n", n.Link)
	}
	b.WriteString("\nThis message was sent by Village. Please do not reply to it.\n")
	m.Text = b.String()
	return m
}

// writeDecision writes what the decision is and whom it affects.
func writeDecision(b *strings.Builder, n Notice) {
	fmt.Fprintf(b, "Decision: %s\nDecided: %s\nTakes effect: %s\n\nChildren affected, as Village counts them today:\n",
		n.Decision, n.Decided.Long(), n.Effective.Long())
	for _, c := range n.Cohorts {
		fmt.Fprintf(b, "- %s: %s\n", c.Name, children(c))
	}
	b.WriteString("\n")
}

// children writes a cohort's count as it may leave Village: email is
// circulation, so a count of 1 to 5 is not given.
func children(c Cohort) string {
	cell := disclose.Publishable.Count(c.Children)
	switch {
	case !c.Known:
		return "not counted in Village"
	case cell.Suppressed():
		return "fewer than 6 children (the count is in Village)"
	}
	return cell.Text() + " children"
}

func greeting(lead string) string {
	if strings.TrimSpace(lead) == "" {
		return "colleague"
	}
	return lead
}
