package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/returns/cin"
)

// censusRules are the rules on the census as a whole: its reference date
// and that every child has an episode of need.
var censusRules = []*Rule{
	rule100,
	rule8590,
}

// rule100: <ReferenceDate> must be present and equal 31 March of the
// collection year.
var rule100 = &Rule{
	Code: "100", Message: "Reference Date is incorrect",
	Tables: []Table{cin.Header}, Fields: []string{"ReferenceDate"},
	Check: func(c *Context) {
		want := c.Year.End()
		switch h := c.Header; {
		case h == nil:
			c.Fail(Ref{Table: cin.Header}, "the census has no Header, so no ReferenceDate")
		case !h.ReferenceDate.OK:
			c.Fail(h.Ref(), h.ReferenceDate.NotDate("ReferenceDate"))
		case h.ReferenceDate.Day != want:
			c.Failf(h.Ref(), nil, "ReferenceDate is %s; the %s census's is %s", h.ReferenceDate.Text, c.Year, iso(want))
		}
	},
}

// rule8590: every child must have at least one <CINdetails> group.
var rule8590 = &Rule{
	Code: "8590", Message: "Child does not have a recorded CIN episode.",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"LAchildID"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			if len(ch.Details) == 0 && len(ch.Identifiers) > 0 {
				c.Fail(ch.Identifiers[0].Ref(), "the child has no CINdetails group: every child in the census has at least one episode of need")
			}
		}
	},
}

// childRules are the rules on a child's identifiers and characteristics:
// LAchildID, UPN, sex, dates of birth and death, ethnicity, disabilities.
var childRules = []*Rule{
	rule1510, rule1520, rule1530, rule1540, rule1550, rule1560Q, rule1570, rule1580,
	rule4180Gender, rule4180, rule4220,
	rule8500, rule8510, rule8520, rule8525Q, rule8530Q, rule8535Q, rule8540, rule8545Q,
	rule8750Gender, rule8750, rule8770Q, rule8775Q, rule8790, rule8794,
}

// rule1510: a UPN's first character is the check letter worked from the
// other twelve.
var rule1510 = &Rule{
	Code: "1510", Message: "UPN invalid (wrong check letter at character 1)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if blank(id.UPN) {
				continue
			}
			want, ok := upnCheckLetter(id.UPN)
			if ok && id.UPN[0] != want {
				c.Failf(id.Ref(), nil, "the UPN's check letter is %q; worked from its characters 2 to 13 it should be %q", id.UPN[:1], string(want))
			}
		}
	},
}

// upnLetters are the letters of UPNs, each worth its position: I, O and S
// are never used.
const upnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ"

// upnCheckLetter works out a UPN's check letter as the DfE's UPN guide
// does: characters 2 to 13 weighted 2 to 13 (a letter in the last place,
// in a temporary UPN, worth its place in upnLetters), summed, and the
// remainder on dividing by 23 taken as a place in upnLetters. It is not
// ok when the UPN has not 13 characters that can be weighted; rules 1540
// and 1550 report those.
func upnCheckLetter(upn string) (byte, bool) {
	if len(upn) != 13 {
		return 0, false
	}
	sum := 0
	for i := 1; i < 13; i++ {
		ch := upn[i]
		switch {
		case ch >= '0' && ch <= '9':
			sum += int(ch-'0') * (i + 1)
		case i == 12 && strings.IndexByte(upnLetters, ch) >= 0:
			sum += strings.IndexByte(upnLetters, ch) * (i + 1)
		default:
			return 0, false
		}
	}
	return upnLetters[sum%23], true
}

// rule1520: no two children share a UPN.
var rule1520 = &Rule{
	Code: "1520", Message: "More than one record with the same UPN.",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		upns := 0
		for _, id := range c.Identifiers {
			if !blank(id.UPN) {
				upns++
			}
		}
		count := make(map[string]int, upns)
		for _, id := range c.Identifiers {
			if !blank(id.UPN) {
				count[id.UPN]++
			}
		}
		for _, id := range c.Identifiers {
			if n := count[id.UPN]; n > 1 {
				c.Failf(id.Ref(), nil, "%d children's records have this UPN", n)
			}
		}
	},
}

