package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// Rules 101 to 199: whether each item is a valid code or date.

func init() {
	register(
		&Rule{
			Code: "101", Message: "The child or young person’s reported sex is not valid.",
			Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"SEX"},
			From: 2025, Check: check101,
		},
		&Rule{
			Code: "102", Message: "Date of birth is not a valid date.",
			Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"DOB"},
			Check: check102,
		},
		&Rule{
			Code: "103", Message: "The ethnicity code is either not valid or has not been entered.",
			Tables: []ssda903.TableName{ssda903.Header}, Fields: []string{"ETHNIC"},
			Check: check103,
		},
		&Rule{
			Code:    "104",
			Message: "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
			Tables:  []ssda903.TableName{ssda903.UASC}, Fields: []string{"DUC"},
			Check: check104,
		},
		&Rule{
			Code: "112", Message: "Date should be placed for adoption is not a valid date.",
			Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_INT"},
			Check: check112,
		},
		&Rule{
			Code: "113", Message: "Date matching child and adopter(s) is not a valid date.",
			Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"DATE_MATCH"},
			Check: check113,
		},
		&Rule{
			Code: "114", Message: "Data entry to record the status of former carer(s) of an adopted child is invalid.",
			Tables: []ssda903.TableName{ssda903.AD1}, Fields: []string{"FOSTER_CARE"},
			Check: check114,
		},
		&Rule{
			Code:    "115",
			Message: "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
			Tables:  []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED"},
			Check: check115,
		},
		&Rule{
			Code:    "116",
			Message: "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
			Tables:  []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"DATE_PLACED_CEASED"},
			Check: check116,
		},
		&Rule{
			Code: "117",
			Message: "Date of decision that a child should/should no longer be placed for adoption is beyond the current " +
				"collection year or after the child ceased to be looked after.",
			Description: "If provided <DATE_PLACED> and/or <DATE_PLACED_CEASED> must not be > <COLLECTION_END_DATE> " +
				"or <DEC> of latest episode where <REC> not = 'X1'",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
			Fields: []string{"DATE_PLACED_CEASED", "DATE_PLACED", "DEC", "REC", "DECOM"},
			Check:  check117,
		},
		&Rule{
			Code: "118",
			Message: "Date of decision that a child should no longer be placed for adoption is before the current " +
				"collection year or before the date the child started to be looked after.",
			Description: "If provided <DATE_PLACED_CEASED> must not be prior to <COLLECTION_START_DATE> or <DECOM> " +
				"of the earliest episode with an <LS> not = 'V3' or 'V4'",
			Tables: []ssda903.TableName{ssda903.Episodes, ssda903.PlacedAdoption},
			Fields: []string{"DATE_PLACED_CEASED", "DECOM", "LS"},
			Check:  check118,
		},
		&Rule{
			Code: "119",
			Message: "If the decision is made that a child should no longer be placed for adoption, then the date of " +
				"this decision and the reason why this decision was made must be completed.",
			Tables: []ssda903.TableName{ssda903.PlacedAdoption},
			Fields: []string{"REASON_PLACED_CEASED", "DATE_PLACED_CEASED"},
			Check:  check119,
		},
		&Rule{
			Code: "120",
			Message: "The reason for the reversal of the decision that the child should be placed for adoption " +
				"code is not valid.",
			Tables: []ssda903.TableName{ssda903.PlacedAdoption}, Fields: []string{"REASON_PLACED_CEASED"},
			Check: check120,
		},
		&Rule{
			Code: "131", Message: "Data entry for being in touch after leaving care is invalid.",
			Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"IN_TOUCH"},
			Check: check131,
		},
		&Rule{
			Code: "132", Message: "Data entry for activity after leaving care is invalid.",
			Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"ACTIV"},
			Check: check132,
		},
		&Rule{
			Code: "133",
			Message: "Data entry for accommodation after leaving care is invalid. If reporting on a childs " +
				"accommodation after leaving care the data entry must be valid",
			Tables: []ssda903.TableName{ssda903.OC3}, Fields: []string{"ACCOM"},
			Check: check133,
		},
		&Rule{
			Code: "134", Message: "Data on adoption should not be entered for the OC3 cohort.",
			Tables: []ssda903.TableName{ssda903.OC3, ssda903.AD1},
			Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM", "DATE_INT", "DATE_MATCH", "FOSTER_CARE",
				"NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
			Check: check134,
		},
		&Rule{
			Code: "141", Message: "Date episode began is not a valid date.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DECOM"},
			Check: check141,
		},
		&Rule{
			Code: "142", Message: "A new episode has started, but the previous episode has not ended.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC", "REC"},
			Check: check142,
		},
		&Rule{
			Code: "143", Message: "The reason for new episode code is not a valid code.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"RNE"},
			Check: check143,
		},
		&Rule{
			Code: "144", Message: "The legal status code is not a valid code.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"LS"},
			Check: check144,
		},
		&Rule{
			Code: "145", Message: "Category of need code is not a valid code.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"CIN"},
			Check: check145,
		},
		&Rule{
			Code: "146", Message: "Placement type code is not a valid code.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"PLACE"},
			From: 2026, Check: check146,
		},
		&Rule{
			Code: "147", Message: "Date episode ceased is not a valid date.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC"},
			Check: check147,
		},
		&Rule{
			Code: "148", Message: "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"DEC", "REC"},
			Check: check148,
		},
		&Rule{
			Code: "149", Message: "Reason episode ceased code is not valid.",
			Tables: []ssda903.TableName{ssda903.Episodes}, Fields: []string{"REC"},
			Check: check149,
		},
	)
}

