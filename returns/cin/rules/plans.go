package rules

import (
	"strconv"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// cinPlanRules are the rules on CIN plans (CINplanDates) and how they sit
// with child protection plans.
var cinPlanRules = []*Rule{
	rule4001, rule4003, rule4004, rule4008, rule4009Q, rule4010, rule4011, rule4012Q, rule4013, rule4014,
	rule4015, rule4016, rule4017,
}

var planTables = []Table{cin.CINplanDates}

// span is the days a plan runs: from its start to its end, or to the
// reference date while it is open. ok is false when the start is not a
// valid date, or the end is given and not valid.
func (in *Input) span(start, end DateField) (from, to calendar.Date, ok bool) {
	switch {
	case !start.OK:
		return 0, 0, false
	case end.Blank():
		return start.Day, in.Reference, true
	case !end.OK:
		return 0, 0, false
	}
	return start.Day, end.Day, true
}

// childPlans returns every CIN plan of a child, across their episodes.
func childPlans(ch *Child) []*PlanDates {
	if len(ch.Details) == 1 {
		return ch.Details[0].PlanDates // most children have one referral
	}
	var out []*PlanDates
	for _, d := range ch.Details {
		out = append(out, d.PlanDates...)
	}
	return out
}

// childProtectionPlans returns every child protection plan of a child,
// across their episodes.
func childProtectionPlans(ch *Child) []*ProtectionPlan {
	if len(ch.Details) == 1 {
		return ch.Details[0].ProtectionPlans
	}
	var out []*ProtectionPlan
	for _, d := range ch.Details {
		out = append(out, d.ProtectionPlans...)
	}
	return out
}

// rule4001: an episode has no open CIN plan while it has an open child
// protection plan.
var rule4001 = &Rule{
	Code: "4001", Message: "A CIN Plan cannot run concurrently with a Child Protection Plan",
	Tables: []Table{cin.CINplanDates, cin.ChildProtectionPlans}, Fields: []string{"CINPlanStartDate", "CINPlanEndDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			openCP := false
			for _, p := range d.ProtectionPlans {
				openCP = openCP || p.CPPendDate.Blank()
			}
			if !openCP {
				continue
			}
			for _, p := range d.PlanDates {
				if p.CINPlanEndDate.Blank() {
					c.Fail(p.Ref(), "this CIN plan and a child protection plan of the same episode are both open")
				}
			}
		}
	},
}

// rule4003: no child protection plan review falls while a CIN plan is
// open (from its start to its end), unless it is the day the protection
// plan ends.
var rule4003 = &Rule{
	Code: "4003", Message: "A CPP review date is shown as being held at the same time as an open CIN Plan.",
	Tables: []Table{cin.CINplanDates, cin.ChildProtectionPlans, cin.Reviews}, Fields: []string{"CPPreviewDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			plans := childPlans(ch)
			for _, cp := range childProtectionPlans(ch) {
				for _, r := range cp.Reviews {
					if !r.CPPreviewDate.OK || (cp.CPPendDate.OK && r.CPPreviewDate.Day == cp.CPPendDate.Day) {
						continue
					}
					for _, p := range plans {
						from, to, ok := c.span(p.CINPlanStartDate, p.CINPlanEndDate)
						if ok && r.CPPreviewDate.Day >= from && r.CPPreviewDate.Day <= to {
							c.Failf(r.Ref(), nil, "the review on %s falls in the CIN plan from %s to %s", r.CPPreviewDate.Text, iso(from), iso(to))
							break
						}
					}
				}
			}
		}
	},
}

// rule4004: a child has at most one open CIN plan.
var rule4004 = &Rule{
	Code: "4004", Message: "This child is showing more than one open CIN Plan, i.e. with no End Date",
	Tables: planTables, Fields: []string{"CINPlanStartDate", "CINPlanEndDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			var open []*PlanDates
			for _, p := range childPlans(ch) {
				if p.CINPlanEndDate.Blank() {
					open = append(open, p)
				}
			}
			if len(open) > 1 {
				for _, p := range open {
					c.Failf(p.Ref(), nil, "the child has %d CIN plans with no CINPlanEndDate", len(open))
				}
			}
		}
	},
}

