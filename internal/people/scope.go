package people

import "strings"

// Scope is whose records a person may read: their role, and for a
// partner their agency. Figures are governed by the role's permissions
// alone (a partner sees publishable figures); Scope governs records an
// agency owns, such as the partnership decision register's entries and
// early help cases (issues 15 and 16 bring the first). Every place that
// reads an agency-owned record asks MayRead first.
type Scope struct {
	Role   Role
	Agency string // a partner's agency; blank for the council's own staff
}

// MayRead reports whether the scope reaches a record owned by owner (an
// agency's name, or blank for a record the council owns): a partner
// reaches only their own agency's records, and none when they have no
// agency; the council's staff who may see exact figures (analysts and
// managers) reach every agency's and the council's; administrators and
// auditors, who see no data, reach none. Agencies are matched without
// regard to case or surrounding spaces.
func (s Scope) MayRead(owner string) bool {
	switch {
	case s.Role == Partner:
		mine := strings.TrimSpace(s.Agency)
		return mine != "" && strings.EqualFold(mine, strings.TrimSpace(owner))
	case s.Agency != "":
		return false // only a partner has an agency: a scope otherwise is malformed, so reaches nothing
	}
	return s.Role.May(ExactFigures)
}