// fam100BadDate explains a date field that is blank or not a valid
// DD/MM/YYYY date.
func fam100BadDate(field string, d DateField) string {
	if d.Blank() {
		return field + " is blank"
	}
	return fmt.Sprintf("%s %q is not a valid date in the form DD/MM/YYYY", field, d.Text)
}

// fam100FailBadCode fails the row when value is not in field's code list
// for the return's year; a blank value passes when blankOK.
func fam100FailBadCode(c *Context, ref Ref, field, value string, blankOK bool) {
	if blankOK && value == "" {
		return
	}
	if !ssda903.ValidCode(field, value, c.Year) {
		c.Fail(ref, invalidCode(field, value, c.Year))
	}
}

// check101: <SEX> must be present and a valid code (M, F or U from 2024/25).
func check101(c *Context) {
	for _, h := range c.This.Header {
		if !ssda903.ValidCode("SEX", h.SEX, c.Year) {
			c.Fail(h.Ref, invalidCode("SEX", h.SEX, c.Year))
		}
	}
}

// check102: <DOB> must be present and a valid date.
func check102(c *Context) {
	for _, h := range c.This.Header {
		if !h.DOB.OK {
			c.Fail(h.Ref, fam100BadDate("DOB", h.DOB))
		}
	}
}

// check103: <ETHNIC> must be present and a valid code.
func check103(c *Context) {
	for _, h := range c.This.Header {
		if !ssda903.ValidCode("ETHNIC", h.ETHNIC, c.Year) {
			c.Fail(h.Ref, invalidCode("ETHNIC", h.ETHNIC, c.Year))
		}
	}
}

// check104: if provided, <DUC> must be a valid date and must not be before
// the start of the collection year.
func check104(c *Context) {
	start := c.Year.Start()
	for _, u := range c.This.UASC {
		switch {
		case u.DUC.Blank():
		case !u.DUC.OK:
			c.Fail(u.Ref, fam100BadDate("DUC", u.DUC))
		case u.DUC.Day < start:
			c.Failf(u.Ref, nil, "DUC %s is before the collection year starts on %s", u.DUC.Text, start)
		}
	}
}

// check112: if provided, <DATE_INT> must be a valid date.
func check112(c *Context) {
	for _, a := range c.This.AD1 {
		if !a.DATE_INT.Blank() && !a.DATE_INT.OK {
			c.Fail(a.Ref, fam100BadDate("DATE_INT", a.DATE_INT))
		}
	}
}

// check113: if provided, <DATE_MATCH> must be a valid date.
func check113(c *Context) {
	for _, a := range c.This.AD1 {
		if !a.DATE_MATCH.Blank() && !a.DATE_MATCH.OK {
			c.Fail(a.Ref, fam100BadDate("DATE_MATCH", a.DATE_MATCH))
		}
	}
}

// check114: if provided, <FOSTER_CARE> must be a valid code (0 or 1).
func check114(c *Context) {
	for _, a := range c.This.AD1 {
		fam100FailBadCode(c, a.Ref, "FOSTER_CARE", a.FOSTER_CARE, true)
	}
}

// check115: if provided, <DATE_PLACED> must be a valid date.
func check115(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		if !p.DATE_PLACED.Blank() && !p.DATE_PLACED.OK {
			c.Fail(p.Ref, fam100BadDate("DATE_PLACED", p.DATE_PLACED))
		}
	}
}

// check116: if provided, <DATE_PLACED_CEASED> must be a valid date.
func check116(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		if !p.DATE_PLACED_CEASED.Blank() && !p.DATE_PLACED_CEASED.OK {
			c.Fail(p.Ref, fam100BadDate("DATE_PLACED_CEASED", p.DATE_PLACED_CEASED))
		}
	}
}

