package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 1000 to 1016 and 3001: care leavers (OC3), missing episodes, the
// Ofsted URN and the reason for a placement change.

func init() {
	oc3Fields := []string{"IN_TOUCH", "ACTIV", "ACCOM"}
	episodesOC3 := []ssda903.TableName{ssda903.Episodes, ssda903.OC3}
	register(
		&Rule{
			Code: "1000", Message: "This child is recorded as having died in care and therefore should not have the care leaver information completed.",
			Caveat: caveatTwoYears,
			Tables: episodesOC3, Fields: oc3Fields, Uses: NeedLast, Check: check1000,
		},
		&Rule{
			Code: "1001", Message: "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed.",
			Caveat: caveatEarlierEpisodes,
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.OC3, ssda903.Header}, Fields: oc3Fields,
			Needs: NeedLast, Check: check1001,
		},
		&Rule{
			Code: "1002", Message: "This child has no previous episodes of care, therefore should not have care leaver information recorded.",
			Caveat: caveatEarlierEpisodes,
			Tables: episodesOC3, Fields: oc3Fields, Needs: NeedLast, Check: check1002,
		},
		&Rule{
			Code: "1003", Message: "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
			Description: "<DATE_PLACED> cannot be prior to <DECOM> of the first episode with <RNE> = 'S'.",
			Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED", "DECOM", "RNE"},
			Check: check1003,
		},
		&Rule{
			Code: "1004", Message: "The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
			Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_START"}, Check: check1004,
		},
		&Rule{
			Code: "1005", Message: "The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
			Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MIS_END"}, Check: check1005,
		},
		&Rule{
			Code: "1006", Message: "Missing type invalid.",
			Tables: []ssda903.TableName{ssda903.Missing}, Fields: []string{"MISSING"}, Check: check1006,
		},
		&Rule{
			Code: "1007", Message: "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
			Description: "If <DOB> < 19 and >= to 17 years prior to <COLLECTION_END_DATE> and current episode <DEC> and or <REC> not provided then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
			Tables:      episodesOC3, Fields: oc3Fields, Check: check1007,
		},
		&Rule{
			Code: "1008", Message: "Ofsted Unique Reference Number (URN) is not valid.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"URN"}, Needs: NeedProviders, Check: check1008,
		},
		&Rule{
			Code: "1009", Message: "Reason for placement change is not a valid code.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REASON_PLACE_CHANGE"}, Check: check1009,
		},
		&Rule{
			Code: "1010", Message: "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
			Tables: episodesOC3, Fields: oc3Fields, Needs: NeedLast, Check: check1010,
		},
		&Rule{
			Code: "1011", Message: "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
			Description: "If final <REC> = 'E3' then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
			Tables:      episodesOC3, Fields: oc3Fields, Check: check1011,
		},
		&Rule{
			Code: "1012", Message: "No other data should be returned for OC3 children who had no episodes in the current year",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CHILD"}, Check: check1012,
		},
		&Rule{
			Code: "1014", Message: "UASC information is not required for care leavers",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.UASC, ssda903.OC3}, Fields: []string{"ACTIV", "ACCOM", "IN_TOUCH", "DUC"},
			Check: check1014,
		},
		&Rule{
			Code: "1015", Message: "Placement provider is own provision but child not placed in own LA.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PL_LA"}, Needs: NeedPostcodes | NeedLA, Check: check1015,
		},
		&Rule{
			Code: "1016", Message: "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
			Description: "If <DOB> < 19 and >= to 17 years prior to <COLLECTION_END_DATE> and current episode <DEC> is present and after the birthdate then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
			Tables:      episodesOC3, Fields: oc3Fields, From: 2024, Check: check1016,
		},
		&Rule{
			Code: "3001", Message: "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).",
			Tables: []ssda903.TableName{ssda903.Header, ssda903.OC3}, Fields: []string{"ACCOM"}, Check: check3001,
		},
	)
}

