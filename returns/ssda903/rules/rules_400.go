package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/village-uk/village/calendar"
	"github.com/village-uk/village/returns/ssda903"
)

// Rules 400 to 460: the sequence of a child's episodes, the placement
// fields derived from postcodes, and continuity with last year's return.

func init() {
	episodes := []ssda903.TableName{ssda903.Episodes}
	register(
		&Rule{
			Code: "406", Message: "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank.",
			Caveat:      caveatFormerUASC,
			Description: "If <UASC> = '1' or <COLLECTION YEAR> - 1 <UASC> = '1' or <COLLECTION YEAR> - 2 <UASC> = '1' Then <PL_DISTANCE> should not be provided. Note: <PL_DISTANCE> is a derived field in most instances.",
			Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.UASC}, Fields: []string{"PL_DISTANCE"},
			Needs: NeedPostcodes, Uses: NeedLast, Check: check406,
		},
		&Rule{
			Code: "407", Message: "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
			Description: "If <REC> = 'E45' or 'E46' or 'E47' or 'E48' then <DOB> must be < 18 years prior to <DEC>.",
			Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"DEC", "DOB", "REC"},
			Check: check407,
		},
		&Rule{
			Code: "408", Message: "Child is placed for adoption with a placement order, but no placement order has been recorded.",
			Tables: episodes, Fields: []string{"PLACE", "LS"}, Check: check408,
		},
		&Rule{
			Code: "411", Message: "Placement location code disagrees with LA of placement.",
			Tables: episodes, Fields: []string{"PL_LOCATION"}, Needs: NeedPostcodes | NeedLA, Check: check411,
		},
		&Rule{
			Code: "420", Message: "LA of placement completed but child is looked after under legal status V3 or V4.",
			Tables: episodes, Fields: []string{"PL_LA"}, Needs: NeedPostcodes, Check: check420,
		},
		&Rule{
			Code: "426", Message: "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
			Tables: episodes, Fields: []string{"LS"}, Check: check426,
		},
		&Rule{
			Code: "431", Message: "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
			Tables: episodes, Fields: []string{"RNE", "DECOM"}, Check: check431,
		},
		&Rule{
			Code: "432", Message: "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.",
			Tables: episodes, Fields: []string{"RNE"}, Check: check432,
		},
		&Rule{
			Code: "433", Message: "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.",
			Tables: episodes, Fields: []string{"RNE", "DECOM"}, Check: check433,
		},
		&Rule{
			Code: "434", Message: "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
			Tables: episodes, Fields: []string{"RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"}, Check: check434,
		},
		&Rule{
			Code: "435", Message: "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
			Tables: episodes, Fields: []string{"LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"}, Check: check435,
		},
		&Rule{
			Code: "436", Message: "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.",
			Tables: episodes, Fields: []string{"RNE", "LS", "PLACE", "PL_POST", "URN", "PLACE_PROVIDER"}, Check: check436,
		},
		&Rule{
			Code: "437", Message: "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
			Tables: episodes, Fields: []string{"REC"}, Check: check437,
		},
		&Rule{
			Code: "440", Message: "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.",
			Tables: []ssda903.TableName{ssda903.Reviews}, Fields: []string{"DOB", "REVIEW", "REVIEW_CODE"}, Check: check440,
		},
		&Rule{
			Code: "441", Message: "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.",
			Tables: []ssda903.TableName{ssda903.Reviews}, Fields: []string{"DOB", "REVIEW", "REVIEW_CODE"}, Check: check441,
		},
		&Rule{
			Code: "442", Message: "Unique Pupil Number (UPN) field is not completed.",
			Description: "Where any episode present, with an <LS> not = 'V3' or 'V4' then <UPN> must be provided.",
			Tables:      []ssda903.TableName{ssda903.Episodes, ssda903.Header}, Fields: []string{"UPN"}, Check: check442,
		},
		&Rule{
			Code: "444", Message: "Duplicate UPN has been reported",
			Description: "If <UPN> is provided and <UPN> is not in 'UN1', 'UN2', 'UN3', 'UN4', 'UN5' then <UPN> must be unique within the LA return in that year.",
			Tables:      []ssda903.TableName{ssda903.Header}, Fields: []string{"UPN"}, From: 2026, Check: check444,
		},
		&Rule{
			Code: "446", Message: "E1 is not a valid code for episodes starting before December 2005.",
			Tables: episodes, Fields: []string{"LS", "DECOM"}, Check: check446,
		},
		&Rule{
			Code: "452", Message: "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
			Tables: episodes, Fields: []string{"PL_LA"}, Needs: NeedLast | NeedPostcodes, Check: check452,
		},
		&Rule{
			Code: "453", Message: "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
			Tables: episodes, Fields: []string{"PL_DISTANCE"}, Needs: NeedLast | NeedPostcodes, Check: check453,
		},
		&Rule{
			Code: "454", Message: "Placement distance from home is over 350 miles.",
			Caveat:      caveatFormerUASC,
			Description: "If <PL_DISTANCE> is present and not 999.9, then <PL_DISTANCE> should be <= 350 miles.",
			Tables:      episodes, Fields: []string{"PL_DISTANCE"}, Needs: NeedPostcodes, From: 2026, Check: check454,
		},
		&Rule{
			Code: "460", Message: "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
			Tables: []ssda903.TableName{ssda903.Header, ssda903.Episodes}, Fields: []string{"DEC", "REC"}, Check: check460,
		},
	)
}

