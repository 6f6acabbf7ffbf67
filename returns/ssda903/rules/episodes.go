package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// episodeRules are the rules on episodes of care: their dates, reasons for
// starting and ending, and category of need.
var episodeRules = []*Rule{
	rule141,
	rule142,
	rule143,
	rule145,
	rule147,
	rule148,
	rule149,
	rule199,
	rule210,
	rule302,
	rule352,
	rule353,
	rule354,
	rule355,
	rule356,
	rule357,
	rule358,
	rule359,
	rule361,
	rule362,
	rule366,
	rule371,
	rule372,
	rule373,
	rule374,
	rule375,
	rule376,
	rule379,
	rule385,
	rule386,
	rule387,
	rule388,
	rule389,
	rule393,
	rule407,
	rule431,
	rule432,
	rule433,
	rule434,
	rule436,
	rule437,
	rule442,
	rule460,
	rule501,
	rule504,
	rule516,
	rule607,
	rule625,
	rule1012,
}

// rule141: if provided, <DECOM> must be a valid date.
var rule141 = &Rule{
	Code: "141", Message: "Date episode began is not a valid date.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !e.DECOM.Blank() && !e.DECOM.OK {
				c.Fail(e.Ref, badDate("DECOM", e.DECOM))
			}
		}
	},
}

// rule142: every episode of a child but the latest (by <DECOM>) must have
// a valid <DEC> and a <REC>. Episodes without a valid DECOM are not
// checked, and count as the latest.
var rule142 = &Rule{
	Code: "142", Message: "A new episode has started, but the previous episode has not ended.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC", "REC"},
	Check: func(c *Context) {
		for _, child := range c.This.Children() {
			if child == "" {
				continue
			}
			eps := c.This.EpisodesOf(child)
			for i, e := range eps[:len(eps)-1] {
				if !e.DECOM.OK {
					continue
				}
				var missing []string
				if !e.DEC.OK {
					missing = append(missing, badDate("DEC", e.DEC))
				}
				if e.REC == "" {
					missing = append(missing, "REC is blank")
				}
				if len(missing) == 0 {
					continue
				}
				next := "a later episode follows"
				if n := eps[i+1]; n.DECOM.OK {
					next = "the next episode starts " + n.DECOM.Text
				}
				c.Failf(e.Ref, nil, "the episode starting %s is not the child's last (%s) but %s",
					e.DECOM.Text, next, strings.Join(missing, " and "))
			}
		}
	},
}

// rule143: if provided, <RNE> must be a valid code.
var rule143 = &Rule{
	Code: "143", Message: "The reason for new episode code is not a valid code.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			failBadCode(c, e.Ref, "RNE", e.RNE, true)
		}
	},
}

// rule145: if provided, <CIN> must be a valid code.
var rule145 = &Rule{
	Code: "145", Message: "Category of need code is not a valid code.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CIN"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			failBadCode(c, e.Ref, "CIN", e.CIN, true)
		}
	},
}

// rule147: if provided, <DEC> must be a valid date.
var rule147 = &Rule{
	Code: "147", Message: "Date episode ceased is not a valid date.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if !e.DEC.Blank() && !e.DEC.OK {
				c.Fail(e.Ref, badDate("DEC", e.DEC))
			}
		}
	},
}

// rule148: <DEC> and <REC> must both be provided or both be blank.
var rule148 = &Rule{
	Code: "148", Message: "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC", "REC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			switch {
			case e.DEC.Text != "" && e.REC == "":
				c.Failf(e.Ref, nil, "DEC is %s but REC is blank", e.DEC.Text)
			case e.DEC.Text == "" && e.REC != "":
				c.Failf(e.Ref, nil, "REC is %s but DEC is blank", e.REC)
			}
		}
	},
}

// rule149: if provided, <REC> must be a valid code.
var rule149 = &Rule{
	Code: "149", Message: "Reason episode ceased code is not valid.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			failBadCode(c, e.Ref, "REC", e.REC, true)
		}
	},
}

