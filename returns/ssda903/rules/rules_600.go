package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 601 to 635: adoption, motherhood and previous permanence.

func init() {
	header := []ssda903.TableName{ssda903.Header}
	prevPerm := []ssda903.TableName{ssda903.PrevPerm}
	episodesAD1 := []ssda903.TableName{ssda903.Episodes, ssda903.AD1}
	episodesHeader := []ssda903.TableName{ssda903.Episodes, ssda903.Header}
	episodesPrevPerm := []ssda903.TableName{ssda903.Episodes, ssda903.PrevPerm}
	register(
		&Rule{
			Code: "601", Message: "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
			Tables: episodesAD1,
			Fields: []string{"REC", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
			Check:  check601,
		},
		&Rule{
			Code: "602", Message: "The episode data submitted for this child does not show that he/she was adopted during the year.",
			Tables: episodesAD1, Fields: []string{"CHILD"}, Check: check602,
		},
		&Rule{
			Code: "607", Message: "Child ceased to be looked after in the year, but mother field has not been completed.",
			Description: "Where <CEASED_TO_BE_LOOKED_AFTER> = 'Y' (<DEC> is provided and <REC> is provided and not " +
				"'X1'), and <LS> not = 'V3' or 'V4' and <DEC> is in <CURRENT_COLLECTION_YEAR> and <SEX> = 'F' then " +
				"<MOTHER> should be provided.",
			Tables: episodesHeader, Fields: []string{"DEC", "REC", "MOTHER", "LS", "SEX"}, From: 2025, Check: check607,
		},
		&Rule{
			Code: "611", Message: "Date of birth field is blank, but child is a mother.",
			Tables: header, Fields: []string{"MOTHER", "MC_DOB"}, Check: check611,
		},
		&Rule{
			Code: "612", Message: "Date of birth field has been completed but mother field indicates child is not a mother.",
			Tables: header, Fields: []string{"SEX", "MOTHER", "MC_DOB"}, From: 2025, Check: check612,
		},
		&Rule{
			Code: "620", Message: "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
			Tables: header, Fields: []string{"DOB", "MOTHER"}, Check: check620,
		},
		&Rule{
			Code: "621", Message: "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
			Tables: header, Fields: []string{"DOB", "MC_DOB"}, Check: check621,
		},
		&Rule{
			Code: "624", Message: "Date of birth of the first child contradicts the date of birth of the first child previously " +
				"recorded.",
			Tables: header, Fields: []string{"MC_DOB"}, Needs: NeedLast, Check: check624,
		},
		&Rule{
			Code: "625", Message: "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
			Description: "If provided <MC_DOB> must not be > <COLLECTION_END> or <DEC> of latest episode.",
			Tables:      episodesHeader, Fields: []string{"MC_DOB", "DEC"}, Check: check625,
		},
		&Rule{
			Code: "626", Message: "Child was reported as a mother but the date of birth of the first child is before the current " +
				"year which contradicts with the mother status recorded last year.",
			Tables: header, Fields: []string{"MOTHER", "MC_DOB"}, Needs: NeedLast, Check: check626,
		},
		&Rule{
			Code: "628", Message: "Motherhood details are not required for care leavers who have not been looked after during the year.",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header, ssda903.OC3}, Fields: []string{"MOTHER"},
			Check: check628,
		},
		&Rule{
			Code: "630", Message: "Information on previous permanence option should be returned.",
			Tables: episodesPrevPerm, Fields: []string{"RNE"}, Check: check630,
		},
		&Rule{
			Code: "631", Message: "Previous permanence option not a valid value.",
			Tables: prevPerm, Fields: []string{"PREV_PERM"}, Check: check631,
		},
		&Rule{
			Code: "632", Message: "Date of previous permanence order not a valid value.",
			Caveat: "A period of care that started before this collection year is checked only against the episodes in this year's return.",
			Description: "If provided <DATE_PERM> should be prior to <DECOM> and in a valid format and contain a valid " +
				"date. Format should be DD/MM/YYYY or one or more elements of the date can be replaced by ZZ if part of " +
				"the date element is not known.",
			Tables: episodesPrevPerm, Fields: []string{"DATE_PERM", "DECOM"}, Check: check632,
		},
		&Rule{
			Code: "633", Message: "Local authority code where previous permanence option was arranged is not a valid value.",
			Description: "Where provided <LA_PERM> must be a valid value.",
			Tables:      prevPerm, Fields: []string{"LA_PERM"}, Check: check633,
		},
		&Rule{
			Code: "634", Message: "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
			Description: "If <PREV_PERM> or <LA_PERM> or <DATE_PERM> provided, then at least 1 episode must have a " +
				"<DECOM> later than 01/04/2016.",
			Tables: episodesPrevPerm, Fields: []string{"LA_PERM", "PREV_PERM", "DATE_PERM", "DECOM"}, Check: check634,
		},
		&Rule{
			Code: "635", Message: "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1",
			Tables: prevPerm, Fields: []string{"LA_PERM", "DATE_PERM", "PREV_PERM"}, Check: check635,
		},
	)
}

