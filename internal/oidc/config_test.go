package oidc

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRole(t *testing.T) {
	c := Config{
		Roles: map[string]string{
			"village-admins":   "administrator",
			"village-analysts": "analyst",
			"village-managers": "manager",
			"village-auditors": "auditor",
			"village-partners": "partner",
		},
		Agencies: map[string]string{"nhs-trust": "health", "constabulary": "police"},
	}
	tests := []struct {
		name       string
		claims     []string
		role       string
		agency     string
		noAccess   string // what the error says, when there is no access
		roleClaim  string
		fromConfig Config
	}{
		{name: "one group", claims: []string{"village-analysts"}, role: "analyst"},
		{name: "unmapped groups are ignored", claims: []string{"all-staff", "village-managers", "car-park"}, role: "manager"},
		{name: "administrator", claims: []string{"village-admins"}, role: "administrator"},
		{name: "auditor", claims: []string{"village-auditors"}, role: "auditor"},
		{name: "several roles: the least privileged", claims: []string{"village-admins", "village-analysts", "village-managers"}, role: "manager"},
		{name: "administrator and auditor: auditor", claims: []string{"village-admins", "village-auditors"}, role: "auditor"},
		{name: "administrator and partner: partner", claims: []string{"village-admins", "village-partners", "nhs-trust"}, role: "partner", agency: "health"},
		{name: "partner with agency", claims: []string{"nhs-trust", "village-partners"}, role: "partner", agency: "health"},
		{name: "an analyst's agency is returned too", claims: []string{"village-analysts", "constabulary"}, role: "analyst", agency: "police"},
		{name: "no groups", claims: nil, noAccess: "is in no group mapped to a Village role (VILLAGE_OIDC_ROLES; their groups: none)"},
		{name: "no mapped group", claims: []string{"all-staff"}, noAccess: `their groups: "all-staff"`},
		{name: "claim is case sensitive", claims: []string{"Village-Analysts"}, noAccess: "no group mapped"},
		{name: "partner without agency", claims: []string{"village-partners"}, noAccess: "a partner in no group mapped to an agency (VILLAGE_OIDC_AGENCIES)"},
		{name: "two agencies", claims: []string{"village-partners", "nhs-trust", "constabulary"}, noAccess: "mapped to 2 agencies"},
		{name: "role claim named in the error", claims: nil, fromConfig: Config{RoleClaim: "roles", Roles: c.Roles}, noAccess: "their roles: none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			config := c
			if tt.fromConfig.Roles != nil {
				config = tt.fromConfig
			}
			id := Identity{Subject: "s1", Email: "someone@council.example", Claims: tt.claims}
			role, agency, err := config.Role(id)
			if tt.noAccess != "" {
				if !errors.Is(err, ErrNoAccess) || !strings.Contains(err.Error(), tt.noAccess) {
					t.Fatalf("Role = %q, %q, %v; want ErrNoAccess saying %s", role, agency, err, tt.noAccess)
				}
				if role != "" || agency != "" {
					t.Errorf("Role gave %q, %q with its error; want nothing", role, agency)
				}
				if !strings.Contains(err.Error(), id.Email) {
					t.Errorf("error %q does not name who was refused", err)
				}
				return
			}
			if err != nil || role != tt.role || agency != tt.agency {
				t.Errorf("Role = %q, %q, %v; want %q, %q", role, agency, err, tt.role, tt.agency)
			}
		})
	}
}

func TestIdentityWho(t *testing.T) {
	tests := []struct {
		id   Identity
		want string
	}{
		{Identity{Subject: "s1", Name: "Ann Analyst", Email: "ann@council.example"}, "ann@council.example"},
		{Identity{Subject: "s1", Name: "Ann Analyst"}, "Ann Analyst"},
		{Identity{Subject: "s1"}, "s1"},
	}
	for _, tt := range tests {
		if got := tt.id.Who(); got != tt.want {
			t.Errorf("%+v.Who() = %q, want %q", tt.id, got, tt.want)
		}
	}
	id := Identity{Issuer: "https://login.example/tenant/v2.0"}
	if got := id.IdentifiedBy(); got != "single sign-on at https://login.example/tenant/v2.0" {
		t.Errorf("IdentifiedBy = %q", got)
	}
}

// TestRolesByPrivilege: the order is every role, once, and a copy.
func TestRolesByPrivilege(t *testing.T) {
	got := RolesByPrivilege()
	want := []string{"partner", "auditor", "manager", "analyst", "administrator"}
	if !slices.Equal(got, want) {
		t.Fatalf("RolesByPrivilege = %v, want %v", got, want)
	}
	got[0] = "changed"
	if RolesByPrivilege()[0] != "partner" {
		t.Error("changing what RolesByPrivilege returned changed the order")
	}
}