// afterDeath fails each date of the child's rows that falls after the
// child's death.
func afterDeath(c *Context, ch *Child, field string, ref Ref, d DateField) {
	if died, ok := ch.Died(); ok && d.OK && d.Day > died {
		c.Failf(ref, []string{field}, "%s %s is after the child's date of death, %s", field, d.Text, iso(died))
	}
}

// rule4008: a CIN plan does not start after the child's death.
var rule4008 = &Rule{
	Code: "4008", Message: "CIN Plan shown as starting after the child’s Date of Death.",
	Tables: []Table{cin.ChildIdentifiers, cin.CINplanDates}, Fields: []string{"CINPlanStartDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, p := range childPlans(ch) {
				afterDeath(c, ch, "CINPlanStartDate", p.Ref(), p.CINPlanStartDate)
			}
		}
	},
}

// rule4009Q: a CIN plan does not end after the child's death.
var rule4009Q = &Rule{
	Code: "4009Q", Message: "CIN Plan cannot end after the child’s Date of Death",
	Tables: []Table{cin.ChildIdentifiers, cin.CINplanDates}, Fields: []string{"CINPlanEndDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, p := range childPlans(ch) {
				afterDeath(c, ch, "CINPlanEndDate", p.Ref(), p.CINPlanEndDate)
			}
		}
	},
}

// rule4010: a CIN plan has a valid start date on or before the reference
// date.
var rule4010 = &Rule{
	Code: "4010", Message: "CIN Plan start date is missing or out of data collection period",
	Tables: planTables, Fields: []string{"CINPlanStartDate"},
	Check: func(c *Context) {
		for _, p := range c.PlanDates {
			switch s := p.CINPlanStartDate; {
			case !s.OK:
				c.Fail(p.Ref(), s.NotDate("CINPlanStartDate"))
			case s.Day > c.Reference:
				c.Failf(p.Ref(), nil, "CINPlanStartDate %s is after the reference date %s", s.Text, iso(c.Reference))
			}
		}
	},
}

// rule4011: a CIN plan does not end before it starts.
var rule4011 = &Rule{
	Code: "4011", Message: "CIN Plan End Date earlier than Start Date",
	Tables: planTables, Fields: []string{"CINPlanStartDate", "CINPlanEndDate"},
	Check: func(c *Context) {
		for _, p := range c.PlanDates {
			if s, e := p.CINPlanStartDate, p.CINPlanEndDate; s.OK && e.OK && e.Day < s.Day {
				c.Failf(p.Ref(), nil, "CINPlanEndDate %s is before CINPlanStartDate %s", e.Text, s.Text)
			}
		}
	},
}

// rule4012Q: a CIN plan does not start and end the same day.
var rule4012Q = &Rule{
	Code: "4012Q", Message: "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day",
	Tables: planTables, Fields: []string{"CINPlanStartDate", "CINPlanEndDate"},
	Check: func(c *Context) {
		for _, p := range c.PlanDates {
			if s, e := p.CINPlanStartDate, p.CINPlanEndDate; s.OK && e.OK && e.Day == s.Day {
				c.Failf(p.Ref(), nil, "the CIN plan starts and ends on %s", s.Text)
			}
		}
	},
}

// rule4013: a CIN plan's end date, when given, is in the census period.
var rule4013 = &Rule{
	Code: "4013", Message: "CIN Plan end date must fall within the census year",
	Tables: planTables, Fields: []string{"CINPlanEndDate"},
	Check: func(c *Context) {
		for _, p := range c.PlanDates {
			if e := p.CINPlanEndDate; !e.Blank() && (!e.OK || !c.InCensus(e.Day)) {
				c.Failf(p.Ref(), nil, "CINPlanEndDate %s is not in %s", e.Shown(), c.period())
			}
		}
	},
}

