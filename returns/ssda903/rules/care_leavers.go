package rules

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// careLeaverRules are the rules on care leavers (OC3): being in touch,
// activity and accommodation.
var careLeaverRules = []*Rule{
	rule131,
	rule132,
	rule133,
	rule153,
	rule165,
	rule215,
	rule344,
	rule345,
	rule347,
	rule391,
	rule628,
	rule1000,
	rule1007,
	rule1011,
	rule1016,
	rule3001,
}

// rule131: <IN_TOUCH> must be present and a valid code.
var rule131 = &Rule{
	Code: "131", Message: "Data entry for being in touch after leaving care is invalid.",
	Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"IN_TOUCH"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			failBadCode(c, o.Ref, "IN_TOUCH", o.IN_TOUCH, false)
		}
	},
}

// rule132: <ACTIV> must be present and a valid code.
var rule132 = &Rule{
	Code: "132", Message: "Data entry for activity after leaving care is invalid.",
	Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"ACTIV"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			failBadCode(c, o.Ref, "ACTIV", o.ACTIV, false)
		}
	},
}

// rule133: <ACCOM> must be present and a valid code.
var rule133 = &Rule{
	Code: "133",
	Message: "Data entry for accommodation after leaving care is invalid. If reporting on a childs " +
		"accommodation after leaving care the data entry must be valid",
	Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"ACCOM"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			failBadCode(c, o.Ref, "ACCOM", o.ACCOM, false)
		}
	},
}

// rule153: the OC3 items IN_TOUCH, ACTIV and ACCOM must all be completed
// or all be left blank.
var rule153 = &Rule{
	Code:    "153",
	Message: "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
	Tables:  []ssda903.TableName{ssda903.OC3},
	Fields:  careLeaverFieldNames,
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if n := countGiven(o.IN_TOUCH, o.ACTIV, o.ACCOM); n == 0 || n == len(careLeaverFieldNames) {
				continue
			}
			if why := allOrNone(careLeaverValues(o)); why != "" {
				c.Fail(o.Ref, why)
			}
		}
	},
}

// rule165: MOTHER, when provided, must be 0 or 1 and the child must not be
// male; a girl looked after during the year (an episode, other than a
// short break, open at some time in the year) must have MOTHER completed;
// a girl with episodes but none in the year who has care leaver (OC3) data
// must not. Only children with an episode other than a short break (LS V3,
// V4) are checked. The Header row and the child's OC3 rows are flagged.
var rule165 = &Rule{
	Code:    "165",
	Message: "Data entry for mother status is invalid.",
	Description: "If provided <MOTHER> must be a valid value (and child must be female). If not provided <MOTHER> " +
		"then either <GENDER> is male or no episode record for current year and any of <IN_TOUCH>, <ACTIV> " +
		"or <ACCOM> have been provided.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes, ssda903.OC3},
	Fields: []string{"MOTHER", "SEX", "ACTIV", "ACCOM", "IN_TOUCH"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		// finding is a Header row that fails for why, or, when why is "", that
		// fails only if the child has care leaver information in OC3.
		type finding struct {
			header *HeaderRow
			why    string
		}
		found := map[string][]finding{}
		for _, h := range c.This.Header {
			sex := explainSex(h.SEX, c.Year)
			validMother := h.MOTHER == "" || ssda903.ValidCode("MOTHER", h.MOTHER, c.Year)
			if validMother && sex != "Female" && (h.MOTHER == "" || sex != "Male") {
				continue // passes whatever the episodes
			}
			// An episode other than a short break, and one open in the year; the
			// latest episodes are the likeliest to be in the year.
			checked, inYear := false, false
			episodes := c.This.EpisodesOf(h.CHILD)
			for i := len(episodes) - 1; i >= 0 && !inYear; i-- {
				e := episodes[i]
				if ShortBreak(e.LS) {
					continue
				}
				checked = true
				inYear = e.OpenDuring(start, end)
			}
			if !checked {
				continue
			}
			var why string
			switch {
			case !validMother:
				why = fmt.Sprintf("MOTHER is %q, which is not 0 or 1", h.MOTHER)
			case h.MOTHER != "" && sex == "Male":
				why = fmt.Sprintf("MOTHER is %s but SEX is %s (male)", h.MOTHER, h.SEX)
			case h.MOTHER == "" && sex == "Female" && inYear:
				why = fmt.Sprintf("MOTHER is blank for a girl (SEX %s) looked after during %s", h.SEX, c.Year)
			case h.MOTHER != "" && sex == "Female" && !inYear:
				found[h.CHILD] = append(found[h.CHILD], finding{header: h})
				continue
			default:
				continue
			}
			c.Fail(h.Ref, why, "MOTHER", "SEX")
			found[h.CHILD] = append(found[h.CHILD], finding{header: h, why: why})
		}
		if len(found) == 0 {
			return
		}
		flagged := map[*HeaderRow]bool{}
		for _, o := range c.This.OC3 {
			var why string // the first reason the row fails
			for _, f := range found[o.CHILD] {
				if f.why != "" {
					why = cmp.Or(why, "in Header, "+f.why)
					continue
				}
				given, _ := splitGiven(careLeaverValues(o))
				if len(given) == 0 {
					continue
				}
				because := fmt.Sprintf("MOTHER is %s for a girl (SEX %s) with no episode during %s but with care "+
					"leaver information (%s)", f.header.MOTHER, f.header.SEX, c.Year, showValues(given))
				if !flagged[f.header] {
					c.Fail(f.header.Ref, because, "MOTHER", "SEX")
					flagged[f.header] = true
				}
				why = cmp.Or(why, because)
			}
			if why != "" {
				c.Fail(o.Ref, why, "IN_TOUCH", "ACTIV", "ACCOM")
			}
		}
	},
}

