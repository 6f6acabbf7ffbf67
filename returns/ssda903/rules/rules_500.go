package rules

import (
	"fmt"
	"math"
	"sort"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 501 to 586: comparisons with last year's return (502, 503A–J,
// 559–562, 576, 584) and checks across tables (episodes, adoption,
// outcomes and missing periods).

func init() {
	var (
		epi  = []ssda903.TableName{ssda903.Episodes}
		ad1  = []ssda903.TableName{ssda903.AD1}
		pa   = []ssda903.TableName{ssda903.PlacedAdoption}
		oc2  = []ssda903.TableName{ssda903.OC2}
		mis  = []ssda903.TableName{ssda903.Missing}
		both = func(a, b ssda903.TableName) []ssda903.TableName { return []ssda903.TableName{a, b} }
	)
	register(
		&Rule{
			Code: "501", Message: "A new episode has started before the end date of the previous episode.",
			Tables: epi, Fields: []string{"DECOM", "DEC"}, Check: check501,
		},
		&Rule{
			Code: "502", Message: "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
			Tables: epi, Fields: []string{"DECOM"}, Needs: NeedLast, Check: check502,
		},
		&Rule{
			Code: "503A", Message: "The reason for new episode in the first episode does not match open episode at end of last year.",
			Description: fam500Description503("<RNE>"),
			Tables:      epi, Fields: []string{"RNE"}, Needs: NeedLast, Check: check503A,
		},
		&Rule{
			Code: "503B", Message: "The legal status in the first episode does not match open episode at end of last year.",
			Description: fam500Description503("<LS>"),
			Tables:      epi, Fields: []string{"LS"}, Needs: NeedLast, Check: check503B,
		},
		&Rule{
			Code: "503C", Message: "The category of need in the first episode does not match open episode at end of last year.",
			Description: fam500Description503("<CIN>"),
			Tables:      epi, Fields: []string{"CIN"}, Needs: NeedLast, Check: check503C,
		},
		&Rule{
			Code: "503D", Message: "The placement type in the first episode does not match open episode at end of last year",
			Description: "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s " +
				"collection <PL> must be the same as the previous episode. [For 2025/26 only: except if previous year <PL> = ‘Z1’ " +
				"and current year <PL> = ‘Z11’, ‘Z12’, ‘Z13’ or ‘Z14’.]",
			Tables: epi, Fields: []string{"PLACE"}, Needs: NeedLast, From: 2026, Check: check503D,
		},
		&Rule{
			Code: "503E", Message: "The placement provider in the first episode does not match open episode at end of last year.",
			Description: fam500Description503("<PLACE_PROVIDER>"),
			Tables:      epi, Fields: []string{"PLACE_PROVIDER"}, Needs: NeedLast, Check: check503E,
		},
		&Rule{
			Code: "503F", Message: "The Ofsted URN in the  first episode does not match open episode at end of last year.",
			Description: fam500Description503("<URN>"),
			Tables:      epi, Fields: []string{"URN"}, Needs: NeedLast, Check: check503F,
		},
		&Rule{
			Code: "503G", Message: "The distance in first episode does not match open episode at end of last year.",
			Description: "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s " +
				"collection <PL_DISTANCE> must be within 0.2 miles of the previous episode's.",
			Tables: epi, Fields: []string{"PL_DISTANCE", "HOME_POST", "PL_POST"}, Needs: NeedLast | NeedPostcodes,
			Check: check503G,
		},
		&Rule{
			Code: "503H", Message: "The placement LA in first episode does not match open episode at end of last year.",
			Description: fam500Description503("<PL_LA>"),
			Tables:      epi, Fields: []string{"PL_LA", "PL_POST"}, Needs: NeedLast | NeedPostcodes, Check: check503H,
		},
		&Rule{
			Code: "503J", Message: "The placement location in first episode does not match open episode at end of last year.",
			Description: fam500Description503("<PL_LOCATION>"),
			Tables:      epi, Fields: []string{"PL_LOCATION", "PL_POST"}, Needs: NeedLast | NeedPostcodes, Check: check503J,
		},
		&Rule{
			Code: "504", Message: "The category of need code differs from that reported at start of current period of being looked after",
			Tables: epi, Fields: []string{"CIN"}, Check: check504,
		},
		&Rule{
			Code: "511", Message: "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
			Tables: ad1, Fields: []string{"NB_ADOPTR", "SEX_ADOPTR"}, Check: check511,
		},
		&Rule{
			Code: "514", Message: "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check514,
		},
		&Rule{
			Code: "516", Message: "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
			Tables: epi, Fields: []string{"REC", "PLACE"}, Check: check516,
		},
		&Rule{
			Code: "517", Message: "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check517,
		},
		&Rule{
			Code: "518", Message: "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check518,
		},
		&Rule{
			Code: "519", Message: "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check519,
		},
		&Rule{
			Code: "520", Message: "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check520,
		},
		&Rule{
			Code: "521", Message: "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
			Description: "<DATE_INT> must be <= <DECOM> where <PLACED_FOR_ADOPTION> = 'Y' (<PL> is A3, A4, A5 or A6).",
			Tables:      both(ssda903.Episodes, ssda903.AD1), Fields: []string{"PLACE", "DECOM", "DATE_INT"}, Check: check521,
		},
		&Rule{
			Code: "522", Message: "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
			Tables: pa, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"}, Check: check522,
		},
		&Rule{
			Code: "523", Message: "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
			Tables: both(ssda903.PlacedAdoption, ssda903.AD1), Fields: []string{"DATE_PLACED", "DATE_INT"}, Check: check523,
		},
		&Rule{
			Code: "524", Message: "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
			Tables: ad1, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"}, Check: check524,
		},
		&Rule{
			Code: "525", Message: "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
			Description: "If <DATE_PLACED_CEASED> not Null, then <DATE_INT>; <DATE_MATCH>; <FOSTER_CARE>; <NB_ADOPTR>; <SEX_ADOPTR>; and <LS_ADOPTR> should not be provided.",
			Tables:      both(ssda903.PlacedAdoption, ssda903.AD1),
			Fields:      []string{"DATE_PLACED_CEASED", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
			Check:       check525,
		},
		&Rule{
			Code: "526", Message: "Child is missing a placement provider code for at least one episode.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, From: 2026, Check: check526,
		},
		&Rule{
			Code: "527", Message: "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check527,
		},
		&Rule{
			Code: "528", Message: "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check528,
		},
		&Rule{
			Code: "529", Message: "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check529,
		},
		&Rule{
			Code: "530", Message: "A placement provider code of PR4 cannot be associated with placement P1.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check530,
		},
		&Rule{
			Code: "531", Message: "A placement provider code of PR5 cannot be associated with placements P1.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check531,
		},
		&Rule{
			Code: "542", Message: "A child aged under 10 at 31 March should not have conviction information completed.",
			Tables: oc2, Fields: []string{"DOB", "CONVICTED"}, Check: check542,
		},
		&Rule{
			Code: "543", Message: "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.",
			Description: "If <DOB> >= 10 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <CONVICTED> should be provided.",
			Tables:      both(ssda903.OC2, ssda903.Episodes), Fields: []string{"DOB", "CONVICTED"}, Check: check543,
		},
		&Rule{
			Code: "544", Message: "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
			Tables: oc2, Fields: []string{"CONVICTED", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"},
			Check: check544,
		},
		&Rule{
			Code: "545", Message: "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.",
			Description: "If <DOB> < 5 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <HEALTH_CHECK> should be provided.",
			Tables:      both(ssda903.OC2, ssda903.Episodes), Fields: []string{"DOB", "HEALTH_CHECK"}, Check: check545,
		},
		&Rule{
			Code: "546", Message: "Children aged 5 or over at 31 March should not have health promotion information completed.",
			Description: "If <DOB> >= 5 years prior to <COLLECTION_END_DATE> and <CONTINUOUSLY_LOOKED_AFTER> = 'Y' then <HEALTH_CHECK> should not be provided.",
			Tables:      both(ssda903.OC2, ssda903.Episodes), Fields: []string{"DOB", "HEALTH_CHECK"}, Check: check546,
		},
		&Rule{
			Code: "547", Message: "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
			Tables: oc2, Fields: []string{"HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"},
			Check: check547,
		},
		&Rule{
			Code: "550", Message: "A placement provider code of PR0 can only be associated with placement P1.",
			Tables: epi, Fields: []string{"PLACE", "PLACE_PROVIDER"}, Check: check550,
		},
		&Rule{
			Code: "551", Message: "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
			Tables: both(ssda903.Episodes, ssda903.PlacedAdoption), Fields: []string{"DATE_PLACED", "PLACE"}, Check: check551,
		},
		&Rule{
			Code: "552", Message: "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
			Tables: both(ssda903.Episodes, ssda903.PlacedAdoption), Fields: []string{"DATE_PLACED", "DECOM", "PLACE"}, Check: check552,
		},
		&Rule{
			Code: "553", Message: "Placement order has been granted but there is no date of decision that the child should be placed for adoption.",
			Tables: both(ssda903.Episodes, ssda903.PlacedAdoption),
			Fields: []string{"CHILD", "LS", "DEC", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}, Check: check553,
		},
		&Rule{
			Code: "554", Message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted.",
			Description: "Where <LS> = 'E1' <DATE_PLACED> should be <= <DECOM> of first episode in <PERIOD_OF_CARE> with <LS> = 'E1'. " +
				"This may give false positives or false negatives when the relevant episodes are in previous years.",
			Tables: both(ssda903.Episodes, ssda903.PlacedAdoption), Fields: []string{"DATE_PLACED", "DECOM", "LS"}, Check: check554,
		},
		&Rule{
			Code: "557", Message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
			Tables: both(ssda903.Episodes, ssda903.PlacedAdoption),
			Fields: []string{"DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "PLACE", "LS", "REC"}, From: 2025, Check: check557,
		},
		&Rule{
			Code: "558", Message: "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
			Description: "If latest episode <REC> = ‘E11’ or ‘E12’ then if number of <DATE_PLACED_CEASED> in the year is > 1 then latest <DATE_PLACED_CEASED> must be NULL.",
			Tables:      both(ssda903.Episodes, ssda903.PlacedAdoption), Fields: []string{"DATE_PLACED_CEASED", "REC"}, Check: check558,
		},
		&Rule{
			Code: "559", Message: "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
			Description: "If <DATE_PLACED> < <COLLECTION_START_DATE> then <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> cannot be Null.",
			Tables:      pa, Fields: []string{"DATE_PLACED"}, Needs: NeedLast, Check: check559,
		},
		&Rule{
			Code: "560", Message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
			Description: "If <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> has been provided and <DATE_PLACED_CEASED> is Null then " +
				"<CURRENT_COLLECTION_YEAR> <DATE_PLACED> should = <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED>.",
			Tables: pa, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"}, Needs: NeedLast, Check: check560,
		},
		&Rule{
			Code: "561", Message: "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
			Description: "If <CURRENT_COLLECTION_YEAR> <DATE_PLACED> is = <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> then " +
				"<CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> should be Null.",
			Tables: pa, Fields: []string{"DATE_PLACED"}, Needs: NeedLast, Check: check561,
		},
		&Rule{
			Code: "562", Message: "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
			Tables: epi, Fields: []string{"DECOM"}, Needs: NeedLast, Check: check562,
		},
		&Rule{
			Code: "563", Message: "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
			Tables: pa, Fields: []string{"DATE_PLACED", "REASON_PLACED_CEASED", "DATE_PLACED_CEASED"}, Check: check563,
		},
		&Rule{
			Code: "564", Message: "Child was missing or away from placement without authorisation and the date started is blank.",
			Tables: mis, Fields: []string{"MISSING", "MIS_START"}, Check: check564,
		},
		&Rule{
			Code: "565", Message: "The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.",
			Tables: mis, Fields: []string{"MISSING", "MIS_START"}, Check: check565,
		},
		&Rule{
			Code: "566", Message: "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
			Tables: mis, Fields: []string{"MISSING", "MIS_END"}, Check: check566,
		},
		&Rule{
			Code: "567", Message: "The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.",
			Tables: mis, Fields: []string{"MIS_START", "MIS_END"}, Check: check567,
		},
		&Rule{
			Code: "570", Message: "The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.",
			Tables: mis, Fields: []string{"MIS_START"}, Check: check570,
		},
		&Rule{
			Code: "571", Message: "The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.",
			Tables: mis, Fields: []string{"MIS_END"}, Check: check571,
		},
		&Rule{
			Code: "574", Message: "A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.",
			Tables: mis, Fields: []string{"MIS_START", "MIS_END"}, Check: check574,
		},
		&Rule{
			Code: "575", Message: "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.",
			Tables: both(ssda903.Episodes, ssda903.Missing), Fields: []string{"MIS_START", "MIS_END"}, Check: check575,
		},
		&Rule{
			Code: "576", Message: "There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.",
			Tables: mis, Fields: []string{"CHILD", "MIS_START"}, Needs: NeedLast, Check: check576,
		},
		&Rule{
			Code: "577", Message: "Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.",
			Tables: both(ssda903.Episodes, ssda903.Missing), Fields: []string{"MIS_START", "MIS_END"}, Check: check577,
		},
		&Rule{
			Code: "578", Message: "The date that the child started to be missing is after the child ceased to be looked after.",
			Description: "If <MIS_START> >= <DEC>, then no missing/away from placement information should be recorded.",
			Tables:      both(ssda903.Episodes, ssda903.Missing), Fields: []string{"MIS_START"}, Uses: NeedLast, Check: check578,
		},
		&Rule{
			Code: "579", Message: "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
			Tables: pa, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"}, Check: check579,
		},
		&Rule{
			Code: "580", Message: "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
			Tables: both(ssda903.Episodes, ssda903.Missing), Fields: []string{"DEC", "REC"}, Check: check580,
		},
		&Rule{
			Code: "581", Message: "Child is missing but has not yet started to be looked after.",
			Tables: both(ssda903.Episodes, ssda903.Missing), Fields: []string{"MIS_START"}, Uses: NeedLast, Check: check581,
		},
		&Rule{
			Code: "582", Message: "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
			Description: "If <REC> = 'E11' or 'E12' then that episode <DEC> should not = <DATE_MATCH>.",
			Tables:      both(ssda903.Episodes, ssda903.AD1), Fields: []string{"REC", "DEC", "DATE_MATCH"}, Check: check582,
		},
		&Rule{
			Code: "583", Message: "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
			Description: "If more than one <DATE_PLACED> is present, then all but the latest <DATE_PLACED> must have <DATE_PLACED_CEASED> " +
				"(the latest <DATE_PLACED> may or may not have <DATE_PLACED_CEASED>).",
			Tables: pa, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"}, Check: check583,
		},
		&Rule{
			Code: "584", Message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
			Description: "If <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED> has been provided and <DATE_PLACED_CEASED> and or " +
				"<REASON_PLACED_CEASED> is not NULL then <CURRENT_COLLECTION_YEAR> <DATE_PLACED> must be > <CURRENT_COLLECTION_YEAR> -1 <DATE_PLACED>.",
			Tables: pa, Fields: []string{"DATE_PLACED"}, Needs: NeedLast, Check: check584,
		},
		&Rule{
			Code: "586", Message: "Dates of missing periods are before child’s date of birth.",
			Tables: mis, Fields: []string{"DOB", "MIS_START"}, Check: check586,
		},
	)
}

// ---- small helpers of this family ----

// fam500SameDate reports whether two date fields hold the same date: the
// same day when both are valid dates, otherwise the same non-blank text.
func fam500SameDate(a, b DateField) bool {
	if a.OK && b.OK {
		return a.Day == b.Day
	}
	return a.Text != "" && a.Text == b.Text
}

// fam500AdoptionPlace reports whether a placement is a placement for
// adoption (A3 to A6).
func fam500AdoptionPlace(place string) bool { return oneOf(place, "A3", "A4", "A5", "A6") }

// ---- 501 to 504: episodes, and the first episode against last year's ----

// check501: a new episode must not start before the previous episode (in
// DECOM order) ended: <DECOM> must not be before the previous <DEC>.
func check501(c *Context) {
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for i := 1; i < len(eps); i++ {
			prev, e := eps[i-1], eps[i]
			if e.DECOM.OK && prev.DEC.OK && e.DECOM.Day < prev.DEC.Day {
				c.Fail(e.Ref, fmt.Sprintf("episode starts %s but the previous episode (from %s) ended %s",
					e.DECOM.Text, prev.DECOM.Text, prev.DEC.Text))
			}
		}
	})
}

// check502: where last year's return ended with an open episode (no
// <DEC>), the first episode this year must start on the same <DECOM>.
func check502(c *Context) {
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
					first.DECOM.Text, showDate(l.DECOM)))
				return
			}
		}
	})
}

