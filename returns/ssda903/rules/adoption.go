package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// adoptionRules are the rules on adoption: decisions and matches (AD1) and
// placements for adoption (PlacedAdoption).
var adoptionRules = []*Rule{
	rule112,
	rule113,
	rule114,
	rule115,
	rule116,
	rule117,
	rule118,
	rule119,
	rule120,
	rule134,
	rule151,
	rule175,
	rule176,
	rule177,
	rule184,
	rule187,
	rule331,
	rule333,
	rule334,
	rule335,
	rule511,
	rule514,
	rule517,
	rule518,
	rule519,
	rule520,
	rule521,
	rule522,
	rule523,
	rule524,
	rule525,
	rule551,
	rule552,
	rule553,
	rule554,
	rule557,
	rule558,
	rule563,
	rule579,
	rule582,
	rule583,
	rule601,
	rule602,
	rule1003,
}

// rule112: if provided, <DATE_INT> must be a valid date.
var rule112 = &Rule{
	Code: "112", Message: "Date should be placed for adoption is not a valid date.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_INT"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			if !a.DATE_INT.Blank() && !a.DATE_INT.OK {
				c.Fail(a.Ref, badDate("DATE_INT", a.DATE_INT))
			}
		}
	},
}

// rule113: if provided, <DATE_MATCH> must be a valid date.
var rule113 = &Rule{
	Code: "113", Message: "Date matching child and adopter(s) is not a valid date.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_MATCH"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			if !a.DATE_MATCH.Blank() && !a.DATE_MATCH.OK {
				c.Fail(a.Ref, badDate("DATE_MATCH", a.DATE_MATCH))
			}
		}
	},
}

// rule114: if provided, <FOSTER_CARE> must be a valid code (0 or 1).
var rule114 = &Rule{
	Code: "114", Message: "Data entry to record the status of former carer(s) of an adopted child is invalid.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"FOSTER_CARE"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			failBadCode(c, a.Ref, "FOSTER_CARE", a.FOSTER_CARE, true)
		}
	},
}

// rule115: if provided, <DATE_PLACED> must be a valid date.
var rule115 = &Rule{
	Code:    "115",
	Message: "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
	Tables:  []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			if !p.DATE_PLACED.Blank() && !p.DATE_PLACED.OK {
				c.Fail(p.Ref, badDate("DATE_PLACED", p.DATE_PLACED))
			}
		}
	},
}

// rule116: if provided, <DATE_PLACED_CEASED> must be a valid date.
var rule116 = &Rule{
	Code:    "116",
	Message: "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
	Tables:  []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			if !p.DATE_PLACED_CEASED.Blank() && !p.DATE_PLACED_CEASED.OK {
				c.Fail(p.Ref, badDate("DATE_PLACED_CEASED", p.DATE_PLACED_CEASED))
			}
		}
	},
}

// rule117: if provided, <DATE_PLACED> and/or <DATE_PLACED_CEASED> must not
// be after <COLLECTION_END_DATE> or after <DEC> of the child's latest
// episode whose <REC> is not X1. Only children with such an episode (with a
// valid DECOM) are checked; the PlacedAdoption row and that episode fail.
var rule117 = &Rule{
	Code: "117",
	Message: "Date of decision that a child should/should no longer be placed for adoption is beyond the current " +
		"collection year or after the child ceased to be looked after.",
	Description: "If provided <DATE_PLACED> and/or <DATE_PLACED_CEASED> must not be > <COLLECTION_END_DATE> " +
		"or <DEC> of latest episode where <REC> not = 'X1'",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
	Fields: []string{"DATE_PLACED_CEASED", "DATE_PLACED", "DEC", "REC", "DECOM"},
	Check: func(c *Context) {
		end := c.Year.End()
		placed := sharedGroups(c, "this PlacedAdoption", c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
		for child, rows := range placed {
			var latest *EpisodeRow
			for _, e := range c.This.EpisodesOf(child) {
				if e.DECOM.OK && e.REC != "X1" && (latest == nil || e.DECOM.Day > latest.DECOM.Day) {
					latest = e
				}
			}
			if latest == nil {
				continue
			}
			var reasons []string
			for _, p := range rows {
				var why []string
				for _, d := range []struct {
					name string
					f    DateField
				}{{"DATE_PLACED", p.DATE_PLACED}, {"DATE_PLACED_CEASED", p.DATE_PLACED_CEASED}} {
					if !d.f.OK {
						continue
					}
					if d.f.Day > end {
						why = append(why, fmt.Sprintf("%s %s is after the collection year ends on %s", d.name, d.f.Text, end))
					}
					if latest.DEC.OK && d.f.Day > latest.DEC.Day {
						why = append(why, fmt.Sprintf("%s %s is after DEC %s of the latest episode not ending X1 (DECOM %s)",
							d.name, d.f.Text, latest.DEC.Text, latest.DECOM.Text))
					}
				}
				if len(why) > 0 {
					c.Fail(p.Ref, strings.Join(why, "; "))
					reasons = append(reasons, why...)
				}
			}
			if len(reasons) > 0 {
				c.Fail(latest.Ref, strings.Join(reasons, "; "))
			}
		}
	},
}

// rule118: if provided, <DATE_PLACED_CEASED> must not be before
// <COLLECTION_START_DATE> or before <DECOM> of the child's earliest episode
// whose <LS> is not V3 or V4. Only children with such an episode (with a
// valid DECOM) are checked; the PlacedAdoption row and that episode fail.
var rule118 = &Rule{
	Code: "118",
	Message: "Date of decision that a child should no longer be placed for adoption is before the current " +
		"collection year or before the date the child started to be looked after.",
	Description: "If provided <DATE_PLACED_CEASED> must not be prior to <COLLECTION_START_DATE> or <DECOM> " +
		"of the earliest episode with an <LS> not = 'V3' or 'V4'",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
	Fields: []string{"DATE_PLACED_CEASED", "DECOM", "LS"},
	Check: func(c *Context) {
		start := c.Year.Start()
		placed := sharedGroups(c, "this PlacedAdoption", c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
		for child, rows := range placed {
			var earliest *EpisodeRow
			for _, e := range c.This.EpisodesOf(child) { // in DECOM order
				if e.DECOM.OK && !ShortBreak(e.LS) {
					earliest = e
					break
				}
			}
			if earliest == nil {
				continue
			}
			var reasons []string
			for _, p := range rows {
				ceased := p.DATE_PLACED_CEASED
				if !ceased.OK {
					continue
				}
				var why []string
				if ceased.Day < start {
					why = append(why, fmt.Sprintf("DATE_PLACED_CEASED %s is before the collection year starts on %s",
						ceased.Text, start))
				}
				if ceased.Day < earliest.DECOM.Day {
					why = append(why, fmt.Sprintf("DATE_PLACED_CEASED %s is before DECOM %s of the earliest episode not a short break (LS %s)",
						ceased.Text, earliest.DECOM.Text, earliest.LS))
				}
				if len(why) > 0 {
					c.Fail(p.Ref, strings.Join(why, "; "))
					reasons = append(reasons, why...)
				}
			}
			if len(reasons) > 0 {
				c.Fail(earliest.Ref, strings.Join(reasons, "; "))
			}
		}
	},
}

// rule119: <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must both be
// provided or both be blank.
var rule119 = &Rule{
	Code: "119",
	Message: "If the decision is made that a child should no longer be placed for adoption, then the date of " +
		"this decision and the reason why this decision was made must be completed.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption},
	Fields: []string{"REASON_PLACED_CEASED", "DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			switch date, reason := p.DATE_PLACED_CEASED.Text, p.REASON_PLACED_CEASED; {
			case date != "" && reason == "":
				c.Failf(p.Ref, nil, "DATE_PLACED_CEASED is %s but REASON_PLACED_CEASED is blank", date)
			case date == "" && reason != "":
				c.Failf(p.Ref, nil, "REASON_PLACED_CEASED is %s but DATE_PLACED_CEASED is blank", reason)
			}
		}
	},
}

