package web

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/mail"
	"github.com/village-uk/village/internal/mail/smtptest"
	"github.com/village-uk/village/internal/notify"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/store"
)

// walk is a partnership set up to walk decisions through the register:
// an analyst who records them; three leads (the DCS and the Virtual
// School Head for children looked after, the SEND lead, a partner from
// education, for SEND); a chair; each with an email address. The
// register's clock is its own, so that a test moves it past a due date
// without sleeping; the chaser emails through a real SMTP server.
type walk struct {
	*signInServer
	clock  *testClock // the register's and the chaser's
	mail   *smtptest.Server
	chaser *app.Chaser
}

// The walk's leads, by the response each gives.
var walkLeads = []struct {
	name, email string
	role        people.Role
	agency      string
	lead        decisions.Lead
	response    decisions.Response
}{
	{"d.dcs", "d.dcs@council.example", people.Manager, "", decisions.Lead{User: "d.dcs", Agency: "childrens_services",
		Title: "Director of Children's Services", Cohorts: []string{"looked_after", "cp_plan", "child_in_need"}}, decisions.Supports},
	{"v.vsh", "v.vsh@council.example", people.Manager, "", decisions.Lead{User: "v.vsh", Agency: "education",
		Title: "Virtual School Head", Cohorts: []string{"looked_after", "care_leavers"}}, decisions.Concerns},
	{"s.send", "s.send@education.example", people.Partner, "education", decisions.Lead{User: "s.send", Agency: "education",
		Title: "SEND lead", Cohorts: []string{"send"}}, decisions.NeedsDiscussion},
}

const walkChair = "c.chair@partnership.example"