// fam500Description503 is the DfE's description of 503A–J for a field.
func fam500Description503(field string) string {
	return "Where previous collection year’s final episode <DEC> not provided then first episode of this year’s collection " +
		field + " must be the same as the previous episode."
}

// fam500CarriedOver calls fn for each child whose final episode in last
// year's return (latest <DECOM>) has no valid <DEC>, with the child's first
// episode this year (earliest <DECOM>) and that final episode. This is the
// pairing the 503 family compares.
func fam500CarriedOver(c *Context, fn func(first, last *EpisodeRow)) {
	for _, p := range fam500CarriedOverPairs(c.Input) {
		fn(p[0], p[1])
	}
}

func fam500CarriedOverPairs(in *Input) [][2]*EpisodeRow {
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

// fam500FieldDifferent is 503A–F: the first episode's field must equal
// that of last year's open final episode. except, when given, lets a
// change through.
func fam500FieldDifferent(c *Context, field string, get func(*EpisodeRow) string, except func(this, last string) bool) {
	fam500CarriedOver(c, func(first, last *EpisodeRow) {
		now, was := get(first), get(last)
		if now == was || (except != nil && except(now, was)) {
			return
		}
		c.Fail(first.Ref, fmt.Sprintf("first episode this year (from %s) has %s %s but last year's open episode (from %s) had %s %s",
			first.DECOM.Text, field, showQuoted(now), last.DECOM.Text, field, showQuoted(was)))
	})
}

// check503A: the first episode's <RNE> must match last year's open final episode.
func check503A(c *Context) {
	fam500FieldDifferent(c, "RNE", func(e *EpisodeRow) string { return e.RNE }, nil)
}

// check503B: the first episode's <LS> must match last year's open final episode.
func check503B(c *Context) {
	fam500FieldDifferent(c, "LS", func(e *EpisodeRow) string { return e.LS }, nil)
}

// check503C: the first episode's <CIN> must match last year's open final episode.
func check503C(c *Context) {
	fam500FieldDifferent(c, "CIN", func(e *EpisodeRow) string { return e.CIN }, nil)
}

// check503D: the first episode's <PL> must match last year's open final
// episode; in 2025/26 a move from Z1 to Z11–Z14 (which replaced it) passes.
func check503D(c *Context) {
	var except func(now, was string) bool
	if c.Year == 2026 {
		except = func(now, was string) bool { return was == "Z1" && oneOf(now, "Z11", "Z12", "Z13", "Z14") }
	}
	fam500FieldDifferent(c, "PLACE", func(e *EpisodeRow) string { return e.PLACE }, except)
}

// check503E: the first episode's <PLACE_PROVIDER> must match last year's open final episode.
func check503E(c *Context) {
	fam500FieldDifferent(c, "PLACE_PROVIDER", func(e *EpisodeRow) string { return e.PLACE_PROVIDER }, nil)
}

// check503F: the first episode's <URN> must match last year's open final episode.
func check503F(c *Context) {
	fam500FieldDifferent(c, "URN", func(e *EpisodeRow) string { return e.URN }, nil)
}

// check503G: the first episode's <PL_DISTANCE> must be within 0.2 miles of
// last year's open final episode's; a distance this year where last year
// had none also fails.
func check503G(c *Context) {
	fam500CarriedOver(c, func(first, last *EpisodeRow) {
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
}

// check503H: the first episode's <PL_LA> must match last year's open final episode.
func check503H(c *Context) {
	fam500FieldDifferent(c, "PL_LA", func(e *EpisodeRow) string {
		if e.Derived == nil {
			return ""
		}
		return e.Derived.PL_LA
	}, nil)
}

// check503J: the first episode's <PL_LOCATION> must match last year's open final episode.
func check503J(c *Context) {
	fam500FieldDifferent(c, "PL_LOCATION", func(e *EpisodeRow) string {
		if e.Derived == nil {
			return ""
		}
		return e.Derived.PL_LOCATION
	}, nil)
}

// check504: where the previous episode ended with X1 on the day this one
// started (the same period of care), <CIN> must not change.
func check504(c *Context) {
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for i := 1; i < len(eps); i++ {
			prev, e := eps[i-1], eps[i]
			if prev.REC == "X1" && prev.DEC.OK && e.DECOM.OK && prev.DEC.Day == e.DECOM.Day && e.CIN != prev.CIN {
				c.Fail(e.Ref, fmt.Sprintf("CIN %s, but the previous episode, which ended X1 on %s, had CIN %s",
					showQuoted(e.CIN), prev.DEC.Text, showQuoted(prev.CIN)))
			}
		}
	})
}

// ---- 511 to 531: adopters, placements and providers ----

// check511: where <NB_ADOPTR> is 2, <SEX_ADOPTR> must not be M1 or F1.
func check511(c *Context) {
	for _, a := range c.This.AD1 {
		if a.NB_ADOPTR == "2" && oneOf(a.SEX_ADOPTR, "M1", "F1") {
			c.Fail(a.Ref, fmt.Sprintf("NB_ADOPTR is 2 (a couple) but SEX_ADOPTR is %q, a single adopter", a.SEX_ADOPTR))
		}
	}
}

// check514: where <LS_ADOPTR> is L0 (single adopter), <SEX_ADOPTR> must be M1 or F1.
func check514(c *Context) {
	for _, a := range c.This.AD1 {
		if a.LS_ADOPTR == "L0" && !oneOf(a.SEX_ADOPTR, "M1", "F1") {
			c.Fail(a.Ref, fmt.Sprintf("LS_ADOPTR is L0 (single adopter) but SEX_ADOPTR is %s, not M1 or F1", showQuoted(a.SEX_ADOPTR)))
		}
	}
}

// check516: where <REC> is E45 or E46, <PL> must be U1 to U6.
func check516(c *Context) {
	for _, e := range c.This.Episodes {
		if oneOf(e.REC, "E45", "E46") && !oneOf(e.PLACE, "U1", "U2", "U3", "U4", "U5", "U6") {
			c.Fail(e.Ref, fmt.Sprintf("REC is %s but PLACE is %s, not U1 to U6", e.REC, showQuoted(e.PLACE)))
		}
	}
}

// fam500AdopterSexes is 517, 518, 520 and 524: where <LS_ADOPTR> is ls,
// <SEX_ADOPTR> must be one of allowed.
func fam500AdopterSexes(c *Context, ls string, allowed ...string) {
	for _, a := range c.This.AD1 {
		if a.LS_ADOPTR == ls && !oneOf(a.SEX_ADOPTR, allowed...) {
			c.Fail(a.Ref, fmt.Sprintf("LS_ADOPTR is %s but SEX_ADOPTR is %s, not %s", ls, showQuoted(a.SEX_ADOPTR), fam500Or(allowed)))
		}
	}
}

// fam500Or lists codes as "A", "A or B", "A, B or C".
func fam500Or(codes []string) string {
	s := ""
	for i, c := range codes {
		switch {
		case i == 0:
		case i == len(codes)-1:
			s += " or "
		default:
			s += ", "
		}
		s += c
	}
	return s
}

// check517: where <LS_ADOPTR> is L3, <SEX_ADOPTR> must be MF.
func check517(c *Context) { fam500AdopterSexes(c, "L3", "MF") }

// check518: where <LS_ADOPTR> is L4, <SEX_ADOPTR> must be MM or FF.
func check518(c *Context) { fam500AdopterSexes(c, "L4", "MM", "FF") }

// check519: where <LS_ADOPTR> is L2 (civil partnership), <SEX_ADOPTR> must be a couple: MM, FF or MF.
func check519(c *Context) { fam500AdopterSexes(c, "L2", "MM", "FF", "MF") }

// check520: where <LS_ADOPTR> is L11 (different-gender married couple), <SEX_ADOPTR> must be MF.
func check520(c *Context) { fam500AdopterSexes(c, "L11", "MF") }

// check524: where <LS_ADOPTR> is L12, <SEX_ADOPTR> must be MM or FF.
func check524(c *Context) { fam500AdopterSexes(c, "L12", "MM", "FF") }

// check521: <DATE_INT> must be on or before the <DECOM> of every episode in
// which the child is placed for adoption (<PL> A3 to A6). Both the episode
// and the AD1 row are flagged.
func check521(c *Context) {
	latestInt := map[string]DateField{} // each child's latest valid DATE_INT
	for _, a := range c.This.AD1 {
		if a.DATE_INT.OK {
			if d, ok := latestInt[a.CHILD]; !ok || a.DATE_INT.Day > d.Day {
				latestInt[a.CHILD] = a.DATE_INT
			}
		}
	}
	firstPlaced := map[string]*EpisodeRow{} // each child's earliest valid A3–A6 episode
	for _, e := range c.This.Episodes {
		if !fam500AdoptionPlace(e.PLACE) || !e.DECOM.OK {
			continue
		}
		if f := firstPlaced[e.CHILD]; f == nil || e.DECOM.Day < f.DECOM.Day {
			firstPlaced[e.CHILD] = e
		}
		if d, ok := latestInt[e.CHILD]; ok && d.Day > e.DECOM.Day {
			c.Fail(e.Ref, fmt.Sprintf("placed for adoption (%s) from %s but AD1 has DATE_INT %s, which is later", e.PLACE, e.DECOM.Text, d.Text))
		}
	}
	for _, a := range c.This.AD1 {
		if f := firstPlaced[a.CHILD]; f != nil && a.DATE_INT.OK && a.DATE_INT.Day > f.DECOM.Day {
			c.Fail(a.Ref, fmt.Sprintf("DATE_INT %s is after the child was placed for adoption (%s) on %s", a.DATE_INT.Text, f.PLACE, f.DECOM.Text))
		}
	}
}

// check522: <DATE_PLACED_CEASED> must not be before <DATE_PLACED>.
func check522(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		if p.DATE_PLACED.OK && p.DATE_PLACED_CEASED.OK && p.DATE_PLACED_CEASED.Day < p.DATE_PLACED.Day {
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s is before DATE_PLACED %s", p.DATE_PLACED_CEASED.Text, p.DATE_PLACED.Text))
		}
	}
}

