package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 301 to 399: episode logic. Legal status against placement, the
// child's age at each episode, how long a status or a temporary placement
// may last, postcodes, and care leavers' OC3 data against their age.

func init() {
	ep := []ssda903.TableName{ssda903.Episodes}
	epHead := []ssda903.TableName{ssda903.Episodes, ssda903.Header}
	epAD1 := []ssda903.TableName{ssda903.Episodes, ssda903.AD1}
	oc3 := []ssda903.TableName{ssda903.OC3}
	register(
		&Rule{
			Code: "301", Message: "Date of birth falls after the year ended.",
			Description: "<DOB> must be <= <COLLECTION_END_DATE>.",
			Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"}, Check: check301,
		},
		&Rule{
			Code: "302", Message: "First episode starts before child was born.",
			Description: "The <DECOM> of the child's first episode must not be before the child's <DOB>.",
			Tables:      epHead, Fields: []string{"DECOM", "DOB"}, Check: check302,
		},
		&Rule{
			Code: "304", Message: "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.",
			Description: "If <DUC> is provided it must be on or before the child's 18th birthday.",
			Tables:      []ssda903.TableName{ssda903.UASC}, Fields: []string{"DUC", "DOB"}, Check: check304,
		},
		&Rule{
			Code: "331", Message: "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
			Description: "A child cannot be placed for adoption before the child has been matched with prospective adopter(s): " +
				"where <REC> = 'E11' or 'E12', <DATE_MATCH> must be on or before the <DECOM> of that episode.",
			Tables: []ssda903.TableName{ssda903.AD1, ssda903.Episodes}, Fields: []string{"DATE_MATCH", "DECOM", "REC"}, Check: check331,
		},
		&Rule{
			Code: "333", Message: "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
			Description: "If <DATE_MATCH> provided, then <DATE_INT> must also be provided and be <= <DATE_MATCH>.",
			Tables:      []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_INT", "DATE_MATCH"}, Check: check333,
		},
		&Rule{
			Code: "334", Message: "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.",
			Description: "<DATE_INT> must not be before the <DECOM> of the child's latest episode with <RNE> = 'S'.",
			Tables:      epAD1, Fields: []string{"DATE_INT", "DECOM", "RNE"}, Check: check334,
		},
		&Rule{
			Code: "335", Message: "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
			Description: "Where <PL> = 'A2', 'A3' or 'A5' and <REC> = 'E1', 'E11' or 'E12', <FOSTER_CARE> should not be '0'; " +
				"where <PL> = 'A1', 'A4' or 'A6' and <REC> = 'E1', 'E11' or 'E12', <FOSTER_CARE> should not be '1'.",
			Tables: epAD1, Fields: []string{"PLACE", "REC", "FOSTER_CARE"}, Check: check335,
		},
		&Rule{
			Code: "336", Message: "Child does not have a foster placement immediately prior to being placed for adoption.",
			Description: "Where <PL> = 'A3' or 'A5', the previous episode's <PL> must be one of 'A3', 'A4', 'A5', 'A6', " +
				"'U1', 'U2', 'U3', 'U4', 'U5' or 'U6'.",
			Tables: ep, Fields: []string{"PLACE"}, Check: check336,
		},
		&Rule{
			Code: "344", Message: "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
			Description: "If <IN_TOUCH> = 'DIED' or 'RHOM' then <ACTIV> and <ACCOM> should not be provided (0 for this).",
			Tables:      oc3, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, Check: check344,
		},
		&Rule{
			Code: "345", Message: "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
			Description: "If <IN_TOUCH> = 'YES' then <ACTIV> and <ACCOM> must not be 0.",
			Tables:      oc3, Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM"}, Check: check345,
		},
		&Rule{
			Code: "347", Message: "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
			Description: "If <ACCOM> = 'T' (a foyer: T1 or T2) then <DOB> must be >= 18 years prior to <COLLECTION_START_DATE>.",
			Tables:      oc3, Fields: []string{"ACCOM", "DOB"}, From: 2024, Check: check347,
		},
		&Rule{
			Code: "348", Message: "Care leaver has previously been reported as having died.",
			Description: "If last year's <IN_TOUCH> for the young person = 'DIED', this year's <IN_TOUCH> must also be 'DIED'.",
			Tables:      oc3, Fields: []string{"IN_TOUCH"}, Needs: NeedLast, From: 2026, Check: check348,
		},
		&Rule{
			Code: "351", Message: "Child was over 25 at the start of the current collection year.",
			Description: "The child's 25th birthday must not be before <COLLECTION_START_DATE>.",
			Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"}, Check: check351,
		},
		&Rule{
			Code: "352", Message: "Child who started to be looked after was aged 18 or over.",
			Description: "Where <RNE> = 'S', the child must be under 18 on <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "RNE"}, Check: check352,
		},
		&Rule{
			Code: "353", Message: "No episode submitted can start before 14 October 1991.",
			Description: "<DECOM> must be on or after 14/10/1991.",
			Tables:      ep, Fields: []string{"DECOM"}, Check: check353,
		},
		&Rule{
			Code: "354", Message: "Date episode ceased must be on or before the end of the current collection year.",
			Description: "<DECOM> must be <= <COLLECTION_END_DATE>.",
			Tables:      ep, Fields: []string{"DECOM"}, Check: check354,
		},
		&Rule{
			Code: "355", Message: "Episode appears to have lasted for less than 24 hours",
			Description: "<DEC> must not be the same day as <DECOM>.",
			Tables:      ep, Fields: []string{"DECOM", "DEC"}, Check: check355,
		},
		&Rule{
			Code: "356", Message: "The date the episode ceased is before the date the same episode started.",
			Description: "If <DEC> is provided it must be >= <DECOM>.",
			Tables:      ep, Fields: []string{"DECOM", "DEC"}, Check: check356,
		},
		&Rule{
			Code: "357", Message: "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
			Description: "If the child's first episode starts on or after <COLLECTION_START_DATE>, its <RNE> must be 'S'.",
			Tables:      ep, Fields: []string{"RNE", "DECOM"}, Check: check357,
		},
		&Rule{
			Code: "358", Message: "Child with this legal status should not be under 10.",
			Description: "Where <LS> = 'J1' or 'J2' or 'J3' then <DOB> should <= to 10 years prior to <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "DOB", "LS"}, Check: check358,
		},
		&Rule{
			Code: "359", Message: "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
			Description: "If the child's 18th birthday is before <COLLECTION_END_DATE> and the episode has no <DEC>, " +
				"then <LS> must be 'V2' and <PL> must be 'K2'.",
			Tables: epHead, Fields: []string{"DEC", "LS", "PLACE"}, Check: check359,
		},
		&Rule{
			Code: "361", Message: "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.",
			Description: "A continuous run of episodes with <LS> = 'L1' must not last more than 3 days from its first <DECOM> " +
				"to its last <DEC> (<COLLECTION_END_DATE> when the episode is open).",
			Tables: ep, Fields: []string{"DECOM", "LS", "DEC"}, Check: check361,
		},
		&Rule{
			Code: "362", Message: "Emergency protection order (EPO) lasted longer than 21 days",
			Description: "A continuous run of episodes with <LS> = 'L2' must not last more than 21 days from its first <DECOM> " +
				"to its last <DEC> (<COLLECTION_END_DATE> when the episode is open).",
			Tables: ep, Fields: []string{"DECOM", "LS", "DEC"}, Check: check362,
		},
		&Rule{
			Code: "363", Message: "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
			Description: "The days in a period of touching or overlapping episodes with <LS> = 'L3' must not add up to more than 7 " +
				"(an open episode counts to <COLLECTION_END_DATE>).",
			Tables: ep, Fields: []string{"LS", "DECOM", "DEC"}, Check: check363,
		},
		&Rule{
			Code: "364", Message: "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
			Description: "The days in a period of touching or overlapping episodes with <LS> = 'J2' must not add up to more than 21 " +
				"(an open episode counts to <COLLECTION_END_DATE>).",
			Tables: ep, Fields: []string{"LS", "DECOM", "DEC"}, Check: check364,
		},
		&Rule{
			Code: "365", Message: "Any individual short- term respite placement must not exceed 17 days.",
			Description: "Where <LS> = 'V3', <DEC> (<COLLECTION_END_DATE> when the episode is open) must be no more than 17 days after <DECOM>.",
			Tables:      ep, Fields: []string{"LS", "DECOM", "DEC"}, Check: check365,
		},
		&Rule{
			Code: "366", Message: "A child cannot change placement during the course of an individual short-term respite break.",
			Description: "Where <LS> = 'V3', <RNE> must be 'S'.",
			Tables:      ep, Fields: []string{"RNE", "LS"}, Check: check366,
		},
		&Rule{
			Code: "367", Message: "The maximum amount of respite care allowable is 75 days in any 12-month period.",
			Description: "The days within the collection year of the child's episodes with <LS> = 'V3' must not add up to more than 75.",
			Tables:      ep, Fields: []string{"LS", "DECOM", "DEC"}, Check: check367,
		},
		&Rule{
			Code: "371", Message: "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",
			Description: "If <PL> = 'K3' then the child must be at least 16 on <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "PLACE"}, From: 2025, Check: check371,
		},
		&Rule{
			Code: "372", Message: "Child in youth custody or prison should be at least 10.",
			Description: "If <PL> = 'R5' then the child must be at least 10 on <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "PLACE"}, Check: check372,
		},
		&Rule{
			Code: "373", Message: "Child placed in a school should be at least 4 years old.",
			Description: "If <PL> = 'S1' then the child must be at least 4 on <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "PLACE"}, Check: check373,
		},
		&Rule{
			Code: "374", Message: "Child in residential employment should be at least 14 years old.",
			Description: "If <PL> = 'P3' then the child must be at least 14 on <DECOM>.",
			Tables:      epHead, Fields: []string{"DECOM", "PLACE"}, Check: check374,
		},
		&Rule{
			Code: "375", Message: "Hospitalisation coded as a temporary placement exceeds six weeks.",
			Description: "If <PL> = 'T1' then <DEC> must be no more than 42 days after <DECOM>.",
			Tables:      ep, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: check375,
		},
		&Rule{
			Code: "376", Message: "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
			Description: "If <PL> = 'T3' then <DEC> must be no more than 21 days after <DECOM>.",
			Tables:      ep, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: check376,
		},
		&Rule{
			Code: "377", Message: "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
			Description: "A child must have no more than two episodes with <PL> = 'T3' in the return.",
			Tables:      ep, Fields: []string{"PLACE"}, Check: check377,
		},
		&Rule{
			Code: "378", Message: "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
			Description: "If <PL> = 'P1' then <LS> must not be 'V2'.",
			Tables:      ep, Fields: []string{"PLACE", "LS"}, Check: check378,
		},
		&Rule{
			Code: "379", Message: "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
			Description: "If <PL> = 'T4' then <DEC> must be no more than 7 days after <DECOM>.",
			Tables:      ep, Fields: []string{"DECOM", "DEC", "PLACE"}, Check: check379,
		},
		&Rule{
			Code: "380", Message: "A period of care cannot start with a temporary placement.",
			Description: "If <PL> = 'T0', 'T1', 'T2', 'T3' or 'T4' then <RNE> must be 'P' or 'B'.",
			Tables:      ep, Fields: []string{"PLACE", "RNE"}, Check: check380,
		},
		&Rule{
			Code: "381", Message: "A period of care cannot end with a temporary placement.",
			Description: "If <PL> = 'T0', 'T1', 'T2', 'T3' or 'T4' and <REC> is provided then <REC> must be 'X1'.",
			Tables:      ep, Fields: []string{"PLACE", "REC"}, Check: check381,
		},
		&Rule{
			Code: "382", Message: "A child receiving respite care cannot be in a temporary placement.",
			Description: "If <LS> = 'V3' or 'V4' then <PL> must not be 'T0', 'T1', 'T2', 'T3' or 'T4'.",
			Tables:      ep, Fields: []string{"LS", "PLACE"}, Check: check382,
		},
		&Rule{
			Code: "383", Message: "A child in a temporary placement must subsequently return to his/her normal placement.",
			Description: "If previous episode <PL> = 'T0' or 'T1' or 'T2' or 'T3' or 'T4' then current episode <RNE> must = 'P' " +
				"AND <PL> must = previous episode -1 <PL> AND <PL_POST> must = previous episode -1 <PL_POST>.",
			Tables: ep, Fields: []string{"PLACE", "RNE", "PL_POST"}, From: 2026, Check: check383,
		},
		&Rule{
			Code: "384", Message: "A child receiving respite care cannot be in a long-term foster placement",
			Description: "Where <LS> = 'V3' or 'V4' then <PL> must not be 'U1' or 'U4'.",
			Tables:      ep, Fields: []string{"PLACE", "LS"}, Check: check384,
		},
		&Rule{
			Code: "385", Message: "Date episode ceased must be on or before the end of the current collection year.",
			Description: "<DEC> must be <= <COLLECTION_END_DATE>.",
			Tables:      ep, Fields: []string{"DEC"}, Check: check385,
		},
		&Rule{
			Code: "386", Message: "Reason episode ceased is adopted but child has reached age 18.",
			Description: "If <REC> = 'E11' or 'E12' then the child must be under 18 on <DEC>.",
			Tables:      epHead, Fields: []string{"REC", "DEC"}, Check: check386,
		},
		&Rule{
			Code: "387", Message: "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
			Description: "If <REC> = 'E5' or 'E6' then the child must be at least 14 on <DEC>.",
			Tables:      epHead, Fields: []string{"REC", "DEC"}, Check: check387,
		},
		&Rule{
			Code: "388", Message: "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
			Description: "If reason episode ceased is coded X1 there must be a subsequent episode starting on the same day. " +
				"If an episode ends but the child continues to be looked after, a new episode should start on the same day, " +
				"and the reason episode ceased code of the episode which ends must be X1. " +
				"If a child ceases to be looked after, reason episode ceased code X1 must not be used.",
			Tables: ep, Fields: []string{"REC", "DEC"}, Check: check388,
		},
		&Rule{
			Code: "389", Message: "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
			Description: "If <REC> = 'E7' then the child must be at least 16 on <DEC>.",
			Tables:      epHead, Fields: []string{"REC", "DEC"}, Check: check389,
		},
		&Rule{
			Code: "390", Message: "Reason episode ceased is adopted but child has not been previously placed for adoption.",
			Description: "If <REC> = 'E11' or 'E12' then <PL> must be one of 'A3', 'A4', 'A5' or 'A6'.",
			Tables:      ep, Fields: []string{"PLACE", "REC"}, Check: check390,
		},
		&Rule{
			Code: "391", Message: "Young person was not 17, 18, 19, 20 or 21 during the current collection year.",
			Description: "If <DOB> < 17 years prior to <COLLECTION_END_DATE> then <IN_TOUCH>, <ACTIV> and <ACCOM> should not be provided.",
			Tables:      oc3, Fields: []string{"DOB", "IN_TOUCH", "ACTIV", "ACCOM"}, Check: check391,
		},
		&Rule{
			Code: "392a", Message: "Child is looked after but no distance is recorded.",
			Description: "If <LS> not = 'V3' or 'V4' and <UASC> = '0' and <COLLECTION YEAR> - 1 <UASC> = '0' and " +
				"<COLLECTION YEAR> - 2 <UASC> = '0' then <PL_DISTANCE> must be provided. " +
				"Children with a UASC record this year or last year are left out; a child who was UASC only before " +
				"that may be a false positive.",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.UASC}, Fields: []string{"LS", "HOME_POST", "PL_POST"},
			Needs: NeedPostcodes, Check: check392a,
		},
		&Rule{
			Code: "392b", Message: "Child is looked after but no postcodes are recorded.",
			Description: "If <LS> not = 'V3' or 'V4' and <UASC> = '0' and <COLLECTION YEAR> - 1 <UASC> = '0' and " +
				"<COLLECTION YEAR> - 2 <UASC> = '0' then <HOME_POST> and <PL_POST> should be provided. " +
				"Children with a UASC record this year or last year (when given) are left out; a child who was UASC only " +
				"before that may be a false positive.",
			Tables: ep, Fields: []string{"LS", "HOME_POST", "PL_POST"}, Check: check392b,
		},
		&Rule{
			Code: "392c", Message: "Postcode(s) provided are invalid.",
			Description: "<HOME_POST> and <PL_POST>, where provided, must be postcodes in the postcode directory.",
			Tables:      ep, Fields: []string{"HOME_POST", "PL_POST"}, Needs: NeedPostcodes, Check: check392c,
		},
		&Rule{
			Code: "392d", Message: "Home and placement postcodes should not be same unless the placement type is P1.",
			Description: "If <PL> is not 'P1' then <HOME_POST> and <PL_POST> must not be the same postcode.",
			Tables:      ep, Fields: []string{"HOME_POST", "PL_POST", "PLACE"}, Check: check392d,
		},
		&Rule{
			Code: "393", Message: "Child is looked after but mother field is not completed.",
			Description: "If <SEX> = 'F' and the child has an episode with <LS> not 'V3' or 'V4' then <MOTHER> must be provided.",
			Tables:      []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"MOTHER", "SEX"}, From: 2025, Check: check393,
		},
		&Rule{
			Code: "398", Message: "Distance field completed but child looked after under legal status V3 or V4.",
			Description: "If <LS> = 'V3' or 'V4' then <HOME_POST> and <PL_POST> should not be provided.",
			Tables:      ep, Fields: []string{"LS", "HOME_POST", "PL_POST"}, Check: check398,
		},
		&Rule{
			Code: "399", Message: "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.",
			Description: "If <LS> = 'V3' or 'V4' then <MOTHER>, <REVIEW> and <REVIEW_CODE> should not be provided. " +
				"Only children all of whose episodes are V3 or V4 are checked.",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header, ssda903.Reviews},
			Fields: []string{"MOTHER", "LS", "REVIEW", "REVIEW_CODE"}, Check: check399,
		},
	)
}

