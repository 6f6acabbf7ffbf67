package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// healthRules are the rules on the OC2 outcomes: health checks,
// immunisations, teeth, SDQ scores, convictions and substance misuse.
var healthRules = []*Rule{
	rule157,
	rule158,
	rule159,
	rule180,
	rule181,
	rule182,
	rule185,
	rule186,
	rule188,
	rule189,
	rule190,
	rule191,
	rule192,
	rule193,
	rule196,
	rule197B,
	rule197a,
	rule198,
	rule542,
	rule543,
	rule544,
	rule545,
	rule546,
	rule547,
}

// rule157: a child looked after continuously for 12 months who is 4 or
// over at the start of the year and 16 or under at its end (fourth
// birthday on or before the first day, sixteenth on or after the last) must
// not have SDQ1 (child under 4 or over 16) as the reason for no SDQ score.
var rule157 = &Rule{
	Code: "157",
	Message: "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the " +
		"year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no " +
		"Strengths and Difficulties Questionnaire (SDQ) score.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: []string{"SDQ_REASON", "SDQ_SCORE", "DOB"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		for _, o := range c.This.OC2 {
			if o.SDQ_SCORE != "" || o.SDQ_REASON != "SDQ1" || !o.DOB.OK {
				continue
			}
			four, sixteen := o.DOB.Day.AddYears(4), o.DOB.Day.AddYears(16)
			if four <= start && sixteen >= end && c.ContinuouslyLookedAfter(o.CHILD) {
				c.Failf(o.Ref, nil, "SDQ_REASON is SDQ1 (child under 4 or over 16) with no SDQ_SCORE, but DOB %s "+
					"makes the child 4 or over on %s (fourth birthday %s) and 16 or under on %s (sixteenth birthday %s), "+
					"and %s", o.DOB.Text, start, four, end, sixteen, continuousCareClause(c, true))
			}
		}
	},
}

// rule158: when INTERVENTION_RECEIVED is 1, INTERVENTION_OFFERED must be
// blank.
var rule158 = &Rule{
	Code:    "158",
	Message: "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.INTERVENTION_RECEIVED == "1" && o.INTERVENTION_OFFERED != "" {
				c.Failf(o.Ref, nil, "INTERVENTION_RECEIVED is 1 but INTERVENTION_OFFERED is %s, not blank",
					o.INTERVENTION_OFFERED)
			}
		}
	},
}

// rule159: when SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0,
// INTERVENTION_OFFERED must be completed.
var rule159 = &Rule{
	Code:    "159",
	Message: "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SUBSTANCE_MISUSE == "1" && o.INTERVENTION_RECEIVED == "0" && o.INTERVENTION_OFFERED == "" {
				c.Fail(o.Ref, "SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0 but INTERVENTION_OFFERED is blank")
			}
		}
	},
}

// rule180: SDQ_SCORE, when given, must be a whole number from 0 to 40.
var rule180 = &Rule{
	Code:    "180",
	Message: "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SDQ_SCORE"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SDQ_SCORE != "" && !validSDQScore(o.SDQ_SCORE) {
				c.Failf(o.Ref, nil, "SDQ_SCORE %q is not a whole number from 0 to 40", o.SDQ_SCORE)
			}
		}
	},
}

// validSDQScore reports whether an SDQ score is a whole number from 0 to
// 40, written as a number ("12", or "12.0" as the peer accepts).
func validSDQScore(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789.+-eE", rune(s[i])) {
			return false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f >= 0 && f <= 40 && f == float64(int(f))
}

// rule181: CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED, when given, must be 0 or 1.
var rule181 = &Rule{
	Code:    "181",
	Message: "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  outcomeFlagNames,
	Check: func(c *Context) {
		flag := func(v string) bool { return v == "" || v == "0" || v == "1" }
		for _, o := range c.This.OC2 {
			if flag(o.CONVICTED) && flag(o.HEALTH_CHECK) && flag(o.IMMUNISATIONS) && flag(o.TEETH_CHECK) &&
				flag(o.HEALTH_ASSESSMENT) && flag(o.SUBSTANCE_MISUSE) && flag(o.INTERVENTION_RECEIVED) &&
				flag(o.INTERVENTION_OFFERED) {
				continue
			}
			var bad []namedValue
			var names []string
			for _, f := range outcomeValues(o, outcomeFlagNames...) {
				if !flag(f.value) {
					bad = append(bad, f)
					names = append(names, f.name)
				}
			}
			c.Failf(o.Ref, names, "%s: not 0 or 1", showValues(bad))
		}
	},
}