// fam500Dates collects the distinct valid dates of a child, up to two: enough
// to tell whether any differs from a given date.
type fam500Dates struct {
	first, second DateField
	n             int // distinct dates seen, at most 2
}

func (d *fam500Dates) add(f DateField) {
	switch {
	case !f.OK:
	case d.n == 0:
		d.first, d.n = f, 1
	case d.n == 1 && f.Day != d.first.Day:
		d.second, d.n = f, 2
	}
}

// other returns a date different from day, when there is one.
func (d *fam500Dates) other(day calendar.Date) (string, bool) {
	switch {
	case d == nil || d.n == 0:
		return "", false
	case d.first.Day != day:
		return d.first.Text, true
	case d.n > 1:
		return d.second.Text, true
	}
	return "", false
}

// check523: <DATE_PLACED> (PlacedAdoption) must equal <DATE_INT> (AD1) for
// the child, where both are given. Rows of both tables are flagged.
func check523(c *Context) {
	ints := map[string]*fam500Dates{}
	for _, a := range c.This.AD1 {
		if ints[a.CHILD] == nil {
			ints[a.CHILD] = &fam500Dates{}
		}
		ints[a.CHILD].add(a.DATE_INT)
	}
	placed := map[string]*fam500Dates{}
	for _, p := range c.This.PlacedAdoption {
		if placed[p.CHILD] == nil {
			placed[p.CHILD] = &fam500Dates{}
		}
		placed[p.CHILD].add(p.DATE_PLACED)
	}
	for _, p := range c.This.PlacedAdoption {
		if !p.DATE_PLACED.OK {
			continue
		}
		if d, ok := ints[p.CHILD].other(p.DATE_PLACED.Day); ok {
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s differs from DATE_INT %s in AD1", p.DATE_PLACED.Text, d))
		}
	}
	for _, a := range c.This.AD1 {
		if !a.DATE_INT.OK {
			continue
		}
		if d, ok := placed[a.CHILD].other(a.DATE_INT.Day); ok {
			c.Fail(a.Ref, fmt.Sprintf("DATE_INT %s differs from DATE_PLACED %s in PlacedAdoption", a.DATE_INT.Text, d))
		}
	}
}