// fam200Adopted reports whether an episode ends in adoption (<REC> E11 or
// E12) within the collection year.
func fam200Adopted(c *Context, e *EpisodeRow) bool {
	return (e.REC == "E11" || e.REC == "E12") && Between(e.DEC, c.Year.Start(), c.Year.End())
}

// fam200AdoptionFields returns AD1's adoption fields, named.
func fam200AdoptionFields(a *AD1Row) []struct{ name, v string } {
	return []struct{ name, v string }{
		{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
		{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
	}
}

// check601: a child adopted in the year (an episode ending E11 or E12 in
// the year) who has an AD1 row must have every adoption field of it
// completed. The AD1 row and the adoption episodes are flagged.
func check601(c *Context) {
	ad1 := GroupByChild(c.This.AD1, func(a *AD1Row) string { return a.CHILD })
	flagged := map[*AD1Row]bool{}
	for _, e := range c.This.Episodes {
		if !fam200Adopted(c, e) {
			continue
		}
		var blanks []string
		for _, a := range ad1[e.CHILD] {
			var missing []string
			for _, f := range fam200AdoptionFields(a) {
				if f.v == "" {
					missing = append(missing, f.name)
				}
			}
			if len(missing) == 0 {
				continue
			}
			if !flagged[a] {
				flagged[a] = true
				c.Failf(a.Ref, nil, "the child was adopted (episode ending %s with REC %s) but AD1 leaves %s blank",
					e.DEC.Text, e.REC, strings.Join(missing, ", "))
			}
			if blanks == nil {
				blanks = missing
			}
		}
		if blanks != nil {
			c.Failf(e.Ref, []string{"REC"}, "the episode ends %s with REC %s (adopted) but the child's AD1 leaves %s blank",
				e.DEC.Text, e.REC, strings.Join(blanks, ", "))
		}
	}
}

// check602: a child with adoption details in AD1 must have an episode
// showing adoption in the year (ending E11 or E12 within it).
func check602(c *Context) {
	adopted := map[string]bool{}
	for _, e := range c.This.Episodes {
		if fam200Adopted(c, e) {
			adopted[e.CHILD] = true
		}
	}
	for _, a := range c.This.AD1 {
		if adopted[a.CHILD] {
			continue
		}
		var given []string
		for _, f := range fam200AdoptionFields(a) {
			if f.v != "" {
				given = append(given, f.name)
			}
		}
		if len(given) > 0 {
			c.Failf(a.Ref, nil, "AD1 gives %s but no episode of the child ends with REC E11 or E12 in %s",
				strings.Join(given, ", "), c.Year)
		}
	}
}

// check607: a girl (<SEX> F) who ceased to be looked after in the year
// (<DEC> in the year, <REC> given and not X1, not a short break) must have
// <MOTHER> completed. The episode and the Header row are flagged.
func check607(c *Context) {
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
}

// check611: a mother (<MOTHER> 1) must have <MC_DOB>.
func check611(c *Context) {
	for _, h := range c.This.Header {
		if h.MOTHER == "1" && h.MC_DOB.Blank() {
			c.Fail(h.Ref, "MOTHER is 1 but MC_DOB is blank")
		}
	}
}

// check612: a girl not recorded as a mother (<MOTHER> 0 or blank) must not
// have <MC_DOB>.
func check612(c *Context) {
	for _, h := range c.This.Header {
		if (h.MOTHER == "0" || h.MOTHER == "") && h.SEX == "F" && !h.MC_DOB.Blank() {
			c.Failf(h.Ref, nil, "MC_DOB is %q but MOTHER is %s", h.MC_DOB.Text, showQuoted(h.MOTHER))
		}
	}
}

// check620: a mother (<MOTHER> 1) must be 11 or older at the start of the
// collection year.
func check620(c *Context) {
	start := c.Year.Start()
	for _, h := range c.This.Header {
		if h.MOTHER == "1" && h.DOB.OK && h.DOB.Day.AddYears(11) > start {
			c.Failf(h.Ref, nil, "MOTHER is 1 but the child, born %s, is under 11 on %s", h.DOB.Text, start)
		}
	}
}

// check621: a given <MC_DOB> must be after the mother's <DOB>. As the peer
// does, a valid MC_DOB with a DOB that is not a valid date fails too.
func check621(c *Context) {
	for _, h := range c.This.Header {
		if !h.MC_DOB.OK || (h.DOB.OK && h.MC_DOB.Day > h.DOB.Day) {
			continue
		}
		if h.DOB.OK {
			c.Failf(h.Ref, nil, "MC_DOB %s is not after the mother's DOB %s", h.MC_DOB.Text, h.DOB.Text)
		} else {
			c.Failf(h.Ref, nil, "MC_DOB %s is given but DOB is %s, so the mother cannot be shown to be older", h.MC_DOB.Text,
				showDate(h.DOB))
		}
	}
}

// check624: <MC_DOB>, when given, must be as recorded last year, where
// last year's return gave one. A blank MC_DOB contradicts nothing: a care
// leaver no longer looked after must leave the motherhood items blank (628,
// 612), so the peer's flagging of a blank here cannot be satisfied.
func check624(c *Context) {
	for _, h := range c.This.Header {
		last := c.Last.HeaderOf(h.CHILD)
		if last != nil && !last.MC_DOB.Blank() && !h.MC_DOB.Blank() && h.MC_DOB.Text != last.MC_DOB.Text {
			c.Failf(h.Ref, nil, "MC_DOB is %s but last year's return recorded %q", showQuoted(h.MC_DOB.Text), last.MC_DOB.Text)
		}
	}
}

// check625: a given <MC_DOB> must be no later than the end of the
// collection year, nor than the <DEC> of the child's latest episode. The
// latest episode is one with no valid DEC (still open) if there is one,
// else the one that ended last. It and the Header row are flagged.
func check625(c *Context) {
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
}

// check626: a child recorded as not a mother last year (<MOTHER> 0) and as
// a mother this year must have had the first child this year: <MC_DOB> not
// before the collection year's start.
func check626(c *Context) {
	start := c.Year.Start()
	for _, h := range c.This.Header {
		if !h.MC_DOB.OK || h.MOTHER != "1" || h.MC_DOB.Day >= start {
			continue
		}
		if last := c.Last.HeaderOf(h.CHILD); last != nil && last.MOTHER == "0" {
			c.Failf(h.Ref, nil, "MOTHER is 1 and MC_DOB %s is before %s, but last year's return recorded MOTHER 0",
				h.MC_DOB.Text, start)
		}
	}
}

// check628: a care leaver (care leaver information in OC3) with no
// episodes this year must have no <MOTHER>.
func check628(c *Context) {
	leaver := map[string]bool{}
	for _, r := range c.This.OC3 {
		if r.IN_TOUCH != "" || r.ACTIV != "" || r.ACCOM != "" {
			leaver[r.CHILD] = true
		}
	}
	for _, h := range c.This.Header {
		if h.MOTHER != "" && leaver[h.CHILD] && len(c.This.EpisodesOf(h.CHILD)) == 0 {
			c.Failf(h.Ref, nil, "MOTHER is %q but the child is a care leaver with care leaver information and no episodes this year", h.MOTHER)
		}
	}
}

// check630: a child who started to be looked after (<RNE> S) on or after the
// collection year's start must have a PrevPerm row giving <PREV_PERM>, and,
// unless it is Z1, <LA_PERM> and <DATE_PERM>.
func check630(c *Context) {
	start := c.Year.Start()
	prev := GroupByChild(c.This.PrevPerm, func(p *PrevPermRow) string { return p.CHILD })
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
}

// check631: <PREV_PERM>, where given, must be a valid code.
func check631(c *Context) {
	for _, p := range c.This.PrevPerm {
		if p.PREV_PERM != "" && !ssda903.ValidCode("PREV_PERM", p.PREV_PERM, c.Year) {
			c.Fail(p.Ref, invalidCode("PREV_PERM", p.PREV_PERM, c.Year))
		}
	}
}

// fam200LatestDatePerm reads a DATE_PERM as the latest day it can be: an
// unknown day is the month's last, an unknown month December. ok is false
// when the text is not a valid DATE_PERM; known is false when the year is
// unknown, so that no day can be given.
func fam200LatestDatePerm(s string) (d calendar.Date, known, ok bool) {
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

// check632: a given <DATE_PERM> must be a valid date, with ZZ for unknown
// parts, and before the <DECOM> of the child's first episode. The first
// episode and the PrevPerm row are flagged.
func check632(c *Context) {
	prev := GroupByChild(c.This.PrevPerm, func(p *PrevPermRow) string { return p.CHILD })
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
			d, known, ok := fam200LatestDatePerm(p.DATE_PERM)
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
}

// fam200LAPermCodes are the valid <LA_PERM> values: the local authority
// codes in the peer validator's rule 633, with 999 (not available), and
// WAL, SCO, NUK and NIR for outside England.
var fam200LAPermCodes = func() map[string]bool {
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

// check633: <LA_PERM>, where given, must be a valid local authority code.
func check633(c *Context) {
	for _, p := range c.This.PrevPerm {
		if p.LA_PERM != "" && !fam200LAPermCodes[p.LA_PERM] {
			c.Failf(p.Ref, nil, "LA_PERM is %q, which is not a local authority code, 999, WAL, SCO, NUK or NIR", p.LA_PERM)
		}
	}
}

// check634: a child with previous permanence details must have an episode
// starting on or after 1 April 2016. The PrevPerm row and all the child's
// episodes are flagged.
func check634(c *Context) {
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
}

// check635: <LA_PERM> and <DATE_PERM> must not be given when <PREV_PERM>
// says there was no previous permanence option (Z1) or is blank.
func check635(c *Context) {
	for _, p := range c.This.PrevPerm {
		if p.LA_PERM == "" && p.DATE_PERM == "" {
			continue
		}
		if p.PREV_PERM == "" || p.PREV_PERM == "Z1" {
			c.Failf(p.Ref, nil, "LA_PERM is %s and DATE_PERM is %s but PREV_PERM is %s", showQuoted(p.LA_PERM),
				showQuoted(p.DATE_PERM), showQuoted(p.PREV_PERM))
		}
	}
}