// rule120: if provided, <REASON_PLACED_CEASED> must be a valid code.
var rule120 = &Rule{
	Code: "120",
	Message: "The reason for the reversal of the decision that the child should be placed for adoption " +
		"code is not valid.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"REASON_PLACED_CEASED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			failBadCode(c, p.Ref, "REASON_PLACED_CEASED", p.REASON_PLACED_CEASED, true)
		}
	},
}

// rule134: a child with any of <IN_TOUCH>, <ACTIV> or <ACCOM> provided
// must not have any of <DATE_INT>, <DATE_MATCH>, <FOSTER_CARE>,
// <NB_ADOPTR>, <SEX_ADOPTR> or <LS_ADOPTR> provided. The AD1 row fails.
var rule134 = &Rule{
	Code: "134", Message: "Data on adoption should not be entered for the OC3 cohort.",
	Tables: []ssda903.TableName{ssda903.OC3, ssda903.AD1},
	Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM", "DATE_INT", "DATE_MATCH", "FOSTER_CARE",
		"NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
	Check: func(c *Context) {
		oc3 := map[string]*OC3Row{} // the first OC3 row with data of each child
		for _, o := range c.This.OC3 {
			if (o.IN_TOUCH != "" || o.ACTIV != "" || o.ACCOM != "") && oc3[o.CHILD] == nil {
				oc3[o.CHILD] = o
			}
		}
		for _, a := range c.This.AD1 {
			o := oc3[a.CHILD]
			if o == nil {
				continue
			}
			var given []string
			for _, f := range []struct{ name, value string }{
				{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
				{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
			} {
				if f.value != "" {
					given = append(given, f.name+" "+f.value)
				}
			}
			if len(given) > 0 {
				c.Failf(a.Ref, nil, "the child has adoption data (%s) and care leaver data in OC3 (IN_TOUCH %q, ACTIV %q, ACCOM %q)",
					strings.Join(given, ", "), o.IN_TOUCH, o.ACTIV, o.ACCOM)
			}
		}
	},
}

// rule151: the AD1 items DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR,
// SEX_ADOPTR and LS_ADOPTR must all be completed or all be left blank.
var rule151 = &Rule{
	Code:    "151",
	Message: "All data items relating to a childs adoption must be coded or left blank.",
	Tables:  []ssda903.TableName{ssda903.AD1},
	Fields:  adoptionFieldNames,
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			n := countGiven(a.DATE_INT.Text, a.DATE_MATCH.Text, a.FOSTER_CARE, a.NB_ADOPTR, a.SEX_ADOPTR, a.LS_ADOPTR)
			if n == 0 || n == len(adoptionFieldNames) {
				continue
			}
			if why := allOrNone(adoptionFieldValues(a)); why != "" {
				c.Fail(a.Ref, why)
			}
		}
	},
}

// rule175: NB_ADOPTR, when given, must be a valid code.
var rule175 = &Rule{
	Code:    "175",
	Message: "The number of adopter(s) code is not a valid code.",
	Tables:  []ssda903.TableName{ssda903.AD1},
	Fields:  []string{"NB_ADOPTR"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			failUnlessCodeOrBlank(c, "NB_ADOPTR", a.Ref, a.NB_ADOPTR)
		}
	},
}

// rule176: SEX_ADOPTR, when given, must be a valid code.
var rule176 = &Rule{
	Code:    "176",
	Message: "The gender of adopter(s) at the date of adoption code is not a valid code.",
	Tables:  []ssda903.TableName{ssda903.AD1},
	Fields:  []string{"SEX_ADOPTR"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			failUnlessCodeOrBlank(c, "SEX_ADOPTR", a.Ref, a.SEX_ADOPTR)
		}
	},
}

// rule177: LS_ADOPTR, when given, must be a valid code.
var rule177 = &Rule{
	Code:    "177",
	Message: "The legal status of adopter(s) code is not a valid code.",
	Tables:  []ssda903.TableName{ssda903.AD1},
	Fields:  []string{"LS_ADOPTR"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			failUnlessCodeOrBlank(c, "LS_ADOPTR", a.Ref, a.LS_ADOPTR)
		}
	},
}

