// Package mail sends Village's email: notices, reminders and escalations
// to the partnership's leads and chairs.
//
// A Sender sends a Message. SMTP is the Sender for a mail server
// (net/smtp underneath: the standard library covers STARTTLS, implicit
// TLS and AUTH PLAIN, and is all a relay needs); its Config comes from
// the VILLAGE_SMTP_ variables (ConfigFromEnv), never from a flag. Headers
// are written as RFC 5322 asks (Date, Message-ID, MIME, multipart/
// alternative when there is HTML), and a subject or address holding a
// line break is refused: a title typed into a form cannot add headers or
// recipients.
package mail

import (
	"context"
	"errors"
)

// Message is one email. To holds addresses as net/mail parses them
// ("lead@council.gov.uk" or "A Lead <lead@council.gov.uk>"); Text is the
// plain-text body, always sent; HTML, when given, is sent beside it as the
// richer alternative.
type Message struct {
	To      []string
	Subject string
	Text    string
	HTML    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrInjection is the error (under errors.Is) for a subject or address
// that holds a carriage return or line feed, which would end the header
// and start another.
var ErrInjection = errors.New("a line break (CR or LF), which could add headers or recipients")