// rule199: no episode may start after an episode that ended in adoption
// (REC E11 or E12), in this year's return or, when given, last year's.
// Episodes are taken in DECOM order (this year's first on the same day);
// the first adoption episode itself passes. Episodes with no valid DECOM
// are left out.
var rule199 = &Rule{
	Code:    "199",
	Message: "Episode information shows child has been previously adopted from care.",
	Caveat:  caveatTwoYears,
	Tables:  []ssda903.TableName{ssda903.Episodes},
	Fields:  []string{"CHILD", "DECOM", "REC"},
	Uses:    NeedLast,
	Check: func(c *Context) {
		adopted := func(e *EpisodeRow) bool { return e.REC == "E11" || e.REC == "E12" }
		for child, this := range c.This.ByChild() {
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
	},
}

// rule210: a child with <UPN> UN4 must have no episode starting on or
// after 24 March of the collection year's end.
var rule210 = &Rule{
	Code: "210", Message: "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
	Description: "If <UPN> = 'UN4' then no episode <DECOM> must be >= 24/03/YYYY. Note: YYYY refers to the " +
		"current collection year.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"UPN", "DECOM"},
	Check: func(c *Context) {
		cutoff := calendar.NewDate(c.Year.End().Year(), 3, 24)
		un4 := map[string][]*HeaderRow{}
		for _, h := range c.This.Header {
			if h.UPN == "UN4" {
				un4[h.CHILD] = append(un4[h.CHILD], h)
			}
		}
		for child, headers := range un4 {
			var late []*EpisodeRow
			for _, e := range c.This.EpisodesOf(child) {
				if e.DECOM.OK && e.DECOM.Day >= cutoff {
					late = append(late, e)
				}
			}
			if len(late) == 0 {
				continue
			}
			for _, e := range late {
				c.Failf(e.Ref, []string{"DECOM"}, "the episode starts %s, on or after %s, but the child's UPN is UN4", e.DECOM.Text, cutoff)
			}
			for _, h := range headers {
				c.Failf(h.Ref, []string{"UPN"}, "UPN is UN4 but an episode starts %s, on or after %s", late[0].DECOM.Text, cutoff)
			}
		}
	},
}

// rule302: the child's first episode (earliest DECOM) must not start
// before the child's DOB. The episode and the Header row are reported.
var rule302 = &Rule{
	Code: "302", Message: "First episode starts before child was born.",
	Description: "The <DECOM> of the child's first episode must not be before the child's <DOB>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "DOB"},
	Check: func(c *Context) {
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			first, h := eps[0], c.This.HeaderOf(child)
			if first.DECOM.OK && h != nil && h.DOB.OK && h.DOB.Day > first.DECOM.Day {
				why := fmt.Sprintf("the first episode starts on %s (DECOM) but the child was born on %s (DOB)", first.DECOM.Text, h.DOB.Text)
				c.Fail(h.Ref, why)
				c.Fail(first.Ref, why)
			}
		})
	},
}

// rule352: an episode that starts a period of care (RNE S) must start
// before the child's 18th birthday.
var rule352 = &Rule{
	Code: "352", Message: "Child who started to be looked after was aged 18 or over.",
	Description: "Where <RNE> = 'S', the child must be under 18 on <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "RNE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.RNE != "S" || !e.DECOM.OK {
				continue
			}
			h, ok := headerWithValidBirth(c, e.CHILD)
			if !ok {
				continue
			}
			if birthday := h.DOB.Day.AddYears(18); birthday <= e.DECOM.Day {
				c.Failf(e.Ref, nil, "the child started to be looked after (RNE S) on %s, on or after turning 18 on %s (DOB %s)",
					e.DECOM.Text, birthday, h.DOB.Text)
			}
		}
	},
}

// rule353: <DECOM> must not be before 14 October 1991.
var rule353 = &Rule{
	Code: "353", Message: "No episode submitted can start before 14 October 1991.",
	Description: "<DECOM> must be on or after 14/10/1991.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
	Check: func(c *Context) {
		first := calendar.NewDate(1991, 10, 14)
		for _, e := range c.This.Episodes {
			if e.DECOM.OK && e.DECOM.Day < first {
				c.Failf(e.Ref, nil, "DECOM %s is before 14/10/1991", e.DECOM.Text)
			}
		}
	},
}

// rule354: <DECOM> must be <= <COLLECTION_END_DATE>.
var rule354 = &Rule{
	Code: "354", Message: "Date episode ceased must be on or before the end of the current collection year.",
	Description: "<DECOM> must be <= <COLLECTION_END_DATE>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, e := range c.This.Episodes {
			if e.DECOM.OK && e.DECOM.Day > end {
				c.Failf(e.Ref, nil, "DECOM %s is after the collection year ended on %s", e.DECOM.Text, end)
			}
		}
	},
}

// rule355: an episode must not end on the day it started.
var rule355 = &Rule{
	Code: "355", Message: "Episode appears to have lasted for less than 24 hours",
	Description: "<DEC> must not be the same day as <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.DEC.Blank() {
				continue
			}
			if e.DEC.Text == e.DECOM.Text || (e.DEC.OK && e.DECOM.OK && e.DEC.Day == e.DECOM.Day) {
				c.Failf(e.Ref, nil, "DEC %s is the same day as DECOM %s", e.DEC.Text, e.DECOM.Text)
			}
		}
	},
}

// rule356: if <DEC> is provided it must not be before <DECOM>.
var rule356 = &Rule{
	Code: "356", Message: "The date the episode ceased is before the date the same episode started.",
	Description: "If <DEC> is provided it must be >= <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.DEC.OK && e.DECOM.OK && e.DEC.Day < e.DECOM.Day {
				c.Failf(e.Ref, nil, "DEC %s is before DECOM %s", e.DEC.Text, e.DECOM.Text)
			}
		}
	},
}

// rule357: if the child's first episode starts in the collection year or
// later, its <RNE> must be 'S'.
var rule357 = &Rule{
	Code: "357", Message: "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
	Description: "If the child's first episode starts on or after <COLLECTION_START_DATE>, its <RNE> must be 'S'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "DECOM"},
	Check: func(c *Context) {
		start := c.Year.Start()
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			first := eps[0]
			if first.DECOM.OK && first.DECOM.Day >= start && first.RNE != "S" {
				c.Failf(first.Ref, nil, "the child's first episode starts on %s, in this collection year, with RNE %s rather than S",
					first.DECOM.Text, showQuoted(first.RNE))
			}
		})
	},
}

