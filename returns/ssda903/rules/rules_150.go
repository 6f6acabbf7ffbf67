package rules

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 151 to 199: whether items are coded or left blank together, the
// placement fields derived from postcodes, the OC2 outcomes of children
// looked after continuously for 12 months, and previous adoption.

func init() {
	oc2 := []ssda903.TableName{ssda903.OC2}
	oc2Episodes := []ssda903.TableName{ssda903.OC2, ssda903.Episodes}
	register(
		&Rule{
			Code:    "151",
			Message: "All data items relating to a childs adoption must be coded or left blank.",
			Tables:  []ssda903.TableName{ssda903.AD1},
			Fields:  fam150AD1Fields,
			Check:   check151,
		},
		&Rule{
			Code:    "153",
			Message: "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
			Tables:  []ssda903.TableName{ssda903.OC3},
			Fields:  fam150OC3Fields,
			Check:   check153,
		},
		&Rule{
			Code: "157",
			Message: "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the " +
				"year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no " +
				"Strengths and Difficulties Questionnaire (SDQ) score.",
			Tables: oc2Episodes,
			Fields: []string{"SDQ_REASON", "SDQ_SCORE", "DOB"},
			Check:  check157,
		},
		&Rule{
			Code:    "158",
			Message: "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
			Tables:  oc2,
			Fields:  []string{"INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
			Check:   check158,
		},
		&Rule{
			Code:    "159",
			Message: "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
			Tables:  oc2,
			Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
			Check:   check159,
		},
		&Rule{
			Code:    "164",
			Message: "Distance is not valid. Please check a valid postcode has been entered.",
			Caveat:  caveatFormerUASC,
			Uses:    NeedLast,
			Description: "If not (<UASC> = '1' or <COLLECTION_YEAR> -1 <UASC> = '1' or <COLLECTION_YEAR> -2 <UASC> = '1') " +
				"and if <LS> not = 'V3' or 'V4' then <PL_DISTANCE> must be between '0.0' and '999.9'. " +
				"Note: <PL_DISTANCE> is a calculated value based on Postcode.",
			Tables: []ssda903.TableName{ssda903.Episodes},
			Fields: []string{"PL_DISTANCE", "HOME_POST", "PL_POST", "LS"},
			Needs:  NeedPostcodes,
			Check:  check164,
		},
		&Rule{
			Code:    "165",
			Message: "Data entry for mother status is invalid.",
			Description: "If provided <MOTHER> must be a valid value (and child must be female). If not provided <MOTHER> " +
				"then either <GENDER> is male or no episode record for current year and any of <IN_TOUCH>, <ACTIV> " +
				"or <ACCOM> have been provided.",
			Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes, ssda903.OC3},
			Fields: []string{"MOTHER", "SEX", "ACTIV", "ACCOM", "IN_TOUCH"},
			Check:  check165,
		},
		&Rule{
			Code:    "166",
			Message: "Date of review is invalid or blank.",
			Tables:  []ssda903.TableName{ssda903.Reviews},
			Fields:  []string{"REVIEW"},
			Check:   check166,
		},
		&Rule{
			Code:    "167",
			Message: "Data entry for participation is invalid or blank.",
			Tables:  []ssda903.TableName{ssda903.Reviews},
			Fields:  []string{"REVIEW_CODE", "REVIEW"},
			Check:   check167,
		},
		&Rule{
			Code:    "168",
			Message: "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
			Tables:  []ssda903.TableName{ssda903.Header},
			Fields:  []string{"UPN"},
			Check:   check168,
		},
		&Rule{
			Code:    "169",
			Message: "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
			Tables:  []ssda903.TableName{ssda903.Episodes},
			Fields:  []string{"PL_LA", "PL_POST", "LS"},
			Needs:   NeedPostcodes,
			Check:   check169,
		},
		&Rule{
			Code:    "171",
			Message: "Date of birth of mother's child is not a valid date.",
			Tables:  []ssda903.TableName{ssda903.Header},
			Fields:  []string{"MC_DOB"},
			Check:   check171,
		},
		&Rule{
			Code:    "174",
			Message: "Mother's child date of birth is recorded but sex shows that the child is a male.",
			Tables:  []ssda903.TableName{ssda903.Header},
			Fields:  []string{"SEX", "MC_DOB"},
			From:    2025,
			Check:   check174,
		},
		&Rule{
			Code:    "175",
			Message: "The number of adopter(s) code is not a valid code.",
			Tables:  []ssda903.TableName{ssda903.AD1},
			Fields:  []string{"NB_ADOPTR"},
			Check:   check175,
		},
		&Rule{
			Code:    "176",
			Message: "The gender of adopter(s) at the date of adoption code is not a valid code.",
			Tables:  []ssda903.TableName{ssda903.AD1},
			Fields:  []string{"SEX_ADOPTR"},
			Check:   check176,
		},
		&Rule{
			Code:    "177",
			Message: "The legal status of adopter(s) code is not a valid code.",
			Tables:  []ssda903.TableName{ssda903.AD1},
			Fields:  []string{"LS_ADOPTR"},
			Check:   check177,
		},
		&Rule{
			Code:    "178",
			Message: "Placement provider code is not a valid code.",
			Description: "If provided <PLACE_PROVIDER> must be a valid value and should not be provided if <PL> = " +
				"'T0'; 'T1'; 'T2'; 'T3'; 'Z11'; 'Z12'; 'Z13'; 'Z14'.",
			Tables: []ssda903.TableName{ssda903.Episodes},
			Fields: []string{"PLACE_PROVIDER", "PLACE"},
			From:   2026,
			Check:  check178,
		},
		&Rule{
			Code:    "179",
			Message: "Placement location code is not a valid code.",
			Tables:  []ssda903.TableName{ssda903.Episodes},
			Fields:  []string{"PL_LOCATION", "PL_POST", "LS"},
			Needs:   NeedPostcodes,
			Check:   check179,
		},
		&Rule{
			Code:    "180",
			Message: "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
			Tables:  oc2,
			Fields:  []string{"SDQ_SCORE"},
			Check:   check180,
		},
		&Rule{
			Code:    "181",
			Message: "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.",
			Tables:  oc2,
			Fields:  fam150OC2Flags,
			Check:   check181,
		},
		&Rule{
			Code:    "182",
			Message: "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
			Tables:  oc2,
			Fields: []string{"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
				"CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
			Check: check182,
		},
		&Rule{
			Code:    "184",
			Message: "Date of decision that a child should be placed for adoption is before the child was born.",
			Tables:  []ssda903.TableName{ssda903.Header, ssda903.PlacedAdoption},
			Fields:  []string{"DATE_PLACED", "DOB"},
			Check:   check184,
		},
		&Rule{
			Code: "185",
			Message: "Child has not been looked after continuously for at least 12 months at " +
				"31 March but a Strengths and Difficulties (SDQ) score has been completed.",
			Tables: oc2Episodes,
			Fields: []string{"SDQ_SCORE"},
			Check:  check185,
		},
		&Rule{
			Code: "186",
			Message: "Children aged 4 or over at the start of the year and children aged under 17 at the " +
				"end of the year and who have been looked after for at least 12 months continuously " +
				"should have a Strengths and Difficulties (SDQ) score completed.",
			Tables: oc2Episodes,
			Fields: []string{"SDQ_SCORE", "SDQ_REASON", "DOB"},
			Check:  check186,
		},
		&Rule{
			Code: "187",
			Message: "Child cannot be looked after continuously for 12 months at " +
				"31 March (OC2) and have any of adoption or care leavers returns completed.",
			Tables: []ssda903.TableName{ssda903.OC3, ssda903.AD1, ssda903.Episodes},
			Fields: append(append([]string{}, fam150AD1Fields...), fam150OC3Fields...),
			Check:  check187,
		},
		&Rule{
			Code: "188",
			Message: "Child is aged under 4 years at the end of the year, " +
				"but a Strengths and Difficulties (SDQ) score or a reason " +
				"for no SDQ score has been completed.",
			Tables: oc2,
			Fields: []string{"SDQ_SCORE", "SDQ_REASON", "DOB"},
			Check:  check188,
		},
		&Rule{
			Code: "189",
			Message: "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties " +
				"(SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
			Description: "If <DOB> > 17 years prior to <COLLECTION_START_DATE> then <SDQ_SCORE> and <SDQ_REASON> " +
				"should not be provided.",
			Tables: oc2,
			Fields: []string{"DOB", "SDQ_SCORE", "SDQ_REASON"},
			Check:  check189,
		},
		&Rule{
			Code: "190",
			Message: "Child has not been looked after continuously for at least 12 months at 31 March but one or more " +
				"data items relating to children looked after for 12 months have been completed.",
			Tables: oc2Episodes,
			Fields: fam150OC2Flags,
			Check:  check190,
		},
		&Rule{
			Code: "191",
			Message: "Child has been looked after continuously for at least 12 months at 31 March but one or more " +
				"data items relating to children looked after for 12 months have been left blank.",
			Tables: oc2Episodes,
			Fields: []string{"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "CHILD"},
			Check:  check191,
		},
		&Rule{
			Code:    "192",
			Message: "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.",
			Tables:  oc2,
			Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"},
			Check:   check192,
		},
		&Rule{
			Code:    "193",
			Message: "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.",
			Tables:  oc2,
			Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
			Check:   check193,
		},
		&Rule{
			Code:    "196",
			Message: "Strengths and Difficulties (SDQ) reason is not a valid code.",
			Tables:  oc2,
			Fields:  []string{"SDQ_REASON"},
			Check:   check196,
		},
		&Rule{
			Code:    "197B",
			Message: "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
			Tables:  oc2Episodes,
			Fields:  []string{"SDQ_REASON", "SDQ_SCORE", "DOB"},
			Check:   check197B,
		},
		&Rule{
			Code:    "197a",
			Message: "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.",
			Tables:  oc2,
			Fields:  []string{"SDQ_SCORE", "SDQ_REASON"},
			Check:   check197a,
		},
		&Rule{
			Code: "198",
			Message: "Child has not been looked after continuously for at least 12 months at 31 March but a reason " +
				"for no Strengths and Difficulties (SDQ) score has been completed.",
			Tables: oc2Episodes,
			Fields: []string{"SDQ_REASON"},
			Check:  check198,
		},
		&Rule{
			Code:    "199",
			Message: "Episode information shows child has been previously adopted from care.",
			Caveat:  caveatTwoYears,
			Tables:  []ssda903.TableName{ssda903.Episodes},
			Fields:  []string{"CHILD", "DECOM", "REC"},
			Uses:    NeedLast,
			Check:   check199,
		},
	)
}

// The fields of AD1 and OC3 that are completed or left blank together, and
// the 0/1 items of OC2.
var (
	fam150AD1Fields = []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}
	fam150OC3Fields = []string{"IN_TOUCH", "ACTIV", "ACCOM"}
	fam150OC2Flags  = []string{"CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
		"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}
)

// fam150Field is a field's name and its submitted value.
type fam150Field struct{ name, value string }

// fam150AD1 returns the adoption items of an AD1 row.
func fam150AD1(a *AD1Row) []fam150Field {
	return []fam150Field{{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text},
		{"FOSTER_CARE", a.FOSTER_CARE}, {"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR},
		{"LS_ADOPTR", a.LS_ADOPTR}}
}

// fam150OC3 returns the care leaver items of an OC3 row.
func fam150OC3(o *OC3Row) []fam150Field {
	return []fam150Field{{"IN_TOUCH", o.IN_TOUCH}, {"ACTIV", o.ACTIV}, {"ACCOM", o.ACCOM}}
}

// fam150OC2 returns the named OC2 items of a row.
func fam150OC2(o *OC2Row, names ...string) []fam150Field {
	out := make([]fam150Field, len(names))
	for i, n := range names {
		var v string
		switch n {
		case "SDQ_SCORE":
			v = o.SDQ_SCORE
		case "SDQ_REASON":
			v = o.SDQ_REASON
		case "CONVICTED":
			v = o.CONVICTED
		case "HEALTH_CHECK":
			v = o.HEALTH_CHECK
		case "IMMUNISATIONS":
			v = o.IMMUNISATIONS
		case "TEETH_CHECK":
			v = o.TEETH_CHECK
		case "HEALTH_ASSESSMENT":
			v = o.HEALTH_ASSESSMENT
		case "SUBSTANCE_MISUSE":
			v = o.SUBSTANCE_MISUSE
		case "INTERVENTION_RECEIVED":
			v = o.INTERVENTION_RECEIVED
		case "INTERVENTION_OFFERED":
			v = o.INTERVENTION_OFFERED
		default:
			panic("fam150OC2: no OC2 item " + n)
		}
		out[i] = fam150Field{n, v}
	}
	return out
}

// fam150Split separates the fields given from the names of those left blank.
func fam150Split(fields []fam150Field) (given []fam150Field, blank []string) {
	for _, f := range fields {
		if f.value == "" {
			blank = append(blank, f.name)
		} else {
			given = append(given, f)
		}
	}
	return given, blank
}

// fam150Show lists fields with their values: "DATE_INT 01/05/2025, NB_ADOPTR 1".
func fam150Show(fields []fam150Field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.name + " " + f.value
	}
	return strings.Join(parts, ", ")
}

// fam150Are says "X is" or "X, Y are" for a list of field names.
func fam150Are(names []string) string {
	if len(names) == 1 {
		return names[0] + " is"
	}
	return strings.Join(names, ", ") + " are"
}

// fam150Given counts the values given, without building field lists, so
// that rows which pass cost no allocation.
func fam150Given(values ...string) int {
	n := 0
	for _, v := range values {
		if v != "" {
			n++
		}
	}
	return n
}

// fam150AllOrNone explains fields of which some, but not all, are given, or
// returns "" when all or none are.
func fam150AllOrNone(fields []fam150Field) string {
	given, blank := fam150Split(fields)
	if len(given) == 0 || len(blank) == 0 {
		return ""
	}
	return fam150Show(given) + " given but " + fam150Are(blank) + " blank"
}

// fam150Sex reads SEX as the year's code list means it: "Male", "Female"
// or "" (unknown, or not a valid code in year y).
func fam150Sex(sex string, y calendar.Year) string {
	if !ssda903.ValidCode("SEX", sex, y) {
		return ""
	}
	meaning, _ := ssda903.CodeMeaning("SEX", sex)
	if meaning == "Male" || meaning == "Female" {
		return meaning
	}
	return ""
}

// fam150Continuous words whether the child was looked after continuously.
func fam150Continuous(c *Context, looked bool) string {
	if looked {
		return "the child was looked after continuously throughout " + c.Year.String()
	}
	return "the child was not looked after continuously throughout " + c.Year.String()
}

// check151: the AD1 items DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR,
// SEX_ADOPTR and LS_ADOPTR must all be completed or all be left blank.
func check151(c *Context) {
	for _, a := range c.This.AD1 {
		n := fam150Given(a.DATE_INT.Text, a.DATE_MATCH.Text, a.FOSTER_CARE, a.NB_ADOPTR, a.SEX_ADOPTR, a.LS_ADOPTR)
		if n == 0 || n == len(fam150AD1Fields) {
			continue
		}
		if why := fam150AllOrNone(fam150AD1(a)); why != "" {
			c.Fail(a.Ref, why)
		}
	}
}

// check153: the OC3 items IN_TOUCH, ACTIV and ACCOM must all be completed
// or all be left blank.
func check153(c *Context) {
	for _, o := range c.This.OC3 {
		if n := fam150Given(o.IN_TOUCH, o.ACTIV, o.ACCOM); n == 0 || n == len(fam150OC3Fields) {
			continue
		}
		if why := fam150AllOrNone(fam150OC3(o)); why != "" {
			c.Fail(o.Ref, why)
		}
	}
}

// check157: a child looked after continuously for 12 months who is 4 or
// over at the start of the year and 16 or under at its end (fourth
// birthday on or before the first day, sixteenth on or after the last) must
// not have SDQ1 (child under 4 or over 16) as the reason for no SDQ score.
func check157(c *Context) {
	start, end := c.Year.Start(), c.Year.End()
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" || o.SDQ_REASON != "SDQ1" || !o.DOB.OK {
			continue
		}
		four, sixteen := o.DOB.Day.AddYears(4), o.DOB.Day.AddYears(16)
		if four <= start && sixteen >= end && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Failf(o.Ref, nil, "SDQ_REASON is SDQ1 (child under 4 or over 16) with no SDQ_SCORE, but DOB %s "+
				"makes the child 4 or over on %s (fourth birthday %s) and 16 or under on %s (sixteenth birthday %s), "+
				"and %s", o.DOB.Text, start, four, end, sixteen, fam150Continuous(c, true))
		}
	}
}

