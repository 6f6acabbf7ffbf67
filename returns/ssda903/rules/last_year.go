package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// lastYearRules are the rules comparing this year's return with last year's.
var lastYearRules = []*Rule{
	rule202,
	rule203,
	rule204,
	rule205A,
	rule205B,
	rule205C,
	rule205D,
	rule207,
	rule208,
	rule348,
	rule452,
	rule453,
	rule502,
	rule503A,
	rule503B,
	rule503C,
	rule503D,
	rule503E,
	rule503F,
	rule503G,
	rule503H,
	rule503J,
	rule559,
	rule560,
	rule561,
	rule562,
	rule576,
	rule584,
	rule624,
	rule626,
	rule706,
	rule1001,
	rule1002,
	rule1010,
}

// rule202: <SEX> must be the same as last year's for a child in both
// returns. Two codes with the same meaning agree, so that a child recorded
// 1 (male) before 2024/25 and M since is not flagged.
var rule202 = &Rule{
	Code: "202", Message: "The gender code conflicts with the gender already recorded for this child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX"}, Needs: NeedLast,
	Check: func(c *Context) {
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last != nil && !sameCodeMeaning("SEX", h.SEX, last.SEX) {
				c.Failf(h.Ref, nil, "SEX is %s but last year's return recorded %s", showQuoted(h.SEX), showQuoted(last.SEX))
			}
		}
	},
}

// sameCodeMeaning reports whether two codes of a field are the same, or
// mean the same in its code list (as SEX 1 and M do across 2024/25).
func sameCodeMeaning(field, a, b string) bool {
	if a == b {
		return true
	}
	ma, okA := ssda903.CodeMeaning(field, a)
	mb, okB := ssda903.CodeMeaning(field, b)
	return okA && okB && ma == mb
}

// rule203: <DOB> must be the same date as last year's for a child in both
// returns (two dates that are both blank or invalid count as the same).
var rule203 = &Rule{
	Code: "203", Message: "Date of birth disagrees with the date of birth already recorded for this child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"}, Needs: NeedLast,
	Check: func(c *Context) {
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last == nil {
				continue
			}
			same := h.DOB.OK == last.DOB.OK && (!h.DOB.OK || h.DOB.Day == last.DOB.Day)
			if !same {
				c.Failf(h.Ref, nil, "DOB is %s but last year's return recorded %s", h.DOB.Shown(), last.DOB.Shown())
			}
		}
	},
}

// rule204: <ETHNIC> must be the same as last year's for a child in both
// returns.
var rule204 = &Rule{
	Code: "204", Message: "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"ETHNIC"}, Needs: NeedLast,
	Check: func(c *Context) {
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last != nil && h.ETHNIC != last.ETHNIC {
				c.Failf(h.Ref, nil, "ETHNIC is %s but last year's return recorded %s", showQuoted(h.ETHNIC), showQuoted(last.ETHNIC))
			}
		}
	},
}

// rule205A: a child identified as UASC last year but not this year must
// have no DUC this year, and last year's DUC must fall in last year. As the
// peer does, it looks at this year's UASC rows, so (with UASC status read
// from the UASC table) it flags the UASC rows of children who have no
// Header row this year.
var rule205A = &Rule{
	Code: "205A", Message: "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both " +
		"years does not support this.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"CHILD", "DUC"}, Needs: NeedLast, LastTables: noLastTables,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.UASC) {
			return
		}
		if c.This.UASCFlag {
			check205AByFlag(c)
			return
		}
		lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
		lastYear := c.Year - 1
		lastStart, lastEnd := lastYear.Start(), lastYear.End()
		for _, u := range c.This.UASC {
			if c.This.HeaderOf(u.CHILD) != nil {
				continue // identified as UASC this year
			}
			for _, ul := range lastRows[u.CHILD] {
				if !uascLastYear(c, ul) {
					continue
				}
				const was = "last year's return identified the child as UASC and this year's does not (the child has no Header row)"
				if u.DUC.Text != "" {
					c.Failf(u.Ref, nil, "%s, yet DUC %s is given this year", was, u.DUC.Shown())
					break
				}
				if !Between(ul.DUC, lastStart, lastEnd) {
					c.Failf(u.Ref, nil, "%s, but last year's DUC (%s) is not within %s", was, ul.DUC.Shown(), lastYear)
					break
				}
			}
		}
	},
}

// rule205B: a child identified as UASC in both years must have had last
// year's DUC on their 18th birthday (by last year's DOB), and this year's
// DUC must be within this year or the same as last year's.
var rule205B = &Rule{
	Code: "205B", Message: "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"DUC"}, Needs: NeedLast,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.UASC) {
			return
		}
		lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
		start, end := c.Year.Start(), c.Year.End()
		flagged := map[*HeaderRow]bool{}
		for _, u := range c.This.UASC {
			h := c.This.HeaderOf(u.CHILD)
			if h == nil {
				continue // not identified as UASC this year
			}
			for _, ul := range lastRows[u.CHILD] {
				if !uascLastYear(c, ul) {
					continue
				}
				var why []string
				if !ul.DUC.OK || !ul.DOB.OK || ul.DUC.Day != ul.DOB.Day.AddYears(18) {
					why = append(why, fmt.Sprintf("last year's DUC (%s) is not the 18th birthday of a child born %s",
						ul.DUC.Shown(), ul.DOB.Shown()))
				}
				sameAsLast := u.DUC.OK && ul.DUC.OK && u.DUC.Day == ul.DUC.Day
				if !Between(u.DUC, start, end) && !sameAsLast {
					why = append(why, fmt.Sprintf("DUC (%s) is neither within %s nor last year's DUC (%s)",
						u.DUC.Shown(), c.Year, ul.DUC.Shown()))
				}
				if len(why) == 0 {
					continue
				}
				explanation := "the child is identified as UASC in both years, but " + strings.Join(why, ", and ")
				c.Fail(u.Ref, explanation)
				if !flagged[h] {
					flagged[h] = true
					c.Fail(h.Ref, explanation, "CHILD")
				}
				break
			}
		}
	},
}