// rule182: when any of CONVICTED, HEALTH_CHECK, INTERVENTION_RECEIVED or
// INTERVENTION_OFFERED is given, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must all be completed.
var rule182 = &Rule{
	Code:    "182",
	Message: "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields: []string{"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
		"CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if countGiven(o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT, o.SUBSTANCE_MISUSE) == 4 ||
				countGiven(o.CONVICTED, o.HEALTH_CHECK, o.INTERVENTION_RECEIVED, o.INTERVENTION_OFFERED) == 0 {
				continue
			}
			_, blank := splitGiven(outcomeValues(o, "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"))
			given, _ := splitGiven(outcomeValues(o, "CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"))
			if len(blank) > 0 && len(given) > 0 {
				c.Failf(o.Ref, nil, "%s given but %s blank", showValues(given), listWithVerb(blank))
			}
		}
	},
}

// rule185: a child not looked after continuously for 12 months must not
// have an SDQ_SCORE.
var rule185 = &Rule{
	Code: "185",
	Message: "Child has not been looked after continuously for at least 12 months at " +
		"31 March but a Strengths and Difficulties (SDQ) score has been completed.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: []string{"SDQ_SCORE"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SDQ_SCORE != "" && !c.ContinuouslyLookedAfter(o.CHILD) {
				c.Failf(o.Ref, nil, "SDQ_SCORE is %s but %s", o.SDQ_SCORE, continuousCareClause(c, false))
			}
		}
	},
}

// rule186: a child looked after continuously for 12 months who is 4 or
// over at the start of the year (fourth birthday on or before its first
// day) and under 17 at its end (seventeenth birthday after its last day)
// must have an SDQ_SCORE or an SDQ_REASON.
var rule186 = &Rule{
	Code: "186",
	Message: "Children aged 4 or over at the start of the year and children aged under 17 at the " +
		"end of the year and who have been looked after for at least 12 months continuously " +
		"should have a Strengths and Difficulties (SDQ) score completed.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: []string{"SDQ_SCORE", "SDQ_REASON", "DOB"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		for _, o := range c.This.OC2 {
			if o.SDQ_SCORE != "" || o.SDQ_REASON != "" || !o.DOB.OK {
				continue
			}
			four, seventeen := o.DOB.Day.AddYears(4), o.DOB.Day.AddYears(17)
			if four <= start && seventeen > end && c.ContinuouslyLookedAfter(o.CHILD) {
				c.Failf(o.Ref, nil, "SDQ_SCORE and SDQ_REASON are both blank, but DOB %s makes the child 4 or over "+
					"on %s and under 17 on %s, and %s", o.DOB.Text, start, end, continuousCareClause(c, true))
			}
		}
	},
}

// rule188: a child under 4 at the end of the year (fourth birthday after
// its last day) must have no SDQ_SCORE or SDQ_REASON.
var rule188 = &Rule{
	Code: "188",
	Message: "Child is aged under 4 years at the end of the year, " +
		"but a Strengths and Difficulties (SDQ) score or a reason " +
		"for no SDQ score has been completed.",
	Tables: []ssda903.TableName{ssda903.OC2},
	Fields: []string{"SDQ_SCORE", "SDQ_REASON", "DOB"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, o := range c.This.OC2 {
			given := givenSDQValues(o)
			if len(given) == 0 || !o.DOB.OK {
				continue
			}
			if four := o.DOB.Day.AddYears(4); four > end {
				c.Failf(o.Ref, nil, "%s given but DOB %s makes the child under 4 on %s", showValues(given), o.DOB.Text, end)
			}
		}
	},
}