// check158: when INTERVENTION_RECEIVED is 1, INTERVENTION_OFFERED must be
// blank.
func check158(c *Context) {
	for _, o := range c.This.OC2 {
		if o.INTERVENTION_RECEIVED == "1" && o.INTERVENTION_OFFERED != "" {
			c.Failf(o.Ref, nil, "INTERVENTION_RECEIVED is 1 but INTERVENTION_OFFERED is %s, not blank",
				o.INTERVENTION_OFFERED)
		}
	}
}

// check159: when SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0,
// INTERVENTION_OFFERED must be completed.
func check159(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SUBSTANCE_MISUSE == "1" && o.INTERVENTION_RECEIVED == "0" && o.INTERVENTION_OFFERED == "" {
			c.Fail(o.Ref, "SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0 but INTERVENTION_OFFERED is blank")
		}
	}
}

// check164: unless the child is or was UASC (has a row in this year's or,
// when given, last year's UASC table) or the episode is a short break (LS
// V3 or V4), the distance from home to placement, when both postcodes are
// known, must be between 0.0 and 999.9 miles.
func check164(c *Context) {
	uasc := map[string]bool{}
	for _, t := range []*Tables{c.This, c.Last} {
		if t == nil {
			continue
		}
		for _, u := range t.UASC {
			uasc[u.CHILD] = true
		}
	}
	for _, e := range c.This.Episodes {
		p := e.Derived
		if p == nil || !p.HasDistance || ShortBreak(e.LS) || uasc[e.CHILD] {
			continue
		}
		if p.PL_DISTANCE < 0 || p.PL_DISTANCE > 999.9 {
			c.Failf(e.Ref, nil, "PL_DISTANCE from HOME_POST %s to PL_POST %s is %.1f miles, not between 0.0 and 999.9",
				e.HOME_POST, e.PL_POST, p.PL_DISTANCE)
		}
	}
}

