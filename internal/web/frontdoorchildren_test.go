package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/frontdoor"
	cinind "github.com/village-uk/village/internal/frontdoor/indicators"
)

// cinChildrenPath is the drill-down's address for an indicator and year.
func cinChildrenPath(id string, y calendar.Year) string {
	return cinChildrenHref(cinind.ByID(id), y)
}

// mainOf is the page's main element, for golden files that the layout
// around it does not change.
func mainOf(body string) string {
	start, end := strings.Index(body, "<main"), strings.Index(body, "</main>")
	if start < 0 || end < start {
		return body
	}
	return body[start:end+len("</main>")] + "\n"
}

// TestFrontDoorChildren follows a CIN indicator's numerator to its
// children on the synthetic censuses: the indicator's page links each
// year's numerator, GET asks for a reason and shows no ID, POST without a
// reason is refused and audits nothing, and POST with one writes an audit
// entry for each child before listing them, each child once with how many
// of the things counted are theirs.
func TestFrontDoorChildren(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	st := sqliteStore(t, a)
	front := syntheticFront(t, a)
	srv := newServer(t, a, Options{Store: st, Front: front})
	h := srv.Handler()
	ind := cinind.ByID("cin_referrals")
	_, page := fetch(t, h, http.MethodGet, "/front-door/cin_referrals", nil)
	for y := front.First; y <= front.Last; y++ {
		if href := cinChildrenPath(ind.ID, y); !strings.Contains(page, `href="`+href+`"`) {
			t.Errorf("/front-door/cin_referrals does not link %s's numerator to %s", y, href)
		}
	}
	path := cinChildrenPath(ind.ID, 2026)
	f := srv.cinFigure(ind, 2026)
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != http.StatusOK || !strings.Contains(body, `for="reason"`) || !strings.Contains(body, `method="post"`) {
		t.Fatalf("GET %s: %d, no form\n%.3000s", path, code, body)
	}
	checkAccessible(t, path, body)
	for _, id := range f.Value.Children {
		if strings.Contains(body, id) {
			t.Fatalf("GET %s shows child %s", path, id)
		}
	}
	if code, body := fetch(t, h, http.MethodPost, path, url.Values{"reason": {" "}}); code != http.StatusBadRequest || !strings.Contains(body, "govuk-error-summary") {
		t.Errorf("POST without a reason: %d", code)
	}
	if log, err := st.AuditLog(ctx); err != nil || len(log) != 0 {
		t.Fatalf("audit log after a refused POST: %d entries, %v", len(log), err)
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"checking referrals"}})
	if code != http.StatusOK {
		t.Fatalf("POST %s: %d\n%.2000s", path, code, body)
	}
	checkAccessible(t, path, body)
	log, err := st.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != len(f.Value.Children) || len(log) == 0 {
		t.Fatalf("%d audit entries for %d children", len(log), len(f.Value.Children))
	}
	for i, id := range f.Value.Children {
		e := log[i]
		if e.Subject != id || e.Who != "analyst" || e.Action != "view IDs behind CIN indicator cin_referrals 2025/26" || e.Reason != "checking referrals" {
			t.Errorf("audit entry %d: %+v", i, e)
		}
		if !strings.Contains(body, `<input type="hidden" name="id" value="`+id+`">`) {
			t.Errorf("POST does not show child %s opening the journey", id)
		}
	}
	// Each child once, with the referrals that are theirs: together the
	// numerator.
	times := regexp.MustCompile(`</form> \(counted (\d+) times\)`).FindAllStringSubmatch(body, -1)
	total := len(f.Value.Children) - len(times)
	for _, m := range times {
		n, _ := strconv.Atoi(m[1])
		total += n
	}
	if total != f.Value.Numerator || len(times) == 0 {
		t.Errorf("the list counts %d referrals (%d children more than once), the numerator %d", total, len(times), f.Value.Numerator)
	}
}

