package oidc

import "time"

// SetClock makes p read the time from now (for the ID token's expiry and
// the sign-in's lifetime).
func SetClock(p *Provider, now func() time.Time) { p.now = now }

// CookiePrefix starts the name of a sign-in's cookie.
const CookiePrefix = cookiePrefix
