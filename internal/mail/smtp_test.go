package mail

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/mail/smtptest"
)

// remoteName is a host name that is not loopback, which the tests' dialer
// sends to the local test server.
const remoteName = "mail.example.test"

// senderFor returns a Sender for server, reached under host.
func senderFor(t *testing.T, server *smtptest.Server, c Config) *SMTP {
	t.Helper()
	if c.Port == 0 {
		c.Port = server.Port
	}
	c.From = "Village <village@council.example>"
	c.RootCAs = server.RootCAs()
	c.Timeout = 20 * time.Second
	s, err := NewSMTP(c)
	if err != nil {
		t.Fatal(err)
	}
	d := &net.Dialer{}
	s.dial = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, server.Addr)
	}
	return s
}

func TestSend(t *testing.T) {
	users := map[string]string{"village": "correct horse"}
	message := Message{To: []string{"Lead <lead@health.example>", "sen@council.example"}, Subject: "Decision to note", Text: "Please read."}
	tests := []struct {
		name    string
		server  smtptest.Options
		config  Config
		message Message
		wantErr string // "" for success
		is      error
		user    string
		tls     bool
	}{
		{name: "loopback, plain text, no sign-in", config: Config{Host: "127.0.0.1"}, message: message},
		{name: "STARTTLS and AUTH PLAIN", server: smtptest.Options{Users: users, STARTTLS: true, Names: []string{remoteName}},
			config: Config{Host: remoteName, User: "village", Password: "correct horse"}, message: message, user: "village", tls: true},
		{name: "implicit TLS and AUTH PLAIN", server: smtptest.Options{Users: users, ImplicitTLS: true, Names: []string{remoteName}},
			config: Config{Host: remoteName, User: "village", Password: "correct horse", ImplicitTLS: true}, message: message, user: "village", tls: true},
		{name: "loopback with sign-in over plain text", server: smtptest.Options{Users: users},
			config: Config{Host: "127.0.0.1", User: "village", Password: "correct horse"}, message: message, user: "village"},
		{name: "wrong password", server: smtptest.Options{Users: users, STARTTLS: true, Names: []string{remoteName}},
			config: Config{Host: remoteName, User: "village", Password: "wrong battery"}, message: message, wantErr: `signing in as "village": 535`},
		{name: "no sign-in where one is required", server: smtptest.Options{Users: users},
			config: Config{Host: "127.0.0.1"}, message: message, wantErr: "MAIL FROM: 502"},
		{name: "TLS required off loopback", server: smtptest.Options{Users: users},
			config: Config{Host: remoteName, User: "village", Password: "correct horse"}, message: message, is: ErrTLSRequired, wantErr: "STARTTLS"},
		{name: "certificate not for the host", server: smtptest.Options{STARTTLS: true},
			config: Config{Host: remoteName}, message: message, wantErr: "STARTTLS: tls: failed to verify certificate"},
		{name: "subject injection", config: Config{Host: "127.0.0.1"},
			message: Message{To: []string{"lead@health.example"}, Subject: "Decision\r\nBcc: everyone@example.org", Text: "x"}, is: ErrInjection, wantErr: "the subject"},
		{name: "recipient injection", config: Config{Host: "127.0.0.1"},
			message: Message{To: []string{"lead@health.example\r\nBcc: everyone@example.org"}, Subject: "Decision", Text: "x"}, is: ErrInjection, wantErr: "recipient 1"},
		{name: "recipient not an address", config: Config{Host: "127.0.0.1"},
			message: Message{To: []string{"the SEND lead"}, Subject: "Decision", Text: "x"}, wantErr: `recipient 1: address "the SEND lead"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := smtptest.Start(t, tt.server)
			err := senderFor(t, server, tt.config).Send(context.Background(), tt.message)
			got := server.Messages()
			if tt.wantErr != "" || tt.is != nil {
				if err == nil {
					t.Fatalf("Send succeeded; want an error containing %q", tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || (tt.is != nil && !errors.Is(err, tt.is)) {
					t.Errorf("error %q; want one containing %q (is %v)", err, tt.wantErr, tt.is)
				}
				if tt.config.Password != "" && strings.Contains(err.Error(), tt.config.Password) {
					t.Errorf("the error shows the password: %q", err)
				}
				if len(got) != 0 {
					t.Errorf("the server received %d messages; want none", len(got))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("the server received %d messages; want 1", len(got))
			}
			r := got[0]
			if r.From != "village@council.example" || strings.Join(r.To, " ") != "lead@health.example sen@council.example" {
				t.Errorf("envelope from %q to %q", r.From, r.To)
			}
			if r.User != tt.user || r.TLS != tt.tls {
				t.Errorf("signed in as %q with TLS %t; want %q and %t", r.User, r.TLS, tt.user, tt.tls)
			}
			m, err := r.Message()
			if err != nil {
				t.Fatal(err)
			}
			if s := m.Header.Get("Subject"); s != tt.message.Subject {
				t.Errorf("Subject %q; want %q", s, tt.message.Subject)
			}
			if id := m.Header.Get("Message-Id"); !strings.HasSuffix(id, "@council.example>") {
				t.Errorf("Message-ID %q", id)
			}
		})
	}
}

func TestSendServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there now
	s, err := NewSMTP(Config{Host: "127.0.0.1", Port: port, From: "village@council.example", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), Message{To: []string{"lead@health.example"}, Subject: "Decision", Text: "x"})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("Send to a closed port: %v; want connection refused", err)
	}
}

func TestSendCancelled(t *testing.T) {
	server := smtptest.Start(t, smtptest.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := senderFor(t, server, Config{Host: "127.0.0.1"}).Send(ctx, Message{To: []string{"lead@health.example"}, Subject: "Decision", Text: "x"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a cancelled context: %v; want context.Canceled", err)
	}
}
