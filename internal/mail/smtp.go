package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"time"
)

// ErrTLSRequired is the error (under errors.Is) when a server that is not
// on this machine offers no STARTTLS: the password and the message would
// cross the network in clear.
var ErrTLSRequired = errors.New("the server does not offer STARTTLS, which is required unless it is on this machine (loopback)")

// SMTP sends messages through a mail server, one connection a message.
type SMTP struct {
	config Config
	from   mail.Address
	// dial connects to address; tests point a host name at a local server.
	dial func(ctx context.Context, network, address string) (net.Conn, error)
	now  func() time.Time
}

// NewSMTP returns a Sender for the server c describes, after checking c.
func NewSMTP(c Config) (*SMTP, error) {
	from, err := c.sender()
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: c.timeout()}
	return &SMTP{config: c, from: from, dial: d.DialContext, now: time.Now}, nil
}

// Send sends m: it connects, secures the connection (implicit TLS or
// STARTTLS), signs in when a user is configured, and hands the message
// over. The whole conversation is bounded by the configuration's Timeout
// and by ctx.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	st, err := newStamp(s.now())
	if err != nil {
		return err
	}
	env, err := compose(s.from, m, st)
	if err != nil {
		return err
	}
	address := net.JoinHostPort(s.config.Host, strconv.Itoa(s.config.port()))
	if err := s.send(ctx, address, env); err != nil {
		return fmt.Errorf("mail: sending %q through %s: %w", clip(m.Subject), address, err)
	}
	return nil
}

// send holds the SMTP conversation.
func (s *SMTP) send(ctx context.Context, address string, env envelope) error {
	ctx, cancel := context.WithTimeout(ctx, s.config.timeout())
	defer cancel()
	conn, err := s.dial(ctx, "tcp", address)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	// A cancelled ctx ends a conversation blocked on the network.
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	tlsConfig := &tls.Config{ServerName: s.config.Host, RootCAs: s.config.RootCAs, MinVersion: tls.VersionTLS12}
	if s.config.ImplicitTLS {
		tc := tls.Client(conn, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("TLS: %w", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.config.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if !s.config.ImplicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConfig); err != nil {
				return fmt.Errorf("STARTTLS: %w", err)
			}
		} else if !s.config.loopback() {
			return ErrTLSRequired
		}
	}
	if s.config.User != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return fmt.Errorf("the server offers no AUTH, and user %q is configured to sign in", s.config.User)
		}
		auth := smtp.PlainAuth("", s.config.User, s.config.Password, s.config.Host)
		if err := c.Auth(auth); err != nil {
			return fmt.Errorf("signing in as %q: %w", s.config.User, err)
		}
	}
	if err := c.Mail(env.from); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	for _, to := range env.to {
		if err := c.Rcpt(to); err != nil {
			return fmt.Errorf("RCPT TO %s: %w", to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(env.data); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	// The server accepted the message when DATA ended; a failed QUIT does
	// not unsend it, and reporting it would send it twice.
	c.Quit()
	return nil
}

// newStamp draws a message's Message-ID and MIME boundary.
func newStamp(now time.Time) (stamp, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return stamp{}, fmt.Errorf("mail: drawing a Message-ID: %w", err)
	}
	return stamp{date: now, id: hex.EncodeToString(b[:16]), boundary: "village-" + hex.EncodeToString(b[16:])}, nil
}