// rule184: DATE_PLACED must not be before the child's date of birth (the
// DOB in Header).
var rule184 = &Rule{
	Code:    "184",
	Message: "Date of decision that a child should be placed for adoption is before the child was born.",
	Tables:  []ssda903.TableName{ssda903.Header, ssda903.PlacedAdoption},
	Fields:  []string{"DATE_PLACED", "DOB"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			h := c.This.HeaderOf(p.CHILD)
			if h == nil || !h.DOB.OK || !p.DATE_PLACED.OK {
				continue
			}
			if p.DATE_PLACED.Day < h.DOB.Day {
				c.Failf(p.Ref, []string{"DATE_PLACED"}, "DATE_PLACED %s is before the child's DOB %s in Header",
					p.DATE_PLACED.Text, h.DOB.Text)
			}
		}
	},
}

// rule187: a child looked after continuously for 12 months must have no
// adoption (AD1) or care leaver (OC3) information.
var rule187 = &Rule{
	Code: "187",
	Message: "Child cannot be looked after continuously for 12 months at " +
		"31 March (OC2) and have any of adoption or care leavers returns completed.",
	Tables: []ssda903.TableName{ssda903.OC3, ssda903.AD1, ssda903.Episodes},
	Fields: append(append([]string{}, adoptionFieldNames...), careLeaverFieldNames...),
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if countGiven(o.IN_TOUCH, o.ACTIV, o.ACCOM) == 0 || !c.ContinuouslyLookedAfter(o.CHILD) {
				continue
			}
			if given, _ := splitGiven(careLeaverValues(o)); len(given) > 0 {
				c.Failf(o.Ref, careLeaverFieldNames, "%s given but %s", showValues(given), continuousCareClause(c, true))
			}
		}
		for _, a := range c.This.AD1 {
			if countGiven(a.DATE_INT.Text, a.DATE_MATCH.Text, a.FOSTER_CARE, a.NB_ADOPTR, a.SEX_ADOPTR, a.LS_ADOPTR) == 0 ||
				!c.ContinuouslyLookedAfter(a.CHILD) {
				continue
			}
			if given, _ := splitGiven(adoptionFieldValues(a)); len(given) > 0 {
				c.Failf(a.Ref, adoptionFieldNames, "%s given but %s", showValues(given), continuousCareClause(c, true))
			}
		}
	},
}

// rule331: where an episode ended in adoption (REC E11 or E12), the
// child's DATE_MATCH must not be after that episode's DECOM. Both the AD1
// row and the episode are reported.
var rule331 = &Rule{
	Code: "331", Message: "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
	Description: "A child cannot be placed for adoption before the child has been matched with prospective adopter(s): " +
		"where <REC> = 'E11' or 'E12', <DATE_MATCH> must be on or before the <DECOM> of that episode.",
	Tables: []ssda903.TableName{ssda903.AD1, ssda903.Episodes}, Fields: []string{"DATE_MATCH", "DECOM", "REC"},
	Check: func(c *Context) {
		ad1 := sharedGroups(c, "this AD1", c.This.AD1, func(a *AD1Row) string { return a.CHILD })
		once := failedRows{}
		for _, e := range c.This.Episodes {
			if !oneOf(e.REC, "E11", "E12") || !e.DECOM.OK {
				continue
			}
			for _, a := range ad1[e.CHILD] {
				if a.DATE_MATCH.OK && a.DATE_MATCH.Day > e.DECOM.Day {
					why := fmt.Sprintf("DATE_MATCH %s is after DECOM %s of the episode that ended in adoption (REC %s)",
						a.DATE_MATCH.Text, e.DECOM.Text, e.REC)
					once.fail(c, a.Ref, why)
					once.fail(c, e.Ref, why)
				}
			}
		}
	},
}

// rule333: if <DATE_MATCH> is provided, <DATE_INT> must also be provided
// and be <= <DATE_MATCH>.
var rule333 = &Rule{
	Code: "333", Message: "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
	Description: "If <DATE_MATCH> provided, then <DATE_INT> must also be provided and be <= <DATE_MATCH>.",
	Tables:      []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_INT", "DATE_MATCH"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			switch {
			case !a.DATE_MATCH.OK:
			case a.DATE_INT.Blank():
				c.Failf(a.Ref, nil, "DATE_MATCH is %s but DATE_INT is blank", a.DATE_MATCH.Text)
			case !a.DATE_INT.OK:
				c.Failf(a.Ref, nil, "DATE_MATCH is %s but DATE_INT %q is not a valid date", a.DATE_MATCH.Text, a.DATE_INT.Text)
			case a.DATE_INT.Day > a.DATE_MATCH.Day:
				c.Failf(a.Ref, nil, "DATE_INT %s is after DATE_MATCH %s", a.DATE_INT.Text, a.DATE_MATCH.Text)
			}
		}
	},
}

// rule334: <DATE_INT> must not be before the <DECOM> of the child's
// latest episode with <RNE> = 'S'. Both the episode and the AD1 row are
// reported.
var rule334 = &Rule{
	Code: "334", Message: "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.",
	Description: "<DATE_INT> must not be before the <DECOM> of the child's latest episode with <RNE> = 'S'.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.AD1}, Fields: []string{"DATE_INT", "DECOM", "RNE"},
	Check: func(c *Context) {
		ad1 := sharedGroups(c, "this AD1", c.This.AD1, func(a *AD1Row) string { return a.CHILD })
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			var latest *EpisodeRow
			for _, e := range eps {
				if e.RNE == "S" && e.DECOM.OK && (latest == nil || e.DECOM.Day > latest.DECOM.Day) {
					latest = e
				}
			}
			if latest == nil {
				return
			}
			flagged := false
			for _, a := range ad1[child] {
				if a.DATE_INT.OK && a.DATE_INT.Day < latest.DECOM.Day {
					why := fmt.Sprintf("DATE_INT %s is before DECOM %s of the latest episode starting a period of care (RNE S)",
						a.DATE_INT.Text, latest.DECOM.Text)
					c.Fail(a.Ref, why)
					if !flagged {
						c.Fail(latest.Ref, why)
						flagged = true
					}
				}
			}
		})
	},
}

