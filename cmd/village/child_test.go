package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	"github.com/village-uk/village/returns/ssda903"
)

// frontDoorStore makes a store holding two years of the 903 and of the CIN
// census, made by hand: C1 referred, enquired into, put on a plan and then
// looked after; C2 referred only; C3 looked after only.
func frontDoorStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "village.db")
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var care []*ssda903.Return
	for _, y := range []calendar.Year{2025, 2026} {
		r := ssda903.NewReturn(y, "E06000999")
		h := r.Ensure(ssda903.Header)
		h.Add("C1", "2", "01/01/2014", "WBRI", "", "", "")
		h.Add("C3", "1", "05/05/2010", "WBRI", "", "", "")
		e := r.Ensure(ssda903.Episodes)
		e.Add("C1", "20/01/2025", "S", "C2", "N1", "U1", "PR1", "", "", "", "AB1 2CD", "AB1 3CD", "")
		e.Add("C3", "01/03/2023", "S", "C2", "N1", "U1", "PR1", "", "", "", "AB1 2CD", "AB1 3CD", "")
		care = append(care, r)
	}
	if _, err := s.Load(ctx, care, store.LoadSource{LA: "E06000999"}); err != nil {
		t.Fatal(err)
	}
	census := func(y calendar.Year, tables map[returns.TableName][][]string) *returns.Return {
		r := returns.NewReturn(cin.Collection, y, "E06000999")
		for name, rows := range tables {
			for _, values := range rows {
				r.Ensure(name).Add(values...)
			}
		}
		return r
	}
	first := census(2025, map[returns.TableName][][]string{
		cin.ChildIdentifiers:      {{"C1", "", "", "", "2014-01-01", "", "2"}, {"C2", "", "", "", "2016-07-07", "", "1"}},
		cin.CINdetails:            {{"C1", "1", "2024-03-20", "1A", "N1", "2024-06-01", "RC1", "", "0"}, {"C1", "2", "2024-10-01", "5B", "N2", "", "", "2024-10-18", "0"}, {"C2", "1", "2024-11-11", "3A", "N4", "2024-11-12", "RC8", "", "1"}},
		cin.Assessments:           {{"C1", "1", "1", "2024-03-21", "", "2024-05-01"}, {"C1", "2", "1", "2024-10-02", "", "2024-11-13"}},
		cin.AssessmentFactorsList: {{"C1", "2", "1", "2A"}, {"C1", "2", "1", "3B"}},
		cin.CINplanDates:          {{"C1", "1", "2024-05-02", "2024-06-01"}},
		cin.Section47:             {{"C1", "2", "2024-10-03", "2024-10-24", "2024-10-18", ""}},
		cin.ChildProtectionPlans:  {{"C1", "2", "1", "2024-10-18", "", "PHY", "PHY", "0"}},
		cin.Reviews:               {{"C1", "2", "1", "2025-01-10"}},
	})
	second := census(2026, map[returns.TableName][][]string{
		cin.ChildIdentifiers:      {{"C1", "", "", "", "2014-01-01", "", "", "F"}},
		cin.CINdetails:            {{"C1", "1", "2024-10-01", "5B", "N2", "", "", "2024-10-18", "0"}},
		cin.Assessments:           {{"C1", "1", "1", "2024-10-02", "", "2024-11-13"}},
		cin.AssessmentFactorsList: {{"C1", "1", "1", "2A"}, {"C1", "1", "1", "3B"}},
		cin.Section47:             {{"C1", "1", "2024-10-03", "2024-10-24", "2024-10-18", ""}},
		cin.ChildProtectionPlans:  {{"C1", "1", "1", "2024-10-18", "2025-01-20", "PHY", "NEG", "0"}},
		cin.Reviews:               {{"C1", "1", "1", "2025-01-10"}},
	})
	if _, err := s.CIN().Load(ctx, []*returns.Return{first, second}, store.LoadSource{LA: "E06000999"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestChildFrontDoor prints children's front doors beside their care, and
// checks that every view is audited.
func TestChildFrontDoor(t *testing.T) {
	db := frontDoorStore(t)
	for _, id := range []string{"C1", "C2", "C3"} {
		code, out, errOut := run(t, "child", "--db", db, "--reason", "testing the front door", id)
		if code != exitOK {
			t.Fatalf("child %s: exit %d\n%s%s", id, code, out, errOut)
		}
		golden(t, "child-front-door-"+strings.ToLower(id)+".golden", out)
	}
	if code, _, errOut := run(t, "child", "--db", db, "--reason", "testing", "C9"); code == exitOK || strings.Contains(errOut, "C9") {
		t.Errorf("child C9: exit %d, %q; want a failure that does not repeat the ID", code, errOut)
	}
	log := storedAuditLog(t, db)
	var subjects []string
	for _, a := range log {
		subjects = append(subjects, a.Subject)
	}
	if strings.Join(subjects, " ") != "C1 C2 C3 C9" {
		t.Errorf("audited views of %q; want C1 C2 C3 C9", subjects)
	}
}

// TestChildFromStdin takes the reason and the child's ID from standard
// input or a prompt rather than the command line, which shell history and
// ps keep, and warns when they are given on the command line.
func TestChildFromStdin(t *testing.T) {
	db := frontDoorStore(t)
	const warning = "kept in your shell's history"
	tests := []struct {
		name     string
		args     []string
		stdin    string
		terminal bool
		wantCode int
		wantErr  string // in standard error
		noErr    string // not in standard error
	}{
		{"--reason-stdin, reason then ID", []string{"--reason-stdin"}, "checking a referral\nC1\n", false, exitOK, "", warning},
		{"--reason-stdin with the ID given", []string{"--reason-stdin", "C2"}, "checking a referral\n", false, exitOK, warning, ""},
		{"asked at a terminal", nil, "checking a referral\nC3\n", true, exitOK, "Child's ID: ", warning},
		{"on the command line", []string{"--reason", "checking a referral", "C1"}, "", false, exitOK, warning, ""},
		{"no reason on standard input", []string{"--reason-stdin"}, "", false, exitUnusable, "--reason is required", ""},
		{"no ID anywhere", []string{"--reason-stdin"}, "checking a referral\n", false, exitUnusable, "no child ID given", ""},
		{"both ways of giving the reason", []string{"--reason", "x", "--reason-stdin", "C1"}, "y\n", false, exitUnusable, "not both", ""},
		{"a reason too long to keep", []string{"--reason-stdin", "C1"}, strings.Repeat("x", store.MaxReasonLength+1) + "\n", false, exitUnusable, "the reason is too long", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut strings.Builder
			e := &env{stdin: strings.NewReader(tt.stdin), stdinTerminal: tt.terminal, stdout: &out, stderr: &errOut}
			code := runEnv(context.Background(), append([]string{"child", "--db", db}, tt.args...), e)
			if code != tt.wantCode || !strings.Contains(errOut.String(), tt.wantErr) ||
				tt.noErr != "" && strings.Contains(errOut.String(), tt.noErr) {
				t.Errorf("exit %d, errors %q; want exit %d, saying %q and not %q", code, errOut.String(), tt.wantCode, tt.wantErr, tt.noErr)
			}
		})
	}
	log := storedAuditLog(t, db)
	if len(log) != 4 || log[0].Subject != "C1" || log[0].Reason != "checking a referral" || log[2].Subject != "C3" {
		t.Errorf("audit log %+v; want the four views, with their reasons", log)
	}
}

// storedAuditLog returns the audit log of the store at db.
func storedAuditLog(t *testing.T, db string) []store.Access {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return log
}
