package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns"
	"github.com/village-uk/village/returns/cin"
	cinrules "github.com/village-uk/village/returns/cin/rules"
	"github.com/village-uk/village/returns/ssda903/rules"
)

var updateValidation = flag.Bool("update-validation", false, "rewrite the validation pages' golden files")

// cinCensusYears are the CIN census years cinValidatedStore stores: 2023/24
// loaded without validation, 2024/25 validated and clean, and 2025/26
// with the failures of cinStoredFailures.
var cinCensusYears = []calendar.Year{2024, 2025, 2026}

// cinStoredFailures are 2025/26's failures: two of error 1520 on two
// children, with their file and line; error 8500 on a row without a
// child; and query 8670Q with no line.
var cinStoredFailures = []store.Failure{
	{Rule: "1520", Origin: "DfE", Table: cin.ChildIdentifiers, Row: 1, File: "cin-census.xml", Line: 12, Child: "CIN0001",
		Fields: map[string]string{"UPN": "A123456789012"}, Explanation: "UPN A123456789012 is the UPN of 2 children"},
	{Rule: "1520", Origin: "DfE", Table: cin.ChildIdentifiers, Row: 2, File: "cin-census.xml", Line: 26, Child: "CIN0002",
		Fields: map[string]string{"UPN": "A123456789012"}, Explanation: "UPN A123456789012 is the UPN of 2 children"},
	{Rule: "8500", Origin: "DfE", Table: cin.ChildIdentifiers, Row: 3, File: "cin-census.xml", Line: 40,
		Fields: map[string]string{"LAchildID": ""}, Explanation: "LAchildID is blank"},
	{Rule: "8670Q", Origin: "DfE", Table: cin.Assessments, Row: 1, Child: "CIN0001",
		Fields: map[string]string{"AssessmentActualStartDate": "2025-06-02"}, Explanation: "the assessment started on 2 June 2025 and has no end date"},
}

// cinValidatedStore is validatedStore's store with CIN censuses beside
// the 903 years (cinCensusYears), each of two children.
func cinValidatedStore(t *testing.T, a authority) *store.Store {
	t.Helper()
	s, _ := validatedStore(t, a)
	ctx := context.Background()
	var censuses []*returns.Return
	for _, y := range cinCensusYears {
		r := returns.NewReturn(cin.Collection, y, "")
		ids := r.Ensure(cin.ChildIdentifiers)
		for _, id := range []string{"CIN0001", "CIN0002"} {
			ids.Rows = append(ids.Rows, returns.Row{Values: []string{id, "A123456789012", "", "", "2015-05-01", "", "", "F", ""}})
		}
		censuses = append(censuses, r)
	}
	if _, err := s.CIN().Load(ctx, censuses[:1], store.LoadSource{}); err != nil {
		t.Fatal(err)
	}
	src := store.LoadSource{
		Failures: map[calendar.Year][]store.Failure{2025: nil, 2026: cinStoredFailures},
		Skipped:  map[calendar.Year][]store.Skipped{2026: {{Rule: "2886Q", Reason: "needs last year's return"}}},
	}
	if _, err := s.CIN().Load(ctx, censuses[1:], src); err != nil {
		t.Fatal(err)
	}
	return s
}

// loadedAt matches when a year was loaded, on the page and in the API,
// which golden files cannot hold.
var loadedAt = regexp.MustCompile(`(Loaded</dt><dd class="govuk-summary-list__value">)[^<]*`)

// checkGolden compares got with the golden file testdata/name, or
// rewrites it with -update-validation.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *updateValidation {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update-validation to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the handler gives (go test -update-validation rewrites it); got:\n%s", file, got)
	}
}

// mainContent is a page's main element, without the layout around it,
// which other pages' changes may change.
func mainContent(t *testing.T, body string) string {
	t.Helper()
	start, end := strings.Index(body, `<main `), strings.Index(body, `</main>`)
	if start < 0 || end < start {
		t.Fatalf("the page has no main element:\n%s", body)
	}
	return body[start : end+len("</main>")]
}

