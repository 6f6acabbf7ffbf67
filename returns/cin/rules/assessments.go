package rules

import (
	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// assessmentRules are the rules on assessments and the factors identified
// at them.
var assessmentRules = []*Rule{
	rule1103, rule2991Q, rule8608, rule8614, rule8670Q, rule8696, rule8736, rule8863Q, rule8867, rule8869,
	rule8873Q, rule8896, rule8897Q, rule8898, rule8945Q, rule8950Q,
}

var (
	assessmentTables = []Table{cin.Assessments}
	factorTables     = []Table{cin.Assessments, cin.AssessmentFactorsList}
)

// completed reports whether an assessment is completed: it has an
// authorisation date.
func completed(a *Assessment) bool { return !a.AssessmentAuthorisationDate.Blank() }

// rule1103: an assessment does not start before its episode's referral.
var rule1103 = &Rule{
	Code: "1103", Message: "The assessment start date cannot be before the referral date",
	Tables: []Table{cin.CINdetails, cin.Assessments}, Fields: []string{"AssessmentActualStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, a := range d.Assessments {
				if s, r := a.AssessmentActualStartDate, d.CINreferralDate; s.OK && r.OK && s.Day < r.Day {
					c.Failf(a.Ref(), nil, "AssessmentActualStartDate %s is before the episode's CINreferralDate %s", s.Text, r.Text)
				}
			}
		}
	},
}

// rule2991Q: an episode with a section 47 enquiry has an assessment.
var rule2991Q = &Rule{
	Code: "2991Q", Message: "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode",
	Tables: []Table{cin.CINdetails, cin.Assessments, cin.Section47}, Fields: []string{"S47ActualStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if len(d.Assessments) == 0 {
				for _, s := range d.Section47s {
					c.Fail(s.Ref(), "the episode has this section 47 enquiry and no assessment")
				}
			}
		}
	},
}

// rule8608: an assessment is not authorised before it starts.
var rule8608 = &Rule{
	Code: "8608", Message: "Assessment Start Date cannot be later than its End Date",
	Tables: assessmentTables, Fields: []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if s, e := a.AssessmentActualStartDate, a.AssessmentAuthorisationDate; s.OK && e.OK && e.Day < s.Day {
				c.Failf(a.Ref(), nil, "AssessmentAuthorisationDate %s is before AssessmentActualStartDate %s", e.Text, s.Text)
			}
		}
	},
}

// rule8614: only a completed assessment has factors.
var rule8614 = &Rule{
	Code: "8614", Message: "Parental or child factors at assessment should only be present for a completed assessment.",
	Tables: factorTables, Fields: []string{"AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if !completed(a) && len(a.Factors) > 0 {
				c.Failf(a.Ref(), nil, "the assessment has no AssessmentAuthorisationDate but has %d factors", len(a.Factors))
			}
		}
	},
}

// rule8670Q: an assessment still open at the end of the census year
// started no more than 45 working days before it.
var rule8670Q = &Rule{
	Code: "8670Q", Message: "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.",
	Tables: assessmentTables, Fields: []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			s := a.AssessmentActualStartDate
			if completed(a) || !s.OK {
				continue
			}
			if n := calendar.WorkingDays(s.Day, c.Reference); n > 45 {
				c.Failf(a.Ref(), nil, "the assessment started on %s, %d working days before the reference date %s, and has no AssessmentAuthorisationDate",
					s.Text, n, iso(c.Reference))
			}
		}
	},
}

// rule8696: an authorisation date, when given, is in the census period.
var rule8696 = &Rule{
	Code: "8696", Message: "Assessment end date must fall within the census year",
	Tables: assessmentTables, Fields: []string{"AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if e := a.AssessmentAuthorisationDate; !e.Blank() && (!e.OK || !c.InCensus(e.Day)) {
				c.Failf(a.Ref(), nil, "AssessmentAuthorisationDate %s is not in %s", e.Shown(), c.period())
			}
		}
	},
}

// rule8736: an assessment not completed started in the census period: an
// older one would have been completed or recorded last year.
var rule8736 = &Rule{
	Code: "8736", Message: "For an Assessment that has not been completed, the start date must fall within the census year",
	Tables: assessmentTables, Fields: []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if s := a.AssessmentActualStartDate; !completed(a) && (!s.OK || !c.InCensus(s.Day)) {
				c.Failf(a.Ref(), nil, "the assessment is not completed and its AssessmentActualStartDate %s is not in %s", s.Shown(), c.period())
			}
		}
	},
}

// rule8863Q: within an episode, no assessment starts while another is
// under way (from its start to its authorisation, or to the reference
// date when not completed).
var rule8863Q = &Rule{
	Code: "8863Q", Message: "An Assessment is shown as starting when there is another Assessment ongoing.",
	Tables: assessmentTables, Fields: []string{"AssessmentActualStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, a := range d.Assessments {
				s := a.AssessmentActualStartDate
				if !s.OK {
					continue
				}
				for _, other := range d.Assessments {
					o := other.AssessmentActualStartDate
					if other == a || !o.OK {
						continue
					}
					end := c.Reference
					if completed(other) {
						if !other.AssessmentAuthorisationDate.OK {
							continue
						}
						end = other.AssessmentAuthorisationDate.Day
					}
					// The later of two starting the same day is reported.
					if (s.Day > o.Day || (s.Day == o.Day && a.Row > other.Row)) && s.Day <= end {
						c.Failf(a.Ref(), nil, "the assessment starts on %s while the one started on %s is under way until %s", s.Text, o.Text, iso(end))
						break
					}
				}
			}
		}
	},
}

