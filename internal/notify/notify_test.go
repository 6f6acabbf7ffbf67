package notify

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/mail"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// day is a day of December 2026, when the due date (Tuesday 29th) comes
// after Christmas Day (Friday 25th) and the Boxing Day holiday (Monday
// 28th): three working days before it is Tuesday 22nd.
func day(d int) calendar.Date { return calendar.NewDate(2026, 12, d) }

// notice is a notice issued on the 7th, due on the 29th.
func notice(id string) Notice {
	return Notice{
		ID: id, Decision: "Short breaks move to the ICB's new provider", Agency: "NHS Example ICB",
		Decided: day(1), Effective: calendar.NewDate(2027, 2, 1),
		Cohorts: []Cohort{{Name: "Children looked after", Children: 412, Known: true},
			{Name: "Children looked after placed out of area", Children: 3, Known: true},
			{Name: "Children with an EHC plan", Known: false}},
		Lead: "Lead " + id, To: strings.ToLower(id) + "@council.example",
		Issued: day(7), Due: day(29), Link: "https://village.council.example/decisions/9",
	}
}

func keys(actions []Action) []string {
	out := []string{}
	for _, a := range actions {
		out = append(out, a.Key)
	}
	return out
}

func TestDue(t *testing.T) {
	acknowledged := notice("A")
	acknowledged.Acknowledged = true
	late := notice("L")
	late.Issued = day(23) // after the reminder's day
	tests := []struct {
		name    string
		policy  Policy
		today   calendar.Date
		notices []Notice
		want    []string
	}{
		{name: "before issue", today: day(6), notices: []Notice{notice("B")}, want: []string{}},
		{name: "issue day", today: day(7), notices: []Notice{notice("B")}, want: []string{"notice/B"}},
		{name: "day before the reminder", today: day(21), notices: []Notice{notice("B")}, want: []string{"notice/B"}},
		{name: "reminder day, 3 working days before", today: day(22), notices: []Notice{notice("B")}, want: []string{"notice/B", "reminder/B/3"}},
		{name: "over the holiday", today: day(28), notices: []Notice{notice("B")}, want: []string{"notice/B", "reminder/B/3"}},
		{name: "due day escalates", today: day(29), notices: []Notice{notice("B")}, want: []string{"notice/B", "escalation/B"}},
		{name: "after the due day", today: day(31), notices: []Notice{notice("B")}, want: []string{"notice/B", "escalation/B"}},
		{name: "acknowledged needs nothing", today: day(29), notices: []Notice{acknowledged}, want: []string{}},
		{name: "issued after the reminder's day", today: day(24), notices: []Notice{late}, want: []string{"notice/L"}},
		{name: "several reminders, furthest first", policy: Policy{RemindBefore: []int{1, 3, 3, 0}}, today: day(24),
			notices: []Notice{notice("B")}, want: []string{"notice/B", "reminder/B/3", "reminder/B/1"}},
		{name: "no reminders", policy: Policy{RemindBefore: []int{}}, today: day(24), notices: []Notice{notice("B")}, want: []string{"notice/B"}},
		{name: "in the notices' order", today: day(22), notices: []Notice{notice("C"), acknowledged, notice("B")},
			want: []string{"notice/C", "reminder/C/3", "notice/B", "reminder/B/3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(tt.policy.Due(tt.today, tt.notices)); !slices.Equal(got, tt.want) {
				t.Errorf("Due(%s) = %q; want %q", tt.today, got, tt.want)
			}
		})
	}
}

