package notify

import (
	"context"
	"fmt"
	"mime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/mail/smtptest"
)

// TestChaseByEmail runs the chase once a day through December 2026
// against a real SMTP server: three notices, one acknowledged the day
// after it was sent. Each lead gets the notice once; the two who do not
// respond get one reminder on the 22nd and, still silent on the 29th, the
// chairs get an escalation for each; nothing is sent twice.
func TestChaseByEmail(t *testing.T) {
	server := smtptest.Start(t, smtptest.Options{Users: map[string]string{"village": "pw"}})
	sender, err := mail.NewSMTP(mail.Config{Host: server.Host, Port: server.Port, From: "Village <village@council.example>",
		User: "village", Password: "pw", Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	notices := []Notice{notice("A"), notice("B"), notice("C")}
	o := &outbox{}
	runner := Runner{Policy: Policy{Chairs: []string{"chair@partnership.example", "Vice Chair <vice@partnership.example>"}}, Sender: sender, Outbox: o}

	var got []string
	for d := 1; d <= 31; d++ {
		if d == 8 {
			notices[0].Acknowledged = true
		}
		runner.Now = func() time.Time { return time.Date(2026, 12, d, 9, 0, 0, 0, time.UTC) }
		before := len(server.Messages())
		if _, err := runner.Run(context.Background(), notices); err != nil {
			t.Fatalf("%d December: %v", d, err)
		}
		for _, r := range server.Messages()[before:] {
			m, err := r.Message()
			if err != nil {
				t.Fatal(err)
			}
			subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
			got = append(got, fmt.Sprintf("%d: %s: %s", d, strings.Join(r.To, " "), subject))
		}
	}
	title := notice("A").Decision
	want := []string{
		"7: a@council.example: Decision to note: " + title,
		"7: b@council.example: Decision to note: " + title,
		"7: c@council.example: Decision to note: " + title,
		"22: b@council.example: Reminder: decision to note: " + title,
		"22: c@council.example: Reminder: decision to note: " + title,
		"29: chair@partnership.example vice@partnership.example: Not acknowledged: " + title,
		"29: chair@partnership.example vice@partnership.example: Not acknowledged: " + title,
	}
	if !slices.Equal(got, want) {
		t.Errorf("sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(o.sent) != len(want) {
		t.Errorf("the outbox recorded %d actions; want %d", len(o.sent), len(want))
	}
}