// rule205C: a child identified as UASC in neither year must have no DUC
// in either year. As the peer does, it looks at this year's UASC rows, so
// it flags the UASC rows of children with no Header row this year who were
// not identified as UASC last year.
var rule205C = &Rule{
	Code: "205C", Message: "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"DUC"}, Needs: NeedLast,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.UASC) {
			return
		}
		if c.This.UASCFlag {
			check205CByFlag(c)
			return
		}
		lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
		const neither = "the child is identified as UASC in neither year (no Header row this year"
		for _, u := range c.This.UASC {
			if c.This.HeaderOf(u.CHILD) != nil {
				continue
			}
			rows := lastRows[u.CHILD]
			if len(rows) == 0 {
				if u.DUC.OK {
					c.Failf(u.Ref, nil, "%s, no UASC row last year) but DUC %s is given", neither, u.DUC.Text)
				}
				continue
			}
			for _, ul := range rows {
				if uascLastYear(c, ul) {
					continue
				}
				if u.DUC.OK || ul.DUC.OK {
					c.Failf(u.Ref, nil, "%s or last year) but DUC is %s this year and was %s last year", neither,
						u.DUC.Shown(), ul.DUC.Shown())
					break
				}
			}
		}
	},
}

// rule205D: a child identified as UASC this year who was in last year's
// return must have been identified as UASC there too.
var rule205D = &Rule{
	Code: "205D", Message: "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.UASC}, Fields: []string{"CHILD"}, Needs: NeedLast, LastTables: noLastTables,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.UASC) {
			return
		}
		if c.This.UASCFlag && c.Last.UASCFlag {
			check205DByFlag(c)
			return
		}
		uascNow := map[string]bool{}
		for _, u := range c.This.UASC {
			uascNow[u.CHILD] = true
		}
		lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
		lastHeader := c.Last.Has(ssda903.Header)
		for _, h := range c.This.Header {
			if !uascNow[h.CHILD] {
				continue
			}
			rows := lastRows[h.CHILD]
			if lastHeader {
				if c.Last.HeaderOf(h.CHILD) != nil && len(rows) == 0 {
					c.Fail(h.Ref, "the child has a UASC row this year but, though in last year's Header, no UASC row last year")
				}
				continue
			}
			for _, ul := range rows {
				if !uascLastYear(c, ul) {
					c.Fail(h.Ref, "the child has a UASC row this year but last year's UASC row gives neither SEX nor DUC")
					break
				}
			}
		}
	},
}

// The XML layout carries each child's UASC flag in the Header, and its
// reader makes a UASC row only for a flag of 1 or a DUC, so on XML a UASC
// row does not say the child is UASC, nor a Header row that it is not (as
// the CSV layout's do, and the checks above read them). These read the
// flag where the return carries it, as 105 and 303 do.

// check205AByFlag is 205A where this year's Header has the flag: a child
// with UASC 1 last year and not this year must have no DUC this year and
// last year's DUC within last year.
func check205AByFlag(c *Context) {
	thisRows := sharedGroups(c, "this UASC", c.This.UASC, func(u *UASCRow) string { return u.CHILD })
	lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
	lastYear := c.Year - 1
	for _, h := range c.This.Header {
		if h.UASC == "1" || len(c.This.EpisodesOf(h.CHILD)) == 0 {
			continue // UASC this year, or not looked after this year (a care leaver only), which the flag does not speak for
		}
		wasUASC, lastDUC := identifiedLastYear(c, lastRows, h.CHILD)
		if !wasUASC {
			continue
		}
		ref, duc := firstUASC(thisRows[h.CHILD], h.Ref)
		const was = "last year's return identified the child as UASC and this year's does not (UASC is %s)"
		switch {
		case duc.Text != "":
			c.Failf(ref, nil, was+", yet DUC %s is given this year", showQuoted(h.UASC), duc.Shown())
		case !Between(lastDUC, lastYear.Start(), lastYear.End()):
			c.Failf(ref, nil, was+", but last year's DUC (%s) is not within %s", showQuoted(h.UASC), lastDUC.Shown(), lastYear)
		}
	}
}