// rule335: an adoption (REC E1, E11, E12) from a placement with the
// current foster carer (A2, A3, A5) must not have FOSTER_CARE 0, and one
// from a placement not with them (A1, A4, A6) must not have FOSTER_CARE 1.
var rule335 = &Rule{
	Code: "335", Message: "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
	Description: "Where <PL> = 'A2', 'A3' or 'A5' and <REC> = 'E1', 'E11' or 'E12', <FOSTER_CARE> should not be '0'; " +
		"where <PL> = 'A1', 'A4' or 'A6' and <REC> = 'E1', 'E11' or 'E12', <FOSTER_CARE> should not be '1'.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.AD1}, Fields: []string{"PLACE", "REC", "FOSTER_CARE"},
	Check: func(c *Context) {
		ad1 := sharedGroups(c, "this AD1", c.This.AD1, func(a *AD1Row) string { return a.CHILD })
		once := failedRows{}
		for _, e := range c.This.Episodes {
			if !oneOf(e.REC, "E1", "E11", "E12") {
				continue
			}
			for _, a := range ad1[e.CHILD] {
				var why string
				switch {
				case oneOf(e.PLACE, "A2", "A3", "A5") && a.FOSTER_CARE == "0":
					why = fmt.Sprintf("FOSTER_CARE is 0 (not adopted by the current foster carer) but the episode ending in adoption (REC %s) is PLACE %s, placed with the current foster carer", e.REC, e.PLACE)
				case oneOf(e.PLACE, "A1", "A4", "A6") && a.FOSTER_CARE == "1":
					why = fmt.Sprintf("FOSTER_CARE is 1 (adopted by the current foster carer) but the episode ending in adoption (REC %s) is PLACE %s, not placed with the current foster carer", e.REC, e.PLACE)
				default:
					continue
				}
				once.fail(c, e.Ref, why)
				once.fail(c, a.Ref, why)
			}
		}
	},
}

// rule511: where <NB_ADOPTR> is 2, <SEX_ADOPTR> must not be M1 or F1.
var rule511 = &Rule{
	Code: "511", Message: "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"NB_ADOPTR", "SEX_ADOPTR"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			if a.NB_ADOPTR == "2" && oneOf(a.SEX_ADOPTR, "M1", "F1") {
				c.Fail(a.Ref, fmt.Sprintf("NB_ADOPTR is 2 (a couple) but SEX_ADOPTR is %q, a single adopter", a.SEX_ADOPTR))
			}
		}
	},
}

// rule514: where <LS_ADOPTR> is L0 (single adopter), <SEX_ADOPTR> must be M1 or F1.
var rule514 = &Rule{
	Code: "514", Message: "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"},
	Check: func(c *Context) {
		for _, a := range c.This.AD1 {
			if a.LS_ADOPTR == "L0" && !oneOf(a.SEX_ADOPTR, "M1", "F1") {
				c.Fail(a.Ref, fmt.Sprintf("LS_ADOPTR is L0 (single adopter) but SEX_ADOPTR is %s, not M1 or F1", showQuoted(a.SEX_ADOPTR)))
			}
		}
	},
}

// rule517: where <LS_ADOPTR> is L3, <SEX_ADOPTR> must be MF.
var rule517 = &Rule{
	Code: "517", Message: "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: func(c *Context) { failAdopterSexes(c, "L3", "MF") },
}

// rule518: where <LS_ADOPTR> is L4, <SEX_ADOPTR> must be MM or FF.
var rule518 = &Rule{
	Code: "518", Message: "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: func(c *Context) { failAdopterSexes(c, "L4", "MM", "FF") },
}

// rule519: where <LS_ADOPTR> is L2 (civil partnership), <SEX_ADOPTR> must be a couple: MM, FF or MF.
var rule519 = &Rule{
	Code: "519", Message: "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: func(c *Context) { failAdopterSexes(c, "L2", "MM", "FF", "MF") },
}

// rule520: where <LS_ADOPTR> is L11 (different-gender married couple), <SEX_ADOPTR> must be MF.
var rule520 = &Rule{
	Code: "520", Message: "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: func(c *Context) { failAdopterSexes(c, "L11", "MF") },
}

// rule521: <DATE_INT> must be on or before the <DECOM> of every episode in
// which the child is placed for adoption (<PL> A3 to A6). Both the episode
// and the AD1 row are flagged.
var rule521 = &Rule{
	Code: "521", Message: "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
	Description: "<DATE_INT> must be <= <DECOM> where <PLACED_FOR_ADOPTION> = 'Y' (<PL> is A3, A4, A5 or A6).",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.AD1}, Fields: []string{"PLACE", "DECOM", "DATE_INT"},
	Check: func(c *Context) {
		latestInt := map[string]DateField{} // each child's latest valid DATE_INT
		for _, a := range c.This.AD1 {
			if a.DATE_INT.OK {
				if d, ok := latestInt[a.CHILD]; !ok || a.DATE_INT.Day > d.Day {
					latestInt[a.CHILD] = a.DATE_INT
				}
			}
		}
		firstPlaced := map[string]*EpisodeRow{} // each child's earliest valid A3–A6 episode
		for _, e := range c.This.Episodes {
			if !adoptionPlace(e.PLACE) || !e.DECOM.OK {
				continue
			}
			if f := firstPlaced[e.CHILD]; f == nil || e.DECOM.Day < f.DECOM.Day {
				firstPlaced[e.CHILD] = e
			}
			if d, ok := latestInt[e.CHILD]; ok && d.Day > e.DECOM.Day {
				c.Fail(e.Ref, fmt.Sprintf("placed for adoption (%s) from %s but AD1 has DATE_INT %s, which is later", e.PLACE, e.DECOM.Text, d.Text))
			}
		}
		for _, a := range c.This.AD1 {
			if f := firstPlaced[a.CHILD]; f != nil && a.DATE_INT.OK && a.DATE_INT.Day > f.DECOM.Day {
				c.Fail(a.Ref, fmt.Sprintf("DATE_INT %s is after the child was placed for adoption (%s) on %s", a.DATE_INT.Text, f.PLACE, f.DECOM.Text))
			}
		}
	},
}

