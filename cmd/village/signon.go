package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/village-uk/village/internal/app"
	"github.com/village-uk/village/internal/oidc"
	"github.com/village-uk/village/internal/people"
	"github.com/village-uk/village/internal/web"
)

// signOn is single sign-on through an OpenID Connect issuer, as the web
// asks for it: the provider's identity mapped to a Village role.
type signOn struct {
	provider *oidc.Provider
	config   oidc.Config
}

// singleSignOnFromEnv is the issuer the VILLAGE_OIDC_ variables configure,
// or nil when they configure none. The issuer is asked for its keys and
// endpoints now, so that a wrong issuer stops the server at start.
func singleSignOnFromEnv(ctx context.Context) (web.SingleSignOn, error) {
	config, err := oidc.ConfigFromEnv()
	if errors.Is(err, oidc.ErrNotConfigured) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	provider, err := oidc.New(ctx, config)
	if err != nil {
		return nil, fmt.Errorf("single sign-on: %w", err)
	}
	return signOn{provider: provider, config: config}, nil
}

func (s signOn) Begin(w http.ResponseWriter, r *http.Request) { s.provider.Begin(w, r) }

// Finish completes the sign-in and maps the person's claims to a role. A
// person with none is named, for the audit log, with web.ErrNoAccess.
func (s signOn) Finish(w http.ResponseWriter, r *http.Request) (app.ExternalPerson, error) {
	id, err := s.provider.Finish(w, r)
	if err != nil {
		return app.ExternalPerson{}, err
	}
	person := app.ExternalPerson{Name: id.Who(), Subject: id.Issuer + " " + id.Subject, IdentifiedBy: id.IdentifiedBy()}
	if !id.EmailUnverified {
		person.Email = id.Email
	}
	role, agency, err := s.config.Role(id)
	if err != nil {
		return person, fmt.Errorf("%w: %w", web.ErrNoAccess, err)
	}
	person.Role, person.Agency = people.Role(role), agency
	if id.AuthorityClaimed {
		person.Authorities, person.ClaimsAuthorities = claimedAuthorities(id.Authorities), true
	}
	return person, nil
}

// claimedAuthorities are the GSS codes among an authority claim's values;
// any other value gives no authority.
func claimedAuthorities(values []string) []string {
	var out []string
	for _, v := range values {
		if las, err := people.ParseAuthorities(v); err == nil && len(las) == 1 && !slices.Contains(out, las[0]) {
			out = append(out, las[0])
		}
	}
	return out
}

// signOn is the single sign-on the environment configures, if any. Pages
// with no address to serve (the pack, tests) have none.
func (o pagesOptions) signOn(ctx context.Context) (web.SingleSignOn, error) {
	if o.addr == "" {
		return nil, nil
	}
	return singleSignOnFromEnv(ctx)
}