// fam1000Provided reports whether any care leaver item of an OC3 row is
// filled in, and lists those that are.
func fam1000Provided(o *OC3Row) (string, bool) {
	var parts []string
	for _, f := range []struct{ name, value string }{{"IN_TOUCH", o.IN_TOUCH}, {"ACTIV", o.ACTIV}, {"ACCOM", o.ACCOM}} {
		if f.value != "" {
			parts = append(parts, f.name+" "+f.value)
		}
	}
	return strings.Join(parts, ", "), len(parts) > 0
}

// fam1000Leavers calls fn for each OC3 row with care leaver information of a
// young person aged 17 or 18 at the end of the year (by the row's DOB), with
// the items provided, the age and the latest birthday.
func fam1000Leavers(c *Context, fn func(o *OC3Row, provided string, age int, birthday calendar.Date)) {
	end := c.Year.End()
	for _, o := range c.This.OC3 {
		provided, ok := fam1000Provided(o)
		if !ok {
			continue
		}
		age, ok := AgeOn(o.DOB, end)
		if !ok || age < 17 || age > 18 {
			continue
		}
		fn(o, provided, age, o.DOB.Day.AddYears(age))
	}
}

// check1000: a child whose episode ended with <REC> E2 (died), this year
// or last, must have no OC3 row.
func check1000(c *Context) {
	died := map[string]string{} // child -> "this year" or "last year"
	for _, e := range c.Last.Episodes {
		if e.REC == "E2" {
			died[e.CHILD] = "last year"
		}
	}
	for _, e := range c.This.Episodes {
		if e.REC == "E2" {
			died[e.CHILD] = "this year"
		}
	}
	for _, o := range c.This.OC3 {
		if when, ok := died[o.CHILD]; ok {
			c.Failf(o.Ref, nil, "the child has care leaver information but an episode %s ended with REC E2 (died)", when)
		}
	}
}

// check1001: a child with care leaver information must be a relevant or
// former relevant child: looked after, other than under V3 or V4, for at
// least 91 days since their 14th birthday including at least a day since
// their 16th, in this year's and last year's episodes, and not adopted
// (the latest episode did not end with E11 or E12). Children 20 or over at
// the end of the year, or without a valid date of birth, are checked for
// adoption only, as their earlier episodes are not in the data.
func check1001(c *Context) {
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
			v.since14 += fam1000DaysFrom(e.DECOM, at14, dec)
			v.since16 += fam1000DaysFrom(e.DECOM, at16, dec)
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
}

// fam1000DaysFrom counts the days from the later of decom and from to dec,
// or 0; an invalid decom counts from from.
func fam1000DaysFrom(decom DateField, from, dec calendar.Date) int {
	start := from
	if decom.OK && decom.Day > from {
		start = decom.Day
	}
	if dec <= start {
		return 0
	}
	return int(dec - start)
}

// check1002: a child with care leaver information must have an episode
// this year or in an earlier year given.
func check1002(c *Context) {
	for _, o := range c.This.OC3 {
		if len(c.EpisodeHistory(o.CHILD)) == 0 {
			c.Failf(o.Ref, nil, "the child has care leaver information but no episode this year or in the %s given before it", plural(len(c.Earlier), "year"))
		}
	}
}