// rule358: where <LS> = 'J1', 'J2' or 'J3', the child must be at least
// 10 on <DECOM>. The episode and the Header row are reported.
var rule358 = &Rule{
	Code: "358", Message: "Child with this legal status should not be under 10.",
	Description: "Where <LS> = 'J1' or 'J2' or 'J3' then <DOB> should <= to 10 years prior to <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "DOB", "LS"},
	Check: func(c *Context) {
		once := failedRows{}
		for _, e := range c.This.Episodes {
			if !oneOf(e.LS, "J1", "J2", "J3") || !e.DECOM.OK {
				continue
			}
			h, ok := headerWithValidBirth(c, e.CHILD)
			if !ok {
				continue
			}
			if age := calendar.AgeOn(h.DOB.Day, e.DECOM.Day); age < 10 {
				why := fmt.Sprintf("LS %s from %s but the child was %d then (DOB %s)", e.LS, e.DECOM.Text, age, h.DOB.Text)
				c.Fail(e.Ref, why)
				once.fail(c, h.Ref, why)
			}
		}
	},
}

// rule359: a child who turns 18 before the end of the year and whose
// episode is still open must be accommodated under V2 in a K2 home.
var rule359 = &Rule{
	Code: "359", Message: "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
	Description: "If the child's 18th birthday is before <COLLECTION_END_DATE> and the episode has no <DEC>, " +
		"then <LS> must be 'V2' and <PL> must be 'K2'.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DEC", "LS", "PLACE"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, e := range c.This.Episodes {
			if !e.DEC.Blank() || (e.LS == "V2" && e.PLACE == "K2") {
				continue
			}
			h, ok := headerWithValidBirth(c, e.CHILD)
			if !ok {
				continue
			}
			if birthday := h.DOB.Day.AddYears(18); birthday < end {
				c.Failf(e.Ref, nil, "the child turned 18 on %s (DOB %s) and the episode is still open with LS %s and PLACE %s, not V2 and K2",
					birthday, h.DOB.Text, showQuoted(e.LS), showQuoted(e.PLACE))
			}
		}
	},
}

// rule361: police protection (L1) must not last more than 3 days.
var rule361 = &Rule{
	Code: "361", Message: "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.",
	Description: "A continuous run of episodes with <LS> = 'L1' must not last more than 3 days from its first <DECOM> " +
		"to its last <DEC> (<COLLECTION_END_DATE> when the episode is open).",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "LS", "DEC"}, Check: func(c *Context) { failLegalStatusSpan(c, "L1", 3) },
}

// rule362: an emergency protection order (L2) must not last more than 21 days.
var rule362 = &Rule{
	Code: "362", Message: "Emergency protection order (EPO) lasted longer than 21 days",
	Description: "A continuous run of episodes with <LS> = 'L2' must not last more than 21 days from its first <DECOM> " +
		"to its last <DEC> (<COLLECTION_END_DATE> when the episode is open).",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "LS", "DEC"}, Check: func(c *Context) { failLegalStatusSpan(c, "L2", 21) },
}

// rule366: a short-break episode (LS V3) must start a period of care
// (RNE S).
var rule366 = &Rule{
	Code: "366", Message: "A child cannot change placement during the course of an individual short-term respite break.",
	Description: "Where <LS> = 'V3', <RNE> must be 'S'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "LS"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.LS == "V3" && e.RNE != "S" {
				c.Failf(e.Ref, nil, "LS is V3 (short break) but RNE is %s, not S", showQuoted(e.RNE))
			}
		}
	},
}

// rule371: a child placed in supported accommodation (K3) must be at
// least 16 on DECOM.
var rule371 = &Rule{
	Code: "371", Message: "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",
	Description: "If <PL> = 'K3' then the child must be at least 16 on <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "PLACE"}, From: 2025, Check: func(c *Context) { failPlacementBelowAge(c, "K3", 16) },
}

// rule372: a child in youth custody (R5) must be at least 10 on DECOM.
var rule372 = &Rule{
	Code: "372", Message: "Child in youth custody or prison should be at least 10.",
	Description: "If <PL> = 'R5' then the child must be at least 10 on <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "PLACE"}, Check: func(c *Context) { failPlacementBelowAge(c, "R5", 10) },
}

// rule373: a child placed in a school (S1) must be at least 4 on DECOM.
var rule373 = &Rule{
	Code: "373", Message: "Child placed in a school should be at least 4 years old.",
	Description: "If <PL> = 'S1' then the child must be at least 4 on <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "PLACE"}, Check: func(c *Context) { failPlacementBelowAge(c, "S1", 4) },
}

// rule374: a child in residential employment (P3) must be at least 14 on
// DECOM.
var rule374 = &Rule{
	Code: "374", Message: "Child in residential employment should be at least 14 years old.",
	Description: "If <PL> = 'P3' then the child must be at least 14 on <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DECOM", "PLACE"}, Check: func(c *Context) { failPlacementBelowAge(c, "P3", 14) },
}

