package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/village-uk/village/internal/people"
)

// TestServedAuthority admits, by password, token, session and single
// sign-on, only users given the authority a region's server serves, and
// refuses the others as a wrong password is refused, audited.
func TestServedAuthority(t *testing.T) {
	a, s, _ := newAccounts(t)
	ctx := context.Background()
	mine := people.User{Name: "a.analyst", Role: people.Analyst, Authorities: []string{"E06000999"}}
	theirs := people.User{Name: "b.analyst", Role: people.Analyst, Authorities: []string{"E06000001"}}
	for _, u := range []people.User{mine, theirs} {
		if err := a.AddUser(ctx, admin(), FromCommandLine, u, goodPassword); err != nil {
			t.Fatal(err)
		}
	}
	theirToken, _, err := a.IssueToken(ctx, admin(), FromCommandLine, "b.analyst", "power-bi", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	theirSession, _, err := a.SignIn(ctx, "b.analyst", goodPassword, "")
	if err != nil {
		t.Fatalf("b.analyst signing in where every authority is served: %v", err)
	}
	a.Serving = people.Serving{Authority: "E06000999", Region: true}
	for _, c := range []struct {
		name string
		ok   bool
	}{{"a.analyst", true}, {"b.analyst", false}, {"r.analyst", false}} {
		_, _, err := a.SignIn(ctx, c.name, goodPassword, "192.0.2.4")
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, ErrSignInFailed)) {
			t.Errorf("%s signing in to E06000999's server: %v, want ok %v (or ErrSignInFailed)", c.name, err, c.ok)
		}
	}
	if _, err := a.TokenActor(ctx, theirToken); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("b.analyst's token at E06000999's server: %v, want ErrNotSignedIn", err)
	}
	if _, err := a.SessionActor(ctx, theirSession); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("b.analyst's session at E06000999's server: %v, want ErrNotSignedIn", err)
	}
	sso := ExternalPerson{Name: "c.analyst@b.example", Subject: "https://login.example#9", IdentifiedBy: "sso", Role: people.Analyst,
		Authorities: []string{"E06000001"}, ClaimsAuthorities: true}
	if _, _, err := a.StartExternalSession(ctx, sso, ""); !errors.Is(err, ErrSignInFailed) {
		t.Errorf("single sign-on with another authority's claim: %v, want ErrSignInFailed", err)
	}
	sso.Authorities = []string{"E06000001", "E06000999"}
	if _, actor, err := a.StartExternalSession(ctx, sso, ""); err != nil || actor.Name != sso.Name {
		t.Errorf("single sign-on claiming E06000999 too: %+v, %v", actor, err)
	}
	if u, _ := s.People().User(ctx, sso.Name); !slices.Equal(u.Authorities, sso.Authorities) {
		t.Errorf("kept the claim's authorities as %q", u.Authorities)
	}
	refused := 0
	for _, line := range auditActions(t, s) {
		if strings.Contains(line, ActionRefusedAuthority+" (E06000999)") {
			refused++
		}
	}
	if refused != 4 { // b.analyst's and r.analyst's passwords, b.analyst's token, the first single sign-on
		t.Errorf("%d refusals audited, want 4:\n%s", refused, strings.Join(auditActions(t, s), "\n"))
	}
	if err := a.SetAuthorities(ctx, admin(), FromCommandLine, "r.analyst", []string{"E06000999"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.SignIn(ctx, "r.analyst", goodPassword, ""); err != nil {
		t.Errorf("r.analyst, given E06000999: %v", err)
	}
	if err := a.SetAuthorities(ctx, admin(), FromCommandLine, "r.analyst", []string{"Somerset"}); err == nil {
		t.Error("an authority that is not a GSS code was set")
	}
}