// rule522: <DATE_PLACED_CEASED> must not be before <DATE_PLACED>.
var rule522 = &Rule{
	Code: "522", Message: "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			if p.DATE_PLACED.OK && p.DATE_PLACED_CEASED.OK && p.DATE_PLACED_CEASED.Day < p.DATE_PLACED.Day {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s is before DATE_PLACED %s", p.DATE_PLACED_CEASED.Text, p.DATE_PLACED.Text))
			}
		}
	},
}

// rule523: <DATE_PLACED> (PlacedAdoption) must equal <DATE_INT> (AD1) for
// the child, where both are given. Rows of both tables are flagged.
var rule523 = &Rule{
	Code: "523", Message: "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption, ssda903.AD1}, Fields: []string{"DATE_PLACED", "DATE_INT"},
	Check: func(c *Context) {
		ints := map[string]*datePair{}
		for _, a := range c.This.AD1 {
			if ints[a.CHILD] == nil {
				ints[a.CHILD] = &datePair{}
			}
			ints[a.CHILD].add(a.DATE_INT)
		}
		placed := map[string]*datePair{}
		for _, p := range c.This.PlacedAdoption {
			if placed[p.CHILD] == nil {
				placed[p.CHILD] = &datePair{}
			}
			placed[p.CHILD].add(p.DATE_PLACED)
		}
		for _, p := range c.This.PlacedAdoption {
			if !p.DATE_PLACED.OK {
				continue
			}
			if d, ok := ints[p.CHILD].other(p.DATE_PLACED.Day); ok {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s differs from DATE_INT %s in AD1", p.DATE_PLACED.Text, d))
			}
		}
		for _, a := range c.This.AD1 {
			if !a.DATE_INT.OK {
				continue
			}
			if d, ok := placed[a.CHILD].other(a.DATE_INT.Day); ok {
				c.Fail(a.Ref, fmt.Sprintf("DATE_INT %s differs from DATE_PLACED %s in PlacedAdoption", a.DATE_INT.Text, d))
			}
		}
	},
}

// datePair collects the distinct valid dates of a child, up to two: enough
// to tell whether any differs from a given date.
type datePair struct {
	first, second DateField
	n             int // distinct dates seen, at most 2
}

func (d *datePair) add(f DateField) {
	switch {
	case !f.OK:
	case d.n == 0:
		d.first, d.n = f, 1
	case d.n == 1 && f.Day != d.first.Day:
		d.second, d.n = f, 2
	}
}

// other returns a date different from day, when there is one.
func (d *datePair) other(day calendar.Date) (string, bool) {
	switch {
	case d == nil || d.n == 0:
		return "", false
	case d.first.Day != day:
		return d.first.Text, true
	case d.n > 1:
		return d.second.Text, true
	}
	return "", false
}

// rule524: where <LS_ADOPTR> is L12, <SEX_ADOPTR> must be MM or FF.
var rule524 = &Rule{
	Code: "524", Message: "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
	Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: func(c *Context) { failAdopterSexes(c, "L12", "MM", "FF") },
}

// rule525: where <DATE_PLACED_CEASED> is given, the child's AD1 adoption
// items must be blank. Rows of both tables are flagged.
var rule525 = &Rule{
	Code: "525", Message: "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
	Description: "If <DATE_PLACED_CEASED> not Null, then <DATE_INT>; <DATE_MATCH>; <FOSTER_CARE>; <NB_ADOPTR>; <SEX_ADOPTR>; and <LS_ADOPTR> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.PlacedAdoption, ssda903.AD1},
	Fields:      []string{"DATE_PLACED_CEASED", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
	Check: func(c *Context) {
		adopted := map[string]string{} // child -> first adoption item given
		for _, a := range c.This.AD1 {
			if g := adoptionDecisionGiven(a); g != "" && adopted[a.CHILD] == "" {
				adopted[a.CHILD] = g
			}
		}
		reversed := map[string]string{} // child -> DATE_PLACED_CEASED
		for _, p := range c.This.PlacedAdoption {
			if p.DATE_PLACED_CEASED.Blank() {
				continue
			}
			if _, ok := reversed[p.CHILD]; !ok {
				reversed[p.CHILD] = p.DATE_PLACED_CEASED.Text
			}
			if g := adopted[p.CHILD]; g != "" {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED is %s but AD1 has %s", p.DATE_PLACED_CEASED.Text, g))
			}
		}
		for _, a := range c.This.AD1 {
			if d, ok := reversed[a.CHILD]; ok {
				if g := adoptionDecisionGiven(a); g != "" {
					c.Fail(a.Ref, fmt.Sprintf("%s is given but PlacedAdoption has DATE_PLACED_CEASED %s", g, d))
				}
			}
		}
	},
}

// adoptionDecisionGiven names the first AD1 adoption item given, or "".
func adoptionDecisionGiven(a *AD1Row) string {
	for _, f := range []struct{ name, value string }{
		{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
		{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
	} {
		if f.value != "" {
			return fmt.Sprintf("%s %q", f.name, f.value)
		}
	}
	return ""
}

// rule551: a child placed for adoption (<PL> A3 to A6) must have a
// PlacedAdoption row, and every one of the child's rows a <DATE_PLACED>.
var rule551 = &Rule{
	Code: "551", Message: "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "PLACE"},
	Check: func(c *Context) {
		rows := map[string]int{}
		blank := map[string]bool{}
		for _, p := range c.This.PlacedAdoption {
			rows[p.CHILD]++
			if p.DATE_PLACED.Blank() {
				blank[p.CHILD] = true
			}
		}
		for _, e := range c.This.Episodes {
			if !adoptionPlace(e.PLACE) {
				continue
			}
			switch {
			case rows[e.CHILD] == 0:
				c.Fail(e.Ref, fmt.Sprintf("PLACE is %s but the child has no PlacedAdoption row", e.PLACE))
			case blank[e.CHILD]:
				c.Fail(e.Ref, fmt.Sprintf("PLACE is %s but the child's PlacedAdoption DATE_PLACED is blank", e.PLACE))
			}
		}
	},
}

// rule552: the latest <DATE_PLACED> must be on or before the <DECOM> of the
// first episode placed for adoption (<PL> A3 to A6). Both rows are flagged.
var rule552 = &Rule{
	Code: "552", Message: "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DECOM", "PLACE"},
	Check: func(c *Context) {
		latest := map[string]*PlacedAdoptionRow{}
		for _, p := range c.This.PlacedAdoption {
			if !p.DATE_PLACED.OK {
				continue
			}
			if l := latest[p.CHILD]; l == nil || p.DATE_PLACED.Day > l.DATE_PLACED.Day {
				latest[p.CHILD] = p
			}
		}
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			p := latest[eps[0].CHILD]
			if p == nil {
				return
			}
			for _, e := range eps {
				if !e.DECOM.OK || !adoptionPlace(e.PLACE) {
					continue
				}
				if e.DECOM.Day < p.DATE_PLACED.Day {
					c.Fail(e.Ref, fmt.Sprintf("placed for adoption (%s) from %s, before the decision DATE_PLACED %s", e.PLACE, e.DECOM.Text, p.DATE_PLACED.Text))
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is after the child was placed for adoption (%s) on %s", p.DATE_PLACED.Text, e.PLACE, e.DECOM.Text))
				}
				return // only the first placement for adoption counts
			}
		})
	},
}