// rule375: a temporary placement in hospital (T1) must not last more
// than 42 days.
var rule375 = &Rule{
	Code: "375", Message: "Hospitalisation coded as a temporary placement exceeds six weeks.",
	Description: "If <PL> = 'T1' then <DEC> must be no more than 42 days after <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: func(c *Context) { failPlacementLongerThan(c, "T1", 42) },
}

// rule376: a temporary placement while the foster carer is on holiday
// (T3) must not last more than 21 days.
var rule376 = &Rule{
	Code: "376", Message: "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
	Description: "If <PL> = 'T3' then <DEC> must be no more than 21 days after <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: func(c *Context) { failPlacementLongerThan(c, "T3", 21) },
}

// rule379: a temporary placement for another reason (T4) must not last
// more than 7 days.
var rule379 = &Rule{
	Code: "379", Message: "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
	Description: "If <PL> = 'T4' then <DEC> must be no more than 7 days after <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: func(c *Context) { failPlacementLongerThan(c, "T4", 7) },
}

// rule385: <DEC> must be <= <COLLECTION_END_DATE>.
var rule385 = &Rule{
	Code: "385", Message: "Date episode ceased must be on or before the end of the current collection year.",
	Description: "<DEC> must be <= <COLLECTION_END_DATE>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, e := range c.This.Episodes {
			if e.DEC.OK && e.DEC.Day > end {
				c.Failf(e.Ref, nil, "DEC %s is after the collection year ended on %s", e.DEC.Text, end)
			}
		}
	},
}

// rule386: an episode ending in adoption (REC E11 or E12) must end
// before the child's 18th birthday.
var rule386 = &Rule{
	Code: "386", Message: "Reason episode ceased is adopted but child has reached age 18.",
	Description: "If <REC> = 'E11' or 'E12' then the child must be under 18 on <DEC>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"REC", "DEC"},
	Check: func(c *Context) {
		failAgeAtEnd(c, []string{"E11", "E12"}, func(e *EpisodeRow, h *HeaderRow) string {
			if birthday := h.DOB.Day.AddYears(18); e.DEC.Day >= birthday {
				return fmt.Sprintf("REC %s (adopted) on %s, on or after the child turned 18 on %s (DOB %s)", e.REC, e.DEC.Text, birthday, h.DOB.Text)
			}
			return ""
		})
	},
}

// rule387: an episode ending with a move to independent living (REC E5
// or E6) must end on or after the child's 14th birthday.
var rule387 = &Rule{
	Code: "387", Message: "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
	Description: "If <REC> = 'E5' or 'E6' then the child must be at least 14 on <DEC>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"REC", "DEC"},
	Check: func(c *Context) {
		failAgeAtEnd(c, []string{"E5", "E6"}, func(e *EpisodeRow, h *HeaderRow) string {
			if birthday := h.DOB.Day.AddYears(14); e.DEC.Day < birthday {
				return fmt.Sprintf("REC %s (independent living) on %s, before the child turned 14 on %s (DOB %s)", e.REC, e.DEC.Text, birthday, h.DOB.Text)
			}
			return ""
		})
	},
}

// rule388: an episode ending X1 must be followed by one starting that
// day; an episode followed by one starting on its DEC must end X1; and the
// child's last episode must not end X1.
var rule388 = &Rule{
	Code: "388", Message: "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
	Description: "If reason episode ceased is coded X1 there must be a subsequent episode starting on the same day. " +
		"If an episode ends but the child continues to be looked after, a new episode should start on the same day, " +
		"and the reason episode ceased code of the episode which ends must be X1. " +
		"If a child ceases to be looked after, reason episode ceased code X1 must not be used.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REC", "DEC"},
	Check: func(c *Context) {
		eachChild(c.This, func(child string, eps []*EpisodeRow) {
			// Episodes without a valid DECOM come first, as the DfE's 1901
			// placeholder puts them.
			k := len(eps)
			for k > 0 && !eps[k-1].DECOM.OK {
				k--
			}
			order := make([]*EpisodeRow, 0, len(eps))
			order = append(order, eps[k:]...)
			order = append(order, eps[:k]...)
			for i, e := range order {
				if !e.DEC.OK {
					continue
				}
				if i == len(order)-1 {
					if e.REC == "X1" {
						c.Failf(e.Ref, nil, "REC is X1 but no episode follows the one ending on %s", e.DEC.Text)
					}
					continue
				}
				next := order[i+1]
				continues := next.DECOM.OK && next.DECOM.Day == e.DEC.Day
				switch {
				case e.REC == "X1" && !continues:
					c.Failf(e.Ref, nil, "REC is X1 but the next episode starts on %s, not on DEC %s", showQuoted(next.DECOM.Text), e.DEC.Text)
				case e.REC != "X1" && e.REC != "" && continues:
					c.Failf(e.Ref, nil, "the next episode starts on DEC %s, so the child stays looked after, but REC is %s, not X1", e.DEC.Text, e.REC)
				}
			}
		})
	},
}

