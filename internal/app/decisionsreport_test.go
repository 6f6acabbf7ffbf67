package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/decisions"
	"github.com/village-uk/village/internal/store"
)

// reportRegister is a register of four decisions whose notices and
// acknowledgements were made on days chosen so that the yearly report can
// be checked by hand (see TestYearReport).
func reportRegister(t *testing.T) (*Register, *store.Store) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var now time.Time
	// at sets the clock to noon UTC: the same day wherever the tests run.
	at := func(y, m, d int) { now = time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }
	r := &Register{Store: s.Decisions(), Now: func() time.Time { return now }}
	root := Actor{Name: "it.admin", IdentifiedBy: ByFlag, Role: "administrator"}
	for _, a := range decisions.DefaultAgencies {
		if err := r.AddAgency(ctx, root, FromCommandLine, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []decisions.Lead{
		{User: "a.dcs", Agency: "childrens_services", Cohorts: []string{"looked_after", "care_leavers"}},
		{User: "b.vsh", Agency: "education", Cohorts: []string{"looked_after"}},
		{User: "c.nurse", Agency: "health", Cohorts: []string{"looked_after", "cp_plan"}},
		{User: "d.send", Agency: "education", Cohorts: []string{"send"}},
	} {
		if err := r.AddLead(ctx, root, FromCommandLine, l); err != nil {
			t.Fatal(err)
		}
	}
	analyst := Actor{Name: "r.analyst", Role: "analyst"}
	record := func(title, agency string, decided calendar.Date, cohorts []string, entered map[string]int) int64 {
		t.Helper()
		cs, err := decisions.ParseCohorts(cohorts)
		if err != nil {
			t.Fatal(err)
		}
		d := decisions.Decision{Title: title, Agency: agency, Decided: decided, Effective: decided, Cohorts: cs, Entered: entered}
		rec, err := r.Record(ctx, analyst, "", d, Holdings{})
		if err != nil {
			t.Fatal(err)
		}
		return rec.Decision.ID
	}
	ack := func(lead string, id int64, resp decisions.Response, comment string) {
		t.Helper()
		if err := r.Acknowledge(ctx, Actor{Name: lead, Role: "partner"}, "", id, resp, comment); err != nil {
			t.Fatal(err)
		}
	}
	// D4: recorded Tuesday 1 April 2025, due 15 April; acknowledged on
	// 22 April, after Easter: late, 13 working days.
	at(2025, 4, 1)
	d4 := record("Care leavers' housing panel", "childrens_services", calendar.NewDate(2025, 4, 1), []string{"care_leavers"}, nil)
	at(2025, 4, 22)
	ack("a.dcs", d4, decisions.Supports, "")
	// D1: recorded Monday 2 June 2025, due Monday 16 June.
	at(2025, 6, 2)
	d1 := record("Fewer CAMHS slots", "health", calendar.NewDate(2025, 5, 1), []string{"looked_after"}, nil)
	at(2025, 6, 4) // 2 working days, on time
	ack("b.vsh", d1, decisions.Concerns, "=PEPs will slip")
	at(2025, 6, 16) // 10 working days, on the due date: on time
	ack("a.dcs", d1, decisions.Supports, "")
	at(2025, 6, 18) // 12 working days: late
	ack("c.nurse", d1, decisions.NeedsDiscussion, "")
	// D2: recorded Wednesday 10 September 2025, due 24 September.
	at(2025, 9, 10)
	d2 := record("School transport review", "police", calendar.NewDate(2025, 9, 10), []string{"cp_plan", "send"}, map[string]int{"send": 3})
	at(2025, 9, 11) // 1 working day, on time; then changed to concerns
	ack("d.send", d2, decisions.Supports, "")
	at(2025, 9, 12)
	ack("d.send", d2, decisions.Concerns, "school places")
	// D3: decided after the year.
	at(2026, 4, 10)
	record("Respite beds", "health", calendar.NewDate(2026, 4, 10), []string{"looked_after"}, nil)
	at(2026, 4, 15) // D3's notices are due on 24 April
	return r, s
}

// TestYearReport checks the yearly report's counts against those worked
// out by hand from reportRegister's dates.
func TestYearReport(t *testing.T) {
	r, s := reportRegister(t)
	ctx := context.Background()
	tests := []struct {
		name, year, from, to string
		decided              int
		agencies             map[string]int // non-zero counts only
		cohorts              map[string]int
		sent, onTime, late   int
		never, notYetDue     int
		noMedian             bool
		median               float64
		responses            map[string]string // agency: responses in words
		awaiting, concerned  []string
	}{
		{name: "financial year", year: "2025/26", decided: 3,
			agencies: map[string]int{"childrens_services": 1, "health": 1, "police": 1},
			cohorts:  map[string]int{"looked_after": 1, "care_leavers": 1, "cp_plan": 1, "send": 1},
			sent:     6, onTime: 3, late: 2, never: 1,
			median:    10, // 1, 2, 10, 12, 13
			responses: map[string]string{"childrens_services": "supports 2", "education": "concerns 2", "health": "needs_discussion 1"},
			awaiting:  []string{"School transport review"}, concerned: []string{"Fewer CAMHS slots", "School transport review"}},
		{name: "from and to", from: "2025-05-01", to: "01/10/2025", decided: 2,
			agencies: map[string]int{"health": 1, "police": 1},
			cohorts:  map[string]int{"looked_after": 1, "cp_plan": 1, "send": 1},
			sent:     5, onTime: 3, late: 1, never: 1,
			median:    6, // 1, 2, 10, 12: the mean of the middle two
			responses: map[string]string{"childrens_services": "supports 1", "education": "concerns 2", "health": "needs_discussion 1"},
			awaiting:  []string{"School transport review"}, concerned: []string{"Fewer CAMHS slots", "School transport review"}},
		{name: "notices not yet due", year: "2026/27", decided: 1,
			agencies: map[string]int{"health": 1}, cohorts: map[string]int{"looked_after": 1},
			sent: 3, never: 3, notYetDue: 3, noMedian: true,
			awaiting: []string{"Respite beds"}},
		{name: "a year with none", year: "2023/24", noMedian: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseReportPeriod(tt.year, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := r.Report(ctx, Actor{Name: "m", Role: "manager"}, "", p, Holdings{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Decided != tt.decided || rep.Sent != tt.sent || rep.OnTime != tt.onTime || rep.Late != tt.late || rep.Never != tt.never {
				t.Errorf("decided %d, notices %d: on time %d, late %d, never %d; want %d, %d: %d, %d, %d",
					rep.Decided, rep.Sent, rep.OnTime, rep.Late, rep.Never, tt.decided, tt.sent, tt.onTime, tt.late, tt.never)
			}
			if rep.NotYetDue != tt.notYetDue {
				t.Errorf("not yet due = %d, want %d", rep.NotYetDue, tt.notYetDue)
			}
			if rep.HasMedian == tt.noMedian || rep.MedianDays != tt.median {
				t.Errorf("median = %v (%v), want %v", rep.MedianDays, rep.HasMedian, tt.median)
			}
			for _, c := range rep.ByAgency {
				if c.N != tt.agencies[c.ID] {
					t.Errorf("agency %s: %d decisions, want %d", c.ID, c.N, tt.agencies[c.ID])
				}
			}
			for _, c := range rep.ByCohort {
				if c.N != tt.cohorts[c.ID] {
					t.Errorf("cohort %s: %d decisions, want %d", c.ID, c.N, tt.cohorts[c.ID])
				}
			}
			for _, ar := range rep.Responses {
				var words []string
				for _, resp := range decisions.Responses {
					if n := ar.Responses[resp]; n > 0 {
						words = append(words, string(resp)+" "+itoa(n))
					}
				}
				if got := strings.Join(words, ", "); got != tt.responses[ar.Agency] {
					t.Errorf("responses of %s = %q, want %q", ar.Agency, got, tt.responses[ar.Agency])
				}
			}
			if got := titles(rep.Awaiting); got != strings.Join(tt.awaiting, "; ") {
				t.Errorf("awaiting = %q, want %q", got, tt.awaiting)
			}
			if got := titles(rep.Concerned); got != strings.Join(tt.concerned, "; ") {
				t.Errorf("concerned = %q, want %q", got, tt.concerned)
			}
			if rep.Escalations == nil || *rep.Escalations != 0 {
				t.Errorf("escalations = %v; the store records them and none was sent, so want 0", rep.Escalations)
			}
		})
	}
	if log := auditActions(t, s); !strings.Contains(log[len(log)-1], "m: view decision register's yearly report (2023/24)") {
		t.Errorf("the last audit entry is %q, want the report's view", log[len(log)-1])
	}
}

func titles(ds []ReportDecision) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Decision.Title)
	}
	return strings.Join(out, "; ")
}

