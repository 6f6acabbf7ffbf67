package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/store"
	"github.com/village-uk/village/returns/ssda903/rules"
	"github.com/village-uk/village/validate"
)

// validatedStore loads the authority into a SQLite store as village load
// does without reference data: each year Village has rules for with its
// failures and the rules skipped for want of a postcode directory and the
// Ofsted lists. It returns the store and the 2025/26 report.
func validatedStore(t *testing.T, a authority) (*store.Store, *validate.Report) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "village.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	src := store.LoadSource{LA: a.res.Returns[0].LA, Failures: map[calendar.Year][]store.Failure{}, Skipped: map[calendar.Year][]store.Skipped{}}
	var latest *validate.Report
	for _, r := range a.res.Returns {
		if !rules.Rules().Complete(r.Year) {
			continue
		}
		rep := rules.Validate(rules.NewInput(r, nil, nil))
		src.Failures[r.Year], src.Skipped[r.Year] = store.FailuresOf(rep), store.SkippedOf(rep)
		latest = rep
	}
	if _, err := s.Load(ctx, a.res.Returns, src); err != nil {
		t.Fatal(err)
	}
	if latest == nil || len(latest.Skipped) == 0 || len(latest.Failures) == 0 {
		t.Fatal("the synthetic 2025/26 should fail some rules and skip some")
	}
	return s, latest
}

// TestValidationPageListsSkippedRulesAndSorts checks that the page counts
// as the report does, lists the skipped rules with why, and sorts by
// failures when asked.
func TestValidationPageListsSkippedRulesAndSorts(t *testing.T) {
	a := synthetic(t)
	st, rep := validatedStore(t, a)
	h := newServer(t, a, Options{Store: st}).Handler()
	code, body := fetch(t, h, http.MethodGet, "/validation", nil)
	if code != 200 {
		t.Fatalf("/validation: %d", code)
	}
	checkAccessible(t, "/validation", body)
	sum := rep.Summarise()
	for _, want := range []string{
		`id="skipped-2025/26">Rules skipped in 2025/26</h3>`,
		fmt.Sprintf("<p class=\"govuk-body\">%d rules were not run", len(rep.Skipped)),
		"needs a postcode directory",
		`<a class="govuk-link" href="/rules">`,
	} {
		if !strings.Contains(body, html.EscapeString(want)) && !strings.Contains(body, want) {
			t.Errorf("/validation lacks %q", want)
		}
	}
	for _, sr := range sum.SkipReasons {
		if !strings.Contains(body, html.EscapeString(sr.Reason)) {
			t.Errorf("/validation lacks the reason %q", sr.Reason)
		}
	}
	_, sorted := fetch(t, h, http.MethodGet, "/validation?sort=failures", nil)
	latest := sorted[strings.Index(sorted, `id="year-2025/26"`):]
	latest = latest[:strings.Index(latest, "</table>")]
	var got []int
	for _, m := range regexp.MustCompile(`numeric">([0-9]+)</td><td class="govuk-table__cell govuk-table__cell--numeric">`).FindAllStringSubmatch(latest, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		got = append(got, n)
	}
	if len(got) != len(sum.ByRule) || !slices.IsSortedFunc(got, func(a, b int) int { return b - a }) {
		t.Errorf("sorted by failures: %v for %d rules", got, len(sum.ByRule))
	}
	var api struct {
		Years []struct {
			Year    string
			Skipped []struct{ Reason string } `json:"rules_skipped"`
		}
	}
	_, body = fetch(t, h, http.MethodGet, "/api/validation", nil)
	if err := json.Unmarshal([]byte(body), &api); err != nil || len(api.Years[len(api.Years)-1].Skipped) != len(sum.SkipReasons) {
		t.Errorf("/api/validation skipped: %+v, %v", api, err)
	}
}