func TestClaimValues(t *testing.T) {
	claims := map[string]any{
		"groups":                        []any{"a", "b", 3, nil},
		"roles":                         "single",
		"realm_access":                  map[string]any{"roles": []any{"village-analyst"}},
		"https://council.example/roles": []any{"namespaced"},
		"number":                        4,
	}
	tests := []struct {
		name string
		want []string
	}{
		{"groups", []string{"a", "b"}},
		{"roles", []string{"single"}},
		{"realm_access.roles", []string{"village-analyst"}},
		{"https://council.example/roles", []string{"namespaced"}},
		{"number", nil},
		{"absent", nil},
		{"realm_access.absent", nil},
		{"roles.deeper", nil},
	}
	for _, tt := range tests {
		if got := claimValues(claims, tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("claimValues(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// env is a fake environment and file system for configFrom.
type env struct {
	vars  map[string]string
	files map[string]string
}

func (e env) getenv(name string) string { return e.vars[name] }

func (e env) readFile(name string) ([]byte, error) {
	s, ok := e.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return []byte(s), nil
}

func TestConfigFromEnv(t *testing.T) {
	const secret = "Zm9vYmFyc2VjcmV0"
	base := map[string]string{
		EnvIssuer:       "https://login.microsoftonline.com/0b1c2d3e-tenant/v2.0",
		EnvClientID:     "6f0e-client",
		EnvClientSecret: secret,
		EnvRedirectURL:  "https://village.council.example/auth/callback",
		EnvRoleClaim:    "roles",
		EnvRoles:        "Village.Analyst=analyst, Village.Admin=administrator\nVillage.Partner=partner",
		EnvAgencies:     "Agency.Health=health",
	}
	with := func(changes map[string]string) map[string]string {
		m := maps.Clone(base)
		for k, v := range changes {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	t.Run("complete", func(t *testing.T) {
		c, err := configFrom(env{vars: base}.getenv, env{}.readFile)
		if err != nil {
			t.Fatal(err)
		}
		want := Config{
			Issuer: base[EnvIssuer], ClientID: "6f0e-client", ClientSecret: secret, RedirectURL: base[EnvRedirectURL],
			Scopes: []string{"openid", "profile", "email"}, RoleClaim: "roles",
			Roles:    map[string]string{"Village.Analyst": "analyst", "Village.Admin": "administrator", "Village.Partner": "partner"},
			Agencies: map[string]string{"Agency.Health": "health"},
		}
		if fmt.Sprint(c) != fmt.Sprint(want) {
			t.Errorf("got  %+v\nwant %+v", c, want)
		}
	})
	t.Run("secret from a file, scopes given, claim defaulted", func(t *testing.T) {
		vars := with(map[string]string{EnvClientSecret: "", EnvClientSecretFile: "/run/secrets/oidc", EnvRoleClaim: "",
			EnvScopes: "openid profile email groups"})
		c, err := configFrom(env{vars: vars}.getenv, env{files: map[string]string{"/run/secrets/oidc": secret + "\n"}}.readFile)
		if err != nil {
			t.Fatal(err)
		}
		if c.ClientSecret != secret || c.RoleClaim != "groups" || !slices.Equal(c.Scopes, []string{"openid", "profile", "email", "groups"}) {
			t.Errorf("got secret %q, claim %q, scopes %q", c.ClientSecret, c.RoleClaim, c.Scopes)
		}
	})
	t.Run("nothing set", func(t *testing.T) {
		if _, err := configFrom(env{}.getenv, env{}.readFile); !errors.Is(err, ErrNotConfigured) {
			t.Errorf("error %v, want ErrNotConfigured", err)
		}
	})
	tests := []struct {
		name    string
		changes map[string]string
		files   map[string]string
		says    string
	}{
		{"no issuer", map[string]string{EnvIssuer: ""}, nil, "VILLAGE_OIDC_ISSUER is not set"},
		{"no secret", map[string]string{EnvClientSecret: ""}, nil, "VILLAGE_OIDC_CLIENT_SECRET (or VILLAGE_OIDC_CLIENT_SECRET_FILE, naming a file that holds it) is not set"},
		{"both secrets", map[string]string{EnvClientSecretFile: "/run/secrets/oidc"}, nil, "both VILLAGE_OIDC_CLIENT_SECRET and VILLAGE_OIDC_CLIENT_SECRET_FILE are set"},
		{"secret file missing", map[string]string{EnvClientSecret: "", EnvClientSecretFile: "/run/secrets/absent"}, nil,
			"VILLAGE_OIDC_CLIENT_SECRET_FILE: open /run/secrets/absent: file does not exist"},
		{"secret file empty", map[string]string{EnvClientSecret: "", EnvClientSecretFile: "/run/secrets/oidc"}, map[string]string{"/run/secrets/oidc": "\n"},
			"VILLAGE_OIDC_CLIENT_SECRET_FILE names /run/secrets/oidc, which holds no secret"},
		{"role entry without =", map[string]string{EnvRoles: "Village.Analyst=analyst,Village.Admin"}, nil, `VILLAGE_OIDC_ROLES entry 2 "Village.Admin" has no "="`},
		{"role entry half", map[string]string{EnvRoles: "=analyst"}, nil, `VILLAGE_OIDC_ROLES entry 1 "=analyst": expected claim-value=mapped-to`},
		{"not a role", map[string]string{EnvRoles: "Village.Analyst=superuser"}, nil, `VILLAGE_OIDC_ROLES maps "Village.Analyst" to "superuser", which is not a Village role (partner, auditor, manager, analyst, administrator)`},
		{"mapped twice", map[string]string{EnvRoles: "G=analyst,G=manager"}, nil, `VILLAGE_OIDC_ROLES maps "G" twice, to "analyst" and to "manager"`},
		{"agency entry bad", map[string]string{EnvAgencies: "Agency.Health"}, nil, `VILLAGE_OIDC_AGENCIES entry 1 "Agency.Health" has no "="`},
		{"redirect not https", map[string]string{EnvRedirectURL: "http://village.council.example/auth/callback"}, nil, "VILLAGE_OIDC_REDIRECT_URL=\"http://village.council.example/auth/callback\" must be an https URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := configFrom(env{vars: with(tt.changes)}.getenv, env{files: tt.files}.readFile)
			if err == nil || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("error %v, want one saying %s", err, tt.says)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

// TestConfigFromEnvReadsTheEnvironment: the exported function reads the
// process's environment.
func TestConfigFromEnvReadsTheEnvironment(t *testing.T) {
	t.Setenv(EnvIssuer, "https://keycloak.council.example/realms/village")
	t.Setenv(EnvClientID, "village")
	t.Setenv(EnvClientSecret, "from-the-environment")
	t.Setenv(EnvRedirectURL, "https://village.council.example/auth/callback")
	t.Setenv(EnvRoles, "/village/analysts=analyst")
	c, err := ConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if c.ClientSecret != "from-the-environment" || c.Roles["/village/analysts"] != "analyst" {
		t.Errorf("ConfigFromEnv = %+v", c)
	}
}

func TestParseMappingEquals(t *testing.T) {
	m, err := parseMapping(EnvRoles, "CN=Village Analysts=analyst")
	if err != nil || m["CN=Village Analysts"] != "analyst" {
		t.Errorf("parseMapping = %v, %v; want the last = to separate", m, err)
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  padded  ", 10, "padded"},
		{"abcdef", 3, "abc…"},
		{"ééé", 3, "é…"}, // never half a rune
	}
	for _, tt := range tests {
		if got := clip(tt.s, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// FuzzParseMapping: any text is read or refused with an error naming the
// variable; never a panic, and what is read maps trimmed, non-empty keys
// to trimmed, non-empty values.
func FuzzParseMapping(f *testing.F) {
	for _, s := range []string{"a=analyst", "a=b,c=d\ne=f", "CN=x,OU=y=manager", "=", ",,,", "a=b,a=c", "é=\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := parseMapping(EnvRoles, s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "oidc: "+EnvRoles) {
				t.Errorf("error %q does not name the variable", err)
			}
			return
		}
		for k, v := range m {
			if k == "" || v == "" || k != strings.TrimSpace(k) || v != strings.TrimSpace(v) || strings.Contains(v, "=") {
				t.Errorf("parseMapping(%q) read %q=%q", s, k, v)
			}
		}
	})
}

// FuzzOpen: no cookie value opens unless this sealer sealed it for that
// name, and none makes open panic.
func FuzzOpen(f *testing.F) {
	s, err := newSealer()
	if err != nil {
		f.Fatal(err)
	}
	sealed, err := s.seal("village_oidc_A", attempt{State: "A"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("village_oidc_A", sealed)
	f.Add("village_oidc_B", sealed)
	f.Add("village_oidc_A", sealed[:len(sealed)-1])
	f.Add("village_oidc_A", "")
	f.Add("village_oidc_A", "!!!")
	f.Fuzz(func(t *testing.T, name, value string) {
		var a attempt
		err := s.open(name, value, &a)
		if err == nil && (name != "village_oidc_A" || a.State != "A") {
			t.Errorf("open(%q, %q) succeeded", name, value)
		}
		if err != nil && !utf8.ValidString(err.Error()) {
			t.Errorf("error %q", err)
		}
	})
}