// fam500AdoptionGiven names the first AD1 adoption item given, or "".
func fam500AdoptionGiven(a *AD1Row) string {
	for _, f := range []struct{ name, value string }{
		{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
		{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
	} {
		if f.value != "" {
			return fmt.Sprintf("%s %q", f.name, f.value)
		}
	}
	return ""
}

// check525: where <DATE_PLACED_CEASED> is given, the child's AD1 adoption
// items must be blank. Rows of both tables are flagged.
func check525(c *Context) {
	adopted := map[string]string{} // child -> first adoption item given
	for _, a := range c.This.AD1 {
		if g := fam500AdoptionGiven(a); g != "" && adopted[a.CHILD] == "" {
			adopted[a.CHILD] = g
		}
	}
	reversed := map[string]string{} // child -> DATE_PLACED_CEASED
	for _, p := range c.This.PlacedAdoption {
		if p.DATE_PLACED_CEASED.Blank() {
			continue
		}
		if _, ok := reversed[p.CHILD]; !ok {
			reversed[p.CHILD] = p.DATE_PLACED_CEASED.Text
		}
		if g := adopted[p.CHILD]; g != "" {
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED is %s but AD1 has %s", p.DATE_PLACED_CEASED.Text, g))
		}
	}
	for _, a := range c.This.AD1 {
		if d, ok := reversed[a.CHILD]; ok {
			if g := fam500AdoptionGiven(a); g != "" {
				c.Fail(a.Ref, fmt.Sprintf("%s is given but PlacedAdoption has DATE_PLACED_CEASED %s", g, d))
			}
		}
	}
}

// check526: <PLACE_PROVIDER> must be given unless <PL> is a temporary move
// (T0–T4) or Z11–Z14.
func check526(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER == "" && !Temporary(e.PLACE) && !oneOf(e.PLACE, "Z11", "Z12", "Z13", "Z14") {
			c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER is blank for PLACE %s", showQuoted(e.PLACE)))
		}
	}
}

// fam500ProviderPlaces flags episodes with <PLACE_PROVIDER> provider whose
// <PL> is one of places.
func fam500ProviderPlaces(c *Context, provider string, places ...string) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER == provider && oneOf(e.PLACE, places...) {
			c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER %s with PLACE %s", provider, e.PLACE))
		}
	}
}