// check117: if provided, <DATE_PLACED> and/or <DATE_PLACED_CEASED> must not
// be after <COLLECTION_END_DATE> or after <DEC> of the child's latest
// episode whose <REC> is not X1. Only children with such an episode (with a
// valid DECOM) are checked; the PlacedAdoption row and that episode fail.
func check117(c *Context) {
	end := c.Year.End()
	placed := GroupByChild(c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
	for child, rows := range placed {
		var latest *EpisodeRow
		for _, e := range c.This.EpisodesOf(child) {
			if e.DECOM.OK && e.REC != "X1" && (latest == nil || e.DECOM.Day > latest.DECOM.Day) {
				latest = e
			}
		}
		if latest == nil {
			continue
		}
		var reasons []string
		for _, p := range rows {
			var why []string
			for _, d := range []struct {
				name string
				f    DateField
			}{{"DATE_PLACED", p.DATE_PLACED}, {"DATE_PLACED_CEASED", p.DATE_PLACED_CEASED}} {
				if !d.f.OK {
					continue
				}
				if d.f.Day > end {
					why = append(why, fmt.Sprintf("%s %s is after the collection year ends on %s", d.name, d.f.Text, end))
				}
				if latest.DEC.OK && d.f.Day > latest.DEC.Day {
					why = append(why, fmt.Sprintf("%s %s is after DEC %s of the latest episode not ending X1 (DECOM %s)",
						d.name, d.f.Text, latest.DEC.Text, latest.DECOM.Text))
				}
			}
			if len(why) > 0 {
				c.Fail(p.Ref, strings.Join(why, "; "))
				reasons = append(reasons, why...)
			}
		}
		if len(reasons) > 0 {
			c.Fail(latest.Ref, strings.Join(reasons, "; "))
		}
	}
}

// check118: if provided, <DATE_PLACED_CEASED> must not be before
// <COLLECTION_START_DATE> or before <DECOM> of the child's earliest episode
// whose <LS> is not V3 or V4. Only children with such an episode (with a
// valid DECOM) are checked; the PlacedAdoption row and that episode fail.
func check118(c *Context) {
	start := c.Year.Start()
	placed := GroupByChild(c.This.PlacedAdoption, func(p *PlacedAdoptionRow) string { return p.CHILD })
	for child, rows := range placed {
		var earliest *EpisodeRow
		for _, e := range c.This.EpisodesOf(child) { // in DECOM order
			if e.DECOM.OK && !ShortBreak(e.LS) {
				earliest = e
				break
			}
		}
		if earliest == nil {
			continue
		}
		var reasons []string
		for _, p := range rows {
			ceased := p.DATE_PLACED_CEASED
			if !ceased.OK {
				continue
			}
			var why []string
			if ceased.Day < start {
				why = append(why, fmt.Sprintf("DATE_PLACED_CEASED %s is before the collection year starts on %s",
					ceased.Text, start))
			}
			if ceased.Day < earliest.DECOM.Day {
				why = append(why, fmt.Sprintf("DATE_PLACED_CEASED %s is before DECOM %s of the earliest episode not a short break (LS %s)",
					ceased.Text, earliest.DECOM.Text, earliest.LS))
			}
			if len(why) > 0 {
				c.Fail(p.Ref, strings.Join(why, "; "))
				reasons = append(reasons, why...)
			}
		}
		if len(reasons) > 0 {
			c.Fail(earliest.Ref, strings.Join(reasons, "; "))
		}
	}
}

// check119: <DATE_PLACED_CEASED> and <REASON_PLACED_CEASED> must both be
// provided or both be blank.
func check119(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		switch date, reason := p.DATE_PLACED_CEASED.Text, p.REASON_PLACED_CEASED; {
		case date != "" && reason == "":
			c.Failf(p.Ref, nil, "DATE_PLACED_CEASED is %s but REASON_PLACED_CEASED is blank", date)
		case date == "" && reason != "":
			c.Failf(p.Ref, nil, "REASON_PLACED_CEASED is %s but DATE_PLACED_CEASED is blank", reason)
		}
	}
}

// check120: if provided, <REASON_PLACED_CEASED> must be a valid code.
func check120(c *Context) {
	for _, p := range c.This.PlacedAdoption {
		fam100FailBadCode(c, p.Ref, "REASON_PLACED_CEASED", p.REASON_PLACED_CEASED, true)
	}
}

// check131: <IN_TOUCH> must be present and a valid code.
func check131(c *Context) {
	for _, o := range c.This.OC3 {
		fam100FailBadCode(c, o.Ref, "IN_TOUCH", o.IN_TOUCH, false)
	}
}