// overlaps fails each of a child's plans that starts within another of
// them: on or after its start (after, for the earlier row of two starting
// the same day) and before its end, or on or before the reference date
// while it is open. One may start on the day another ends.
func overlaps(c *Context, what string, refs []Ref, starts, ends []DateField) {
	for i := range refs {
		s := starts[i]
		if !s.OK {
			continue
		}
		for j := range refs {
			if i == j {
				continue
			}
			from, to, ok := c.span(starts[j], ends[j])
			if !ok {
				continue
			}
			later := s.Day > from || (s.Day == from && i > j)
			inside := s.Day < to || (ends[j].Blank() && s.Day <= to)
			if later && inside {
				c.Failf(refs[i], nil, "the %s starting %s starts within the one from %s to %s", what, s.Text, iso(from), ends[j].Shown())
				break
			}
		}
	}
}

// rule4014: a child's CIN plans do not overlap.
var rule4014 = &Rule{
	Code: "4014", Message: "CIN Plan data contains overlapping dates",
	Tables: planTables, Fields: []string{"CINPlanStartDate", "CINPlanEndDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			plans := childPlans(ch)
			if len(plans) < 2 {
				continue
			}
			refs, starts, ends := make([]Ref, len(plans)), make([]DateField, len(plans)), make([]DateField, len(plans))
			for i, p := range plans {
				refs[i], starts[i], ends[i] = p.Ref(), p.CINPlanStartDate, p.CINPlanEndDate
			}
			overlaps(c, "CIN plan", refs, starts, ends)
		}
	},
}

// rule4015: a CIN plan does not start before its episode's referral.
var rule4015 = &Rule{
	Code: "4015", Message: "The CIN Plan start date cannot be before the referral date",
	Tables: []Table{cin.CINdetails, cin.CINplanDates}, Fields: []string{"CINPlanStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, p := range d.PlanDates {
				if s, r := p.CINPlanStartDate, d.CINreferralDate; s.OK && r.OK && s.Day < r.Day {
					c.Failf(p.Ref(), nil, "CINPlanStartDate %s is before the episode's CINreferralDate %s", s.Text, r.Text)
				}
			}
		}
	},
}

// rule4016: no CIN plan starts while a child protection plan of the child
// is open, unless on the day it ends.
var rule4016 = &Rule{
	Code: "4016", Message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
	Tables: []Table{cin.CINplanDates, cin.ChildProtectionPlans}, Fields: []string{"CINPlanStartDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			protection := childProtectionPlans(ch)
			for _, p := range childPlans(ch) {
				s := p.CINPlanStartDate
				if !s.OK {
					continue
				}
				for _, cp := range protection {
					from, to, ok := c.span(cp.CPPstartDate, cp.CPPendDate)
					if ok && s.Day >= from && s.Day <= to && !(cp.CPPendDate.OK && s.Day == cp.CPPendDate.Day) {
						c.Failf(p.Ref(), nil, "the CIN plan starts on %s, within the child protection plan from %s to %s",
							s.Text, cp.CPPstartDate.Text, cp.CPPendDate.Shown())
						break
					}
				}
			}
		}
	},
}

// rule4017: no child protection plan starts while a CIN plan of the child
// is open, unless on the day it ends.
var rule4017 = &Rule{
	Code: "4017", Message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
	Tables: []Table{cin.CINplanDates, cin.ChildProtectionPlans}, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			plans := childPlans(ch)
			for _, cp := range childProtectionPlans(ch) {
				s := cp.CPPstartDate
				if !s.OK {
					continue
				}
				for _, p := range plans {
					from, to, ok := c.span(p.CINPlanStartDate, p.CINPlanEndDate)
					if ok && s.Day >= from && s.Day <= to && !(p.CINPlanEndDate.OK && s.Day == p.CINPlanEndDate.Day) {
						c.Failf(cp.Ref(), nil, "the child protection plan starts on %s, within the CIN plan from %s to %s",
							s.Text, p.CINPlanStartDate.Text, p.CINPlanEndDate.Shown())
						break
					}
				}
			}
		}
	},
}