// rule189: a child whose seventeenth birthday was before the start of the
// year must have no SDQ_SCORE or SDQ_REASON.
var rule189 = &Rule{
	Code: "189",
	Message: "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties " +
		"(SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
	Description: "If <DOB> > 17 years prior to <COLLECTION_START_DATE> then <SDQ_SCORE> and <SDQ_REASON> " +
		"should not be provided.",
	Tables: []ssda903.TableName{ssda903.OC2},
	Fields: []string{"DOB", "SDQ_SCORE", "SDQ_REASON"},
	Check: func(c *Context) {
		start := c.Year.Start()
		for _, o := range c.This.OC2 {
			given := givenSDQValues(o)
			if len(given) == 0 || !o.DOB.OK {
				continue
			}
			if seventeen := o.DOB.Day.AddYears(17); seventeen < start {
				c.Failf(o.Ref, nil, "%s given but DOB %s means the child turned 17 on %s, before the year began on %s",
					showValues(given), o.DOB.Text, seventeen, start)
			}
		}
	},
}

// rule190: a child not looked after continuously for 12 months must have
// none of CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
// HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED.
var rule190 = &Rule{
	Code: "190",
	Message: "Child has not been looked after continuously for at least 12 months at 31 March but one or more " +
		"data items relating to children looked after for 12 months have been completed.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: outcomeFlagNames,
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if countGiven(o.CONVICTED, o.HEALTH_CHECK, o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT,
				o.SUBSTANCE_MISUSE, o.INTERVENTION_RECEIVED, o.INTERVENTION_OFFERED) == 0 ||
				c.ContinuouslyLookedAfter(o.CHILD) {
				continue
			}
			if given, _ := splitGiven(outcomeValues(o, outcomeFlagNames...)); len(given) > 0 {
				c.Failf(o.Ref, nil, "%s given but %s", showValues(given), continuousCareClause(c, false))
			}
		}
	},
}

// rule191: a child looked after continuously for 12 months must have an
// OC2 row with IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and
// SUBSTANCE_MISUSE completed. A child with no OC2 row is flagged at its
// first episode.
var rule191 = &Rule{
	Code: "191",
	Message: "Child has been looked after continuously for at least 12 months at 31 March but one or more " +
		"data items relating to children looked after for 12 months have been left blank.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: []string{"IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "CHILD"},
	Check: func(c *Context) {
		inOC2 := make(map[string]bool, len(c.This.OC2))
		for _, o := range c.This.OC2 {
			inOC2[o.CHILD] = true
			if countGiven(o.IMMUNISATIONS, o.TEETH_CHECK, o.HEALTH_ASSESSMENT, o.SUBSTANCE_MISUSE) == 4 ||
				!c.ContinuouslyLookedAfter(o.CHILD) {
				continue
			}
			_, blank := splitGiven(outcomeValues(o, "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"))
			c.Failf(o.Ref, nil, "%s blank but %s", listWithVerb(blank), continuousCareClause(c, true))
		}
		for child, eps := range c.This.ByChild() {
			// A looked-after child has an episode with a valid DECOM; the first
			// in DECOM order is flagged.
			if inOC2[child] || !c.ContinuouslyLookedAfter(child) {
				continue
			}
			c.Failf(eps[0].Ref, []string{"CHILD", "DECOM"}, "%s and has no OC2 row", continuousCareClause(c, true))
		}
	},
}

// rule192: when SUBSTANCE_MISUSE is 1, INTERVENTION_RECEIVED must be
// completed.
var rule192 = &Rule{
	Code:    "192",
	Message: "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SUBSTANCE_MISUSE == "1" && o.INTERVENTION_RECEIVED == "" {
				c.Fail(o.Ref, "SUBSTANCE_MISUSE is 1 but INTERVENTION_RECEIVED is blank")
			}
		}
	},
}