// fam300Born returns the child's Header row (the first, if the child has
// several) and whether its DOB is a valid date.
func fam300Born(c *Context, child string) (*HeaderRow, bool) {
	h := c.This.HeaderOf(child)
	return h, h != nil && h.DOB.OK
}

// fam300Once reports each row at most once.
type fam300Once map[Ref]bool

func (o fam300Once) fail(c *Context, ref Ref, why string) {
	if !o[ref] {
		o[ref] = true
		c.Fail(ref, why)
	}
}

// fam300SamePostcode reports whether two postcodes are the same once
// spaces and case are ignored, without allocating.
func fam300SamePostcode(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && a[i] == ' ' {
			i++
		}
		for j < len(b) && b[j] == ' ' {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		x, y := a[i], b[j]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
		i, j = i+1, j+1
	}
}

// fam300Days writes a number of days.
func fam300Days(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d day", n)
	}
	return fmt.Sprintf("%d days", n)
}

// check301: <DOB> must be <= <COLLECTION_END_DATE>.
func check301(c *Context) {
	end := c.Year.End()
	for _, h := range c.This.Header {
		if h.DOB.OK && h.DOB.Day > end {
			c.Failf(h.Ref, nil, "DOB %s is after the collection year ended on %s", h.DOB.Text, end)
		}
	}
}