// protectionPlanRules are the rules on child protection plans and their
// reviews.
var protectionPlanRules = []*Rule{
	rule1105, rule8720, rule8730, rule8840, rule8841, rule8842Q, rule8905, rule8910, rule8915, rule8920,
	rule8925, rule8930, rule8935, rule8940,
}

var cppTables = []Table{cin.ChildProtectionPlans}

// rule1105: a child protection plan does not start before its episode's
// referral.
var rule1105 = &Rule{
	Code: "1105", Message: "The child protection plan start date cannot be before the referral date",
	Tables: []Table{cin.CINdetails, cin.ChildProtectionPlans}, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, p := range d.ProtectionPlans {
				if s, r := p.CPPstartDate, d.CINreferralDate; s.OK && r.OK && s.Day < r.Day {
					c.Failf(p.Ref(), nil, "CPPstartDate %s is before the episode's CINreferralDate %s", s.Text, r.Text)
				}
			}
		}
	},
}

// rule8720: a child protection plan has a valid start date on or before
// the reference date.
var rule8720 = &Rule{
	Code: "8720", Message: "Child Protection Plan Start Date missing or out of data collection period",
	Tables: cppTables, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			switch s := p.CPPstartDate; {
			case !s.OK:
				c.Fail(p.Ref(), s.NotDate("CPPstartDate"))
			case s.Day > c.Reference:
				c.Failf(p.Ref(), nil, "CPPstartDate %s is after the reference date %s", s.Text, iso(c.Reference))
			}
		}
	},
}

// rule8730: a child protection plan gives the number of the child's
// previous plans, a whole number from 0.
var rule8730 = &Rule{
	Code: "8730", Message: "Total Number of previous Child Protection Plans missing",
	Tables: cppTables, Fields: []string{"NumberOfPreviousCPP"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if n, err := strconv.Atoi(strings.TrimSpace(p.NumberOfPreviousCPP)); err != nil || n < 0 {
				c.Failf(p.Ref(), nil, "NumberOfPreviousCPP is %s, not a whole number from 0", showValue(p.NumberOfPreviousCPP))
			}
		}
	},
}

// rule8840: a child protection plan does not start and end the same day.
var rule8840 = &Rule{
	Code: "8840", Message: "Child Protection Plan cannot start and end on the same day",
	Tables: cppTables, Fields: []string{"CPPstartDate", "CPPendDate"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if s, e := p.CPPstartDate, p.CPPendDate; s.OK && e.OK && s.Day == e.Day {
				c.Failf(p.Ref(), nil, "the plan starts and ends on %s", s.Text)
			}
		}
	},
}

// rule8841: every review of a plan is after the day it started.
var rule8841 = &Rule{
	Code: "8841", Message: "The review date cannot be on the same day or before the Child protection Plan start date.",
	Tables: []Table{cin.ChildProtectionPlans, cin.Reviews}, Fields: []string{"CPPreviewDate"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			for _, r := range p.Reviews {
				if s, d := p.CPPstartDate, r.CPPreviewDate; s.OK && d.OK && d.Day <= s.Day {
					c.Failf(r.Ref(), nil, "CPPreviewDate %s is on or before the plan's CPPstartDate %s", d.Text, s.Text)
				}
			}
		}
	},
}

// rule8842Q: a review has a valid date.
var rule8842Q = &Rule{
	Code: "8842Q", Message: "Please check and either amend or provide a reason: Review Record has a missing date",
	Tables: []Table{cin.Reviews}, Fields: []string{"CPPreviewDate"},
	Check: func(c *Context) {
		for _, r := range c.Reviews {
			if !r.CPPreviewDate.OK {
				c.Fail(r.Ref(), r.CPPreviewDate.NotDate("CPPreviewDate"))
			}
		}
	},
}

// rule8905: a plan's initial category of abuse is a valid code.
var rule8905 = &Rule{
	Code: "8905", Message: "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
	Tables: cppTables, Fields: []string{"InitialCategoryOfAbuse"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if !validCode(categoryOfAbuseCodes, p.InitialCategoryOfAbuse) {
				c.Fail(p.Ref(), invalidCode("InitialCategoryOfAbuse", p.InitialCategoryOfAbuse, categoryOfAbuseCodes))
			}
		}
	},
}