// rule193: when SUBSTANCE_MISUSE is 0 or blank, INTERVENTION_RECEIVED and
// INTERVENTION_OFFERED must be blank.
var rule193 = &Rule{
	Code:    "193",
	Message: "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SUBSTANCE_MISUSE != "" && o.SUBSTANCE_MISUSE != "0" {
				continue
			}
			if o.INTERVENTION_RECEIVED == "" && o.INTERVENTION_OFFERED == "" {
				continue
			}
			given, _ := splitGiven(outcomeValues(o, "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"))
			misuse := "SUBSTANCE_MISUSE is blank"
			if o.SUBSTANCE_MISUSE == "0" {
				misuse = "SUBSTANCE_MISUSE is 0"
			}
			c.Failf(o.Ref, nil, "%s but %s given", misuse, showValues(given))
		}
	},
}

// rule196: SDQ_REASON, when given, must be a valid code.
var rule196 = &Rule{
	Code:    "196",
	Message: "Strengths and Difficulties (SDQ) reason is not a valid code.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SDQ_REASON"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			failUnlessCodeOrBlank(c, "SDQ_REASON", o.Ref, o.SDQ_REASON)
		}
	},
}

// rule197B: a child looked after continuously for 12 months whose fourth
// or seventeenth birthday falls in the year must have an SDQ_SCORE or an
// SDQ_REASON.
var rule197B = &Rule{
	Code:    "197B",
	Message: "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
	Tables:  []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields:  []string{"SDQ_REASON", "SDQ_SCORE", "DOB"},
	Check: func(c *Context) {
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
					"during %s, and %s", o.DOB.Text, age, birthday, c.Year, continuousCareClause(c, true))
			}
		}
	},
}

// rule197a: SDQ_REASON must be blank when SDQ_SCORE is given.
var rule197a = &Rule{
	Code:    "197a",
	Message: "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.",
	Tables:  []ssda903.TableName{ssda903.OC2},
	Fields:  []string{"SDQ_SCORE", "SDQ_REASON"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SDQ_SCORE != "" && o.SDQ_REASON != "" {
				c.Failf(o.Ref, nil, "SDQ_SCORE is %s and SDQ_REASON is %s: a reason is only for no score",
					o.SDQ_SCORE, o.SDQ_REASON)
			}
		}
	},
}

// rule198: a child not looked after continuously for 12 months must not
// have an SDQ_REASON.
var rule198 = &Rule{
	Code: "198",
	Message: "Child has not been looked after continuously for at least 12 months at 31 March but a reason " +
		"for no Strengths and Difficulties (SDQ) score has been completed.",
	Tables: []ssda903.TableName{ssda903.OC2, ssda903.Episodes},
	Fields: []string{"SDQ_REASON"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.SDQ_REASON != "" && !c.ContinuouslyLookedAfter(o.CHILD) {
				c.Failf(o.Ref, nil, "SDQ_REASON is %s but %s", o.SDQ_REASON, continuousCareClause(c, false))
			}
		}
	},
}

// rule542: a child aged under 10 at 31 March must have <CONVICTED> blank.
var rule542 = &Rule{
	Code: "542", Message: "A child aged under 10 at 31 March should not have conviction information completed.",
	Tables: []ssda903.TableName{ssda903.OC2}, Fields: []string{"DOB", "CONVICTED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age < 10 && o.CONVICTED != "" {
				c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) but CONVICTED is %q", age, c.Year.End(), o.DOB.Text, o.CONVICTED))
			}
		}
	},
}

// rule543: a child aged 10 or over at 31 March and continuously looked
// after for the year must have <CONVICTED> given.
var rule543 = &Rule{
	Code: "543", Message: "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.",
	Description: "If <DOB> >= 10 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <CONVICTED> should be provided.",
	Tables:      []ssda903.TableName{ssda903.OC2, ssda903.Episodes}, Fields: []string{"DOB", "CONVICTED"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age >= 10 && o.CONVICTED == "" && c.ContinuouslyLookedAfter(o.CHILD) {
				c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) and looked after all year but CONVICTED is blank", age, c.Year.End(), o.DOB.Text))
			}
		}
	},
}