// fam400Postcodes are the submitted fields behind the derived placement
// fields, shown with a failure since PL_LA, PL_LOCATION and PL_DISTANCE are
// not columns of the table.
var fam400Postcodes = []string{"HOME_POST", "PL_POST"}

// fam400Miles writes a derived distance.
func fam400Miles(p *Placement) string {
	if p == nil || !p.HasDistance {
		return "unknown"
	}
	return fmt.Sprintf("%.1f miles", p.PL_DISTANCE)
}

// fam400First returns the child's first episode: the earliest valid DECOM,
// the first in file order among equal ones, or nil when none is valid.
func fam400First(eps []*EpisodeRow) *EpisodeRow {
	if len(eps) > 0 && eps[0].DECOM.OK {
		return eps[0] // eps is in DECOM order, invalid dates last
	}
	return nil
}

// fam400Placement lists the placement fields of an episode that rules 434
// to 436 compare with the previous episode's.
func fam400Placement(e *EpisodeRow) [4]string {
	return [4]string{e.PLACE, e.PL_POST, e.URN, e.PLACE_PROVIDER}
}

// fam400PlacementChanges names the placement fields that differ between
// two episodes, with their values.
func fam400PlacementChanges(prev, e *EpisodeRow) []string {
	names := [4]string{"PLACE", "PL_POST", "URN", "PLACE_PROVIDER"}
	a, b := fam400Placement(prev), fam400Placement(e)
	var out []string
	for i := range names {
		if a[i] != b[i] {
			out = append(out, fmt.Sprintf("%s %s to %s", names[i], orBlank(a[i]), orBlank(b[i])))
		}
	}
	return out
}

// check406: a child who is UASC this year or was last year (has a row in
// either year's UASC table) must have no placement distance: an episode
// whose home and placement postcodes both give a distance fails.
func check406(c *Context) {
	this := make(map[string]bool, len(c.This.UASC))
	for _, u := range c.This.UASC {
		this[u.CHILD] = true
	}
	last := make(map[string]bool, len(c.Last.UASC))
	for _, u := range c.Last.UASC {
		last[u.CHILD] = true
	}
	for _, e := range c.This.Episodes {
		if e.Derived == nil || !e.Derived.HasDistance {
			continue
		}
		var when string
		switch {
		case this[e.CHILD]:
			when = "is UASC this year"
		case last[e.CHILD]:
			when = "was UASC last year"
		default:
			continue
		}
		c.Failf(e.Ref, fam400Postcodes, "the child %s, but HOME_POST %s and PL_POST %s give a placement distance of %s",
			when, e.HOME_POST, e.PL_POST, fam400Miles(e.Derived))
	}
}

