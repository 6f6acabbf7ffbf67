package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 202 to 234: the header and episodes against last year's return,
// the placement details an episode needs or must not have, and the Ofsted
// unique reference number (URN) rules.
//
// UASC status: in the CSV form of the return a child is identified as UASC
// by having a row in the UASC table, and Village's tables keep that form
// (the XML reader adds a UASC row for a HEADER with UASC 1 or a DUC). The
// rules that speak of <UASC> (205A to 205D, 231) read it so, as the peer
// validator does for CSV uploads, where it sets Header's UASC to 1 for the
// children with a UASC row.

func init() {
	header := []ssda903.TableName{ssda903.Header}
	episodes := []ssda903.TableName{ssda903.Episodes}
	headerUASC := []ssda903.TableName{ssda903.Header, ssda903.UASC}
	headerEpisodes := []ssda903.TableName{ssda903.Header, ssda903.Episodes}
	register(
		&Rule{
			Code: "202", Message: "The gender code conflicts with the gender already recorded for this child.",
			Tables: header, Fields: []string{"SEX"}, Needs: NeedLast, Check: check202,
		},
		&Rule{
			Code: "203", Message: "Date of birth disagrees with the date of birth already recorded for this child.",
			Tables: header, Fields: []string{"DOB"}, Needs: NeedLast, Check: check203,
		},
		&Rule{
			Code: "204", Message: "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
			Tables: header, Fields: []string{"ETHNIC"}, Needs: NeedLast, Check: check204,
		},
		&Rule{
			Code: "205A", Message: "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both " +
				"years does not support this.",
			Tables: headerUASC, Fields: []string{"CHILD", "DUC"}, Needs: NeedLast, LastTables: noLastTables, Check: check205A,
		},
		&Rule{
			Code: "205B", Message: "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
			Tables: headerUASC, Fields: []string{"DUC"}, Needs: NeedLast, Check: check205B,
		},
		&Rule{
			Code: "205C", Message: "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
			Tables: headerUASC, Fields: []string{"DUC"}, Needs: NeedLast, Check: check205C,
		},
		&Rule{
			Code: "205D", Message: "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
			Tables: headerUASC, Fields: []string{"CHILD"}, Needs: NeedLast, LastTables: noLastTables, Check: check205D,
		},
		&Rule{
			Code: "207", Message: "Mother status for the current year disagrees with the mother status already recorded for this child.",
			Tables: headerEpisodes, Fields: []string{"MOTHER"}, Needs: NeedLast, Check: check207,
		},
		&Rule{
			Code: "208", Message: "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
			Tables: header, Fields: []string{"UPN"}, Needs: NeedLast, Check: check208,
		},
		&Rule{
			Code: "209", Message: "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
			Description: "If <DOB> >= 4 years prior to 31/08/YYYY then <UPN> should not be 'UN1'. Note: YYYY in this " +
				"instance refers to the year prior to the collection start (for collection year 2019-2020, it would be " +
				"looking at the 31/08/2018).",
			Tables: header, Fields: []string{"UPN", "DOB"}, Check: check209,
		},
		&Rule{
			Code: "210", Message: "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
			Description: "If <UPN> = 'UN4' then no episode <DECOM> must be >= 24/03/YYYY. Note: YYYY refers to the " +
				"current collection year.",
			Tables: headerEpisodes, Fields: []string{"UPN", "DECOM"}, Check: check210,
		},
		&Rule{
			Code: "213", Message: "Placement provider information not required.",
			Tables: episodes, Fields: []string{"PLACE_PROVIDER"}, From: 2026, Check: check213,
		},
		&Rule{
			Code: "214", Message: "Placement location information not required.",
			Tables: episodes, Fields: []string{"PL_POST", "URN"}, Check: check214,
		},
		&Rule{
			Code: "215", Message: "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.",
			Description: "If any of <IN_TOUCH>, <ACTIV> or <ACCOM> have been provided then <CONVICTED>; <HEALTH_CHECK>; " +
				"<IMMUNISATIONS>; <TEETH_CHECK>; <HEALTH_ASSESSMENT>; <SUBSTANCE_MISUSE>; <INTERVENTION_RECEIVED>; " +
				"<INTERVENTION_OFFERED> should not be provided.",
			Tables: []ssda903.TableName{ssda903.OC2, ssda903.OC3},
			Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
				"HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"},
			Check: check215,
		},
		&Rule{
			Code: "217", Message: "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
			Tables: episodes, Fields: []string{"PLACE", "DECOM", "RNE"}, Check: check217,
		},
		&Rule{
			Code: "218", Message: "Ofsted Unique reference number (URN) is required.",
			Description: "Where <PL> not in 'P1'; 'P3'; 'R1'; 'R2'; 'R5'; 'T0'; 'T1'; 'T2'; 'T3'; 'T4'; 'Z11'; 'Z12'; " +
				"'Z13'; 'Z14' and <PL_LA> not in 'CON'; 'NIR'; 'SCO'; 'WAL'; 'NUK' and <DEC> > 31/03/2015 or Null then " +
				"<URN> should be provided.",
			Tables: episodes, Fields: []string{"URN"}, Needs: NeedPostcodes, From: 2026, Check: check218,
		},
		&Rule{
			Code: "219", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
			Description: "If <URN> provided and <URN> not = 'XXXXXXX' then <PL> must = any URN Lookup <PLACEMENT CODE> " +
				"of matching URN Lookup <URN>.",
			Tables: episodes, Fields: []string{"URN", "PLACE"}, Needs: NeedProviders, Check: check219,
		},
		&Rule{
			Code: "221", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
			Description: "If <URN> provided and <URN> not = 'XXXXXXX', and <LS> not = 'V3', 'V4' and where <PL> = 'K1', " +
				"'K2', 'K3', 'R3' or 'S1' and <PL_POST> provided, <PL_POST> should = URN Lookup <Provider Postcode>.",
			Tables: episodes, Fields: []string{"PL_POST"}, Needs: NeedProviders, From: 2025, Check: check221,
		},
		&Rule{
			Code: "222", Message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
			Description: "If <URN> provided and <URN> not = 'XXXXXXX', and where <PL> = 'P1'; 'P3'; 'R1'; 'R2'; 'R5'; " +
				"'T0'; 'T1'; 'T2'; 'T3'; 'T4'; 'Z11'; 'Z12'; 'Z13'; 'Z14' then <URN> should not be provided.",
			Tables: episodes, Fields: []string{"URN"}, From: 2026, Check: check222,
		},
		&Rule{
			Code: "224", Message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
			Description: "If <URN> provided and <URN> not = 'XXXXXXX', then <PLACE_PROVIDER> must = URN Lookup <PLACE_PROVIDER>.",
			Tables:      episodes, Fields: []string{"PLACE_PROVIDER"}, Needs: NeedProviders, Check: check224,
		},
		&Rule{
			Code: "225", Message: "Reason for placement change must be recorded.",
			Tables: episodes, Fields: []string{"REASON_PLACE_CHANGE"}, Check: check225,
		},
		&Rule{
			Code: "226", Message: "Reason for placement change is not required for temporary placements.",
			Description: "If <PL> = 'T0'; 'T1'; 'T2'; 'T3' or 'T4' then <REASON_PLACE_CHANGE> should be null in current " +
				"episode and current episode - 1.",
			Tables: episodes, Fields: []string{"REASON_PLACE_CHANGE", "PLACE"}, From: 2026, Check: check226,
		},
		&Rule{
			Code: "227", Message: "Ofsted Unique reference number (URN) is not valid for the episode start date.",
			Description: "If <URN> provided and <URN> not = 'XXXXXXX', then if <URN> and <REG_END> are provided then " +
				"<DECOM> must be before <REG_END>.",
			Tables: episodes, Fields: []string{"URN", "DECOM"}, Needs: NeedProviders, Check: check227,
		},
		&Rule{
			Code: "228", Message: "Ofsted Unique reference number (URN) is not valid for the episode end date",
			Caveat: "Open episodes at providers that close during the year may be reported although the placement ended in time.",
			Description: "If <URN> provided and not = 'XXXXXXX', and Ofsted URN <REG_END> not NULL then <DEC> if " +
				"provided must be <= Ofsted <REG_END> OR if not provided then <COLLECTION_END_DATE> must be <= <REG_END>. " +
				"Note: For open episodes (those without an end date) a check should be made to ensure that the Ofsted " +
				"URN was still open at the 31 March of the current year.",
			Tables: episodes, Fields: []string{"URN", "DEC"}, Needs: NeedProviders, Check: check228,
		},
		&Rule{
			Code: "229", Message: "Placement provider does not match between the placing authority and the local authority code of " +
				"the provider.",
			Caveat: "The provider's local authority is worked out from its postcode, which can differ from the authority Ofsted names.",
			Description: "If Ofsted URN is provided and not 'XXXXXXX' then: If <PLACE_PROVIDER> = 'PR1' then <LA> must " +
				"equal Ofsted URN lookup <LA code>. If <PLACE_PROVIDER> = 'PR2' then Ofsted URN lookup <LA code> must " +
				"not equal <LA>.",
			Tables: episodes, Fields: []string{"URN", "PLACE_PROVIDER"}, Needs: NeedProviders | NeedLA, Check: check229,
		},
		&Rule{
			Code: "231", Message: "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
			Description: "If <UASC_STATUS> = 1 then <DOB> should be > 11 years prior to <COLLECTION_END_DATE>.",
			Tables:      headerUASC, Fields: []string{"DOB"}, From: 2025, Check: check231,
		},
		&Rule{
			Code: "232", Message: "Sex of the child/young person has been reported as unknown.",
			Tables: header, Fields: []string{"SEX"}, From: 2025, Check: check232,
		},
		&Rule{
			Code: "233", Message: "Reason for placement change is not required when the episode has not ceased.",
			Description: "If <DEC> is null then <REASON_PLACE_CHANGE> should be null.",
			Tables:      episodes, Fields: []string{"REASON_PLACE_CHANGE", "DEC"}, From: 2026, Check: check233,
		},
		&Rule{
			Code: "234", Message: "A child aged under 10 can not change placement due to being admitted to custody",
			Description: "If <DECOM> < <DOB> + 10 years then previous episode <REASON_PLACE_CHANGE> can not be 'CUSTOD'.",
			Tables:      headerEpisodes, Fields: []string{"REASON_PLACE_CHANGE", "DOB"}, From: 2026, Check: check234,
		},
	)
}

