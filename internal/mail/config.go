package mail

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Environment variables ConfigFromEnv reads.
const (
	EnvHost         = "VILLAGE_SMTP_HOST"
	EnvPort         = "VILLAGE_SMTP_PORT"
	EnvFrom         = "VILLAGE_SMTP_FROM"
	EnvUser         = "VILLAGE_SMTP_USER"
	EnvPassword     = "VILLAGE_SMTP_PASSWORD"
	EnvPasswordFile = "VILLAGE_SMTP_PASSWORD_FILE"
)

// ErrNotConfigured is ConfigFromEnv's answer when no VILLAGE_SMTP_
// variable is set: Village sends no email.
var ErrNotConfigured = errors.New("mail: email is not configured (VILLAGE_SMTP_HOST is not set)")

// Default port and timeout.
const (
	DefaultPort     = 587 // submission, with STARTTLS
	ImplicitTLSPort = 465 // submissions, TLS from the first byte
	DefaultTimeout  = 30 * time.Second
)

// Config says how to reach the mail server. Its String never shows the
// password.
type Config struct {
	Host string
	Port int // DefaultPort when 0
	// From is the sender, "village@council.gov.uk" or
	// "Village <village@council.gov.uk>".
	From string
	// User and Password sign in with AUTH PLAIN; no sign-in when User is
	// empty.
	User     string
	Password string
	// ImplicitTLS speaks TLS from the first byte, as port 465 does
	// (ConfigFromEnv sets it for 465); otherwise the connection is
	// upgraded with STARTTLS, which is required unless Host is loopback.
	ImplicitTLS bool
	// Timeout bounds connecting and the whole conversation
	// (DefaultTimeout when 0).
	Timeout time.Duration
	// RootCAs verifies the server's certificate; nil uses the system's.
	RootCAs *x509.CertPool
}

// String describes the configuration without its password.
func (c Config) String() string {
	password := "none"
	if c.Password != "" {
		password = "xxxxx"
	}
	return fmt.Sprintf("smtp %s from %s as %q (password %s, implicit TLS %t)",
		net.JoinHostPort(c.Host, strconv.Itoa(c.port())), c.From, c.User, password, c.ImplicitTLS)
}

// GoString is String, so that %#v does not show the password either.
func (c Config) GoString() string { return c.String() }

func (c Config) port() int {
	if c.Port == 0 {
		return DefaultPort
	}
	return c.Port
}

func (c Config) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// loopback reports whether the server is on this machine, where a
// plain-text conversation never leaves it.
func (c Config) loopback() bool {
	if strings.EqualFold(c.Host, "localhost") {
		return true
	}
	ip := net.ParseIP(c.Host)
	return ip != nil && ip.IsLoopback()
}

// sender parses and checks the configuration.
func (c Config) sender() (mail.Address, error) {
	if c.Host == "" {
		return mail.Address{}, fmt.Errorf("mail: %s is not set", EnvHost)
	}
	if p := c.port(); p < 1 || p > 65535 {
		return mail.Address{}, fmt.Errorf("mail: port %d is not a TCP port (1 to 65535)", p)
	}
	if c.From == "" {
		return mail.Address{}, fmt.Errorf("mail: %s (the sender's address) is not set", EnvFrom)
	}
	from, err := ParseAddress(c.From)
	if err != nil {
		return mail.Address{}, fmt.Errorf("mail: %s: %w", EnvFrom, err)
	}
	if c.User == "" && c.Password != "" {
		return mail.Address{}, fmt.Errorf("mail: a password is set but %s is not", EnvUser)
	}
	if c.User != "" && c.Password == "" {
		return mail.Address{}, fmt.Errorf("mail: %s is set but no password (%s or %s)", EnvUser, EnvPassword, EnvPasswordFile)
	}
	return *from, nil
}

// ConfigFromEnv reads the configuration from the VILLAGE_SMTP_
// variables: the host, port (587 when not set; 465 means implicit TLS),
// sender, user, and the password from VILLAGE_SMTP_PASSWORD or the file
// VILLAGE_SMTP_PASSWORD_FILE names. Errors name the variable, never the
// password.
func ConfigFromEnv() (Config, error) {
	return configFrom(os.Getenv, os.ReadFile)
}

// configFrom is ConfigFromEnv reading through getenv and readFile.
func configFrom(getenv func(string) string, readFile func(string) ([]byte, error)) (Config, error) {
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	if !slices.ContainsFunc([]string{EnvHost, EnvPort, EnvFrom, EnvUser, EnvPassword, EnvPasswordFile},
		func(n string) bool { return env(n) != "" }) {
		return Config{}, ErrNotConfigured
	}
	c := Config{Host: env(EnvHost), From: env(EnvFrom), User: env(EnvUser), Port: DefaultPort}
	if p := env(EnvPort); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Config{}, fmt.Errorf("mail: %s is %q; expected a TCP port, 1 to 65535", EnvPort, clip(p))
		}
		c.Port = n
	}
	c.ImplicitTLS = c.Port == ImplicitTLSPort
	var err error
	if c.Password, err = password(getenv(EnvPassword), env(EnvPasswordFile), readFile); err != nil {
		return Config{}, err
	}
	if _, err := c.sender(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// password is the password given in the environment or in a file; none
// is no sign-in.
func password(given, file string, readFile func(string) ([]byte, error)) (string, error) {
	given = strings.TrimSpace(given)
	switch {
	case given != "" && file != "":
		return "", fmt.Errorf("mail: both %s and %s are set: set one", EnvPassword, EnvPasswordFile)
	case file == "":
		return given, nil
	}
	b, err := readFile(file)
	if err != nil {
		// The path error names the file, not its content.
		return "", fmt.Errorf("mail: %s: %w", EnvPasswordFile, err)
	}
	p := strings.TrimSpace(string(b))
	if p == "" {
		return "", fmt.Errorf("mail: %s names %s, which holds no password", EnvPasswordFile, file)
	}
	return p, nil
}