// TestReportPeriod reads the report's periods and refuses what is not one.
func TestReportPeriod(t *testing.T) {
	tests := []struct {
		year, from, to string
		want           string // the period's label, or the error's start
	}{
		{"2025/26", "", "", "2025/26"},
		{"", "2025-04-01", "2025-06-30", "01/04/2025 to 30/06/2025"},
		{"2025/26", "2025-04-01", "2025-06-30", "year \"2025/26\" with from and to"},
		{"", "2025-06-30", "2025-04-01", "from \"2025-06-30\" to \"2025-04-01\""},
		{"", "2025-04-01", "", "from \"2025-04-01\" to \"\""},
		{"twenty", "", "", "reporting year"},
	}
	for _, tt := range tests {
		p, err := ParseReportPeriod(tt.year, tt.from, tt.to)
		got := p.Label
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("ParseReportPeriod(%q, %q, %q) = %q, want %q", tt.year, tt.from, tt.to, got, tt.want)
		}
	}
	if got := DefaultReportYear(calendar.NewDate(2026, 12, 6)); got != "2025/26" {
		t.Errorf("default year on 6 December 2026 = %s, want 2025/26", got)
	}
	if got := DefaultReportYear(calendar.NewDate(2026, 3, 31)); got != "2025/26" {
		t.Errorf("default year on 31 March 2026 = %s, want 2025/26", got)
	}
}