// check165: MOTHER, when provided, must be 0 or 1 and the child must not be
// male; a girl looked after during the year (an episode, other than a
// short break, open at some time in the year) must have MOTHER completed;
// a girl with episodes but none in the year who has care leaver (OC3) data
// must not. Only children with an episode other than a short break (LS V3,
// V4) are checked. The Header row and the child's OC3 rows are flagged.
func check165(c *Context) {
	start, end := c.Year.Start(), c.Year.End()
	// finding is a Header row that fails for why, or, when why is "", that
	// fails only if the child has care leaver information in OC3.
	type finding struct {
		header *HeaderRow
		why    string
	}
	found := map[string][]finding{}
	for _, h := range c.This.Header {
		sex := fam150Sex(h.SEX, c.Year)
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
			given, _ := fam150Split(fam150OC3(o))
			if len(given) == 0 {
				continue
			}
			because := fmt.Sprintf("MOTHER is %s for a girl (SEX %s) with no episode during %s but with care "+
				"leaver information (%s)", f.header.MOTHER, f.header.SEX, c.Year, fam150Show(given))
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
}

// check166: REVIEW must be a valid date.
func check166(c *Context) {
	for _, r := range c.This.Reviews {
		switch {
		case r.REVIEW.Blank():
			c.Fail(r.Ref, "REVIEW is blank")
		case !r.REVIEW.OK:
			c.Failf(r.Ref, nil, "REVIEW %q is not a valid DD/MM/YYYY date", r.REVIEW.Text)
		}
	}
}

// check167: a review (REVIEW given) must have a valid REVIEW_CODE; a row
// without a REVIEW must have no REVIEW_CODE either.
func check167(c *Context) {
	for _, r := range c.This.Reviews {
		switch {
		case !r.REVIEW.Blank() && !ssda903.ValidCode("REVIEW_CODE", r.REVIEW_CODE, c.Year):
			c.Fail(r.Ref, invalidCode("REVIEW_CODE", r.REVIEW_CODE, c.Year))
		case r.REVIEW.Blank() && r.REVIEW_CODE != "":
			c.Failf(r.Ref, nil, "REVIEW_CODE is %s but REVIEW is blank", r.REVIEW_CODE)
		}
	}
}

// fam150ValidUPN reports whether a UPN is a letter other than I, O or S
// followed by 12 digits, or by 11 digits and a letter, or one of UN1 to UN5.
func fam150ValidUPN(upn string) bool {
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

// check168: UPN, when given, must be a letter other than I, O or S followed
// by 12 digits or by 11 digits and a letter, or one of UN1 to UN5.
func check168(c *Context) {
	for _, h := range c.This.Header {
		if h.UPN != "" && !fam150ValidUPN(h.UPN) {
			c.Failf(h.Ref, nil, "UPN %q is neither a letter (other than I, O or S) followed by 12 digits, "+
				"or by 11 digits and a letter, nor one of UN1 to UN5", h.UPN)
		}
	}
}

// check169: an episode other than a short break (LS V3, V4) must have a
// placement local authority (PL_LA), derived from a known PL_POST.
func check169(c *Context) {
	for _, e := range c.This.Episodes {
		if e.Derived != nil && e.Derived.PL_LA == "" && !ShortBreak(e.LS) {
			c.Fail(e.Ref, fam150UnknownPlacement(e, "PL_LA"))
		}
	}
}

// fam150UnknownPlacement explains a placement field that could not be
// derived from PL_POST.
func fam150UnknownPlacement(e *EpisodeRow, field string) string {
	if e.PL_POST == "" {
		return field + " is unknown: PL_POST is blank"
	}
	return fmt.Sprintf("%s is unknown: PL_POST %q is not in the postcode directory", field, e.PL_POST)
}

// check171: MC_DOB, when given, must be a valid date.
func check171(c *Context) {
	for _, h := range c.This.Header {
		if !h.MC_DOB.Blank() && !h.MC_DOB.OK {
			c.Failf(h.Ref, nil, "MC_DOB %q is not a valid DD/MM/YYYY date", h.MC_DOB.Text)
		}
	}
}

// check174: a male child (SEX M) must not have MC_DOB.
func check174(c *Context) {
	for _, h := range c.This.Header {
		if h.SEX == "M" && !h.MC_DOB.Blank() {
			c.Failf(h.Ref, nil, "MC_DOB is %s but SEX is M (male)", h.MC_DOB.Text)
		}
	}
}

// fam150CodeOrBlank fails each row whose value is given and not in field's
// code list.
func fam150CodeOrBlank(c *Context, field string, ref Ref, value string) {
	if value != "" && !ssda903.ValidCode(field, value, c.Year) {
		c.Fail(ref, invalidCode(field, value, c.Year))
	}
}

// check175: NB_ADOPTR, when given, must be a valid code.
func check175(c *Context) {
	for _, a := range c.This.AD1 {
		fam150CodeOrBlank(c, "NB_ADOPTR", a.Ref, a.NB_ADOPTR)
	}
}

// check176: SEX_ADOPTR, when given, must be a valid code.
func check176(c *Context) {
	for _, a := range c.This.AD1 {
		fam150CodeOrBlank(c, "SEX_ADOPTR", a.Ref, a.SEX_ADOPTR)
	}
}

// check177: LS_ADOPTR, when given, must be a valid code.
func check177(c *Context) {
	for _, a := range c.This.AD1 {
		fam150CodeOrBlank(c, "LS_ADOPTR", a.Ref, a.LS_ADOPTR)
	}
}

// check178: PLACE_PROVIDER, when given, must be a valid code, and must not
// be given for the placements T0, T1, T2, T3, Z11, Z12, Z13 and Z14.
func check178(c *Context) {
	for _, e := range c.This.Episodes {
		switch {
		case e.PLACE_PROVIDER == "":
		case !ssda903.ValidCode("PLACE_PROVIDER", e.PLACE_PROVIDER, c.Year):
			c.Fail(e.Ref, invalidCode("PLACE_PROVIDER", e.PLACE_PROVIDER, c.Year))
		case fam150NoProvider(e.PLACE):
			c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but PLACE %s takes no provider", e.PLACE_PROVIDER, e.PLACE)
		}
	}
}

// fam150NoProvider reports whether a placement type takes no
// PLACE_PROVIDER (rule 178 from 2025/26).
func fam150NoProvider(place string) bool {
	switch place {
	case "T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14":
		return true
	}
	return false
}

// check179: an episode other than a short break (LS V3, V4) must have a
// placement location (PL_LOCATION, IN or OUT of the local authority),
// derived from a known PL_POST.
func check179(c *Context) {
	for _, e := range c.This.Episodes {
		if e.Derived != nil && e.Derived.PL_LOCATION == "" && !ShortBreak(e.LS) {
			c.Fail(e.Ref, fam150UnknownPlacement(e, "PL_LOCATION"))
		}
	}
}

// fam150SDQScore reports whether an SDQ score is a whole number from 0 to
// 40, written as a number ("12", or "12.0" as the peer accepts).
func fam150SDQScore(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789.+-eE", rune(s[i])) {
			return false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f >= 0 && f <= 40 && f == float64(int(f))
}

// check180: SDQ_SCORE, when given, must be a whole number from 0 to 40.
func check180(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" && !fam150SDQScore(o.SDQ_SCORE) {
			c.Failf(o.Ref, nil, "SDQ_SCORE %q is not a whole number from 0 to 40", o.SDQ_SCORE)
		}
	}
}