// check205CByFlag is 205C where this year's Header has the flag: a child
// identified as UASC in neither year must have no DUC in either.
func check205CByFlag(c *Context) {
	thisRows := sharedGroups(c, "this UASC", c.This.UASC, func(u *UASCRow) string { return u.CHILD })
	lastRows := sharedGroups(c, "last UASC", c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
	for _, h := range c.This.Header {
		if h.UASC == "1" || len(c.This.EpisodesOf(h.CHILD)) == 0 {
			continue // UASC this year, or not looked after this year (a care leaver only), which the flag does not speak for
		}
		wasUASC, lastDUC := identifiedLastYear(c, lastRows, h.CHILD)
		if wasUASC {
			continue
		}
		ref, duc := firstUASC(thisRows[h.CHILD], h.Ref)
		if duc.OK || lastDUC.OK {
			c.Failf(ref, nil, "the child is identified as UASC in neither year (UASC is %s this year) but DUC is %s this year and was %s last year",
				showQuoted(h.UASC), duc.Shown(), lastDUC.Shown())
		}
	}
}

// check205DByFlag is 205D where both years' Headers have the flag: a child
// with UASC 1 this year who is in last year's Header must have had UASC 1
// there too.
func check205DByFlag(c *Context) {
	lasts := lastYearHeaders(c)
	for i, h := range c.This.Header {
		last := lasts[i]
		if h.UASC == "1" && last != nil && last.UASC != "1" {
			c.Failf(h.Ref, nil, "UASC is 1 this year but was %s in last year's return", showQuoted(last.UASC))
		}
	}
}

// identifiedLastYear reports whether last year's return identified the
// child as UASC, by its flag when it carries one and by its UASC rows
// (lastRows, last year's UASC rows by child) otherwise, with last year's
// DUC (blank when none).
func identifiedLastYear(c *Context, lastRows map[string][]*UASCRow, child string) (bool, DateField) {
	rows := lastRows[child]
	_, duc := firstUASC(rows, Ref{})
	if c.Last.UASCFlag {
		h := c.Last.HeaderOf(child)
		return h != nil && h.UASC == "1", duc
	}
	for _, u := range rows {
		if uascLastYear(c, u) {
			return true, u.DUC
		}
	}
	return false, duc
}

// firstUASC returns the ref and DUC of a child's first UASC row, or
// otherwise and a blank DUC.
func firstUASC(rows []*UASCRow, otherwise Ref) (Ref, DateField) {
	if len(rows) == 0 {
		return otherwise, DateField{}
	}
	return rows[0].Ref, rows[0].DUC
}

// rule207: a child recorded as a mother last year, with episodes this
// year, must still be recorded as a mother (<MOTHER> 1).
var rule207 = &Rule{
	Code: "207", Message: "Mother status for the current year disagrees with the mother status already recorded for this child.",
	Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"MOTHER"}, Needs: NeedLast,
	Check: func(c *Context) {
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last == nil || len(c.This.EpisodesOf(h.CHILD)) == 0 {
				continue
			}
			if last.MOTHER == "1" && h.MOTHER != "1" {
				c.Failf(h.Ref, nil, "MOTHER is %s but last year's return recorded 1 (the child is a mother)", showQuoted(h.MOTHER))
			}
		}
	},
}

// rule208: <UPN> must be the same as last year's, except a change from
// UN1 or blank to UN2-UN5, or from an UN code or blank to a known UPN.
var rule208 = &Rule{
	Code: "208", Message: "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"UPN"}, Needs: NeedLast,
	Check: func(c *Context) {
		isUN := func(v string) bool { return oneOf(v, "UN1", "UN2", "UN3", "UN4", "UN5") }
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last == nil {
				continue
			}
			now, before := h.UPN, last.UPN
			if now == before {
				continue
			}
			unknownChange := (before == "UN1" || before == "") && oneOf(now, "UN2", "UN3", "UN4", "UN5")
			nowKnown := (isUN(before) || before == "") && !isUN(now) && now != ""
			if !unknownChange && !nowKnown {
				c.Failf(h.Ref, nil, "UPN is %s but last year's return recorded %s", showQuoted(now), showQuoted(before))
			}
		}
	},
}

// rule348: a young person reported last year with IN_TOUCH DIED must be
// reported as DIED this year.
var rule348 = &Rule{
	Code: "348", Message: "Care leaver has previously been reported as having died.",
	Description: "If last year's <IN_TOUCH> for the young person = 'DIED', this year's <IN_TOUCH> must also be 'DIED'.",
	Tables:      []ssda903.TableName{ssda903.OC3}, Fields: []string{"IN_TOUCH"}, Needs: NeedLast, From: 2026,
	Check: func(c *Context) {
		died := map[string]bool{}
		for _, o := range c.Last.OC3 {
			if o.IN_TOUCH == "DIED" {
				died[o.CHILD] = true
			}
		}
		for _, o := range c.This.OC3 {
			if died[o.CHILD] && o.IN_TOUCH != "DIED" {
				c.Failf(o.Ref, nil, "last year's OC3 gave IN_TOUCH DIED but this year's IN_TOUCH is %s", showQuoted(o.IN_TOUCH))
			}
		}
	},
}

// rule452: if the child's latest episode last year was open (no <DEC>)
// and the first episode this year has the same <RNE>, the two must have
// the same <PL_LA>.
var rule452 = &Rule{
	Code: "452", Message: "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LA"}, Needs: NeedLast | NeedPostcodes,
	Check: func(c *Context) {
		eachContinuedEpisode(c, func(first, last *EpisodeRow) {
			if !last.DEC.Blank() || first.Derived == nil || last.Derived == nil {
				return
			}
			if a, b := last.Derived.PL_LA, first.Derived.PL_LA; a != b {
				c.Failf(first.Ref, []string{"PL_POST"}, "PL_LA is %s (PL_POST %s) but last year's open episode from %s had PL_LA %s (PL_POST %s)",
					orBlank(b), orBlank(first.PL_POST), last.DECOM.Text, orBlank(a), orBlank(last.PL_POST))
			}
		})
	},
}