// fam400SGO reports whether REC is a special guardianship order (E45–E48).
func fam400SGO(rec string) bool {
	switch rec {
	case "E45", "E46", "E47", "E48":
		return true
	}
	return false
}

// check407: if <REC> is E45, E46, E47 or E48 (a special guardianship
// order), the episode must end (DEC) no later than the child's 18th
// birthday. Both the episode and the child's Header row fail.
func check407(c *Context) {
	headers := GroupByChild(c.This.Header, func(h *HeaderRow) string { return h.CHILD })
	failedHeader := map[*HeaderRow]bool{}
	for _, e := range c.This.Episodes {
		if !fam400SGO(e.REC) || !e.DEC.OK {
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
}

// check408: if <PLACE> is A5 or A6 (placed for adoption with a placement
// order), <LS> must be E1 (placement order granted).
func check408(c *Context) {
	for _, e := range c.This.Episodes {
		if (e.PLACE == "A5" || e.PLACE == "A6") && e.LS != "E1" {
			c.Failf(e.Ref, nil, "PLACE is %s but LS is %s, not E1", e.PLACE, orBlank(e.LS))
		}
	}
}

// check411: if <PL_LOCATION> is IN, <PL_LA> must be the local authority's
// own code.
func check411(c *Context) {
	for _, e := range c.This.Episodes {
		p := e.Derived
		if p == nil || p.PL_LOCATION != "IN" || strings.EqualFold(p.PL_LA, c.LA) {
			continue
		}
		c.Failf(e.Ref, fam400Postcodes, "PL_LOCATION is IN but PL_LA from PL_POST %s is %s, not the local authority %s",
			e.PL_POST, orBlank(p.PL_LA), c.LA)
	}
}

// check420: if <LS> is V3 or V4 (short breaks), <PL_LA> must not be
// provided: an episode whose placement postcode gives a local authority
// fails.
func check420(c *Context) {
	for _, e := range c.This.Episodes {
		if ShortBreak(e.LS) && e.Derived != nil && e.Derived.PL_LA != "" {
			c.Failf(e.Ref, []string{"LS", "PL_POST"}, "LS is %s but PL_POST %s gives PL_LA %s", e.LS, e.PL_POST, e.Derived.PL_LA)
		}
	}
}

// check426: a child may not have episodes under both <LS> V3 and V4;
// when one does, every V3 and V4 episode fails.
func check426(c *Context) {
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
}

// check431: if <RNE> is S (started to be looked after), <DECOM> must be
// after the <DEC> of the child's previous episode.
func check431(c *Context) {
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for i := 1; i < len(eps); i++ {
			prev, e := eps[i-1], eps[i]
			if e.RNE == "S" && e.DECOM.OK && prev.DEC.OK && e.DECOM.Day <= prev.DEC.Day {
				c.Failf(e.Ref, nil, "RNE is S but the episode starts on DECOM %s and the previous episode (DECOM %s) ended on DEC %s",
					e.DECOM.Text, prev.DECOM.Text, prev.DEC.Text)
			}
		}
	})
}

// fam400CeasedCare reports whether REC says the child ceased to be looked
// after: any reason but X1.
func fam400CeasedCare(rec string) bool {
	switch rec {
	case "E2", "E3", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "E11",
		"E12", "E13", "E14", "E15", "E16", "E17", "E41", "E45", "E46", "E47", "E48":
		return true
	}
	return false
}

// check432: if the child's previous episode ended with a <REC> that means
// care ceased (any code but X1), the next episode's <RNE> must be S.
func check432(c *Context) {
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for i := 1; i < len(eps); i++ {
			prev, e := eps[i-1], eps[i]
			if fam400CeasedCare(prev.REC) && e.RNE != "S" {
				c.Failf(e.Ref, nil, "the previous episode (DECOM %s) ended with REC %s, but this episode's RNE is %s, not S",
					prev.DECOM.Text, prev.REC, orBlank(e.RNE))
			}
		}
	})
}

