package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/village-uk/village/calendar"
)

// TestRulesIndexListsCIN checks that /rules lists, for each year, the CIN
// census's rules under their own heading, every one in force that year
// once, errors and queries in tables of their own, each linking to its
// page.
func TestRulesIndexListsCIN(t *testing.T) {
	h := newServer(t, synthetic(t), Options{Store: fakeStore()}).Handler()
	for _, y := range []calendar.Year{2026, 2027} {
		path := "/rules?year=" + y.String()
		code, body := fetch(t, h, http.MethodGet, path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		checkAccessible(t, path, body)
		heading := strings.Index(body, `<h2 class="govuk-heading-l" id="cin">CIN census rules, `+y.String()+`</h2>`)
		errs := strings.Index(body, `<caption class="govuk-table__caption govuk-table__caption--m">Errors: `)
		queries := strings.Index(body, `<caption class="govuk-table__caption govuk-table__caption--m">Queries: `)
		if heading < 0 || errs < heading || queries < errs {
			t.Fatalf("%s: no CIN heading followed by errors then queries", path)
		}
		infos := cinValidation.rules.Rules(y)
		if len(infos) == 0 {
			t.Fatalf("no CIN rules in %s", y)
		}
		for _, info := range infos {
			link := `<a class="govuk-link" href="` + strings.ReplaceAll(ruleHref(info.Code, y), "&", "&amp;") + `">` + info.Code + `</a>`
			at := strings.Index(body, link)
			inQueries := at > queries
			if at < errs || strings.Count(body, link) != 1 || inQueries != cinValidation.isQuery(info.Code) {
				t.Errorf("%s: rule %s at %d (errors from %d, queries from %d), %d times", path, info.Code, at, errs, queries, strings.Count(body, link))
			}
		}
	}
}
