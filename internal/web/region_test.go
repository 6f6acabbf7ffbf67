package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/people"
)

// TestRegionSignIn: a region's server signs in only users given the
// authority it serves, refusing the others' passwords exactly as a wrong
// one, and their tokens; its /people page lists only the users it admits,
// with their authorities.
func TestRegionSignIn(t *testing.T) {
	s := newSignInServer(t, Identity{})
	ctx := context.Background()
	by := app.Actor{Name: "it.admin", IdentifiedBy: app.ByFlag}
	for _, name := range []string{"analyst", "administrator"} {
		if err := s.acc.SetAuthorities(ctx, by, app.FromCommandLine, name, []string{"E06000999"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.acc.SetAuthorities(ctx, by, app.FromCommandLine, "auditor", []string{"E06000001"}); err != nil {
		t.Fatal(err)
	}
	managerToken, _ := s.token(t, "manager", time.Hour)
	analystToken, _ := s.token(t, "analyst", time.Hour)
	s.acc.Serving = people.Serving{Authority: "E06000999", Region: true}

	wrong := s.signIn("manager", "not the password at all", "")
	for _, name := range []string{"manager", "auditor"} { // given no authority; given another
		rec := s.signIn(name, testPassword, "")
		if rec.Code != http.StatusUnauthorized || rec.Body.String() != strings.ReplaceAll(wrong.Body.String(), `value="manager"`, `value="`+name+`"`) {
			t.Errorf("%s signing in to E06000999's server: %d; want 401 and the wrong password's page\n%s", name, rec.Code, rec.Body)
		}
	}
	for token, want := range map[string]int{managerToken: http.StatusUnauthorized, analystToken: http.StatusOK} {
		if rec := s.do(http.MethodGet, "/api/summary", "", nil, "Authorization", "Bearer "+token); rec.Code != want {
			t.Errorf("a token on /api/summary: %d, want %d", rec.Code, want)
		}
	}
	rec := s.do(http.MethodGet, "/people", s.session(t, "administrator"), nil)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `<td class="govuk-table__cell">E06000999</td>`) {
		t.Errorf("/people: %d, without the users' authorities:\n%s", rec.Code, body)
	}
	// The auditor works for another authority, the manager for none: a
	// region's server, which neither may sign in to, does not name them.
	for _, name := range []string{"analyst", "administrator", "auditor", "manager"} {
		listed := strings.Contains(body, `<td class="govuk-table__cell">`+name)
		if want := name == "analyst" || name == "administrator"; listed != want {
			t.Errorf("/people lists %s: %v, want %v", name, listed, want)
		}
	}
}
