package mail

import (
	"bytes"
	"flag"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixed is a stamp for messages that must come out the same every time.
var fixed = stamp{date: time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC), id: "0123456789abcdef", boundary: "village-boundary"}

var village = mail.Address{Name: "Village", Address: "village@council.example"}

func TestComposeGolden(t *testing.T) {
	tests := []struct {
		file string
		m    Message
	}{
		{"plain.eml", Message{To: []string{"Designated Nurse <nurse@icb.example>"}, Subject: "Decision to note: short breaks",
			Text: "Dear Designated Nurse,\n\nA line long enough that quoted-printable has to break it, because mail servers limit lines to a thousand characters and prefer under eighty.\n.\nA dot alone on a line above.\n"}},
		{"alternative.eml", Message{To: []string{"sen@council.example", "Virtual School Head <vsh@council.example>"}, Subject: "Décision à noter: £ for short breaks, with a subject long enough to need more than one encoded-word",
			Text: "Plain text.\n", HTML: "<p>Rich <b>text</b>.</p>\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			env, err := compose(village, tt.m, fixed)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, env.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(env.data, want) {
				t.Errorf("message differs from %s (go test -update to rewrite):\n%s", path, env.data)
			}
			checkMessage(t, env.data, strings.Trim(tt.m.Subject, " "), len(tt.m.To))
		})
	}
}

func TestComposeRefuses(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		want string
	}{
		{"no recipient", Message{Subject: "s", Text: "t"}, "no recipient"},
		{"no subject", Message{To: []string{"a@b.example"}, Subject: "  ", Text: "t"}, "no subject"},
		{"no text", Message{To: []string{"a@b.example"}, Subject: "s", Text: "\n"}, "has no text"},
		{"line feed in subject", Message{To: []string{"a@b.example"}, Subject: "s\nBcc: c@d.example", Text: "t"}, "line break"},
		{"carriage return in name", Message{To: []string{"A\r <a@b.example>"}, Subject: "s", Text: "t"}, "line break"},
		{"subject not UTF-8", Message{To: []string{"a@b.example"}, Subject: "s\xff", Text: "t"}, "not UTF-8"},
		{"subject too long", Message{To: []string{"a@b.example"}, Subject: strings.Repeat("s", 251), Text: "t"}, "at most 250"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compose(village, tt.m, fixed)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("compose: %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

// checkMessage parses data and checks its header holds exactly the
// expected fields, the subject as given and every line within RFC 5322's
// limit.
func checkMessage(t *testing.T, data []byte, subject string, recipients int) {
	t.Helper()
	for i, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 998 || strings.Contains(line, "\n") || strings.Contains(line, "\r") {
			t.Fatalf("line %d is not a proper line: %q", i+1, line)
		}
	}
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the message does not parse: %v", err)
	}
	want := []string{"Auto-Submitted", "Content-Transfer-Encoding", "Content-Type", "Date", "From", "Message-Id", "Mime-Version", "Subject", "To"}
	if _, ok := m.Header["Content-Transfer-Encoding"]; !ok {
		want = append(want[:1], want[2:]...) // multipart: no encoding for the whole
	}
	if len(m.Header) != len(want) {
		t.Fatalf("header fields %v; want %v", keys(m.Header), want)
	}
	for _, k := range want {
		if len(m.Header[k]) != 1 {
			t.Fatalf("header fields %v; want each of %v once", keys(m.Header), want)
		}
	}
	got, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || got != subject {
		t.Fatalf("Subject reads %q (%v); want %q", got, err, subject)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != recipients {
		t.Fatalf("To reads %v (%v); want %d addresses", to, err, recipients)
	}
}

func keys(h mail.Header) []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	return out
}

// FuzzHeader checks that no subject, display name or address gets a header
// field in: compose either refuses the message or writes one whose header
// has exactly the fields it writes, the subject exactly as given, and the
// recipient's address.
func FuzzHeader(f *testing.F) {
	f.Add("Decision to note", "Village", "lead@health.example")
	f.Add("Décision\r\nBcc: x@y.example", "V\nB", "a@b.example\r\nBcc: c@d.example")
	f.Add("=?utf-8?q?Bcc:_x?=", "=?utf-8?q?a=0D=0AB?=", "=?utf-8?q?a=0D=0Ab?= <a@b.example>")
	f.Add("\ttab and  spaces ", "Lead, Designated", `"quoted\"local"@b.example`)
	f.Fuzz(func(t *testing.T, subject, name, to string) {
		from := mail.Address{Name: name, Address: "village@council.example"}
		env, err := compose(from, Message{To: []string{to}, Subject: subject, Text: "t"}, fixed)
		if err != nil {
			return
		}
		if !utf8.ValidString(name) {
			return // net/mail writes such a name as it is; the configuration refuses it first
		}
		checkMessage(t, env.data, strings.Trim(subject, " "), 1)
		parsed, _ := ParseAddress(to)
		if len(env.to) != 1 || env.to[0] != parsed.Address {
			t.Fatalf("envelope to %q; want %q", env.to, parsed.Address)
		}
	})
}