// fam200NoURNPlace reports whether a placement type takes no Ofsted URN
// (rules 218 and 222): P1, P3, R1, R2, R5, T0-T4 and Z11-Z14.
func fam200NoURNPlace(place string) bool {
	switch place {
	case "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14":
		return true
	}
	return false
}

// fam200NoProviderPlace reports whether a placement type takes no
// placement provider (rule 213): T0-T4 and Z11-Z14.
func fam200NoProviderPlace(place string) bool {
	return Temporary(place) || place == "Z11" || place == "Z12" || place == "Z13" || place == "Z14"
}

// fam200SamePostcode reports whether a submitted postcode, its spaces
// left out, is the provider's (upper case, no spaces).
func fam200SamePostcode(submitted, provider string) bool {
	j := 0
	for i := 0; i < len(submitted); i++ {
		if submitted[i] == ' ' {
			continue
		}
		if j >= len(provider) || submitted[i] != provider[j] {
			return false
		}
		j++
	}
	return j == len(provider)
}

// fam200SameCode reports whether two codes of a field are the same, or
// mean the same in its code list (as SEX 1 and M do across 2024/25).
func fam200SameCode(field, a, b string) bool {
	if a == b {
		return true
	}
	ma, okA := ssda903.CodeMeaning(field, a)
	mb, okB := ssda903.CodeMeaning(field, b)
	return okA && okB && ma == mb
}