// rule8867: every assessment of a closed episode is completed.
var rule8867 = &Rule{
	Code: "8867", Message: "CIN episode is shown as closed, however Assessment is not shown as completed",
	Tables: []Table{cin.CINdetails, cin.Assessments}, Fields: []string{"AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if d.CINclosureDate.Blank() {
				continue
			}
			for _, a := range d.Assessments {
				if !completed(a) {
					c.Fail(a.Ref(), "the episode closed on "+d.CINclosureDate.Text+" but this assessment has no AssessmentAuthorisationDate")
				}
			}
		}
	},
}

// rule8869: factor 21 (no factors identified) is an assessment's only
// factor when given.
var rule8869 = &Rule{
	Code: "8869", Message: "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.",
	Tables: factorTables, Fields: []string{"AssessmentFactor"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if !hasFactor(a, "21") || len(a.Factors) < 2 {
				continue
			}
			for _, f := range a.Factors {
				if f.AssessmentFactor != "21" {
					c.Failf(f.Ref(), nil, "the assessment has factor 21 (no factors identified) and also %s", showValue(f.AssessmentFactor))
				}
			}
		}
	},
}

func hasFactor(a *Assessment, code string) bool {
	for _, f := range a.Factors {
		if f.AssessmentFactor == code {
			return true
		}
	}
	return false
}

// rule8873Q: an episode whose only assessment found no factors (21)
// closed after assessment (RC8 or RC9).
var rule8873Q = &Rule{
	Code: "8873Q", Message: "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
	Tables: []Table{cin.CINdetails, cin.Assessments, cin.AssessmentFactorsList}, Fields: []string{"ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if len(d.Assessments) != 1 || !hasFactor(d.Assessments[0], "21") || d.CINclosureDate.Blank() || closedAfterAssessment(d) {
				continue
			}
			c.Failf(d.Ref(), nil, "the episode's one assessment found no factors (21) and it closed with ReasonForClosure %s, not RC8 or RC9", showValue(d.ReasonForClosure))
		}
	},
}

// rule8896: an episode has at most one assessment not completed.
var rule8896 = &Rule{
	Code: "8896", Message: "Within one CINDetails group there are 2 or more open Assessments groups",
	Tables: assessmentTables, Fields: []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			var open []*Assessment
			for _, a := range d.Assessments {
				if !completed(a) {
					open = append(open, a)
				}
			}
			if len(open) > 1 {
				for _, a := range open {
					c.Failf(a.Ref(), nil, "the episode has %d assessments with no AssessmentAuthorisationDate", len(open))
				}
			}
		}
	},
}

// rule8897Q: an assessment completed in the census year has at least one
// factor, each a valid code.
var rule8897Q = &Rule{
	Code: "8897Q", Message: "Parental or child factors at assessment information is missing from a completed assessment",
	Tables: factorTables, Fields: []string{"AssessmentAuthorisationDate"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			e := a.AssessmentAuthorisationDate
			if !e.OK || e.Day < c.Start {
				continue
			}
			if len(a.Factors) == 0 {
				c.Failf(a.Ref(), nil, "the assessment was completed on %s and has no factors", e.Text)
			}
			for _, f := range a.Factors {
				if !validCode(assessmentFactorCodes, f.AssessmentFactor) {
					c.Fail(f.Ref(), invalidCode("AssessmentFactor", f.AssessmentFactor, assessmentFactorCodes), "AssessmentFactor")
				}
			}
		}
	},
}

// rule8898: an assessment has no factor twice.
var rule8898 = &Rule{
	Code: "8898", Message: "The assessment has more than one parental or child factors with the same code",
	Tables: factorTables, Fields: []string{"AssessmentFactor"},
	Check: func(c *Context) {
		for _, a := range c.Assessments {
			if len(a.Factors) < 2 {
				continue
			}
			seen := map[string]bool{}
			for _, f := range a.Factors {
				if seen[f.AssessmentFactor] {
					c.Failf(f.Ref(), nil, "the assessment has the factor %s more than once", showValue(f.AssessmentFactor))
				}
				seen[f.AssessmentFactor] = true
			}
		}
	},
}

// rule8945Q: factor 18A is not used from 2024/25: 18B (physical abuse by
// another child) or 18C (by an adult) says who.
var rule8945Q = &Rule{
	Code: "8945Q", Message: "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
	Tables: []Table{cin.AssessmentFactorsList}, Fields: []string{"AssessmentFactor"},
	From:  2025,
	Check: func(c *Context) { failFactor(c, "18A", "18B or 18C") },
}

// rule8950Q: factor 19A is not used from 2024/25: 19B (sexual abuse by
// another child) or 19C (by an adult) says who.
var rule8950Q = &Rule{
	Code: "8950Q", Message: "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
	Tables: []Table{cin.AssessmentFactorsList}, Fields: []string{"AssessmentFactor"},
	From:  2025,
	Check: func(c *Context) { failFactor(c, "19A", "19B or 19C") },
}

// failFactor fails every factor with the code, which instead should be.
func failFactor(c *Context, code, instead string) {
	for _, f := range c.Factors {
		if f.AssessmentFactor == code {
			c.Failf(f.Ref(), nil, "the factor is %s; use %s instead", code, instead)
		}
	}
}
