package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// permanenceRules are the rules on the permanence the child had before care
// (PrevPerm).
var permanenceRules = []*Rule{
	rule630,
	rule631,
	rule632,
	rule633,
	rule634,
	rule635,
}

// rule630: a child who started to be looked after (<RNE> S) on or after the
// collection year's start must have a PrevPerm row giving <PREV_PERM>, and,
// unless it is Z1, <LA_PERM> and <DATE_PERM>.
var rule630 = &Rule{
	Code: "630", Message: "Information on previous permanence option should be returned.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PrevPerm}, Fields: []string{"RNE"},
	Check: func(c *Context) {
		start := c.Year.Start()
		prev := sharedGroups(c, "this PrevPerm", c.This.PrevPerm, func(p *PrevPermRow) string { return p.CHILD })
		for _, e := range c.This.Episodes {
			if e.RNE != "S" || !e.DECOM.OK || e.DECOM.Day < start {
				continue
			}
			rows := prev[e.CHILD]
			if len(rows) == 0 {
				c.Failf(e.Ref, nil, "the child started to be looked after on %s but has no PrevPerm row", e.DECOM.Text)
				continue
			}
			for _, p := range rows {
				var why string
				switch {
				case p.PREV_PERM == "":
					why = "PREV_PERM is blank"
				case p.PREV_PERM != "Z1" && (p.LA_PERM == "" || p.DATE_PERM == ""):
					why = fmt.Sprintf("PREV_PERM is %q but LA_PERM is %s and DATE_PERM is %s", p.PREV_PERM,
						showQuoted(p.LA_PERM), showQuoted(p.DATE_PERM))
				default:
					continue
				}
				c.Failf(e.Ref, nil, "the child started to be looked after on %s; in PrevPerm, %s", e.DECOM.Text, why)
				break
			}
		}
	},
}

// rule631: <PREV_PERM>, where given, must be a valid code.
var rule631 = &Rule{
	Code: "631", Message: "Previous permanence option not a valid value.",
	Tables: []ssda903.TableName{ssda903.PrevPerm}, Fields: []string{"PREV_PERM"},
	Check: func(c *Context) {
		for _, p := range c.This.PrevPerm {
			if p.PREV_PERM != "" && !ssda903.ValidCode("PREV_PERM", p.PREV_PERM, c.Year) {
				c.Fail(p.Ref, invalidCode("PREV_PERM", p.PREV_PERM, c.Year))
			}
		}
	},
}

// rule632: a given <DATE_PERM> must be a valid date, with ZZ for unknown
// parts, and before the <DECOM> of the child's first episode. The first
// episode and the PrevPerm row are flagged.
var rule632 = &Rule{
	Code: "632", Message: "Date of previous permanence order not a valid value.",
	Caveat: "A period of care that started before this collection year is checked only against the episodes in this year's return.",
	Description: "If provided <DATE_PERM> should be prior to <DECOM> and in a valid format and contain a valid " +
		"date. Format should be DD/MM/YYYY or one or more elements of the date can be replaced by ZZ if part of " +
		"the date element is not known.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PrevPerm}, Fields: []string{"DATE_PERM", "DECOM"},
	Check: func(c *Context) {
		prev := sharedGroups(c, "this PrevPerm", c.This.PrevPerm, func(p *PrevPermRow) string { return p.CHILD })
		flagged := map[*PrevPermRow]bool{}
		for child, rows := range prev {
			eps := c.This.EpisodesOf(child)
			if len(eps) == 0 || !eps[0].DECOM.OK {
				continue // no episode with a valid start
			}
			first := eps[0]
			epFlagged := false
			for _, p := range rows {
				if p.DATE_PERM == "" {
					continue
				}
				var why string
				d, known, ok := latestPermanenceDate(p.DATE_PERM)
				switch {
				case !ok:
					why = fmt.Sprintf("DATE_PERM %q is not a valid date (%s)", p.DATE_PERM, calendar.PartialDateLayout)
				case known && d >= first.DECOM.Day:
					why = fmt.Sprintf("DATE_PERM %q is not before %s, when the child's first episode started", p.DATE_PERM, first.DECOM.Text)
				default:
					continue
				}
				if !flagged[p] {
					flagged[p] = true
					c.Fail(p.Ref, why, "DATE_PERM")
				}
				if !epFlagged {
					epFlagged = true
					c.Fail(first.Ref, why, "DECOM")
				}
			}
		}
	},
}