// check302: the child's first episode (earliest DECOM) must not start
// before the child's DOB. The episode and the Header row are reported.
func check302(c *Context) {
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		first, h := eps[0], c.This.HeaderOf(child)
		if first.DECOM.OK && h != nil && h.DOB.OK && h.DOB.Day > first.DECOM.Day {
			why := fmt.Sprintf("the first episode starts on %s (DECOM) but the child was born on %s (DOB)", first.DECOM.Text, h.DOB.Text)
			c.Fail(h.Ref, why)
			c.Fail(first.Ref, why)
		}
	})
}

// check304: if <DUC> is provided it must be on or before the 18th birthday.
func check304(c *Context) {
	for _, u := range c.This.UASC {
		if !u.DUC.OK || !u.DOB.OK {
			continue
		}
		if birthday := u.DOB.Day.AddYears(18); u.DUC.Day > birthday {
			c.Failf(u.Ref, nil, "DUC %s is after the child's 18th birthday on %s (DOB %s)", u.DUC.Text, birthday, u.DOB.Text)
		}
	}
}

// check331: where an episode ended in adoption (REC E11 or E12), the
// child's DATE_MATCH must not be after that episode's DECOM. Both the AD1
// row and the episode are reported.
func check331(c *Context) {
	ad1 := GroupByChild(c.This.AD1, func(a *AD1Row) string { return a.CHILD })
	once := fam300Once{}
	for _, e := range c.This.Episodes {
		if !oneOf(e.REC, "E11", "E12") || !e.DECOM.OK {
			continue
		}
		for _, a := range ad1[e.CHILD] {
			if a.DATE_MATCH.OK && a.DATE_MATCH.Day > e.DECOM.Day {
				why := fmt.Sprintf("DATE_MATCH %s is after DECOM %s of the episode that ended in adoption (REC %s)",
					a.DATE_MATCH.Text, e.DECOM.Text, e.REC)
				once.fail(c, a.Ref, why)
				once.fail(c, e.Ref, why)
			}
		}
	}
}