// rule553: a child with a placement order (<LS> E1) must have a
// PlacedAdoption row; and while an E1 episode is open, the child's
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must be blank.
var rule553 = &Rule{
	Code: "553", Message: "Placement order has been granted but there is no date of decision that the child should be placed for adoption.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
	Fields: []string{"CHILD", "LS", "DEC", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
	Check: func(c *Context) {
		hasRow := map[string]bool{}
		for _, p := range c.This.PlacedAdoption {
			hasRow[p.CHILD] = true
		}
		openE1 := map[string]DateField{} // child -> DECOM of an open E1 episode
		for _, e := range c.This.Episodes {
			if e.LS != "E1" {
				continue
			}
			if !hasRow[e.CHILD] {
				c.Fail(e.Ref, "LS is E1 (placement order) but the child has no PlacedAdoption row")
			}
			if _, seen := openE1[e.CHILD]; e.DEC.Blank() && !seen {
				openE1[e.CHILD] = e.DECOM
			}
		}
		for _, p := range c.This.PlacedAdoption {
			from, open := openE1[p.CHILD]
			if !open || (p.DATE_PLACED_CEASED.Blank() && p.REASON_PLACED_CEASED == "") {
				continue
			}
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s and REASON_PLACED_CEASED %s, but the child has an open placement order episode (LS E1, DECOM %s)",
				p.DATE_PLACED_CEASED.Shown(), showQuoted(p.REASON_PLACED_CEASED), from.Shown()))
		}
	},
}

// rule554: <DATE_PLACED> must be on or before the <DECOM> of the child's
// first episode with <LS> E1. Both rows are flagged.
var rule554 = &Rule{
	Code: "554", Message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted.",
	Description: "Where <LS> = 'E1' <DATE_PLACED> should be <= <DECOM> of first episode in <PERIOD_OF_CARE> with <LS> = 'E1'. " +
		"This may give false positives or false negatives when the relevant episodes are in previous years.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DECOM", "LS"},
	Check: func(c *Context) {
		firstE1 := map[string]*EpisodeRow{}
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for _, e := range eps {
				if e.LS == "E1" {
					if e.DECOM.OK {
						firstE1[e.CHILD] = e
					}
					return
				}
			}
		})
		flagged := map[*EpisodeRow]bool{}
		for _, p := range c.This.PlacedAdoption {
			e := firstE1[p.CHILD]
			if e == nil || !p.DATE_PLACED.OK || p.DATE_PLACED.Day <= e.DECOM.Day {
				continue
			}
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is after the placement order (LS E1) from %s", p.DATE_PLACED.Text, e.DECOM.Text))
			if !flagged[e] {
				flagged[e] = true
				c.Fail(e.Ref, fmt.Sprintf("placement order (LS E1) from %s, before the decision DATE_PLACED %s", e.DECOM.Text, p.DATE_PLACED.Text))
			}
		}
	},
}

// rule557: where a child placed for adoption (<PL> A3 to A6) or with a
// placement order (<LS> E1) leaves care other than by adoption (<REC> not
// E11, E12 or X1), the child must have a PlacedAdoption row with
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> given. The episode and any
// incomplete PlacedAdoption rows are flagged.
var rule557 = &Rule{
	Code: "557", Message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
	Fields: []string{"DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "PLACE", "LS", "REC"}, From: 2025,
	Check: func(c *Context) {
		rows := map[string]int{}
		incomplete := map[string]bool{}
		for _, p := range c.This.PlacedAdoption {
			rows[p.CHILD]++
			if p.DATE_PLACED_CEASED.Blank() || p.REASON_PLACED_CEASED == "" {
				incomplete[p.CHILD] = true
			}
		}
		left := map[string]*EpisodeRow{}
		for _, e := range c.This.Episodes {
			if !(adoptionPlace(e.PLACE) || e.LS == "E1") || e.REC == "" || oneOf(e.REC, "E11", "E12", "X1") {
				continue
			}
			if left[e.CHILD] == nil {
				left[e.CHILD] = e
			}
			switch {
			case rows[e.CHILD] == 0:
				c.Fail(e.Ref, fmt.Sprintf("left care with REC %s (PLACE %s, LS %s) but the child has no PlacedAdoption row",
					e.REC, showQuoted(e.PLACE), showQuoted(e.LS)))
			case incomplete[e.CHILD]:
				c.Fail(e.Ref, fmt.Sprintf("left care with REC %s (PLACE %s, LS %s) but the child's DATE_PLACED_CEASED or REASON_PLACED_CEASED is blank",
					e.REC, showQuoted(e.PLACE), showQuoted(e.LS)))
			}
		}
		for _, p := range c.This.PlacedAdoption {
			e := left[p.CHILD]
			if e == nil || !(p.DATE_PLACED_CEASED.Blank() || p.REASON_PLACED_CEASED == "") {
				continue
			}
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s and REASON_PLACED_CEASED %s, but the child left care with REC %s (DEC %s)",
				p.DATE_PLACED_CEASED.Shown(), showQuoted(p.REASON_PLACED_CEASED), e.REC, e.DEC.Shown()))
		}
	},
}