// explainSex reads SEX as the year's code list means it: "Male", "Female"
// or "" (unknown, or not a valid code in year y).
func explainSex(sex string, y calendar.Year) string {
	if !ssda903.ValidCode("SEX", sex, y) {
		return ""
	}
	meaning, _ := ssda903.CodeMeaning("SEX", sex)
	if meaning == "Male" || meaning == "Female" {
		return meaning
	}
	return ""
}

// rule215: a child with care leaver information (OC3 <IN_TOUCH>, <ACTIV>
// or <ACCOM>) must have none of the OC2 items for children looked after
// for 12 months. Both rows are flagged.
var rule215 = &Rule{
	Code: "215", Message: "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.",
	Description: "If any of <IN_TOUCH>, <ACTIV> or <ACCOM> have been provided then <CONVICTED>; <HEALTH_CHECK>; " +
		"<IMMUNISATIONS>; <TEETH_CHECK>; <HEALTH_ASSESSMENT>; <SUBSTANCE_MISUSE>; <INTERVENTION_RECEIVED>; " +
		"<INTERVENTION_OFFERED> should not be provided.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.OC3},
	Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
		"HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
	Check: func(c *Context) {
		oc2 := sharedGroups(c, "this OC2", c.This.OC2, func(o *OC2Row) string { return o.CHILD })
		flagged := map[*OC2Row]bool{}
		for _, r := range c.This.OC3 {
			if r.IN_TOUCH == "" && r.ACTIV == "" && r.ACCOM == "" {
				continue
			}
			var leaver []string
			for _, f := range []struct{ name, v string }{{"IN_TOUCH", r.IN_TOUCH}, {"ACTIV", r.ACTIV}, {"ACCOM", r.ACCOM}} {
				if f.v != "" {
					leaver = append(leaver, fmt.Sprintf("%s %q", f.name, f.v))
				}
			}
			oc3Flagged := false
			for _, o := range oc2[r.CHILD] {
				given := givenOutcomeFields(o)
				if len(given) == 0 {
					continue
				}
				why := fmt.Sprintf("care leaver information (%s) is given, and so are the OC2 items %s",
					strings.Join(leaver, ", "), strings.Join(given, ", "))
				if !oc3Flagged {
					oc3Flagged = true
					c.Fail(r.Ref, why)
				}
				if !flagged[o] {
					flagged[o] = true
					c.Fail(o.Ref, why)
				}
			}
		}
	},
}

// givenOutcomeFields names the OC2 items of rule 215 that the row gives.
func givenOutcomeFields(o *OC2Row) []string {
	var given []string
	for _, f := range []struct{ name, v string }{
		{"CONVICTED", o.CONVICTED}, {"HEALTH_CHECK", o.HEALTH_CHECK}, {"IMMUNISATIONS", o.IMMUNISATIONS},
		{"TEETH_CHECK", o.TEETH_CHECK}, {"HEALTH_ASSESSMENT", o.HEALTH_ASSESSMENT}, {"SUBSTANCE_MISUSE", o.SUBSTANCE_MISUSE},
		{"INTERVENTION_RECEIVED", o.INTERVENTION_RECEIVED}, {"INTERVENTION_OFFERED", o.INTERVENTION_OFFERED},
	} {
		if f.v != "" {
			given = append(given, f.name)
		}
	}
	return given
}