// check181: CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED, when given, must be 0 or 1.
func check181(c *Context) {
	flag := func(v string) bool { return v == "" || v == "0" || v == "1" }
	for _, o := range c.This.OC2 {
		if flag(o.CONVICTED) && flag(o.HEALTH_CHECK) && flag(o.IMMUNISATIONS) && flag(o.TEETH_CHECK) &&
			flag(o.HEALTH_ASSESSMENT) && flag(o.SUBSTANCE_MISUSE) && flag(o.INTERVENTION_RECEIVED) &&
			flag(o.INTERVENTION_OFFERED) {
			continue
		}
		var bad []fam150Field
		var names []string
		for _, f := range fam150OC2(o, fam150OC2Flags...) {
			if !flag(f.value) {
				bad = append(bad, f)
				names = append(names, f.name)
			}
		}
		c.Failf(o.Ref, names, "%s: not 0 or 1", fam150Show(bad))
	}
}

// check182: when any of CONVICTED, HEALTH_CHECK, INTERVENTION_RECEIVED or
// INTERVENTION_OFFERED is given, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must all be completed.
func check182(c *Context) {
	for _, o := range c.This.OC2 {
		if fam150Given(o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT, o.SUBSTANCE_MISUSE) == 4 ||
			fam150Given(o.CONVICTED, o.HEALTH_CHECK, o.INTERVENTION_RECEIVED, o.INTERVENTION_OFFERED) == 0 {
			continue
		}
		_, blank := fam150Split(fam150OC2(o, "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"))
		given, _ := fam150Split(fam150OC2(o, "CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"))
		if len(blank) > 0 && len(given) > 0 {
			c.Failf(o.Ref, nil, "%s given but %s blank", fam150Show(given), fam150Are(blank))
		}
	}
}