// check527: <PLACE_PROVIDER> PR1 must not go with <PL> P1, R2 or R5.
func check527(c *Context) { fam500ProviderPlaces(c, "PR1", "P1", "R2", "R5") }

// check528: <PLACE_PROVIDER> PR2 must not go with <PL> P1, R2 or R5.
func check528(c *Context) { fam500ProviderPlaces(c, "PR2", "P1", "R2", "R5") }

// check529: <PLACE_PROVIDER> PR3 must not go with <PL> P1, A3–A6, K1, K2 or U1–U6.
func check529(c *Context) {
	fam500ProviderPlaces(c, "PR3", "A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6")
}

// check530: <PLACE_PROVIDER> PR4 must not go with <PL> P1.
func check530(c *Context) { fam500ProviderPlaces(c, "PR4", "P1") }

// check531: <PLACE_PROVIDER> PR5 must not go with <PL> P1.
func check531(c *Context) { fam500ProviderPlaces(c, "PR5", "P1") }

// check550: <PLACE_PROVIDER> PR0 may only go with <PL> P1.
func check550(c *Context) {
	for _, e := range c.This.Episodes {
		if e.PLACE_PROVIDER == "PR0" && e.PLACE != "P1" {
			c.Fail(e.Ref, fmt.Sprintf("PLACE_PROVIDER PR0 with PLACE %s", showQuoted(e.PLACE)))
		}
	}
}

// ---- 542 to 547: outcomes (OC2) ----

// check542: a child aged under 10 at 31 March must have <CONVICTED> blank.
func check542(c *Context) {
	for _, o := range c.This.OC2 {
		if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age < 10 && o.CONVICTED != "" {
			c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) but CONVICTED is %q", age, c.Year.End(), o.DOB.Text, o.CONVICTED))
		}
	}
}

// check543: a child aged 10 or over at 31 March and continuously looked
// after for the year must have <CONVICTED> given.
func check543(c *Context) {
	for _, o := range c.This.OC2 {
		if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age >= 10 && o.CONVICTED == "" && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) and looked after all year but CONVICTED is blank", age, c.Year.End(), o.DOB.Text))
		}
	}
}

// fam500HealthItemsBlank names the blank items among IMMUNISATIONS,
// TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE.
func fam500HealthItemsBlank(o *OC2Row) string {
	var blank []string
	for _, f := range []struct{ name, value string }{
		{"IMMUNISATIONS", o.IMMUNISATIONS}, {"TEETH_CHECK", o.TEETH_CHECK},
		{"HEALTH_ASSESSMENT", o.HEALTH_ASSESSMENT}, {"SUBSTANCE_MISUSE", o.SUBSTANCE_MISUSE},
	} {
		if f.value == "" {
			blank = append(blank, f.name)
		}
	}
	switch len(blank) {
	case 0:
		return ""
	case 1:
		return blank[0] + " is blank"
	}
	return fam500And(blank) + " are blank"
}

// fam500And lists names as "A and B", "A, B and C".
func fam500And(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += n
	}
	return s
}

// check544: where <CONVICTED> is 1, <IMMUNISATIONS>, <TEETH_CHECK>,
// <HEALTH_ASSESSMENT> and <SUBSTANCE_MISUSE> must be given.
func check544(c *Context) {
	for _, o := range c.This.OC2 {
		if o.CONVICTED == "1" {
			if b := fam500HealthItemsBlank(o); b != "" {
				c.Fail(o.Ref, "CONVICTED is 1 but "+b)
			}
		}
	}
}

// check545: a child aged under 5 at 31 March and continuously looked after
// for the year must have <HEALTH_CHECK> given.
func check545(c *Context) {
	for _, o := range c.This.OC2 {
		if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age < 5 && o.HEALTH_CHECK == "" && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) and looked after all year but HEALTH_CHECK is blank", age, c.Year.End(), o.DOB.Text))
		}
	}
}

// check546: a child aged 5 or over at 31 March and continuously looked
// after for the year must have <HEALTH_CHECK> blank.
func check546(c *Context) {
	for _, o := range c.This.OC2 {
		if age, ok := AgeOn(o.DOB, c.Year.End()); ok && age >= 5 && o.HEALTH_CHECK != "" && c.ContinuouslyLookedAfter(o.CHILD) {
			c.Fail(o.Ref, fmt.Sprintf("aged %d on %s (born %s) but HEALTH_CHECK is %q", age, c.Year.End(), o.DOB.Text, o.HEALTH_CHECK))
		}
	}
}