// rule544: where <CONVICTED> is 1, <IMMUNISATIONS>, <TEETH_CHECK>,
// <HEALTH_ASSESSMENT> and <SUBSTANCE_MISUSE> must be given.
var rule544 = &Rule{
	Code: "544", Message: "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
	Tables: []ssda903.TableName{ssda903.OC2}, Fields: []string{"CONVICTED", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.CONVICTED == "1" {
				if b := healthItemsBlank(o); b != "" {
					c.Fail(o.Ref, "CONVICTED is 1 but "+b)
				}
			}
		}
	},
}

// rule545: a child aged under 5 at 31 March and continuously looked after
// for the year must have <HEALTH_CHECK> given.
var rule545 = &Rule{
	Code: "545", Message: "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.",
	Description: "If <DOB> < 5 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <HEALTH_CHECK> should be provided.",
	Tables:      []ssda903.TableName{ssda903.OC2, ssda903.Episodes}, Fields: []string{"DOB", "HEALTH_CHECK"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age < 5 && o.HEALTH_CHECK == "" && c.ContinuouslyLookedAfter(o.CHILD) {
				c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) and looked after all year but HEALTH_CHECK is blank", age, c.Year.End(), o.DOB.Text))
			}
		}
	},
}

// rule546: a child aged 5 or over at 31 March and continuously looked
// after for the year must have <HEALTH_CHECK> blank.
var rule546 = &Rule{
	Code: "546", Message: "Children aged 5 or over at 31 March should not have health promotion information completed.",
	Description: "If <DOB> >= 5 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <HEALTH_CHECK> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.OC2, ssda903.Episodes}, Fields: []string{"DOB", "HEALTH_CHECK"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age >= 5 && o.HEALTH_CHECK != "" && c.ContinuouslyLookedAfter(o.CHILD) {
				c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) but HEALTH_CHECK is %q", age, c.Year.End(), o.DOB.Text, o.HEALTH_CHECK))
			}
		}
	},
}

// rule547: where <HEALTH_CHECK> is 1, <IMMUNISATIONS>, <TEETH_CHECK>,
// <HEALTH_ASSESSMENT> and <SUBSTANCE_MISUSE> must be given.
var rule547 = &Rule{
	Code: "547", Message: "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
	Tables: []ssda903.TableName{ssda903.OC2}, Fields: []string{"HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"},
	Check: func(c *Context) {
		for _, o := range c.This.OC2 {
			if o.HEALTH_CHECK == "1" {
				if b := healthItemsBlank(o); b != "" {
					c.Fail(o.Ref, "HEALTH_CHECK is 1 but "+b)
				}
			}
		}
	},
}

// outcomeValues returns the named OC2 items of a row.
func outcomeValues(o *OC2Row, names ...string) []namedValue {
	out := make([]namedValue, len(names))
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
			panic("outcomeValues: no OC2 item " + n)
		}
		out[i] = namedValue{n, v}
	}
	return out
}

// givenSDQValues lists SDQ_SCORE and SDQ_REASON when given.
func givenSDQValues(o *OC2Row) []namedValue {
	if o.SDQ_SCORE == "" && o.SDQ_REASON == "" {
		return nil
	}
	given, _ := splitGiven(outcomeValues(o, "SDQ_SCORE", "SDQ_REASON"))
	return given
}

// healthItemsBlank names the blank items among IMMUNISATIONS,
// TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE.
func healthItemsBlank(o *OC2Row) string {
	var blank []string
	for _, f := range []struct{ name, value string }{
		{"IMMUNISATIONS", o.IMMUNISATIONS}, {"TEETH_CHECK", o.TEETH_CHECK},
		{"HEALTH_ASSESSMENT", o.HEALTH_ASSESSMENT}, {"SUBSTANCE_MISUSE", o.SUBSTANCE_MISUSE},
	} {
		if f.value == "" {
			blank = append(blank, f.name)
		}
	}
	switch len(blank) {
	case 0:
		return ""
	case 1:
		return blank[0] + " is blank"
	}
	return joinWithAnd(blank) + " are blank"
}
