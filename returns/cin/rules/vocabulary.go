package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/village-uk/village/calendar"
)

// The code lists the rules check against, as the DfE's rules name them.
// They are the rules' own, so that each rule can be read against its DfE
// wording; the census's code lists for the reader (cin.Collection.Codes)
// hold the same codes with their meanings.
var (
	ethnicityCodes = []string{"WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
		"AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"}
	disabilityCodes     = []string{"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
	referralSourceCodes = []string{"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
		"5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"}
	primaryNeedCodes      = []string{"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"}
	reasonForClosureCodes = []string{"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"}
	categoryOfAbuseCodes  = []string{"NEG", "PHY", "SAB", "EMO", "MUL"}
	assessmentFactorCodes = []string{"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C",
		"5A", "5B", "5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
		"14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A"}
	sexCodes           = []string{"M", "F", "U"}
	genderCurrentCodes = []string{"0", "1", "2", "9"}
)

// yes reports whether a yes/no field (ReferralNFA, ICPCnotRequired) says
// yes: "true" in any case, or "1", as the XSD's boolean allows.
func yes(v string) bool { v = strings.TrimSpace(v); return strings.EqualFold(v, "true") || v == "1" }

// no reports whether a yes/no field says no: "false" in any case, or "0".
func no(v string) bool { v = strings.TrimSpace(v); return strings.EqualFold(v, "false") || v == "0" }

// validCode reports whether v is one of the codes, written exactly.
func validCode(codes []string, v string) bool { return slices.Contains(codes, v) }

// invalidCode explains a value that is not one of the codes.
func invalidCode(field, value string, codes []string) string {
	if value == "" {
		return field + " is blank"
	}
	for _, c := range codes {
		if strings.EqualFold(c, strings.TrimSpace(value)) {
			return fmt.Sprintf("%s is %q, which would be valid written exactly %q", field, value, c)
		}
	}
	list := strings.Join(codes, ", ")
	if len(codes) > 12 {
		list = strings.Join(codes[:12], ", ") + ", ..."
	}
	return fmt.Sprintf("%s is %q, which is not one of its codes (%s)", field, value, list)
}

// period names the census period in an explanation.
func (in *Input) period() string {
	return fmt.Sprintf("the census period (%s to %s)", iso(in.Start), iso(in.Reference))
}

// dayName names the day of the week of d.
func dayName(d calendar.Date) string { return d.Weekday().String() }

// blank reports whether a value is missing: empty or only spaces.
func blank(v string) bool { return strings.TrimSpace(v) == "" }

// iso writes a date as the census does, YYYY-MM-DD.
func iso(d calendar.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
}

// addMonths returns the same day n months after d, or the month's last
// day when it is shorter: 31 March plus 9 months is 31 December.
func addMonths(d calendar.Date, n int) calendar.Date {
	y, m, day := d.Civil()
	last := calendar.NewDate(y, m+n+1, 0).Day() // day 0 is the month's last
	return calendar.NewDate(y, m+n, min(day, last))
}

// plural formats a count with a noun: "1 plan", "2 plans".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// dateOf returns the date of a year, month and day.
func dateOf(y, m, d int) calendar.Date { return calendar.NewDate(y, m, d) }