// TestRulesIndex checks that /rules lists every rule of the year, each
// linking to its page.
func TestRulesIndex(t *testing.T) {
	a := synthetic(t)
	h := newServer(t, a, Options{Store: fakeStore()}).Handler()
	for _, y := range []calendar.Year{2026, 2027} {
		path := "/rules?" + url.Values{"year": {y.String()}}.Encode()
		code, body := fetch(t, h, http.MethodGet, path, nil)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		checkAccessible(t, path, body)
		for _, r := range rules.Rules().Rules(y) {
			link := `<a class="govuk-link" href="` + html.EscapeString(ruleHref(r.Code, y)) + `">` + r.Code + `</a>`
			if !strings.Contains(body, link) {
				t.Errorf("%s lacks rule %s", path, r.Code)
			}
		}
	}
	if code, _ := fetch(t, h, http.MethodGet, "/rules?year=nonsense", nil); code != http.StatusBadRequest {
		t.Errorf("/rules with a bad year: %d", code)
	}
}

// TestFailuresBehindTheGate checks that a rule's failing rows and children
// are shown only once a reason is given and each child's access audited.
func TestFailuresBehindTheGate(t *testing.T) {
	a := synthetic(t)
	ctx := context.Background()
	st, rep := validatedStore(t, a)
	h := newServer(t, a, Options{Store: st, Identity: Identity{Local: app.Actor{Name: "r.analyst", IdentifiedBy: app.ByFlag}}}).Handler()
	rule := rep.Summarise().ByRule[0]
	var children []string
	for _, f := range rep.Failures {
		if f.Rule == rule.Rule && !slices.Contains(children, f.Child) {
			children = append(children, f.Child)
		}
	}
	_, page := fetch(t, h, http.MethodGet, "/validation", nil)
	path := failuresHref(rule.Rule.Code, 2026)
	if !strings.Contains(page, `href="`+html.EscapeString(path)+`"`) {
		t.Fatalf("/validation does not link to %s", path)
	}
	code, body := fetch(t, h, http.MethodGet, path, nil)
	if code != 200 || !strings.Contains(body, `method="post"`) || !strings.Contains(body, fmt.Sprintf("failed %d rows", rule.Failures)) {
		t.Errorf("GET %s: %d\n%.2000s", path, code, body)
	}
	checkAccessible(t, path, body)
	if strings.Contains(body, ">"+children[0]+"<") {
		t.Errorf("GET shows a child")
	}
	if code, _ := fetch(t, h, http.MethodPost, path, url.Values{"reason": {" "}}); code != http.StatusBadRequest {
		t.Errorf("POST without a reason: %d", code)
	}
	if log, _ := st.AuditLog(ctx); len(log) != 0 {
		t.Fatalf("%d audit entries before a reason", len(log))
	}
	code, body = fetch(t, h, http.MethodPost, path, url.Values{"reason": {"correcting the return"}})
	if code != 200 || strings.Count(body, `<tr class="govuk-table__row"><td`) != rule.Failures {
		t.Errorf("POST: %d, want %d rows\n%.3000s", code, rule.Failures, body)
	}
	for _, c := range children {
		if !strings.Contains(body, ">"+html.EscapeString(c)+"</td>") {
			t.Errorf("POST does not show child %s", c)
		}
	}
	log, err := st.AuditLog(ctx)
	if err != nil || len(log) != len(children) {
		t.Fatalf("%d audit entries for %d children, %v", len(log), len(children), err)
	}
	if e := log[0]; e.Who != "r.analyst" || e.Action != "view failures of rule "+rule.Rule.Code+" 2025/26" || e.Reason != "correcting the return" {
		t.Errorf("audit entry %+v", e)
	}
	pub := newServer(t, a, Options{Store: st, Publishable: true}).Handler()
	if code, _ := fetch(t, pub, http.MethodGet, path, nil); code != http.StatusForbidden {
		t.Errorf("publishable: %d", code)
	}
	if _, body := fetch(t, pub, http.MethodGet, "/validation", nil); strings.Contains(body, "/validation/failures/") {
		t.Errorf("publishable /validation links to failing rows")
	}
	if code, _ := fetch(t, h, http.MethodGet, failuresHref("NOPE", 2026), nil); code != http.StatusNotFound {
		t.Errorf("a rule without failures: %d", code)
	}
}