// rule453: if the child's latest episode last year was open (no valid
// <DEC>) and the first episode this year has the same <RNE>, the two
// placement distances must be within 0.2 miles of each other, and this
// year's must be blank if last year's was.
var rule453 = &Rule{
	Code: "453", Message: "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_DISTANCE"}, Needs: NeedLast | NeedPostcodes,
	Check: func(c *Context) {
		eachContinuedEpisode(c, func(first, last *EpisodeRow) {
			if last.DEC.OK || first.Derived == nil || last.Derived == nil {
				return
			}
			a, b := last.Derived, first.Derived
			var differ bool
			switch {
			case a.HasDistance && b.HasDistance:
				differ = math.Abs(math.Round(a.PL_DISTANCE*10)-math.Round(b.PL_DISTANCE*10)) >= 2
			case !a.HasDistance && b.HasDistance:
				differ = true
			}
			if differ {
				c.Failf(first.Ref, postcodeFields, "the placement distance is %s but last year's open episode from %s had %s",
					showMiles(b), last.DECOM.Text, showMiles(a))
			}
		})
	},
}

// rule502: where last year's return ended with an open episode (no
// <DEC>), the first episode this year must start on the same <DECOM>.
var rule502 = &Rule{
	Code: "502", Message: "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"}, Needs: NeedLast,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.Episodes) {
			return
		}
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			first := eps[0]
			if !first.DECOM.OK {
				return // no valid DECOM: no first episode to compare
			}
			for _, l := range c.Last.EpisodesOf(first.CHILD) {
				if !l.DEC.Blank() {
					continue
				}
				if !l.DECOM.OK || l.DECOM.Day != first.DECOM.Day {
					c.Fail(first.Ref, fmt.Sprintf("first episode this year starts %s but last year's open episode started %s",
						first.DECOM.Text, l.DECOM.Shown()))
					return
				}
			}
		})
	},
}

// rule503A: the first episode's <RNE> must match last year's open final episode.
var rule503A = &Rule{
	Code: "503A", Message: "The reason for new episode in the first episode does not match open episode at end of last year.",
	Description: description503("<RNE>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE"}, Needs: NeedLast,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "RNE", func(e *EpisodeRow) string { return e.RNE }, nil)
	},
}

// rule503B: the first episode's <LS> must match last year's open final episode.
var rule503B = &Rule{
	Code: "503B", Message: "The legal status in the first episode does not match open episode at end of last year.",
	Description: description503("<LS>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS"}, Needs: NeedLast,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "LS", func(e *EpisodeRow) string { return e.LS }, nil)
	},
}

// rule503C: the first episode's <CIN> must match last year's open final episode.
var rule503C = &Rule{
	Code: "503C", Message: "The category of need in the first episode does not match open episode at end of last year.",
	Description: description503("<CIN>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CIN"}, Needs: NeedLast,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "CIN", func(e *EpisodeRow) string { return e.CIN }, nil)
	},
}

// rule503D: the first episode's <PL> must match last year's open final
// episode; in 2025/26 a move from Z1 to Z11–Z14 (which replaced it) passes.
var rule503D = &Rule{
	Code: "503D", Message: "The placement type in the first episode does not match open episode at end of last year",
	Description: "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s " +
		"collection <PL> must be the same as the previous episode. [For 2025/26 only: except if previous year <PL> = ‘Z1’ " +
		"and current year <PL> = ‘Z11’, ‘Z12’, ‘Z13’ or ‘Z14’.]",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE"}, Needs: NeedLast, From: 2026,
	Check: func(c *Context) {
		var except func(now, was string) bool
		if c.Year == 2026 {
			except = func(now, was string) bool { return was == "Z1" && oneOf(now, "Z11", "Z12", "Z13", "Z14") }
		}
		failCarriedOverDifference(c, "PLACE", func(e *EpisodeRow) string { return e.PLACE }, except)
	},
}

// rule503E: the first episode's <PLACE_PROVIDER> must match last year's open final episode.
var rule503E = &Rule{
	Code: "503E", Message: "The placement provider in the first episode does not match open episode at end of last year.",
	Description: description503("<PLACE_PROVIDER>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE_PROVIDER"}, Needs: NeedLast,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "PLACE_PROVIDER", func(e *EpisodeRow) string { return e.PLACE_PROVIDER }, nil)
	},
}

// rule503F: the first episode's <URN> must match last year's open final episode.
var rule503F = &Rule{
	Code: "503F", Message: "The Ofsted URN in the  first episode does not match open episode at end of last year.",
	Description: description503("<URN>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN"}, Needs: NeedLast,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "URN", func(e *EpisodeRow) string { return e.URN }, nil)
	},
}