// check184: DATE_PLACED must not be before the child's date of birth (the
// DOB in Header).
func check184(c *Context) {
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
}

// check185: a child not looked after continuously for 12 months must not
// have an SDQ_SCORE.
func check185(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" && !c.ContinuouslyLookedAfter(o.CHILD) {
			c.Failf(o.Ref, nil, "SDQ_SCORE is %s but %s", o.SDQ_SCORE, fam150Continuous(c, false))
		}
	}
}

// check186: a child looked after continuously for 12 months who is 4 or
// over at the start of the year (fourth birthday on or before its first
// day) and under 17 at its end (seventeenth birthday after its last day)
// must have an SDQ_SCORE or an SDQ_REASON.
func check186(c *Context) {
	start, end := c.Year.Start(), c.Year.End()
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" || o.SDQ_REASON != "" || !o.DOB.OK {
			continue
		}
		four, seventeen := o.DOB.Day.AddYears(4), o.DOB.Day.AddYears(17)
		if four <= start && seventeen > end && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Failf(o.Ref, nil, "SDQ_SCORE and SDQ_REASON are both blank, but DOB %s makes the child 4 or over "+
				"on %s and under 17 on %s, and %s", o.DOB.Text, start, end, fam150Continuous(c, true))
		}
	}
}

