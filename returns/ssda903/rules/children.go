package rules

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// childRules are the rules on the child's details in the Header: sex, date
// of birth, ethnicity, UPN and motherhood.
var childRules = []*Rule{
	rule101,
	rule102,
	rule103,
	rule105,
	rule168,
	rule171,
	rule174,
	rule209,
	rule232,
	rule301,
	rule351,
	rule444,
	rule611,
	rule612,
	rule620,
	rule621,
}

// rule101: <SEX> must be present and a valid code (M, F or U from 2024/25).
var rule101 = &Rule{
	Code: "101", Message: "The child or young person’s reported sex is not valid.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX"},
	From: 2025,
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if !ssda903.ValidCode("SEX", h.SEX, c.Year) {
				c.Fail(h.Ref, invalidCode("SEX", h.SEX, c.Year))
			}
		}
	},
}

// rule102: <DOB> must be present and a valid date.
var rule102 = &Rule{
	Code: "102", Message: "Date of birth is not a valid date.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if !h.DOB.OK {
				c.Fail(h.Ref, badDate("DOB", h.DOB))
			}
		}
	},
}

// rule103: <ETHNIC> must be present and a valid code.
var rule103 = &Rule{
	Code: "103", Message: "The ethnicity code is either not valid or has not been entered.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"ETHNIC"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if !ssda903.ValidCode("ETHNIC", h.ETHNIC, c.Year) {
				c.Fail(h.Ref, invalidCode("ETHNIC", h.ETHNIC, c.Year))
			}
		}
	},
}

// rule105: <UASC> must be present and 0 or 1.
var rule105 = &Rule{
	Code:    "105",
	Message: "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
	Caveat:  "Checked for XML returns only: the CSV layout has no UASC flag.",
	Tables:  []ssda903.TableName{ssda903.Header}, Fields: []string{"UASC"},
	Check: func(c *Context) {
		if !c.This.UASCFlag {
			return
		}
		for _, h := range c.This.Header {
			if h.UASC != "0" && h.UASC != "1" {
				c.Fail(h.Ref, invalidCode("UASC", h.UASC, c.Year))
			}
		}
	},
}

// rule168: UPN, when given, must be a letter other than I, O or S followed
// by 12 digits or by 11 digits and a letter, or one of UN1 to UN5.
var rule168 = &Rule{
	Code:    "168",
	Message: "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
	Tables:  []ssda903.TableName{ssda903.Header},
	Fields:  []string{"UPN"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if h.UPN != "" && !validUPN(h.UPN) {
				c.Failf(h.Ref, nil, "UPN %q is neither a letter (other than I, O or S) followed by 12 digits, "+
					"or by 11 digits and a letter, nor one of UN1 to UN5", h.UPN)
			}
		}
	},
}

// validUPN reports whether a UPN is a letter other than I, O or S
// followed by 12 digits, or by 11 digits and a letter, or one of UN1 to UN5.
func validUPN(upn string) bool {
	if len(upn) == 3 && upn[:2] == "UN" && upn[2] >= '1' && upn[2] <= '5' {
		return true
	}
	if len(upn) != 13 {
		return false
	}
	upper := func(b byte) bool { return b >= 'A' && b <= 'Z' }
	digit := func(b byte) bool { return b >= '0' && b <= '9' }
	if !upper(upn[0]) || upn[0] == 'I' || upn[0] == 'O' || upn[0] == 'S' {
		return false
	}
	for i := 1; i < 12; i++ {
		if !digit(upn[i]) {
			return false
		}
	}
	return digit(upn[12]) || upper(upn[12])
}

// rule171: MC_DOB, when given, must be a valid date.
var rule171 = &Rule{
	Code:    "171",
	Message: "Date of birth of mother's child is not a valid date.",
	Tables:  []ssda903.TableName{ssda903.Header},
	Fields:  []string{"MC_DOB"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if !h.MC_DOB.Blank() && !h.MC_DOB.OK {
				c.Failf(h.Ref, nil, "MC_DOB %q is not a valid DD/MM/YYYY date", h.MC_DOB.Text)
			}
		}
	},
}

// rule174: a male child (SEX M) must not have MC_DOB.
var rule174 = &Rule{
	Code:    "174",
	Message: "Mother's child date of birth is recorded but sex shows that the child is a male.",
	Tables:  []ssda903.TableName{ssda903.Header},
	Fields:  []string{"SEX", "MC_DOB"},
	From:    2025,
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if h.SEX == "M" && !h.MC_DOB.Blank() {
				c.Failf(h.Ref, nil, "MC_DOB is %s but SEX is M (male)", h.MC_DOB.Text)
			}
		}
	},
}

// rule209: a child aged 4 or more on 31 August of the year before the
// collection year starts must not have <UPN> UN1.
var rule209 = &Rule{
	Code: "209", Message: "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
	Description: "If <DOB> >= 4 years prior to 31/08/YYYY then <UPN> should not be 'UN1'. Note: YYYY in this " +
		"instance refers to the year prior to the collection start (for collection year 2019-2020, it would be " +
		"looking at the 31/08/2018).",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"UPN", "DOB"},
	Check: func(c *Context) {
		ref := calendar.NewDate(c.Year.Start().Year()-1, 8, 31)
		for _, h := range c.This.Header {
			if h.UPN == "UN1" && h.DOB.OK && h.DOB.Day.AddYears(4) <= ref {
				c.Failf(h.Ref, nil, "UPN is UN1 but the child, born %s, was 4 or older on %s and so of school age", h.DOB.Text, ref)
			}
		}
	},
}