// check1003: <DATE_PLACED> must not be before the <DECOM> of the child's
// first episode with <RNE> S. Both the PlacedAdoption row and that episode
// fail.
func check1003(c *Context) {
	placed := GroupByChild(c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
	for child, rows := range placed {
		var first *EpisodeRow
		for _, e := range c.This.EpisodesOf(child) {
			if e.RNE == "S" && e.DECOM.OK {
				first = e
				break
			}
		}
		if first == nil {
			continue
		}
		failed := false
		for _, p := range rows {
			if !p.DATE_PLACED.OK || p.DATE_PLACED.Day >= first.DECOM.Day {
				continue
			}
			why := fmt.Sprintf("DATE_PLACED %s is before DECOM %s of the child's first episode with RNE S", p.DATE_PLACED.Text, first.DECOM.Text)
			c.Fail(p.Ref, why)
			if !failed {
				c.Fail(first.Ref, why)
				failed = true
			}
		}
	}
}

// check1004: <MIS_START> must be a valid date.
func check1004(c *Context) {
	for _, m := range c.This.Missing {
		switch {
		case m.MIS_START.Blank():
			c.Fail(m.Ref, "MIS_START is blank")
		case !m.MIS_START.OK:
			c.Failf(m.Ref, nil, "MIS_START %q is not a valid date (DD/MM/YYYY)", m.MIS_START.Text)
		}
	}
}

// check1005: <MIS_END>, when provided, must be a valid date.
func check1005(c *Context) {
	for _, m := range c.This.Missing {
		if !m.MIS_END.Blank() && !m.MIS_END.OK {
			c.Failf(m.Ref, nil, "MIS_END %q is not a valid date (DD/MM/YYYY)", m.MIS_END.Text)
		}
	}
}

// check1006: <MISSING>, when provided, must be M or A.
func check1006(c *Context) {
	for _, m := range c.This.Missing {
		if m.MISSING != "" && !ssda903.ValidCode("MISSING", m.MISSING, c.Year) {
			c.Fail(m.Ref, invalidCode("MISSING", m.MISSING, c.Year))
		}
	}
}

// check1007: a young person aged 17 or 18 at the end of the year who was
// looked after on their latest birthday (an episode started on or before
// it and did not end until after it, or has not ended) must have no care
// leaver information. The date of birth is the OC3 row's.
func check1007(c *Context) {
	fam1000Leavers(c, func(o *OC3Row, provided string, age int, birthday calendar.Date) {
		for _, e := range c.This.EpisodesOf(o.CHILD) {
			if e.DECOM.OK && e.DECOM.Day <= birthday && (!e.DEC.OK || e.DEC.Day > birthday) {
				c.Failf(o.Ref, nil, "%s provided, but the young person (DOB %s) was looked after on their %dth birthday %s (episode DECOM %s, DEC %s)",
					provided, o.DOB.Text, age, birthday, e.DECOM.Text, orBlank(e.DEC.Text))
				break
			}
		}
	})
}

// check1008: <URN>, when provided and not XXXXXXX, must be in the Ofsted
// provider lists.
func check1008(c *Context) {
	for _, e := range c.This.Episodes {
		if !givenURN(e.URN) {
			continue
		}
		if _, ok := c.Providers.Provider(e.URN); !ok {
			c.Failf(e.Ref, nil, "URN %s is not in the Ofsted provider lists", e.URN)
		}
	}
}

// check1009: <REASON_PLACE_CHANGE>, when provided, must be a valid code.
func check1009(c *Context) {
	for _, e := range c.This.Episodes {
		if e.REASON_PLACE_CHANGE != "" && !ssda903.ValidCode("REASON_PLACE_CHANGE", e.REASON_PLACE_CHANGE, c.Year) {
			c.Fail(e.Ref, invalidCode("REASON_PLACE_CHANGE", e.REASON_PLACE_CHANGE, c.Year))
		}
	}
}

// check1010: a child with care leaver information whose latest episode
// last year was open (no <DEC>) must have episodes this year.
func check1010(c *Context) {
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
}

// check1011: if the child's final episode (latest <DECOM>) ended with
// <REC> E3 (care taken over by another local authority), <IN_TOUCH>,
// <ACTIV> and <ACCOM> must not be provided.
func check1011(c *Context) {
	for _, o := range c.This.OC3 {
		provided, ok := fam1000Provided(o)
		if !ok {
			continue
		}
		if final := finalEpisode(c.This.EpisodesOf(o.CHILD)); final != nil && final.REC == "E3" {
			c.Failf(o.Ref, nil, "%s provided, but the child's final episode (DECOM %s) ended with REC E3", provided, final.DECOM.Text)
		}
	}
}

// check1012: a child with no episodes this year must have no rows in
// PlacedAdoption, Missing, Reviews, AD1, PrevPerm or OC2.
func check1012(c *Context) {
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
}

// check1014: a UASC child with episodes but none open during the year (a
// care leaver) must not have both UASC information and care leaver
// information: the UASC rows and the OC3 rows with any of <IN_TOUCH>,
// <ACTIV> or <ACCOM> fail.
func check1014(c *Context) {
	start, end := c.Year.Start(), c.Year.End()
	uasc := GroupByChild(c.This.UASC, func(u *UASCRow) string { return u.CHILD })
	oc3 := GroupByChild(c.This.OC3, func(o *OC3Row) string { return o.CHILD })
	for child, urows := range uasc {
		eps := c.This.EpisodesOf(child)
		if eps == nil {
			continue
		}
		inYear := false
		for _, e := range eps {
			if e.OpenDuring(start, end) {
				inYear = true
				break
			}
		}
		if inYear {
			continue
		}
		var provided []string
		for _, o := range oc3[child] {
			if p, ok := fam1000Provided(o); ok {
				provided = append(provided, p)
				c.Failf(o.Ref, nil, "%s provided for a UASC child with no episode open during the year", p)
			}
		}
		if len(provided) == 0 {
			continue
		}
		for _, u := range urows {
			c.Failf(u.Ref, nil, "the child has UASC information and care leaver information (%s) but no episode open during the year",
				strings.Join(provided, "; "))
		}
	}
}

// fam1000FosterOrAdoption reports whether PLACE is a foster or adoption
// placement, which rule 1015 leaves out.
func fam1000FosterOrAdoption(place string) bool {
	switch place {
	case "A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6":
		return true
	}
	return false
}

// check1015: if <PLACE_PROVIDER> is PR1 (own provision), <PLACE> is not a
// foster or adoption placement and <LS> is not V3 or V4, <PL_LA> must be
// the local authority's own code.
func check1015(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER != "PR1" || e.PLACE == "" || e.LS == "" || fam1000FosterOrAdoption(e.PLACE) || ShortBreak(e.LS) || e.Derived == nil {
			continue
		}
		if !strings.EqualFold(e.Derived.PL_LA, c.LA) {
			la := e.Derived.PL_LA
			if la == "" {
				la = "unknown"
			}
			c.Failf(e.Ref, []string{"PLACE_PROVIDER", "PLACE", "PL_POST"}, "PLACE_PROVIDER is PR1 and PLACE is %s, but PL_POST %s gives PL_LA %s, not the local authority %s",
				e.PLACE, orBlank(e.PL_POST), la, c.LA)
		}
	}
}

