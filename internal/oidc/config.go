package oidc

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
)

// byPrivilege lists Village's roles, least privileged first. When a
// person's groups map to several roles, Config.Role gives the first of
// them in this order, the least privileged (least privilege): a partner
// sees only the publishable figures of their agency; an auditor reads the
// audit trail and no figures; a manager reads exact figures but no
// child's identifier; an analyst, with a reason, reads children's
// identifiers and journeys; an administrator manages users and settings
// besides.
var byPrivilege = []string{"partner", "auditor", "manager", "analyst", "administrator"}

// RolesByPrivilege returns Village's roles, least privileged first: the
// order in which Config.Role chooses among several.
func RolesByPrivilege() []string {
	return slices.Clone(byPrivilege)
}

// Environment variables ConfigFromEnv reads.
const (
	EnvIssuer           = "VILLAGE_OIDC_ISSUER"
	EnvClientID         = "VILLAGE_OIDC_CLIENT_ID"
	EnvClientSecret     = "VILLAGE_OIDC_CLIENT_SECRET"
	EnvClientSecretFile = "VILLAGE_OIDC_CLIENT_SECRET_FILE"
	EnvRedirectURL      = "VILLAGE_OIDC_REDIRECT_URL"
	EnvScopes           = "VILLAGE_OIDC_SCOPES"
	EnvRoleClaim        = "VILLAGE_OIDC_ROLE_CLAIM"
	EnvRoles            = "VILLAGE_OIDC_ROLES"
	EnvAgencies         = "VILLAGE_OIDC_AGENCIES"
	EnvAuthorityClaim   = "VILLAGE_OIDC_AUTHORITY_CLAIM"
)

// ErrNotConfigured is ConfigFromEnv's answer when no VILLAGE_OIDC_
// variable is set: single sign-on is off.
var ErrNotConfigured = errors.New("oidc: single sign-on is not configured (VILLAGE_OIDC_ISSUER is not set)")

// ConfigFromEnv reads the configuration from the environment: the
// issuer, client, redirect URL, scopes, role claim, roles and agencies of
// the Env… variables, the client secret from VILLAGE_OIDC_CLIENT_SECRET or
// from the file VILLAGE_OIDC_CLIENT_SECRET_FILE names (never from a flag,
// which ps would show). Errors name the variable and never the secret.
func ConfigFromEnv() (Config, error) {
	return configFrom(os.Getenv, os.ReadFile)
}

// configFrom is ConfigFromEnv reading through getenv and readFile.
func configFrom(getenv func(string) string, readFile func(string) ([]byte, error)) (Config, error) {
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	set := slices.ContainsFunc([]string{EnvIssuer, EnvClientID, EnvClientSecret, EnvClientSecretFile,
		EnvRedirectURL, EnvScopes, EnvRoleClaim, EnvRoles, EnvAgencies}, func(n string) bool { return env(n) != "" })
	if !set {
		return Config{}, ErrNotConfigured
	}
	c := Config{
		Issuer:      env(EnvIssuer),
		ClientID:    env(EnvClientID),
		RedirectURL: env(EnvRedirectURL),
		Scopes:      strings.FieldsFunc(env(EnvScopes), isListSeparator),
		RoleClaim:   env(EnvRoleClaim),
		// The claim of the authorities a person may see, when the
		// provider says so (a region's directory).
		AuthorityClaim: env(EnvAuthorityClaim),
	}
	var err error
	if c.ClientSecret, err = secretFrom(getenv(EnvClientSecret), env(EnvClientSecretFile), readFile); err != nil {
		return Config{}, err
	}
	if c.Roles, err = parseMapping(EnvRoles, env(EnvRoles)); err != nil {
		return Config{}, err
	}
	if c.Agencies, err = parseMapping(EnvAgencies, env(EnvAgencies)); err != nil {
		return Config{}, err
	}
	c = c.withDefaults()
	return c, c.validate()
}

