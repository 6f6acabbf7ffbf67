package rules

import (
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// uascRules are the rules on unaccompanied asylum-seeking children.
var uascRules = []*Rule{
	rule104,
	rule231,
	rule303,
	rule304,
	rule392a,
	rule406,
	rule1014,
}

// rule104: if provided, <DUC> must be a valid date and must not be before
// the start of the collection year.
var rule104 = &Rule{
	Code:    "104",
	Message: "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
	Tables:  []ssda903.TableName{ssda903.UASC}, Fields: []string{"DUC"},
	Check: func(c *Context) {
		start := c.Year.Start()
		for _, u := range c.This.UASC {
			switch {
			case u.DUC.Blank():
			case !u.DUC.OK:
				c.Fail(u.Ref, badDate("DUC", u.DUC))
			case u.DUC.Day < start:
				c.Failf(u.Ref, nil, "DUC %s is before the collection year starts on %s", u.DUC.Text, start)
			}
		}
	},
}

// rule231: a UASC child should be over 11 at the end of the collection
// year: <DOB> more than 11 years before it.
var rule231 = &Rule{
	Code: "231", Message: "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
	Description: "If <UASC_STATUS> = 1 then <DOB> should be > 11 years prior to <COLLECTION_END_DATE>.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"DOB"}, From: 2025,
	Check: func(c *Context) {
		uasc := map[string]bool{}
		for _, u := range c.This.UASC {
			uasc[u.CHILD] = true
		}
		end := c.Year.End()
		limit := end.AddYears(-11)
		for _, h := range c.This.Header {
			if uasc[h.CHILD] && h.DOB.OK && h.DOB.Day > limit {
				c.Failf(h.Ref, nil, "the child is UASC but was born %s, after %s, so is under 11 on %s", h.DOB.Text, limit, end)
			}
		}
	},
}

// rule303: if <DUC> is provided, the child's <UASC> must be 1. Both the
// UASC row and the child's Header row are flagged.
var rule303 = &Rule{
	Code:        "303",
	Message:     "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.",
	Description: "If <DUC> is provided, then <UASC> must be '1'.",
	Caveat:      "Checked for XML returns only: the CSV layout has no UASC flag.",
	Tables:      []ssda903.TableName{ssda903.UASC, ssda903.Header}, Fields: []string{"DUC", "UASC"},
	Check: func(c *Context) {
		if !c.This.UASCFlag {
			return
		}
		for _, u := range c.This.UASC {
			if u.DUC.Blank() {
				continue
			}
			h := c.This.HeaderOf(u.CHILD)
			if h == nil || h.UASC == "1" {
				continue
			}
			why := "DUC is " + u.DUC.Text + " but the Header's UASC flag is " + quoteOrBlank(h.UASC)
			c.Fail(u.Ref, why, "DUC")
			c.Fail(h.Ref, why, "UASC")
		}
	},
}

// quoteOrBlank shows a value in quotes, or says it is blank.
func quoteOrBlank(s string) string {
	if s == "" {
		return "blank"
	}
	return `"` + s + `"`
}

// rule304: if <DUC> is provided it must be on or before the 18th birthday.
var rule304 = &Rule{
	Code: "304", Message: "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.",
	Description: "If <DUC> is provided it must be on or before the child's 18th birthday.",
	Tables:      []ssda903.TableName{ssda903.UASC}, Fields: []string{"DUC", "DOB"},
	Check: func(c *Context) {
		for _, u := range c.This.UASC {
			if !u.DUC.OK || !u.DOB.OK {
				continue
			}
			if birthday := u.DOB.Day.AddYears(18); u.DUC.Day > birthday {
				c.Failf(u.Ref, nil, "DUC %s is after the child's 18th birthday on %s (DOB %s)", u.DUC.Text, birthday, u.DOB.Text)
			}
		}
	},
}

// rule392a: an episode of a child who is not UASC (this year or last) and
// not on short breaks must have a distance, that is both postcodes found in
// the postcode directory.
var rule392a = &Rule{
	Code: "392a", Message: "Child is looked after but no distance is recorded.",
	Description: "If <LS> not = 'V3' or 'V4' and <UASC> = '0' and <COLLECTION YEAR> - 1 <UASC> = '0' and " +
		"<COLLECTION YEAR> - 2 <UASC> = '0' then <PL_DISTANCE> must be provided. " +
		"Children with a UASC record this year or last year are left out; a child who was UASC only before " +
		"that may be a false positive.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.UASC}, Fields: []string{"LS", "HOME_POST", "PL_POST"},
	Needs: NeedPostcodes,
	Check: func(c *Context) {
		uasc := formerlyUASC(c)
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) || uasc[e.CHILD] || (e.Derived != nil && e.Derived.HasDistance) {
				continue
			}
			c.Failf(e.Ref, nil, "no distance: HOME_POST %s and PL_POST %s are not both postcodes in the directory",
				showQuoted(e.HOME_POST), showQuoted(e.PL_POST))
		}
	},
}

