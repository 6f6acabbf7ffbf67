package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// legalStatusRules are the rules on the legal status of episodes.
var legalStatusRules = []*Rule{
	rule144,
	rule363,
	rule364,
	rule365,
	rule367,
	rule382,
	rule392b,
	rule398,
	rule426,
	rule435,
	rule446,
}

// rule144: if provided, <LS> must be a valid code.
var rule144 = &Rule{
	Code: "144", Message: "The legal status code is not a valid code.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			failBadCode(c, e.Ref, "LS", e.LS, true)
		}
	},
}

// rule363: a child assessment order (L3) must not last more than 7 days.
var rule363 = &Rule{
	Code: "363", Message: "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
	Description: "The days in a period of touching or overlapping episodes with <LS> = 'L3' must not add up to more than 7 " +
		"(an open episode counts to <COLLECTION_END_DATE>).",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "DECOM", "DEC"}, Check: func(c *Context) { failLegalStatusTotal(c, "L3", 7) },
}

// rule364: detention under PACE (J2) must not last more than 21 days.
var rule364 = &Rule{
	Code: "364", Message: "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
	Description: "The days in a period of touching or overlapping episodes with <LS> = 'J2' must not add up to more than 21 " +
		"(an open episode counts to <COLLECTION_END_DATE>).",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "DECOM", "DEC"}, Check: func(c *Context) { failLegalStatusTotal(c, "J2", 21) },
}

// rule365: a short break (V3) must not last more than 17 days; an open
// one counts to the end of the collection year.
var rule365 = &Rule{
	Code: "365", Message: "Any individual short- term respite placement must not exceed 17 days.",
	Description: "Where <LS> = 'V3', <DEC> (<COLLECTION_END_DATE> when the episode is open) must be no more than 17 days after <DECOM>.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "DECOM", "DEC"},
	Check: func(c *Context) {
		end := c.Year.End()
		for _, e := range c.This.Episodes {
			if e.LS != "V3" || !e.DECOM.OK {
				continue
			}
			last, open := e.DEC.Day, e.DEC.Blank()
			if open {
				last = end
			} else if !e.DEC.OK {
				continue
			}
			if days := int(last - e.DECOM.Day); days > 17 {
				if open {
					c.Failf(e.Ref, nil, "short break (LS V3) from %s is still open at the end of the year, %s later: more than 17 days", e.DECOM.Text, showDays(days))
				} else {
					c.Failf(e.Ref, nil, "short break (LS V3) from %s to %s lasted %s, more than 17", e.DECOM.Text, e.DEC.Text, showDays(days))
				}
			}
		}
	},
}

// rule367: a child's short breaks (LS V3) must not add up to more than 75
// days within the collection year. Each episode counts from DECOM (or the
// year's start) to DEC (or the year's end when open or later).
var rule367 = &Rule{
	Code: "367", Message: "The maximum amount of respite care allowable is 75 days in any 12-month period.",
	Description: "The days within the collection year of the child's episodes with <LS> = 'V3' must not add up to more than 75.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "DECOM", "DEC"},
	Check: func(c *Context) {
		start, end := c.Year.Start(), c.Year.End()
		type counted struct {
			e    *EpisodeRow
			days int
		}
		byChild := map[string][]counted{}
		for _, e := range c.This.Episodes {
			if e.LS != "V3" || !e.DECOM.OK || (!e.DEC.Blank() && !e.DEC.OK) {
				continue
			}
			from, to := e.DECOM.Day, end
			if e.DEC.OK && e.DEC.Day < end {
				to = e.DEC.Day
			}
			if from < start {
				from = start
			}
			if days := int(to - from); days > 0 {
				byChild[e.CHILD] = append(byChild[e.CHILD], counted{e, days})
			}
		}
		for _, list := range byChild {
			total := 0
			for _, x := range list {
				total += x.days
			}
			if total <= 75 {
				continue
			}
			for _, x := range list {
				c.Failf(x.e.Ref, nil, "the child's short breaks (LS V3) in the year add up to %d days, more than 75; this one from %s counts %s",
					total, x.e.DECOM.Text, showDays(x.days))
			}
		}
	},
}

// rule382: if <LS> = 'V3' or 'V4' then <PL> must not be T0-T4.
var rule382 = &Rule{
	Code: "382", Message: "A child receiving respite care cannot be in a temporary placement.",
	Description: "If <LS> = 'V3' or 'V4' then <PL> must not be 'T0', 'T1', 'T2', 'T3' or 'T4'.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "PLACE"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) && Temporary(e.PLACE) {
				c.Failf(e.Ref, nil, "LS %s (short breaks) with a temporary placement, PLACE %s", e.LS, e.PLACE)
			}
		}
	},
}