// TestExport exports the register as a partner and an analyst: the
// filter keeps its decisions, each decision's notices and responses are
// tallied, an entered count of 3 is c for the partner, and the export is
// audited with its filter.
func TestExport(t *testing.T) {
	r, s := reportRegister(t)
	ctx := context.Background()
	partner := Actor{Name: "p.police", Role: "partner", Agency: "police"}
	ex, err := r.Export(ctx, partner, "127.0.0.1", Filter{Agency: "police"}, Holdings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Rows) != 1 || len(ex.Acks) != 2 {
		t.Fatalf("police's decisions: %d rows and %d acknowledgements, want 1 and 2", len(ex.Rows), len(ex.Acks))
	}
	row := ex.Rows[0]
	if row.Sent != 2 || row.Acknowledged != 1 || row.Overdue != 1 || row.Responses[decisions.Concerns] != 1 || row.Responses[decisions.Supports] != 0 {
		t.Errorf("tally = %+v, want 2 sent, 1 acknowledged, 1 overdue, 1 concern (the latest response)", row.Tally)
	}
	if send := row.Impacts[1]; send.Count.Text() != "c" {
		t.Errorf("a partner's count of send = %s, want c", send.Count.Text())
	}
	if ex.Acks[1].Agency != "education" || ex.Acks[1].Title != "School transport review" {
		t.Errorf("acknowledgement = %+v", ex.Acks[1])
	}
	ex, err = r.Export(ctx, Actor{Name: "r.analyst", Role: "analyst"}, "", Filter{Unacknowledged: true, Cohort: "send"}, Holdings{})
	if err != nil || len(ex.Rows) != 1 || ex.Rows[0].Impacts[1].Count.Text() != "3" {
		t.Errorf("an analyst's export = %+v, %v; want the one decision with send counted 3", ex.Rows, err)
	}
	if _, err := r.Export(ctx, Actor{Name: "aud", Role: "auditor"}, "", Filter{}, Holdings{}); err == nil {
		t.Error("an auditor exported the register")
	}
	log := auditActions(t, s)
	want := []string{"p.police: export decision register (agency=police)", "r.analyst: export decision register (cohort=send, unacknowledged)"}
	if got := log[len(log)-2:]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("audit = %q, want %q", got, want)
	}
}