// rule389: an episode ending with a transfer to adult social care (REC
// E7) must end on or after the child's 16th birthday.
var rule389 = &Rule{
	Code: "389", Message: "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
	Description: "If <REC> = 'E7' then the child must be at least 16 on <DEC>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"REC", "DEC"},
	Check: func(c *Context) {
		failAgeAtEnd(c, []string{"E7"}, func(e *EpisodeRow, h *HeaderRow) string {
			if birthday := h.DOB.Day.AddYears(16); e.DEC.Day < birthday {
				return fmt.Sprintf("REC E7 (adult social care) on %s, before the child turned 16 on %s (DOB %s)", e.DEC.Text, birthday, h.DOB.Text)
			}
			return ""
		})
	},
}

// rule393: a girl (SEX F) looked after other than on short breaks must
// have MOTHER completed.
var rule393 = &Rule{
	Code: "393", Message: "Child is looked after but mother field is not completed.",
	Description: "If <SEX> = 'F' and the child has an episode with <LS> not 'V3' or 'V4' then <MOTHER> must be provided.",
	Tables:      []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"MOTHER", "SEX"}, From: 2025,
	Check: func(c *Context) {
		for _, h := range c.This.Header {
			if h.SEX != "F" || h.MOTHER != "" {
				continue
			}
			for _, e := range c.This.EpisodesOf(h.CHILD) {
				if !ShortBreak(e.LS) {
					c.Fail(h.Ref, "SEX is F and the child has an episode not on short breaks (V3/V4), but MOTHER is blank")
					break
				}
			}
		}
	},
}

// rule407: if <REC> is E45, E46, E47 or E48 (a special guardianship
// order), the episode must end (DEC) no later than the child's 18th
// birthday. Both the episode and the child's Header row fail.
var rule407 = &Rule{
	Code: "407", Message: "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
	Description: "If <REC> = 'E45' or 'E46' or 'E47' or 'E48' then <DOB> must be < 18 years prior to <DEC>.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DEC", "DOB", "REC"},
	Check: func(c *Context) {
		headers := sharedGroups(c, "this Header", c.This.Header, func(h *HeaderRow) string { return h.CHILD })
		failedHeader := map[*HeaderRow]bool{}
		for _, e := range c.This.Episodes {
			if !specialGuardianship(e.REC) || !e.DEC.OK {
				continue
			}
			failed := false
			for _, h := range headers[e.CHILD] {
				if !h.DOB.OK {
					continue
				}
				eighteen := h.DOB.Day.AddYears(18)
				if eighteen >= e.DEC.Day {
					continue
				}
				why := fmt.Sprintf("the episode ended with REC %s on DEC %s, after the child's 18th birthday %s (DOB %s)",
					e.REC, e.DEC.Text, eighteen, h.DOB.Text)
				if !failed {
					c.Fail(e.Ref, why)
					failed = true
				}
				if !failedHeader[h] {
					c.Fail(h.Ref, why)
					failedHeader[h] = true
				}
			}
		}
	},
}

// specialGuardianship reports whether REC is a special guardianship order (E45–E48).
func specialGuardianship(rec string) bool {
	switch rec {
	case "E45", "E46", "E47", "E48":
		return true
	}
	return false
}

// rule431: if <RNE> is S (started to be looked after), <DECOM> must be
// after the <DEC> of the child's previous episode.
var rule431 = &Rule{
	Code: "431", Message: "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "DECOM"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if e.RNE == "S" && e.DECOM.OK && prev.DEC.OK && e.DECOM.Day <= prev.DEC.Day {
					c.Failf(e.Ref, nil, "RNE is S but the episode starts on DECOM %s and the previous episode (DECOM %s) ended on DEC %s",
						e.DECOM.Text, prev.DECOM.Text, prev.DEC.Text)
				}
			}
		})
	},
}

// rule432: if the child's previous episode ended with a <REC> that means
// care ceased (any code but X1), the next episode's <RNE> must be S.
var rule432 = &Rule{
	Code: "432", Message: "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if ceasedCare(prev.REC) && e.RNE != "S" {
					c.Failf(e.Ref, nil, "the previous episode (DECOM %s) ended with REC %s, but this episode's RNE is %s, not S",
						prev.DECOM.Text, prev.REC, orBlank(e.RNE))
				}
			}
		})
	},
}

// ceasedCare reports whether REC says the child ceased to be looked
// after: any reason but X1.
func ceasedCare(rec string) bool {
	switch rec {
	case "E2", "E3", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "E11",
		"E12", "E13", "E14", "E15", "E16", "E17", "E41", "E45", "E46", "E47", "E48":
		return true
	}
	return false
}