// rule558: where an episode ends in adoption (<REC> E11 or E12) and every
// one of the child's PlacedAdoption rows has <DATE_PLACED_CEASED>, there must
// not be more than one: the latest decision should not have ceased.
var rule558 = &Rule{
	Code: "558", Message: "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
	Description: "If latest episode <REC> = ‘E11’ or ‘E12’ then if number of <DATE_PLACED_CEASED> in the year is > 1 then latest <DATE_PLACED_CEASED> must be NULL.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED_CEASED", "REC"},
	Check: func(c *Context) {
		ceased := map[string]int{}
		blank := map[string]bool{}
		for _, p := range c.This.PlacedAdoption {
			if p.DATE_PLACED_CEASED.Blank() {
				blank[p.CHILD] = true
			} else {
				ceased[p.CHILD]++
			}
		}
		for _, e := range c.This.Episodes {
			if oneOf(e.REC, "E11", "E12") && !blank[e.CHILD] && ceased[e.CHILD] > 1 {
				c.Fail(e.Ref, fmt.Sprintf("adopted (REC %s) but all %d of the child's PlacedAdoption rows have DATE_PLACED_CEASED", e.REC, ceased[e.CHILD]))
			}
		}
	},
}

// rule563: where <REASON_PLACED_CEASED> and <DATE_PLACED_CEASED> are given,
// <DATE_PLACED> must be given.
var rule563 = &Rule{
	Code: "563", Message: "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "REASON_PLACED_CEASED", "DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		for _, p := range c.This.PlacedAdoption {
			if p.REASON_PLACED_CEASED != "" && !p.DATE_PLACED_CEASED.Blank() && p.DATE_PLACED.Blank() {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED is blank but the decision ceased on %s (REASON_PLACED_CEASED %q)", p.DATE_PLACED_CEASED.Text, p.REASON_PLACED_CEASED))
			}
		}
	},
}

// rule579: in <DATE_PLACED> order, each of a child's decisions must start
// after the previous one ceased: the previous <DATE_PLACED_CEASED> must be a
// date and not after this <DATE_PLACED>.
var rule579 = &Rule{
	Code: "579", Message: "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		_, groups := sharedChildGroups(c, "this PlacedAdoption", c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
		for _, rows := range groups {
			sorted := append([]*PlacedAdoptionRow(nil), rows...)
			sort.SliceStable(sorted, func(i, j int) bool { return dateCmp(sorted[i].DATE_PLACED, sorted[j].DATE_PLACED) < 0 })
			for i := 1; i < len(sorted); i++ {
				prev, p := sorted[i-1], sorted[i]
				switch {
				case !prev.DATE_PLACED_CEASED.OK:
					c.Fail(p.Ref, fmt.Sprintf("decision of %s follows the decision of %s, whose DATE_PLACED_CEASED is %s",
						p.DATE_PLACED.Shown(), prev.DATE_PLACED.Shown(), prev.DATE_PLACED_CEASED.Shown()))
				case p.DATE_PLACED.OK && p.DATE_PLACED.Day < prev.DATE_PLACED_CEASED.Day:
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is before the previous decision (of %s) ceased on %s",
						p.DATE_PLACED.Text, prev.DATE_PLACED.Shown(), prev.DATE_PLACED_CEASED.Text))
				}
			}
		}
	},
}

// rule582: where an episode ends in adoption (<REC> E11 or E12), its <DEC>
// must not equal the child's <DATE_MATCH>.
var rule582 = &Rule{
	Code: "582", Message: "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
	Description: "If <REC> = 'E11' or 'E12' then that episode <DEC> should not = <DATE_MATCH>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.AD1}, Fields: []string{"REC", "DEC", "DATE_MATCH"},
	Check: func(c *Context) {
		matches := sharedGroups(c, "this AD1", c.This.AD1, func(a *AD1Row) string { return a.CHILD })
		for _, e := range c.This.Episodes {
			if !oneOf(e.REC, "E11", "E12") {
				continue
			}
			for _, a := range matches[e.CHILD] {
				if sameDate(e.DEC, a.DATE_MATCH) {
					c.Fail(e.Ref, fmt.Sprintf("adopted (REC %s) on %s, the same day as DATE_MATCH", e.REC, e.DEC.Text))
					break
				}
			}
		}
	},
}