// rule503G: the first episode's <PL_DISTANCE> must be within 0.2 miles of
// last year's open final episode's; a distance this year where last year
// had none also fails.
var rule503G = &Rule{
	Code: "503G", Message: "The distance in first episode does not match open episode at end of last year.",
	Description: "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s " +
		"collection <PL_DISTANCE> must be within 0.2 miles of the previous episode's.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_DISTANCE", "HOME_POST", "PL_POST"}, Needs: NeedLast | NeedPostcodes,
	Check: func(c *Context) {
		eachCarriedOverEpisode(c, func(first, last *EpisodeRow) {
			now, was := first.Derived, last.Derived
			if now == nil || was == nil || !now.HasDistance {
				return
			}
			if !was.HasDistance {
				c.Fail(first.Ref, fmt.Sprintf("first episode this year (from %s) is %.1f miles from home but last year's open episode (from %s) has no distance",
					first.DECOM.Text, now.PL_DISTANCE, last.DECOM.Text))
				return
			}
			// The distances have one decimal place: compare them in tenths.
			if math.Abs(math.Round(now.PL_DISTANCE*10)-math.Round(was.PL_DISTANCE*10)) >= 2 {
				c.Fail(first.Ref, fmt.Sprintf("first episode this year (from %s) is %.1f miles from home but last year's open episode (from %s) was %.1f miles",
					first.DECOM.Text, now.PL_DISTANCE, last.DECOM.Text, was.PL_DISTANCE))
			}
		})
	},
}

// rule503H: the first episode's <PL_LA> must match last year's open final episode.
var rule503H = &Rule{
	Code: "503H", Message: "The placement LA in first episode does not match open episode at end of last year.",
	Description: description503("<PL_LA>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LA", "PL_POST"}, Needs: NeedLast | NeedPostcodes,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "PL_LA", func(e *EpisodeRow) string {
			if e.Derived == nil {
				return ""
			}
			return e.Derived.PL_LA
		}, nil)
	},
}

// rule503J: the first episode's <PL_LOCATION> must match last year's open final episode.
var rule503J = &Rule{
	Code: "503J", Message: "The placement location in first episode does not match open episode at end of last year.",
	Description: description503("<PL_LOCATION>"),
	Tables:      []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LOCATION", "PL_POST"}, Needs: NeedLast | NeedPostcodes,
	Check: func(c *Context) {
		failCarriedOverDifference(c, "PL_LOCATION", func(e *EpisodeRow) string {
			if e.Derived == nil {
				return ""
			}
			return e.Derived.PL_LOCATION
		}, nil)
	},
}

// rule559: where <DATE_PLACED> is before the collection year, last year's
// return must have the child's <DATE_PLACED>.
var rule559 = &Rule{
	Code: "559", Message: "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
	Description: "If <DATE_PLACED> < <COLLECTION_START_DATE> then <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> cannot be Null.",
	Tables:      []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED"}, Needs: NeedLast,
	Check: func(c *Context) {
		last := lastPlacedForAdoption(c)
		if last == nil {
			return
		}
		start := c.Year.Start()
		for _, p := range c.This.PlacedAdoption {
			if !p.DATE_PLACED.OK || p.DATE_PLACED.Day >= start {
				continue
			}
			rows := last[p.CHILD]
			if len(rows) == 0 {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is before %s but last year's return has no PlacedAdoption row for the child", p.DATE_PLACED.Text, start))
				continue
			}
			for _, l := range rows {
				if !l.DATE_PLACED.OK {
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is before %s but last year's DATE_PLACED is %s", p.DATE_PLACED.Text, start, l.DATE_PLACED.Shown()))
					break
				}
			}
		}
	},
}

// rule560: where last year's <DATE_PLACED> is given and its
// <DATE_PLACED_CEASED> blank, this year's <DATE_PLACED> must be the same.
var rule560 = &Rule{
	Code: "560", Message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
	Description: "If <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> has been provided and <DATE_PLACED_CEASED> is Null then " +
		"<CURRENT_COLLECTION_YEAR> <DATE_PLACED> should = <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED>.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"}, Needs: NeedLast,
	Check: func(c *Context) {
		last := lastPlacedForAdoption(c)
		for _, p := range c.This.PlacedAdoption {
			for _, l := range last[p.CHILD] {
				if !l.DATE_PLACED.Blank() && l.DATE_PLACED_CEASED.Blank() && !sameDate(p.DATE_PLACED, l.DATE_PLACED) {
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s but last year it was %s and had not ceased", p.DATE_PLACED.Shown(), l.DATE_PLACED.Shown()))
					break
				}
			}
		}
	},
}

// rule561: where this year's <DATE_PLACED> equals last year's, last year's
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must be blank.
var rule561 = &Rule{
	Code: "561", Message: "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
	Description: "If <CURRENT_COLLECTION_YEAR> <DATE_PLACED> is = <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> then " +
		"<CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> should be Null.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED"}, Needs: NeedLast,
	Check: func(c *Context) {
		last := lastPlacedForAdoption(c)
		for _, p := range c.This.PlacedAdoption {
			for _, l := range last[p.CHILD] {
				if sameDate(p.DATE_PLACED, l.DATE_PLACED) && (!l.DATE_PLACED_CEASED.Blank() || l.REASON_PLACED_CEASED != "") {
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s as last year, but last year's decision ceased (DATE_PLACED_CEASED %s, REASON_PLACED_CEASED %s)",
						p.DATE_PLACED.Text, l.DATE_PLACED_CEASED.Shown(), showQuoted(l.REASON_PLACED_CEASED)))
					break
				}
			}
		}
	},
}