// rule344: if <IN_TOUCH> = 'DIED' or 'RHOM', <ACTIV> and <ACCOM> must be 0.
var rule344 = &Rule{
	Code: "344", Message: "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
	Description: "If <IN_TOUCH> = 'DIED' or 'RHOM' then <ACTIV> and <ACCOM> should not be provided (0 for this).",
	Tables:      []ssda903.TableName{ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if !oneOf(o.IN_TOUCH, "DIED", "RHOM") || (o.ACTIV == "0" && o.ACCOM == "0") {
				continue
			}
			c.Failf(o.Ref, nil, "IN_TOUCH is %s but ACTIV is %s and ACCOM is %s; both should be 0",
				o.IN_TOUCH, showQuoted(o.ACTIV), showQuoted(o.ACCOM))
		}
	},
}

// rule345: if <IN_TOUCH> = 'YES', <ACTIV> and <ACCOM> must not be 0.
var rule345 = &Rule{
	Code: "345", Message: "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
	Description: "If <IN_TOUCH> = 'YES' then <ACTIV> and <ACCOM> must not be 0.",
	Tables:      []ssda903.TableName{ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if o.IN_TOUCH == "YES" && (o.ACTIV == "0" || o.ACCOM == "0") {
				c.Failf(o.Ref, nil, "IN_TOUCH is YES but ACTIV is %s and ACCOM is %s; neither may be 0",
					showQuoted(o.ACTIV), showQuoted(o.ACCOM))
			}
		}
	},
}

// rule347: a care leaver in a foyer (ACCOM T1 or T2) must have been 18
// or over at the start of the collection year.
var rule347 = &Rule{
	Code: "347", Message: "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
	Description: "If <ACCOM> = 'T' (a foyer: T1 or T2) then <DOB> must be >= 18 years prior to <COLLECTION_START_DATE>.",
	Tables:      []ssda903.TableName{ssda903.OC3}, Fields: []string{"ACCOM", "DOB"}, From: 2024,
	Check: func(c *Context) {
		start := c.Year.Start()
		for _, o := range c.This.OC3 {
			if !oneOf(o.ACCOM, "T1", "T2") {
				continue
			}
			if age, ok := AgeOn(o.DOB, start); ok && age < 18 {
				c.Failf(o.Ref, nil, "ACCOM is %s (foyer) but the young person was %d on %s, the start of the year (DOB %s)",
					o.ACCOM, age, start, o.DOB.Text)
			}
		}
	},
}

// rule391: a young person whose 17th birthday is after the end of the
// collection year must have no IN_TOUCH, ACTIV or ACCOM.
var rule391 = &Rule{
	Code: "391", Message: "Young person was not 17, 18, 19, 20 or 21 during the current collection year.",
	Description: "If <DOB> < 17 years prior to <COLLECTION_END_DATE> then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.OC3}, Fields: []string{"DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, o := range c.This.OC3 {
			if !o.DOB.OK || (o.IN_TOUCH == "" && o.ACTIV == "" && o.ACCOM == "") {
				continue
			}
			if birthday := o.DOB.Day.AddYears(17); birthday > end {
				c.Failf(o.Ref, nil, "the young person turns 17 on %s (DOB %s), after the year ends, but IN_TOUCH, ACTIV or ACCOM is given",
					birthday, o.DOB.Text)
			}
		}
	},
}

// rule628: a care leaver (care leaver information in OC3) with no
// episodes this year must have no <MOTHER>.
var rule628 = &Rule{
	Code: "628", Message: "Motherhood details are not required for care leavers who have not been looked after during the year.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header, ssda903.OC3}, Fields: []string{"MOTHER"},
	Check: func(c *Context) {
		leaver := map[string]bool{}
		for _, r := range c.This.OC3 {
			if r.IN_TOUCH != "" || r.ACTIV != "" || r.ACCOM != "" {
				leaver[r.CHILD] = true
			}
		}
		for _, h := range c.This.Header {
			if h.MOTHER != "" && leaver[h.CHILD] && len(c.This.EpisodesOf(h.CHILD)) == 0 {
				c.Failf(h.Ref, nil, "MOTHER is %q but the child is a care leaver with care leaver information and no episodes this year", h.MOTHER)
			}
		}
	},
}

// rule1000: a child whose episode ended with <REC> E2 (died), this year
// or last, must have no OC3 row.
var rule1000 = &Rule{
	Code: "1000", Message: "This child is recorded as having died in care and therefore should not have the care leaver information completed.",
	Caveat: caveatTwoYears,
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, Uses: NeedLast,
	Check: func(c *Context) {
		died := map[string]string{} // child -> "this year" or "last year"
		for _, e := range c.Last.Episodes {
			if e.REC == "E2" {
				died[e.CHILD] = "last year"
			}
		}
		for _, e := range c.This.Episodes {
			if e.REC == "E2" {
				died[e.CHILD] = "this year"
			}
		}
		for _, o := range c.This.OC3 {
			if when, ok := died[o.CHILD]; ok {
				c.Failf(o.Ref, nil, "the child has care leaver information but an episode %s ended with REC E2 (died)", when)
			}
		}
	},
}