// fam200LastUASC reports whether last year's return identified the child of
// its UASC row ul as UASC: the child is in last year's Header (and so, in the
// CSV form, UASC by having the row), or, when last year's return has no
// Header table, the row gives SEX or DUC (as the peer validator decides it).
func fam200LastUASC(c *Context, ul *UASCRow) bool {
	if c.Last.Has(ssda903.Header) {
		return c.Last.HeaderOf(ul.CHILD) != nil
	}
	return ul.SEX != "" || ul.DUC.Text != ""
}

// check202: <SEX> must be the same as last year's for a child in both
// returns. Two codes with the same meaning agree, so that a child recorded
// 1 (male) before 2024/25 and M since is not flagged.
func check202(c *Context) {
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
		if last != nil && !fam200SameCode("SEX", h.SEX, last.SEX) {
			c.Failf(h.Ref, nil, "SEX is %s but last year's return recorded %s", showQuoted(h.SEX), showQuoted(last.SEX))
		}
	}
}

// check203: <DOB> must be the same date as last year's for a child in both
// returns (two dates that are both blank or invalid count as the same).
func check203(c *Context) {
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
		if last == nil {
			continue
		}
		same := h.DOB.OK == last.DOB.OK && (!h.DOB.OK || h.DOB.Day == last.DOB.Day)
		if !same {
			c.Failf(h.Ref, nil, "DOB is %s but last year's return recorded %s", showDate(h.DOB), showDate(last.DOB))
		}
	}
}

