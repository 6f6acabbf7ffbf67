package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/notify"
)

// defaultNotifyEvery is how often serve sends the decision register's
// notices, reminders and escalations that are due: often enough that a
// notice reaches its lead within the quarter hour, seldom enough to cost
// nothing.
const defaultNotifyEvery = 15 * time.Minute

// noticesSender is the mail server the VILLAGE_SMTP_ variables
// configure for the decision register's email, or nil, said once in the
// log, when they configure none: the notices are then only in the
// service. A configuration that is wrong is an error, so that serve stops
// at start rather than mail going nowhere.
func noticesSender(log *slog.Logger, every time.Duration) (mail.Sender, error) {
	config, err := mail.ConfigFromEnv()
	if errors.Is(err, mail.ErrNotConfigured) {
		log.Warn("email is not configured (VILLAGE_SMTP_HOST is not set): the decision register's notices are shown only in the service")
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if every <= 0 {
		return nil, fmt.Errorf("--notify-every %s: expected a positive duration, such as 15m", every)
	}
	sender, err := mail.NewSMTP(config)
	if err != nil {
		return nil, err
	}
	log.Info("the decision register's notices are sent by email", "server", config.Host, "every", every.String())
	return sender, nil
}

// startNotices sends the register's notices, reminders and escalations
// that are due, in the background, now and every interval until ctx is
// done, and whenever wake says a decision was recorded, linking to the
// pages at link. The clock is time.Now unless now is given.
func startNotices(ctx context.Context, log *slog.Logger, p *pages, sender mail.Sender, wake app.Waker, link string, every time.Duration, now func() time.Time) {
	chaser := &app.Chaser{Store: p.store.Decisions(), Users: p.store.People(), Link: link, Log: log, Wake: wake,
		Holdings: func() app.Holdings { return p.live.Current().Holdings() },
		Runner:   notify.Runner{Sender: sender, Now: now}}
	go chaser.Every(ctx, every)
}

// pagesLink is the address the pages are reached at, for links in email:
// the first --host when given (HTTPS when served so or behind a proxy
// that does), otherwise the address serve listens on.
func pagesLink(listening string, hosts []string, https bool) string {
	if len(hosts) == 0 {
		return listening
	}
	scheme := "http://"
	if https {
		scheme = "https://"
	}
	return scheme + strings.TrimSuffix(hosts[0], "/")
}
