package rules

import (
	"fmt"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// referralRules are the rules on a child's episodes of need (CINdetails):
// referral and closure dates and codes, referrals with no further action,
// closed cases and overlapping episodes.
var referralRules = []*Rule{
	rule2990, rule4000, rule8555Q, rule8565, rule8568, rule8569Q, rule8585Q, rule8600, rule8606, rule8610,
	rule8620, rule8630, rule8640, rule8650, rule8772, rule8805, rule8810, rule8815, rule8816, rule8820,
	rule8825Q, rule8831, rule8832, rule8866,
}

var detailTables = []Table{cin.CINdetails}

// closedAfterAssessment reports whether an episode closed after
// assessment, with no further action (RC8) or referred to early help
// (RC9).
func closedAfterAssessment(d *Detail) bool {
	return d.ReasonForClosure == "RC8" || d.ReasonForClosure == "RC9"
}

// rule2990: an episode closed after assessment (RC8, RC9) has no section
// 47, initial conference, child protection plan or CIN plan.
var rule2990 = &Rule{
	Code: "2990", Message: "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
	Tables: []Table{cin.CINdetails, cin.Section47, cin.ChildProtectionPlans, cin.CINplanDates}, Fields: []string{"ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !closedAfterAssessment(d) {
				continue
			}
			if d.DateOfInitialCPC.Blank() && len(d.Section47s)+len(d.ProtectionPlans)+len(d.PlanDates) == 0 {
				continue
			}
			why := "the episode closed after assessment (" + d.ReasonForClosure + ") but has %s"
			if !d.DateOfInitialCPC.Blank() {
				c.Failf(d.Ref(), []string{"ReasonForClosure", "DateOfInitialCPC"}, why, "an initial child protection conference")
			}
			for _, s := range d.Section47s {
				c.Failf(s.Ref(), []string{"S47ActualStartDate"}, why, "a section 47 enquiry")
			}
			for _, p := range d.ProtectionPlans {
				c.Failf(p.Ref(), []string{"CPPstartDate"}, why, "a child protection plan")
			}
			for _, p := range d.PlanDates {
				c.Failf(p.Ref(), []string{"CINPlanStartDate"}, why, "a CIN plan")
			}
		}
	},
}

// rule4000: a referral with no further action has no CIN plan.
var rule4000 = &Rule{
	Code: "4000", Message: "CIN Plan details provided for a referral with no further action",
	Tables: []Table{cin.CINdetails, cin.CINplanDates}, Fields: []string{"CINPlanStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if yes(d.ReferralNFA) {
				for _, p := range d.PlanDates {
					c.Fail(p.Ref(), "the referral is marked no further action (ReferralNFA "+d.ReferralNFA+") but has this CIN plan")
				}
			}
		}
	},
}

// rule8555Q: a child is not referred after their death.
var rule8555Q = &Rule{
	Code: "8555Q", Message: "Child cannot be referred after its recorded date of death",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"CINreferralDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			died, ok := ch.Died()
			if !ok {
				continue
			}
			for _, d := range ch.Details {
				if d.CINreferralDate.OK && d.CINreferralDate.Day > died {
					c.Failf(d.Ref(), nil, "CINreferralDate %s is after the child's date of death, %s", d.CINreferralDate.Text, iso(died))
				}
			}
		}
	},
}

// rule8565: a closed episode has nothing dated after its closure:
// assessments, section 47s, initial conferences, CIN plans, child
// protection plans (their end dates too).
var rule8565 = &Rule{
	Code: "8565", Message: "Activity shown after a case has been closed",
	Tables: []Table{cin.CINdetails, cin.Assessments, cin.Section47, cin.CINplanDates, cin.ChildProtectionPlans},
	Fields: []string{"CINclosureDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !d.CINclosureDate.OK {
				continue
			}
			closed := d.CINclosureDate.Day
			after := func(ref Ref, field string, f DateField) {
				if f.OK && f.Day > closed {
					c.Failf(ref, []string{field}, "%s %s is after the episode's CINclosureDate %s", field, f.Text, d.CINclosureDate.Text)
				}
			}
			after(d.Ref(), "DateOfInitialCPC", d.DateOfInitialCPC)
			for _, a := range d.Assessments {
				after(a.Ref(), "AssessmentActualStartDate", a.AssessmentActualStartDate)
				after(a.Ref(), "AssessmentAuthorisationDate", a.AssessmentAuthorisationDate)
			}
			for _, s := range d.Section47s {
				after(s.Ref(), "S47ActualStartDate", s.S47ActualStartDate)
				after(s.Ref(), "DateOfInitialCPC", s.DateOfInitialCPC)
			}
			for _, p := range d.PlanDates {
				after(p.Ref(), "CINPlanStartDate", p.CINPlanStartDate)
				after(p.Ref(), "CINPlanEndDate", p.CINPlanEndDate)
			}
			for _, p := range d.ProtectionPlans {
				after(p.Ref(), "CPPstartDate", p.CPPstartDate)
				after(p.Ref(), "CPPendDate", p.CPPendDate)
			}
		}
	},
}

