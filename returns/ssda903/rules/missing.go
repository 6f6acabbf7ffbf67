package rules

import (
	"fmt"
	"sort"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// missingRules are the rules on periods missing from placement or away
// without authorisation.
var missingRules = []*Rule{
	rule564,
	rule565,
	rule566,
	rule567,
	rule570,
	rule571,
	rule574,
	rule575,
	rule577,
	rule578,
	rule580,
	rule581,
	rule586,
	rule1004,
	rule1005,
	rule1006,
}

// rule564: where <MISSING> is M or A, <MIS_START> must be given.
var rule564 = &Rule{
	Code: "564", Message: "Child was missing or away from placement without authorisation and the date started is blank.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MISSING", "MIS_START"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if oneOf(m.MISSING, "M", "A") && m.MIS_START.Blank() {
				c.Fail(m.Ref, fmt.Sprintf("MISSING is %s but MIS_START is blank", m.MISSING))
			}
		}
	},
}

// rule565: where <MIS_START> is given, <MISSING> must be given.
var rule565 = &Rule{
	Code: "565", Message: "The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MISSING", "MIS_START"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if !m.MIS_START.Blank() && m.MISSING == "" {
				c.Fail(m.Ref, fmt.Sprintf("MIS_START is %s but MISSING is blank", m.MIS_START.Text))
			}
		}
	},
}

// rule566: where <MIS_END> is given, <MISSING> must be given.
var rule566 = &Rule{
	Code: "566", Message: "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MISSING", "MIS_END"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if !m.MIS_END.Blank() && m.MISSING == "" {
				c.Fail(m.Ref, fmt.Sprintf("MIS_END is %s but MISSING is blank", m.MIS_END.Text))
			}
		}
	},
}

// rule567: <MIS_END> must not be before <MIS_START>.
var rule567 = &Rule{
	Code: "567", Message: "The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_START", "MIS_END"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if m.MIS_START.OK && m.MIS_END.OK && m.MIS_START.Day > m.MIS_END.Day {
				c.Fail(m.Ref, fmt.Sprintf("MIS_END %s is before MIS_START %s", m.MIS_END.Text, m.MIS_START.Text))
			}
		}
	},
}

// rule570: <MIS_START> must not be after the end of the collection year.
var rule570 = &Rule{
	Code: "570", Message: "The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_START"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, m := range c.This.Missing {
			if m.MIS_START.OK && m.MIS_START.Day > end {
				c.Fail(m.Ref, fmt.Sprintf("MIS_START %s is after the collection year ends on %s", m.MIS_START.Text, end))
			}
		}
	},
}

// rule571: <MIS_END> must be within the collection year.
var rule571 = &Rule{
	Code: "571", Message: "The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_END"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		for _, m := range c.This.Missing {
			if m.MIS_END.OK && (m.MIS_END.Day < start || m.MIS_END.Day > end) {
				c.Fail(m.Ref, fmt.Sprintf("MIS_END %s is outside the collection year %s to %s", m.MIS_END.Text, start, end))
			}
		}
	},
}

// rule574: ordering each child's missing periods by end (an open period
// by its start), then start, a period must not follow an open period nor
// start before the previous period ended.
var rule574 = &Rule{
	Code: "574", Message: "A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_START", "MIS_END"},
	Check: func(c *Context) {
		endOrStart := func(m *MissingRow) DateField {
			if m.MIS_END.OK {
				return m.MIS_END
			}
			return m.MIS_START
		}
		_, groups := sharedChildGroups(c, "this Missing", c.This.Missing, func(m *MissingRow) string { return m.CHILD })
		for _, rows := range groups {
			sorted := append([]*MissingRow(nil), rows...)
			sort.SliceStable(sorted, func(i, j int) bool {
				a, b := endOrStart(sorted[i]), endOrStart(sorted[j])
				if a.OK != b.OK || (a.OK && a.Day != b.Day) {
					return dateCmp(a, b) < 0
				}
				return dateCmp(sorted[i].MIS_START, sorted[j].MIS_START) < 0
			})
			for i := 1; i < len(sorted); i++ {
				prev, m := sorted[i-1], sorted[i]
				switch {
				case !prev.MIS_END.OK:
					c.Fail(m.Ref, fmt.Sprintf("period from %s overlaps the child's period from %s, which has no end (MIS_END %s)",
						m.MIS_START.Shown(), prev.MIS_START.Shown(), prev.MIS_END.Shown()))
				case m.MIS_START.OK && m.MIS_START.Day < prev.MIS_END.Day:
					c.Fail(m.Ref, fmt.Sprintf("period starts %s, before the period from %s ended on %s",
						m.MIS_START.Text, prev.MIS_START.Shown(), prev.MIS_END.Text))
				}
			}
		}
	},
}