// latestPermanenceDate reads a DATE_PERM as the latest day it can be: an
// unknown day is the month's last, an unknown month December. ok is false
// when the text is not a valid DATE_PERM; known is false when the year is
// unknown, so that no day can be given.
func latestPermanenceDate(s string) (d calendar.Date, known, ok bool) {
	p, ok := calendar.ParsePartialDate(s)
	if !ok {
		return 0, false, false
	}
	if p.Year == 0 {
		return 0, false, true
	}
	month := p.Month
	if month == 0 {
		month = 12
	}
	if p.Day == 0 {
		// the day before the first of the next month
		return calendar.NewDate(p.Year, month+1, 1).AddDays(-1), true, true
	}
	return calendar.NewDate(p.Year, month, p.Day), true, true
}

// rule633: <LA_PERM>, where given, must be a valid local authority code.
var rule633 = &Rule{
	Code: "633", Message: "Local authority code where previous permanence option was arranged is not a valid value.",
	Description: "Where provided <LA_PERM> must be a valid value.",
	Tables:      []ssda903.TableName{ssda903.PrevPerm}, Fields: []string{"LA_PERM"},
	Check: func(c *Context) {
		for _, p := range c.This.PrevPerm {
			if p.LA_PERM != "" && !permanenceLACodes[p.LA_PERM] {
				c.Failf(p.Ref, nil, "LA_PERM is %q, which is not a local authority code, 999, WAL, SCO, NUK or NIR", p.LA_PERM)
			}
		}
	},
}

// permanenceLACodes are the valid <LA_PERM> values: the local authority
// codes in the peer validator's rule 633, with 999 (not available), and
// WAL, SCO, NUK and NIR for outside England.
var permanenceLACodes = func() map[string]bool {
	codes := "800,889,822,301,304,303,330,825,837,302,846,370,350,890,867,380,305,801,351,873,823,895,896," +
		"381,909,202,908,331,306,841,830,831,878,371,835,332,840,307,308,811,881,845,390,916,203,876," +
		"850,311,204,884,312,205,313,805,919,310,309,420,921,206,207,886,810,382,314,340,888,208,856," +
		"383,855,209,925,341,201,821,352,806,887,826,315,929,812,391,926,892,813,802,928,891,392,316," +
		"815,353,931,879,836,851,874,807,354,317,870,318,372,857,333,935,343,803,373,342,893,356,355," +
		"871,394,334,933,882,936,861,852,319,860,808,393,866,210,357,894,883,880,358,211,937,869,320," +
		"359,865,384,335,336,212,868,872,885,344,877,213,938,816,999,WAL,SCO,NUK,NIR"
	m := map[string]bool{}
	for _, c := range strings.Split(codes, ",") {
		m[c] = true
	}
	return m
}()

// rule634: a child with previous permanence details must have an episode
// starting on or after 1 April 2016. The PrevPerm row and all the child's
// episodes are flagged.
var rule634 = &Rule{
	Code: "634", Message: "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
	Description: "If <PREV_PERM> or <LA_PERM> or <DATE_PERM> provided, then at least 1 episode must have a " +
		"<DECOM> later than 01/04/2016.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PrevPerm}, Fields: []string{"LA_PERM", "PREV_PERM", "DATE_PERM", "DECOM"},
	Check: func(c *Context) {
		from := calendar.NewDate(2016, 4, 1)
		flagged := map[string]bool{}
		for _, p := range c.This.PrevPerm {
			if p.PREV_PERM == "" && p.LA_PERM == "" && p.DATE_PERM == "" {
				continue
			}
			eps := c.This.EpisodesOf(p.CHILD)
			var last *EpisodeRow
			for _, e := range eps {
				if e.DECOM.OK {
					last = e // episodes are in DECOM order
				}
			}
			if last == nil || last.DECOM.Day >= from {
				continue
			}
			why := fmt.Sprintf("previous permanence details are given but the child's latest episode started %s, before %s",
				last.DECOM.Text, from)
			c.Fail(p.Ref, why, "PREV_PERM", "LA_PERM", "DATE_PERM")
			if !flagged[p.CHILD] {
				flagged[p.CHILD] = true
				for _, e := range eps {
					c.Fail(e.Ref, why, "DECOM")
				}
			}
		}
	},
}

// rule635: <LA_PERM> and <DATE_PERM> must not be given when <PREV_PERM>
// says there was no previous permanence option (Z1) or is blank.
var rule635 = &Rule{
	Code: "635", Message: "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1",
	Tables: []ssda903.TableName{ssda903.PrevPerm}, Fields: []string{"LA_PERM", "DATE_PERM", "PREV_PERM"},
	Check: func(c *Context) {
		for _, p := range c.This.PrevPerm {
			if p.LA_PERM == "" && p.DATE_PERM == "" {
				continue
			}
			if p.PREV_PERM == "" || p.PREV_PERM == "Z1" {
				c.Failf(p.Ref, nil, "LA_PERM is %s and DATE_PERM is %s but PREV_PERM is %s", showQuoted(p.LA_PERM),
					showQuoted(p.DATE_PERM), showQuoted(p.PREV_PERM))
			}
		}
	},
}