// check333: if <DATE_MATCH> is provided, <DATE_INT> must also be provided
// and be <= <DATE_MATCH>.
func check333(c *Context) {
	for _, a := range c.This.AD1 {
		switch {
		case !a.DATE_MATCH.OK:
		case a.DATE_INT.Blank():
			c.Failf(a.Ref, nil, "DATE_MATCH is %s but DATE_INT is blank", a.DATE_MATCH.Text)
		case !a.DATE_INT.OK:
			c.Failf(a.Ref, nil, "DATE_MATCH is %s but DATE_INT %q is not a valid date", a.DATE_MATCH.Text, a.DATE_INT.Text)
		case a.DATE_INT.Day > a.DATE_MATCH.Day:
			c.Failf(a.Ref, nil, "DATE_INT %s is after DATE_MATCH %s", a.DATE_INT.Text, a.DATE_MATCH.Text)
		}
	}
}

// check334: <DATE_INT> must not be before the <DECOM> of the child's
// latest episode with <RNE> = 'S'. Both the episode and the AD1 row are
// reported.
func check334(c *Context) {
	ad1 := GroupByChild(c.This.AD1, func(a *AD1Row) string { return a.CHILD })
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		var latest *EpisodeRow
		for _, e := range eps {
			if e.RNE == "S" && e.DECOM.OK && (latest == nil || e.DECOM.Day > latest.DECOM.Day) {
				latest = e
			}
		}
		if latest == nil {
			return
		}
		flagged := false
		for _, a := range ad1[child] {
			if a.DATE_INT.OK && a.DATE_INT.Day < latest.DECOM.Day {
				why := fmt.Sprintf("DATE_INT %s is before DECOM %s of the latest episode starting a period of care (RNE S)",
					a.DATE_INT.Text, latest.DECOM.Text)
				c.Fail(a.Ref, why)
				if !flagged {
					c.Fail(latest.Ref, why)
					flagged = true
				}
			}
		}
	})
}

// check335: an adoption (REC E1, E11, E12) from a placement with the
// current foster carer (A2, A3, A5) must not have FOSTER_CARE 0, and one
// from a placement not with them (A1, A4, A6) must not have FOSTER_CARE 1.
func check335(c *Context) {
	ad1 := GroupByChild(c.This.AD1, func(a *AD1Row) string { return a.CHILD })
	once := fam300Once{}
	for _, e := range c.This.Episodes {
		if !oneOf(e.REC, "E1", "E11", "E12") {
			continue
		}
		for _, a := range ad1[e.CHILD] {
			var why string
			switch {
			case oneOf(e.PLACE, "A2", "A3", "A5") && a.FOSTER_CARE == "0":
				why = fmt.Sprintf("FOSTER_CARE is 0 (not adopted by the current foster carer) but the episode ending in adoption (REC %s) is PLACE %s, placed with the current foster carer", e.REC, e.PLACE)
			case oneOf(e.PLACE, "A1", "A4", "A6") && a.FOSTER_CARE == "1":
				why = fmt.Sprintf("FOSTER_CARE is 1 (adopted by the current foster carer) but the episode ending in adoption (REC %s) is PLACE %s, not placed with the current foster carer", e.REC, e.PLACE)
			default:
				continue
			}
			once.fail(c, e.Ref, why)
			once.fail(c, a.Ref, why)
		}
	}
}