// rule406: a child who is UASC this year or was last year (has a row in
// either year's UASC table) must have no placement distance: an episode
// whose home and placement postcodes both give a distance fails.
var rule406 = &Rule{
	Code: "406", Message: "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank.",
	Caveat:      caveatFormerUASC,
	Description: "If <UASC> = '1' or <COLLECTION YEAR> - 1 <UASC> = '1' or <COLLECTION YEAR> - 2 <UASC> = '1' Then <PL_DISTANCE> should not be provided. Note: <PL_DISTANCE> is a derived field in most instances.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.UASC}, Fields: []string{"PL_DISTANCE"},
	Needs: NeedPostcodes, Uses: NeedLast,
	Check: func(c *Context) {
		this := make(map[string]bool, len(c.This.UASC))
		for _, u := range c.This.UASC {
			this[u.CHILD] = true
		}
		last := make(map[string]bool, len(c.Last.UASC))
		for _, u := range c.Last.UASC {
			last[u.CHILD] = true
		}
		for _, e := range c.This.Episodes {
			if e.Derived == nil || !e.Derived.HasDistance {
				continue
			}
			var when string
			switch {
			case this[e.CHILD]:
				when = "is UASC this year"
			case last[e.CHILD]:
				when = "was UASC last year"
			default:
				continue
			}
			c.Failf(e.Ref, postcodeFields, "the child %s, but HOME_POST %s and PL_POST %s give a placement distance of %s",
				when, e.HOME_POST, e.PL_POST, showMiles(e.Derived))
		}
	},
}

// rule1014: a UASC child with episodes but none open during the year (a
// care leaver) must not have both UASC information and care leaver
// information: the UASC rows and the OC3 rows with any of <IN_TOUCH>,
// <ACTIV> or <ACCOM> fail.
var rule1014 = &Rule{
	Code: "1014", Message: "UASC information is not required for care leavers",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.UASC, ssda903.OC3}, Fields: []string{"ACTIV", "ACCOM", "IN_TOUCH", "DUC"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		uasc := sharedGroups(c, "this UASC", c.This.UASC, func(u *UASCRow) string { return u.CHILD })
		oc3 := sharedGroups(c, "this OC3", c.This.OC3, func(o *OC3Row) string { return o.CHILD })
		for child, urows := range uasc {
			eps := c.This.EpisodesOf(child)
			if eps == nil {
				continue
			}
			inYear := false
			for _, e := range eps {
				if e.OpenDuring(start, end) {
					inYear = true
					break
				}
			}
			if inYear {
				continue
			}
			var provided []string
			for _, o := range oc3[child] {
				if p, ok := careLeaverInformation(o); ok {
					provided = append(provided, p)
					c.Failf(o.Ref, nil, "%s provided for a UASC child with no episode open during the year", p)
				}
			}
			if len(provided) == 0 {
				continue
			}
			for _, u := range urows {
				c.Failf(u.Ref, nil, "the child has UASC information and care leaver information (%s) but no episode open during the year",
					strings.Join(provided, "; "))
			}
		}
	},
}