// check204: <ETHNIC> must be the same as last year's for a child in both
// returns.
func check204(c *Context) {
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
		if last != nil && h.ETHNIC != last.ETHNIC {
			c.Failf(h.Ref, nil, "ETHNIC is %s but last year's return recorded %s", showQuoted(h.ETHNIC), showQuoted(last.ETHNIC))
		}
	}
}

// check205A: a child identified as UASC last year but not this year must
// have no DUC this year, and last year's DUC must fall in last year. As the
// peer does, it looks at this year's UASC rows, so (with UASC status read
// from the UASC table) it flags the UASC rows of children who have no
// Header row this year.
func check205A(c *Context) {
	if !c.Last.Has(ssda903.UASC) {
		return
	}
	lastRows := GroupByChild(c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
	lastYear := c.Year - 1
	lastStart, lastEnd := lastYear.Start(), lastYear.End()
	for _, u := range c.This.UASC {
		if c.This.HeaderOf(u.CHILD) != nil {
			continue // identified as UASC this year
		}
		for _, ul := range lastRows[u.CHILD] {
			if !fam200LastUASC(c, ul) {
				continue
			}
			const was = "last year's return identified the child as UASC and this year's does not (the child has no Header row)"
			if u.DUC.Text != "" {
				c.Failf(u.Ref, nil, "%s, yet DUC %s is given this year", was, showDate(u.DUC))
				break
			}
			if !Between(ul.DUC, lastStart, lastEnd) {
				c.Failf(u.Ref, nil, "%s, but last year's DUC (%s) is not within %s", was, showDate(ul.DUC), lastYear)
				break
			}
		}
	}
}

// check205B: a child identified as UASC in both years must have had last
// year's DUC on their 18th birthday (by last year's DOB), and this year's
// DUC must be within this year or the same as last year's.
func check205B(c *Context) {
	if !c.Last.Has(ssda903.UASC) {
		return
	}
	lastRows := GroupByChild(c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
	start, end := c.Year.Start(), c.Year.End()
	flagged := map[*HeaderRow]bool{}
	for _, u := range c.This.UASC {
		h := c.This.HeaderOf(u.CHILD)
		if h == nil {
			continue // not identified as UASC this year
		}
		for _, ul := range lastRows[u.CHILD] {
			if !fam200LastUASC(c, ul) {
				continue
			}
			var why []string
			if !ul.DUC.OK || !ul.DOB.OK || ul.DUC.Day != ul.DOB.Day.AddYears(18) {
				why = append(why, fmt.Sprintf("last year's DUC (%s) is not the 18th birthday of a child born %s",
					showDate(ul.DUC), showDate(ul.DOB)))
			}
			sameAsLast := u.DUC.OK && ul.DUC.OK && u.DUC.Day == ul.DUC.Day
			if !Between(u.DUC, start, end) && !sameAsLast {
				why = append(why, fmt.Sprintf("DUC (%s) is neither within %s nor last year's DUC (%s)",
					showDate(u.DUC), c.Year, showDate(ul.DUC)))
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
}

// check205C: a child identified as UASC in neither year must have no DUC
// in either year. As the peer does, it looks at this year's UASC rows, so
// it flags the UASC rows of children with no Header row this year who were
// not identified as UASC last year.
func check205C(c *Context) {
	if !c.Last.Has(ssda903.UASC) {
		return
	}
	lastRows := GroupByChild(c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
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
			if fam200LastUASC(c, ul) {
				continue
			}
			if u.DUC.OK || ul.DUC.OK {
				c.Failf(u.Ref, nil, "%s or last year) but DUC is %s this year and was %s last year", neither,
					showDate(u.DUC), showDate(ul.DUC))
				break
			}
		}
	}
}

// check205D: a child identified as UASC this year who was in last year's
// return must have been identified as UASC there too.
func check205D(c *Context) {
	if !c.Last.Has(ssda903.UASC) {
		return
	}
	uascNow := map[string]bool{}
	for _, u := range c.This.UASC {
		uascNow[u.CHILD] = true
	}
	lastRows := GroupByChild(c.Last.UASC, func(u *UASCRow) string { return u.CHILD })
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
			if !fam200LastUASC(c, ul) {
				c.Fail(h.Ref, "the child has a UASC row this year but last year's UASC row gives neither SEX nor DUC")
				break
			}
		}
	}
}

// check207: a child recorded as a mother last year, with episodes this
// year, must still be recorded as a mother (<MOTHER> 1).
func check207(c *Context) {
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
		if last == nil || len(c.This.EpisodesOf(h.CHILD)) == 0 {
			continue
		}
		if last.MOTHER == "1" && h.MOTHER != "1" {
			c.Failf(h.Ref, nil, "MOTHER is %s but last year's return recorded 1 (the child is a mother)", showQuoted(h.MOTHER))
		}
	}
}

// check208: <UPN> must be the same as last year's, except a change from
// UN1 or blank to UN2-UN5, or from an UN code or blank to a known UPN.
func check208(c *Context) {
	isUN := func(v string) bool { return oneOf(v, "UN1", "UN2", "UN3", "UN4", "UN5") }
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
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
}

// check209: a child aged 4 or more on 31 August of the year before the
// collection year starts must not have <UPN> UN1.
func check209(c *Context) {
	ref := calendar.NewDate(c.Year.Start().Year()-1, 8, 31)
	for _, h := range c.This.Header {
		if h.UPN == "UN1" && h.DOB.OK && h.DOB.Day.AddYears(4) <= ref {
			c.Failf(h.Ref, nil, "UPN is UN1 but the child, born %s, was 4 or older on %s and so of school age", h.DOB.Text, ref)
		}
	}
}

// check210: a child with <UPN> UN4 must have no episode starting on or
// after 24 March of the collection year's end.
func check210(c *Context) {
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
}

// check213: no <PLACE_PROVIDER> for the temporary placements T0-T4 and the
// placements Z11-Z14.
func check213(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER != "" && fam200NoProviderPlace(e.PLACE) {
			c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but placement %s needs none", showQuoted(e.PLACE_PROVIDER), e.PLACE)
		}
	}
}