// rule433: if <RNE> is P, L, T, U or B (a continuation), <DECOM> must be
// the <DEC> of the child's previous episode. Episodes are taken in DECOM
// order, then DEC order.
var rule433 = &Rule{
	Code: "433", Message: "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "DECOM"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			if len(eps) < 2 {
				return
			}
			sorted := append([]*EpisodeRow(nil), eps...)
			sort.SliceStable(sorted, func(i, j int) bool {
				a, b := sorted[i], sorted[j]
				if a.DECOM.OK != b.DECOM.OK || (a.DECOM.OK && a.DECOM.Day != b.DECOM.Day) {
					return a.DECOM.OK && (!b.DECOM.OK || a.DECOM.Day < b.DECOM.Day)
				}
				return a.DEC.OK && (!b.DEC.OK || a.DEC.Day < b.DEC.Day)
			})
			for i := 1; i < len(sorted); i++ {
				prev, e := sorted[i-1], sorted[i]
				switch e.RNE {
				case "P", "L", "T", "U", "B":
				default:
					continue
				}
				same := prev.DEC.OK && e.DECOM.OK && prev.DEC.Day == e.DECOM.Day ||
					prev.DEC.Text != "" && prev.DEC.Text == e.DECOM.Text
				if !same {
					c.Failf(e.Ref, nil, "RNE is %s but the episode starts on DECOM %s and the previous episode (DECOM %s) ended on DEC %s",
						e.RNE, orBlank(e.DECOM.Text), orBlank(prev.DECOM.Text), orBlank(prev.DEC.Text))
				}
			}
		})
	},
}

// rule434: if <RNE> is L (change of legal status only), <LS> must differ
// from the child's previous episode's and <PLACE>, <PL_POST>, <URN> and
// <PLACE_PROVIDER> must be the same.
var rule434 = &Rule{
	Code: "434", Message: "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if e.RNE != "L" {
					continue
				}
				var problems []string
				if e.LS == prev.LS {
					problems = append(problems, "LS is "+orBlank(e.LS)+" as in the previous episode")
				}
				if changed := placementChanges(prev, e); len(changed) > 0 {
					problems = append(problems, "the placement changed: "+strings.Join(changed, ", "))
				}
				if len(problems) > 0 {
					c.Failf(e.Ref, nil, "RNE is L but %s (previous episode DECOM %s)", strings.Join(problems, " and "), prev.DECOM.Text)
				}
			}
		})
	},
}

// placementChanges names the placement fields that differ between
// two episodes, with their values.
func placementChanges(prev, e *EpisodeRow) []string {
	names := [4]string{"PLACE", "PL_POST", "URN", "PLACE_PROVIDER"}
	a, b := placementOf(prev), placementOf(e)
	var out []string
	for i := range names {
		if a[i] != b[i] {
			out = append(out, fmt.Sprintf("%s %s to %s", names[i], orBlank(a[i]), orBlank(b[i])))
		}
	}
	return out
}

// rule436: if <RNE> is B or U (change of legal status and placement),
// <LS> must differ from the child's previous episode's and at least one of
// <PLACE>, <PL_POST>, <URN> and <PLACE_PROVIDER> must differ.
var rule436 = &Rule{
	Code: "436", Message: "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if e.RNE != "B" && e.RNE != "U" {
					continue
				}
				var problems []string
				if e.LS == prev.LS {
					problems = append(problems, "LS is "+orBlank(e.LS)+" as in the previous episode")
				}
				if placementOf(prev) == placementOf(e) {
					problems = append(problems, "PLACE, PL_POST, URN and PLACE_PROVIDER are the same as in the previous episode")
				}
				if len(problems) > 0 {
					c.Failf(e.Ref, nil, "RNE is %s but %s (previous episode DECOM %s)", e.RNE, strings.Join(problems, " and "), prev.DECOM.Text)
				}
			}
		})
	},
}

// rule437: if <REC> is E2 (died) or E15 (age assessment found the child
// 18 or over), the child must have no later episode.
var rule437 = &Rule{
	Code: "437", Message: "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REC"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i, e := range eps[:len(eps)-1] {
				if e.DECOM.OK && (e.REC == "E2" || e.REC == "E15") {
					next := eps[i+1]
					c.Failf(e.Ref, nil, "the episode starting %s ended with REC %s, but another episode follows (DECOM %s)",
						e.DECOM.Text, e.REC, orBlank(next.DECOM.Text))
				}
			}
		})
	},
}

// rule442: a child with any episode whose <LS> is not V3 or V4 must have
// a <UPN>.
var rule442 = &Rule{
	Code: "442", Message: "Unique Pupil Number (UPN) field is not completed.",
	Description: "Where any episode present, with an <LS> not = 'V3' or 'V4' then <UPN> must be provided.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"UPN"},
	Check: func(c *Context) {
		looked := make(map[string]string, len(c.This.children)) // child -> DECOM of an episode not a short break
		for _, e := range c.This.Episodes {
			if _, ok := looked[e.CHILD]; !ok && !ShortBreak(e.LS) {
				looked[e.CHILD] = e.DECOM.Text
			}
		}
		for _, h := range c.This.Header {
			if decom, ok := looked[h.CHILD]; ok && h.UPN == "" {
				c.Failf(h.Ref, nil, "UPN is blank but the child has an episode not under LS V3 or V4 (DECOM %s)", orBlank(decom))
			}
		}
	},
}