// rule562: the child's earliest episode that started before the
// collection year must be last year's final episode (the same <DECOM>).
var rule562 = &Rule{
	Code: "562", Message: "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
	Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"}, Needs: NeedLast,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.Episodes) {
			return
		}
		start := c.Year.Start()
		eachChild(c.This, func(_ string, eps []*EpisodeRow) {
			first := eps[0]
			if !first.DECOM.OK || first.DECOM.Day >= start {
				return
			}
			last := finalEpisode(c.Last.EpisodesOf(first.CHILD))
			switch {
			case last == nil:
				c.Fail(first.Ref, fmt.Sprintf("episode started %s, before this year, but last year's return has no episode for the child", first.DECOM.Text))
			case last.DECOM.Day != first.DECOM.Day:
				c.Fail(first.Ref, fmt.Sprintf("episode started %s, before this year, but last year's final episode started %s", first.DECOM.Text, last.DECOM.Text))
			}
		})
	},
}

// rule576: where last year's return has an open missing period (no
// <MIS_END>), the child's earliest missing period this year must start on
// the same day.
var rule576 = &Rule{
	Code: "576", Message: "There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.",
	Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"CHILD", "MIS_START"}, Needs: NeedLast,
	Check: func(c *Context) {
		if !c.Last.Has(ssda903.Missing) {
			return
		}
		open := map[string][]*MissingRow{}
		for _, l := range c.Last.Missing {
			if l.MIS_END.Blank() && l.MIS_START.OK {
				open[l.CHILD] = append(open[l.CHILD], l)
			}
		}
		_, groups := sharedChildGroups(c, "this Missing", c.This.Missing, func(m *MissingRow) string { return m.CHILD })
		for _, rows := range groups {
			first := rows[0]
			for _, m := range rows[1:] {
				if dateCmp(m.MIS_START, first.MIS_START) < 0 {
					first = m
				}
			}
			for _, l := range open[first.CHILD] {
				if !first.MIS_START.OK || first.MIS_START.Day != l.MIS_START.Day {
					c.Fail(first.Ref, fmt.Sprintf("last year's return has an open period from %s but the earliest period this year starts %s",
						l.MIS_START.Text, first.MIS_START.Shown()))
					break
				}
			}
		}
	},
}

// rule584: where last year's <DATE_PLACED> is given and its decision ceased
// (<DATE_PLACED_CEASED> or <REASON_PLACED_CEASED> given), this year's
// <DATE_PLACED> must be after last year's.
var rule584 = &Rule{
	Code: "584", Message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
	Description: "If <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> has been provided and <DATE_PLACED_CEASED> and or " +
		"<REASON_PLACED_CEASED> is not NULL then <CURRENT_COLLECTION_YEAR> <DATE_PLACED> must be > <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED>.",
	Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED"}, Needs: NeedLast,
	Check: func(c *Context) {
		last := lastPlacedForAdoption(c)
		for _, p := range c.This.PlacedAdoption {
			for _, l := range last[p.CHILD] {
				if l.DATE_PLACED.Blank() || (l.DATE_PLACED_CEASED.Blank() && l.REASON_PLACED_CEASED == "") {
					continue
				}
				if !p.DATE_PLACED.OK || (l.DATE_PLACED.OK && p.DATE_PLACED.Day <= l.DATE_PLACED.Day) {
					c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is not after last year's %s, whose decision ceased (DATE_PLACED_CEASED %s, REASON_PLACED_CEASED %s)",
						p.DATE_PLACED.Shown(), l.DATE_PLACED.Shown(), l.DATE_PLACED_CEASED.Shown(), showQuoted(l.REASON_PLACED_CEASED)))
					break
				}
			}
		}
	},
}

// rule624: <MC_DOB>, when given, must be as recorded last year, where
// last year's return gave one. A blank MC_DOB contradicts nothing: a care
// leaver no longer looked after must leave the motherhood items blank (628,
// 612), so the peer's flagging of a blank here cannot be satisfied.
var rule624 = &Rule{
	Code: "624", Message: "Date of birth of the first child contradicts the date of birth of the first child previously " +
		"recorded.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"MC_DOB"}, Needs: NeedLast,
	Check: func(c *Context) {
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			last := lasts[i]
			if last != nil && !last.MC_DOB.Blank() && !h.MC_DOB.Blank() && h.MC_DOB.Text != last.MC_DOB.Text {
				c.Failf(h.Ref, nil, "MC_DOB is %s but last year's return recorded %q", showQuoted(h.MC_DOB.Text), last.MC_DOB.Text)
			}
		}
	},
}

// rule626: a child recorded as not a mother last year (<MOTHER> 0) and as
// a mother this year must have had the first child this year: <MC_DOB> not
// before the collection year's start.
var rule626 = &Rule{
	Code: "626", Message: "Child was reported as a mother but the date of birth of the first child is before the current " +
		"year which contradicts with the mother status recorded last year.",
	Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"MOTHER", "MC_DOB"}, Needs: NeedLast,
	Check: func(c *Context) {
		start := c.Year.Start()
		lasts := lastYearHeaders(c)
		for i, h := range c.This.Header {
			if !h.MC_DOB.OK || h.MOTHER != "1" || h.MC_DOB.Day >= start {
				continue
			}
			if last := lasts[i]; last != nil && last.MOTHER == "0" {
				c.Failf(h.Ref, nil, "MOTHER is 1 and MC_DOB %s is before %s, but last year's return recorded MOTHER 0",
					h.MC_DOB.Text, start)
			}
		}
	},
}