// check547: where <HEALTH_CHECK> is 1, <IMMUNISATIONS>, <TEETH_CHECK>,
// <HEALTH_ASSESSMENT> and <SUBSTANCE_MISUSE> must be given.
func check547(c *Context) {
	for _, o := range c.This.OC2 {
		if o.HEALTH_CHECK == "1" {
			if b := fam500HealthItemsBlank(o); b != "" {
				c.Fail(o.Ref, "HEALTH_CHECK is 1 but "+b)
			}
		}
	}
}

// ---- 551 to 563, 579, 582 to 584: placed for adoption ----

// check551: a child placed for adoption (<PL> A3 to A6) must have a
// PlacedAdoption row, and every one of the child's rows a <DATE_PLACED>.
func check551(c *Context) {
	rows := map[string]int{}
	blank := map[string]bool{}
	for _, p := range c.This.PlacedAdoption {
		rows[p.CHILD]++
		if p.DATE_PLACED.Blank() {
			blank[p.CHILD] = true
		}
	}
	for _, e := range c.This.Episodes {
		if !fam500AdoptionPlace(e.PLACE) {
			continue
		}
		switch {
		case rows[e.CHILD] == 0:
			c.Fail(e.Ref, fmt.Sprintf("PLACE is %s but the child has no PlacedAdoption row", e.PLACE))
		case blank[e.CHILD]:
			c.Fail(e.Ref, fmt.Sprintf("PLACE is %s but the child's PlacedAdoption DATE_PLACED is blank", e.PLACE))
		}
	}
}

// check552: the latest <DATE_PLACED> must be on or before the <DECOM> of the
// first episode placed for adoption (<PL> A3 to A6). Both rows are flagged.
func check552(c *Context) {
	latest := map[string]*PlacedAdoptionRow{}
	for _, p := range c.This.PlacedAdoption {
		if !p.DATE_PLACED.OK {
			continue
		}
		if l := latest[p.CHILD]; l == nil || p.DATE_PLACED.Day > l.DATE_PLACED.Day {
			latest[p.CHILD] = p
		}
	}
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		p := latest[eps[0].CHILD]
		if p == nil {
			return
		}
		for _, e := range eps {
			if !e.DECOM.OK || !fam500AdoptionPlace(e.PLACE) {
				continue
			}
			if e.DECOM.Day < p.DATE_PLACED.Day {
				c.Fail(e.Ref, fmt.Sprintf("placed for adoption (%s) from %s, before the decision DATE_PLACED %s", e.PLACE, e.DECOM.Text, p.DATE_PLACED.Text))
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is after the child was placed for adoption (%s) on %s", p.DATE_PLACED.Text, e.PLACE, e.DECOM.Text))
			}
			return // only the first placement for adoption counts
		}
	})
}

// check553: a child with a placement order (<LS> E1) must have a
// PlacedAdoption row; and while an E1 episode is open, the child's
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must be blank.
func check553(c *Context) {
	hasRow := map[string]bool{}
	for _, p := range c.This.PlacedAdoption {
		hasRow[p.CHILD] = true
	}
	openE1 := map[string]DateField{} // child -> DECOM of an open E1 episode
	for _, e := range c.This.Episodes {
		if e.LS != "E1" {
			continue
		}
		if !hasRow[e.CHILD] {
			c.Fail(e.Ref, "LS is E1 (placement order) but the child has no PlacedAdoption row")
		}
		if _, seen := openE1[e.CHILD]; e.DEC.Blank() && !seen {
			openE1[e.CHILD] = e.DECOM
		}
	}
	for _, p := range c.This.PlacedAdoption {
		from, open := openE1[p.CHILD]
		if !open || (p.DATE_PLACED_CEASED.Blank() && p.REASON_PLACED_CEASED == "") {
			continue
		}
		c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s and REASON_PLACED_CEASED %s, but the child has an open placement order episode (LS E1, DECOM %s)",
			showDate(p.DATE_PLACED_CEASED), showQuoted(p.REASON_PLACED_CEASED), showDate(from)))
	}
}

// check554: <DATE_PLACED> must be on or before the <DECOM> of the child's
// first episode with <LS> E1. Both rows are flagged.
func check554(c *Context) {
	firstE1 := map[string]*EpisodeRow{}
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for _, e := range eps {
			if e.LS == "E1" {
				if e.DECOM.OK {
					firstE1[e.CHILD] = e
				}
				return
			}
		}
	})
	flagged := map[*EpisodeRow]bool{}
	for _, p := range c.This.PlacedAdoption {
		e := firstE1[p.CHILD]
		if e == nil || !p.DATE_PLACED.OK || p.DATE_PLACED.Day <= e.DECOM.Day {
			continue
		}
		c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is after the placement order (LS E1) from %s", p.DATE_PLACED.Text, e.DECOM.Text))
		if !flagged[e] {
			flagged[e] = true
			c.Fail(e.Ref, fmt.Sprintf("placement order (LS E1) from %s, before the decision DATE_PLACED %s", e.DECOM.Text, p.DATE_PLACED.Text))
		}
	}
}

// check557: where a child placed for adoption (<PL> A3 to A6) or with a
// placement order (<LS> E1) leaves care other than by adoption (<REC> not
// E11, E12 or X1), the child must have a PlacedAdoption row with
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> given. The episode and any
// incomplete PlacedAdoption rows are flagged.
func check557(c *Context) {
	rows := map[string]int{}
	incomplete := map[string]bool{}
	for _, p := range c.This.PlacedAdoption {
		rows[p.CHILD]++
		if p.DATE_PLACED_CEASED.Blank() || p.REASON_PLACED_CEASED == "" {
			incomplete[p.CHILD] = true
		}
	}
	left := map[string]*EpisodeRow{}
	for _, e := range c.This.Episodes {
		if !(fam500AdoptionPlace(e.PLACE) || e.LS == "E1") || e.REC == "" || oneOf(e.REC, "E11", "E12", "X1") {
			continue
		}
		if left[e.CHILD] == nil {
			left[e.CHILD] = e
		}
		switch {
		case rows[e.CHILD] == 0:
			c.Fail(e.Ref, fmt.Sprintf("left care with REC %s (PLACE %s, LS %s) but the child has no PlacedAdoption row",
				e.REC, showQuoted(e.PLACE), showQuoted(e.LS)))
		case incomplete[e.CHILD]:
			c.Fail(e.Ref, fmt.Sprintf("left care with REC %s (PLACE %s, LS %s) but the child's DATE_PLACED_CEASED or REASON_PLACED_CEASED is blank",
				e.REC, showQuoted(e.PLACE), showQuoted(e.LS)))
		}
	}
	for _, p := range c.This.PlacedAdoption {
		e := left[p.CHILD]
		if e == nil || !(p.DATE_PLACED_CEASED.Blank() || p.REASON_PLACED_CEASED == "") {
			continue
		}
		c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED_CEASED %s and REASON_PLACED_CEASED %s, but the child left care with REC %s (DEC %s)",
			showDate(p.DATE_PLACED_CEASED), showQuoted(p.REASON_PLACED_CEASED), e.REC, showDate(e.DEC)))
	}
}