// check214: no <PL_POST> or <URN> for the short-break legal statuses V3 and
// V4.
func check214(c *Context) {
	for _, e := range c.This.Episodes {
		if !ShortBreak(e.LS) {
			continue
		}
		var given []string
		if e.PL_POST != "" {
			given = append(given, "PL_POST "+showQuoted(e.PL_POST))
		}
		if e.URN != "" {
			given = append(given, "URN "+showQuoted(e.URN))
		}
		switch len(given) {
		case 1:
			c.Failf(e.Ref, nil, "LS is %s (short breaks) but %s is given", e.LS, given[0])
		case 2:
			c.Failf(e.Ref, nil, "LS is %s (short breaks) but %s are given", e.LS, strings.Join(given, " and "))
		}
	}
}

// check215: a child with care leaver information (OC3 <IN_TOUCH>, <ACTIV>
// or <ACCOM>) must have none of the OC2 items for children looked after
// for 12 months. Both rows are flagged.
func check215(c *Context) {
	oc2 := GroupByChild(c.This.OC2, func(o *OC2Row) string { return o.CHILD })
	flagged := map[*OC2Row]bool{}
	for _, r := range c.This.OC3 {
		if r.IN_TOUCH == "" && r.ACTIV == "" && r.ACCOM == "" {
			continue
		}
		var leaver []string
		for _, f := range []struct{ name, v string }{{"IN_TOUCH", r.IN_TOUCH}, {"ACTIV", r.ACTIV}, {"ACCOM", r.ACCOM}} {
			if f.v != "" {
				leaver = append(leaver, fmt.Sprintf("%s %q", f.name, f.v))
			}
		}
		oc3Flagged := false
		for _, o := range oc2[r.CHILD] {
			given := fam200GivenOC2(o)
			if len(given) == 0 {
				continue
			}
			why := fmt.Sprintf("care leaver information (%s) is given, and so are the OC2 items %s",
				strings.Join(leaver, ", "), strings.Join(given, ", "))
			if !oc3Flagged {
				oc3Flagged = true
				c.Fail(r.Ref, why)
			}
			if !flagged[o] {
				flagged[o] = true
				c.Fail(o.Ref, why)
			}
		}
	}
}