// rule8568: <ReferralNFA> is present and true, false, 1 or 0.
var rule8568 = &Rule{
	Code: "8568", Message: "RNFA flag is missing or invalid",
	Tables: detailTables, Fields: []string{"ReferralNFA"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !yes(d.ReferralNFA) && !no(d.ReferralNFA) {
				c.Failf(d.Ref(), nil, "ReferralNFA is %s: it must be true, false, 1 or 0", showValue(d.ReferralNFA))
			}
		}
	},
}

// rule8569Q: a referral made before the last working day before the
// census year began is not a referral with no further action: that is
// decided within a working day, so it would not still be in the census.
var rule8569Q = &Rule{
	Code: "8569Q", Message: "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case",
	Tables: detailTables, Fields: []string{"CINreferralDate", "ReferralNFA"},
	Check: func(c *Context) {
		cutoff := calendar.AddWorkingDays(c.Start, -1)
		for _, d := range c.Details {
			if d.CINreferralDate.OK && d.CINreferralDate.Day < cutoff && yes(d.ReferralNFA) {
				c.Failf(d.Ref(), nil, "the referral on %s, before %s (one working day before the census year began), is marked no further action",
					d.CINreferralDate.Text, iso(cutoff))
			}
		}
	},
}

// rule8585Q: an episode closed because the child died (RC2) comes with
// the child's date of death.
var rule8585Q = &Rule{
	Code: "8585Q", Message: "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"ReasonForClosure"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			if _, ok := ch.Died(); ok {
				continue
			}
			for _, d := range ch.Details {
				if d.ReasonForClosure == "RC2" {
					c.Fail(d.Ref(), "the episode closed because the child died (RC2) but the child has no valid PersonDeathDate")
				}
			}
		}
	},
}

// rule8600: <CINreferralDate> is present, valid, and on or before the
// reference date.
var rule8600 = &Rule{
	Code: "8600", Message: "Child referral date missing or after data collection period",
	Tables: detailTables, Fields: []string{"CINreferralDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			switch r := d.CINreferralDate; {
			case !r.OK:
				c.Fail(d.Ref(), r.NotDate("CINreferralDate"))
			case r.Day > c.Reference:
				c.Failf(d.Ref(), nil, "CINreferralDate %s is after the reference date %s", r.Text, iso(c.Reference))
			}
		}
	},
}

// rule8606: a referral is not more than 280 days (40 weeks) before the
// child's date of birth or expected date of birth.
var rule8606 = &Rule{
	Code: "8606", Message: "Child referral date is more than 40 weeks before DOB or expected DOB",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"CINreferralDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, id := range ch.Identifiers {
				birth := id.PersonBirthDate
				if !birth.OK {
					birth = id.ExpectedPersonBirthDate
				}
				if !birth.OK {
					continue
				}
				for _, d := range ch.Details {
					if r := d.CINreferralDate; r.OK && r.Day < birth.Day.AddDays(-280) {
						c.Failf(d.Ref(), nil, "CINreferralDate %s is more than 280 days before the child's birth or expected birth on %s", r.Text, birth.Text)
					}
				}
				break
			}
		}
	},
}

// rule8610: a referral that led to further action has a primary need.
var rule8610 = &Rule{
	Code: "8610", Message: "Primary Need code is missing for a referral which led to further action.",
	Tables: detailTables, Fields: []string{"PrimaryNeedCode", "ReferralNFA"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if no(d.ReferralNFA) && blank(d.PrimaryNeedCode) {
				c.Fail(d.Ref(), "the referral led to further action (ReferralNFA "+d.ReferralNFA+") and PrimaryNeedCode is blank")
			}
		}
	},
}