// check187: a child looked after continuously for 12 months must have no
// adoption (AD1) or care leaver (OC3) information.
func check187(c *Context) {
	for _, o := range c.This.OC3 {
		if fam150Given(o.IN_TOUCH, o.ACTIV, o.ACCOM) == 0 || !c.ContinuouslyLookedAfter(o.CHILD) {
			continue
		}
		if given, _ := fam150Split(fam150OC3(o)); len(given) > 0 {
			c.Failf(o.Ref, fam150OC3Fields, "%s given but %s", fam150Show(given), fam150Continuous(c, true))
		}
	}
	for _, a := range c.This.AD1 {
		if fam150Given(a.DATE_INT.Text, a.DATE_MATCH.Text, a.FOSTER_CARE, a.NB_ADOPTR, a.SEX_ADOPTR, a.LS_ADOPTR) == 0 ||
			!c.ContinuouslyLookedAfter(a.CHILD) {
			continue
		}
		if given, _ := fam150Split(fam150AD1(a)); len(given) > 0 {
			c.Failf(a.Ref, fam150AD1Fields, "%s given but %s", fam150Show(given), fam150Continuous(c, true))
		}
	}
}

// fam150SDQGiven lists SDQ_SCORE and SDQ_REASON when given.
func fam150SDQGiven(o *OC2Row) []fam150Field {
	if o.SDQ_SCORE == "" && o.SDQ_REASON == "" {
		return nil
	}
	given, _ := fam150Split(fam150OC2(o, "SDQ_SCORE", "SDQ_REASON"))
	return given
}