// rule392b: an episode of a child who is not UASC (this year or last) and
// not on short breaks must have both postcodes.
var rule392b = &Rule{
	Code: "392b", Message: "Child is looked after but no postcodes are recorded.",
	Description: "If <LS> not = 'V3' or 'V4' and <UASC> = '0' and <COLLECTION YEAR> - 1 <UASC> = '0' and " +
		"<COLLECTION YEAR> - 2 <UASC> = '0' then <HOME_POST> and <PL_POST> should be provided. " +
		"Children with a UASC record this year or last year (when given) are left out; a child who was UASC only " +
		"before that may be a false positive.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "HOME_POST", "PL_POST"},
	Check: func(c *Context) {
		uasc := formerlyUASC(c)
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) || uasc[e.CHILD] || (e.HOME_POST != "" && e.PL_POST != "") {
				continue
			}
			var blank []string
			if e.HOME_POST == "" {
				blank = append(blank, "HOME_POST")
			}
			if e.PL_POST == "" {
				blank = append(blank, "PL_POST")
			}
			verb := "is"
			if len(blank) > 1 {
				verb = "are"
			}
			c.Failf(e.Ref, nil, "%s %s blank for an episode with LS %s", strings.Join(blank, " and "), verb, showQuoted(e.LS))
		}
	},
}

// rule398: if <LS> = 'V3' or 'V4' then no postcode should be provided.
var rule398 = &Rule{
	Code: "398", Message: "Distance field completed but child looked after under legal status V3 or V4.",
	Description: "If <LS> = 'V3' or 'V4' then <HOME_POST> and <PL_POST> should not be provided.",
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "HOME_POST", "PL_POST"},
	Check: func(c *Context) {
		for _, e := range c.This.Episodes {
			if ShortBreak(e.LS) && (e.HOME_POST != "" || e.PL_POST != "") {
				c.Failf(e.Ref, nil, "LS %s (short breaks) but HOME_POST is %s and PL_POST is %s; both should be blank",
					e.LS, showQuoted(e.HOME_POST), showQuoted(e.PL_POST))
			}
		}
	},
}

// rule426: a child may not have episodes under both <LS> V3 and V4;
// when one does, every V3 and V4 episode fails.
var rule426 = &Rule{
	Code: "426", Message: "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			var v3, v4 int
			for _, e := range eps {
				switch e.LS {
				case "V3":
					v3++
				case "V4":
					v4++
				}
			}
			if v3 == 0 || v4 == 0 {
				return
			}
			for _, e := range eps {
				if ShortBreak(e.LS) {
					c.Failf(e.Ref, nil, "LS is %s, and the child has %d episode(s) under V3 and %d under V4", e.LS, v3, v4)
				}
			}
		})
	},
}

// rule435: if <RNE> is P or T (change of placement only), <LS> must be
// the same as the child's previous episode's and at least one of
// <PLACE>, <PL_POST>, <URN> and <PLACE_PROVIDER> must differ.
var rule435 = &Rule{
	Code: "435", Message: "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"},
	Check: func(c *Context) {
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			for i := 1; i < len(eps); i++ {
				prev, e := eps[i-1], eps[i]
				if e.RNE != "P" && e.RNE != "T" {
					continue
				}
				var problems []string
				if e.LS != prev.LS {
					problems = append(problems, fmt.Sprintf("LS changed from %s to %s", orBlank(prev.LS), orBlank(e.LS)))
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

// rule446: <LS> E1 (placement order) is not valid for an episode whose
// <DECOM> is before 1 December 2005.
var rule446 = &Rule{
	Code: "446", Message: "E1 is not a valid code for episodes starting before December 2005.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS", "DECOM"},
	Check: func(c *Context) {
		first := calendar.NewDate(2005, 12, 1)
		for _, e := range c.This.Episodes {
			if e.LS == "E1" && e.DECOM.OK && e.DECOM.Day < first {
				c.Failf(e.Ref, nil, "LS is E1 but DECOM %s is before 01/12/2005", e.DECOM.Text)
			}
		}
	},
}

// failLegalStatusTotal reports every episode of a period of episodes with legal
// status ls whose days add up to more than max. A period is the child's ls
// episodes in DECOM order, each starting no later than the previous one's
// DEC; an open episode counts to the end of the collection year. Episodes
// without a valid DECOM are left out, and one whose DEC is not a valid
// date adds no days.
func failLegalStatusTotal(c *Context, ls string, max int) {
	end := c.Year.End()
	report := func(period []*EpisodeRow, days int) {
		if days <= max {
			return
		}
		for _, e := range period {
			c.Failf(e.Ref, nil, "LS %s episodes from %s add up to %s, more than %d", ls, period[0].DECOM.Text, showDays(days), max)
		}
	}
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		var period []*EpisodeRow
		days := 0
		var prevEnd calendar.Date
		prevEndOK := false
		for _, e := range eps {
			if e.LS != ls || !e.DECOM.OK {
				continue
			}
			if len(period) > 0 && prevEndOK && e.DECOM.Day > prevEnd {
				report(period, days)
				period, days = nil, 0
			}
			period = append(period, e)
			switch {
			case e.DEC.Blank():
				prevEnd, prevEndOK = end, true
			case e.DEC.OK:
				prevEnd, prevEndOK = e.DEC.Day, true
			default:
				prevEndOK = false
			}
			if prevEndOK {
				days += int(prevEnd - e.DECOM.Day)
			}
		}
		report(period, days)
	})
}