// check433: if <RNE> is P, L, T, U or B (a continuation), <DECOM> must be
// the <DEC> of the child's previous episode. Episodes are taken in DECOM
// order, then DEC order.
func check433(c *Context) {
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
}

// check434: if <RNE> is L (change of legal status only), <LS> must differ
// from the child's previous episode's and <PLACE>, <PL_POST>, <URN> and
// <PLACE_PROVIDER> must be the same.
func check434(c *Context) {
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
			if changed := fam400PlacementChanges(prev, e); len(changed) > 0 {
				problems = append(problems, "the placement changed: "+strings.Join(changed, ", "))
			}
			if len(problems) > 0 {
				c.Failf(e.Ref, nil, "RNE is L but %s (previous episode DECOM %s)", strings.Join(problems, " and "), prev.DECOM.Text)
			}
		}
	})
}

// check435: if <RNE> is P or T (change of placement only), <LS> must be
// the same as the child's previous episode's and at least one of
// <PLACE>, <PL_POST>, <URN> and <PLACE_PROVIDER> must differ.
func check435(c *Context) {
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
			if fam400Placement(prev) == fam400Placement(e) {
				problems = append(problems, "PLACE, PL_POST, URN and PLACE_PROVIDER are the same as in the previous episode")
			}
			if len(problems) > 0 {
				c.Failf(e.Ref, nil, "RNE is %s but %s (previous episode DECOM %s)", e.RNE, strings.Join(problems, " and "), prev.DECOM.Text)
			}
		}
	})
}

// check436: if <RNE> is B or U (change of legal status and placement),
// <LS> must differ from the child's previous episode's and at least one of
// <PLACE>, <PL_POST>, <URN> and <PLACE_PROVIDER> must differ.
func check436(c *Context) {
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
			if fam400Placement(prev) == fam400Placement(e) {
				problems = append(problems, "PLACE, PL_POST, URN and PLACE_PROVIDER are the same as in the previous episode")
			}
			if len(problems) > 0 {
				c.Failf(e.Ref, nil, "RNE is %s but %s (previous episode DECOM %s)", e.RNE, strings.Join(problems, " and "), prev.DECOM.Text)
			}
		}
	})
}

// check437: if <REC> is E2 (died) or E15 (age assessment found the child
// 18 or over), the child must have no later episode.
func check437(c *Context) {
	eachChild(c.This, func(_ string, eps []*EpisodeRow) {
		for i, e := range eps[:len(eps)-1] {
			if e.DECOM.OK && (e.REC == "E2" || e.REC == "E15") {
				next := eps[i+1]
				c.Failf(e.Ref, nil, "the episode starting %s ended with REC %s, but another episode follows (DECOM %s)",
					e.DECOM.Text, e.REC, orBlank(next.DECOM.Text))
			}
		}
	})
}

// check440: if <REVIEW_CODE> is PN0 (child under 4), the child must be
// under 4 on the <REVIEW> date.
func check440(c *Context) {
	for _, r := range c.This.Reviews {
		if r.REVIEW_CODE != "PN0" || !r.DOB.OK || !r.REVIEW.OK {
			continue
		}
		if four := r.DOB.Day.AddYears(4); r.REVIEW.Day > four {
			c.Failf(r.Ref, nil, "REVIEW_CODE is PN0 but the review on %s is after the child's 4th birthday %s (DOB %s)",
				r.REVIEW.Text, four, r.DOB.Text)
		}
	}
}