// check336: where <PL> = 'A3' or 'A5' (placed for adoption with the
// current foster carer), the previous episode's placement must be a
// foster or adoption placement.
func check336(c *Context) {
	before := []string{"A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"}
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		for i := 1; i < len(eps); i++ {
			e, prev := eps[i], eps[i-1]
			if oneOf(e.PLACE, "A3", "A5") && !oneOf(prev.PLACE, before...) {
				prevPlace := prev.PLACE
				if prevPlace == "" {
					prevPlace = "blank"
				}
				c.Failf(e.Ref, nil, "PLACE %s from %s but the previous episode (from %s) has PLACE %s, not a foster or adoption placement",
					e.PLACE, e.DECOM.Text, prev.DECOM.Text, prevPlace)
			}
		}
	})
}

// check344: if <IN_TOUCH> = 'DIED' or 'RHOM', <ACTIV> and <ACCOM> must be 0.
func check344(c *Context) {
	for _, o := range c.This.OC3 {
		if !oneOf(o.IN_TOUCH, "DIED", "RHOM") || (o.ACTIV == "0" && o.ACCOM == "0") {
			continue
		}
		c.Failf(o.Ref, nil, "IN_TOUCH is %s but ACTIV is %s and ACCOM is %s; both should be 0",
			o.IN_TOUCH, showQuoted(o.ACTIV), showQuoted(o.ACCOM))
	}
}

// check345: if <IN_TOUCH> = 'YES', <ACTIV> and <ACCOM> must not be 0.
func check345(c *Context) {
	for _, o := range c.This.OC3 {
		if o.IN_TOUCH == "YES" && (o.ACTIV == "0" || o.ACCOM == "0") {
			c.Failf(o.Ref, nil, "IN_TOUCH is YES but ACTIV is %s and ACCOM is %s; neither may be 0",
				showQuoted(o.ACTIV), showQuoted(o.ACCOM))
		}
	}
}

// check347: a care leaver in a foyer (ACCOM T1 or T2) must have been 18
// or over at the start of the collection year.
func check347(c *Context) {
	start := c.Year.Start()
	for _, o := range c.This.OC3 {
		if !oneOf(o.ACCOM, "T1", "T2") {
			continue
		}
		if age, ok := AgeOn(o.DOB, start); ok && age < 18 {
			c.Failf(o.Ref, nil, "ACCOM is %s (foyer) but the young person was %d on %s, the start of the year (DOB %s)",
				o.ACCOM, age, start, o.DOB.Text)
		}
	}
}

// check348: a young person reported last year with IN_TOUCH DIED must be
// reported as DIED this year.
func check348(c *Context) {
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
}

// check351: the child must not have turned 25 before the collection year
// started.
func check351(c *Context) {
	start := c.Year.Start()
	for _, h := range c.This.Header {
		if !h.DOB.OK {
			continue
		}
		if birthday := h.DOB.Day.AddYears(25); birthday < start {
			c.Failf(h.Ref, nil, "DOB %s: the child turned 25 on %s, before the year started on %s", h.DOB.Text, birthday, start)
		}
	}
}

// check352: an episode that starts a period of care (RNE S) must start
// before the child's 18th birthday.
func check352(c *Context) {
	for _, e := range c.This.Episodes {
		if e.RNE != "S" || !e.DECOM.OK {
			continue
		}
		h, ok := fam300Born(c, e.CHILD)
		if !ok {
			continue
		}
		if birthday := h.DOB.Day.AddYears(18); birthday <= e.DECOM.Day {
			c.Failf(e.Ref, nil, "the child started to be looked after (RNE S) on %s, on or after turning 18 on %s (DOB %s)",
				e.DECOM.Text, birthday, h.DOB.Text)
		}
	}
}

// check353: <DECOM> must not be before 14 October 1991.
func check353(c *Context) {
	first := calendar.NewDate(1991, 10, 14)
	for _, e := range c.This.Episodes {
		if e.DECOM.OK && e.DECOM.Day < first {
			c.Failf(e.Ref, nil, "DECOM %s is before 14/10/1991", e.DECOM.Text)
		}
	}
}

// check354: <DECOM> must be <= <COLLECTION_END_DATE>.
func check354(c *Context) {
	end := c.Year.End()
	for _, e := range c.This.Episodes {
		if e.DECOM.OK && e.DECOM.Day > end {
			c.Failf(e.Ref, nil, "DECOM %s is after the collection year ended on %s", e.DECOM.Text, end)
		}
	}
}

// check355: an episode must not end on the day it started.
func check355(c *Context) {
	for _, e := range c.This.Episodes {
		if e.DEC.Blank() {
			continue
		}
		if e.DEC.Text == e.DECOM.Text || (e.DEC.OK && e.DECOM.OK && e.DEC.Day == e.DECOM.Day) {
			c.Failf(e.Ref, nil, "DEC %s is the same day as DECOM %s", e.DEC.Text, e.DECOM.Text)
		}
	}
}

// check356: if <DEC> is provided it must not be before <DECOM>.
func check356(c *Context) {
	for _, e := range c.This.Episodes {
		if e.DEC.OK && e.DECOM.OK && e.DEC.Day < e.DECOM.Day {
			c.Failf(e.Ref, nil, "DEC %s is before DECOM %s", e.DEC.Text, e.DECOM.Text)
		}
	}
}

// check357: if the child's first episode starts in the collection year or
// later, its <RNE> must be 'S'.
func check357(c *Context) {
	start := c.Year.Start()
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		first := eps[0]
		if first.DECOM.OK && first.DECOM.Day >= start && first.RNE != "S" {
			c.Failf(first.Ref, nil, "the child's first episode starts on %s, in this collection year, with RNE %s rather than S",
				first.DECOM.Text, showQuoted(first.RNE))
		}
	})
}

// check358: where <LS> = 'J1', 'J2' or 'J3', the child must be at least
// 10 on <DECOM>. The episode and the Header row are reported.
func check358(c *Context) {
	once := fam300Once{}
	for _, e := range c.This.Episodes {
		if !oneOf(e.LS, "J1", "J2", "J3") || !e.DECOM.OK {
			continue
		}
		h, ok := fam300Born(c, e.CHILD)
		if !ok {
			continue
		}
		if age := calendar.AgeOn(h.DOB.Day, e.DECOM.Day); age < 10 {
			why := fmt.Sprintf("LS %s from %s but the child was %d then (DOB %s)", e.LS, e.DECOM.Text, age, h.DOB.Text)
			c.Fail(e.Ref, why)
			once.fail(c, h.Ref, why)
		}
	}
}