func newWalk(t *testing.T) *walk {
	t.Helper()
	a := synthetic(t)
	ctx := context.Background()
	// The cohorts are counted from the server's journeys, so the store
	// holds the register and the people only: loading the returns into it
	// would cost seconds for nothing.
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acc := &app.Accounts{Directory: st.People(), Audit: st}
	admin := app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}
	users := []people.User{{Name: "analyst", Role: people.Analyst}, {Name: "c.chair", Role: people.Manager, Email: walkChair}}
	for _, l := range walkLeads {
		users = append(users, people.User{Name: l.name, Role: l.role, Agency: l.agency, Email: l.email})
	}
	for _, u := range users {
		if err := acc.AddUser(ctx, admin, app.FromCommandLine, u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	reg := &app.Register{Store: st.Decisions(), Users: st.People()}
	for _, ag := range decisions.DefaultAgencies {
		if err := reg.AddAgency(ctx, admin, app.FromCommandLine, ag); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range walkLeads {
		if err := reg.AddLead(ctx, admin, app.FromCommandLine, l.lead); err != nil {
			t.Fatal(err)
		}
	}
	if err := reg.AddChair(ctx, admin, app.FromCommandLine, "c.chair"); err != nil {
		t.Fatal(err)
	}
	clock := &testClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	srv := newServer(t, a, Options{Store: st, Identity: Identity{Accounts: acc}, Now: clock.now})
	server := smtptest.Start(t, smtptest.Options{})
	sender, err := mail.NewSMTP(mail.Config{Host: server.Host, Port: server.Port, From: "Village <village@council.example>", Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	chaser := &app.Chaser{Store: st.Decisions(), Users: st.People(), Holdings: srv.Holdings, Link: "https://village.council.example",
		Runner: notify.Runner{Sender: sender, Now: clock.now}}
	return &walk{signInServer: &signInServer{h: srv.Handler(), store: st, acc: acc, clock: clock}, clock: clock, mail: server, chaser: chaser}
}

// chase runs the chaser once, as serve does every quarter hour.
func (w *walk) chase(t *testing.T) {
	t.Helper()
	if _, err := w.chaser.Run(context.Background()); err != nil {
		t.Fatalf("chasing: %v", err)
	}
}

// mailed are the messages received, each as "to: subject".
func (w *walk) mailed(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, r := range w.mail.Messages() {
		m, err := r.Message()
		if err != nil {
			t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		out = append(out, strings.Join(r.To, ",")+": "+subject)
	}
	return out
}

// walkBody is a decision affecting children looked after, and children
// with SEND, whose count of 3 the recorder enters: a partner must see
// it as c.
const walkBody = `{"title": "Merge the looked-after health clinics", "agency": "health", "decided": "2026-12-01", "effective": "2027-01-04",
	"summary": "Health assessments move to one clinic.", "cohorts": ["looked_after", "send"], "counts": {"send": 3}}`

// TestNoticesAPIWalk walks a decision through the API under personal
// access tokens: recorded (201 with its counts and the three leads to
// notify), acknowledged by each lead's token, read back with every
// acknowledgement; the partner never sees a count of 1 to 5, and each
// lead's notices leave their list once answered.
func TestNoticesAPIWalk(t *testing.T) {
	w := newWalk(t)
	tokens := map[string]string{}
	for _, name := range []string{"analyst", "d.dcs", "v.vsh", "s.send", "c.chair"} {
		tokens[name], _ = w.token(t, name, time.Hour)
	}
	rec := w.postJSON("/api/decisions", tokens["analyst"], walkBody)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/decisions: %d %s", rec.Code, rec.Body)
	}
	var made decisionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &made); err != nil {
		t.Fatal(err)
	}
	var told []string
	for _, l := range made.ToNotify {
		told = append(told, l.User)
	}
	if got := strings.Join(told, ","); got != "d.dcs,s.send,v.vsh" {
		t.Errorf("to_notify = %s, want the DCS, the SEND lead and the Virtual School Head", got)
	}
	if len(made.Cohorts) != 2 || made.Cohorts[0].Count == nil || *made.Cohorts[0].Count == 0 || made.Cohorts[1].Count == nil || *made.Cohorts[1].Count != 3 {
		t.Fatalf("cohorts = %+v; want looked_after counted and send's 3 as entered, exact for the analyst", made.Cohorts)
	}
	path := "/api/decisions/" + strconv.FormatInt(made.ID, 10)

	for _, l := range walkLeads {
		var mine struct {
			Waiting []waitingJSON `json:"waiting"`
		}
		getTokenJSON(t, w.signInServer, "/api/notices", tokens[l.name], &mine)
		if len(mine.Waiting) != 1 || mine.Waiting[0].Decision != made.ID {
			t.Errorf("%s's notices before answering: %+v", l.name, mine.Waiting)
		}
		body := `{"response": "` + string(l.response) + `", "comment": "From ` + l.name + `."}`
		if rec := w.postJSON(path+"/acknowledgements", tokens[l.name], body); rec.Code != http.StatusCreated {
			t.Fatalf("%s acknowledging: %d %s", l.name, rec.Code, rec.Body)
		}
		getTokenJSON(t, w.signInServer, "/api/notices", tokens[l.name], &mine)
		if len(mine.Waiting) != 0 {
			t.Errorf("%s's notices after answering: %+v", l.name, mine.Waiting)
		}
	}
	var seen decisionJSON
	getTokenJSON(t, w.signInServer, path, tokens["analyst"], &seen)
	if seen.Acknowledged != 3 || seen.Notices != 3 || len(seen.Acknowledgements) != 3 {
		t.Errorf("after every lead: %d of %d acknowledged, %d acknowledgements", seen.Acknowledged, seen.Notices, len(seen.Acknowledgements))
	}
	for i, l := range walkLeads {
		if i < len(seen.Acknowledgements) && (seen.Acknowledgements[i].Lead != l.name || seen.Acknowledgements[i].Response != string(l.response)) {
			t.Errorf("acknowledgement %d: %+v, want %s: %s", i, seen.Acknowledgements[i], l.name, l.response)
		}
	}

	var partner decisionJSON
	getTokenJSON(t, w.signInServer, path, tokens["s.send"], &partner)
	assertPublishable(t, partner)
	if c := partner.Cohorts[1]; c.ID != "send" || c.Count != nil || c.CountText != "c" {
		t.Errorf("the partner sees the SEND count of 3 as %+v; want null and c", c)
	}
	if b := w.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+tokens["s.send"]).Body.String(); regexp.MustCompile(`"count": [1-5]\b`).MatchString(b) {
		t.Errorf("the partner's JSON holds a count of 1 to 5:\n%s", b)
	}
	var chair struct {
		Chair     bool          `json:"chair"`
		Escalated []waitingJSON `json:"escalated"`
	}
	getTokenJSON(t, w.signInServer, "/api/notices", tokens["c.chair"], &chair)
	if !chair.Chair || len(chair.Escalated) != 0 {
		t.Errorf("the chair's notices with every lead answered: %+v", chair)
	}
}

// getJSON reads path under the token into v, failing on any status but
// 200.
func getTokenJSON(t *testing.T, s *signInServer, path, token string, v any) {
	t.Helper()
	rec := s.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+token)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// TestNoticesEscalate records a decision whose lead stays silent: the
// chaser emails the notice; with the register's clock past the due date
// it escalates to the chair, once, and the chair sees it on /decisions.
func TestNoticesEscalate(t *testing.T) {
	w := newWalk(t)
	token, _ := w.token(t, "analyst", time.Hour)
	body := strings.Replace(strings.Replace(walkBody, `"looked_after", `, "", 1), "Merge the looked-after health clinics", "Close the SEND hub", 1)
	if rec := w.postJSON("/api/decisions", token, body); rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/decisions: %d %s", rec.Code, rec.Body)
	}
	w.chase(t)
	w.clock.advance(15 * 24 * time.Hour)
	w.chase(t)
	w.chase(t)
	want := []string{"s.send@education.example: Decision to note: Close the SEND hub", walkChair + ": Not acknowledged: Close the SEND hub"}
	if got := w.mailed(t); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("mailed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page := w.do(http.MethodGet, "/decisions", w.session(t, "c.chair"), nil).Body.String()
	if !strings.Contains(page, `id="escalations-list"`) || !strings.Contains(page, "s.send has not responded") {
		t.Errorf("the chair's register does not show the escalation")
	}
	lead := w.do(http.MethodGet, "/decisions", w.session(t, "s.send"), nil).Body.String()
	if !strings.Contains(lead, "Close the SEND hub") || !strings.Contains(lead, "Overdue") || !strings.Contains(lead, `id="waiting-count"`) {
		t.Errorf("the lead's register does not show the overdue notice and its count")
	}
	if strings.Contains(lead, `id="escalations"`) {
		t.Error("a lead who is no chair is shown the escalations")
	}
}