// check188: a child under 4 at the end of the year (fourth birthday after
// its last day) must have no SDQ_SCORE or SDQ_REASON.
func check188(c *Context) {
	end := c.Year.End()
	for _, o := range c.This.OC2 {
		given := fam150SDQGiven(o)
		if len(given) == 0 || !o.DOB.OK {
			continue
		}
		if four := o.DOB.Day.AddYears(4); four > end {
			c.Failf(o.Ref, nil, "%s given but DOB %s makes the child under 4 on %s", fam150Show(given), o.DOB.Text, end)
		}
	}
}

// check189: a child whose seventeenth birthday was before the start of the
// year must have no SDQ_SCORE or SDQ_REASON.
func check189(c *Context) {
	start := c.Year.Start()
	for _, o := range c.This.OC2 {
		given := fam150SDQGiven(o)
		if len(given) == 0 || !o.DOB.OK {
			continue
		}
		if seventeen := o.DOB.Day.AddYears(17); seventeen < start {
			c.Failf(o.Ref, nil, "%s given but DOB %s means the child turned 17 on %s, before the year began on %s",
				fam150Show(given), o.DOB.Text, seventeen, start)
		}
	}
}

// check190: a child not looked after continuously for 12 months must have
// none of CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED.
func check190(c *Context) {
	for _, o := range c.This.OC2 {
		if fam150Given(o.CONVICTED, o.HEALTH_CHECK, o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT,
			o.SUBSTANCE_MISUSE, o.INTERVENTION_RECEIVED, o.INTERVENTION_OFFERED) == 0 ||
			c.ContinuouslyLookedAfter(o.CHILD) {
			continue
		}
		if given, _ := fam150Split(fam150OC2(o, fam150OC2Flags...)); len(given) > 0 {
			c.Failf(o.Ref, nil, "%s given but %s", fam150Show(given), fam150Continuous(c, false))
		}
	}
}

// check191: a child looked after continuously for 12 months must have an
// OC2 row with IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and
// SUBSTANCE_MISUSE completed. A child with no OC2 row is flagged at its
// first episode.
func check191(c *Context) {
	inOC2 := map[string]bool{}
	for _, o := range c.This.OC2 {
		inOC2[o.CHILD] = true
		if fam150Given(o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT, o.SUBSTANCE_MISUSE) == 4 ||
			!c.ContinuouslyLookedAfter(o.CHILD) {
			continue
		}
		_, blank := fam150Split(fam150OC2(o, "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"))
		c.Failf(o.Ref, nil, "%s blank but %s", fam150Are(blank), fam150Continuous(c, true))
	}
	for _, e := range c.This.Episodes {
		// A looked-after child has an episode with a valid DECOM; the first
		// in DECOM order is flagged.
		if inOC2[e.CHILD] || !c.ContinuouslyLookedAfter(e.CHILD) || c.This.EpisodesOf(e.CHILD)[0] != e {
			continue
		}
		c.Failf(e.Ref, []string{"CHILD", "DECOM"}, "%s and has no OC2 row", fam150Continuous(c, true))
	}
}

