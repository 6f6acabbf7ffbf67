package rules

import (
	"fmt"
	"strings"

	"github.com/village-uk/village/returns/ssda903"
)

// reviewRules are the rules on reviews of the child's case.
var reviewRules = []*Rule{
	rule166,
	rule167,
	rule399,
	rule440,
	rule441,
}

// rule166: REVIEW must be a valid date.
var rule166 = &Rule{
	Code:    "166",
	Message: "Date of review is invalid or blank.",
	Tables:  []ssda903.TableName{ssda903.Reviews},
	Fields:  []string{"REVIEW"},
	Check: func(c *Context) {
		for _, r := range c.This.Reviews {
			switch {
			case r.REVIEW.Blank():
				c.Fail(r.Ref, "REVIEW is blank")
			case !r.REVIEW.OK:
				c.Failf(r.Ref, nil, "REVIEW %q is not a valid DD/MM/YYYY date", r.REVIEW.Text)
			}
		}
	},
}

// rule167: a review (REVIEW given) must have a valid REVIEW_CODE; a row
// without a REVIEW must have no REVIEW_CODE either.
var rule167 = &Rule{
	Code:    "167",
	Message: "Data entry for participation is invalid or blank.",
	Tables:  []ssda903.TableName{ssda903.Reviews},
	Fields:  []string{"REVIEW_CODE", "REVIEW"},
	Check: func(c *Context) {
		for _, r := range c.This.Reviews {
			switch {
			case !r.REVIEW.Blank() && !ssda903.ValidCode("REVIEW_CODE", r.REVIEW_CODE, c.Year):
				c.Fail(r.Ref, invalidCode("REVIEW_CODE", r.REVIEW_CODE, c.Year))
			case r.REVIEW.Blank() && r.REVIEW_CODE != "":
				c.Failf(r.Ref, nil, "REVIEW_CODE is %s but REVIEW is blank", r.REVIEW_CODE)
			}
		}
	},
}

// rule399: a child all of whose episodes are short breaks (V3/V4) must
// have no MOTHER, REVIEW or REVIEW_CODE. The child's episodes, the Header
// rows and the Reviews rows involved are reported.
var rule399 = &Rule{
	Code: "399", Message: "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.",
	Description: "If <LS> = 'V3' or 'V4' then <MOTHER>, <REVIEW> and <REVIEW_CODE> should not be provided. " +
		"Only children all of whose episodes are V3 or V4 are checked.",
	Tables: []ssda903.TableName{ssda903.Episodes, ssda903.Header, ssda903.Reviews},
	Fields: []string{"MOTHER", "LS", "REVIEW", "REVIEW_CODE"},
	Check: func(c *Context) {
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
	},
}

// rule440: if <REVIEW_CODE> is PN0 (child under 4), the child must be
// under 4 on the <REVIEW> date.
var rule440 = &Rule{
	Code: "440", Message: "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.",
	Tables: []ssda903.TableName{ssda903.Reviews}, Fields: []string{"DOB", "REVIEW", "REVIEW_CODE"},
	Check: func(c *Context) {
		for _, r := range c.This.Reviews {
			if r.REVIEW_CODE != "PN0" || !r.DOB.OK || !r.REVIEW.OK {
				continue
			}
			if four := r.DOB.Day.AddYears(4); r.REVIEW.Day > four {
				c.Failf(r.Ref, nil, "REVIEW_CODE is PN0 but the review on %s is after the child's 4th birthday %s (DOB %s)",
					r.REVIEW.Text, four, r.DOB.Text)
			}
		}
	},
}

// rule441: if <REVIEW_CODE> is PN1 to PN7, the child must be 4 or over on
// the <REVIEW> date.
var rule441 = &Rule{
	Code: "441", Message: "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.",
	Tables: []ssda903.TableName{ssda903.Reviews}, Fields: []string{"DOB", "REVIEW", "REVIEW_CODE"},
	Check: func(c *Context) {
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
	},
}