// fam200GivenOC2 names the OC2 items of rule 215 that the row gives.
func fam200GivenOC2(o *OC2Row) []string {
	var given []string
	for _, f := range []struct{ name, v string }{
		{"CONVICTED", o.CONVICTED}, {"HEALTH_CHECK", o.HEALTH_CHECK}, {"IMMUNISATIONS", o.IMMUNISATIONS},
		{"TEETH_CHECK", o.TEETH_CHECK}, {"HEALTH_ASSESSMENT", o.HEALTH_ASSESSMENT}, {"SUBSTANCE_MISUSE", o.SUBSTANCE_MISUSE},
		{"INTERVENTION_RECEIVED", o.INTERVENTION_RECEIVED}, {"INTERVENTION_OFFERED", o.INTERVENTION_OFFERED},
	} {
		if f.v != "" {
			given = append(given, f.name)
		}
	}
	return given
}

// check217: an episode placed for adoption with current foster carers (A3,
// A5) starting on or after 1 April 2015 must have <RNE> S, T or U.
func check217(c *Context) {
	from := calendar.NewDate(2015, 4, 1)
	for _, e := range c.This.Episodes {
		if (e.PLACE == "A3" || e.PLACE == "A5") && e.DECOM.OK && e.DECOM.Day >= from && !oneOf(e.RNE, "S", "T", "U") {
			c.Failf(e.Ref, nil, "placement %s starting %s has RNE %s, not S, T or U", e.PLACE, e.DECOM.Text, showQuoted(e.RNE))
		}
	}
}

// check218: an episode not ended by 31 March 2015, in a placement that
// takes a URN and located in England, must give <URN>. Short breaks (V3,
// V4) are left out: rule 214 says their placement location, URN included,
// is not required, and the two rules cannot both hold for them.
func check218(c *Context) {
	cutoff := calendar.NewDate(2015, 3, 31)
	for _, e := range c.This.Episodes {
		if e.URN != "" || fam200NoURNPlace(e.PLACE) || ShortBreak(e.LS) {
			continue
		}
		if e.Derived != nil && oneOf(strings.ToUpper(e.Derived.PL_LA), "CON", "NIR", "SCO", "WAL", "NUK") {
			continue
		}
		if !e.DEC.Blank() && !(e.DEC.OK && e.DEC.Day > cutoff) {
			continue
		}
		ends := "open"
		if e.DEC.OK {
			ends = "ending " + e.DEC.Text
		}
		c.Failf(e.Ref, nil, "URN is blank for an episode %s in placement %s", ends, showQuoted(e.PLACE))
	}
}

// check219: an episode's <PLACE> must be one of the placement types that
// the Ofsted list gives for its <URN>.
func check219(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) {
			continue
		}
		p, found := c.Providers.Provider(e.URN)
		switch {
		case !found:
			c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
		case len(p.PlaceCodes) == 0:
			c.Failf(e.Ref, nil, "the Ofsted provider lists give no placement types for URN %q", e.URN)
		case !oneOf(e.PLACE, p.PlaceCodes...):
			c.Failf(e.Ref, nil, "PLACE is %s but URN %q provides %s", showQuoted(e.PLACE), e.URN, strings.Join(p.PlaceCodes, ", "))
		}
	}
}