// rule460: if <REC> is E17 (aged 18 or over and stayed with current
// carers), the child must be 18 or over on <DEC>.
var rule460 = &Rule{
	Code: "460", Message: "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"DEC", "REC"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if e.REC != "E17" || !e.DEC.OK {
				continue
			}
			h := c.This.HeaderOf(e.CHILD)
			if h == nil || !h.DOB.OK {
				continue
			}
			if eighteen := h.DOB.Day.AddYears(18); eighteen > e.DEC.Day {
				c.Failf(e.Ref, nil, "REC is E17 but DEC %s is before the child's 18th birthday %s (DOB %s)", e.DEC.Text, eighteen, h.DOB.Text)
			}
		}
	},
}

// rule501: a new episode must not start before the previous episode (in
// DECOM order) ended: <DECOM> must not be before the previous <DEC>.
var rule501 = &Rule{
	Code: "501", Message: "A new episode has started before the end date of the previous episode.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM", "DEC"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if e.DECOM.OK && prev.DEC.OK && e.DECOM.Day < prev.DEC.Day {
					c.Fail(e.Ref, fmt.Sprintf("episode starts %s but the previous episode (from %s) ended %s",
						e.DECOM.Text, prev.DECOM.Text, prev.DEC.Text))
				}
			}
		})
	},
}

// rule504: where the previous episode ended with X1 on the day this one
// started (the same period of care), <CIN> must not change.
var rule504 = &Rule{
	Code: "504", Message: "The category of need code differs from that reported at start of current period of being looked after",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CIN"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if prev.REC == "X1" && prev.DEC.OK && e.DECOM.OK && prev.DEC.Day == e.DECOM.Day && e.CIN != prev.CIN {
					c.Fail(e.Ref, fmt.Sprintf("CIN %s, but the previous episode, which ended X1 on %s, had CIN %s",
						showQuoted(e.CIN), prev.DEC.Text, showQuoted(prev.CIN)))
				}
			}
		})
	},
}

// rule516: where <REC> is E45 or E46, <PL> must be U1 to U6.
var rule516 = &Rule{
	Code: "516", Message: "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REC", "PLACE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if oneOf(e.REC, "E45", "E46") && !oneOf(e.PLACE, "U1", "U2", "U3", "U4", "U5", "U6") {
				c.Fail(e.Ref, fmt.Sprintf("REC is %s but PLACE is %s, not U1 to U6", e.REC, showQuoted(e.PLACE)))
			}
		}
	},
}

// rule607: a girl (<SEX> F) who ceased to be looked after in the year
// (<DEC> in the year, <REC> given and not X1, not a short break) must have
// <MOTHER> completed. The episode and the Header row are flagged.
var rule607 = &Rule{
	Code: "607", Message: "Child ceased to be looked after in the year, but mother field has not been completed.",
	Description: "Where <CEASED_TO_BE_LOOKED_AFTER> = 'Y' (<DEC> is provided and <REC> is provided and not " +
		"'X1'), and <LS> not = 'V3' or 'V4' and <DEC> is in <CURRENT_COLLECTION_YEAR> and <SEX> = 'F' then " +
		"<MOTHER> should be provided.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DEC", "REC", "MOTHER", "LS", "SEX"}, From: 2025,
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		flagged := map[*HeaderRow]bool{}
		for _, e := range c.This.Episodes {
			if e.REC == "" || e.REC == "X1" || ShortBreak(e.LS) || !Between(e.DEC, start, end) {
				continue
			}
			h := c.This.HeaderOf(e.CHILD)
			if h == nil || h.SEX != "F" || h.MOTHER != "" {
				continue
			}
			c.Failf(e.Ref, []string{"DEC", "REC", "LS"}, "the child (SEX F) ceased to be looked after on %s (REC %s) but MOTHER is blank",
				e.DEC.Text, e.REC)
			if !flagged[h] {
				flagged[h] = true
				c.Failf(h.Ref, []string{"MOTHER", "SEX"}, "MOTHER is blank but the child (SEX F) ceased to be looked after on %s (REC %s)",
					e.DEC.Text, e.REC)
			}
		}
	},
}

// rule625: a given <MC_DOB> must be no later than the end of the
// collection year, nor than the <DEC> of the child's latest episode. The
// latest episode is one with no valid DEC (still open) if there is one,
// else the one that ended last. It and the Header row are flagged.
var rule625 = &Rule{
	Code: "625", Message: "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
	Description: "If provided <MC_DOB> must not be > <COLLECTION_END> or <DEC> of latest episode.",
	Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"MC_DOB", "DEC"},
	Check: func(c *Context) {
		end := c.Year.End()
		for child, eps := range c.This.ByChild() {
			h := c.This.HeaderOf(child)
			if h == nil || !h.MC_DOB.OK || len(eps) == 0 {
				continue
			}
			var latest *EpisodeRow
			for _, e := range eps {
				switch {
				case !e.DEC.OK:
					latest = e // open: the latest open one in DECOM order wins
				case latest == nil || (latest.DEC.OK && e.DEC.Day > latest.DEC.Day):
					latest = e
				}
			}
			var why string
			switch {
			case h.MC_DOB.Day > end:
				why = fmt.Sprintf("MC_DOB %s is after the end of the collection year, %s", h.MC_DOB.Text, end)
			case latest.DEC.OK && h.MC_DOB.Day > latest.DEC.Day:
				why = fmt.Sprintf("MC_DOB %s is after %s, when the child's latest episode ended", h.MC_DOB.Text, latest.DEC.Text)
			default:
				continue
			}
			c.Fail(latest.Ref, why, "DEC")
			c.Fail(h.Ref, why, "MC_DOB")
		}
	},
}