// rule1540: a UPN's characters 5 to 12 are digits.
var rule1540 = &Rule{
	Code: "1540", Message: "UPN invalid (characters 5-12 not all numeric)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if !blank(id.UPN) && (len(id.UPN) < 12 || !digits(id.UPN[4:12])) {
				c.Failf(id.Ref(), nil, "UPN %q does not have digits in characters 5 to 12", id.UPN)
			}
		}
	},
}

// rule1550: a UPN's character 13 is a digit or a letter other than I, O
// and S.
var rule1550 = &Rule{
	Code: "1550", Message: "UPN invalid (character 13 not a recognised value)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if blank(id.UPN) {
				continue
			}
			if len(id.UPN) < 13 {
				c.Failf(id.Ref(), nil, "UPN %q has no character 13", id.UPN)
				continue
			}
			if last := id.UPN[12]; !digits(id.UPN[12:13]) && strings.IndexByte(upnLetters, last) < 0 {
				c.Failf(id.Ref(), nil, "character 13 of UPN %q is %q: it must be a digit or a capital letter other than I, O and S", id.UPN, string(last))
			}
		}
	},
}

// rule1560Q: a former UPN, when given, has a UPN's form.
var rule1560Q = &Rule{
	Code: "1560Q", Message: "Please check and either amend or provide a reason: Former UPN wrongly formatted",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"FormerUPN"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if !blank(id.FormerUPN) && !upnForm(id.FormerUPN) {
				c.Failf(id.Ref(), nil, "FormerUPN %q is not a letter, eleven digits and a digit or letter", id.FormerUPN)
			}
		}
	},
}

// upnForm reports whether s has the XSD's form of a UPN: a letter, eleven
// digits, then a digit or a letter.
func upnForm(s string) bool {
	if len(s) != 13 || !letter(s[0]) || !digits(s[1:12]) {
		return false
	}
	return digits(s[12:]) || letter(s[12])
}

func letter(b byte) bool { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// rule1570: an LAchildID has at most 20 characters (from 2024/25).
var rule1570 = &Rule{
	Code: "1570", Message: "LA Child ID must not be longer than 20 characters",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"LAchildID"},
	From: 2025,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if n := len([]rune(id.LAchildID)); n > 20 {
				c.Failf(id.Ref(), nil, "LAchildID has %d characters", n)
			}
		}
	},
}

// rule1580: an LAchildID has only letters and digits (from 2024/25).
var rule1580 = &Rule{
	Code: "1580", Message: "LA Child ID must not contain any non-alphanumeric characters",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"LAchildID"},
	From: 2025,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			for _, r := range id.LAchildID {
				if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
					c.Failf(id.Ref(), nil, "LAchildID has the character %q, which is not a letter or digit", r)
					break
				}
			}
		}
	},
}

// rule4180Gender: <GenderCurrent> must be present and valid (to 2023/24).
var rule4180Gender = &Rule{
	Code: "4180", Message: "Gender is missing",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"GenderCurrent"},
	Until: 2024,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if !validCode(genderCurrentCodes, id.GenderCurrent) {
				c.Fail(id.Ref(), invalidCode("GenderCurrent", id.GenderCurrent, genderCurrentCodes))
			}
		}
	},
}

// rule4180: <Sex> must be present and M, F or U (from 2024/25).
var rule4180 = &Rule{
	Code: "4180", Message: "Sex must be provided and equal M, F, or U",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"Sex"},
	From: 2025,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if !validCode(sexCodes, id.Sex) {
				c.Fail(id.Ref(), invalidCode("Sex", id.Sex, sexCodes))
			}
		}
	},
}