// rule8910: a plan's latest category of abuse is a valid code.
var rule8910 = &Rule{
	Code: "8910", Message: "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
	Tables: cppTables, Fields: []string{"LatestCategoryOfAbuse"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if !validCode(categoryOfAbuseCodes, p.LatestCategoryOfAbuse) {
				c.Fail(p.Ref(), invalidCode("LatestCategoryOfAbuse", p.LatestCategoryOfAbuse, categoryOfAbuseCodes))
			}
		}
	},
}

// rule8915: a child protection plan does not start after the child's
// death.
var rule8915 = &Rule{
	Code: "8915", Message: "Child Protection Plan shown as starting after the child’s Date of Death",
	Tables: []Table{cin.ChildIdentifiers, cin.ChildProtectionPlans}, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, p := range childProtectionPlans(ch) {
				afterDeath(c, ch, "CPPstartDate", p.Ref(), p.CPPstartDate)
			}
		}
	},
}

// rule8920: a child protection plan does not end after the child's death.
var rule8920 = &Rule{
	Code: "8920", Message: "Child Protection Plan cannot end after the child’s Date of Death",
	Tables: []Table{cin.ChildIdentifiers, cin.ChildProtectionPlans}, Fields: []string{"CPPendDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			for _, p := range childProtectionPlans(ch) {
				afterDeath(c, ch, "CPPendDate", p.Ref(), p.CPPendDate)
			}
		}
	},
}

// rule8925: a child protection plan does not end before it starts.
var rule8925 = &Rule{
	Code: "8925", Message: "Child Protection Plan End Date earlier than Start Date",
	Tables: cppTables, Fields: []string{"CPPstartDate", "CPPendDate"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if s, e := p.CPPstartDate, p.CPPendDate; s.OK && e.OK && e.Day < s.Day {
				c.Failf(p.Ref(), nil, "CPPendDate %s is before CPPstartDate %s", e.Text, s.Text)
			}
		}
	},
}

// rule8930: a plan's end date, when given, is in the census period.
var rule8930 = &Rule{
	Code: "8930", Message: "Child Protection Plan End Date must fall within the census year",
	Tables: cppTables, Fields: []string{"CPPendDate"},
	Check: func(c *Context) {
		for _, p := range c.ProtectionPlans {
			if e := p.CPPendDate; !e.Blank() && (!e.OK || !c.InCensus(e.Day)) {
				c.Failf(p.Ref(), nil, "CPPendDate %s is not in %s", e.Shown(), c.period())
			}
		}
	},
}

// rule8935: a child has at most one open child protection plan, across
// all their episodes.
var rule8935 = &Rule{
	Code: "8935", Message: "This child is showing more than one open Child Protection plan, i.e. with no End Date",
	Tables: cppTables, Fields: []string{"CPPstartDate", "CPPendDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			var open []*ProtectionPlan
			for _, p := range childProtectionPlans(ch) {
				if p.CPPendDate.Blank() {
					open = append(open, p)
				}
			}
			if len(open) > 1 {
				for _, p := range open {
					c.Failf(p.Ref(), nil, "the child has %d child protection plans with no CPPendDate", len(open))
				}
			}
		}
	},
}

// rule8940: a child's child protection plans do not overlap.
var rule8940 = &Rule{
	Code: "8940", Message: "Child Protection Plan data contains overlapping dates",
	Tables: cppTables, Fields: []string{"CPPstartDate", "CPPendDate"},
	Check: func(c *Context) {
		for _, ch := range c.Children {
			plans := childProtectionPlans(ch)
			if len(plans) < 2 {
				continue
			}
			refs, starts, ends := make([]Ref, len(plans)), make([]DateField, len(plans)), make([]DateField, len(plans))
			for i, p := range plans {
				refs[i], starts[i], ends[i] = p.Ref(), p.CPPstartDate, p.CPPendDate
			}
			overlaps(c, "child protection plan", refs, starts, ends)
		}
	},
}
