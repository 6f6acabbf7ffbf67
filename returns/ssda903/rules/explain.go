package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// invalidCode explains a value that is not in a code list.
func invalidCode(field, value string, y calendar.Year) string {
	if value == "" {
		return field + " is blank"
	}
	codes := ssda903.Codes(field, y)
	for _, c := range codes {
		if strings.EqualFold(c, strings.TrimSpace(value)) {
			return fmt.Sprintf("%s is %q, which would be valid written exactly %q", field, value, c)
		}
	}
	list := strings.Join(codes, ", ")
	if len(codes) > 12 {
		list = strings.Join(codes[:12], ", ") + ", ..."
	}
	return fmt.Sprintf("%s is %q, which is not in the %s code list (%s)", field, value, y, list)
}

// plural formats a count with a noun: "1 year", "2 years".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// showQuoted shows a submitted value in an explanation: quoted, or
// "blank".
func showQuoted(v string) string {
	if v == "" {
		return "blank"
	}
	return fmt.Sprintf("%q", v)
}

// orBlank shows a submitted value in an explanation as it is, or "blank".
func orBlank(v string) string {
	if v == "" {
		return "blank"
	}
	return v
}