// rule583: where a child has more than one decision to be placed for
// adoption, every decision but the latest (<DATE_PLACED>) must have a
// <DATE_PLACED_CEASED>.
var rule583 = &Rule{
	Code: "583", Message: "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
	Description: "If more than one <DATE_PLACED> is present, then all but the latest <DATE_PLACED> must have <DATE_PLACED_CEASED> " +
		"(the latest <DATE_PLACED> may or may not have <DATE_PLACED_CEASED>).",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
	Check: func(c *Context) {
		_, groups := sharedChildGroups(c, "this PlacedAdoption", c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
		for _, rows := range groups {
			latest := rows[0] // the latest valid DATE_PLACED, the first row when none is valid
			for _, p := range rows[1:] {
				if p.DATE_PLACED.OK && (!latest.DATE_PLACED.OK || p.DATE_PLACED.Day > latest.DATE_PLACED.Day) {
					latest = p
				}
			}
			for _, p := range rows {
				if p != latest && p.DATE_PLACED_CEASED.Blank() {
					c.Fail(p.Ref, fmt.Sprintf("decision of %s has no DATE_PLACED_CEASED but a later decision (%s) was reported",
						p.DATE_PLACED.Shown(), latest.DATE_PLACED.Shown()))
				}
			}
		}
	},
}

// rule601: a child adopted in the year (an episode ending E11 or E12 in
// the year) who has an AD1 row must have every adoption field of it
// completed. The AD1 row and the adoption episodes are flagged.
var rule601 = &Rule{
	Code: "601", Message: "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.AD1},
	Fields: []string{"REC", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
	Check: func(c *Context) {
		ad1 := sharedGroups(c, "this AD1", c.This.AD1, func(a *AD1Row) string { return a.CHILD })
		flagged := map[*AD1Row]bool{}
		for _, e := range c.This.Episodes {
			if !adoptedAtEpisode(c, e) {
				continue
			}
			var blanks []string
			for _, a := range ad1[e.CHILD] {
				var missing []string
				for _, f := range adoptionDecisionFields(a) {
					if f.v == "" {
						missing = append(missing, f.name)
					}
				}
				if len(missing) == 0 {
					continue
				}
				if !flagged[a] {
					flagged[a] = true
					c.Failf(a.Ref, nil, "the child was adopted (episode ending %s with REC %s) but AD1 leaves %s blank",
						e.DEC.Text, e.REC, strings.Join(missing, ", "))
				}
				if blanks == nil {
					blanks = missing
				}
			}
			if blanks != nil {
				c.Failf(e.Ref, []string{"REC"}, "the episode ends %s with REC %s (adopted) but the child's AD1 leaves %s blank",
					e.DEC.Text, e.REC, strings.Join(blanks, ", "))
			}
		}
	},
}

// rule602: a child with adoption details in AD1 must have an episode
// showing adoption in the year (ending E11 or E12 within it).
var rule602 = &Rule{
	Code: "602", Message: "The episode data submitted for this child does not show that he/she was adopted during the year.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.AD1}, Fields: []string{"CHILD"},
	Check: func(c *Context) {
		adopted := map[string]bool{}
		for _, e := range c.This.Episodes {
			if adoptedAtEpisode(c, e) {
				adopted[e.CHILD] = true
			}
		}
		for _, a := range c.This.AD1 {
			if adopted[a.CHILD] {
				continue
			}
			var given []string
			for _, f := range adoptionDecisionFields(a) {
				if f.v != "" {
					given = append(given, f.name)
				}
			}
			if len(given) > 0 {
				c.Failf(a.Ref, nil, "AD1 gives %s but no episode of the child ends with REC E11 or E12 in %s",
					strings.Join(given, ", "), c.Year)
			}
		}
	},
}

// rule1003: <DATE_PLACED> must not be before the <DECOM> of the child's
// first episode with <RNE> S. Both the PlacedAdoption row and that episode
// fail.
var rule1003 = &Rule{
	Code: "1003", Message: "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
	Description: "<DATE_PLACED> cannot be prior to <DECOM> of the first episode with <RNE> = 'S'.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DECOM", "RNE"},
	Check: func(c *Context) {
		placed := sharedGroups(c, "this PlacedAdoption", c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
		for child, rows := range placed {
			var first *EpisodeRow
			for _, e := range c.This.EpisodesOf(child) {
				if e.RNE == "S" && e.DECOM.OK {
					first = e
					break
				}
			}
			if first == nil {
				continue
			}
			failed := false
			for _, p := range rows {
				if !p.DATE_PLACED.OK || p.DATE_PLACED.Day >= first.DECOM.Day {
					continue
				}
				why := fmt.Sprintf("DATE_PLACED %s is before DECOM %s of the child's first episode with RNE S", p.DATE_PLACED.Text, first.DECOM.Text)
				c.Fail(p.Ref, why)
				if !failed {
					c.Fail(first.Ref, why)
					failed = true
				}
			}
		}
	},
}

// adoptionFieldValues returns the adoption items of an AD1 row.
func adoptionFieldValues(a *AD1Row) []namedValue {
	return []namedValue{{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text},
		{"FOSTER_CARE", a.FOSTER_CARE}, {"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR},
		{"LS_ADOPTR", a.LS_ADOPTR}}
}

// adoptionPlace reports whether a placement is a placement for
// adoption (A3 to A6).
func adoptionPlace(place string) bool { return oneOf(place, "A3", "A4", "A5", "A6") }

// failAdopterSexes is 517, 518, 520 and 524: where <LS_ADOPTR> is ls,
// <SEX_ADOPTR> must be one of allowed.
func failAdopterSexes(c *Context, ls string, allowed ...string) {
	for _, a := range c.This.AD1 {
		if a.LS_ADOPTR == ls && !oneOf(a.SEX_ADOPTR, allowed...) {
			c.Fail(a.Ref, fmt.Sprintf("LS_ADOPTR is %s but SEX_ADOPTR is %s, not %s", ls, showQuoted(a.SEX_ADOPTR), joinWithOr(allowed)))
		}
	}
}

// joinWithOr lists codes as "A", "A or B", "A, B or C".
func joinWithOr(codes []string) string {
	s := ""
	for i, c := range codes {
		switch {
		case i == 0:
		case i == len(codes)-1:
			s += " or "
		default:
			s += ", "
		}
		s += c
	}
	return s
}

// adoptedAtEpisode reports whether an episode ends in adoption (<REC> E11 or
// E12) within the collection year.
func adoptedAtEpisode(c *Context, e *EpisodeRow) bool {
	return (e.REC == "E11" || e.REC == "E12") && Between(e.DEC, c.Year.Start(), c.Year.End())
}

// adoptionDecisionFields returns AD1's adoption fields, named.
func adoptionDecisionFields(a *AD1Row) []struct{ name, v string } {
	return []struct{ name, v string }{
		{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
		{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
	}
}
