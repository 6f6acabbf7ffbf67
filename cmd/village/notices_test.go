package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/mail/smtptest"
	"github.com/village-uk/village/internal/store"
)

// TestServeEmailsNotices serves a store whose register holds a decision
// for two leads, one with an email address, with the VILLAGE_SMTP_
// variables naming a real SMTP server: serve emails the notice to the
// lead with an address as it starts, and the notice of a decision
// recorded on the pages at once (not at the next run, an hour on); it
// logs how many leads have no address, and names no address in its log.
func TestServeEmailsNotices(t *testing.T) {
	server := smtptest.Start(t, smtptest.Options{Users: map[string]string{"village": "a long smtp password"}})
	db := frontDoorStore(t)
	for _, u := range [][]string{
		{"users", "add", "--db", db, "--as", "it.admin", "--role", "manager", "--email", "v.vsh@council.example", "--password-stdin", "v.vsh"},
		{"users", "add", "--db", db, "--as", "it.admin", "--role", "manager", "--password-stdin", "d.dcs"},
		{"agencies", "add", "--db", db, "--as", "it.admin", "--defaults"},
		{"leads", "add", "--db", db, "--as", "it.admin", "--agency", "education", "--cohorts", "looked_after", "v.vsh"},
		{"leads", "add", "--db", db, "--as", "it.admin", "--agency", "childrens_services", "--cohorts", "looked_after", "d.dcs"},
	} {
		var code int
		var out, errOut string
		withStdin(t, "plum tree harbour lights\n", func() { code, out, errOut = run(t, u...) })
		if code != exitOK {
			t.Fatalf("village %s: exit %d\n%s%s", strings.Join(u, " "), code, out, errOut)
		}
	}
	recordDecision(t, db)
	for name, value := range map[string]string{
		mail.EnvHost: server.Host, mail.EnvPort: strconv.Itoa(server.Port), mail.EnvFrom: "Village <village@council.example>",
		mail.EnvUser: "village", mail.EnvPassword: "a long smtp password",
	} {
		t.Setenv(name, value)
	}
	addr := freeAddress(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lineWriter{urls: make(chan string, 8)}
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--db", db, "--addr", addr, "--notify-every", "1h"}, stdout, &stderr)
	}()

	wait, stop := context.WithTimeout(ctx, 2*time.Minute)
	defer stop()
	got, err := server.Wait(wait, 1)
	if err != nil {
		cancel()
		t.Fatalf("%v\n%s%s", err, stdout, stderr.String())
	}
	// A decision recorded on the pages is emailed at once, not at the
	// next run an hour on.
	base := <-stdout.urls
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	post := func(path string, form url.Values) {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if body := readAll(t, resp); resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %d\n%s", path, resp.StatusCode, body)
		}
	}
	post("/sign-in", url.Values{"name": {"d.dcs"}, "password": {"plum tree harbour lights"}})
	post("/decisions", url.Values{"title": {"Open a second clinic"}, "agency": {"health"}, "decided": {"2026-12-01"},
		"effective": {"2027-01-04"}, "cohorts": {"looked_after"}, "status": {"decided"}})
	if got, err = server.Wait(wait, 2); err != nil {
		cancel()
		t.Fatalf("the second decision: %v\n%s", err, stderr.String())
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("serve: exit %d\n%s", code, stderr.String())
	}
	if len(got) != 2 || !slices.Equal(got[0].To, []string{"v.vsh@council.example"}) || got[0].User != "village" {
		t.Fatalf("received %+v; want two messages to v.vsh, signed in as village", got)
	}
	m, err := got[0].Message()
	if err != nil {
		t.Fatal(err)
	}
	if subject := m.Header.Get("Subject"); subject != "Decision to note: Merge the clinics" {
		t.Errorf("subject %q", subject)
	}
	log := stderr.String()
	if strings.Contains(log, "@council.example") {
		t.Errorf("the log names an address:\n%s", log)
	}
	if !strings.Contains(log, "leads without an email address") || !strings.Contains(log, "notices=1") {
		t.Errorf("the log does not count the lead without an address:\n%s", log)
	}
}

// TestServeWithoutEmail: with no VILLAGE_SMTP_ variable, serve says once
// that the notices are only in the service.
func TestServeWithoutEmail(t *testing.T) {
	var log syncBuffer
	e := &env{log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelWarn}))} // as Run makes it
	sender, err := noticesSender(e.log, defaultNotifyEvery)
	if sender != nil || err != nil || !strings.Contains(log.String(), "shown only in the service") {
		t.Errorf("noticesSender = %v, %v; log %q", sender, err, log.String())
	}
	t.Setenv(mail.EnvHost, "127.0.0.1")
	if _, err := noticesSender(e.log, defaultNotifyEvery); err == nil || !strings.Contains(err.Error(), mail.EnvFrom) {
		t.Errorf("a host and no sender: %v, want an error naming %s", err, mail.EnvFrom)
	}
	t.Setenv(mail.EnvFrom, "village@council.example")
	if _, err := noticesSender(e.log, 0); err == nil || !strings.Contains(err.Error(), "--notify-every") {
		t.Errorf("--notify-every 0: %v", err)
	}
}

// recordDecision records a decision affecting children looked after in
// the store at db, as an analyst would through the pages.
func recordDecision(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cohorts, _ := decisions.ParseCohorts([]string{"looked_after"})
	today := calendar.DateOf(time.Now())
	r := &app.Register{Store: s.Decisions()}
	d := decisions.Decision{Title: "Merge the clinics", Agency: "health", Decided: today, Effective: today, Cohorts: cohorts}
	if _, err := r.Record(ctx, app.Actor{Name: "r.analyst", IdentifiedBy: app.ByFlag}, app.FromCommandLine, d, app.Holdings{}); err != nil {
		t.Fatal(err)
	}
}