func TestMessageGolden(t *testing.T) {
	chairs := []string{"chair@partnership.example"}
	var b strings.Builder
	for _, a := range []Action{
		{Key: "notice/A", Kind: SendNotice, Notice: notice("A")},
		{Key: "reminder/A/3", Kind: Remind, Notice: notice("A"), Before: 3},
		{Key: "escalation/A", Kind: Escalate, Notice: notice("A")},
	} {
		m := Message(a, chairs)
		fmt.Fprintf(&b, "== %s\nTo: %s\nSubject: %s\n\n%s\n", a.Key, strings.Join(m.To, ", "), m.Subject, m.Text)
	}
	path := filepath.Join("testdata", "messages.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("messages differ from %s (go test -update to rewrite):\n%s", path, b.String())
	}
	// Email is circulation: the out-of-area count of 3 is not given.
	if strings.Contains(b.String(), ": 3 children") {
		t.Errorf("a count of 3 children is in a message")
	}
}

// outbox is an Outbox in memory.
type outbox struct {
	sent map[string]time.Time
	fail error // MarkSent's and Sent's answer when set
}

func (o *outbox) Sent(_ context.Context, key string) (bool, error) {
	_, ok := o.sent[key]
	return ok, o.fail
}

func (o *outbox) MarkSent(_ context.Context, key string, at time.Time) error {
	if o.fail != nil {
		return o.fail
	}
	if o.sent == nil {
		o.sent = map[string]time.Time{}
	}
	o.sent[key] = at
	return nil
}

// sender records messages, refusing those to refuse.
type sender struct {
	got    []mail.Message
	refuse string // an address whose messages fail
}

func (s *sender) Send(_ context.Context, m mail.Message) error {
	if slices.Contains(m.To, s.refuse) {
		return errors.New("550 mailbox unavailable")
	}
	s.got = append(s.got, m)
	return nil
}

func TestRunner(t *testing.T) {
	at := func(d int) func() time.Time {
		return func() time.Time { return time.Date(2026, 12, d, 9, 0, 0, 0, time.UTC) }
	}
	noAddress := notice("N")
	noAddress.To = ""
	tests := []struct {
		name     string
		notices  []Notice // B and C when nil
		policy   Policy
		runs     []int // days of December to run on
		refuse   string
		outbox   outbox
		wantSent int // on the last run
		wantTo   []string
		wantErr  string
	}{
		{name: "once each", runs: []int{7, 7, 8}, wantSent: 0, wantTo: []string{"b@council.example", "c@council.example"}},
		{name: "one refused, the other sent", runs: []int{7}, refuse: "b@council.example", wantSent: 1,
			wantTo: []string{"c@council.example"}, wantErr: "notify: notice/B: 550 mailbox unavailable"},
		{name: "refused one is tried again", runs: []int{7, 8}, refuse: "b@council.example", wantSent: 0,
			wantTo: []string{"c@council.example"}, wantErr: "notify: notice/B: 550 mailbox unavailable"},
		{name: "no chairs", runs: []int{29}, wantSent: 2, wantTo: []string{"b@council.example", "c@council.example"},
			wantErr: "notify: escalation/B: no chairs' addresses to escalate to"},
		{name: "a lead without an address: only the escalation", runs: []int{7, 22, 29}, notices: []Notice{noAddress},
			policy: Policy{Chairs: []string{"chair@partnership.example"}}, wantSent: 1, wantTo: []string{"chair@partnership.example"}},
		{name: "outbox fails", runs: []int{7}, outbox: outbox{fail: errors.New("database is locked")}, wantSent: 0,
			wantErr: "notify: asking whether notice/B was sent: database is locked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sender{refuse: tt.refuse}
			o := tt.outbox
			var sent int
			var err error
			notices := tt.notices
			if notices == nil {
				notices = []Notice{notice("B"), notice("C")}
			}
			for _, d := range tt.runs {
				sent, err = Runner{Policy: tt.policy, Sender: s, Outbox: &o, Now: at(d)}.Run(context.Background(), notices)
			}
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v; want %q", err, tt.wantErr)
			}
			if sent != tt.wantSent {
				t.Errorf("the last run sent %d; want %d", sent, tt.wantSent)
			}
			var to []string
			for _, m := range s.got {
				to = append(to, m.To...)
			}
			if !slices.Equal(to, tt.wantTo) {
				t.Errorf("sent to %q; want %q", to, tt.wantTo)
			}
		})
	}
}