// rule706: each of last year's DoLOs with no <DOLO_END> must be in this
// year's return too: a DoLO of the same child with the same <DOLO_START>.
// The failing row is last year's.
var rule706 = &Rule{
	Code: "706",
	Message: "There is an open DoLO in last year’s return and there is no corresponding DoLO recorded at the " +
		"start of this year..",
	Description: "If previous collection year last DoLO has <DOLO_START> and <DOLO_END> is null, then a DoLO " +
		"must be present in this year's collection and the first DoLO <DOLO_START> must be the same as that " +
		"episode's <DOLO_START>.",
	Tables: []ssda903.TableName{ssda903.DoLo}, Fields: []string{"DOLO_START", "DOLO_END"},
	Needs: NeedLast, From: 2027,
	Check: func(c *Context) {
		// A valid start matches by day ("1/6/2025" is 01/06/2025), any other by its text.
		type key struct {
			child, text string
			day         calendar.Date
			ok          bool
		}
		startKey := func(child string, d DateField) key {
			if d.OK {
				return key{child: child, day: d.Day, ok: true}
			}
			return key{child: child, text: d.Text}
		}
		this := make(map[key]bool, len(c.This.DoLo))
		for _, r := range c.This.DoLo {
			this[startKey(r.CHILD, r.DOLO_START)] = true
		}
		for _, r := range c.Last.DoLo {
			if !r.DOLO_END.Blank() {
				continue
			}
			if !this[startKey(r.CHILD, r.DOLO_START)] {
				c.Fail(r.Ref, fmt.Sprintf("last year's DoLO starting %s has no end date, and this year's return has no DoLO "+
					"for the child starting that day", showText(r.DOLO_START.Text)))
			}
		}
	},
}

// rule1001: a child with care leaver information must be a relevant or
// former relevant child: looked after, other than under V3 or V4, for at
// least 91 days since their 14th birthday including at least a day since
// their 16th, in this year's and last year's episodes, and not adopted
// (the latest episode did not end with E11 or E12). Children 20 or over at
// the end of the year, or without a valid date of birth, are checked for
// adoption only, as their earlier episodes are not in the data.
var rule1001 = &Rule{
	Code: "1001", Message: "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed.",
	Caveat: caveatEarlierEpisodes,
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.OC3, ssda903.Header}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"},
	Needs: NeedLast,
	Check: func(c *Context) {
		if len(c.This.Episodes) == 0 || len(c.This.OC3) == 0 || len(c.This.Header) == 0 || len(c.Last.Episodes) == 0 {
			return
		}
		end := c.Year.End()
		both := func(child string) []*EpisodeRow { return c.EpisodeHistory(child) }
		type verdict struct {
			checked            bool
			since14, since16   int
			adopted            string // the REC, when E11 or E12
			latestDECOM, birth string
		}
		// As the peer, pass every row when no episode counts at all: none of a
		// child with a valid date of birth, under 20, other than V3 or V4.
		counts := func(child string) bool {
			h := c.This.HeaderOf(child)
			if h == nil || !h.DOB.OK || h.DOB.Day.AddYears(20) <= end {
				return false
			}
			for _, e := range both(child) {
				if !ShortBreak(e.LS) {
					return true
				}
			}
			return false
		}
		anyCounted := false
	scan:
		for _, t := range append([]*Tables{c.This}, c.Earlier...) {
			for child := range t.ByChild() {
				if counts(child) {
					anyCounted = true
					break scan
				}
			}
		}
		if !anyCounted {
			return
		}
		verdicts := map[string]*verdict{}
		for _, o := range c.This.OC3 {
			if verdicts[o.CHILD] != nil {
				continue
			}
			v := &verdict{}
			verdicts[o.CHILD] = v
			eps := both(o.CHILD)
			latest := finalEpisode(eps)
			if latest != nil && (latest.REC == "E11" || latest.REC == "E12") {
				v.adopted, v.latestDECOM = latest.REC, latest.DECOM.Text
			}
			h := c.This.HeaderOf(o.CHILD)
			if h == nil || !h.DOB.OK || h.DOB.Day.AddYears(20) <= end {
				continue
			}
			v.checked, v.birth = true, h.DOB.Text
			at14, at16 := h.DOB.Day.AddYears(14), h.DOB.Day.AddYears(16)
			for _, e := range eps {
				if ShortBreak(e.LS) {
					continue
				}
				dec, ok := e.DEC.Day, e.DEC.OK
				if !ok && e == latest {
					dec, ok = end, true
				}
				if !ok {
					continue
				}
				v.since14 += daysLookedAfterFrom(e.DECOM, at14, dec)
				v.since16 += daysLookedAfterFrom(e.DECOM, at16, dec)
			}
		}
		for _, o := range c.This.OC3 {
			v := verdicts[o.CHILD]
			switch {
			case v.adopted != "":
				c.Failf(o.Ref, nil, "the child's latest episode (DECOM %s) ended with REC %s (adopted)", v.latestDECOM, v.adopted)
			case v.checked && (v.since14 < 91 || v.since16 < 1):
				c.Failf(o.Ref, nil, "the child (DOB %s) was looked after for %d days since their 14th birthday and %d since their 16th, in this year's and last year's episodes; a relevant child has at least 91 and 1",
					v.birth, v.since14, v.since16)
			}
		}
	},
}