// check132: <ACTIV> must be present and a valid code.
func check132(c *Context) {
	for _, o := range c.This.OC3 {
		fam100FailBadCode(c, o.Ref, "ACTIV", o.ACTIV, false)
	}
}

// check133: <ACCOM> must be present and a valid code.
func check133(c *Context) {
	for _, o := range c.This.OC3 {
		fam100FailBadCode(c, o.Ref, "ACCOM", o.ACCOM, false)
	}
}

// check134: a child with any of <IN_TOUCH>, <ACTIV> or <ACCOM> provided
// must not have any of <DATE_INT>, <DATE_MATCH>, <FOSTER_CARE>,
// <NB_ADOPTR>, <SEX_ADOPTR> or <LS_ADOPTR> provided. The AD1 row fails.
func check134(c *Context) {
	oc3 := map[string]*OC3Row{} // the first OC3 row with data of each child
	for _, o := range c.This.OC3 {
		if (o.IN_TOUCH != "" || o.ACTIV != "" || o.ACCOM != "") && oc3[o.CHILD] == nil {
			oc3[o.CHILD] = o
		}
	}
	for _, a := range c.This.AD1 {
		o := oc3[a.CHILD]
		if o == nil {
			continue
		}
		var given []string
		for _, f := range []struct{ name, value string }{
			{"DATE_INT", a.DATE_INT.Text}, {"DATE_MATCH", a.DATE_MATCH.Text}, {"FOSTER_CARE", a.FOSTER_CARE},
			{"NB_ADOPTR", a.NB_ADOPTR}, {"SEX_ADOPTR", a.SEX_ADOPTR}, {"LS_ADOPTR", a.LS_ADOPTR},
		} {
			if f.value != "" {
				given = append(given, f.name+" "+f.value)
			}
		}
		if len(given) > 0 {
			c.Failf(a.Ref, nil, "the child has adoption data (%s) and care leaver data in OC3 (IN_TOUCH %q, ACTIV %q, ACCOM %q)",
				strings.Join(given, ", "), o.IN_TOUCH, o.ACTIV, o.ACCOM)
		}
	}
}

// check141: if provided, <DECOM> must be a valid date.
func check141(c *Context) {
	for _, e := range c.This.Episodes {
		if !e.DECOM.Blank() && !e.DECOM.OK {
			c.Fail(e.Ref, fam100BadDate("DECOM", e.DECOM))
		}
	}
}

// check142: every episode of a child but the latest (by <DECOM>) must have
// a valid <DEC> and a <REC>. Episodes without a valid DECOM are not
// checked, and count as the latest.
func check142(c *Context) {
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
				missing = append(missing, fam100BadDate("DEC", e.DEC))
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
}

// check143: if provided, <RNE> must be a valid code.
func check143(c *Context) {
	for _, e := range c.This.Episodes {
		fam100FailBadCode(c, e.Ref, "RNE", e.RNE, true)
	}
}

// check144: if provided, <LS> must be a valid code.
func check144(c *Context) {
	for _, e := range c.This.Episodes {
		fam100FailBadCode(c, e.Ref, "LS", e.LS, true)
	}
}

// check145: if provided, <CIN> must be a valid code.
func check145(c *Context) {
	for _, e := range c.This.Episodes {
		fam100FailBadCode(c, e.Ref, "CIN", e.CIN, true)
	}
}

// check146: if provided, <PLACE> must be a valid code for the collection
// year (from 2025/26 Z11 to Z14 replace Z1, and H5 and P2 are no longer
// valid).
func check146(c *Context) {
	for _, e := range c.This.Episodes {
		fam100FailBadCode(c, e.Ref, "PLACE", e.PLACE, true)
	}
}

// check147: if provided, <DEC> must be a valid date.
func check147(c *Context) {
	for _, e := range c.This.Episodes {
		if !e.DEC.Blank() && !e.DEC.OK {
			c.Fail(e.Ref, fam100BadDate("DEC", e.DEC))
		}
	}
}

// check148: <DEC> and <REC> must both be provided or both be blank.
func check148(c *Context) {
	for _, e := range c.This.Episodes {
		switch {
		case e.DEC.Text != "" && e.REC == "":
			c.Failf(e.Ref, nil, "DEC is %s but REC is blank", e.DEC.Text)
		case e.DEC.Text == "" && e.REC != "":
			c.Failf(e.Ref, nil, "REC is %s but DEC is blank", e.REC)
		}
	}
}

// check149: if provided, <REC> must be a valid code.
func check149(c *Context) {
	for _, e := range c.This.Episodes {
		fam100FailBadCode(c, e.Ref, "REC", e.REC, true)
	}
}