// check359: a child who turns 18 before the end of the year and whose
// episode is still open must be accommodated under V2 in a K2 home.
func check359(c *Context) {
	end := c.Year.End()
	for _, e := range c.This.Episodes {
		if !e.DEC.Blank() || (e.LS == "V2" && e.PLACE == "K2") {
			continue
		}
		h, ok := fam300Born(c, e.CHILD)
		if !ok {
			continue
		}
		if birthday := h.DOB.Day.AddYears(18); birthday < end {
			c.Failf(e.Ref, nil, "the child turned 18 on %s (DOB %s) and the episode is still open with LS %s and PLACE %s, not V2 and K2",
				birthday, h.DOB.Text, showQuoted(e.LS), showQuoted(e.PLACE))
		}
	}
}

// check361: police protection (L1) must not last more than 3 days.
func check361(c *Context) { fam300StatusSpan(c, "L1", 3) }

// check362: an emergency protection order (L2) must not last more than 21 days.
func check362(c *Context) { fam300StatusSpan(c, "L2", 21) }

// fam300StatusSpan reports every episode of a run of consecutive episodes
// with legal status ls, each starting on the day the one before it ended,
// whose span from the first DECOM to the last DEC is more than max days. An
// open episode (or one whose DEC is not a valid date) counts to the end of
// the collection year.
func fam300StatusSpan(c *Context, ls string, max int) {
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
			c.Failf(e.Ref, nil, "LS %s lasted %s, from %s to %s, more than %d", ls, fam300Days(int(last-first)), first, last, max)
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

// check363: a child assessment order (L3) must not last more than 7 days.
func check363(c *Context) { fam300StatusSum(c, "L3", 7) }

// check364: detention under PACE (J2) must not last more than 21 days.
func check364(c *Context) { fam300StatusSum(c, "J2", 21) }

// fam300StatusSum reports every episode of a period of episodes with legal
// status ls whose days add up to more than max. A period is the child's ls
// episodes in DECOM order, each starting no later than the previous one's
// DEC; an open episode counts to the end of the collection year. Episodes
// without a valid DECOM are left out, and one whose DEC is not a valid
// date adds no days.
func fam300StatusSum(c *Context, ls string, max int) {
	end := c.Year.End()
	report := func(period []*EpisodeRow, days int) {
		if days <= max {
			return
		}
		for _, e := range period {
			c.Failf(e.Ref, nil, "LS %s episodes from %s add up to %s, more than %d", ls, period[0].DECOM.Text, fam300Days(days), max)
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

// check365: a short break (V3) must not last more than 17 days; an open
// one counts to the end of the collection year.
func check365(c *Context) {
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
				c.Failf(e.Ref, nil, "short break (LS V3) from %s is still open at the end of the year, %s later: more than 17 days", e.DECOM.Text, fam300Days(days))
			} else {
				c.Failf(e.Ref, nil, "short break (LS V3) from %s to %s lasted %s, more than 17", e.DECOM.Text, e.DEC.Text, fam300Days(days))
			}
		}
	}
}

// check366: a short-break episode (LS V3) must start a period of care
// (RNE S).
func check366(c *Context) {
	for _, e := range c.This.Episodes {
		if e.LS == "V3" && e.RNE != "S" {
			c.Failf(e.Ref, nil, "LS is V3 (short break) but RNE is %s, not S", showQuoted(e.RNE))
		}
	}
}

// check367: a child's short breaks (LS V3) must not add up to more than 75
// days within the collection year. Each episode counts from DECOM (or the
// year's start) to DEC (or the year's end when open or later).
func check367(c *Context) {
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
				total, x.e.DECOM.Text, fam300Days(x.days))
		}
	}
}

// check371: a child placed in supported accommodation (K3) must be at
// least 16 on DECOM.
func check371(c *Context) { fam300MinAge(c, "K3", 16) }

// check372: a child in youth custody (R5) must be at least 10 on DECOM.
func check372(c *Context) { fam300MinAge(c, "R5", 10) }

// check373: a child placed in a school (S1) must be at least 4 on DECOM.
func check373(c *Context) { fam300MinAge(c, "S1", 4) }

// check374: a child in residential employment (P3) must be at least 14 on
// DECOM.
func check374(c *Context) { fam300MinAge(c, "P3", 14) }

// fam300MinAge reports episodes with PLACE place that start before the
// child's birthday of age years.
func fam300MinAge(c *Context, place string, years int) {
	for _, e := range c.This.Episodes {
		if e.PLACE != place || !e.DECOM.OK {
			continue
		}
		h, ok := fam300Born(c, e.CHILD)
		if !ok {
			continue
		}
		if birthday := h.DOB.Day.AddYears(years); e.DECOM.Day < birthday {
			c.Failf(e.Ref, nil, "PLACE %s from %s, before the child turned %d on %s (DOB %s)",
				place, e.DECOM.Text, years, birthday, h.DOB.Text)
		}
	}
}

// check375: a temporary placement in hospital (T1) must not last more
// than 42 days.
func check375(c *Context) { fam300MaxDays(c, "T1", 42) }

// check376: a temporary placement while the foster carer is on holiday
// (T3) must not last more than 21 days.
func check376(c *Context) { fam300MaxDays(c, "T3", 21) }

// check379: a temporary placement for another reason (T4) must not last
// more than 7 days.
func check379(c *Context) { fam300MaxDays(c, "T4", 7) }

// fam300MaxDays reports ended episodes with PLACE place whose DEC is more
// than max days after DECOM.
func fam300MaxDays(c *Context, place string, max int) {
	for _, e := range c.This.Episodes {
		if e.PLACE != place || !e.DECOM.OK || !e.DEC.OK {
			continue
		}
		if days := int(e.DEC.Day - e.DECOM.Day); days > max {
			c.Failf(e.Ref, nil, "PLACE %s from %s to %s lasted %s, more than %d", place, e.DECOM.Text, e.DEC.Text, fam300Days(days), max)
		}
	}
}

// check377: a child must have no more than two T3 placements in the return.
func check377(c *Context) {
	t3 := map[string][]*EpisodeRow{}
	for _, e := range c.This.Episodes {
		if e.PLACE == "T3" {
			t3[e.CHILD] = append(t3[e.CHILD], e)
		}
	}
	for _, list := range t3 {
		if len(list) <= 2 {
			continue
		}
		for _, e := range list {
			c.Failf(e.Ref, nil, "the child has %d episodes with PLACE T3 (from %s here); at most two are allowed", len(list), e.DECOM.Text)
		}
	}
}

