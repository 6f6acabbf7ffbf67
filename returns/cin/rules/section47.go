package rules

import (
	"time"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/cin"
)

// section47Rules are the rules on section 47 enquiries and initial child
// protection conferences.
var section47Rules = []*Rule{
	rule1104, rule2883, rule2884, rule2885, rule2889, rule8615, rule8675Q, rule8715, rule8740, rule8839, rule8868,
	rule8870Q, rule8875, rule8890,
}

var s47Tables = []Table{cin.Section47}

// awaitingConference reports whether an enquiry is still waiting for its
// initial conference: none held, and one not said to be unneeded.
func awaitingConference(s *Section47) bool {
	return s.DateOfInitialCPC.Blank() && !yes(s.ICPCnotRequired)
}

// conferences calls f with every initial conference date of the census:
// each episode's (CINdetails) and each enquiry's (Section47).
func (in *Input) conferences(f func(ref Ref, d DateField)) {
	for _, d := range in.Details {
		if !d.DateOfInitialCPC.Blank() {
			f(d.Ref(), d.DateOfInitialCPC)
		}
	}
	for _, s := range in.Section47s {
		if !s.DateOfInitialCPC.Blank() {
			f(s.Ref(), s.DateOfInitialCPC)
		}
	}
}

// rule1104: no initial conference is before its episode's referral.
var rule1104 = &Rule{
	Code: "1104", Message: "The date of the initial child protection conference cannot be before the referral date",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"DateOfInitialCPC"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			r := d.CINreferralDate
			if !r.OK {
				continue
			}
			before := func(ref Ref, icpc DateField) {
				if icpc.OK && icpc.Day < r.Day {
					c.Failf(ref, nil, "DateOfInitialCPC %s is before the episode's CINreferralDate %s", icpc.Text, r.Text)
				}
			}
			before(d.Ref(), d.DateOfInitialCPC)
			for _, s := range d.Section47s {
				before(s.Ref(), s.DateOfInitialCPC)
			}
		}
	},
}

// rule2883: the authority's child protection plans starting in the census
// year are no more than its initial conferences in the year: each plan
// starts at a conference.
var rule2883 = &Rule{
	Code: "2883", Message: "There are more child protection plans starting than initial conferences taking place",
	Tables: []Table{cin.ChildProtectionPlans, cin.CINdetails, cin.Section47},
	Check: func(c *Context) {
		plans, conferences := 0, 0
		for _, p := range c.ProtectionPlans {
			if p.CPPstartDate.OK && c.InCensus(p.CPPstartDate.Day) {
				plans++
			}
		}
		c.conferences(func(_ Ref, d DateField) {
			if d.OK && c.InCensus(d.Day) {
				conferences++
			}
		})
		if plans > conferences {
			c.Failf(Ref{Table: cin.Header}, nil, "%s start in %s and only %s take place in it",
				plural(plans, "child protection plan"), c.period(), plural(conferences, "initial conference"))
		}
	},
}

// rule2884: an initial conference is recorded once: not on both the
// episode and one of its enquiries.
var rule2884 = &Rule{
	Code: "2884", Message: "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"DateOfInitialCPC"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if d.DateOfInitialCPC.Blank() {
				continue
			}
			for _, s := range d.Section47s {
				if s.DateOfInitialCPC.Text == d.DateOfInitialCPC.Text {
					c.Failf(d.Ref(), nil, "the conference on %s is recorded on the episode and on its section 47 enquiry", d.DateOfInitialCPC.Text)
					break
				}
			}
		}
	},
}

// rule2889: an enquiry does not start before its episode's referral.
var rule2889 = &Rule{
	Code: "2889", Message: "The S47 start date cannot be before the referral date.",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"S47ActualStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, s := range d.Section47s {
				if st, r := s.S47ActualStartDate, d.CINreferralDate; st.OK && r.OK && st.Day < r.Day {
					c.Failf(s.Ref(), nil, "S47ActualStartDate %s is before the episode's CINreferralDate %s", st.Text, r.Text)
				}
			}
		}
	},
}

// rule8615: an enquiry with an initial conference has a start date on or
// before it.
var rule8615 = &Rule{
	Code: "8615", Message: "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference",
	Tables: s47Tables, Fields: []string{"S47ActualStartDate", "DateOfInitialCPC"},
	Check: func(c *Context) {
		for _, s := range c.Section47s {
			icpc, st := s.DateOfInitialCPC, s.S47ActualStartDate
			switch {
			case icpc.Blank():
			case !st.OK:
				c.Fail(s.Ref(), st.NotDate("S47ActualStartDate")+" and the enquiry has an initial conference")
			case icpc.OK && st.Day > icpc.Day:
				c.Failf(s.Ref(), nil, "S47ActualStartDate %s is after DateOfInitialCPC %s", st.Text, icpc.Text)
			}
		}
	},
}

// rule8675Q: an enquiry still awaiting its conference at the end of the
// census year started no more than 15 working days before it.
var rule8675Q = &Rule{
	Code: "8675Q", Message: "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.",
	Tables: s47Tables, Fields: []string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"},
	Check: func(c *Context) {
		for _, s := range c.Section47s {
			st := s.S47ActualStartDate
			if !awaitingConference(s) || !st.OK {
				continue
			}
			if n := calendar.WorkingDays(st.Day, c.Reference); n > 15 {
				c.Failf(s.Ref(), nil, "the enquiry started on %s, %d working days before the reference date %s, and has no initial conference",
					st.Text, n, iso(c.Reference))
			}
		}
	},
}