// check441: if <REVIEW_CODE> is PN1 to PN7, the child must be 4 or over on
// the <REVIEW> date.
func check441(c *Context) {
	for _, r := range c.This.Reviews {
		switch r.REVIEW_CODE {
		case "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7":
		default:
			continue
		}
		if !r.DOB.OK || !r.REVIEW.OK {
			continue
		}
		if four := r.DOB.Day.AddYears(4); r.REVIEW.Day < four {
			c.Failf(r.Ref, nil, "REVIEW_CODE is %s but the review on %s is before the child's 4th birthday %s (DOB %s)",
				r.REVIEW_CODE, r.REVIEW.Text, four, r.DOB.Text)
		}
	}
}

// check442: a child with any episode whose <LS> is not V3 or V4 must have
// a <UPN>.
func check442(c *Context) {
	looked := map[string]string{} // child -> DECOM of an episode not a short break
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
}

// check444: a <UPN> other than UN1 to UN5 must appear only once in the
// Header; every row with a repeated one fails.
func check444(c *Context) {
	count := map[string]int{}
	for _, h := range c.This.Header {
		switch h.UPN {
		case "", "UN1", "UN2", "UN3", "UN4", "UN5":
		default:
			count[h.UPN]++
		}
	}
	for _, h := range c.This.Header {
		if n := count[h.UPN]; n > 1 {
			c.Failf(h.Ref, nil, "UPN %s is reported for %d Header rows", h.UPN, n)
		}
	}
}

// check446: <LS> E1 (placement order) is not valid for an episode whose
// <DECOM> is before 1 December 2005.
func check446(c *Context) {
	first := calendar.NewDate(2005, 12, 1)
	for _, e := range c.This.Episodes {
		if e.LS == "E1" && e.DECOM.OK && e.DECOM.Day < first {
			c.Failf(e.Ref, nil, "LS is E1 but DECOM %s is before 01/12/2005", e.DECOM.Text)
		}
	}
}

// fam400Continued calls fn for each child whose latest episode last year
// has the same <RNE> as the first episode this year, with both episodes.
func fam400Continued(c *Context, fn func(first, last *EpisodeRow)) {
	eachChild(c.This, func(child string, eps []*EpisodeRow) {
		first := fam400First(eps)
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

// check452: if the child's latest episode last year was open (no <DEC>)
// and the first episode this year has the same <RNE>, the two must have
// the same <PL_LA>.
func check452(c *Context) {
	fam400Continued(c, func(first, last *EpisodeRow) {
		if !last.DEC.Blank() || first.Derived == nil || last.Derived == nil {
			return
		}
		if a, b := last.Derived.PL_LA, first.Derived.PL_LA; a != b {
			c.Failf(first.Ref, []string{"PL_POST"}, "PL_LA is %s (PL_POST %s) but last year's open episode from %s had PL_LA %s (PL_POST %s)",
				orBlank(b), orBlank(first.PL_POST), last.DECOM.Text, orBlank(a), orBlank(last.PL_POST))
		}
	})
}

// check453: if the child's latest episode last year was open (no valid
// <DEC>) and the first episode this year has the same <RNE>, the two
// placement distances must be within 0.2 miles of each other, and this
// year's must be blank if last year's was.
func check453(c *Context) {
	fam400Continued(c, func(first, last *EpisodeRow) {
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
			c.Failf(first.Ref, fam400Postcodes, "the placement distance is %s but last year's open episode from %s had %s",
				fam400Miles(b), last.DECOM.Text, fam400Miles(a))
		}
	})
}

// check454: <PL_DISTANCE>, when present and not 999.9, must be at most
// 350 miles.
func check454(c *Context) {
	for _, e := range c.This.Episodes {
		p := e.Derived
		if p != nil && p.HasDistance && p.PL_DISTANCE > 350 && p.PL_DISTANCE != 999.9 {
			c.Failf(e.Ref, fam400Postcodes, "HOME_POST %s and PL_POST %s are %s apart", e.HOME_POST, e.PL_POST, fam400Miles(p))
		}
	}
}

// check460: if <REC> is E17 (aged 18 or over and stayed with current
// carers), the child must be 18 or over on <DEC>.
func check460(c *Context) {
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
}