// check378: if <PL> = 'P1' then <LS> must not be 'V2'.
func check378(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE == "P1" && e.LS == "V2" {
			c.Fail(e.Ref, "PLACE is P1 (placed with parents) and LS is V2 (single period of section 20 accommodation)")
		}
	}
}

// check380: a temporary placement (T0-T4) must be a change of placement
// (RNE P or B).
func check380(c *Context) {
	for _, e := range c.This.Episodes {
		if Temporary(e.PLACE) && e.RNE != "P" && e.RNE != "B" {
			c.Failf(e.Ref, nil, "PLACE %s is a temporary placement but RNE is %s, not P or B", e.PLACE, showQuoted(e.RNE))
		}
	}
}

// check381: a temporary placement (T0-T4) that ends must end with X1.
func check381(c *Context) {
	for _, e := range c.This.Episodes {
		if Temporary(e.PLACE) && e.REC != "" && e.REC != "X1" {
			c.Failf(e.Ref, nil, "PLACE %s is a temporary placement but the episode ends with REC %s, not X1", e.PLACE, e.REC)
		}
	}
}

// check382: if <LS> = 'V3' or 'V4' then <PL> must not be T0-T4.
func check382(c *Context) {
	for _, e := range c.This.Episodes {
		if ShortBreak(e.LS) && Temporary(e.PLACE) {
			c.Failf(e.Ref, nil, "LS %s (short breaks) with a temporary placement, PLACE %s", e.LS, e.PLACE)
		}
	}
}

// check383: after a temporary placement (T0-T4), the next episode must be
// a return (RNE P) to the placement before it: the same PLACE and PL_POST
// as the episode before the temporary one.
func check383(c *Context) {
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		for i := 2; i < len(eps); i++ {
			e, temp, normal := eps[i], eps[i-1], eps[i-2]
			if !Temporary(temp.PLACE) {
				continue
			}
			var problems []string
			if e.RNE != "P" {
				problems = append(problems, fmt.Sprintf("RNE is %s, not P", showQuoted(e.RNE)))
			}
			if e.PLACE != normal.PLACE {
				problems = append(problems, fmt.Sprintf("PLACE is %s, not %s", showQuoted(e.PLACE), showQuoted(normal.PLACE)))
			}
			if !fam300SamePostcode(e.PL_POST, normal.PL_POST) {
				problems = append(problems, fmt.Sprintf("PL_POST is %s, not %s", showQuoted(e.PL_POST), showQuoted(normal.PL_POST)))
			}
			if len(problems) > 0 {
				c.Failf(e.Ref, nil, "the episode from %s follows a temporary placement (PLACE %s from %s) but %s as in the episode from %s",
					e.DECOM.Text, temp.PLACE, temp.DECOM.Text, strings.Join(problems, ", "), normal.DECOM.Text)
			}
		}
	})
}

// check384: where <LS> = 'V3' or 'V4' then <PL> must not be 'U1' or 'U4'.
func check384(c *Context) {
	for _, e := range c.This.Episodes {
		if ShortBreak(e.LS) && oneOf(e.PLACE, "U1", "U4") {
			c.Failf(e.Ref, nil, "LS %s (short breaks) with a long-term foster placement, PLACE %s", e.LS, e.PLACE)
		}
	}
}

// check385: <DEC> must be <= <COLLECTION_END_DATE>.
func check385(c *Context) {
	end := c.Year.End()
	for _, e := range c.This.Episodes {
		if e.DEC.OK && e.DEC.Day > end {
			c.Failf(e.Ref, nil, "DEC %s is after the collection year ended on %s", e.DEC.Text, end)
		}
	}
}

// check386: an episode ending in adoption (REC E11 or E12) must end
// before the child's 18th birthday.
func check386(c *Context) {
	fam300AgeAtEnd(c, []string{"E11", "E12"}, func(e *EpisodeRow, h *HeaderRow) string {
		if birthday := h.DOB.Day.AddYears(18); e.DEC.Day >= birthday {
			return fmt.Sprintf("REC %s (adopted) on %s, on or after the child turned 18 on %s (DOB %s)", e.REC, e.DEC.Text, birthday, h.DOB.Text)
		}
		return ""
	})
}

// check387: an episode ending with a move to independent living (REC E5
// or E6) must end on or after the child's 14th birthday.
func check387(c *Context) {
	fam300AgeAtEnd(c, []string{"E5", "E6"}, func(e *EpisodeRow, h *HeaderRow) string {
		if birthday := h.DOB.Day.AddYears(14); e.DEC.Day < birthday {
			return fmt.Sprintf("REC %s (independent living) on %s, before the child turned 14 on %s (DOB %s)", e.REC, e.DEC.Text, birthday, h.DOB.Text)
		}
		return ""
	})
}

// check389: an episode ending with a transfer to adult social care (REC
// E7) must end on or after the child's 16th birthday.
func check389(c *Context) {
	fam300AgeAtEnd(c, []string{"E7"}, func(e *EpisodeRow, h *HeaderRow) string {
		if birthday := h.DOB.Day.AddYears(16); e.DEC.Day < birthday {
			return fmt.Sprintf("REC E7 (adult social care) on %s, before the child turned 16 on %s (DOB %s)", e.DEC.Text, birthday, h.DOB.Text)
		}
		return ""
	})
}

// fam300AgeAtEnd reports each episode with one of the REC codes and a
// valid DEC for which test, given a Header row of the child with a valid
// DOB, returns an explanation.
func fam300AgeAtEnd(c *Context, recs []string, test func(*EpisodeRow, *HeaderRow) string) {
	for _, e := range c.This.Episodes {
		if !oneOf(e.REC, recs...) || !e.DEC.OK {
			continue
		}
		if h, ok := fam300Born(c, e.CHILD); ok {
			if why := test(e, h); why != "" {
				c.Fail(e.Ref, why)
			}
		}
	}
}

// check388: an episode ending X1 must be followed by one starting that
// day; an episode followed by one starting on its DEC must end X1; and the
// child's last episode must not end X1.
func check388(c *Context) {
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
}