// secretFrom is the client secret, given in the environment or in a file.
func secretFrom(given, file string, readFile func(string) ([]byte, error)) (string, error) {
	given = strings.TrimSpace(given)
	switch {
	case given != "" && file != "":
		return "", fmt.Errorf("oidc: both %s and %s are set: set one", EnvClientSecret, EnvClientSecretFile)
	case given != "":
		return given, nil
	case file == "":
		return "", fmt.Errorf("oidc: %s (or %s, naming a file that holds it) is not set", EnvClientSecret, EnvClientSecretFile)
	}
	b, err := readFile(file)
	if err != nil {
		// The path error names the file, not its content.
		return "", fmt.Errorf("oidc: %s: %w", EnvClientSecretFile, err)
	}
	secret := strings.TrimSpace(string(b))
	if secret == "" {
		return "", fmt.Errorf("oidc: %s names %s, which holds no secret", EnvClientSecretFile, file)
	}
	return secret, nil
}

// isListSeparator separates scopes: commas or white space.
func isListSeparator(r rune) bool {
	return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
}

// parseMapping reads "claim=value,claim=value" (commas or new lines
// between entries) from variable. A claim value may itself hold "=": the
// last "=" of an entry separates it from what it maps to.
func parseMapping(variable, s string) (map[string]string, error) {
	if s == "" {
		return nil, nil
	}
	m := map[string]string{}
	for i, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		at := strings.LastIndexByte(entry, '=')
		if at < 0 {
			return nil, fmt.Errorf("oidc: %s entry %d %q has no \"=\": expected claim-value=mapped-to", variable, i+1, clip(entry, 80))
		}
		key, value := strings.TrimSpace(entry[:at]), strings.TrimSpace(entry[at+1:])
		if key == "" || value == "" {
			return nil, fmt.Errorf("oidc: %s entry %d %q: expected claim-value=mapped-to, both given", variable, i+1, clip(entry, 80))
		}
		if before, ok := m[key]; ok && before != value {
			return nil, fmt.Errorf("oidc: %s maps %q twice, to %q and to %q", variable, key, before, value)
		}
		m[key] = value
	}
	return m, nil
}

// withDefaults fills in what Config leaves out.
func (c Config) withDefaults() Config {
	if len(c.Scopes) == 0 {
		c.Scopes = []string{"openid", "profile", "email"}
	}
	if !slices.Contains(c.Scopes, "openid") {
		c.Scopes = append([]string{"openid"}, c.Scopes...)
	}
	if c.RoleClaim == "" {
		c.RoleClaim = "groups"
	}
	return c
}

// validate says what in c cannot work, naming the variable that sets it.
func (c Config) validate() error {
	if c.Issuer == "" {
		return fmt.Errorf("oidc: %s is not set: the issuer's URL, such as https://login.microsoftonline.com/TENANT-ID/v2.0", EnvIssuer)
	}
	if err := checkURL(EnvIssuer, c.Issuer); err != nil {
		return err
	}
	if c.ClientID == "" {
		return fmt.Errorf("oidc: %s is not set: the client (application) ID registered at the issuer", EnvClientID)
	}
	if c.ClientSecret == "" {
		return fmt.Errorf("oidc: the client secret is not set (%s or %s)", EnvClientSecret, EnvClientSecretFile)
	}
	if c.RedirectURL == "" {
		return fmt.Errorf("oidc: %s is not set: Village's sign-in callback as registered at the issuer", EnvRedirectURL)
	}
	if err := checkURL(EnvRedirectURL, c.RedirectURL); err != nil {
		return err
	}
	if len(c.Roles) == 0 {
		return fmt.Errorf("oidc: %s is not set: with no %s value mapped to a Village role, nobody could sign in", EnvRoles, c.RoleClaim)
	}
	for claim, role := range c.Roles {
		if !slices.Contains(byPrivilege, role) {
			return fmt.Errorf("oidc: %s maps %q to %q, which is not a Village role (%s)", EnvRoles, claim, role, strings.Join(byPrivilege, ", "))
		}
	}
	return nil
}

// parseURL parses an absolute URL.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if u.Scheme == "" || u.Host == "" {
		return nil, errors.New("not an absolute URL")
	}
	return u, nil
}

// checkURL requires an https URL, or http on this machine's loopback (a
// local Keycloak, or the tests' issuer): tokens must not cross a network
// in the clear.
func checkURL(variable, raw string) error {
	u, err := parseURL(raw)
	if err != nil {
		return fmt.Errorf("oidc: %s=%q is not a URL: %v", variable, clip(raw, 200), err)
	}
	if u.Scheme == "https" || u.Scheme == "http" && loopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("oidc: %s=%q must be an https URL (http only on localhost)", variable, clip(raw, 200))
}

// loopback says whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
