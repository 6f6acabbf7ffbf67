package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/village-uk/village/internal/app"
)

// TestDecisionExports records a decision whose send cohort counts 3 and
// has its lead acknowledge it, then exports the register and its yearly
// report as each role: a partner's files say c where an analyst's say 3,
// the filters narrow the export, the auditor is refused, a period that
// is not one is refused, and every export is in the audit log.
func TestDecisionExports(t *testing.T) {
	s := newRegisterServer(t)
	tokens := map[string]string{}
	for _, role := range []string{"analyst", "manager", "partner", "auditor"} {
		tokens[role], _ = s.token(t, role, time.Hour)
	}
	if rec := s.postJSON("/api/decisions", tokens["analyst"], decisionBody); rec.Code != http.StatusCreated {
		t.Fatalf("POST /api/decisions: %d %s", rec.Code, rec.Body)
	}
	if rec := s.postJSON("/api/decisions/1/acknowledgements", tokens["partner"], `{"response": "concerns", "comment": "@once: out of area"}`); rec.Code != http.StatusCreated {
		t.Fatalf("acknowledging: %d %s", rec.Code, rec.Body)
	}
	get := func(role, path string) *bytes.Buffer {
		t.Helper()
		rec := s.do(http.MethodGet, path, "", nil, "Authorization", "Bearer "+tokens[role])
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s as %s: %d %s", path, role, rec.Code, rec.Body)
		}
		return rec.Body
	}
	tests := []struct {
		role, path string
		has, not   []string
	}{
		{"partner", "/decisions.csv", []string{"ID,Title,Deciding agency", "Fewer CAMHS slots,health,2026-11-02", "send c (entered)", "Cohort counts (publishable)"}, []string{"send 3"}},
		{"analyst", "/decisions.csv", []string{"send 3 (entered)", "Cohort counts (exact)", ",1,1,0,0,1,0\n"}, []string{"send c"}},
		{"manager", "/decisions.csv?agency=police", []string{"ID,Title"}, []string{"CAMHS"}},
		{"manager", "/decisions.csv?cohort=looked_after&unacknowledged=1", []string{"ID,Title"}, []string{"CAMHS"}},
		{"manager", "/decisions/acknowledgements.csv?cohort=send", []string{"1,Fewer CAMHS slots,partner,police,Has concerns,'@once: out of area,"}, nil},
		{"partner", "/api/decisions/report?year=2026/27", []string{`"decided": 1`, `"mode": "publishable"`, `"escalations": 0`, `"escalations_text": "0"`, `"count_text": "c"`}, []string{`"count": 3`}},
		{"analyst", "/api/decisions/report?from=2026-11-01&to=2026-11-30", []string{`"decided": 1`, `"count": 3`, `"comment": "@once: out of area"`}, nil},
		{"manager", "/api/decisions/report?year=2025/26", []string{`"decided": 0`}, nil},
		{"manager", "/decisions/report?year=2026/27", []string{"Decisions affecting shared cohorts", `id="report-concerns"`, "Fewer CAMHS slots", "Escalations to the partnership"}, nil},
		{"manager", "/decisions/report.csv?year=2026/27", []string{"table,row,column,value\n", "Summary,2,Value,1\n"}, nil},
		{"manager", "/decisions?agency=health", []string{`href="/decisions.xlsx?agency=health&amp;cohort=&amp;status="`, `href="/decisions/report"`}, nil},
	}
	for _, tt := range tests {
		body := get(tt.role, tt.path).String()
		for _, want := range tt.has {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s as %s lacks %q:\n%s", tt.path, tt.role, want, body)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(body, not) {
				t.Errorf("GET %s as %s holds %q", tt.path, tt.role, not)
			}
		}
	}
	for _, path := range []string{"/decisions.xlsx?status=decided", "/decisions/report.xlsx?year=2026/27"} {
		f, err := excelize.OpenReader(get("partner", path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		if len(rows) < 2 || strings.Contains(strings.Join(rows[1], " "), "send 3") {
			t.Errorf("%s as the partner: %q", path, rows)
		}
		f.Close()
	}
	refusals := []struct {
		role, path string
		want       int
	}{
		{"auditor", "/decisions.csv", http.StatusForbidden},
		{"auditor", "/decisions/report", http.StatusForbidden},
		{"auditor", "/api/decisions/report", http.StatusForbidden},
		{"manager", "/decisions.csv?status=maybe", http.StatusBadRequest},
		{"manager", "/api/decisions/report?year=twenty", http.StatusBadRequest},
		{"manager", "/decisions/report.xlsx?from=2026-12-01&to=2026-01-01", http.StatusBadRequest},
		{"manager", "/decisions/report?year=twenty", http.StatusBadRequest}, // the page, with the default year and the problem
	}
	for _, tt := range refusals {
		if rec := s.do(http.MethodGet, tt.path, "", nil, "Authorization", "Bearer "+tokens[tt.role]); rec.Code != tt.want {
			t.Errorf("GET %s as %s: %d, want %d", tt.path, tt.role, rec.Code, tt.want)
		}
	}
	log, err := s.store.AuditLog(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var exports []string
	for _, a := range log {
		if strings.HasPrefix(a.Action, "export decision register") && a.Subject == "" {
			exports = append(exports, a.Who+": "+a.Action)
		}
	}
	if want := "manager: export decision register (agency=police)"; !strings.Contains(strings.Join(exports, "\n"), want) {
		t.Errorf("audited exports:\n%s\nwant %q", strings.Join(exports, "\n"), want)
	}
	var rep app.ReportJSON
	if err := json.Unmarshal(get("manager", "/api/decisions/report?year=2026/27").Bytes(), &rep); err != nil || rep.Notices.Sent != 1 || rep.Notices.OnTime != 1 {
		t.Errorf("report = %+v, %v; want the one notice acknowledged on time", rep.Notices, err)
	}
}