// rule575: a missing period that starts during an episode that has ended
// (<DECOM> <= <MIS_START> <= <DEC>) must have a <MIS_END>. On a day one
// episode ends and the next begins, the child went missing from the later
// one, which is in force at the end of that day; the peer takes the
// earlier and so flags a child whose placement goes on.
var rule575 = &Rule{
	Code: "575", Message: "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Missing}, Fields: []string{"MIS_START", "MIS_END"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if !m.MIS_START.OK || !m.MIS_END.Blank() {
				continue
			}
			var from *EpisodeRow // the latest episode in force on MIS_START
			for _, e := range c.This.EpisodesOf(m.CHILD) {
				if e.OpenOn(m.MIS_START.Day) {
					from = e
				}
			}
			if from != nil && from.DEC.OK {
				c.Fail(m.Ref, fmt.Sprintf("missing from %s with no MIS_END, during the episode from %s that ended %s",
					m.MIS_START.Text, from.DECOM.Text, from.DEC.Text))
			}
		}
	},
}

// rule577: a missing period must fit a period of care: for every one of
// the child's periods of care, a missing period without an end (while the
// period of care has ended, or starting before it) or ending outside it
// fails. Missing periods of children with no episodes are not checked.
var rule577 = &Rule{
	Code: "577", Message: "Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Missing}, Fields: []string{"MIS_START", "MIS_END"},
	Check: func(c *Context) {
		eachMissingPeriod(c, func(m *MissingRow, periods []periodOfCare) {
			if !m.MIS_START.OK {
				return
			}
			fits := false
			for _, p := range periods {
				if p.fits(m.MIS_START, m.MIS_END) {
					fits = true
					break
				}
			}
			if !fits {
				span := "with MIS_END " + m.MIS_END.Shown()
				if m.MIS_END.OK {
					span = "to " + m.MIS_END.Text
				}
				c.Fail(m.Ref, fmt.Sprintf("missing from %s %s does not fit %s", m.MIS_START.Text, span, showPeriods(periods)))
			}
		})
	},
}

// rule578: <MIS_START> must fall within one of the child's periods of
// care: not before its start, and not after its end when it has ended.
var rule578 = &Rule{
	Code: "578", Message: "The date that the child started to be missing is after the child ceased to be looked after.",
	Description: "If <MIS_START> >= <DEC>, then no missing/away from placement information should be recorded.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Missing}, Fields: []string{"MIS_START"}, Uses: NeedLast,
	Check: func(c *Context) {
		eachMissingPeriod(c, func(m *MissingRow, periods []periodOfCare) {
			if !m.MIS_START.OK {
				return
			}
			within := false
			for _, p := range periods {
				if m.MIS_START.Day >= p.start.Day && (!p.end.OK || m.MIS_START.Day <= p.end.Day) {
					within = true
					break
				}
			}
			if !within {
				c.Fail(m.Ref, fmt.Sprintf("missing from %s, outside %s", m.MIS_START.Text, showPeriods(periods)))
			}
		})
	},
}

// rule580: where a missing period ends on the child's 18th birthday and an
// episode ends that same day, the episode's <REC> must be E8.
var rule580 = &Rule{
	Code: "580", Message: "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Missing}, Fields: []string{"DEC", "REC"},
	Check: func(c *Context) {
		type key struct {
			child string
			day   calendar.Date
		}
		endsAt18 := map[key]bool{}
		for _, m := range c.This.Missing {
			if m.DOB.OK && m.MIS_END.OK && m.DOB.Day.AddYears(18) == m.MIS_END.Day {
				endsAt18[key{m.CHILD, m.MIS_END.Day}] = true
			}
		}
		if len(endsAt18) == 0 {
			return
		}
		for _, e := range c.This.Episodes {
			if e.DEC.OK && e.REC != "E8" && endsAt18[key{e.CHILD, e.DEC.Day}] {
				c.Fail(e.Ref, fmt.Sprintf("episode ended %s, the child's 18th birthday, when a missing period also ended, but REC is %s, not E8",
					e.DEC.Text, showQuoted(e.REC)))
			}
		}
	},
}

