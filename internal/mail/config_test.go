package mail

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

func TestConfigFrom(t *testing.T) {
	base := map[string]string{EnvHost: "smtp.council.example", EnvFrom: "Village <village@council.example>", EnvUser: "village", EnvPassword: "s3cret"}
	files := map[string]string{"/run/secrets/smtp": "fil3secret\n", "/run/secrets/empty": " \n"}
	tests := []struct {
		name    string
		change  map[string]string // over base; "" unsets
		want    Config
		wantErr string
	}{
		{name: "defaults", want: Config{Host: "smtp.council.example", Port: 587, From: "Village <village@council.example>", User: "village", Password: "s3cret"}},
		{name: "465 is implicit TLS", change: map[string]string{EnvPort: "465"},
			want: Config{Host: "smtp.council.example", Port: 465, From: "Village <village@council.example>", User: "village", Password: "s3cret", ImplicitTLS: true}},
		{name: "password from a file", change: map[string]string{EnvPassword: "", EnvPasswordFile: "/run/secrets/smtp"},
			want: Config{Host: "smtp.council.example", Port: 587, From: "Village <village@council.example>", User: "village", Password: "fil3secret"}},
		{name: "relay without sign-in", change: map[string]string{EnvUser: "", EnvPassword: "", EnvPort: "25", EnvHost: "localhost"},
			want: Config{Host: "localhost", Port: 25, From: "Village <village@council.example>"}},
		{name: "nothing set", change: map[string]string{EnvHost: "", EnvFrom: "", EnvUser: "", EnvPassword: ""}, wantErr: ErrNotConfigured.Error()},
		{name: "no host", change: map[string]string{EnvHost: ""}, wantErr: "VILLAGE_SMTP_HOST is not set"},
		{name: "no sender", change: map[string]string{EnvFrom: ""}, wantErr: "VILLAGE_SMTP_FROM (the sender's address) is not set"},
		{name: "sender not an address", change: map[string]string{EnvFrom: "Village"}, wantErr: `VILLAGE_SMTP_FROM: address "Village": mail: missing '@' or angle-addr`},
		{name: "bad port", change: map[string]string{EnvPort: "smtp"}, wantErr: `VILLAGE_SMTP_PORT is "smtp"; expected a TCP port, 1 to 65535`},
		{name: "port out of range", change: map[string]string{EnvPort: "70000"}, wantErr: `VILLAGE_SMTP_PORT is "70000"`},
		{name: "user without password", change: map[string]string{EnvPassword: ""}, wantErr: "VILLAGE_SMTP_USER is set but no password"},
		{name: "password without user", change: map[string]string{EnvUser: ""}, wantErr: "a password is set but VILLAGE_SMTP_USER is not"},
		{name: "both passwords", change: map[string]string{EnvPasswordFile: "/run/secrets/smtp"}, wantErr: "both VILLAGE_SMTP_PASSWORD and VILLAGE_SMTP_PASSWORD_FILE are set"},
		{name: "password file missing", change: map[string]string{EnvPassword: "", EnvPasswordFile: "/run/secrets/absent"},
			wantErr: "VILLAGE_SMTP_PASSWORD_FILE: open /run/secrets/absent: file does not exist"},
		{name: "password file empty", change: map[string]string{EnvPassword: "", EnvPasswordFile: "/run/secrets/empty"},
			wantErr: "VILLAGE_SMTP_PASSWORD_FILE names /run/secrets/empty, which holds no password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range base {
				env[k] = v
			}
			for k, v := range tt.change {
				env[k] = v
			}
			readFile := func(name string) ([]byte, error) {
				if s, ok := files[name]; ok {
					return []byte(s), nil
				}
				return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
			}
			got, err := configFrom(func(k string) string { return env[k] }, readFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want one containing %q", err, tt.wantErr)
				}
				for _, secret := range []string{"s3cret", "fil3secret"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error shows the password: %q", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
	if _, err := configFrom(func(string) string { return "" }, nil); !errors.Is(err, ErrNotConfigured) {
		t.Errorf("with nothing set: %v; want ErrNotConfigured", err)
	}
}

func TestConfigNeverPrintsPassword(t *testing.T) {
	c := Config{Host: "smtp.council.example", Port: 587, From: "village@council.example", User: "village", Password: "s3cret"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, c); strings.Contains(s, "s3cret") || !strings.Contains(s, "xxxxx") {
			t.Errorf("%s prints %q", verb, s)
		}
	}
}