// rule232: <SEX> U (unknown) is queried.
var rule232 = &Rule{
	Code: "232", Message: "Sex of the child/young person has been reported as unknown.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX"}, From: 2025,
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if h.SEX == "U" {
				c.Fail(h.Ref, "SEX is U (unknown)")
			}
		}
	},
}

// rule301: <DOB> must be <= <COLLECTION_END_DATE>.
var rule301 = &Rule{
	Code: "301", Message: "Date of birth falls after the year ended.",
	Description: "<DOB> must be <= <COLLECTION_END_DATE>.",
	Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, h := range c.This.Header {
			if h.DOB.OK && h.DOB.Day > end {
				c.Failf(h.Ref, nil, "DOB %s is after the collection year ended on %s", h.DOB.Text, end)
			}
		}
	},
}

// rule351: the child must not have turned 25 before the collection year
// started.
var rule351 = &Rule{
	Code: "351", Message: "Child was over 25 at the start of the current collection year.",
	Description: "The child's 25th birthday must not be before <COLLECTION_START_DATE>.",
	Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"},
	Check: func(c *Context) {
		start := c.Year.Start()
		for _, h := range c.This.Header {
			if !h.DOB.OK {
				continue
			}
			if birthday := h.DOB.Day.AddYears(25); birthday < start {
				c.Failf(h.Ref, nil, "DOB %s: the child turned 25 on %s, before the year started on %s", h.DOB.Text, birthday, start)
			}
		}
	},
}

// rule444: a <UPN> other than UN1 to UN5 must appear only once in the
// Header; every row with a repeated one fails.
var rule444 = &Rule{
	Code: "444", Message: "Duplicate UPN has been reported",
	Description: "If <UPN> is provided and <UPN> is not in 'UN1', 'UN2', 'UN3', 'UN4', 'UN5' then <UPN> must be unique within the LA return in that year.",
	Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"UPN"}, From: 2026,
	Check: func(c *Context) {
		count := make(map[string]int, len(c.This.Header))
		for _, h := range c.This.Header {
			switch h.UPN {
			case "", "UN1", "UN2", "UN3", "UN4", "UN5":
			default:
				count[h.UPN]++
			}
		}
		for _, h := range c.This.Header {
			if n := count[h.UPN]; n > 1 {
				c.Failf(h.Ref, nil, "UPN %s is reported for %d Header rows", h.UPN, n)
			}
		}
	},
}

// rule611: a mother (<MOTHER> 1) must have <MC_DOB>.
var rule611 = &Rule{
	Code: "611", Message: "Date of birth field is blank, but child is a mother.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"MOTHER", "MC_DOB"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if h.MOTHER == "1" && h.MC_DOB.Blank() {
				c.Fail(h.Ref, "MOTHER is 1 but MC_DOB is blank")
			}
		}
	},
}

// rule612: a girl not recorded as a mother (<MOTHER> 0 or blank) must not
// have <MC_DOB>.
var rule612 = &Rule{
	Code: "612", Message: "Date of birth field has been completed but mother field indicates child is not a mother.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX", "MOTHER", "MC_DOB"}, From: 2025,
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if (h.MOTHER == "0" || h.MOTHER == "") && h.SEX == "F" && !h.MC_DOB.Blank() {
				c.Failf(h.Ref, nil, "MC_DOB is %q but MOTHER is %s", h.MC_DOB.Text, showQuoted(h.MOTHER))
			}
		}
	},
}

// rule620: a mother (<MOTHER> 1) must be 11 or older at the start of the
// collection year.
var rule620 = &Rule{
	Code: "620", Message: "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB", "MOTHER"},
	Check: func(c *Context) {
		start := c.Year.Start()
		for _, h := range c.This.Header {
			if h.MOTHER == "1" && h.DOB.OK && h.DOB.Day.AddYears(11) > start {
				c.Failf(h.Ref, nil, "MOTHER is 1 but the child, born %s, is under 11 on %s", h.DOB.Text, start)
			}
		}
	},
}

// rule621: a given <MC_DOB> must be after the mother's <DOB>. As the peer
// does, a valid MC_DOB with a DOB that is not a valid date fails too.
var rule621 = &Rule{
	Code: "621", Message: "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB", "MC_DOB"},
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if !h.MC_DOB.OK || (h.DOB.OK && h.MC_DOB.Day > h.DOB.Day) {
				continue
			}
			if h.DOB.OK {
				c.Failf(h.Ref, nil, "MC_DOB %s is not after the mother's DOB %s", h.MC_DOB.Text, h.DOB.Text)
			} else {
				c.Failf(h.Ref, nil, "MC_DOB %s is given but DOB is %s, so the mother cannot be shown to be older", h.MC_DOB.Text,
					h.DOB.Shown())
			}
		}
	},
}