// check558: where an episode ends in adoption (<REC> E11 or E12) and every
// one of the child's PlacedAdoption rows has <DATE_PLACED_CEASED>, there must
// not be more than one: the latest decision should not have ceased.
func check558(c *Context) {
	ceased := map[string]int{}
	blank := map[string]bool{}
	for _, p := range c.This.PlacedAdoption {
		if p.DATE_PLACED_CEASED.Blank() {
			blank[p.CHILD] = true
		} else {
			ceased[p.CHILD]++
		}
	}
	for _, e := range c.This.Episodes {
		if oneOf(e.REC, "E11", "E12") && !blank[e.CHILD] && ceased[e.CHILD] > 1 {
			c.Fail(e.Ref, fmt.Sprintf("adopted (REC %s) but all %d of the child's PlacedAdoption rows have DATE_PLACED_CEASED", e.REC, ceased[e.CHILD]))
		}
	}
}

// fam500LastPlaced groups last year's PlacedAdoption rows by child, or
// returns nil when last year's return has no PlacedAdoption table.
func fam500LastPlaced(c *Context) map[string][]*PlacedAdoptionRow {
	if !c.Last.Has(ssda903.PlacedAdoption) {
		return nil
	}
	return GroupByChild(c.Last.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
}

// check559: where <DATE_PLACED> is before the collection year, last year's
// return must have the child's <DATE_PLACED>.
func check559(c *Context) {
	last := fam500LastPlaced(c)
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
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is before %s but last year's DATE_PLACED is %s", p.DATE_PLACED.Text, start, showDate(l.DATE_PLACED)))
				break
			}
		}
	}
}

// check560: where last year's <DATE_PLACED> is given and its
// <DATE_PLACED_CEASED> blank, this year's <DATE_PLACED> must be the same.
func check560(c *Context) {
	last := fam500LastPlaced(c)
	for _, p := range c.This.PlacedAdoption {
		for _, l := range last[p.CHILD] {
			if !l.DATE_PLACED.Blank() && l.DATE_PLACED_CEASED.Blank() && !fam500SameDate(p.DATE_PLACED, l.DATE_PLACED) {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s but last year it was %s and had not ceased", showDate(p.DATE_PLACED), showDate(l.DATE_PLACED)))
				break
			}
		}
	}
}

// check561: where this year's <DATE_PLACED> equals last year's, last year's
// <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must be blank.
func check561(c *Context) {
	last := fam500LastPlaced(c)
	for _, p := range c.This.PlacedAdoption {
		for _, l := range last[p.CHILD] {
			if fam500SameDate(p.DATE_PLACED, l.DATE_PLACED) && (!l.DATE_PLACED_CEASED.Blank() || l.REASON_PLACED_CEASED != "") {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s as last year, but last year's decision ceased (DATE_PLACED_CEASED %s, REASON_PLACED_CEASED %s)",
					p.DATE_PLACED.Text, showDate(l.DATE_PLACED_CEASED), showQuoted(l.REASON_PLACED_CEASED)))
				break
			}
		}
	}
}

// check562: the child's earliest episode that started before the
// collection year must be last year's final episode (the same <DECOM>).
func check562(c *Context) {
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
}

// check563: where <REASON_PLACED_CEASED> and <DATE_PLACED_CEASED> are given,
// <DATE_PLACED> must be given.
func check563(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		if p.REASON_PLACED_CEASED != "" && !p.DATE_PLACED_CEASED.Blank() && p.DATE_PLACED.Blank() {
			c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED is blank but the decision ceased on %s (REASON_PLACED_CEASED %q)", p.DATE_PLACED_CEASED.Text, p.REASON_PLACED_CEASED))
		}
	}
}

// check579: in <DATE_PLACED> order, each of a child's decisions must start
// after the previous one ceased: the previous <DATE_PLACED_CEASED> must be a
// date and not after this <DATE_PLACED>.
func check579(c *Context) {
	_, groups := childGroups(c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
	for _, rows := range groups {
		sorted := append([]*PlacedAdoptionRow(nil), rows...)
		sort.SliceStable(sorted, func(i, j int) bool { return dateCmp(sorted[i].DATE_PLACED, sorted[j].DATE_PLACED) < 0 })
		for i := 1; i < len(sorted); i++ {
			prev, p := sorted[i-1], sorted[i]
			switch {
			case !prev.DATE_PLACED_CEASED.OK:
				c.Fail(p.Ref, fmt.Sprintf("decision of %s follows the decision of %s, whose DATE_PLACED_CEASED is %s",
					showDate(p.DATE_PLACED), showDate(prev.DATE_PLACED), showDate(prev.DATE_PLACED_CEASED)))
			case p.DATE_PLACED.OK && p.DATE_PLACED.Day < prev.DATE_PLACED_CEASED.Day:
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is before the previous decision (of %s) ceased on %s",
					p.DATE_PLACED.Text, showDate(prev.DATE_PLACED), prev.DATE_PLACED_CEASED.Text))
			}
		}
	}
}

// check582: where an episode ends in adoption (<REC> E11 or E12), its <DEC>
// must not equal the child's <DATE_MATCH>.
func check582(c *Context) {
	matches := GroupByChild(c.This.AD1, func(a *AD1Row) string { return a.CHILD })
	for _, e := range c.This.Episodes {
		if !oneOf(e.REC, "E11", "E12") {
			continue
		}
		for _, a := range matches[e.CHILD] {
			if fam500SameDate(e.DEC, a.DATE_MATCH) {
				c.Fail(e.Ref, fmt.Sprintf("adopted (REC %s) on %s, the same day as DATE_MATCH", e.REC, e.DEC.Text))
				break
			}
		}
	}
}