// check221: an episode in placement K1, K2, K3, R3 or S1 (other than a
// short break) with a <URN> and a <PL_POST> must have the provider's
// postcode as <PL_POST>.
func check221(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) || ShortBreak(e.LS) || e.PL_POST == "" {
			continue
		}
		switch e.PLACE {
		case "K1", "K2", "K3", "R3", "S1":
		default:
			continue
		}
		p, found := c.Providers.Provider(e.URN)
		switch {
		case !found:
			c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
		case p.Postcode == "":
			c.Failf(e.Ref, nil, "the Ofsted provider lists give no postcode for URN %q", e.URN)
		case !fam200SamePostcode(e.PL_POST, p.Postcode):
			c.Failf(e.Ref, nil, "PL_POST is %q but URN %q is at %s", e.PL_POST, e.URN, p.Postcode)
		}
	}
}

// check222: no <URN> (other than XXXXXXX) for placements that take none.
func check222(c *Context) {
	for _, e := range c.This.Episodes {
		if givenURN(e.URN) && fam200NoURNPlace(e.PLACE) {
			c.Failf(e.Ref, nil, "URN is %q but placement %s takes none", e.URN, e.PLACE)
		}
	}
}

// check224: an episode's <PLACE_PROVIDER> must be one of the provider types
// that the Ofsted list gives for its <URN>.
func check224(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) {
			continue
		}
		p, found := c.Providers.Provider(e.URN)
		switch {
		case !found:
			c.Failf(e.Ref, nil, "URN %q is not in the Ofsted provider lists", e.URN)
		case len(p.ProviderCodes) == 0:
			c.Failf(e.Ref, nil, "the Ofsted provider lists give no provider type for URN %q", e.URN)
		case !oneOf(e.PLACE_PROVIDER, p.ProviderCodes...):
			c.Failf(e.Ref, nil, "PLACE_PROVIDER is %s but URN %q is %s", showQuoted(e.PLACE_PROVIDER), e.URN,
				strings.Join(p.ProviderCodes, " or "))
		}
	}
}

// check225: an episode ended by X1 and followed by a change of placement
// (next <RNE> P, B, T or U), neither placement temporary, must give
// <REASON_PLACE_CHANGE>.
func check225(c *Context) {
	for _, eps := range c.This.ByChild() {
		for i := 0; i+1 < len(eps); i++ {
			e, next := eps[i], eps[i+1]
			if e.REC == "X1" && e.REASON_PLACE_CHANGE == "" && !Temporary(e.PLACE) &&
				oneOf(next.RNE, "P", "B", "T", "U") && !Temporary(next.PLACE) {
				c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is blank but the episode ends X1 and the next, starting %s, has RNE %s (placement %s)",
					showDate(next.DECOM), next.RNE, showQuoted(next.PLACE))
			}
		}
	}
}

// check226: a temporary placement (T0-T4) must have no
// <REASON_PLACE_CHANGE>, and nor must the episode before it.
func check226(c *Context) {
	for _, eps := range c.This.ByChild() {
		for i, e := range eps {
			if !Temporary(e.PLACE) {
				continue
			}
			switch {
			case e.REASON_PLACE_CHANGE != "":
				c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is %q for temporary placement %s", e.REASON_PLACE_CHANGE, e.PLACE)
			case i > 0 && eps[i-1].REASON_PLACE_CHANGE != "":
				c.Failf(e.Ref, nil, "the episode before temporary placement %s, starting %s, has REASON_PLACE_CHANGE %q",
					e.PLACE, showDate(eps[i-1].DECOM), eps[i-1].REASON_PLACE_CHANGE)
			}
		}
	}
}

// check227: an episode must start before its provider's registration ended.
func check227(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) || !e.DECOM.OK {
			continue
		}
		if p, found := c.Providers.Provider(e.URN); found && p.Closed && e.DECOM.Day >= p.RegEnd {
			c.Failf(e.Ref, nil, "the episode starts %s but URN %q's registration ended %s", e.DECOM.Text, e.URN, p.RegEnd)
		}
	}
}