// rule8715: an initial conference, when given, is in the census period.
var rule8715 = &Rule{
	Code: "8715", Message: "Date of Initial Child Protection Conference must fall within the census year",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"DateOfInitialCPC"},
	Check: func(c *Context) {
		c.conferences(func(ref Ref, d DateField) {
			if !d.OK || !c.InCensus(d.Day) {
				c.Failf(ref, nil, "DateOfInitialCPC %s is not in %s", d.Shown(), c.period())
			}
		})
	},
}

// rule8740: an enquiry still awaiting its conference started in the
// census period.
var rule8740 = &Rule{
	Code: "8740", Message: "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year",
	Tables: s47Tables, Fields: []string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"},
	Check: func(c *Context) {
		for _, s := range c.Section47s {
			if st := s.S47ActualStartDate; awaitingConference(s) && (!st.OK || !c.InCensus(st.Day)) {
				c.Failf(s.Ref(), nil, "the enquiry has no initial conference and its S47ActualStartDate %s is not in %s", st.Shown(), c.period())
			}
		}
	},
}

// rule8839: an episode has at most one enquiry awaiting its conference.
var rule8839 = &Rule{
	Code: "8839", Message: "Within one CINDetails group there are 2 or more open S47 Assessments",
	Tables: s47Tables, Fields: []string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			var open []*Section47
			for _, s := range d.Section47s {
				if awaitingConference(s) {
					open = append(open, s)
				}
			}
			if len(open) > 1 {
				for _, s := range open {
					c.Failf(s.Ref(), nil, "the episode has %d section 47 enquiries with no initial conference and ICPCnotRequired not true", len(open))
				}
			}
		}
	},
}

// rule8868: every enquiry of a closed episode has its conference or says
// none was needed.
var rule8868 = &Rule{
	Code: "8868", Message: "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"DateOfInitialCPC", "ICPCnotRequired"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			if d.CINclosureDate.Blank() {
				continue
			}
			for _, s := range d.Section47s {
				if awaitingConference(s) {
					c.Fail(s.Ref(), "the episode closed on "+d.CINclosureDate.Text+" but this enquiry has no DateOfInitialCPC and ICPCnotRequired is not true")
				}
			}
		}
	},
}

// weekend reports whether d is a Saturday or Sunday.
func weekend(d calendar.Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// rule8870Q: an initial conference's target date is a weekday.
var rule8870Q = &Rule{
	Code: "8870Q", Message: "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend",
	Tables: s47Tables, Fields: []string{"InitialCPCtarget"},
	Check: func(c *Context) {
		for _, s := range c.Section47s {
			if d := s.InitialCPCtarget; d.OK && weekend(d.Day) {
				c.Failf(s.Ref(), nil, "InitialCPCtarget %s is a %s", d.Text, dayName(d.Day))
			}
		}
	},
}

// rule8875: an initial conference is not held at a weekend.
var rule8875 = &Rule{
	Code: "8875", Message: "The Date of Initial Child Protection Conference cannot be a weekend",
	Tables: []Table{cin.CINdetails, cin.Section47}, Fields: []string{"DateOfInitialCPC"},
	Check: func(c *Context) {
		c.conferences(func(ref Ref, d DateField) {
			if d.OK && weekend(d.Day) {
				c.Failf(ref, nil, "DateOfInitialCPC %s is a %s", d.Text, dayName(d.Day))
			}
		})
	},
}

// rule8890: within an episode, no enquiry starts while another is under
// way (from its start to its conference, or to the reference date while
// it awaits one).
var rule8890 = &Rule{
	Code: "8890", Message: "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
	Tables: s47Tables, Fields: []string{"S47ActualStartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, s := range d.Section47s {
				st := s.S47ActualStartDate
				if !st.OK {
					continue
				}
				for _, other := range d.Section47s {
					o := other.S47ActualStartDate
					if other == s || !o.OK {
						continue
					}
					var end calendar.Date
					switch {
					case other.DateOfInitialCPC.OK:
						end = other.DateOfInitialCPC.Day
					case awaitingConference(other):
						end = c.Reference
					default:
						continue
					}
					if (st.Day > o.Day || (st.Day == o.Day && s.Row > other.Row)) && st.Day <= end {
						c.Failf(s.Ref(), nil, "the enquiry starts on %s while the one started on %s is under way until %s", st.Text, o.Text, iso(end))
						break
					}
				}
			}
		}
	},
}

// rule2885: a child protection plan starting in the census year starts on
// the day of an initial conference of its episode: a section 47
// enquiry's, or the episode's own (recorded on CINdetails when the
// conference followed no enquiry in this episode, as for a child
// transferred in). Village accepts either for every plan, so that an
// episode with a transfer-in plan and a later re-registration after an
// enquiry passes.
var rule2885 = &Rule{
	Code: "2885", Message: "Child protection plan shown as starting a different day to the initial child protection conference.",
	Tables: []Table{cin.CINdetails, cin.Section47, cin.ChildProtectionPlans}, Fields: []string{"CPPstartDate"},
	Check: func(c *Context) {
		for _, d := range c.Details {
			for _, p := range d.ProtectionPlans {
				s := p.CPPstartDate
				if !s.OK || !c.InCensus(s.Day) || atConference(d, s.Day) {
					continue
				}
				c.Failf(p.Ref(), nil, "CPPstartDate %s is not the day of any initial conference of the episode", s.Text)
			}
		}
	},
}

// atConference reports whether an initial conference of the episode was
// held on day.
func atConference(d *Detail, day calendar.Date) bool {
	if d.DateOfInitialCPC.OK && d.DateOfInitialCPC.Day == day {
		return true
	}
	for _, s := range d.Section47s {
		if s.DateOfInitialCPC.OK && s.DateOfInitialCPC.Day == day {
			return true
		}
	}
	return false
}