// rule581: a missing period of a child with episodes must start during one
// of them (<DECOM> <= <MIS_START> <= <DEC>, or no <DEC>).
var rule581 = &Rule{
	Code: "581", Message: "Child is missing but has not yet started to be looked after.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Missing}, Fields: []string{"MIS_START"}, Uses: NeedLast,
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if len(c.This.EpisodesOf(m.CHILD)) == 0 {
				continue
			}
			eps := c.EpisodeHistory(m.CHILD) // a period carried over from last year started in it
			if !m.MIS_START.OK {
				c.Fail(m.Ref, fmt.Sprintf("MIS_START is %s, so the period cannot be placed within an episode", m.MIS_START.Shown()))
				continue
			}
			during := false
			for _, e := range eps {
				if e.OpenOn(m.MIS_START.Day) {
					during = true
					break
				}
			}
			if !during {
				c.Fail(m.Ref, fmt.Sprintf("missing from %s, when the child had no episode of care", m.MIS_START.Text))
			}
		}
	},
}

// rule586: <MIS_START> must be after the child's <DOB>.
var rule586 = &Rule{
	Code: "586", Message: "Dates of missing periods are before child’s date of birth.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"DOB", "MIS_START"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if m.MIS_START.OK && m.DOB.OK && m.MIS_START.Day <= m.DOB.Day {
				c.Fail(m.Ref, fmt.Sprintf("MIS_START %s is not after DOB %s", m.MIS_START.Text, m.DOB.Text))
			}
		}
	},
}

// rule1004: <MIS_START> must be a valid date.
var rule1004 = &Rule{
	Code: "1004", Message: "The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_START"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			switch {
			case m.MIS_START.Blank():
				c.Fail(m.Ref, "MIS_START is blank")
			case !m.MIS_START.OK:
				c.Failf(m.Ref, nil, "MIS_START %q is not a valid date (DD/MM/YYYY)", m.MIS_START.Text)
			}
		}
	},
}

// rule1005: <MIS_END>, when provided, must be a valid date.
var rule1005 = &Rule{
	Code: "1005", Message: "The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_END"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if !m.MIS_END.Blank() && !m.MIS_END.OK {
				c.Failf(m.Ref, nil, "MIS_END %q is not a valid date (DD/MM/YYYY)", m.MIS_END.Text)
			}
		}
	},
}

// rule1006: <MISSING>, when provided, must be M or A.
var rule1006 = &Rule{
	Code: "1006", Message: "Missing type invalid.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MISSING"},
	Check: func(c *Context) {
		for _, m := range c.This.Missing {
			if m.MISSING != "" && !ssda903.ValidCode("MISSING", m.MISSING, c.Year) {
				c.Fail(m.Ref, invalidCode("MISSING", m.MISSING, c.Year))
			}
		}
	},
}

// showPeriods describes a child's periods of care.
func showPeriods(periods []periodOfCare) string {
	names := make([]string, len(periods))
	for i, p := range periods {
		names[i] = p.String()
	}
	if len(names) == 1 {
		return "the period of care " + names[0]
	}
	return "any period of care (" + joinWithAnd(names) + ")"
}

// eachMissingPeriod calls fn for each missing period of a child who has
// episodes with a valid <DECOM>, with the child's periods of care (worked
// out once per child).
func eachMissingPeriod(c *Context, fn func(m *MissingRow, periods []periodOfCare)) {
	_, groups := sharedChildGroups(c, "this Missing", c.This.Missing, func(m *MissingRow) string { return m.CHILD })
	for _, rows := range groups {
		periods := periodsOfCare(c.EpisodeHistory(rows[0].CHILD))
		if len(periods) == 0 {
			continue
		}
		for _, m := range rows {
			fn(m, periods)
		}
	}
}