// check228: an episode must end no later than its provider's registration
// ended; an open episode (or one whose DEC is not a valid date) needs the
// registration to last to the end of the collection year.
func check228(c *Context) {
	end := c.Year.End()
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) {
			continue
		}
		p, found := c.Providers.Provider(e.URN)
		if !found || !p.Closed {
			continue
		}
		switch {
		case e.DEC.OK && e.DEC.Day > p.RegEnd:
			c.Failf(e.Ref, nil, "the episode ends %s but URN %q's registration ended %s", e.DEC.Text, e.URN, p.RegEnd)
		case e.DEC.Blank() && end > p.RegEnd:
			c.Failf(e.Ref, nil, "the episode is open but URN %q's registration ended %s, before %s", e.URN, p.RegEnd, end)
		case !e.DEC.OK && end > p.RegEnd:
			c.Failf(e.Ref, nil, "DEC %q is not a valid date, so the episode counts as open, but URN %q's registration ended %s, before %s",
				e.DEC.Text, e.URN, p.RegEnd, end)
		}
	}
}

// check229: a provider of the authority's own (PR1) must be in the
// authority, by the Ofsted list's postcode, and another authority's (PR2)
// must not be.
func check229(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) || (e.PLACE_PROVIDER != "PR1" && e.PLACE_PROVIDER != "PR2") {
			continue
		}
		p, found := c.Providers.Provider(e.URN)
		inLA := found && p.LA != "" && strings.EqualFold(p.LA, c.LA)
		where := "in no known local authority"
		if found && p.LA != "" {
			where = "in " + p.LA
		}
		switch {
		case e.PLACE_PROVIDER == "PR1" && !inLA:
			c.Failf(e.Ref, nil, "PLACE_PROVIDER is PR1 (own provision) but URN %q is %s, not %s", e.URN, where, c.LA)
		case e.PLACE_PROVIDER == "PR2" && inLA:
			c.Failf(e.Ref, nil, "PLACE_PROVIDER is PR2 (another authority's provision) but URN %q is in %s", e.URN, c.LA)
		}
	}
}

// check231: a UASC child should be over 11 at the end of the collection
// year: <DOB> more than 11 years before it.
func check231(c *Context) {
	uasc := map[string]bool{}
	for _, u := range c.This.UASC {
		uasc[u.CHILD] = true
	}
	end := c.Year.End()
	limit := end.AddYears(-11)
	for _, h := range c.This.Header {
		if uasc[h.CHILD] && h.DOB.OK && h.DOB.Day > limit {
			c.Failf(h.Ref, nil, "the child is UASC but was born %s, after %s, so is under 11 on %s", h.DOB.Text, limit, end)
		}
	}
}

// check232: <SEX> U (unknown) is queried.
func check232(c *Context) {
	for _, h := range c.This.Header {
		if h.SEX == "U" {
			c.Fail(h.Ref, "SEX is U (unknown)")
		}
	}
}

// check233: an episode that has not ceased (no <DEC>) must have no
// <REASON_PLACE_CHANGE>.
func check233(c *Context) {
	for _, e := range c.This.Episodes {
		if e.DEC.Blank() && e.REASON_PLACE_CHANGE != "" {
			c.Failf(e.Ref, nil, "REASON_PLACE_CHANGE is %q but DEC is blank: the episode has not ceased", e.REASON_PLACE_CHANGE)
		}
	}
}

// check234: a child under 10 when an episode starts cannot have left the
// previous placement for custody (previous episode's <REASON_PLACE_CHANGE>
// CUSTOD). The previous episode and the child's Header row are flagged.
func check234(c *Context) {
	for child, eps := range c.This.ByChild() {
		h := c.This.HeaderOf(child)
		if h == nil || !h.DOB.OK {
			continue
		}
		var tenth calendar.Date // the 10th birthday, worked out at the first CUSTOD
		known, flagged := false, false
		for i := 1; i < len(eps); i++ {
			prev, e := eps[i-1], eps[i]
			if prev.REASON_PLACE_CHANGE != "CUSTOD" || !e.DECOM.OK {
				continue
			}
			if !known {
				tenth, known = h.DOB.Day.AddYears(10), true
			}
			if e.DECOM.Day >= tenth {
				continue
			}
			why := fmt.Sprintf("REASON_PLACE_CHANGE is CUSTOD but the next episode starts %s, before the 10th birthday (%s) of a child born %s",
				e.DECOM.Text, tenth, h.DOB.Text)
			c.Fail(prev.Ref, why, "REASON_PLACE_CHANGE")
			if !flagged {
				flagged = true
				c.Fail(h.Ref, why, "DOB")
			}
		}
	}
}
