package mail

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what a header may hold, so that no header line passes the
// 998 characters RFC 5322 allows.
const (
	maxSubject     = 250 // characters of the subject
	maxName        = 100 // characters of a display name
	maxAddress     = 254 // characters of an address (RFC 5321's path limit)
	maxRecipients  = 100
	encodedWordLen = 45 // bytes of text per base64 encoded-word: 60 encoded
)

// envelope is a message ready to send: who it is from and to, as SMTP's
// MAIL and RCPT take them, and its text as DATA takes it.
type envelope struct {
	from string
	to   []string
	data []byte
}

// stamp is what makes each message unique: when it was written, its
// Message-ID's left part and the boundary between its parts. Tests fix
// them; Send draws them at random.
type stamp struct {
	date     time.Time
	id       string
	boundary string
}

// compose checks m and writes it as an RFC 5322 message from from.
func compose(from mail.Address, m Message, s stamp) (envelope, error) {
	to, err := recipients(m.To)
	if err != nil {
		return envelope{}, err
	}
	if err := checkAddress("the sender", from); err != nil {
		return envelope{}, err
	}
	subject, err := encodeSubject(m.Subject)
	if err != nil {
		return envelope{}, err
	}
	if strings.TrimSpace(m.Text) == "" {
		return envelope{}, fmt.Errorf("mail: the message %q has no text", clip(m.Subject))
	}
	var b bytes.Buffer
	header := func(name, value string) { b.WriteString(name + ": " + value + "\r\n") }
	header("Date", s.date.Format(time.RFC1123Z))
	header("From", from.String())
	header("To", joinAddresses(to))
	header("Subject", subject)
	header("Message-ID", "<"+s.id+"@"+domain(from.Address)+">")
	header("MIME-Version", "1.0")
	// RFC 3834: no out-of-office reply should answer a reminder.
	header("Auto-Submitted", "auto-generated")
	if m.HTML == "" {
		header("Content-Type", `text/plain; charset="utf-8"`)
		header("Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQuotedPrintable(&b, m.Text)
	} else if err := writeAlternative(&b, header, m, s.boundary); err != nil {
		return envelope{}, err
	}
	addrs := make([]string, len(to))
	for i, a := range to {
		addrs[i] = a.Address
	}
	return envelope{from: from.Address, to: addrs, data: b.Bytes()}, nil
}

// writeAlternative writes the header's last lines and a multipart/
// alternative body: the plain text first, the HTML last, as RFC 2046 orders
// alternatives from plainest to richest.
func writeAlternative(b *bytes.Buffer, header func(name, value string), m Message, boundary string) error {
	w := multipart.NewWriter(b)
	if err := w.SetBoundary(boundary); err != nil {
		return fmt.Errorf("mail: boundary %q: %w", boundary, err)
	}
	header("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	for _, part := range []struct{ kind, text string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		pw, err := w.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.kind + `; charset="utf-8"`},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return fmt.Errorf("mail: writing the %s part: %w", part.kind, err)
		}
		var body bytes.Buffer
		writeQuotedPrintable(&body, part.text)
		pw.Write(body.Bytes()) // a bytes.Buffer underneath: no error
	}
	return w.Close()
}

// writeQuotedPrintable writes text quoted-printable with CRLF line ends,
// so that any character and any line length pass every mail server.
func writeQuotedPrintable(b *bytes.Buffer, text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(strings.ReplaceAll(text, "\n", "\r\n"))) // to a bytes.Buffer: no error
	w.Close()
	b.WriteString("\r\n")
}

// recipients parses the To addresses.
func recipients(to []string) ([]*mail.Address, error) {
	switch {
	case len(to) == 0:
		return nil, fmt.Errorf("mail: the message has no recipient")
	case len(to) > maxRecipients:
		return nil, fmt.Errorf("mail: the message has %d recipients; at most %d", len(to), maxRecipients)
	}
	out := make([]*mail.Address, 0, len(to))
	for i, s := range to {
		a, err := ParseAddress(s)
		if err != nil {
			return nil, fmt.Errorf("mail: recipient %d: %w", i+1, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// ParseAddress reads one address as net/mail does ("a@b.example" or
// "Name <a@b.example>"), refusing line breaks, and names or addresses too
// long for a header line.
func ParseAddress(s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("address %q holds %w", clip(s), ErrInjection)
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", clip(s), err)
	}
	return a, checkAddress("address", *a)
}

// checkAddress checks an address's lengths and line breaks.
func checkAddress(what string, a mail.Address) error {
	switch {
	case strings.ContainsAny(a.Address, "\r\n"):
		return fmt.Errorf("%s %q holds %w", what, clip(a.Address), ErrInjection)
	case a.Address == "" || !strings.Contains(a.Address, "@"):
		return fmt.Errorf("%s %q is not an email address", what, clip(a.Address))
	case utf8.RuneCountInString(a.Address) > maxAddress:
		return fmt.Errorf("%s %q is longer than %d characters", what, clip(a.Address), maxAddress)
	case utf8.RuneCountInString(a.Name) > maxName:
		return fmt.Errorf("%s %q has a name longer than %d characters", what, clip(a.Address), maxName)
	}
	return nil
}

// joinAddresses writes the To header's value, one address a line.
func joinAddresses(to []*mail.Address) string {
	parts := make([]string, len(to))
	for i, a := range to {
		parts[i] = a.String()
	}
	return strings.Join(parts, ",\r\n ")
}

// encodeSubject writes the Subject header's value. Printable ASCII goes
// as it is; anything else (accents, tabs, text that looks like an
// encoded-word) as RFC 2047 base64 encoded-words of UTF-8, one a line, so
// that every line stays short and the reader gets the subject back
// exactly. Leading and trailing spaces are dropped, as every reader
// drops them.
func encodeSubject(subject string) (string, error) {
	switch {
	case strings.ContainsAny(subject, "\r\n"):
		return "", fmt.Errorf("mail: the subject %q holds %w", clip(subject), ErrInjection)
	case !utf8.ValidString(subject):
		return "", fmt.Errorf("mail: the subject %q is not UTF-8 text", clip(subject))
	}
	subject = strings.Trim(subject, " ")
	switch n := utf8.RuneCountInString(subject); {
	case n == 0:
		return "", fmt.Errorf("mail: the message has no subject")
	case n > maxSubject:
		return "", fmt.Errorf("mail: the subject %q is %d characters; at most %d", clip(subject), n, maxSubject)
	}
	if plainASCII(subject) && !strings.Contains(subject, "=?") {
		return subject, nil
	}
	var words []string
	for rest := subject; rest != ""; {
		n := 0
		for _, r := range rest {
			if size := utf8.RuneLen(r); n+size <= encodedWordLen || n == 0 {
				n += size
				continue
			}
			break
		}
		words = append(words, "=?utf-8?b?"+base64.StdEncoding.EncodeToString([]byte(rest[:n]))+"?=")
		rest = rest[n:]
	}
	// Readers ignore the space between two encoded-words, folding or not.
	return strings.Join(words, "\r\n "), nil
}

// plainASCII reports whether s is printable ASCII, spaces included.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// domain is the part of an address after its last @.
func domain(address string) string {
	return address[strings.LastIndexByte(address, '@')+1:]
}

// clip shortens s for an error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:60]) + "…"
}