// rule8620: a closure date, when given, is in the census period.
var rule8620 = &Rule{
	Code: "8620", Message: "CIN Closure Date present and does not fall within the Census year",
	Tables: detailTables, Fields: []string{"CINclosureDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if x := d.CINclosureDate; !x.Blank() && (!x.OK || !c.InCensus(x.Day)) {
				c.Failf(d.Ref(), nil, "CINclosureDate %s is not in %s", x.Shown(), c.period())
			}
		}
	},
}

// rule8630: an episode does not close before its referral.
var rule8630 = &Rule{
	Code: "8630", Message: "CIN Closure Date is before CIN Referral Date for the same CIN episode",
	Tables: detailTables, Fields: []string{"CINreferralDate", "CINclosureDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if r, x := d.CINreferralDate, d.CINclosureDate; r.OK && x.OK && x.Day < r.Day {
				c.Failf(d.Ref(), nil, "CINclosureDate %s is before CINreferralDate %s", x.Text, r.Text)
			}
		}
	},
}

// rule8640: a reason for closure, when given, is a valid code.
var rule8640 = &Rule{
	Code: "8640", Message: "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
	Tables: detailTables, Fields: []string{"ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !blank(d.ReasonForClosure) && !validCode(reasonForClosureCodes, d.ReasonForClosure) {
				c.Fail(d.Ref(), invalidCode("ReasonForClosure", d.ReasonForClosure, reasonForClosureCodes))
			}
		}
	},
}

// rule8650: a primary need code, when given, is a valid code.
var rule8650 = &Rule{
	Code: "8650", Message: "Primary Need Code invalid (see Primary Need table in CIN census code set)",
	Tables: detailTables, Fields: []string{"PrimaryNeedCode"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !blank(d.PrimaryNeedCode) && !validCode(primaryNeedCodes, d.PrimaryNeedCode) {
				c.Fail(d.Ref(), invalidCode("PrimaryNeedCode", d.PrimaryNeedCode, primaryNeedCodes))
			}
		}
	},
}

// rule8772: a child whose UPN is unknown because the referral needed no
// further action (UN7) has only such referrals.
var rule8772 = &Rule{
	Code: "8772", Message: "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action",
	Tables: []Table{cin.ChildIdentifiers, cin.CINdetails}, Fields: []string{"ReferralNFA"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			un7 := false
			for _, id := range ch.Identifiers {
				un7 = un7 || id.UPNunknown == "UN7"
			}
			if !un7 {
				continue
			}
			for _, d := range ch.Details {
				if !yes(d.ReferralNFA) {
					c.Failf(d.Ref(), nil, "the child's UPNunknown is UN7 but this referral's ReferralNFA is %s, not true or 1", showValue(d.ReferralNFA))
				}
			}
		}
	},
}

// rule8805: a closed episode has a reason for closure.
var rule8805 = &Rule{
	Code: "8805", Message: "A CIN case cannot have a CIN closure date without a Reason for Closure",
	Tables: detailTables, Fields: []string{"CINclosureDate", "ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !d.CINclosureDate.Blank() && blank(d.ReasonForClosure) {
				c.Fail(d.Ref(), "CINclosureDate is "+d.CINclosureDate.Text+" and ReasonForClosure is blank")
			}
		}
	},
}

// rule8810: a reason for closure comes with a closure date.
var rule8810 = &Rule{
	Code: "8810", Message: "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
	Tables: detailTables, Fields: []string{"CINclosureDate", "ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !blank(d.ReasonForClosure) && d.CINclosureDate.Blank() {
				c.Fail(d.Ref(), "ReasonForClosure is "+d.ReasonForClosure+" and CINclosureDate is blank")
			}
		}
	},
}

// openEpisode reports whether an episode is open and went on to further
// action: no closure date, and ReferralNFA false or 0.
func openEpisode(d *Detail) bool { return d.CINclosureDate.Blank() && no(d.ReferralNFA) }

// rule8815: a child has at most one open episode that went on to further
// action.
var rule8815 = &Rule{
	Code: "8815", Message: "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.",
	Tables: detailTables, Fields: []string{"CINreferralDate", "CINclosureDate", "ReferralNFA"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			var open []*Detail
			for _, d := range ch.Details {
				if openEpisode(d) {
					open = append(open, d)
				}
			}
			if len(open) < 2 {
				continue
			}
			for _, d := range open {
				c.Failf(d.Ref(), nil, "the child has %d open episodes that went on to further action", len(open))
			}
		}
	},
}