// check583: where a child has more than one decision to be placed for
// adoption, every decision but the latest (<DATE_PLACED>) must have a
// <DATE_PLACED_CEASED>.
func check583(c *Context) {
	_, groups := childGroups(c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
	for _, rows := range groups {
		latest := rows[0] // the latest valid DATE_PLACED, the first row when none is valid
		for _, p := range rows[1:] {
			if p.DATE_PLACED.OK && (!latest.DATE_PLACED.OK || p.DATE_PLACED.Day > latest.DATE_PLACED.Day) {
				latest = p
			}
		}
		for _, p := range rows {
			if p != latest && p.DATE_PLACED_CEASED.Blank() {
				c.Fail(p.Ref, fmt.Sprintf("decision of %s has no DATE_PLACED_CEASED but a later decision (%s) was reported",
					showDate(p.DATE_PLACED), showDate(latest.DATE_PLACED)))
			}
		}
	}
}

// check584: where last year's <DATE_PLACED> is given and its decision ceased
// (<DATE_PLACED_CEASED> or <REASON_PLACED_CEASED> given), this year's
// <DATE_PLACED> must be after last year's.
func check584(c *Context) {
	last := fam500LastPlaced(c)
	for _, p := range c.This.PlacedAdoption {
		for _, l := range last[p.CHILD] {
			if l.DATE_PLACED.Blank() || (l.DATE_PLACED_CEASED.Blank() && l.REASON_PLACED_CEASED == "") {
				continue
			}
			if !p.DATE_PLACED.OK || (l.DATE_PLACED.OK && p.DATE_PLACED.Day <= l.DATE_PLACED.Day) {
				c.Fail(p.Ref, fmt.Sprintf("DATE_PLACED %s is not after last year's %s, whose decision ceased (DATE_PLACED_CEASED %s, REASON_PLACED_CEASED %s)",
					showDate(p.DATE_PLACED), showDate(l.DATE_PLACED), showDate(l.DATE_PLACED_CEASED), showQuoted(l.REASON_PLACED_CEASED)))
				break
			}
		}
	}
}

// ---- 564 to 581, 586: missing periods ----

// check564: where <MISSING> is M or A, <MIS_START> must be given.
func check564(c *Context) {
	for _, m := range c.This.Missing {
		if oneOf(m.MISSING, "M", "A") && m.MIS_START.Blank() {
			c.Fail(m.Ref, fmt.Sprintf("MISSING is %s but MIS_START is blank", m.MISSING))
		}
	}
}

// check565: where <MIS_START> is given, <MISSING> must be given.
func check565(c *Context) {
	for _, m := range c.This.Missing {
		if !m.MIS_START.Blank() && m.MISSING == "" {
			c.Fail(m.Ref, fmt.Sprintf("MIS_START is %s but MISSING is blank", m.MIS_START.Text))
		}
	}
}

// check566: where <MIS_END> is given, <MISSING> must be given.
func check566(c *Context) {
	for _, m := range c.This.Missing {
		if !m.MIS_END.Blank() && m.MISSING == "" {
			c.Fail(m.Ref, fmt.Sprintf("MIS_END is %s but MISSING is blank", m.MIS_END.Text))
		}
	}
}

// check567: <MIS_END> must not be before <MIS_START>.
func check567(c *Context) {
	for _, m := range c.This.Missing {
		if m.MIS_START.OK && m.MIS_END.OK && m.MIS_START.Day > m.MIS_END.Day {
			c.Fail(m.Ref, fmt.Sprintf("MIS_END %s is before MIS_START %s", m.MIS_END.Text, m.MIS_START.Text))
		}
	}
}

// check570: <MIS_START> must not be after the end of the collection year.
func check570(c *Context) {
	end := c.Year.End()
	for _, m := range c.This.Missing {
		if m.MIS_START.OK && m.MIS_START.Day > end {
			c.Fail(m.Ref, fmt.Sprintf("MIS_START %s is after the collection year ends on %s", m.MIS_START.Text, end))
		}
	}
}

// check571: <MIS_END> must be within the collection year.
func check571(c *Context) {
	start, end := c.Year.Start(), c.Year.End()
	for _, m := range c.This.Missing {
		if m.MIS_END.OK && (m.MIS_END.Day < start || m.MIS_END.Day > end) {
			c.Fail(m.Ref, fmt.Sprintf("MIS_END %s is outside the collection year %s to %s", m.MIS_END.Text, start, end))
		}
	}
}

// check574: ordering each child's missing periods by end (an open period
// by its start), then start, a period must not follow an open period nor
// start before the previous period ended.
func check574(c *Context) {
	endOrStart := func(m *MissingRow) DateField {
		if m.MIS_END.OK {
			return m.MIS_END
		}
		return m.MIS_START
	}
	_, groups := childGroups(c.This.Missing, func(m *MissingRow) string { return m.CHILD })
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
					showDate(m.MIS_START), showDate(prev.MIS_START), showDate(prev.MIS_END)))
			case m.MIS_START.OK && m.MIS_START.Day < prev.MIS_END.Day:
				c.Fail(m.Ref, fmt.Sprintf("period starts %s, before the period from %s ended on %s",
					m.MIS_START.Text, showDate(prev.MIS_START), prev.MIS_END.Text))
			}
		}
	}
}

// check575: a missing period that starts during an episode that has ended
// (<DECOM> <= <MIS_START> <= <DEC>) must have a <MIS_END>. On a day one
// episode ends and the next begins, the child went missing from the later
// one, which is in force at the end of that day; the peer takes the
// earlier and so flags a child whose placement goes on.
func check575(c *Context) {
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
}

// check576: where last year's return has an open missing period (no
// <MIS_END>), the child's earliest missing period this year must start on
// the same day.
func check576(c *Context) {
	if !c.Last.Has(ssda903.Missing) {
		return
	}
	open := map[string][]*MissingRow{}
	for _, l := range c.Last.Missing {
		if l.MIS_END.Blank() && l.MIS_START.OK {
			open[l.CHILD] = append(open[l.CHILD], l)
		}
	}
	_, groups := childGroups(c.This.Missing, func(m *MissingRow) string { return m.CHILD })
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
					l.MIS_START.Text, showDate(first.MIS_START)))
				break
			}
		}
	}
}

// fam500Periods describes a child's periods of care.
func fam500Periods(periods []periodOfCare) string {
	names := make([]string, len(periods))
	for i, p := range periods {
		names[i] = p.String()
	}
	if len(names) == 1 {
		return "the period of care " + names[0]
	}
	return "any period of care (" + fam500And(names) + ")"
}

// check577: a missing period must fit a period of care: for every one of
// the child's periods of care, a missing period without an end (while the
// period of care has ended, or starting before it) or ending outside it
// fails. Missing periods of children with no episodes are not checked.
func check577(c *Context) {
	fam500MissingInCare(c, func(m *MissingRow, periods []periodOfCare) {
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
			span := "with MIS_END " + showDate(m.MIS_END)
			if m.MIS_END.OK {
				span = "to " + m.MIS_END.Text
			}
			c.Fail(m.Ref, fmt.Sprintf("missing from %s %s does not fit %s", m.MIS_START.Text, span, fam500Periods(periods)))
		}
	})
}

// check578: <MIS_START> must fall within one of the child's periods of
// care: not before its start, and not after its end when it has ended.
func check578(c *Context) {
	fam500MissingInCare(c, func(m *MissingRow, periods []periodOfCare) {
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
			c.Fail(m.Ref, fmt.Sprintf("missing from %s, outside %s", m.MIS_START.Text, fam500Periods(periods)))
		}
	})
}

// fam500MissingInCare calls fn for each missing period of a child who has
// episodes with a valid <DECOM>, with the child's periods of care (worked
// out once per child).
func fam500MissingInCare(c *Context, fn func(m *MissingRow, periods []periodOfCare)) {
	_, groups := childGroups(c.This.Missing, func(m *MissingRow) string { return m.CHILD })
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

// check580: where a missing period ends on the child's 18th birthday and an
// episode ends that same day, the episode's <REC> must be E8.
func check580(c *Context) {
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
}

// check581: a missing period of a child with episodes must start during one
// of them (<DECOM> <= <MIS_START> <= <DEC>, or no <DEC>).
func check581(c *Context) {
	for _, m := range c.This.Missing {
		if len(c.This.EpisodesOf(m.CHILD)) == 0 {
			continue
		}
		eps := c.EpisodeHistory(m.CHILD) // a period carried over from last year started in it
		if !m.MIS_START.OK {
			c.Fail(m.Ref, fmt.Sprintf("MIS_START is %s, so the period cannot be placed within an episode", showDate(m.MIS_START)))
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
}

// check586: <MIS_START> must be after the child's <DOB>.
func check586(c *Context) {
	for _, m := range c.This.Missing {
		if m.MIS_START.OK && m.DOB.OK && m.MIS_START.Day <= m.DOB.Day {
			c.Fail(m.Ref, fmt.Sprintf("MIS_START %s is not after DOB %s", m.MIS_START.Text, m.DOB.Text))
		}
	}
}
