// Package smtptest starts a real SMTP server for tests (go-smtp): it
// records each message it receives, signs users in with AUTH PLAIN, and
// speaks STARTTLS or implicit TLS with a certificate made for the test.
package smtptest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/mail"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options say how the server behaves.
type Options struct {
	// Users who may sign in, user name to password. With none, the server
	// offers no AUTH and takes mail from anyone.
	Users map[string]string
	// STARTTLS offers STARTTLS; ImplicitTLS speaks TLS from the first
	// byte. With neither the server speaks plain text (and allows AUTH
	// over it).
	STARTTLS    bool
	ImplicitTLS bool
	// Names the certificate is for, besides localhost and 127.0.0.1.
	Names []string
}

// Received is one message the server accepted.
type Received struct {
	From string   // MAIL FROM
	To   []string // RCPT TO
	User string   // who signed in, if anyone
	TLS  bool     // whether the connection was encrypted
	Data []byte   // the message as sent
}

// Message parses the message.
func (r Received) Message() (*mail.Message, error) {
	return mail.ReadMessage(bytes.NewReader(r.Data))
}

// Server is a running SMTP server.
type Server struct {
	Host string // 127.0.0.1
	Port int
	Addr string // Host:Port

	roots   *x509.CertPool
	mu      sync.Mutex
	got     []Received
	arrived chan struct{} // closed, and replaced, when a message arrives
}

// Start starts a server on a free port of 127.0.0.1, closed when the
// test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{arrived: make(chan struct{})}
	backend := smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, secure := c.TLSConnectionState()
		return &session{server: s, users: o.Users, tls: secure}, nil
	})
	srv := smtp.NewServer(backend)
	srv.Domain = "smtptest.example"
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0) // a refused sign-in is a test's expected outcome
	srv.AllowInsecureAuth = !o.STARTTLS && !o.ImplicitTLS
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listening: %v", err)
	}
	if o.STARTTLS || o.ImplicitTLS {
		cert, roots, err := certificate(append([]string{"localhost"}, o.Names...))
		if err != nil {
			t.Fatalf("smtptest: making a certificate: %v", err)
		}
		s.roots = roots
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		if o.ImplicitTLS {
			l = tls.NewListener(l, srv.TLSConfig)
			srv.TLSConfig = nil // no STARTTLS inside TLS
		}
	}
	tcp := l.Addr().(*net.TCPAddr)
	s.Host, s.Port, s.Addr = "127.0.0.1", tcp.Port, net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(l) // returns when closed
	}()
	t.Cleanup(func() {
		srv.Close()
		// Close misses a listener Serve has not yet registered, and Serve
		// would then wait for a connection for ever.
		l.Close()
		<-done
	})
	return s
}

// RootCAs returns the pool that verifies the server's certificate (nil
// when it speaks no TLS).
func (s *Server) RootCAs() *x509.CertPool { return s.roots }

// Messages returns the messages received so far, in the order received.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// Wait returns the messages received once there are at least n, or
// those so far with ctx's error when it ends first: a test waits for
// mail sent in the background without sleeping.
func (s *Server) Wait(ctx context.Context, n int) ([]Received, error) {
	for {
		s.mu.Lock()
		got, arrived := slices.Clone(s.got), s.arrived
		s.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		select {
		case <-arrived:
		case <-ctx.Done():
			return got, fmt.Errorf("smtptest: %d messages received, waiting for %d: %w", len(got), n, ctx.Err())
		}
	}
}

// Reset forgets the messages received so far.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = nil
}

// session is one connection's conversation.
type session struct {
	server *Server
	users  map[string]string
	tls    bool
	user   string
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string {
	if len(s.users) == 0 {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || len(s.users) == 0 {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, user, password string) error {
		want, ok := s.users[user]
		if !ok || want != password || (identity != "" && identity != user) {
			return smtp.ErrAuthFailed
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if len(s.users) > 0 && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.from == "" {
		return errors.New("RCPT before MAIL")
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.server.mu.Lock()
	defer s.server.mu.Unlock()
	s.server.got = append(s.server.got, Received{From: s.from, To: slices.Clone(s.to), User: s.user, TLS: s.tls, Data: b})
	close(s.server.arrived)
	s.server.arrived = make(chan struct{})
	return nil
}

func (s *session) Reset() { s.from, s.to = "", nil }

func (s *session) Logout() error { return nil }

// certificate makes a self-signed certificate for names and 127.0.0.1,
// and the pool that trusts it.
func certificate(names []string) (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "smtptest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              names,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	parsed, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	roots := x509.NewCertPool()
	roots.AddCert(parsed)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: parsed}, roots, nil
}