// rule4220: <Ethnicity> must be present and a valid code.
var rule4220 = &Rule{
	Code: "4220", Message: "Ethnicity is missing or invalid (see Ethnicity table)",
	Tables: []Table{cin.ChildCharacteristics}, Fields: []string{"Ethnicity"},
	Check: func(c *Context) {
		for _, ch := range c.Characteristics {
			if !validCode(ethnicityCodes, ch.Ethnicity) {
				c.Fail(ch.Ref(), invalidCode("Ethnicity", ch.Ethnicity, ethnicityCodes))
			}
		}
	},
}

// rule8500: every child has an LAchildID.
var rule8500 = &Rule{
	Code: "8500", Message: "LA Child ID missing",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"LAchildID"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if blank(id.LAchildID) {
				c.Fail(id.Ref(), "LAchildID is blank")
			}
		}
	},
}

// rule8510: no two children share an LAchildID.
var rule8510 = &Rule{
	Code: "8510", Message: "More than one child record with the same LA Child ID",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"LAchildID"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			if len(ch.Identifiers) < 2 || blank(ch.LAchildID) {
				continue
			}
			for _, id := range ch.Identifiers {
				c.Failf(id.Ref(), nil, "%d children's records have this LAchildID", len(ch.Identifiers))
			}
		}
	},
}

// rule8520: <PersonBirthDate> must be on or before the reference date.
var rule8520 = &Rule{
	Code: "8520", Message: "Date of Birth is after data collection period (must be on or before the end of the census period)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"PersonBirthDate"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if d := id.PersonBirthDate; d.OK && d.Day > c.Reference {
				c.Failf(id.Ref(), nil, "PersonBirthDate %s is after the reference date %s", d.Text, iso(c.Reference))
			}
		}
	},
}

// rule8525Q: either a date of birth or an expected date of birth, not
// both.
var rule8525Q = &Rule{
	Code: "8525Q", Message: "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"PersonBirthDate", "ExpectedPersonBirthDate"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			born, expected := !id.PersonBirthDate.Blank(), !id.ExpectedPersonBirthDate.Blank()
			switch {
			case born && expected:
				c.Fail(id.Ref(), "both PersonBirthDate and ExpectedPersonBirthDate are given")
			case !born && !expected:
				c.Fail(id.Ref(), "neither PersonBirthDate nor ExpectedPersonBirthDate is given")
			}
		}
	},
}

// rule8530Q: an expected date of birth falls between 30 days before the
// reference date and nine months after it.
var rule8530Q = &Rule{
	Code: "8530Q", Message: "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"ExpectedPersonBirthDate"},
	Check: func(c *Context) {
		from, to := c.Reference.AddDays(-30), addMonths(c.Reference, 9)
		for _, id := range c.Identifiers {
			if d := id.ExpectedPersonBirthDate; d.OK && (d.Day < from || d.Day > to) {
				c.Failf(id.Ref(), nil, "ExpectedPersonBirthDate %s is not between %s and %s", d.Text, iso(from), iso(to))
			}
		}
	},
}

// rule8535Q: a child's date of death is not before their date of birth.
var rule8535Q = &Rule{
	Code: "8535Q", Message: "Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"PersonBirthDate", "PersonDeathDate"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if b, d := id.PersonBirthDate, id.PersonDeathDate; b.OK && d.OK && d.Day < b.Day {
				c.Failf(id.Ref(), nil, "PersonDeathDate %s is before PersonBirthDate %s", d.Text, b.Text)
			}
		}
	},
}

// rule8540: each disability is a valid code.
var rule8540 = &Rule{
	Code: "8540", Message: "Child’s disability is missing or invalid (see Disability table)",
	Tables: []Table{cin.Disabilities}, Fields: []string{"Disability"},
	Check: func(c *Context) {
		for _, d := range c.Disabilities {
			if !validCode(disabilityCodes, d.Disability) {
				c.Fail(d.Ref(), invalidCode("Disability", d.Disability, disabilityCodes))
			}
		}
	},
}

// rule8545Q: a date of death, when given, is in the census period.
var rule8545Q = &Rule{
	Code: "8545Q", Message: "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"PersonDeathDate"},
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if d := id.PersonDeathDate; d.OK && !c.InCensus(d.Day) {
				c.Failf(id.Ref(), nil, "PersonDeathDate %s is outside %s", d.Text, c.period())
			}
		}
	},
}