// daysLookedAfterFrom counts the days from the later of decom and from to dec,
// or 0; an invalid decom counts from from.
func daysLookedAfterFrom(decom DateField, from, dec calendar.Date) int {
	start := from
	if decom.OK && decom.Day > from {
		start = decom.Day
	}
	if dec <= start {
		return 0
	}
	return int(dec - start)
}

// rule1002: a child with care leaver information must have an episode
// this year or in an earlier year given.
var rule1002 = &Rule{
	Code: "1002", Message: "This child has no previous episodes of care, therefore should not have care leaver information recorded.",
	Caveat: caveatEarlierEpisodes,
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, Needs: NeedLast,
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if len(c.EpisodeHistory(o.CHILD)) == 0 {
				c.Failf(o.Ref, nil, "the child has care leaver information but no episode this year or in the %s given before it", plural(len(c.Earlier), "year"))
			}
		}
	},
}

// rule1010: a child with care leaver information whose latest episode
// last year was open (no <DEC>) must have episodes this year.
var rule1010 = &Rule{
	Code: "1010", Message: "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.OC3}, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, Needs: NeedLast,
	Check: func(c *Context) {
		for _, o := range c.This.OC3 {
			if c.This.EpisodesOf(o.CHILD) != nil {
				continue
			}
			eps := c.Last.EpisodesOf(o.CHILD)
			var latest *EpisodeRow
			for _, e := range eps {
				if e.DECOM.OK {
					latest = e // the last of the latest DECOM, as eps is in DECOM order
				}
			}
			if latest != nil && latest.DEC.Blank() {
				c.Failf(o.Ref, nil, "the child has care leaver information and no episode this year, but last year's latest episode (DECOM %s) was still open",
					latest.DECOM.Text)
			}
		}
	},
}

// uascLastYear reports whether last year's return identified the child of
// its UASC row ul as UASC: the child is in last year's Header (and so, in the
// CSV form, UASC by having the row), or, when last year's return has no
// Header table, the row gives SEX or DUC (as the peer validator decides it).
func uascLastYear(c *Context, ul *UASCRow) bool {
	if c.Last.Has(ssda903.Header) {
		return c.Last.HeaderOf(ul.CHILD) != nil
	}
	return ul.SEX != "" || ul.DUC.Text != ""
}

// firstEpisode returns the child's first episode: the earliest valid DECOM,
// the first in file order among equal ones, or nil when none is valid.
func firstEpisode(eps []*EpisodeRow) *EpisodeRow {
	if len(eps) > 0 && eps[0].DECOM.OK {
		return eps[0] // eps is in DECOM order, invalid dates last
	}
	return nil
}

// eachContinuedEpisode calls fn for each child whose latest episode last year
// has the same <RNE> as the first episode this year, with both episodes.
func eachContinuedEpisode(c *Context, fn func(first, last *EpisodeRow)) {
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		first := firstEpisode(eps)
		if first == nil {
			return
		}
		last := finalEpisode(c.Last.EpisodesOf(child))
		if last == nil || last.RNE != first.RNE {
			return
		}
		fn(first, last)
	})
}

// description503 is the DfE's description of 503A–J for a field.
func description503(field string) string {
	return "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s collection " +
		field + " must be the same as the previous episode."
}

// eachCarriedOverEpisode calls fn for each child whose final episode in last
// year's return (latest <DECOM>) has no valid <DEC>, with the child's first
// episode this year (earliest <DECOM>) and that final episode. This is the
// pairing the 503 family compares.
func eachCarriedOverEpisode(c *Context, fn func(first, last *EpisodeRow)) {
	for _, p := range carriedOverPairs(c.Input) {
		fn(p[0], p[1])
	}
}

func carriedOverPairs(in *Input) [][2]*EpisodeRow {
	return in.Memo("503 pairs", func() any {
		var pairs [][2]*EpisodeRow
		if !in.Last.Has(ssda903.Episodes) {
			return pairs
		}
		eachChild(in.This, func(_ string, eps []*EpisodeRow) {
			first := eps[0]
			if !first.DECOM.OK {
				return
			}
			if last := finalEpisode(in.Last.EpisodesOf(first.CHILD)); last != nil && !last.DEC.OK {
				pairs = append(pairs, [2]*EpisodeRow{first, last})
			}
		})
		return pairs
	}).([][2]*EpisodeRow)
}

// failCarriedOverDifference is 503A–F: the first episode's field must equal
// that of last year's open final episode. except, when given, lets a
// change through.
func failCarriedOverDifference(c *Context, field string, get func(*EpisodeRow) string, except func(this, last string) bool) {
	eachCarriedOverEpisode(c, func(first, last *EpisodeRow) {
		now, was := get(first), get(last)
		if now == was || (except != nil && except(now, was)) {
			return
		}
		c.Fail(first.Ref, fmt.Sprintf("first episode this year (from %s) has %s %s but last year's open episode (from %s) had %s %s",
			first.DECOM.Text, field, showQuoted(now), last.DECOM.Text, field, showQuoted(was)))
	})
}

// lastPlacedForAdoption groups last year's PlacedAdoption rows by child, or
// returns nil when last year's return has no PlacedAdoption table.
func lastPlacedForAdoption(c *Context) map[string][]*PlacedAdoptionRow {
	if !c.Last.Has(ssda903.PlacedAdoption) {
		return nil
	}
	return sharedGroups(c, "last PlacedAdoption", c.Last.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
}