// check192: when SUBSTANCE_MISUSE is 1, INTERVENTION_RECEIVED must be
// completed.
func check192(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SUBSTANCE_MISUSE == "1" && o.INTERVENTION_RECEIVED == "" {
			c.Fail(o.Ref, "SUBSTANCE_MISUSE is 1 but INTERVENTION_RECEIVED is blank")
		}
	}
}

// check193: when SUBSTANCE_MISUSE is 0 or blank, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED must be blank.
func check193(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SUBSTANCE_MISUSE != "" && o.SUBSTANCE_MISUSE != "0" {
			continue
		}
		if o.INTERVENTION_RECEIVED == "" && o.INTERVENTION_OFFERED == "" {
			continue
		}
		given, _ := fam150Split(fam150OC2(o, "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"))
		misuse := "SUBSTANCE_MISUSE is blank"
		if o.SUBSTANCE_MISUSE == "0" {
			misuse = "SUBSTANCE_MISUSE is 0"
		}
		c.Failf(o.Ref, nil, "%s but %s given", misuse, fam150Show(given))
	}
}

// check196: SDQ_REASON, when given, must be a valid code.
func check196(c *Context) {
	for _, o := range c.This.OC2 {
		fam150CodeOrBlank(c, "SDQ_REASON", o.Ref, o.SDQ_REASON)
	}
}

// check197B: a child looked after continuously for 12 months whose fourth
// or seventeenth birthday falls in the year must have an SDQ_SCORE or an
// SDQ_REASON.
func check197B(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" || o.SDQ_REASON != "" || !o.DOB.OK {
			continue
		}
		age, birthday := 4, o.DOB.Day.AddYears(4)
		if !c.Year.Contains(birthday) {
			age, birthday = 17, o.DOB.Day.AddYears(17)
		}
		if c.Year.Contains(birthday) && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Failf(o.Ref, nil, "SDQ_SCORE and SDQ_REASON are both blank, but DOB %s means the child turned %d on %s, "+
				"during %s, and %s", o.DOB.Text, age, birthday, c.Year, fam150Continuous(c, true))
		}
	}
}

// check197a: SDQ_REASON must be blank when SDQ_SCORE is given.
func check197a(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SDQ_SCORE != "" && o.SDQ_REASON != "" {
			c.Failf(o.Ref, nil, "SDQ_SCORE is %s and SDQ_REASON is %s: a reason is only for no score",
				o.SDQ_SCORE, o.SDQ_REASON)
		}
	}
}

// check198: a child not looked after continuously for 12 months must not
// have an SDQ_REASON.
func check198(c *Context) {
	for _, o := range c.This.OC2 {
		if o.SDQ_REASON != "" && !c.ContinuouslyLookedAfter(o.CHILD) {
			c.Failf(o.Ref, nil, "SDQ_REASON is %s but %s", o.SDQ_REASON, fam150Continuous(c, false))
		}
	}
}

// check199: no episode may start after an episode that ended in adoption
// (REC E11 or E12), in this year's return or, when given, last year's.
// Episodes are taken in DECOM order (this year's first on the same day);
// the first adoption episode itself passes. Episodes with no valid DECOM
// are left out.
func check199(c *Context) {
	adopted := func(e *EpisodeRow) bool { return e.REC == "E11" || e.REC == "E12" }
	for _, first := range c.This.Episodes {
		child := first.CHILD
		this := c.This.EpisodesOf(child)
		if this[0] != first {
			continue // each child once
		}
		var last []*EpisodeRow
		if c.Last != nil {
			last = c.Last.EpisodesOf(child)
		}
		var adoption *EpisodeRow
		i, j := 0, 0
		for {
			// Valid DECOMs come first in EpisodesOf; stop at the first invalid one.
			thisOK := i < len(this) && this[i].DECOM.OK
			lastOK := j < len(last) && last[j].DECOM.OK
			var e *EpisodeRow
			switch {
			case thisOK && (!lastOK || this[i].DECOM.Day <= last[j].DECOM.Day):
				e = this[i]
				i++
			case lastOK:
				e = last[j]
				j++
			}
			if e == nil {
				break
			}
			if adoption == nil {
				if adopted(e) {
					adoption = e
				}
				continue
			}
			if !e.Last {
				where := ""
				if adoption.Last {
					where = " in last year's return"
				}
				c.Failf(e.Ref, nil, "episode starting %s (REC %s) follows the episode starting %s%s that ended "+
					"with REC %s (adopted)", e.DECOM.Text, orBlank(e.REC), adoption.DECOM.Text, where, adoption.REC)
			}
		}
	}
}