// check390: if <REC> = 'E11' or 'E12' then <PL> must be A3, A4, A5 or A6.
func check390(c *Context) {
	for _, e := range c.This.Episodes {
		if oneOf(e.REC, "E11", "E12") && !oneOf(e.PLACE, "A3", "A4", "A5", "A6") {
			c.Failf(e.Ref, nil, "REC %s (adopted) but PLACE is %s, not a placement for adoption (A3-A6)", e.REC, showQuoted(e.PLACE))
		}
	}
}

// check391: a young person whose 17th birthday is after the end of the
// collection year must have no IN_TOUCH, ACTIV or ACCOM.
func check391(c *Context) {
	end := c.Year.End()
	for _, o := range c.This.OC3 {
		if !o.DOB.OK || (o.IN_TOUCH == "" && o.ACTIV == "" && o.ACCOM == "") {
			continue
		}
		if birthday := o.DOB.Day.AddYears(17); birthday > end {
			c.Failf(o.Ref, nil, "the young person turns 17 on %s (DOB %s), after the year ends, but IN_TOUCH, ACTIV or ACCOM is given",
				birthday, o.DOB.Text)
		}
	}
}

// fam300FormerUASC returns the children with a UASC record this year or,
// when last year's return is given, last year.
func fam300FormerUASC(c *Context) map[string]bool {
	out := map[string]bool{}
	for _, u := range c.This.UASC {
		out[u.CHILD] = true
	}
	if c.Last != nil {
		for _, u := range c.Last.UASC {
			out[u.CHILD] = true
		}
	}
	return out
}

// check392a: an episode of a child who is not UASC (this year or last) and
// not on short breaks must have a distance, that is both postcodes found in
// the postcode directory.
func check392a(c *Context) {
	uasc := fam300FormerUASC(c)
	for _, e := range c.This.Episodes {
		if ShortBreak(e.LS) || uasc[e.CHILD] || (e.Derived != nil && e.Derived.HasDistance) {
			continue
		}
		c.Failf(e.Ref, nil, "no distance: HOME_POST %s and PL_POST %s are not both postcodes in the directory",
			showQuoted(e.HOME_POST), showQuoted(e.PL_POST))
	}
}

// check392b: an episode of a child who is not UASC (this year or last) and
// not on short breaks must have both postcodes.
func check392b(c *Context) {
	uasc := fam300FormerUASC(c)
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
}

// check392c: <HOME_POST> and <PL_POST>, where provided, must be found in
// the postcode directory.
func check392c(c *Context) {
	known := map[string]bool{}
	found := func(p string) bool {
		ok, seen := known[p]
		if !seen {
			_, _, _, ok = c.Postcodes.Lookup(p)
			known[p] = ok
		}
		return ok
	}
	for _, e := range c.This.Episodes {
		var bad []string
		if e.HOME_POST != "" && !found(e.HOME_POST) {
			bad = append(bad, fmt.Sprintf("HOME_POST %q", e.HOME_POST))
		}
		if e.PL_POST != "" && !found(e.PL_POST) {
			bad = append(bad, fmt.Sprintf("PL_POST %q", e.PL_POST))
		}
		if len(bad) > 0 {
			c.Failf(e.Ref, nil, "%s not found in the postcode directory", strings.Join(bad, " and "))
		}
	}
}

// check392d: unless <PL> = 'P1', <HOME_POST> and <PL_POST> must not be the
// same postcode.
func check392d(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE == "P1" || e.HOME_POST == "" || !fam300SamePostcode(e.HOME_POST, e.PL_POST) {
			continue
		}
		c.Failf(e.Ref, nil, "HOME_POST %q and PL_POST %q are the same postcode but PLACE is %s, not P1", e.HOME_POST, e.PL_POST, showQuoted(e.PLACE))
	}
}

// check393: a girl (SEX F) looked after other than on short breaks must
// have MOTHER completed.
func check393(c *Context) {
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
}

// check398: if <LS> = 'V3' or 'V4' then no postcode should be provided.
func check398(c *Context) {
	for _, e := range c.This.Episodes {
		if ShortBreak(e.LS) && (e.HOME_POST != "" || e.PL_POST != "") {
			c.Failf(e.Ref, nil, "LS %s (short breaks) but HOME_POST is %s and PL_POST is %s; both should be blank",
				e.LS, showQuoted(e.HOME_POST), showQuoted(e.PL_POST))
		}
	}
}

// check399: a child all of whose episodes are short breaks (V3/V4) must
// have no MOTHER, REVIEW or REVIEW_CODE. The child's episodes, the Header
// rows and the Reviews rows involved are reported.
func check399(c *Context) {
	// The children all of whose episodes are short breaks, and their
	// Header and Reviews rows.
	type rowsOf struct {
		eps []*EpisodeRow
		hs  []*HeaderRow
		rs  []*ReviewRow
	}
	only := map[string]*rowsOf{}
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		for _, e := range eps {
			if !ShortBreak(e.LS) {
				return
			}
		}
		only[child] = &rowsOf{eps: eps}
	})
	if len(only) == 0 {
		return
	}
	for _, h := range c.This.Header {
		if x := only[h.CHILD]; x != nil {
			x.hs = append(x.hs, h)
		}
	}
	for _, r := range c.This.Reviews {
		if x := only[r.CHILD]; x != nil {
			x.rs = append(x.rs, r)
		}
	}
	for _, x := range only {
		eps, hs, rs := x.eps, x.hs, x.rs
		mother, reviewed := false, false
		for _, h := range hs {
			mother = mother || h.MOTHER != ""
		}
		given := func(r *ReviewRow) bool { return !r.REVIEW.Blank() || r.REVIEW_CODE != "" }
		for _, r := range rs {
			reviewed = reviewed || given(r)
		}
		if !mother && !reviewed {
			continue
		}
		var what []string
		if mother {
			what = append(what, "MOTHER")
		}
		if reviewed {
			what = append(what, "REVIEW or REVIEW_CODE")
		}
		why := fmt.Sprintf("every episode of the child is on short breaks (LS V3/V4) but %s is completed", strings.Join(what, " and "))
		for _, e := range eps {
			c.Fail(e.Ref, why)
		}
		for _, h := range hs {
			if h.MOTHER != "" || reviewed {
				c.Fail(h.Ref, why)
			}
		}
		for _, r := range rs {
			if given(r) || mother {
				c.Fail(r.Ref, why)
			}
		}
	}
}
