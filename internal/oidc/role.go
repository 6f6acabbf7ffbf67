package oidc

import (
	"fmt"
	"slices"
	"strings"
)

// Role is the Village role, and for a partner the agency, that the
// identity's claim values map to (Config.Roles, Config.Agencies).
//
// When no value maps to a role, the person has no access: an error
// wrapping ErrNoAccess. When values map to several roles, the least
// privileged of them is given (least privilege; see RolesByPrivilege): an
// administrator who is also in a partners' group signs in as a partner,
// and the issuer's groups should be kept apart accordingly. The agency is
// the one value mapped in Config.Agencies; values mapping to two
// agencies are an error, and so is a partner with no agency, since a
// partner sees only what their agency is allowed.
func (c Config) Role(id Identity) (role, agency string, err error) {
	rank := -1
	agencies := map[string]bool{}
	for _, v := range id.Claims {
		if r, ok := c.Roles[v]; ok {
			if at := slices.Index(byPrivilege, r); at >= 0 && (rank < 0 || at < rank) {
				rank = at
			}
		}
		if a, ok := c.Agencies[v]; ok {
			agencies[a] = true
			agency = a
		}
	}
	if rank < 0 {
		return "", "", fmt.Errorf("%w: %s is in no group mapped to a Village role (%s; their %s: %s)",
			ErrNoAccess, id.Who(), EnvRoles, c.claimName(), listed(id.Claims))
	}
	role = byPrivilege[rank]
	if len(agencies) > 1 {
		return "", "", fmt.Errorf("%w: %s is in groups mapped to %d agencies (%s): a person belongs to one",
			ErrNoAccess, id.Who(), len(agencies), EnvAgencies)
	}
	if role == "partner" && agency == "" {
		return "", "", fmt.Errorf("%w: %s is a partner in no group mapped to an agency (%s)", ErrNoAccess, id.Who(), EnvAgencies)
	}
	return role, agency, nil
}

// claimName is the claim the roles are read from.
func (c Config) claimName() string {
	return c.withDefaults().RoleClaim
}

// Who names the person for the audit log and for errors: their e-mail
// address, else their name, else their subject at the issuer.
func (id Identity) Who() string {
	return firstOf(id.Email, id.Name, id.Subject)
}

// IdentifiedBy says how the person was identified, for app.Actor's
// IdentifiedBy: single sign-on at the issuer.
func (id Identity) IdentifiedBy() string {
	return "single sign-on at " + id.Issuer
}

// listed is values for an error: quoted, the first ten, or "none".
func listed(values []string) string {
	if len(values) == 0 {
		return "none"
	}
	const most = 10
	quoted := make([]string, 0, most)
	for _, v := range values[:min(len(values), most)] {
		quoted = append(quoted, fmt.Sprintf("%q", clip(v, 80)))
	}
	if len(values) > most {
		quoted = append(quoted, fmt.Sprintf("and %d more", len(values)-most))
	}
	return strings.Join(quoted, ", ")
}
