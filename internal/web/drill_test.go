package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/village-uk/village/internal/people"
)

// TestDrillLinksOnlyForIdentifiers: the overview, an indicator page and
// the validation page offer drill-down links to the children behind a
// count only to a role that may see children's IDs; a manager, who would
// be refused 403 on following one, is shown none.
func TestDrillLinksOnlyForIdentifiers(t *testing.T) {
	s := newSignInServer(t, Identity{})
	pages := []struct{ path, link string }{
		{"/", "/children?"},
		{"/indicators/cla_end", "/indicators/cla_end/children"},
		{"/validation", "/validation/failures/"},
	}
	for _, role := range []people.Role{people.Analyst, people.Manager} {
		cookie := s.session(t, string(role))
		for _, p := range pages {
			rec := s.do(http.MethodGet, p.path, cookie, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s GET %s: %d", role, p.path, rec.Code)
			}
			got := strings.Contains(rec.Body.String(), p.link)
			if want := role.May(people.ChildIdentifiers); got != want {
				t.Errorf("%s GET %s: a link to %s: %v, want %v", role, p.path, p.link, got, want)
			}
		}
	}
}