// rule1012: a child with no episodes this year must have no rows in
// PlacedAdoption, Missing, Reviews, AD1, PrevPerm or OC2.
var rule1012 = &Rule{
	Code: "1012", Message: "No other data should be returned for OC3 children who had no episodes in the current year",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CHILD"},
	Check: func(c *Context) {
		fail := func(ref Ref, child string) {
			if c.This.EpisodesOf(child) == nil {
				c.Failf(ref, nil, "child %s has no episodes this year but has a %s row", child, ref.Table)
			}
		}
		for _, r := range c.This.PlacedAdoption {
			fail(r.Ref, r.CHILD)
		}
		for _, r := range c.This.Missing {
			fail(r.Ref, r.CHILD)
		}
		for _, r := range c.This.Reviews {
			fail(r.Ref, r.CHILD)
		}
		for _, r := range c.This.AD1 {
			fail(r.Ref, r.CHILD)
		}
		for _, r := range c.This.PrevPerm {
			fail(r.Ref, r.CHILD)
		}
		for _, r := range c.This.OC2 {
			fail(r.Ref, r.CHILD)
		}
	},
}

// headerWithValidBirth returns the child's Header row (the first, if the child has
// several) and whether its DOB is a valid date.
func headerWithValidBirth(c *Context, child string) (*HeaderRow, bool) {
	h := c.This.HeaderOf(child)
	return h, h != nil && h.DOB.OK
}

// failLegalStatusSpan reports every episode of a run of consecutive episodes
// with legal status ls, each starting on the day the one before it ended,
// whose span from the first DECOM to the last DEC is more than max days. An
// open episode (or one whose DEC is not a valid date) counts to the end of
// the collection year.
func failLegalStatusSpan(c *Context, ls string, max int) {
	end := c.Year.End()
	ends := func(e *EpisodeRow) calendar.Date {
		if e.DEC.OK {
			return e.DEC.Day
		}
		return end
	}
	report := func(run []*EpisodeRow) {
		var first, last calendar.Date
		found := false
		for _, e := range run {
			if e.DECOM.OK && (!found || e.DECOM.Day < first) {
				first, found = e.DECOM.Day, true
			}
			if d := ends(e); d > last {
				last = d
			}
		}
		if !found || int(last-first) <= max {
			return
		}
		for _, e := range run {
			c.Failf(e.Ref, nil, "LS %s lasted %s, from %s to %s, more than %d", ls, showDays(int(last-first)), first, last, max)
		}
	}
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		var run []*EpisodeRow
		for _, e := range eps {
			if e.LS != ls {
				report(run)
				run = nil
				continue
			}
			if n := len(run); n > 0 && !(e.DECOM.OK && ends(run[n-1]) == e.DECOM.Day) {
				report(run)
				run = nil
			}
			run = append(run, e)
		}
		report(run)
	})
}

// failPlacementBelowAge reports episodes with PLACE place that start before the
// child's birthday of age years.
func failPlacementBelowAge(c *Context, place string, years int) {
	for _, e := range c.This.Episodes {
		if e.PLACE != place || !e.DECOM.OK {
			continue
		}
		h, ok := headerWithValidBirth(c, e.CHILD)
		if !ok {
			continue
		}
		if birthday := h.DOB.Day.AddYears(years); e.DECOM.Day < birthday {
			c.Failf(e.Ref, nil, "PLACE %s from %s, before the child turned %d on %s (DOB %s)",
				place, e.DECOM.Text, years, birthday, h.DOB.Text)
		}
	}
}

// failPlacementLongerThan reports ended episodes with PLACE place whose DEC is more
// than max days after DECOM.
func failPlacementLongerThan(c *Context, place string, max int) {
	for _, e := range c.This.Episodes {
		if e.PLACE != place || !e.DECOM.OK || !e.DEC.OK {
			continue
		}
		if days := int(e.DEC.Day - e.DECOM.Day); days > max {
			c.Failf(e.Ref, nil, "PLACE %s from %s to %s lasted %s, more than %d", place, e.DECOM.Text, e.DEC.Text, showDays(days), max)
		}
	}
}

// failAgeAtEnd reports each episode with one of the REC codes and a
// valid DEC for which test, given a Header row of the child with a valid
// DOB, returns an explanation.
func failAgeAtEnd(c *Context, recs []string, test func(*EpisodeRow, *HeaderRow) string) {
	for _, e := range c.This.Episodes {
		if !oneOf(e.REC, recs...) || !e.DEC.OK {
			continue
		}
		if h, ok := headerWithValidBirth(c, e.CHILD); ok {
			if why := test(e, h); why != "" {
				c.Fail(e.Ref, why)
			}
		}
	}
}