// rule8816: an open episode that went on to further action is the
// child's latest referral.
var rule8816 = &Rule{
	Code: "8816", Message: "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.",
	Tables: detailTables, Fields: []string{"CINreferralDate", "CINclosureDate", "ReferralNFA"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			var latest calendar.Date
			for _, d := range ch.Details {
				if d.CINreferralDate.OK && d.CINreferralDate.Day > latest {
					latest = d.CINreferralDate.Day
				}
			}
			for _, d := range ch.Details {
				if openEpisode(d) && d.CINreferralDate.OK && d.CINreferralDate.Day < latest {
					c.Failf(d.Ref(), nil, "this episode is open but the child was referred again later, on %s", iso(latest))
				}
			}
		}
	},
}

// rule8820: a child's episodes do not overlap: no referral falls after
// another episode's referral and before its closure (or, for an open
// episode that went on to further action, the reference date). One may
// start on the day another closes.
var rule8820 = &Rule{
	Code: "8820", Message: "The dates on the CIN episodes for this child overlap",
	Tables: detailTables, Fields: []string{"CINreferralDate", "CINclosureDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, d := range ch.Details {
				if !d.CINreferralDate.OK {
					continue
				}
				for _, other := range ch.Details {
					if other == d || !other.CINreferralDate.OK {
						continue
					}
					end, ok := other.CINclosureDate.Day, other.CINclosureDate.OK
					if !ok && openEpisode(other) {
						end, ok = c.Reference, true
					}
					r := d.CINreferralDate.Day
					// Ties on the referral date are reported once each way
					// by the later row.
					starts := r > other.CINreferralDate.Day || (r == other.CINreferralDate.Day && d.Row > other.Row)
					if ok && starts && r < end {
						c.Failf(d.Ref(), nil, "CINreferralDate %s falls in the episode referred on %s that runs to %s",
							d.CINreferralDate.Text, other.CINreferralDate.Text, iso(end))
						break
					}
				}
			}
		}
	},
}

// rule8825Q: an episode closed after assessment (RC8, RC9) has an
// assessment.
var rule8825Q = &Rule{
	Code: "8825Q", Message: "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.",
	Tables: []Table{cin.CINdetails, cin.Assessments}, Fields: []string{"ReasonForClosure"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if closedAfterAssessment(d) && len(d.Assessments) == 0 {
				c.Fail(d.Ref(), "the episode closed after assessment ("+d.ReasonForClosure+") but has no assessment")
			}
		}
	},
}

// rule8831: a referral with no further action has no assessment, section
// 47 or initial conference.
var rule8831 = &Rule{
	Code: "8831", Message: "Activity is recorded against a case marked as a referral with no further action",
	Tables: []Table{cin.CINdetails, cin.Assessments, cin.Section47}, Fields: []string{"ReferralNFA"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !yes(d.ReferralNFA) {
				continue
			}
			why := fmt.Sprintf("the referral is marked no further action (ReferralNFA %s) but has ", d.ReferralNFA)
			if !d.DateOfInitialCPC.Blank() {
				c.Fail(d.Ref(), why+"an initial child protection conference", "ReferralNFA", "DateOfInitialCPC")
			}
			for _, a := range d.Assessments {
				if !a.AssessmentActualStartDate.Blank() || !a.AssessmentAuthorisationDate.Blank() {
					c.Fail(a.Ref(), why+"this assessment", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
				}
			}
			for _, s := range d.Section47s {
				if !s.S47ActualStartDate.Blank() || !s.DateOfInitialCPC.Blank() {
					c.Fail(s.Ref(), why+"this section 47 enquiry", "S47ActualStartDate", "DateOfInitialCPC")
				}
			}
		}
	},
}

// rule8832: a referral with no further action has no child protection
// plan.
var rule8832 = &Rule{
	Code: "8832", Message: "Child Protection details provided for a referral with no further action.",
	Tables: []Table{cin.CINdetails, cin.ChildProtectionPlans}, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if yes(d.ReferralNFA) {
				for _, p := range d.ProtectionPlans {
					c.Fail(p.Ref(), "the referral is marked no further action (ReferralNFA "+d.ReferralNFA+") but has this child protection plan")
				}
			}
		}
	},
}

// rule8866: <ReferralSource> is present and a valid code.
var rule8866 = &Rule{
	Code: "8866", Message: "Source of Referral is missing or an invalid code",
	Tables: detailTables, Fields: []string{"ReferralSource"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if !validCode(referralSourceCodes, d.ReferralSource) {
				c.Fail(d.Ref(), invalidCode("ReferralSource", d.ReferralSource, referralSourceCodes))
			}
		}
	},
}