// TestCINValidationPage checks that /validation shows each CIN census
// year after the 903's, its errors and queries told apart, each rule
// linking to its failures, a year never validated said to be so.
func TestCINValidationPage(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: cinValidatedStore(t, a)}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/validation", nil)
	if code != http.StatusOK {
		t.Fatalf("/validation: %d", code)
	}
	checkAccessible(t, "/validation", body)
	ssda903, census := strings.Index(body, `id="year-2025/26"`), strings.Index(body, `id="cin-year-2025/26"`)
	if ssda903 < 0 || census < ssda903 {
		t.Errorf("/validation: the 903's 2025/26 at %d, the CIN census's at %d; want both, the 903's first", ssda903, census)
	}
	for _, want := range []string{
		`<a class="govuk-link" href="` + html.EscapeString(cinValidation.failuresHref("1520", 2026)) + `">Rows and children`,
		`<a class="govuk-link" href="` + html.EscapeString(ruleHref("8670Q", 2026)) + `">8670Q</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/validation lacks %s", want)
		}
	}
	section := body[strings.Index(body, `<p class="govuk-body" id="cin">`):]
	section = section[:strings.Index(section, "</main>")]
	checkGolden(t, "validation-cin.html", []byte(loadedAt.ReplaceAllString(section, "${1}(when loaded)")))

	// In publishable mode no rule links to its rows.
	pub := newServer(t, a, Options{Store: cinValidatedStore(t, a), Publishable: true}).Handler()
	if _, body := fetch(t, pub, http.MethodGet, "/validation", nil); strings.Contains(body, "/validation/failures/") {
		t.Error("/validation in publishable mode links to failing rows")
	}
}

// TestCINValidationAPI checks that /api/validation gives the CIN census's
// years as cin_years, errors and queries counted apart, and the 903's
// years as before.
func TestCINValidationAPI(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: cinValidatedStore(t, a)}).Handler()
	_, body := fetch(t, h, http.MethodGet, "/api/validation", nil)
	var api struct {
		Years []struct {
			Year    string `json:"year"`
			Queries *int   `json:"queries"`
		} `json:"years"`
		CINYears []map[string]any `json:"cin_years"`
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	for _, y := range api.Years {
		if y.Queries != nil {
			t.Errorf("the 903's %s has queries: %d", y.Year, *y.Queries)
		}
	}
	if len(api.Years) != len(a.res.Returns) {
		t.Errorf("%d 903 years; want %d", len(api.Years), len(a.res.Returns))
	}
	for _, y := range api.CINYears {
		if _, ok := y["loaded_at"]; ok {
			y["loaded_at"] = "(when loaded)"
		}
	}
	got, err := json.MarshalIndent(api.CINYears, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "validation-cin.json", append(got, '\n'))
}

// TestCINFailuresPage checks the CIN census's failures page does as the
// 903's: counts without IDs until a reason is given, then each row with
// its child, table, row and explanation, every child's view recorded in
// the audit log; refused in publishable mode and to no one.
func TestCINFailuresPage(t *testing.T) {
	a := synthetic(t)
	st := cinValidatedStore(t, a)
	h := newServer(t, a, Options{Store: st}).Handler()
	path := cinValidation.failuresHref("1520", 2026)
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != http.StatusOK || strings.Contains(body, "CIN0001") || !strings.Contains(body, "Rule 1520 failed 2 rows in CIN census 2025/26, on 2 children.") {
		t.Errorf("GET %s: %d\n%s", path, code, body)
	}
	checkAccessible(t, path, body)
	if code, _ := fetch(t, h, http.MethodPost, path, url.Values{"reason": {"  "}}); code != http.StatusBadRequest {
		t.Errorf("POST without a reason: %d, want 400", code)
	}
	if log, _ := st.AuditLog(context.Background()); len(log) != 0 {
		t.Errorf("the audit log before a reason is given: %+v", log)
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"correcting the census before it is submitted"}})
	if code != http.StatusOK {
		t.Fatalf("POST %s: %d\n%s", path, code, body)
	}
	checkAccessible(t, path, body)
	checkGolden(t, "validation-cin-failures.html", []byte(mainContent(t, body)+"\n"))
	log, err := st.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, e := range log {
		subjects = append(subjects, e.Subject)
		if e.Action != "view failures of rule 1520 CIN census 2025/26" || e.Who != "analyst" || e.Reason != "correcting the census before it is submitted" {
			t.Errorf("audit entry %+v", e)
		}
	}
	if !slices.Equal(subjects, []string{"CIN0001", "CIN0002"}) {
		t.Errorf("audit log names %v; want each child of the rows shown", subjects)
	}

	// The query's row, without a line, and the error naming no child.
	for _, tt := range []struct{ rule, want string }{
		{"8670Q", "<td class=\"govuk-table__cell\">Assessments row 1</td><td class=\"govuk-table__cell\">CIN0001</td>"},
		{"8500", "<td class=\"govuk-table__cell\">ChildIdentifiers row 3 (cin-census.xml line 40)</td><td class=\"govuk-table__cell\"></td>"},
	} {
		_, body := fetch(t, h, http.MethodPost, cinValidation.failuresHref(tt.rule, 2026), url.Values{"reason": {"checking"}})
		if !strings.Contains(body, tt.want) {
			t.Errorf("rule %s's rows lack %s", tt.rule, tt.want)
		}
	}

	refusals := []struct {
		name string
		h    http.Handler
		path string
		want int
	}{
		{"publishable", newServer(t, a, Options{Store: st, Publishable: true}).Handler(), path, http.StatusForbidden},
		{"no one", newServer(t, a, Options{Store: st, Identity: Identity{Header: "X-Remote-User"}}).Handler(), path, http.StatusUnauthorized},
		{"another return", h, strings.Replace(path, "return=cin", "return=early-help", 1), http.StatusBadRequest},
		{"a store without the census", newServer(t, a, Options{Store: fakeStore()}).Handler(), path, http.StatusNotFound},
		{"a rule without failures", h, cinValidation.failuresHref("8525Q", 2026), http.StatusNotFound},
		{"the 903's year", h, failuresHref("1520", 2026), http.StatusNotFound},
	}
	for _, tt := range refusals {
		if code, _ := fetch(t, tt.h, http.MethodGet, tt.path, nil); code != tt.want {
			t.Errorf("%s: GET %s = %d; want %d", tt.name, tt.path, code, tt.want)
		}
	}
}

// TestCINRulePages checks that /rules/{code} and /api/rules/{code} find
// the CIN census's rules, saying whose they are and of which kind.
func TestCINRulePages(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore()}).Handler()
	for _, tt := range []struct{ code, kind, words string }{
		{"8670Q", "query", "A query:"},
		{"1520", "error", "An error:"},
	} {
		path := ruleHref(tt.code, 2026)
		code, body := fetch(t, h, http.MethodGet, path, nil)
		if code != http.StatusOK || !strings.Contains(body, "CIN census rule "+tt.code) || !strings.Contains(body, tt.words) {
			t.Errorf("GET %s: %d\n%s", path, code, body)
		}
		checkAccessible(t, path, body)
		var api struct{ Code, Return, Kind, Message string }
		_, body = fetch(t, h, http.MethodGet, "/api"+path, nil)
		if err := json.Unmarshal([]byte(body), &api); err != nil || api.Code != tt.code || api.Return != "CIN" || api.Kind != tt.kind ||
			api.Message != cinrules.Rules().Rule(tt.code, 2026).Message {
			t.Errorf("GET /api%s: %+v, %v", path, api, err)
		}
	}
}

// TestRuleCodesDoNotCollide checks that no code is both an SSDA903 rule's
// and a CIN census rule's, in any year: /rules/{code} finds a rule by its
// code alone, the 903's first.
func TestRuleCodesDoNotCollide(t *testing.T) {
	codes := map[string]bool{}
	for _, r := range rules.Rules().All() {
		codes[strings.ToUpper(r.Code)] = true
	}
	for _, r := range cinrules.Rules().All() {
		if codes[strings.ToUpper(r.Code)] {
			t.Errorf("rule %s is both the SSDA903's and the CIN census's: /rules/%s needs ?return= to tell them apart", r.Code, r.Code)
		}
	}
}