// rule8750Gender: an unborn child's GenderCurrent is 0 (to 2023/24).
var rule8750Gender = &Rule{
	Code: "8750", Message: "Gender must equal 0 for an unborn child",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"GenderCurrent", "PersonBirthDate", "ExpectedPersonBirthDate"},
	Until: 2024,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if unborn(id) && id.GenderCurrent != "0" {
				c.Failf(id.Ref(), nil, "the child is unborn (an expected date of birth and no date of birth) and GenderCurrent is %s, not 0", showValue(id.GenderCurrent))
			}
		}
	},
}

// rule8750: an unborn child's Sex is U (from 2024/25).
var rule8750 = &Rule{
	Code: "8750", Message: "Sex must equal U for an unborn child",
	Tables: []Table{cin.ChildIdentifiers}, Fields: []string{"Sex", "PersonBirthDate", "ExpectedPersonBirthDate"},
	From: 2025,
	Check: func(c *Context) {
		for _, id := range c.Identifiers {
			if unborn(id) && id.Sex != "U" {
				c.Failf(id.Ref(), nil, "the child is unborn (an expected date of birth and no date of birth) and Sex is %s, not U", showValue(id.Sex))
			}
		}
	},
}

// unborn reports whether the child is unborn: an expected date of birth
// and no date of birth.
func unborn(id *Identifiers) bool {
	return !id.ExpectedPersonBirthDate.Blank() && id.PersonBirthDate.Blank()
}

// showValue shows a submitted value in an explanation: quoted, or
// "blank".
func showValue(v string) string {
	if v == "" {
		return "blank"
	}
	return fmt.Sprintf("%q", v)
}

// rule8775Q: a child over 25 at the reference date is queried unless their
// episodes all closed before they turned 25.
var rule8775Q = &Rule{
	Code: "8775Q", Message: "Please check and either amend data or provide a reason: Child is over 25 years old",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"PersonBirthDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			born, ok := ch.Born()
			if !ok || born >= c.Reference.AddYears(-25) {
				continue
			}
			turned25 := born.AddYears(25)
			for _, d := range ch.Details {
				if !d.CINclosureDate.OK || d.CINclosureDate.Day > turned25 {
					c.Failf(d.Ref(), []string{"CINreferralDate", "CINclosureDate"},
						"the child was born on %s, more than 25 years before the reference date, and this episode is open or closed after they turned 25 (%s)",
						iso(born), iso(turned25))
				}
			}
		}
	},
}

// rule8790: NONE is the child's only disability when given.
var rule8790 = &Rule{
	Code: "8790", Message: "Disability information includes both None and other values",
	Tables: []Table{cin.Disabilities}, Fields: []string{"Disability"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			none := false
			for _, d := range ch.Disabilities {
				none = none || strings.EqualFold(strings.TrimSpace(d.Disability), "NONE")
			}
			if !none || len(ch.Disabilities) < 2 {
				continue
			}
			for _, d := range ch.Disabilities {
				if !strings.EqualFold(strings.TrimSpace(d.Disability), "NONE") {
					c.Failf(d.Ref(), nil, "the child has the disability NONE and also %s", showValue(d.Disability))
				}
			}
		}
	},
}

// rule8794: a child has no disability code twice.
var rule8794 = &Rule{
	Code: "8794", Message: "Child has two or more disabilities with the same code",
	Tables: []Table{cin.Disabilities}, Fields: []string{"Disability"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			seen := map[string]int{}
			for _, d := range ch.Disabilities {
				seen[strings.ToUpper(strings.TrimSpace(d.Disability))]++
			}
			for _, d := range ch.Disabilities {
				if n := seen[strings.ToUpper(strings.TrimSpace(d.Disability))]; n > 1 && !blank(d.Disability) {
					c.Failf(d.Ref(), nil, "the child has the disability %s %d times", showValue(d.Disability), n)
				}
			}
		}
	},
}