// TestFrontDoorChildrenRefused checks the drill-down's refusals: a year
// not loaded or not a year, an access that cannot be audited (no ID shown
// and none logged), publishable mode, too many requests, and every role
// but the analyst's, whose pages then show no link to it, the 903's
// neither.
func TestFrontDoorChildrenRefused(t *testing.T) {
	a := synthetic(t)
	front := frontDoorSet("CHILD-ONE", "CHILD-TWO")
	path := cinChildrenPath("cin_referrals", 2026)
	reason := url.Values{"reason": {"checking referrals"}}
	broken := fakeStore()
	broken.auditErr = errors.New("disk full")
	var logged bytes.Buffer
	brokenServer := newServer(t, a, Options{Store: broken, Front: front})
	brokenServer.Log = slog.New(slog.NewTextHandler(&logged, nil))
	limited := newServer(t, a, Options{Store: fakeStore(), Front: front, Limiter: NewLimiter(1, time.Hour)}).Handler()
	fetch(t, limited, http.MethodPost, path, reason)
	for _, c := range []struct {
		name   string
		h      http.Handler
		method string
		path   string
		want   int
	}{
		{"a year not loaded", newServer(t, a, Options{Store: fakeStore(), Front: front}).Handler(), http.MethodGet, cinChildrenPath("cin_referrals", 2027), http.StatusNotFound},
		{"not a year", newServer(t, a, Options{Store: fakeStore(), Front: front}).Handler(), http.MethodGet, "/front-door/cin_referrals/children?year=soon", http.StatusBadRequest},
		{"no such indicator", newServer(t, a, Options{Store: fakeStore(), Front: front}).Handler(), http.MethodGet, "/front-door/none/children?year=2025/26", http.StatusNotFound},
		{"an audit log that fails", brokenServer.Handler(), http.MethodPost, path, http.StatusInternalServerError},
		{"publishable GET", newServer(t, a, Options{Store: fakeStore(), Front: front, Publishable: true}).Handler(), http.MethodGet, path, http.StatusForbidden},
		{"publishable POST", newServer(t, a, Options{Store: fakeStore(), Front: front, Publishable: true}).Handler(), http.MethodPost, path, http.StatusForbidden},
		{"too many requests", limited, http.MethodPost, path, http.StatusTooManyRequests},
		{"too many children", newServer(t, a, Options{Store: fakeStore(), Front: manyReferred(app.MaxChildrenPerRequest + 1)}).Handler(), http.MethodPost, path, http.StatusBadRequest},
	} {
		code, body := fetch(t, c.h, c.method, c.path, reason)
		if code != c.want || strings.Contains(body, "CHILD-") {
			t.Errorf("%s: %d, want %d\n%.2000s", c.name, code, c.want, body)
		}
	}
	if strings.Contains(logged.String(), "CHILD-") || !strings.Contains(logged.String(), "disk full") {
		t.Errorf("the log of a failed audit: %s", logged.String())
	}

	// By role, signed in: only the analyst is shown the links and served.
	s := newSignInServer(t, Identity{})
	s.h = newServer(t, a, Options{Store: s.store, Front: front, Identity: Identity{Accounts: s.acc}}).Handler()
	for _, c := range []struct {
		role  string
		want  int
		links bool
	}{
		{"analyst", http.StatusOK, true},
		{"manager", http.StatusForbidden, false},
		{"partner", http.StatusForbidden, false},
		{"auditor", http.StatusForbidden, false},
		{"administrator", http.StatusForbidden, false},
	} {
		cookie := s.session(t, c.role)
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			rec := s.do(method, path, cookie, reason)
			if rec.Code != c.want || (c.want != http.StatusOK && strings.Contains(rec.Body.String(), "CHILD-")) {
				t.Errorf("%s %s: %d, want %d", c.role, method, rec.Code, c.want)
			}
		}
		for _, page := range []string{"/front-door/cin_referrals", "/indicators/cla_end", "/"} {
			rec := s.do(http.MethodGet, page, cookie, nil)
			if rec.Code != http.StatusOK {
				continue // a role that may not see the page at all
			}
			if got := strings.Contains(rec.Body.String(), `/children?`); got != c.links {
				t.Errorf("%s on %s: links to children's IDs %v, want %v", c.role, page, got, c.links)
			}
		}
	}
	if rec := s.do(http.MethodGet, path, "", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("signed out: %d, want the sign-in page", rec.Code)
	}
}

// manyReferred is a front door of n children, each referred once in
// 2025/26.
func manyReferred(n int) *frontdoor.Set {
	set := &frontdoor.Set{First: 2026, Last: 2026}
	for i := range n {
		set.Children = append(set.Children, &frontdoor.Child{ID: fmt.Sprintf("CHILD-%05d", i),
			Referrals: []frontdoor.Referral{{Start: calendar.NewDate(2025, 6, 1), Open: true, Year: 2026}}})
	}
	return set
}

// TestFrontDoorChildrenGolden checks the drill-down's form and its list
// of IDs for a small front door against golden files.
func TestFrontDoorChildrenGolden(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore(), Front: frontDoorSet("CHILD-ONE", "CHILD-TWO")}).Handler()
	path := cinChildrenPath("cin_referrals", 2026)
	code, form := fetch(t, h, http.MethodGet, path, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, code)
	}
	golden(t, "frontdoor-children-form.html", mainOf(form))
	code, list := fetch(t, h, http.MethodPost, path, url.Values{"reason": {"checking referrals"}})
	if code != http.StatusOK {
		t.Fatalf("POST %s: %d", path, code)
	}
	golden(t, "frontdoor-children-list.html", mainOf(list))
}