// check1016: a young person aged 17 or 18 at the end of the year with an
// episode that ended (<DEC>) on or after their latest birthday must have
// no care leaver information. The date of birth is the OC3 row's.
func check1016(c *Context) {
	fam1000Leavers(c, func(o *OC3Row, provided string, age int, birthday calendar.Date) {
		for _, e := range c.This.EpisodesOf(o.CHILD) {
			if e.DEC.OK && e.DEC.Day >= birthday {
				c.Failf(o.Ref, nil, "%s provided, but the young person (DOB %s) ceased to be looked after on DEC %s, on or after their %dth birthday %s",
					provided, o.DOB.Text, e.DEC.Text, age, birthday)
				break
			}
		}
	})
}

// check3001: a young person whose 17th birthday falls in the year must not
// have <ACCOM> Z1 or Z2 (with former foster carers).
func check3001(c *Context) {
	for _, o := range c.This.OC3 {
		if o.ACCOM != "Z1" && o.ACCOM != "Z2" {
			continue
		}
		h := c.This.HeaderOf(o.CHILD)
		if h == nil || !h.DOB.OK {
			continue
		}
		if seventeen := h.DOB.Day.AddYears(17); c.Year.Contains(seventeen) {
			c.Failf(o.Ref, nil, "ACCOM is %s but the young person's 17th birthday %s (DOB %s) is in the collection year", o.ACCOM, seventeen, h.DOB.Text)
		}
	}
}
