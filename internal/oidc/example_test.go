package oidc_test

import (
	"context"
	"errors"
	"log"
	"net/http"

	"github.com/village-uk/village/internal/oidc"
)

// Wiring single sign-on into a server: /auth/signin sends the browser to
// the issuer, /auth/callback (the redirect URL registered there) finishes
// the sign-in and maps the person's groups to a role. What follows a
// sign-in (a session, the audit entry) is the web's.
func Example() {
	config, err := oidc.ConfigFromEnv()
	if errors.Is(err, oidc.ErrNotConfigured) {
		return // local accounts only
	}
	if err != nil {
		log.Fatal(err)
	}
	provider, err := oidc.New(context.Background(), config)
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/signin", provider.Begin)
	mux.HandleFunc("GET /auth/callback", func(w http.ResponseWriter, r *http.Request) {
		id, err := provider.Finish(w, r)
		if err != nil {
			http.Error(w, "Sign-in failed: please try again.", http.StatusUnauthorized)
			return
		}
		role, agency, err := config.Role(id)
		if err != nil {
			http.Error(w, "You have no access to Village.", http.StatusForbidden)
			return
		}
		log.Printf("%s signed in as %s %s (%s)", id.Who(), role, agency, id.IdentifiedBy())
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
}