// rule1007: a young person aged 17 or 18 at the end of the year who was
// looked after on their latest birthday (an episode started on or before
// it and did not end until after it, or has not ended) must have no care
// leaver information. The date of birth is the OC3 row's.
var rule1007 = &Rule{
	Code: "1007", Message: "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
	Description: "If <DOB> < 19 and >= to 17 years prior to <COLLECTION_END_DATE> and current episode <DEC> and or <REC> not provided then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"},
	Check: func(c *Context) {
		eachCareLeaver(c, func(o *OC3Row, provided string, age int, birthday calendar.Date) {
			for _, e := range c.This.EpisodesOf(o.CHILD) {
				if e.DECOM.OK && e.DECOM.Day <= birthday && (!e.DEC.OK || e.DEC.Day > birthday) {
					c.Failf(o.Ref, nil, "%s provided, but the young person (DOB %s) was looked after on their %dth birthday %s (episode DECOM %s, DEC %s)",
						provided, o.DOB.Text, age, birthday, e.DECOM.Text, orBlank(e.DEC.Text))
					break
				}
			}
		})
	},
}

// rule1011: if the child's final episode (latest <DECOM>) ended with
// <REC> E3 (care taken over by another local authority), <IN_TOUCH>,
// <ACTIV> and <ACCOM> must not be provided.
var rule1011 = &Rule{
	Code: "1011", Message: "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
	Description: "If final <REC> = 'E3' then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			provided, ok := careLeaverInformation(o)
			if !ok {
				continue
			}
			if final := finalEpisode(c.This.EpisodesOf(o.CHILD)); final != nil && final.REC == "E3" {
				c.Failf(o.Ref, nil, "%s provided, but the child's final episode (DECOM %s) ended with REC E3", provided, final.DECOM.Text)
			}
		}
	},
}

// rule1016: a young person aged 17 or 18 at the end of the year with an
// episode that ended (<DEC>) on or after their latest birthday must have
// no care leaver information. The date of birth is the OC3 row's.
var rule1016 = &Rule{
	Code: "1016", Message: "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
	Description: "If <DOB> < 19 and >= to 17 years prior to <COLLECTION_END_DATE> and current episode <DEC> is present and after the birthdate then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, From: 2024,
	Check: func(c *Context) {
		eachCareLeaver(c, func(o *OC3Row, provided string, age int, birthday calendar.Date) {
			for _, e := range c.This.EpisodesOf(o.CHILD) {
				if e.DEC.OK && e.DEC.Day >= birthday {
					c.Failf(o.Ref, nil, "%s provided, but the young person (DOB %s) ceased to be looked after on DEC %s, on or after their %dth birthday %s",
						provided, o.DOB.Text, e.DEC.Text, age, birthday)
					break
				}
			}
		})
	},
}

// rule3001: a young person whose 17th birthday falls in the year must not
// have <ACCOM> Z1 or Z2 (with former foster carers).
var rule3001 = &Rule{
	Code: "3001", Message: "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.OC3}, Fields: []string{"ACCOM"},
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if o.ACCOM != "Z1" && o.ACCOM != "Z2" {
				continue
			}
			h := c.This.HeaderOf(o.CHILD)
			if h == nil || !h.DOB.OK {
				continue
			}
			if seventeen := h.DOB.Day.AddYears(17); c.Year.Contains(seventeen) {
				c.Failf(o.Ref, nil, "ACCOM is %s but the young person's 17th birthday %s (DOB %s) is in the collection year", o.ACCOM, seventeen, h.DOB.Text)
			}
		}
	},
}

// eachCareLeaver calls fn for each OC3 row with care leaver information of a
// young person aged 17 or 18 at the end of the year (by the row's DOB), with
// the items provided, the age and the latest birthday.
func eachCareLeaver(c *Context, fn func(o *OC3Row, provided string, age int, birthday calendar.Date)) {
	end := c.Year.End()
	for _, o := range c.This.OC3 {
		provided, ok := careLeaverInformation(o)
		if !ok {
			continue
		}
		age, ok := AgeOn(o.DOB, end)
		if !ok || age < 17 || age > 18 {
			continue
		}
		fn(o, provided, age, o.DOB.Day.AddYears(age))
	}
}
